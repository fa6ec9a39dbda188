"""The queries and the fixture speak the mapping's vocabulary, not one of their own.

A record with every feature the fixture uses goes through ``map_record``; every predicate
and class in the fixture's document graphs must be among those the mapping wrote, and
every term the library queries name must be written by the mapping, the vocabulary or
the catalogue. If the mapping renames a property, these tests say which query to fix.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pyoxigraph as ox

from commitgraph.model import (
    Attachment,
    Citation,
    Cleaned,
    DecisionRecord,
    Footnote,
    Meeting,
    Mention,
    OperativeParagraph,
    PreambularParagraph,
    SourceText,
    Span,
    SubParagraph,
)
from commitgraph.query import library
from commitgraph.rdf.mapping import map_record
from commitgraph.rdf.namespaces import PREFIXES, RDF

TYPE = RDF + "type"


class _NoInstruments:
    """A lexicon without instrument names: labels fall back to the ids."""

    def scheme(self, name: str) -> tuple[()]:
        return ()


def _record() -> DecisionRecord:
    parts = [
        "A TITLE",
        "Recalling the 1990 Copenhagen Document,",
        "Reaffirming the Convention on the Rights of the Child,",
        "1. Tasks the ODIHR, with INTERPOL, to promote the Optional Protocol:\n"
        "a) assist;\nb) report.",
        "The delegation states its view.",
    ]
    text = "\n\n".join(parts)

    def span(s: str) -> Span:
        i = text.index(s)
        return Span(i, i + len(s))

    def cite(ident: str, words: str) -> Citation:
        return Citation(ident, words, span(words))

    pre = [
        PreambularParagraph(
            1,
            "Recalling",
            "recalls",
            parts[1],
            span(parts[1]),
            span("Recalling"),
            cites=[cite("CSCE:Copenhagen1990", "1990 Copenhagen Document")],
        ),
        PreambularParagraph(
            2,
            "Reaffirming",
            "reaffirms",
            parts[2],
            span(parts[2]),
            span("Reaffirming"),
            cites=[cite("UNTC:IV-11", "Convention on the Rights of the Child")],
        ),
    ]
    op = OperativeParagraph(
        1,
        "1",
        "Tasks",
        "task",
        parts[3],
        span(parts[3]),
        span("Tasks"),
        addressees=[Mention("ODIHR", "ODIHR", span("ODIHR"))],
        mentions=[Mention("INTERPOL", "INTERPOL", span("INTERPOL"))],
        cites=[cite("UNTC:IV-11-c", "Optional Protocol")],
        subparagraphs=[
            SubParagraph("a", "assist;", span("assist;")),
            SubParagraph("b", "report.", span("report.")),
        ],
    )
    att = Attachment(
        "interpretative_statement", 1, parts[4], span(parts[4]), "Russian Federation", "ru"
    )
    raw = text.encode()
    return DecisionRecord(
        symbol="MC.DEC/1/99",
        symbol_as_printed="MC.DEC/1/99",
        body="MinisterialCouncil",
        language="en",
        date="1999-12-01",
        meeting=Meeting(7, 2, "MC(7) Journal No. 2", 8, "Oslo"),
        title=parts[0],
        title_span=span(parts[0]),
        preamble=pre,
        operative=[op],
        attachments=[att],
        footnotes=[Footnote("*", "A note.")],
        number="1/99",
        source=SourceText(
            Path("MC.DEC.1.99.en.txt"), text, "text", "utf-8", hashlib.sha256(raw).hexdigest()
        ),
        clean=Cleaned(text, text, tuple(range(len(text) + 1)), (), ()),
    )


def _terms(triples: list[ox.Triple] | list[ox.Quad]) -> set[str]:
    out: set[str] = set()
    for t in triples:
        out.add(t.predicate.value)
        if t.predicate.value == TYPE and isinstance(t.object, ox.NamedNode):
            out.add(t.object.value)
    return out


def test_the_fixture_uses_only_what_the_mapping_writes(fixture_graph: Path) -> None:
    mapped = _terms(map_record(_record(), _NoInstruments()).triples)  # type: ignore[arg-type]
    documents = [
        q
        for q in ox.parse(path=str(fixture_graph), format=ox.RdfFormat.TRIG)
        if "/work/" in q.graph_name.value
    ]
    used = _terms(documents)
    assert used - mapped == set()
    # and the record exercises what the fixture does, so the comparison means something
    assert len(used) > 60 and mapped - used <= {PREFIXES["cg"] + "mentions"}


_NAME = re.compile(r"\b(cg|eli|cito|oa|prov|skos|dcterms):([A-Za-z_][\w-]*)")


def test_every_term_the_queries_use_is_written_somewhere() -> None:
    from commitgraph.build import catalogue_triples, vocabulary_triples

    known = _terms(map_record(_record(), _NoInstruments()).triples)  # type: ignore[arg-type]
    known |= _terms(list(vocabulary_triples())) | _terms(list(catalogue_triples()))
    for name, q in library().items():
        body = q.text[q.text.index("SELECT") :]
        for prefix, local in _NAME.findall(body):
            assert PREFIXES[prefix] + local in known, f"{name}: {prefix}:{local} is never written"
