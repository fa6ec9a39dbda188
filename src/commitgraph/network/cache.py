"""The network of a store or graph file, kept on disk until its source changes.

Building the network reads every citation with its quote and paragraph text: about 45 s
on a store of 20,000 decisions, while the same network pickled (28 MB) loads in 0.1 s.
Network commands tend to come in runs on an unchanged store (``stats``, then ``rank``,
then ``draw``), so only the first of them should pay.

The cache entry of a source holds a fingerprint of that source, and is used only when the
fingerprint still matches:

* a store folder: the name and size of every table file RocksDB keeps there (a table file
  is never rewritten: a compaction writes new ones under new names), and the content of
  the others (its write-ahead log, manifest and options), leaving out the informational
  ``LOG`` files, which a read-only open may touch;
* a graph file: its content, or its size and modification time beyond 256 MB.

Modification times alone would not do: two writes within one clock tick of the file
system leave the same time behind.

Both also hold a digest of the loader's own source and of the packaged ontology, so a new
version of commitgraph, or an edited catalogue, never reads a network built before. A
source that changes while it is read is not cached (its fingerprint is taken before and
after). A wrong entry can therefore only be missed, never served; a cache that cannot be
written (a read-only home folder) is skipped silently. The ``KEEP`` most recently used
networks are kept.
The folder is ``$COMMITGRAPH_CACHE/commitgraph`` (or ``$XDG_CACHE_HOME``, or
``~/.cache``), shared with the vocabulary's compiled lexicon.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO

import networkx as nx

from commitgraph.vocab import cache_dir

_FORMAT = 1  # bump when the pickled payload changes shape
_HASH_LIMIT = 256 << 20  # graph files up to this size are fingerprinted by content
KEEP = 8  # networks kept, the most recently used; older entries are deleted


@cache
def _code_digest() -> str:
    """Digest of what, besides the source, decides the network: the loader's code and the
    packaged ontology (the catalogue fills in dates and titles; the vocabulary and the
    catalogue tell which triples of a file without graph names are theirs)."""
    from commitgraph import __version__
    from commitgraph.network import load
    from commitgraph.resources import data_dir, files_digest

    h = hashlib.sha256(f"{_FORMAT}\0{__version__}\0".encode())
    h.update(Path(load.__file__).read_bytes())
    h.update(files_digest(sorted(data_dir("ontology").rglob("*.ttl"))).encode())
    return h.hexdigest()


def fingerprint(source: Path) -> str:
    """What must be unchanged for a cached network of ``source`` to be its network."""
    h = hashlib.sha256(_code_digest().encode())
    if source.is_dir():
        with os.scandir(source) as entries:
            files = sorted(
                (e.name, e.path, e.stat().st_size)
                for e in entries
                if e.is_file() and not e.name.startswith("LOG")
            )
        for name, path, size in files:
            h.update(f"{name}\0{size}\n".encode())
            if not name.endswith(".sst"):
                _update_with_content(h, Path(path))
    else:
        st = source.stat()
        if st.st_size > _HASH_LIMIT:
            h.update(f"file\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
        else:
            _update_with_content(h, source)
    return h.hexdigest()


def _update_with_content(h: hashlib._Hash, path: Path) -> None:
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)


def entry_path(source: Path) -> Path:
    """The cache file of ``source``: one per source path, overwritten as it changes."""
    key = hashlib.sha256(str(source.resolve()).encode()).hexdigest()[:20]
    return cache_dir() / "networks" / f"{key}.pickle"


def cached_network(source: Path, build: Callable[[], nx.DiGraph]) -> nx.DiGraph:
    """The network of ``source`` from the cache, or ``build()`` it and keep it there."""
    before = fingerprint(source)
    entry = entry_path(source)
    try:
        with entry.open("rb") as fh:
            stored, graph = _unpickle(fh)
        if stored == before and isinstance(graph, nx.DiGraph):
            _touch(entry)
            return graph
    except (OSError, pickle.PickleError, EOFError, AttributeError, ValueError, TypeError):
        pass
    graph = build()
    if fingerprint(source) == before:
        _write(entry, (before, graph))
    return graph


def _unpickle(fh: BinaryIO) -> Any:
    """Unpickle with the cyclic collector paused: a network is hundreds of thousands of
    small containers without cycles, and collections during the load double its time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.load(fh)
    finally:
        if enabled:
            gc.enable()


def _write(entry: Path, payload: object) -> None:
    """Write atomically (a reader never sees half a file); give up quietly on failure."""
    tmp = None
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=entry.stem, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(payload, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, entry)
        tmp = None
        _prune(entry.parent)
    except OSError:
        pass
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def _touch(entry: Path) -> None:
    with contextlib.suppress(OSError):
        os.utime(entry)


def _prune(folder: Path) -> None:
    """Keep the ``KEEP`` most recently used entries: sources move and get deleted, and an
    entry whose source is gone would otherwise stay forever."""
    entries = []
    for path in folder.glob("*.pickle"):
        try:
            entries.append((path.stat().st_mtime_ns, path))
        except OSError:
            continue
    for _, path in sorted(entries, reverse=True)[KEEP:]:
        path.unlink(missing_ok=True)
