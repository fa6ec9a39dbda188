"""The JSON form of a :class:`DecisionRecord` (see README: "The decision record").

This is the format in which extraction accuracy is measured, so it is the stable public
face of the extractor: contract keys first, then extras (spans, unresolved citations,
qualifiers) that help a reader see *why* a value was extracted.
"""

from __future__ import annotations

from typing import Any

from commitgraph.model import Citation, DecisionRecord, Mention, Span

# The ids the record format defines (record.md): relations, actions, addressees and the
# organisations a paragraph may mention. Tests and the corpus generator check against
# these; the extractor takes its ids from the vocabulary, which must cover them.
RECORD_RELATIONS = frozenset(
    {"reaffirms", "recalls", "takes_note", "welcomes", "recognizes", "concern", "other"}
)
RECORD_ACTIONS = frozenset(
    {
        "call_upon",
        "urge",
        "encourage",
        "request",
        "task",
        "invite",
        "decide",
        "welcome",
        "support",
        "other",
    }
)
RECORD_ADDRESSEES = frozenset(
    {
        "ParticipatingStates",
        "ParticipatingStatesNotYetDone",
        "PartnersForCooperation",
        "ExecutiveStructures",
        "Secretariat",
        "ODIHR",
        "SpecialRepresentativeTHB",
        "InternationalOrganizations",
        "CivilSociety",
        "PrivateSector",
        "ChairpersonInOffice",
        "PermanentCouncil",
        "MinisterialCouncil",
    }
)
RECORD_ORGANISATIONS = frozenset(
    {
        "INTERPOL",
        "ICSE",
        "Europol",
        "UNODC",
        "UNICEF",
        "UNHCR",
        "IOM",
        "ILO",
        "OHCHR",
        "CouncilOfEurope",
        "GRETA",
        "ICAT",
        "AllianceAgainstTrafficking",
    }
)


def _span(span: Span) -> list[int]:
    return [span.start, span.end]


def _ids(items: list[Mention] | list[Citation]) -> list[str]:
    return [i.id for i in items]


def to_dict(rec: DecisionRecord, *, spans: bool = True) -> dict[str, Any]:
    """The record as plain JSON data; ``spans=False`` gives the compact contract view."""
    out: dict[str, Any] = {
        "symbol": rec.symbol,
        "symbol_as_printed": rec.symbol_as_printed,
        "body": rec.body,
        "language": rec.language,
        "date": rec.date,
        "meeting": {
            "number": rec.meeting.number,
            "day": rec.meeting.day,
            "journal": rec.meeting.journal,
            "agenda_item": rec.meeting.agenda_item,
            "city": rec.meeting.city,
        },
        "title": rec.title,
        "preamble": [],
        "operative": [],
        "attachments": [],
        "footnotes": [{"marker": f.marker, "text": f.text} for f in rec.footnotes],
    }
    for p in rec.preamble:
        item: dict[str, Any] = {
            "n": p.n,
            "opening": p.opening,
            "relation": p.relation,
            "cites": [c.id for c in p.cites if c.resolved],
        }
        if p.also_named:
            item["also_named"] = _ids(p.also_named)
        unresolved = [{"id": c.id, "printed": c.text} for c in p.cites if not c.resolved]
        if unresolved:
            item["unresolved"] = unresolved
        if spans:
            item["span"] = _span(p.span)
        out["preamble"].append(item)
    for o in rec.operative:
        item = {
            "n": o.n,
            "verb": o.verb,
            "action": o.action,
            "addressees": _ids(o.addressees),
            "cites": [c.id for c in o.cites if c.resolved],
            "mentions": _ids(o.mentions),
            "subparagraphs": [s.letter for s in o.subparagraphs],
        }
        if o.number != str(o.n):
            item["number"] = o.number
        if o.actors_involved:
            item["actors_involved"] = _ids(o.actors_involved)
        if o.in_coordination_with:
            item["in_coordination_with"] = _ids(o.in_coordination_with)
        if o.also_named:
            item["also_named"] = _ids(o.also_named)
        unresolved = [{"id": c.id, "printed": c.text} for c in o.cites if not c.resolved]
        if unresolved:
            item["unresolved"] = unresolved
        if spans:
            item["span"] = _span(o.span)
        out["operative"].append(item)
    for a in rec.attachments:
        att: dict[str, Any] = {
            "kind": a.kind,
            "delegation": a.delegation,
            "original_language": a.original_language,
        }
        if spans:
            att["span"] = _span(a.span)
        out["attachments"].append(att)
    if spans:
        out["source"] = {
            "path": str(rec.source.path),
            "sha256": rec.source.sha256,
            "format": rec.source.format,
        }
    return out
