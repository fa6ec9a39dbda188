"""The project's own exceptions, each with a documented exit code.

Every failure a user can cause (a bad file, a broken graph, an unreachable server) is
raised as one of these, so the CLI can print one clear line and exit with a code from a
fixed table instead of a traceback. The table is repeated in the README.
"""

from __future__ import annotations

from pathlib import Path


class CommitgraphError(Exception):
    """Base class; ``exit_code`` is what the CLI exits with."""

    exit_code = 2
    #: Where the error arose, as traceback text: kept as text so that it survives the
    #: trip back from a worker process; the CLI prints it with ``--debug``.
    detail: str | None = None

    def __init__(self, message: str, path: Path | str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path is not None else self.message


class InputError(CommitgraphError):
    """A file cannot be read as text: missing, empty, binary, encrypted, truncated."""

    exit_code = 3


class NotADecisionError(CommitgraphError):
    """The text was read but is not an OSCE decision (no heading, no operative part...)."""

    exit_code = 4


class ExtractionError(CommitgraphError):
    """The text looks like a decision but its structure is inconsistent."""

    exit_code = 4


class ValidationFailed(CommitgraphError):
    """A graph does not conform to the shapes."""

    exit_code = 1


class StoreError(CommitgraphError):
    """The store cannot be opened, read or written."""

    exit_code = 5


class QueryError(CommitgraphError):
    """A SPARQL query is malformed, unknown, refused or timed out."""

    exit_code = 6


class RemoteError(CommitgraphError):
    """A remote SPARQL server refused a request or could not be reached."""

    exit_code = 7
