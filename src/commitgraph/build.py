"""``build``: the whole pipeline over a corpus, writing the graph and its reports.

ingest → clean/segment/extract → map to RDF (one named graph per source document, in
worker processes) → load into an Oxigraph store (in memory, or persistent with
``--store``) → validate → write ``graph.ttl`` (the union), ``graph.trig`` (the named
graphs, with the vocabulary and the catalogue), ``validation.ttl``, ``report.md`` and the
pictures of the citation network.

Validation runs the SHACL shapes of ``shapes/`` compiled to SPARQL over the whole store
(:mod:`commitgraph.shacl_sparql`, tested against pySHACL on every shape case); pySHACL
itself, one document at a time, is available as ``validator="pyshacl"``.

With a persistent store, every source file's content hash is kept in a manifest next to
the store, so a rebuild re-extracts, re-validates and replaces only the documents that
changed, and drops those that were removed. A document that fails at any stage is
reported and skipped; the rest of the build goes on.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import multiprocessing
import os
import shutil
import signal
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, fields
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from commitgraph.errors import CommitgraphError, ExtractionError, StoreError
from commitgraph.ingest import expand_inputs, read_source
from commitgraph.rdf.io import (
    as_nquads,
    load_triples,
    serialize,
    serialize_store,
    write_atomic,
)
from commitgraph.rdf.namespaces import CATALOGUE_GRAPH, VOCAB_GRAPH
from commitgraph.resources import data_dir, files_digest
from commitgraph.spool import SpoolDir, remove_stale

if TYPE_CHECKING:
    from commitgraph.shacl_local import Index

#: Every this many documents, the build loads the spool segments its workers closed.
_SPOOL_CHECK = 16

GRAPH_TTL = "graph.ttl"
GRAPH_TRIG = "graph.trig"
VALIDATION_TTL = "validation.ttl"
REPORT_MD = "report.md"
MANIFEST = "commitgraph-manifest.json"

Progress = Callable[[int, int, str], None]


def sample_corpus() -> Path:
    """The bundled sample corpus (``examples/corpus`` in a checkout, packaged in a wheel)."""
    here = Path(__file__).resolve().parents[2] / "examples" / "corpus"
    if here.is_dir():
        return here
    return data_dir("ontology").parent / "examples" / "corpus"


@cache
def vocabulary_triples() -> tuple[ox.Triple, ...]:
    """The ontology and SKOS vocabularies, as published in the vocabulary graph."""
    root = data_dir("ontology")
    out: list[ox.Triple] = []
    for f in _vocabulary_files():
        out.extend(load_triples(f, skolem_prefix=f"vocab/{f.stem}"))
    del root
    return tuple(out)


def _vocabulary_files() -> list[Path]:
    root = data_dir("ontology")
    return sorted(root.glob("*.ttl")) + sorted((root / "vocab").glob("*.ttl"))


def _catalogue_files() -> list[Path]:
    return sorted((data_dir("ontology") / "catalogue").glob("*.ttl"))


@cache
def context_index() -> Index:
    """The vocabulary and the catalogue, indexed for the per-document checks."""
    from commitgraph.shacl_local import Index

    return Index([*vocabulary_triples(), *catalogue_triples()])


@cache
def catalogue_triples() -> tuple[ox.Triple, ...]:
    out: list[ox.Triple] = []
    for f in _catalogue_files():
        out.extend(load_triples(f, skolem_prefix=f"catalogue/{f.stem}"))
    return tuple(out)


# --- one document, in a worker ---------------------------------------------------------


@dataclass(slots=True)
class DocSummary:
    """What the report says of one document (small: it crosses process boundaries)."""

    path: str
    sha256: str
    graph: str
    work: str
    symbol: str
    language: str
    date: str | None
    preamble: int
    operative: int
    citations: int
    triples: int
    violations: int = 0
    warnings: int = 0


@dataclass(slots=True)
class DocOutcome:
    path: Path
    sha256: str
    summary: DocSummary | None = None
    # The document's triples as N-Triples, unless the worker wrote them to the build's
    # spool (see commitgraph.spool): 20,000 documents are 3.8 GB of text, which would otherwise
    # cross a pipe and be copied by the main process.
    ntriples: bytes = b""
    issues: list = field(default_factory=list)  # type: ignore[type-arg]
    error: CommitgraphError | None = None
    times: dict[str, float] = field(default_factory=dict)  # CPU seconds per stage


@dataclass(frozen=True, slots=True)
class _Job:
    """What a worker needs besides the file: how to read it, whether to check it, and
    where to spool its graph."""

    lang: str | None = None
    check: bool = False  # run the node-local constraints of the shapes here
    spool: str | None = None  # folder of the spool files, or None to return the bytes


def process_file(path: Path, job: _Job | None = None) -> DocOutcome:
    """Ingest, extract, map (and check) one file."""
    from commitgraph.extract import extract_text
    from commitgraph.rdf.mapping import map_record

    job = job or _Job()
    sha = ""
    clock = time.process_time
    times: dict[str, float] = {}
    try:
        t = clock()
        source = read_source(path)
        sha = source.sha256
        times["ingest"] = clock() - t
        t = clock()
        record = extract_text(source, lang=job.lang)
        times["extract"] = clock() - t
        t = clock()
        graph = map_record(record)
        times["map"] = clock() - t
    except CommitgraphError as err:
        if err.path is None:
            err.path = path
        # No hash of a refused file: it may be the 200 MB file refused for its size, and
        # nothing uses the hash of a failure.
        return DocOutcome(path, sha, error=_with_detail(err), times=times)
    except Exception as exc:  # a bug, met on one file: report it, build the others
        err = ExtractionError(
            f"unexpected error, a bug in commitgraph ({type(exc).__name__}: {exc}); "
            "please report it with the output of --debug",
            path,
        )
        err.__cause__ = exc
        return DocOutcome(path, sha, error=_with_detail(err), times=times)
    issues = []
    if job.check:
        from commitgraph.shacl_local import Index
        from commitgraph.shacl_sparql import validate_local

        t = clock()
        issues = validate_local(Index(graph.triples, context_index()))
        times["validate"] = clock() - t
    t = clock()
    summary = DocSummary(
        path=str(path),
        sha256=sha,
        graph=graph.graph,
        work=graph.work,
        symbol=record.symbol,
        language=record.language,
        date=record.date,
        preamble=len(record.preamble),
        operative=len(record.operative),
        citations=sum(len(p.cites) for p in [*record.preamble, *record.operative]),
        triples=len(graph.triples),
        violations=sum(1 for i in issues if i.severity == "Violation"),
        warnings=sum(1 for i in issues if i.severity == "Warning"),
    )
    ntriples = ox.serialize(graph.triples, format=ox.RdfFormat.N_TRIPLES) or b""
    outcome = DocOutcome(path, sha, summary, issues=issues, times=times)
    if job.spool is not None:
        SpoolDir.write(job.spool, as_nquads(ntriples, graph.graph) + ntriples)
    else:
        outcome.ntriples = ntriples
    times["serialise"] = clock() - t
    return outcome


def _with_detail(err: CommitgraphError) -> CommitgraphError:
    """Keep the traceback as text: it does not survive the trip back from a worker
    process, and ``--debug`` shows it."""
    err.detail = "".join(traceback.format_exception(err))
    return err


def _stat(path: Path) -> list[int] | None:
    """Size and modification time (ns) of a file, as the manifest records them."""
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def _sha256(path: Path) -> str:
    """The file's hash, read in blocks (a large file is never held in memory whole)."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return ""
    return digest.hexdigest()


def _process_star(args: tuple[Path, _Job]) -> DocOutcome:
    return process_file(args[0], job=args[1])


def _outcomes(paths: Sequence[Path], job: _Job, workers: int) -> Iterator[DocOutcome]:
    """Outcomes in input order; several processes when the batch is worth it."""
    if workers <= 1 or len(paths) < 8:
        for p in paths:
            yield process_file(p, job=job)
        return
    chunk = max(1, min(64, len(paths) // (workers * 8)))
    # Compile every language's matchers once here: forked workers inherit them instead of
    # each spending seconds on the same regular expressions.
    from commitgraph.extract import warm_up

    warm_up()
    if job.check:
        context_index()
    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_worker_init,
        initargs=(os.getpid(),),
    )
    finished = False
    try:
        yield from pool.map(_process_star, [(p, job) for p in paths], chunksize=chunk)
        finished = True
    finally:
        if finished:
            pool.shutdown(wait=True)
        else:  # interrupted, or the consumer failed: the rest of the work is not wanted
            _stop_workers(pool)


def _worker_init(parent: int) -> None:
    """Start a worker: Ctrl-C and SIGTERM are the parent's to handle (it stops the
    workers), and a worker whose parent died (SIGKILL) exits instead of waiting forever
    for work on a queue nobody feeds."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Kill the workers at once: waiting for their current chunk would delay Ctrl-C by
    seconds. (The executor has no public way to do this before Python 3.14.)"""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    # The executor's own thread notices the killed workers and raises; that is the stop
    # we asked for, not an error to print over the one-line message.
    previous = threading.excepthook
    threading.excepthook = lambda args: None
    try:
        for process in processes:
            with contextlib.suppress(OSError, ValueError):
                process.kill()
        # A worker killed while sending a result leaves half a message in the result pipe,
        # and the executor's thread waits for the rest forever: this process holds the
        # pipe's other end open too. Closing it turns the wait into an end of file, which
        # the executor handles as the broken pool it now is. (An incremental build's
        # results carry their triples, so a Ctrl-C met one mid-send one time in four.)
        queue = getattr(pool, "_result_queue", None)
        writer = getattr(queue, "_writer", None)
        if writer is not None:
            with contextlib.suppress(OSError):
                writer.close()
        pool.shutdown(wait=True, cancel_futures=True)
    finally:
        threading.excepthook = previous


# --- the build ------------------------------------------------------------------------


@dataclass(slots=True)
class BuildReport:
    out: Path
    documents: list[DocSummary] = field(default_factory=list)
    failures: list[CommitgraphError] = field(default_factory=list)
    issues: list = field(default_factory=list)  # type: ignore[type-arg]
    triples: int = 0
    seconds: float = 0.0
    outputs: list[Path] = field(default_factory=list)
    changed: int = 0
    unchanged: int = 0
    removed: int = 0
    stages: dict[str, float] = field(default_factory=dict)  # wall seconds
    cpu: dict[str, float] = field(default_factory=dict)  # CPU seconds summed over workers

    @property
    def paragraphs(self) -> int:
        return sum(d.preamble + d.operative for d in self.documents)

    @property
    def citations(self) -> int:
        return sum(d.citations for d in self.documents)

    @property
    def commitments(self) -> int:
        return sum(d.operative for d in self.documents)

    @property
    def violations(self) -> int:
        return sum(1 for i in self.issues if i.severity == "Violation")

    @property
    def warnings(self) -> int:
        return sum(1 for i in self.issues if i.severity == "Warning")

    def summary_rows(self) -> list[tuple[str, str]]:
        rows = [
            ("documents", str(len(self.documents))),
            ("failed", str(len(self.failures))),
            ("paragraphs", str(self.paragraphs)),
            ("citations", str(self.citations)),
            ("commitments", str(self.commitments)),
            ("violations", str(self.violations)),
            ("warnings", str(self.warnings)),
            ("triples", str(self.triples)),
        ]
        if self.unchanged or self.removed:
            rows += [
                ("re-extracted", str(self.changed)),
                ("unchanged", str(self.unchanged)),
                ("removed", str(self.removed)),
            ]
        return rows


def build(
    inputs: Sequence[Path] = (),
    out: Path = Path("out"),
    *,
    lang: str | None = None,
    validate: bool = True,
    pictures: bool = True,
    progress: Progress | None = None,
    store: Path | None = None,
    workers: int | None = None,
    export: bool | None = None,
    validator: str = "sparql",
    rehash: bool = False,
) -> BuildReport:
    """Build the graph of ``inputs`` (default: the sample corpus) into ``out``.

    ``export`` writes graph.ttl and graph.trig; by default it does unless a persistent
    ``store`` is the build's product (then ``commitgraph export --store`` writes them).
    """
    start = time.perf_counter()
    report = BuildReport(out=out)
    paths = expand_inputs(list(inputs) or [sample_corpus()])
    workers = workers if workers is not None else (os.cpu_count() or 1)
    export = (store is None) if export is None else export

    # Every store, in memory or on disk, holds the named graphs and, in its default graph,
    # their merge: queries and validation read the merge (see commitgraph.store).
    db = _open(store)
    manifest = _read_manifest(store)
    todo: list[Path] = []
    # A file whose size and modification time are those recorded is not read again (as
    # git does): hashing 20,000 files was a third of a rebuild after one change. A file
    # whose stat changed is hashed, so a touched but unchanged file is not re-extracted.
    recorded = {} if rehash else manifest["stat"]
    stats = {str(p): _stat(p) for p in paths}
    for p in paths:
        key = str(p)
        old = manifest["documents"].get(key)
        if (
            old
            and old.get("graph")
            and (
                (stats[key] is not None and recorded.get(key) == stats[key])
                or old.get("sha256") == _sha256(p)
            )
        ):
            report.documents.append(DocSummary(**old))
            report.unchanged += 1
        else:
            todo.append(p)
    present = {str(p) for p in paths}
    for gone in sorted(set(manifest["documents"]) - present):
        graph = manifest["documents"][gone].get("graph")
        if graph and not any(d.graph == graph for d in report.documents):
            _remove(db, graph)
        report.removed += 1

    t = time.perf_counter()
    fresh = store is None or not manifest["documents"]
    if fresh and store is not None and len(db):
        db.clear()  # a store without a manifest was left by an interrupted first build
    # The node-local constraints are checked in the workers, document by document; the
    # rest of the shapes run over the store below (see commitgraph.shacl_local).
    local = validate and validator == "sparql"
    # A first build has every worker append its documents' N-Quads to spool files of its
    # own, and bulk-loads each closed file while the workers go on (commitgraph.spool):
    # the text never crosses a pipe, and the load overlaps the extraction.
    spool = SpoolDir(store) if fresh else None
    job = _Job(lang=lang, check=local, spool=spool.folder if spool else None)
    replaced: list[DocOutcome] = []
    loading = 0.0  # seconds spent loading spool segments while the workers extract
    done = 0
    total = len(todo)
    try:
        for outcome in _outcomes(todo, job, workers):
            done += 1
            for stage, seconds in outcome.times.items():
                report.cpu[stage] = report.cpu.get(stage, 0.0) + seconds
            if progress:
                progress(done, total, str(outcome.path))
            if outcome.error is not None or outcome.summary is None:
                report.failures.append(outcome.error or CommitgraphError("failed", outcome.path))
                continue
            report.documents.append(outcome.summary)
            report.changed += 1
            report.issues += outcome.issues
            if spool is not None and done % _SPOOL_CHECK == 0:
                started = time.perf_counter()
                if spool.load_closed(db):
                    loading += time.perf_counter() - started
            if spool is None:
                started = time.perf_counter()
                _replace(db, outcome.summary.graph, outcome.ntriples)
                report.stages["load"] = (
                    report.stages.get("load", 0.0) + time.perf_counter() - started
                )
                replaced.append(outcome)
        if spool is not None:
            started = time.perf_counter()
            report.stages["ingest+extract+map"] = started - t - loading
            spool.load(db)
            report.stages["load"] = loading + time.perf_counter() - started
            if store is not None:
                # One compaction after the bulk load: reads then go through a few large
                # files instead of hundreds. It pays for itself in the validation that
                # follows (at 20,000 documents: 29 s here, 30 s less there), and every
                # query on the new store is 20-55% faster.
                started = time.perf_counter()
                db.optimize()
                report.stages["optimize"] = time.perf_counter() - started
        else:
            report.stages["ingest+extract+map"] = (
                time.perf_counter() - t - report.stages.get("load", 0.0)
            )
    finally:
        if spool is not None:
            spool.remove()

    t = time.perf_counter()
    _refresh_context(db, manifest, merged=True)
    report.stages["context"] = time.perf_counter() - t

    report.documents.sort(key=lambda d: d.path)
    if validate:
        t = time.perf_counter()
        known = manifest.get("issues")
        if not fresh and validator == "sparql" and known is not None:
            report.issues = _validate_changes(db, replaced, report, known)
        elif local:
            report.issues = _validate_rest(db, report)
        else:
            report.issues = _validate(db, report, validator, merged=True)
        report.stages["validate"] = time.perf_counter() - t
    # Triples per graph, summed: a triple two graphs share counts twice.
    report.triples = sum(d.triples for d in report.documents) + sum(
        _graph_size(db, g) for g in (VOCAB_GRAPH, CATALOGUE_GRAPH)
    )
    t = time.perf_counter()
    write_outputs(report, db, export=export, pictures=pictures, has_store=store is not None)
    report.stages["write"] = time.perf_counter() - t
    if store is not None:
        manifest["documents"] = {d.path: _fields(d) for d in report.documents}
        manifest["stat"] = {d.path: stats[d.path] for d in report.documents if stats.get(d.path)}
        if validate:
            by_work: dict[str, list] = {}  # type: ignore[type-arg]
            for i in report.issues:
                by_work.setdefault(_work_of(i.focus), []).append(_fields(i))
            manifest["issues"] = by_work
        _write_manifest(store, manifest)
        db.flush()
    report.seconds = time.perf_counter() - start
    return report


def _graph_size(db: ox.Store, graph: str) -> int:
    """Triples in a named graph, counted by the store (the vocabulary files need not be
    parsed again for a rebuild that did not touch them)."""
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    row = next(iter(db.query(query)))  # type: ignore[arg-type]
    return int(row[0].value)


def _open(store: Path | None) -> ox.Store:
    if store is None:
        return ox.Store()
    from commitgraph.store import open_store

    return open_store(store)


def _bulk(db: ox.Store, pending: list[DocOutcome]) -> None:
    """Bulk-load documents into their named graphs and into the merge."""
    data = b"".join(
        as_nquads(o.ntriples, o.summary.graph) + o.ntriples
        for o in pending
        if o.summary is not None
    )
    if data:
        db.bulk_load(data, format=ox.RdfFormat.N_QUADS, lenient=True)


def _replace(db: ox.Store, graph: str, ntriples: bytes) -> None:
    from commitgraph.store import replace_document

    replace_document(db, graph, ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES))


def _remove(db: ox.Store, graph: str) -> None:
    g = ox.NamedNode(graph)
    if db.contains_named_graph(g):
        from commitgraph.store import remove_graph

        remove_graph(db, g)


def _refresh_context(db: ox.Store, manifest: dict, *, merged: bool) -> None:  # type: ignore[type-arg]
    """(Re)load the vocabulary and catalogue graphs when their files changed."""
    for graph, files, triples in (
        (VOCAB_GRAPH, _vocabulary_files(), vocabulary_triples),
        (CATALOGUE_GRAPH, _catalogue_files(), catalogue_triples),
    ):
        digest = files_digest(files)
        if manifest["context"].get(graph) == digest and db.contains_named_graph(
            ox.NamedNode(graph)
        ):
            continue
        from commitgraph.store import replace_document

        if merged:
            replace_document(db, graph, triples())
        else:
            db.extend(
                ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(graph)) for t in triples()
            )
        manifest["context"][graph] = digest


def _read_manifest(store: Path | None) -> dict:  # type: ignore[type-arg]
    empty: dict = {"documents": {}, "context": {}, "stat": {}}  # type: ignore[type-arg]
    if store is None:
        return empty
    path = store / MANIFEST
    if not path.exists():
        return empty
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise StoreError(f"unreadable build manifest ({err}); delete it to rebuild", path) from err
    data.setdefault("documents", {})
    data.setdefault("context", {})
    data.setdefault("stat", {})
    return data


def _write_manifest(store: Path, manifest: dict) -> None:  # type: ignore[type-arg]
    # No indent: json's C encoder only runs without one (3x faster on 20,000 documents).
    text = json.dumps(manifest, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    write_atomic(store / MANIFEST, text.encode("utf-8"))


def _fields(item: object) -> dict:  # type: ignore[type-arg]
    """A flat dataclass as a dict (``asdict`` deep-copies every value: slow for 20,000)."""
    return {f: getattr(item, f) for f in _field_names(type(item))}


@cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(kind))  # type: ignore[arg-type]


def _validate(db: ox.Store, report: BuildReport, validator: str, *, merged: bool) -> list:  # type: ignore[type-arg]
    if validator == "pyshacl":
        from commitgraph.validate import validate_document

        issues = []
        for d in report.documents:
            g = ox.NamedNode(d.graph)
            triples = [
                ox.Triple(q.subject, q.predicate, q.object)
                for q in db.quads_for_pattern(None, None, None, g)
            ]
            issues.extend(validate_document(triples).issues)
    else:
        from commitgraph.shacl_sparql import validate_store

        issues = validate_store(db, merged=merged)
    _count(report, issues)
    return issues


def _validate_rest(db: ox.Store, report: BuildReport) -> list:  # type: ignore[type-arg]
    """Complete a build's validation: the workers checked each document's node-local
    constraints (their issues are in ``report.issues``); here the vocabulary and the
    catalogue get the same checks, and the constraints that read across graphs run over
    the store's merge."""
    from commitgraph.shacl_sparql import dedupe, validate_local, validate_store

    issues = list(report.issues)
    issues += validate_local(context_index())
    issues += validate_store(db, merged=True, skip_local=True)
    issues = dedupe(issues)
    _count(report, issues)
    return issues


def _count(report: BuildReport, issues: list) -> None:  # type: ignore[type-arg]
    """Each document's violations and warnings: the issues whose focus is in its work."""
    by_work: dict[str, list] = {}  # type: ignore[type-arg]
    for i in issues:
        by_work.setdefault(_work_of(i.focus), []).append(i)
    for d in report.documents:
        mine = by_work.get(d.work, [])
        d.violations = sum(1 for i in mine if i.severity == "Violation")
        d.warnings = sum(1 for i in mine if i.severity == "Warning")


def _validate_changes(
    db: ox.Store,
    changed: list[DocOutcome],
    report: BuildReport,
    known: dict,  # type: ignore[type-arg]
) -> list:  # type: ignore[type-arg]
    """Validate only the re-extracted documents; keep the other documents' issues.

    The changed documents go into a small store with the vocabulary, the catalogue and the
    adoption dates of every work in the big store (what the cross-document rule reads),
    so a rebuild after one change costs one document's validation, not the corpus's."""
    from commitgraph.shacl_sparql import validate_store
    from commitgraph.validate import Issue

    tmp = ox.Store()
    _bulk(tmp, list(changed))
    # The vocabulary and the catalogue, copied from the store as text and parsed by
    # Oxigraph: building 60,000 quads as Python objects took most of a one-document
    # rebuild.
    for graph in (VOCAB_GRAPH, CATALOGUE_GRAPH):
        text = db.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph)) or b""
        for target in (ox.NamedNode(graph), ox.DefaultGraph()):
            tmp.bulk_load(text, format=ox.RdfFormat.N_TRIPLES, to_graph=target, lenient=True)
    dates = db.quads_for_pattern(
        None,
        ox.NamedNode("http://data.europa.eu/eli/ontology#date_document"),
        None,
        ox.DefaultGraph(),
    )
    tmp.bulk_extend(dates)
    fresh_issues = validate_store(tmp, merged=True, skip_local=True)
    changed_works = {o.summary.work for o in changed if o.summary is not None}
    current = {d.work for d in report.documents}
    issues = [i for o in changed for i in o.issues]
    issues += [i for i in fresh_issues if _work_of(i.focus) in changed_works]
    for work, items in known.items():
        if work in current and work not in changed_works:
            issues.extend(Issue(**item) for item in items)
    _count(report, issues)
    return issues


def _work_of(focus: str) -> str:
    """The work IRI a focus node belongs to (paragraphs, spans … are minted under it)."""
    for marker in ("/expr/", "/preamble/", "/op/", "/attachment/", "/graph/"):
        if marker in focus:
            return focus.split(marker, 1)[0]
    return focus


# --- outputs --------------------------------------------------------------------------


def write_outputs(
    report: BuildReport,
    db: ox.Store,
    *,
    export: bool = True,
    pictures: bool = True,
    has_store: bool = False,
) -> None:
    """Write the outputs into a staging folder inside ``out``, then move them into place.

    Every file is complete before any is replaced, and the renames that replace them run
    with SIGINT and SIGTERM held back: a build stopped at any point leaves the previous
    graph.ttl, graph.trig, report.md … all of them, or the new ones, all of them, never
    a mix of two builds. (SIGKILL cannot be held back; it can only fall between two
    renames, which take microseconds, against seconds for the serialisation before.)
    """
    out = report.out
    out.mkdir(parents=True, exist_ok=True)
    remove_stale(out, STAGING_PREFIX)
    stage = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=out))
    try:
        names: list[str] = []
        if export:
            write_atomic(stage / GRAPH_TRIG, serialize_store(db, "trig"))
            write_atomic(stage / GRAPH_TTL, serialize_store(db, "turtle"))
            names += [GRAPH_TTL, GRAPH_TRIG]
        write_atomic(stage / VALIDATION_TTL, validation_report(report.issues))
        names.append(VALIDATION_TTL)
        write_atomic(stage / REPORT_MD, render_report(report).encode("utf-8"))
        names.append(REPORT_MD)
        if pictures and export:
            try:
                from commitgraph.network.pictures import write_pictures
            except ImportError:
                pass
            else:
                names += [p.name for p in write_pictures(stage / GRAPH_TRIG, stage)]
        with _signals_held():
            for name in names:
                os.replace(stage / name, out / name)
            _fsync_dir(out)
        report.outputs += [out / name for name in names]
    finally:
        shutil.rmtree(stage, ignore_errors=True)


#: Name prefix of the folder in ``out`` where a build stages its outputs.
STAGING_PREFIX = ".commitgraph-staging-"


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back (delivered on exit) around a few renames."""
    if (
        not hasattr(signal, "pthread_sigmask")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _fsync_dir(folder: Path) -> None:
    """Make the renames durable: a power cut must not bring back the old names."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def validation_report(issues: list) -> bytes:  # type: ignore[type-arg]
    """The SHACL validation report (sh:ValidationReport) of the issues, as Turtle.

    Result nodes are minted from their content, so the report is as reproducible as the
    graph it describes."""
    sh = "http://www.w3.org/ns/shacl#"
    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    rep = "https://w3id.org/commitgraph/id/validation/report"
    triples = [
        ox.Triple(ox.NamedNode(rep), ox.NamedNode(rdf_type), ox.NamedNode(sh + "ValidationReport")),
        ox.Triple(
            ox.NamedNode(rep),
            ox.NamedNode(sh + "conforms"),
            ox.Literal(
                "false" if any(i.severity == "Violation" for i in issues) else "true",
                datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"),
            ),
        ),
    ]
    for i in issues:
        key = "\x1f".join([i.focus, i.path or "", i.value or "", i.shape or "", i.severity])
        node = ox.NamedNode(rep + "/" + hashlib.sha256(key.encode()).hexdigest()[:20])
        triples.append(ox.Triple(ox.NamedNode(rep), ox.NamedNode(sh + "result"), node))
        triples.append(
            ox.Triple(node, ox.NamedNode(rdf_type), ox.NamedNode(sh + "ValidationResult"))
        )
        triples.append(
            ox.Triple(
                node,
                ox.NamedNode(sh + "focusNode"),
                ox.NamedNode(i.focus) if i.focus.startswith("http") else ox.Literal(i.focus),
            )
        )
        triples.append(
            ox.Triple(node, ox.NamedNode(sh + "resultSeverity"), ox.NamedNode(sh + i.severity))
        )
        if i.shape:
            triples.append(ox.Triple(node, ox.NamedNode(sh + "sourceShape"), ox.NamedNode(i.shape)))
        if i.value is not None:
            triples.append(ox.Triple(node, ox.NamedNode(sh + "value"), ox.Literal(i.value)))
        for lang, text in sorted(i.messages.items()):
            triples.append(
                ox.Triple(node, ox.NamedNode(sh + "resultMessage"), ox.Literal(text, language=lang))
            )
    return serialize(triples, "turtle")


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
        lines.append(
            f"| {d.symbol} | {d.language} | {d.date or ''} | {d.preamble} | "
            f"{d.operative} | {d.citations} | {d.violations} |"
        )
    if report.issues:
        lines += ["", "## Validation", ""]
        for i in report.issues:
            lines.append(f"- {i.severity}: {i.message(lang)} ({i.focus})")
    if report.failures:
        lines += ["", "## Failed documents", ""]
        lines += [f"- {f}" for f in report.failures]
    return "\n".join(lines) + "\n"
