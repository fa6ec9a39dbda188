"""Map a :class:`DecisionRecord` to RDF triples (ELI, CiTO, OA, PROV, SKOS, ``cg:``).

The mapping is a pure function of the record: no clock, no counters, no blank nodes.
Two language versions of one decision map to one work with two expressions; paragraphs,
citations and commitments are minted on the work, so they are shared, while texts,
titles, quotes and spans belong to each expression.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from commitgraph import __version__
from commitgraph.model import Citation, DecisionRecord, Mention, Span
from commitgraph.parsers import SYMBOL_RE
from commitgraph.rdf.namespaces import (
    CG,
    CGID,
    CITO,
    DCTERMS,
    ELI,
    OA,
    PROV,
    RDF,
    RDFS,
    SKOS,
    XSD,
    actor_iri,
    concept_iri,
    document_graph_iri,
    slug,
    work_iri,
)
from commitgraph.vocab import Lexicon, lexicon

# EU authority table of languages, which ELI expects as eli:language values.
EU_LANGUAGE = {
    "en": "ENG",
    "fr": "FRA",
    "ru": "RUS",
    "de": "DEU",
    "es": "SPA",
    "it": "ITA",
}
EU_LANGUAGE_BASE = "http://publications.europa.eu/resource/authority/language/"

# Derived shortcut property per preambular relation (declared in ontology/commitgraph.ttl
# as sub-properties of the closest CiTO property).
RELATION_PROPERTY = {
    "reaffirms": "reaffirms",
    "recalls": "recalls",
    "takes_note": "takesNoteOf",
    "welcomes": "welcomes",
    "recognizes": "recognizes",
    "concern": "expressesConcernAbout",
    "other": "refersTo",
    "operative": "refersTo",
}

TYPE = RDF + "type"


def N(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def L(value: str | int, *, lang: str | None = None, datatype: str | None = None) -> ox.Literal:
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(datatype or XSD + "integer"))
    if lang:
        return ox.Literal(value, language=lang)
    if datatype:
        return ox.Literal(value, datatype=ox.NamedNode(datatype))
    return ox.Literal(value)


@dataclass(slots=True)
class DocumentGraph:
    """The triples of one source document, destined for its own named graph."""

    graph: str
    work: str
    triples: list[ox.Triple]


class _Sink:
    """Collects triples as strings and builds the Oxigraph terms once, sorted: building
    terms per call and sorting by their string forms was most of the mapping's cost."""

    def __init__(self) -> None:
        self.rows: dict[tuple[str, str, str], ox.Literal | None] = {}

    def add(self, s: str, p: str, o: ox.NamedNode | ox.Literal | str) -> None:
        if isinstance(o, str):
            self.rows[(s, p, "<" + o)] = None
        elif isinstance(o, ox.NamedNode):
            self.rows[(s, p, "<" + o.value)] = None
        else:
            self.rows[(s, p, '"' + str(o))] = o

    def triples(self) -> list[ox.Triple]:
        nodes: dict[str, ox.NamedNode] = {}

        def node(iri: str) -> ox.NamedNode:
            n = nodes.get(iri)
            if n is None:
                n = nodes[iri] = ox.NamedNode(iri)
            return n

        out = []
        for key in sorted(self.rows):
            s, p, o = key
            lit = self.rows[key]
            out.append(ox.Triple(node(s), node(p), lit if lit is not None else node(o[1:])))
        return out


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _is_osce_symbol(ident: str) -> bool:
    return bool(SYMBOL_RE.fullmatch(ident))


def instrument_label(ident: str, lex: Lexicon) -> str:
    """The English label of a cited work: its vocabulary name, else its id."""
    for c in lex.scheme("instruments"):
        if c.identifier == ident:
            return c.label("en")
    return ident


def map_record(rec: DecisionRecord, lex: Lexicon | None = None) -> DocumentGraph:
    lex = lex or lexicon()
    out = _Sink()
    a = out.add
    lang = rec.language
    w = work_iri(rec.symbol)
    corr = None
    m = re.search(r"/Corr\.(\d+)", rec.symbol_as_printed)
    if m:
        corr = m.group(1)
    e = f"{w}/expr/{lang}" + (f"-corr{corr}" if corr else "")
    graph = document_graph_iri(w, lang, corr)

    # Work
    a(w, TYPE, CG + "Decision")
    a(w, TYPE, ELI + "Work")
    a(w, DCTERMS + "identifier", L(rec.symbol))
    a(w, ELI + "id_local", L(rec.symbol))
    a(w, SKOS + "prefLabel", L(rec.symbol, lang="en"))
    a(w, ELI + "work_type", concept_iri("work-type", "decision"))
    a(w, CG + "number", L(rec.number))
    body = actor_iri(rec.body)
    a(w, ELI + "passed_by", body)
    if rec.date:
        a(w, ELI + "date_document", L(rec.date, datatype=XSD + "date"))
    if rec.meeting.number is not None:
        prefix = {"MinisterialCouncil": "MC", "PermanentCouncil": "PC"}.get(rec.body, rec.body)
        mtg = f"{CGID}meeting/{prefix}/{rec.meeting.number}"
        a(w, CG + "adoptedAt", mtg)
        a(mtg, TYPE, CG + "Meeting")
        a(mtg, CG + "meetingNumber", L(rec.meeting.number))
        a(mtg, CG + "body", body)
        if rec.meeting.city:
            a(mtg, CG + "city", L(rec.meeting.city))
    if rec.meeting.day is not None:
        a(e, CG + "meetingDay", L(rec.meeting.day))
    if rec.meeting.journal:
        a(e, CG + "journal", L(rec.meeting.journal))
    if rec.meeting.agenda_item is not None:
        a(e, CG + "agendaItem", L(rec.meeting.agenda_item))

    # Expression
    a(w, ELI + "is_realized_by", e)
    a(e, ELI + "realizes", w)
    a(e, TYPE, ELI + "Expression")
    a(e, TYPE, CG + "Expression")
    a(e, ELI + "language", EU_LANGUAGE_BASE + EU_LANGUAGE.get(lang, lang.upper()))
    a(e, DCTERMS + "language", L(lang))
    a(e, ELI + "title", L(rec.title, lang=lang))
    a(e, CG + "symbolAsPrinted", L(rec.symbol_as_printed))
    if corr:
        cw = work_iri(rec.symbol_as_printed)
        a(cw, TYPE, CG + "Corrigendum")
        a(cw, TYPE, ELI + "Work")
        a(cw, DCTERMS + "identifier", L(rec.symbol_as_printed))
        a(cw, SKOS + "prefLabel", L(rec.symbol_as_printed, lang="en"))
        a(cw, ELI + "corrects", w)
        a(cw, ELI + "is_realized_by", e)

    # Provenance of the extraction run: the tool and the input bytes, never the time.
    src = f"{CGID}source/{rec.source.sha256}"
    run = f"{CGID}run/{rec.source.sha256[:16]}/{__version__}"
    agent = f"{CGID}agent/commitgraph/{__version__}"
    a(src, TYPE, PROV + "Entity")
    a(src, TYPE, CG + "SourceFile")
    a(src, CG + "sha256", L(rec.source.sha256))
    a(src, CG + "fileName", L(rec.source.path.name))
    a(src, DCTERMS + "format", L(rec.source.format))
    a(run, TYPE, PROV + "Activity")
    a(run, TYPE, CG + "ExtractionRun")
    a(run, PROV + "used", src)
    a(run, PROV + "wasAssociatedWith", agent)
    a(agent, TYPE, PROV + "SoftwareAgent")
    a(agent, RDFS + "label", L(f"commitgraph {__version__}"))
    a(agent, CG + "version", L(__version__))
    a(e, PROV + "wasGeneratedBy", run)
    a(e, PROV + "wasDerivedFrom", src)

    text = rec.clean.text

    def span(sp: Span) -> str:
        s = f"{e}/span/{sp.start}-{sp.end}"
        a(s, TYPE, OA + "SpecificResource")
        a(s, OA + "hasSource", e)
        pos, quote = f"{s}/position", f"{s}/quote"
        a(s, OA + "hasSelector", pos)
        a(s, OA + "hasSelector", quote)
        a(pos, TYPE, OA + "TextPositionSelector")
        a(pos, OA + "start", L(str(sp.start), datatype=XSD + "nonNegativeInteger"))
        a(pos, OA + "end", L(str(sp.end), datatype=XSD + "nonNegativeInteger"))
        a(quote, TYPE, OA + "TextQuoteSelector")
        a(quote, OA + "exact", L(sp.slice(text)))
        return s

    a(e, CG + "titleSpan", span(rec.title_span)) if rec.title_span.end > 0 else None
    cited: dict[str, Citation] = {}

    def cite(p: str, c: Citation, relation: str) -> None:
        target = work_iri(c.id)
        cit = f"{p}/cites/{slug(c.id)}"
        a(cit, TYPE, CITO + "Citation")
        a(cit, CITO + "hasCitingEntity", p)
        a(cit, CITO + "hasCitedEntity", target)
        rel = concept_iri("relation", relation)
        a(cit, CG + "relation", rel)
        a(cit, PROV + "wasDerivedFrom", span(c.span))
        a(p, CG + RELATION_PROPERTY.get(relation, "refersTo"), target)
        a(w, ELI + "cites", target)
        cited.setdefault(c.id, c)

    for pp in rec.preamble:
        p = f"{w}/preamble/{pp.n}"
        a(w, ELI + "has_part", p)
        a(p, ELI + "is_part_of", w)
        a(p, TYPE, CG + "PreambularParagraph")
        a(p, ELI + "number", L(str(pp.n)))
        a(p, ELI + "type_subdivision", concept_iri("subdivision", "preamble"))
        a(p, CG + "text", L(_norm(pp.text), lang=lang))
        a(p, CG + "opening", L(pp.opening, lang=lang))
        a(p, CG + "relation", concept_iri("relation", pp.relation))
        a(p, PROV + "wasDerivedFrom", span(pp.span))
        for c in pp.cites:
            cite(p, c, pp.relation)
        for c in pp.also_named:
            a(p, CG + "names", work_iri(c.id))
            cited.setdefault(c.id, c)

    for op in rec.operative:
        p = f"{w}/op/{op.number}"
        a(w, ELI + "has_part", p)
        a(p, ELI + "is_part_of", w)
        a(p, TYPE, CG + "OperativeParagraph")
        a(p, ELI + "number", L(op.number))
        a(p, ELI + "type_subdivision", concept_iri("subdivision", "operative"))
        a(p, CG + "text", L(_norm(op.text), lang=lang))
        a(p, CG + "verb", L(op.verb, lang=lang))
        action = concept_iri("action", op.action)
        a(p, CG + "actionType", action)
        a(p, PROV + "wasDerivedFrom", span(op.span))
        _actors(a, p, CG + "addressee", op.addressees)
        _actors(a, p, CG + "mentions", op.mentions)
        _actors(a, p, CG + "involves", op.actors_involved)
        _actors(a, p, CG + "inCoordinationWith", op.in_coordination_with)
        # The commitment as a relation node (UN UNDO pattern): who asks whom to do what.
        cm = f"{p}/commitment"
        a(cm, TYPE, CG + "Commitment")
        a(cm, CG + "expressedIn", p)
        a(cm, CG + "proponent", body)
        a(cm, CG + "actionType", action)
        for ad in op.addressees:
            a(cm, CG + "addressee", actor_iri(ad.id))
        a(cm, PROV + "wasDerivedFrom", span(Span(op.verb_span.start, op.span.end)))
        for c in op.cites:
            cite(p, c, "operative")
        for c in op.also_named:
            a(p, CG + "names", work_iri(c.id))
            cited.setdefault(c.id, c)
        for sub in op.subparagraphs:
            sp = f"{p}/{sub.letter}"
            a(p, ELI + "has_part", sp)
            a(sp, ELI + "is_part_of", p)
            a(sp, TYPE, CG + "SubParagraph")
            a(sp, ELI + "number", L(sub.letter))
            a(sp, ELI + "type_subdivision", concept_iri("subdivision", "subparagraph"))
            a(sp, CG + "text", L(_norm(sub.text), lang=lang))
            a(sp, PROV + "wasDerivedFrom", span(sub.span))

    for ident, c in sorted(cited.items()):
        t = work_iri(ident)
        a(t, TYPE, ELI + "Work")
        a(
            t,
            TYPE,
            CG + ("Decision" if _is_osce_symbol(ident) and ".DEC/" in ident else "Instrument"),
        )
        a(t, DCTERMS + "identifier", L(ident))
        a(t, SKOS + "prefLabel", L(instrument_label(ident, lex), lang="en"))
        if not c.resolved:
            a(t, CG + "unresolved", L("true", datatype=XSD + "boolean"))
            a(t, CG + "printedName", L(_norm(c.text), lang=lang))

    for att in rec.attachments:
        x = f"{w}/attachment/{att.number}"
        kind = {"interpretative_statement": "InterpretativeStatement", "annex": "Annex"}.get(
            att.kind, "Statement"
        )
        a(w, ELI + "has_annex", x)
        a(x, ELI + "is_annex_of", w)
        a(x, TYPE, CG + kind)
        a(x, TYPE, ELI + "Work")
        a(x, ELI + "number", L(str(att.number)))
        xe = f"{x}/expr/{lang}"
        a(x, ELI + "is_realized_by", xe)
        a(xe, TYPE, ELI + "Expression")
        a(xe, DCTERMS + "language", L(lang))
        a(xe, CG + "text", L(_norm(att.text), lang=lang))
        a(xe, PROV + "wasDerivedFrom", span(att.span))
        if att.delegation:
            d = concept_iri("delegation", re.sub(r"\W", "", att.delegation))
            a(x, CG + "delegation", d)
            a(d, SKOS + "prefLabel", L(att.delegation, lang="en"))
        if att.original_language:
            a(x, CG + "originalLanguage", L(att.original_language))

    for fn in rec.footnotes:
        f = f"{e}/footnote/{slug(fn.marker) if fn.marker != '*' else 'star'}"
        a(e, CG + "footnote", f)
        a(f, TYPE, CG + "Footnote")
        a(f, CG + "marker", L(fn.marker))
        a(f, CG + "text", L(fn.text, lang=lang))

    return DocumentGraph(graph=graph, work=w, triples=out.triples())


def _actors(add: object, p: str, prop: str, items: Iterable[Mention]) -> None:
    for item in items:
        add(p, prop, actor_iri(item.id))  # type: ignore[operator]
