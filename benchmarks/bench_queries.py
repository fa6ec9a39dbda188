"""Time the query library on a synthetic graph: Oxigraph (the default) against rdflib.

    .venv/bin/python -m benchmarks.bench_queries [--triples 1000000] [--rdflib-timeout 120]

The graph has the shape ``commitgraph.rdf.mapping`` writes — decisions with one named
graph per language version, preambular and operative paragraphs, typed citations to
earlier decisions and to instruments, actions and addressees, commitments, spans with
position and quote selectors, interpretative statements — plus the real vocabulary and
catalogue graphs, so every library query has something to find. Citations follow
preferential attachment (well-cited decisions get cited more), as real citation networks
do, which makes the transitive queries realistic.

Both engines answer the same library queries with the same parameters, bound the same way
(substitution / initBindings), over the merge of the named graphs: Oxigraph as
``commitgraph.query.open_graph`` sets it up (named graphs plus their merge in the default
graph), rdflib as a ``Dataset`` whose default graph is the union.

rdflib is slow at this size, and a query in progress cannot be interrupted, so each
rdflib query runs in a forked child (sharing the loaded graph) that is killed after
``--rdflib-timeout`` seconds; the table then says "> t".
"""

from __future__ import annotations

import argparse
import gc
import multiprocessing
import os
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from commitgraph.query import (
    LibraryQuery,
    bind_params,
    library,
    merge_named_graphs,
    run_query,
)
from commitgraph.rdf.namespaces import (
    CATALOGUE_GRAPH,
    CG,
    CGID,
    CITO,
    DCTERMS,
    ELI,
    OA,
    PROV,
    RDF,
    SKOS,
    VOCAB_GRAPH,
    XSD,
)
from commitgraph.record import RECORD_ACTIONS, RECORD_ADDRESSEES

TYPE = RDF + "type"
LANGS = ("en", "fr", "ru", "de", "es", "it")
ACTIONS = tuple(sorted(RECORD_ACTIONS))  # the action ids of the record format
# The record format's addressees, less the councils and the private sector, which decisions
# address rarely enough that the synthetic graph leaves them out.
ADDRESSEES = tuple(
    sorted(RECORD_ADDRESSEES - {"PermanentCouncil", "MinisterialCouncil", "PrivateSector"})
)
RELATIONS = ("reaffirms", "recalls", "takes_note", "welcomes", "recognizes", "concern", "other")
INSTRUMENTS = tuple(
    [f"UNTC:IV-{i}" for i in range(1, 40)]
    + [f"CETS:{i}" for i in range(1, 80)]
    + [f"ILO:C{i}" for i in range(1, 60)]
    + ["CSCE:Helsinki1975", "CSCE:Copenhagen1990"]
)
DELEGATIONS = (
    "Russian Federation",
    "United States of America",
    "Holy See",
    "Turkey",
    "Armenia",
    "Azerbaijan",
)
# Filler words per language, and the topic word the theme/strength queries look for.
_FILLER = {
    "en": "the states to and of in all their efforts measures cooperation national",
    "fr": "les états de et la des leurs efforts mesures coopération nationale",
    "ru": "государства и в по их усилия меры сотрудничество национальные",
    "de": "die staaten und der ihre bemühungen maßnahmen zusammenarbeit nationale",
    "es": "los estados y de la sus esfuerzos medidas cooperación nacional",
    "it": "gli stati e di la loro sforzi misure cooperazione nazionale",
}
WORDS = {lang: words.split() for lang, words in _FILLER.items()}
# How the texts name ODIHR (labels of cgid:actor/ODIHR), for the concept search.
ODIHR = {"en": "ODIHR", "fr": "BIDDH", "ru": "БДИПЧ", "de": "BDIMR", "es": "OIDDH", "it": "ODIHR"}
TOPIC = {
    "en": "trafficking",
    "fr": "traite",
    "ru": "торговля",
    "de": "menschenhandel",
    "es": "trata",
    "it": "tratta",
}


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _lit(value: str, lang: str | None = None, dt: str | None = None) -> ox.Literal:
    if lang:
        return ox.Literal(value, language=lang)
    if dt:
        return ox.Literal(value, datatype=_n(dt))
    return ox.Literal(value)


@dataclass(slots=True)
class Synthetic:
    """The generated quads and the ids the benchmark's parameters point at."""

    quads: list[ox.Quad] = field(default_factory=list)
    symbols: list[str] = field(default_factory=list)
    cited_count: dict[str, int] = field(default_factory=dict)

    @property
    def triples(self) -> int:
        return len(self.quads)


def _work(symbol: str) -> str:
    from commitgraph.rdf.namespaces import work_iri

    return work_iri(symbol)


def synthetic_graph(target: int, seed: int = 7, *, with_vocabulary: bool = True) -> Synthetic:
    """Quads in the mapping's shape, at least ``target`` of them."""
    rng = random.Random(seed)
    out = Synthetic()
    if with_vocabulary:
        from commitgraph.build import catalogue_triples, vocabulary_triples

        for g, triples in (
            (VOCAB_GRAPH, vocabulary_triples()),
            (CATALOGUE_GRAPH, catalogue_triples()),
        ):
            gn = _n(g)
            out.quads.extend(ox.Quad(t.subject, t.predicate, t.object, gn) for t in triples)
    weights: list[int] = []  # preferential attachment over earlier decisions
    position: dict[str, int] = {}
    i = 0
    while len(out.quads) < target:
        i += 1
        body = "MC" if i % 3 else "PC"
        year = 1991 + (i * 7) // max(1, target // 30_000)
        year = min(year, 2025)
        symbol = f"{body}.DEC/{i}/{year % 100:02d}" if body == "MC" else f"PC.DEC/{1000 + i}"
        langs = rng.sample(LANGS, rng.choices((1, 2, 3, 6), weights=(50, 30, 15, 5))[0])
        cites = _pick_citations(rng, out.symbols, weights)
        for lang in langs:
            out.quads.extend(_document(rng, symbol, body, year, i, lang, cites))
        for c in cites:
            out.cited_count[c] = out.cited_count.get(c, 0) + 1
        position[symbol] = len(out.symbols)
        out.symbols.append(symbol)
        weights.append(1)
        for c in cites:
            if c in position:
                weights[position[c]] += 1
    return out


def _pick_citations(rng: random.Random, earlier: list[str], weights: list[int]) -> list[str]:
    n_dec = min(len(earlier), rng.randint(1, 5))
    picked = set(rng.choices(earlier, weights=weights, k=n_dec)) if n_dec else set()
    picked |= set(rng.sample(INSTRUMENTS, rng.randint(0, 3)))
    return sorted(picked)


def _document(
    rng: random.Random, symbol: str, body: str, year: int, number: int, lang: str, cites: list[str]
) -> Iterator[ox.Quad]:
    w = _work(symbol)
    e = f"{w}/expr/{lang}"
    g = _n(f"{w}/graph/{lang}")
    words = WORDS[lang]
    pos = 0
    triples: list[tuple[str, str, ox.NamedNode | ox.Literal | str]] = []
    a = triples.append

    def text(n_words: int, topic: bool, actor: bool = False) -> str:
        ws = rng.choices(words, k=n_words)
        if topic:
            ws.insert(rng.randrange(len(ws)), TOPIC[lang])
        if actor:
            ws.insert(rng.randrange(len(ws)), ODIHR[lang])
        return " ".join(ws).capitalize() + ";"

    def span(t: str) -> str:
        nonlocal pos
        start, end = pos, pos + len(t)
        pos = end + 2
        s = f"{e}/span/{start}-{end}"
        a((s, TYPE, OA + "SpecificResource"))
        a((s, OA + "hasSource", e))
        a((s, OA + "hasSelector", f"{s}/position"))
        a((s, OA + "hasSelector", f"{s}/quote"))
        a((f"{s}/position", TYPE, OA + "TextPositionSelector"))
        a((f"{s}/position", OA + "start", _lit(str(start), dt=XSD + "nonNegativeInteger")))
        a((f"{s}/position", OA + "end", _lit(str(end), dt=XSD + "nonNegativeInteger")))
        a((f"{s}/quote", TYPE, OA + "TextQuoteSelector"))
        a((f"{s}/quote", OA + "exact", _lit(t)))
        return s

    body_iri = f"{CGID}actor/{'MinisterialCouncil' if body == 'MC' else 'PermanentCouncil'}"
    a((w, TYPE, CG + "Decision"))
    a((w, TYPE, ELI + "Work"))
    a((w, DCTERMS + "identifier", _lit(symbol)))
    a((w, ELI + "id_local", _lit(symbol)))
    a((w, SKOS + "prefLabel", _lit(symbol, lang="en")))
    a((w, ELI + "passed_by", body_iri))
    a((w, ELI + "date_document", _lit(f"{year}-12-0{1 + number % 9}", dt=XSD + "date")))
    a((w, ELI + "is_realized_by", e))
    a((e, TYPE, ELI + "Expression"))
    a((e, ELI + "realizes", w))
    a((e, DCTERMS + "language", _lit(lang)))
    a((e, ELI + "title", _lit(text(8, True).upper(), lang=lang)))
    src = f"{CGID}source/{symbol.replace('/', '-')}-{lang}"
    a((e, PROV + "wasDerivedFrom", src))
    a((src, CG + "fileName", _lit(f"{symbol.replace('/', '.')}.{lang}.txt")))
    cite_rng = random.Random(f"{symbol}-cites")  # same paragraphs in every language
    n_pre = cite_rng.randint(3, 8)
    placement = {c: cite_rng.randint(1, n_pre) for c in cites}
    for n in range(1, n_pre + 1):
        p = f"{w}/preamble/{n}"
        rel = RELATIONS[cite_rng.randrange(len(RELATIONS))]
        t = text(cite_rng.randint(12, 40), cite_rng.random() < 0.3)
        a((w, ELI + "has_part", p))
        a((p, ELI + "is_part_of", w))
        a((p, TYPE, CG + "PreambularParagraph"))
        a((p, ELI + "number", _lit(str(n))))
        a((p, ELI + "type_subdivision", f"{CGID}subdivision/preamble"))
        a((p, CG + "text", _lit(t, lang=lang)))
        a((p, CG + "relation", f"{CGID}relation/{rel}"))
        a((p, PROV + "wasDerivedFrom", span(t)))
        for c in cites:
            if placement[c] != n:
                continue
            target = _work(c)
            cit = f"{p}/cites/{c.replace('/', '-').replace(':', '-')}"
            a((cit, TYPE, CITO + "Citation"))
            a((cit, CITO + "hasCitingEntity", p))
            a((cit, CITO + "hasCitedEntity", target))
            a((cit, CG + "relation", f"{CGID}relation/{rel}"))
            a((cit, PROV + "wasDerivedFrom", span(c)))
            a((w, ELI + "cites", target))
            a((target, DCTERMS + "identifier", _lit(c)))
            a((target, SKOS + "prefLabel", _lit(c, lang="en")))
    for n in range(1, cite_rng.randint(4, 14) + 1):
        p = f"{w}/op/{n}"
        action = ACTIONS[cite_rng.randrange(len(ACTIONS))]
        addressees = cite_rng.sample(ADDRESSEES, cite_rng.randint(0, 2))
        t = text(cite_rng.randint(15, 60), cite_rng.random() < 0.3, "ODIHR" in addressees)
        a((w, ELI + "has_part", p))
        a((p, ELI + "is_part_of", w))
        a((p, TYPE, CG + "OperativeParagraph"))
        a((p, ELI + "number", _lit(str(n))))
        a((p, ELI + "type_subdivision", f"{CGID}subdivision/operative"))
        a((p, CG + "text", _lit(t, lang=lang)))
        a((p, CG + "actionType", f"{CGID}action/{action}"))
        a((p, PROV + "wasDerivedFrom", span(t)))
        cm = f"{p}/commitment"
        a((cm, TYPE, CG + "Commitment"))
        a((cm, CG + "expressedIn", p))
        a((cm, CG + "actionType", f"{CGID}action/{action}"))
        for ad in addressees:
            a((p, CG + "addressee", f"{CGID}actor/{ad}"))
            a((cm, CG + "addressee", f"{CGID}actor/{ad}"))
    if cite_rng.random() < 0.1:
        x = f"{w}/attachment/1"
        deleg = DELEGATIONS[cite_rng.randrange(len(DELEGATIONS))]
        d = f"{CGID}delegation/{deleg.replace(' ', '')}"
        xe = f"{x}/expr/{lang}"
        t = text(40, False)
        a((w, ELI + "has_annex", x))
        a((x, ELI + "is_annex_of", w))
        a((x, TYPE, CG + "InterpretativeStatement"))
        a((x, ELI + "number", _lit("1")))
        a((x, ELI + "is_realized_by", xe))
        a((x, CG + "delegation", d))
        a((d, SKOS + "prefLabel", _lit(deleg, lang="en")))
        a((xe, DCTERMS + "language", _lit(lang)))
        a((xe, CG + "text", _lit(t, lang=lang)))
        a((xe, PROV + "wasDerivedFrom", span(t)))
    for s, p_, o in triples:
        obj = _n(o) if isinstance(o, str) else o
        yield ox.Quad(_n(s), _n(p_), obj, g)


# --- the runs -------------------------------------------------------------------------------


def cases(data: Synthetic) -> list[tuple[str, dict[str, str]]]:
    """One run per library query (two for the word/concept search), with parameters that
    find something in the synthetic graph."""
    most_cited = max(
        (s for s in data.cited_count if s.startswith(("MC.", "PC."))),
        key=lambda s: data.cited_count[s],
    )
    recent = data.symbols[-1]
    middle = data.symbols[len(data.symbols) // 2]
    wanted = {
        "citations-by-relation": {"decision": middle},
        "asked-of-actor": {"actor": "ODIHR"},
        "theme-commitments": {"theme": "trafficking"},
        "cited-by": {"instrument": most_cited},
        "lineage": {"decision": recent},
        "strength-over-years": {"topic": "trafficking"},
        "interpretative-statements": {"delegation": "Holy See"},
        "paragraph-provenance": {"decision": middle},
    }
    out: list[tuple[str, dict[str, str]]] = []
    for name, q in library().items():
        params = dict(wanted.get(name, {}))
        for p in q.params:
            if p.required and p.name not in params:
                params[p.name] = q.examples[0].split("=", 1)[1] if q.examples else ""
        out.append((name, params))
        if name == "theme-commitments":
            out.append((name, {"theme": "cgid:actor/ODIHR"}))
    return out


def _time(fn: Callable[[], Any], repeat: int) -> tuple[list[float], Any]:
    times, last = [], None
    for _ in range(repeat):
        gc.collect()
        t = time.perf_counter()
        last = fn()
        times.append(time.perf_counter() - t)
    return times, last


def _rdflib_child(conn: Any, ds: Any, text: str, bindings: dict[str, Any], repeat: int) -> None:
    for _ in range(repeat):
        t = time.perf_counter()
        result = run_query(ds, text, bindings)
        conn.send((time.perf_counter() - t, len(result)))
    conn.close()


def time_rdflib(
    ds: Any, q: LibraryQuery, bindings: dict[str, Any], repeat: int, timeout: float
) -> tuple[list[float], int | None, bool]:
    """Times of ``repeat`` runs in a forked child; stops at the first run over ``timeout``."""
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_rdflib_child, args=(child, ds, q.text, bindings, repeat))
    proc.start()
    child.close()
    times: list[float] = []
    rows: int | None = None
    timed_out = False
    for _ in range(repeat):
        if not parent.poll(timeout):
            timed_out = True
            break
        try:
            seconds, rows = parent.recv()
        except EOFError:
            break
        times.append(seconds)
    if proc.is_alive():
        proc.kill()
    proc.join()
    return times, rows, timed_out


def _version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "?"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f}" if seconds < 10 else f"{seconds * 1000:,.0f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--triples", type=int, default=1_000_000, help="size of the graph")
    ap.add_argument("--repeat", type=int, default=5, help="runs per query (Oxigraph)")
    ap.add_argument("--rdflib-repeat", type=int, default=3, help="runs per query (rdflib)")
    ap.add_argument(
        "--rdflib-timeout",
        type=float,
        default=120.0,
        help="seconds an rdflib run may take before it is stopped",
    )
    ap.add_argument("--no-rdflib", action="store_true", help="time Oxigraph only")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)

    t = time.perf_counter()
    data = synthetic_graph(args.triples, args.seed)
    gen_s = time.perf_counter() - t
    n_quads = data.triples
    print(
        f"generated {data.triples:,} quads ({len(data.symbols):,} decisions) in {gen_s:.1f} s",
        flush=True,
    )

    store = ox.Store()
    t = time.perf_counter()
    store.bulk_extend(data.quads)
    merge_named_graphs(store)  # what commitgraph.query.open_graph does
    ox_load = time.perf_counter() - t
    distinct = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    print(
        f"oxigraph: loaded and merged in {ox_load:.1f} s; {data.triples:,} quads, "
        f"{distinct:,} distinct triples",
        flush=True,
    )

    runs = cases(data)
    lib = library()
    ox_times: dict[int, tuple[list[float], int]] = {}
    for k, (name, params) in enumerate(runs):
        bindings = bind_params(lib[name], params)
        times, result = _time(
            lambda b=bindings, n=name: run_query(store, lib[n].text, b), args.repeat
        )
        ox_times[k] = (times, len(result))
        print(
            f"  oxigraph {name} {params}: {_ms(statistics.median(times))} ms, {len(result)} rows",
            flush=True,
        )

    rl_times: dict[int, tuple[list[float], int | None, bool]] = {}
    rl_load = None
    if not args.no_rdflib:
        import rdflib

        nquads = ox.serialize(data.quads, format=ox.RdfFormat.N_QUADS)
        del store
        data.quads.clear()
        gc.collect()
        t = time.perf_counter()
        ds = rdflib.Dataset(default_union=True)
        ds.parse(data=nquads, format="nquads")
        rl_load = time.perf_counter() - t
        del nquads
        gc.collect()
        print(f"rdflib: loaded in {rl_load:.1f} s", flush=True)
        for k, (name, params) in enumerate(runs):
            bindings = bind_params(lib[name], params)
            times, rows, timed_out = time_rdflib(
                ds, lib[name], bindings, args.rdflib_repeat, args.rdflib_timeout
            )
            rl_times[k] = (times, rows, timed_out)
            shown = (
                f"> {args.rdflib_timeout:g} s"
                if timed_out and not times
                else f"{_ms(statistics.median(times))} ms"
            )
            print(f"  rdflib {name}: {shown}", flush=True)

    print()
    print(
        f"Query library on {distinct:,} triples ({n_quads:,} quads, "
        f"{len(data.symbols):,} decisions); median of {args.repeat} (Oxigraph) / "
        f"{args.rdflib_repeat} (rdflib) runs; Python {sys.version.split()[0]}, "
        f"pyoxigraph {_version('pyoxigraph')}, rdflib {_version('rdflib')}, "
        f"{os.cpu_count()} CPUs"
    )
    print()
    header = "| query | parameters | rows | Oxigraph ms | rdflib ms | rdflib / Oxigraph |"
    print(header)
    print("|---|---|---:|---:|---:|---:|")
    for k, (name, params) in enumerate(runs):
        ox_t, ox_rows = ox_times[k]
        ox_med = statistics.median(ox_t)
        rl_cell, ratio = "—", "—"
        if k in rl_times:
            rl_t, rl_rows, timed_out = rl_times[k]
            if rl_t and not (timed_out and len(rl_t) < 1):
                rl_med = statistics.median(rl_t)
                rl_cell = _ms(rl_med)
                ratio = f"{rl_med / ox_med:,.0f}x" if ox_med > 0 else "—"
                if rl_rows is not None and rl_rows != ox_rows:
                    rl_cell += f" ({rl_rows} rows!)"
            else:
                rl_cell = f"> {args.rdflib_timeout * 1000:,.0f}"
                ratio = f"> {args.rdflib_timeout / ox_med:,.0f}x"
        shown = ", ".join(f"{k2}={v}" for k2, v in params.items()) or "—"
        print(f"| {name} | {shown} | {ox_rows} | {_ms(ox_med)} | {rl_cell} | {ratio} |")
    print()
    print(f"load: Oxigraph {ox_load:.1f} s" + (f", rdflib {rl_load:.1f} s" if rl_load else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
