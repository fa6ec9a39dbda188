"""Servers the serve, push and hardening tests start on loopback, and ways to watch them.

Shared here so each test module does not grow its own copy: the commitgraph endpoint in
a thread or in a subprocess, a real ``oxigraph serve`` that can be killed and restarted
on the same port and data, a fake Graph Store answering from a script of statuses, and
the resident memory of a process tree read from ``/proc``.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import IO
from urllib.parse import parse_qs, urlsplit

import httpx

from commitgraph.serve import ServeConfig, SparqlServer

ROOT = Path(__file__).resolve().parents[1]
QUERY_FIXTURE = ROOT / "tests" / "query" / "fixture.trig"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def oxigraph_binary() -> str:
    beside = Path(sys.executable).with_name("oxigraph")
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    assert found, "the oxigraph server (PyPI package 'oxigraph') is a test dependency"
    return found


def wait_until_up(
    url: str, proc: subprocess.Popen[bytes] | None, log: IO[bytes] | None, seconds: float = 30
) -> None:
    """Poll ``url`` until it answers 200 (or the process exits, or time runs out).

    A server's log goes to a file, not a pipe: a pipe nobody reads fills up after 64 KB
    of request lines and then blocks the server mid-test.
    """
    deadline = time.monotonic() + seconds
    while True:
        if proc is not None and proc.poll() is not None:
            err = b""
            if log is not None:
                log.seek(0)
                err = log.read()[-2000:]
            raise RuntimeError(f"the server exited with code {proc.returncode}: {err!r}")
        try:
            if httpx.get(url, timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not answer within {seconds:g} s")
        time.sleep(0.1)


# --- oxigraph serve -------------------------------------------------------------------------


class OxigraphServer:
    """``oxigraph serve`` on a fixed loopback port over a data folder; restartable."""

    def __init__(self, location: Path, port: int | None = None) -> None:
        self.location = location
        self.port = port or free_port()
        self.proc: subprocess.Popen[bytes] | None = None
        self.log: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 (lives with the server)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def store_url(self) -> str:
        return f"{self.base}/store"

    def start(self) -> OxigraphServer:
        cmd = [
            oxigraph_binary(),
            "serve",
            "--location",
            str(self.location),
            "--bind",
            f"127.0.0.1:{self.port}",
        ]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=self.log)
        wait_until_up(f"{self.base}/query?query=ASK%7B%7D", self.proc, self.log)
        return self

    def kill(self) -> None:
        """SIGKILL: the server gets no chance to finish what it was doing."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
        if self.proc is not None:
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.kill()

    def counts(self) -> dict[str, int]:
        """Triples per named graph on the server."""
        q = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
        r = httpx.get(
            f"{self.base}/query",
            params={"query": q},
            headers={"Accept": "application/sparql-results+json"},
            timeout=30,
        )
        r.raise_for_status()
        return {b["g"]["value"]: int(b["n"]["value"]) for b in r.json()["results"]["bindings"]}


@contextmanager
def oxigraph_serving(location: Path) -> Iterator[OxigraphServer]:
    server = OxigraphServer(location).start()
    try:
        yield server
    finally:
        server.stop()


# --- the commitgraph endpoint ---------------------------------------------------------------


def start_endpoint(config: ServeConfig) -> tuple[SparqlServer, threading.Thread]:
    """The endpoint in a thread of the test process (its workers are processes)."""
    server = SparqlServer(config)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread


def stop_endpoint(server: SparqlServer, thread: threading.Thread) -> None:
    server.shutdown()
    server.server_close()
    thread.join(5)


_LAUNCH = """
import json, sys
from pathlib import Path
from commitgraph.serve import ServeConfig, serve
config = json.loads(sys.argv[1])
for key in ("store", "graph"):
    if config.get(key):
        config[key] = Path(config[key])
try:
    serve(ServeConfig(**config), verbose=False)
except KeyboardInterrupt:
    pass
"""


class EndpointProcess:
    """The endpoint in a process of its own, so its memory can be measured alone.

    Started through :func:`commitgraph.serve.serve` with a full :class:`ServeConfig`
    (given as keyword values), as ``commitgraph serve`` does with the options it has.
    """

    def __init__(self, **config: object) -> None:
        self.port = free_port()
        self.config = {**config, "port": self.port}
        self.proc: subprocess.Popen[bytes] | None = None
        self.log: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 (lives with the server)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/sparql"

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def __enter__(self) -> EndpointProcess:
        config = {k: str(v) if isinstance(v, Path) else v for k, v in self.config.items()}
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _LAUNCH, json.dumps(config)],
            stdout=subprocess.DEVNULL,
            stderr=self.log,
            start_new_session=True,
        )
        wait_until_up(f"{self.url}?query=ASK%7B%7D", self.proc, self.log, 120)
        return self

    def __exit__(self, *exc: object) -> None:
        assert self.proc is not None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


def process_tree(pid: int) -> list[int]:
    """``pid`` and its descendants, from the parent ids in ``/proc/*/stat``."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                stat = fh.read()
        except OSError:
            continue
        # the command name is in parentheses and may hold spaces: split after it
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    tree, todo = [], [pid]
    while todo:
        p = todo.pop()
        tree.append(p)
        todo.extend(children.get(p, []))
    return tree


def rss_mib(pid: int) -> float:
    """Resident memory (``VmRSS``) of one process in MiB; 0 once it is gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


def tree_rss_mib(pid: int) -> float:
    return sum(rss_mib(p) for p in process_tree(pid))


# --- a fake Graph Store ---------------------------------------------------------------------


class FakeServer:
    """A Graph Store that answers PUTs from a script of status codes (last one repeats)."""

    def __init__(
        self,
        statuses: list[int],
        refuse_graph: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.statuses = list(statuses)
        self.refuse_graph = refuse_graph
        self.headers = dict(headers or {})
        self.requests: list[tuple[str, str, dict[str, str], int]] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_PUT(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                fake.requests.append(("PUT", self.path, dict(self.headers), len(body)))
                status = fake.statuses.pop(0) if len(fake.statuses) > 1 else fake.statuses[0]
                graph = parse_qs(urlsplit(self.path).query).get("graph", [""])[0]
                if fake.refuse_graph and graph == fake.refuse_graph:
                    status = 400
                payload = b"" if status < 300 else b"refused by the fake server\n"
                self.send_response(status)
                for key, value in fake.headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/store"

    def __enter__(self) -> FakeServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
