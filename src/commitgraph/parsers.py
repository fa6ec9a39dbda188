"""Small parsers for the formal bits of OSCE documents: symbols, dates, numbers.

Symbols follow one grammar in every language (``MC.DEC/7/17/Corr.1``, ``PC.DEC/557/Rev.1``,
``MC(8).DEC/1``): that grammar is code. Month names and ordinals differ per language: they
come from the vocabulary, so these parsers take the lexicon as an argument.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from commitgraph.vocab import Lexicon, label_regex

# Bodies that issue symbols; the Latin forms are used in every language version.
# Digits are ASCII only ([0-9], not \d): a symbol is an identifier, and "\d" would also
# take Arabic-Indic or fullwidth digits into ids that no other document spells that way.
SYMBOL_RE = re.compile(
    r"(?<![\w.])(?P<body>MC|PC|FSC)(?:\((?P<meeting>[0-9]{1,2})\))?\.(?P<kind>DEC|DOC|DEL|JOUR)"
    r"/(?P<num>[0-9]{1,4})(?:/(?P<year>[0-9]{2}))?"
    r"(?P<suffix>(?:/(?:Corr|Rev|Add)\.\s?[0-9]{1,2})*)(?![\w/])"
)


@dataclass(frozen=True, slots=True)
class Symbol:
    body: str  # MC, PC, FSC
    kind: str  # DEC, DOC …
    number: str
    year: str | None
    meeting: str | None
    corr: str | None
    rev: str | None

    @property
    def work(self) -> str:
        """The work's symbol: a Corr. is the same work, a Rev. is a document of its own."""
        base = f"{self.body}({self.meeting})" if self.meeting else self.body
        s = f"{base}.{self.kind}/{self.number}"
        if self.year:
            s += f"/{self.year}"
        if self.rev:
            s += f"/Rev.{self.rev}"
        return s

    @property
    def printed(self) -> str:
        s = self.work
        if self.corr:
            s += f"/Corr.{self.corr}"
        return s

    @property
    def corrected(self) -> str | None:
        return self.work if self.corr else None


def parse_symbol(text: str) -> Symbol | None:
    """Parse the first symbol in ``text``; None when there is none."""
    m = SYMBOL_RE.search(text)
    if not m:
        return None
    return symbol_from_match(m)


def symbol_from_match(m: re.Match[str]) -> Symbol:
    suffix = m.group("suffix") or ""
    corr = re.search(r"Corr\.\s?(\d+)", suffix)
    rev = re.search(r"Rev\.\s?(\d+)", suffix)
    return Symbol(
        body=m.group("body"),
        kind=m.group("kind"),
        number=str(int(m.group("num"))),
        year=m.group("year"),
        meeting=m.group("meeting"),
        corr=corr.group(1) if corr else None,
        rev=rev.group(1) if rev else None,
    )


def normalise_number(number: str) -> str:
    """A decision number as symbols write it: "13/04", "1107"; "013/04" -> "13/04".

    The number before the slash never has leading zeros in a symbol, the year after it
    always has two digits; removing stray zeros here keeps one decision one identifier
    whether it was read from a heading, a running header or a citation.
    """
    number = re.sub(r"\s", "", number)
    head, slash, year = number.partition("/")
    if head.isascii() and head.isdigit():
        head = str(int(head))
    return head + slash + year


def decision_symbol(body_prefix: str, number: str, suffix: str = "") -> str:
    """Build a work symbol from a decision number as printed ("13/04", "1107")."""
    number = normalise_number(number)
    s = f"{body_prefix}.DEC/{number}"
    rev = re.search(r"Rev\.\s?(\d+)", suffix)
    if rev:
        s += f"/Rev.{rev.group(1)}"
    return s


@cache
def _month_regex(lex: Lexicon) -> tuple[re.Pattern[str], re.Pattern[str], dict[str, int]]:
    forms: dict[str, int] = {}
    for c in lex.scheme("calendar"):
        try:
            month = int(c.notation)
        except ValueError:
            continue
        for labels in c.labels.values():
            for label in labels:
                forms[label.casefold().rstrip(".")] = month
    alts = "|".join(
        label_regex(f).replace(r"(?!\w)", "") + r"\.?(?!\w)"
        for f in sorted(forms, key=len, reverse=True)
    )
    day_first = re.compile(
        rf"(?<!\d)(?P<d>[0-3]?\d)(?:er|\.|st|nd|rd|th|-?го|-?е)?\s+(?:\w{{1,3}}\s+)?"
        rf"(?P<m>{alts})\s*,?\s+(?:\w{{1,3}}\s+)?(?P<y>(?:19|20)\d\d)(?!\d)",
        re.I,
    )
    month_first = re.compile(
        rf"(?P<m>{alts})\s+(?P<d>[0-3]?\d),?\s+(?P<y>(?:19|20)\d\d)(?!\d)",
        re.I,
    )
    return day_first, month_first, forms


@dataclass(frozen=True, slots=True)
class DateHit:
    iso: str
    start: int
    end: int


def find_date(text: str, lex: Lexicon) -> DateHit | None:
    """The first calendar date written out in ``text`` (any of the six languages)."""
    day_first, month_first, forms = _month_regex(lex)
    best: DateHit | None = None
    for rx in (day_first, month_first):
        m = rx.search(text)
        if not m:
            continue
        month = forms.get(re.sub(r"\s+", " ", m.group("m")).casefold().rstrip("."))
        if month is None:
            month = forms.get(m.group("m").casefold().replace("ё", "е").rstrip("."))
        day = int(m.group("d"))
        if month is None or not 1 <= day <= 31:
            continue
        hit = DateHit(f"{int(m.group('y')):04d}-{month:02d}-{day:02d}", m.start(), m.end())
        if best is None or hit.start < best.start:
            best = hit
    return best


def parse_date(text: str, lex: Lexicon) -> str | None:
    hit = find_date(text, lex)
    return hit.iso if hit else None


def is_date_line(line: str, lex: Lexicon) -> bool:
    hit = find_date(line, lex)
    if hit is None:
        return False
    rest = (line[: hit.start] + line[hit.end :]).strip()
    return rest in ("", "г.", "года", "year")
