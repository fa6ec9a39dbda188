"""Each document shape, against a graph that keeps it and a graph that breaks it.

The conforming graph is ``cases/document.ttl`` with ``cases/support.ttl``; every case
below is a SPARQL update of it, named by the rule it exercises, and lists exactly the
results expected: (rule, focus node, severity). Any other result fails the test, so a
shape that fires too widely is caught as surely as one that does not fire.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rdflib import Graph, Namespace

from commitgraph.validate import shapes_graph, validate_graph

from .conftest import EXPR, WORK

CGSH = "https://w3id.org/commitgraph/shapes#"
SH = Namespace("http://www.w3.org/ns/shacl#")
V, W_ = "Violation", "Warning"

# Short names for focus nodes: W is the decision, E its French expression.
W = "W"
OP1, OP2, SUB2A = "W/op/1", "W/op/2", "W/op/2/a"
PRE2 = "W/preamble/2"
CIT = "W/preamble/1/cites/MC.DEC-13-04"
COMMITMENT = "W/op/1/commitment"
SPAN = "E/span/250-270"


def _iri(token: str) -> str:
    if token == "W" or token.startswith("W/"):
        return WORK + token[1:]
    if token.startswith("E/"):
        return EXPR + token[1:]
    return token


def _found(graph: Graph) -> tuple[bool, set[tuple[str, str, str]]]:
    result = validate_graph(graph)
    found = {
        (i.shape.removeprefix(CGSH) if i.shape else "", i.focus, i.severity) for i in result.issues
    }
    return result.conforms, found


# (case id, update, expected results as (rule, focus, severity))
BROKEN: list[tuple[str, str, list[tuple[str, str, str]]]] = [
    (
        "decision-id-missing",
        'DELETE DATA { <W> eli:id_local "MC.DEC/7/17" }',
        [("Decision-idLocal-count", W, V)],
    ),
    (
        "decision-id-twice",
        'INSERT DATA { <W> eli:id_local "MC.DEC/7/18" }',
        [("Decision-idLocal-count", W, V)],
    ),
    (
        "decision-id-with-corrigendum-suffix",
        'DELETE DATA { <W> eli:id_local "MC.DEC/7/17" } ;'
        'INSERT DATA { <W> eli:id_local "MC.DEC/7/17/Corr.1" }',
        [("Decision-idLocal-grammar", W, V)],
    ),
    (
        "decision-id-not-a-symbol",
        'DELETE DATA { <W> eli:id_local "MC.DEC/7/17" } ; INSERT DATA { <W> eli:id_local "7/17" }',
        [("Decision-idLocal-grammar", W, V)],
    ),
    (
        "decision-date-missing",
        "DELETE WHERE { <W> eli:date_document ?d }",
        [("Decision-date", W, V)],
    ),
    (
        "decision-date-not-xsd-date",
        "DELETE WHERE { <W> eli:date_document ?d } ;"
        'INSERT DATA { <W> eli:date_document "8 December 2017" }',
        [("Decision-date", W, V)],
    ),
    (
        "decision-date-twice",
        'INSERT DATA { <W> eli:date_document "2017-12-07"^^xsd:date }',
        [("Decision-date", W, V)],
    ),
    (
        "decision-title-missing",
        "DELETE WHERE { <W/expr/fr> eli:title ?t }",
        [("Decision-title", W, V)],
    ),
    (
        "decision-operative-missing",
        "DELETE DATA { <W> eli:has_part <W/op/1>, <W/op/2> }",
        [("Decision-operative", W, V)],
    ),
    (
        "operative-number-duplicate",
        'DELETE DATA { <W/op/2> eli:number "2" } ; INSERT DATA { <W/op/2> eli:number "1" }',
        [("OperativeNumbersUnique", W, V)],
    ),
    (
        "operative-number-gap",
        'DELETE DATA { <W/op/2> eli:number "2" } ; INSERT DATA { <W/op/2> eli:number "3" }',
        [("OperativeNumbersSequence", W, V)],
    ),
    (
        "operative-number-not-starting-at-one",
        'DELETE DATA { <W/op/1> eli:number "1" } ; INSERT DATA { <W/op/1> eli:number "3" }',
        [("OperativeNumbersSequence", W, V)],
    ),
    (
        "paragraph-number-not-integer",
        'DELETE DATA { <W/op/2> eli:number "2" } ; INSERT DATA { <W/op/2> eli:number "2bis" }',
        [("Paragraph-number", OP2, V)],
    ),
    (
        "paragraph-number-missing",
        'DELETE DATA { <W/preamble/2> eli:number "2" }',
        [("Paragraph-number", PRE2, V)],
    ),
    (
        "preamble-number-duplicate",
        'DELETE DATA { <W/preamble/2> eli:number "2" } ;'
        'INSERT DATA { <W/preamble/2> eli:number "1" }',
        [("PreambleNumbersUnique", W, V)],
    ),
    (
        "preamble-number-gap",
        'DELETE DATA { <W/preamble/2> eli:number "2" } ;'
        'INSERT DATA { <W/preamble/2> eli:number "4" }',
        [("PreambleNumbersSequence", W, V)],
    ),
    (
        "decision-cites-later-work",
        "DELETE WHERE { <C> eli:date_document ?d } ;"
        "INSERT DATA { <C>"
        ' eli:date_document "2018-12-07"^^xsd:date }',
        [("DecisionCitesLaterWork", W, W_)],
    ),
    (
        "operative-action-missing",
        "DELETE WHERE { <W/op/1> cg:actionType ?a }",
        [("Operative-actionType-count", OP1, V)],
    ),
    (
        "operative-action-twice",
        "INSERT DATA { <W/op/1> cg:actionType action:task }",
        [("Operative-actionType-count", OP1, V)],
    ),
    (
        "operative-action-unknown",
        "DELETE WHERE { <W/op/1> cg:actionType ?a } ;"
        "INSERT DATA { <W/op/1> cg:actionType action:pray }",
        [("Operative-actionType-known", OP1, V)],
    ),
    (
        "operative-action-from-another-scheme",
        "DELETE WHERE { <W/op/2> cg:actionType ?a } ;"
        "INSERT DATA { <W/op/2> cg:actionType actor:INTERPOL }",
        [("Operative-actionType-known", OP2, V)],
    ),
    (
        "operative-addressee-unknown",
        "INSERT DATA { <W/op/1> cg:addressee actor:Nobody }",
        [("Operative-addressee-known", OP1, V)],
    ),
    (
        "operative-mention-unknown",
        "INSERT DATA { <W/op/2> cg:mentions action:task }",
        [("Operative-mentions-known", OP2, V)],
    ),
    (
        "operative-coordination-unknown",
        "INSERT DATA { <W/op/2> cg:inCoordinationWith actor:Nobody }",
        [("Operative-involves-known", OP2, V)],
    ),
    (
        "citation-citing-missing",
        "DELETE WHERE { <W/preamble/1/cites/MC.DEC-13-04> cito:hasCitingEntity ?p }",
        [("Citation-citing", CIT, V)],
    ),
    (
        "citation-cited-missing",
        "DELETE WHERE { <W/preamble/1/cites/MC.DEC-13-04> cito:hasCitedEntity ?w }",
        [("Citation-cited", CIT, V)],
    ),
    (
        "citation-cited-twice",
        "INSERT DATA { <W/preamble/1/cites/MC.DEC-13-04> cito:hasCitedEntity"
        " <https://w3id.org/commitgraph/id/work/PC.DEC/1107> ."
        ' <https://w3id.org/commitgraph/id/work/PC.DEC/1107> dcterms:identifier "PC.DEC/1107" ;'
        ' skos:prefLabel "Addendum"@en }',
        [("Citation-cited", CIT, V)],
    ),
    (
        "citation-cited-without-identifier",
        "DELETE WHERE { <C> dcterms:identifier ?i }",
        [("Citation-cited-identified", CIT, V)],
    ),
    (
        "citation-cited-without-english-label",
        'DELETE WHERE { <C> skos:prefLabel ?l } ;INSERT DATA { <C> skos:prefLabel "13/04"@fr }',
        [("Citation-cited-identified", CIT, V)],
    ),
    (
        "citation-relation-missing",
        "DELETE WHERE { <W/preamble/1/cites/MC.DEC-13-04> cg:relation ?r }",
        [("Citation-relation", CIT, V)],
    ),
    (
        "position-start-after-end",
        "DELETE WHERE { <E/span/250-270/position> oa:start ?s } ;"
        'INSERT DATA { <E/span/250-270/position> oa:start "280"^^xsd:nonNegativeInteger }',
        [("Position-order", SPAN + "/position", V)],
    ),
    (
        "position-empty",
        "DELETE WHERE { <E/span/250-270/position> oa:end ?e } ;"
        'INSERT DATA { <E/span/250-270/position> oa:end "250"^^xsd:nonNegativeInteger }',
        [("Position-order", SPAN + "/position", V)],
    ),
    (
        "position-start-missing",
        "DELETE WHERE { <E/span/250-270/position> oa:start ?s }",
        [("Position-start", SPAN + "/position", V)],
    ),
    (
        "position-end-missing",
        "DELETE WHERE { <E/span/250-270/position> oa:end ?e }",
        [("Position-end", SPAN + "/position", V)],
    ),
    (
        "position-start-not-a-number",
        "DELETE WHERE { <E/span/250-270/position> oa:start ?s } ;"
        'INSERT DATA { <E/span/250-270/position> oa:start "250" }',
        # A string cannot be compared with the end offset either.
        [("Position-start", SPAN + "/position", V), ("Position-order", SPAN + "/position", V)],
    ),
    (
        "position-end-negative",
        "DELETE WHERE { <E/span/250-270/position> oa:end ?e } ;"
        'INSERT DATA { <E/span/250-270/position> oa:end "-1"^^xsd:integer }',
        [("Position-end", SPAN + "/position", V), ("Position-order", SPAN + "/position", V)],
    ),
    (
        "span-quote-missing",
        "DELETE DATA { <E/span/250-270> oa:hasSelector <E/span/250-270/quote> }",
        [("SpecificResource-quote", SPAN, V)],
    ),
    (
        "span-quote-empty",
        "DELETE WHERE { <E/span/250-270/quote> oa:exact ?x } ;"
        'INSERT DATA { <E/span/250-270/quote> oa:exact "" }',
        [("SpecificResource-quote", SPAN, V)],
    ),
    (
        "span-source-missing",
        "DELETE WHERE { <E/span/250-270> oa:hasSource ?s }",
        [("SpecificResource-source", SPAN, V)],
    ),
    (
        "paragraph-provenance-missing",
        "DELETE WHERE { <W/preamble/2> prov:wasDerivedFrom ?s }",
        [("DerivedFromSpan-span", PRE2, V)],
    ),
    (
        "subparagraph-provenance-not-a-span",
        "DELETE WHERE { <W/op/2/a> prov:wasDerivedFrom ?s } ;"
        "INSERT DATA { <W/op/2/a> prov:wasDerivedFrom <W/expr/fr> }",
        [("DerivedFromSpan-span", SUB2A, V)],
    ),
    (
        "citation-provenance-missing",
        "DELETE WHERE { <W/preamble/1/cites/MC.DEC-13-04> prov:wasDerivedFrom ?s }",
        [("DerivedFromSpan-span", CIT, V)],
    ),
    (
        "commitment-provenance-missing",
        "DELETE WHERE { <W/op/1/commitment> prov:wasDerivedFrom ?s }",
        [("DerivedFromSpan-span", COMMITMENT, V)],
    ),
]

# Graphs that must conform: the edges each rule must let through.
KEPT: list[tuple[str, str]] = [
    ("base", ""),
    (
        "decision-id-old-style-symbol",
        'DELETE DATA { <W> eli:id_local "MC.DEC/7/17" } ;'
        'INSERT DATA { <W> eli:id_local "MC(8).DEC/1" }',
    ),
    (
        "decision-id-revision",
        'DELETE DATA { <W> eli:id_local "MC.DEC/7/17" } ;'
        'INSERT DATA { <W> eli:id_local "PC.DEC/557/Rev.1" }',
    ),
    (
        "decision-id-fsc",
        'DELETE DATA { <W> eli:id_local "MC.DEC/7/17" } ;'
        'INSERT DATA { <W> eli:id_local "FSC.DEC/3/11" }',
    ),
    (
        "decision-cited-only-needs-no-symbol-date-or-title",
        "INSERT DATA { <W/preamble/1> cg:names <https://w3id.org/commitgraph/id/work/MC.DEC/1/99> ."
        " <https://w3id.org/commitgraph/id/work/MC.DEC/1/99> a cg:Decision, eli:Work ;"
        ' dcterms:identifier "MC.DEC/1/99" ; skos:prefLabel "MC.DEC/1/99"@en }',
    ),
    (
        "decision-cites-undated-work",
        "DELETE WHERE { <C> eli:date_document ?d }",
    ),
    (
        "decision-in-two-languages",
        "INSERT DATA { <W> eli:is_realized_by <W/expr/en> ."
        ' <W/expr/en> eli:title "STRENGTHENING"@en }',
    ),
    ("operative-addressing-no-one", "DELETE WHERE { <W/op/1> cg:addressee ?a }"),
    (
        "operative-numbers-in-any-order",
        "INSERT DATA { <W> eli:has_part <W/op/3> . <W/op/3> a cg:OperativeParagraph ;"
        ' eli:number "3" ; cg:actionType action:task ; prov:wasDerivedFrom <E/span/231-290> }',
    ),
    (
        "position-as-oxigraph-stores-it",
        "DELETE WHERE { <E/span/250-270/position> oa:start ?s ; oa:end ?e } ;"
        "INSERT DATA { <E/span/250-270/position> oa:start 250 ; oa:end 270 }",
    ),
    (
        "position-at-start-of-text",
        "DELETE WHERE { <E/span/250-270/position> oa:start ?s } ;"
        'INSERT DATA { <E/span/250-270/position> oa:start "0"^^xsd:nonNegativeInteger }',
    ),
]


@pytest.mark.parametrize(
    ("update", "expected"), [c[1:] for c in BROKEN], ids=[c[0] for c in BROKEN]
)
def test_broken_graph_fires_exactly_its_rule(
    make_graph: Callable[[str], Graph], update: str, expected: list[tuple[str, str, str]]
) -> None:
    conforms, found = _found(make_graph(update))
    assert found == {(rule, _iri(focus), sev) for rule, focus, sev in expected}
    assert conforms == all(sev != V for _, _, sev in expected)


@pytest.mark.parametrize("update", [c[1] for c in KEPT], ids=[c[0] for c in KEPT])
def test_kept_graph_conforms(make_graph: Callable[[str], Graph], update: str) -> None:
    conforms, found = _found(make_graph(update))
    assert found == set()
    assert conforms


def test_every_document_rule_has_a_breaking_case() -> None:
    """A rule added to the shapes without a case here would go untested.

    Rules are the property shapes and SPARQL constraints hung on a shape; those reached
    only through sh:node or sh:qualifiedValueShape are tested through their parent.
    """
    shapes = shapes_graph()
    nested = set(shapes.objects(None, SH.node)) | set(shapes.objects(None, SH.qualifiedValueShape))
    nested_rules = {p for n in nested for p in shapes.objects(n, SH.property)}
    rules = set(shapes.objects(None, SH.property)) | set(shapes.objects(None, SH.sparql))
    covered = {rule for _, _, exp in BROKEN for rule, _, _ in exp}
    assert {str(r).removeprefix(CGSH) for r in rules - nested_rules} == covered
