"""``commitgraph synth``: write a synthetic corpus of decisions with their gold records."""

from __future__ import annotations

from pathlib import Path

import click

from commitgraph.vocab import LANGUAGES


@click.command("synth")
@click.option(
    "--docs", "n", type=click.IntRange(min=1), required=True, help="Number of documents to write."
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder that receives decisions/, gold/ and synth.json.",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed: same seed, same bytes.")
@click.option(
    "--artefact-rate",
    type=click.FloatRange(0.0, 1.0),
    default=0.3,
    show_default=True,
    help="How often PDF artefacts occur (hard wraps, page breaks inside paragraphs, "
    "running headers, footnotes mid-paragraph, hyphenation); 0 gives clean text.",
)
@click.option(
    "--langs",
    default=",".join(LANGUAGES),
    show_default=True,
    help="Comma-separated languages; every work is written in each of them.",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: one per CPU from 2,000 documents on).",
)
@click.option("--overwrite", is_flag=True, help="Replace decisions/ and gold/ if not empty.")
def synth(
    n: int,
    out: Path,
    seed: int,
    artefact_rate: float,
    langs: str,
    jobs: int | None,
    overwrite: bool,
) -> None:
    """Generate N realistic OSCE decisions in several languages with their gold records."""
    from commitgraph.synth import write_corpus

    summary = write_corpus(
        out,
        n,
        seed,
        artefact_rate=artefact_rate,
        langs=langs.split(","),
        jobs=jobs,
        overwrite=overwrite,
    )
    click.echo(
        f"wrote {summary.documents} documents ({summary.works} works, "
        f"{'/'.join(summary.languages)}) to {summary.out} in {summary.seconds:.1f} s"
    )


COMMANDS = [synth]
