"""Publishing throughput: ``push`` a built store to a real ``oxigraph serve`` on loopback.

Builds a synthetic corpus into a store, starts the Oxigraph server that the PyPI package
``oxigraph`` ships (``oxigraph serve``, loopback only), pushes every named graph with the
Graph Store HTTP Protocol, and reports triples per second; then pushes again (a re-push
replaces each graph, so the server's count must not change) and times that too. Each push
ends with the merge of the graphs as the server's default graph (``push --merge``); then
the query library runs on the server through the SPARQL protocol, and on the same store
in this process, for comparison.

    python -m benchmarks.bench_push [--docs 1000 | --store PATH] [--repeat 5]
"""

from __future__ import annotations

import argparse
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
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
    parser.add_argument(
        "--store", type=Path, default=None, help="push this built store instead of building"
    )
    parser.add_argument("--repeat", type=int, default=5, help="runs of each library query")
    args = parser.parse_args()
    from benchmarks.bench_scale import time_library
    from commitgraph.build import build
    from commitgraph.push import graphs_from_store, merge_from_store, push
    from commitgraph.remote import Endpoint
    from commitgraph.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        store_path = args.store
        if store_path is None:
            write_corpus_and_build(base, args.docs, build)
            store_path = base / "store"
        store = open_store(store_path, read_only=True)
        t = time.perf_counter()
        graphs = graphs_from_store(store)
        merge = merge_from_store(store, base)
        print(f"read the store: {time.perf_counter() - t:.1f}s")
        proc, url = _server(base / "server")
        try:
            for attempt in ("first push", "re-push"):
                t = time.perf_counter()
                report = push(graphs, url + "/store", merge=merge, timeout=600)
                dt = time.perf_counter() - t
                count = int(
                    httpx.get(
                        url + "/query",
                        params={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"},
                        headers={"Accept": "text/csv"},
                        timeout=600,
                    ).text.split()[-1]
                )
                sent = sum(report.published.values())
                print(
                    f"{attempt}: {len(graphs)} graphs + the merge ({merge[1]} triples), "
                    f"{sent} triples in {dt:.1f}s = {sent / dt:,.0f} triples/s; "
                    f"failed {len(report.failed)}; server holds {count} triples in named graphs"
                )
            # The query library on the server, against the same store on this machine.
            remote = time_library(Endpoint(url + "/query", timeout=600), args.repeat)
            local = time_library(store, args.repeat)
            print(f"query library, median of {args.repeat} runs (ms): server | embedded store")
            for name in sorted(remote):
                print(f"    {name:28s} {remote[name][0]:9.1f} | {local[name][0]:9.1f}")
        finally:
            proc.terminate()
            proc.wait(timeout=10)


def write_corpus_and_build(base: Path, docs: int, build: Callable[..., object]) -> None:
    from commitgraph.synth import write_corpus

    write_corpus(base / "corpus", docs, seed=5)
    build([base / "corpus" / "decisions"], base / "out", store=base / "store", pictures=False)


if __name__ == "__main__":
    main()
