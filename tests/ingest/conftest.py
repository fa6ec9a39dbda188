"""Fixtures for the ingest tests; the file builders themselves live in tests/factories.

The builders are plain functions (``tests.factories.badinput``) so that other suites can
reuse them; the fixtures here only bind them to pytest's ``tmp_path``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.factories import badinput


@pytest.fixture
def build(tmp_path: Path) -> Callable[[str], Path]:
    """Build a named good or bad input (see GOOD_INPUTS / BAD_INPUTS) in its own folder."""

    def _build(name: str) -> Path:
        if name in badinput.GOOD_INPUTS:
            return badinput.GOOD_INPUTS[name](tmp_path / name)
        return badinput.BAD_INPUTS[name][0](tmp_path / name)

    return _build


@pytest.fixture
def mixed_folder(tmp_path: Path) -> badinput.MixedFolder:
    """A batch folder mixing readable, refused and unsupported files."""
    return badinput.make_mixed_folder(tmp_path)
