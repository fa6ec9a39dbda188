"""``build``: the whole pipeline over a corpus, writing the graph and its reports.

ingest → clean/segment/extract → map to RDF → validate each document → write
``graph.ttl`` (the union), ``graph.trig`` (one named graph per source document, plus the
vocabulary and the catalogue), ``validation.ttl`` and ``report.md``. A document that fails
at any stage is reported and skipped; the rest of the build goes on.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pyoxigraph as ox

from commitgraph.errors import CommitgraphError
from commitgraph.extract import extract_text
from commitgraph.ingest import expand_inputs, iter_sources
from commitgraph.model import DecisionRecord
from commitgraph.rdf.io import load_triples, serialize, write_atomic
from commitgraph.rdf.mapping import DocumentGraph, map_record
from commitgraph.rdf.namespaces import CATALOGUE_GRAPH, VOCAB_GRAPH
from commitgraph.resources import data_dir

GRAPH_TTL = "graph.ttl"
GRAPH_TRIG = "graph.trig"
VALIDATION_TTL = "validation.ttl"
REPORT_MD = "report.md"


def sample_corpus() -> Path:
    """The bundled sample corpus (``examples/corpus`` in a checkout)."""
    here = Path(__file__).resolve().parents[2] / "examples" / "corpus"
    if here.is_dir():
        return here
    packaged = data_dir("ontology").parent / "examples" / "corpus"
    return packaged


@cache
def vocabulary_triples() -> tuple[ox.Triple, ...]:
    """The ontology and SKOS vocabularies, as published in the vocabulary graph."""
    root = data_dir("ontology")
    files = sorted(root.glob("*.ttl")) + sorted((root / "vocab").glob("*.ttl"))
    out: list[ox.Triple] = []
    for f in files:
        out.extend(load_triples(f, skolem_prefix=f"vocab/{f.stem}"))
    return tuple(out)


@cache
def catalogue_triples() -> tuple[ox.Triple, ...]:
    root = data_dir("ontology") / "catalogue"
    out: list[ox.Triple] = []
    for f in sorted(root.glob("*.ttl")):
        out.extend(load_triples(f, skolem_prefix=f"catalogue/{f.stem}"))
    return tuple(out)


@dataclass(slots=True)
class DocumentResult:
    record: DecisionRecord
    graph: DocumentGraph
    violations: int = 0
    warnings: int = 0
    issues: list = field(default_factory=list)  # type: ignore[type-arg]
    report: object = None  # the pyshacl report graph (rdflib)


@dataclass(slots=True)
class BuildReport:
    out: Path
    documents: list[DocumentResult] = field(default_factory=list)
    failures: list[CommitgraphError] = field(default_factory=list)
    triples: int = 0
    seconds: float = 0.0
    outputs: list[Path] = field(default_factory=list)

    @property
    def paragraphs(self) -> int:
        return sum(len(d.record.preamble) + len(d.record.operative) for d in self.documents)

    @property
    def citations(self) -> int:
        return sum(
            len(p.cites) for d in self.documents for p in [*d.record.preamble, *d.record.operative]
        )

    @property
    def commitments(self) -> int:
        return sum(len(d.record.operative) for d in self.documents)

    @property
    def violations(self) -> int:
        return sum(d.violations for d in self.documents)

    @property
    def warnings(self) -> int:
        return sum(d.warnings for d in self.documents)

    def summary_rows(self) -> list[tuple[str, str]]:
        return [
            ("documents", str(len(self.documents))),
            ("failed", str(len(self.failures))),
            ("paragraphs", str(self.paragraphs)),
            ("citations", str(self.citations)),
            ("commitments", str(self.commitments)),
            ("violations", str(self.violations)),
            ("warnings", str(self.warnings)),
            ("triples", str(self.triples)),
            ("seconds", f"{self.seconds:.2f}"),
        ]


Progress = Callable[[int, int, str], None]


def process_document(record: DecisionRecord, *, validate: bool = True) -> DocumentResult:
    """Map one record to RDF and validate it on its own (shapes reused across calls)."""
    graph = map_record(record)
    result = DocumentResult(record, graph)
    if validate:
        from commitgraph.validate import validate_document

        v = validate_document(graph.triples)
        result.issues = list(v.issues)
        result.report = v.report
        result.violations = sum(1 for i in v.issues if i.severity == "Violation")
        result.warnings = sum(1 for i in v.issues if i.severity == "Warning")
    return result


def build(
    inputs: Sequence[Path] = (),
    out: Path = Path("out"),
    *,
    lang: str | None = None,
    validate: bool = True,
    pictures: bool = True,
    progress: Progress | None = None,
) -> BuildReport:
    start = time.perf_counter()
    report = BuildReport(out=out)
    paths = expand_inputs(list(inputs) or [sample_corpus()])
    total = len(paths)
    for i, item in enumerate(iter_sources(paths)):
        name = str(paths[i]) if i < total else ""
        if progress:
            progress(i, total, name)
        if isinstance(item, CommitgraphError):
            report.failures.append(item)
            continue
        try:
            record = extract_text(item, lang=lang)
            report.documents.append(process_document(record, validate=validate))
        except CommitgraphError as err:
            if err.path is None:
                err.path = item.path
            report.failures.append(err)
    if progress:
        progress(total, total, "")
    write_outputs(report, pictures=pictures)
    report.seconds = time.perf_counter() - start
    return report


def _quads(triples: Iterable[ox.Triple], graph: str) -> list[ox.Quad]:
    g = ox.NamedNode(graph)
    return [ox.Quad(t.subject, t.predicate, t.object, g) for t in triples]


def write_outputs(report: BuildReport, *, pictures: bool = True) -> None:
    out = report.out
    quads: list[ox.Quad] = []
    for d in report.documents:
        quads.extend(d.graph.quads())
    quads.extend(_quads(vocabulary_triples(), VOCAB_GRAPH))
    quads.extend(_quads(catalogue_triples(), CATALOGUE_GRAPH))
    trig = serialize(quads, "trig")
    ttl = serialize(quads, "turtle")
    report.triples = len({(q.subject, q.predicate, q.object) for q in quads})
    write_atomic(out / GRAPH_TRIG, trig)
    write_atomic(out / GRAPH_TTL, ttl)
    report.outputs += [out / GRAPH_TTL, out / GRAPH_TRIG]
    write_atomic(out / VALIDATION_TTL, _validation_ttl(report))
    report.outputs.append(out / VALIDATION_TTL)
    write_atomic(out / REPORT_MD, render_report(report).encode("utf-8"))
    report.outputs.append(out / REPORT_MD)
    if pictures:
        try:
            from commitgraph.network.pictures import write_pictures
        except ImportError:
            return
        report.outputs.extend(write_pictures(out / GRAPH_TTL, out))


def _validation_ttl(report: BuildReport) -> bytes:
    """All documents' SHACL report graphs in one file (a conforming build is one report
    per document with sh:conforms true)."""
    import rdflib

    g = rdflib.Graph()
    g.bind("sh", "http://www.w3.org/ns/shacl#")
    for d in report.documents:
        if d.report is not None:
            for t in d.report:  # type: ignore[attr-defined]
                g.add(t)
    return g.serialize(format="turtle").encode("utf-8")


def render_report(report: BuildReport, lang: str = "en") -> str:
    lines = ["# commitgraph build report", ""]
    lines += ["| measure | value |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in report.summary_rows()]
    lines += ["", "## Documents", ""]
    lines += [
        "| symbol | language | date | preamble | operative | citations | violations |",
        "|---|---|---|---|---|---|---|",
    ]
    for d in report.documents:
        r = d.record
        cites = sum(len(p.cites) for p in [*r.preamble, *r.operative])
        lines.append(
            f"| {r.symbol} | {r.language} | {r.date or ''} | {len(r.preamble)} | "
            f"{len(r.operative)} | {cites} | {d.violations} |"
        )
    issues = [(d.record.symbol, i) for d in report.documents for i in d.issues]
    if issues:
        lines += ["", "## Validation", ""]
        for symbol, i in issues:
            lines.append(f"- {symbol}: {i.severity}: {i.message(lang)} ({i.focus})")
    if report.failures:
        lines += ["", "## Failed documents", ""]
        lines += [f"- {f}" for f in report.failures]
    return "\n".join(lines) + "\n"
