"""A persistent Oxigraph store holding the graph, one named graph per source document.

``build --store PATH`` writes each document into its own named graph (plus the
vocabulary and the catalogue graphs), so rebuilding one document replaces only its graph.

Atomicity: pyoxigraph has no transaction object in Python, but every ``Store.update``
call runs in one transaction ("either the full operation succeeds, or nothing is written",
and readers keep seeing the previous state until it commits). :func:`replace_document`
therefore sends one update made of ``DROP SILENT GRAPH <g>`` and ``INSERT DATA`` — a
reader sees the old graph or the new one, never an empty or half-written graph. (The
alternative, ``remove_graph`` then ``extend``, is two transactions with a visible gap.)
The data is written into the update in N-Triples syntax by pyoxigraph's own term
serialiser, so any literal round-trips exactly; for a document graph (a few thousand
triples) this costs about the same as ``extend`` (measured: 20 000 triples in 0.5 s).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from commitgraph.errors import InputError, StoreError
from commitgraph.rdf.io import load_quads

GraphName = ox.NamedNode | ox.DefaultGraph


def open_store(path: Path, *, read_only: bool = False) -> ox.Store:
    """Open (or create) the store at ``path``.

    A store is locked by the process that opens it read-write; a second writer gets a
    clear error instead of a RocksDB message. ``read_only`` opens an existing store
    without taking the lock (for queries next to a running writer, at the reader's risk).
    """
    try:
        if read_only:
            if not path.is_dir():
                raise StoreError("no store here (create it with `commitgraph build --store`)",
                                 path)
            return ox.Store.read_only(str(path))
        if path.exists() and not path.is_dir():
            raise StoreError("not a store folder (it is a file)", path)
        return ox.Store(str(path))
    except OSError as err:
        text = str(err)
        if "lock" in text.lower():
            raise StoreError("the store is in use by another process (a running build or "
                             "serve?); stop it or open the store read-only", path) from err
        raise StoreError(f"cannot open the store: {text}", path) from err


def _graph(graph: str | GraphName) -> GraphName:
    if isinstance(graph, str):
        return ox.NamedNode(graph)
    return graph


def _target(graph: GraphName) -> str:
    return "DEFAULT" if isinstance(graph, ox.DefaultGraph) else f"GRAPH {graph}"


def _triple_text(item: ox.Quad | ox.Triple) -> str:
    return f"{item.subject} {item.predicate} {item.object} ."


def replace_document(store: ox.Store, graph_iri: str | GraphName,
                     quads: Iterable[ox.Quad | ox.Triple]) -> int:
    """Replace the named graph ``graph_iri`` with ``quads``, in one transaction.

    The quads' own graph names are ignored: everything goes into ``graph_iri``. Returns
    the number of distinct triples written. An empty ``quads`` leaves the graph empty.
    """
    graph = _graph(graph_iri)
    lines = sorted({_triple_text(q) for q in quads})
    target = _target(graph)
    drop = "DROP SILENT DEFAULT" if isinstance(graph, ox.DefaultGraph) else f"DROP SILENT {target}"
    update = drop
    if lines:
        inner = "\n".join(lines)
        block = inner if isinstance(graph, ox.DefaultGraph) else f"{target} {{\n{inner}\n}}"
        update += f" ;\nINSERT DATA {{\n{block}\n}}"
    try:
        store.update(update)
    except (OSError, SyntaxError) as err:
        raise StoreError(f"cannot replace graph {graph}: {err}") from err
    return len(lines)


def remove_graph(store: ox.Store, graph_iri: str | ox.NamedNode) -> bool:
    """Remove a named graph and its triples; False if the store did not hold it."""
    graph = _graph(graph_iri)
    try:
        if not store.contains_named_graph(graph):
            return False
        store.remove_graph(graph)
    except OSError as err:
        raise StoreError(f"cannot remove graph {graph}: {err}") from err
    return True


def list_graphs(store: ox.Store) -> list[tuple[str, int]]:
    """The store's named graphs with their triple counts, sorted by name."""
    try:
        counts = {str(r[0].value): int(r[1].value) for r in store.query(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")}
        for g in store.named_graphs():
            counts.setdefault(g.value, 0)
    except OSError as err:
        raise StoreError(f"cannot read the store: {err}") from err
    return sorted(counts.items())


def load_build(store: ox.Store, path: Path, *, prune: bool = False) -> dict[str, int]:
    """Load a build's ``graph.trig`` (or any RDF file) graph by graph.

    Each named graph of the file replaces the store's graph of that name (triples of a
    Turtle or N-Triples file replace the default graph). Graphs the store holds but the
    file does not are kept, unless ``prune``. Returns triples written per graph.
    """
    if not path.exists():
        raise InputError("no such graph file", path)
    groups: dict[GraphName, list[ox.Quad]] = defaultdict(list)
    for q in load_quads(path):
        groups[q.graph_name].append(q)  # type: ignore[index]
    written: dict[str, int] = {}
    for graph, quads in sorted(groups.items(), key=lambda kv: str(kv[0])):
        name = "" if isinstance(graph, ox.DefaultGraph) else graph.value
        written[name] = replace_document(store, graph, quads)
    if prune:
        keep = {g for g in groups if isinstance(g, ox.NamedNode)}
        for g in list(store.named_graphs()):
            if g not in keep:
                remove_graph(store, g)  # type: ignore[arg-type]
    return written
