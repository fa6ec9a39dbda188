"""PDF ingest: text layer with line and page breaks; encrypted, cut and scanned PDFs refused."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from commitgraph.errors import InputError
from commitgraph.ingest import read_source
from tests.factories.badinput import (
    FRENCH,
    GERMAN,
    PDF_HEADER,
    PDF_PAGE_TWO,
    RUSSIAN,
    flatten,
)


def test_two_page_pdf_text_comes_back(build: Callable[[str], Path]) -> None:
    source = read_source(build("pdf"))
    assert (source.format, source.encoding) == ("pdf", None)
    flat = flatten(source.text)
    for line in (FRENCH + RUSSIAN + GERMAN + PDF_PAGE_TWO).splitlines():
        assert flatten(line) in flat


def test_pdf_keeps_page_break_running_header_and_page_numbers(
    build: Callable[[str], Path],
) -> None:
    text = read_source(build("pdf")).text
    pages = text.split("\f")
    assert len(pages) == 2  # one form feed, between the pages, none at the end
    assert [page.count(PDF_HEADER) for page in pages] == [1, 1]
    assert "- 1 -" in pages[0]
    assert "- 2 -" in pages[1]
    assert "Совет министров," in pages[0]
    assert flatten(PDF_PAGE_TWO) in flatten(pages[1])
    assert "\n" in pages[0].strip()  # lines stay separate


def test_pdf_encrypted_with_an_empty_user_password_is_read(
    build: Callable[[str], Path],
) -> None:
    plain = read_source(build("pdf"))
    opened = read_source(build("pdf_open_encrypted"))
    assert opened.text == plain.text
    assert opened.sha256 != plain.sha256


@pytest.mark.parametrize(
    ("name", "cause"),
    [
        ("pdf_encrypted", "encrypted PDF"),
        ("pdf_truncated", "corrupt or truncated PDF"),
        ("pdf_cut_before_end", "corrupt or truncated PDF"),
        ("pdf_corrupt", "corrupt or truncated PDF"),
        ("pdf_image_only", "PDF has no text layer (scanned image?)"),
    ],
)
def test_unreadable_pdfs_are_refused(build: Callable[[str], Path], name: str, cause: str) -> None:
    path = build(name)
    with pytest.raises(InputError) as caught:
        read_source(path)
    assert caught.value.message.startswith(cause)
    assert caught.value.path == path
