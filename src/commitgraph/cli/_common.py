"""Shared CLI plumbing: error reporting, exit codes and common options."""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
import traceback
from collections.abc import Iterator, Sequence
from types import FrameType

import click

from commitgraph.errors import CommitgraphError

EXIT_INTERRUPTED = 130


def fail_line(err: BaseException) -> str:
    """The one line a user sees for a failure: file first, then the cause."""
    return f"error: {err}"


#: What a user reads when a command is stopped: outputs are replaced whole or not at all
#: and a store update is one transaction, so running the command again is the way on.
INTERRUPTED = "interrupted: no output was left half-written; re-run the same command to resume"


def _stop_on_sigterm(signum: int, frame: FrameType | None) -> None:
    """SIGTERM (``kill``, a service manager, a CI timeout) stops a command the way Ctrl-C
    does: through KeyboardInterrupt, so the same clean-up runs and the exit code is 130."""
    raise KeyboardInterrupt


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be set from the main thread
        return
    previous = signal.signal(signal.SIGTERM, _stop_on_sigterm)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous if previous is not None else signal.SIG_DFL)


def run_cli(group: click.Group, args: Sequence[str] | None = None) -> int:
    """Run the click group, turning project errors into exit codes."""
    debug = "--debug" in (args if args is not None else sys.argv[1:])
    try:
        with _sigterm_as_interrupt():
            group.main(args=list(args) if args is not None else None, standalone_mode=False)
    except CommitgraphError as err:
        if debug:
            traceback.print_exc()
        click.echo(fail_line(err), err=True)
        return err.exit_code
    except (click.exceptions.Abort, KeyboardInterrupt):
        if debug:
            traceback.print_exc()
        click.echo(INTERRUPTED, err=True)
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
    """One line per failed file, naming it and the cause; with ``--debug``, each
    failure's traceback too (kept as text when it came from a worker process)."""
    if not failures:
        return
    debug = _debug()
    click.echo(f"{len(failures)} document(s) failed:", err=True)
    for f in failures:
        if debug:
            click.echo(f.detail or "".join(traceback.format_exception(f)), err=True, nl=False)
        click.echo(f"  {f}", err=True)


def _debug() -> bool:
    """Whether ``--debug`` was given to the ``commitgraph`` group."""
    ctx = click.get_current_context(silent=True)
    root = ctx.find_root() if ctx is not None else None
    return bool(root is not None and isinstance(root.obj, dict) and root.obj.get("debug"))


lang_option = click.option(
    "--lang",
    type=click.Choice(["en", "fr", "ru", "de", "es", "it"]),
    default=None,
    help="Language of the input (default: detected).",
)
