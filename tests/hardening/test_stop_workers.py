"""Stopping the worker pool when a worker dies in the middle of sending its result.

The executor's thread reads results from a pipe; a worker killed halfway through writing
one leaves it waiting for the rest. ``_stop_workers`` must not hang there (it did: one
Ctrl-C in four on an incremental build, whose results carry their triples).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# A worker that dies having written the start of a result: the length of a 1 MB message
# and ten bytes of it, written to the result pipe it inherited (as a SIGKILL in the middle
# of a real send leaves it).
_SCENARIO = textwrap.dedent(
    """
    import multiprocessing, os, struct, sys, time
    from concurrent.futures import ProcessPoolExecutor
    from commitgraph.build import _stop_workers

    def half_sent(marker):
        pipe = pool._result_queue._writer
        os.write(pipe.fileno(), struct.pack("!i", 1 << 20) + b"x" * 10)
        open(marker, "w").close()
        time.sleep(60)

    if __name__ == "__main__":
        marker = sys.argv[1]
        pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
        future = pool.submit(half_sent, marker)
        while not os.path.exists(marker):
            time.sleep(0.01)
        time.sleep(0.3)  # the executor's thread is now waiting for the rest
        _stop_workers(pool)
        print("stopped", future.done())
    """
)


def test_a_worker_killed_mid_send_does_not_hang_the_stop(tmp_path: Path) -> None:
    script = tmp_path / "scenario.py"
    script.write_text(_SCENARIO, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, str(script), str(tmp_path / "started")],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("stopped"), run.stdout
