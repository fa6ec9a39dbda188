"""Word ingest: paragraphs, table cells and footnotes; non-Word zips refused."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from commitgraph.errors import InputError
from commitgraph.ingest import read_source
from tests.factories.badinput import FOOTNOTE_TEXT, FRENCH, GERMAN, RUSSIAN, flatten


def test_docx_round_trip(build: Callable[[str], Path]) -> None:
    source = read_source(build("docx"))
    assert (source.format, source.encoding) == ("docx", None)
    for line in (FRENCH + RUSSIAN).splitlines():
        assert line in source.text.splitlines() or line + "1" in source.text.splitlines()
    assert flatten(GERMAN) in flatten(source.text)


def test_docx_paragraphs_stay_separate(build: Callable[[str], Path]) -> None:
    text = read_source(build("docx")).text
    assert "Le Conseil ministériel,\n\nRéaffirmant" in text
    assert "Совет министров,\n\nвновь подтверждая" in text


def test_docx_table_cells_are_included(build: Callable[[str], Path]) -> None:
    text = read_source(build("docx")).text
    assert text.startswith("MC.DEC/7/17\n\n8 décembre 2017\n\n")
    assert "\n\nBESCHLUSS Nr. 7/17\n\n" in text


def test_docx_footnote_marker_and_body(build: Callable[[str], Path]) -> None:
    text = read_source(build("docx")).text
    assert "LA TRAITE DES ENFANTS1\n" in text  # the reference, glued as in print
    assert text.rstrip("\n").endswith("\n1 " + FOOTNOTE_TEXT)
    assert text.count(FOOTNOTE_TEXT) == 1


@pytest.mark.parametrize("name", ["docx_renamed_zip", "docx_spreadsheet"])
def test_zip_that_is_not_word_is_refused(build: Callable[[str], Path], name: str) -> None:
    with pytest.raises(InputError) as caught:
        read_source(build(name))
    message = caught.value.message
    assert message.startswith("not a valid Word .docx file (")
    assert "BytesIO" not in message  # the cause, not python-docx's internals
