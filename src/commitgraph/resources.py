"""Where the ontology, vocabularies, shapes and queries live at run time.

The folders ``ontology/``, ``shapes/`` and ``queries/`` sit at the top of the repository so
that people can read and edit them as data; the wheel packages them under
``commitgraph/_data``. This module finds them in either layout, so an editable checkout
and an installed wheel behave the same.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources
from pathlib import Path

_KINDS = ("ontology", "shapes", "queries")


@cache
def data_dir(kind: str) -> Path:
    """Return the folder holding ``kind`` (one of ontology, shapes, queries)."""
    if kind not in _KINDS:
        raise ValueError(f"unknown data folder {kind!r}")
    packaged = Path(str(resources.files("commitgraph"))) / "_data" / kind
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / kind
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"commitgraph data folder {kind!r} not found (broken install?)")


def vocab_files() -> list[Path]:
    return sorted((data_dir("ontology") / "vocab").glob("*.ttl"))


def files_digest(paths: list[Path]) -> str:
    """A digest of file names and contents, used to key caches of compiled data."""
    h = hashlib.sha256()
    for p in paths:
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()
