"""The page's data and markup, the compressed time axis and the printed timeline. The page
itself is driven in a real browser in test_browser.py."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from commitgraph.network.pictures import (
    TimeAxis,
    draw_timeline,
    network_data,
    paragraph_name,
    render_html,
    time_position,
    write_pictures,
)
from commitgraph.rdf.io import load_quads, serialize
from commitgraph.rdf.namespaces import work_iri


def test_network_data(net: nx.DiGraph) -> None:
    data = network_data(net)
    nodes = {n["id"]: n for n in data["nodes"]}
    assert len(nodes) == 12 and len(data["edges"]) == 16
    assert (data["minYear"], data["maxYear"]) == (1975, 2015)
    assert set(data["types"]) == {"decision", "instrument"}
    d1 = nodes["MC.DEC/5/12"]
    assert d1["hasText"] is True and d1["year"] == 2012
    assert 2012.9 < d1["t"] < 2013
    assert "palermo" not in d1["search"] and "combating trafficking" in d1["search"]
    assert "reaffirmant" not in nodes["PC.DEC/900"]["search"]
    assert "plan d'action de l'osce" in nodes["PC.DEC/900"]["search"]
    edge = next(
        e
        for e in data["edges"]
        if data["nodes"][e["s"]]["id"] == "MC.DEC/5/12"
        and data["nodes"][e["t"]]["id"] == "MC.DEC/3/05"
    )
    assert edge["evidence"][0]["paragraph"] == "preamble, paragraph 1"
    assert edge["evidence"][0]["quote"] == "Ministerial Council Decision No. 3/05"
    cat = next(e for e in data["edges"] if data["nodes"][e["s"]]["id"] == "PC.DEC/700")
    assert cat["evidence"][0]["paragraph"] == "" and cat["evidence"][0]["status"] == "verified"
    assert data["usedRelations"] == [
        "reaffirms",
        "recalls",
        "operative",
        "welcomes",
        "takes_note",
        "other",
    ]


def test_search_folds_accents(net: nx.DiGraph) -> None:
    net.nodes[work_iri("CETS:197")]["alt_labels"] = ["Convention de Varsovie élargie"]
    nodes = {n["id"]: n for n in network_data(net)["nodes"]}
    assert "elargie" in nodes["CETS:197"]["search"]


def test_the_page_is_self_contained(net: nx.DiGraph) -> None:
    page = render_html(net, title="Fixture <network>")
    assert "<title>Fixture &lt;network&gt;</title>" in page
    assert "default-src 'none'" in page  # the browser refuses any request
    assert not re.search(r"<(link|img|iframe|object|embed)\b", page, flags=re.I)
    assert not re.search(r"\b(src|href)\s*=", page, flags=re.I)
    assert "@import" not in page and "url(http" not in page
    assert "fetch(" not in page and "XMLHttpRequest" not in page
    blob = re.search(
        r'<script type="application/json" id="network-data">(.*?)</script>', page, flags=re.S
    )
    assert blob is not None
    data = json.loads(blob.group(1))
    assert len(data["nodes"]) == 12


def test_data_cannot_close_the_script(net: nx.DiGraph) -> None:
    net.nodes[work_iri("UNTC:IV-8")]["label"] = "</script><script>alert(1)</script>"
    page = render_html(net)
    assert page.count("</script>") == 2  # the data block and the code block, no more
    blob = re.search(r'id="network-data">(.*?)</script>', page, flags=re.S)
    labels = [n["label"] for n in json.loads(blob.group(1))["nodes"]]  # type: ignore[union-attr]
    assert "</script><script>alert(1)</script>" in labels


def test_time_axis_shortens_empty_stretches() -> None:
    axis = TimeAxis.of({1948, 1989, 1990, 2000})
    assert axis.cells[1948] == (0.0, 1.0)
    assert axis.cells[1949] == (1.0, 1.0)  # next to a year with works: kept
    assert axis.gaps[0][:2] == (1950, 1987)
    assert axis.cells[1988][1] == 1.0
    assert axis.x(1989.5) < axis.x(1990.5) < axis.x(2000.5)
    assert axis.x(1990.5) - axis.x(1989.5) == pytest.approx(1.0)
    assert axis.x(1988.0) - axis.x(1950.0) == pytest.approx(0.9)
    short = TimeAxis.of({2000, 2004})  # 2002 alone is not shortened
    assert all(w == 1.0 for _, w in short.cells.values()) and short.gaps == []


def test_time_position() -> None:
    assert time_position({"year": 2005, "year_from": "date", "date": "2005-12"}) == pytest.approx(
        2005 + 11.5 / 12
    )
    assert time_position({"year": 1975, "year_from": "identifier"}) == 1975.5
    assert time_position({}) is None


def test_paragraph_name() -> None:
    w = work_iri("MC.DEC/7/17")
    assert paragraph_name(w, w + "/preamble/2") == "preamble, paragraph 2"
    assert paragraph_name(w, w + "/op/5/a") == "operative paragraph 5 (a)"


def test_timeline_svg_and_png(net: nx.DiGraph, tmp_path: Path) -> None:
    paths = draw_timeline(net, tmp_path / "t.svg", tmp_path / "t.png", title="Fixture")
    assert paths == [tmp_path / "t.svg", tmp_path / "t.png"]
    root = ET.parse(tmp_path / "t.svg").getroot()
    texts = [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text")]
    joined = " ".join(texts)
    for word in (
        "Decisions",
        "Instruments",
        "1975",
        "2015",
        "undated",
        "MC.DEC/3/05",
        "reaffirms",
        "recalls",
        "Fixture: 12 works, 16 citations",
    ):
        assert word in joined, word
    years = [int(t) for t in texts if re.fullmatch(r"(19|20)\d\d", t.strip())]
    assert years[: len(years) // 2] == sorted(years[: len(years) // 2])  # left to right
    png = (tmp_path / "t.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 40_000
    # the same network gives the same SVG bytes (no dates, fixed ids)
    draw_timeline(net, tmp_path / "u.svg", title="Fixture")
    assert (tmp_path / "u.svg").read_bytes() == (tmp_path / "t.svg").read_bytes()


def test_write_pictures_reads_the_trig_next_to_the_ttl(network_trig: Path, tmp_path: Path) -> None:
    quads = load_quads(network_trig)
    (tmp_path / "graph.trig").write_bytes(serialize(quads, "trig"))
    (tmp_path / "graph.ttl").write_bytes(serialize(quads, "turtle"))
    written = write_pictures(tmp_path / "graph.ttl", tmp_path / "pics")
    assert [p.name for p in written] == ["network.html", "network.svg", "network.png"]
    page = (tmp_path / "pics" / "network.html").read_text(encoding="utf-8")
    # the date of MC.DEC/9/11 from its document graph, not the catalogue's
    assert '"date":"2011-12-07"' in page and '"date":"2011-12-06"' not in page
