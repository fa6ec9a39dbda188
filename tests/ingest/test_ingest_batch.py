"""Batches: folders expand to sorted supported files; one bad file never stops a batch."""

from __future__ import annotations

from pathlib import Path

from commitgraph.errors import InputError
from commitgraph.ingest import expand_inputs, iter_sources
from commitgraph.model import SourceText
from tests.factories.badinput import MixedFolder, make_missing, make_text


def test_expand_inputs_sorts_and_skips_unsupported(mixed_folder: MixedFolder) -> None:
    found = expand_inputs([mixed_folder.root])
    assert [path.relative_to(mixed_folder.root).as_posix() for path in found] == [
        "Z décision.html",
        "a décision № 7.txt",
        "cp1251.txt",
        "empty.txt",
        "m décision.pdf",
        "renamed.docx",
        "sous-dossier/b décision.docx",
        "sous-dossier/noise.txt",
        "truncated.pdf",
    ]
    assert set(found) == set(mixed_folder.good) | set(mixed_folder.bad)
    assert not set(found) & set(mixed_folder.skipped)
    assert expand_inputs([mixed_folder.root]) == found  # deterministic
    # Callers expand first and then hand the list to iter_sources, which expands again.
    assert expand_inputs(found) == found


def test_expand_inputs_keeps_explicit_files_and_drops_repeats(
    tmp_path: Path, mixed_folder: MixedFolder
) -> None:
    explicit = make_text(tmp_path / "other", name="notes.txt")
    missing = make_missing(tmp_path / "other")
    found = expand_inputs([explicit, mixed_folder.root, missing, explicit, mixed_folder.root])
    assert found[0] == explicit
    assert found[-1] == missing  # reported later by read_source, not silently dropped
    assert len(found) == len(set(found)) == 2 + len(mixed_folder.good) + len(mixed_folder.bad)


def test_iter_sources_yields_texts_and_errors_in_order(mixed_folder: MixedFolder) -> None:
    results = list(iter_sources([mixed_folder.root]))
    assert [result.path for result in results] == expand_inputs([mixed_folder.root])
    read = [r for r in results if isinstance(r, SourceText)]
    failed = [r for r in results if isinstance(r, InputError)]
    assert len(read) + len(failed) == len(results)
    assert {r.path for r in read} == set(mixed_folder.good)
    assert {e.path for e in failed} == set(mixed_folder.bad)
    assert {r.format for r in read} == {"text", "pdf", "docx", "html"}
    assert all(e.message and "\n" not in str(e) for e in failed)


def test_iter_sources_continues_after_a_missing_file(tmp_path: Path) -> None:
    good = make_text(tmp_path)
    results = list(iter_sources([make_missing(tmp_path), good]))
    assert isinstance(results[0], InputError)
    assert "not found" in results[0].message
    assert isinstance(results[1], SourceText)
    assert results[1].path == good
