"""Benchmark the citation-network analyses against the plain NetworkX calls, same graph,
same run.

    .venv/bin/python -m benchmarks.bench_network [--nodes 100000] [--citations 5]
        [--seed 7] [--betweenness-sample 20] [--rdf] [--no-memory]

The graph is a synthetic citation DAG shaped like ours: decisions in time order, each
citing on average ``--citations`` earlier ones chosen by preferential attachment (a work
is picked with probability proportional to 1 + the citations it already has), so a few
become very highly cited, as the Palermo Protocol is. Each row times one analysis of
``commitgraph.network.analyses`` and, beside it, the NetworkX call(s) a user would make
for the same answer. Time is wall clock of one run; peak memory is the largest
Python-level allocation during a second run under ``tracemalloc`` (so the time is not
inflated by tracing). ``--rdf`` also times building the network from an Oxigraph store
holding the same graph as RDF (as ``load.py`` does after ``build``).
"""

from __future__ import annotations

import argparse
import gc
import math
import random
import signal
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from commitgraph.network import analyses as A

RELATIONS = ("reaffirms", "recalls", "operative", "takes_note", "welcomes")


def synthetic_network(n: int, mean_citations: float = 5.0, seed: int = 7) -> nx.DiGraph:
    """A citation DAG of ``n`` decisions, oldest first, built by preferential attachment."""
    rng = random.Random(seed)
    g = nx.DiGraph()
    span_years = 40
    pool: list[int] = []  # each node once, plus once per citation it received
    top = 2 * mean_citations - 1  # uniform 1..top has mean `mean_citations`
    for i in range(n):
        year = 1985 + i * span_years // n
        g.add_node(
            i,
            id=f"SYN.DEC/{i}",
            type="decision",
            year=year,
            year_from="date",
            date=f"{year}-06-01",
            label=f"Synthetic decision {i}",
        )
        if i:
            k = min(i, rng.randint(1, int(top)))
            targets: set[int] = set()
            while len(targets) < k:
                targets.add(pool[rng.randrange(len(pool))])
            for t in targets:
                r = RELATIONS[rng.randrange(len(RELATIONS))]
                g.add_edge(i, t, relation=r, relations=[r], source="document")
                pool.append(t)
        pool.append(i)
    return g


def _cocitation_plain(g: nx.DiGraph) -> nx.Graph:
    """Co-citation the NetworkX way: project the citer/cited bipartite graph onto the
    cited works (edge weight = citing works in common)."""
    b = nx.Graph()
    cited = {v for _, v in g.edges()}
    b.add_nodes_from(("c", u) for u in g if g.out_degree(u))
    b.add_nodes_from(("w", v) for v in cited)
    b.add_edges_from((("c", u), ("w", v)) for u, v in g.edges())
    return nx.bipartite.weighted_projected_graph(b, [("w", v) for v in cited])


def _pagerank_plain(g: nx.DiGraph) -> dict[Any, float]:
    try:
        import scipy  # noqa: F401
    except ImportError:  # NetworkX's default needs SciPy; its pure-Python version does not
        from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

        return _pagerank_python(g)  # type: ignore[no-any-return]
    return nx.pagerank(g)  # type: ignore[no-any-return]


def _hits_plain(g: nx.DiGraph) -> tuple[dict[Any, float], dict[Any, float]]:
    try:
        import scipy  # noqa: F401
    except ImportError:
        from networkx.algorithms.link_analysis.hits_alg import _hits_python

        return _hits_python(g)  # type: ignore[no-any-return]
    return nx.hits(g)  # type: ignore[no-any-return]


def _stats_plain(g: nx.DiGraph) -> tuple[int, int, list[Any], list[Any], list[Any]]:
    comps = [len(c) for c in nx.weakly_connected_components(g)]
    chain = nx.dag_longest_path(g)
    roots = [n for n in g if g.out_degree(n) == 0 and g.in_degree(n) > 0]
    leaves = [n for n in g if g.in_degree(n) == 0 and g.out_degree(n) > 0]
    return g.number_of_nodes(), g.number_of_edges(), comps, chain, roots + leaves


@dataclass
class Row:
    task: str
    ours: float
    ours_mb: float | None
    plain_name: str
    plain: float | None
    plain_mb: float | None


class TimeLimit(Exception):
    """A call ran past ``--limit`` seconds and was stopped."""


def _alarm(signum: int, frame: object) -> None:
    raise TimeLimit


def measure(fn: Callable[[], object], memory: bool, limit: int) -> tuple[float, float | None]:
    """Seconds of one run and peak MiB of a second, traced run; ``inf`` seconds when the
    first run passes ``limit`` (it is stopped by SIGALRM and the traced run skipped)."""
    gc.collect()
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(limit)
    start = time.perf_counter()
    try:
        fn()
    except TimeLimit:
        return math.inf, None
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    seconds = time.perf_counter() - start
    peak = None
    if memory:
        gc.collect()
        tracemalloc.start()
        fn()
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        peak = top / 2**20
    return seconds, peak


def _rdf_store(g: nx.DiGraph):  # type: ignore[no-untyped-def]
    """The synthetic network as the mapping would write it (one graph per decision)."""
    import pyoxigraph as ox

    from commitgraph.rdf.namespaces import CG, CGID, CITO, DCTERMS, ELI, RDF, XSD, work_iri

    store = ox.Store()
    quads = []
    typ, work, dec = (
        ox.NamedNode(RDF + "type"),
        ox.NamedNode(ELI + "Work"),
        ox.NamedNode(CG + "Decision"),
    )
    for n, d in g.nodes(data=True):
        w = ox.NamedNode(work_iri(d["id"]))
        gr = ox.NamedNode(w.value + "/graph/en")
        quads += [
            ox.Quad(w, typ, work, gr),
            ox.Quad(w, typ, dec, gr),
            ox.Quad(w, ox.NamedNode(DCTERMS + "identifier"), ox.Literal(d["id"]), gr),
            ox.Quad(
                w,
                ox.NamedNode(ELI + "date_document"),
                ox.Literal(d["date"], datatype=ox.NamedNode(XSD + "date")),
                gr,
            ),
        ]
        for i, m in enumerate(g.successors(n)):
            t = ox.NamedNode(work_iri(g.nodes[m]["id"]))
            p = ox.NamedNode(f"{w.value}/preamble/{i + 1}")
            c = ox.NamedNode(f"{p.value}/cites/{m}")
            rel = ox.NamedNode(f"{CGID}relation/{g.edges[n, m]['relation']}")
            quads += [
                ox.Quad(w, ox.NamedNode(ELI + "cites"), t, gr),
                ox.Quad(p, ox.NamedNode(ELI + "is_part_of"), w, gr),
                ox.Quad(c, typ, ox.NamedNode(CITO + "Citation"), gr),
                ox.Quad(c, ox.NamedNode(CITO + "hasCitingEntity"), p, gr),
                ox.Quad(c, ox.NamedNode(CITO + "hasCitedEntity"), t, gr),
                ox.Quad(c, ox.NamedNode(CG + "relation"), rel, gr),
            ]
    store.extend(quads)
    return store, len(quads)


def run(
    n: int, citations: float, seed: int, sample: int, memory: bool, rdf: bool, limit: int
) -> list[Row]:
    t0 = time.perf_counter()
    g = synthetic_network(n, citations, seed)
    print(
        f"synthetic DAG: {g.number_of_nodes()} decisions, {g.number_of_edges()} citations "
        f"(mean {g.number_of_edges() / g.number_of_nodes():.2f}), max in-degree "
        f"{max(d for _, d in g.in_degree())}, built in {time.perf_counter() - t0:.1f} s",
        flush=True,
    )
    newest, hub = n - 1, max(g, key=g.in_degree)
    # a work citing the most-cited one (its newest citer), to walk a longer lineage
    reach = max(g.predecessors(hub))
    und = g.to_undirected()
    tasks: list[tuple[str, Callable[[], object], str, Callable[[], object] | None]] = [
        (
            "stats",
            lambda: A.stats(g),
            "components + dag_longest_path + degrees",
            lambda: _stats_plain(g),
        ),
        ("pagerank", lambda: A.pagerank(g), "nx.pagerank", lambda: _pagerank_plain(g)),
        ("hits", lambda: A.hits(g), "nx.hits", lambda: _hits_plain(g)),
        (
            f"betweenness (k={sample})",
            lambda: A.betweenness(g, sample=sample, seed=1),
            f"nx.betweenness_centrality(k={sample})",
            lambda: nx.betweenness_centrality(g, k=sample, seed=1),
        ),
        (
            f"rank (all measures, k={sample})",
            lambda: A.rank(g, top=20, betweenness_sample=sample, seed=1),
            "",
            None,
        ),
        (
            f"lineage (newest work: {len(nx.descendants(g, newest))} works)",
            lambda: A.lineage(g, newest),
            "nx.descendants",
            lambda: nx.descendants(g, newest),
        ),
        (
            f"lineage (newest citer of the hub: {len(nx.descendants(g, reach))} works)",
            lambda: A.lineage(g, reach),
            "nx.descendants",
            lambda: nx.descendants(g, reach),
        ),
        (
            f"descendants (most-cited work: {len(nx.ancestors(g, hub))} works)",
            lambda: A.descendants(g, hub),
            "nx.ancestors",
            lambda: nx.ancestors(g, hub),
        ),
        (
            "cocitation",
            lambda: A.cocitation(g),
            "bipartite.weighted_projected_graph",
            lambda: _cocitation_plain(g),
        ),
        (
            "communities (Louvain)",
            lambda: A.communities(g, seed=42),
            "louvain_communities(to_undirected)",
            lambda: nx.community.louvain_communities(und, seed=42),
        ),
        (
            "check",
            lambda: A.check(g),
            "nx.is_directed_acyclic_graph",
            lambda: nx.is_directed_acyclic_graph(g),
        ),
    ]
    rows = []
    if rdf:
        store, count = _rdf_store(g)
        from commitgraph.network.load import network_from_store

        print(f"RDF store: {count} quads", flush=True)
        secs, mb = measure(lambda: network_from_store(store), memory, limit)
        rows.append(Row("load from RDF (2 SPARQL queries)", secs, mb, "", None, None))
        print(f"  load: {secs:.2f} s", flush=True)
    for name, ours, plain_name, plain in tasks:
        secs, mb = measure(ours, memory, limit)
        psecs = pmb = None
        if plain is not None:
            psecs, pmb = measure(plain, memory, limit)
        rows.append(Row(name, secs, mb, plain_name, psecs, pmb))
        print(
            f"  {name}: {secs:.2f} s" + (f" / {plain_name}: {psecs:.2f} s" if psecs else ""),
            flush=True,
        )
    return rows


def table(rows: list[Row], limit: int) -> str:
    def mb(x: float | None) -> str:
        return "" if x is None else f"{x:,.0f}"

    def sec(x: float | None) -> str:
        return "" if x is None else f"> {limit} (stopped)" if math.isinf(x) else f"{x:.2f}"

    out = [
        "| analysis | commitgraph s | peak MiB | plain NetworkX | s | peak MiB |",
        "|---|---:|---:|---|---:|---:|",
    ]
    for r in rows:
        out.append(
            f"| {r.task} | {sec(r.ours)} | {mb(r.ours_mb)} | {r.plain_name} | "
            f"{sec(r.plain)} | {mb(r.plain_mb)} |"
        )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--nodes", type=int, default=100_000)
    ap.add_argument("--citations", type=float, default=5.0, help="mean citations per decision")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument(
        "--betweenness-sample",
        type=int,
        default=20,
        help="sources sampled for betweenness (exact is O(n·m))",
    )
    ap.add_argument("--rdf", action="store_true", help="also time loading from an RDF store")
    ap.add_argument("--no-memory", action="store_true", help="skip the tracemalloc runs")
    ap.add_argument(
        "--limit",
        type=int,
        default=300,
        help="stop a call after this many seconds and report it as > limit",
    )
    args = ap.parse_args(argv)
    rows = run(
        args.nodes,
        args.citations,
        args.seed,
        args.betweenness_sample,
        not args.no_memory,
        args.rdf,
        args.limit,
    )
    print()
    print(table(rows, args.limit))


if __name__ == "__main__":
    main()
