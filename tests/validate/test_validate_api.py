"""The validation module: support triples, documents from pyoxigraph, vocabulary, output."""

from __future__ import annotations

import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic

import commitgraph.validate as validation
from commitgraph.validate import (
    Issue,
    format_issues,
    support_triples,
    validate_document,
    validate_graph,
    validate_vocabulary,
)

from .conftest import CASES, CITED, EXPR, WORK

CGSH = "https://w3id.org/commitgraph/shapes#"
CG = Namespace("https://w3id.org/commitgraph/ontology#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
OA = Namespace("http://www.w3.org/ns/oa#")
PROV = Namespace("http://www.w3.org/ns/prov#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")


@pytest.fixture
def tiny_vocabulary(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Point the module at cases/vocab and cases/catalogue instead of the real ones."""
    vocab = sorted((CASES / "vocab").glob("*.ttl"))
    monkeypatch.setattr(validation, "vocab_files", lambda: vocab)
    catalogue = tuple(sorted((CASES / "catalogue").glob("*.ttl")))
    monkeypatch.setattr(validation, "_catalogue_files", lambda: catalogue)
    return vocab


def _document() -> Graph:
    return Graph().parse(CASES / "document.ttl")


def _ox_triples() -> list[ox.Triple]:
    return list(ox.parse(path=str(CASES / "document.ttl"), format=ox.RdfFormat.TURTLE))


def _rules(issues: list[Issue]) -> set[tuple[str, str]]:
    return {((i.shape or "").removeprefix(CGSH), i.focus) for i in issues}


# --- support triples ----------------------------------------------------------------------


@pytest.mark.usefixtures("tiny_vocabulary")
def test_support_triples_are_those_of_the_referenced_concepts_and_cited_dates() -> None:
    expected = Graph().parse(CASES / "support.ttl")
    assert set(support_triples(_document())) == set(expected)


@pytest.mark.usefixtures("tiny_vocabulary")
def test_support_never_supplies_the_documents_own_date() -> None:
    doc = _document()
    doc.remove((URIRef(WORK), ELI.date_document, None))
    assert not [t for t in support_triples(doc) if t[0] == URIRef(WORK)]
    result = validate_document(doc)
    assert _rules(result.issues) == {("Decision-date", WORK)}


@pytest.mark.usefixtures("tiny_vocabulary")
def test_support_leaves_a_date_the_document_gives_alone() -> None:
    doc = _document()
    doc.add((URIRef(CITED), ELI.date_document, Literal("2004-12-07", datatype=XSD.date)))
    assert not [t for t in support_triples(doc) if t[1] == ELI.date_document]


# --- documents ------------------------------------------------------------------------------


@pytest.mark.usefixtures("tiny_vocabulary")
def test_pyoxigraph_triples_and_quads_validate_like_rdflib() -> None:
    triples = _ox_triples()
    assert validate_document(triples).conforms
    graph = ox.NamedNode(WORK + "/graph/fr")
    quads = [ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples]
    result = validate_document(quads)
    assert result.conforms and result.issues == []


@pytest.mark.usefixtures("tiny_vocabulary")
def test_a_document_read_back_from_an_oxigraph_store_validates() -> None:
    # The store gives xsd:nonNegativeInteger offsets back as xsd:integer.
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in _ox_triples())
    offsets = {
        q.object.datatype.value for q in store.quads_for_pattern(None, ox.NamedNode(OA.start), None)
    }
    assert offsets == {str(XSD.integer)}
    assert validate_document(q.triple for q in store).conforms


def test_pyoxigraph_terms_convert_to_the_same_rdflib_terms() -> None:
    converted = Graph()
    for t in _ox_triples():
        converted.add(tuple(validation._to_rdflib(x) for x in (t.subject, t.predicate, t.object)))
    assert isomorphic(converted, _document())
    title = converted.value(URIRef(EXPR), ELI.title)
    assert isinstance(title, Literal) and title.language == "fr"
    start = converted.value(URIRef(EXPR + "/span/100-134/position"), OA.start)
    assert isinstance(start, Literal) and start.datatype == XSD.nonNegativeInteger


@pytest.mark.usefixtures("tiny_vocabulary")
def test_rdflib_input_is_copied_not_changed() -> None:
    doc = _document()
    before = set(doc)
    validate_document(doc)
    assert set(doc) == before


def test_actors_missing_from_the_vocabulary_are_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    only_actions = [CASES / "vocab" / "actions.ttl"]
    monkeypatch.setattr(validation, "vocab_files", lambda: only_actions)
    monkeypatch.setattr(validation, "_catalogue_files", lambda: ())
    result = validate_document(_document())
    op1 = WORK + "/op/1"
    assert _rules(result.issues) == {
        ("Operative-addressee-known", op1),
        ("Operative-mentions-known", op1),
        ("Operative-involves-known", op1),
    }
    assert not result.conforms


@pytest.mark.usefixtures("tiny_vocabulary")
def test_a_later_cited_work_in_the_catalogue_is_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    later = tmp_path / "later.ttl"
    later.write_text(
        f'<{CITED}> <{ELI.date_document}> "2019-01-01"^^<{XSD.date}> .\n', encoding="utf-8"
    )
    monkeypatch.setattr(validation, "_catalogue_files", lambda: (later,))
    result = validate_document(_document())
    assert result.conforms  # a warning is not a violation
    assert [(i.severity, i.value) for i in result.issues] == [("Warning", CITED)]


# --- issues and their text ------------------------------------------------------------------


def _broken() -> Graph:
    doc = _document()
    doc.parse(CASES / "support.ttl")
    doc.remove((URIRef(WORK + "/op/2"), CG.actionType, None))
    doc.set((URIRef(WORK + "/op/1"), ELI.number, Literal("7")))
    return doc


def test_issues_carry_english_and_french_messages() -> None:
    result = validate_graph(_broken())
    assert not result.conforms
    assert {(i.shape or "").removeprefix(CGSH) for i in result.issues} == {
        "Operative-actionType-count",
        "OperativeNumbersSequence",
    }
    for issue in result.issues:
        assert issue.severity == "Violation"
        assert set(issue.messages) == {"en", "fr"}
        assert issue.message("fr") != issue.message("en")
    (sequence,) = [i for i in result.issues if i.shape == CGSH + "OperativeNumbersSequence"]
    assert sequence.value == "7" and "up to 7" in sequence.message("en")
    assert "jusqu'à 7" in sequence.message("fr")
    (action,) = [i for i in result.issues if i.path == "cg:actionType"]
    assert action.focus == WORK + "/op/2"


def test_message_falls_back_to_english_then_to_any_language() -> None:
    issue = Issue("f", None, None, "Violation", {"en": "E", "fr": "F"}, None)
    assert (issue.message("fr"), issue.message("ru"), issue.message()) == ("F", "E", "E")
    assert Issue("f", None, None, "Info", {"fr": "F"}, None).message("de") == "F"
    assert Issue("f", None, None, "Info", {}, None).message() == ""


def test_format_issues_writes_one_line_per_issue_in_the_language_asked() -> None:
    issues = validate_graph(_broken()).issues
    french = format_issues(issues, lang="fr").splitlines()
    assert len(french) == len(issues) == 2
    line = next(x for x in french if "cg:actionType" in x)
    assert line.startswith("Violation")
    assert "cgid:work/MC.DEC/7/17/op/2" in line
    assert "exactement un type d'action" in line
    assert "exactly one action type" in format_issues(issues)


def test_sequence_paths_are_written_as_property_paths() -> None:
    doc = _document()
    doc.remove((URIRef(EXPR), ELI.title, None))
    doc.parse(CASES / "support.ttl")
    (issue,) = validate_graph(doc).issues
    assert issue.path == "eli:is_realized_by/eli:title"


# --- speed ------------------------------------------------------------------------------------


def _large_document(operative: int) -> Graph:
    """The test document with many more operative paragraphs, each with its commitment."""
    doc = _document()
    doc.parse(CASES / "support.ttl")
    work = URIRef(WORK)
    for n in range(3, operative + 1):
        p = URIRef(f"{WORK}/op/{n}")
        start = 1000 + 100 * n
        span = URIRef(f"{EXPR}/span/{start}-{start + 90}")
        position, quote = URIRef(f"{span}/position"), URIRef(f"{span}/quote")
        commitment = URIRef(f"{p}/commitment")
        doc.add((work, ELI.has_part, p))
        for s, pr, o in [
            (p, RDF.type, CG.OperativeParagraph),
            (p, ELI.is_part_of, work),
            (p, ELI.number, Literal(str(n))),
            (p, CG.text, Literal("Charge le Secrétariat …", lang="fr")),
            (p, CG.verb, Literal("Charge", lang="fr")),
            (p, CG.actionType, URIRef("https://w3id.org/commitgraph/id/action/task")),
            (p, CG.addressee, URIRef("https://w3id.org/commitgraph/id/actor/ParticipatingStates")),
            (p, PROV.wasDerivedFrom, span),
            (commitment, RDF.type, CG.Commitment),
            (commitment, CG.expressedIn, p),
            (commitment, CG.actionType, URIRef("https://w3id.org/commitgraph/id/action/task")),
            (commitment, PROV.wasDerivedFrom, span),
            (span, RDF.type, OA.SpecificResource),
            (span, OA.hasSource, URIRef(EXPR)),
            (span, OA.hasSelector, position),
            (span, OA.hasSelector, quote),
            (position, RDF.type, OA.TextPositionSelector),
            (position, OA.start, Literal(str(start), datatype=XSD.nonNegativeInteger)),
            (position, OA.end, Literal(str(start + 90), datatype=XSD.nonNegativeInteger)),
            (quote, RDF.type, OA.TextQuoteSelector),
            (quote, OA.exact, Literal("Charge le Secrétariat")),
        ]:
            doc.add((s, pr, o))
    return doc


def test_a_document_of_two_thousand_triples_validates_well_under_a_second() -> None:
    doc = _large_document(operative=95)
    assert 1900 <= len(doc) <= 2300
    validate_graph(doc)  # the first call parses shapes and prepares queries
    start = time.perf_counter()
    result = validate_graph(doc)
    elapsed = time.perf_counter() - start
    assert result.conforms, format_issues(result.issues)
    assert elapsed < 1.0, f"validation took {elapsed:.2f} s"


# --- vocabulary -----------------------------------------------------------------------------


def test_vocabulary_missing_a_language_is_reported() -> None:
    vocab = Graph().parse(CASES / "vocabulary-missing-german.ttl")
    result = validate_vocabulary(vocab)
    assert not result.conforms
    test = "https://w3id.org/commitgraph/id/test/"
    assert _rules(result.issues) == {
        ("Concept-prefLabel-de", test + "noGerman"),
        ("Concept-prefLabel-fr", test + "twoFrench"),
    }
    (german,) = [i for i in result.issues if i.focus == test + "noGerman"]
    assert "German" in german.message("en") and "allemand" in german.message("fr")


def test_structure_vocabulary_is_complete_and_matches_the_mapping() -> None:
    from commitgraph.rdf.namespaces import concept_iri
    from commitgraph.resources import data_dir

    structure = Graph().parse(data_dir("ontology") / "vocab" / "structure.ttl")
    result = validate_vocabulary(structure)
    assert result.conforms, format_issues(result.issues)
    skos = Namespace("http://www.w3.org/2004/02/skos/core#")
    for scheme, notation in [
        ("work-type", "decision"),
        ("subdivision", "preamble"),
        ("subdivision", "operative"),
        ("subdivision", "subparagraph"),
    ]:
        concept = URIRef(concept_iri(scheme, notation))
        assert structure.value(concept, skos.notation) == Literal(notation)
