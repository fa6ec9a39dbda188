"""The build's spool: the N-Quads rewrite, write failures, and what killed builds left."""

from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commitgraph.errors import StoreError
from commitgraph.spool import SPOOL_PREFIX, SpoolDir, as_nquads

GRAPH = "https://w3id.org/commitgraph/id/graph/MC.DEC/7/17/fr"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=40), min_size=1, max_size=8))
def test_naming_the_graph_keeps_every_triple(texts: list[str]) -> None:
    """Literals with newlines, " .", quotes and "> ." inside them survive the rewrite."""
    subject = ox.NamedNode("https://w3id.org/commitgraph/id/work/MC.DEC/7/17")
    predicate = ox.NamedNode("https://w3id.org/commitgraph/ontology#text")
    triples = [ox.Triple(subject, predicate, ox.Literal(t + " .\n> .")) for t in texts]
    ntriples = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    quads = list(ox.parse(as_nquads(ntriples, GRAPH), format=ox.RdfFormat.N_QUADS))
    graph = ox.NamedNode(GRAPH)
    assert {(q.subject, q.predicate, q.object) for q in quads} == {
        (t.subject, t.predicate, t.object) for t in triples
    }
    assert all(q.graph_name == graph for q in quads)


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
