"""The SPARQL query library and the machinery to run it.

Users ask the graph questions in SPARQL. The ready-made questions live in ``queries/`` as
one ``.rq`` file each, with a comment header (title, description, parameters; the format
is documented in ``queries/README.md``) so that ``commitgraph queries`` can list them and
``commitgraph query NAME --param k=v`` can check and bind their parameters.

Parameters are bound as RDF terms through the engine (pyoxigraph ``substitutions``,
rdflib ``initBindings``), never pasted into the query text: a value such as
``x" } ; DROP ALL ; #`` stays one plain literal whatever it contains.

Two engines answer queries. Oxigraph (``pyoxigraph.Store``, in memory or on disk) is the
default: it parses and answers one to two orders of magnitude faster than rdflib (see
``design/performance.md``). rdflib answers for graphs already held as rdflib objects and
for the benchmark's comparison.

Queries see the merge of all named graphs as their default graph. Oxigraph's own
"default graph as union" mode is a bag: a triple held by six language graphs (a
paragraph's type, number, action …) matches six times, so a join of five such patterns
makes 6^5 rows before ``DISTINCT`` — measured at 100k triples, most library queries went
from under 0.2 s to over 20 s. So the stores this module and :mod:`commitgraph.store`
build keep the merge of the named graphs in the store's default graph (a set, as the
SPARQL dataset definition has it) and queries run against that; a store whose default
graph is empty (one written by other tools) is queried in union mode instead. Library
queries still use ``DISTINCT``/``COUNT(DISTINCT …)``, so they give the same rows on a
server whose union default graph is a bag, and on rdflib (the tests check both).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any, Literal
from xml.sax.saxutils import escape as xml_escape

import pyoxigraph as ox

from commitgraph.errors import InputError, QueryError, StoreError
from commitgraph.rdf.io import QUAD_FORMATS, format_for
from commitgraph.rdf.namespaces import PREFIXES, XSD
from commitgraph.resources import data_dir

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
Row = tuple[Term | None, ...]
ResultKind = Literal["select", "ask", "graph"]

RESULT_FORMATS = ("table", "csv", "tsv", "json", "md", "xml")
PARAM_KINDS = ("iri", "literal", "iri|literal", "integer")
XSD_STRING = XSD + "string"
XSD_INTEGER = XSD + "integer"


# --- the library ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Param:
    """A declared parameter of a library query (``# param:`` line)."""

    name: str
    kind: str  # one of PARAM_KINDS
    description: str
    default: str | None = None  # as written on the command line; None = required

    @property
    def required(self) -> bool:
        return self.default is None


@dataclass(frozen=True, slots=True)
class LibraryQuery:
    """One ``.rq`` file: its header, parsed, and its SPARQL text."""

    name: str
    text: str
    title: str = ""
    description: str = ""
    params: tuple[Param, ...] = ()
    examples: tuple[str, ...] = ()
    path: Path | None = None
    # Parameter name -> property IRI: a literal given for the parameter names the node
    # that has it as this property's value (a symbol names a decision). See resolve_params.
    resolve: tuple[tuple[str, str], ...] = ()

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


_HEADER_KEY = re.compile(r"^#\s?(title|description|param|example|resolve):\s*(.*)$")
_CONTINUATION = re.compile(r"^#\s{2,}(\S.*)$")
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*"
    r"\((?P<kind>[a-z|]+)(?:\s*,\s*default\s+(?P<default>.*?))?\)\s*"
    r"(?:—|–|--|-)\s*(?P<description>.+)$"
)


def parse_header(text: str, name: str = "query", path: Path | None = None) -> LibraryQuery:
    """Read the comment header at the top of a query (see ``queries/README.md``).

    A query without a header is valid: it gets an empty title and no declared
    parameters, so any ``--param`` is bound by name.
    """
    fields: dict[str, list[str]] = {
        "title": [],
        "description": [],
        "param": [],
        "example": [],
        "resolve": [],
    }
    last: str | None = None
    for lineno, line in enumerate(text.splitlines(), 1):
        stripped = line.rstrip()
        if not stripped.startswith("#"):
            break
        m = _HEADER_KEY.match(stripped)
        if m:
            last = m.group(1)
            fields[last].append(m.group(2).strip())
            continue
        c = _CONTINUATION.match(stripped)
        if c and last is not None:
            fields[last][-1] = f"{fields[last][-1]} {c.group(1).strip()}"
            continue
        if stripped.strip("# ") and last is not None:
            raise QueryError(
                f"line {lineno}: header line is neither 'key: value' nor an indented continuation",
                path,
            )
    if len(fields["title"]) > 1 or len(fields["description"]) > 1:
        raise QueryError("header has more than one title or description", path)
    params = tuple(_parse_param(p, path) for p in fields["param"])
    names = [p.name for p in params]
    if len(set(names)) != len(names):
        raise QueryError("header declares a parameter twice", path)
    resolve = tuple(_parse_resolve(r, names, query_prefixes(text), path) for r in fields["resolve"])
    return LibraryQuery(
        name=name,
        text=text,
        title=fields["title"][0] if fields["title"] else "",
        description=fields["description"][0] if fields["description"] else "",
        params=params,
        examples=tuple(fields["example"]),
        path=path,
        resolve=resolve,
    )


def _parse_resolve(
    spec: str, names: list[str], prefixes: Mapping[str, str], path: Path | None
) -> tuple[str, str]:
    """``resolve: decision dcterms:identifier`` -> ("decision", full property IRI)."""
    parts = spec.split()
    if len(parts) != 2 or parts[0] not in names:
        raise QueryError(
            f"cannot read 'resolve: {spec}' (expected 'resolve: <declared parameter> <property>')",
            path,
        )
    prop = parts[1]
    if prop.startswith("<") and prop.endswith(">"):
        return parts[0], prop[1:-1]
    prefix, sep, local = prop.partition(":")
    if not sep or prefix not in prefixes:
        raise QueryError(f"resolve: unknown prefix in {prop!r}", path)
    return parts[0], prefixes[prefix] + local


def _parse_param(spec: str, path: Path | None) -> Param:
    m = _PARAM.match(spec)
    if not m:
        raise QueryError(
            f"cannot read parameter declaration {spec!r} (expected "
            "'name (kind[, default VALUE]) — description')",
            path,
        )
    kind = m.group("kind")
    if kind not in PARAM_KINDS:
        raise QueryError(
            f"parameter {m.group('name')!r}: unknown kind {kind!r} "
            f"(one of {', '.join(PARAM_KINDS)})",
            path,
        )
    return Param(m.group("name"), kind, m.group("description").strip(), m.group("default"))


def load_query_file(path: Path) -> LibraryQuery:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"cannot read query: {err}", path) from err
    return parse_header(text, path.stem, path)


def library(directory: Path | None = None) -> dict[str, LibraryQuery]:
    """All library queries by name (file stem), read from ``queries/``."""
    if directory is None:
        return dict(_packaged_library())
    return {p.stem: load_query_file(p) for p in sorted(directory.glob("*.rq"))}


@cache
def _packaged_library() -> tuple[tuple[str, LibraryQuery], ...]:
    root = data_dir("queries")
    return tuple((p.stem, load_query_file(p)) for p in sorted(root.glob("*.rq")))


def resolve_query(spec: str) -> LibraryQuery:
    """A library query by name, or a query file by path."""
    lib = library()
    if spec in lib:
        return lib[spec]
    path = Path(spec)
    if path.suffix in (".rq", ".sparql") or path.exists():
        if not path.exists():
            raise QueryError("no such query file", path)
        return load_query_file(path)
    raise QueryError(
        f"unknown query {spec!r}; `commitgraph queries` lists the library "
        f"({', '.join(sorted(lib))})"
    )


# --- parameters ---------------------------------------------------------------------------

_PREFIXED = re.compile(r"^([A-Za-z][\w.-]*)?:(\S*)$")
_QUOTED = re.compile(r'^"((?:[^"\\]|\\.)*)"(?:@([A-Za-z]+(?:-[A-Za-z0-9]+)*)|\^\^(\S+))?$', re.S)
_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", '"': '"', "\\": "\\", "'": "'", "b": "\b", "f": "\f"}


def _unescape(s: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(0)), s)


def _iri(value: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(value)
    except ValueError as err:
        raise QueryError(f"not a valid IRI: {value!r} ({err})") from err


def _expand(value: str, prefixes: Mapping[str, str]) -> ox.NamedNode | None:
    """``<iri>``, an ``http(s)://`` IRI or a prefixed name with a known prefix."""
    if value.startswith("<") and value.endswith(">"):
        return _iri(value[1:-1])
    if value.startswith(("http://", "https://", "urn:")):
        return _iri(value)
    m = _PREFIXED.match(value)
    if m and (m.group(1) or "") in prefixes:
        return _iri(prefixes[m.group(1) or ""] + m.group(2))
    return None


def parse_term(
    value: str, kind: str = "iri|literal", prefixes: Mapping[str, str] | None = None
) -> ox.NamedNode | ox.Literal:
    """Turn a ``--param`` value into the RDF term it stands for.

    ``<…>``, ``http(s)://…``, ``urn:…`` and prefixed names with a known prefix
    (``cgid:actor/ODIHR``) are IRIs; ``"…"`` is a literal, with ``@lang`` or
    ``^^datatype`` if given; anything else is a plain literal, as typed. A parameter of
    kind ``literal`` is always a literal (quotes, if any, are removed), ``integer`` an
    ``xsd:integer``, and ``iri`` must be an IRI.
    """
    pfx = dict(PREFIXES) if prefixes is None else dict(prefixes)
    m = _QUOTED.match(value)
    if m:
        text, lang, dtype = _unescape(m.group(1)), m.group(2), m.group(3)
        if kind == "iri":
            raise QueryError(f"expected an IRI, got the literal {value}")
        if lang:
            try:
                return ox.Literal(text, language=lang)
            except ValueError as err:
                raise QueryError(f"bad language tag in {value}: {err}") from err
        if dtype:
            dt = _expand(dtype, pfx)
            if dt is None:
                raise QueryError(f"unknown datatype {dtype!r} in {value}")
            return ox.Literal(text, datatype=dt)
        return ox.Literal(text)
    if kind == "literal":
        return ox.Literal(value)
    if kind == "integer":
        if not re.fullmatch(r"[+-]?\d+", value.strip()):
            raise QueryError(f"expected an integer, got {value!r}")
        return ox.Literal(value.strip(), datatype=ox.NamedNode(XSD_INTEGER))
    iri = _expand(value, pfx)
    if iri is not None:
        return iri
    if kind == "iri":
        raise QueryError(f"expected an IRI (<…>, http…, or prefix:name), got {value!r}")
    return ox.Literal(value)


_PREFIX_DECL = re.compile(r"^\s*PREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.I | re.M)


def query_prefixes(text: str) -> dict[str, str]:
    """The project's prefixes plus those the query declares itself."""
    out = dict(PREFIXES)
    out.update({(m.group(1) or ""): m.group(2) for m in _PREFIX_DECL.finditer(text)})
    return out


def bind_params(query: LibraryQuery, given: Mapping[str, str]) -> dict[str, Term]:
    """Check ``given`` against the declared parameters and turn values into terms.

    Declared parameters missing from ``given`` take their default; a required one
    missing is an error, as is an undeclared one when the query declares any. A query
    without declarations binds whatever it is given, by name.
    """
    prefixes = query_prefixes(query.text)
    if not query.params:
        return {k: parse_term(v, prefixes=prefixes) for k, v in given.items()}
    unknown = sorted(set(given) - {p.name for p in query.params})
    if unknown:
        known = ", ".join(p.name for p in query.params)
        raise QueryError(
            f"query {query.name!r} has no parameter {', '.join(unknown)} (it takes: {known})"
        )
    out: dict[str, Term] = {}
    for p in query.params:
        if p.name in given:
            out[p.name] = parse_term(given[p.name], p.kind, prefixes)
        elif p.default is not None:
            out[p.name] = parse_term(p.default, p.kind, prefixes)
        else:
            raise QueryError(f"query {query.name!r} needs --param {p.name}=… ({p.description})")
    return out


def resolve_params(source: Any, query: LibraryQuery, bindings: dict[str, Term]) -> dict[str, Term]:
    """Turn a literal given for a ``resolve:`` parameter into the node it names.

    "MC.DEC/7/17" names the work whose dcterms:identifier it is. Looked up here, through
    the store's index, the query receives an IRI it can start from; written into the
    query as a test on every work, the same lookup made the query cost as much as the
    corpus is large (0.5-5 s on 20,000 documents). A literal that names no node, or
    several, is passed on unchanged: the query then finds nothing for it.
    """
    out = dict(bindings)
    for name, prop in query.resolve:
        term = out.get(name)
        if not isinstance(term, ox.Literal) or not term.value:
            continue
        found = run_query(
            source,
            f"SELECT DISTINCT ?node ?value WHERE {{ ?node <{prop}> ?value }}",
            {"value": term},
        )
        nodes = {row[0] for row in found.rows if isinstance(row[0], ox.NamedNode)}
        if len(nodes) == 1:
            out[name] = nodes.pop()
    return out


def parse_assignments(items: Iterable[str]) -> dict[str, str]:
    """``key=value`` strings (the CLI's ``--param``) to a dict; the first ``=`` splits."""
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise QueryError(f"--param expects key=value, got {item!r}")
        out[key.strip()] = value
    return out


# --- sources: graph files, stores, rdflib graphs ---------------------------------------


def open_graph(path: Path) -> ox.Store:
    """Load an RDF file (Turtle, TriG, N-Triples, N-Quads …) into an in-memory store.

    Quads keep their named graphs (for ``GRAPH`` queries) and the default graph receives
    the merge of everything, which is what queries see (see the module docstring).
    """
    if not path.exists():
        raise InputError("no such graph file", path)
    fmt = format_for(path)
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=fmt)
    except SyntaxError as err:
        raise InputError(f"not valid RDF: {err}", path) from err
    except OSError as err:
        raise InputError(f"cannot load: {err}", path) from err
    if fmt in QUAD_FORMATS:
        merge_named_graphs(store)
    return store


MERGE_UPDATE = "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


def merge_named_graphs(store: ox.Store) -> None:
    """Add every named graph's triples to the default graph (one transaction)."""
    try:
        store.update(MERGE_UPDATE)
    except OSError as err:
        raise StoreError(f"cannot write the store: {err}") from err


def has_default_graph(store: ox.Store) -> bool:
    """Whether the store's default graph holds anything (else queries use the union)."""
    return (
        next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None
    )


def open_rdflib(path: Path):  # type: ignore[no-untyped-def]
    """Load an RDF file into an rdflib ``Dataset`` whose default graph is the union."""
    import rdflib

    if not path.exists():
        raise InputError("no such graph file", path)
    fmt = format_for(path)
    names = {
        ox.RdfFormat.TURTLE: "turtle",
        ox.RdfFormat.TRIG: "trig",
        ox.RdfFormat.N_TRIPLES: "nt",
        ox.RdfFormat.N_QUADS: "nquads",
        ox.RdfFormat.JSON_LD: "json-ld",
        ox.RdfFormat.RDF_XML: "xml",
    }
    ds = rdflib.Dataset(default_union=True)
    try:
        if fmt in QUAD_FORMATS:
            ds.parse(str(path), format=names[fmt])
        else:
            target = getattr(ds, "default_graph", None)
            if target is None:  # rdflib < 7.1
                target = ds.default_context
            target.parse(str(path), format=names[fmt])
    except Exception as err:  # rdflib raises many parser-specific types
        raise InputError(f"not valid RDF: {err}", path) from err
    return ds


# --- running ------------------------------------------------------------------------------


@dataclass(slots=True)
class Result:
    """What a query gave: rows for SELECT, a boolean for ASK, triples for CONSTRUCT."""

    kind: ResultKind
    variables: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)
    truncated: bool = False
    limit: int | None = None

    def __len__(self) -> int:
        return len(self.rows) if self.kind == "select" else len(self.triples)

    def without(self, names: Iterable[str]) -> Result:
        """The same result with the named columns removed (bound parameters)."""
        drop = set(names)
        keep = [i for i, v in enumerate(self.variables) if v not in drop]
        return replace(
            self,
            variables=[self.variables[i] for i in keep],
            rows=[tuple(r[i] for i in keep) for r in self.rows],
        )

    def values(self) -> list[tuple[str | None, ...]]:
        """Rows as plain strings (IRIs and lexical forms): handy in tests and scripts."""
        return [tuple(None if t is None else term_value(t) for t in r) for r in self.rows]

    def dicts(self) -> list[dict[str, str | None]]:
        return [dict(zip(self.variables, r, strict=True)) for r in self.values()]


def run_query(
    source: Any,
    query: str,
    bindings: Mapping[str, Term] | None = None,
    *,
    limit: int | None = None,
    union: bool | None = None,
) -> Result:
    """Run ``query`` on a pyoxigraph ``Store``, an rdflib graph or a server
    (:class:`commitgraph.remote.Endpoint`), parameters bound.

    ``limit`` caps the rows (or triples) read from the engine; ``Result.truncated``
    says whether more were available. ``union`` (Oxigraph only) queries the union of the
    named graphs instead of the default graph; by default, only when the default graph
    is empty.
    """
    bindings = dict(bindings or {})
    from commitgraph.remote import Endpoint, run_remote

    if isinstance(source, Endpoint):
        return run_remote(source, query, bindings, limit)
    if isinstance(source, ox.Store):
        if union is None:
            union = not has_default_graph(source)
        return _run_oxigraph(source, query, bindings, limit, union)
    return _run_rdflib(source, query, bindings, limit)


def _run_oxigraph(
    store: ox.Store, query: str, bindings: dict[str, Term], limit: int | None, union: bool
) -> Result:
    subs = {ox.Variable(k): v for k, v in bindings.items()}
    check_query_size(query)  # a stack overflow in the engine would kill this process
    try:
        answer = store.query(query, use_default_graph_as_union=union, substitutions=subs or None)
    except SyntaxError as err:
        raise QueryError(f"SPARQL syntax error: {err}") from err
    except RuntimeError as err:
        msg = str(err)
        if "projection" in msg:
            msg += (
                " (a bound parameter must be one of the SELECT variables; "
                "add it to the SELECT clause)"
            )
        raise QueryError(msg) from err
    except OSError as err:
        raise StoreError(f"cannot read the store: {err}") from err
    try:
        return collect_answer(answer, limit)
    except OSError as err:
        raise StoreError(f"cannot read the store: {err}") from err
    except RuntimeError as err:
        raise QueryError(str(err)) from err


def collect_answer(answer: Any, limit: int | None) -> Result:
    """Read a pyoxigraph answer into a :class:`Result`, at most ``limit`` rows."""
    if isinstance(answer, ox.QueryBoolean):
        return Result("ask", boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        variables = [v.value for v in answer.variables]
        rows: list[Row] = []
        truncated = False
        for solution in answer:
            if limit is not None and len(rows) >= limit:
                truncated = True
                break
            rows.append(tuple(solution))
        return Result("select", variables, rows, truncated=truncated, limit=limit)
    triples: list[ox.Triple] = []
    truncated = False
    for t in answer:
        if limit is not None and len(triples) >= limit:
            truncated = True
            break
        triples.append(t)
    return Result("graph", triples=triples, truncated=truncated, limit=limit)


def _run_rdflib(graph: Any, query: str, bindings: dict[str, Term], limit: int | None) -> Result:
    from pyparsing import ParseException

    from commitgraph.rdf.io import _rl

    init = {k: _rl(v) for k, v in bindings.items()}
    try:
        answer = graph.query(query, initBindings=init or None)
        if answer.type == "ASK":
            return Result("ask", boolean=bool(answer.askAnswer))
        if answer.type in ("CONSTRUCT", "DESCRIBE"):
            triples = []
            truncated = False
            for s, p, o in answer.graph:
                if limit is not None and len(triples) >= limit:
                    truncated = True
                    break
                triples.append(ox.Triple(_ox(s), _ox(p), _ox(o)))  # type: ignore[arg-type]
            return Result("graph", triples=triples, truncated=truncated, limit=limit)
        variables = [str(v) for v in answer.vars]
        rows: list[Row] = []
        truncated = False
        for r in answer:
            if limit is not None and len(rows) >= limit:
                truncated = True
                break
            rows.append(tuple(None if t is None else _ox(t) for t in r))
        return Result("select", variables, rows, truncated=truncated, limit=limit)
    except ParseException as err:
        raise QueryError(f"SPARQL syntax error: {err}") from err


def _ox(term: Any) -> Term:
    import rdflib

    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, rdflib.Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise QueryError(f"unsupported term in result: {term!r}")


def run_library_query(
    source: Any,
    query: LibraryQuery,
    params: Mapping[str, str] | None = None,
    *,
    limit: int | None = None,
    show_params: bool = False,
) -> Result:
    """Bind ``params`` (strings, as typed) to a library query and run it.

    The bound parameters are SELECT variables (Oxigraph requires it), so each row repeats
    them; they are dropped from the result unless ``show_params``.
    """
    bindings = resolve_params(source, query, bind_params(query, params or {}))
    result = run_query(source, query.text, bindings, limit=limit)
    if result.kind == "select" and not show_params:
        result = result.without(bindings)
    return result


# --- what a query asks of the engine: SERVICE, updates, size (used by the endpoint) ------
#
# pyoxigraph runs ``SERVICE <http://…>`` by fetching from that host, so an endpoint open to
# others must find every SERVICE clause before the engine sees the text. A regular
# expression over the text with strings and IRIs blanked out is not enough: SPARQL
# prefixed names may contain escaped quotes and hashes (``ex:a\'``, ``ex:a\#``), which such
# a pass takes for the start of a string or a comment, and everything after them
# disappears from view while the engine still reads a SERVICE clause there. So the text is
# split into tokens following the SPARQL grammar's own terminals (strings, IRIs, comments,
# variables, blank nodes, prefixed names with their escapes). Only the spans the grammar
# makes opaque are hidden: strings, IRIs, comments, variable names, blank node labels and
# the local part of prefixed names; every other character stays in view, and the check
# looks for the letters SERVICE anywhere in what is in view, not only as a whole word (the
# engine reads ``SERVICE:x`` as SERVICE followed by the IRI ``:x``). Where this lexer and
# the engine's parser could disagree, the lexer shows more than the parser would, never
# less, so a doubtful query is refused rather than run. The endpoint's workers are also
# denied network sockets by the kernel where it can (see :mod:`commitgraph.serve`).

_PN_CHARS_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff"
    "\u200c-\u200d\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd"
    "\U00010000-\U000effff"
)
_PN_CHARS_U = _PN_CHARS_BASE + "_"
_PN_CHARS = _PN_CHARS_U + "\\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_PREFIX = f"[{_PN_CHARS_BASE}](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?"
_LOCAL = f"(?:[{_PN_CHARS_U}:0-9]|{_PLX})(?:(?:[{_PN_CHARS}.:]|{_PLX})*(?:[{_PN_CHARS}:]|{_PLX}))?"
_TOKEN = re.compile(
    "|".join(
        [
            r"(?P<ws>[ \t\r\n]+)",
            r"(?P<comment>#[^\r\n]*)",
            r'(?P<string>"""(?:"{0,2}(?:[^"\\]|\\.))*"""'
            r"|'''(?:'{0,2}(?:[^'\\]|\\.))*'''"
            r'|"(?:[^"\\\r\n]|\\.)*"'
            r"|'(?:[^'\\\r\n]|\\.)*')",
            r'(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)',
            f"(?P<var>[?$][{_PN_CHARS_U}0-9][{_PN_CHARS_U}0-9\u00b7\u0300-\u036f\u203f-\u2040]*)",
            f"(?P<bnode>_:[{_PN_CHARS_U}0-9](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?)",
            f"(?P<pname>(?P<prefix>{_PREFIX})?:(?P<local>{_LOCAL})?)",
            f"(?P<word>[{_PN_CHARS}.]+)",
            r"(?P<other>.)",
        ]
    ),
    re.S,
)
_HIDDEN = frozenset({"ws", "comment", "string", "iri", "var", "bnode"})
UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)
# Oxigraph parses and optimises recursively: measured with pyoxigraph 0.5, a query nested
# 3,000 brackets deep, or chaining 10,000 patterns or operators (``UNION``, ``/``, ``+``,
# ``.`` …), overflows the stack and kills the process, where 1,000 of either still parse.
# These limits keep a wide margin below that and far above any hand-written query.
MAX_NESTING = 100
MAX_OPERATORS = 1000
_OPENERS = frozenset("({[")
_CLOSERS = frozenset(")}]")
_OPERATOR_CHARS = frozenset(".;,/|&+-*=<>!^({[")
_OPERATOR_WORDS = frozenset({"UNION", "OPTIONAL", "MINUS", "FILTER", "BIND", "GRAPH", "EXISTS"})
_NOT_LETTERS = re.compile(r"[^A-Za-z]+")


@dataclass(frozen=True, slots=True)
class QueryShape:
    """What the lexer saw: the text left in view, bare words, nesting and operator counts.

    ``stopped`` says why the lexer gave up before the end (an unterminated string, or a
    limit passed): the rest of the text was not looked at, so such a query must be refused.
    """

    visible: str
    words: tuple[str, ...]
    depth: int
    operators: int
    stopped: str | None = None

    @property
    def service(self) -> bool:
        """Whether the letters SERVICE appear in view (fail-safe, see above)."""
        return self.stopped is not None or "SERVICE" in self.visible.upper()

    @property
    def updates(self) -> list[str]:
        """Update keywords among the bare words (none can occur in a valid query)."""
        found: list[str] = []
        for word in self.words:
            for part in _NOT_LETTERS.split(word.upper()):
                if part in UPDATE_KEYWORDS and part not in found:
                    found.append(part)
        return found

    def refusal(self) -> str | None:
        """Why the engine should not be given this query at all, or None."""
        if self.depth > MAX_NESTING:
            return f"query too complex: brackets nested over {MAX_NESTING} deep"
        if self.operators > MAX_OPERATORS:
            return (
                f"query too complex: over {MAX_OPERATORS} patterns and operators "
                "(a long list of values belongs in a VALUES block)"
            )
        return self.stopped


def query_shape(query: str) -> QueryShape:
    """Split ``query`` into SPARQL tokens and describe it (see the comment above).

    Stops at the first unterminated string (no valid query has one; scanning on from
    every later quote would take time quadratic in the length) or once a limit is
    passed, so a hostile megabyte costs one linear pass at most.
    """
    visible: list[str] = []
    words: list[str] = []
    depth = max_depth = operators = 0
    stopped = None
    for m in _TOKEN.finditer(query):
        kind = m.lastgroup
        text = m.group()
        if kind in _HIDDEN:
            visible.append(" ")
        elif kind == "pname":
            # the prefix stays in view (``SERVICE:x`` is SERVICE and the IRI ``:x``); the
            # local part is a name, whatever it spells
            visible.append(f"{m.group('prefix') or ''}: ")
        elif kind == "word":
            visible.append(text)
            words.append(text)
            operators += text.count(".") + text.count("-") + (text.upper() in _OPERATOR_WORDS)
        elif text in "\"'":
            line = query.count("\n", 0, m.start()) + 1
            stopped = f"SPARQL syntax error: unterminated string on line {line}"
            break
        else:
            visible.append(text)
            if text in _OPERATOR_CHARS:
                operators += 1
            if text in _OPENERS:
                depth += 1
                max_depth = max(max_depth, depth)
            elif text in _CLOSERS:
                depth = max(0, depth - 1)
        if operators > MAX_OPERATORS or max_depth > MAX_NESTING:
            stopped = "query too complex"
            break
    return QueryShape("".join(visible), tuple(words), max_depth, operators, stopped)


def uses_service(query: str) -> bool:
    """Whether the engine could read a ``SERVICE`` clause in ``query``.

    Fail-safe: a doubtful query counts as one; the word inside a string, an IRI, a
    comment, a variable or a local name does not.
    """
    return query_shape(query).service


def check_query_size(query: str) -> None:
    """Raise :class:`QueryError` for a query deep or long enough to crash the engine."""
    why = query_shape(query).refusal()
    if why:
        raise QueryError(why)


# --- binding parameters into the text, for a server ------------------------------------------
#
# A SPARQL server takes no bindings beside the query, so for a remote endpoint each bound
# variable is replaced, token by token, with its term written in SPARQL syntax. The lexer
# above finds the variables exactly (never inside a string, an IRI or a comment), and the
# term is written by pyoxigraph's serialiser, so a value cannot end its string early and
# add clauses: the text that reaches the server says what the bindings said.
#
# Where a variable stands decides what replaces it. In a graph pattern or an expression,
# the term itself. In the query's own SELECT clause, ``(term AS ?v)``, so that the column
# stays. In a sub-select's SELECT clause, nothing: the variable is a constant everywhere
# now, and projecting it as ``(term AS ?v)`` would assign a variable that the enclosing
# pattern already binds (which SPARQL forbids); if it was the only column, the constant
# stays under another name, so that the sub-select still has one. After GROUP BY or
# ORDER BY, ``(term)``: the grammar admits a variable there, or an expression only in
# brackets. A bound variable that the query assigns itself (``AS ?v``, VALUES) cannot be
# bound, and is refused.

_CLAUSE_WORDS = frozenset({"SELECT", "WHERE", "GROUP", "ORDER", "HAVING", "LIMIT", "OFFSET"})
_PROJECTION_ONLY = frozenset({"SELECT", "DISTINCT", "REDUCED"})


def substitute(query: str, bindings: Mapping[str, Term]) -> str:
    """``query`` with each variable named in ``bindings`` replaced by its term."""
    if not bindings:
        return query
    for name, term in bindings.items():
        if isinstance(term, ox.BlankNode):
            raise QueryError(f"parameter {name}: a blank node cannot be sent to a server")
    out: list[str] = []
    clause = ""  # "select", "modifier" (GROUP BY / ORDER BY), "values" or "" (patterns)
    brackets = 0  # open round brackets since the clause began
    braces = 0  # open curly brackets: a SELECT inside any is a sub-select
    previous = ""  # the last word or symbol seen, blanks and comments aside
    projection: list[int] = []  # where the current SELECT clause's tokens are in ``out``
    dropped: list[str] = []  # bound variables left out of a sub-select's projection

    def end_projection() -> None:
        # A sub-select whose only column was a bound variable keeps it as a constant,
        # under a name of its own (its own name is the enclosing query's now).
        kept = [out[i] for i in projection if out[i].strip()]
        if dropped and all(t.upper() in _PROJECTION_ONLY for t in kept):
            out.append(" " + " ".join(f"({bindings[v]} AS ?{v}__bound)" for v in dropped) + " ")
        projection.clear()
        dropped.clear()

    for m in _TOKEN.finditer(query):
        kind, text = m.lastgroup, m.group()
        if kind == "word":
            word = text.upper()
            if word in _CLAUSE_WORDS:
                if clause == "select":
                    end_projection()
                clause = {"SELECT": "select", "GROUP": "modifier", "ORDER": "modifier"}.get(
                    word, ""
                )
                brackets = 0
            elif word == "VALUES":
                clause = "values"
        elif text == "(":
            brackets += 1
        elif text == ")":
            brackets = max(0, brackets - 1)
        elif text in "{}" and kind == "other":
            if clause == "select":
                end_projection()
            clause, brackets = "", 0
            braces += 1 if text == "{" else -1
        if kind == "var" and text[1:] in bindings:
            name = text[1:]
            if previous.upper() == "AS" or clause == "values":
                raise QueryError(
                    f"parameter {name}: the query assigns ?{name} itself, so it cannot be bound"
                )
            value = str(bindings[name])
            if clause == "select" and brackets == 0:
                if braces:
                    dropped.append(name)
                    value = ""
                else:
                    value = f"({value} AS {text})"
            elif clause == "modifier" and brackets == 0:
                value = f"({value})"
            text = value
        if clause == "select":
            projection.append(len(out))
        out.append(text)
        if kind not in ("ws", "comment"):
            previous = m.group()
    return "".join(out)


# --- formatting ---------------------------------------------------------------------------


def term_value(term: Term) -> str:
    """The plain value: an IRI's text, a literal's lexical form, ``_:id`` for a blank."""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Triple):
        return str(term)
    return term.value


def compact(term: Term | None, prefixes: Mapping[str, str] = PREFIXES) -> str:
    """A short display form: prefixed IRIs, literal values without quotes."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        best = ""
        for p, ns in prefixes.items():
            if term.value.startswith(ns) and len(ns) > len(prefixes.get(best, "")):
                best = p
        return f"{best}:{term.value[len(prefixes[best]) :]}" if best else term.value
    return term_value(term)


def format_result(result: Result, fmt: str, prefixes: Mapping[str, str] = PREFIXES) -> str:
    """Text for ``fmt`` in csv, tsv, json, xml, md or table (rich, rendered to text)."""
    if result.kind == "graph":
        return serialize_triples(
            result.triples, "jsonld" if fmt == "json" else "turtle", prefixes
        ).decode("utf-8")
    if fmt == "csv":
        return to_csv(result)
    if fmt == "tsv":
        return to_tsv(result)
    if fmt == "json":
        return to_json(result)
    if fmt == "xml":
        return to_xml(result)
    if fmt == "md":
        return to_markdown(result, prefixes)
    if fmt == "table":
        from rich.console import Console

        buf = io.StringIO()
        Console(file=buf, width=160, color_system=None).print(to_rich(result, prefixes))
        return buf.getvalue()
    raise QueryError(f"unknown format {fmt!r} (one of {', '.join(RESULT_FORMATS)})")


def to_csv(result: Result) -> str:
    """SPARQL 1.1 Query Results CSV: IRIs and lexical values, CRLF line ends."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    if result.kind == "ask":
        w.writerow(["boolean"])
        w.writerow(["true" if result.boolean else "false"])
        return buf.getvalue()
    w.writerow(result.variables)
    for row in result.rows:
        w.writerow(["" if t is None else term_value(t) for t in row])
    return buf.getvalue()


def _tsv_term(term: Term | None) -> str:
    if term is None:
        return ""
    return str(term).replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def to_tsv(result: Result) -> str:
    """SPARQL 1.1 Query Results TSV: terms in N-Triples syntax, ``?var`` header."""
    if result.kind == "ask":
        return f"?boolean\n{'true' if result.boolean else 'false'}\n"
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join(_tsv_term(t) for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def _json_term(term: Term) -> dict[str, Any]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {
        "type": "triple",
        "value": {
            "subject": _json_term(term.subject),
            "predicate": _json_term(term.predicate),
            "object": _json_term(term.object),
        },
    }


def to_json(result: Result) -> str:
    """SPARQL 1.1 Query Results JSON."""
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": bool(result.boolean)})
    bindings = [
        {v: _json_term(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
        for row in result.rows
    ]
    return json.dumps(
        {"head": {"vars": result.variables}, "results": {"bindings": bindings}}, ensure_ascii=False
    )


def _xml_term(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{xml_escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{xml_escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return (
                f'<literal xml:lang="{xml_escape(term.language)}">'
                f"{xml_escape(term.value)}</literal>"
            )
        if term.datatype.value != XSD_STRING:
            return (
                f'<literal datatype="{xml_escape(term.datatype.value)}">'
                f"{xml_escape(term.value)}</literal>"
            )
        return f"<literal>{xml_escape(term.value)}</literal>"
    return (
        f"<triple><subject>{_xml_term(term.subject)}</subject><predicate>"
        f"{_xml_term(term.predicate)}</predicate><object>{_xml_term(term.object)}"
        "</object></triple>"
    )


def to_xml(result: Result) -> str:
    """SPARQL Query Results XML."""
    out = [
        '<?xml version="1.0"?>',
        '<sparql xmlns="http://www.w3.org/2005/sparql-results#">',
        "<head>",
    ]
    if result.kind == "ask":
        out += [
            "</head>",
            f"<boolean>{'true' if result.boolean else 'false'}</boolean>",
            "</sparql>",
        ]
        return "\n".join(out) + "\n"
    out += [f'<variable name="{xml_escape(v)}"/>' for v in result.variables]
    out += ["</head>", "<results>"]
    for row in result.rows:
        cells = "".join(
            f'<binding name="{xml_escape(v)}">{_xml_term(t)}</binding>'
            for v, t in zip(result.variables, row, strict=True)
            if t is not None
        )
        out.append(f"<result>{cells}</result>")
    out += ["</results>", "</sparql>"]
    return "\n".join(out) + "\n"


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def to_markdown(result: Result, prefixes: Mapping[str, str] = PREFIXES) -> str:
    """A GitHub-flavoured Markdown table (for READMEs and reports)."""
    if result.kind == "ask":
        return f"{'true' if result.boolean else 'false'}\n"
    lines = [
        "| " + " | ".join(result.variables) + " |",
        "|" + "|".join("---" for _ in result.variables) + "|",
    ]
    for row in result.rows:
        lines.append("| " + " | ".join(_md_cell(compact(t, prefixes)) for t in row) + " |")
    if result.truncated:
        lines.append(f"\n(first {result.limit} rows)")
    return "\n".join(lines) + "\n"


def to_rich(result: Result, prefixes: Mapping[str, str] = PREFIXES):  # type: ignore[no-untyped-def]
    """A rich ``Table`` (or the boolean as text) for the terminal."""
    from rich.table import Table

    if result.kind == "ask":
        return "true" if result.boolean else "false"
    caption = f"{len(result.rows)} row(s)"
    if result.truncated:
        caption += f", cut at {result.limit}"
    table = Table(show_header=True, header_style="bold", caption=caption)
    for v in result.variables:
        table.add_column(v, overflow="fold")
    for row in result.rows:
        table.add_row(*(compact(t, prefixes) for t in row))
    return table


GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
}


def serialize_triples(
    triples: Sequence[ox.Triple], fmt: str = "turtle", prefixes: Mapping[str, str] = PREFIXES
) -> bytes:
    """CONSTRUCT/DESCRIBE results in an RDF syntax (Turtle with the project's prefixes)."""
    rdf_format = GRAPH_FORMATS[fmt]
    pfx = dict(prefixes) if rdf_format == ox.RdfFormat.TURTLE else None
    out = ox.serialize(list(triples), format=rdf_format, prefixes=pfx)
    return out or b""
