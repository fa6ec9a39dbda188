"""Exports parse back with NetworkX (GraphML, GEXF, JSON) and keep IRIs as node ids."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest

from commitgraph.network.export import FORMATS, export, export_text, flat_copy, to_dot
from commitgraph.rdf.namespaces import work_iri


def test_graphml_round_trip(net: nx.DiGraph, tmp_path: Path) -> None:
    path = export(net, "graphml", tmp_path / "n.graphml")
    back = nx.read_graphml(path)
    assert set(back.nodes) == set(net.nodes)
    assert set(back.edges) == set(net.edges)
    d1 = back.nodes[work_iri("MC.DEC/5/12")]
    assert d1["identifier"] == "MC.DEC/5/12"
    assert d1["year"] == 2012 and d1["has_text"] is True
    assert d1["title_en"] == "COMBATING TRAFFICKING IN HUMAN BEINGS IN THE OSCE AREA"
    e = back.edges[work_iri("MC.DEC/9/11"), work_iri("MC.DEC/3/05")]
    assert e["relations"] == "reaffirms; recalls" and e["source"] == "both"


def test_gexf_round_trip(net: nx.DiGraph, tmp_path: Path) -> None:
    path = export(net, "gexf", tmp_path / "n.gexf")
    back = nx.read_gexf(path)
    assert set(back.nodes) == set(net.nodes)  # IRIs, not the identifiers
    assert back.number_of_edges() == net.number_of_edges()
    assert back.nodes[work_iri("CETS:197")]["label"].startswith("Council of Europe")
    assert back.nodes[work_iri("CETS:197")]["identifier"] == "CETS:197"


def test_json_node_link_round_trip(net: nx.DiGraph, tmp_path: Path) -> None:
    path = export(net, "json", tmp_path / "n.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    back = nx.node_link_graph(data, edges="edges", name="iri")
    assert set(back.edges) == set(net.edges)
    assert back.nodes[work_iri("UNTC:IV-11")]["id"] == "UNTC:IV-11"
    ev = back.edges[work_iri("MC.DEC/5/12"), work_iri("MC.DEC/3/05")]["evidence"]
    assert ev[0]["quotes"] == ["Ministerial Council Decision No. 3/05"]


def test_flat_copy_has_no_none_and_no_lists(net: nx.DiGraph) -> None:
    net.nodes[work_iri("UNTC:IV-8")]["note"] = None
    flat = flat_copy(net)
    for _, d in [*flat.nodes(data=True), *((None, d) for _, _, d in flat.edges(data=True))]:
        for v in d.values():
            assert v is not None and isinstance(v, (str, int, float, bool))
    assert "note" not in flat.nodes[work_iri("UNTC:IV-8")]


def test_dot(net: nx.DiGraph) -> None:
    text = to_dot(net)
    assert text.startswith("digraph citations {") and text.rstrip().endswith("}")
    assert len(re.findall(r'^  "[^"]+" -> "[^"]+" \[', text, flags=re.M)) == 16
    assert f'"{work_iri("MC.DEC/5/12")}" [' in text
    # every string is closed: an even number of unescaped quotes per line
    for line in text.splitlines():
        assert len(re.findall(r'(?<!\\)"', line)) % 2 == 0, line
    assert export_text(net, "dot").decode("utf-8") == text


def test_unknown_format(net: nx.DiGraph, tmp_path: Path) -> None:
    assert FORMATS == ("graphml", "gexf", "json", "dot")
    with pytest.raises(ValueError):
        export(net, "png", tmp_path / "x")
