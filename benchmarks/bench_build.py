"""Build throughput and validation cost: commitgraph's build against plain rdflib + pyshacl.

* ``commitgraph``: the real ``build`` — worker processes, an Oxigraph store, the SHACL
  shapes compiled to SPARQL over the store, deterministic Turtle and TriG;
* ``plain``: the straightforward path — extract, add every record's triples to one rdflib
  Graph, run pySHACL once on the whole graph, serialise it with rdflib's Turtle writer.

Totals include extraction in both. Each variant runs in its own process so that its
peak memory (ru_maxrss, main process) is its own.

    python -m benchmarks.bench_build [--docs 100] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def default_corpus(docs: int, workdir: Path) -> Path:
    """A synthetic corpus of ``docs`` decisions (falls back to the fixtures if the
    generator is not available)."""
    try:
        from commitgraph.synth import write_corpus
    except ImportError:
        return ROOT / "tests" / "fixtures" / "decisions"
    out = workdir / f"synth-{docs}"
    write_corpus(out, docs, seed=7)
    return out / "decisions"


def _records(corpus: Path):  # type: ignore[no-untyped-def]
    from commitgraph.pipeline import extract_paths

    t = time.perf_counter()
    result = extract_paths([corpus])
    return result.records, time.perf_counter() - t


def run_variant(variant: str, corpus: Path, out: Path) -> dict[str, float]:
    records, extract_s = _records(corpus)
    stats: dict[str, float] = {"documents": len(records), "extract_s": extract_s}
    if variant == "commitgraph":
        # The real build: mapping, loading, SHACL shapes compiled to SPARQL over the store,
        # deterministic Turtle and TriG (records re-extracted inside, timed apart).
        from commitgraph.build import build

        t = time.perf_counter()
        report = build([corpus], out, pictures=False)
        total = time.perf_counter() - t
        stats["map_s"] = report.cpu.get("map", 0.0) + report.cpu.get("serialise", 0.0)
        stats["load_s"] = report.stages.get("load", 0.0) + report.stages.get("context", 0.0)
        stats["validate_s"] = report.stages.get("validate", 0.0)
        stats["serialise_s"] = report.stages.get("write", 0.0)
        stats["build_wall_s"] = total
        stats["triples"] = report.triples
        violations = report.violations
    else:
        import pyshacl
        import rdflib

        from commitgraph.rdf.io import to_rdflib
        from commitgraph.rdf.mapping import map_record
        from commitgraph.validate import shapes_graph, support_triples

        t = time.perf_counter()
        g = rdflib.Graph()
        for r in records:
            g += to_rdflib(map_record(r).triples)
        stats["map_s"] = time.perf_counter() - t
        for triple in support_triples(g):
            g.add(triple)
        t = time.perf_counter()
        conforms, _report, _text = pyshacl.validate(
            g, shacl_graph=shapes_graph(), advanced=True, inference="none"
        )
        stats["validate_s"] = time.perf_counter() - t
        violations = 0 if conforms else -1
        t = time.perf_counter()
        g.serialize(out / "graph.ttl", format="turtle")
        stats["serialise_s"] = time.perf_counter() - t
        stats["triples"] = len(g)
    stats["violations"] = violations
    stats["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    stats["total_s"] = (
        stats.pop("build_wall_s", None)
        or sum(v for k, v in stats.items() if k.endswith("_s") and k != "extract_s")
        + stats["extract_s"]
    )
    return stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument(
        "--variant", choices=["commitgraph", "plain"], default=None, help=argparse.SUPPRESS
    )
    parser.add_argument("--out", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.variant:  # child process
        print(json.dumps(run_variant(args.variant, args.corpus, args.out)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        corpus = args.corpus or default_corpus(args.docs, Path(tmp))
        results = {}
        for variant in ("commitgraph", "plain"):
            out = Path(tmp) / variant
            out.mkdir()
            proc = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "benchmarks.bench_build",
                    "--variant",
                    variant,
                    "--corpus",
                    str(corpus),
                    "--out",
                    str(out),
                ],
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
            )
            results[variant] = json.loads(proc.stdout.strip().splitlines()[-1])
    ours, plain = results["commitgraph"], results["plain"]
    print(
        f"build of {ours['documents']:.0f} documents ({ours['triples']:.0f} triples), "
        "same extracted records for both"
    )
    print(f"{'stage':<14}{'commitgraph':>14}{'plain rdflib':>14}{'ratio':>9}")
    for key in ("validate_s", "serialise_s", "total_s"):
        ratio = plain[key] / ours[key] if ours[key] else float("inf")
        print(f"{key[:-2]:<14}{ours[key]:>13.2f}s{plain[key]:>13.2f}s{ratio:>8.1f}x")
    print(
        f"{'peak memory':<14}{ours['peak_rss_mb']:>12.0f}MB{plain['peak_rss_mb']:>12.0f}MB"
        f"{plain['peak_rss_mb'] / ours['peak_rss_mb']:>8.1f}x"
    )
    docs_s = ours["documents"] / ours["total_s"]
    print(
        f"throughput: {docs_s:.1f} documents/s, {ours['triples'] / ours['total_s']:.0f} "
        f"triples/s (commitgraph, extraction included: {ours['extract_s']:.2f}s)"
    )


if __name__ == "__main__":
    main()
