"""``commitgraph serve``: a SPARQL 1.1 Protocol endpoint, read-only, with a timeout."""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import httpx
import pytest

from commitgraph.serve import ServeConfig, negotiate
from tests.servers import QUERY_FIXTURE as FIXTURE
from tests.servers import start_endpoint as _start
from tests.servers import stop_endpoint as _stop

pytestmark = pytest.mark.server

DECISIONS = """PREFIX cg: <https://w3id.org/commitgraph/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
SELECT DISTINCT ?symbol
WHERE { ?w a cg:Decision ; dcterms:identifier ?symbol ; eli:is_realized_by ?e }
ORDER BY ?symbol"""
# Every node reaches every other through any predicate, repeated: with a few thousand
# triples the pairs alone are millions, and the cross product of two such paths never ends.
RUNAWAY = """SELECT (COUNT(*) AS ?n) WHERE {
  ?a (<http://example.org/p>|!<http://example.org/p>)* ?b .
  ?c (<http://example.org/p>|!<http://example.org/p>)* ?d .
}"""


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    server, thread = _start(ServeConfig(graph=FIXTURE, port=0, timeout=5, limit=5, workers=2))
    try:
        yield server.url
    finally:
        _stop(server, thread)


def test_sparqlwrapper_select_ask_construct(endpoint: str) -> None:
    from SPARQLWrapper import JSON, TURTLE, SPARQLWrapper

    client = SPARQLWrapper(endpoint)
    client.setQuery(DECISIONS)
    client.setReturnFormat(JSON)
    data = client.query().convert()
    assert [b["symbol"]["value"] for b in data["results"]["bindings"]] == [  # type: ignore[index]
        "MC.DEC/13/04",
        "MC.DEC/15/06",
        "MC.DEC/7/17",
        "PC.DEC/1107",
    ]
    client.setQuery("ASK { ?s a <https://w3id.org/commitgraph/ontology#InterpretativeStatement> }")
    assert client.query().convert()["boolean"] is True  # type: ignore[index]
    client.setMethod("POST")
    client.setQuery(
        "CONSTRUCT { ?w ?p ?o } WHERE { ?w ?p ?o "
        "FILTER(?w = <https://w3id.org/commitgraph/id/work/MC.DEC/13/04>) }"
    )
    client.setReturnFormat(TURTLE)
    turtle = client.query().convert()
    import pyoxigraph as ox

    subjects = {t.subject.value for t in ox.parse(turtle, format=ox.RdfFormat.TURTLE)}
    assert subjects == {"https://w3id.org/commitgraph/id/work/MC.DEC/13/04"}


def test_get_and_both_posts_agree(endpoint: str) -> None:
    accept = {"Accept": "application/sparql-results+json"}
    by_get = httpx.get(endpoint, params={"query": DECISIONS}, headers=accept)
    by_form = httpx.post(endpoint, data={"query": DECISIONS}, headers=accept)
    by_body = httpx.post(
        endpoint,
        content=DECISIONS.encode(),
        headers={**accept, "Content-Type": "application/sparql-query"},
    )
    for r in (by_get, by_form, by_body):
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("application/sparql-results+json")
    assert by_get.json() == by_form.json() == by_body.json()


@pytest.mark.parametrize(
    ("accept", "mime"),
    [
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("application/json", "application/json"),
        ("text/*;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
        ("*/*", "application/sparql-results+json"),
    ],
)
def test_result_formats(endpoint: str, accept: str, mime: str) -> None:
    r = httpx.get(endpoint, params={"query": DECISIONS}, headers={"Accept": accept})
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] == mime
    if mime == "text/csv":
        assert r.text.splitlines()[:2] == ["symbol", "MC.DEC/13/04"]
    elif mime.endswith("xml"):
        root = ElementTree.fromstring(r.content)
        ns = "{http://www.w3.org/2005/sparql-results#}"
        assert len(root.findall(f"{ns}results/{ns}result")) == 4
    elif mime == "text/tab-separated-values":
        assert r.text.splitlines()[:2] == ["?symbol", '"MC.DEC/13/04"']


@pytest.mark.parametrize(
    ("accept", "mime", "marker"),
    [
        ("text/turtle", "text/turtle", "@prefix"),
        ("application/n-triples", "application/n-triples", "<https://w3id.org/commitgraph/id/"),
        ("application/ld+json", "application/ld+json", '"@id"'),
    ],
)
def test_graph_formats(endpoint: str, accept: str, mime: str, marker: str) -> None:
    q = "CONSTRUCT { ?s a ?t } WHERE { ?s a ?t } LIMIT 3"
    r = httpx.post(endpoint, data={"query": q}, headers={"Accept": accept})
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] == mime
    assert marker in r.text
    if mime == "application/ld+json":
        json.loads(r.text)


def test_format_parameter_and_unacceptable_types(endpoint: str) -> None:
    r = httpx.get(endpoint, params={"query": DECISIONS, "format": "csv"})
    assert r.headers["content-type"].startswith("text/csv")
    r = httpx.get(endpoint, params={"query": DECISIONS}, headers={"Accept": "image/png"})
    assert r.status_code == 406 and "sparql-results+json" in r.text


def test_negotiate_prefers_quality_then_precision() -> None:
    offers = [("application/sparql-results+json", "json"), ("text/csv", "csv")]
    assert negotiate(None, offers) == offers[0]
    assert negotiate("text/csv;q=0.9, */*;q=0.1", offers) == offers[1]
    assert negotiate("text/*", offers) == offers[1]
    assert negotiate("text/csv;q=0", offers) is None


@pytest.mark.parametrize(
    "send",
    [
        lambda url: httpx.post(url, data={"update": "DROP ALL"}),
        lambda url: httpx.post(
            url, content=b"DROP ALL", headers={"Content-Type": "application/sparql-update"}
        ),
        lambda url: httpx.get(url, params={"update": "DROP ALL"}),
    ],
)
def test_updates_are_refused(endpoint: str, send) -> None:  # type: ignore[no-untyped-def]
    r = send(endpoint)
    assert r.status_code == 403
    assert "read-only" in r.text
    still = httpx.get(endpoint, params={"query": DECISIONS, "format": "csv"})
    assert len(still.text.splitlines()) == 5


def test_an_update_sent_as_a_query_is_refused_as_one(endpoint: str) -> None:
    r = httpx.post(endpoint, data={"query": "DROP ALL"})
    assert r.status_code == 403 and "read-only" in r.text and "DROP" in r.text


def test_service_is_refused(endpoint: str) -> None:
    q = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    r = httpx.get(endpoint, params={"query": q})
    assert r.status_code == 403 and "SERVICE" in r.text
    # the word inside a string or an IRI is not a SERVICE clause
    ok = httpx.get(
        endpoint, params={"query": 'SELECT * WHERE { BIND("SERVICE" AS ?x) }', "format": "csv"}
    )
    assert ok.status_code == 200


def test_rows_are_cut_at_the_limit_with_a_header(endpoint: str) -> None:
    r = httpx.get(
        endpoint,
        params={"query": "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert r.status_code == 200
    assert len(r.json()["results"]["bindings"]) == 5
    assert r.headers["x-result-truncated"] == "true"
    assert r.headers["x-result-limit"] == "5"
    small = httpx.get(endpoint, params={"query": DECISIONS})
    assert "x-result-truncated" not in small.headers


def test_protocol_errors(endpoint: str) -> None:
    assert httpx.get(endpoint, params={"query": "SELECT ?s WHERE { ?s ?p }"}).status_code == 400
    assert httpx.get(endpoint).status_code == 400
    assert httpx.get(endpoint.replace("/sparql", "/elsewhere")).status_code == 404
    r = httpx.post(endpoint, content=b"x", headers={"Content-Type": "text/plain"})
    assert r.status_code == 415
    assert httpx.put(endpoint, content=b"").status_code == 405
    two = httpx.get(endpoint, params=[("query", DECISIONS), ("query", DECISIONS)])
    assert two.status_code == 400


def test_the_html_page_is_self_contained(endpoint: str) -> None:
    r = httpx.get(endpoint.replace("/sparql", "/"))
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page = r.text
    assert "<textarea" in page and "<script>" in page and "<style>" in page
    # nothing is fetched from elsewhere: no src= or href= pointing at another host
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "@import" not in page


def test_cors_headers_for_browser_tools(endpoint: str) -> None:
    r = httpx.options(endpoint)
    assert r.status_code == 204
    assert r.headers["access-control-allow-origin"] == "*"


def test_a_store_can_be_served(tmp_path: Path) -> None:
    from commitgraph.store import load_build, open_store

    store = open_store(tmp_path / "store")
    load_build(store, FIXTURE)
    del store
    server, thread = _start(ServeConfig(store=tmp_path / "store", port=0, workers=1))
    try:
        r = httpx.get(server.url, params={"query": DECISIONS, "format": "csv"})
        assert r.status_code == 200 and r.text.count("MC.DEC/") == 3
    finally:
        _stop(server, thread)


def test_a_runaway_query_is_stopped_and_others_are_answered(tmp_path: Path) -> None:
    graph = tmp_path / "dense.nt"
    lines = [
        f"<http://example.org/n{i}> <http://example.org/p{i % 7}> "
        f"<http://example.org/n{(i * 31 + 7) % 1500}> ."
        for i in range(3000)
    ]
    graph.write_text("\n".join(lines) + "\n", encoding="utf-8")
    timeout = 2.0
    server, thread = _start(ServeConfig(graph=graph, port=0, timeout=timeout, workers=2))
    try:
        outcome: dict[str, object] = {}

        def runaway() -> None:
            t = time.monotonic()
            r = httpx.get(server.url, params={"query": RUNAWAY}, timeout=60)
            outcome["status"], outcome["seconds"] = r.status_code, time.monotonic() - t
            outcome["text"] = r.text

        worker = threading.Thread(target=runaway)
        worker.start()
        time.sleep(0.3)  # the runaway query is now holding one worker
        t = time.monotonic()
        quick = httpx.get(
            server.url,
            params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "format": "csv"},
            timeout=30,
        )
        assert quick.status_code == 200 and quick.text.splitlines()[1] == "3000"
        assert time.monotonic() - t < timeout
        worker.join(60)
        assert outcome["status"] == 504
        assert "timeout" in str(outcome["text"])
        assert timeout <= float(outcome["seconds"]) < timeout + 5  # type: ignore[arg-type]
        # the killed worker was replaced: the endpoint keeps answering
        again = httpx.get(server.url, params={"query": "ASK { ?s ?p ?o }"}, timeout=30)
        assert again.status_code == 200 and again.json()["boolean"] is True
    finally:
        _stop(server, thread)
