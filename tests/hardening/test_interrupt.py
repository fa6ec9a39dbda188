"""A build that is stopped loses nothing and leaves nothing half-written.

The scene: a successful build of a 300-document synthetic corpus into ``--out`` and
``--store``; then some documents change and the next build is stopped while it works,
by SIGKILL, SIGINT (Ctrl-C) or SIGTERM (``kill``, a service manager, a CI timeout). After
the stop: graph.ttl, graph.trig, validation.ttl and report.md are byte for byte those of
the earlier build; the store opens and answers queries, and each of its document graphs
is the old version or the new one, whole; no worker process is left behind; and running
the same command again completes with exactly the graph a clean build gives.

The stop is made to land mid-run, not by a timer: the build runs with ``--progress``,
which prints plain progress lines when stderr is not a terminal, and the signal is sent
when one appears (most of the 100 changed documents then remain to be stored). Stops
during the writing of the outputs are made deterministic by a hook that kills the build,
or raises KeyboardInterrupt, from inside the serialiser.
"""

from __future__ import annotations

import ast
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest

import commitgraph.build
from commitgraph.build import GRAPH_TRIG, GRAPH_TTL, MANIFEST, REPORT_MD, VALIDATION_TTL
from commitgraph.cli import cli
from commitgraph.cli._common import run_cli
from tests.helpers import ROOT

pytestmark = pytest.mark.slow

OUTPUTS = (GRAPH_TTL, GRAPH_TRIG, VALIDATION_TTL, REPORT_MD)
CHANGED = 100  # documents edited between the two builds: enough left to interrupt
DOCS = 300
FIRST_PROGRESS_WITHIN = 120.0  # seconds; startup and the first document take ~5


@dataclass(frozen=True)
class Scene:
    corpus: Path  # the inputs, already in their second (edited) state
    out: Path  # outputs of the first, successful build (a pristine copy)
    store: Path  # its store (a pristine copy, closed)
    before: dict[str, bytes]  # the first build's outputs, by name
    reference: Path  # outputs of a clean build of the edited corpus


def _command(*args: str) -> list[str]:
    return [sys.executable, "-c", "from commitgraph.cli import main; main()", *args]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        _command(*args), capture_output=True, text=True, timeout=600, cwd=ROOT, check=False
    )


def _build_args(corpus: Path, out: Path, store: Path | None) -> list[str]:
    args = ["build", str(corpus), "--out", str(out), "--no-pictures", "--workers", "2"]
    if store is not None:
        args += ["--store", str(store), "--export"]
    return args


@pytest.fixture(scope="module")
def scene(tmp_path_factory: pytest.TempPathFactory) -> Scene:
    root = tmp_path_factory.mktemp("interrupt")
    assert run_cli(cli, ["synth", "--docs", str(DOCS), "--out", str(root / "synth")]) == 0
    corpus = root / "synth" / "decisions"
    out, store = root / "pristine-out", root / "pristine-store"
    first = _run(*_build_args(corpus, out, store))
    assert first.returncode == 0, first.stderr
    before = {name: (out / name).read_bytes() for name in OUTPUTS}
    # The corpus changes: a few files are edited (a trailing line end is enough to give
    # them a new hash, so the next build re-extracts and replaces them).
    for path in sorted(corpus.iterdir())[:: DOCS // CHANGED][:CHANGED]:
        with path.open("a", encoding="utf-8") as handle:
            handle.write("\n")
    reference = root / "reference"
    clean = _run(*_build_args(corpus, reference, None))
    assert clean.returncode == 0, clean.stderr
    return Scene(corpus, out, store, before, reference)


def _copy_state(scene: Scene, where: Path) -> tuple[Path, Path]:
    out, store = where / "out", where / "store"
    shutil.copytree(scene.out, out)
    shutil.copytree(scene.store, store)
    return out, store


def _start(args: list[str]) -> subprocess.Popen[str]:
    """The build in its own process group, so that its workers can be found afterwards."""
    return subprocess.Popen(
        _command(*args, "--progress"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        start_new_session=True,
        # A test run started in the background inherits SIGINT ignored, and Python then
        # keeps ignoring it: give the build the disposition a terminal would.
        preexec_fn=_default_sigint,
    )


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _wait_for_progress(proc: subprocess.Popen[str], at_least: int = 1) -> str:
    """Block until the build reports ``at_least`` processed documents; return the line."""
    assert proc.stderr is not None
    deadline = time.monotonic() + FIRST_PROGRESS_WITHIN
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if line.startswith("extracting: ") and int(line.split()[1].split("/")[0]) >= at_least:
            return line
        if not line and proc.poll() is not None:
            raise AssertionError(f"the build ended before any progress (code {proc.returncode})")
    raise AssertionError("no progress line in time")


def _group_gone(pgid: int, within: float = 10.0) -> bool:
    """Whether every process of the build's group (workers included) has exited."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


def _graphs(store: ox.Store) -> dict[str, set[ox.Quad]]:
    out: dict[str, set[ox.Quad]] = {}
    for q in store.quads_for_pattern(None, None, None, None):
        if isinstance(q.graph_name, ox.NamedNode):
            out.setdefault(q.graph_name.value, set()).add(q)
    return out


def _trig_graphs(path: Path) -> dict[str, set[ox.Quad]]:
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.TRIG)
    return _graphs(store)


def _assert_outputs_untouched(scene: Scene, out: Path) -> None:
    for name in OUTPUTS:
        assert (out / name).read_bytes() == scene.before[name], f"{name} was changed"


def _assert_store_usable(store_path: Path) -> ox.Store:
    """Opens read-write (so no lock was left), answers a query, holds every document."""
    store = ox.Store(str(store_path))
    rows = list(store.query("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"))
    assert int(rows[0]["n"].value) >= DOCS  # type: ignore[index]
    return store


def _assert_rerun_completes(scene: Scene, out: Path, store: Path) -> None:
    """The same command again: success, and exactly the graph of a clean build."""
    again = _run(*_build_args(scene.corpus, out, store))
    assert again.returncode == 0, again.stderr
    for name in (GRAPH_TTL, GRAPH_TRIG):
        assert (out / name).read_bytes() == (scene.reference / name).read_bytes(), name
    assert not list(out.glob(".*")), "temporary files left in the output folder"


# --- stopped while working --------------------------------------------------------------


def test_sigkill_mid_run_loses_nothing(scene: Scene, tmp_path: Path) -> None:
    out, store = _copy_state(scene, tmp_path)
    proc = _start(_build_args(scene.corpus, out, store))
    done, total = map(int, _wait_for_progress(proc, at_least=2).split()[1].split("/"))
    assert done < total  # mid-run: some documents are stored, others not yet
    os.killpg(proc.pid, signal.SIGKILL)
    assert proc.wait(30) == -signal.SIGKILL
    assert _group_gone(proc.pid)
    _assert_outputs_untouched(scene, out)
    # Every document graph in the store is one version or the other, whole.
    db = _assert_store_usable(store)
    old = _graphs(ox.Store.read_only(str(scene.store)))
    new = _trig_graphs(scene.reference / GRAPH_TRIG)
    now = _graphs(db)
    assert set(now) == set(old) == set(new)
    mixed = [g for g in now if now[g] != old[g] and now[g] != new[g]]
    assert not mixed, mixed[:3]
    del db  # release the lock for the re-run
    _assert_rerun_completes(scene, out, store)


def test_a_killed_parent_takes_its_workers_with_it(scene: Scene, tmp_path: Path) -> None:
    """SIGKILL to the build alone (not its group): the workers notice and exit."""
    out, store = _copy_state(scene, tmp_path)
    proc = _start(_build_args(scene.corpus, out, store))
    _wait_for_progress(proc)
    proc.kill()
    assert proc.wait(30) == -signal.SIGKILL
    assert _group_gone(proc.pid), "worker processes outlived the killed build"
    _assert_outputs_untouched(scene, out)
    _assert_store_usable(store)


@pytest.mark.parametrize(
    ("sig", "group"),
    [(signal.SIGINT, False), (signal.SIGINT, True), (signal.SIGTERM, False)],
    ids=["SIGINT", "Ctrl-C to the group", "SIGTERM"],
)
def test_interrupt_mid_run_stops_cleanly(
    scene: Scene, tmp_path: Path, sig: int, group: bool
) -> None:
    out, store = _copy_state(scene, tmp_path)
    proc = _start(_build_args(scene.corpus, out, store))
    _wait_for_progress(proc)
    started = time.monotonic()
    if group:  # what a terminal does on Ctrl-C: the workers get it too
        os.killpg(proc.pid, sig)
    else:  # what `kill PID` does
        proc.send_signal(sig)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert time.monotonic() - started < 10, "stopping took too long"
    assert _group_gone(proc.pid)
    # click ends the line a terminal's "^C" was echoed on with an empty one; beyond it,
    # the progress lines and one line saying what to do.
    lines = [line for line in stderr.splitlines() if line and not line.startswith("extracting: ")]
    assert lines == [
        "interrupted: no output was left half-written; re-run the same command to resume"
    ]
    _assert_outputs_untouched(scene, out)
    _assert_store_usable(store)


# --- stopped while writing the outputs --------------------------------------------------

# Run as ``python -c``: the build, with a serialiser that signals its own process on the
# given call (a real signal, at a known point of the write phase).
_KILL_IN_SERIALISER = """
import os, signal, sys
import commitgraph.build as build
real, calls = build.serialize_store, []
def serialize_store(*args, **kwargs):
    calls.append(1)
    if len(calls) == {when}:  # graph.trig is staged, graph.ttl is being written
        os.kill(os.getpid(), signal.SIG{sig})
    return real(*args, **kwargs)
build.serialize_store = serialize_store
from commitgraph.cli._common import run_cli
from commitgraph.cli import cli
sys.exit(run_cli(cli, sys.argv[1:]))
"""


def test_killed_while_writing_outputs(scene: Scene, tmp_path: Path) -> None:
    out, store = _copy_state(scene, tmp_path)
    code = _KILL_IN_SERIALISER.replace("{when}", "2").replace("{sig}", "KILL")
    run = subprocess.run(
        [sys.executable, "-c", code, *_build_args(scene.corpus, out, store)],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
        check=False,
    )
    assert run.returncode == -signal.SIGKILL, run.stderr
    _assert_outputs_untouched(scene, out)
    assert not list(out.glob("*.tmp")), "a temporary file sits beside the outputs"
    # Nothing runs after SIGKILL: the staging folder, with graph.trig in it, stays ...
    (staged,) = out.glob(f"{commitgraph.build.STAGING_PREFIX}*")
    assert (staged / GRAPH_TRIG).exists()
    _assert_store_usable(store)
    # ... until the next build, which removes it (its process is gone) and completes.
    _assert_rerun_completes(scene, out, store)


def test_interrupt_between_outputs_in_process(
    scene: Scene, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C after graph.trig is complete but before graph.ttl is: neither is replaced
    (graph.trig alone would then belong to another build than graph.ttl and report.md)."""
    out, store = _copy_state(scene, tmp_path)
    real = commitgraph.build.serialize_store
    calls: list[str] = []

    def serialize_store(db, fmt):  # type: ignore[no-untyped-def]
        calls.append(fmt)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(db, fmt)

    monkeypatch.setattr(commitgraph.build, "serialize_store", serialize_store)
    assert run_cli(cli, _build_args(scene.corpus, out, store)) == 130
    assert calls == ["trig", "turtle"]
    _assert_outputs_untouched(scene, out)
    assert not list(out.glob(".*")), "the staging folder was not removed"
    manifest = (store / MANIFEST).read_bytes()
    assert manifest == (scene.store / MANIFEST).read_bytes(), "manifest written too early"


# --- how outputs are written -------------------------------------------------------------


def test_build_writes_files_only_through_write_atomic() -> None:
    """No call in build.py opens a file for writing or writes one in place; everything
    goes through write_atomic (a temporary file, then a rename) into the staging folder."""
    tree = ast.parse(Path(commitgraph.build.__file__).read_text(encoding="utf-8"))
    offenders = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name in {"write_text", "write_bytes", "savefig", "copyfile", "copy"}:
            offenders.append((node.lineno, name))
        # Store.dump() with no output returns bytes; with one, it writes a file in place.
        if name == "dump" and (node.args or any(k.arg == "output" for k in node.keywords)):
            offenders.append((node.lineno, name))
        if name == "open" and isinstance(func, (ast.Attribute, ast.Name)):
            modes = [a.value for a in node.args if isinstance(a, ast.Constant)]
            modes += [k.value.value for k in node.keywords if isinstance(k.value, ast.Constant)]
            flags = [a for a in node.args if isinstance(a, ast.Attribute)]
            writing = any(isinstance(m, str) and set(m) & set("wax+") for m in modes)
            if writing or any(f.attr != "O_RDONLY" for f in flags):
                offenders.append((node.lineno, name))
    assert not offenders, offenders
