"""The bundled corpus plus the catalogue, end to end: ``build`` writes the pictures next to
the graph, and the network answers the questions of the issue."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from commitgraph.network import analyses as A
from commitgraph.network.load import find_node, load_network


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from commitgraph.build import build

    out = tmp_path_factory.mktemp("build")
    report = build([], out, validate=False, pictures=True)
    assert not report.failures, report.failures
    return out


@pytest.fixture(scope="module")
def corpus(built: Path) -> nx.DiGraph:
    return load_network(built / "graph.trig")


def test_build_writes_the_pictures_next_to_the_graph(built: Path) -> None:
    for name in ("network.html", "network.svg", "network.png"):
        assert (built / name).stat().st_size > 5000, name


def test_lineage_of_mc_dec_7_17(corpus: nx.DiGraph) -> None:
    lin = A.lineage(corpus, find_node(corpus, "MC.DEC/7/17"))
    depth = {corpus.nodes[r.node]["id"]: r.depth for r in lin.rows}
    assert depth["CSCE:Copenhagen1990"] == 1
    assert depth["PC.DEC/1107"] == 1
    assert depth["UNTC:XVIII-12-a"] == 1
    assert depth["PC.DEC/557"] == 2  # the Action Plan, through its 2013 Addendum
    assert depth["MC(8).DEC/1"] >= 2  # not cited by MC.DEC/7/17 itself, but reached
    # the seed text's own citations are there as extracted, with their paragraphs
    edge = corpus.edges[find_node(corpus, "MC.DEC/7/17"), find_node(corpus, "PC.DEC/1107")]
    assert edge["source"] == "both" and edge["paragraphs"]


def test_the_most_cited_are_instruments(corpus: nx.DiGraph) -> None:
    assert A.rank(corpus, by="in_degree", top=1)[0].id == "UNTC:XVIII-12-a"
    assert A.rank(corpus, top=1)[0].type == "instrument"  # by PageRank


def test_no_impossible_citations(corpus: nx.DiGraph) -> None:
    report = A.check(corpus)
    assert report.ok, report


def test_extracted_date_is_kept(corpus: nx.DiGraph) -> None:
    d = corpus.nodes[find_node(corpus, "MC.DEC/7/17")]
    assert d["date"] == "2017-12-08" and d["has_text"] and d["city"] == "Vienna"
