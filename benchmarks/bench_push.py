"""Publishing throughput: ``push`` a built store to a real ``oxigraph serve`` on loopback.

Builds a synthetic corpus into a store, starts the Oxigraph server that the PyPI package
``oxigraph`` ships (``oxigraph serve``, loopback only), pushes every named graph with the
Graph Store HTTP Protocol, and reports triples per second; then pushes again (a re-push
replaces each graph, so the server's count must not change) and times that too.

    python -m benchmarks.bench_push [--docs 1000]
"""

from __future__ import annotations

import argparse
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _server(location: Path) -> tuple[subprocess.Popen, str]:  # type: ignore[type-arg]
    exe = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    port = _free_port()
    proc = subprocess.Popen(
        [exe, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            httpx.get(base + "/query", params={"query": "ASK {}"}, timeout=1)
            return proc, base
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("oxigraph serve did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    args = parser.parse_args()
    from commitgraph.build import build
    from commitgraph.push import graphs_from_store, push
    from commitgraph.store import open_store
    from commitgraph.synth import write_corpus

    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        write_corpus(base / "corpus", args.docs, seed=5)
        build([base / "corpus" / "decisions"], base / "out", store=base / "store", pictures=False)
        graphs = graphs_from_store(open_store(base / "store", read_only=True))
        triples = sum(len(v) for v in graphs.values())
        proc, url = _server(base / "server")
        try:
            for attempt in ("first push", "re-push"):
                t = time.perf_counter()
                report = push(graphs, url + "/store")
                dt = time.perf_counter() - t
                count = int(
                    httpx.get(
                        url + "/query",
                        params={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"},
                        headers={"Accept": "text/csv"},
                    ).text.split()[-1]
                )
                print(
                    f"{attempt}: {len(graphs)} graphs, {triples} triples in {dt:.1f}s = "
                    f"{triples / dt:,.0f} triples/s; failed {len(report.failed)}; "
                    f"server holds {count} triples in named graphs"
                )
        finally:
            proc.terminate()
            proc.wait(timeout=10)


if __name__ == "__main__":
    main()
