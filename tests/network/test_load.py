"""The RDF → NetworkX conversion: checked against the SPARQL view of the same data, and
the precedence rule (a document graph beats the catalogue, which beats the vocabulary)."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from commitgraph.errors import InputError
from commitgraph.network.load import (
    display_title,
    find_node,
    load_network,
    load_store,
    network_from_store,
    prefer_named_graphs,
    year_from_identifier,
)
from commitgraph.rdf.io import load_quads, serialize
from commitgraph.rdf.namespaces import CATALOGUE_GRAPH, ELI, work_iri

CITES_QUERY = f"""
SELECT DISTINCT ?s ?o WHERE {{
  {{ GRAPH ?g {{ ?s <{ELI}cites> ?o }} }} UNION {{ ?s <{ELI}cites> ?o }}
}}
"""
WORKS_QUERY = f"""
SELECT DISTINCT ?w WHERE {{
  GRAPH ?g {{ ?w a <{ELI}Work> }}
  FILTER(?g != <https://w3id.org/commitgraph/id/graph/vocabulary>)
}}
"""


def sparql_pairs(store: ox.Store) -> set[tuple[str, str]]:
    return {(r["s"].value, r["o"].value) for r in store.query(CITES_QUERY)}


def test_edges_equal_the_sparql_view_of_eli_cites(network_trig: Path) -> None:
    store = load_store(network_trig)
    g = network_from_store(store)
    pairs = sparql_pairs(store)
    assert g.number_of_edges() == len(pairs) == 16
    assert set(g.edges()) == pairs


def test_nodes_are_the_works_outside_the_vocabulary(network_trig: Path) -> None:
    store = load_store(network_trig)
    g = network_from_store(store)
    works = {r["w"].value for r in store.query(WORKS_QUERY)}
    assert set(g.nodes) == works
    assert g.number_of_nodes() == 12
    # typed an instrument only by the vocabulary: not a node
    assert work_iri("CETS:201") not in g


def test_catalogue_alone_converts_like_its_sparql_view() -> None:
    from commitgraph.build import catalogue_triples

    store = ox.Store()
    graph = ox.NamedNode(CATALOGUE_GRAPH)
    store.extend([ox.Quad(t.subject, t.predicate, t.object, graph) for t in catalogue_triples()])
    g = network_from_store(store)
    assert set(g.edges()) == sparql_pairs(store)
    assert g.number_of_edges() > 40


def test_node_attributes(net: nx.DiGraph, key) -> None:  # type: ignore[no-untyped-def]
    d1 = net.nodes[key("MC.DEC/5/12")]
    assert d1["id"] == "MC.DEC/5/12"
    assert d1["iri"] == work_iri("MC.DEC/5/12")
    assert d1["type"] == "decision"
    assert d1["date"] == "2012-12-07" and d1["date_precision"] == "day"
    assert d1["year"] == 2012 and d1["year_from"] == "date"
    assert d1["body"] == "MinisterialCouncil"
    assert d1["has_text"] is True
    assert d1["origin"] == "both"
    d3 = net.nodes[key("MC.DEC/3/05")]
    assert (d3["date"], d3["date_precision"], d3["city"]) == ("2005-12", "month", "Ljubljana")
    assert d3["has_text"] is False
    assert d3["sources"] == ["https://example.org/source/d3"]
    helsinki = net.nodes[key("CSCE:Helsinki1975")]
    assert "date" not in helsinki
    assert (helsinki["year"], helsinki["year_from"]) == (1975, "identifier")
    undated = net.nodes[key("PC.DEC/700")]
    assert "year" not in undated and "date" not in undated
    for _, d in net.nodes(data=True):
        assert None not in d.values()


def test_edge_attributes(net: nx.DiGraph, key) -> None:  # type: ignore[no-untyped-def]
    e = net.edges[key("MC.DEC/5/12"), key("MC.DEC/3/05")]
    assert e["relation"] == "recalls" and e["relations"] == ["recalls"]
    assert e["source"] == "document"
    assert e["paragraphs"] == [work_iri("MC.DEC/5/12") + "/preamble/1"]
    assert e["quotes"] == ["Ministerial Council Decision No. 3/05"]
    assert e["texts"] == [
        "Recalling Ministerial Council Decision No. 3/05 and the Palermo Protocol,"
    ]
    both = net.edges[key("MC.DEC/9/11"), key("MC.DEC/3/05")]
    assert both["source"] == "both"
    assert both["relations"] == ["reaffirms", "recalls"]
    assert both["relation"] == "reaffirms"  # the stronger statement styles the edge
    assert both["count"] == 2
    assert both["status"] == "verified"
    assert both["references"] == ["https://example.org/source/c6"]
    cat = net.edges[key("MC.DEC/3/05"), key("UNTC:IV-11")]
    assert (cat["source"], cat["status"]) == ("catalogue", "verified-in-translation")
    assert cat["paragraphs"] == []  # the catalogue knows no paragraph
    assert cat["evidence"][0]["notes"] == []
    assert net.edges[key("MC.DEC/3/05"), key("UNTC:XVIII-12-a")]["evidence"][0]["notes"] == [
        "Reaffirming"
    ]
    # relations read from skos:notation and, without one, from the concept IRI
    assert net.edges[key("PC.DEC/900"), key("CETS:197")]["relation"] == "takes_note"
    assert net.edges[key("MC.DEC/5/12"), key("MC.DEC/4/08")]["relation"] == "operative"


def test_document_beats_catalogue_beats_vocabulary(net: nx.DiGraph, key) -> None:  # type: ignore[no-untyped-def]
    d6 = net.nodes[key("MC.DEC/9/11")]
    assert d6["date"] == "2011-12-07"  # the catalogue says 2011-12-06
    assert d6["label"] == "Title as printed in the document"  # not the catalogue's title
    assert d6["city"] == "Vilnius"  # the document names no city: the catalogue fills it in
    d1 = net.nodes[key("MC.DEC/5/12")]
    assert d1["city"] == "Dublin"  # the catalogue spells it "Dublín"
    assert d1["label"] == "Combating trafficking in human beings in the OSCE area"
    assert d1["titles"] == {"en": "COMBATING TRAFFICKING IN HUMAN BEINGS IN THE OSCE AREA"}
    # the mapping's placeholder label (the id itself) does not hide the catalogue's title
    assert net.nodes[key("MC.DEC/3/05")]["label"] == "Combating Trafficking in Human Beings"
    # catalogue over vocabulary; the vocabulary's French label is kept
    crc = net.nodes[key("UNTC:IV-11")]
    assert crc["label"] == "Convention on the Rights of the Child (catalogue)"
    assert crc["labels"]["fr"] == "Convention relative aux droits de l'enfant"
    # the vocabulary calls PC.DEC/900 an instrument; its document says decision
    assert net.nodes[key("PC.DEC/900")]["type"] == "decision"


def test_a_turtle_union_is_read_through_its_trig_sibling(
    network_trig: Path, tmp_path: Path
) -> None:
    quads = load_quads(network_trig)
    (tmp_path / "graph.trig").write_bytes(serialize(quads, "trig"))
    (tmp_path / "graph.ttl").write_bytes(serialize(quads, "turtle"))
    assert prefer_named_graphs(tmp_path / "graph.ttl") == tmp_path / "graph.trig"
    alone = tmp_path / "alone.ttl"
    alone.write_bytes(serialize(quads, "turtle"))
    assert prefer_named_graphs(alone) == alone
    union = load_network(alone)
    named = load_network(network_trig)
    assert set(union.edges()) == set(named.edges())
    # without graph names nothing tells document from catalogue: both dates survive and
    # the most precise, then earliest, is taken
    assert union.nodes[work_iri("MC.DEC/9/11")]["date"] == "2011-12-06"


def test_a_persistent_store_gives_the_same_network(network_trig: Path, fixture_store: Path) -> None:
    from_store = load_network(store=fixture_store)
    from_file = load_network(network_trig)
    assert set(from_store.edges()) == set(from_file.edges())
    assert dict(from_store.nodes(data=True)) == dict(from_file.nodes(data=True))


def test_load_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        load_network(tmp_path / "missing.trig")
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(InputError):
        load_network(bad)
    with pytest.raises(ValueError):
        load_network()


def test_find_node(net: nx.DiGraph) -> None:
    assert find_node(net, "MC.DEC/5/12") == work_iri("MC.DEC/5/12")
    assert find_node(net, work_iri("CETS:197")) == work_iri("CETS:197")
    assert find_node(net, "untc:iv-11") == work_iri("UNTC:IV-11")
    with pytest.raises(InputError, match="did you mean"):
        find_node(net, "MC.DEC/5")


@pytest.mark.parametrize(
    ("ident", "year"),
    [
        ("MC.DEC/13/04", 2004),
        ("MC.DOC/4/06", 2006),
        ("MC.DEC/7/17/Corr.1", 2017),
        ("CSCE:Helsinki1975", 1975),
        ("OSCE:PortoDeclaration2002", 2002),
        ("UN:UDHR1948", 1948),
        ("PC.DEC/1107", None),
        ("MC(8).DEC/1", None),
        ("UNTC:IV-11", None),
        ("ILO:C182", None),
    ],
)
def test_year_from_identifier(ident: str, year: int | None) -> None:
    assert year_from_identifier(ident) == year


def test_display_title() -> None:
    assert display_title("ADDENDUM TO THE OSCE ACTION PLAN") == "Addendum to the OSCE action plan"
    assert display_title("RENFORCEMENT DES EFFORTS DE L'OSCE") == (
        "Renforcement des efforts de l'OSCE"
    )
    assert display_title("Already in Mixed Case") == "Already in Mixed Case"
