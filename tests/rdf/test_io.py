"""Deterministic serialisation: sorting N-Triples lines as bytes orders terms as sorting
the terms by their N-Triples forms does, for every format and for a store's graphs; and
naming the graph of N-Triples text keeps every triple."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commitgraph.rdf.io import as_nquads, serialize, serialize_store
from commitgraph.rdf.namespaces import PREFIXES

BASE = "https://w3id.org/commitgraph/id/"
# Texts that are prefixes of one another, with quotes, escapes, spaces before dots,
# characters below the space, and letters beyond ASCII.
WORDS = ["a", "a b", "a .", 'a"', "a\\", "a\n.", "a\t", "\x01", "é", "ë", "Ж", "a\u2028", ""]

iris = st.sampled_from(["s", "s/1", "s/10", "s/1/a", "p", "p#x", "o", "o é", "g", "g/2"]).map(
    lambda local: ox.NamedNode(BASE + local.replace(" ", "%20"))
)
blanks = st.sampled_from(["b", "b1", "b10", "bb"]).map(ox.BlankNode)
literals = st.one_of(
    st.sampled_from(WORDS).map(ox.Literal),
    st.tuples(st.sampled_from(WORDS), st.sampled_from(["en", "en-gb", "fr", "ru"])).map(
        lambda t: ox.Literal(t[0], language=t[1])
    ),
    st.tuples(
        st.sampled_from(["1", "01", "1.0", "2017"]), st.sampled_from(["integer", "gYear"])
    ).map(
        lambda t: ox.Literal(
            t[0], datatype=ox.NamedNode(f"http://www.w3.org/2001/XMLSchema#{t[1]}")
        )
    ),
)
graphs = st.one_of(iris, st.just(ox.DefaultGraph()))
quads = st.builds(ox.Quad, st.one_of(iris, blanks), iris, st.one_of(iris, blanks, literals), graphs)


def _by_terms(items: list[ox.Quad], fmt: ox.RdfFormat) -> bytes:
    """The plain way: sort term objects by their N-Triples forms, then write."""
    if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES):
        triples = sorted({q.triple for q in items}, key=lambda t: tuple(map(str, t)))
        data: list = triples  # type: ignore[type-arg]
    else:
        data = sorted(set(items), key=lambda q: (str(q.graph_name), *map(str, q.triple)))
    prefixes = PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
    return ox.serialize(data, format=fmt, prefixes=prefixes) or b""


FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
}


@settings(max_examples=300, deadline=None)
@given(st.lists(quads, max_size=30), st.sampled_from(sorted(FORMATS)))
def test_line_order_is_term_order(items: list[ox.Quad], fmt: str) -> None:
    assert serialize(items, fmt) == _by_terms(items, FORMATS[fmt])


@settings(max_examples=100, deadline=None)
@given(st.lists(quads, max_size=30), st.sampled_from(sorted(FORMATS)))
def test_a_store_writes_its_named_graphs_as_the_quads_would(items: list[ox.Quad], fmt: str) -> None:
    db = ox.Store()
    db.extend(items)
    # read back from the store: it keeps canonical forms ("01" as an integer is "1")
    stored = db.quads_for_pattern(None, None, None, None)
    named = [q for q in stored if not isinstance(q.graph_name, ox.DefaultGraph)]
    assert serialize_store(db, fmt) == _by_terms(named, FORMATS[fmt])


@pytest.mark.parametrize("fmt", ["jsonld", "xml"])
def test_other_formats_read_back_to_the_same_triples(fmt: str) -> None:
    node = ox.NamedNode(BASE + "s")
    items = [ox.Triple(node, ox.NamedNode(BASE + "p"), ox.Literal(w, language="en")) for w in WORDS]
    rdf_format = {"jsonld": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML}[fmt]
    back = {q.triple for q in ox.parse(serialize(items, fmt), format=rdf_format)}
    assert back == set(items)


GRAPH_IRI = "https://w3id.org/commitgraph/id/graph/MC.DEC/7/17/fr"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=40), min_size=1, max_size=8))
def test_naming_the_graph_keeps_every_triple(texts: list[str]) -> None:
    """Literals with newlines, " .", quotes and "> ." inside them survive the rewrite."""
    subject = ox.NamedNode("https://w3id.org/commitgraph/id/work/MC.DEC/7/17")
    predicate = ox.NamedNode("https://w3id.org/commitgraph/ontology#text")
    triples = [ox.Triple(subject, predicate, ox.Literal(t + " .\n> .")) for t in texts]
    ntriples = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    quads = list(ox.parse(as_nquads(ntriples, GRAPH_IRI), format=ox.RdfFormat.N_QUADS))
    graph = ox.NamedNode(GRAPH_IRI)
    assert {(q.subject, q.predicate, q.object) for q in quads} == {
        (t.subject, t.predicate, t.object) for t in triples
    }
    assert all(q.graph_name == graph for q in quads)
