"""Cut a cleaned decision into its parts: header, heading, title, preamble, operative
paragraphs with their sub-items, attachments.

The frame words ("DECISION No.", "The Ministerial Council,", "Attachment", openers) come
from the vocabulary; what is code here is the shape every OSCE decision shares: a header,
a numbered heading, a title in capitals, the enacting formula, participial paragraphs,
numbered operative paragraphs, then attachments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from commitgraph.errors import ExtractionError, NotADecisionError
from commitgraph.model import Block, Segments, Span
from commitgraph.parsers import normalise_number
from commitgraph.vocab import Lexicon, clean_pattern, label_regex

_NUMBERED = re.compile(r"^[ \t]*(?P<n>\d{1,3})[ \t]*\.[ \t]*(?=\S)", re.M)
_SUBITEM = re.compile(
    r"^[ \t]*(?:[-–—•·][ \t]*)?(?:\((?P<a>[a-zа-я])\)|(?P<b>[a-zа-я])\))[ \t]+(?=\S)", re.I | re.M
)
_NAMED = re.compile(r"\(\?P<[A-Za-z_]\w*>")
_MARK_NUMBER = re.compile(r"(?:\d{1,2}|[IVX]{1,4})", re.I)
_CYRILLIC_ORDER = "абвгдежзиклмнопрстуфхцчшщэюя"
_LATIN_ORDER = "abcdefghijklmnopqrstuvwxyz"


def latin_letter(letter: str) -> str:
    """Sub-item letters are recorded in Latin: Cyrillic "в)" is the third item, "c"."""
    letter = letter.lower()
    if letter in _CYRILLIC_ORDER:
        idx = _CYRILLIC_ORDER.index(letter)
        return _LATIN_ORDER[idx] if idx < len(_LATIN_ORDER) else letter
    return letter


@dataclass(frozen=True, slots=True)
class FrameRegexes:
    heading: re.Pattern[str]
    enacting: re.Pattern[str]
    attachment: re.Pattern[str]
    heading_word: re.Pattern[str]  # "DECISION No." followed by anything, for messages


@cache
def _alts(lex: Lexicon, scheme: str, notations: tuple[str, ...], lang: str) -> str:
    srcs: list[str] = []
    for notation in notations:
        c = lex.get(scheme, notation)
        if c is None:
            continue
        langs = (lang,) if lang else tuple(c.labels)
        for code in langs:
            srcs.extend(label_regex(x) for x in c.labels.get(code, ()))
            srcs.extend(_NAMED.sub("(?:", clean_pattern(p)) for p in c.patterns.get(code, ()))
    srcs = sorted(set(srcs), key=len, reverse=True)
    return "(?:" + "|".join(srcs) + ")" if srcs else r"(?!x)x"


@cache
def frame_regexes(lex: Lexicon, lang: str) -> FrameRegexes:
    heading_word = _alts(lex, "document-parts", ("decision-heading",), lang)
    sign = _alts(lex, "document-parts", ("number-sign",), "")
    bodies = tuple(c.notation for c in lex.scheme("actors") if c.prop("symbolPrefix"))
    body_alt = _alts(lex, "actors", bodies, lang)
    attach = _alts(
        lex,
        "document-parts",
        ("attachment", "annex", "interpretative-statement", "statement"),
        lang,
    )
    return FrameRegexes(
        heading=re.compile(
            rf"^[ \t]*{heading_word}[ \t]*(?:{sign})?[ \t]*"
            rf"(?P<num>[0-9]{{1,4}}(?:[ \t]*/[ \t]*[0-9]{{2}})?)"
            rf"(?P<suffix>(?:/(?:Corr|Rev)\.\s?[0-9]{{1,2}})*)"
            rf"[ \t]*(?P<mark>\*{{1,3}}|[¹²³⁴⁵⁶⁷⁸⁹])?"
            rf"[ \t]*$",
            re.I | re.M,
        ),
        enacting=re.compile(
            rf"^[ \t]*(?:\w{{1,3}}['’ \t][ \t]*)?(?P<body>{body_alt})[ \t]*[,–—:-]?[ \t]*$",
            re.I | re.M,
        ),
        heading_word=re.compile(
            rf"^[ \t]*{heading_word}[ \t]*(?:{sign})?[ \t]*\.?[ \t]*(?P<rest>\S[^\n]{{0,30}})",
            re.I | re.M,
        ),
        attachment=re.compile(
            rf"^[ \t]*\**[ \t]*(?P<marker>{attach})(?:[ \t]+(?:\d{{1,2}}|[IVX]{{1,4}}))?\b"
            rf"[^\n]{{0,160}}$",
            re.I | re.M,
        ),
    )


def _line_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        out.append((pos, stop))
        pos = stop + 1
    return out


def _trimmed(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def segment(text: str, lex: Lexicon, lang: str) -> Segments:
    rx = frame_regexes(lex, lang)
    heading = rx.heading.search(text)
    if heading is None:
        near = rx.heading_word.search(text)
        if near is not None:
            line = near.group(0).strip()
            if re.match(r"[0-9]{1,4}(?:/[0-9]{2})?(?![\w/])", near.group("rest")):
                raise ExtractionError(
                    f"the decision heading {line!r}… shares its line with other text "
                    "(the heading must stand on a line of its own)"
                )
            raise ExtractionError(
                f"the decision heading {line!r} has a number that does not parse "
                "(expected e.g. 7/17 or 1107)"
            )
        raise NotADecisionError("no decision heading (e.g. 'DECISION No. 7/17') found")
    seg = Segments()
    seg.heading = Block("heading", Span(heading.start(), heading.end()), heading.group(0).strip())
    seg.heading.number = normalise_number(heading.group("num"))

    for s, e in _line_spans(text, 0, heading.start()):
        sp = _trimmed(text, s, e)
        if sp.end > sp.start:
            seg.header.append(Block("header", sp, sp.slice(text)))

    # Title: the lines after the heading, up to a blank line or the enacting formula.
    pos = heading.end()
    title_lines: list[Span] = []
    enacting = None
    for s, e in _line_spans(text, pos + 1, len(text)):
        line = text[s:e]
        if not line.strip():
            if title_lines:
                pos = e
                break
            continue
        m = rx.enacting.match(text, s, e)
        if m:
            enacting = m
            break
        title_lines.append(_trimmed(text, s, e))
        pos = e
    if title_lines:
        span = Span(title_lines[0].start, title_lines[-1].end)
        seg.title = Block("title", span, " ".join(t.slice(text) for t in title_lines))
    if enacting is None:
        enacting = rx.enacting.search(text, pos)
    if enacting is None:
        raise NotADecisionError("no enacting formula (e.g. 'The Ministerial Council,') found")
    seg.enacting = Block(
        "enacting", _trimmed(text, enacting.start(), enacting.end()), enacting.group(0).strip()
    )
    body_start = enacting.end()

    # Attachments begin at the first marker line standing alone ("Annex", "Attachment 2",
    # "INTERPRETATIVE STATEMENT …"): short, or set in capitals, never a paragraph's text.
    body_end = len(text)
    for s, e in _line_spans(text, body_start, len(text)):
        if _marker_line(text, s, e, rx):
            body_end = s
            break

    _split_body(text, body_start, body_end, lex, lang, seg)
    if body_end < len(text):
        _split_attachments(text, body_end, rx, seg)
    if not seg.operative:
        raise ExtractionError("no operative paragraph found")
    _check_numbering(seg.operative)
    return seg


def _check_numbering(operative: list[Block]) -> None:
    """Operative paragraphs are numbered 1, 2, 3 … in every decision: a gap or a jump
    back means text was lost or shuffled (a missing page, a bad copy), and a record built
    from it would silently lack commitments."""
    previous = 0
    for block in operative:
        number = int(block.number or "0")
        if number != previous + 1:
            where = f"after paragraph {previous}" if previous else "first"
            raise ExtractionError(
                f"operative paragraph {block.number} comes {where}: numbering is not "
                "1, 2, 3 … (text lost or out of order?)"
            )
        previous = number


def _units(text: str, start: int, end: int, lex: Lexicon, lang: str) -> list[tuple[str, Span, str]]:
    """Paragraph-sized units: (kind, span, number) with kind numbered/subitem/plain."""
    units: list[tuple[str, Span, str]] = []
    cur_start: int | None = None
    cur_kind = "plain"
    cur_num = ""
    last_end = start
    prev_line_end_char = ""

    def close(at: int) -> None:
        nonlocal cur_start
        if cur_start is not None:
            sp = _trimmed(text, cur_start, at)
            if sp.end > sp.start:
                units.append((cur_kind, sp, cur_num))
        cur_start = None

    blank_before = True
    for s, e in _line_spans(text, start, end):
        line = text[s:e]
        if not line.strip():
            close(last_end)
            blank_before = True
            continue
        num = _NUMBERED.match(text, s, e)
        sub = _SUBITEM.match(text, s, e)
        starts_opener = False
        if not num and not sub and not blank_before and prev_line_end_char in ",;.:":
            first = len(line) - len(line.lstrip())
            hit = starts_with_opener(text, s + first, e, lex, lang)
            starts_opener = hit and (text[s + first].isupper() or prev_line_end_char in ",;")
        if num or sub or starts_opener or blank_before:
            close(last_end)
            cur_start = s
            if num:
                cur_kind, cur_num = "numbered", num.group("n")
            elif sub:
                cur_kind, cur_num = "subitem", (sub.group("a") or sub.group("b"))
            else:
                cur_kind, cur_num = "plain", ""
        last_end = e
        prev_line_end_char = line.rstrip()[-1:]
        blank_before = False
    close(last_end)
    return units


def starts_with_opener(text: str, pos: int, end: int, lex: Lexicon, lang: str) -> bool:
    """An opener at ``pos``, possibly after modifiers ("ferner unter Hinweis auf")."""
    mods = lex.matcher("modifiers", lang)
    openers = lex.matcher("openers", lang)
    for _ in range(4):
        if openers.match(text, pos, end) is not None:
            return True
        mod = mods.match(text, pos, end)
        if mod is None:
            return False
        pos = mod.end
        while pos < end and text[pos] in " \t\n,":
            pos += 1
    return False


def _split_body(text: str, start: int, end: int, lex: Lexicon, lang: str, seg: Segments) -> None:
    actions = lex.matcher("actions", lang)
    units = _units(text, start, end, lex, lang)
    numbered = any(k == "numbered" for k, _, _ in units)
    in_operative = False
    expected_letter: dict[str, str] = {}
    seen_numbers: set[str] = set()
    for kind, span, num in units:
        body = span.slice(text)
        if kind == "numbered":
            if num in seen_numbers:
                raise ExtractionError(f"operative paragraph {num} appears twice")
            seen_numbers.add(num)
            in_operative = True
            seg.operative.append(Block("operative", span, body, num))
            continue
        if kind == "subitem" and in_operative and seg.operative:
            parent = seg.operative[-1]
            letter = latin_letter(num)
            want = expected_letter.get(parent.number or "", "a")
            if letter == want:
                items = seg.subitems.setdefault(parent.number or "", [])
                items.append(Block("subitem", span, body, letter))
                expected_letter[parent.number or ""] = chr(ord(letter) + 1)
                _extend(seg.operative[-1], span, text)
                continue
        if in_operative and seg.operative:
            _extend(seg.operative[-1], span, text)
            items = seg.subitems.get(seg.operative[-1].number or "")
            if items and kind != "numbered":
                _extend(items[-1], span, text)
            continue
        # Preamble zone, or an unnumbered operative paragraph.
        first = body.lstrip()
        lead = span.start + (len(body) - len(first))
        if (
            not numbered
            and not starts_with_opener(text, lead, span.end, lex, lang)
            and actions.match(text, lead)
        ):
            in_operative = True
            seg.operative.append(Block("operative", span, body, "1"))
            continue
        is_opener = starts_with_opener(text, lead, span.end, lex, lang)
        prev_open = bool(seg.preamble) and seg.preamble[-1].text.rstrip()[-1:] not in ",;.:"
        if (
            seg.preamble
            and not is_opener
            and (first[:1].islower() or kind == "subitem" or prev_open)
        ):
            _extend(seg.preamble[-1], span, text)
            continue
        seg.preamble.append(Block("preamble", span, body, str(len(seg.preamble) + 1)))


def _extend(block: Block, span: Span, text: str) -> None:
    block.span = Span(block.span.start, max(block.span.end, span.end))
    block.text = block.span.slice(text)


def _marker_line(text: str, s: int, e: int, rx: FrameRegexes) -> bool:
    """A heading that opens an attachment, not a wrapped line that happens to start with
    "Erklärung …": the marker alone (with its number), or a line set in capitals."""
    line = text[s:e].strip(" \t*")
    if not line or _NUMBERED.match(text, s, e):
        return False
    m = rx.attachment.match(text, s, e)
    if m is None:
        return False
    rest = text[m.end("marker") : e].strip(" \t*:.")
    return line.isupper() or not rest or bool(_MARK_NUMBER.fullmatch(rest))


def _split_attachments(text: str, start: int, rx: FrameRegexes, seg: Segments) -> None:
    marks: list[int] = []
    for s, e in _line_spans(text, start, len(text)):
        if not _marker_line(text, s, e, rx):
            continue
        # A heading directly under a marker ("Attachment" then "INTERPRETATIVE STATEMENT")
        # belongs to the same attachment.
        if marks and len(text[marks[-1] : s].strip()) < 200:
            continue
        marks.append(s)
    if not marks:
        marks = [start]
    bounds = [*marks, len(text)]
    for i, s in enumerate(marks):
        sp = _trimmed(text, s, bounds[i + 1])
        if sp.end > sp.start:
            seg.attachments.append(Block("attachment", sp, sp.slice(text), str(i + 1)))
