"""Shared CLI plumbing: error reporting, exit codes and common options."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Sequence

import click

from commitgraph.errors import CommitgraphError

EXIT_INTERRUPTED = 130


def fail_line(err: BaseException) -> str:
    """The one line a user sees for a failure: file first, then the cause."""
    return f"error: {err}"


def run_cli(group: click.Group, args: Sequence[str] | None = None) -> int:
    """Run the click group, turning project errors into exit codes."""
    debug = "--debug" in (args if args is not None else sys.argv[1:])
    try:
        group.main(args=list(args) if args is not None else None, standalone_mode=False)
    except CommitgraphError as err:
        if debug:
            traceback.print_exc()
        click.echo(fail_line(err), err=True)
        return err.exit_code
    except click.exceptions.Abort:
        click.echo("interrupted", err=True)
        return EXIT_INTERRUPTED
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        return EXIT_INTERRUPTED
    except click.ClickException as err:
        err.show()
        return err.exit_code
    except click.exceptions.Exit as err:
        return err.exit_code
    return 0


class BatchFailed(CommitgraphError):
    """Some documents of a batch failed; the others were processed."""

    def __init__(self, failures: Sequence[CommitgraphError]) -> None:
        super().__init__(f"{len(failures)} document(s) failed")
        self.failures = list(failures)
        self.exit_code = failures[0].exit_code if failures else 2


def report_failures(failures: Sequence[CommitgraphError]) -> None:
    if not failures:
        return
    click.echo(f"{len(failures)} document(s) failed:", err=True)
    for f in failures:
        click.echo(f"  {f}", err=True)


lang_option = click.option(
    "--lang",
    type=click.Choice(["en", "fr", "ru", "de", "es", "it"]),
    default=None,
    help="Language of the input (default: detected).",
)
