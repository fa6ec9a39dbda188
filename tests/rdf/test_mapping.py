"""The RDF mapping: deterministic, traceable to the text, one work per decision."""

from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from commitgraph.rdf.io import serialize, to_rdflib
from commitgraph.rdf.mapping import map_record
from commitgraph.rdf.namespaces import CG, ELI, OA, PROV, work_iri
from commitgraph.validate import validate_document
from tests.helpers import DECISIONS, SEED, extracted

SNAPSHOTS = Path(__file__).parent / "snapshots"


def _objects(triples: list[ox.Triple], s: str, p: str) -> list:
    return [t.object for t in triples if t.subject.value == s and t.predicate.value == p]


def test_same_record_gives_byte_identical_turtle() -> None:
    rec = extracted(SEED)
    assert serialize(map_record(rec).triples) == serialize(map_record(rec).triples)


def test_no_blank_nodes(fixture_path: Path) -> None:
    for t in map_record(extracted(fixture_path)).triples:
        assert not isinstance(t.subject, ox.BlankNode)
        assert not isinstance(t.object, ox.BlankNode)


def test_every_quote_slices_back_to_the_text(fixture_path: Path) -> None:
    rec = extracted(fixture_path)
    triples = map_record(rec).triples
    positions = {t.subject.value for t in triples if t.predicate.value == OA + "start"}
    assert positions
    for pos in positions:
        (start,) = _objects(triples, pos, OA + "start")
        (end,) = _objects(triples, pos, OA + "end")
        span = pos.rsplit("/", 1)[0]
        (quote_node,) = [
            o for o in _objects(triples, span, OA + "hasSelector") if o.value.endswith("/quote")
        ]
        (exact,) = _objects(triples, quote_node.value, OA + "exact")
        assert int(start.value) < int(end.value)
        assert rec.clean.text[int(start.value) : int(end.value)] == exact.value
        # and the cleaned span maps back to the same characters of the source
        raw = rec.clean.raw
        first, last = rec.clean.offsets[int(start.value)], rec.clean.offsets[int(end.value) - 1]
        assert raw[first] == exact.value[0] and raw[last] == exact.value[-1]


def test_every_paragraph_and_citation_has_provenance(fixture_path: Path) -> None:
    triples = map_record(extracted(fixture_path)).triples
    typed = {
        t.subject.value
        for t in triples
        if t.predicate.value.endswith("#type")
        and t.object.value
        in (
            CG + "PreambularParagraph",
            CG + "OperativeParagraph",
            "http://purl.org/spar/cito/Citation",
            CG + "Commitment",
        )
    }
    derived = {t.subject.value for t in triples if t.predicate.value == PROV + "wasDerivedFrom"}
    assert typed and typed <= derived


def test_fixture_graph_conforms_to_the_shapes(fixture_path: Path) -> None:
    result = validate_document(map_record(extracted(fixture_path)).triples)
    violations = [i for i in result.issues if i.severity == "Violation"]
    assert not violations, [i.message() for i in violations]


def test_two_language_versions_are_one_work_with_two_expressions() -> None:
    en = map_record(extracted(DECISIONS / "MC.DEC.6.18.en.txt"))
    ru = map_record(extracted(DECISIONS / "MC.DEC.6.18.ru.txt"))
    assert en.work == ru.work == work_iri("MC.DEC/6/18")
    assert en.graph != ru.graph
    union = en.triples + ru.triples
    expressions = {o.value for o in _objects(union, en.work, ELI + "is_realized_by")}
    assert len(expressions) == 2
    texts = _objects(union, en.work + "/op/1", CG + "text")
    assert {t.language for t in texts} == {"en", "ru"}
    actions = {o.value for o in _objects(union, en.work + "/op/1", CG + "actionType")}
    assert len(actions) == 1  # the facts agree across languages


def test_golden_turtle_snapshot() -> None:
    """The seed's whole graph, compared by isomorphism (set COMMITGRAPH_UPDATE_SNAPSHOTS=1
    to rewrite the snapshot after an intended change)."""
    data = serialize(map_record(extracted(SEED)).triples)
    snap = SNAPSHOTS / "MC.DEC.7.17.fr.ttl"
    if os.environ.get("COMMITGRAPH_UPDATE_SNAPSHOTS") == "1":
        snap.parent.mkdir(exist_ok=True)
        snap.write_bytes(data)
    if not snap.exists():
        pytest.fail(f"no snapshot at {snap}; run with COMMITGRAPH_UPDATE_SNAPSHOTS=1")
    expected = rdflib.Graph().parse(snap, format="turtle")
    got = to_rdflib(map_record(extracted(SEED)).triples)
    assert isomorphic(expected, got)
