"""The OWL ontology declares every ``cg:`` term the graph and the vocabularies use."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef

import commitgraph.rdf.mapping as mapping
from commitgraph.resources import data_dir

CG = Namespace("https://w3id.org/commitgraph/ontology#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
CITO = Namespace("http://purl.org/spar/cito/")
PROV = Namespace("http://www.w3.org/ns/prov#")
KINDS = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}


@cache
def ontology() -> Graph:
    return Graph().parse(data_dir("ontology") / "commitgraph.ttl")


def _terms_in_mapping() -> set[str]:
    source = Path(mapping.__file__).read_text(encoding="utf-8")
    names = set(re.findall(r'CG \+ "(\w+)"', source))
    names |= set(re.findall(r'CG \+ \("(\w+)"', source))  # CG + ("Decision" if … else …)
    names |= set(re.findall(r'else\s+"(\w+)"\)', source))
    names |= set(mapping.RELATION_PROPERTY.values())
    names |= {"InterpretativeStatement", "Annex", "Statement"}  # the attachment kinds
    return names


def _terms_in_vocabulary_conventions() -> set[str]:
    readme = (data_dir("ontology") / "README.md").read_text(encoding="utf-8")
    return set(re.findall(r"`cg:(\w+)`", readme))


def test_mapping_terms_are_found() -> None:
    # Guards the regular expressions above: they must see the terms they are meant to.
    names = _terms_in_mapping()
    assert {"Decision", "Instrument", "actionType", "expressedIn", "takesNoteOf"} <= names


@pytest.mark.parametrize("name", sorted(_terms_in_mapping() | _terms_in_vocabulary_conventions()))
def test_term_is_declared_with_labels_and_definition(name: str) -> None:
    g = ontology()
    term = CG[name]
    assert set(g.objects(term, RDF.type)) & KINDS, f"cg:{name} is not declared"
    labels = {lit.language for lit in g.objects(term, RDFS.label) if isinstance(lit, Literal)}
    assert {"en", "fr"} <= labels
    definitions = [d for d in g.objects(term, SKOS.definition) if isinstance(d, Literal)]
    assert [d.language for d in definitions] == ["en"]


def test_every_declared_term_is_labelled_and_defined() -> None:
    g = ontology()
    ours = {s for s in g.subjects(RDF.type, None) if str(s).startswith(str(CG))}
    assert len(ours) > 60
    for term in ours:
        assert g.value(term, SKOS.definition) is not None, term
        assert g.value(term, RDFS.label) is not None, term


@pytest.mark.parametrize(
    ("term", "relation", "parent"),
    [
        (CG.Decision, RDFS.subClassOf, ELI.Work),
        (CG.Expression, RDFS.subClassOf, ELI.Expression),
        (CG.Paragraph, RDFS.subClassOf, ELI.WorkSubdivision),
        (CG.PreambularParagraph, RDFS.subClassOf, CG.Paragraph),
        (CG.OperativeParagraph, RDFS.subClassOf, CG.Paragraph),
        (CG.Commitment, RDFS.subClassOf, PROV.Entity),
        (CG.ExtractionRun, RDFS.subClassOf, PROV.Activity),
        (CG.SourceFile, RDFS.subClassOf, PROV.Entity),
        (CG.reaffirms, RDFS.subPropertyOf, CITO.confirms),
        (CG.recalls, RDFS.subPropertyOf, CITO.cites),
        (CG.takesNoteOf, RDFS.subPropertyOf, CITO.citesForInformation),
        (CG.welcomes, RDFS.subPropertyOf, CITO.agreesWith),
        (CG.recognizes, RDFS.subPropertyOf, CITO.agreesWith),
        (CG.expressesConcernAbout, RDFS.subPropertyOf, CITO.cites),
        (CG.refersTo, RDFS.subPropertyOf, CITO.cites),
        (CG.addressee, RDFS.range, CG.Actor),
        (CG.mentions, RDFS.range, CG.Actor),
    ],
)
def test_alignment_with_the_standards(term: URIRef, relation: URIRef, parent: URIRef) -> None:
    assert (term, relation, parent) in ontology()


def test_names_is_not_a_citation() -> None:
    # The citation network counts cito:cites and its sub-properties; a name inside another
    # instrument's title must not be counted.
    assert ontology().value(CG.names, RDFS.subPropertyOf) is None
