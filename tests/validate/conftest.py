"""Shared fixtures for the validation tests: the case files and a graph builder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph

CASES = Path(__file__).parent / "cases"
WORK = "https://w3id.org/commitgraph/id/work/MC.DEC/7/17"
EXPR = WORK + "/expr/fr"
CITED = "https://w3id.org/commitgraph/id/work/MC.DEC/13/04"

PREFIXES = """
PREFIX cg:      <https://w3id.org/commitgraph/ontology#>
PREFIX eli:     <http://data.europa.eu/eli/ontology#>
PREFIX cito:    <http://purl.org/spar/cito/>
PREFIX oa:      <http://www.w3.org/ns/oa#>
PREFIX prov:    <http://www.w3.org/ns/prov#>
PREFIX skos:    <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX xsd:     <http://www.w3.org/2001/XMLSchema#>
PREFIX action:  <https://w3id.org/commitgraph/id/action/>
PREFIX actor:   <https://w3id.org/commitgraph/id/actor/>
"""


def expand(text: str) -> str:
    """Write IRIs of the test document short: ``<W>``, ``<W/op/1>``, ``<E/span/1-2>``, and
    ``<C>`` for the work it cites."""
    for short, iri in (("<W>", f"<{WORK}>"), ("<W/", f"<{WORK}/"), ("<E/", f"<{EXPR}/")):
        text = text.replace(short, iri)
    return text.replace("<C>", f"<{CITED}>")


@pytest.fixture(scope="session")
def base_triples() -> Graph:
    """document.ttl plus support.ttl: the data graph of a conforming document."""
    graph = Graph()
    graph.parse(CASES / "document.ttl")
    graph.parse(CASES / "support.ttl")
    return graph


@pytest.fixture
def make_graph(base_triples: Graph) -> Callable[[str], Graph]:
    """A fresh copy of the conforming graph with a SPARQL update applied to it."""

    def build(update: str = "") -> Graph:
        graph = Graph()
        graph.addN((s, p, o, graph) for s, p, o in base_triples)
        if update.strip():
            graph.update(PREFIXES + expand(update))
        return graph

    return build
