"""Fixtures of the network tests: the hand-written fixture network, loaded once."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from commitgraph.network.load import find_node, load_network

FIXTURE = Path(__file__).parent / "fixtures" / "network.trig"


@pytest.fixture(scope="session")
def network_trig() -> Path:
    return FIXTURE


@pytest.fixture
def fixture_store(tmp_path: Path) -> Path:
    """The fixture network in a persistent Oxigraph store of its own."""
    path = tmp_path / "store"
    store = ox.Store(str(path))
    store.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    store.flush()
    del store
    return path


@pytest.fixture(scope="session")
def _loaded() -> nx.DiGraph:
    return load_network(FIXTURE)


@pytest.fixture
def net(_loaded: nx.DiGraph) -> nx.DiGraph:
    """A fresh copy per test, so a test may add or remove edges."""
    return _loaded.copy()


@pytest.fixture
def key(net: nx.DiGraph):  # type: ignore[no-untyped-def]
    """Node key of an identifier: key("MC.DEC/5/12")."""
    return lambda ident: find_node(net, ident)


@pytest.fixture
def ids(net: nx.DiGraph):  # type: ignore[no-untyped-def]
    """Identifiers of node keys, in order."""
    return lambda nodes: [net.nodes[n]["id"] for n in nodes]
