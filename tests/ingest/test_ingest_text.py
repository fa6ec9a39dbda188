"""Plain-text ingest: encodings detected (not guessed), text normalised, hash over bytes."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commitgraph.errors import InputError
from commitgraph.ingest import (
    DEFAULT_MAX_BYTES,
    SUPPORTED_SUFFIXES,
    normalise_text,
    read_source,
)
from tests.factories import badinput


def test_utf8_round_trip_with_spaces_and_non_latin_letters_in_the_name(tmp_path: Path) -> None:
    path = badinput.make_text(tmp_path)
    assert path.name == "décision № 7.txt"
    source = read_source(path)
    assert source.text == badinput.SNIPPET
    assert (source.format, source.encoding) == ("text", "utf-8")
    assert source.path == path
    assert source.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        ("utf8_bom", "utf-8-sig"),
        ("utf16_bom", "utf-16-le"),
        ("utf16be_bom", "utf-16-be"),
        ("utf32_bom", "utf-32-le"),
    ],
)
def test_byte_order_mark_decides_the_encoding(
    build: Callable[[str], Path], name: str, encoding: str
) -> None:
    source = read_source(build(name))
    assert source.encoding == encoding
    assert source.text == badinput.SNIPPET  # the BOM itself is not part of the text


@pytest.mark.parametrize(
    ("name", "expected_text", "encodings"),
    [
        ("cp1252", badinput.FRENCH + "\n" + badinput.GERMAN, {"cp1252"}),
        ("cp1251", badinput.RUSSIAN, {"cp1251"}),
        ("koi8r", badinput.KOI8_TEXT, {"koi8-r"}),
        # Latin-1 and cp1252 agree on every byte this text uses: both names are right.
        ("latin1", badinput.LATIN1_TEXT, {"iso8859-1", "cp1252", "iso8859-15"}),
    ],
)
def test_legacy_code_pages_are_detected(
    build: Callable[[str], Path], name: str, expected_text: str, encodings: set[str]
) -> None:
    source = read_source(build(name))
    assert source.encoding in encodings
    assert source.text == expected_text  # also proves "\r\n" became "\n"


def test_file_without_suffix_is_text(build: Callable[[str], Path]) -> None:
    path = build("no_suffix")
    assert path.suffix == ".17"  # a symbol's number, not a file type
    assert read_source(path).text == badinput.SNIPPET


def test_text_is_normalised(tmp_path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "Décision\r\nRéaffirmant\rfin")
    path = tmp_path / "raw.txt"
    controls = "\x01\x07\x1b\tt\fpage 2\x0b\n"
    path.write_bytes((badinput.FRENCH + decomposed + controls).encode("utf-8-sig"))
    source = read_source(path)
    assert source.text == badinput.FRENCH + "Décision\nRéaffirmant\nfin\tt\fpage 2\n"
    assert unicodedata.is_normalized("NFC", source.text)
    assert source.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_same_text_in_two_encodings_differs_only_in_hash(build: Callable[[str], Path]) -> None:
    utf8, utf16 = read_source(build("utf8")), read_source(build("utf16_bom"))
    assert utf8.text == utf16.text
    assert utf8.sha256 != utf16.sha256


def test_size_limit_is_configurable(tmp_path: Path) -> None:
    path = badinput.make_text_of_size(tmp_path, 2048)
    with pytest.raises(InputError) as caught:
        read_source(path, max_bytes=1024)
    assert "too large" in caught.value.message
    assert "2048" in caught.value.message
    assert len(read_source(path, max_bytes=2048).text) == 2048
    assert DEFAULT_MAX_BYTES == 50 * 1024 * 1024


def test_max_bytes_must_be_positive(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="max_bytes"):
        read_source(badinput.make_text(tmp_path), max_bytes=0)


def test_suffixes_are_case_insensitive(tmp_path: Path) -> None:
    path = badinput.make_text(tmp_path, name="DECISION.TXT")
    assert read_source(path).format == "text"
    assert {".txt", ".text", ".pdf", ".docx", ".html", ".htm", ".xhtml"} <= SUPPORTED_SUFFIXES


def test_mixed_encoding_message_names_the_cause(build: Callable[[str], Path]) -> None:
    with pytest.raises(InputError) as caught:
        read_source(build("mixed_encoding_small"))
    assert "UTF-8" in caught.value.message
    assert "mixed" in caught.value.message


@given(st.text())
def test_normalise_text_is_idempotent_and_clean(text: str) -> None:
    once = normalise_text(text)
    assert normalise_text(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert "\r" not in once
    assert not any(ord(c) < 0x20 and c not in "\n\t\f" for c in once)


def test_importing_ingest_does_not_import_the_parsers() -> None:
    code = (
        "import sys, commitgraph.ingest\n"
        "heavy = {'pdfminer', 'docx', 'bs4', 'charset_normalizer', 'lxml'}\n"
        "print(sorted(heavy & {m.split('.')[0] for m in sys.modules}))\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert result.stdout.strip() == "[]"


def test_nul_characters_inside_utf16_text_are_removed(tmp_path: Path) -> None:
    path = tmp_path / "nul.txt"
    path.write_bytes((badinput.FRENCH + "\x00fin\n").encode("utf-16"))
    assert read_source(path).text == badinput.FRENCH + "fin\n"


_ROOT = Path(__file__).resolve().parents[2]
_REAL_DECISIONS = sorted((_ROOT / "tests" / "fixtures" / "decisions").glob("*.txt")) + sorted(
    (_ROOT / "examples" / "corpus").glob("*.txt")
)
_SNIPPETS = {
    "fr-de": badinput.FRENCH + badinput.GERMAN,
    "latin1": badinput.LATIN1_TEXT,
    # "œ" is a byte only cp1252 and ISO 8859-15 have, at different places.
    "latin1-oe": badinput.LATIN1_TEXT + "Les États mettent en œuvre leurs engagements.\n",
    "ru": badinput.RUSSIAN * 3,
    "ru-koi8": badinput.KOI8_TEXT * 3,
}
_CODE_PAGES = (
    "cp1252",
    "latin-1",
    "iso8859-15",
    "mac_roman",
    "cp1251",
    "koi8-r",
    "cp866",
    "iso8859-5",
)


def _samples() -> list[tuple[str, str]]:
    texts = {path.name: path.read_text(encoding="utf-8") for path in _REAL_DECISIONS}
    return [*texts.items(), *_SNIPPETS.items()]


def test_real_decisions_saved_as_cp1252_are_read(tmp_path: Path) -> None:
    latin = [(name, text) for name, text in _samples() if not text.isascii()]
    read = 0
    for name, text in latin:
        try:
            data = text.encode("cp1252")
        except UnicodeEncodeError:
            continue
        path = tmp_path / f"{name}.cp1252.txt"
        path.write_bytes(data)
        source = read_source(path)
        assert (source.encoding, source.text) == ("cp1252", text), name
        read += 1
    assert read >= 3  # the seed and the French and German fixtures


@pytest.mark.parametrize("code_page", _CODE_PAGES)
def test_legacy_text_is_read_exactly_or_refused_never_misread(
    tmp_path: Path, code_page: str
) -> None:
    """A wrong guess would put mojibake into the graph; a refusal is visible and fixable."""
    checked = 0
    for name, text in _samples():
        try:
            data = text.encode(code_page)
        except UnicodeEncodeError:
            continue
        if data.isascii():
            continue
        path = tmp_path / f"{name}.{code_page}.txt"
        path.write_bytes(data)
        try:
            source = read_source(path)
        except InputError as error:
            assert "ambiguous" in error.message, (name, error.message)
            continue
        assert source.text == text, (name, source.encoding)
        checked += 1
    assert checked >= 1
