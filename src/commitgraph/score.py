"""Extraction accuracy, scored the way the project's record format prescribes.

Per document: exact match of the identifying fields and the paragraph counts; per
paragraph, the relation / action and the sub-item letters; set F1 over (paragraph, id)
pairs for citations, addressees and mentions; attachments by count, kind and delegation;
footnotes by count. The overall score is the mean of these components, so one missed
citation costs little and a wrong symbol costs a lot, as it should.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

EXACT_FIELDS = ("symbol", "body", "language", "date", "meeting.number")
SET_FIELDS = ("cites", "addressees", "mentions")


@dataclass(slots=True)
class Score:
    """Component scores of one document (or a corpus mean) in [0, 1]."""

    components: dict[str, float] = field(default_factory=dict)
    mismatches: list[str] = field(default_factory=list)

    @property
    def overall(self) -> float:
        return sum(self.components.values()) / len(self.components) if self.components else 0.0


def _get(record: Mapping[str, Any], dotted: str) -> Any:
    cur: Any = record
    for part in dotted.split("."):
        cur = cur.get(part) if isinstance(cur, Mapping) else None
    return cur


# The canonical id families of the record format; citations outside them (slugs of
# unresolved names) are ignored on both sides, as the format prescribes.
CANONICAL_CITATION = re.compile(
    r"^(?:(?:MC|PC|FSC)(?:\(\d+\))?\.(?:DEC|DOC)/[\w./]+"
    r"|(?:CSCE|OSCE|UNTC|UNGA|UNSC|UN|CETS|ETS|ILO):\S+)$"
)


def _pairs(record: Mapping[str, Any], key: str) -> set[tuple[str, int, str]]:
    out = set()
    for section in ("preamble", "operative"):
        for p in record.get(section, []) or []:
            for ident in p.get(key, []) or []:
                if key == "cites" and not CANONICAL_CITATION.match(ident):
                    continue
                out.add((section, int(p["n"]), ident))
    return out


def f1(pred: set[Any], gold: set[Any]) -> float:
    if not pred and not gold:
        return 1.0
    tp = len(pred & gold)
    if tp == 0:
        return 0.0
    precision, recall = tp / len(pred), tp / len(gold)
    return 2 * precision * recall / (precision + recall)


def score(pred: Mapping[str, Any], gold: Mapping[str, Any]) -> Score:
    s = Score()
    for name in EXACT_FIELDS:
        ok = _get(pred, name) == _get(gold, name)
        s.components[name] = float(ok)
        if not ok:
            s.mismatches.append(f"{name}: {_get(pred, name)!r} != {_get(gold, name)!r}")
    for section in ("preamble", "operative"):
        ok = len(pred.get(section, [])) == len(gold.get(section, []))
        s.components[f"{section}.count"] = float(ok)
        if not ok:
            s.mismatches.append(
                f"{section} count: {len(pred.get(section, []))} != {len(gold.get(section, []))}"
            )
    pre = {p["n"]: p for p in pred.get("preamble", [])}
    gold_pre = gold.get("preamble", [])
    if gold_pre:
        hits = 0
        for g in gold_pre:
            got = pre.get(g["n"], {}).get("relation")
            hits += got == g["relation"]
            if got != g["relation"]:
                s.mismatches.append(f"preamble {g['n']} relation: {got!r} != {g['relation']!r}")
        s.components["preamble.relation"] = hits / len(gold_pre)
    ops = {p["n"]: p for p in pred.get("operative", [])}
    gold_ops = gold.get("operative", [])
    if gold_ops:
        act = sub = 0
        for g in gold_ops:
            p = ops.get(g["n"], {})
            act += p.get("action") == g["action"]
            if p.get("action") != g["action"]:
                s.mismatches.append(
                    f"operative {g['n']} action: {p.get('action')!r} != {g['action']!r}"
                )
            same = set(p.get("subparagraphs", [])) == set(g.get("subparagraphs", []))
            sub += same
            if not same:
                s.mismatches.append(
                    f"operative {g['n']} subparagraphs: {p.get('subparagraphs')} != "
                    f"{g.get('subparagraphs')}"
                )
        s.components["operative.action"] = act / len(gold_ops)
        s.components["operative.subparagraphs"] = sub / len(gold_ops)
    for key in SET_FIELDS:
        pp, gp = _pairs(pred, key), _pairs(gold, key)
        s.components[key] = f1(pp, gp)
        for extra in sorted(pp - gp):
            s.mismatches.append(f"{key}: unexpected {extra}")
        for missing in sorted(gp - pp):
            s.mismatches.append(f"{key}: missing {missing}")
    pa, ga = pred.get("attachments", []) or [], gold.get("attachments", []) or []
    count_ok = float(len(pa) == len(ga))
    if ga:
        kinds = sum(1 for p, g in zip(pa, ga, strict=False) if p.get("kind") == g.get("kind"))
        dels = sum(
            1 for p, g in zip(pa, ga, strict=False) if p.get("delegation") == g.get("delegation")
        )
        s.components["attachments"] = (count_ok + kinds / len(ga) + dels / len(ga)) / 3
    else:
        s.components["attachments"] = count_ok
    if s.components["attachments"] < 1:
        s.mismatches.append(f"attachments: {pa} != {ga}")
    fn_ok = len(pred.get("footnotes", []) or []) == len(gold.get("footnotes", []) or [])
    s.components["footnotes"] = float(fn_ok)
    if not fn_ok:
        s.mismatches.append(
            f"footnotes: {len(pred.get('footnotes', []))} != {len(gold.get('footnotes', []))}"
        )
    return s


def mean_score(scores: Iterable[Score]) -> Score:
    scores = list(scores)
    out = Score()
    if not scores:
        return out
    keys = sorted({k for s in scores for k in s.components})
    for k in keys:
        vals = [s.components[k] for s in scores if k in s.components]
        out.components[k] = sum(vals) / len(vals)
    return out
