"""The shapes' node-local constraints, evaluated on one document's triples in Python.

Most constraints of ``shapes/`` only look at a focus node and the values of one path from
it: counts, datatypes, patterns, offsets, the class of a span. Run as SPARQL over a store
of 20,000 documents, each is a scan of millions of nodes (the span rules alone took about
90 s of a 100 s validation); run in the worker that has just mapped a document, on that
document's few hundred triples, all of them cost well under a millisecond, in parallel
with the other workers. So the SPARQL compiler (:mod:`commitgraph.shacl_sparql`) asks this
module, constraint by constraint, for a Python check, and the build runs those checks per
document; only what this module declines (SPARQL-based targets and constraints, nested
shapes) runs over the store afterwards.

The semantics are those of validating one document's graph, as pySHACL does in
:func:`commitgraph.validate.validate_document`: its own triples, plus the classes that the
vocabulary and the catalogue give the nodes it points at. A constraint that reads more of
another node (a cited work's identifier and label, a concept's scheme) or another
document (a cited work's date) is not local and stays with SPARQL.
The tests run every shape case through this module plus the remaining SPARQL, and through
pySHACL, and require the two to agree.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

SH = Namespace("http://www.w3.org/ns/shacl#")
XSD = "http://www.w3.org/2001/XMLSchema#"
_TYPE = ox.NamedNode(str(RDF.type))
_NUMERIC = {
    XSD + name
    for name in (
        "integer",
        "decimal",
        "float",
        "double",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "long",
        "int",
        "short",
        "byte",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    )
}
_STRING = XSD + "string"

Term = ox.NamedNode | ox.BlankNode | ox.Literal
Pairs = set[tuple[Term, Term | None]]


class Index:
    """One graph's triples, indexed both ways (subject → predicate → objects and back)."""

    __slots__ = ("_instances", "_ops", "_triples", "context", "spo")

    def __init__(
        self, triples: Iterable[ox.Triple] | Iterable[ox.Quad], context: Index | None = None
    ) -> None:
        spo: dict[Term, dict[ox.NamedNode, set[Term]]] = {}
        instances: dict[Term, set[Term]] = {}
        kept = []
        for t in triples:
            s, p, o = t.subject, t.predicate, t.object
            kept.append((s, p, o))
            if p == _TYPE:
                instances.setdefault(o, set()).add(s)
            props = spo.get(s)
            if props is None:
                spo[s] = {p: {o}}
                continue
            objects = props.get(p)
            if objects is None:
                props[p] = {o}
            else:
                objects.add(o)
        self.spo = spo
        self._triples = kept
        self._instances = instances
        # The vocabulary and the catalogue: where the class of a value the document only
        # points at (a concept, a cited work) is stated, as pySHACL's support triples give
        # it for one document.
        self.context = context
        self._ops: dict[Term, dict[ox.NamedNode, set[Term]]] | None = None

    def objects(self, s: Term, p: ox.NamedNode) -> set[Term]:
        return self.spo.get(s, _EMPTY).get(p, _NONE)

    def subjects_of(self, o: Term, p: ox.NamedNode) -> set[Term]:
        if self._ops is None:  # built on demand: few constraints walk a path backwards
            ops: dict[Term, dict[ox.NamedNode, set[Term]]] = {}
            for s, q, v in self._triples:
                ops.setdefault(v, {}).setdefault(q, set()).add(s)
            self._ops = ops
        return self._ops.get(o, _EMPTY).get(p, _NONE)

    def is_a(self, node: Term, cls: ox.NamedNode) -> bool:
        """Whether the document, or its context, types ``node`` as ``cls`` (no inference)."""
        if cls in self.objects(node, _TYPE):
            return True
        return self.context is not None and self.context.is_a(node, cls)

    def subjects_with(self, p: ox.NamedNode, o: Term | None = None) -> set[Term]:
        """Subjects having ``p`` (with the value ``o``)."""
        if o is not None:
            if p == _TYPE:
                return self._instances.get(o, _NONE)  # type: ignore[return-value]
            return {s for s, props in self.spo.items() if o in props.get(p, _NONE)}
        return {s for s, props in self.spo.items() if p in props}


_EMPTY: dict = {}  # type: ignore[type-arg]
_NONE: frozenset = frozenset()  # type: ignore[type-arg]


Path = Callable[[Index, Term], set[Term]]
Focus = Callable[[Index], set[Term]]
Check = Callable[[Index], Pairs]


def _ox(node: Node) -> Term:
    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype or _STRING)))
    raise ValueError(f"no local form for {node!r}")


def compile_path(g: Graph, node: Node) -> Path | None:
    """A SHACL path as a function from a node to its values; None when the path uses
    repetition (left to SPARQL, which has it natively)."""
    if isinstance(node, URIRef):
        p = ox.NamedNode(str(node))
        return lambda index, s: index.objects(s, p)
    if g.value(node, RDF.first) is not None:
        steps = [compile_path(g, x) for x in Collection(g, node)]
        if any(s is None for s in steps):
            return None

        def sequence(index: Index, s: Term) -> set[Term]:
            current = {s}
            for step in steps:
                current = {v for c in current for v in step(index, c)}  # type: ignore[misc]
            return current

        return sequence
    alternatives = g.value(node, SH.alternativePath)
    if alternatives is not None:
        options = [compile_path(g, x) for x in Collection(g, alternatives)]
        if any(o is None for o in options):
            return None
        return lambda index, s: set().union(*(o(index, s) for o in options))  # type: ignore[misc]
    inverse = g.value(node, SH.inversePath)
    if isinstance(inverse, URIRef):
        p = ox.NamedNode(str(inverse))
        return lambda index, s: index.subjects_of(s, p)
    return None


def compile_focus(g: Graph, shape: Node) -> Focus | None:
    """The shape's focus nodes among the document's subjects; None for a SPARQL target."""
    if any(True for _ in g.objects(shape, SH.target)):
        return None
    parts: list[Focus] = []
    classes = [ox.NamedNode(str(c)) for c in g.objects(shape, SH.targetClass)]
    if (shape, RDF.type, URIRef("http://www.w3.org/2000/01/rdf-schema#Class")) in g:
        classes.append(ox.NamedNode(str(shape)))
    for cls in classes:
        parts.append(lambda index, c=cls: index.subjects_with(_TYPE, c))
    for p in g.objects(shape, SH.targetSubjectsOf):
        having = ox.NamedNode(str(p))
        parts.append(lambda index, q=having: index.subjects_with(q))
    for n in g.objects(shape, SH.targetNode):
        node = _ox(n)
        parts.append(lambda index, x=node: {x} & index.spo.keys())
    if not parts:
        return None
    return lambda index: set().union(*(part(index) for part in parts))


# --- constraint components --------------------------------------------------------------


def _number(term: Term) -> Decimal | float | None:
    if not isinstance(term, ox.Literal) or term.datatype.value not in _NUMERIC:
        return None
    text = term.value.strip()
    try:
        if term.datatype.value.endswith(("float", "double")):
            value = float(text)
            return None if math.isnan(value) else value
        return Decimal(text)
    except (InvalidOperation, ValueError):
        return None


def _less(a: Term, b: Term) -> bool | None:
    """SPARQL's ``a < b`` for the values the shapes compare; None where SPARQL errs."""
    x, y = _number(a), _number(b)
    if x is not None and y is not None:
        return x < y  # type: ignore[operator]
    if (
        isinstance(a, ox.Literal)
        and isinstance(b, ox.Literal)
        and a.datatype == b.datatype
        and a.datatype.value == _STRING
    ):
        return a.value < b.value
    return None


def _lang_matches(tag: str, wanted: str) -> bool:
    tag, wanted = tag.lower(), wanted.lower()
    if wanted == "*":
        return bool(tag)
    return tag == wanted or tag.startswith(wanted + "-")


def _xpath_to_python(pattern: str, *, multiline: bool) -> str:
    """An XPath regular expression (SPARQL's REGEX) in Python's syntax.

    The two agree on what the shapes use, except ``$``: Python's also matches before a
    final newline, XPath's only at the very end (unless multi-line)."""
    if multiline:
        return pattern
    out, escaped, in_class = [], False, False
    for ch in pattern:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "[":
            in_class = True
        elif ch == "]":
            in_class = False
        elif ch == "$" and not in_class:
            out.append(r"\Z")
            continue
        out.append(ch)
    return "".join(out)


def _text(term: Term) -> str:
    return term.value


def value_test(
    g: Graph, shape: Node, component: URIRef, arg: Node
) -> Callable[[Term], bool] | None:
    """A test a single value must pass, for the value-type components; None otherwise."""
    if component == SH.datatype:
        dt = str(arg)
        return lambda v: isinstance(v, ox.Literal) and v.datatype.value == dt
    if component == SH.nodeKind:
        kinds = {
            SH.IRI: (ox.NamedNode,),
            SH.Literal: (ox.Literal,),
            SH.BlankNode: (ox.BlankNode,),
            SH.BlankNodeOrIRI: (ox.BlankNode, ox.NamedNode),
            SH.IRIOrLiteral: (ox.NamedNode, ox.Literal),
            SH.BlankNodeOrLiteral: (ox.BlankNode, ox.Literal),
        }[arg]  # type: ignore[index]
        return lambda v: isinstance(v, kinds)
    if component == SH.pattern:
        flags = g.value(shape, SH.flags)
        bits = 0
        for f in str(flags or ""):
            bits |= {"i": re.I, "m": re.M, "s": re.S, "x": re.X}.get(f, 0)
        rx = re.compile(_xpath_to_python(str(arg), multiline="m" in str(flags or "")), bits)
        return lambda v: not isinstance(v, ox.BlankNode) and rx.search(_text(v)) is not None
    if component == SH.minLength:
        n = int(arg)  # type: ignore[arg-type]
        return lambda v: not isinstance(v, ox.BlankNode) and len(_text(v)) >= n
    if component == SH.minInclusive:
        bound = _ox(arg)

        def at_least(v: Term) -> bool:
            less = _less(v, bound)
            return less is False

        return at_least
    if component == SH.languageIn:
        langs = [str(x) for x in Collection(g, arg)]
        return lambda v: (
            isinstance(v, ox.Literal)
            and v.language is not None
            and any(_lang_matches(v.language, w) for w in langs)
        )
    if component == SH["in"]:
        members = list(Collection(g, arg))
        if not all(isinstance(m, URIRef) for m in members):
            return None  # literal members compare by value in SPARQL: leave them to it
        allowed = {ox.NamedNode(str(m)) for m in members}
        return lambda v: v in allowed
    return None


def _class_check(
    cls: ox.NamedNode, focus: Focus, values: Callable[[Index, Term], set[Term]]
) -> Check:
    return lambda index: {
        (f, v) for f in focus(index) for v in values(index, f) if not index.is_a(v, cls)
    }


def compile_check(
    g: Graph, shape: Node, component: URIRef, arg: Node, focus: Focus, path: Path | None
) -> Check | None:
    """The check of one constraint: the (focus, value) pairs that violate it, as the SPARQL
    compiler's query for the same constraint returns them. None when it is not local."""

    def values(index: Index, f: Term) -> set[Term]:
        return path(index, f) if path is not None else {f}

    if component in (SH.minCount, SH.maxCount):
        n = int(arg)  # type: ignore[arg-type]
        if component == SH.minCount:
            return lambda index: {(f, None) for f in focus(index) if len(values(index, f)) < n}
        return lambda index: {(f, None) for f in focus(index) if len(values(index, f)) > n}
    if component == SH.hasValue:
        wanted = _ox(arg)
        return lambda index: {(f, None) for f in focus(index) if wanted not in values(index, f)}
    if component == SH.lessThan:
        if path is None:
            return None
        other = ox.NamedNode(str(arg))

        def less_than(index: Index) -> Pairs:
            bad: Pairs = set()
            for f in focus(index):
                bounds = index.objects(f, other)
                for v in values(index, f):
                    if any(_less(v, b) is not True for b in bounds):
                        bad.add((f, v))
            return bad

        return less_than
    if component == SH["class"]:
        return _class_check(ox.NamedNode(str(arg)), focus, values)
    test = value_test(g, shape, component, arg)
    if test is None:
        return None
    return lambda index: {(f, v) for f in focus(index) for v in values(index, f) if not test(v)}
