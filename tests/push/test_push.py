"""``commitgraph push`` to a real ``oxigraph serve`` and to small fake servers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from commitgraph.cli import cli
from commitgraph.cli._common import run_cli
from commitgraph.errors import InputError, RemoteError
from commitgraph.push import (
    Auth,
    RetryPolicy,
    graphs_from_file,
    graphs_from_store,
    push,
    put_graph,
    store_endpoint,
)
from tests.servers import QUERY_FIXTURE as FIXTURE
from tests.servers import FakeServer, free_port, oxigraph_serving

pytestmark = pytest.mark.server

FAST = RetryPolicy(attempts=3, backoff=0.01, max_wait=0.05)


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``oxigraph serve`` on a free loopback port, stopped after the module."""
    with oxigraph_serving(tmp_path_factory.mktemp("oxigraph")) as server:
        yield server.base


def _server_counts(base: str) -> dict[str, int]:
    q = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    r = httpx.get(
        f"{base}/query", params={"query": q}, headers={"Accept": "application/sparql-results+json"}
    )
    r.raise_for_status()
    return {b["g"]["value"]: int(b["n"]["value"]) for b in r.json()["results"]["bindings"]}


def _fixture_counts() -> dict[str, int]:
    return {g: len(set(ts)) for g, ts in graphs_from_file(FIXTURE).items()}


def test_push_twice_leaves_exactly_the_graph(oxigraph_server: str) -> None:
    graphs = graphs_from_file(FIXTURE)
    for _ in range(2):
        report = push(graphs, store_endpoint(oxigraph_server), retry=FAST)
        assert report.ok and set(report.published) == set(graphs)
    assert _server_counts(oxigraph_server) == _fixture_counts()
    total = httpx.get(
        f"{oxigraph_server}/query",
        headers={"Accept": "text/csv"},
        params={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"},
    ).text.split()[1]
    assert int(total) == sum(_fixture_counts().values())


def test_a_re_push_replaces_a_changed_graph_only(oxigraph_server: str) -> None:
    graphs = graphs_from_file(FIXTURE)
    push(graphs, store_endpoint(oxigraph_server), retry=FAST)
    fr = "https://w3id.org/commitgraph/id/work/MC.DEC/7/17/graph/fr"
    shorter = {fr: graphs[fr][: len(graphs[fr]) // 2]}
    report = push(shorter, store_endpoint(oxigraph_server), retry=FAST)
    assert report.published == {fr: len(set(shorter[fr]))}
    counts = _server_counts(oxigraph_server)
    expected = _fixture_counts()
    expected[fr] = len(set(shorter[fr]))
    assert counts == expected


def test_push_from_a_store_and_through_the_cli(
    oxigraph_server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from commitgraph.store import load_build, open_store

    store = open_store(tmp_path / "store")
    load_build(store, FIXTURE)
    assert {g: len(ts) for g, ts in graphs_from_store(store).items()} == _fixture_counts()
    del store
    code = run_cli(cli, ["push", "--store", str(tmp_path / "store"), "--endpoint", oxigraph_server])
    out = capsys.readouterr().out
    assert code == 0, out
    assert out.count("published ") == len(_fixture_counts())
    assert _server_counts(oxigraph_server) == _fixture_counts()


def test_a_triples_file_needs_a_graph_name(tmp_path: Path) -> None:
    ttl = tmp_path / "one.ttl"
    ttl.write_text("<https://example.org/s> <https://example.org/p> 'o' .\n", encoding="utf-8")
    with pytest.raises(InputError, match="--graph"):
        graphs_from_file(ttl)
    assert list(graphs_from_file(ttl, "https://example.org/g")) == ["https://example.org/g"]
    one = "https://w3id.org/commitgraph/id/graph/vocabulary"
    assert list(graphs_from_file(FIXTURE, one)) == [one]
    with pytest.raises(InputError):
        graphs_from_file(FIXTURE, "https://example.org/not-there")


@pytest.mark.parametrize("status", [401, 403])
def test_refused_credentials_are_a_clear_remote_error(
    status: int, capsys: pytest.CaptureFixture[str]
) -> None:
    with FakeServer([status]) as fake:
        code = run_cli(
            cli,
            [
                "push",
                str(FIXTURE),
                "--endpoint",
                fake.url,
                "--user",
                "alice",
                "--password",
                "wrong",
            ],
        )
        out, err = capsys.readouterr()
        assert code == RemoteError.exit_code
        assert f"HTTP {status}" in out and "credentials" in out
        assert "not published" in err
        # one refusal stops the run: no point sending every graph to be refused
        assert len(fake.requests) == 1
        assert fake.requests[0][2]["Authorization"].startswith("Basic ")
        assert out.count("NOT published") == len(_fixture_counts())


def test_put_graph_raises_remote_error_naming_the_status() -> None:
    with (
        FakeServer([403]) as fake,
        httpx.Client() as client,
        pytest.raises(RemoteError, match="HTTP 403"),
    ):
        put_graph(client, fake.url, "https://example.org/g", b"", retry=FAST)


def test_transient_failures_are_retried() -> None:
    graphs = {
        "https://example.org/g": [
            ox.Triple(
                ox.NamedNode("https://example.org/s"),
                ox.NamedNode("https://example.org/p"),
                ox.Literal("o"),
            )
        ]
    }
    with FakeServer([503, 502, 204]) as fake:
        report = push(graphs, fake.url, retry=FAST, auth=Auth(token="s3cret"))
    assert report.ok and report.published == {"https://example.org/g": 1}
    assert len(fake.requests) == 3
    method, path, headers, size = fake.requests[-1]
    assert method == "PUT" and "graph=https%3A%2F%2Fexample.org%2Fg" in path
    assert headers["Authorization"] == "Bearer s3cret"
    assert headers["Content-Type"] == "application/n-triples" and size > 0


def test_giving_up_after_the_retries() -> None:
    with FakeServer([503]) as fake:
        report = push({"https://example.org/g": []}, fake.url, retry=FAST)
    assert not report.ok and "after 3 attempts" in report.failed["https://example.org/g"]
    assert len(fake.requests) == 3


def test_one_refused_graph_does_not_stop_the_others() -> None:
    graphs = graphs_from_file(FIXTURE)
    bad = "https://w3id.org/commitgraph/id/graph/catalogue"
    with FakeServer([201], refuse_graph=bad) as fake:
        report = push(graphs, fake.url, retry=FAST)
    assert set(report.failed) == {bad} and "HTTP 400" in report.failed[bad]
    assert set(report.published) == set(graphs) - {bad}
    assert Counter(r[0] for r in fake.requests) == {"PUT": len(graphs)}


def test_an_unreachable_server() -> None:
    url = f"http://127.0.0.1:{free_port()}/store"
    report = push({"https://example.org/g": []}, url, retry=FAST)
    assert "cannot reach" in report.failed["https://example.org/g"]


def test_store_endpoint() -> None:
    assert store_endpoint("http://localhost:7878") == "http://localhost:7878/store"
    assert store_endpoint("http://localhost:7878/") == "http://localhost:7878/store"
    assert store_endpoint("http://h:3030/ds/data") == "http://h:3030/ds/data"


def test_a_store_graph_that_is_not_there_is_an_input_error(tmp_path: Path) -> None:
    from commitgraph.store import load_build, open_store

    store = open_store(tmp_path / "store")
    load_build(store, FIXTURE)
    with pytest.raises(InputError, match="no graph"):
        graphs_from_store(store, "https://example.org/not-there")
    one = "https://w3id.org/commitgraph/id/graph/vocabulary"
    assert list(graphs_from_store(store, one)) == [one]
    assert len(graphs_from_store(store, one)[one]) == _fixture_counts()[one]
