"""``build`` end to end on the bundled corpus, and the graph contract it promises."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from commitgraph.build import GRAPH_TRIG, GRAPH_TTL, REPORT_MD, VALIDATION_TTL, build
from commitgraph.cli import cli
from commitgraph.cli._common import run_cli
from tests.helpers import SAMPLE_CORPUS

PREFIXES = """
PREFIX cg: <https://w3id.org/commitgraph/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX cito: <http://purl.org/spar/cito/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
"""


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    report = build([SAMPLE_CORPUS], out, pictures=False)
    assert not report.failures
    assert report.violations == 0
    return out


@pytest.fixture(scope="module")
def store(demo: Path) -> ox.Store:
    s = ox.Store()
    s.load(path=str(demo / GRAPH_TRIG), format=ox.RdfFormat.TRIG)
    return s


def ask(store: ox.Store, query: str) -> list[dict[str, str]]:
    res = store.query(PREFIXES + query, use_default_graph_as_union=True)
    return [{v.value: row[v].value for v in res.variables if row[v] is not None} for row in res]  # type: ignore[union-attr]


def test_outputs_are_written(demo: Path) -> None:
    for name in (GRAPH_TTL, GRAPH_TRIG, VALIDATION_TTL, REPORT_MD):
        assert (demo / name).stat().st_size > 0
    assert "| documents | 9 |" in (demo / REPORT_MD).read_text()


def test_building_twice_gives_byte_identical_turtle(demo: Path, tmp_path: Path) -> None:
    build([SAMPLE_CORPUS], tmp_path, pictures=False)
    assert (tmp_path / GRAPH_TTL).read_bytes() == (demo / GRAPH_TTL).read_bytes()
    assert (tmp_path / GRAPH_TRIG).read_bytes() == (demo / GRAPH_TRIG).read_bytes()


def test_graph_has_no_blank_nodes(demo: Path) -> None:
    for q in ox.parse(path=str(demo / GRAPH_TRIG), format=ox.RdfFormat.TRIG):
        assert not isinstance(q.subject, ox.BlankNode)
        assert not isinstance(q.object, ox.BlankNode)


def test_contract_operative_six_urges_participating_states(store: ox.Store) -> None:
    rows = ask(
        store,
        """
        SELECT DISTINCT ?strength WHERE {
          ?d dcterms:identifier "MC.DEC/7/17" ; eli:has_part ?p .
          ?p a cg:OperativeParagraph ; eli:number "6" ;
             cg:actionType ?a ; cg:addressee ?actor .
          ?a skos:notation "urge" ; cg:strength ?strength .
          ?actor dcterms:identifier "ParticipatingStates" .
        }""",
    )
    assert len(rows) == 1 and int(rows[0]["strength"]) > 0


def test_contract_preamble_reaffirms_decision_13_04(store: ox.Store) -> None:
    rows = ask(
        store,
        """
        SELECT DISTINCT ?c ?label WHERE {
          ?d dcterms:identifier "MC.DEC/7/17" ; eli:has_part ?p ; eli:cites ?w .
          ?p a cg:PreambularParagraph .
          ?c a cito:Citation ; cito:hasCitingEntity ?p ; cito:hasCitedEntity ?w ;
             cg:relation ?r ; prov:wasDerivedFrom ?span .
          ?r skos:notation "reaffirms" .
          ?w dcterms:identifier "MC.DEC/13/04" ; skos:prefLabel ?label .
          ?span oa:hasSelector/oa:exact ?quote .
        }""",
    )
    assert rows


def test_one_work_per_decision_across_languages(store: ox.Store) -> None:
    rows = ask(
        store,
        """
        SELECT DISTINCT ?lang WHERE {
          ?d dcterms:identifier "MC.DEC/6/18" ; eli:is_realized_by ?e .
          ?e dcterms:language ?lang . }""",
    )
    assert sorted(r["lang"] for r in rows) == ["en", "ru"]


def test_a_bad_document_is_reported_and_the_rest_is_built(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "good.txt").write_text((SAMPLE_CORPUS / "MC.DEC.7.17.fr.txt").read_text())
    (corpus / "empty.txt").write_text("")
    (corpus / "notes.txt").write_text("Shopping list: bread, milk, apples and tea.\n" * 5)
    result = CliRunner().invoke(
        cli, ["build", str(corpus), "--out", str(tmp_path / "o"), "--no-pictures"]
    )
    assert result.exit_code != 0
    assert "empty.txt" in result.output and "notes.txt" in result.output
    assert (tmp_path / "o" / GRAPH_TTL).exists()
    assert "MC.DEC/7/17" in (tmp_path / "o" / REPORT_MD).read_text()


def test_validate_command_exit_codes(demo: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(cli, ["validate", str(demo / GRAPH_TRIG)])
    assert ok.exit_code == 0, ok.output
    nq = tmp_path / "graph.nq"
    assert (
        runner.invoke(
            cli, ["export", str(demo / GRAPH_TRIG), "--format", "nq", "-o", str(nq)]
        ).exit_code
        == 0
    )
    broken = tmp_path / "broken.nq"
    # remove every action type: an operative paragraph must have exactly one
    broken.write_text("".join(line for line in nq.open() if "#actionType>" not in line))
    bad = runner.invoke(cli, ["validate", str(broken), "--lang", "fr"])
    assert bad.exit_code == 1
    assert "/op/6" in bad.output
    assert "type d'action" in bad.output.lower() or "action" in bad.output
    assert run_cli(cli, ["validate", str(tmp_path / "nope.ttl")]) == 2
    assert run_cli(cli, ["validate", str(broken)]) == 1


@pytest.mark.parametrize("fmt", ["turtle", "trig", "nt", "nq", "jsonld"])
def test_export_formats_round_trip(demo: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"g.{fmt}"
    result = CliRunner().invoke(
        cli, ["export", str(demo / GRAPH_TRIG), "--format", fmt, "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    rdf_format = {
        "turtle": ox.RdfFormat.TURTLE,
        "trig": ox.RdfFormat.TRIG,
        "nt": ox.RdfFormat.N_TRIPLES,
        "nq": ox.RdfFormat.N_QUADS,
        "jsonld": ox.RdfFormat.JSON_LD,
    }[fmt]
    assert sum(1 for _ in ox.parse(path=str(out), format=rdf_format)) > 10000


def test_store_build_is_incremental_and_exportable(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    for name in ("MC.DEC.7.17.fr.txt", "MC.DEC.6.18.en.txt", "PC.DEC.557.fr.txt"):
        (corpus / name).write_bytes((SAMPLE_CORPUS / name).read_bytes())
    store, out = tmp_path / "store", tmp_path / "out"
    first = build([corpus], out, store=store, pictures=False, workers=1)
    assert first.changed == 3 and first.violations == 0
    assert not (out / GRAPH_TTL).exists()  # a store build keeps the graph in the store

    # nothing changed: nothing re-extracted
    again = build([corpus], out, store=store, pictures=False, workers=1)
    assert (again.changed, again.unchanged) == (0, 3)

    # one file changed, one removed: only those touched
    (corpus / "MC.DEC.6.18.en.txt").write_text(
        (corpus / "MC.DEC.6.18.en.txt").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    (corpus / "PC.DEC.557.fr.txt").unlink()
    third = build([corpus], out, store=store, pictures=False, workers=1)
    assert (third.changed, third.unchanged, third.removed) == (1, 1, 1)

    exported = tmp_path / "graph.trig"
    assert (
        run_cli(cli, ["export", "--store", str(store), "--format", "trig", "-o", str(exported)])
        == 0
    )
    graphs = {q.graph_name.value for q in ox.parse(path=str(exported), format=ox.RdfFormat.TRIG)}
    assert any("MC.DEC/7/17" in g for g in graphs)
    assert any("MC.DEC/6/18" in g for g in graphs)
    assert not any("PC.DEC/557/graph" in g for g in graphs)  # the removed document is gone


def test_sparql_validator_agrees_with_pyshacl_on_the_demo(demo: Path, tmp_path: Path) -> None:
    sparql = build([SAMPLE_CORPUS], tmp_path / "a", pictures=False, export=False)
    reference = build(
        [SAMPLE_CORPUS], tmp_path / "b", pictures=False, export=False, validator="pyshacl"
    )
    assert {(i.focus, i.shape) for i in sparql.issues} == {
        (i.focus, i.shape) for i in reference.issues
    }
