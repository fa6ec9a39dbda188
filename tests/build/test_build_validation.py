"""The build's split validation finds what a whole-store validation finds.

A build checks each document's node-local constraints in the worker that mapped it and
runs the rest of the shapes over the store (commitgraph.shacl_local). Here faults of both
kinds are planted in the mapping's output, and the build's issues must equal those of
``validate_store`` run with every rule on the finished store, and the per-document counts
must follow.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from commitgraph.build import build
from commitgraph.rdf import mapping
from commitgraph.shacl_sparql import validate_store
from commitgraph.spool import SPOOL_PREFIX
from commitgraph.store import open_store
from tests.helpers import SAMPLE_CORPUS

OA = "http://www.w3.org/ns/oa#"
CG = "https://w3id.org/commitgraph/ontology#"
PROV = "http://www.w3.org/ns/prov#"


def _plant(graph: mapping.DocumentGraph) -> mapping.DocumentGraph:
    """Break one document: a span without its quote, a span ending before it starts
    (both node-local), an unknown addressee and a derivation from something that is not
    a span (both read other nodes' facts, over the store)."""
    triples = list(graph.triples)
    exact = next(i for i, t in enumerate(triples) if t.predicate.value == OA + "exact")
    del triples[exact]
    end = next(i for i, t in enumerate(triples) if t.predicate.value == OA + "end")
    t = triples[end]
    triples[end] = ox.Triple(t.subject, t.predicate, ox.Literal("0", datatype=t.object.datatype))
    addressed = next(t for t in triples if t.predicate.value == CG + "addressee")
    triples.append(
        ox.Triple(
            addressed.subject,
            addressed.predicate,
            ox.NamedNode("https://w3id.org/commitgraph/id/actor/Nobody"),
        )
    )
    derived = next(
        t
        for t in triples
        if t.predicate.value == PROV + "wasDerivedFrom" and "/op/" in t.subject.value
    )
    triples.append(
        ox.Triple(derived.subject, derived.predicate, ox.NamedNode(graph.work + "/not-a-span"))
    )
    return mapping.DocumentGraph(graph=graph.graph, work=graph.work, triples=triples)


@pytest.fixture
def broken_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple:  # type: ignore[type-arg]
    original = mapping.map_record

    def map_record(record, lex=None):  # type: ignore[no-untyped-def]
        graph = original(record, lex)
        seed = record.symbol == "MC.DEC/7/17" and record.language == "fr"
        return _plant(graph) if seed else graph

    monkeypatch.setattr(mapping, "map_record", map_record)
    store = tmp_path / "store"
    report = build([SAMPLE_CORPUS], tmp_path / "out", store=store, pictures=False, workers=1)
    return report, store


def _keys(issues: list) -> set[tuple]:  # type: ignore[type-arg]
    return {(i.shape, i.focus, i.value, i.severity) for i in issues}


def test_split_validation_equals_whole_store_validation(broken_build: tuple) -> None:  # type: ignore[type-arg]
    report, store = broken_build
    db = open_store(store, read_only=True)
    whole = validate_store(db, merged=True)
    assert _keys(report.issues) == _keys(whole)
    shapes = {str(i.shape).rsplit("#", 1)[-1] for i in report.issues}
    # Both kinds were planted and both were found.
    assert {"SpecificResource-quote", "Position-order", "DerivedFromSpan-span"} <= shapes
    assert any("known" in s for s in shapes)


def test_only_the_broken_document_is_counted(broken_build: tuple) -> None:  # type: ignore[type-arg]
    report, _ = broken_build
    broken = [d for d in report.documents if d.violations]
    assert [Path(d.path).name for d in broken] == ["MC.DEC.7.17.fr.txt"]
    assert broken[0].violations == report.violations


def test_the_manifest_keeps_the_issues_for_an_incremental_rebuild(
    broken_build: tuple,  # type: ignore[type-arg]
    tmp_path: Path,
) -> None:
    report, store = broken_build
    again = build([SAMPLE_CORPUS], tmp_path / "out", store=store, pictures=False, workers=1)
    assert again.changed == 0
    assert _keys(again.issues) == _keys(report.issues)


def test_workers_spool_to_files_that_are_removed(tmp_path: Path) -> None:
    store = tmp_path / "store"
    report = build([SAMPLE_CORPUS], tmp_path / "out", store=store, pictures=False, workers=2)
    assert not report.failures and report.violations == 0
    assert not list(tmp_path.glob(f"{SPOOL_PREFIX}*"))
    db = open_store(store, read_only=True)
    for d in report.documents:  # every document's graph arrived whole through the spool
        graph = ox.NamedNode(d.graph)
        assert sum(1 for _ in db.quads_for_pattern(None, None, None, graph)) == d.triples


def test_a_rebuild_hashes_only_files_whose_stat_changed(tmp_path: Path) -> None:
    """Size and modification time first, as git does; the hash decides when they moved."""
    corpus = tmp_path / "corpus"
    shutil.copytree(SAMPLE_CORPUS, corpus)
    store, out = tmp_path / "store", tmp_path / "out"
    assert build([corpus], out, store=store, pictures=False, workers=1).changed == 9
    seed = corpus / "MC.DEC.7.17.fr.txt"
    # Touched, same content: hashed again, found unchanged, not re-extracted.
    os.utime(seed, ns=(time.time_ns(), time.time_ns()))
    assert build([corpus], out, store=store, pictures=False, workers=1).changed == 0
    # Same size and time, other content (a copy tool that keeps times): taken as
    # unchanged, unless --rehash.
    info = seed.stat()
    text = seed.read_text(encoding="utf-8")
    assert "journal de ce jour" in text
    seed.write_text(text.replace("journal de ce jour", "journal du jour-ci"), encoding="utf-8")
    os.utime(seed, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert build([corpus], out, store=store, pictures=False, workers=1).changed == 0
    again = build([corpus], out, store=store, pictures=False, workers=1, rehash=True)
    assert not again.failures
    assert again.changed == 1 and again.unchanged == 8
