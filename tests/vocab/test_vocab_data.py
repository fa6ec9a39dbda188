"""Data checks for the SKOS vocabularies in ``ontology/vocab/``.

Why these tests exist: the extractor compiles its matchers from these files, so a concept
without a label in one language, a pattern that does not compile, an opener pointing to a
relation that does not exist or an instrument IRI that breaks the id rule would silently
cost extraction accuracy on texts nobody has seen. The checks below read the Turtle only;
they do not import the extractor. A small reference matcher implements the matching
conventions of ``ontology/README.md`` (case-insensitive, any white space run, ``'`` for
``’``, `` ... `` gaps, longest match wins, ties broken by the more literal label) so that
every ``skos:example`` and the formulas of ``design/record.md`` can be checked against
the data.

General checks (parsing, notation, scheme, the six prefLabels, patterns) run on every
file of the folder; checks specific to one vocabulary are scoped to its scheme, so that
files written by others are only held to the shared conventions.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

from commitgraph.record import (
    RECORD_ACTIONS,
    RECORD_ADDRESSEES,
    RECORD_ORGANISATIONS,
    RECORD_RELATIONS,
)

ROOT = Path(__file__).resolve().parents[2]
VOCAB_DIR = ROOT / "ontology" / "vocab"
GOLD_DIR = ROOT / "tests" / "fixtures" / "gold"

CG = Namespace("https://w3id.org/commitgraph/ontology#")
CGID = "https://w3id.org/commitgraph/id/"
XSD_NS = "http://www.w3.org/2001/XMLSchema#"
XSD_INTEGER, XSD_DATE, XSD_GYEAR = (URIRef(XSD_NS + t) for t in ("integer", "date", "gYear"))
LANGS = ("en", "fr", "ru", "de", "es", "it")

#: The vocabularies this test owns in full (scheme-specific checks apply to them).
OWNED = ("actions", "relations", "openers", "modifiers", "actors", "instruments")
#: Vocabularies whose labels are matched in running text.
MATCHED = ("actions", "openers", "modifiers", "actors", "instruments")

RECORD_ACTORS = RECORD_ADDRESSEES | RECORD_ORGANISATIONS
GENERIC_GROUPS = {"CivilSociety", "PrivateSector", "InternationalOrganizations"}
BODIES = {
    "MinisterialCouncil": "MC",
    "PermanentCouncil": "PC",
    "ForumForSecurityCooperation": "FSC",
}
#: Canonical ids of record.md's named families that the instruments vocabulary must hold.
RECORD_INSTRUMENTS = {
    "CSCE:Helsinki1975",
    "CSCE:Vienna1989",
    "CSCE:Copenhagen1990",
    "CSCE:Paris1990",
    "CSCE:Moscow1991",
    "CSCE:Helsinki1992",
    "CSCE:Budapest1994",
    "OSCE:Istanbul1999",
    "OSCE:PortoDeclaration2002",
    "UNTC:IV-11",
    "UNTC:IV-11-c",
    "UNTC:IV-8",
    "UNTC:XVIII-12",
    "UNTC:XVIII-12-a",
    "UNTC:XVIII-12-b",
    "UNGA:A/RES/64/293",
    "UNGA:A/RES/70/1",
    "UNSC:S/RES/2331",
    "UN:UDHR1948",
    "CETS:197",
    "CETS:201",
    "ETS:185",
    "ILO:C182",
    "ILO:P029",
    "PC.DEC/557",
    "PC.DEC/557/Rev.1",
    "PC.DEC/1107",
}
#: Prepositions that must not end an en/fr/es/it opener label (record.md: the printed
#: opening leaves the trailing preposition out in these languages).
TRAILING_PREPOSITIONS = {
    "en": {"of", "to", "by", "with", "upon", "on", "about", "at", "that"},
    "fr": {"de", "du", "des", "à", "au", "aux", "par", "que", "sur"},
    "es": {"de", "del", "a", "al", "por", "que", "con"},
    "it": {"di", "del", "della", "dei", "a", "al", "alla", "da", "dal", "su", "che"},
}

VOCAB_FILES = sorted(VOCAB_DIR.glob("*.ttl"))


def scheme_iri(stem: str) -> URIRef:
    """The scheme IRI of a vocabulary file, as ontology/README.md defines it."""
    return URIRef(f"{CGID}vocab/{stem}")


@cache
def graph_of(path: Path) -> Graph:
    """Parse one vocabulary file once per test session."""
    return Graph().parse(path, format="turtle")


@cache
def owned_graph() -> Graph:
    """All owned vocabularies in one graph, for checks that cross files."""
    merged = Graph()
    for stem in OWNED:
        merged += graph_of(VOCAB_DIR / f"{stem}.ttl")
    return merged


def concepts_in(g: Graph, scheme: URIRef) -> list[URIRef]:
    """Concepts of one scheme, sorted for stable parametrisation and messages."""
    return sorted(s for s in g.subjects(SKOS.inScheme, scheme) if isinstance(s, URIRef))


def norm(text: str) -> str:
    """Normalise a label or text the way the matcher compares them."""
    text = unicodedata.normalize("NFC", text).replace("’", "'")
    # lower(), not casefold(): the matcher's re.IGNORECASE keeps "ß" and "ss" apart.
    return " ".join(text.split()).lower()


# ---------------------------------------------------------------------------------------
# Reference matcher (ontology/README.md conventions)
# ---------------------------------------------------------------------------------------

GAP = r"\s+(?:[^.;]{1,120}?\s+)?"


def label_regex(label: str) -> str:
    """Compile a label into a regular expression following the README conventions."""
    label = unicodedata.normalize("NFC", label).replace("’", "'")
    parts = []
    for part in label.split(" ... "):
        tokens = [re.escape(tok).replace("'", "['’]") for tok in part.split()]
        parts.append(r"\s+".join(tokens))
    return r"(?<!\w)" + GAP.join(parts) + r"(?!\w)"


def literal_length(label: str) -> int:
    """Characters of a label outside its gaps: the more, the more specific the label."""
    return len(label.replace(" ... ", ""))


@dataclass(frozen=True)
class Hit:
    """One match of one concept in a text."""

    concept: URIRef
    start: int
    end: int
    literal: int

    @property
    def rank(self) -> tuple[int, int]:
        """Longest span first, then the label with more literal characters."""
        return (self.end - self.start, self.literal)


@cache
def matchers(stem: str) -> dict[str, list[tuple[URIRef, re.Pattern[str], int | None]]]:
    """Per language, every (concept, compiled regex, literal length) of a vocabulary.

    Patterns get literal length None: their match length is used instead. Family
    references ("l'Additif de 2013") are compiled for instruments that have a family.
    """
    g = graph_of(VOCAB_DIR / f"{stem}.ttl")
    table: dict[str, list[tuple[URIRef, re.Pattern[str], int | None]]] = defaultdict(list)
    for concept in concepts_in(g, scheme_iri(stem)):
        for prop in (SKOS.prefLabel, SKOS.altLabel):
            for lab in g.objects(concept, prop):
                assert isinstance(lab, Literal)
                rx = re.compile(label_regex(str(lab)), re.IGNORECASE)
                table[lab.language or ""].append((concept, rx, literal_length(str(lab))))
        for pat in g.objects(concept, CG.pattern):
            assert isinstance(pat, Literal)
            table[pat.language or ""].append((concept, re.compile(str(pat), re.I), None))
        for family in g.objects(concept, CG.family):
            year = g.value(concept, CG.familyYear)
            for lab in g.objects(family, SKOS.prefLabel | SKOS.altLabel):
                assert isinstance(lab, Literal)
                word = label_regex(str(lab))
                for form in (
                    rf"{word}[\s\w'’-]{{0,20}}?(?<!\d){year}(?!\d)",
                    rf"(?<!\d){year}(?!\d)[\s\w'’-]{{0,20}}?{word}",
                ):
                    table[lab.language or ""].append((concept, re.compile(form, re.I), None))
    return table


def hits(stem: str, text: str, lang: str) -> list[Hit]:
    """All matches of a vocabulary's labels, patterns and families in a text."""
    found = []
    for concept, rx, literal in matchers(stem)[lang]:
        for m in rx.finditer(text):
            if m.end() > m.start():
                size = literal if literal is not None else m.end() - m.start()
                found.append(Hit(concept, m.start(), m.end(), size))
    return found


def related(g: Graph, concept: URIRef) -> set[URIRef]:
    """A concept with its broader and narrower concepts (same record notation)."""
    out = {concept}
    out.update(o for o in g.objects(concept, SKOS.broader) if isinstance(o, URIRef))
    out.update(s for s in g.subjects(SKOS.broader, concept) if isinstance(s, URIRef))
    return out


def recognised(stem: str, concept: URIRef, text: str, lang: str) -> bool:
    """True if some match of the concept is not swallowed by another concept's match.

    A match is swallowed when an unrelated concept matches a span that contains it and
    ranks at least as high (a tie between two concepts is an ambiguity, not a win).
    """
    g = graph_of(VOCAB_DIR / f"{stem}.ttl")
    friends = related(g, concept)
    found = hits(stem, text, lang)
    for own in (h for h in found if h.concept == concept):
        beaten = any(
            other.concept not in friends
            and other.start <= own.start
            and other.end >= own.end
            and other.rank >= own.rank
            for other in found
        )
        if not beaten:
            return True
    return False


def resolve_at_start(stem: str, text: str, lang: str) -> URIRef | None:
    """The concept whose best match starts the text; None if none or ambiguous."""
    text = text.strip()
    starting = [h for h in hits(stem, text, lang) if h.start == 0]
    if not starting:
        return None
    best = max(h.rank for h in starting)
    winners = {h.concept for h in starting if h.rank == best}
    return winners.pop() if len(winners) == 1 else None


@cache
def exact_labels(stem: str, lang: str) -> dict[str, set[URIRef]]:
    """Normalised label -> concepts, for looking up a printed formula as a whole."""
    g = graph_of(VOCAB_DIR / f"{stem}.ttl")
    table: dict[str, set[URIRef]] = defaultdict(set)
    for concept in concepts_in(g, scheme_iri(stem)):
        for lab in g.objects(concept, SKOS.prefLabel | SKOS.altLabel):
            if isinstance(lab, Literal) and lab.language == lang:
                table[norm(str(lab))].add(concept)
    return table


def lookup_printed(stem: str, printed: str, lang: str) -> URIRef | None:
    """Find the concept of a printed opening/verb, allowing one modifier on either side.

    record.md keeps adverbs in the printed form ("Recalling also", "ferner unter Hinweis
    auf", "Encourage en outre"); the relation/action is that of the formula alone.
    """
    key = norm(printed)
    table = exact_labels(stem, lang)
    if len(table.get(key, set())) == 1:
        return next(iter(table[key]))
    modifiers = exact_labels("modifiers", lang)
    for mod in modifiers:
        for rest in (key.removeprefix(mod + " "), key.removesuffix(" " + mod)):
            if rest != key and len(table.get(rest, set())) == 1:
                return next(iter(table[rest]))
    return None


PARTICIPATING_STATES = {"ParticipatingStates", "ParticipatingStatesNotYetDone"}


def lookup_verb(printed: str, lang: str, addressees: list[str]) -> URIRef | None:
    """Find the action of a printed verb, applying cg:addresseeScopedLabel.

    record.md: Italian "Invita" is call_upon when the addressees are participating
    States, invite otherwise; the scoped label wins only in the first case.
    """
    if addressees and set(addressees) <= PARTICIPATING_STATES:
        g = graph_of(VOCAB_DIR / "actions.ttl")
        for concept, lab in g.subject_objects(CG.addresseeScopedLabel):
            if (
                isinstance(lab, Literal)
                and lab.language == lang
                and norm(str(lab)) == norm(printed)
            ):
                return concept if isinstance(concept, URIRef) else None
    return lookup_printed("actions", printed, lang)


def notation(g: Graph, concept: URIRef | None) -> str | None:
    """The notation of a concept (None stays None, for readable assertion messages)."""
    if concept is None:
        return None
    value = g.value(concept, SKOS.notation)
    return None if value is None else str(value)


def relation_of(opener: URIRef | None) -> str | None:
    """The relation notation an opener expresses."""
    if opener is None:
        return None
    g = owned_graph()
    return notation(g, g.value(opener, CG.relation))


# ---------------------------------------------------------------------------------------
# General checks: every file of the folder
# ---------------------------------------------------------------------------------------


def test_owned_vocabularies_exist() -> None:
    """The six vocabularies this suite owns must be present."""
    missing = [s for s in OWNED if not (VOCAB_DIR / f"{s}.ttl").is_file()]
    assert not missing


@pytest.mark.parametrize("path", VOCAB_FILES, ids=lambda p: p.stem)
def test_file_parses(path: Path) -> None:
    """Every vocabulary file is valid Turtle and not empty."""
    assert len(graph_of(path)) > 0


@pytest.mark.parametrize("path", VOCAB_FILES, ids=lambda p: p.stem)
def test_concepts_have_notation_scheme_and_six_preflabels(path: Path) -> None:
    """Each concept: one notation, a scheme declared in the file, one prefLabel per language."""
    g = graph_of(path)
    schemes = set(g.subjects(RDF.type, SKOS.ConceptScheme))
    problems = []
    for concept in sorted(set(g.subjects(RDF.type, SKOS.Concept))):
        if len(list(g.objects(concept, SKOS.notation))) != 1:
            problems.append(f"{concept}: not exactly one skos:notation")
        in_schemes = set(g.objects(concept, SKOS.inScheme))
        if not in_schemes or not in_schemes <= schemes:
            problems.append(f"{concept}: not in a scheme declared in {path.name}")
        langs = [
            lab.language for lab in g.objects(concept, SKOS.prefLabel) if isinstance(lab, Literal)
        ]
        for lang in LANGS:
            if langs.count(lang) != 1:
                problems.append(f"{concept}: {langs.count(lang)} prefLabel@{lang}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", VOCAB_FILES, ids=lambda p: p.stem)
def test_notations_unique_within_scheme(path: Path) -> None:
    """Notations are unique in a scheme, except that a narrower concept may repeat its
    broader concept's notation.

    Why the exception: finer action concepts (endorse, adopt …) are narrower than the
    record action whose notation they carry, so that records keep the ten actions.
    """
    g = graph_of(path)
    problems = []
    for scheme in set(g.subjects(RDF.type, SKOS.ConceptScheme)):
        seen: dict[str, URIRef] = {}
        for concept in concepts_in(g, scheme):
            code = notation(g, concept)
            parents = [
                b for b in g.objects(concept, SKOS.broader) if (b, SKOS.inScheme, scheme) in g
            ]
            if any(notation(g, p) == code for p in parents):
                continue
            if code in seen:
                problems.append(f"{concept} and {seen[code]} share notation {code!r}")
            seen[str(code)] = concept
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", VOCAB_FILES, ids=lambda p: p.stem)
def test_patterns_compile_and_never_match_empty(path: Path) -> None:
    """Every cg:pattern is a language-tagged Python regex that cannot match nothing."""
    g = graph_of(path)
    problems = []
    for concept, pat in g.subject_objects(CG.pattern):
        if not isinstance(pat, Literal) or pat.language not in LANGS:
            problems.append(f"{concept}: pattern without one of the six language tags")
            continue
        try:
            rx = re.compile(str(pat))
        except re.error as err:
            problems.append(f"{concept}: {pat!s} does not compile: {err}")
            continue
        if rx.fullmatch("") is not None:
            problems.append(f"{concept}: {pat!s} matches the empty string")
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------------------------------
# Checks on the owned vocabularies
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("stem", OWNED)
def test_owned_concepts_in_their_files_scheme(stem: str) -> None:
    """Concepts of an owned file sit in cgid:vocab/<file-stem> (ontology/README.md)."""
    g = graph_of(VOCAB_DIR / f"{stem}.ttl")
    assert (scheme_iri(stem), RDF.type, SKOS.ConceptScheme) in g
    outside = [
        c
        for c in g.subjects(RDF.type, SKOS.Concept)
        if (c, SKOS.inScheme, scheme_iri(stem)) not in g
    ]
    assert not outside


@pytest.mark.parametrize("stem", OWNED)
def test_labels_unambiguous_and_pref_alt_disjoint(stem: str) -> None:
    """No label names two concepts of one scheme; no label is both pref and alt.

    Why: an ambiguous label makes the matcher's answer depend on dictionary order.
    """
    g = graph_of(VOCAB_DIR / f"{stem}.ttl")
    owners: dict[tuple[str | None, str], set[URIRef]] = defaultdict(set)
    problems = []
    for concept in concepts_in(g, scheme_iri(stem)):
        prefs = {
            (lab.language, norm(str(lab)))
            for lab in g.objects(concept, SKOS.prefLabel)
            if isinstance(lab, Literal)
        }
        alts = {
            (lab.language, norm(str(lab)))
            for lab in g.objects(concept, SKOS.altLabel)
            if isinstance(lab, Literal)
        }
        if prefs & alts:
            problems.append(f"{concept}: both pref and alt: {sorted(prefs & alts)}")
        for key in prefs | alts:
            owners[key].add(concept)
    for (lang, label), concepts in sorted(owners.items(), key=lambda kv: str(kv[0])):
        if len(concepts) > 1:
            problems.append(f"{label!r}@{lang} names {sorted(concepts)}")
    assert not problems, "\n".join(problems)


def test_actions_notations_and_strengths() -> None:
    """The ten record actions are the top concepts, each with its own integer strength."""
    g = graph_of(VOCAB_DIR / "actions.ttl")
    scheme = scheme_iri("actions")
    tops = {c for c in concepts_in(g, scheme) if g.value(c, SKOS.broader) is None}
    assert {notation(g, c) for c in tops} == RECORD_ACTIONS
    strengths = {}
    for concept in concepts_in(g, scheme):
        values = list(g.objects(concept, CG.strength))
        assert len(values) == 1, concept
        value = values[0]
        assert isinstance(value, Literal) and value.datatype == XSD_INTEGER, concept
        strengths[concept] = value.toPython()
    assert len({strengths[c] for c in tops}) == len(tops)
    for concept in set(strengths) - tops:
        parent = g.value(concept, SKOS.broader)
        assert parent in tops, concept
        assert strengths[concept] == strengths[parent], concept
        assert notation(g, concept) == notation(g, parent), concept
    by_name = {notation(g, c): strengths[c] for c in tops}
    assert by_name["other"] < by_name["call_upon"] < by_name["urge"]
    assert by_name["encourage"] < by_name["call_upon"] < by_name["task"] <= by_name["decide"]


def test_italian_invita_is_scoped_for_call_upon() -> None:
    """Italian "Invita" means invite unless the addressees are participating States."""
    g = graph_of(VOCAB_DIR / "actions.ttl")
    action = Namespace(f"{CGID}action/")
    invita = Literal("Invita", lang="it")
    assert (action.call_upon, CG.addresseeScopedLabel, invita) in g
    assert invita in set(g.objects(action.invite, SKOS.prefLabel | SKOS.altLabel))
    assert invita not in set(g.objects(action.call_upon, SKOS.prefLabel | SKOS.altLabel))


def test_relations_are_the_seven_of_the_record() -> None:
    """The relations scheme holds record.md's seven preambular relations, plus the one
    that types citations made in operative paragraphs."""
    g = graph_of(VOCAB_DIR / "relations.ttl")
    codes = {notation(g, c) for c in concepts_in(g, scheme_iri("relations"))}
    assert codes == RECORD_RELATIONS | {"operative"}


def test_openers_point_to_existing_relations() -> None:
    """Each opener has exactly one cg:relation to a concept of the relations scheme."""
    g = owned_graph()
    problems = []
    openers = concepts_in(g, scheme_iri("openers"))
    assert len(openers) >= 45
    for opener in openers:
        targets = list(g.objects(opener, CG.relation))
        if len(targets) != 1 or (targets[0], SKOS.inScheme, scheme_iri("relations")) not in g:
            problems.append(str(opener))
    assert not problems, "\n".join(problems)


def test_opener_labels_leave_trailing_preposition_out() -> None:
    """en/fr/es/it opener labels end before the preposition (record.md, "opening")."""
    g = graph_of(VOCAB_DIR / "openers.ttl")
    problems = []
    for concept in concepts_in(g, scheme_iri("openers")):
        for lab in g.objects(concept, SKOS.prefLabel | SKOS.altLabel):
            assert isinstance(lab, Literal)
            words = norm(str(lab)).split()
            if lab.language in TRAILING_PREPOSITIONS and (
                words[-1] in TRAILING_PREPOSITIONS[lab.language] or words[-1].endswith("'")
            ):
                problems.append(f"{lab!s}@{lab.language}")
    assert not problems, "\n".join(problems)


def test_modifiers_have_positions() -> None:
    """Each modifier says where it stands: "before", "after" or both."""
    g = graph_of(VOCAB_DIR / "modifiers.ttl")
    for concept in concepts_in(g, scheme_iri("modifiers")):
        positions = {str(p) for p in g.objects(concept, CG.position)}
        assert positions and positions <= {"before", "after"}, concept


def test_actors_ids_iris_and_flags() -> None:
    """Actor ids are record.md's; IRI, notation and identifier agree; flags are set."""
    g = graph_of(VOCAB_DIR / "actors.ttl")
    by_id = {}
    for concept in concepts_in(g, scheme_iri("actors")):
        code = notation(g, concept)
        assert str(g.value(concept, DCTERMS.identifier)) == code, concept
        assert concept == URIRef(f"{CGID}actor/{code}"), concept
        by_id[code] = concept
    assert set(by_id) >= RECORD_ACTORS
    generic = {code for code, c in by_id.items() if g.value(c, CG.genericGroup) == Literal(True)}
    assert generic == GENERIC_GROUPS
    for code, prefix in BODIES.items():
        assert str(g.value(by_id[code], CG.symbolPrefix)) == prefix
        langs = {
            str(a.language)
            for a in g.objects(by_id[code], CG.abbreviation)
            if isinstance(a, Literal)
        }
        assert langs == set(LANGS), code


def test_instruments_follow_the_iri_rule() -> None:
    """IRI = cgid:work/ + canonical id with its first ':' made '/'; typed dates; links hold."""
    g = graph_of(VOCAB_DIR / "instruments.ttl")
    scheme = scheme_iri("instruments")
    instruments = set(g.subjects(RDF.type, CG.Instrument))
    families = set(g.objects(None, CG.family)) | set(g.subjects(CG.idTemplate, None))
    problems = []
    for concept in concepts_in(g, scheme):
        if concept in families:
            continue
        if concept not in instruments:
            problems.append(f"{concept}: neither cg:Instrument nor a family")
            continue
        ids = [str(i) for i in g.objects(concept, DCTERMS.identifier)]
        if len(ids) != 1:
            problems.append(f"{concept}: {len(ids)} dcterms:identifier")
            continue
        if concept != URIRef(f"{CGID}work/{ids[0].replace(':', '/', 1)}"):
            problems.append(f"{concept}: IRI does not follow the rule for {ids[0]}")
        if notation(g, concept) != ids[0]:
            problems.append(f"{concept}: notation differs from identifier")
        for date in g.objects(concept, DCTERMS.date):
            if not isinstance(date, Literal) or date.datatype not in (XSD_DATE, XSD_GYEAR):
                problems.append(f"{concept}: dcterms:date is not xsd:date or xsd:gYear")
            elif date.ill_typed:
                problems.append(f"{concept}: ill-typed date {date!s}")
        for parent in g.objects(concept, CG.supplements):
            if parent not in instruments or parent == concept:
                problems.append(f"{concept}: cg:supplements {parent} is not another instrument")
        for family in g.objects(concept, CG.family):
            year = g.value(concept, CG.familyYear)
            if (family, SKOS.inScheme, scheme) not in g or year is None:
                problems.append(f"{concept}: family {family} without scheme or year")
    held = {str(i) for i in g.objects(None, DCTERMS.identifier)}
    missing = RECORD_INSTRUMENTS - held
    assert not missing, sorted(missing)
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------------------------------
# record.md's tables and the gold records
# ---------------------------------------------------------------------------------------

#: design/record.md's relation table (plus the Italian formulas it asks for), as phrases
#: that begin a preambular paragraph.
RELATION_TABLE = [
    ("reaffirms", "en", "Reaffirming the commitments"),
    ("reaffirms", "en", "Reiterating"),
    ("reaffirms", "fr", "Réaffirmant"),
    ("reaffirms", "ru", "вновь подтверждая"),
    ("reaffirms", "de", "in Bekräftigung der"),
    ("reaffirms", "es", "Reafirmando"),
    ("reaffirms", "it", "Riaffermando"),
    ("recalls", "en", "Recalling also"),
    ("recalls", "en", "Referring to"),
    ("recalls", "en", "Bearing in mind"),
    ("recalls", "en", "Taking into account"),
    ("recalls", "fr", "Rappelant"),
    ("recalls", "fr", "Se référant à"),
    ("recalls", "fr", "Ayant à l'esprit"),
    ("recalls", "ru", "ссылаясь на"),
    ("recalls", "ru", "учитывая"),
    ("recalls", "de", "unter Hinweis auf"),
    ("recalls", "de", "eingedenk"),
    ("recalls", "es", "Recordando"),
    ("recalls", "es", "Teniendo presente"),
    ("recalls", "it", "Ricordando"),
    ("takes_note", "en", "Taking note of"),
    ("takes_note", "en", "Noting that"),
    ("takes_note", "fr", "Prenant note"),
    ("takes_note", "ru", "принимая к сведению"),
    ("takes_note", "ru", "отмечая"),
    ("takes_note", "de", "Kenntnis nehmend von"),
    ("takes_note", "es", "Tomando nota"),
    ("takes_note", "it", "Prendendo atto"),
    ("welcomes", "en", "Welcoming"),
    ("welcomes", "fr", "Se félicitant"),
    ("welcomes", "ru", "приветствуя"),
    ("welcomes", "de", "begrüßend"),
    ("welcomes", "de", "mit Genugtuung über"),
    ("welcomes", "es", "Acogiendo con beneplácito"),
    ("welcomes", "it", "Accogliendo con favore"),
    ("recognizes", "en", "Recognizing"),
    ("recognizes", "en", "Acknowledging"),
    ("recognizes", "fr", "Reconnaissant"),
    ("recognizes", "ru", "признавая"),
    ("recognizes", "de", "in Anerkennung"),
    ("recognizes", "es", "Reconociendo"),
    ("recognizes", "it", "Riconoscendo"),
    ("concern", "en", "Concerned"),
    ("concern", "en", "Deeply concerned"),
    ("concern", "en", "Alarmed"),
    ("concern", "en", "Noting with concern"),
    ("concern", "en", "Expressing concern"),
    ("concern", "fr", "Préoccupé"),
    ("concern", "fr", "Profondément préoccupé"),
    ("concern", "fr", "alarmé"),
    ("concern", "fr", "Consterné"),
    ("concern", "fr", "Craignant"),
    ("concern", "fr", "Exprimant sa préoccupation"),
    ("concern", "ru", "будучи обеспокоен"),
    ("concern", "ru", "обеспокоенный"),
    ("concern", "de", "besorgt"),
    ("concern", "es", "Preocupado"),
    ("concern", "es", "Preocupados"),
    ("concern", "it", "Preoccupato"),
    ("concern", "it", "Preoccupati"),
    ("other", "en", "Stressing"),
    ("other", "en", "Emphasizing"),
    ("other", "en", "Convinced"),
    ("other", "en", "Determined"),
    ("other", "en", "Guided by"),
    ("other", "en", "Commending"),
    ("other", "fr", "Soulignant"),
    ("other", "fr", "Conscient"),
    ("other", "fr", "Considérant"),
    ("other", "fr", "Louant"),
    ("other", "fr", "Guidé par"),
    ("other", "ru", "подчеркивая"),
    ("other", "de", "betonend"),
    ("other", "es", "Subrayando"),
    ("other", "it", "Sottolineando"),
]

#: design/record.md's action table, as phrases that begin an operative paragraph.
ACTION_TABLE = [
    ("call_upon", "en", "Calls upon the participating States"),
    ("call_upon", "en", "Calls on"),
    ("call_upon", "fr", "Demande aux États participants"),
    ("call_upon", "ru", "призывает"),
    ("call_upon", "de", "fordert die Teilnehmerstaaten auf"),
    ("call_upon", "es", "Exhorta"),
    ("urge", "en", "Urges"),
    ("urge", "en", "Strongly urges"),
    ("urge", "fr", "Demande instamment aux États participants"),
    ("urge", "ru", "настоятельно призывает"),
    ("urge", "de", "fordert die Teilnehmerstaaten eindringlich auf"),
    ("urge", "es", "Insta"),
    ("urge", "it", "Esorta"),
    ("encourage", "en", "Encourages"),
    ("encourage", "en", "Strongly encourages"),
    ("encourage", "fr", "Encourage"),
    ("encourage", "ru", "побуждает"),
    ("encourage", "de", "ermutigt"),
    ("encourage", "de", "legt den Teilnehmerstaaten nahe"),
    ("encourage", "es", "Alienta"),
    ("encourage", "it", "Incoraggia"),
    ("request", "en", "Requests"),
    ("request", "en", "Asks"),
    ("request", "fr", "Prie"),
    ("request", "ru", "просит"),
    ("request", "de", "ersucht"),
    ("request", "de", "bittet"),
    ("request", "es", "Pide"),
    ("request", "es", "Solicita"),
    ("request", "it", "Chiede"),
    ("task", "en", "Tasks"),
    ("task", "en", "Instructs"),
    ("task", "fr", "Charge"),
    ("task", "ru", "поручает"),
    ("task", "de", "beauftragt"),
    ("task", "es", "Encarga"),
    ("task", "es", "Encomienda"),
    ("task", "it", "Incarica"),
    ("invite", "en", "Invites"),
    ("invite", "fr", "Invite"),
    ("invite", "ru", "предлагает"),
    ("invite", "de", "lädt die Kooperationspartner ein"),
    ("invite", "es", "Invita"),
    ("invite", "it", "Invita"),
    ("decide", "en", "Decides"),
    ("decide", "en", "Adopts"),
    ("decide", "en", "Agrees"),
    ("decide", "fr", "Décide"),
    ("decide", "ru", "постановляет"),
    ("decide", "ru", "решает"),
    ("decide", "de", "beschließt"),
    ("decide", "es", "Decide"),
    ("decide", "it", "Decide"),
    ("welcome", "en", "Welcomes"),
    ("welcome", "fr", "Se félicite"),
    ("welcome", "ru", "приветствует"),
    ("welcome", "de", "begrüßt"),
    ("welcome", "es", "Acoge con beneplácito"),
    ("welcome", "it", "Accoglie con favore"),
    ("support", "en", "Supports"),
    ("support", "en", "Endorses"),
    ("support", "fr", "Appuie"),
    ("support", "fr", "Approuve"),
    ("support", "ru", "поддерживает"),
    ("support", "ru", "одобряет"),
    ("support", "de", "unterstützt"),
    ("support", "de", "billigt"),
    ("support", "es", "Apoya"),
    ("support", "es", "Respalda"),
    ("support", "it", "Sostiene"),
    ("other", "en", "Recommends"),
    ("other", "en", "Reaffirms"),
    ("other", "en", "Commits"),
    ("other", "en", "Stresses"),
    ("other", "en", "Notes"),
    ("other", "en", "Condemns"),
    ("other", "en", "Declares"),
    ("other", "fr", "Recommande"),
    ("other", "ru", "рекомендует"),
    ("other", "de", "empfiehlt"),
    ("other", "es", "Recomienda"),
    ("other", "it", "Raccomanda"),
]


@pytest.mark.parametrize(("relation", "lang", "text"), RELATION_TABLE)
def test_record_relation_table(relation: str, lang: str, text: str) -> None:
    """record.md's opening formulas resolve to their relation (the table is binding)."""
    assert relation_of(resolve_at_start("openers", text, lang)) == relation


@pytest.mark.parametrize(("action", "lang", "text"), ACTION_TABLE)
def test_record_action_table(action: str, lang: str, text: str) -> None:
    """record.md's operative verbs resolve to their action (the table is binding)."""
    g = graph_of(VOCAB_DIR / "actions.ttl")
    assert notation(g, resolve_at_start("actions", text, lang)) == action


GOLD_FILES = sorted(GOLD_DIR.glob("*.json"))


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_openings_and_verbs_are_labels(path: Path) -> None:
    """Each printed opening and verb of a gold record is a label of the right concept.

    Why: the extractor reports the longest label match as the printed form, so the
    printed form itself (modifiers aside) must be a label with the gold relation/action.
    """
    record = json.loads(path.read_text(encoding="utf-8"))
    lang = record["language"]
    actions = graph_of(VOCAB_DIR / "actions.ttl")
    problems = []
    for para in record.get("preamble", []):
        got = relation_of(lookup_printed("openers", para["opening"], lang))
        if got != para["relation"]:
            problems.append(f"preamble {para['n']}: {para['opening']!r} -> {got}")
    for para in record.get("operative", []):
        got = notation(actions, lookup_verb(para["verb"], lang, para.get("addressees", [])))
        if got != para["action"]:
            problems.append(f"operative {para['n']}: {para['verb']!r} -> {got}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_ids_exist_in_vocabularies(path: Path) -> None:
    """Actor ids and named-family instrument ids used by gold records exist here."""
    record = json.loads(path.read_text(encoding="utf-8"))
    g = owned_graph()
    ids = {str(i) for i in g.objects(None, DCTERMS.identifier)}
    wanted: set[str] = set()
    for para in record.get("operative", []):
        wanted.update(para.get("addressees", []), para.get("mentions", []))
        wanted.update(para.get("in_coordination_with", []))
    for para in record.get("preamble", []) + record.get("operative", []):
        for cite in para.get("cites", []) + para.get("also_named", []):
            if ":" in cite and not cite.startswith("unresolved:"):
                wanted.add(cite)
    assert not wanted - ids, sorted(wanted - ids)
