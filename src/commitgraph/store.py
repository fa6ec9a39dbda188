"""A persistent Oxigraph store holding the graph, one named graph per source document.

``build --store PATH`` writes each document into its own named graph (plus the
vocabulary and the catalogue graphs), so rebuilding one document replaces only its graph.
The store's default graph holds the merge of all named graphs, kept up to date by every
function here: that is what queries see (Oxigraph's union mode repeats a triple once per
graph holding it, which multiplies rows in joins; see :mod:`commitgraph.query`).

Atomicity: pyoxigraph has no transaction object in Python, but every ``Store.update``
call runs in one transaction ("either the full operation succeeds, or nothing is written",
and readers keep seeing the previous state until it commits; an update whose third
operation fails leaves the first two undone — tested). :func:`replace_document`
therefore sends one update: remove from the default graph the triples only this graph
held, ``DROP SILENT GRAPH <g>``, ``INSERT DATA`` the new triples, copy them into the
default graph. A reader sees the old document or the new one, never an empty or
half-written graph. (The alternative, ``remove_graph`` then ``extend``, is two
transactions with a visible gap.) The data is written into the update in N-Triples
syntax by pyoxigraph's own term serialiser, so every literal round-trips exactly; for a
document graph (a few thousand triples) this costs about what ``extend`` does (measured:
20 000 triples in 0.5 s).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from commitgraph.errors import InputError, StoreError
from commitgraph.rdf.io import load_quads


def open_store(path: Path, *, read_only: bool = False) -> ox.Store:
    """Open (or create) the store at ``path``.

    A store is locked by the process that opens it read-write; a second writer gets a
    clear error instead of a RocksDB message. ``read_only`` opens an existing store
    without taking the lock (for queries next to a running writer, at the reader's risk).
    """
    try:
        if read_only:
            if not path.is_dir():
                raise StoreError("no store here (create it with `commitgraph build --store`)", path)
            return ox.Store.read_only(str(path))
        if path.exists() and not path.is_dir():
            raise StoreError("not a store folder (it is a file)", path)
        path.parent.mkdir(parents=True, exist_ok=True)
        return ox.Store(str(path))
    except OSError as err:
        text = str(err)
        if "lock" in text.lower():
            raise StoreError(
                "the store is in use by another process (a running build or "
                "serve?); stop it or open the store read-only",
                path,
            ) from err
        raise StoreError(f"cannot open the store: {text}", path) from err


def _graph(graph: str | ox.NamedNode) -> ox.NamedNode:
    node = ox.NamedNode(graph) if isinstance(graph, str) else graph
    if not isinstance(node, ox.NamedNode):
        raise StoreError(
            "documents live in named graphs; the default graph is the merge of "
            "them and is maintained by the store"
        )
    return node


def _triple_text(item: ox.Quad | ox.Triple) -> str:
    return f"{item.subject} {item.predicate} {item.object} ."


def _unmerge(graph: ox.NamedNode) -> str:
    """Update text: drop from the default graph what only ``graph`` holds."""
    return (
        f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} "
        f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {graph}) }} }}"
    )


def replace_document(
    store: ox.Store, graph_iri: str | ox.NamedNode, quads: Iterable[ox.Quad | ox.Triple]
) -> int:
    """Replace the named graph ``graph_iri`` with ``quads``, in one transaction.

    The quads' own graph names are ignored: everything goes into ``graph_iri``. Returns
    the number of distinct triples written. An empty ``quads`` removes the graph.
    """
    graph = _graph(graph_iri)
    lines = sorted({_triple_text(q) for q in quads})
    ops = [_unmerge(graph), f"DROP SILENT GRAPH {graph}"]
    if lines:
        body = "\n".join(lines)
        ops.append(f"INSERT DATA {{ GRAPH {graph} {{\n{body}\n}} }}")
        ops.append(f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}")
    try:
        store.update(" ;\n".join(ops))
    except (OSError, SyntaxError) as err:
        raise StoreError(f"cannot replace graph {graph.value}: {err}") from err
    return len(lines)


def remove_graph(store: ox.Store, graph_iri: str | ox.NamedNode) -> bool:
    """Remove a named graph, and its triples from the merge; False if it was not there."""
    graph = _graph(graph_iri)
    try:
        if not store.contains_named_graph(graph):
            return False
        store.update(f"{_unmerge(graph)} ;\nDROP SILENT GRAPH {graph}")
    except (OSError, SyntaxError) as err:
        raise StoreError(f"cannot remove graph {graph.value}: {err}") from err
    return True


def rebuild_merge(store: ox.Store) -> None:
    """Recompute the default graph as the merge of the named graphs (one transaction);
    for a store filled by other tools."""
    try:
        store.update("CLEAR SILENT DEFAULT ;\nINSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    except OSError as err:
        raise StoreError(f"cannot write the store: {err}") from err


def list_graphs(store: ox.Store) -> list[tuple[str, int]]:
    """The store's named graphs with their triple counts, sorted by name."""
    try:
        counts = {
            str(r[0].value): int(r[1].value)
            for r in store.query(
                "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
            )
        }
        for g in store.named_graphs():
            counts.setdefault(g.value, 0)
    except OSError as err:
        raise StoreError(f"cannot read the store: {err}") from err
    return sorted(counts.items())


def load_build(
    store: ox.Store, path: Path, *, graph: str | None = None, prune: bool = False
) -> dict[str, int]:
    """Load a build's ``graph.trig`` (or any RDF file) graph by graph.

    Each named graph of the file replaces the store's graph of that name. A Turtle or
    N-Triples file has no graph names: ``graph`` names the graph it replaces. Graphs the
    store holds but the file does not are kept, unless ``prune``. Returns triples
    written per graph.
    """
    if not path.exists():
        raise InputError("no such graph file", path)
    groups: dict[str, list[ox.Quad]] = defaultdict(list)
    for q in load_quads(path):
        if isinstance(q.graph_name, ox.DefaultGraph):
            if graph is None:
                raise InputError(
                    "triples outside any named graph: give the graph IRI to load them into", path
                )
            groups[graph].append(q)
        else:
            groups[q.graph_name.value].append(q)
    written = {name: replace_document(store, name, quads) for name, quads in sorted(groups.items())}
    if prune:
        for g in list(store.named_graphs()):
            if isinstance(g, ox.NamedNode) and g.value not in groups:
                remove_graph(store, g)
    return written
