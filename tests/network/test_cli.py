"""``commitgraph network …`` over the fixture: tables, JSON, exit codes, files."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from commitgraph.cli._common import run_cli
from commitgraph.cli.network import COMMANDS, network


def invoke(*args: str) -> str:
    result = CliRunner().invoke(network, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_registered_and_every_command_has_help() -> None:
    assert [network] == COMMANDS
    names = set(network.commands)
    assert names == {
        "stats",
        "rank",
        "lineage",
        "descendants",
        "cocitation",
        "coupling",
        "communities",
        "check",
        "export",
        "draw",
    }
    for name in names:
        out = invoke(name, "--help")
        assert "--graph" in out and "--store" in out
        assert (network.commands[name].help or "").strip()


def test_stats(network_trig: Path) -> None:
    out = invoke("stats", "--graph", str(network_trig))
    assert "works" in out and "12" in out and "16" in out
    assert "PC.DEC/900 → MC.DEC/2/15 → MC.DEC/5/12" in out
    data = json.loads(invoke("stats", "--graph", str(network_trig), "--json"))
    assert data["edges"] == 16 and data["isolated"] == ["UNTC:IV-8"]


def test_rank(network_trig: Path) -> None:
    out = invoke("rank", "--graph", str(network_trig), "--top", "3")
    first = next(line for line in out.splitlines() if line.startswith("│ 1 "))
    assert "MC.DEC/3/05" in first
    rows = json.loads(
        invoke(
            "rank",
            "--graph",
            str(network_trig),
            "--type",
            "instrument",
            "--by",
            "in_degree",
            "--json",
        )
    )
    assert [r["id"] for r in rows][:1] == ["UNTC:XVIII-12-a"]
    assert {r["type"] for r in rows} == {"instrument"}


def test_lineage_and_descendants(network_trig: Path, tmp_path: Path) -> None:
    sub = tmp_path / "lineage.graphml"
    out = invoke("lineage", "MC.DEC/5/12", "--graph", str(network_trig), "--export", str(sub))
    assert "MC.DEC/5/12 builds on 5 work(s)" in out
    assert "MC.DEC/5/12 → MC.DEC/3/05 → CSCE:Helsinki1975" in out
    assert nx.read_graphml(sub).number_of_nodes() == 6
    rows = json.loads(invoke("descendants", "MC.DEC/3/05", "--graph", str(network_trig), "--json"))
    assert [(r["work"], r["depth"]) for r in rows][-1] == ("MC.DEC/2/15", 2)
    assert run_cli(network, ["lineage", "NOPE/1", "--graph", str(network_trig)]) == 3


def test_pairs_and_communities(network_trig: Path) -> None:
    pairs = json.loads(invoke("coupling", "--graph", str(network_trig), "--json", "--top", "1"))
    assert {pairs[0]["a"], pairs[0]["b"]} == {"MC.DEC/5/12", "MC.DEC/9/11"}
    assert "co-citation" in invoke("cocitation", "--graph", str(network_trig), "--min", "2")
    fams = json.loads(invoke("communities", "--graph", str(network_trig), "--json"))
    assert [f["size"] for f in fams] == [6, 3, 2]


def test_check_exits_1_on_the_planted_citation(
    network_trig: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(network, ["check", "--graph", str(network_trig)]) == 1
    out = capsys.readouterr()
    assert "PC.DEC/900" in out.out and "MC.DEC/2/15" in out.out
    assert "1 citation(s) of later works" in out.err


def test_export_and_draw(network_trig: Path, tmp_path: Path) -> None:
    invoke(
        "export", "--graph", str(network_trig), "--format", "gexf", "-o", str(tmp_path / "n.gexf")
    )
    assert nx.read_gexf(tmp_path / "n.gexf").number_of_edges() == 16
    dot = invoke("export", "--graph", str(network_trig), "--format", "dot")
    assert dot.startswith("digraph")
    out = invoke("draw", "--graph", str(network_trig), "--out", str(tmp_path / "pics"))
    for name in ("network.html", "network.svg", "network.png"):
        assert (tmp_path / "pics" / name).stat().st_size > 1000
        assert name in out


def test_default_graph_is_the_last_build(
    network_trig: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run_cli(network, ["stats"]) == 3  # no out/graph.trig yet: a clear input error
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "graph.trig").write_bytes(network_trig.read_bytes())
    assert json.loads(invoke("stats", "--json"))["nodes"] == 12
    assert run_cli(network, ["stats", "--graph", "x.trig", "--store", "y"]) == 2
