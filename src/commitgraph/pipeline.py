"""The pipeline as library calls: files in, records (and the failures) out.

A batch never stops at a bad file: each failure is kept with its path and cause, the
rest goes on, and the caller decides how to report the list.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from commitgraph.errors import CommitgraphError
from commitgraph.extract import extract_text
from commitgraph.ingest import expand_inputs, iter_sources
from commitgraph.model import DecisionRecord


@dataclass(slots=True)
class BatchResult:
    records: list[DecisionRecord] = field(default_factory=list)
    failures: list[CommitgraphError] = field(default_factory=list)


def extract_paths(paths: Iterable[Path], *, lang: str | None = None) -> BatchResult:
    result = BatchResult()
    for item in iter_sources(expand_inputs(paths)):
        if isinstance(item, CommitgraphError):
            result.failures.append(item)
            continue
        try:
            result.records.append(extract_text(item, lang=lang))
        except CommitgraphError as err:
            if err.path is None:
                err.path = item.path
            result.failures.append(err)
    return result
