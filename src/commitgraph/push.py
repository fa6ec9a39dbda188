"""``commitgraph push``: publish the graph to a SPARQL server that already runs.

Uses the SPARQL 1.1 Graph Store HTTP Protocol, which Oxigraph, Fuseki, GraphDB and
Virtuoso all speak: ``PUT <endpoint>?graph=<iri>`` with the graph's N-Triples replaces
that named graph, so pushing the same build twice leaves the server as after the first
push (no duplicated triples), and pushing a rebuilt document replaces only its graph.

One PUT per named graph (per source document, plus the vocabulary and the catalogue).
Transient failures — connection errors, time-outs, 502/503/504, 429 — are retried with
exponential back-off; a refusal (401/403 and other 4xx) is not, and ends in a
:class:`RemoteError` naming the status. The report says which graphs were published and
which were not.

When the server goes away mid-way (nothing listens any more, or graph after graph meets
only transient failures) the run stops instead of spending every remaining graph's
retries on it: the graphs not attempted are reported as not published, and running the
same push again publishes them (a graph already published is replaced by itself, never
duplicated). Redirects are not followed: an HTTP client turns a redirected PUT into a
GET, which would "succeed" without storing anything.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pyoxigraph as ox

from commitgraph.errors import InputError, RemoteError

TRANSIENT = {429, 502, 503, 504}
DEFAULT_GRAPH = "default"


class CredentialsRefused(RemoteError):
    """401/403: every further request would be refused the same way."""


class ServerUnavailable(RemoteError):
    """A graph gave up after every attempt met a transient failure.

    ``unreachable`` when the last attempt could not even connect: nothing listens there
    any more, so the run stops at once.
    """

    def __init__(self, message: str, *, unreachable: bool = False) -> None:
        super().__init__(message)
        self.unreachable = unreachable


@dataclass(frozen=True, slots=True)
class Auth:
    """Credentials: HTTP Basic (user and password) or a bearer token."""

    user: str | None = None
    password: str | None = None
    token: str | None = None

    def apply(self, headers: dict[str, str]) -> httpx.Auth | None:
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
            return None
        if self.user is not None:
            return httpx.BasicAuth(self.user, self.password or "")
        return None


@dataclass(slots=True)
class PushReport:
    """What was published (graph IRI → triples) and what failed (graph IRI → reason)."""

    endpoint: str
    published: dict[str, int] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.failed

    def lines(self) -> list[str]:
        out = [f"published {g} ({n} triples)" for g, n in self.published.items()]
        out += [f"NOT published {g}: {why}" for g, why in self.failed.items()]
        return out


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Attempts per graph, back-off between them, and when to stop the whole run.

    ``stop_after`` consecutive graphs that gave up on transient failures end the run
    (one such graph may be a graph too large for a proxy's time-out; two in a row is a
    server that is down or overloaded).
    """

    attempts: int = 4
    backoff: float = 0.5  # seconds before the second attempt, doubled each time
    max_wait: float = 8.0
    stop_after: int = 2


# --- what to push ---------------------------------------------------------------------------


def graphs_from_file(path: Path, graph: str | None = None) -> dict[str, list[ox.Triple]]:
    """The named graphs of a TriG/N-Quads file, or a Turtle/N-Triples file as one graph.

    ``graph`` selects one named graph of a quad file, or names the target graph of a
    triple file (required there: a file without graph names has no graph IRI to push to;
    ``default`` targets the server's default graph).
    """
    from commitgraph.rdf.io import load_quads

    if not path.exists():
        raise InputError("no such graph file", path)
    grouped: dict[str, list[ox.Triple]] = defaultdict(list)
    for q in load_quads(path):
        name = DEFAULT_GRAPH if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
        grouped[name].append(ox.Triple(q.subject, q.predicate, q.object))
    if set(grouped) == {DEFAULT_GRAPH}:
        if graph is None:
            raise InputError(
                "this file has no named graphs: give --graph IRI to name the "
                "graph to replace (or --graph default for the server's default "
                "graph)",
                path,
            )
        return {graph: grouped[DEFAULT_GRAPH]}
    if graph is not None:
        if graph not in grouped:
            raise InputError(f"no graph {graph} in this file", path)
        return {graph: grouped[graph]}
    if DEFAULT_GRAPH in grouped:
        raise InputError(
            "this file mixes default-graph triples with named graphs; the "
            "default-graph ones have no graph IRI (use --graph to push one "
            "graph)",
            path,
        )
    return dict(grouped)


class StoreGraphs(Mapping[str, list[ox.Triple]]):
    """The named graphs of an Oxigraph store, each read when it is pushed.

    Read all at once, the 20,000 documents' graphs were nine million Python objects
    before the first request; read one by one, a push holds one graph at a time."""

    def __init__(self, store: ox.Store, names: list[ox.NamedNode]) -> None:
        self.store = store
        self.names = {n.value: n for n in names}

    def __getitem__(self, name: str) -> list[ox.Triple]:
        graph = self.names[name]
        return [
            ox.Triple(q.subject, q.predicate, q.object)
            for q in self.store.quads_for_pattern(None, None, None, graph)
        ]

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)


def graphs_from_store(store: ox.Store, graph: str | None = None) -> StoreGraphs:
    """The named graphs of an Oxigraph store (or just ``graph``), read as they are used."""
    if graph is None:
        return StoreGraphs(store, sorted(store.named_graphs(), key=str))
    if not store.contains_named_graph(ox.NamedNode(graph)):
        raise InputError(f"the store has no graph {graph}")
    return StoreGraphs(store, [ox.NamedNode(graph)])


def merge_from_store(store: ox.Store, folder: Path) -> tuple[Path, int]:
    """The store's default graph (the merge of its named graphs, as ``build`` keeps it),
    written to an N-Triples file in ``folder``, and its number of triples.

    Written by Oxigraph straight to a file and sent from there: on 20,000 documents the
    merge is millions of triples, too many to hold as Python objects."""
    path = folder / "merge.nt"
    store.dump(path, format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    found = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    count = int(next(iter(found))[0].value)  # type: ignore[index,union-attr]
    return path, count


def merge_of(graphs: Mapping[str, list[ox.Triple]]) -> list[ox.Triple]:
    """The merge of the graphs read from a file: each distinct triple once."""
    return list({t for triples in graphs.values() for t in triples})


def ntriples(triples: Iterable[ox.Triple]) -> bytes:
    data = sorted(set(triples), key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    return ox.serialize(data, format=ox.RdfFormat.N_TRIPLES) or b""


# --- pushing ------------------------------------------------------------------------------


def describe_response(resp: httpx.Response) -> str:
    """A refusal in one line: status, reason and the first line the server wrote."""
    reason = resp.reason_phrase or ""
    detail = resp.text.strip().splitlines()[0][:200] if resp.text.strip() else ""
    text = f"HTTP {resp.status_code} {reason}".strip()
    return f"{text}: {detail}" if detail else text


def put_graph(
    client: httpx.Client,
    endpoint: str,
    graph: str,
    body: bytes | Path,
    *,
    auth: Auth | None = None,
    retry: RetryPolicy | None = None,
    sleep: Callable[[float], None] = time.sleep,
    timeout: httpx.Timeout | None = None,
) -> None:
    """Replace one graph on the server (``PUT``), retrying transient failures; ``body``
    is N-Triples, or a file of it (sent from disk, read again for each attempt).
    ``timeout`` overrides the client's for this request."""
    retry = retry or RetryPolicy()
    headers = {"Content-Type": "application/n-triples"}
    http_auth = (auth or Auth()).apply(headers)
    params = {"default": ""} if graph == DEFAULT_GRAPH else {"graph": graph}
    wait = retry.backoff
    last = ""
    unreachable = False
    for attempt in range(1, retry.attempts + 1):
        try:
            with ExitStack() as opened:
                content = opened.enter_context(body.open("rb")) if isinstance(body, Path) else body
                resp = client.put(
                    endpoint,
                    params=params,
                    content=content,
                    headers=headers,
                    auth=http_auth if http_auth is not None else httpx.USE_CLIENT_DEFAULT,
                    follow_redirects=False,
                    timeout=timeout if timeout is not None else httpx.USE_CLIENT_DEFAULT,
                )
        except httpx.TransportError as err:
            last = f"cannot reach {endpoint}: {type(err).__name__}: {err}"
            unreachable = isinstance(err, httpx.ConnectError)
        else:
            unreachable = False
            if resp.status_code < 300:
                return
            if 300 <= resp.status_code < 400:
                target = resp.headers.get("Location", "?")
                raise RemoteError(
                    f"the server redirects graph {graph} to {target} ({describe_response(resp)}); "
                    "give the Graph Store URL it redirects to as --endpoint"
                )
            if resp.status_code in (401, 403):
                raise CredentialsRefused(
                    f"the server refused the credentials ({describe_response(resp)}); "
                    "check --user/--password or --token"
                )
            if resp.status_code not in TRANSIENT:
                raise RemoteError(f"the server refused graph {graph} ({describe_response(resp)})")
            last = describe_response(resp)
            after = resp.headers.get("Retry-After", "")
            if after.isdigit():
                wait = max(wait, float(after))
        if attempt < retry.attempts:
            sleep(min(wait, retry.max_wait))
            wait *= 2
    raise ServerUnavailable(
        f"gave up on graph {graph} after {retry.attempts} attempts ({last})",
        unreachable=unreachable,
    )


def push(
    graphs: Mapping[str, list[ox.Triple]],
    endpoint: str,
    *,
    auth: Auth | None = None,
    retry: RetryPolicy | None = None,
    timeout: float = 60.0,
    client: httpx.Client | None = None,
    progress: Callable[[str, int], None] | None = None,
    merge: tuple[bytes | Path, int] | None = None,
) -> PushReport:
    """PUT each graph to the Graph Store endpoint; never raises for one graph's failure.

    A refusal of the credentials (401/403) stops the run: every later graph would be
    refused the same way. So does a server that went away (see :class:`RetryPolicy`).
    The graphs not attempted are reported as not published, with the reason.

    ``merge`` (N-Triples and its number of triples) then replaces the server's default
    graph, once every named graph is published: a server whose queries read its default
    graph only (Oxigraph server, Fuseki by default) answers the query library from it.
    """
    retry = retry or RetryPolicy()
    report = PushReport(endpoint)
    own = client is None
    client = client or httpx.Client(timeout=timeout)
    try:
        names = sorted(graphs)
        gave_up = 0  # consecutive graphs that met only transient failures
        for i, name in enumerate(names):
            triples = graphs[name]
            try:
                put_graph(client, endpoint, name, ntriples(triples), auth=auth, retry=retry)
            except RemoteError as err:
                report.failed[name] = err.message
                why = ""
                if isinstance(err, CredentialsRefused):
                    why = "the server refused the credentials"
                elif isinstance(err, ServerUnavailable):
                    gave_up += 1
                    if err.unreachable or gave_up >= retry.stop_after:
                        why = (
                            "the server stopped answering; run the same push again "
                            "to publish the rest"
                        )
                if why:
                    for rest in names[i + 1 :]:
                        report.failed[rest] = f"not attempted: {why}"
                    break
                continue
            gave_up = 0
            report.published[name] = len(set(triples))
            if progress:
                progress(name, len(triples))
        if merge is not None:
            if report.failed:
                # The server's merge would disagree with its named graphs.
                report.failed[DEFAULT_GRAPH] = "not attempted: some named graphs failed"
            else:
                # The server answers once it has stored the whole merge (a gigabyte for
                # 20,000 documents): give it a second per megabyte, at least the usual.
                size = merge[0].stat().st_size if isinstance(merge[0], Path) else len(merge[0])
                patience = httpx.Timeout(timeout, read=max(timeout, size / 1e6))
                try:
                    put_graph(
                        client,
                        endpoint,
                        DEFAULT_GRAPH,
                        merge[0],
                        auth=auth,
                        retry=retry,
                        timeout=patience,
                    )
                    report.published[DEFAULT_GRAPH] = merge[1]
                except RemoteError as err:
                    report.failed[DEFAULT_GRAPH] = err.message
    finally:
        if own:
            client.close()
    return report


def store_endpoint(url: str) -> str:
    """The Graph Store URL for a server URL: Oxigraph's ``/store`` when given its root."""
    u = httpx.URL(url)
    if u.path in ("", "/"):
        return str(u.copy_with(path="/store"))
    return url
