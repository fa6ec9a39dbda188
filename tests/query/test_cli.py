"""``commitgraph query`` and ``commitgraph queries`` from the command line."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from commitgraph.cli import cli
from commitgraph.cli._common import run_cli
from commitgraph.query import library


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run_cli(cli, list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_commands_are_registered_with_help() -> None:
    for name in ("query", "queries", "serve", "push"):
        assert name in cli.commands
        assert cli.commands[name].help


def test_queries_lists_the_library(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "queries")
    assert code == 0
    for name, q in library().items():
        assert name in out and q.title in out
    assert "--param actor=" in out
    code, out, _ = _run(capsys, "queries", "--names")
    assert out.split() == list(library())


def test_query_csv(capsys: pytest.CaptureFixture[str], fixture_graph: Path) -> None:
    code, out, _ = _run(
        capsys,
        "query",
        "asked-of-actor",
        "--graph",
        str(fixture_graph),
        "-p",
        "actor=ODIHR",
        "--format",
        "csv",
    )
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["strength", "action", "symbol", "date", "paragraph", "text"]
    assert [r[2] for r in rows[1:]] == ["PC.DEC/1107", "MC.DEC/13/04"]


def test_query_json_is_sparql_results(
    capsys: pytest.CaptureFixture[str], fixture_graph: Path
) -> None:
    code, out, _ = _run(
        capsys,
        "query",
        "lineage",
        "--graph",
        str(fixture_graph),
        "--param",
        "decision=MC.DEC/7/17",
        "--format",
        "json",
    )
    assert code == 0
    data = json.loads(out)
    assert data["head"]["vars"] == ["depth", "ancestor_id", "label", "date"]
    first = data["results"]["bindings"][0]
    assert first["depth"] == {
        "type": "literal",
        "value": "1",
        "datatype": "http://www.w3.org/2001/XMLSchema#integer",
    }


def test_query_table_and_markdown(capsys: pytest.CaptureFixture[str], fixture_graph: Path) -> None:
    code, out, _ = _run(capsys, "query", "most-cited", "--graph", str(fixture_graph))
    assert code == 0 and "MC.DEC/15/06" in out and "7 row(s)" in out
    code, out, _ = _run(
        capsys,
        "query",
        "most-cited",
        "--graph",
        str(fixture_graph),
        "--format",
        "md",
        "--limit",
        "2",
    )
    lines = out.strip().splitlines()
    assert lines[0] == "| instrument_id | label | citing_works | paragraphs |"
    assert len([ln for ln in lines if ln.startswith("| ")]) == 3
    assert "(first 2 rows)" in out


def test_expression_and_file(
    capsys: pytest.CaptureFixture[str], fixture_graph: Path, tmp_path: Path
) -> None:
    code, out, _ = _run(
        capsys, "query", "-e", "ASK { ?s ?p ?o }", "--graph", str(fixture_graph), "--format", "json"
    )
    assert code == 0 and json.loads(out) == {"head": {}, "boolean": True}
    rq = tmp_path / "mine.rq"
    rq.write_text("SELECT ?v WHERE { }\n", encoding="utf-8")
    value = 'x" } ; DROP ALL ; #'
    code, out, _ = _run(
        capsys,
        "query",
        str(rq),
        "--graph",
        str(fixture_graph),
        "-p",
        f"v={value}",
        "--show-params",
        "--format",
        "tsv",
    )
    assert code == 0
    assert out.splitlines() == ["?v", '"x\\" } ; DROP ALL ; #"']


def test_default_graph_is_the_last_build(
    capsys: pytest.CaptureFixture[str],
    fixture_graph: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = _run(capsys, "query", "decisions")
    assert code == 3
    assert "out/graph.trig" in err and "commitgraph build" in err
    (tmp_path / "out").mkdir()
    shutil.copy(fixture_graph, tmp_path / "out" / "graph.trig")
    code, out, err = _run(capsys, "query", "decisions", "--format", "csv")
    assert code == 0 and "querying out/graph.trig" in err
    assert out.count("MC.DEC/") == 3


def test_query_a_store(
    capsys: pytest.CaptureFixture[str], fixture_graph: Path, tmp_path: Path
) -> None:
    from commitgraph.store import load_build, open_store

    store = open_store(tmp_path / "store")
    load_build(store, fixture_graph)
    del store
    code, out, _ = _run(
        capsys,
        "query",
        "cited-by",
        "--store",
        str(tmp_path / "store"),
        "-p",
        "instrument=MC.DEC/13/04",
        "--format",
        "csv",
    )
    assert code == 0, out
    assert out.splitlines()[1:] == [
        "MC.DEC/15/06,2006-12-05,1",
        "PC.DEC/1107,2013-12-06,2",
        "MC.DEC/7/17,2017-12-08,2",
    ]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["query", "no-such-query"], 6, "unknown query"),
        (["query", "asked-of-actor"], 6, "needs --param actor"),
        (["query", "asked-of-actor", "-p", "actor"], 6, "key=value"),
        (["query", "-e", "SELECT ?s WHERE { ?s ?p }"], 6, "syntax"),
        (["query", "missing.rq"], 6, "no such query file"),
    ],
)
def test_query_errors(
    capsys: pytest.CaptureFixture[str],
    fixture_graph: Path,
    args: list[str],
    code: int,
    message: str,
) -> None:
    got, _, err = _run(capsys, *args, "--graph", str(fixture_graph))
    assert got == code
    assert message in err
