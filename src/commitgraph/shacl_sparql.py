"""The project's SHACL shapes compiled to SPARQL, run on an Oxigraph store.

pySHACL (:mod:`commitgraph.validate`) is the reference validator: it checks one
document's graph in about a tenth of a second. At corpus scale (tens of thousands of
documents) that is most of a build, so ``build --store`` validates the whole store at once
instead: each constraint of ``shapes/`` becomes one SPARQL query that returns every
violating focus node of every document, and Oxigraph answers it in milliseconds.

The compiler covers the part of SHACL Core and SHACL-SPARQL that the shapes use (targets by
class, subjects-of and SPARQL; paths by sequence, alternatives, inverse and repetition;
min/max count, datatype, node kind, pattern, min length, min inclusive, language, has
value, in, class, less than, node, qualified value shapes, SPARQL constraints). A shape
that uses anything else makes compilation fail loudly, so no rule is skipped in silence.
Both validators must agree: the tests run every shape case through both.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

import pyoxigraph as ox
from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from commitgraph.errors import CommitgraphError
from commitgraph.shacl_local import Check, Index, compile_check, compile_focus, compile_path
from commitgraph.validate import Issue, _path_text, _shape_messages, shapes_graph

SH = Namespace("http://www.w3.org/ns/shacl#")
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"

_HANDLED = {
    SH.path,
    SH.property,
    SH.message,
    SH.severity,
    SH.name,
    SH.description,
    SH.order,
    SH.group,
    SH.targetClass,
    SH.targetSubjectsOf,
    SH.targetNode,
    SH.target,
    SH.sparql,
    SH.minCount,
    SH.maxCount,
    SH.datatype,
    SH.nodeKind,
    SH.pattern,
    SH.flags,
    SH.minLength,
    SH.minInclusive,
    SH.languageIn,
    SH.hasValue,
    SH["in"],
    SH["class"],
    SH.lessThan,
    SH.node,
    SH.qualifiedValueShape,
    SH.qualifiedMinCount,
    SH.deactivated,
    RDF.type,
}

_NODE_KIND_TESTS = {
    SH.IRI: "isIRI(?value)",
    SH.Literal: "isLiteral(?value)",
    SH.BlankNode: "isBlank(?value)",
    SH.BlankNodeOrIRI: "!isLiteral(?value)",
    SH.IRIOrLiteral: "!isBlank(?value)",
    SH.BlankNodeOrLiteral: "!isIRI(?value)",
}

# A focus pattern: SPARQL text that binds ?this to the focus nodes of a shape.
Focus = str
LocalFocus = Callable[..., set]


class ShapeCompileError(CommitgraphError):
    """A shape uses a SHACL feature this compiler does not translate."""


@dataclass(frozen=True)
class _Rule:
    """One constraint, ready to run: ``pairs`` gives (focus, value) of its violations."""

    shape: Node  # the shape holding the constraint (its message, its severity)
    constraint: Node | None  # a SPARQL constraint node, when it is one
    path: str | None  # for the report
    severity: str
    pairs: Callable[[ox.Store], set[tuple[ox.Term, ox.Term | None]]]
    # The same constraint checked on one document's triples (commitgraph.shacl_local),
    # when it only reads the focus node and its values; None when it needs the store.
    check: Check | None = None


def _term(node: Node) -> str:
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, Literal):
        return node.n3()
    raise ShapeCompileError(f"cannot write {node!r} in SPARQL")


class _Compiler:
    def __init__(self, shapes: Graph) -> None:
        self.g = shapes
        self.prefixes = self._prefixes()
        self.counter = itertools.count(1)

    def _prefixes(self) -> str:
        lines = []
        for decl in self.g.objects(None, SH.declare):
            prefix, ns = self.g.value(decl, SH.prefix), self.g.value(decl, SH.namespace)
            if prefix is not None and ns is not None:
                lines.append(f"PREFIX {prefix}: <{ns}>")
        return "\n".join(sorted(set(lines)))

    # --- paths -----------------------------------------------------------------------

    def path(self, node: Node) -> str:
        try:
            return _path_text(self.g, node, full=True)
        except ValueError as err:
            raise ShapeCompileError(str(err)) from err

    # --- targets ---------------------------------------------------------------------

    def targets(self, shape: Node) -> Focus | None:
        g = self.g
        parts = []
        for cls in g.objects(shape, SH.targetClass):
            parts.append(f"{{ ?this {RDF_TYPE} {_term(cls)} . }}")
        if (shape, RDF.type, URIRef("http://www.w3.org/2000/01/rdf-schema#Class")) in g:
            parts.append(f"{{ ?this {RDF_TYPE} {_term(shape)} . }}")
        for p in g.objects(shape, SH.targetSubjectsOf):
            parts.append(f"{{ ?this {_term(p)} ?any{next(self.counter)} . }}")
        for n in g.objects(shape, SH.targetNode):
            parts.append(f"{{ BIND({_term(n)} AS ?this) }}")
        for t in g.objects(shape, SH.target):
            select = g.value(t, SH.select)
            if select is None:
                raise ShapeCompileError(f"unsupported target on {shape}")
            parts.append("{ " + str(select).replace("$this", "?this") + " }")
        if not parts:
            return None
        return "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join(parts) + " } }"

    # --- constraints -----------------------------------------------------------------

    def severity(self, shape: Node) -> str:
        sev = self.g.value(shape, SH.severity)
        return str(sev).rsplit("#", 1)[-1] if sev is not None else "Violation"

    def shape_rules(self, shape: Node, focus: Focus, *, top: bool = True) -> list[_Rule]:
        """All rules of a node shape (its own constraints and its property shapes);
        ``top`` for a shape validated on its own targets (not nested in another)."""
        g = self.g
        if g.value(shape, SH.deactivated) == Literal(True):
            return []
        self._check_supported(shape)
        local = compile_focus(g, shape) if top else None
        rules = self.constraints(shape, focus, path=None, report_shape=shape, local=local)
        for prop in g.objects(shape, SH.property):
            if g.value(prop, SH.deactivated) == Literal(True):
                continue
            self._check_supported(prop)
            path_node = g.value(prop, SH.path)
            if path_node is None:
                raise ShapeCompileError(f"property shape {prop} has no sh:path")
            rules += self.constraints(prop, focus, self.path(path_node), prop, local=local)
        return rules

    def _check_supported(self, shape: Node) -> None:
        for p in set(self.g.predicates(shape)):
            if p not in _HANDLED:
                raise ShapeCompileError(f"{shape}: {p} is not supported by the compiler")

    def constraints(
        self,
        shape: Node,
        focus: Focus,
        path: str | None,
        report_shape: Node,
        *,
        local: LocalFocus | None = None,
    ) -> list[_Rule]:
        g = self.g
        sev = self.severity(shape)
        path_node = g.value(shape, SH.path) if path is not None else None
        path_text = _path_text(g, path_node) if path_node is not None else None
        values = f"?this {path} ?value ." if path else "BIND(?this AS ?value)"
        rules: list[_Rule] = []
        local_path = compile_path(g, path_node) if path_node is not None else None
        if path_node is not None and local_path is None:
            local = None  # a path with repetition: SPARQL only

        def add(
            query: str | Callable[[ox.Store], set],
            constraint: Node | None = None,
            component: URIRef | None = None,
            arg: Node | None = None,
        ) -> None:
            check = None
            if local is not None and component is not None and arg is not None:
                check = compile_check(g, shape, component, arg, local, local_path)
            if isinstance(query, str):
                text = self.prefixes + "\n" + query
                rules.append(
                    _Rule(
                        report_shape,
                        constraint,
                        path_text,
                        sev,
                        lambda store, q=text: _pairs(store, q),
                        check,
                    )
                )
            else:
                rules.append(_Rule(report_shape, constraint, path_text, sev, query, check))

        def value_filter(condition: str) -> str:
            return f"SELECT DISTINCT ?this ?value WHERE {{ {focus} {values} FILTER({condition}) }}"

        def pattern_query(pattern: Node) -> str:
            flags = g.value(shape, SH.flags)
            fl = f", {_term(Literal(str(flags)))}" if flags is not None else ""
            regex = f"regex(str(?value), {_term(Literal(str(pattern)))}{fl})"
            return value_filter(f"isBlank(?value) || !{regex}")

        def language_query(langs: Node) -> str:
            tests = " || ".join(
                f"langMatches(lang(?value), {_term(Literal(str(x)))})" for x in Collection(g, langs)
            )
            return value_filter(f"!COALESCE(isLiteral(?value) && ({tests}), false)")

        def has_value_query(v: Node) -> str:
            exists = f"?this {path} {_term(v)} ." if path else f"FILTER(?this = {_term(v)})"
            return f"SELECT DISTINCT ?this WHERE {{ {focus} FILTER NOT EXISTS {{ {exists} }} }}"

        # One SPARQL query per constraint component: it returns the violating (focus,
        # value) pairs, as the component's Python check in commitgraph.shacl_local does.
        writers: dict[URIRef, Callable[[Node], str]] = {
            SH.minCount: lambda n: (
                f"SELECT ?this WHERE {{ {focus} OPTIONAL {{ {values} }} }} GROUP BY ?this "
                f"HAVING (COUNT(DISTINCT ?value) < {int(n)})"
            ),
            SH.maxCount: lambda n: (
                f"SELECT ?this WHERE {{ {focus} {values} }} GROUP BY ?this "
                f"HAVING (COUNT(DISTINCT ?value) > {int(n)})"
            ),
            SH.datatype: lambda dt: value_filter(
                f"!isLiteral(?value) || datatype(?value) != {_term(dt)}"
            ),
            SH.nodeKind: lambda kind: value_filter(f"!({_NODE_KIND_TESTS[kind]})"),
            SH.pattern: pattern_query,
            SH.minLength: lambda n: value_filter(
                f"isBlank(?value) || strlen(str(?value)) < {int(n)}"
            ),
            SH.minInclusive: lambda n: value_filter(f"!COALESCE(?value >= {_term(n)}, false)"),
            SH.languageIn: language_query,
            SH.hasValue: has_value_query,
            SH["in"]: lambda members: value_filter(
                f"?value NOT IN ({', '.join(_term(x) for x in Collection(g, members))})"
            ),
            SH["class"]: lambda cls: (
                f"SELECT DISTINCT ?this ?value WHERE {{ {focus} {values} FILTER NOT EXISTS "
                f"{{ ?value {RDF_TYPE} {_term(cls)} . }} }}"
            ),
            SH.lessThan: lambda other: (
                f"SELECT DISTINCT ?this ?value WHERE {{ {focus} {values} ?this {_term(other)} "
                f"?lt . FILTER(!COALESCE(?value < ?lt, false)) }}"
            ),
        }
        for component, write in writers.items():
            for arg in g.objects(shape, component):
                add(write(arg), component=component, arg=arg)
        for node_shape in g.objects(shape, SH.node):
            add(self._node_rule(focus, values, node_shape))
        for qshape in g.objects(shape, SH.qualifiedValueShape):
            least = g.value(shape, SH.qualifiedMinCount)
            if least is None:
                raise ShapeCompileError(f"{shape}: only sh:qualifiedMinCount is supported")
            add(self._qualified_rule(focus, values, qshape, int(least)))
        for c in g.objects(shape, SH.sparql):
            select = g.value(c, SH.select)
            if select is None or g.value(c, SH.deactivated) == Literal(True):
                continue
            body = str(select).replace("$this", "?this")
            c_sev = self.severity(c) if g.value(c, SH.severity) is not None else sev
            text = (
                self.prefixes
                + "\n"
                + f"SELECT DISTINCT ?this ?value WHERE {{ {focus} {{ {body} }} }}"
            )
            rules.append(
                _Rule(report_shape, c, path_text, c_sev, lambda store, q=text: _pairs(store, q))
            )
        return rules

    def _value_focus(self, focus: Focus, values: str) -> Focus:
        """A focus pattern over the value nodes of ``values`` (for nested shapes)."""
        k = next(self.counter)
        outer = focus.replace("?this", f"?__o{k}")
        vals = values.replace("?this", f"?__o{k}").replace("?value", "?this")
        return f"{{ SELECT DISTINCT ?this WHERE {{ {outer} {vals} }} }}"

    def _nested_violators(self, shape: Node, focus: Focus) -> Callable[[ox.Store], set]:
        rules = self.shape_rules(shape, focus, top=False)

        def run(store: ox.Store) -> set:
            bad: set = set()
            for r in rules:
                bad.update(this for this, _ in r.pairs(store))
            return bad

        return run

    def _node_rule(self, focus: Focus, values: str, shape: Node) -> Callable:
        violators = self._nested_violators(shape, self._value_focus(focus, values))
        pairs_q = (
            self.prefixes + "\n" + f"SELECT DISTINCT ?this ?value WHERE {{ {focus} {values} }}"
        )

        def run(store: ox.Store) -> set:
            bad = violators(store)
            return {(t, v) for t, v in _pairs(store, pairs_q) if v in bad}

        return run

    def _qualified_rule(self, focus: Focus, values: str, shape: Node, least: int) -> Callable:
        violators = self._nested_violators(shape, self._value_focus(focus, values))
        pairs_q = (
            self.prefixes
            + "\n"
            + f"SELECT DISTINCT ?this ?value WHERE {{ {focus} OPTIONAL {{ {values} }} }}"
        )

        def run(store: ox.Store) -> set:
            bad = violators(store)
            conforming: dict = defaultdict(int)
            for t, v in _pairs(store, pairs_q):
                conforming[t] += 0
                if v is not None and v not in bad:
                    conforming[t] += 1
            return {(t, None) for t, n in conforming.items() if n < least}

        return run


# Instances are read by their rdf:type alone, as pySHACL reads a document's graph, which
# holds no rdfs:subClassOf axioms (the store's vocabulary graph does: following them would
# make the two validators disagree, and cost a path search per focus node).
_UNION = [True]  # per run: a store with a merged default graph is read as it is


def _pairs(store: ox.Store, query: str) -> set[tuple[ox.Term, ox.Term | None]]:
    out = set()
    result = store.query(query, use_default_graph_as_union=_UNION[0])
    has_value = any(v.value == "value" for v in result.variables)  # type: ignore[union-attr]
    for row in result:  # type: ignore[union-attr]
        out.add((row["this"], row["value"] if has_value else None))
    return out


@cache
def compiled_rules(name: str = "commitgraph") -> tuple[_Rule, ...]:
    """Every rule of a shapes file, compiled once per process."""
    shapes = shapes_graph(name)
    compiler = _Compiler(shapes)
    rules: list[_Rule] = []
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    for shape in sorted(node_shapes, key=str):
        if isinstance(shape, BNode):
            continue
        focus = compiler.targets(shape)
        if focus is not None:
            rules.extend(compiler.shape_rules(shape, focus))
    return tuple(rules)


def validate_store(
    store: ox.Store,
    name: str = "commitgraph",
    *,
    merged: bool = False,
    skip_local: bool = False,
) -> list[Issue]:
    """Validate everything in ``store`` against the shapes: the union of its named graphs,
    or, when ``merged``, its default graph (which then holds that union already).

    ``skip_local`` leaves out the constraints that :func:`validate_local` checks per
    document, for a build that has already run them in its workers."""
    _UNION[0] = not merged
    issues = []
    for rule in compiled_rules(name):
        if skip_local and rule.check is not None:
            continue
        issues += _issues(rule, rule.pairs(store), name)
    return dedupe(issues)


def validate_local(index: Index, name: str = "commitgraph") -> list[Issue]:
    """Validate one document (``index``: its triples over the vocabulary and catalogue)
    against the node-local constraints; the others need :func:`validate_store`."""
    issues = []
    for rule in compiled_rules(name):
        if rule.check is not None:
            issues += _issues(rule, rule.check(index), name)
    return dedupe(issues)


def _issues(rule: _Rule, pairs: set[tuple[ox.Term, ox.Term | None]], name: str) -> list[Issue]:
    if not pairs:
        return []
    shapes = shapes_graph(name)
    out = []
    for this, value in sorted(pairs, key=lambda p: (str(p[0]), str(p[1]))):
        focus, val = _plain(this), _plain(value) if value is not None else None
        fill = {"value": val or "", "this": focus, "path": rule.path or ""}
        messages = _shape_messages(shapes, rule.constraint, rule.shape, fill)
        shape = rule.constraint if isinstance(rule.constraint, URIRef) else rule.shape
        out.append(
            Issue(
                focus=focus,
                path=rule.path,
                value=val,
                severity=rule.severity,
                messages=messages,
                shape=str(shape) if isinstance(shape, URIRef) else None,
            )
        )
    return out


def _plain(term: ox.Term) -> str:
    return term.value if hasattr(term, "value") else str(term)


def dedupe(issues: Iterable[Issue]) -> list[Issue]:
    seen = set()
    out = []
    for i in issues:
        key = (i.focus, i.path, i.value, i.severity, i.shape)
        if key not in seen:
            seen.add(key)
            out.append(i)
    return out
