"""The network cache: a network is built once per state of its source, never served stale."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner

import commitgraph.network.load as load_module
from commitgraph.cli import cli
from commitgraph.network import cache
from commitgraph.network.load import load_network

CITES = "<http://data.europa.eu/eli/ontology#cites>"
NEW_WORK = "https://w3id.org/commitgraph/id/work/MC.DEC/99/99"


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[int]:
    """Count the networks actually built from a source, with a cache folder of its own."""
    monkeypatch.setenv("COMMITGRAPH_CACHE", str(tmp_path / "cache"))
    calls: list[int] = []
    real = load_module.network_from_store

    def counting(store: ox.Store) -> nx.DiGraph:
        calls.append(1)
        return real(store)

    monkeypatch.setattr(load_module, "network_from_store", counting)
    return calls


@pytest.fixture
def trig(network_trig: Path, tmp_path: Path) -> Path:
    """A copy of the fixture network that a test may edit."""
    copy = tmp_path / "network.trig"
    shutil.copy(network_trig, copy)
    return copy


def _same(a: nx.DiGraph, b: nx.DiGraph) -> None:
    assert dict(a.nodes(data=True)) == dict(b.nodes(data=True))
    assert {(u, v): d for u, v, d in a.edges(data=True)} == {
        (u, v): d for u, v, d in b.edges(data=True)
    }


def test_a_second_load_of_an_unchanged_file_reads_the_cache(builds: list[int], trig: Path) -> None:
    first = load_network(trig)
    second = load_network(trig)
    assert len(builds) == 1
    _same(first, second)
    assert second.graph["source"] == str(trig)
    assert load_network(trig, cache=False).number_of_edges() == first.number_of_edges()
    assert len(builds) == 2


def test_a_changed_file_is_read_again_even_with_the_same_size_and_time(
    builds: list[int], trig: Path
) -> None:
    before = load_network(trig)
    st = trig.stat()
    text = trig.read_text(encoding="utf-8")
    # The same bytes but one: an edit inside a clock tick leaves size and time as they were.
    changed = text.replace('dcterms:identifier "MC.DEC/5/12"', 'dcterms:identifier "MC.DEC/5/13"')
    assert changed != text and len(changed) == len(text)
    trig.write_text(changed, encoding="utf-8")
    os.utime(trig, ns=(st.st_atime_ns, st.st_mtime_ns))
    after = load_network(trig)
    assert len(builds) == 2
    ids_before = {d.get("id") for _, d in before.nodes(data=True)}
    ids_after = {d.get("id") for _, d in after.nodes(data=True)}
    assert ids_before != ids_after


def test_a_store_written_to_is_read_again(builds: list[int], fixture_store: Path) -> None:
    path = fixture_store
    first = load_network(store=path)
    assert load_network(store=path).number_of_edges() == first.number_of_edges()
    assert len(builds) == 1

    store = ox.Store(str(path))
    work = ox.NamedNode("https://w3id.org/commitgraph/id/work/MC.DEC/5/12")
    store.add(
        ox.Quad(
            work,
            ox.NamedNode(CITES[1:-1]),
            ox.NamedNode(NEW_WORK),
            ox.NamedNode("https://example.org/graph/extra"),
        )
    )
    store.flush()
    del store
    second = load_network(store=path)
    assert len(builds) == 2
    assert NEW_WORK in second and NEW_WORK not in first


def test_a_broken_entry_is_rebuilt_and_an_unwritable_cache_is_skipped(
    builds: list[int], trig: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_network(trig)
    entry = cache.entry_path(trig)
    entry.write_bytes(b"not a pickle")
    assert load_network(trig).number_of_nodes() > 0
    assert len(builds) == 2
    assert load_network(trig).number_of_nodes() > 0  # rewritten by the rebuild
    assert len(builds) == 2

    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("COMMITGRAPH_CACHE", str(blocked))
    assert load_network(trig).number_of_nodes() > 0
    assert load_network(trig).number_of_nodes() > 0
    assert len(builds) == 4


def test_only_the_most_recently_used_entries_are_kept(
    builds: list[int], network_trig: Path, tmp_path: Path
) -> None:
    copies = []
    for i in range(cache.KEEP + 3):
        copy = tmp_path / f"copy{i}.trig"
        shutil.copy(network_trig, copy)
        copies.append(copy)
        load_network(copy)
        entry = cache.entry_path(copy)
        os.utime(entry, ns=(i * 10**9, i * 10**9))  # file times one second apart
    kept = sorted((cache.cache_dir() / "networks").glob("*.pickle"))
    assert len(kept) == cache.KEEP
    assert not cache.entry_path(copies[0]).exists()
    assert cache.entry_path(copies[-1]).exists()


def test_network_no_cache_option(builds: list[int], trig: Path) -> None:
    runner = CliRunner()
    for args in (
        ["network", "stats", "--graph", str(trig)],
        ["network", "stats", "--graph", str(trig)],
        ["network", "--no-cache", "stats", "--graph", str(trig)],
    ):
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, result.output
    assert len(builds) == 2


def test_another_loader_or_ontology_does_not_read_the_entry(
    builds: list[int], trig: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_network(trig)
    load_network(trig)
    assert len(builds) == 1
    # What a new version of the loader or of the packaged catalogue changes: the digest.
    monkeypatch.setattr(cache, "_code_digest", lambda: "another version")
    load_network(trig)
    assert len(builds) == 2
