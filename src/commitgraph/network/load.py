"""Read the citation network out of the RDF graph, once, with two SPARQL queries.

Why a ``DiGraph`` and not a ``MultiDiGraph``: the network *is* the set of
``?decision eli:cites ?work`` pairs (ontology.md, contract 5), so one edge per pair keeps
the NetworkX view equal to the SPARQL view, and PageRank, HITS, betweenness and the
longest-path search all work on it unchanged (several of them refuse or double-count
multigraphs). What a multigraph would carry as parallel edges, the typed citations behind a
pair (one per citing paragraph, or one from the catalogue), is kept on the edge:

* ``relations``: sorted relation notations (``reaffirms``, ``recalls``, ``operative`` ...);
* ``relation``: the one used to style the edge (the first of ``RELATION_ORDER`` present);
* ``paragraphs``, ``quotes``, ``texts``: the citing paragraph IRIs, the cited phrase as
  printed (``oa:exact``) and the paragraph text (``cg:text``);
* ``evidence``: one dict per citation node with all of the above plus its graph and the
  catalogue's note of the verb or formula as a source reports it (``rdfs:comment``);
* ``source``: ``document``, ``catalogue`` or ``both``: which graphs assert the pair;
* ``status`` and ``references``: the catalogue's verification status and source URLs;
* ``count``: how many citations stand behind the pair.

Nodes are keyed by work IRI (the merge key of documents and catalogue) and carry ``id``
(``dcterms:identifier``), ``label``, ``type`` (``decision``/``instrument``/``other``),
``body``, ``date`` with ``date_precision``, ``year`` with ``year_from`` (``date``, or
``identifier`` when only the symbol or id tells the year, e.g. ``MC.DEC/13/04``),
``city``, ``meeting``, ``titles``/``labels`` (per language), ``sources``, ``has_text``
(its text is in the corpus) and ``origin``. Missing values are left out, never ``None``.

Precedence: where graphs disagree, a document graph beats the catalogue graph, which beats
the vocabulary graph (the catalogue never overrides what was extracted from a text). A
label that merely repeats the identifier, as the mapping writes for works it knows no name
of, counts as no label. A Turtle file has no graph names: its triples count as document
triples unless they are literally in the packaged catalogue or vocabulary files.
"""

from __future__ import annotations

import gc
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import unquote

import networkx as nx
import pyoxigraph as ox

from commitgraph.errors import InputError, StoreError
from commitgraph.rdf.io import QUAD_FORMATS, format_for
from commitgraph.rdf.namespaces import (
    CATALOGUE_GRAPH,
    CG,
    CGID,
    CITO,
    DCTERMS,
    ELI,
    OA,
    ONTOLOGY_GRAPH,
    PROV,
    RDF,
    RDFS,
    SKOS,
    VOCAB_GRAPH,
)

# Origins of a fact, in increasing order of authority.
VOCABULARY, CATALOGUE, DOCUMENT = 1, 2, 3
ORIGIN_NAME = {VOCABULARY: "vocabulary", CATALOGUE: "catalogue", DOCUMENT: "document"}

# Style order when an edge carries several relations: the strongest statement first.
RELATION_ORDER = (
    "reaffirms",
    "recalls",
    "operative",
    "welcomes",
    "recognizes",
    "takes_note",
    "concern",
    "other",
    "cites",
)

_PREFIXES = f"""
PREFIX cg: <{CG}>
PREFIX eli: <{ELI}>
PREFIX cito: <{CITO}>
PREFIX oa: <{OA}>
PREFIX prov: <{PROV}>
PREFIX rdf: <{RDF}>
PREFIX rdfs: <{RDFS}>
PREFIX skos: <{SKOS}>
PREFIX dcterms: <{DCTERMS}>
"""

# Everything the nodes need, as (graph, work, key, value) rows. A pattern written as
# `{ GRAPH ?g { P } } UNION { P }` reads named graphs and the default graph alike.
NODES_QUERY = (
    _PREFIXES
    + """
SELECT ?g ?w ?key ?v ?x WHERE {
  {
    { GRAPH ?g { ?w ?p ?v } } UNION { ?w ?p ?v }
    VALUES (?p ?key) {
      (rdf:type "type") (dcterms:identifier "id") (skos:prefLabel "label")
      (skos:altLabel "alt") (eli:date_document "date") (dcterms:date "date")
      (eli:passed_by "body")
      (cg:adoptedAt "meeting") (eli:is_annex_of "annexOf") (cg:unresolved "unresolved")
      (dcterms:source "source")
    }
    FILTER(?p != rdf:type || ?v IN (eli:Work, cg:Decision, cg:Instrument, cg:Corrigendum))
  }
  UNION
  {
    { GRAPH ?g { ?w eli:is_realized_by ?x . ?x eli:title ?v } }
    UNION { ?w eli:is_realized_by ?x . ?x eli:title ?v }
    BIND("title" AS ?key)
  }
  UNION
  {
    # The city of each meeting, keyed by the meeting: joined here to the works adopted
    # there, it came once per pair of graphs holding the two triples (a million rows on
    # 20,000 documents); the works get it from their meetings in Python.
    { GRAPH ?g { ?w cg:city ?v } } UNION { ?w cg:city ?v }
    BIND("city" AS ?key)
  }
}
"""
)

# The citation pairs and the typed citations behind them, as one result set.
EDGES_QUERY = (
    _PREFIXES
    + """
SELECT ?kind ?g ?citing ?cited ?c ?ent ?rel ?relnote ?quote ?text ?status ?ref ?note WHERE {
  {
    { GRAPH ?g { ?citing eli:cites ?cited } } UNION { ?citing eli:cites ?cited }
    BIND("pair" AS ?kind)
  }
  UNION
  {
    { GRAPH ?g { ?c a cito:Citation ; cito:hasCitingEntity ?ent ; cito:hasCitedEntity ?cited .
        OPTIONAL { ?c cg:relation ?rel }
        OPTIONAL { ?ent cg:text ?text }
        OPTIONAL { ?c cg:status ?status }
        OPTIONAL { ?c dcterms:source ?ref }
        OPTIONAL { ?c rdfs:comment ?note }
        OPTIONAL { ?ent eli:is_part_of ?w1 OPTIONAL { ?w1 eli:is_part_of ?w2 } } } }
    UNION
    { ?c a cito:Citation ; cito:hasCitingEntity ?ent ; cito:hasCitedEntity ?cited .
        OPTIONAL { ?c cg:relation ?rel }
        OPTIONAL { ?ent cg:text ?text }
        OPTIONAL { ?c cg:status ?status }
        OPTIONAL { ?c dcterms:source ?ref }
        OPTIONAL { ?c rdfs:comment ?note }
        OPTIONAL { ?ent eli:is_part_of ?w1 OPTIONAL { ?w1 eli:is_part_of ?w2 } } }
    BIND(COALESCE(?w2, ?w1, ?ent) AS ?citing)
    OPTIONAL { { GRAPH ?gr { ?rel skos:notation ?relnote } } UNION { ?rel skos:notation ?relnote } }
    BIND("citation" AS ?kind)
  }
  UNION
  {
    # The quotes, keyed by citation: as an OPTIONAL above they cost three times as much.
    { GRAPH ?g { ?c a cito:Citation ; prov:wasDerivedFrom ?span .
                 ?span oa:hasSelector ?selector . ?selector oa:exact ?quote } }
    UNION
    { ?c a cito:Citation ; prov:wasDerivedFrom ?span .
      ?span oa:hasSelector ?selector . ?selector oa:exact ?quote }
    BIND("quote" AS ?kind)
  }
}
"""
)

_OSCE_YEAR = re.compile(r"^(?:MC|PC|FSC)(?:\(\d+\))?\.(?:DEC|DOC)/\d+/(\d{2})(?:/|$)")
_ID_YEAR = re.compile(r"^[A-Z]+:[A-Za-z]+((?:1[89]|20)\d{2})$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def year_from_identifier(ident: str) -> int | None:
    """The year an identifier itself tells: ``MC.DEC/13/04`` → 2004,
    ``CSCE:Helsinki1975`` → 1975; ``None`` for ``PC.DEC/1107`` or ``UNTC:IV-11``."""
    m = _OSCE_YEAR.match(ident)
    if m:
        yy = int(m.group(1))
        return 1900 + yy if yy >= 70 else 2000 + yy
    m = _ID_YEAR.match(ident)
    return int(m.group(1)) if m else None


def date_precision(lexical: str) -> str | None:
    """``day``, ``month`` or ``year`` for an xsd:date / gYearMonth / gYear lexical form."""
    m = _DATE.match(lexical)
    if not m:
        return None
    return "day" if m.group(3) else "month" if m.group(2) else "year"


@dataclass
class _Work:
    iri: str
    facts: dict[str, list[tuple[int, str, str]]] = field(
        default_factory=lambda: defaultdict(list)
    )  # key -> (origin, value, lang)

    def add(self, key: str, origin: int, value: str, lang: str = "") -> None:
        self.facts[key].append((origin, value, lang))

    def best(
        self,
        key: str,
        *,
        lang: str | None = None,
        exclude: str | None = None,
    ) -> list[str]:
        """Values of ``key`` from the most authoritative origin that has any."""
        rows = [
            (o, v)
            for o, v, lg in self.facts.get(key, ())
            if (lang is None or lg == lang) and v != exclude
        ]
        if not rows:
            return []
        top = max(o for o, _ in rows)
        return sorted({v for o, v in rows if o == top})

    def origins(self) -> set[int]:
        return {o for rows in self.facts.values() for o, _, _ in rows}


class _Origins:
    """Tells the origin of a fact from its graph name (or, for a file without graph
    names, from whether the triple is one of the packaged catalogue/vocabulary triples)."""

    def __init__(self) -> None:
        self._packaged: dict[tuple[str, str, str], int] | None = None

    def of(self, graph: ox.NamedNode | None, triple: tuple[str, str, str] | None) -> int:
        if graph is not None:
            name = graph.value
            if name == CATALOGUE_GRAPH:
                return CATALOGUE
            if name in (VOCAB_GRAPH, ONTOLOGY_GRAPH):
                return VOCABULARY
            return DOCUMENT
        if triple is None:
            return DOCUMENT
        return self.packaged().get(triple, DOCUMENT)

    def packaged(self) -> dict[tuple[str, str, str], int]:
        if self._packaged is None:
            self._packaged = dict(_packaged_triples())
        return self._packaged


@cache
def _packaged_triples() -> tuple[tuple[tuple[str, str, str], int], ...]:
    """The shipped catalogue and vocabulary triples, keyed by their N-Triples terms.

    Only used for graph files without named graphs; a vocabulary file that does not parse
    (being edited) leaves its triples unrecognised rather than failing the load."""
    out: list[tuple[tuple[str, str, str], int]] = []
    try:
        from commitgraph.build import catalogue_triples

        out += [
            ((str(t.subject), str(t.predicate), str(t.object)), CATALOGUE)
            for t in catalogue_triples()
        ]
    except Exception:  # a broken data file must not stop the network
        pass
    try:
        from commitgraph.build import vocabulary_triples

        out += [
            ((str(t.subject), str(t.predicate), str(t.object)), VOCABULARY)
            for t in vocabulary_triples()
        ]
    except Exception:  # a broken data file must not stop the network
        pass
    return tuple(out)


# Acronyms kept in capitals when an all-capitals title is put in sentence case.
_ACRONYMS = frozenset(
    {
        "OSCE",
        "OSZE",
        "ОБСЕ",
        "CSCE",
        "KSZE",
        "СБСЕ",
        "ODIHR",
        "BIDDH",
        "OIDDH",
        "BDIMR",
        "БДИПЧ",
        "UN",
        "ONU",
        "ООН",
        "NU",
        "EU",
        "UE",
        "ЕС",
        "ICT",
        "TIC",
        "ИКТ",
        "INTERPOL",
        "ICSE",
        "UNODC",
        "UNICEF",
        "ILO",
        "OIT",
        "МОТ",
        "IOM",
        "OIM",
        "МОМ",
    }
)
_WORD = re.compile(r"\w+")


def display_title(title: str) -> str:
    """A title printed in capitals (as OSCE decisions print them), in sentence case for
    labels: "RENFORCEMENT DES EFFORTS …" → "Renforcement des efforts …". Acronyms stay."""
    letters = [c for c in title if c.isalpha()]
    if not letters or any(c.islower() for c in letters):
        return title
    lowered = _WORD.sub(
        lambda m: m.group(0) if m.group(0) in _ACRONYMS else m.group(0).lower(), title
    )
    for i, c in enumerate(lowered):
        if c.isalpha():
            return lowered[:i] + c.upper() + lowered[i + 1 :]
    return lowered


def _term(value: ox.NamedNode | ox.Literal | ox.BlankNode | None) -> str:
    return "" if value is None else value.value


def _tail(iri: str, prefix: str) -> str:
    """The notation at the end of a ``cgid:`` concept IRI (``actor/MinisterialCouncil``)."""
    return (
        unquote(iri[len(prefix) :]) if iri.startswith(prefix) else unquote(iri.rsplit("/", 1)[-1])
    )


def _ident_from_iri(iri: str) -> str:
    base = CGID + "work/"
    return unquote(iri[len(base) :]) if iri.startswith(base) else iri


# ---------------------------------------------------------------------------------------
# Opening the RDF


def load_store(path: Path) -> ox.Store:
    """An in-memory Oxigraph store holding a graph file (TriG, Turtle, N-Quads ...)."""
    if not path.exists():
        raise InputError("no such file", path)
    fmt = format_for(path)
    store = ox.Store()
    try:
        store.load(path=str(path), format=fmt)
    except SyntaxError as err:
        raise InputError(f"not valid RDF: {err}", path) from err
    return store


def open_store(path: Path) -> ox.Store:
    """A persistent Oxigraph store (as written by ``build --store``), opened read-only."""
    if not path.exists():
        raise StoreError("no such store", path)
    try:
        return ox.Store.read_only(str(path))
    except OSError as err:
        raise StoreError(f"cannot open the store: {err}", path) from err


def load_network(
    graph: Path | None = None, *, store: Path | None = None, cache: bool = True
) -> nx.DiGraph:
    """The citation network of a graph file or a persistent store (exactly one of them).

    With ``cache`` (the default), a network already built from the unchanged source is
    read back from disk instead (:mod:`commitgraph.network.cache`)."""
    if (graph is None) == (store is None):
        raise ValueError("give a graph file or a store, not both or neither")
    source = store if store is not None else graph
    assert source is not None
    if not source.exists():
        raise StoreError("no such store", source) if store else InputError("no such file", source)

    def build() -> nx.DiGraph:
        if store is not None:
            return network_from_store(open_store(store))
        return network_from_store(load_store(source))

    if cache:
        from commitgraph.network.cache import cached_network

        g = cached_network(source, build)
    else:
        g = build()
    g.graph["source"] = str(source)
    if store is None:
        g.graph["named_graphs"] = format_for(source) in QUAD_FORMATS
    return g


def prefer_named_graphs(path: Path) -> Path:
    """``graph.trig`` next to a ``graph.ttl`` when there is one: the named graphs tell
    document facts from catalogue facts exactly, the union file only by comparison."""
    if path.suffix.lower() == ".ttl":
        trig = path.with_suffix(".trig")
        if trig.exists():
            return trig
    return path


# ---------------------------------------------------------------------------------------
# Building the graph


def network_from_store(store: ox.Store) -> nx.DiGraph:
    """Build the network from a store with the two queries ``NODES_QUERY`` and
    ``EDGES_QUERY``; see the module docstring for the attributes and the precedence.

    The cyclic garbage collector is paused meanwhile: the build allocates hundreds of
    thousands of small containers and no cycles, and collecting during it costs a third
    of the time on a large network."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _build(store)
    finally:
        if enabled:
            gc.enable()


def _build(store: ox.Store) -> nx.DiGraph:
    origins = _Origins()
    works: dict[str, _Work] = {}

    def work(iri: str) -> _Work:
        w = works.get(iri)
        if w is None:
            w = works[iri] = _Work(iri)
        return w

    # Solutions are unpacked by position (in SELECT order): reading them by variable name
    # costs more than the queries themselves on a large graph.
    # A store that keeps the merge of its named graphs in the default graph (as build and
    # query stores do) would answer every pattern twice: read the named graphs only.
    merged = {"default_graph": []} if next(iter(store.named_graphs()), None) else {}
    for g, w, keyterm, v, x in map(tuple, store.query(NODES_QUERY, **merged)):
        if not isinstance(w, ox.NamedNode) or v is None:
            continue
        key = keyterm.value
        triple = None
        if g is None:  # no graph name: compare the triple itself with the packaged data
            subject = x if key == "title" else w
            triple = (str(subject), f"<{_KEY_PREDICATE[key]}>", str(v))
        origin = origins.of(g if isinstance(g, ox.NamedNode) else None, triple)
        lang = v.language or "" if isinstance(v, ox.Literal) else ""
        work(w.value).add(key, origin, v.value, lang)
    _cities_from_meetings(works)

    pairs: dict[tuple[str, str], set[int]] = defaultdict(set)
    citations: dict[tuple[str, str], dict[str, dict]] = defaultdict(dict)  # type: ignore[type-arg]
    quotes: dict[str, set[str]] = defaultdict(set)  # citation -> the phrases it quotes
    for kind, g, citing, cited, c, ent, rel, relnote, quote, text, status, ref, note in map(
        tuple, store.query(EDGES_QUERY, **merged)
    ):
        if kind.value == "quote":
            quotes[_term(c)].add(quote.value)
            continue
        if not isinstance(citing, ox.NamedNode) or not isinstance(cited, ox.NamedNode):
            continue
        gname = g if isinstance(g, ox.NamedNode) else None
        key = (citing.value, cited.value)
        if kind.value == "pair":
            triple = (str(citing), f"<{ELI}cites>", str(cited)) if gname is None else None
            pairs[key].add(origins.of(gname, triple))
            continue
        cit = _term(c)
        ev = citations[key].get(cit)
        if ev is None:
            ev = citations[key][cit] = {
                "citation": cit,
                "paragraph": _term(ent),
                "graph": _term(gname),
                "relations": set(),
                "quotes": set(),
                "texts": {},
                "references": set(),
                "notes": set(),
                "status": "",
                "origin": origins.of(gname, None),
            }
        if rel is not None:
            ev["relations"].add(
                relnote.value if relnote is not None else _tail(rel.value, CGID + "relation/")
            )
        if text is not None:
            ev["texts"].setdefault(text.language or "", text.value)
        if status is not None:
            ev["status"] = status.value
        if ref is not None:
            ev["references"].add(ref.value)
        if note is not None:
            ev["notes"].add(note.value)

    for evs in citations.values():
        for ev in evs.values():
            ev["quotes"].update(quotes.get(ev["citation"], ()))

    g = nx.DiGraph()
    nodes = {iri for iri, w in works.items() if _is_node(w)}
    for citing, cited in pairs:
        nodes.update((citing, cited))
    for iri in sorted(nodes):
        g.add_node(iri, **_node_attributes(iri, works.get(iri) or _Work(iri)))
    orphans = 0
    for (citing, cited), orig in sorted(pairs.items()):
        g.add_edge(citing, cited, **_edge_attributes(orig, citations.get((citing, cited), {})))
    for key, evs in citations.items():
        if key not in pairs:
            orphans += len(evs)
    g.graph["orphan_citations"] = orphans
    g.graph["name"] = "commitgraph citation network"
    return g


def _cities_from_meetings(works: dict[str, _Work]) -> None:
    """Give each work the cities of the meetings it was adopted at, with the origin of
    each city triple (the rows key cities by meeting, see ``NODES_QUERY``)."""
    for w in list(works.values()):
        seen: set[tuple[int, str, str]] = set()
        for _, meeting, _ in w.facts.get("meeting", ()):
            m = works.get(meeting)
            for fact in m.facts.get("city", ()) if m is not None else ():
                if fact not in seen:
                    seen.add(fact)
                    w.facts["city"].append(fact)


_KEY_PREDICATE = {
    "type": RDF + "type",
    "id": DCTERMS + "identifier",
    "label": SKOS + "prefLabel",
    "alt": SKOS + "altLabel",
    "date": ELI + "date_document",
    "body": ELI + "passed_by",
    "meeting": CG + "adoptedAt",
    "annexOf": ELI + "is_annex_of",
    "unresolved": CG + "unresolved",
    "source": DCTERMS + "source",
    "title": ELI + "title",
    "city": CG + "city",
}


def _is_node(w: _Work) -> bool:
    """A work of its own: typed a work by a document or the catalogue (the vocabulary
    alone does not make a node), and neither a corrigendum nor an annex."""
    types = {v for o, v, _ in w.facts.get("type", ()) if o >= CATALOGUE}
    if not types & {ELI + "Work", CG + "Decision", CG + "Instrument"}:
        return False
    return CG + "Corrigendum" not in types and not w.facts.get("annexOf")


def _node_attributes(iri: str, w: _Work) -> dict[str, object]:
    ident = (w.best("id") or [_ident_from_iri(iri)])[0]
    attrs: dict[str, object] = {"iri": iri, "id": ident}

    kinds = set(w.best("type", exclude=ELI + "Work"))
    attrs["type"] = (
        "decision"
        if CG + "Decision" in kinds
        else "instrument"
        if CG + "Instrument" in kinds
        else "other"
    )

    titles: dict[str, str] = {}
    for _o, v, lg in sorted(w.facts.get("title", ()), key=lambda r: (-r[0], r[2], r[1])):
        titles.setdefault(lg or "und", v)
    labels: dict[str, str] = {}
    for _o, v, lg in sorted(w.facts.get("label", ()), key=lambda r: (-r[0], r[2], r[1])):
        if v != ident:
            labels.setdefault(lg or "und", v)
    doc_en_title = [v for o, v, lg in w.facts.get("title", ()) if o == DOCUMENT and lg == "en"]
    if doc_en_title:
        label = sorted(doc_en_title)[0]
    elif w.best("label", lang="en", exclude=ident):
        label = w.best("label", lang="en", exclude=ident)[0]
    elif titles:
        label = titles[sorted(titles)[0]]
    elif labels:
        label = labels[sorted(labels)[0]]
    else:
        label = ident
    attrs["label"] = label if label == ident else display_title(label)
    if titles:
        attrs["titles"] = titles
    if labels:
        attrs["labels"] = labels
    alts = sorted({v for _, v, _ in w.facts.get("alt", ())})
    if alts:
        attrs["alt_labels"] = alts

    dates = w.best("date")
    if dates:
        # the most precise of the top-origin values, then the earliest
        date = sorted(dates, key=lambda d: (-len(d), d))[0]
        attrs["date"] = date
        prec = date_precision(date)
        if prec:
            attrs["date_precision"] = prec
        m = _DATE.match(date)
        if m:
            attrs["year"] = int(m.group(1))
            attrs["year_from"] = "date"
    if "year" not in attrs:
        y = year_from_identifier(ident)
        if y is not None:
            attrs["year"] = y
            attrs["year_from"] = "identifier"

    body = w.best("body")
    if body:
        attrs["body"] = _tail(body[0], CGID + "actor/")
    meeting = w.best("meeting")
    if meeting:
        attrs["meeting"] = meeting[0]
    city = w.best("city")
    if city:
        attrs["city"] = city[0]
    sources = sorted({v for _, v, _ in w.facts.get("source", ())})
    if sources:
        attrs["sources"] = sources
    attrs["has_text"] = any(o == DOCUMENT for o, _, _ in w.facts.get("title", ()))
    if any(v == "true" for o, v, _ in w.facts.get("unresolved", ()) if o == DOCUMENT):
        attrs["unresolved"] = True
    origins = w.origins() - {VOCABULARY}
    attrs["origin"] = (
        "both"
        if origins == {DOCUMENT, CATALOGUE}
        else ORIGIN_NAME[max(origins)]
        if origins
        else "none"
    )
    return attrs


def _edge_attributes(origins: set[int], evidence: dict[str, dict]) -> dict[str, object]:  # type: ignore[type-arg]
    evs = []
    for c in sorted(evidence):
        e = evidence[c]
        texts = e["texts"]
        lang = "en" if "en" in texts else min(texts) if texts else ""
        evs.append(
            {
                "citation": e["citation"],
                "paragraph": e["paragraph"],
                "graph": e["graph"],
                "origin": ORIGIN_NAME[e["origin"]],
                "relations": sorted(e["relations"]),
                "quotes": sorted(e["quotes"]),
                "text": texts.get(lang, ""),
                "lang": lang,
                "status": e["status"],
                "references": sorted(e["references"]),
                "notes": sorted(e["notes"]),
            }
        )
    relations = sorted({r for e in evs for r in e["relations"]}) or ["cites"]
    relation = next((r for r in RELATION_ORDER if r in relations), relations[0])
    known = origins - {VOCABULARY}
    source = (
        "both"
        if known == {DOCUMENT, CATALOGUE}
        else ORIGIN_NAME[max(known)]
        if known
        else "vocabulary"
    )
    attrs: dict[str, object] = {
        "relation": relation,
        "relations": relations,
        "source": source,
        "count": max(len(evs), 1),
        "paragraphs": sorted({e["paragraph"] for e in evs if e["origin"] != "catalogue"}),
        "quotes": sorted({q for e in evs for q in e["quotes"]}),
        "texts": [e["text"] for e in evs if e["text"]],
        "references": sorted({r for e in evs for r in e["references"]}),
        "evidence": evs,
    }
    statuses = sorted({e["status"] for e in evs if e["status"]})
    if statuses:
        attrs["status"] = statuses[0] if len(statuses) == 1 else "; ".join(statuses)
    return attrs


# ---------------------------------------------------------------------------------------
# Looking nodes up


def find_node(g: nx.DiGraph, ident: str) -> str:
    """The node key for an identifier (``MC.DEC/7/17``), a work IRI, or a unique
    case-insensitive identifier; raises :class:`InputError` naming near misses."""
    if ident in g:
        return ident
    exact = [n for n, d in g.nodes(data=True) if d.get("id") == ident]
    if len(exact) == 1:
        return exact[0]
    folded = [n for n, d in g.nodes(data=True) if str(d.get("id", "")).lower() == ident.lower()]
    if len(folded) == 1:
        return folded[0]
    near = sorted(
        str(d.get("id"))
        for _, d in g.nodes(data=True)
        if ident.lower() in str(d.get("id", "")).lower()
    )[:8]
    hint = f" (did you mean {', '.join(near)}?)" if near else ""
    raise InputError(f"no work {ident!r} in the network{hint}")


def iter_ids(g: nx.DiGraph, nodes: Iterable[str]) -> list[str]:
    """The identifiers of some node keys, for messages and tables."""
    return [str(g.nodes[n].get("id", n)) for n in nodes]
