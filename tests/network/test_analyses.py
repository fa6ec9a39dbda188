"""Each analysis on the fixture network, with values worked out by hand (see the fixture's
header for the twelve works), and the NumPy PageRank/HITS against NetworkX's references."""

from __future__ import annotations

import math

import networkx as nx
import pytest
from networkx.algorithms.link_analysis.hits_alg import _hits_python
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

from commitgraph.network import analyses as A

D1, D2, D3, D4, D5, D6, D7 = (
    "MC.DEC/5/12",
    "PC.DEC/900",
    "MC.DEC/3/05",
    "MC.DEC/4/08",
    "MC.DEC/2/15",
    "MC.DEC/9/11",
    "PC.DEC/700",
)
I1, I2, I3, I4, I5 = "UNTC:XVIII-12-a", "UNTC:IV-11", "CETS:197", "CSCE:Helsinki1975", "UNTC:IV-8"


def test_stats(net: nx.DiGraph, ids) -> None:  # type: ignore[no-untyped-def]
    s = A.stats(net)
    assert (s.nodes, s.edges) == (12, 16)
    assert s.nodes_by_type == {"decision": 7, "instrument": 5}
    assert s.edges_by_relation == {
        "operative": 2,
        "other": 1,
        "reaffirms": 6,
        "recalls": 6,
        "takes_note": 1,
        "welcomes": 1,
    }
    assert s.edges_by_source == {"both": 1, "catalogue": 7, "document": 8}
    assert s.components == [11, 1]
    # through the planted citation: D2 → D5 → D1 → D4 → D3 → I4 (ties end on the first key)
    assert ids(s.longest_chain) == [D2, D5, D1, D4, D3, I4]
    assert s.cycles == []
    assert ids(s.roots) == [I4, I2, I1, I3]  # chronological
    assert ids(s.leaves) == [D2, D6, D7]
    assert ids(s.isolated) == [I5]


def test_pagerank_and_hits_match_networkx(net: nx.DiGraph) -> None:
    pr, ref = A.pagerank(net), _pagerank_python(net)
    assert max(abs(pr[n] - ref[n]) for n in net) < 1e-9
    assert math.isclose(sum(pr.values()), 1.0)
    hubs, auths = A.hits(net)
    ref_h, ref_a = _hits_python(net)
    assert max(abs(hubs[n] - ref_h[n]) for n in net) < 1e-9
    assert max(abs(auths[n] - ref_a[n]) for n in net) < 1e-9
    # and on a graph with dangling nodes and a cycle
    g = nx.gnp_random_graph(60, 0.06, seed=3, directed=True)
    pr, ref = A.pagerank(g), _pagerank_python(g)
    assert max(abs(pr[n] - ref[n]) for n in g) < 1e-9


def test_scores_of_empty_and_edgeless_graphs() -> None:
    assert A.pagerank(nx.DiGraph()) == {}
    g = nx.DiGraph()
    g.add_nodes_from("ab")
    assert A.pagerank(g) == {"a": 0.5, "b": 0.5}
    assert A.hits(g) == ({"a": 0.0, "b": 0.0}, {"a": 0.0, "b": 0.0})


def test_rank(net: nx.DiGraph, ids) -> None:  # type: ignore[no-untyped-def]
    rows = A.rank(net, by="in_degree")
    assert [(r.id, r.in_degree) for r in rows[:3]] == [(D3, 4), (I1, 3), (I4, 2)]
    top = A.rank(net, top=1)[0]
    assert top.id == D3  # the most cited decision also has the highest PageRank
    assert top.authority == max(r.authority for r in rows)
    assert A.rank(net, by="hub", top=1)[0].id == D1  # cites the most authoritative works
    instruments = A.rank(net, node_type="instrument")
    assert {r.type for r in instruments} == {"instrument"} and len(instruments) == 5
    assert instruments[0].id == I4  # PageRank: cited by D3, itself much cited
    btw = nx.betweenness_centrality(net)
    assert {r.node: r.betweenness for r in rows} == pytest.approx(btw)
    assert next(r for r in rows if r.id == D3).betweenness == pytest.approx(10 / 110)
    with pytest.raises(ValueError):
        A.rank(net, by="fame")


def test_betweenness_samples_large_graphs() -> None:
    g = nx.gnp_random_graph(120, 0.05, seed=1, directed=True)
    exact = A.betweenness(g)
    assert exact == pytest.approx(nx.betweenness_centrality(g))
    sampled = A.betweenness(g, sample=30, seed=7)
    assert sampled == A.betweenness(g, sample=30, seed=7)  # seeded: repeatable
    assert sampled != exact


def test_lineage(net: nx.DiGraph, key, ids) -> None:  # type: ignore[no-untyped-def]
    lin = A.lineage(net, key(D1))
    assert [(net.nodes[r.node]["id"], r.depth) for r in lin.rows] == [
        (I2, 1),
        (I1, 1),
        (D3, 1),
        (D4, 1),
        (I4, 2),
    ]
    assert ids(lin.rows[-1].path) == [D1, D3, I4]
    assert ids(lin.nodes) == [D1, I2, I1, D3, D4, I4]
    assert [r.depth for r in A.lineage(net, key(D1), max_depth=1).rows] == [1, 1, 1, 1]
    assert A.lineage(net, key(I5)).rows == []


def test_descendants(net: nx.DiGraph, key, ids) -> None:  # type: ignore[no-untyped-def]
    desc = A.descendants(net, key(D3))
    assert [(net.nodes[r.node]["id"], r.depth) for r in desc.rows] == [
        (D4, 1),
        (D2, 1),
        (D6, 1),
        (D1, 1),
        (D5, 2),
    ]
    assert ids(desc.rows[-1].path) == [D3, D1, D5]
    sub = A.subgraph(net, desc.nodes)
    assert sub.number_of_nodes() == 6
    assert sub.number_of_edges() == 8  # D4→D3, D2→D3, D6→D3, D1→D3, D6→D4, D1→D4, D5→D1, D2→D5
    sub.remove_node(key(D3))
    assert key(D3) in net  # a copy, not a view


def test_cocitation(net: nx.DiGraph, key) -> None:  # type: ignore[no-untyped-def]
    pairs = {frozenset((net.nodes[p.a]["id"], net.nodes[p.b]["id"])): p for p in A.cocitation(net)}
    assert len(pairs) == 11  # 6 from D1, 3 from D2, 2 more from D3; D6 adds none
    assert pairs[frozenset((I1, I2))].count == 2  # cited together by D1 and D3
    assert pairs[frozenset((I1, I2))].strength == pytest.approx(2 / math.sqrt(3 * 2))
    assert pairs[frozenset((D3, D4))].count == 2  # by D1 and D6
    assert pairs[frozenset((D3, D4))].strength == pytest.approx(2 / math.sqrt(4 * 2))
    assert pairs[frozenset((D3, I3))].count == 1
    top = A.cocitation(net, min_count=2)
    assert len(top) == 4 and all(p.count == 2 for p in top)
    assert [p.strength for p in top] == sorted((p.strength for p in top), reverse=True)
    only_instruments = A.cocitation(net, node_type="instrument")
    assert {frozenset((net.nodes[p.a]["id"], net.nodes[p.b]["id"])) for p in only_instruments} == {
        frozenset((I1, I2)),
        frozenset((I1, I4)),
        frozenset((I2, I4)),
    }


def test_coupling(net: nx.DiGraph) -> None:
    pairs = A.coupling(net)
    first = pairs[0]
    assert {net.nodes[first.a]["id"], net.nodes[first.b]["id"]} == {D1, D6}
    assert first.count == 3  # both cite D3, D4 and I1
    assert first.strength == pytest.approx(3 / math.sqrt(4 * 3))
    found = {frozenset((net.nodes[p.a]["id"], net.nodes[p.b]["id"])): p.count for p in pairs}
    assert found[frozenset((D1, D3))] == 2  # I1 and I2
    assert found[frozenset((D3, D7))] == 1  # I4
    assert frozenset((D5, D7)) not in found


def test_communities(net: nx.DiGraph, ids) -> None:  # type: ignore[no-untyped-def]
    found = A.communities(net, seed=42)
    assert [ids(c.members) for c in found] == [
        [I2, I1, D3, D4, D6, D1],
        [I3, D2, D5],
        [I4, D7],
        [I5],
    ]
    assert found[0].types == {"decision": 4, "instrument": 2}
    assert [c.index for c in found] == [1, 2, 3, 4]
    again = A.communities(net, seed=42)
    assert [c.members for c in again] == [c.members for c in found]
    assert [c.size for c in A.communities(net, min_size=2)] == [6, 3, 2]


def test_check_finds_the_planted_citation_of_a_later_document(net: nx.DiGraph, ids) -> None:  # type: ignore[no-untyped-def]
    report = A.check(net)
    assert not report.ok
    assert report.cycles == []
    assert len(report.anachronisms) == 1
    a = report.anachronisms[0]
    assert ids([a.citing, a.cited]) == [D2, D5]
    assert (a.citing_when, a.cited_when, a.basis, a.source) == (
        "2009-07-02",
        "2015-12-04",
        "date",
        "document",
    )


def test_check_reports_cycles_and_identifier_years(net: nx.DiGraph, key, ids) -> None:  # type: ignore[no-untyped-def]
    net.remove_edge(key(D2), key(D5))
    assert A.check(net).ok
    net.add_edge(key(D3), key(D1), relations=["recalls"], relation="recalls", source="document")
    report = A.check(net)
    # D3 → D1 → D3 and D3 → D1 → D4 → D3, each starting at its smallest key
    assert [ids(c) for c in report.cycles] == [[D3, D1], [D3, D1, D4]]
    assert {tuple(ids([x.citing, x.cited])) for x in report.anachronisms} == {(D3, D1)}
    s = A.stats(net)
    assert len(s.cycles) == 2 and len(s.longest_chain) >= 3  # still computed, cycles cut
    # a work dated only by its identifier: 1975 cannot cite a 2000 treaty
    net.add_edge(key(I4), key(I1))
    flagged = [x for x in A.check(net).anachronisms if ids([x.citing])[0] == I4]
    assert flagged and flagged[0].basis == "identifier"


def test_a_month_and_a_day_in_it_are_not_impossible(net: nx.DiGraph, key) -> None:  # type: ignore[no-untyped-def]
    # D3 dates from 2005-12: citing something of 2005-12-20 may be fine, of 2006 is not
    net.nodes[key(I3)]["date"] = "2005-12-20"
    net.add_edge(key(D3), key(I3))
    assert not [a for a in A.check(net).anachronisms if a.citing == key(D3)]
    net.nodes[key(I3)]["date"] = "2006-01-02"
    assert [a for a in A.check(net).anachronisms if a.citing == key(D3)]


def test_time_span() -> None:
    from datetime import date

    assert A.time_span({"date": "2005-12"})[:2] == (date(2005, 12, 1), date(2005, 12, 31))
    assert A.time_span({"date": "2004"})[:2] == (date(2004, 1, 1), date(2004, 12, 31))
    assert A.time_span({"year": 1975, "year_from": "identifier"})[3] == "identifier"
    assert A.time_span({}) is None
