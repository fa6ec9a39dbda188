"""Ingest: turn one file (plain text, PDF, Word, HTML) into a :class:`SourceText`.

This is the only stage that touches file formats and byte encodings. Everything after it
works on one kind of input: NFC text with "\\n" line ends, no NUL or other C0 control
characters except "\\n", "\\t" and "\\f" (the form feed marks a page break, which the
cleaner needs to find page furniture). Whatever cannot be read with confidence is
refused here with an :class:`~commitgraph.errors.InputError` whose message is one line
naming the cause, because a wrongly decoded or silently truncated text would flow
through extraction and end up as wrong facts in the graph.

The parsing libraries (pdfminer.six, python-docx, BeautifulSoup, charset-normalizer) are
imported inside the functions that use them, so importing :mod:`commitgraph` stays cheap
for commands that never read a document.
"""

from __future__ import annotations

import codecs
import functools
import hashlib
import io
import itertools
import os
import re
import stat
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from commitgraph.errors import InputError
from commitgraph.model import SourceText

if TYPE_CHECKING:  # pragma: no cover - typing only
    from bs4 import Tag

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUPPORTED_SUFFIXES",
    "expand_inputs",
    "iter_sources",
    "normalise_text",
    "read_source",
]

#: Files larger than this are refused unless the caller raises the limit: a decision is a
#: few pages, so a 50 MB input is almost certainly the wrong file, and parsing it would
#: hold the whole text (and, for PDF, pdfminer's layout objects) in memory.
DEFAULT_MAX_BYTES = 50 * 1024 * 1024

_FORMAT_BY_SUFFIX: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".pdf": "pdf",
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}

#: Lower-case suffixes :func:`expand_inputs` picks up in folders. Files without a suffix are
#: read as plain text as well (see :func:`_format_for`).
SUPPORTED_SUFFIXES: frozenset[str] = frozenset(_FORMAT_BY_SUFFIX)

# Legacy 8-bit code pages charset-normalizer may choose from. The OSCE languages are
# written in Latin (en, fr, de, es, it) and Cyrillic (ru) script; left to choose among all
# code pages, charset-normalizer calls a short French cp1252 text "mac_latin2" and decodes
# it wrongly. Restricting the choice to the code pages these languages were actually
# saved in makes the detection reliable instead of a guess.
_LEGACY_ENCODINGS: tuple[str, ...] = (
    "cp1252",  # Windows Western: the usual legacy encoding of en/fr/de/es/it files
    "latin_1",  # ISO 8859-1, older Unix and web files
    "iso8859_15",  # ISO 8859-1 plus the euro sign
    "mac_roman",  # classic Mac OS files
    "cp850",  # DOS Western
    "cp1251",  # Windows Cyrillic: the usual legacy encoding of Russian files
    "koi8_r",  # Russian Unix and e-mail
    "iso8859_5",  # ISO Cyrillic
    "mac_cyrillic",  # classic Mac OS Russian
    "cp866",  # DOS Russian
)

# Byte-order marks, longest first: the UTF-32 LE mark starts with the UTF-16 LE mark.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# C0 controls that never belong in text; "\t", "\n", "\f" stay ("\r" is turned into "\n"
# before this runs).
_C0_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
# Characters a real document does not contain in any number: C0/C1 controls, DEL, the
# replacement character left by a failed decoding, private-use code points.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd\ue000-\uf8ff]")
# Control bytes as they appear in an undecoded legacy file (same set as above, bytes).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])
# C1 controls: what a wrong ISO code page makes of Windows punctuation and ligatures.
_C1_CONTROLS = re.compile("[\x80-\x9f]")
# Two code pages whose mess ratios (0..1) differ by no more than this are equally likely.
_CHAOS_MARGIN = 0.01
# Legacy-encoded text is detected from this many leading bytes (a decision is far shorter).
_DETECTION_SAMPLE = 1_000_000
# More than this share of unprintable characters means binary data, not text.
_MAX_UNPRINTABLE_RATIO = 0.05

# One well-formed multi-byte UTF-8 sequence (RFC 3629 table, no overlongs or surrogates).
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]"
    rb"|\xe0[\xa0-\xbf][\x80-\xbf]"
    rb"|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}"
    rb"|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
# Characters whose UTF-8 form, found inside a file that is not UTF-8, shows that part of
# the file was saved as UTF-8: accented Latin letters (U+00A0-U+017F), basic Cyrillic,
# typographic dashes and quotes, euro and numero signs. Letters further out (IPA, Latin
# Extended-B) are left out on purpose: "É…" in cp1252 is also a valid UTF-8 pair.
_UTF8_TELLTALE = re.compile("[\u00a0-\u017f\u0400-\u045f\u2010-\u2026\u20ac\u2116]")
_ASCII_LETTERS = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

# A word made of letters only; used to find words mixing Latin and Cyrillic letters.
_WORD = re.compile(r"[^\W\d_]+")
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")
_CYRILLIC_LETTER = re.compile("[\u0400-\u04ff]")

# pdfminer writes "(cid:NN)" for a glyph whose font has no Unicode mapping.
_PDF_CID = re.compile(r"\(cid:\d+\)")


class _Refused(Exception):
    """Raised by the format readers; :func:`read_source` adds the path."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- public API ------------------------------------------------------------------------


def read_source(path: Path | str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Read one file and return its text, normalised, with the format and encoding found.

    Raises :class:`InputError` (one-line message naming the cause) for anything that is
    not a readable, non-empty text document. ``sha256`` is over the file's bytes, so the
    same file gives the same hash whatever the decoding.
    """
    if max_bytes < 1:
        raise ValueError(f"max_bytes must be positive, got {max_bytes}")
    path = Path(path)
    try:
        raw = _read_bytes(path, max_bytes)
        fmt = _format_for(path)
        if fmt is None:
            raise _Refused(
                f"unsupported file type {path.suffix!r} "
                f"(supported: {', '.join(sorted(SUPPORTED_SUFFIXES))} or no suffix)"
            )
        try:
            text, encoding = _READERS[fmt](raw)
        except _Refused:
            raise
        except Exception as exc:
            # The readers turn the parsers' known failures into causes; anything else a
            # hostile file provokes in them must still not stop a batch.
            raise _Refused(f"cannot read this {fmt} file ({_describe(exc)})") from exc
    except _Refused as refused:
        raise InputError(_one_line(refused.message), path) from refused.__cause__
    return SourceText(
        path=path,
        text=text,
        format=fmt,
        encoding=encoding,
        sha256=hashlib.sha256(raw).hexdigest(),
    )


def iter_sources(
    paths: Iterable[Path], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[SourceText | InputError]:
    """Read many inputs; a file that fails yields its :class:`InputError` instead.

    A batch run must not stop at the first bad file: the caller processes what could be
    read and lists the errors at the end. Folders are expanded with :func:`expand_inputs`.
    """
    for path in expand_inputs(paths):
        try:
            yield read_source(path, max_bytes=max_bytes)
        except InputError as error:
            yield error


def expand_inputs(paths: Iterable[Path]) -> list[Path]:
    """Replace each folder by the supported files below it; keep other paths as given.

    Files inside a folder are sorted by their path relative to that folder (NFC, code
    point order), so a batch is processed in the same order on every machine. Hidden
    files and folders and Word lock files ("~$...") are skipped. A path given explicitly
    is kept even if it is missing or unsupported, so that the batch reports it instead of
    silently dropping it. Repeated paths are listed once.
    """
    result: list[Path] = []
    seen: set[str] = set()

    def add(path: Path) -> None:
        key = os.path.abspath(path)
        if key not in seen:
            seen.add(key)
            result.append(path)

    for given in paths:
        path = Path(given)
        if path.is_dir():
            for found in _files_below(path):
                add(found)
        else:
            add(path)
    return result


def normalise_text(text: str) -> str:
    """Give text the form every later stage relies on.

    Line ends become "\\n"; NUL and the other C0 controls except "\\n", "\\t", "\\f" are
    removed (they carry no meaning in a decision and break regexes and XML output); the
    result is NFC, so that "é" is one code point whichever way the source wrote it and
    offsets agree between stages.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _C0_CONTROLS.sub("", text)
    return unicodedata.normalize("NFC", text)


# --- files and folders ------------------------------------------------------------------


def _format_for(path: Path) -> str | None:
    """The reader for a path, by suffix (case-insensitive); ``None`` if unsupported.

    No suffix means plain text. A suffix made only of digits is not a file type but the
    end of a document symbol ("PC.DEC.1107", "MC.DEC.7.17"), so it counts as no suffix.
    """
    return _format_for_suffix(path.suffix)


def _format_for_suffix(suffix: str) -> str | None:
    suffix = suffix.lower()
    if suffix in _FORMAT_BY_SUFFIX:
        return _FORMAT_BY_SUFFIX[suffix]
    if suffix == "" or suffix[1:].isdigit():
        return "text"
    return None


def _files_below(folder: Path) -> list[Path]:
    """Supported files under ``folder``, recursively, in a platform-independent order."""
    found: list[tuple[tuple[str, ...], str]] = []
    # Strings and directory entries, not Path objects and stat calls, until the end: a
    # corpus folder holds 20,000 files and an incremental rebuild lists them all.
    pending: list[tuple[str, tuple[str, ...]]] = [(os.fspath(folder), ())]
    while pending:
        where, parts = pending.pop()
        try:
            entries = list(os.scandir(where))
        except OSError:
            continue
        for entry in entries:
            name = entry.name
            if name.startswith((".", "~$")):
                continue
            # A symlinked folder is not followed, so a link loop cannot make this endless.
            if entry.is_dir(follow_symlinks=False):
                pending.append((entry.path, (*parts, unicodedata.normalize("NFC", name))))
                continue
            # Path(name).suffix, without building a Path for each name.
            dot = name.rfind(".")
            suffix = name[dot:] if 0 < dot < len(name) - 1 else ""
            if _format_for_suffix(suffix) is None or not entry.is_file():
                continue
            found.append(((*parts, unicodedata.normalize("NFC", name)), entry.path))
    found.sort(key=lambda item: item[0])
    return [Path(path) for _, path in found]


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """Read a regular file's bytes, refusing missing, special, empty and oversized files."""
    try:
        info = path.stat()
    except FileNotFoundError as exc:
        raise _Refused("file not found") from exc
    except OSError as exc:
        raise _Refused(f"cannot read file: {exc.strerror or exc}") from exc
    if stat.S_ISDIR(info.st_mode):
        raise _Refused("is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        # A FIFO or device would block or never end; refuse before opening it.
        raise _Refused("not a regular file")
    if info.st_size > max_bytes:
        raise _Refused(_too_large(info.st_size, max_bytes))
    try:
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)  # the file may have grown since stat()
    except OSError as exc:
        raise _Refused(f"cannot read file: {exc.strerror or exc}") from exc
    if len(raw) > max_bytes:
        raise _Refused(_too_large(len(raw), max_bytes))
    if not raw:
        raise _Refused("file is empty (0 bytes)")
    return raw


def _too_large(size: int, max_bytes: int) -> str:
    return f"file too large: {size} bytes, the limit is {max_bytes} bytes (see max_bytes)"


def _one_line(message: str) -> str:
    """Collapse whitespace (library messages may hold newlines) and cap the length."""
    message = " ".join(message.split())
    return message if len(message) <= 300 else message[:297] + "..."


def _describe(exc: BaseException) -> str:
    """A short one-line description of a library exception, for an error message."""
    detail = _one_line(str(exc))
    name = type(exc).__name__
    return f"{name}: {detail}" if detail else name


def _finish(text: str, *, empty: str) -> str:
    """Normalise extracted text and refuse it if nothing but whitespace is left."""
    text = normalise_text(text)
    if not text.strip():
        raise _Refused(empty)
    return text


def _refuse_unprintable(text: str) -> None:
    """Refuse decoded text with many control or unprintable characters: it is binary."""
    if not text:
        return
    bad = len(text) - len(_UNPRINTABLE.sub("", text))
    if bad / len(text) > _MAX_UNPRINTABLE_RATIO:
        raise _Refused(
            f"binary data, not text ({bad / len(text):.0%} control or unprintable characters)"
        )


# --- plain text ------------------------------------------------------------------------


def _read_text(raw: bytes) -> tuple[str, str]:
    """Decode a plain-text file: byte-order mark, then strict UTF-8, then a legacy code page.

    Only an encoding that is *detected* is used: a BOM, bytes that are valid UTF-8 (which
    legacy text with accents practically never is), or a legacy code page that
    charset-normalizer finds unambiguous. Files that mix encodings are refused rather
    than decoded into mojibake.
    """
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            codec = "utf-8" if encoding == "utf-8-sig" else encoding
            try:
                text = raw[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise _Refused(
                    f"invalid {encoding.upper()} text after its byte-order mark "
                    f"(bad bytes at offset {exc.start + len(bom)})"
                ) from exc
            break
    else:
        if b"\x00" in raw:
            if _looks_like_utf16(raw):
                raise _Refused(
                    "UTF-16 text without a byte-order mark: its byte order cannot be "
                    "known for sure; save the file as UTF-8"
                )
            # Like git and file(1): a NUL byte outside UTF-16/32 means a binary file.
            raise _Refused("binary data, not text (NUL bytes)")
        try:
            text = raw.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            text, encoding = _decode_legacy(raw)
    _refuse_unprintable(text)
    return _finish(text, empty="file contains only whitespace"), encoding


def _looks_like_utf16(raw: bytes) -> bool:
    """NUL bytes nearly all on one side of each byte pair: ASCII letters in UTF-16.

    Random binary data spreads its NULs over both sides; text saved as UTF-16 without a
    BOM puts the zero high byte of every Latin letter, digit and space on the same side.
    """
    even, odd = raw[0::2].count(0), raw[1::2].count(0)
    nuls = even + odd
    return len(raw) >= 16 and nuls >= len(raw) // 8 and max(even, odd) >= 0.95 * nuls


def _decode_legacy(raw: bytes) -> tuple[str, str]:
    """Decode bytes that are not UTF-8 with the legacy code page charset-normalizer detects."""
    controls = len(raw) - len(raw.translate(None, _CONTROL_BYTES))
    if controls / len(raw) > _MAX_UNPRINTABLE_RATIO:
        raise _Refused(f"binary data, not text ({controls / len(raw):.0%} control bytes)")
    telltales = _utf8_telltales(raw)
    if telltales:
        raise _Refused(
            f"mixed text encodings: {telltales} UTF-8 sequence(s) inside text that is not UTF-8"
        )

    from charset_normalizer import from_bytes

    # All candidates here are single-byte code pages, so any prefix is a clean sample. It
    # is scored as one chunk: with its default sampling charset-normalizer may also score
    # a last chunk of one or two bytes, whose mess ratio of 1.0 can push the right code
    # page out (it took the real French seed in cp1252 for mac_roman).
    sample = raw[:_DETECTION_SAMPLE]
    matches = from_bytes(
        sample, cp_isolation=list(_LEGACY_ENCODINGS), steps=1, chunk_size=len(sample)
    )
    # A code page that turns bytes of the file into C1 control characters is wrong
    # (cp1252 "œ" read as ISO 8859-15), however good its score.
    candidates = [m for m in matches if not _C1_CONTROLS.search(str(m))]
    if not candidates:
        raise _Refused(
            "unknown or mixed text encoding: not UTF-8, and no single legacy code page "
            "decodes it cleanly"
        )
    candidates = _rank_by_known_words(candidates)
    best = candidates[0]
    encoding = codecs.lookup(best.encoding).name
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise _Refused(
            f"mixed text encodings: not valid {encoding} at byte offset {exc.start}"
        ) from exc
    if len(raw) > len(sample) and _C1_CONTROLS.search(text):
        raise _Refused(f"mixed text encodings: bytes that are not text in {encoding}")
    # Detected, not guessed: a rival code page that scores about as well but reads the
    # bytes differently (ISO 8859-15 "œ" is cp1252 "½") makes the choice a coin toss.
    # Without a recognised language (coherence 0) every differing candidate is a rival.
    best_text = str(best)
    best_known = _known_accented_words(best_text)
    rivals = sorted(
        {
            codecs.lookup(m.encoding).name
            for m in candidates[1:]
            if (best.coherence == 0.0 or m.chaos - best.chaos <= _CHAOS_MARGIN)
            and str(m) != best_text
            and _known_accented_words(str(m)) >= best_known
        }
        - {encoding}
    )
    if rivals:
        why = "too little text to tell" if best.coherence == 0.0 else "both read as text"
        raise _Refused(
            f"text encoding is ambiguous ({encoding} or {', '.join(rivals[:3])}: {why}); "
            "save the file as UTF-8"
        )
    mixed = _mixed_script_words(text)
    if mixed:
        raise _Refused(
            f"mixed text encodings: decoded as {encoding}, {mixed} words mix Latin and "
            "Cyrillic letters"
        )
    return text, encoding


def _utf8_telltales(raw: bytes) -> int:
    """Count multi-byte UTF-8 sequences that sit inside words of a non-UTF-8 file.

    A UTF-8 letter glued to an ASCII letter ("d\\xc3\\xa9cision") or to another UTF-8
    letter ("\\xd0\\xa0\\xd0\\xb5...") shows that part of the file is UTF-8; a legacy code
    page produces such byte pairs only by rare accident, and never glued to ASCII letters.
    """
    count = 0
    previous_end = -1
    for match in _UTF8_SEQUENCE.finditer(raw):
        if not _UTF8_TELLTALE.fullmatch(match.group().decode("utf-8")):
            continue
        start, end = match.span()
        glued = (
            start == previous_end
            or (start > 0 and raw[start - 1] in _ASCII_LETTERS)
            or (end < len(raw) and raw[end] in _ASCII_LETTERS)
        )
        if glued:
            count += 1
        previous_end = end
    return count


def _mixed_script_words(text: str) -> int:
    """How many words mix Latin and Cyrillic letters, if that is a telling share.

    Text decoded with one code page but partly written in another shows up as words
    like "spйciaux" (cp1252 French read as cp1251). Real text has at most a few such
    words (a Latin "o" typed into a Russian word), so at least three and 1% of the
    non-ASCII words are required.
    """
    mixed = 0
    non_ascii = 0
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        non_ascii += 1
        if _CYRILLIC_LETTER.search(word) and _LATIN_LETTER.search(word):
            mixed += 1
    return mixed if mixed >= 3 and mixed >= 0.01 * non_ascii else 0


# --- PDF -------------------------------------------------------------------------------


def _read_pdf(raw: bytes) -> tuple[str, None]:
    """Extract a PDF's text layer with pdfminer.six; pages are separated by "\\f".

    pdfminer recovers from many broken files by scanning for objects, which for a cut
    file can mean silently losing the last pages. A PDF must end with "%%EOF" (within
    its last 1024 bytes, as readers allow), so a file without it is refused as truncated.
    """
    if b"%PDF-" not in raw[:1024]:
        raise _Refused("not a PDF file (no %PDF- header)")
    if b"%%EOF" not in raw[-1024:]:
        raise _Refused("corrupt or truncated PDF (no %%EOF end marker)")

    from pdfminer.high_level import extract_text
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        text = extract_text(io.BytesIO(raw))
    except PDFPasswordIncorrect as exc:
        raise _Refused("encrypted PDF (a password is needed to open it)") from exc
    except PDFEncryptionError as exc:
        raise _Refused(f"encrypted PDF (cannot decrypt: {_describe(exc)})") from exc
    except Exception as exc:  # pdfminer raises many types (KeyError, PSEOF, ...) on bad input
        raise _Refused(f"corrupt or truncated PDF ({_describe(exc)})") from exc
    if not text.count("\f"):
        raise _Refused("corrupt or truncated PDF (no pages)")
    # pdfminer ends every page with "\f"; keep the ones between pages only.
    text = text.removesuffix("\f")
    visible = "".join(text.split())
    if not visible:
        raise _Refused("PDF has no text layer (scanned image?)")
    cids = sum(len(m) for m in _PDF_CID.findall(visible))
    if cids > len(visible) / 2:
        raise _Refused("PDF text cannot be decoded (fonts without a Unicode mapping)")
    return _finish(text, empty="PDF has no text layer (scanned image?)"), None


# --- Word ------------------------------------------------------------------------------


def _read_docx(raw: bytes) -> tuple[str, None]:
    """Extract a .docx with python-docx: paragraphs, table cells, then footnotes.

    Paragraphs (including those in table cells and content controls) are separated by a
    blank line, as in the plain-text and PDF versions, so that the segmenter sees one
    block per Word paragraph. Footnote references become their number, glued to the
    preceding word as in print; footnote bodies follow the text, one per line, each
    starting with its number ("1 Includes a correction ...").
    """
    import docx

    try:
        document = docx.Document(io.BytesIO(raw))
    except Exception as exc:  # zipfile.BadZipFile, KeyError, ValueError, lxml errors...
        raise _Refused(f"not a valid Word .docx file ({_docx_problem(exc)})") from exc
    try:
        notes = _DocxNotes(document)
        paragraphs = [notes.paragraph_text(p) for p in _docx_paragraphs(document.element.body)]
        parts = [p.strip() for p in paragraphs if p.strip()]
        footnotes = notes.footnote_lines()
    except Exception as exc:  # malformed XML inside an otherwise valid package
        raise _Refused(f"not a valid Word .docx file ({_describe(exc)})") from exc
    if footnotes:
        parts.append("\n".join(footnotes))
    return _finish("\n\n".join(parts), empty="Word document contains no text"), None


def _docx_problem(exc: Exception) -> str:
    """Say in words why python-docx could not open a file (its messages name a BytesIO)."""
    if isinstance(exc, zipfile.BadZipFile):
        return "not a zip archive"
    if isinstance(exc, KeyError) and "[Content_Types].xml" in str(exc):
        return "a zip archive, but not an Office document"
    content_type = re.search(r"content type is '([^']+)'", str(exc))
    if content_type:
        return f"an Office document of type {content_type.group(1)}"
    return _describe(exc)


# Elements whose children are read as if they stood in their place: tables (rows, cells),
# content controls, custom XML, tracked insertions and moves, hyperlinks, smart tags and
# simple fields. Deleted and moved-away text (w:del, w:moveFrom) is not a container and
# is therefore skipped, as Word does when it shows the final text.
_DOCX_CONTAINERS = frozenset(
    {"tbl", "tr", "tc", "sdt", "sdtContent", "customXml", "ins", "moveTo", "hyperlink",
     "smartTag", "fldSimple", "dir", "bdo"}
)  # fmt: skip
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(name: str) -> str:
    return f"{{{_W_NS}}}{name}"


def _docx_leaves(element: Any, leaf: str) -> Iterator[Any]:
    """Yield ``w:<leaf>`` elements below ``element`` in document order, through containers.

    An explicit stack instead of recursion: nesting depth is under the file's control.
    """
    containers = {_w(name) for name in _DOCX_CONTAINERS}
    wanted = _w(leaf)
    stack: list[Iterator[Any]] = [iter(element)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.tag == wanted:
            yield child
        elif child.tag in containers:
            stack.append(iter(child))


def _docx_paragraphs(element: Any) -> Iterator[Any]:
    """The w:p elements of a body, footnote or cell, in reading order."""
    return _docx_leaves(element, "p")


class _DocxNotes:
    """Numbers footnote references in reading order and renders the footnote bodies."""

    _SPECIAL_TYPES = frozenset({"separator", "continuationSeparator", "continuationNotice"})

    def __init__(self, document: Any) -> None:
        self._document = document
        self._markers: dict[str, str] = {}  # footnote id -> marker shown in the text
        self._count = 0

    def paragraph_text(self, paragraph: Any) -> str:
        """A paragraph's text (python-docx run text) with footnote numbers inserted."""
        pieces: list[str] = []
        for run in _docx_leaves(paragraph, "r"):
            for reference in run.iterchildren(_w("footnoteReference")):
                note_id = reference.get(_w("id"), "")
                if reference.get(_w("customMarkFollows")) in ("1", "true", "on"):
                    # The run's own text ("*") is the mark; it is added with the run text.
                    self._markers[note_id] = run.text.strip() or "*"
                else:
                    self._count += 1
                    self._markers[note_id] = str(self._count)
                    pieces.append(str(self._count))
            pieces.append(run.text)
        return "".join(pieces)

    def footnote_lines(self) -> list[str]:
        """One "marker text" line per footnote, in the order the text refers to them."""
        from docx.opc.constants import RELATIONSHIP_TYPE
        from docx.oxml.parser import parse_xml

        notes: list[tuple[int, str, str]] = []
        order = {note_id: n for n, note_id in enumerate(self._markers)}
        for rel in self._document.part.rels.values():
            if rel.is_external or rel.reltype != RELATIONSHIP_TYPE.FOOTNOTES:
                continue
            root = parse_xml(rel.target_part.blob)
            for note in root.iterchildren(_w("footnote")):
                if note.get(_w("type")) in self._SPECIAL_TYPES:
                    continue
                note_id = note.get(_w("id"), "")
                texts = (self.paragraph_text(p) for p in _docx_paragraphs(note))
                body = " ".join(" ".join(text.split()) for text in texts if text.strip())
                if body:
                    marker = self._markers.get(note_id, note_id)
                    notes.append((order.get(note_id, len(order)), marker, body))
        notes.sort(key=lambda item: item[0])
        return [f"{marker} {body}" for _, marker, body in notes]


# --- HTML ------------------------------------------------------------------------------

# Elements that start a new paragraph (rendered as a block by browsers).
_HTML_BLOCKS = frozenset(
    {"address", "article", "aside", "blockquote", "body", "caption", "center", "dd",
     "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
     "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html",
     "legend", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table",
     "tbody", "td", "tfoot", "th", "thead", "tr", "ul"}
)  # fmt: skip
# Elements whose content is not shown as text.
_HTML_SKIPPED = frozenset({"head", "script", "style", "noscript", "template", "svg", "math"})
# Elements whose whitespace is kept as written.
_HTML_PREFORMATTED = frozenset({"pre", "textarea", "listing", "plaintext"})
_HTML_SPACE = re.compile("[ \t\n\r\f]+")
_PARAGRAPH_BREAK = object()
_LINE_BREAK = object()
_END_PRE = object()


def _read_html(raw: bytes) -> tuple[str, str | None]:
    """Extract the visible text of an HTML page with BeautifulSoup and lxml.

    A byte-order mark or a declared charset (``<meta charset>``, XML declaration) is
    left to BeautifulSoup. Without either, the bytes go through the same detection as
    plain text (UTF-8, else a legacy code page found by charset-normalizer with the same
    checks): BeautifulSoup alone would try UTF-8 and replace every accented letter of a
    cp1252 page with U+FFFD. Block elements end a paragraph (blank line), "<br>" ends a
    line, whitespace collapses as in a browser, so paragraphs stay separate and lines are
    not broken where the HTML source was wrapped.
    """
    from bs4 import BeautifulSoup
    from bs4.dammit import EncodingDetector

    from_encoding = None
    has_bom = raw.startswith(tuple(bom for bom, _ in _BOMS))
    declared = None if has_bom else EncodingDetector.find_declared_encoding(raw, is_html=True)
    if declared:
        _check_declared_encoding(raw, declared)
    elif not has_bom:
        if b"\x00" in raw:
            raise _Refused("binary data, not text (NUL bytes)")
        try:
            raw.decode("utf-8")
            from_encoding = "utf-8"
        except UnicodeDecodeError:
            from_encoding = _decode_legacy(raw)[1]
    try:
        soup = BeautifulSoup(raw, "lxml", from_encoding=from_encoding)
    except Exception as exc:  # lxml parser failure on hostile input
        raise _Refused(f"cannot parse HTML ({_describe(exc)})") from exc
    encoding = soup.original_encoding
    encoding = codecs.lookup(encoding).name if encoding else None
    if soup.contains_replacement_characters:
        raise _Refused(
            f"HTML contains bytes that are not valid {encoding or 'text'} (mixed encodings?)"
        )
    text = _html_text(soup)
    _refuse_unprintable(text)
    return _finish(text, empty="HTML page contains no text"), encoding


def _check_declared_encoding(raw: bytes, declared: str) -> None:
    """Refuse a page whose bytes contradict the charset it declares.

    The parser obeys the declaration and replaces what does not fit with U+FFFD, or
    decodes UTF-8 bytes as a code page ("Ã©" for "é"): either way wrong letters would
    reach the graph. A page saved in one encoding under a template that declares another
    is common enough that the cause deserves its own message.
    """
    try:
        codec = codecs.lookup(declared).name
    except LookupError as exc:
        raise _Refused(f"HTML declares an unknown charset {declared!r}") from exc
    if codec.startswith(("utf-16", "utf-32")):
        return  # a declaration that cannot be right without a BOM; the parser sniffs it
    if codec != "utf-8" and _is_utf8_text(raw):
        raise _Refused(f"wrong text encoding: the page declares {declared} but its bytes are UTF-8")
    try:
        raw.decode(codec)
    except UnicodeDecodeError as exc:
        raise _Refused(
            f"wrong text encoding: the page declares {declared} but byte offset "
            f"{exc.start} is not valid {codec}"
        ) from exc


def _is_utf8_text(raw: bytes) -> bool:
    """Valid UTF-8 with multi-byte letters in it: legacy text practically never is."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return _UTF8_SEQUENCE.search(raw) is not None


def _html_text(soup: Tag) -> str:
    """Render the visible text of a parsed page, iteratively (no recursion on depth)."""
    from bs4.element import NavigableString, PreformattedString, Tag

    pieces: list[object] = []
    preformatted = 0
    stack: list[Iterator[Any]] = [iter(soup.contents)]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
        elif node is _PARAGRAPH_BREAK or node is _LINE_BREAK:
            pieces.append(node)
        elif node is _END_PRE:
            preformatted -= 1
        elif isinstance(node, Tag):
            name = node.name
            if name in _HTML_SKIPPED:
                continue
            if name == "br":
                pieces.append(_LINE_BREAK)
                continue
            children: Iterator[Any] = iter(node.contents)
            if name in _HTML_PREFORMATTED:
                preformatted += 1
                children = itertools.chain(children, (_END_PRE,))
            if name in _HTML_BLOCKS:
                pieces.append(_PARAGRAPH_BREAK)
                children = itertools.chain(children, (_PARAGRAPH_BREAK,))
            stack.append(children)
        elif isinstance(node, NavigableString) and not isinstance(node, PreformattedString):
            pieces.append(str(node) if preformatted else _HTML_SPACE.sub(" ", str(node)))
    return _join_html_pieces(pieces)


def _join_html_pieces(pieces: list[object]) -> str:
    """Join text pieces and break markers into paragraphs separated by blank lines."""
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        lines = (re.sub(" {2,}", " ", line).strip(" \t") for line in "".join(current).split("\n"))
        paragraph = "\n".join(lines).strip("\n")
        if paragraph.strip():
            paragraphs.append(paragraph)
        current.clear()

    for piece in pieces:
        if piece is _PARAGRAPH_BREAK:
            flush()
        elif piece is _LINE_BREAK:
            current.append("\n")
        else:
            current.append(str(piece))
    flush()
    return "\n\n".join(paragraphs)


_READERS: dict[str, Callable[[bytes], tuple[str, str | None]]] = {
    "text": _read_text,
    "pdf": _read_pdf,
    "docx": _read_docx,
    "html": _read_html,
}


@functools.cache
def _vocabulary_words() -> frozenset[str]:
    """Words with non-ASCII letters from every label of the vocabulary, in all six
    languages: the right code page spells them, a wrong one does not."""
    from commitgraph.vocab import lexicon

    words: set[str] = set()
    for concept in lexicon().concepts.values():
        for labels in concept.labels.values():
            for label in labels:
                words.update(w.casefold() for w in re.findall(r"\w+", label) if not w.isascii())
        for marker in concept.props.get("marker", ()):
            if not marker.isascii():
                words.add(marker.casefold())
    return frozenset(words)


def _known_accented_words(text: str) -> int:
    known = _vocabulary_words()
    return sum(
        1 for w in re.findall(r"\w+", text[:200_000]) if not w.isascii() and w.casefold() in known
    )


def _rank_by_known_words(candidates: list) -> list:  # type: ignore[type-arg]
    """Order detector candidates by how many vocabulary words each decoding spells right,
    keeping the detector's order among equals."""
    scored = [(-_known_accented_words(str(m)), i, m) for i, m in enumerate(candidates)]
    return [m for _, _, m in sorted(scored, key=lambda t: (t[0], t[1]))]
