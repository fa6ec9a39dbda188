"""The query fixture graph, opened once per session in each engine."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURE_GRAPH = Path(__file__).with_name("fixture.trig")


@pytest.fixture(scope="session")
def fixture_graph() -> Path:
    return FIXTURE_GRAPH


@pytest.fixture(scope="session")
def oxigraph_fixture():  # type: ignore[no-untyped-def]
    from commitgraph.query import open_graph

    return open_graph(FIXTURE_GRAPH)


@pytest.fixture(scope="session")
def rdflib_fixture():  # type: ignore[no-untyped-def]
    from commitgraph.query import open_rdflib

    return open_rdflib(FIXTURE_GRAPH)
