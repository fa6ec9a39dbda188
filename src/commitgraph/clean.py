"""Undo what PDF extraction does to a decision, without losing the way back.

Text pulled from an OSCE PDF carries page furniture (the symbol and date repeated on every
page, "- 2 -" page numbers, "FRENCH / Original: RUSSIAN" lines), footnote bodies that land
in the middle of the paragraph whose page they close, paragraphs cut in two by a page
break and words hyphenated at line ends. The cleaner removes or repairs these and keeps
an offset map, so that every span the extractor reports in the cleaned text can be traced
back to the characters of the source.

Furniture is not thrown away: the segmenter reads the symbol, the date and the original
language from it (:attr:`CleanText.furniture`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from commitgraph.model import Cleaned, FootnoteText, Furniture, Span
from commitgraph.parsers import SYMBOL_RE, is_date_line
from commitgraph.vocab import Lexicon, label_regex

_TERMINAL = ".;:!?"
_CLOSERS = "\"”“»)’' "
_FOOTNOTE_START = re.compile(r"^[ \t]*(?P<m>\d{1,2}|\*{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,2})[ \t]+(?P<t>\S.*)$")
_PAGE_AFFIX = re.compile(r"^[-–—]\s*\d{1,3}\s*[-–—]\s*|\s*[-–—]\s*\d{1,3}\s*[-–—]$")
_RULE = re.compile(r"^[_\-–—=]{5,}$")
_OPERATIVE_START = re.compile(r"^\s*\d{1,3}\s*[.)]\s")
# Horizontal spaces other than U+0020 (category Zs): each becomes one plain space.
_SPACES = {cp: " " for cp in (0x00A0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000)}
_DEFAULT_PAGE = re.compile(r"^\s*[-–—]\s*\d{1,3}\s*[-–—]\s*$|^\s*(?:Page|Стр\.)?\s*\d{1,3}\s*$")


@dataclass(frozen=True, slots=True)
class _FrameRegexes:
    language_line: re.Pattern[str]
    original_line: re.Pattern[str]
    page_line: re.Pattern[str]


@cache
def _frame(lex: Lexicon) -> _FrameRegexes:
    names: list[str] = []
    for c in lex.scheme("languages"):
        for labels in c.labels.values():
            names.extend(labels)
    lang_alt = "|".join(label_regex(n) for n in sorted(set(names), key=len, reverse=True))
    lang_alt = lang_alt or r"(?!x)x"
    original_labels: list[str] = []
    c = lex.get("document-parts", "original")
    if c:
        for labels in c.labels.values():
            original_labels.extend(x.rstrip(":").strip() for x in labels)
    orig_alt = (
        "|".join(label_regex(n) for n in sorted(set(original_labels), key=len, reverse=True))
        or r"Original"
    )
    page_pats = (
        [p for lang in lex.get("document-parts", "page-number").patterns.values() for p in lang]
        if lex.get("document-parts", "page-number")
        else []
    )
    page_src = "|".join([_DEFAULT_PAGE.pattern, *page_pats])
    return _FrameRegexes(
        language_line=re.compile(rf"^\s*(?:{lang_alt})\s*$", re.I),
        original_line=re.compile(rf"^\s*(?:{orig_alt})\s*:\s*(?:{lang_alt})\s*$", re.I),
        page_line=re.compile(page_src, re.I),
    )


@cache
def _conjunctions(lex: Lexicon) -> frozenset[str]:
    return frozenset(
        w.casefold()
        for c in lex.scheme("languages")
        for w in c.props.get("conjunction", ())
        if " " not in w
    )


def _classify(line: str, lex: Lexicon) -> str | None:
    """The furniture kind of a line, or None for content."""
    stripped = line.strip()
    if not stripped:
        return None
    frame = _frame(lex)
    if frame.page_line.match(stripped):
        return "page"
    if _RULE.match(stripped):
        return "rule"  # the line that separates footnotes from the text
    # A page number and the running symbol may share one line ("- 2 - PC.DEC/1107").
    bare = _PAGE_AFFIX.sub("", stripped)
    m = SYMBOL_RE.match(bare)
    if m and not bare[m.end() :].strip(" *¹²³⁴⁵⁶⁷⁸⁹⁰"):
        return "symbol"
    if frame.original_line.match(stripped):
        return "original"
    if stripped.isupper() and frame.language_line.match(stripped):
        return "language"
    if len(stripped) < 40 and is_date_line(stripped, lex):
        return "date"
    return None


def _nonblank_around(i: int, blank: list[bool], reach: int) -> list[int]:
    out: list[int] = []
    for step in (-1, 1):
        j, found = i + step, 0
        while 0 <= j < len(blank) and found < reach:
            if not blank[j]:
                out.append(j)
                found += 1
            j += step
    return out


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line, end excluding trailing white space."""
    out: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\n\f]*", text):
        if m.start() > 0 and m.start() == m.end() and text[m.start() - 1] not in "\n\f":
            continue  # finditer yields an empty match after each line
        line = m.group(0)
        out.append((m.start(), m.start() + len(line.rstrip())))
    return out


def clean(source: str, lex: Lexicon) -> Cleaned:
    """Remove page furniture and footnote bodies, rejoin cut paragraphs and words.

    ``Cleaned.raw`` is the source as given (NFC, "\\n" line ends) and every offset points
    into it. The work is done on a copy whose Unicode spaces (no-break, thin, figure …)
    are plain spaces: the same length, so offsets are shared, but "№\\u00a07/17" or
    "9.\\u00a0Requests", as word processors type them, read like their plain-space forms.
    """
    raw = unicodedata.normalize("NFC", source.replace("\r\n", "\n").replace("\r", "\n"))
    work = raw.translate(_SPACES)
    lines = _lines(work)
    kinds: list[str | None] = [_classify(work[s:e], lex) for s, e in lines]
    blank = [s == e or not work[s:e].strip() for s, e in lines]
    n = len(lines)
    # A date alone on a line is page furniture only inside a header block (next to the
    # symbol or the language lines); elsewhere it is the end of a wrapped sentence.
    for i, kind in enumerate(kinds):
        if kind != "date":
            continue
        neighbours = [kinds[j] for j in _nonblank_around(i, blank, 2)]
        if not any(k in ("symbol", "page", "language", "original") for k in neighbours):
            kinds[i] = None

    # Footnote blocks: a marker line after a blank or furniture line, running to the next
    # blank line, sitting where a page ends (mid-paragraph, before furniture, or at the end).
    footnote_of: dict[int, int] = {}  # line index -> footnote block start
    i = 0
    while i < n:
        s, e = lines[i]
        text = work[s:e]
        after_break = i == 0 or blank[i - 1] or kinds[i - 1] is not None or (i - 1) in footnote_of
        fm = _FOOTNOTE_START.match(text)
        if kinds[i] is None and after_break and fm and not _OPERATIVE_START.match(text):
            j = i + 1
            while (
                j < n
                and not blank[j]
                and kinds[j] is None
                and not _FOOTNOTE_START.match(work[lines[j][0] : lines[j][1]])
            ):
                j += 1
            nxt = j
            while nxt < n and blank[nxt]:
                nxt += 1
            prev = i - 1
            while prev >= 0 and (blank[prev] or kinds[prev] is not None or prev in footnote_of):
                prev -= 1
            prev_text = work[lines[prev][0] : lines[prev][1]] if prev >= 0 else ""
            next_text = work[lines[nxt][0] : lines[nxt][1]].lstrip() if nxt < n else ""
            mid_paragraph = bool(prev_text) and prev_text[-1] not in _TERMINAL + ","
            at_page_end = nxt >= n or kinds[nxt] is not None or work[lines[nxt][0] - 1] == "\f"
            continues = bool(next_text) and next_text[0].islower()
            following_note = nxt < n and bool(_FOOTNOTE_START.match(next_text))
            if prev >= 0 and (mid_paragraph or at_page_end or continues or following_note):
                for k in range(i, j):
                    footnote_of[k] = i
                i = j
                continue
        i += 1

    footnotes: list[FootnoteText] = []
    starts = sorted(set(footnote_of.values()))
    for st in starts:
        members = [k for k, v in footnote_of.items() if v == st]
        s0, e0 = lines[members[0]][0], lines[members[-1]][1]
        fm = _FOOTNOTE_START.match(work[lines[st][0] : lines[st][1]])
        assert fm is not None
        body = work[lines[st][0] + fm.start("t") : e0]
        footnotes.append(
            FootnoteText(fm.group("m"), re.sub(r"\s+", " ", body).strip(), Span(s0, e0))
        )

    # Words known to carry a hyphen in this document keep it when rejoined.
    hyphenated = {w.casefold() for w in re.findall(r"\w+-\w+", work)}

    out: list[str] = []
    offsets: list[int] = []
    furniture: list[Furniture] = []
    prev_kept: int | None = None
    gap_start = 0
    pending_break = False
    lifted = False  # page furniture or a footnote was taken out since the last kept line
    for idx, (s, e) in enumerate(lines):
        if idx in footnote_of:
            pending_break = lifted = True
            continue
        kind = kinds[idx]
        if kind is not None:
            furniture.append(Furniture(kind, work[s:e].strip(), Span(s, e), len(offsets)))
            pending_break = lifted = True
            continue
        if idx > 0 and work[s - 1 : s] == "\f":
            lifted = True
        if blank[idx]:
            if prev_kept is not None:
                pending_break = True
            continue
        line = work[s:e]
        if prev_kept is not None:
            ps, pe = lines[prev_kept]
            prev_line = work[ps:pe]
            first = line.lstrip()[:1]
            sep: str
            if (
                prev_line.endswith(tuple("-‐"))
                and len(prev_line) > 1
                and prev_line[-2].isalpha()
                and first.islower()
            ):
                tail = re.search(r"(\w+)[-‐]$", prev_line)
                head = re.match(r"\s*(\w+)", line)
                word = f"{tail.group(1)}-{head.group(1)}".casefold() if tail and head else ""
                if head and head.group(1).casefold() in _conjunctions(lex):
                    sep = " "  # "Frauen-\nund Kinderhandel": a suspended compound
                elif word in hyphenated and word:
                    sep = ""
                else:
                    # drop the hyphen that only split the word
                    out[-1] = out[-1][:-1]
                    offsets.pop()
                    sep = ""
                line_start = s + (len(line) - len(line.lstrip()))
                for ch_i, _ in enumerate(sep):
                    offsets.append(gap_start + ch_i)
                out.extend(sep)
                out.append(work[line_start:e])
                offsets.extend(range(line_start, e))
                prev_kept = idx
                gap_start = e
                pending_break = lifted = False
                continue
            if pending_break:
                # A paragraph cut by a page break: the line before has no closing
                # punctuation, and the text goes on in lower case, or goes on at all after
                # page furniture or a footnote was lifted out between the two halves.
                tail = prev_line.rstrip(_CLOSERS)[-1:]
                open_ended = tail not in _TERMINAL + ",–—"
                body = prev_line.strip()
                running_text = len(body) >= 40 and not body.isupper()
                joins = open_ended and (first.islower() or (lifted and running_text))
                sep = " " if joins else "\n\n"
            else:
                sep = "\n"
            line_start = s + (len(line) - len(line.lstrip())) if sep == " " else s
            for ch_i, ch in enumerate(sep):
                out.append(ch)
                offsets.append(min(gap_start + ch_i, len(work)))
        else:
            line_start = s
        out.append(work[line_start:e])
        offsets.extend(range(line_start, e))
        prev_kept = idx
        gap_start = e
        pending_break = lifted = False
    offsets.append(len(work) if not offsets else min(offsets[-1] + 1, len(work)))
    return Cleaned("".join(out), raw, tuple(offsets), tuple(footnotes), tuple(furniture))
