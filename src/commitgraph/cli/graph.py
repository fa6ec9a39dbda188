"""``commitgraph build``, ``validate`` and ``export``."""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable
from pathlib import Path

import click

from commitgraph.cli._common import BatchFailed, lang_option, report_failures
from commitgraph.errors import InputError, ValidationFailed


def _progress_bar(enabled: bool):  # type: ignore[no-untyped-def]
    """A rich progress bar on stderr for long runs in a terminal; elsewhere (a log, a CI
    job, a pipe) plain lines, at most one a second, when ``--progress`` asks for them."""
    if not enabled:
        return None, None
    if not sys.stderr.isatty():
        return contextlib.nullcontext(), _progress_lines()
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = Console(stderr=True)
    bar = Progress(
        TextColumn("[bold]extracting"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[name]}"),
        console=console,
        transient=True,
    )
    task = bar.add_task("build", total=None, name="")

    def update(done: int, total: int, name: str) -> None:
        bar.update(task, completed=done, total=total, name=Path(name).name if name else "")

    return bar, update


def _progress_lines() -> Callable[[int, int, str], None]:
    last = 0.0

    def update(done: int, total: int, name: str) -> None:
        nonlocal last
        now = time.monotonic()
        if done in (1, total) or now - last >= 1.0:
            last = now
            click.echo(f"extracting: {done}/{total} {Path(name).name}", err=True)

    return update


@click.command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("out"),
    show_default=True,
    help="Output folder.",
)
@click.option(
    "--store",
    type=click.Path(path_type=Path),
    default=None,
    help="Build into a persistent Oxigraph store at this path (incremental rebuilds).",
)
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation.")
@click.option("--no-pictures", is_flag=True, help="Do not draw the citation network.")
@click.option(
    "--workers",
    type=int,
    default=None,
    help="Worker processes for extraction (default: number of cores).",
)
@click.option(
    "--export/--no-export",
    default=None,
    help="Write graph.ttl and graph.trig (default: yes, unless --store is given).",
)
@click.option(
    "--validator",
    type=click.Choice(["sparql", "pyshacl"]),
    default="sparql",
    show_default=True,
    help="sparql: node-local constraints checked per document in the workers, the rest "
    "compiled to SPARQL over the store; pyshacl: pySHACL on each document.",
)
@click.option(
    "--rehash",
    is_flag=True,
    help="With --store: hash every file, even those whose size and modification time "
    "are those of the last build (by default such files are taken as unchanged).",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show progress: a bar in a terminal, plain lines elsewhere "
    "(default: a bar when stderr is a terminal).",
)
@lang_option
def build(
    inputs: tuple[Path, ...],
    out: Path,
    store: Path | None,
    no_validate: bool,
    no_pictures: bool,
    workers: int | None,
    export: bool | None,
    validator: str,
    rehash: bool,
    progress: bool | None,
    lang: str | None,
) -> None:
    """Build the knowledge graph of INPUTS (files or folders; default: the sample corpus).

    Writes OUT/graph.ttl (the union), OUT/graph.trig (named graphs), OUT/validation.ttl
    (the SHACL report), OUT/report.md and the citation network pictures. With --store, the
    graph goes into a persistent Oxigraph store and a rebuild re-extracts only the files
    that changed.
    """
    from rich.console import Console
    from rich.table import Table

    from commitgraph.build import build as run_build

    show = sys.stderr.isatty() if progress is None else progress
    bar, update = _progress_bar(show)
    options = {
        "lang": lang,
        "validate": not no_validate,
        "pictures": not no_pictures,
        "store": store,
        "workers": workers,
        "export": export,
        "validator": validator,
        "rehash": rehash,
    }
    if bar is not None:
        with bar:
            report = run_build(list(inputs), out, progress=update, **options)  # type: ignore[arg-type]
    else:
        report = run_build(list(inputs), out, **options)  # type: ignore[arg-type]
    console = Console()
    table = Table(title=f"commitgraph build → {out}", show_header=True)
    table.add_column("measure")
    table.add_column("value", justify="right")
    for k, v in report.summary_rows():
        table.add_row(k, v)
    console.print(table)
    for p in report.outputs:
        click.echo(f"wrote {p}")
    report_failures(report.failures)
    if report.failures:
        raise BatchFailed(report.failures)


@click.command()
@click.argument("graph", type=click.Path(path_type=Path))
@click.option(
    "--lang",
    type=click.Choice(["en", "fr"]),
    default="en",
    show_default=True,
    help="Language of the messages.",
)
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write the SHACL report graph (Turtle) here.",
)
def validate(graph: Path, lang: str, report_path: Path | None) -> None:
    """Validate GRAPH against the shapes: exit 0 conforms, 1 violations, 2 error."""
    import pyoxigraph as ox

    from commitgraph.rdf.io import load_quads, write_atomic
    from commitgraph.rdf.namespaces import CATALOGUE_GRAPH, VOCAB_GRAPH
    from commitgraph.validate import format_issues, validate_document

    try:
        if not graph.exists():
            raise InputError("no such file", graph)
        quads = load_quads(graph)
    except InputError as err:
        err.exit_code = 2  # validate's own table: 0 conforms, 1 violations, 2 error
        raise
    # A dataset is validated one source document at a time, as build does: the shapes
    # describe a document, and the vocabulary and catalogue graphs are its context.
    groups: dict[str, list] = {}  # type: ignore[type-arg]
    for q in quads:
        name = q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else ""
        if name in (VOCAB_GRAPH, CATALOGUE_GRAPH):
            continue
        groups.setdefault(name, []).append(_triple(q))
    issues = []
    report = None
    for name in sorted(groups):
        result = validate_document(groups[name])
        issues.extend(result.issues)
        report = result.report if report is None else report + result.report
    if report_path is not None and report is not None:
        write_atomic(report_path, report.serialize(format="turtle").encode())
    if issues:
        click.echo(format_issues(issues, lang=lang))
    violations = sum(1 for i in issues if i.severity == "Violation")
    warnings = sum(1 for i in issues if i.severity == "Warning")
    conforms = violations == 0
    click.echo(
        f"{'conforms' if conforms else 'does not conform'}: "
        f"{violations} violation(s), {warnings} warning(s) in {len(groups)} graph(s)"
    )
    if not conforms:
        raise ValidationFailed(f"{violations} violation(s)", graph)


def _triple(q):  # type: ignore[no-untyped-def]
    import pyoxigraph as ox

    return ox.Triple(q.subject, q.predicate, q.object)


@click.command()
@click.argument("graph", type=click.Path(path_type=Path), required=False)
@click.option(
    "--store",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Export the named graphs of this Oxigraph store instead of a file.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["turtle", "trig", "nt", "nq", "jsonld", "xml"]),
    default="turtle",
    show_default=True,
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write here instead of standard output.",
)
def export(graph: Path | None, store: Path | None, fmt: str, output: Path | None) -> None:
    """Export GRAPH (or a --store) as Turtle, TriG, N-Triples, N-Quads, JSON-LD or RDF/XML."""

    from commitgraph.rdf.io import load_quads, serialize, serialize_store, write_atomic

    if (graph is None) == (store is None):
        raise click.UsageError("give either GRAPH or --store")
    if store is not None:
        from commitgraph.store import open_store

        data = serialize_store(open_store(store, read_only=True), fmt)
    else:
        assert graph is not None
        if not graph.exists():
            raise InputError("no such file", graph)
        data = serialize(load_quads(graph), fmt)
    if output is None:
        sys.stdout.buffer.write(data)
    else:
        write_atomic(output, data)


COMMANDS = [build, validate, export]
