"""Extraction speed: milliseconds per decision on one core.

Runs every bundled and fixture decision through clean → segment → extract, in this process
(one core), after one warm-up pass that compiles the vocabulary's matchers; then reports
the median and worst per-document time, and separately the cold start of a fresh process
(reading the vocabulary and compiling the matchers for one language).

    python -m benchmarks.bench_extract [--repeat 20]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def corpus() -> list[Path]:
    paths = sorted((ROOT / "tests" / "fixtures" / "decisions").glob("*.txt"))
    paths += sorted((ROOT / "examples" / "corpus").glob("*.txt"))
    return paths


def run(repeat: int = 20) -> dict[str, float]:
    from commitgraph.extract import extract_text
    from commitgraph.ingest import read_source

    sources = [read_source(p) for p in corpus()]
    for s in sources:  # warm-up: lexicon, matchers, regex caches
        extract_text(s)
    per_doc: list[float] = []
    for _ in range(repeat):
        for s in sources:
            t = time.perf_counter()
            extract_text(s)
            per_doc.append((time.perf_counter() - t) * 1000)
    cold = subprocess.run(
        [
            sys.executable,
            "-c",
            "import time; t=time.perf_counter();"
            "from commitgraph.ingest import read_source;"
            "from commitgraph.extract import extract_text;"
            f"extract_text(read_source(__import__('pathlib').Path({str(sources[0].path)!r})));"
            "print((time.perf_counter()-t)*1000)",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return {
        "documents": len(sources),
        "median_ms": statistics.median(per_doc),
        "p95_ms": statistics.quantiles(per_doc, n=20)[18],
        "max_ms": max(per_doc),
        "cold_start_ms": float(cold.stdout.strip().splitlines()[-1]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    r = run(args.repeat)
    print(
        f"extraction of one decision, one core ({r['documents']:.0f} decisions "
        f"x {args.repeat} runs)"
    )
    print(f"  median  {r['median_ms']:7.1f} ms")
    print(f"  p95     {r['p95_ms']:7.1f} ms")
    print(f"  worst   {r['max_ms']:7.1f} ms")
    print(
        f"  cold start of a new process (vocabulary + matchers + one decision): "
        f"{r['cold_start_ms']:.0f} ms"
    )
    print(
        f"  target: well under 50 ms per decision -> "
        f"{'met' if r['median_ms'] < 50 else 'NOT met'} (median / 50 ms = "
        f"{r['median_ms'] / 50:.2f})"
    )


if __name__ == "__main__":
    main()
