"""HTML ingest: visible text only, block elements as breaks, no recursion on deep nesting."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from commitgraph.ingest import read_source
from tests.factories.badinput import FRENCH, GERMAN, RUSSIAN, make_html_deep


def test_html_round_trip(build: Callable[[str], Path]) -> None:
    source = read_source(build("html"))
    assert (source.format, source.encoding) == ("html", "utf-8")
    assert source.text.split("\n\n") == [
        "MC.DEC/7/17\n8 décembre 2017",  # <br> is a line break inside the block
        "DÉCISION N° 7/17",
        "Le Conseil ministériel,",  # inline <b> does not break the line
        # the source's own line wrapping inside <p> is just a space
        "Réaffirmant la Décision n° 13/04 sur les besoins spéciaux des enfants victimes "
        "de la traite, adoptée à Sofia,",
        "РЕШЕНИЕ № 7/17",
        "Совет министров, вновь подтверждая решение № 13/04,",
        "BESCHLUSS Nr. 7/17",
        "Der Ministerrat – größere Anstrengungen",
    ]


def test_html_drops_scripts_styles_head_and_comments(build: Callable[[str], Path]) -> None:
    text = read_source(build("html")).text
    for hidden in ("script text", "document.write", "color", "Titre de la page", "comment"):
        assert hidden not in text


def test_html_declared_legacy_charset(build: Callable[[str], Path]) -> None:
    source = read_source(build("html_cp1251"))
    assert source.encoding == "cp1251"
    assert source.text.split("\n\n") == RUSSIAN.splitlines()


def test_html_without_declared_charset_is_detected(build: Callable[[str], Path]) -> None:
    source = read_source(build("html_undeclared_cp1252"))
    assert source.encoding == "cp1252"
    assert source.text.split("\n\n") == (FRENCH + GERMAN).splitlines()


@pytest.mark.timeout(120)
def test_deeply_nested_html_does_not_recurse(tmp_path: Path) -> None:
    path = make_html_deep(tmp_path, depth=100_000)
    started = time.perf_counter()
    source = read_source(path)  # a RecursionError would surface as an error here
    assert time.perf_counter() - started < 60
    assert source.text == "Décision profonde\n\nAprès"
