"""The persistent store: one named graph per document, replaced in one transaction."""

from __future__ import annotations

import threading
from pathlib import Path

import pyoxigraph as ox
import pytest

from commitgraph.errors import InputError, StoreError
from commitgraph.query import library, open_graph, run_library_query
from commitgraph.store import (
    list_graphs,
    load_build,
    open_store,
    rebuild_merge,
    remove_graph,
    replace_document,
)

EX = "https://example.org/"
FR_GRAPH = "https://w3id.org/commitgraph/id/work/MC.DEC/7/17/graph/fr"
EN_GRAPH = "https://w3id.org/commitgraph/id/work/MC.DEC/7/17/graph/en"


def _default(store: ox.Store) -> set[tuple[str, str, str]]:
    return {
        (str(q.subject), str(q.predicate), str(q.object))
        for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())
    }


def _named(store: ox.Store) -> set[tuple[str, str, str]]:
    return {
        (str(q.subject), str(q.predicate), str(q.object))
        for g in store.named_graphs()
        for q in store.quads_for_pattern(None, None, None, g)
    }


def _quads(graph: str, n: int, tag: str = "v") -> list[ox.Quad]:
    g = ox.NamedNode(graph)
    return [
        ox.Quad(ox.NamedNode(f"{EX}s{i}"), ox.NamedNode(f"{EX}p"), ox.Literal(f"{tag}{i}"), g)
        for i in range(n)
    ]


@pytest.fixture
def store(tmp_path: Path) -> ox.Store:
    return open_store(tmp_path / "store")


def test_load_build_fills_one_graph_per_document_and_the_merge(
    store: ox.Store, fixture_graph: Path
) -> None:
    written = load_build(store, fixture_graph)
    graphs = dict(list_graphs(store))
    assert set(graphs) == set(written)
    assert FR_GRAPH in graphs and EN_GRAPH in graphs
    assert "https://w3id.org/commitgraph/id/graph/vocabulary" in graphs
    assert all(graphs[g] == n for g, n in written.items())
    # the default graph is the set of all named graphs' triples
    assert _default(store) == _named(store)
    # and queries on the store answer like the in-memory graph
    for name, params in (
        ("lineage", {"decision": "MC.DEC/7/17"}),
        ("asked-of-actor", {"actor": "ParticipatingStates"}),
    ):
        q = library()[name]
        assert (
            run_library_query(store, q, params).values()
            == run_library_query(open_graph(fixture_graph), q, params).values()
        )


def test_replace_document_replaces_only_its_graph(store: ox.Store, fixture_graph: Path) -> None:
    load_build(store, fixture_graph)
    before = dict(list_graphs(store))
    fr = ox.NamedNode(FR_GRAPH)
    french = list(store.quads_for_pattern(None, None, None, fr))
    kept = [q for q in french if "Demande instamment" not in str(q.object)]
    assert len(kept) < len(french)
    replace_document(store, FR_GRAPH, kept)
    after = dict(list_graphs(store))
    assert after[FR_GRAPH] == len(kept)
    assert {g: n for g, n in after.items() if g != FR_GRAPH} == {
        g: n for g, n in before.items() if g != FR_GRAPH
    }
    # the merge lost the French-only triple, kept what English shares with French
    texts = {o for _, p, o in _default(store) if p.endswith("#text>")}
    assert not any("Demande instamment aux" in t for t in texts)
    assert any("Urges the participating States" in t for t in texts)
    assert _default(store) == _named(store)


def test_replacing_twice_changes_nothing(store: ox.Store) -> None:
    g = f"{EX}graph/a"
    assert replace_document(store, g, _quads(g, 50)) == 50
    first = (_named(store), _default(store))
    assert replace_document(store, g, _quads(g, 50)) == 50
    assert (_named(store), _default(store)) == first
    assert len(store) == 100  # 50 in the graph, 50 in the merge


def test_shared_triples_stay_in_the_merge_while_one_graph_holds_them(store: ox.Store) -> None:
    a, b = f"{EX}graph/a", f"{EX}graph/b"
    replace_document(store, a, _quads(a, 10))
    replace_document(store, b, _quads(b, 5))  # b shares s0..s4 with a
    replace_document(store, a, [])
    assert len(_default(store)) == 5
    assert remove_graph(store, b) is True
    assert _default(store) == set()
    assert remove_graph(store, b) is False


def test_the_default_graph_is_not_writable_as_a_document(store: ox.Store) -> None:
    with pytest.raises(StoreError):
        replace_document(store, ox.DefaultGraph(), [])  # type: ignore[arg-type]


def test_readers_never_see_a_half_replaced_graph(store: ox.Store) -> None:
    """One update = one transaction: a concurrent reader counts 100 or 200, never less."""
    g = f"{EX}graph/busy"
    small, big = _quads(g, 100, "a"), _quads(g, 200, "b")
    replace_document(store, g, small)
    seen: list[int] = []
    stop = threading.Event()
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}"

    def read() -> None:
        while not stop.is_set():
            seen.append(int(next(iter(store.query(count)))[0].value))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for i in range(30):
            replace_document(store, g, big if i % 2 == 0 else small)
    finally:
        stop.set()
        reader.join()
    assert seen and set(seen) <= {100, 200}


def test_an_update_that_fails_half_way_writes_nothing(store: ox.Store) -> None:
    """What replace_document's atomicity rests on: Oxigraph runs a whole update in one
    transaction, so when its second operation fails the first is undone."""
    g = f"{EX}graph/kept"
    replace_document(store, g, _quads(g, 3))
    with pytest.raises(OSError):
        # port 1 is refused by Oxigraph itself: no network is involved
        store.update(f"DROP GRAPH <{g}> ; LOAD <http://127.0.0.1:1/x> INTO GRAPH <{g}>")
    assert dict(list_graphs(store))[g] == 3


def test_a_store_has_one_writer(tmp_path: Path) -> None:
    path = tmp_path / "store"
    first = open_store(path)
    with pytest.raises(StoreError, match="in use"):
        open_store(path)
    reader = open_store(path, read_only=True)
    assert len(reader) == len(first) == 0


def test_opening_errors_are_store_errors(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store"):
        open_store(tmp_path / "absent", read_only=True)
    file = tmp_path / "file"
    file.write_text("x")
    with pytest.raises(StoreError, match="file"):
        open_store(file)


def test_load_build_needs_a_graph_name_for_triples(store: ox.Store, tmp_path: Path) -> None:
    ttl = tmp_path / "one.ttl"
    ttl.write_text(f"<{EX}s> <{EX}p> 'o' .\n", encoding="utf-8")
    with pytest.raises(InputError, match="named graph"):
        load_build(store, ttl)
    assert load_build(store, ttl, graph=f"{EX}graph/one") == {f"{EX}graph/one": 1}
    with pytest.raises(InputError):
        load_build(store, tmp_path / "missing.trig")


def test_prune_removes_graphs_the_build_no_longer_has(store: ox.Store, fixture_graph: Path) -> None:
    stale = f"{EX}graph/stale"
    replace_document(store, stale, _quads(stale, 4))
    load_build(store, fixture_graph)
    assert stale in dict(list_graphs(store))
    load_build(store, fixture_graph, prune=True)
    assert stale not in dict(list_graphs(store))
    assert _default(store) == _named(store)


def test_rebuild_merge_for_stores_filled_elsewhere(store: ox.Store, fixture_graph: Path) -> None:
    store.load(path=str(fixture_graph), format=ox.RdfFormat.TRIG)
    assert _default(store) == set()
    rebuild_merge(store)
    assert _default(store) == _named(store)
