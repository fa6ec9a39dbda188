"""The SHACL-to-SPARQL validator (used on whole stores) agrees with pySHACL on every case.

Each broken and kept case of ``test_shapes.py`` is validated twice — by pySHACL on the
rdflib graph, and by the compiled SPARQL rules on an Oxigraph store holding the same
triples — and both must report exactly the same (rule, focus, severity) results.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph

from commitgraph.build import context_index
from commitgraph.rdf.io import from_rdflib
from commitgraph.shacl_local import Index, _xpath_to_python
from commitgraph.shacl_sparql import compiled_rules, validate_local, validate_store
from commitgraph.validate import validate_graph

from .test_shapes import BROKEN, CGSH, KEPT

CASES = [(c[0], c[1]) for c in BROKEN] + [(c[0], c[1]) for c in KEPT]


def _key(issues) -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return {((i.shape or "").removeprefix(CGSH), i.focus, i.severity) for i in issues}


def _store(graph: Graph) -> ox.Store:
    store = ox.Store()
    store.extend(
        ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in from_rdflib(graph)
    )
    return store


def test_every_rule_compiles() -> None:
    assert len(compiled_rules()) >= 20


@pytest.mark.parametrize("update", [c[1] for c in CASES], ids=[c[0] for c in CASES])
def test_same_results_as_pyshacl(make_graph: Callable[[str], Graph], update: str) -> None:
    graph = make_graph(update)
    reference = _key(validate_graph(graph).issues)
    assert _key(validate_store(_store(graph))) == reference


def test_messages_are_filled_in_both_languages(make_graph: Callable[[str], Graph]) -> None:
    graph = make_graph('DELETE DATA { <W> eli:id_local "MC.DEC/7/17" }')
    (issue,) = validate_store(_store(graph))
    assert issue.message("en") and issue.message("fr")
    assert issue.message("en") != issue.message("fr")


@pytest.mark.parametrize("update", [c[1] for c in CASES], ids=[c[0] for c in CASES])
def test_local_checks_plus_store_rules_agree_with_pyshacl(
    make_graph: Callable[[str], Graph], update: str
) -> None:
    """What a build does: node-local constraints per document in Python, the rest as
    SPARQL over the store; together they must find what pySHACL finds."""
    graph = make_graph(update)
    reference = _key(validate_graph(graph).issues)
    local = validate_local(Index(from_rdflib(graph), context_index()))
    rest = validate_store(_store(graph), skip_local=True)
    assert _key(local + rest) == reference


def test_most_constraints_are_checked_locally() -> None:
    rules = compiled_rules()
    local = [r for r in rules if r.check is not None]
    # Counts, datatypes, patterns and offsets; what reads other nodes stays in SPARQL.
    assert len(local) >= len(rules) // 2
    assert all(r.check is None for r in rules if "known" in str(r.shape))
    assert all(r.check is None for r in rules if "identified" in str(r.shape))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="MCPDE.0123456789/()\n xé", max_size=16))
def test_patterns_mean_the_same_in_python_and_sparql(text: str) -> None:
    """The local pattern check and SPARQL's REGEX agree, newline at the end included."""
    pattern = r"^(MC|PC|FSC)(\(\d+\))?\.(DEC|DOC)/\d+(/\d{2})?$"
    literal = ox.Literal(text)
    python = re.compile(_xpath_to_python(pattern, multiline=False)).search(text) is not None
    query = f"ASK {{ FILTER(REGEX({literal}, {ox.Literal(pattern)})) }}"
    assert python == bool(ox.Store().query(query))
