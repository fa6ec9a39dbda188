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
    raw = ("\ufeff" + decomposed + "\x00\x01\x07\x1b\x7f\tt\fpage 2\x0b\n").encode("utf-8")
    path = tmp_path / "raw.txt"
    path.write_bytes(b"\xef\xbb\xbf" + raw[3:])
    source = read_source(path)
    assert source.text == "Décision\nRéaffirmant\nfin\x7f\tt\fpage 2\n"
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
