"""``commitgraph extract`` and ``commitgraph score``."""

from __future__ import annotations

import json
from pathlib import Path

import click

from commitgraph.cli._common import BatchFailed, lang_option, report_failures
from commitgraph.pipeline import extract_paths
from commitgraph.record import to_dict


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "jsonl", "summary"]),
    default="json",
    show_default=True,
    help="json: one object (an array for several files); jsonl: one per line.",
)
@click.option("--spans/--no-spans", default=True, help="Include character spans.")
@lang_option
def extract(files: tuple[Path, ...], fmt: str, spans: bool, lang: str | None) -> None:
    """Extract the decision record of each FILE (text, PDF, DOCX, HTML; folders too)."""
    result = extract_paths(files, lang=lang)
    records = [to_dict(r, spans=spans) for r in result.records]
    if fmt == "json" and (records or not result.failures):
        payload = records[0] if len(records) == 1 and len(files) == 1 else records
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    elif fmt == "jsonl":
        for r in records:
            click.echo(json.dumps(r, ensure_ascii=False))
    else:
        for r in result.records:
            click.echo(
                f"{r.symbol}\t{r.language}\t{r.date}\tpreamble {len(r.preamble)}\t"
                f"operative {len(r.operative)}\tcitations "
                f"{sum(len(p.cites) for p in [*r.preamble, *r.operative])}\t{r.source.path}"
            )
    report_failures(result.failures)
    if result.failures:
        raise BatchFailed(result.failures)


@click.command("score")
@click.argument("pairs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--gold-dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of gold records named <stem>.json (default: beside each input).",
)
@click.option("--verbose", "-v", is_flag=True, help="List every mismatch.")
@lang_option
def score_cmd(
    pairs: tuple[Path, ...], gold_dir: Path | None, verbose: bool, lang: str | None
) -> None:
    """Score extraction of INPUTS against their gold records (the record.md scoring)."""
    from commitgraph.score import mean_score, score

    result = extract_paths(pairs, lang=lang)
    scores = []
    for rec in result.records:
        src = rec.source.path
        gold_path = (gold_dir or src.parent) / f"{src.stem}.json"
        if not gold_path.exists():
            click.echo(f"{src}: no gold record at {gold_path}", err=True)
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        s = score(to_dict(rec, spans=False), gold)
        scores.append(s)
        click.echo(f"{s.overall:.3f}  {src.name}")
        if verbose:
            for m in s.mismatches:
                click.echo(f"        {m}")
    total = mean_score(scores)
    if scores:
        overall = sum(s.overall for s in scores) / len(scores)
        click.echo(f"{overall:.3f}  overall ({len(scores)} documents)")
        for k, v in total.components.items():
            if v < 1:
                click.echo(f"        {k}: {v:.3f}")
    report_failures(result.failures)
    if result.failures:
        raise BatchFailed(result.failures)


COMMANDS = [extract, score_cmd]
