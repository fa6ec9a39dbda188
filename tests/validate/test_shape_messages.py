"""Every constraint of every shapes file speaks English and French.

Users read validation results in their language; a constraint without a message in one
of them would fall back to pySHACL's generic English text.
"""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, Namespace
from rdflib.term import Node

from commitgraph.resources import data_dir
from commitgraph.validate import shapes_graph

SH = Namespace("http://www.w3.org/ns/shacl#")

# The parameters of SHACL Core constraint components, plus sh:select of SPARQL constraints:
# a node with any of them is a constraint that can produce a result, hence needs messages.
CONSTRAINT_PARAMETERS = [
    SH[name]
    for name in [
        *("class", "datatype", "nodeKind", "minCount", "maxCount", "minExclusive"),
        *("minInclusive", "maxExclusive", "maxInclusive", "minLength", "maxLength"),
        *("pattern", "languageIn", "uniqueLang", "equals", "disjoint", "lessThan"),
        *("lessThanOrEquals", "not", "and", "or", "xone", "node", "qualifiedValueShape"),
        *("closed", "hasValue", "in", "select"),
    ]
]
LANGUAGES = ("en", "fr")


def constraints(shapes: Graph) -> set[Node]:
    """The nodes of ``shapes`` that can produce a validation result."""
    found = {s for p in CONSTRAINT_PARAMETERS for s in shapes.subjects(p, None)}
    return found - set(shapes.objects(None, SH.target))  # a SPARQL target selects, never fails


def missing_messages(shapes: Graph) -> list[tuple[Node, str]]:
    """(constraint node, language) for every constraint without a message in a language."""
    missing = []
    for node in constraints(shapes):
        langs = {m.language for m in shapes.objects(node, SH.message) if isinstance(m, Literal)}
        missing.extend((node, lang) for lang in LANGUAGES if lang not in langs)
    return sorted(missing, key=str)


SHAPE_FILES = sorted(
    p.name.removesuffix(".shacl.ttl") for p in data_dir("shapes").glob("*.shacl.ttl")
)


def test_both_shapes_files_are_checked() -> None:
    assert {"commitgraph", "vocabulary"} <= set(SHAPE_FILES)


@pytest.mark.parametrize("name", SHAPE_FILES)
def test_every_constraint_has_english_and_french_messages(name: str) -> None:
    shapes = shapes_graph(name)
    assert missing_messages(shapes) == []
    # The walk saw the constraints at all (a wrong namespace would find none).
    assert len(constraints(shapes)) >= 6


def test_the_walk_finds_a_constraint_without_french() -> None:
    shapes = Graph().parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix ex: <https://example.org/> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property ex:P ; sh:sparql ex:Q .
        ex:P sh:path ex:p ; sh:minCount 1 ; sh:message "needs p"@en, "p requis"@fr .
        ex:Q sh:select "SELECT $this WHERE { }" ; sh:message "only English"@en .
        """,
        format="turtle",
    )
    assert missing_messages(shapes) == [(Namespace("https://example.org/")["Q"], "fr")]
