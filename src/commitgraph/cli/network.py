"""``commitgraph network``: the citation network, measured, exported and drawn.

A thin layer over :mod:`commitgraph.network`: each sub-command loads the network once
(from ``--graph FILE``, ``--store PATH``, or ``out/graph.trig`` of the last build), calls
one library function and prints a rich table (or JSON with ``--json``).
"""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from commitgraph.errors import InputError, ValidationFailed

DEFAULT_GRAPH = Path("out") / "graph.trig"
NODE_TYPES = ("decision", "instrument", "other")


def _graph_options(f: Callable[..., Any]) -> Callable[..., Any]:
    f = click.option(
        "--store",
        type=click.Path(path_type=Path),
        default=None,
        help="Read a persistent Oxigraph store (from build --store) instead.",
    )(f)
    f = click.option(
        "--graph",
        "graph",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help=f"Graph file (TriG, Turtle, N-Quads …); default {DEFAULT_GRAPH} of the last build.",
    )(f)
    return f


def _load(graph: Path | None, store: Path | None):  # type: ignore[no-untyped-def]
    from commitgraph.network.load import load_network

    if graph is not None and store is not None:
        raise click.UsageError("give --graph or --store, not both")
    if graph is None and store is None:
        if not DEFAULT_GRAPH.exists():
            raise InputError(
                "no graph: pass --graph FILE or --store PATH, or run `commitgraph build` first",
                DEFAULT_GRAPH,
            )
        graph = DEFAULT_GRAPH
    ctx = click.get_current_context(silent=True)
    settings = ctx.obj if ctx is not None and isinstance(ctx.obj, dict) else {}
    use_cache = bool(settings.get("network_cache", True))

    def read():  # type: ignore[no-untyped-def]
        if store is None:
            return load_network(graph, cache=use_cache)
        return load_network(store=store, cache=use_cache)

    if not sys.stderr.isatty():
        return read()
    from rich.console import Console

    # A large store takes its first network command most of a minute: say what is going on.
    with Console(stderr=True).status(f"reading the citation network of {store or graph} …"):
        return read()


def _console():  # type: ignore[no-untyped-def]
    from rich.console import Console

    return Console(width=None if sys.stdout.isatty() else 160)


def _table(title: str, columns: list[tuple[str, str]]):  # type: ignore[no-untyped-def]
    from rich.table import Table

    t = Table(title=title, show_header=True, header_style="bold")
    for name, justify in columns:
        t.add_column(name, justify=justify)  # type: ignore[arg-type]
    return t


def _ids(g, nodes) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(g.nodes[n].get("id", n)) for n in nodes]


def _echo_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=1, default=str))


@click.group("network")
@click.option(
    "--no-cache",
    is_flag=True,
    help="Build the network from the graph or store even if it is unchanged since the "
    "last network command (which keeps it in the cache folder).",
)
@click.pass_context
def network(ctx: click.Context, no_cache: bool) -> None:
    """Analyse the citation network: what cites what, and what carries authority.

    Edges run from the citing work to the cited one; works are named by their canonical
    id (MC.DEC/7/17, UNTC:XVIII-12-a) or their IRI. The network of an unchanged graph or
    store is built once and then read from the cache ($COMMITGRAPH_CACHE, else
    ~/.cache/commitgraph).
    """
    ctx.ensure_object(dict)["network_cache"] = not no_cache


@network.command()
@_graph_options
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of tables.")
def stats(graph: Path | None, store: Path | None, as_json: bool) -> None:
    """Nodes, citations by type, components, the longest chain, roots and leaves."""
    from commitgraph.network.analyses import stats as run

    g = _load(graph, store)
    s = run(g)
    if as_json:
        d = dataclasses.asdict(s)
        for key in ("longest_chain", "roots", "leaves", "isolated"):
            d[key] = _ids(g, d[key])
        d["cycles"] = [_ids(g, c) for c in s.cycles]
        _echo_json(d)
        return
    con = _console()
    t = _table("citation network", [("measure", "left"), ("value", "right")])
    t.add_row("works", str(s.nodes))
    for k, v in s.nodes_by_type.items():
        t.add_row(f"  {k}", str(v))
    t.add_row("citations (decision → work)", str(s.edges))
    for k, v in s.edges_by_relation.items():
        t.add_row(f"  {k}", str(v))
    for k, v in s.edges_by_source.items():
        t.add_row(f"  asserted by {k}", str(v))
    t.add_row("weakly connected components", str(len(s.components)))
    t.add_row("  largest", str(s.components[0] if s.components else 0))
    t.add_row("longest citation chain", str(max(len(s.longest_chain) - 1, 0)))
    t.add_row("cycles", str(len(s.cycles)))
    t.add_row("roots (cited, citing nothing known)", str(len(s.roots)))
    t.add_row("leaves (citing, cited by nothing known)", str(len(s.leaves)))
    t.add_row("isolated", str(len(s.isolated)))
    con.print(t)
    if s.longest_chain:
        con.print("[bold]longest chain:[/bold] " + " → ".join(_ids(g, s.longest_chain)))
    con.print("[bold]roots:[/bold] " + (", ".join(_ids(g, s.roots)) or "none"))
    con.print("[bold]leaves:[/bold] " + (", ".join(_ids(g, s.leaves)) or "none"))
    for c in s.cycles:
        con.print("[bold red]cycle:[/bold red] " + " → ".join(_ids(g, [*c, c[0]])))


@network.command()
@_graph_options
@click.option("--top", type=int, default=15, show_default=True, help="Rows to show (0: all).")
@click.option(
    "--type",
    "node_type",
    type=click.Choice(NODE_TYPES),
    default=None,
    help="Only works of this type (scores are computed on the whole network).",
)
@click.option(
    "--by",
    type=click.Choice(["pagerank", "in_degree", "authority", "hub", "betweenness"]),
    default="pagerank",
    show_default=True,
    help="Sort by this measure.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def rank(
    graph: Path | None, store: Path | None, top: int, node_type: str | None, by: str, as_json: bool
) -> None:
    """In-degree, PageRank, HITS authorities and hubs, betweenness: the top works."""
    from commitgraph.network.analyses import rank as run

    g = _load(graph, store)
    rows = run(g, top=top or None, node_type=node_type, by=by)
    if as_json:
        _echo_json([dataclasses.asdict(r) for r in rows])
        return
    t = _table(
        f"works ranked by {by}" + (f" ({node_type})" if node_type else ""),
        [
            ("#", "right"),
            ("work", "left"),
            ("type", "left"),
            ("year", "right"),
            ("cited", "right"),
            ("cites", "right"),
            ("PageRank", "right"),
            ("authority", "right"),
            ("hub", "right"),
            ("betweenness", "right"),
            ("title", "left"),
        ],
    )
    for i, r in enumerate(rows, 1):
        t.add_row(
            str(i),
            r.id,
            r.type,
            str(r.year or ""),
            str(r.in_degree),
            str(r.out_degree),
            f"{r.pagerank:.4f}",
            f"{r.authority:.4f}",
            f"{r.hub:.4f}",
            f"{r.betweenness:.4f}",
            _short(r.label, 60),
        )
    _console().print(t)


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _reach_command(direction: str) -> Callable[..., None]:
    def command(
        work: str,
        graph: Path | None,
        store: Path | None,
        depth: int | None,
        export_path: Path | None,
        as_json: bool,
    ) -> None:
        from commitgraph.network import analyses
        from commitgraph.network.load import find_node

        g = _load(graph, store)
        start = find_node(g, work)
        fn = analyses.lineage if direction == "lineage" else analyses.descendants
        result = fn(g, start, max_depth=depth)
        if export_path is not None:
            from commitgraph.network.export import SUFFIX, export

            fmt = next((f for f, s in SUFFIX.items() if export_path.suffix == s), None)
            if fmt is None:
                raise click.BadParameter(
                    "use .graphml, .gexf, .json or .dot", param_hint="--export"
                )
            export(analyses.subgraph(g, result.nodes), fmt, export_path)
        if as_json:
            _echo_json(
                [
                    {
                        "work": g.nodes[r.node].get("id"),
                        "depth": r.depth,
                        "year": g.nodes[r.node].get("year"),
                        "path": _ids(g, r.path),
                    }
                    for r in result.rows
                ]
            )
            return
        what = "builds on" if direction == "lineage" else "is built on by"
        t = _table(
            f"{g.nodes[start].get('id')} {what} {len(result.rows)} work(s)",
            [
                ("depth", "right"),
                ("work", "left"),
                ("year", "right"),
                ("relation", "left"),
                ("path", "left"),
            ],
        )
        for r in result.rows:
            a, b = r.path[-2], r.path[-1]
            edge = g.edges[a, b] if direction == "lineage" else g.edges[b, a]
            t.add_row(
                str(r.depth),
                str(g.nodes[r.node].get("id")),
                str(g.nodes[r.node].get("year") or ""),
                ", ".join(edge["relations"]),
                " → ".join(_ids(g, r.path)),
            )
        _console().print(t)
        if export_path is not None:
            click.echo(f"wrote {export_path}")

    command.__name__ = direction
    command.__doc__ = (
        "Everything WORK builds on (what it cites, what those cite …), with depth and path."
        if direction == "lineage"
        else "Everything that builds on WORK (what cites it, what cites those …), "
        "with depth and path."
    )
    for deco in reversed(
        [
            click.argument("work"),
            _graph_options,
            click.option("--depth", type=int, default=None, help="Stop at this depth."),
            click.option(
                "--export",
                "export_path",
                type=click.Path(dir_okay=False, path_type=Path),
                default=None,
                help="Also write the subgraph (.graphml/.gexf/.json/.dot).",
            ),
            click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table."),
        ]
    ):
        command = deco(command)
    return network.command(direction)(command)  # type: ignore[no-any-return]


lineage = _reach_command("lineage")
descendants = _reach_command("descendants")


def _pairs_command(kind: str) -> Callable[..., None]:
    def command(
        graph: Path | None,
        store: Path | None,
        top: int,
        min_count: int,
        node_type: str | None,
        as_json: bool,
    ) -> None:
        from commitgraph.network import analyses

        g = _load(graph, store)
        fn = analyses.cocitation if kind == "cocitation" else analyses.coupling
        pairs = fn(g, min_count=min_count, top=top or None, node_type=node_type)
        if as_json:
            _echo_json(
                [
                    {
                        "a": g.nodes[p.a].get("id"),
                        "b": g.nodes[p.b].get("id"),
                        "count": p.count,
                        "strength": p.strength,
                    }
                    for p in pairs
                ]
            )
            return
        title = (
            "works cited together (co-citation)"
            if kind == "cocitation"
            else "works citing the same works (bibliographic coupling)"
        )
        t = _table(
            title,
            [
                ("work", "left"),
                ("work", "left"),
                ("citing in common" if kind == "cocitation" else "cited in common", "right"),
                ("strength (cosine)", "right"),
            ],
        )
        for p in pairs:
            t.add_row(
                str(g.nodes[p.a].get("id")),
                str(g.nodes[p.b].get("id")),
                str(p.count),
                f"{p.strength:.3f}",
            )
        _console().print(t)

    command.__name__ = kind
    command.__doc__ = (
        "Pairs of works cited together by the same works, with counts and Salton's cosine."
        if kind == "cocitation"
        else "Pairs of works that cite the same works, with counts and Salton's cosine."
    )
    for deco in reversed(
        [
            _graph_options,
            click.option(
                "--top", type=int, default=20, show_default=True, help="Rows to show (0: all)."
            ),
            click.option(
                "--min",
                "min_count",
                type=int,
                default=1,
                show_default=True,
                help="Only pairs with at least this count.",
            ),
            click.option(
                "--type",
                "node_type",
                type=click.Choice(NODE_TYPES),
                default=None,
                help="Only pairs of works of this type.",
            ),
            click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table."),
        ]
    ):
        command = deco(command)
    return network.command(kind)(command)  # type: ignore[no-any-return]


cocitation = _pairs_command("cocitation")
coupling = _pairs_command("coupling")


@network.command()
@_graph_options
@click.option("--seed", type=int, default=42, show_default=True, help="Louvain seed.")
@click.option(
    "--resolution",
    type=float,
    default=1.0,
    show_default=True,
    help="Louvain resolution (higher: smaller families).",
)
@click.option(
    "--min-size", type=int, default=2, show_default=True, help="Hide families smaller than this."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def communities(
    graph: Path | None,
    store: Path | None,
    seed: int,
    resolution: float,
    min_size: int,
    as_json: bool,
) -> None:
    """Families of works (Louvain on the undirected network, seeded: reproducible)."""
    from commitgraph.network.analyses import communities as run

    g = _load(graph, store)
    found = run(g, seed=seed, resolution=resolution, min_size=min_size)
    if as_json:
        _echo_json(
            [
                {"family": c.index, "size": c.size, "types": c.types, "members": _ids(g, c.members)}
                for c in found
            ]
        )
        return
    t = _table(
        f"families of works (Louvain, seed {seed})",
        [("#", "right"), ("size", "right"), ("types", "left"), ("members", "left")],
    )
    for c in found:
        t.add_row(
            str(c.index),
            str(c.size),
            ", ".join(f"{k} {v}" for k, v in c.types.items()),
            ", ".join(_ids(g, c.members)),
        )
    _console().print(t)


@network.command()
@_graph_options
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of tables.")
def check(graph: Path | None, store: Path | None, as_json: bool) -> None:
    """Citation cycles and citations of later works (impossible in time).

    Exits 1 when it finds any, 0 when the network is consistent."""
    from commitgraph.network.analyses import check as run

    g = _load(graph, store)
    report = run(g)
    if as_json:
        _echo_json(
            {
                "cycles": [_ids(g, c) for c in report.cycles],
                "later_citations": [
                    {
                        **dataclasses.asdict(a),
                        "citing": g.nodes[a.citing].get("id"),
                        "cited": g.nodes[a.cited].get("id"),
                    }
                    for a in report.anachronisms
                ],
                "orphan_citations": report.orphan_citations,
            }
        )
    else:
        con = _console()
        if report.anachronisms:
            t = _table(
                "citations of later works",
                [
                    ("citing", "left"),
                    ("of", "left"),
                    ("cites", "left"),
                    ("of", "left"),
                    ("dates from", "left"),
                    ("asserted by", "left"),
                ],
            )
            for a in report.anachronisms:
                t.add_row(
                    str(g.nodes[a.citing].get("id")),
                    a.citing_when,
                    str(g.nodes[a.cited].get("id")),
                    a.cited_when,
                    a.basis,
                    a.source,
                )
            con.print(t)
        for c in report.cycles:
            con.print("[bold red]cycle:[/bold red] " + " → ".join(_ids(g, [*c, c[0]])))
        if report.orphan_citations:
            con.print(f"{report.orphan_citations} citation node(s) without an eli:cites pair")
        con.print(
            f"{len(report.anachronisms)} citation(s) of later works, {len(report.cycles)} cycle(s)"
        )
    if not report.ok:
        raise ValidationFailed(
            f"{len(report.anachronisms)} citation(s) of later works, "
            f"{len(report.cycles)} cycle(s), {report.orphan_citations} "
            "orphan citation(s)"
        )


@network.command("export")
@_graph_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["graphml", "gexf", "json", "dot"]),
    default="graphml",
    show_default=True,
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write here instead of standard output.",
)
def export_cmd(graph: Path | None, store: Path | None, fmt: str, output: Path | None) -> None:
    """Write the network as GraphML or GEXF (Gephi), JSON node-link or DOT."""
    from commitgraph.network.export import export, export_text

    g = _load(graph, store)
    if output is None:
        sys.stdout.buffer.write(export_text(g, fmt))
    else:
        export(g, fmt, output)
        click.echo(f"wrote {output}")


@network.command()
@_graph_options
@click.option(
    "--out",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("out"),
    show_default=True,
    help="Folder for the pictures.",
)
@click.option(
    "--title",
    default="Citation network",
    show_default=True,
    help="Title of the page and the timeline.",
)
def draw(graph: Path | None, store: Path | None, out: Path, title: str) -> None:
    """Draw the network: OUT/network.html (interactive, offline) and OUT/network.svg/.png."""
    from commitgraph.network.analyses import pagerank
    from commitgraph.network.pictures import (
        HTML_NAME,
        PNG_NAME,
        SVG_NAME,
        draw_timeline,
        write_html,
    )

    g = _load(graph, store)
    ranks = pagerank(g) if g.number_of_nodes() else {}
    paths = [write_html(g, out / HTML_NAME, title=title)]
    paths += draw_timeline(g, out / SVG_NAME, out / PNG_NAME, ranks=ranks, title=title)
    for p in paths:
        click.echo(f"wrote {p}")


COMMANDS = [network]
