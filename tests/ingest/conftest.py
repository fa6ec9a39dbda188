"""Fixtures for the ingest tests; the file builders themselves live in tests/factories.

The builders are plain functions (``tests.factories.badinput``) so that other suites can
reuse them; the fixtures here only bind them to pytest's ``tmp_path``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

# pytest puts this folder, not the repository root, on sys.path (there is no
# tests/__init__.py); the root is needed to import the shared ``tests.factories``.
_ROOT = str(Path(__file__).resolve().parents[2])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from tests.factories import badinput  # noqa: E402


@pytest.fixture
def build(tmp_path: Path) -> Callable[[str], Path]:
    """Build a named good or bad input (see GOOD_INPUTS / BAD_INPUTS) in its own folder."""

    def _build(name: str) -> Path:
        if name in badinput.GOOD_INPUTS:
            return badinput.GOOD_INPUTS[name](tmp_path / name)
        return badinput.BAD_INPUTS[name][0](tmp_path / name)

    return _build


@dataclass(frozen=True)
class MixedFolder:
    """A folder of readable, unreadable and unsupported files, and what ingest should see."""

    root: Path
    good: tuple[Path, ...]  # supported files that read
    bad: tuple[Path, ...]  # supported files that are refused
    skipped: tuple[Path, ...]  # files expand_inputs must not list


@pytest.fixture
def mixed_folder(tmp_path: Path) -> MixedFolder:
    """Files created out of order, in a sub-folder too, with names that sort non-trivially."""
    root = tmp_path / "batch folder"
    sub = root / "sous-dossier"
    good = (
        badinput.make_html(root, name="Z décision.html"),
        badinput.make_text(root, name="a décision № 7.txt"),
        badinput.make_pdf(root, name="m décision.pdf"),
        badinput.make_docx(sub, name="b décision.docx"),
        badinput.make_cp1251(root),
    )
    bad = (
        badinput.make_empty(root),
        badinput.make_binary_noise(sub),
        badinput.make_pdf_truncated(root),
        badinput.make_zip_renamed_docx(root),
    )
    skipped = (
        badinput.make_unsupported(root),
        badinput.make_text(root, name=".hidden.txt"),
        badinput.make_text(root / ".cache", name="cached.txt"),
        badinput.make_docx(root, name="~$décision.docx"),
        badinput.make_text(root, name="picture.png"),
    )
    return MixedFolder(root, good, bad, skipped)
