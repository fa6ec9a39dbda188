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
