"""Run every benchmark at a small size (``make bench``); each one's own command line
takes the full sizes (see its docstring)."""

from __future__ import annotations

import subprocess
import sys

SMALL = [
    ["benchmarks.bench_extract", "--repeat", "5"],
    ["benchmarks.bench_build", "--docs", "100"],
    ["benchmarks.bench_queries", "--triples", "200000"],
    ["benchmarks.bench_network", "--nodes", "10000"],
    ["benchmarks.bench_scale", "--sizes", "300"],
    ["benchmarks.bench_push", "--docs", "100"],
]


def main() -> None:
    failed = 0
    for module, *args in SMALL:
        print(f"\n##### python -m {module} {' '.join(args)}", flush=True)
        failed += subprocess.run([sys.executable, "-m", module, *args]).returncode != 0
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
