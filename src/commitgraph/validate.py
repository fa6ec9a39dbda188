"""Check graphs against the SHACL shapes in ``shapes/`` (https://www.w3.org/TR/shacl/).

Two graphs are checked, each with its own shapes file:

* a document graph (one source document's triples) with ``commitgraph.shacl.ttl``;
* the vocabulary graph (``ontology/vocab/*.ttl``) with ``vocabulary.shacl.ttl``.

A document graph alone cannot say whether ``cgid:action/urge`` is an action type or
``cgid:actor/ODIHR`` a known actor: that knowledge lives in the vocabulary. Rather than
validate against the whole vocabulary (pySHACL's cost grows with the data graph), the
module adds only the ``skos:inScheme``, ``rdf:type`` and ``cg:strength`` triples of the
concepts the document references, and the catalogue dates of the works it cites. Shapes,
vocabulary and catalogue are parsed once per process.

Messages come from the shapes graph, by language, rather than from pySHACL's report:
pySHACL drops the language tag of a message when it fills in ``{?value}``, and the
report would then not say which text is French.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Result
from rdflib.term import Node

from commitgraph.errors import CommitgraphError
from commitgraph.rdf.namespaces import CG, CITO, ELI, PREFIXES, SKOS, XSD
from commitgraph.resources import data_dir, vocab_files

SH = Namespace("http://www.w3.org/ns/shacl#")
Triple = tuple[Node, Node, Node]

_SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}
# What a document graph needs to know about a vocabulary concept it references.
_SUPPORT_PREDICATES = (URIRef(SKOS + "inScheme"), RDF.type, URIRef(CG + "strength"))
_DATE = URIRef(ELI + "date_document")
_XSD_STRING = XSD + "string"
# Placeholders a SHACL message may hold ({?value} or {$value}, likewise this and path).
_PLACEHOLDER = re.compile(r"\{[?$](value|this|path)\}")


@dataclass(frozen=True)
class Issue:
    """One validation result, with its message in every language the shape gives.

    ``focus`` and ``value`` are IRIs or literal values as plain strings; ``path`` is a
    SPARQL property path with the project's prefixes (``eli:is_realized_by/eli:title``).
    ``shape`` is the IRI of the rule that fired: the property or node shape, or, for a
    SPARQL-based constraint, the named constraint itself (several hang on one shape).
    """

    focus: str
    path: str | None
    value: str | None
    severity: str  # "Violation", "Warning" or "Info"
    messages: dict[str, str] = field(hash=False)
    shape: str | None

    def message(self, lang: str = "en") -> str:
        """The message in ``lang``, else in English, else in any language at all."""
        for code in (lang, "en"):
            if code in self.messages:
                return self.messages[code]
        return next(iter(self.messages.values()), "")


@dataclass
class ValidationResult:
    conforms: bool  # no issue of severity Violation; warnings do not count
    issues: list[Issue]
    report: Graph


class _DataGraph(Graph):
    """An rdflib graph that parses each SPARQL text once per process.

    pySHACL hands rdflib the text of the same few queries for every document and focus
    node, and rdflib's parser costs about 20 ms a query: half the time of validating a
    document. Evaluation is unchanged (pre-bound variables still come as initBindings).
    """

    def query(  # type: ignore[override]
        self,
        query_object: str | Query,
        processor: str = "sparql",
        result: str = "sparql",
        initNs: Mapping[str, Any] | None = None,
        initBindings: Mapping[str, Node] | None = None,
        use_store_provided: bool = True,
        **kwargs: Any,
    ) -> Result:
        if isinstance(query_object, str) and not initNs:
            query_object = _prepared(query_object)
        return super().query(
            query_object, processor, result, initNs, initBindings, use_store_provided, **kwargs
        )


@lru_cache(maxsize=256)
def _prepared(text: str) -> Query:
    return prepareQuery(text)


# --- loading, once per process --------------------------------------------------------------


@cache
def shapes_graph(name: str = "commitgraph") -> Graph:
    """The parsed shapes file ``shapes/<name>.shacl.ttl`` (cached: parse once per process)."""
    path = data_dir("shapes") / f"{name}.shacl.ttl"
    if not path.is_file():
        raise CommitgraphError(f"no shapes file named {name!r}", path)
    return _parse_turtle([path])


def _to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Node:
    """Build the rdflib term directly: far cheaper than serialising and re-parsing."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise TypeError(f"cannot convert RDF-star term {term!r}")


def _parse_turtle(paths: Iterable[Path]) -> Graph:
    """Parse Turtle files with Oxigraph (about ten times faster than rdflib) into one graph."""
    graph = Graph()
    for path in paths:
        try:
            triples = ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)
            graph.addN(
                (_to_rdflib(t.subject), _to_rdflib(t.predicate), _to_rdflib(t.object), graph)
                for t in triples
            )
        except SyntaxError as err:
            raise CommitgraphError(f"not valid Turtle: {err}", path) from err
    return graph


def _catalogue_files() -> tuple[Path, ...]:
    folder = data_dir("ontology") / "catalogue"
    return tuple(sorted(folder.glob("*.ttl"))) if folder.is_dir() else ()


@cache
def _vocabulary(paths: tuple[Path, ...]) -> Graph:
    return _parse_turtle(paths)


def vocabulary_graph() -> Graph:
    """The parsed vocabulary files (cached per set of files)."""
    return _vocabulary(tuple(vocab_files()))


@dataclass(frozen=True)
class _SupportIndex:
    concepts: dict[Node, tuple[Triple, ...]]  # concept -> its scheme, types, strength
    dates: dict[Node, tuple[Triple, ...]]  # work -> its eli:date_document


@cache
def _support_index(vocab: tuple[Path, ...], catalogue: tuple[Path, ...]) -> _SupportIndex:
    graph = _vocabulary(vocab)
    concepts: dict[Node, list[Triple]] = defaultdict(list)
    for predicate in _SUPPORT_PREDICATES:
        for s, o in graph.subject_objects(predicate):
            concepts[s].append((s, predicate, o))
    dates: dict[Node, list[Triple]] = defaultdict(list)
    for source in (graph, _parse_turtle(catalogue)):
        for s, o in source.subject_objects(_DATE):
            dates[s].append((s, _DATE, o))
    return _SupportIndex(
        {k: tuple(v) for k, v in concepts.items()}, {k: tuple(v) for k, v in dates.items()}
    )


# --- support triples ------------------------------------------------------------------------


def support_triples(data: Graph) -> Iterator[Triple]:
    """The vocabulary and catalogue triples the shapes need to judge ``data``.

    For every IRI ``data`` uses as an object that is a vocabulary concept: its
    ``skos:inScheme``, ``rdf:type`` and ``cg:strength``. For every cited work that
    ``data`` neither realises nor dates itself: its date from the vocabulary or the
    catalogue (``eli:date_document``), so that citing a later work can be detected. The
    extracted decision's own date is never supplied: a missing date must stay visible.
    """
    index = _support_index(tuple(vocab_files()), _catalogue_files())
    for obj in set(data.objects(unique=True)):
        if isinstance(obj, URIRef):
            yield from index.concepts.get(obj, ())
    realized = set(data.subjects(URIRef(ELI + "is_realized_by"), unique=True))
    cited = set(data.objects(None, URIRef(ELI + "cites"), unique=True))
    cited.update(data.objects(None, URIRef(CITO + "hasCitedEntity"), unique=True))
    for work in cited - realized:
        if (work, _DATE, None) not in data:
            yield from index.dates.get(work, ())


# --- validation ------------------------------------------------------------------------------


def validate_graph(data: Graph, shapes: Graph | None = None) -> ValidationResult:
    """Validate ``data`` as it is (nothing added) against ``shapes`` (default: documents)."""
    shapes = shapes if shapes is not None else shapes_graph()
    if type(data) is Graph:  # a view on the same store: nothing is copied
        data = _DataGraph(store=data.store, identifier=data.identifier)
    # inplace: no inference and no SHACL rules, so pySHACL reads the data graph without
    # changing it, and copying it first would only cost time.
    # Imported here: pySHACL takes a quarter of a second to import, and the build's own
    # validator (commitgraph.shacl_sparql, which reads this module's shapes) never calls it.
    from pyshacl import validate as shacl_validate

    _, report, _ = shacl_validate(
        data,
        shacl_graph=shapes,
        inference="none",
        advanced=True,
        inplace=True,
        allow_warnings=True,
    )
    issues = _issues(report, shapes)
    conforms = not any(i.severity == "Violation" for i in issues)
    return ValidationResult(conforms=conforms, issues=issues, report=report)


def validate_document(triples: Iterable[ox.Triple] | Iterable[ox.Quad] | Graph) -> ValidationResult:
    """Validate one document's triples, with the vocabulary facts they rely on added.

    Accepts pyoxigraph triples or quads (the graph name is ignored: one document is one
    graph) or an rdflib graph, which is copied rather than changed.
    """
    data = _DataGraph()
    if isinstance(triples, Graph):
        data.addN((s, p, o, data) for s, p, o in triples)
    else:
        data.addN(
            (_to_rdflib(t.subject), _to_rdflib(t.predicate), _to_rdflib(t.object), data)
            for t in triples
        )
    # list(): the support triples are read from ``data`` before any is added to it.
    data.addN((s, p, o, data) for s, p, o in list(support_triples(data)))
    return validate_graph(data)


def validate_vocabulary(graph: Graph | None = None) -> ValidationResult:
    """Check the vocabulary (default: the parsed ``ontology/vocab/*.ttl``) for completeness."""
    data = graph if graph is not None else vocabulary_graph()
    return validate_graph(data, shapes_graph("vocabulary"))


# --- reading the report ----------------------------------------------------------------------


def _issues(report: Graph, shapes: Graph) -> list[Issue]:
    issues = []
    # Only the report's own results: those nested in sh:detail (why a value failed its
    # sh:node shape) restate the parent result in terms of the nested shape.
    results = {
        r
        for rep in report.subjects(RDF.type, SH.ValidationReport)
        for r in report.objects(rep, SH.result)
    }
    for result in results:
        focus = _str(report.value(result, SH.focusNode))
        value = _str(report.value(result, SH.value))
        path = report.value(result, SH.resultPath)
        path_text = _path_text(report, path) if path is not None else None
        shape = report.value(result, SH.sourceShape)
        constraint = report.value(result, SH.sourceConstraint)
        fill = {"value": value or "", "this": focus or "", "path": path_text or ""}
        messages = _shape_messages(shapes, constraint, shape, fill)
        if not messages:  # a shape without sh:message: keep pySHACL's generic text
            for m in report.objects(result, SH.resultMessage):
                messages.setdefault(getattr(m, "language", None) or "en", str(m))
        severity = report.value(result, SH.resultSeverity)
        issues.append(
            Issue(
                focus=focus or "",
                path=path_text,
                value=value,
                severity=_local(severity) if severity is not None else "Violation",
                messages=messages,
                shape=_rule(shape, constraint),
            )
        )
    issues.sort(
        key=lambda i: (
            _SEVERITY_ORDER.get(i.severity, 9),
            i.focus,
            i.shape or "",
            i.path or "",
            i.value or "",
        )
    )
    return issues


def _shape_messages(
    shapes: Graph, constraint: Node | None, shape: Node | None, fill: dict[str, str]
) -> dict[str, str]:
    """The ``sh:message`` of the SPARQL constraint, else of the shape, keyed by language."""
    for node in (constraint, shape):
        if node is None:
            continue
        found: dict[str, str] = {}
        for m in shapes.objects(node, SH.message):
            if isinstance(m, Literal):
                text = _PLACEHOLDER.sub(lambda g: fill[g.group(1)], str(m))
                found.setdefault(m.language or "en", text)
        if found:
            return found
    return {}


def _str(node: Node | None) -> str | None:
    return None if node is None else str(node)


def _rule(shape: Node | None, constraint: Node | None) -> str | None:
    if isinstance(constraint, URIRef):
        return str(constraint)
    return str(shape) if isinstance(shape, URIRef) else None


def _local(iri: Node) -> str:
    return re.split(r"[#/]", str(iri))[-1]


def _compact(text: str) -> str | None:
    """``prefix:rest`` for an IRI in one of the project's namespaces, else None."""
    for prefix, namespace in PREFIXES.items():
        if text.startswith(namespace):
            return f"{prefix}:{text[len(namespace) :]}"
    return None


def _path_text(graph: Graph, path: Node, *, full: bool = False) -> str:
    """Write a SHACL path in SPARQL property-path syntax: with the project's prefixes for
    a report, or (``full``) with full IRIs and grouping, ready to use in a query."""

    def write(node: Node) -> str:
        if isinstance(node, URIRef):
            return f"<{node}>" if full else (_compact(str(node)) or f"<{node}>")
        if graph.value(node, RDF.first) is not None:
            text = "/".join(write(p) for p in Collection(graph, node))
            return f"({text})" if full else text
        alternatives = graph.value(node, SH.alternativePath)
        if alternatives is not None:
            text = "|".join(write(p) for p in Collection(graph, alternatives))
            return f"({text})" if full else text
        inverse = graph.value(node, SH.inversePath)
        if inverse is not None:
            return f"(^{write(inverse)})" if full else "^" + write(inverse)
        for predicate, mark in (
            (SH.zeroOrMorePath, "*"),
            (SH.oneOrMorePath, "+"),
            (SH.zeroOrOnePath, "?"),
        ):
            inner = graph.value(node, predicate)
            if inner is not None:
                return f"({write(inner)}){mark}"
        if full:
            raise ValueError(f"unsupported SHACL path {node!r}")
        return str(node)

    return write(path)


def format_issues(issues: Iterable[Issue], lang: str = "en") -> str:
    """One line per issue: severity, focus, path, value, message in ``lang``."""
    lines = []
    for i in issues:
        focus = _compact(i.focus) or i.focus
        value = "-" if i.value is None else _compact(i.value) or i.value
        lines.append(f"{i.severity:<9} {focus}  {i.path or '-'}  {value}  {i.message(lang)}")
    return "\n".join(lines)
