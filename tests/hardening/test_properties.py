"""Property and fuzz tests of the text stages: cleaner, segmenter, extractor, parsers.

Three promises are checked on generated input, because hand-picked examples only cover
the failures someone already thought of:

(a) whatever text comes in, the stages either return or raise one of the project's own
    errors (:class:`CommitgraphError`); anything else would be a traceback in a batch;
(b) every span a record reports slices back to the text it claims, in the cleaned text,
    and every cleaned character maps back to the raw text, so a quote in the graph can
    always be traced to the source;
(c) extraction does not depend on how the text was typed: extra spaces and tabs,
    trailing blanks, CRLF line ends, doubled blank lines, or the NFD form of the same
    text all give the same contract record.

Inputs are real fixture decisions mutated by hypothesis strategies (which mutation, where),
plus free text for the low-level parsers. Examples found to break a promise once are kept
below as explicit ``@example`` regressions.
"""

from __future__ import annotations

import os
import re
import unicodedata
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from commitgraph.clean import clean
from commitgraph.errors import CommitgraphError
from commitgraph.extract import extract_text
from commitgraph.model import Cleaned, DecisionRecord, SourceText, Span
from commitgraph.parsers import (
    decision_symbol,
    find_date,
    is_date_line,
    parse_date,
    parse_symbol,
)
from commitgraph.record import to_dict
from commitgraph.segment import segment
from commitgraph.vocab import LANGUAGES, lexicon
from tests.helpers import DECISIONS, fixture_texts

FIXTURES: tuple[Path, ...] = tuple(fixture_texts())
# A fixed, modest number of examples keeps `make test` fast and repeatable; set
# COMMITGRAPH_FUZZ_EXAMPLES=5000 for a long, randomised bug hunt.
_HUNT = int(os.environ.get("COMMITGRAPH_FUZZ_EXAMPLES", "0"))
SETTINGS = settings(
    max_examples=_HUNT or 150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=not _HUNT,
)


@cache
def fixture_text(path: Path) -> str:
    """The fixture as ingest hands it on (NFC, "\\n" line ends)."""
    from commitgraph.ingest import read_source

    return read_source(path).text


def source(text: str, name: str = "fuzz.txt") -> SourceText:
    """A SourceText built directly, as a test of extraction alone (no file involved)."""
    return SourceText(path=Path(name), text=text, format="text", encoding="utf-8", sha256="0" * 64)


@cache
def reference(path: Path) -> dict:  # type: ignore[type-arg]
    return to_dict(extract_text(source(fixture_text(path), path.name)), spans=False)


def extract_or_refuse(text: str, lang: str | None = None) -> DecisionRecord | None:
    """Extract, accepting a refusal only in the form of a project error."""
    try:
        return extract_text(source(text), lang=lang)
    except CommitgraphError as err:
        assert str(err).strip(), "a refusal must say why"
        assert "\n" not in str(err), "a refusal is one line"
        return None


# --- (b): spans and offsets --------------------------------------------------------------


def squash(text: str) -> str:
    return " ".join(text.split())


def check_offsets(cleaned: Cleaned) -> None:
    """Each cleaned character comes from the raw text at its offset (separators the
    cleaner inserted where it joined or split lines excepted), in order."""
    text, raw, offsets = cleaned.text, cleaned.raw, cleaned.offsets
    assert len(offsets) == len(text) + 1
    assert all(0 <= o <= len(raw) for o in offsets)
    assert list(offsets[:-1]) == sorted(offsets[:-1])
    for i, ch in enumerate(text):
        if ch in " \n":
            continue
        assert raw[offsets[i]] == ch, (i, ch, raw[offsets[i]])
    for furniture in cleaned.furniture:
        assert squash(furniture.raw_span.slice(raw)) == squash(furniture.text)
    for note in cleaned.footnotes:
        assert squash(note.raw_span.slice(raw)).endswith(squash(note.text))


def check_span(text: str, span: Span, expected: str, what: str) -> None:
    assert 0 <= span.start <= span.end <= len(text), (what, span, len(text))
    assert span.slice(text) == expected, (what, span.slice(text), expected)


def check_spans(rec: DecisionRecord) -> None:
    """Every span of the record slices back to its text in ``rec.clean.text``."""
    text = rec.clean.text
    check_offsets(rec.clean)
    if rec.title:
        # The title is the heading's lines joined, without a trailing footnote mark.
        assert squash(rec.title_span.slice(text)).startswith(rec.title), rec.title
    for p in rec.preamble:
        check_span(text, p.span, p.text, f"preamble {p.n}")
        assert squash(p.opening_span.slice(text)) == p.opening, ("opening", p.n)
        assert p.span.start <= p.opening_span.start <= p.opening_span.end <= p.span.end
        for c in [*p.cites, *p.also_named]:
            check_span(text, c.span, c.text, f"citation {c.id}")
            assert p.span.start <= c.span.start and c.span.end <= p.span.end
    for o in rec.operative:
        check_span(text, o.span, o.text, f"operative {o.n}")
        assert o.span.start <= o.verb_span.start <= o.verb_span.end <= o.span.end
        printed = squash(o.verb_span.slice(text))
        if " ... " in o.verb:
            head, tail = o.verb.split(" ... ", 1)
            assert printed.startswith(head) and printed.endswith(tail), (o.verb, printed)
        else:
            assert printed == o.verb, (o.verb, printed)
        for m in [*o.addressees, *o.mentions, *o.actors_involved, *o.in_coordination_with]:
            check_span(text, m.span, m.text, f"mention {m.id}")
        for c in [*o.cites, *o.also_named]:
            check_span(text, c.span, c.text, f"citation {c.id}")
            assert o.span.start <= c.span.start and c.span.end <= o.span.end
        for s in o.subparagraphs:
            check_span(text, s.span, s.text, f"subparagraph {o.n}{s.letter}")
            assert o.span.start <= s.span.start and s.span.end <= o.span.end
    for a in rec.attachments:
        check_span(text, a.span, a.text, f"attachment {a.number}")


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_fixture_spans_slice_back(path: Path) -> None:
    rec = extract_text(source(fixture_text(path), path.name))
    check_spans(rec)
    # The cleaned offsets land on the raw characters, so a raw span can be recovered.
    for p in rec.operative:
        raw = rec.clean.raw_span(p.span).slice(rec.clean.raw)
        assert squash(raw).replace("- ", "-").startswith(squash(p.text)[:20].replace("- ", "-"))


# --- (a): no foreign exception ---------------------------------------------------------------

_TOKENS = [
    "DECISION No. 7/17\n",
    "DÉCISION N° 13/04\n",
    "РЕШЕНИЕ № 1107\n",
    "BESCHLUSS Nr. 6/18\n",
    "The Ministerial Council,\n",
    "Le Conseil permanent,\n",
    "Совет министров,\n",
    "1. Calls upon the participating States to ",
    "2. Tasks the OSCE Secretariat ",
    "(a) ",
    "b) ",
    "Recalling Decision No. 557/Rev.1 ",
    "Reaffirming ",
    "- 2 -\n",
    "\f",
    "MC.DEC/7/17\n",
    "PC.DEC/1107/Corr.1\n",
    "MC(8).DEC/1",
    "8 December 2017\n",
    "Original: ENGLISH\n",
    "Attachment\n",
    "INTERPRETATIVE STATEMENT\n",
    "1 Footnote text.\n",
    "traf-\nficking ",
    "\n\n",
    "\n",
    ", ",
    "; ",
    "¹",
    "*",
    "\t",
    "  ",
    "\r\n",
    "\x00",
    "\u0301",
    "\ufeff",
    "ё",
    "l'OSCE ",
    "Addendum ",
    "2005 and 2013 ",
]
decision_like = st.lists(
    st.one_of(st.sampled_from(_TOKENS), st.text(max_size=12)), max_size=60
).map("".join)
free_text = st.text(max_size=400)
langs = st.sampled_from([None, *LANGUAGES])


@SETTINGS
@given(st.one_of(free_text, decision_like))
def test_clean_never_raises_and_maps_back(text: str) -> None:
    check_offsets(clean(text, lexicon()))


@SETTINGS
@given(st.one_of(free_text, decision_like), st.sampled_from(LANGUAGES))
def test_segment_raises_only_project_errors(text: str, lang: str) -> None:
    cleaned = clean(text, lexicon())
    try:
        seg = segment(cleaned.text, lexicon(), lang)
    except CommitgraphError:
        return
    for block in [*seg.header, *seg.preamble, *seg.operative, *seg.attachments]:
        assert block.span.slice(cleaned.text) == block.text


@SETTINGS
@given(st.one_of(free_text, decision_like), langs)
def test_extract_text_raises_only_project_errors(text: str, lang: str | None) -> None:
    rec = extract_or_refuse(text, lang)
    if rec is not None:
        check_spans(rec)


@SETTINGS
@given(st.one_of(free_text, decision_like))
def test_parsers_never_raise(text: str) -> None:
    lex = lexicon()
    symbol = parse_symbol(text)
    if symbol is not None:
        # What was parsed prints back as a symbol that parses to the same thing.
        assert parse_symbol(symbol.printed) == symbol
    hit = find_date(text, lex)
    if hit is not None:
        assert 0 <= hit.start < hit.end <= len(text)
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", hit.iso)
        assert parse_date(text, lex) == hit.iso
        assert 1 <= int(hit.iso[5:7]) <= 12 and 1 <= int(hit.iso[8:]) <= 31
    is_date_line(text, lex)


@SETTINGS
@example(body="MC", number="00", suffix="")  # was "MC.DEC/00" built, "MC.DEC/0" parsed
@example(body="MC", number="013/04", suffix="")  # was "MC.DEC/013/04", not MC.DEC/13/04
@given(
    st.sampled_from(["MC", "PC", "FSC"]),
    st.from_regex(r"[0-9]{1,4}(/[0-9]{2})?", fullmatch=True),
    st.sampled_from(["", "/Rev.1", "/Corr.2", "/Rev.1/Corr.1"]),
)
def test_decision_symbols_parse_back(body: str, number: str, suffix: str) -> None:
    built = decision_symbol(body, number, suffix)
    parsed = parse_symbol(built)
    assert parsed is not None and parsed.body == body and parsed.kind == "DEC"
    assert parsed.work == built


def test_symbols_and_numbers_are_ascii() -> None:
    """Regression: "\\d" took Arabic-Indic digits into symbols ("MC.DEC/٧/١٧"), ids that no
    other document spells that way; a decision numbered so is refused, not given one."""
    assert parse_symbol("MC.DEC/٧/١٧") is None
    assert parse_symbol("PC.DEC/１１０７") is None  # fullwidth digits
    text = fixture_text(DECISIONS / "MC.DEC.6.18.en.txt")
    arabic = text.replace("DECISION No. 6/18", "DECISION No. ٦/١٨")
    with pytest.raises(CommitgraphError):
        extract_text(source(arabic))
    cited = text.replace("Decision No. 13/04", "Decision No. ١٣/٠٤")
    ids = {c.id for p in extract_text(source(cited)).preamble for c in p.cites}
    assert "MC.DEC/13/04" not in ids
    assert all(i.isascii() for i in ids)


# Mutations of real decisions: lines lost, repeated, swapped, cut short, garbage inserted.
# These are what broken downloads and bad copy-paste do to a file.


@st.composite
def mangled_fixture(draw: st.DrawFn) -> str:
    lines = fixture_text(draw(st.sampled_from(FIXTURES))).split("\n")
    for _ in range(draw(st.integers(1, 6))):
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "repeat", "swap", "insert", "cut", "chars"]))
        if action == "drop":
            del lines[at]
        elif action == "repeat":
            lines.insert(at, lines[at])
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif action == "insert":
            lines.insert(at, draw(st.one_of(st.sampled_from(_TOKENS), st.text(max_size=30))))
        elif action == "cut":
            lines = lines[:at]
        else:
            line = lines[at]
            pos = draw(st.integers(0, len(line)))
            lines[at] = line[:pos] + draw(st.text(max_size=5)) + line[pos + 1 :]
    return "\n".join(lines)


@SETTINGS
@given(mangled_fixture(), langs)
def test_mangled_decisions_extract_or_refuse(text: str, lang: str | None) -> None:
    rec = extract_or_refuse(text, lang)
    if rec is not None:
        check_spans(rec)


# --- (c): invariance under whitespace and normalisation --------------------------------------


def _sites(text: str, pattern: str) -> list[int]:
    return [m.start() for m in re.finditer(pattern, text)]


_LOCAL = {
    # name: (where it may apply, what replaces the one matched character or position)
    "double space": (r"(?<=\S) (?=\S)", "  "),
    "no-break space": (r"(?<=\S) (?=\S)", "\u00a0"),
    "narrow no-break space": (r"(?<=\S) (?=\S)", "\u202f"),
    "indented line": (r"(?m)^(?=\S)", "  "),
    "tab-indented line": (r"(?m)^(?=\S)", "\t"),
    "blank line with spaces": (r"\n\n", "\n \t\n"),
    "tab for space": (r"(?<=\S) (?=\S)", "\t"),
    "space and tab": (r"(?<=\S) (?=\S)", " \t"),
    "trailing spaces": (r"(?<=\S)\n", "   \n"),
    "trailing tab": (r"(?<=\S)\n", "\t\n"),
    "blank line doubled": (r"\n\n(?=\S)", "\n\n\n"),
}


@st.composite
def retyped(draw: st.DrawFn) -> tuple[Path, str]:
    """A fixture decision with whitespace changed at chosen places, and maybe globally."""
    path = draw(st.sampled_from(FIXTURES))
    text = fixture_text(path)
    for _ in range(draw(st.integers(1, 12))):
        name = draw(st.sampled_from(sorted(_LOCAL)))
        pattern, replacement = _LOCAL[name]
        sites = _sites(text, pattern)
        if not sites:
            continue
        at = sites[draw(st.integers(0, len(sites) - 1))]
        found = re.compile(pattern).match(text, at)  # lookbehinds see the text before ``at``
        assert found is not None
        text = text[:at] + replacement + text[found.end() :]
    for name in draw(st.sets(st.sampled_from(["crlf", "nfd", "all trailing", "all blanks"]))):
        if name == "crlf":
            text = text.replace("\n", "\r\n")
        elif name == "nfd":
            text = unicodedata.normalize("NFD", text)
        elif name == "all trailing":
            text = re.sub(r"(?<=\S)(\r?\n)", r" \1", text)
        else:
            text = re.sub(r"(\r?\n)(\r?\n)", r"\1\1\2", text)
    return path, text


def _regression(name: str, old: str, new: str) -> tuple[Path, str]:
    path = DECISIONS / name
    text = fixture_text(path)
    assert old in text
    return path, text.replace(old, new)


@settings(SETTINGS, max_examples=_HUNT or 300)
# A no-break space after "№" and after a paragraph number, as Russian word processors
# type them: the heading and paragraph 9 were not found.
@example(_regression("MC.DEC.6.17.ru.txt", "РЕШЕНИЕ № 6/17", "РЕШЕНИЕ №\u00a06/17"))
@example(_regression("MC.DEC.6.18.ru.txt", "\n9. просит", "\n9.\u00a0просит"))
# An indented footnote body was read as text of the paragraph it interrupts.
@example(_regression("MC.DEC.6.17.en.txt", "\n1 Incorporates", "\n  1 Incorporates"))
@given(retyped())
def test_extraction_is_invariant_under_whitespace_and_nfd(case: tuple[Path, str]) -> None:
    path, text = case
    rec = extract_text(source(text, path.name))
    assert to_dict(rec, spans=False) == reference(path)
    check_spans(rec)


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_every_fixture_survives_all_global_changes_at_once(path: Path) -> None:
    text = fixture_text(path)
    text = re.sub(r"(?<=\S) (?=\S)", "  ", text)  # every space doubled
    text = re.sub(r"(?<=\S)\n", " \t\n", text)  # every line with trailing blanks
    text = text.replace("\n\n", "\n\n\n")
    text = unicodedata.normalize("NFD", text).replace("\n", "\r\n")
    assert to_dict(extract_text(source(text, path.name)), spans=False) == reference(path)
