"""``commitgraph push`` when the server fails: killed mid-way, flaky, refusing, redirecting.

The promise: the report says exactly which graphs were published and which were not, the
exit code is the documented one (7), a server that went away does not cost every
remaining graph its retries, and running the same push again against a restarted server
completes the rest without duplicating a triple.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from commitgraph.cli import cli
from commitgraph.cli._common import run_cli
from commitgraph.errors import RemoteError
from commitgraph.push import RetryPolicy, graphs_from_file, push
from tests.servers import FakeServer, OxigraphServer

pytestmark = pytest.mark.server

EX = "http://example.org/"
GRAPHS = 30
BIG = 12  # the graph the server is killed on holds many triples, to die mid-write
FAST = RetryPolicy(attempts=4, backoff=0.01, max_wait=0.05)


def _graph(k: int) -> str:
    return f"{EX}graph/{k:02d}"


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An N-Quads file of 30 named graphs of different sizes, sharing some triples."""
    path = tmp_path_factory.mktemp("push") / "graphs.nq"
    with path.open("w", encoding="utf-8") as fh:
        for k in range(GRAPHS):
            size = 20_000 if k == BIG else 40 + 7 * k
            for i in range(size):
                fh.write(f'<{EX}s{i}> <{EX}p{k % 3}> "v{i % 50}" <{_graph(k)}> .\n')
    return path


@pytest.fixture(scope="module")
def expected(source: Path) -> dict[str, int]:
    return {g: len(set(ts)) for g, ts in graphs_from_file(source).items()}


def _push_cli(source: Path, endpoint: str, *extra: str) -> int:
    return run_cli(cli, ["push", str(source), "--endpoint", endpoint, *extra])


def _report(out: str) -> tuple[set[str], set[str]]:
    """Graphs the CLI reported as published and as not published."""
    published = {line.split()[1] for line in out.splitlines() if line.startswith("published ")}
    failed = {
        line.split()[2].rstrip(":")
        for line in out.splitlines()
        if line.startswith("NOT published ")
    }
    return published, failed


# --- a proxy in front of the real server, to fail at a chosen moment ------------------------


class Proxy:
    """Forwards requests to ``upstream``; ``decide(n)`` picks what to do with the n-th PUT.

    ``forward``: pass it on; ``502``/``503``: answer that without forwarding; ``drop``:
    hang up without an answer; ``lost``: pass it on, then hang up without passing the
    answer back (the server stored the graph, the client cannot know); ``kill``: start
    forwarding, SIGKILL the upstream server while it receives the graph, hang up, and
    stop listening (the client then finds nothing at the address, as after a crash).
    Once the upstream is gone, forwarded requests get a 502, as from a gateway.
    """

    def __init__(self, upstream: OxigraphServer, decide: Callable[[int], str]) -> None:
        self.upstream = upstream
        self.decide = decide
        self.puts = 0
        self.log: list[tuple[int, str, str]] = []  # (n, graph, action)
        self.lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_PUT(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with proxy.lock:
                    proxy.puts += 1
                    n = proxy.puts
                action = proxy.decide(n)
                graph = httpx.URL(self.path).params.get("graph", "")
                proxy.log.append((n, graph, action))
                if action in ("502", "503"):
                    self._answer(int(action), b"the proxy says no\n")
                elif action == "drop":
                    self.close_connection = True
                elif action == "lost":
                    _quietly(lambda: self._forward(body, answer=False))
                    self.close_connection = True
                elif action == "kill":
                    proxy.kill_during(self.path, body, dict(self.headers))
                    self.close_connection = True
                else:
                    self._forward(body)

            def _forward(self, body: bytes, answer: bool = True) -> None:
                try:
                    r = httpx.put(
                        proxy.upstream.base + self.path,
                        content=body,
                        headers={"Content-Type": self.headers.get("Content-Type", "")},
                        timeout=30,
                    )
                except httpx.TransportError:
                    self._answer(502, b"bad gateway: the server does not answer\n")
                    return
                if answer:
                    self._answer(r.status_code, r.content)

            def _answer(self, status: int, payload: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/store"

    def kill_during(self, path: str, body: bytes, headers: dict[str, str]) -> None:
        sender = threading.Thread(
            target=lambda: _quietly(
                lambda: httpx.put(
                    self.upstream.base + path,
                    content=body,
                    headers={"Content-Type": headers.get("Content-Type", "")},
                    timeout=10,
                )
            ),
            daemon=True,
        )
        sender.start()
        time.sleep(0.005)
        self.upstream.kill()
        sender.join(10)
        # stop listening: from now on a connection attempt is refused
        threading.Thread(target=self.server.shutdown, daemon=True).start()
        self.server.socket.close()

    def __enter__(self) -> Proxy:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def _quietly(fn: Callable[[], object]) -> None:
    with contextlib.suppress(httpx.HTTPError):
        fn()


@pytest.fixture
def oxigraph(tmp_path: Path) -> Iterator[OxigraphServer]:
    server = OxigraphServer(tmp_path / "oxigraph").start()
    try:
        yield server
    finally:
        server.stop()


# --- the server dies mid-way ----------------------------------------------------------------


def test_a_server_killed_mid_push_then_a_re_run_completes(
    source: Path,
    expected: dict[str, int],
    oxigraph: OxigraphServer,
    capsys: pytest.CaptureFixture[str],
) -> None:
    names = sorted(expected)
    kill_at = BIG + 1  # the 13th PUT, the big graph
    with Proxy(oxigraph, lambda n: "kill" if n == kill_at else "forward") as proxy:
        t = time.monotonic()
        code = _push_cli(source, proxy.url)
        took = time.monotonic() - t
    out, err = capsys.readouterr()
    published, failed = _report(out)
    assert code == RemoteError.exit_code == 7
    assert published == set(names[:BIG])
    assert failed == set(names[BIG:])
    assert f"{GRAPHS - BIG} of {GRAPHS} graph(s) not published" in err
    assert f"NOT published {names[BIG]}: gave up" in out
    assert out.count("not attempted: the server stopped answering") == GRAPHS - BIG - 1
    # nothing listens any more: the run stopped after that graph's retries (3.5 s)
    # instead of spending them on each of the 17 graphs left (a minute)
    assert took < 8
    assert [a for _, _, a in proxy.log].count("kill") == 1 and proxy.puts == kill_at

    # the server comes back on its data: what was reported published is there, whole;
    # the graph it died on is whole or absent, never half-written; the rest is absent
    restarted = OxigraphServer(oxigraph.location).start()
    try:
        counts = restarted.counts()
        assert {g: counts[g] for g in names[:BIG]} == {g: expected[g] for g in names[:BIG]}
        assert counts.get(names[BIG], 0) in (0, expected[names[BIG]])
        assert not set(counts) & set(names[BIG + 1 :])

        code = _push_cli(source, restarted.base)
        out, _ = capsys.readouterr()
        assert code == 0, out
        assert _report(out) == (set(names), set())
        assert restarted.counts() == expected  # triples per graph: exactly the source's
    finally:
        restarted.stop()


def test_a_dead_server_behind_a_gateway_stops_the_run_after_two_graphs(
    source: Path,
    expected: dict[str, int],
    oxigraph: OxigraphServer,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The gateway stays up and answers 502 for every graph: two give-ups end the run."""
    names = sorted(expected)
    dead_from = 6
    with Proxy(oxigraph, lambda n: "forward" if n < dead_from else "502") as proxy:
        t = time.monotonic()
        code = _push_cli(source, proxy.url, "--retries", "2")
        took = time.monotonic() - t
        out, _ = capsys.readouterr()
        published, failed = _report(out)
        assert code == 7
        assert published == set(names[: dead_from - 1])
        assert failed == set(names[dead_from - 1 :])
        assert out.count("after 2 attempts (HTTP 502") == 2
        assert out.count("not attempted: the server stopped answering") == GRAPHS - dead_from - 1
        assert proxy.puts == dead_from - 1 + 2 * 2  # two graphs, two attempts each, no more
        assert took < 5
        assert oxigraph.counts() == {g: expected[g] for g in names[: dead_from - 1]}

        # the gateway's server is back: the same command publishes everything
        proxy.decide = lambda n: "forward"
        code = _push_cli(source, proxy.url, "--retries", "2")
        assert code == 0, capsys.readouterr().out
    assert oxigraph.counts() == expected


def test_a_flaky_connection_is_ridden_out_without_duplicates(
    source: Path, expected: dict[str, int], oxigraph: OxigraphServer
) -> None:
    """Four PUTs in ten fail: a 503, a graph stored but its answer lost, a connection
    dropped before the server saw the graph; retries win through."""
    cycle = ["forward", "503", "forward", "lost", "forward", "drop", "forward", "503"]

    def flaky(n: int) -> str:
        return cycle[n % len(cycle)]

    graphs = graphs_from_file(source)
    with Proxy(oxigraph, flaky) as proxy:
        report = push(graphs, proxy.url, retry=FAST)
    assert report.ok, report.failed
    assert report.published == expected
    actions = [a for _, _, a in proxy.log]
    assert {"503", "lost", "drop"} <= set(actions)
    # graphs stored by the server but whose answer was lost were sent again...
    lost = {g for _, g, a in proxy.log if a == "lost"}
    assert lost and all(
        [g for _, g, a in proxy.log if a == "forward"].count(graph) == 1 for graph in lost
    )
    assert oxigraph.counts() == expected  # ...and replaced, not added to


# --- fake servers: transient statuses, refusals, redirects ---------------------------------


def test_transient_statuses_are_retried_through_the_cli(
    source: Path, expected: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    with FakeServer([503, 502, 204]) as fake:
        code = _push_cli(source, fake.url, "--graph", sorted(expected)[0])
    out, _ = capsys.readouterr()
    assert code == 0, out
    assert len(fake.requests) == 3  # two transient failures, then the PUT that held
    assert out.startswith(f"published {sorted(expected)[0]}")


def test_transient_statuses_among_many_graphs(source: Path, expected: dict[str, int]) -> None:
    script = [204, 503, 204, 204, 502, 429, 204, 504, 204] + [204] * GRAPHS
    with FakeServer(script) as fake:
        report = push(graphs_from_file(source), fake.url, retry=FAST)
    assert report.ok and report.published == expected
    assert len(fake.requests) == GRAPHS + 4  # one more for each transient status


def test_retry_after_is_honoured(expected: dict[str, int]) -> None:
    graphs: dict[str, list[ox.Triple]] = {g: [] for g in sorted(expected)[:2]}
    with FakeServer([503, 204], headers={"Retry-After": "1"}) as fake:
        t = time.monotonic()
        report = push(graphs, fake.url, retry=RetryPolicy(attempts=3, backoff=0.01))
        took = time.monotonic() - t
    assert report.ok and len(fake.requests) == 3
    assert 1 <= took < 3


@pytest.mark.parametrize("status", [401, 403])
def test_credentials_refused_mid_way_stop_at_once(
    source: Path, expected: dict[str, int], capsys: pytest.CaptureFixture[str], status: int
) -> None:
    """A token that expires after three graphs: the fourth is refused, nothing more is sent."""
    names = sorted(expected)
    with FakeServer([204, 204, 204, status]) as fake:
        t = time.monotonic()
        code = _push_cli(source, fake.url, "--token", "expired-soon")
        took = time.monotonic() - t
    out, err = capsys.readouterr()
    assert code == 7
    assert len(fake.requests) == 4  # no retry of a refusal, no further graph
    assert took < 2
    assert _report(out) == (set(names[:3]), set(names[3:]))
    assert f"HTTP {status}" in out and "check --user/--password or --token" in out
    assert out.count("not attempted: the server refused the credentials") == GRAPHS - 4
    assert "not published" in err


def test_a_redirect_is_not_taken_for_success(
    expected: dict[str, int], capsys: pytest.CaptureFixture[str], source: Path
) -> None:
    """Following a 302 would turn the PUT into a GET that "succeeds" and stores nothing."""
    target = "http://127.0.0.1:1/elsewhere/store"
    with FakeServer([302], headers={"Location": target}) as fake:
        code = _push_cli(source, fake.url, "--graph", sorted(expected)[0])
    out, _ = capsys.readouterr()
    assert code == 7
    assert len(fake.requests) == 1 and fake.requests[0][0] == "PUT"
    assert f"redirects graph {sorted(expected)[0]} to {target}" in out
    assert "published " not in out.replace("NOT published", "")
