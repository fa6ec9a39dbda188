"""Every library query on the fixture graph, in both engines, with its expected rows.

The expected rows were worked out from the fixture by hand (see the citation network in
``fixture.trig``'s header) and each query runs on Oxigraph (the default store, with the
merged default graph), on Oxigraph in union mode (bag semantics: a triple once per graph)
and on rdflib: all three must give exactly these rows, in this order. A value ending in
"…" stands for a text that starts so (to keep the table readable).
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from commitgraph.errors import QueryError
from commitgraph.query import (
    LibraryQuery,
    bind_params,
    library,
    parse_header,
    parse_term,
    resolve_params,
    run_library_query,
    run_query,
    substitute,
)

CASES: list[tuple[str, dict[str, str], tuple[str, ...], list[tuple[str | None, ...]]]] = [
    (
        "citations-by-relation",
        {},
        ("symbol", "date", "paragraph", "cited_as", "instrument_id", "instrument_label"),
        [
            (
                "MC.DEC/13/04",
                "2004-12-07",
                "preamble 1",
                "recalls",
                "CSCE:Copenhagen1990",
                "Document of the Copenhagen Meeting of…",
            ),
            (
                "MC.DEC/13/04",
                "2004-12-07",
                "preamble 2",
                "recalls",
                "UNTC:XVIII-12-a",
                "Protocol to Prevent, Suppress and Puni…",
            ),
            (
                "MC.DEC/15/06",
                "2006-12-05",
                "preamble 1",
                "reaffirms",
                "MC.DEC/13/04",
                "MC.DEC/13/04",
            ),
            (
                "MC.DEC/15/06",
                "2006-12-05",
                None,
                "recalls",
                "UNTC:IV-11",
                "Convention on the Rights of the Child",
            ),
            ("PC.DEC/1107", "2013-12-06", "preamble 1", "recalls", "MC.DEC/15/06", "MC.DEC/15/06"),
            (
                "MC.DEC/7/17",
                "2017-12-08",
                "preamble 1",
                "reaffirms",
                "MC.DEC/15/06",
                "MC.DEC/15/06",
            ),
            (
                "MC.DEC/7/17",
                "2017-12-08",
                "preamble 2",
                "reaffirms",
                "UNTC:IV-11",
                "Convention on the Rights of the Child",
            ),
            ("MC.DEC/7/17", "2017-12-08", "preamble 4", "recalls", "PC.DEC/1107", "PC.DEC/1107"),
            (
                "MC.DEC/7/17",
                "2017-12-08",
                "operative 2",
                "operative",
                "UNTC:IV-11-c",
                "Optional Protocol to the Convention on…",
            ),
        ],
    ),
    (
        "citations-by-relation",
        {"decision": "MC.DEC/7/17", "relation": "reaffirms"},
        ("symbol", "date", "paragraph", "cited_as", "instrument_id", "instrument_label"),
        [
            (
                "MC.DEC/7/17",
                "2017-12-08",
                "preamble 1",
                "reaffirms",
                "MC.DEC/15/06",
                "MC.DEC/15/06",
            ),
            (
                "MC.DEC/7/17",
                "2017-12-08",
                "preamble 2",
                "reaffirms",
                "UNTC:IV-11",
                "Convention on the Rights of the Child",
            ),
        ],
    ),
    (
        "asked-of-actor",
        {"actor": "ParticipatingStates"},
        ("strength", "action", "symbol", "date", "paragraph", "text"),
        [
            (
                "8",
                "urge",
                "MC.DEC/7/17",
                "2017-12-08",
                "1",
                "Urges the participating States to pros…",
            ),
            (
                "7",
                "call_upon",
                "MC.DEC/13/04",
                "2004-12-07",
                "1",
                "Calls upon the participating States to…",
            ),
            (
                "4",
                "encourage",
                "MC.DEC/7/17",
                "2017-12-08",
                "4",
                "Encourages the participating States to…",
            ),
            (
                "4",
                "encourage",
                "MC.DEC/15/06",
                "2006-12-05",
                "1",
                "Encourages the participating States to…",
            ),
        ],
    ),
    (
        "asked-of-actor",
        {"actor": "cgid:actor/ODIHR", "lang": "fr"},
        ("strength", "action", "symbol", "date", "paragraph", "text"),
        [
            ("6", "task", "PC.DEC/1107", "2013-12-06", "2", None),
            ("6", "task", "MC.DEC/13/04", "2004-12-07", "2", None),
        ],
    ),
    (
        "theme-commitments",
        {"theme": "Trafficking"},
        ("symbol", "date", "paragraph", "action", "language", "text"),
        [
            (
                "MC.DEC/13/04",
                "2004-12-07",
                "1",
                "call_upon",
                "en",
                "Calls upon the participating States to…",
            ),
            (
                "MC.DEC/13/04",
                "2004-12-07",
                "2",
                "task",
                "en",
                "Tasks the ODIHR with collecting good p…",
            ),
            (
                "MC.DEC/15/06",
                "2006-12-05",
                "1",
                "encourage",
                "en",
                "Encourages the participating States to…",
            ),
            (
                "MC.DEC/15/06",
                "2006-12-05",
                "2",
                "invite",
                "en",
                "Invites the Partners for Co-operation…",
            ),
            (
                "MC.DEC/7/17",
                "2017-12-08",
                "1",
                "urge",
                "en",
                "Urges the participating States to pros…",
            ),
            (
                "MC.DEC/7/17",
                "2017-12-08",
                "3",
                "task",
                "en",
                "Tasks the relevant OSCE executive stru…",
            ),
        ],
    ),
    (
        "theme-commitments",
        {"theme": "cgid:theme/child-trafficking"},
        ("symbol", "date", "paragraph", "action", "language", "text"),
        [
            (
                "MC.DEC/15/06",
                "2006-12-05",
                "2",
                "invite",
                "en",
                "Invites the Partners for Co-operation…",
            ),
            (
                "MC.DEC/7/17",
                "2017-12-08",
                "1",
                "urge",
                "en",
                "Urges the participating States to pros…",
            ),
            (
                "MC.DEC/7/17",
                "2017-12-08",
                "1",
                "urge",
                "fr",
                "Demande instamment aux États participa…",
            ),
            (
                "MC.DEC/7/17",
                "2017-12-08",
                "3",
                "task",
                "en",
                "Tasks the relevant OSCE executive stru…",
            ),
            (
                "MC.DEC/7/17",
                "2017-12-08",
                "3",
                "task",
                "fr",
                "Charge les structures exécutives compé…",
            ),
        ],
    ),
    (
        "cited-by",
        {"instrument": "MC.DEC/13/04"},
        ("symbol", "date", "depth"),
        [
            ("MC.DEC/15/06", "2006-12-05", "1"),
            ("PC.DEC/1107", "2013-12-06", "2"),
            ("MC.DEC/7/17", "2017-12-08", "2"),
        ],
    ),
    (
        "cited-by",
        {"instrument": "<https://w3id.org/commitgraph/id/work/UNTC/IV-11>"},
        ("symbol", "date", "depth"),
        [
            ("MC.DEC/15/06", "2006-12-05", "1"),
            ("MC.DEC/7/17", "2017-12-08", "1"),
            ("PC.DEC/1107", "2013-12-06", "2"),
        ],
    ),
    (
        "lineage",
        {"decision": "MC.DEC/7/17"},
        ("depth", "ancestor_id", "label", "date"),
        [
            ("1", "UNTC:IV-11-c", "Optional Protocol to the Convention on…", None),
            ("1", "UNTC:IV-11", "Convention on the Rights of the Child", "1989-11-20"),
            ("1", "MC.DEC/15/06", "MC.DEC/15/06", "2006-12-05"),
            ("1", "PC.DEC/1107", "PC.DEC/1107", "2013-12-06"),
            ("2", "MC.DEC/13/04", "MC.DEC/13/04", "2004-12-07"),
            ("3", "UNTC:XVIII-12-a", "Protocol to Prevent, Suppress and Puni…", None),
            ("3", "CSCE:Copenhagen1990", "Document of the Copenhagen Meeting of…", "1990-06-29"),
        ],
    ),
    (
        "most-cited",
        {},
        ("instrument_id", "label", "citing_works", "paragraphs"),
        [
            ("MC.DEC/15/06", "MC.DEC/15/06", "2", "2"),
            ("UNTC:IV-11", "Convention on the Rights of the Child", "2", "1"),
            ("CSCE:Copenhagen1990", "Document of the Copenhagen Meeting of…", "1", "1"),
            ("MC.DEC/13/04", "MC.DEC/13/04", "1", "1"),
            ("PC.DEC/1107", "PC.DEC/1107", "1", "1"),
            ("UNTC:IV-11-c", "Optional Protocol to the Convention on…", "1", "1"),
            ("UNTC:XVIII-12-a", "Protocol to Prevent, Suppress and Puni…", "1", "1"),
        ],
    ),
    (
        "strength-over-years",
        {"topic": "trafficking"},
        ("year", "commitments", "weakest", "mean", "strongest"),
        [
            ("2004", "2", "6", "6.5", "7"),
            ("2006", "2", "3", "3.5", "4"),
            ("2017", "2", "6", "7", "8"),
        ],
    ),
    (
        "strength-over-years",
        {"topic": "cgid:theme/child-trafficking"},
        ("year", "commitments", "weakest", "mean", "strongest"),
        [
            ("2006", "1", "3", "3", "3"),
            ("2017", "2", "6", "7", "8"),
        ],
    ),
    (
        "tasked-structures",
        {},
        ("structure", "label", "symbol", "date", "paragraph"),
        [
            ("ExecutiveStructures", "OSCE executive structures", "MC.DEC/7/17", "2017-12-08", "3"),
            ("ODIHR", "Office for Democratic Institutions and…", "MC.DEC/13/04", "2004-12-07", "2"),
            ("ODIHR", "Office for Democratic Institutions and…", "PC.DEC/1107", "2013-12-06", "2"),
            ("Secretariat", "OSCE Secretariat", "PC.DEC/1107", "2013-12-06", "2"),
        ],
    ),
    (
        "interpretative-statements",
        {},
        (
            "delegation_name",
            "symbol",
            "date",
            "attachment",
            "original_language",
            "language",
            "text",
        ),
        [
            (
                "Russian Federation",
                "MC.DEC/7/17",
                "2017-12-08",
                "1",
                "ru",
                "en",
                "The Russian Federation considers that…",
            ),
            (
                "Russian Federation",
                "MC.DEC/7/17",
                "2017-12-08",
                "1",
                "ru",
                "fr",
                "La Fédération de Russie estime que la…",
            ),
            (
                "United States of America",
                "PC.DEC/1107",
                "2013-12-06",
                "1",
                "en",
                "en",
                "The United States joins the consensus…",
            ),
        ],
    ),
    (
        "interpretative-statements",
        {"delegation": "russian federation"},
        (
            "delegation_name",
            "symbol",
            "date",
            "attachment",
            "original_language",
            "language",
            "text",
        ),
        [
            (
                "Russian Federation",
                "MC.DEC/7/17",
                "2017-12-08",
                "1",
                "ru",
                "en",
                "The Russian Federation considers that…",
            ),
            (
                "Russian Federation",
                "MC.DEC/7/17",
                "2017-12-08",
                "1",
                "ru",
                "fr",
                "La Fédération de Russie estime que la…",
            ),
        ],
    ),
    (
        "paragraph-provenance",
        {"decision": "MC.DEC/7/17", "lang": "fr"},
        ("symbol", "paragraph", "language", "start", "end", "quote", "source"),
        [
            (
                "MC.DEC/7/17",
                "preamble 1",
                "fr",
                "55",
                "144",
                "Réaffirmant la décision no 15/06 sur l…",
                "MC.DEC.7.17.fr.txt",
            ),
            (
                "MC.DEC/7/17",
                "preamble 2",
                "fr",
                "146",
                "235",
                "Réaffirmant, pour ceux qui y sont part…",
                "MC.DEC.7.17.fr.txt",
            ),
            (
                "MC.DEC/7/17",
                "preamble 3",
                "fr",
                "237",
                "321",
                "Profondément alarmé par l'ampleur de l…",
                "MC.DEC.7.17.fr.txt",
            ),
            (
                "MC.DEC/7/17",
                "preamble 4",
                "fr",
                "323",
                "374",
                "Rappelant la décision no 1107 du Conse…",
                "MC.DEC.7.17.fr.txt",
            ),
            (
                "MC.DEC/7/17",
                "operative 1",
                "fr",
                "379",
                "476",
                "Demande instamment aux États participa…",
                "MC.DEC.7.17.fr.txt",
            ),
            (
                "MC.DEC/7/17",
                "operative 2",
                "fr",
                "481",
                "608",
                "Demande aux États participants qui ne…",
                "MC.DEC.7.17.fr.txt",
            ),
            (
                "MC.DEC/7/17",
                "operative 3",
                "fr",
                "613",
                "856",
                "Charge les structures exécutives compé…",
                "MC.DEC.7.17.fr.txt",
            ),
            (
                "MC.DEC/7/17",
                "operative 4",
                "fr",
                "861",
                "977",
                "Encourage les États participants à ass…",
                "MC.DEC.7.17.fr.txt",
            ),
        ],
    ),
    (
        "decisions",
        {},
        ("symbol", "body", "date", "languages", "preamble", "operative", "cites", "statements"),
        [
            ("MC.DEC/13/04", "MinisterialCouncil", "2004-12-07", "1", "2", "2", "2", "0"),
            ("MC.DEC/15/06", "MinisterialCouncil", "2006-12-05", "1", "2", "2", "2", "0"),
            ("PC.DEC/1107", "PermanentCouncil", "2013-12-06", "1", "2", "2", "1", "1"),
            ("MC.DEC/7/17", "MinisterialCouncil", "2017-12-08", "2", "4", "4", "4", "1"),
        ],
    ),
]


def _matches(expected: list[tuple[str | None, ...]], got: list[tuple[str | None, ...]]) -> bool:
    if len(expected) != len(got):
        return False
    for e_row, g_row in zip(expected, got, strict=True):
        if len(e_row) != len(g_row):
            return False
        for e, g in zip(e_row, g_row, strict=True):
            if e is not None and e.endswith("…"):
                if g is None or not g.startswith(e[:-1]):
                    return False
            elif e != g:
                return False
    return True


def _case_id(case: tuple) -> str:  # type: ignore[type-arg]
    name, params = case[0], case[1]
    return name + "".join(f"-{k}={v}" for k, v in params.items())


@pytest.mark.parametrize("case", CASES, ids=_case_id)
@pytest.mark.parametrize(
    "engine", ["oxigraph", "oxigraph-union", "rdflib", "oxigraph-substituted", "endpoint"]
)
def test_library_query_rows(
    case,
    engine,
    oxigraph_fixture,
    rdflib_fixture,  # type: ignore[no-untyped-def]
    fixture_graph: Path,
    request: pytest.FixtureRequest,
) -> None:
    """``oxigraph-substituted``: the parameters written into the text as for a server,
    run locally; ``endpoint``: a real Oxigraph server after ``push --merge``."""
    name, params, variables, expected = case
    query = library()[name]
    if engine == "oxigraph":
        source = oxigraph_fixture
    elif engine == "rdflib":
        source = rdflib_fixture
    elif engine == "endpoint":
        source = request.getfixturevalue("endpoint_fixture")
    else:
        source = _union_store(fixture_graph)
    if engine == "oxigraph-substituted":
        bound = resolve_params(oxigraph_fixture, query, bind_params(query, params))
        text = substitute(query.text, bound)
        code = "\n".join(ln for ln in text.splitlines() if not ln.lstrip().startswith("#"))
        for v in bound:  # left only where the SELECT clause names the column
            assert not re.search(rf"(?<!AS )[?$]{v}\b", code), v
        result = run_query(oxigraph_fixture, text).without(bound)
    else:
        result = run_library_query(source, query, params)
    assert tuple(result.variables) == variables
    got = result.values()
    assert _matches(expected, got), "\n".join(map(repr, got))


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_decisions_counts_zero_for_a_missing_part_type(engine: str, tmp_path: Path) -> None:
    """The paragraph counts are joined to the decisions, not found with them: a decision
    with operative paragraphs only still has its row, with 0 preambular paragraphs."""
    from commitgraph.query import open_graph, open_rdflib

    graph = tmp_path / "g.ttl"
    graph.write_text(
        "@prefix cg: <https://w3id.org/commitgraph/ontology#> .\n"
        "@prefix eli: <http://data.europa.eu/eli/ontology#> .\n"
        "@prefix dcterms: <http://purl.org/dc/terms/> .\n"
        '<urn:w> a cg:Decision ; dcterms:identifier "PC.DEC/1" ; eli:is_realized_by <urn:e> ;\n'
        "  eli:has_part <urn:op1>, <urn:op2> .\n"
        "<urn:op1> a cg:OperativeParagraph . <urn:op2> a cg:OperativeParagraph .\n"
        '<urn:v> a cg:Decision ; dcterms:identifier "PC.DEC/2" ; eli:is_realized_by <urn:f> .\n',
        encoding="utf-8",
    )
    source = open_graph(graph) if engine == "oxigraph" else open_rdflib(graph)
    rows = run_library_query(source, library()["decisions"]).dicts()
    got = [(r["symbol"], r["preamble"], r["operative"], r["cites"]) for r in rows]
    assert got == [("PC.DEC/1", "0", "2", "0"), ("PC.DEC/2", "0", "0", "0")]


_UNION: dict[Path, ox.Store] = {}


def _union_store(path: Path) -> ox.Store:
    """The fixture with named graphs only (empty default graph): queried in union mode."""
    if path not in _UNION:
        store = ox.Store()
        store.load(path=str(path), format=ox.RdfFormat.TRIG)
        _UNION[path] = store
    return _UNION[path]


def test_union_store_really_is_a_bag(fixture_graph: Path) -> None:
    """Why the merged default graph exists: in union mode a shared triple comes back once
    per language graph (MC.DEC/7/17 has en and fr graphs)."""
    q = (
        "SELECT ?n WHERE { <https://w3id.org/commitgraph/id/work/MC.DEC/7/17/op/1> "
        "<http://data.europa.eu/eli/ontology#number> ?n }"
    )
    assert len(run_query(_union_store(fixture_graph), q)) == 2
    from commitgraph.query import open_graph

    assert len(run_query(open_graph(fixture_graph), q)) == 1


def test_every_library_query_has_expected_rows() -> None:
    tested = {case[0] for case in CASES}
    assert set(library()) == tested
    assert len(library()) >= 10


def test_the_library_answers_the_issue_questions() -> None:
    names = set(library())
    for needed in (
        "citations-by-relation",
        "asked-of-actor",
        "theme-commitments",
        "cited-by",
        "lineage",
        "most-cited",
        "strength-over-years",
        "tasked-structures",
        "interpretative-statements",
        "paragraph-provenance",
    ):
        assert needed in names


# --- headers --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(library()))
def test_header_is_complete(name: str) -> None:
    q = library()[name]
    assert q.title and len(q.title) < 80
    assert len(q.description) > 80 and q.description.endswith(".")
    select = q.text[q.text.index("SELECT") : q.text.index("WHERE")]
    for p in q.params:
        # pyoxigraph binds a parameter only if it is a SELECT variable
        assert re.search(rf"\?{p.name}\b", select), f"{p.name} not in the SELECT clause"
        assert p.description
    for example in q.examples:
        for key in re.findall(r"(?:^|\s)([A-Za-z_]\w*)=", example):
            assert q.param(key) is not None, f"example uses undeclared {key}"
    required = [p for p in q.params if p.required]
    if required:
        assert q.examples, "a query with required parameters shows an example"


def test_parse_header_reads_continuations_and_defaults() -> None:
    text = """# title: A title
# description: First line
#   continues here.
# param: who (iri|literal) — the actor
# param: lang (literal, default "en") — language
#   of the text
# example: who=ODIHR
SELECT ?who ?lang WHERE { }
"""
    q = parse_header(text, "x")
    assert q.title == "A title"
    assert q.description == "First line continues here."
    assert [(p.name, p.kind, p.default) for p in q.params] == [
        ("who", "iri|literal", None),
        ("lang", "literal", '"en"'),
    ]
    assert q.params[1].description == "language of the text"
    assert q.params[0].required and not q.params[1].required
    assert q.examples == ("who=ODIHR",)


@pytest.mark.parametrize(
    "bad",
    [
        "# param: who — no kind\nSELECT * {}",
        "# param: who (number) — unknown kind\nSELECT * {}",
        "# title: a\n# title: b\nSELECT * {}",
        "# title: a\n# stray line\nSELECT * {}",
    ],
)
def test_parse_header_rejects_malformed_headers(bad: str) -> None:
    with pytest.raises(QueryError):
        parse_header(bad, "bad")


# --- parameters ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [
        ("<https://example.org/x>", "iri|literal", ox.NamedNode("https://example.org/x")),
        ("https://example.org/x", "iri|literal", ox.NamedNode("https://example.org/x")),
        (
            "cgid:actor/ODIHR",
            "iri|literal",
            ox.NamedNode("https://w3id.org/commitgraph/id/actor/ODIHR"),
        ),
        ("UNTC:IV-11", "iri|literal", ox.Literal("UNTC:IV-11")),  # not a known prefix
        ("MC.DEC/13/04", "iri|literal", ox.Literal("MC.DEC/13/04")),
        ('"traite des enfants"@fr', "iri|literal", ox.Literal("traite des enfants", language="fr")),
        (
            '"5"^^xsd:integer',
            "iri|literal",
            ox.Literal("5", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
        ),
        ('"say \\"hi\\""', "iri|literal", ox.Literal('say "hi"')),
        ('""', "literal", ox.Literal("")),
        ("https://example.org/x", "literal", ox.Literal("https://example.org/x")),
        (
            "12",
            "integer",
            ox.Literal("12", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
        ),
        ("plain words", "iri|literal", ox.Literal("plain words")),
    ],
)
def test_parse_term(value: str, kind: str, expected: object) -> None:
    assert parse_term(value, kind) == expected


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("plain", "iri"),
        ('"x"', "iri"),
        ("twelve", "integer"),
        ("<not an iri>", "iri|literal"),
        ('"x"@toolongsubtag', "literal"),
    ],
)
def test_parse_term_refuses(value: str, kind: str) -> None:
    with pytest.raises(QueryError):
        parse_term(value, kind)


def test_bind_params_checks_names_and_fills_defaults() -> None:
    q = library()["asked-of-actor"]
    bound = bind_params(q, {"actor": "ODIHR"})
    assert bound == {"actor": ox.Literal("ODIHR"), "lang": ox.Literal("en")}
    with pytest.raises(QueryError, match="needs --param actor"):
        bind_params(q, {})
    with pytest.raises(QueryError, match="no parameter colour"):
        bind_params(q, {"actor": "ODIHR", "colour": "blue"})


def test_query_without_header_binds_any_name(oxigraph_fixture) -> None:  # type: ignore[no-untyped-def]
    q = parse_header("SELECT ?x WHERE { }", "adhoc")
    result = run_library_query(oxigraph_fixture, q, {"x": "cgid:actor/ODIHR"}, show_params=True)
    assert result.values() == [("https://w3id.org/commitgraph/id/actor/ODIHR",)]


INJECTION = 'x" } ; DROP ALL ; #'


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_a_quoted_value_stays_one_plain_literal(engine: str, fixture_graph: Path) -> None:
    """The issue's example: quotes and braces in a value cannot change the query."""
    from commitgraph.query import open_graph, open_rdflib

    source = open_graph(fixture_graph) if engine == "oxigraph" else open_rdflib(fixture_graph)
    size = len(source)
    term = parse_term(INJECTION)
    assert term == ox.Literal(INJECTION)
    echo = parse_header("SELECT ?v WHERE { }", "echo")
    assert run_library_query(source, echo, {"v": INJECTION}, show_params=True).values() == [
        (INJECTION,)
    ]
    for name, key in (
        ("asked-of-actor", "actor"),
        ("theme-commitments", "theme"),
        ("cited-by", "instrument"),
        ("lineage", "decision"),
        ("citations-by-relation", "decision"),
    ):
        assert run_library_query(source, library()[name], {key: INJECTION}).rows == []
    assert len(source) == size
    # and the graph is still there to be queried
    assert run_library_query(source, library()["decisions"]).rows


# --- running ------------------------------------------------------------------------------


def test_limit_cuts_and_says_so(oxigraph_fixture, rdflib_fixture) -> None:  # type: ignore[no-untyped-def]
    q = "SELECT ?s WHERE { ?s ?p ?o }"
    for source in (oxigraph_fixture, rdflib_fixture):
        result = run_query(source, q, limit=3)
        assert len(result.rows) == 3 and result.truncated
    small = run_query(oxigraph_fixture, "SELECT ?x WHERE { VALUES ?x { 1 2 } }", limit=3)
    assert len(small.rows) == 2 and not small.truncated


def test_ask_and_construct(oxigraph_fixture) -> None:  # type: ignore[no-untyped-def]
    ask = run_query(
        oxigraph_fixture, "ASK { ?s a <https://w3id.org/commitgraph/ontology#Decision> }"
    )
    assert ask.kind == "ask" and ask.boolean is True
    graph = run_query(oxigraph_fixture, "CONSTRUCT { ?s a ?t } WHERE { ?s a ?t } LIMIT 4")
    assert graph.kind == "graph" and len(graph.triples) == 4


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_syntax_errors_are_query_errors(engine: str, oxigraph_fixture, rdflib_fixture) -> None:  # type: ignore[no-untyped-def]
    source = oxigraph_fixture if engine == "oxigraph" else rdflib_fixture
    with pytest.raises(QueryError, match="syntax"):
        run_query(source, "SELECT ?s WHERE { ?s ?p }")


def test_an_unprojected_parameter_is_explained(oxigraph_fixture) -> None:  # type: ignore[no-untyped-def]
    q = LibraryQuery("p", "SELECT ?s WHERE { ?s ?p ?x }")
    with pytest.raises(QueryError, match="SELECT"):
        run_library_query(oxigraph_fixture, q, {"x": "y"})


def test_resolve_binds_the_node_a_symbol_names(oxigraph_fixture, rdflib_fixture) -> None:  # type: ignore[no-untyped-def]
    query = library()["lineage"]
    assert query.resolve == (("decision", "http://purl.org/dc/terms/identifier"),)
    for source in (oxigraph_fixture, rdflib_fixture):
        named = resolve_params(source, query, bind_params(query, {"decision": "MC.DEC/7/17"}))
        assert named["decision"] == ox.NamedNode("https://w3id.org/commitgraph/id/work/MC.DEC/7/17")
        unknown = resolve_params(source, query, bind_params(query, {"decision": "MC.DEC/99/99"}))
        assert unknown["decision"] == ox.Literal("MC.DEC/99/99")
        given = bind_params(query, {"decision": "cgid:work/MC.DEC/7/17"})
        assert resolve_params(source, query, given) == given


@pytest.mark.parametrize(
    "line",
    ["# resolve: decision", "# resolve: nobody dcterms:identifier", "# resolve: decision zz:id"],
)
def test_resolve_header_must_name_a_parameter_and_a_property(line: str) -> None:
    text = f"# param: decision (iri|literal) — d\n{line}\nSELECT ?decision WHERE {{}}\n"
    with pytest.raises(QueryError):
        parse_header(text)
