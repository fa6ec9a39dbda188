"""``commitgraph serve`` under attack: writes, other hosts, runaway queries, a crowd.

The endpoint must stay read-only whatever a request says, never fetch from another
host, stop a runaway query at its timeout or memory cap, cut a huge result at the row
limit and say so, and keep answering 50 clients at once with bounded memory.
"""

from __future__ import annotations

import contextlib
import socket
import statistics
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from commitgraph.query import MAX_NESTING, library
from commitgraph.serve import QueryRequest, ServeConfig, SparqlServer
from tests.servers import (
    QUERY_FIXTURE,
    EndpointProcess,
    process_tree,
    start_endpoint,
    stop_endpoint,
    tree_rss_mib,
)

pytestmark = pytest.mark.server

EX = "http://example.org/"
BULK_TRIPLES = 300_000
BULK_NODES = 50_000
COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
# every node reaches every other through any predicate: the closure is billions of pairs
PATH_RUNAWAY = f"SELECT * WHERE {{ ?a (<{EX}p>|!<{EX}p>)* ?b }}"
CROSS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"
# sorting the cross product must hold it all: about 0.5 GB more every second
SORTED_CROSS = CROSS + " ORDER BY ?f ?c"
COUNT_CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"
JSON = {"Accept": "application/sparql-results+json"}


# --- a canary: a loopback port that records every connection --------------------------


class Canary:
    """A listening socket standing for "another host": it counts who connects."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.sock.settimeout(0.2)
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}/"

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.sock.close()


@pytest.fixture(scope="module")
def canary() -> Iterator[Canary]:
    c = Canary()
    try:
        yield c
    finally:
        c.close()


@pytest.fixture(scope="module")
def small() -> Iterator[SparqlServer]:
    """The endpoint over the query fixture, with tight connection limits."""
    config = ServeConfig(
        graph=QUERY_FIXTURE,
        port=0,
        timeout=5,
        limit=5,
        workers=2,
        max_connections=8,
        idle_timeout=1.5,
    )
    server, thread = start_endpoint(config)
    try:
        yield server
    finally:
        stop_endpoint(server, thread)


def _count(url: str) -> int:
    r = httpx.get(url, params={"query": COUNT_ALL}, headers=JSON, timeout=30)
    assert r.status_code == 200, r.text
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


# --- writes -----------------------------------------------------------------------------


HIDDEN_UPDATES = [
    "INSERT DATA { <http://example.org/s> <http://example.org/p> 'x' }",
    "DELETE DATA { <http://example.org/s> <http://example.org/p> 'x' }",
    "PREFIX ex: <http://example.org/>\ndelete where { ?s ?p ?o }",
    "SELECT * WHERE { ?s ?p ?o } ; DROP ALL",
    "WITH <http://example.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
]


@pytest.mark.parametrize("update", HIDDEN_UPDATES)
@pytest.mark.parametrize("how", ["get", "form", "body"])
def test_an_update_hidden_in_a_query_is_refused(small: SparqlServer, update: str, how: str) -> None:
    before = _count(small.url)
    if how == "get":
        r = httpx.get(small.url, params={"query": update})
    elif how == "form":
        r = httpx.post(small.url, data={"query": update})
    else:
        r = httpx.post(
            small.url,
            content=update.encode(),
            headers={"Content-Type": "application/sparql-query"},
        )
    assert r.status_code == 403, r.text
    assert "read-only" in r.text
    assert _count(small.url) == before


@pytest.mark.parametrize(
    "send",
    [
        lambda url, q: httpx.get(url, params={"query": q}),
        lambda url, q: httpx.post(url, data={"update": q}),
        lambda url, q: httpx.post(
            url, content=q.encode(), headers={"Content-Type": "application/sparql-update"}
        ),
    ],
    ids=["query", "update-field", "sparql-update"],
)
def test_load_is_refused_and_fetches_nothing(small: SparqlServer, canary: Canary, send) -> None:  # type: ignore[no-untyped-def]
    seen = canary.connections
    r = send(small.url, f"LOAD <{canary.url}data.ttl> INTO GRAPH <http://example.org/g>")
    assert r.status_code == 403
    assert r.text.startswith("LOAD is refused") and "read-only" in r.text
    assert canary.connections == seen


def test_writing_verbs_are_refused(small: SparqlServer) -> None:
    for method in ("PUT", "DELETE", "PATCH"):
        r = httpx.request(method, small.url, content=b"<a> <b> <c> .")
        assert r.status_code == 405 and "read-only" in r.text


# --- other hosts ------------------------------------------------------------------------


def _service_queries(target: str) -> dict[str, str]:
    pfx = f"PREFIX ex: <{EX}> PREFIX : <{target}> "
    service = f"SERVICE <{target}> {{ ?s ?p ?o }}"
    return {
        "plain": f"SELECT * WHERE {{ {service} }}",
        "lower case": f"select * where {{ service <{target}> {{ ?s ?p ?o }} }}",
        "silent": f"SELECT * WHERE {{ SERVICE SILENT <{target}> {{ ?s ?p ?o }} }}",
        "subquery": f"SELECT ?s WHERE {{ ?s ?p ?o . {{ SELECT ?s WHERE {{ {service} }} }} }}",
        "in a union": f"SELECT * WHERE {{ {{ ?s ?p ?o }} UNION {{ {service} }} }}",
        "no spaces": f"SELECT * WHERE {{SERVICE<{target}>{{?s ?p ?o}}}}",
        "prefixed IRI": pfx + "SELECT * WHERE { SERVICE:sparql { ?s ?p ?o } }",
        "comment between": f"SELECT * WHERE {{ SERVICE # where?\n<{target}> {{ ?s ?p ?o }} }}",
        # a backslash-escaped quote or hash inside a prefixed name fooled the first check,
        # which took it for the start of a string or a comment (the engine did not)
        "after ex:p\\'": pfx
        + f"SELECT * WHERE {{ {{ ?s ex:p\\' ?o }} UNION {{ {service} FILTER(?o != 'x') }} }}",
        "after ex:p\\#": pfx + f"SELECT * WHERE {{ {{ ?s ex:p\\# ?o }} UNION {{ {service} }} }}",
        "escaped IRI": "SELECT * WHERE { SERVICE <"
        + target.replace("/", "\\u002F")
        + "> { ?s ?p ?o } }",
    }


def test_the_service_cases_do_reach_the_engine_s_network(canary: Canary) -> None:
    """Control: pyoxigraph itself fetches for each of these, so refusing them matters."""
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode(EX + "s"), ox.NamedNode(EX + "p"), ox.Literal("o")))
    for name, query in _service_queries(canary.url).items():
        seen = canary.connections
        # the canary hangs up at once, so the engine complains after connecting
        with contextlib.suppress(OSError, RuntimeError):
            list(store.query(query))  # type: ignore[arg-type]
        deadline = time.monotonic() + 2
        while canary.connections == seen and time.monotonic() < deadline:
            time.sleep(0.02)
        assert canary.connections > seen, f"{name}: the engine did not connect"


def test_service_is_refused_in_every_spelling(small: SparqlServer, canary: Canary) -> None:
    seen = canary.connections
    for name, query in _service_queries(canary.url).items():
        for r in (
            httpx.get(small.url, params={"query": query}),
            httpx.post(small.url, data={"query": query}),
        ):
            assert r.status_code == 403, f"{name}: {r.status_code} {r.text}"
            assert "SERVICE is refused" in r.text
    time.sleep(0.3)
    assert canary.connections == seen


@pytest.mark.parametrize(
    "query",
    [
        'SELECT * WHERE { BIND("SERVICE <http://127.0.0.1:1/> { ?s ?p ?o }" AS ?x) }',
        "SELECT * WHERE { BIND('''a\nSERVICE\n''' AS ?x) } # SERVICE in a comment",
        "SELECT ?service WHERE { ?service ?p <http://example.org/SERVICE> }",
        "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ex:service ?o }",
        'SELECT * WHERE { ?s ?p "it\'s \\" SERVICE" }',
    ],
    ids=["string", "long string and comment", "variable and IRI", "local name", "escapes"],
)
def test_the_word_service_elsewhere_is_not_refused(small: SparqlServer, query: str) -> None:
    r = httpx.get(small.url, params={"query": query}, headers=JSON)
    assert r.status_code == 200, r.text


def test_workers_cannot_open_internet_sockets(small: SparqlServer, canary: Canary) -> None:
    """The second layer: a SERVICE query given straight to a worker still goes nowhere."""
    assert small.pool.network_denied, "the seccomp filter should hold on Linux x86-64/ARM64"
    seen = canary.connections
    query = f"SELECT * WHERE {{ SERVICE <{canary.url}> {{ ?s ?p ?o }} }}"
    resp = small.pool.run(QueryRequest(query, None, 5), timeout=5)
    assert resp.status == 403 and b"reach another server" in resp.body
    time.sleep(0.3)
    assert canary.connections == seen
    # the worker is fine afterwards
    assert _count(small.url) > 0


# --- queries that would crash the engine -------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { FILTER(" + "(" * 5000 + "true" + ")" * 5000 + ") }",
        "SELECT * WHERE " + "{" * 5000 + "}" * 5000,
        "SELECT * WHERE { " + " UNION ".join(["{ ?s ?p ?o }"] * 20_000) + " }",
        "SELECT * WHERE { ?s " + "/".join([f"<{EX}p>"] * 20_000) + " ?o }",
        "SELECT * WHERE { " + " . ".join(f"?s{i} ?p ?o" for i in range(20_000)) + " }",
    ],
    ids=["nested filter", "nested groups", "union chain", "path chain", "long pattern"],
)
def test_a_query_that_would_overflow_the_engine_s_stack_is_refused(
    small: SparqlServer, query: str
) -> None:
    """Measured: each of these kills a pyoxigraph process with a segmentation fault."""
    replaced = small.pool.replaced
    t = time.monotonic()
    r = httpx.post(small.url, data={"query": query}, timeout=30)
    assert r.status_code == 400 and "too complex" in r.text, r.text
    assert time.monotonic() - t < 2
    assert small.pool.replaced == replaced  # it never reached a worker
    fine = "SELECT * WHERE " + "{" * MAX_NESTING + " ?s ?p ?o " + "}" * MAX_NESTING
    assert httpx.post(small.url, data={"query": fine}, headers=JSON).status_code == 200


def test_an_unterminated_string_costs_one_pass(small: SparqlServer) -> None:
    hostile = "SELECT * WHERE { ?s ?p " + "'a\\" * 300_000 + " }"
    t = time.monotonic()
    r = httpx.post(
        small.url,
        content=hostile.encode(),
        headers={"Content-Type": "application/sparql-query"},
        timeout=30,
    )
    assert r.status_code == 400 and "unterminated string" in r.text
    assert time.monotonic() - t < 3


# --- HTTP abuse ---------------------------------------------------------------------------


def _raw(server: SparqlServer, request: bytes, wait: float = 5) -> bytes:
    host, port = server.server_address[:2]
    with socket.create_connection((host, port), timeout=wait) as s:
        s.sendall(request)
        chunks = []
        while True:
            try:
                chunk = s.recv(65536)
            except TimeoutError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        (b"Content-Length: abc\r\n", b"400"),
        (b"Content-Length: -5\r\n", b"400"),
        (b"Transfer-Encoding: chunked\r\n", b"411"),
        (b"Content-Length: 2000000\r\n", b"413"),
    ],
    ids=["not a number", "negative", "chunked", "too large"],
)
def test_malformed_bodies_get_an_answer_and_a_hang_up(
    small: SparqlServer, headers: bytes, status: bytes
) -> None:
    request = (
        b"POST /sparql HTTP/1.1\r\nHost: x\r\n"
        b"Content-Type: application/sparql-query\r\n" + headers + b"\r\nASK {}"
    )
    t = time.monotonic()
    answer = _raw(small, request)
    assert answer.startswith(b"HTTP/1.1 " + status), answer[:200]
    assert b"Connection: close" in answer
    assert time.monotonic() - t < 4  # the server hung up; the client did not wait it out


def test_idle_and_surplus_connections(small: SparqlServer) -> None:
    host, port = small.server_address[:2]
    idle = [socket.create_connection((host, port)) for _ in range(8)]
    try:
        time.sleep(0.3)
        # all eight slots are held by connections that say nothing: the ninth is told so
        answer = _raw(small, b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n\r\n")
        assert answer.startswith(b"HTTP/1.1 503") and b"Retry-After" in answer
        # after the idle timeout (1.5 s) the server has hung up on them
        time.sleep(2.5)
        for s in idle:
            s.settimeout(2)
            assert s.recv(100) == b""
    finally:
        for s in idle:
            s.close()
    assert httpx.get(small.url, params={"query": "ASK {}"}, headers=JSON).status_code == 200


# --- a large graph: runaway queries, huge results --------------------------------------------


@pytest.fixture(scope="module")
def big_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The query fixture plus 300,000 synthetic triples forming one tangled component."""
    from commitgraph.store import load_build, open_store

    folder = tmp_path_factory.mktemp("big")
    bulk = folder / "bulk.nt"
    with bulk.open("w", encoding="utf-8") as fh:
        for i in range(BULK_TRIPLES):
            fh.write(
                f"<{EX}n{i % BULK_NODES}> <{EX}p{i % 7}> <{EX}n{(i * 7919 + 13) % BULK_NODES}> .\n"
            )
    store = open_store(folder / "store")
    load_build(store, QUERY_FIXTURE)
    store.bulk_load(path=str(bulk), format=ox.RdfFormat.N_TRIPLES)
    store.flush()
    del store
    return folder / "store"


@pytest.fixture(scope="module")
def big(big_store: Path) -> Iterator[SparqlServer]:
    config = ServeConfig(store=big_store, port=0, timeout=3, limit=1000, workers=2, max_memory=256)
    server, thread = start_endpoint(config)
    try:
        yield server
    finally:
        stop_endpoint(server, thread)


def test_the_large_graph_is_large(big: SparqlServer) -> None:
    assert _count(big.url) >= BULK_TRIPLES


def test_an_unbounded_property_path_is_stopped_at_the_timeout(big: SparqlServer) -> None:
    t = time.monotonic()
    r = httpx.get(big.url, params={"query": PATH_RUNAWAY}, headers=JSON, timeout=60)
    took = time.monotonic() - t
    assert r.status_code == 504 and "3 s timeout" in r.text
    assert 3 <= took < 6
    t = time.monotonic()
    assert httpx.get(big.url, params={"query": "ASK { ?s ?p ?o }"}, headers=JSON).json()["boolean"]
    assert time.monotonic() - t < 2


def test_a_memory_hungry_query_is_stopped_at_the_cap(big: SparqlServer) -> None:
    t = time.monotonic()
    r = httpx.get(big.url, params={"query": SORTED_CROSS}, headers=JSON, timeout=60)
    assert r.status_code == 503 and "256 MiB" in r.text, r.text
    assert time.monotonic() - t < 3  # stopped by the memory cap, before the timeout
    assert _count(big.url) >= BULK_TRIPLES


@pytest.mark.parametrize(
    ("query", "accept"),
    [
        (CROSS, "application/sparql-results+json"),
        (CROSS, "text/csv"),
        ("CONSTRUCT { ?a ?b ?f } WHERE { ?a ?b ?c . ?d ?e ?f }", "application/n-triples"),
    ],
    ids=["select json", "select csv", "construct"],
)
def test_a_huge_result_is_cut_at_the_limit_and_says_so(
    big: SparqlServer, query: str, accept: str
) -> None:
    """90 billion rows on offer: the answer has 1,000 and the headers say it was cut."""
    t = time.monotonic()
    r = httpx.get(big.url, params={"query": query}, headers={"Accept": accept}, timeout=30)
    assert r.status_code == 200, r.text
    assert time.monotonic() - t < 3
    assert r.headers["x-result-truncated"] == "true"
    assert r.headers["x-result-limit"] == "1000"
    if accept.endswith("json"):
        assert len(r.json()["results"]["bindings"]) == 1000
    elif accept == "text/csv":
        assert len(r.text.splitlines()) == 1001  # the header line and 1,000 rows
    else:
        assert len(r.text.splitlines()) == 1000


# --- the crowd: 50 clients for 30 seconds ----------------------------------------------------


class Crowd:
    """Figures of the load test, filled by the client threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.statuses: Counter[int] = Counter()
        self.errors: Counter[str] = Counter()
        self.runaway_statuses: list[int] = []
        self.latencies: list[float] = []

    def record(self, status: int | None, seconds: float, runaway: bool, error: str = "") -> None:
        with self.lock:
            if status is None:
                self.errors[error] += 1
            else:
                self.statuses[status] += 1
                self.latencies.append(seconds)
                if runaway:
                    self.runaway_statuses.append(status)

    @property
    def requests(self) -> int:
        return sum(self.statuses.values()) + sum(self.errors.values())


def _crowd_queries() -> list[str]:
    queries = [q.text for q in library().values()]
    queries += [
        "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 50",
        f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s <{EX}p3> ?o }}",
        f"SELECT ?o WHERE {{ <{EX}n42> ?p ?o }}",
        f"SELECT ?x WHERE {{ <{EX}n7> <{EX}p0>/<{EX}p1> ?x }}",
        "ASK { ?s a ?t }",
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 20",
        "SELECT ?t (COUNT(?s) AS ?n) WHERE { ?s a ?t } GROUP BY ?t ORDER BY DESC(?n)",
    ]
    return queries


@pytest.mark.slow
def test_fifty_clients_for_thirty_seconds(big_store: Path) -> None:
    """50 threads, each with its own keep-alive connection, for 30 s (at most 400
    requests each): library queries, ad-hoc SELECTs, and four runaway queries early on.
    The server's process tree (HTTP process, two workers, multiprocessing's helper) is
    sampled every second for resident memory."""
    duration, clients, per_client, bound_mib = 30.0, 50, 400, 1536
    queries = _crowd_queries()
    runaways = [PATH_RUNAWAY, SORTED_CROSS, COUNT_CROSS, SORTED_CROSS]
    crowd = Crowd()
    samples: list[tuple[float, float]] = []
    server = EndpointProcess(
        store=big_store, timeout=5, limit=1000, workers=2, max_memory=300, max_connections=128
    )
    with server:
        baseline = tree_rss_mib(server.pid)
        start = time.monotonic()
        stop = threading.Event()

        def watch() -> None:
            while not stop.is_set():
                samples.append((time.monotonic() - start, tree_rss_mib(server.pid)))
                stop.wait(1.0)

        def client(k: int) -> None:
            accept = {"Accept": "application/sparql-results+json, text/turtle;q=0.9"}
            with httpx.Client(timeout=60, headers=accept) as http:
                for i in range(per_client):
                    if time.monotonic() - start > duration:
                        return
                    # four clients each send one runaway query, in the first ten seconds
                    runaway = k < len(runaways) and i == 2 + 3 * k
                    query = runaways[k] if runaway else queries[(k * 7 + i) % len(queries)]
                    t = time.monotonic()
                    try:
                        if i % 2:
                            r = http.post(server.url, data={"query": query})
                        else:
                            r = http.get(server.url, params={"query": query})
                    except httpx.HTTPError as err:
                        crowd.record(None, time.monotonic() - t, runaway, type(err).__name__)
                        continue
                    crowd.record(r.status_code, time.monotonic() - t, runaway)

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
        for th in threads:
            th.start()
        for th in threads:
            th.join(duration + 30)
        stop.set()
        watcher.join(5)
        elapsed = time.monotonic() - start
        after = tree_rss_mib(server.pid)
        processes = len(process_tree(server.pid))
        alive = server.alive()

    peak = max(m for _, m in samples)
    first = statistics.median(m for s, m in samples if s < duration / 3)
    last = statistics.median(m for s, m in samples if s >= 2 * duration / 3)
    print(
        f"\nload test: {clients} clients, {elapsed:.1f} s, {crowd.requests} requests "
        f"({crowd.requests / elapsed:.0f}/s)\n"
        f"  answers by status: {dict(sorted(crowd.statuses.items()))}\n"
        f"  runaway queries answered: {crowd.runaway_statuses}\n"
        f"  errors (no answer): {sum(crowd.errors.values())} {dict(crowd.errors)}\n"
        f"  latency: median {statistics.median(crowd.latencies) * 1000:.0f} ms, "
        f"max {max(crowd.latencies):.1f} s\n"
        f"  server tree RSS ({processes} processes): before {baseline:.0f} MiB, "
        f"peak {peak:.0f} MiB (bound {bound_mib}), median of the first third {first:.0f} MiB, "
        f"of the last third {last:.0f} MiB, after {after:.0f} MiB"
    )
    assert alive, "the server died under load"
    assert not crowd.errors, f"requests without an answer: {crowd.errors}"
    assert set(crowd.statuses) <= {200, 503, 504}, crowd.statuses
    assert crowd.statuses[200] >= 0.9 * crowd.requests
    assert len(crowd.runaway_statuses) == len(runaways)
    assert set(crowd.runaway_statuses) <= {503, 504}
    assert crowd.requests >= 1000
    assert peak < bound_mib, f"peak RSS {peak:.0f} MiB over {bound_mib} MiB"
    # no growth: once the runaways are over, memory is back to what it was early on
    assert last < first + 150
    assert after < baseline + 300
