"""The build's spool: its segments, write failures, and what killed builds left."""

from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox
import pytest

from commitgraph.errors import StoreError
from commitgraph.spool import SPOOL_PREFIX, SpoolDir


def test_a_spool_that_cannot_be_written_stops_with_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot write the build's spool"):
        SpoolDir.write(str(tmp_path / "gone"), b"<a> <b> <c> .\n")


def test_spools_left_by_killed_builds_are_removed(tmp_path: Path) -> None:
    """A folder whose process is gone goes; one whose process lives stays."""
    dead = tmp_path / f"{SPOOL_PREFIX}999999999-x"
    alive = tmp_path / f"{SPOOL_PREFIX}{os.getpid()}-y"
    dead.mkdir()
    alive.mkdir()
    spool = SpoolDir(tmp_path / "store")
    try:
        assert not dead.exists() and alive.exists()
    finally:
        spool.remove()
    assert not Path(spool.folder).exists()


def test_a_segment_is_closed_for_loading_once_it_is_full(tmp_path: Path) -> None:
    """Closed segments are loaded while the open one waits; ``load`` takes the rest."""
    spool = SpoolDir(tmp_path / "store")
    line = b"<https://example.org/s> <https://example.org/p> <https://example.org/o%d> .\n"
    try:
        for n in range(5):
            SpoolDir.write(spool.folder, line % n, segment=len(line % 0) * 2)
        # two segments of two lines each are closed; the fifth line is still open
        assert len(list(Path(spool.folder).glob("*.nq"))) == 2
        db = ox.Store()
        assert spool.load_closed(db) == 2
        assert len(db) == 4
        assert spool.load_closed(db) == 0
        spool.load(db)
        assert len(db) == 5
        assert not list(Path(spool.folder).iterdir())
    finally:
        spool.remove()


def test_loading_segments_during_the_build_gives_the_same_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Segments of a few kilobytes (dozens of loads, most of them while the workers are
    extracting) and one segment per worker (loaded at the end) give the same quads."""
    from commitgraph import spool as spool_module
    from commitgraph.build import build
    from tests.helpers import SAMPLE_CORPUS

    stores = {}
    loads = {}
    for name, size in (("small", 4 << 10), ("whole", 1 << 40)):
        monkeypatch.setattr(spool_module, "SEGMENT_BYTES", size)
        counted: list[int] = []
        original = SpoolDir.load_closed

        def counting(self: SpoolDir, db: ox.Store, _original=original, _counted=counted) -> int:
            n = _original(self, db)
            _counted.append(n)
            return n

        monkeypatch.setattr(SpoolDir, "load_closed", counting)
        monkeypatch.setattr("commitgraph.build._SPOOL_CHECK", 1)
        store = tmp_path / name
        report = build([SAMPLE_CORPUS], tmp_path / f"out-{name}", store=store, workers=2)
        assert not report.failures
        monkeypatch.setattr(SpoolDir, "load_closed", original)
        loads[name] = sum(counted)
        db = ox.Store(str(store))
        stores[name] = {str(q) for q in db.quads_for_pattern(None, None, None, None)}
        del db
    assert loads["small"] > 5 and loads["whole"] == 0
    assert stores["small"] == stores["whole"]
