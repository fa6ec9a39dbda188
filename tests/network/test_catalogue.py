"""The reference catalogue (ontology/catalogue/*.ttl) as data: it parses, has no blank
nodes, every work is identified, labelled and typed, every citation points at a catalogued
work with its source and status, dates are valid, and nothing cites a later work."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from pathlib import Path

import pyoxigraph as ox
import pytest

from commitgraph.network.analyses import check, time_span
from commitgraph.network.load import network_from_store
from commitgraph.rdf.namespaces import (
    CATALOGUE_GRAPH,
    CG,
    CGID,
    CITO,
    DCTERMS,
    ELI,
    RDF,
    SKOS,
    XSD,
    slug,
    work_iri,
)
from commitgraph.resources import data_dir

FILES = sorted((data_dir("ontology") / "catalogue").glob("*.ttl"))
TYPE = RDF + "type"
DATE_TYPES = {XSD + "date", XSD + "gYear", XSD + "gYearMonth"}


def _triples() -> list[ox.Triple]:
    out: list[ox.Triple] = []
    for f in FILES:
        out.extend(
            ox.Triple(q.subject, q.predicate, q.object)
            for q in ox.parse(path=str(f), format=ox.RdfFormat.TURTLE)
        )
    return out


TRIPLES = _triples()
BY_SUBJECT: dict[str, dict[str, list[ox.NamedNode | ox.Literal]]] = defaultdict(
    lambda: defaultdict(list)
)
for _t in TRIPLES:
    BY_SUBJECT[_t.subject.value][_t.predicate.value].append(_t.object)  # type: ignore[arg-type]
WORKS = sorted(s for s, p in BY_SUBJECT.items() if ox.NamedNode(ELI + "Work") in p[TYPE])
CITATIONS = sorted(s for s, p in BY_SUBJECT.items() if ox.NamedNode(CITO + "Citation") in p[TYPE])


def test_files_exist_and_parse() -> None:
    assert [f.name for f in FILES] == ["catalogue.ttl"]
    assert len(TRIPLES) > 500


def test_no_blank_nodes() -> None:
    for t in TRIPLES:
        assert not isinstance(t.subject, ox.BlankNode), t
        assert not isinstance(t.object, ox.BlankNode), t


def test_every_work_is_identified_labelled_typed_and_sourced() -> None:
    assert len(WORKS) >= 40
    for w in WORKS:
        p = BY_SUBJECT[w]
        (ident,) = p[DCTERMS + "identifier"]
        assert w == work_iri(ident.value), w
        assert [x for x in p[SKOS + "prefLabel"] if x.language == "en"], w  # type: ignore[union-attr]
        kinds = {x.value for x in p[TYPE]} & {CG + "Decision", CG + "Instrument"}
        expected = CG + "Decision" if ".DEC/" in ident.value else CG + "Instrument"
        assert kinds == {expected}, w
        assert p[DCTERMS + "source"], f"{w} says nowhere where it comes from"
        for body in p[ELI + "passed_by"]:
            assert body.value.startswith(CGID + "actor/")
        for m in p[CG + "adoptedAt"]:
            assert re.fullmatch(re.escape(CGID) + r"meeting/(MC|PC)/\d+", m.value)
            assert BY_SUBJECT[m.value][CG + "city"], m
        for prop in p[CG + "verifiedInTranslation"]:
            assert p[prop.value], f"{w} flags {prop.value} but has no such value"


def test_the_works_of_the_shared_data_are_all_there() -> None:
    ids = {BY_SUBJECT[w][DCTERMS + "identifier"][0].value for w in WORKS}
    for ident in (
        "MC.DEC/7/17",
        "MC(8).DEC/1",
        "PC.DEC/557",
        "PC.DEC/557/Rev.1",
        "PC.DEC/1107",
        "MC.DOC/1/11",
        "OSCE:PortoDeclaration2002",
        "CSCE:Copenhagen1990",
        "UNTC:XVIII-12-a",
        "UNTC:IV-11-c",
        "CETS:197",
        "CETS:201",
        "ETS:185",
        "ILO:C182",
        "UNGA:A/RES/64/293",
        "UN:UDHR1948",
    ):
        assert ident in ids, ident


def test_dates_are_valid_literals() -> None:
    seen = 0
    for w in WORKS:
        for d in BY_SUBJECT[w][ELI + "date_document"]:
            # ELI's adoption date is a full date; partial dates go in dcterms:date
            assert isinstance(d, ox.Literal) and d.datatype.value == XSD + "date", (w, d)
        for prop in (ELI + "date_document", DCTERMS + "date", ELI + "first_date_entry_in_force"):
            for d in BY_SUBJECT[w][prop]:
                assert isinstance(d, ox.Literal) and d.datatype.value in DATE_TYPES, (w, d)
                text, kind = d.value, d.datatype.value
                if kind == XSD + "date":
                    date.fromisoformat(text)
                elif kind == XSD + "gYearMonth":
                    assert re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text), (w, text)
                else:
                    assert re.fullmatch(r"\d{4}", text), (w, text)
                assert 1900 < int(text[:4]) < 2030
                seen += 1
    assert seen > 30


def test_every_citation_is_complete_and_points_at_a_catalogued_work() -> None:
    works = set(WORKS)
    pairs = set()
    for c in CITATIONS:
        p = BY_SUBJECT[c]
        (citing,) = p[CITO + "hasCitingEntity"]
        (cited,) = p[CITO + "hasCitedEntity"]
        assert citing.value in works and cited.value in works, c
        cited_id = BY_SUBJECT[cited.value][DCTERMS + "identifier"][0].value
        assert c == f"{citing.value}/catalogue-cites/{slug(cited_id)}"
        assert [s.value for s in p[CG + "status"]] in (["verified"], ["verified-in-translation"])
        assert p[DCTERMS + "source"], c
        assert p[CG + "relation"], c
        for r in p[CG + "relation"]:
            assert r.value.startswith(CGID + "relation/")
        pairs.add((citing.value, cited.value))
    cites = {(w, o.value) for w in WORKS for o in BY_SUBJECT[w][ELI + "cites"]}
    assert cites == pairs  # eli:cites is exactly the set of citation pairs
    assert len(pairs) >= 50


def test_no_catalogue_citation_points_to_a_later_work() -> None:
    store = ox.Store()
    g = ox.NamedNode(CATALOGUE_GRAPH)
    store.extend([ox.Quad(t.subject, t.predicate, t.object, g) for t in TRIPLES])
    net = network_from_store(store)
    report = check(net)
    assert report.anachronisms == [] and report.cycles == []
    # and the check does have dates to compare: most citations have both ends dated
    dated = [(u, v) for u, v in net.edges() if time_span(net.nodes[u]) and time_span(net.nodes[v])]
    assert len(dated) > 40


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_loaded_by_build_into_the_catalogue_graph(path: Path) -> None:
    from commitgraph.build import catalogue_triples

    assert {(t.subject, t.predicate, t.object) for t in TRIPLES} == {
        (t.subject, t.predicate, t.object) for t in catalogue_triples()
    }
