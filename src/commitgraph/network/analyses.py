"""What a citation network says: size, authority, lineage, families, impossibilities.

Edges point from the citing work to the cited one (``citing → cited``), as ``eli:cites``
does. So a work's *in-degree* is how often it is cited, PageRank and HITS authority flow
toward what is cited, "lineage" (what a work builds on) follows edges forward and
"descendants" (what builds on it) follows them backward.

The measures are those of citation studies of courts (in-degree, PageRank, HITS
authorities and hubs, betweenness; co-citation and bibliographic coupling with Salton's
cosine as the normalised strength). PageRank and HITS are computed here with NumPy
(sparse power iteration over the edge list), because NetworkX's own implementations need
SciPy, which commitgraph does not depend on; they follow NetworkX's definitions and are
tested against its pure-Python reference versions. The analyses return small
dataclasses (scores are dicts), so the CLI, the pictures and the tests share one
implementation and no table is computed twice.
"""

from __future__ import annotations

import calendar
import math
from collections import Counter, defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations

import networkx as nx
import numpy as np

# Above this many nodes, betweenness is estimated from a seeded sample of sources.
EXACT_BETWEENNESS_LIMIT = 1500
BETWEENNESS_SAMPLE = 300


def _order_key(g: nx.DiGraph, n: str) -> tuple[int, str]:
    """Chronological, then by identifier: the deterministic order used everywhere."""
    d = g.nodes[n]
    return (int(d.get("year", 10_000)), str(d.get("id", n)))


# ---------------------------------------------------------------------------------------
# stats


@dataclass(frozen=True)
class Stats:
    nodes: int
    edges: int
    nodes_by_type: dict[str, int]
    edges_by_relation: dict[str, int]
    edges_by_source: dict[str, int]
    components: list[int]  # sizes of the weakly connected components, largest first
    longest_chain: list[str]  # node keys, citing first
    cycles: list[list[str]]
    roots: list[str]  # cited, citing nothing known
    leaves: list[str]  # citing, cited by nothing known
    isolated: list[str]


def stats(g: nx.DiGraph, *, max_cycles: int = 100) -> Stats:
    """Counts, components, the longest citation chain, roots and leaves.

    An edge with several relations (a decision that recalls an instrument in one
    paragraph and reaffirms it in another) counts once under each relation. The longest
    chain is the DAG longest path; if the graph has cycles they are reported and the chain
    is computed with the edges that close them left out."""
    by_rel: Counter[str] = Counter()
    for _, _, d in g.edges(data=True):
        for r in d.get("relations") or [d.get("relation", "cites")]:
            by_rel[r] += 1
    cycles = find_cycles(g, limit=max_cycles)
    return Stats(
        nodes=g.number_of_nodes(),
        edges=g.number_of_edges(),
        nodes_by_type=dict(
            sorted(Counter(d.get("type", "other") for _, d in g.nodes(data=True)).items())
        ),
        edges_by_relation=dict(sorted(by_rel.items())),
        edges_by_source=dict(
            sorted(Counter(d.get("source", "document") for _, _, d in g.edges(data=True)).items())
        ),
        components=sorted((len(c) for c in nx.weakly_connected_components(g)), reverse=True),
        longest_chain=longest_chain(g),
        cycles=cycles,
        roots=sorted(
            (n for n in g if g.out_degree(n) == 0 and g.in_degree(n) > 0),
            key=lambda n: _order_key(g, n),
        ),
        leaves=sorted(
            (n for n in g if g.in_degree(n) == 0 and g.out_degree(n) > 0),
            key=lambda n: _order_key(g, n),
        ),
        isolated=sorted((n for n in g if g.degree(n) == 0), key=lambda n: _order_key(g, n)),
    )


def find_cycles(g: nx.DiGraph, *, limit: int = 100) -> list[list[str]]:
    """Up to ``limit`` simple cycles (self-citations included), each rotated to start at
    its smallest key so the report is stable."""
    if nx.is_directed_acyclic_graph(g):
        return []
    out: list[list[str]] = []
    for cyc in nx.simple_cycles(g):
        i = cyc.index(min(cyc))
        out.append(cyc[i:] + cyc[:i])
        if len(out) >= limit:
            break
    return sorted(out)


def acyclic_view(g: nx.DiGraph) -> nx.DiGraph:
    """``g`` itself when it is a DAG, else a copy without the edges that close cycles
    (the back edges of a depth-first search in a fixed order)."""
    if nx.is_directed_acyclic_graph(g):
        return g
    dag = nx.DiGraph(g)
    back: list[tuple[str, str]] = []
    state: dict[str, int] = {}
    for start in sorted(g):
        if start in state:
            continue
        state[start] = 1
        stack = [(start, iter(sorted(g.successors(start))))]
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                state[node] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                back.append((node, nxt))
            elif nxt not in state:
                state[nxt] = 1
                stack.append((nxt, iter(sorted(g.successors(nxt)))))
    dag.remove_edges_from(back)
    return dag


def longest_chain(g: nx.DiGraph) -> list[str]:
    """The longest path of citations (citing first), ties broken by node order."""
    if g.number_of_edges() == 0:
        return []
    dag = acyclic_view(g)
    # Longest path by dynamic programming from the cited end; among equally long
    # continuations the smallest node key wins, so ties always resolve the same way.
    best: dict[str, tuple[int, str | None]] = {}
    for n in reversed(list(nx.topological_sort(dag))):
        length, nxt = 0, None
        for s in dag.successors(n):
            ls = best[s][0] + 1
            if ls > length or (ls == length and nxt is not None and s < nxt):
                length, nxt = ls, s
        best[n] = (length, nxt)
    top = max(v[0] for v in best.values())
    start = min(n for n, v in best.items() if v[0] == top)
    chain = [start]
    while best[chain[-1]][1] is not None:
        chain.append(best[chain[-1]][1])  # type: ignore[arg-type]
    return chain


# ---------------------------------------------------------------------------------------
# rank


def _index(g: nx.DiGraph) -> tuple[list[str], np.ndarray, np.ndarray]:
    nodes = list(g)
    pos = {n: i for i, n in enumerate(nodes)}
    if g.number_of_edges() == 0:
        return nodes, np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    src, dst = zip(*((pos[u], pos[v]) for u, v in g.edges()), strict=True)
    return nodes, np.asarray(src, dtype=np.int64), np.asarray(dst, dtype=np.int64)


def pagerank(
    g: nx.DiGraph, *, alpha: float = 0.85, max_iter: int = 100, tol: float = 1.0e-6
) -> dict[str, float]:
    """PageRank as :func:`networkx.pagerank` defines it (uniform teleport, dangling nodes
    spread uniformly, convergence when the L1 change < N·tol), by sparse power iteration.

    Raises :class:`networkx.PowerIterationFailedConvergence` like NetworkX does."""
    nodes, src, dst = _index(g)
    n = len(nodes)
    if n == 0:
        return {}
    out_deg = np.bincount(src, minlength=n).astype(float)
    dangling = out_deg == 0
    x = np.full(n, 1.0 / n)
    p = np.full(n, 1.0 / n)
    w = np.zeros_like(out_deg)
    np.divide(1.0, out_deg, out=w, where=~dangling)
    for _ in range(max_iter):
        last = x
        flow = np.bincount(dst, weights=last[src] * w[src], minlength=n)
        x = alpha * (flow + last[dangling].sum() * p) + (1 - alpha) * p
        if np.abs(x - last).sum() < n * tol:
            return dict(zip(nodes, x.tolist(), strict=True))
    raise nx.PowerIterationFailedConvergence(max_iter)


def hits(
    g: nx.DiGraph,
    *,
    max_iter: int = 100,
    tol: float = 1.0e-8,
) -> tuple[dict[str, float], dict[str, float]]:
    """HITS (hubs, authorities) as :func:`networkx.hits` defines it: power iteration from
    uniform hubs, each step scaled by its maximum, both normalised to sum 1 at the end.
    A graph without edges has all scores 0."""
    nodes, src, dst = _index(g)
    n = len(nodes)
    if n == 0:
        return {}, {}
    if len(src) == 0:
        zero = dict.fromkeys(nodes, 0.0)
        return zero, dict(zero)
    h = np.full(n, 1.0 / n)
    a = np.zeros(n)
    for _ in range(max_iter):
        last = h
        a = np.bincount(dst, weights=last[src], minlength=n)
        h = np.bincount(src, weights=a[dst], minlength=n)
        h = h / h.max()
        a = a / a.max()
        if np.abs(h - last).sum() < tol:
            break
    else:
        raise nx.PowerIterationFailedConvergence(max_iter)
    h = h / h.sum()
    a = a / a.sum()
    return dict(zip(nodes, h.tolist(), strict=True)), dict(zip(nodes, a.tolist(), strict=True))


def betweenness(
    g: nx.DiGraph,
    *,
    sample: int | None = None,
    seed: int = 0,
) -> dict[str, float]:
    """Normalised directed betweenness; exact up to ``EXACT_BETWEENNESS_LIMIT`` nodes,
    else estimated from ``sample`` (default ``BETWEENNESS_SAMPLE``) seeded sources."""
    n = g.number_of_nodes()
    if sample is None and n > EXACT_BETWEENNESS_LIMIT:
        sample = BETWEENNESS_SAMPLE
    if sample is not None and sample >= n:
        sample = None
    return nx.betweenness_centrality(g, k=sample, seed=seed if sample else None)


@dataclass(frozen=True)
class RankRow:
    node: str
    id: str
    label: str
    type: str
    year: int | None
    in_degree: int
    out_degree: int
    pagerank: float
    authority: float
    hub: float
    betweenness: float


RANK_KEYS = ("in_degree", "pagerank", "authority", "hub", "betweenness")


def rank(
    g: nx.DiGraph,
    *,
    top: int | None = None,
    node_type: str | None = None,
    by: str = "pagerank",
    betweenness_sample: int | None = None,
    seed: int = 0,
) -> list[RankRow]:
    """All the measures for every node (or the ``top`` ones of ``node_type``), sorted by
    ``by`` then in-degree then identifier. Scores are computed on the whole network;
    ``node_type`` only filters the table."""
    if by not in RANK_KEYS:
        raise ValueError(f"rank by one of {', '.join(RANK_KEYS)}")
    pr = pagerank(g)
    hubs, auths = hits(g)
    btw = betweenness(g, sample=betweenness_sample, seed=seed)
    rows = []
    for n, d in g.nodes(data=True):
        if node_type is not None and d.get("type") != node_type:
            continue
        rows.append(
            RankRow(
                node=n,
                id=str(d.get("id", n)),
                label=str(d.get("label", "")),
                type=str(d.get("type", "other")),
                year=d.get("year"),
                in_degree=g.in_degree(n),
                out_degree=g.out_degree(n),
                pagerank=pr.get(n, 0.0),
                authority=auths.get(n, 0.0),
                hub=hubs.get(n, 0.0),
                betweenness=btw.get(n, 0.0),
            )
        )
    rows.sort(key=lambda r: (-getattr(r, by), -r.in_degree, r.id))
    return rows[:top] if top is not None else rows


# ---------------------------------------------------------------------------------------
# lineage and descendants


@dataclass(frozen=True)
class Reach:
    node: str
    depth: int
    path: list[str]  # from the start node to this one, both included


@dataclass(frozen=True)
class Lineage:
    start: str
    direction: str  # "lineage" (what it builds on) or "descendants" (what builds on it)
    rows: list[Reach] = field(default_factory=list)

    @property
    def nodes(self) -> list[str]:
        return [self.start] + [r.node for r in self.rows]


def _bfs(
    g: nx.DiGraph, start: str, forward: bool, max_depth: int | None, direction: str
) -> Lineage:
    """Breadth-first, so each work is reported at its shortest distance, with the path
    that reaches it first in chronological-then-identifier order."""
    step = g.successors if forward else g.predecessors
    parent: dict[str, str | None] = {start: None}
    depth = {start: 0}
    queue = deque([start])
    order: list[str] = []
    while queue:
        n = queue.popleft()
        if max_depth is not None and depth[n] >= max_depth:
            continue
        for m in sorted(step(n), key=lambda x: _order_key(g, x)):
            if m not in parent:
                parent[m] = n
                depth[m] = depth[n] + 1
                order.append(m)
                queue.append(m)
    rows = []
    for m in order:
        path = [m]
        while parent[path[-1]] is not None:
            path.append(parent[path[-1]])  # type: ignore[arg-type]
        rows.append(Reach(m, depth[m], list(reversed(path))))
    return Lineage(start, direction, rows)


def lineage(g: nx.DiGraph, start: str, *, max_depth: int | None = None) -> Lineage:
    """Everything ``start`` builds on: the works it cites, what they cite, and so on."""
    return _bfs(g, start, True, max_depth, "lineage")


def descendants(g: nx.DiGraph, start: str, *, max_depth: int | None = None) -> Lineage:
    """Everything that builds on ``start``: the works citing it, their citers, …"""
    return _bfs(g, start, False, max_depth, "descendants")


def subgraph(g: nx.DiGraph, nodes: Iterable[str]) -> nx.DiGraph:
    """An independent copy of the induced subgraph (for export or drawing)."""
    return g.subgraph(list(nodes)).copy()


# ---------------------------------------------------------------------------------------
# co-citation and bibliographic coupling


@dataclass(frozen=True)
class Pair:
    a: str
    b: str
    count: int  # citing works in common (co-citation) or cited works in common (coupling)
    strength: float  # Salton's cosine: count / sqrt(deg(a) · deg(b))


def _pairs(
    groups: Iterable[list[str]],
    degree: dict[str, int],
    *,
    min_count: int,
    top: int | None,
    keep: set[str] | None,
) -> list[Pair]:
    counts: Counter[tuple[str, str]] = Counter()
    for members in groups:
        if keep is not None:
            members = [m for m in members if m in keep]
        for a, b in combinations(sorted(members), 2):
            counts[(a, b)] += 1
    out = [
        Pair(a, b, c, c / math.sqrt(degree[a] * degree[b]))
        for (a, b), c in counts.items()
        if c >= min_count
    ]
    out.sort(key=lambda p: (-p.count, -p.strength, p.a, p.b))
    return out[:top] if top is not None else out


def cocitation(
    g: nx.DiGraph, *, min_count: int = 1, top: int | None = None, node_type: str | None = None
) -> list[Pair]:
    """Pairs of works cited together by the same citing work (Small 1973): how many
    works cite both, and that count over the geometric mean of their in-degrees."""
    keep = {n for n, d in g.nodes(data=True) if d.get("type") == node_type} if node_type else None
    groups = (list(g.successors(n)) for n in g)
    return _pairs(groups, dict(g.in_degree()), min_count=min_count, top=top, keep=keep)


def coupling(
    g: nx.DiGraph, *, min_count: int = 1, top: int | None = None, node_type: str | None = None
) -> list[Pair]:
    """Pairs of citing works that cite the same works (Kessler 1963): how many cited
    works they share, and that count over the geometric mean of their out-degrees."""
    keep = {n for n, d in g.nodes(data=True) if d.get("type") == node_type} if node_type else None
    groups = (list(g.predecessors(n)) for n in g)
    return _pairs(groups, dict(g.out_degree()), min_count=min_count, top=top, keep=keep)


# ---------------------------------------------------------------------------------------
# communities


@dataclass(frozen=True)
class Community:
    index: int
    members: list[str]  # chronological
    types: dict[str, int]

    @property
    def size(self) -> int:
        return len(self.members)


def communities(
    g: nx.DiGraph, *, seed: int = 42, resolution: float = 1.0, min_size: int = 1
) -> list[Community]:
    """Families of works: Louvain modularity communities of the undirected projection
    (a citation in either direction ties two works), seeded so runs repeat exactly.
    Largest first; members in chronological order."""
    und = nx.Graph()
    und.add_nodes_from(sorted(g))
    und.add_edges_from(sorted(g.edges()))
    parts = nx.community.louvain_communities(und, seed=seed, resolution=resolution)
    ordered = sorted(
        (sorted(p, key=lambda n: _order_key(g, n)) for p in parts),
        key=lambda m: (-len(m), _order_key(g, m[0])),
    )
    out = []
    for members in ordered:
        if len(members) < min_size:
            continue
        types = Counter(str(g.nodes[n].get("type", "other")) for n in members)
        out.append(Community(len(out) + 1, members, dict(sorted(types.items()))))
    return out


# ---------------------------------------------------------------------------------------
# check


@dataclass(frozen=True)
class Anachronism:
    citing: str
    cited: str
    citing_when: str  # the date, or the year the identifier tells
    cited_when: str
    basis: str  # "date" when both come from dates, else "identifier"
    source: str  # which graphs assert the citation


@dataclass(frozen=True)
class CheckReport:
    cycles: list[list[str]]
    anachronisms: list[Anachronism]
    orphan_citations: int

    @property
    def ok(self) -> bool:
        return not self.cycles and not self.anachronisms and not self.orphan_citations


def time_span(d: dict[str, object]) -> tuple[date, date, str, str] | None:
    """The earliest and latest day a work can date from: a full date is one day, a
    year-month its month, a year its year; without a date, the year the identifier
    tells. Returns (first, last, as text, basis)."""
    raw = d.get("date")
    if isinstance(raw, str) and raw[:4].isdigit():
        y = int(raw[:4])
        parts = raw[:10].split("-")
        try:
            if len(parts) >= 3 and len(parts[2]) == 2:
                day = date(y, int(parts[1]), int(parts[2]))
                return day, day, raw[:10], "date"
            if len(parts) >= 2 and len(parts[1]) == 2:
                m = int(parts[1])
                last = calendar.monthrange(y, m)[1]
                return date(y, m, 1), date(y, m, last), raw[:7], "date"
        except ValueError:
            return None
        return date(y, 1, 1), date(y, 12, 31), str(y), "date"
    if d.get("year") is not None and d.get("year_from") == "identifier":
        y = int(d["year"])  # type: ignore[call-overload]
        return date(y, 1, 1), date(y, 12, 31), str(y), "identifier"
    return None


def check(g: nx.DiGraph, *, max_cycles: int = 100) -> CheckReport:
    """What cannot be: citation cycles, and citations of a work that is certainly later
    than the citing one (the citing work's last possible day is before the cited work's
    first possible day). Works of unknown date are never flagged."""
    spans = {n: time_span(d) for n, d in g.nodes(data=True)}
    bad = []
    for u, v, d in g.edges(data=True):
        su, sv = spans[u], spans[v]
        if su is None or sv is None:
            continue
        if su[1] < sv[0]:
            basis = "date" if su[3] == sv[3] == "date" else "identifier"
            bad.append(Anachronism(u, v, su[2], sv[2], basis, str(d.get("source", ""))))
    bad.sort(key=lambda a: (_order_key(g, a.citing), _order_key(g, a.cited)))
    return CheckReport(
        find_cycles(g, limit=max_cycles), bad, int(g.graph.get("orphan_citations", 0))
    )


def relation_counts(g: nx.DiGraph, node: str) -> dict[str, dict[str, int]]:
    """Relations of the citations a work makes and receives (for summaries)."""
    out: dict[str, dict[str, int]] = {"cites": defaultdict(int), "cited_by": defaultdict(int)}
    for _, _, d in g.out_edges(node, data=True):
        for r in d.get("relations", []):
            out["cites"][r] += 1
    for _, _, d in g.in_edges(node, data=True):
        for r in d.get("relations", []):
            out["cited_by"][r] += 1
    return {k: dict(v) for k, v in out.items()}
