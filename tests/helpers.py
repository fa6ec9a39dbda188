"""Paths to the fixtures and a cached extraction of each (shared by test modules)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
DECISIONS = FIXTURES / "decisions"
GOLD = FIXTURES / "gold"
SAMPLE_CORPUS = ROOT / "examples" / "corpus"
SEED = SAMPLE_CORPUS / "MC.DEC.7.17.fr.txt"


def fixture_texts() -> list[Path]:
    """Every test decision with a gold record (the seed included)."""
    texts = [*sorted(DECISIONS.glob("*.txt")), SEED]
    return [t for t in texts if (GOLD / f"{t.stem}.json").exists()]


def gold_for(path: Path) -> dict:
    return json.loads((GOLD / f"{path.stem}.json").read_text(encoding="utf-8"))


@cache
def extracted(path: Path):  # type: ignore[no-untyped-def]
    from commitgraph.extract import extract_file

    return extract_file(path)
