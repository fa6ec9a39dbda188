"""Every refused input raises InputError with one line that names the cause."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from commitgraph import ingest
from commitgraph.errors import InputError
from commitgraph.ingest import iter_sources, read_source
from tests.factories.badinput import BAD_INPUTS, make_html, make_text


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_refused_with_a_one_line_cause(tmp_path: Path, name: str) -> None:
    builder, cause = BAD_INPUTS[name]
    path = builder(tmp_path)
    with pytest.raises(InputError) as caught:
        read_source(path)
    error = caught.value
    assert cause in error.message
    assert "\n" not in str(error)
    assert error.path == path
    assert str(error).startswith(str(path))
    assert error.exit_code == 3


def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        read_source(fifo)


def test_unexpected_parser_failure_becomes_an_input_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(raw: bytes) -> tuple[str, str | None]:
        raise RecursionError("maximum recursion depth exceeded\nwhile parsing")

    monkeypatch.setitem(ingest._READERS, "html", explode)
    path = make_html(tmp_path)
    results = list(iter_sources([path, make_text(tmp_path)]))
    assert isinstance(results[0], InputError)
    assert results[0].message == (
        "cannot read this html file "
        "(RecursionError: maximum recursion depth exceeded while parsing)"
    )
    assert isinstance(results[0].__cause__, RecursionError)
    assert not isinstance(results[1], InputError)
