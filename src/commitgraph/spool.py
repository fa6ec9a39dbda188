"""A build's temporary working files: the spool its workers fill for the bulk load.

Every worker process appends each document it has mapped, as N-Quads (its named graph
and, as plain triples, its share of the merge), to a spool file of its own. The text never
crosses a pipe between processes (20,000 documents are 3.8 GB of it).

A worker closes its file once it holds :data:`SEGMENT_BYTES` and starts the next one; the
build bulk-loads each closed segment while the workers go on extracting. Two things come
of it, measured on two cores:

- the bulk loader holds one segment at a time, not a worker's whole share of the corpus:
  the build of 20,000 documents peaks at 0.5 GB in the main process (2.8 GB with one load
  per worker at the end);
- Oxigraph's bulk load runs on one core and releases the GIL, so a small build's load
  fills the core the extraction leaves idle (1,000 documents: 11 s, 13.5 s loading at the
  end). At 20,000 documents both cores are busy either way and the build takes as long.

Loading in two threads at the end instead halves the load of 1,000 documents but not that
of 20,000 (104 s, as one thread), and holds more memory.

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


#: Size at which a worker closes its spool segment for loading: large enough that the
#: loads stay few (each is a new set of files for the compaction to merge), small enough
#: that the first ones start while most of the corpus is still being extracted.
SEGMENT_BYTES = 48 << 20

#: Suffix of a segment still being written (a closed one ends in ``.nq``).
_OPEN = ".nq.part"


class SpoolDir:
    """A folder where each process of a build appends its documents' N-Quads (named graph
    and merge) to segments of its own, each loaded once closed."""

    _handles: ClassVar[dict[tuple[int, str], tuple[BinaryIO, Path]]] = {}
    _serial: ClassVar[dict[tuple[int, str], int]] = {}

    def __init__(self, store: Path | None) -> None:
        where = store.parent if store is not None else Path(tempfile.gettempdir())
        where.mkdir(parents=True, exist_ok=True)
        remove_stale(where, SPOOL_PREFIX)
        self.folder = tempfile.mkdtemp(prefix=f"{SPOOL_PREFIX}{os.getpid()}-", dir=where)

    @classmethod
    def write(cls, folder: str, data: bytes, *, segment: int | None = None) -> None:
        """Append one document (called in the worker that made it); close the segment
        for loading once it holds ``segment`` bytes (default :data:`SEGMENT_BYTES`)."""
        key = (os.getpid(), folder)
        try:
            entry = cls._handles.get(key)
            if entry is None:
                serial = cls._serial[key] = cls._serial.get(key, 0) + 1
                path = Path(folder) / f"{os.getpid()}-{serial:06d}{_OPEN}"
                handle = open(path, "ab")  # noqa: SIM115 (kept open across documents)
                entry = cls._handles[key] = (handle, path)
            handle, path = entry
            handle.write(data)
            # Flushed at once: pool workers end with os._exit, which flushes nothing.
            handle.flush()
            if handle.tell() >= (segment or SEGMENT_BYTES):
                handle.close()
                del cls._handles[key]
                # The rename is what tells the build the segment is whole.
                path.rename(path.with_name(path.name.removesuffix(_OPEN) + ".nq"))
        except OSError as err:
            # The whole build stops (a document missing from the spool would be missing
            # from the store); nothing is in the store's manifest yet, so the next build
            # starts again from an empty store.
            raise StoreError(f"cannot write the build's spool: {err}", folder) from err

    def load_closed(self, db: ox.Store) -> int:
        """Load the segments the workers have closed so far, then delete them; the number
        loaded."""
        done = sorted(Path(self.folder).glob("*.nq"))
        self._load(db, done)
        return len(done)

    def load(self, db: ox.Store) -> None:
        """Load everything left, open segments included: the workers have finished."""
        self._close_own()
        self._load(db, sorted(Path(self.folder).glob("*.nq*")))

    @staticmethod
    def _load(db: ox.Store, files: list[Path]) -> None:
        try:
            for f in files:
                if f.stat().st_size:
                    # By path, not through a Python reader: Oxigraph then never calls back
                    # into Python, where a Ctrl-C arriving mid-load would break its reader
                    # threads instead of stopping the build. lenient: the text was written
                    # by Oxigraph's own serialiser moments ago; checking every IRI again
                    # costs a fifth of the load.
                    db.bulk_load(path=str(f), format=ox.RdfFormat.N_QUADS, lenient=True)
                f.unlink()
        except OSError as err:
            raise StoreError(f"cannot load the build into the store: {err}") from err

    def remove(self) -> None:
        self._close_own()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _close_own(self) -> None:
        entry = self._handles.pop((os.getpid(), self.folder), None)
        if entry is not None:
            entry[0].close()


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
