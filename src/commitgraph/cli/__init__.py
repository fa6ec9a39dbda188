"""The ``commitgraph`` command: a thin click layer over the library.

Each sub-command lives in its own module and does three things only: parse options, call
library functions, print. Domain errors are the project's own exceptions; they become
one line on stderr and an exit code from the table in the README (no traceback unless
``--debug``).
"""

from __future__ import annotations

import sys

import click

from commitgraph import __version__
from commitgraph.cli._common import run_cli


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="commitgraph")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Turn OSCE decisions into a validated knowledge graph of commitments."""
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


def _register() -> None:
    from commitgraph.cli import extract as _extract

    cli.add_command(_extract.extract)
    cli.add_command(_extract.score_cmd)
    for name in ("graph", "query", "network", "synth"):
        try:
            module = __import__(f"commitgraph.cli.{name}", fromlist=["COMMANDS"])
        except ModuleNotFoundError as err:
            if err.name != f"commitgraph.cli.{name}":
                raise
            continue
        for command in module.COMMANDS:
            cli.add_command(command)


_register()


def main() -> None:
    sys.exit(run_cli(cli))
