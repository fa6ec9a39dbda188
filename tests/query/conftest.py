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


@pytest.fixture(scope="session")
def endpoint_fixture(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The fixture published to a real ``oxigraph serve`` with ``push --merge`` (its named
    graphs, then their merge as the default graph), asked through the SPARQL protocol."""
    from commitgraph.push import graphs_from_file, merge_of, ntriples, push, store_endpoint
    from commitgraph.remote import Endpoint
    from tests.servers import oxigraph_serving

    with oxigraph_serving(tmp_path_factory.mktemp("endpoint")) as server:
        graphs = graphs_from_file(FIXTURE_GRAPH)
        union = merge_of(graphs)
        report = push(graphs, store_endpoint(server.base), merge=(ntriples(union), len(union)))
        assert report.ok, report.failed
        yield Endpoint(f"{server.base}/query", timeout=60)
