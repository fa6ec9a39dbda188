"""The spool's N-Triples → N-Quads rewrite keeps every triple, whatever its literals hold."""

from __future__ import annotations

import pyoxigraph as ox
from hypothesis import given, settings
from hypothesis import strategies as st

from commitgraph.spool import as_nquads

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
