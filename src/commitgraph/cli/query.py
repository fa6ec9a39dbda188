"""``commitgraph query``, ``queries``, ``serve`` and ``push``."""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from commitgraph.errors import InputError, QueryError, RemoteError

DEFAULT_GRAPH = Path("out") / "graph.trig"
F = TypeVar("F", bound=Callable[..., Any])


def credential_options(command: F) -> F:
    """``--user``, ``--password`` and ``--token``: how ``query`` and ``push`` log in to a
    server (the secrets may come from the environment, out of the shell's history)."""
    for option in reversed(
        (
            click.option("--user", default=None, help="HTTP Basic user."),
            click.option(
                "--password",
                default=None,
                envvar="COMMITGRAPH_PASSWORD",
                help="HTTP Basic password (or COMMITGRAPH_PASSWORD).",
            ),
            click.option(
                "--token",
                default=None,
                envvar="COMMITGRAPH_TOKEN",
                help="Bearer token (or COMMITGRAPH_TOKEN).",
            ),
        )
    ):
        command = option(command)
    return command


def _auth(user: str | None, password: str | None, token: str | None):  # type: ignore[no-untyped-def]
    from commitgraph.push import Auth

    if token and user:
        raise click.UsageError("give --user/--password or --token, not both")
    return Auth(user, password, token)


def _source(graph: Path | None, store: Path | None):  # type: ignore[no-untyped-def]
    """The store to query: --store, --graph, or the last build's out/graph.trig."""
    from commitgraph.query import open_graph

    if graph is not None and store is not None:
        raise click.UsageError("give --graph or --store, not both")
    if store is not None:
        from commitgraph.store import open_store

        return open_store(store, read_only=True)
    if graph is None:
        if not DEFAULT_GRAPH.exists():
            raise InputError(
                f"no graph to query: {DEFAULT_GRAPH} does not exist here. Run "
                "`commitgraph build` first, or give --graph FILE or --store PATH"
            )
        click.echo(f"querying {DEFAULT_GRAPH} (the last build)", err=True)
        graph = DEFAULT_GRAPH
    return open_graph(graph)


@click.command("query")
@click.argument("spec", required=False, metavar="NAME|FILE")
@click.option("-e", "--expression", default=None, help="Run this SPARQL text instead.")
@click.option(
    "--graph",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Graph file (Turtle, TriG, N-Triples, N-Quads). Default: out/graph.trig.",
)
@click.option(
    "--store",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Persistent Oxigraph store written by `build --store`.",
)
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="Bind a parameter (repeatable). <…>, http…, prefix:name → IRI; "
    '"…"@fr → language literal; anything else → plain literal.',
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "tsv", "json", "md", "xml"]),
    default="table",
    show_default=True,
    help="Output format.",
)
@click.option("--limit", type=int, default=None, help="Print at most this many rows.")
@click.option("--show-params", is_flag=True, help="Keep the bound parameters as columns.")
@click.option(
    "--endpoint",
    default=None,
    metavar="URL",
    help="Ask this SPARQL server instead (Oxigraph: http://host:7878/query; Virtuoso: "
    "http://host:8890/sparql), e.g. after `push`.",
)
@credential_options
@click.option(
    "--timeout",
    type=float,
    default=300.0,
    show_default=True,
    help="With --endpoint: seconds to wait for the answer.",
)
def query(
    spec: str | None,
    expression: str | None,
    graph: Path | None,
    store: Path | None,
    params: tuple[str, ...],
    fmt: str,
    limit: int | None,
    show_params: bool,
    endpoint: str | None,
    user: str | None,
    password: str | None,
    token: str | None,
    timeout: float,
) -> None:
    """Run a library query (by NAME), a query FILE, or -e 'SPARQL' on the graph.

    Parameters are bound as RDF terms, never pasted into the query text as typed (for a
    server, each is written in as a term, escaped). See `commitgraph queries` for the
    library and each query's parameters.
    """
    from commitgraph.query import (
        format_result,
        parse_assignments,
        parse_header,
        resolve_query,
        run_library_query,
        to_rich,
    )

    if (spec is None) == (expression is None):
        raise click.UsageError("give a query NAME or FILE, or -e 'SPARQL' (one of them)")
    lq = (
        parse_header(expression, "expression")
        if expression is not None
        else resolve_query(spec or "")
    )
    given = parse_assignments(params)
    if endpoint is not None:
        from commitgraph.remote import Endpoint

        if graph is not None or store is not None:
            raise click.UsageError("give --endpoint, --graph or --store (one of them)")
        source = Endpoint(endpoint, _auth(user, password, token), timeout)
    else:  # credentials mean nothing here (and a token may come from the environment)
        source = _source(graph, store)
    result = run_library_query(source, lq, given, limit=limit, show_params=show_params)
    if endpoint is not None and len(result) == 0 and result.kind != "ask":
        from commitgraph.remote import default_graph_is_empty

        if default_graph_is_empty(source):
            click.echo(
                f"note: the default graph of {endpoint} is empty, and the library reads it: "
                "publish with `push --merge` (or start Oxigraph server with "
                "--union-default-graph, slow on a large graph)",
                err=True,
            )
    if fmt == "table" and result.kind != "graph":
        from rich.console import Console

        Console().print(to_rich(result))
        return
    text = format_result(result, fmt)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


@click.command("queries")
@click.option("--names", is_flag=True, help="Only the names, one per line.")
def queries(names: bool) -> None:
    """List the query library: name, title, description and parameters."""
    from commitgraph.query import library

    lib = library()
    if names:
        for name in lib:
            click.echo(name)
        return
    for name, q in lib.items():
        click.secho(name, bold=True, nl=False)
        click.echo(f" — {q.title}")
        for line in textwrap.wrap(q.description, 88):
            click.echo(f"    {line}")
        for p in q.params:
            need = "required" if p.required else f"default {p.default}"
            click.echo(f"    --param {p.name}=…  ({p.kind}, {need}) {p.description}")
        for ex in q.examples:
            args = " ".join(f"-p '{a}'" for a in _split_example(ex))
            click.echo(f"    e.g. commitgraph query {name} {args}".rstrip())
        click.echo()


def _split_example(example: str) -> list[str]:
    """``a=1 b=two words`` → ``["a=1", "b=two words"]`` (a key starts each assignment)."""
    import re

    parts = re.split(r"\s+(?=[A-Za-z_][A-Za-z0-9_]*=)", example.strip())
    return [p for p in parts if p]


@click.command("serve")
@click.option(
    "--store",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Serve this persistent Oxigraph store (opened read-only).",
)
@click.option(
    "--graph",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Serve this graph file. Default: out/graph.trig.",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to bind (loopback by default; 0.0.0.0 exposes it to the network).",
)
@click.option("--port", type=int, default=7878, show_default=True)
@click.option(
    "--timeout",
    type=float,
    default=10.0,
    show_default=True,
    help="Seconds a query may run before it is stopped (504).",
)
@click.option(
    "--limit",
    type=int,
    default=10_000,
    show_default=True,
    help="Most rows (or triples) a result returns.",
)
@click.option(
    "--workers",
    type=int,
    default=2,
    show_default=True,
    help="Query worker processes (queries answered at the same time).",
)
@click.option(
    "--cors/--no-cors",
    default=True,
    show_default=True,
    help="Let web pages from other origins (browser SPARQL tools) read results.",
)
def serve(
    store: Path | None,
    graph: Path | None,
    host: str,
    port: int,
    timeout: float,
    limit: int,
    workers: int,
    cors: bool,
) -> None:
    """Serve the graph as a read-only SPARQL 1.1 Protocol endpoint, with an HTML page at /."""
    from commitgraph.serve import ServeConfig, SparqlServer

    if graph is not None and store is not None:
        raise click.UsageError("give --graph or --store, not both")
    if graph is None and store is None:
        if not DEFAULT_GRAPH.exists():
            raise InputError(
                f"nothing to serve: {DEFAULT_GRAPH} does not exist here. Run "
                "`commitgraph build` first, or give --graph FILE or --store PATH"
            )
        graph = DEFAULT_GRAPH
    if timeout <= 0 or limit <= 0 or workers <= 0:
        raise click.UsageError("--timeout, --limit and --workers must be positive")
    config = ServeConfig(
        store=store,
        graph=graph,
        host=host,
        port=port,
        timeout=timeout,
        limit=limit,
        workers=workers,
        cors=cors,
    )
    try:
        server = SparqlServer(config, verbose=True)
    except OSError as err:
        raise QueryError(f"cannot listen on {host}:{port}: {err.strerror or err}") from err
    page = server.url.rsplit("/", 1)[0] + "/"
    click.echo(
        f"serving {store or graph} at {server.url} (query page: {page}); Ctrl-C stops", err=True
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
    finally:
        server.server_close()


@click.command("push")
@click.argument(
    "graph_file", required=False, type=click.Path(dir_okay=False, path_type=Path), metavar="GRAPH"
)
@click.option(
    "--store",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Push the named graphs of this Oxigraph store instead of a file.",
)
@click.option(
    "--endpoint",
    required=True,
    help="Graph Store Protocol URL (Oxigraph: http://host:7878/store; "
    "Fuseki: http://host:3030/DATASET/data).",
)
@click.option(
    "--graph",
    "graph_iri",
    default=None,
    help="Push only this named graph (for a Turtle/N-Triples file: the graph to "
    "replace; 'default' for the server's default graph).",
)
@credential_options
@click.option(
    "--retries",
    type=int,
    default=4,
    show_default=True,
    help="Attempts per graph on transient failures.",
)
@click.option(
    "--timeout", type=float, default=60.0, show_default=True, help="Seconds per HTTP request."
)
@click.option(
    "--merge",
    is_flag=True,
    help="Then replace the server's default graph with the merge of the named graphs, "
    "which the query library reads (for Oxigraph server; not for Virtuoso, whose "
    "default graph is already the union).",
)
def push(
    graph_file: Path | None,
    store: Path | None,
    endpoint: str,
    graph_iri: str | None,
    user: str | None,
    password: str | None,
    token: str | None,
    retries: int,
    timeout: float,
    merge: bool,
) -> None:
    """Publish GRAPH (or --store) to a SPARQL server, one PUT per named graph.

    Each named graph replaces the server's graph of the same name (SPARQL 1.1 Graph
    Store HTTP Protocol), so pushing again does not duplicate triples.
    """
    import tempfile

    from commitgraph.push import (
        RetryPolicy,
        graphs_from_file,
        graphs_from_store,
        merge_from_store,
        merge_of,
        ntriples,
        store_endpoint,
    )
    from commitgraph.push import push as run_push

    if (graph_file is None) == (store is None):
        raise click.UsageError("give a GRAPH file or --store PATH (one of them)")
    if merge and graph_iri is not None:
        raise click.UsageError("--merge publishes the merge of every graph: not with --graph")
    auth = _auth(user, password, token)
    with tempfile.TemporaryDirectory(prefix="commitgraph-push-") as folder:
        merged: tuple[bytes | Path, int] | None = None
        if store is not None:
            from commitgraph.store import open_store

            db = open_store(store, read_only=True)
            graphs = graphs_from_store(db, graph_iri)
            if merge:
                merged = merge_from_store(db, Path(folder))
        else:
            assert graph_file is not None
            graphs = graphs_from_file(graph_file, graph_iri)
            if merge:
                union = merge_of(graphs)
                merged = (ntriples(union), len(union))
        report = run_push(
            graphs,
            store_endpoint(endpoint),
            auth=auth,
            retry=RetryPolicy(attempts=max(1, retries)),
            timeout=timeout,
            merge=merged,
        )
    for line in report.lines():
        click.echo(line)
    if not report.ok:
        raise RemoteError(
            f"{len(report.failed)} of {len(graphs) + bool(merge)} graph(s) not published to "
            f"{report.endpoint}"
        )


COMMANDS = [query, queries, serve, push]
