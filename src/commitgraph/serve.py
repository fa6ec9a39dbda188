"""``commitgraph serve``: a read-only SPARQL 1.1 Protocol endpoint over the graph.

Built on the standard library's ``ThreadingHTTPServer``: no web framework to install or
keep up to date. The endpoint answers ``GET /sparql?query=…``, ``POST`` with a form
(``query=…``) or with ``Content-Type: application/sparql-query``; ``/`` serves a small
HTML page (inline CSS and JavaScript, nothing fetched from elsewhere) to type a query and
see its result.

Why a pool of worker processes: a pyoxigraph query cannot be interrupted from Python, and
a thread cannot be killed, so a runaway query in a thread would hold a core (and its
memory) for as long as it runs. Each worker process opens the store (or loads the graph
file) once and answers one query at a time. The server gives a query ``timeout`` seconds
of a worker's time, and watches the worker's memory meanwhile; past either limit it kills
the worker, answers, and starts a fresh worker in the background. The other workers keep
answering, so one bad query cannot stop the endpoint. Results are read up to ``limit``
rows; a cut result carries the header ``X-Result-Truncated: true``.

Statuses a client can meet (the endpoint's own, besides 200):

=====  ========================================================================
400    not a SPARQL query, or one too deep or too long for the engine to parse
       safely (see :data:`commitgraph.query.MAX_NESTING`)
403    a SPARQL update (``update=``, ``application/sparql-update``, or INSERT,
       DELETE, LOAD … sent as a query) or a ``SERVICE`` clause: refused
404    another path than ``/``, ``/sparql`` or ``/query``
405    PUT, DELETE, PATCH: the endpoint is read-only
406    no result format the client accepts
411    a chunked request body (send ``Content-Length``)
413    a request body over 1 MB
415    a POST that is neither a form nor ``application/sparql-query``
503    busy: every worker stayed busy for ``timeout`` seconds, or too many open
       connections (``Retry-After`` says when to try again); or the query was
       stopped because its worker used more than ``max_memory`` MiB
504    the query ran longer than ``timeout`` seconds and was stopped
500    anything else (a bug, or a worker that crashed); the endpoint keeps running
=====  ========================================================================

Read-only by construction, in layers: updates are refused before reaching a worker (and
a worker only ever calls ``Store.query``, which cannot write; a store is opened
read-only). ``SERVICE`` — which pyoxigraph would run by fetching from the host named —
is refused after a token-level reading of the query (:func:`commitgraph.query.query_shape`,
which fails safe), and on Linux each worker also asks the kernel (seccomp) to refuse it
any Internet socket, so even a SERVICE clause the check missed cannot reach another host.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import platform
import queue
import socket
import struct
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from commitgraph.errors import QueryError

# Media types offered, in order of preference, with the formatter that writes them.
RESULT_TYPES: list[tuple[str, str]] = [
    ("application/sparql-results+json", "json"),
    ("application/sparql-results+xml", "xml"),
    ("text/csv", "csv"),
    ("text/tab-separated-values", "tsv"),
    ("application/json", "json"),
    ("application/xml", "xml"),
]
GRAPH_TYPES: list[tuple[str, str]] = [
    ("text/turtle", "turtle"),
    ("application/n-triples", "nt"),
    ("application/ld+json", "jsonld"),
    ("application/rdf+xml", "xml"),
    ("text/plain", "nt"),
    ("application/json", "jsonld"),
]
# ``format=`` shortcuts (handy in a browser's address bar).
FORMAT_ALIASES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}
MAX_BODY = 1_000_000
STARTUP_TIMEOUT = 300.0
WATCH_INTERVAL = 0.1  # seconds between looks at a busy worker's memory


@dataclass(frozen=True, slots=True)
class ServeConfig:
    """Where the data comes from and the endpoint's limits.

    ``max_memory`` caps the memory one query may take, in MiB: the growth of its
    worker's anonymous memory (heap, not the mapped store files) over its size when the
    query started; 0 for no cap. ``max_connections`` caps the connections served at once
    (each holds a thread); ``idle_timeout`` closes a connection that sends nothing for
    that many seconds.
    """

    store: Path | None = None
    graph: Path | None = None
    host: str = "127.0.0.1"
    port: int = 7878
    timeout: float = 10.0
    limit: int = 10_000
    workers: int = 2
    cors: bool = True
    max_memory: int = 1024
    max_connections: int = 128
    idle_timeout: float = 30.0


@dataclass(slots=True)
class Response:
    status: int
    body: bytes
    content_type: str = "text/plain; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


def text_response(status: int, message: str) -> Response:
    return Response(status, (message.rstrip() + "\n").encode("utf-8"))


def busy_response(message: str, retry_after: float) -> Response:
    resp = text_response(503, message)
    resp.headers["Retry-After"] = str(max(1, round(retry_after)))
    return resp


# --- content negotiation ------------------------------------------------------------------


def _parse_accept(accept: str) -> list[tuple[str, float, int]]:
    out = []
    for i, part in enumerate(accept.split(",")):
        bits = [b.strip() for b in part.split(";")]
        if not bits[0]:
            continue
        q = 1.0
        for b in bits[1:]:
            if b.startswith("q="):
                try:
                    q = float(b[2:])
                except ValueError:
                    q = 0.0
        out.append((bits[0].lower(), q, i))
    return out


def negotiate(accept: str | None, offers: Sequence[tuple[str, str]]) -> tuple[str, str] | None:
    """The best offer for an ``Accept`` header, or None when nothing acceptable.

    Highest q first; an exact type beats ``type/*`` beats ``*/*``; ties go to the
    server's order of preference. No header (or an empty one) takes the first offer.
    """
    if not accept or not accept.strip():
        return offers[0]
    ranges = _parse_accept(accept)
    best: tuple[float, int, int] | None = None
    choice = None
    for rank, (mime, fmt) in enumerate(offers):
        major = mime.split("/")[0]
        for rng, q, _ in ranges:
            if rng == mime:
                spec = 2
            elif rng == f"{major}/*":
                spec = 1
            elif rng == "*/*":
                spec = 0
            else:
                continue
            if q <= 0:
                continue
            key = (q, spec, -rank)
            if best is None or key > best:
                best, choice = key, (mime, fmt)
    return choice


# --- the worker side ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QueryRequest:
    query: str
    accept: str | None
    limit: int
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


# seccomp: (AUDIT_ARCH value, number of the ``socket`` system call) per machine
_SECCOMP_ARCH = {"x86_64": (0xC000003E, 41), "aarch64": (0xC00000B7, 198)}


def deny_network() -> bool:
    """Make the kernel refuse this process any new IPv4/IPv6 socket; True if it holds.

    Why: pyoxigraph answers ``SERVICE <http://host/…>`` by connecting to that host, and
    the query check in the server is text analysis, however careful. A seccomp filter
    (Linux, x86-64 and ARM64) makes ``socket(AF_INET or AF_INET6, …)`` fail with EACCES
    for this process and every thread it starts later, so no query can reach another
    host whatever it says. Unix sockets (the pipe to the server) keep working. It is
    installed first thing in a worker, before any thread exists; elsewhere this returns
    False and the text check stands alone.
    """
    arch = _SECCOMP_ARCH.get(platform.machine())
    if not sys.platform.startswith("linux") or arch is None:
        return False
    audit_arch, nr_socket = arch
    ld_abs, jeq, jge, ret = 0x20, 0x15, 0x35, 0x06  # BPF_LD|W|ABS, BPF_JMP|JEQ|K, …|JGE|K
    allow, refuse = 0x7FFF0000, 0x00050000 | 13  # SECCOMP_RET_ALLOW, RET_ERRNO | EACCES

    def op(code: int, k: int, jt: int = 0, jf: int = 0) -> bytes:
        return struct.pack("HBBI", code, jt, jf, k)

    program = [
        op(ld_abs, 4),  # 0: the architecture of the call
        op(jeq, audit_arch, 0, 7),  # 1: a foreign ABI (32-bit calls): refuse
        op(ld_abs, 0),  # 2: the system call number
        op(jge, 0x40000000, 5, 0),  # 3: the x32 ABI: refuse
        op(jeq, nr_socket, 0, 3),  # 4: not socket(): allow
        op(ld_abs, 16),  # 5: its first argument, the address family
        op(jeq, socket.AF_INET, 2, 0),  # 6
        op(jeq, socket.AF_INET6, 1, 0),  # 7
        op(ret, allow),  # 8
        op(ret, refuse),  # 9
    ]
    code = ctypes.create_string_buffer(b"".join(program))

    class SockFprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    prog = SockFprog(len(program), ctypes.cast(code, ctypes.c_void_p))
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(38, 1, 0, 0, 0) != 0:  # PR_SET_NO_NEW_PRIVS
            return False
        if libc.prctl(22, 2, ctypes.byref(prog), 0, 0) != 0:  # PR_SET_SECCOMP, FILTER
            return False
    except (OSError, AttributeError):
        return False
    try:
        socket.socket(socket.AF_INET, socket.SOCK_STREAM).close()
    except PermissionError:
        return True
    return False


def _open_source(kind: str, path: str):  # type: ignore[no-untyped-def]
    if kind == "store":
        from commitgraph.store import open_store

        return open_store(Path(path), read_only=True)
    from commitgraph.query import open_graph

    return open_graph(Path(path))


def execute(source: Any, req: QueryRequest) -> Response:
    """Run one query on an open store and serialise the answer (runs in a worker)."""
    import pyoxigraph as ox

    from commitgraph.query import (
        collect_answer,
        has_default_graph,
        serialize_triples,
        to_csv,
        to_json,
        to_tsv,
        to_xml,
    )

    kwargs: dict[str, Any] = {}
    if req.default_graphs:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in req.default_graphs]
    elif not has_default_graph(source):
        kwargs["use_default_graph_as_union"] = True
    if req.named_graphs:
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in req.named_graphs]
    try:
        answer = source.query(req.query, **kwargs)
        result = collect_answer(answer, req.limit)
    except SyntaxError as err:
        return text_response(400, f"SPARQL syntax error: {err}")
    except ValueError as err:
        return text_response(400, f"bad request: {err}")
    except PermissionError as err:
        # only the network filter makes the engine meet EACCES: a SERVICE call
        return text_response(403, f"refused: this query tried to reach another server ({err})")
    except (RuntimeError, OSError) as err:
        return text_response(500, f"query failed: {err}")
    offers = GRAPH_TYPES if result.kind == "graph" else RESULT_TYPES
    chosen = negotiate(req.accept, offers)
    if chosen is None:
        types = ", ".join(m for m, _ in offers)
        return text_response(406, f"no acceptable result format; this result can be: {types}")
    mime, fmt = chosen
    if result.kind == "graph":
        body = serialize_triples(result.triples, fmt)
    else:
        writer = {"json": to_json, "xml": to_xml, "csv": to_csv, "tsv": to_tsv}[fmt]
        body = writer(result).encode("utf-8")
    headers = {"X-Result-Limit": str(req.limit)}
    if result.truncated:
        headers["X-Result-Truncated"] = "true"
    charset = "" if fmt in ("jsonld",) else "; charset=utf-8"
    return Response(200, body, f"{mime}{charset}", headers)


def _worker_main(conn: Connection, kind: str, path: str, sandbox: bool) -> None:
    """Worker process: fence off the network, open the data once, answer until told to stop."""
    network_denied = deny_network() if sandbox else False
    try:
        source = _open_source(kind, path)
    except Exception as err:  # report any failure to open, then exit
        conn.send(("error", f"{type(err).__name__}: {err}"))
        return
    conn.send(("ready", {"network_denied": network_denied}))
    while True:
        try:
            req = conn.recv()
        except (EOFError, OSError):
            return
        if req is None:
            return
        try:
            resp = execute(source, req)
        except Exception as err:  # never let one query take the worker down silently
            resp = text_response(500, f"query failed: {type(err).__name__}: {err}")
        conn.send(resp)


def anon_rss_mib(pid: int) -> float | None:
    """A process's anonymous resident memory in MiB (Linux ``RssAnon``), None if unknown.

    Anonymous memory is what a query allocates; the store's files mapped into memory are
    left out, as the kernel can drop those pages at any time.
    """
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("RssAnon:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


# --- the pool ------------------------------------------------------------------------------


class _Worker:
    def __init__(self, ctx: Any, kind: str, path: str, sandbox: bool) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(
            target=_worker_main,
            args=(child, kind, path, sandbox),
            daemon=True,
            name="commitgraph-serve-worker",
        )
        self.process.start()
        child.close()
        self.network_denied = False

    def wait_ready(self, timeout: float) -> None:
        if not self.conn.poll(timeout):
            raise QueryError(f"a query worker did not start within {timeout:.0f} s")
        try:
            status, detail = self.conn.recv()
        except (EOFError, OSError) as err:
            raise QueryError("a query worker died while opening the data") from err
        if status != "ready":
            raise QueryError(f"a query worker cannot open the data: {detail}")
        self.network_denied = bool(detail.get("network_denied"))

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()

    def stop(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.conn.send(None)
        self.process.join(1)
        self.kill()


class WorkerPool:
    """A fixed number of worker processes; one that overruns is killed and replaced.

    Overruns: more than ``timeout`` seconds, or more than ``max_memory`` MiB over the
    worker's size when the query started (Linux; the memory is read every 0.1 s, so a
    query may pass the cap by what it allocates in that time).

    Only workers ready to answer wait in the idle queue: a replacement opens the data in
    a background thread and joins the queue when it is ready, so no request waits for a
    worker to start (with a large graph file that takes seconds).
    """

    def __init__(
        self,
        kind: str,
        path: Path,
        size: int = 2,
        *,
        max_memory: float = 0,
        sandbox: bool = True,
    ) -> None:
        if size < 1:
            raise ValueError("at least one worker")
        self.kind, self.path = kind, str(path)
        self.max_memory = max_memory
        self.sandbox = sandbox
        self.network_denied = False
        self.replaced = 0
        self._ctx = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        workers = [self._spawn() for _ in range(size)]
        for w in workers:
            try:
                assert w is not None
                w.wait_ready(STARTUP_TIMEOUT)
            except QueryError:
                self.close()
                raise
            self._idle.put(w)
        self.network_denied = all(w.network_denied for w in workers if w is not None)

    def _spawn(self) -> _Worker | None:
        with self._lock:
            if self._closed:
                return None
            w = _Worker(self._ctx, self.kind, self.path, self.sandbox)
            self._all.add(w)
        return w

    def _forget(self, w: _Worker) -> None:
        w.kill()
        with self._lock:
            self._all.discard(w)

    def _retire(self, w: _Worker) -> None:
        """Kill ``w`` and start its replacement in the background."""
        self._forget(w)
        self.replaced += 1
        threading.Thread(target=self._replace, daemon=True, name="serve-respawn").start()

    def _replace(self) -> None:
        delay = 0.5
        while True:
            w = self._spawn()
            if w is None:
                return
            try:
                w.wait_ready(STARTUP_TIMEOUT)
            except QueryError as err:
                self._forget(w)
                print(f"commitgraph serve: {err}; retrying in {delay:g} s", file=sys.stderr)
                time.sleep(delay)
                delay = min(delay * 2, 30.0)
                continue
            with self._lock:
                closed = self._closed
            if closed:
                w.stop()
            else:
                self._idle.put(w)
            return

    def run(self, req: QueryRequest, timeout: float, wait: float | None = None) -> Response:
        """Answer ``req`` on the next free worker.

        Waiting for a worker (up to ``wait`` seconds, ``timeout`` by default) does not
        count against the query's own ``timeout``: a query that queued behind slow ones
        still gets its full time, instead of having its worker killed for someone else's
        delay.
        """
        wait = timeout if wait is None else wait
        try:
            w = self._idle.get(timeout=wait)
        except queue.Empty:
            return busy_response(
                f"all query workers stayed busy for {wait:g} s; try again shortly", wait
            )
        resting = anon_rss_mib(w.process.pid or 0) if self.max_memory else None
        try:
            w.conn.send(req)
        except (OSError, ValueError):
            self._retire(w)
            return text_response(500, "the query worker died; try again")
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                self._retire(w)
                return text_response(
                    504,
                    f"query stopped: it ran longer than the {timeout:g} s timeout of this endpoint",
                )
            try:
                ready = w.conn.poll(min(left, WATCH_INTERVAL))
                if ready:
                    resp = w.conn.recv()
                    self._idle.put(w)
                    return resp  # type: ignore[no-any-return]
            except (EOFError, OSError):
                code = w.process.exitcode
                self._retire(w)
                return text_response(500, f"the query worker died (exit code {code}); try again")
            if resting is not None:
                used = anon_rss_mib(w.process.pid or 0)
                if used is not None and used - resting > self.max_memory:
                    self._retire(w)
                    return text_response(
                        503,
                        f"query stopped: it needed more than the {self.max_memory:g} MiB "
                        "of memory a query may use on this endpoint",
                    )

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
        for w in workers:
            w.stop()


# --- HTTP ------------------------------------------------------------------------------------


def _form(body: bytes) -> dict[str, list[str]]:
    return parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)


class SparqlHandler(BaseHTTPRequestHandler):
    """SPARQL 1.1 Protocol (query operation only) plus the HTML page at ``/``."""

    server: SparqlServer
    server_version = "commitgraph-sparql"
    protocol_version = "HTTP/1.1"

    def setup(self) -> None:
        # a socket timeout: a client that opens a connection and sends nothing (or
        # stops reading) releases its thread after idle_timeout seconds
        self.timeout = self.server.config.idle_timeout
        super().setup()

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.verbose:
            super().log_message(format, *args)

    # -- plumbing
    def _send(self, resp: Response, head_only: bool = False) -> None:
        self.send_response(resp.status)
        self.send_header("Content-Type", resp.content_type)
        self.send_header("Content-Length", str(len(resp.body)))
        if self.server.config.cors:
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Access-Control-Expose-Headers", "X-Result-Limit, X-Result-Truncated")
        for k, v in resp.headers.items():
            self.send_header(k, v)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if not head_only:
            self.wfile.write(resp.body)

    def _reject_body(self, status: int, message: str) -> None:
        # the unread body would be taken for the next request: answer, then hang up
        self.close_connection = True
        self._send(text_response(status, message))

    def _read_body(self) -> bytes | None:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            self._reject_body(411, "send the request body with a Content-Length")
            return None
        raw = (self.headers.get("Content-Length") or "0").strip()
        if not raw.isdigit():
            self._reject_body(400, f"bad Content-Length: {raw[:40]!r}")
            return None
        length = int(raw)
        if length > MAX_BODY:
            self._reject_body(413, f"request body over {MAX_BODY} bytes")
            return None
        return self.rfile.read(length) if length else b""

    # -- verbs
    def do_OPTIONS(self) -> None:
        resp = Response(204, b"")
        resp.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
        resp.headers["Access-Control-Allow-Headers"] = "Content-Type, Accept"
        self._send(resp)

    def do_HEAD(self) -> None:
        self._dispatch("GET", head_only=True)

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def do_PUT(self) -> None:
        self.close_connection = True
        self._send(text_response(405, "this endpoint is read-only"))

    do_DELETE = do_PUT
    do_PATCH = do_PUT

    def _dispatch(self, method: str, head_only: bool = False) -> None:
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        if url.path not in ("/", "/sparql", "/query"):
            self._send(text_response(404, "not found: the endpoint is /sparql"), head_only)
            return
        query: list[str] = params.get("query", [])
        if method == "POST":
            body = self._read_body()
            if body is None:
                return
            ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            if ctype == "application/sparql-update":
                self._send(refuse_update(body.decode("utf-8", errors="replace")), head_only)
                return
            if ctype == "application/x-www-form-urlencoded":
                form = _form(body)
                if "update" in form:
                    self._send(refuse_update(" ".join(form["update"])), head_only)
                    return
                query = query + form.get("query", [])
                for key in ("default-graph-uri", "named-graph-uri"):
                    params.setdefault(key, []).extend(form.get(key, []))
            elif ctype == "application/sparql-query":
                query = [*query, body.decode("utf-8", errors="replace")]
            else:
                self._send(
                    text_response(
                        415,
                        "POST a form (application/x-www-form-urlencoded)"
                        " or a query (application/sparql-query)",
                    ),
                    head_only,
                )
                return
        if "update" in params:
            self._send(refuse_update(" ".join(params["update"])), head_only)
            return
        if not query:
            if url.path == "/" and method == "GET":
                self._send(Response(200, self.server.page, "text/html; charset=utf-8"), head_only)
            else:
                self._send(text_response(400, "missing query= parameter"), head_only)
            return
        if len(query) > 1:
            self._send(text_response(400, "more than one query= parameter"), head_only)
            return
        self._send(
            self.server.answer(
                query[0],
                self._accept(params),
                tuple(params.get("default-graph-uri", [])),
                tuple(params.get("named-graph-uri", [])),
            ),
            head_only,
        )

    def _accept(self, params: dict[str, list[str]]) -> str | None:
        fmt = params.get("format", [""])[0].lower()
        if fmt:
            return FORMAT_ALIASES.get(fmt, fmt)
        return self.headers.get("Accept")


def refuse_update(text: str = "") -> Response:
    """403 for a SPARQL update, naming the operation when it can be seen (LOAD …)."""
    from commitgraph.query import query_shape

    found = query_shape(text).updates if text else []
    if "LOAD" in found:
        return text_response(
            403,
            "LOAD is refused: this endpoint is read-only and fetches nothing from other "
            "places (rebuild the graph with `commitgraph build` instead)",
        )
    what = f" ({', '.join(found)})" if found else ""
    return text_response(
        403,
        f"this endpoint is read-only: SPARQL updates{what} are refused "
        "(rebuild the graph with `commitgraph build` instead)",
    )


class SparqlServer(ThreadingHTTPServer):
    """The HTTP server, its worker pool and its limits.

    ``sandbox`` has the workers ask the kernel to refuse them Internet sockets (see
    :func:`deny_network`); leave it on unless a custom function really needs the network.
    """

    daemon_threads = True
    request_queue_size = 128

    def __init__(self, config: ServeConfig, *, verbose: bool = False, sandbox: bool = True) -> None:
        if (config.store is None) == (config.graph is None):
            raise QueryError("serve needs exactly one of a store or a graph file")
        self.config = config
        self.verbose = verbose
        kind, path = (
            ("store", config.store) if config.store is not None else ("graph", config.graph)
        )
        assert path is not None
        _check_source(kind, path)
        self._slots = threading.BoundedSemaphore(max(1, config.max_connections))
        self.pool = WorkerPool(
            kind, path, config.workers, max_memory=config.max_memory, sandbox=sandbox
        )
        self.page = html_page(config).encode("utf-8")
        try:
            super().__init__((config.host, config.port), SparqlHandler)
        except OSError:
            self.pool.close()
            raise

    # -- a bounded number of connections, each in its own thread
    def process_request(self, request: Any, client_address: Any) -> None:
        if not self._slots.acquire(blocking=False):
            self._turn_away(request)
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def _turn_away(self, request: socket.socket) -> None:
        body = b"too many open connections to this endpoint; try again shortly\n"
        head = (
            "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
            f"Content-Length: {len(body)}\r\nRetry-After: 1\r\nConnection: close\r\n\r\n"
        )
        with contextlib.suppress(OSError):
            request.settimeout(1.0)
            request.sendall(head.encode("ascii") + body)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # a client that hangs up or stalls is not the server's error: no traceback
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)

    def answer(
        self,
        query: str,
        accept: str | None,
        default_graphs: tuple[str, ...] = (),
        named_graphs: tuple[str, ...] = (),
    ) -> Response:
        """Check a query's text, then run it on a worker."""
        from commitgraph.query import query_shape

        shape = query_shape(query)
        refusal = shape.refusal()
        if refusal:
            return text_response(400, refusal)
        if shape.service:
            return text_response(
                403, "SERVICE is refused: this endpoint does not query other servers"
            )
        if shape.updates:
            return refuse_update(query)
        req = QueryRequest(query, accept, self.config.limit, default_graphs, named_graphs)
        return self.pool.run(req, self.config.timeout)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/sparql"

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()


def _check_source(kind: str, path: Path) -> None:
    from commitgraph.errors import InputError, StoreError

    if kind == "store" and not path.is_dir():
        raise StoreError("no store here (create it with `commitgraph build --store`)", path)
    if kind == "graph" and not path.is_file():
        raise InputError("no such graph file", path)


def serve(config: ServeConfig, *, verbose: bool = True) -> None:
    """Serve until interrupted (Ctrl-C)."""
    server = SparqlServer(config, verbose=verbose)
    try:
        server.serve_forever()
    finally:
        server.server_close()


# --- the HTML page ---------------------------------------------------------------------------

_DEFAULT_QUERY = """PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX cg: <https://w3id.org/commitgraph/ontology#>

SELECT ?decision ?date WHERE {
  ?work a cg:Decision ; dcterms:identifier ?decision ; eli:is_realized_by ?e .
  OPTIONAL { ?work eli:date_document ?date }
}
ORDER BY ?date
LIMIT 100"""

_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>commitgraph SPARQL</title>
<style>
body { font: 15px/1.45 system-ui, sans-serif; margin: 1.5rem auto; max-width: 72rem;
       padding: 0 1rem; color: #1d1d1f; }
h1 { font-size: 1.3rem; margin: 0 0 .3rem; }
p.note { color: #555; margin: 0 0 1rem; }
textarea { width: 100%; min-height: 14rem; font: 13px/1.4 ui-monospace, monospace;
           box-sizing: border-box; padding: .5rem; }
.bar { display: flex; gap: .6rem; align-items: center; margin: .5rem 0 1rem; flex-wrap: wrap; }
button { font: inherit; padding: .35rem 1rem; }
select { font: inherit; }
#status { color: #555; }
#status.error { color: #b00020; white-space: pre-wrap; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border: 1px solid #d0d0d5; padding: .25rem .45rem; text-align: left;
         vertical-align: top; }
th { background: #f3f3f6; position: sticky; top: 0; }
pre { background: #f6f6f8; padding: .6rem; overflow: auto; font-size: 13px; }
</style>
</head>
<body>
<h1>commitgraph SPARQL endpoint</h1>
<p class="note">Read-only. Queries run over the union of the named graphs; they stop after
__TIMEOUT__ s and return at most __LIMIT__ rows. Protocol endpoint: <code>/sparql</code>.</p>
<form id="f">
<textarea id="q" name="query" spellcheck="false">__QUERY__</textarea>
<div class="bar">
<button type="submit">Run</button>
<label>Download as <select id="fmt">
<option value="">(show here)</option><option value="json">JSON</option>
<option value="xml">XML</option><option value="csv">CSV</option>
<option value="tsv">TSV</option><option value="turtle">Turtle</option>
</select></label>
<span id="status"></span>
</div>
</form>
<div id="out"></div>
<script>
"use strict";
const form = document.getElementById("f"), q = document.getElementById("q");
const out = document.getElementById("out"), status = document.getElementById("status");
function cell(b) {
  if (!b) return "";
  if (b.type === "literal" && b["xml:lang"]) return b.value + " @" + b["xml:lang"];
  return b.value;
}
function table(data) {
  const t = document.createElement("table"), head = t.createTHead().insertRow();
  for (const v of data.head.vars) { const th = document.createElement("th");
    th.textContent = v; head.appendChild(th); }
  const body = t.createTBody();
  for (const row of data.results.bindings) { const tr = body.insertRow();
    for (const v of data.head.vars) tr.insertCell().textContent = cell(row[v]); }
  return t;
}
form.addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const fmt = document.getElementById("fmt").value;
  if (fmt) { location.href = "/sparql?format=" + fmt + "&query=" + encodeURIComponent(q.value);
             return; }
  status.className = ""; status.textContent = "running…"; out.textContent = "";
  const t0 = performance.now();
  try {
    const r = await fetch("/sparql", { method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded",
                 "Accept": "application/sparql-results+json, text/turtle;q=0.9" },
      body: new URLSearchParams({ query: q.value }) });
    const text = await r.text();
    if (!r.ok) { status.className = "error"; status.textContent = r.status + ": " + text; return; }
    const ms = Math.round(performance.now() - t0);
    const cut = r.headers.get("X-Result-Truncated") ? " (cut at the row limit)" : "";
    if ((r.headers.get("Content-Type") || "").includes("json")) {
      const data = JSON.parse(text);
      if ("boolean" in data) { out.textContent = String(data.boolean);
        status.textContent = ms + " ms"; return; }
      out.appendChild(table(data));
      status.textContent = data.results.bindings.length + " row(s), " + ms + " ms" + cut;
    } else {
      const pre = document.createElement("pre"); pre.textContent = text; out.appendChild(pre);
      status.textContent = ms + " ms" + cut;
    }
  } catch (e) { status.className = "error"; status.textContent = String(e); }
});
q.addEventListener("keydown", (ev) => {
  if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) form.requestSubmit(); });
</script>
</body>
</html>
"""


def html_page(config: ServeConfig) -> str:
    from html import escape

    return (
        _PAGE.replace("__TIMEOUT__", f"{config.timeout:g}")
        .replace("__LIMIT__", str(config.limit))
        .replace("__QUERY__", escape(_DEFAULT_QUERY))
    )
