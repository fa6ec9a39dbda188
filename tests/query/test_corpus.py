"""Every library query on the bundled corpus, built for real: runs, finds something, and
gives the same rows on Oxigraph and on rdflib."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from commitgraph.query import library, open_graph, open_rdflib, run_library_query


@pytest.fixture(scope="module")
def corpus_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from commitgraph.build import build

    out = tmp_path_factory.mktemp("corpus-build")
    report = build(out=out, validate=False, pictures=False)
    assert report.documents and not report.failures
    return out / "graph.trig"


def _example(name: str) -> dict[str, str]:
    q = library()[name]
    if not q.examples:
        return {}
    parts = re.split(r"\s+(?=[A-Za-z_]\w*=)", q.examples[0].strip())
    return dict(p.split("=", 1) for p in parts)


@pytest.mark.parametrize("name", sorted(library()))
def test_library_query_on_the_corpus(name: str, corpus_graph: Path) -> None:
    params = _example(name)
    on_oxigraph = run_library_query(_stores(corpus_graph)[0], library()[name], params)
    on_rdflib = run_library_query(_stores(corpus_graph)[1], library()[name], params)
    assert on_oxigraph.rows, f"{name} {params} found nothing in the corpus"
    assert on_oxigraph.values() == on_rdflib.values()


_OPEN: dict[Path, tuple] = {}  # type: ignore[type-arg]


def _stores(path: Path) -> tuple:  # type: ignore[type-arg]
    if path not in _OPEN:
        _OPEN[path] = (open_graph(path), open_rdflib(path))
    return _OPEN[path]


def test_seed_decision_answers(corpus_graph: Path) -> None:
    store = _stores(corpus_graph)[0]
    decisions = run_library_query(store, library()["decisions"]).dicts()
    seed = next(d for d in decisions if d["symbol"] == "MC.DEC/7/17")
    assert seed["operative"] == "13" and seed["statements"] == "1"
    lineage = run_library_query(store, library()["lineage"], {"decision": "MC.DEC/7/17"}).dicts()
    direct = {r["ancestor_id"] for r in lineage if r["depth"] == "1"}
    assert {"MC.DEC/13/04", "CSCE:Copenhagen1990", "UNTC:IV-11"} <= direct
    statements = run_library_query(
        store, library()["interpretative-statements"], {"delegation": "Russian Federation"}
    ).dicts()
    assert any(s["symbol"] == "MC.DEC/7/17" and s["language"] == "fr" for s in statements)


def _labels(concept: str) -> dict[str, set[str]]:
    """The concept's labels in the shipped vocabulary, lower-cased, by language."""
    from commitgraph.vocab import lexicon

    found = next(c for c in lexicon().concepts.values() if c.iri == concept)
    return {lang: {label.lower() for label in labels} for lang, labels in found.labels.items()}


@pytest.mark.parametrize(
    ("theme", "languages"),
    [
        ("child-trafficking", {"en", "fr", "ru"}),
        ("sexual-exploitation", {"en", "fr", "ru"}),
        ("victim-protection", {"en", "fr", "es"}),
        ("labour-exploitation", {"en", "de"}),
        ("supply-chains", {"en", "de"}),
    ],
)
def test_a_theme_of_the_vocabulary_finds_its_commitments_in_every_language(
    corpus_graph: Path, theme: str, languages: set[str]
) -> None:
    # The shipped themes vocabulary (ontology/vocab/themes.ttl), not the query fixture's:
    # one concept finds the operative paragraphs that speak of it in each language the
    # bundled decisions are written in, and only through a label of the text's language.
    iri = f"https://w3id.org/commitgraph/id/theme/{theme}"
    labels = _labels(iri)
    store = _stores(corpus_graph)[0]
    rows = run_library_query(store, library()["theme-commitments"], {"theme": iri}).dicts()
    assert {r["language"] for r in rows} >= languages
    for r in rows:
        text = r["text"].lower().replace("\u2019", "'")
        assert any(label.replace("\u2019", "'") in text for label in labels[r["language"]]), r
    years = run_library_query(store, library()["strength-over-years"], {"topic": iri}).dicts()
    # The same paragraphs, year by year (less those whose action has no strength rank).
    counted = sum(int(y["commitments"]) for y in years)
    assert 0 < counted <= len({(r["symbol"], r["paragraph"]) for r in rows})


@pytest.mark.parametrize("apostrophe", ["'", "\u2019"])
def test_a_theme_label_meets_either_apostrophe(apostrophe: str) -> None:
    # French and Italian texts print "d'approvisionnement" with a straight or a curly
    # apostrophe; the label is written with one of them.
    import pyoxigraph as ox

    from commitgraph.build import vocabulary_triples

    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in vocabulary_triples())
    cg, eli = "https://w3id.org/commitgraph/ontology#", "http://data.europa.eu/eli/ontology#"
    store.load(
        f"""
        @prefix cg: <{cg}> . @prefix eli: <{eli}> .
        @prefix dcterms: <http://purl.org/dc/terms/> .
        <urn:w> dcterms:identifier "PC.DEC/9/99" .
        <urn:p> a cg:OperativeParagraph ; eli:number "1" ; eli:is_part_of <urn:w> ;
            cg:actionType <https://w3id.org/commitgraph/id/action/urge> ;
            cg:text "Demande de surveiller les chaînes d{apostrophe}approvisionnement"@fr .
        """,
        format=ox.RdfFormat.TURTLE,
    )
    rows = run_library_query(
        store,
        library()["theme-commitments"],
        {"theme": "https://w3id.org/commitgraph/id/theme/supply-chains"},
    ).dicts()
    assert [(r["symbol"], r["language"]) for r in rows] == [("PC.DEC/9/99", "fr")]
