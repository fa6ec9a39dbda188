"""A build's temporary working files: the spool its workers fill for the bulk load.

Every worker process appends each document it has mapped, as N-Quads (its named graph
and, as plain triples, its share of the merge), to a spool file of its own; the build then
bulk-loads the files, one per worker. The text never crosses a pipe between processes
(20,000 documents are 3.8 GB of it), and RocksDB receives one bulk load per worker
instead of one per batch of documents, each of which would re-compact what the earlier
ones wrote.

A build killed with SIGKILL cannot remove its spool; the next build removes the folders
whose process is gone.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import BinaryIO, ClassVar

import pyoxigraph as ox

from commitgraph.errors import StoreError

#: Name prefix of a build's spool folder (next to the store, or in the temp folder).
SPOOL_PREFIX = ".commitgraph-spool-"


def as_nquads(ntriples: bytes, graph: str) -> bytes:
    """The same triples in the named graph ``graph``, as N-Quads.

    Every N-Triples line ends in a space, a dot and a newline, and nothing else can (a
    newline inside a literal is escaped), so naming the graph is a replacement, which
    costs a tenth of serialising the quads again."""
    return ntriples.replace(b" .\n", b" <" + graph.encode() + b"> .\n")


class SpoolDir:
    """A folder where each process of a build appends its documents' N-Quads (named graph
    and merge) to a file of its own, for one bulk load at the end."""

    _handles: ClassVar[dict[tuple[int, str], BinaryIO]] = {}

    def __init__(self, store: Path | None) -> None:
        where = store.parent if store is not None else Path(tempfile.gettempdir())
        where.mkdir(parents=True, exist_ok=True)
        remove_stale(where, SPOOL_PREFIX)
        self.folder = tempfile.mkdtemp(prefix=f"{SPOOL_PREFIX}{os.getpid()}-", dir=where)

    @classmethod
    def write(cls, folder: str, data: bytes) -> None:
        """Append one document (called in the worker that made it)."""
        key = (os.getpid(), folder)
        try:
            handle = cls._handles.get(key)
            if handle is None:
                handle = cls._handles[key] = open(  # noqa: SIM115 (kept open across documents)
                    Path(folder) / f"{os.getpid()}.nq", "ab"
                )
            handle.write(data)
            # Flushed at once: pool workers end with os._exit, which flushes nothing.
            handle.flush()
        except OSError as err:
            # The whole build stops (a document missing from the spool would be missing
            # from the store); the store itself has not been touched yet.
            raise StoreError(f"cannot write the build's spool: {err}", folder) from err

    def load(self, db: ox.Store) -> None:
        self._close_own()
        files = sorted(Path(self.folder).glob("*.nq"))
        try:
            for f in files:
                if f.stat().st_size:
                    # By path, not through a Python reader: Oxigraph then never calls back
                    # into Python, where a Ctrl-C arriving mid-load would break its reader
                    # threads instead of stopping the build. lenient: the text was written
                    # by Oxigraph's own serialiser moments ago; checking every IRI again
                    # costs a fifth of the load.
                    db.bulk_load(path=str(f), format=ox.RdfFormat.N_QUADS, lenient=True)
        except OSError as err:
            raise StoreError(f"cannot load the build into the store: {err}") from err

    def remove(self) -> None:
        self._close_own()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _close_own(self) -> None:
        handle = self._handles.pop((os.getpid(), self.folder), None)
        if handle is not None:
            handle.close()


def remove_stale(where: Path, prefix: str) -> None:
    """Remove the folders named ``prefix``<pid>… that a killed build left behind (its
    process is gone): staging folders of outputs, spool folders."""
    for folder in where.glob(f"{prefix}*"):
        pid = folder.name[len(prefix) :].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, under another user
    return True
