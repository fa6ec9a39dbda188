"""Whole-document golden tests: every fixture decision against its gold record."""

from __future__ import annotations

from pathlib import Path

from commitgraph.record import to_dict
from commitgraph.score import CANONICAL_CITATION, score
from tests.helpers import SEED, extracted, gold_for

CONTRACT = ("symbol", "symbol_as_printed", "body", "language", "date", "title")


def _value(p: dict, key: str) -> object:
    v = p.get(key)
    if key == "cites":
        # Unresolved names get slugs of each annotator's own making: not comparable.
        return {c for c in v or [] if CANONICAL_CITATION.match(c)}
    return set(v) if isinstance(v, list) else v


def _as_sets(paragraphs: list[dict], keys: tuple[str, ...]) -> dict:
    return {p["n"]: {k: _value(p, k) for k in keys} for p in paragraphs}


def assert_contract_equal(pred: dict, gold: dict) -> None:
    for key in CONTRACT:
        assert pred[key] == gold[key], key
    assert pred["meeting"]["number"] == gold["meeting"]["number"]
    assert pred["meeting"]["city"] == gold["meeting"]["city"]
    pre_keys = ("opening", "relation", "cites")
    assert _as_sets(pred["preamble"], pre_keys) == _as_sets(gold["preamble"], pre_keys)
    op_keys = ("verb", "action", "addressees", "cites", "mentions", "subparagraphs")
    assert _as_sets(pred["operative"], op_keys) == _as_sets(gold["operative"], op_keys)
    att_keys = ("kind", "delegation", "original_language")
    assert [{k: a[k] for k in att_keys} for a in pred["attachments"]] == [
        {k: a[k] for k in att_keys} for a in gold["attachments"]
    ]
    assert [(f["marker"], f["text"]) for f in pred["footnotes"]] == [
        (f["marker"], f["text"]) for f in gold["footnotes"]
    ]


def test_seed_decision_matches_gold_on_every_contract_key() -> None:
    assert_contract_equal(to_dict(extracted(SEED), spans=False), gold_for(SEED))


def test_fixture_scores_one(fixture_path: Path) -> None:
    pred = to_dict(extracted(fixture_path), spans=False)
    s = score(pred, gold_for(fixture_path))
    assert s.overall == 1.0, "\n".join(s.mismatches)


def test_fixture_contract_keys(fixture_path: Path) -> None:
    assert_contract_equal(to_dict(extracted(fixture_path), spans=False), gold_for(fixture_path))
