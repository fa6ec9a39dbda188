"""The wheel carries the ontology, vocabularies, shapes, queries and sample corpus, and an
installed copy finds them without the source checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.helpers import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(ROOT),
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (whl,) = out.glob("commitgraph-*.whl")
    return whl


def test_wheel_contains_the_data_folders(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    for part in (
        "ontology/commitgraph.ttl",
        "ontology/vocab/actions.ttl",
        "shapes/commitgraph.shacl.ttl",
        "examples/corpus/MC.DEC.7.17.fr.txt",
    ):
        assert f"commitgraph/_data/{part}" in names, part
    assert any(n.startswith("commitgraph/_data/queries/") and n.endswith(".rq") for n in names)
    assert "commitgraph/py.typed" in names


def test_installed_copy_extracts_without_the_checkout(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from pathlib import Path;"
        "import commitgraph.resources as r;"
        "assert '_data' in str(r.data_dir('ontology')), r.data_dir('ontology');"
        "from commitgraph.build import sample_corpus;"
        "from commitgraph.extract import extract_file;"
        "rec = extract_file(sample_corpus() / 'MC.DEC.7.17.fr.txt');"
        "print(rec.symbol, len(rec.operative))"
    )
    env_cache = {"COMMITGRAPH_CACHE": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-I", "-c", code, str(target)],
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
        env=env_cache,
    )
    assert out.stdout.split() == ["MC.DEC/7/17", "13"]
