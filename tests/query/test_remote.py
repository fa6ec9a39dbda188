"""The query library on a SPARQL server: parameters written into the text, answers read
back, and ``push --merge`` / ``query --endpoint`` from the command line.

The rows of every library query through a real ``oxigraph serve`` are checked against the
hand-worked expectations in ``test_library.py`` (engine ``endpoint``); here are the
pieces: where a bound variable goes in the text, that any term survives the trip, and
what a user sees when the server is empty, away or refuses the query.
"""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commitgraph.cli import cli
from commitgraph.cli._common import run_cli
from commitgraph.errors import QueryError, RemoteError
from commitgraph.push import RetryPolicy, graphs_from_file, merge_of, ntriples, push
from commitgraph.query import parse_header, run_library_query, run_query, substitute
from commitgraph.remote import Endpoint, default_graph_is_empty
from tests.servers import QUERY_FIXTURE, FakeServer, free_port, oxigraph_serving

IRI = ox.NamedNode("https://example.org/a")
WORD = ox.Literal("trafficking")

# --- where a bound variable goes ----------------------------------------------------------


def test_in_patterns_and_expressions_the_term_itself() -> None:
    q = "SELECT ?x WHERE { ?x <p> ?v FILTER(?v != ?w) }"
    assert substitute(q, {"v": IRI}) == (
        "SELECT ?x WHERE { ?x <p> <https://example.org/a> FILTER(<https://example.org/a> != ?w) }"
    )


def test_the_select_clause_keeps_the_column() -> None:
    q = "SELECT DISTINCT ?v ?x (COUNT(?v) AS ?n) WHERE { ?x <p> ?v }"
    assert substitute(q, {"v": WORD}).startswith(
        'SELECT DISTINCT ("trafficking" AS ?v) ?x (COUNT("trafficking") AS ?n) WHERE'
    )


def test_a_sub_select_drops_the_column_the_outer_query_keeps() -> None:
    q = "SELECT ?v ?x WHERE { { SELECT ?v ?x WHERE { ?x <p> ?v } } }"
    assert substitute(q, {"v": IRI}) == (
        "SELECT (<https://example.org/a> AS ?v) ?x WHERE { { SELECT  ?x WHERE "
        "{ ?x <p> <https://example.org/a> } } }"
    )


def test_a_sub_select_of_the_bound_variable_alone_keeps_a_column() -> None:
    q = "SELECT ?v WHERE { { SELECT DISTINCT ?v WHERE { ?v <https://example.org/p> ?o } } }"
    text = substitute(q, {"v": IRI})
    assert re.search(r"SELECT DISTINCT\s+\(<https://example.org/a> AS \?v__bound\) WHERE", text)
    store = ox.Store()
    for word in ("one", "two"):  # DISTINCT still makes one row of them
        store.add(ox.Quad(IRI, ox.NamedNode("https://example.org/p"), ox.Literal(word)))
    assert run_query(store, text).values() == [("https://example.org/a",)]
    assert run_query(store, substitute(q, {"v": ox.NamedNode("https://example.org/b")})).rows == []


def test_group_by_and_order_by_take_a_bracketed_term() -> None:
    q = "SELECT ?v (COUNT(*) AS ?n) WHERE { ?s ?p ?v } GROUP BY ?v ?p ORDER BY ?v DESC(?v)"
    text = substitute(q, {"v": WORD})
    assert text.endswith('GROUP BY ("trafficking") ?p ORDER BY ("trafficking") DESC("trafficking")')


def test_strings_iris_and_comments_are_left_alone() -> None:
    q = 'SELECT ?x WHERE { ?x <http://e/?v> "?v" } # ?v\n'
    assert substitute(q, {"v": IRI}) == q


@pytest.mark.parametrize(
    "q",
    [
        "SELECT ?x WHERE { BIND(1 AS ?v) }",
        "SELECT ?x WHERE { VALUES ?v { 1 2 } }",
        "SELECT (1 AS ?v) WHERE { }",
    ],
)
def test_a_variable_the_query_assigns_cannot_be_bound(q: str) -> None:
    with pytest.raises(QueryError, match="assigns"):
        substitute(q, {"v": WORD})


def test_a_blank_node_cannot_travel() -> None:
    with pytest.raises(QueryError, match="blank node"):
        substitute("SELECT ?v WHERE { }", {"v": ox.BlankNode("b")})


# Any text, any language tag, any datatype, any IRI: written into the text, the value is
# the same term on arrival (quotes, backslashes, "\u0022", line breaks, astral characters).
_texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
_terms = st.one_of(
    _texts.map(ox.Literal),
    st.tuples(_texts, st.sampled_from(["en", "fr", "ru", "de-CH", "es", "it"])).map(
        lambda t: ox.Literal(t[0], language=t[1])
    ),
    st.integers().map(ox.Literal),
    st.text(
        st.one_of(
            st.sampled_from("abcXYZ0189-._~!$&'()*+,;=:@/?#"),
            st.characters(whitelist_categories=("Ll", "Lu", "Lo")),
        )
    ).map(lambda s: ox.NamedNode("https://example.org/" + s)),
)


@given(term=_terms)
@settings(max_examples=300, deadline=None)
def test_any_term_arrives_as_itself(term: ox.NamedNode | ox.Literal) -> None:
    store = ox.Store()
    store.add(ox.Quad(IRI, ox.NamedNode("https://example.org/p"), term))
    echo = substitute("SELECT ?v WHERE { }", {"v": term})
    assert run_query(store, echo).rows == [(term,)]
    match = substitute("ASK { ?s <https://example.org/p> ?v }", {"v": term})
    assert run_query(store, match).boolean is True
    assert run_query(store, substitute("SELECT ?v WHERE { }", {"v": ox.Literal("x")})).rows == [
        (ox.Literal("x"),)
    ]


# --- a real server ------------------------------------------------------------------------


@pytest.mark.server
def test_the_cli_answers_the_same_from_a_server(
    endpoint_fixture: Endpoint, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, params in (
        ("asked-of-actor", ["-p", "actor=ParticipatingStates", "-p", "lang=*"]),
        ("cited-by", ["-p", "instrument=MC.DEC/13/04"]),
        ("decisions", []),
        ("strength-over-years", ["-p", "topic=trafficking"]),
    ):
        outputs = []
        for where in (["--graph", str(QUERY_FIXTURE)], ["--endpoint", endpoint_fixture.url]):
            assert run_cli(cli, ["query", name, *params, "--format", "csv", *where]) == 0
            outputs.append(capsys.readouterr().out)
        assert outputs[0] == outputs[1], name
        assert outputs[0].count("\n") > 1, name


@pytest.mark.server
def test_a_hostile_value_changes_nothing_on_the_server(endpoint_fixture: Endpoint) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    before = run_query(endpoint_fixture, count).values()
    hostile = 'x" } ; DROP ALL ; INSERT DATA { <a> <b> <c> } ; #'
    echo = parse_header("SELECT ?v WHERE { }", "echo")
    got = run_library_query(endpoint_fixture, echo, {"v": hostile}, show_params=True)
    assert got.values() == [(hostile,)]
    assert run_query(endpoint_fixture, count).values() == before


@pytest.mark.server
def test_construct_and_ask_and_limit_on_a_server(endpoint_fixture: Endpoint) -> None:
    graph = run_query(endpoint_fixture, "CONSTRUCT { ?s a ?t } WHERE { ?s a ?t } LIMIT 4")
    assert graph.kind == "graph" and len(graph.triples) == 4
    assert run_query(endpoint_fixture, "ASK { ?s ?p ?o }").boolean is True
    cut = run_query(endpoint_fixture, "SELECT ?s WHERE { ?s ?p ?o }", limit=3)
    assert len(cut.rows) == 3 and cut.truncated


@pytest.mark.server
def test_a_syntax_error_is_the_servers_refusal(endpoint_fixture: Endpoint) -> None:
    with pytest.raises(QueryError, match="refused the query"):
        run_query(endpoint_fixture, "SELECT ?x WHERE { ?x")


@pytest.mark.server
def test_push_merge_fills_the_default_graph_and_an_empty_one_is_explained(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with oxigraph_serving(tmp_path / "data") as server:
        query_url = f"{server.base}/query"
        ep = Endpoint(query_url)
        assert run_cli(cli, ["push", str(QUERY_FIXTURE), "--endpoint", server.base]) == 0
        capsys.readouterr()
        assert default_graph_is_empty(ep)
        assert run_cli(cli, ["query", "decisions", "--endpoint", query_url]) == 0
        assert "push --merge" in capsys.readouterr().err

        code = run_cli(cli, ["push", str(QUERY_FIXTURE), "--endpoint", server.base, "--merge"])
        out = capsys.readouterr().out
        union = merge_of(graphs_from_file(QUERY_FIXTURE))
        assert code == 0 and f"published default ({len(union)} triples)" in out
        count = run_query(ep, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").values()
        assert count == [(str(len(union)),)]
        assert run_cli(cli, ["query", "decisions", "--endpoint", query_url]) == 0
        assert "push --merge" not in capsys.readouterr().err


@pytest.mark.server
def test_push_merge_from_a_store_sends_its_default_graph(tmp_path: Path) -> None:
    from commitgraph.push import graphs_from_store, merge_from_store
    from commitgraph.store import load_build, open_store

    store = open_store(tmp_path / "store")
    load_build(store, QUERY_FIXTURE)
    path, count = merge_from_store(store, tmp_path)
    assert count == len(merge_of(graphs_from_store(store))) and path.stat().st_size
    with oxigraph_serving(tmp_path / "data") as server:
        report = push(graphs_from_store(store), f"{server.base}/store", merge=(path, count))
        assert report.ok and report.published["default"] == count
        r = httpx.get(
            f"{server.base}/query",
            params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"},
            headers={"Accept": "text/csv"},
        )
        assert r.text.split()[1] == str(count)


def test_the_merge_waits_for_every_named_graph() -> None:
    graphs = graphs_from_file(QUERY_FIXTURE)
    refused = sorted(graphs)[0]
    with FakeServer([201], refuse_graph=refused) as fake:
        report = push(graphs, fake.url, merge=(ntriples(merge_of(graphs)), 1), retry=RetryPolicy(1))
    assert refused in report.failed
    assert report.failed["default"] == "not attempted: some named graphs failed"
    assert not any("default" in path for _, path, _, _ in fake.requests)


def test_merge_and_one_graph_do_not_go_together(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["push", str(QUERY_FIXTURE), "--endpoint", "http://127.0.0.1:1", "--merge"]
    assert run_cli(cli, [*args, "--graph", "https://example.org/g"]) == 2
    assert "not with --graph" in capsys.readouterr().err


def test_a_server_that_is_not_there(capsys: pytest.CaptureFixture[str]) -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    with pytest.raises(RemoteError, match="cannot reach"):
        run_query(Endpoint(url), "ASK { }")
    assert run_cli(cli, ["query", "decisions", "--endpoint", url]) == RemoteError.exit_code
    assert "cannot reach" in capsys.readouterr().err


def test_endpoint_excludes_a_local_source(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["query", "decisions", "--endpoint", "http://127.0.0.1:1/q", "--graph", "x.trig"]
    assert run_cli(cli, args) == 2
    assert "one of them" in capsys.readouterr().err


@pytest.mark.server
def test_the_library_through_commitgraph_serve(oxigraph_fixture) -> None:  # type: ignore[no-untyped-def]
    """``query --endpoint`` also speaks to this project's own read-only endpoint."""
    from commitgraph.query import library
    from commitgraph.serve import ServeConfig
    from tests.servers import start_endpoint, stop_endpoint

    server, thread = start_endpoint(
        ServeConfig(graph=QUERY_FIXTURE, port=0, timeout=30, limit=100_000, workers=1)
    )
    try:
        ep = Endpoint(server.url)
        answered = 0
        for name, q in sorted(library().items()):
            for example in q.examples or [""]:
                params = dict(re.findall(r"(\w+)=(.*?)(?=\s+\w+=|$)", example.strip()))
                local = run_library_query(oxigraph_fixture, q, params)
                remote = run_library_query(ep, q, params)
                assert remote.variables == local.variables, name
                assert remote.rows == local.rows, name
                answered += bool(local.rows)
        assert answered >= 8
    finally:
        stop_endpoint(server, thread)
