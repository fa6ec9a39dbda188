"""Symbol and date parsers: tables of real forms plus property tests."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commitgraph.parsers import decision_symbol, parse_date, parse_symbol
from commitgraph.vocab import lexicon


@pytest.mark.parametrize(
    ("printed", "work", "corr"),
    [
        ("MC.DEC/7/17/Corr.1", "MC.DEC/7/17", "1"),
        ("MC.DEC/13/04", "MC.DEC/13/04", None),
        ("PC.DEC/557/Rev.1", "PC.DEC/557/Rev.1", None),
        ("PC.DEC/1107/Corr.1", "PC.DEC/1107", "1"),
        ("MC(8).DEC/1", "MC(8).DEC/1", None),
        ("MC.DOC/1/11", "MC.DOC/1/11", None),
    ],
)
def test_symbol_table(printed: str, work: str, corr: str | None) -> None:
    sym = parse_symbol(printed)
    assert sym is not None
    assert sym.work == work
    assert sym.corr == corr
    assert sym.printed == printed


def test_symbol_inside_text_and_not_inside_words() -> None:
    assert parse_symbol("see MC.DEC/13/04, adopted in Sofia").work == "MC.DEC/13/04"  # type: ignore[union-attr]
    assert parse_symbol("XMC.DEC/13/04") is None


symbols = st.builds(
    lambda body, num, year, corr, rev: (body, num, year, corr, rev),
    st.sampled_from(["MC", "PC", "FSC"]),
    st.integers(1, 1999),
    st.one_of(st.none(), st.integers(0, 99)),
    st.one_of(st.none(), st.integers(1, 9)),
    st.one_of(st.none(), st.integers(1, 9)),
)


@given(symbols)
def test_symbol_round_trip(parts: tuple) -> None:
    body, num, year, corr, rev = parts
    printed = f"{body}.DEC/{num}" + (f"/{year:02d}" if year is not None else "")
    if rev:
        printed += f"/Rev.{rev}"
    if corr:
        printed += f"/Corr.{corr}"
    sym = parse_symbol(printed)
    assert sym is not None
    assert sym.printed == printed
    assert "Corr" not in sym.work
    assert (sym.corrected is not None) == bool(corr)


@given(st.text(max_size=300))
def test_symbol_parser_never_raises(text: str) -> None:
    parse_symbol(text)


def test_decision_symbol_from_number() -> None:
    assert decision_symbol("MC", "13/04") == "MC.DEC/13/04"
    assert decision_symbol("PC", "557", "/Rev.1") == "PC.DEC/557/Rev.1"
    assert decision_symbol("PC", "1107", "/Corr.1") == "PC.DEC/1107"


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("8 December 2017", "2017-12-08"),
        ("8 décembre 2017", "2017-12-08"),
        ("8 декабря 2017 года", "2017-12-08"),
        ("8. Dezember 2017", "2017-12-08"),
        ("8 de diciembre de 2017", "2017-12-08"),
        ("8 dicembre 2017", "2017-12-08"),
        ("December 8, 2017", "2017-12-08"),
        ("1er juillet 2005", "2005-07-01"),
    ],
)
def test_dates_in_six_languages(text: str, iso: str) -> None:
    assert parse_date(text, lexicon()) == iso


@given(st.text(max_size=200))
def test_date_parser_never_raises(text: str) -> None:
    result = parse_date(text, lexicon())
    assert result is None or len(result) == 10
