"""Ask a SPARQL server: the query library on a graph published with ``push``.

A corpus that outgrows a laptop lives on a server (Oxigraph server, Fuseki, GraphDB,
Virtuoso); ``commitgraph query NAME --endpoint URL`` runs the same library there, over the
SPARQL 1.1 Protocol. The server takes no bindings beside the query, so parameters are
written into the text as terms (:func:`commitgraph.query.substitute`), and the answer comes
back as SPARQL JSON results (SELECT, ASK) or N-Triples (CONSTRUCT, DESCRIBE) and is read
into the same :class:`~commitgraph.query.Result` a local store gives, so every output
format works unchanged.

The library's queries read the server's default graph, and expect it to hold the merge of
the pushed named graphs: Virtuoso does that by itself; Oxigraph server needs
``--union-default-graph``; Fuseki needs ``tdb2:unionDefaultGraph true``. Queries are
sent by POST (a library query is too long for a URL); redirects are not followed, as in
``push``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx
import pyoxigraph as ox

from commitgraph.errors import QueryError, RemoteError
from commitgraph.push import Auth, describe_response
from commitgraph.query import Result, Row, Term, query_shape, substitute

_RESULTS_JSON = "application/sparql-results+json"
_NTRIPLES = "application/n-triples"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass(slots=True)
class Endpoint:
    """A SPARQL query endpoint (``…/sparql``, ``…/query``) and how to reach it.

    One HTTP client is kept for all the queries: a new one per request costs 40 ms on
    loopback (its TLS set-up), more than most library queries take on the server."""

    url: str
    auth: Auth = field(default_factory=Auth)
    timeout: float = 300.0
    _client: httpx.Client | None = field(default=None, repr=False, compare=False)

    def post(self, query: str, accept: str) -> httpx.Response:
        """Send ``query``; a refusal or an unreachable server is a :class:`RemoteError`."""
        headers = {"Accept": accept}
        http_auth = self.auth.apply(headers)
        if self._client is None:
            self._client = httpx.Client(timeout=self.timeout)
        try:
            resp = self._client.post(
                self.url,
                data={"query": query},
                headers=headers,
                auth=http_auth if http_auth is not None else httpx.USE_CLIENT_DEFAULT,
                follow_redirects=False,
            )
        except httpx.TimeoutException as err:
            raise RemoteError(f"{self.url}: no answer within {self.timeout:g} s") from err
        except httpx.TransportError as err:
            raise RemoteError(f"{self.url}: cannot reach the server ({err})") from err
        if resp.status_code == 400:
            raise QueryError(f"{self.url} refused the query ({describe_response(resp)})")
        if resp.status_code >= 300:
            raise RemoteError(f"{self.url} did not answer the query ({describe_response(resp)})")
        return resp


def run_remote(
    endpoint: Endpoint, query: str, bindings: Mapping[str, Term], limit: int | None
) -> Result:
    """Run ``query`` on the server with ``bindings`` written into it."""
    shape = query_shape(query)  # one pass of the lexer: size check and query form
    why = shape.refusal()
    if why:
        raise QueryError(why)
    graph = bool({w.upper() for w in shape.words} & {"CONSTRUCT", "DESCRIBE"})
    text = substitute(query, bindings)
    resp = endpoint.post(text, _NTRIPLES if graph else _RESULTS_JSON)
    if graph:
        return _graph_result(endpoint, resp, limit)
    try:
        doc = resp.json()
    except ValueError as err:
        kind = resp.headers.get("content-type", "?")
        raise RemoteError(f"{endpoint.url} did not answer SPARQL JSON results ({kind})") from err
    if "boolean" in doc:
        return Result("ask", boolean=bool(doc["boolean"]))
    variables = list(doc.get("head", {}).get("vars", []))
    rows: list[Row] = []
    truncated = False
    for binding in doc.get("results", {}).get("bindings", []):
        if limit is not None and len(rows) >= limit:
            truncated = True
            break
        rows.append(tuple(_term(binding.get(v)) for v in variables))
    return Result("select", variables, rows, truncated=truncated, limit=limit)


def _graph_result(endpoint: Endpoint, resp: httpx.Response, limit: int | None) -> Result:
    try:
        triples = [q.triple for q in ox.parse(resp.content, format=ox.RdfFormat.N_TRIPLES)]
    except SyntaxError as err:
        raise RemoteError(f"{endpoint.url} did not answer N-Triples: {err}") from err
    truncated = limit is not None and len(triples) > limit
    if limit is not None:
        triples = triples[:limit]
    return Result("graph", triples=triples, truncated=truncated, limit=limit)


def _term(value: Mapping[str, Any] | None) -> Term | None:
    """One JSON result term as a pyoxigraph term (``typed-literal`` is Virtuoso's)."""
    if value is None:
        return None
    kind = value.get("type")
    text = value.get("value", "")
    if kind == "uri":
        return ox.NamedNode(text)
    if kind == "bnode":
        return ox.BlankNode(text)
    if kind in ("literal", "typed-literal"):
        lang = value.get("xml:lang")
        if lang:
            return ox.Literal(text, language=lang)
        datatype = value.get("datatype")
        if datatype and datatype != _XSD_STRING:
            return ox.Literal(text, datatype=ox.NamedNode(datatype))
        return ox.Literal(text)
    raise RemoteError(f"unexpected term in the server's answer: {dict(value)!r}")


def default_graph_is_empty(endpoint: Endpoint) -> bool:
    """Whether the server's default graph holds nothing: then every library query finds
    nothing, whatever the named graphs hold (an Oxigraph server after a plain ``push``)."""
    return not run_remote(endpoint, "ASK { ?s ?p ?o }", {}, None).boolean
