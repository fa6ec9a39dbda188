"""The typed records that flow between pipeline stages.

Each stage hands the next one of these dataclasses and nothing else, so a stage can be
tested, replaced or run in another process on its own. Offsets are code points in the
*cleaned* NFC text of a document (see :mod:`commitgraph.clean`), which is the text every
span, quote and RDF selector refers to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open [start, end) range in a document's cleaned text."""

    start: int
    end: int

    def slice(self, text: str) -> str:
        return text[self.start : self.end]

    def shift(self, delta: int) -> Span:
        return Span(self.start + delta, self.end + delta)


@dataclass(frozen=True, slots=True)
class SourceText:
    """What ingest produces: the text of one file, before any cleaning."""

    path: Path
    text: str
    format: str  # "text", "pdf", "docx", "html"
    encoding: str | None
    sha256: str


@dataclass(frozen=True, slots=True)
class Furniture:
    """A line of page furniture taken out of the text; ``at`` is its cleaned offset."""

    kind: str  # symbol, date, page, language, original
    text: str
    raw_span: Span
    at: int


@dataclass(frozen=True, slots=True)
class Cleaned:
    """Cleaned text plus what the cleaner took out of it.

    ``offsets[i]`` is the position in the raw (NFC) source text of cleaned character
    ``i``; one extra entry maps the end of text. Removed page furniture and footnote
    bodies are kept so that nothing read from the page is silently lost.
    """

    text: str
    raw: str
    offsets: tuple[int, ...]
    footnotes: tuple[FootnoteText, ...]
    furniture: tuple[Furniture, ...]

    def raw_span(self, span: Span) -> Span:
        """Map a span of the cleaned text back to the raw text."""
        if span.end <= span.start:
            pos = self.offsets[span.start]
            return Span(pos, pos)
        return Span(self.offsets[span.start], self.offsets[span.end - 1] + 1)


@dataclass(frozen=True, slots=True)
class FootnoteText:
    """A footnote body found in the source (marker without its trailing space)."""

    marker: str
    text: str
    raw_span: Span


@dataclass(slots=True)
class Block:
    """A span of cleaned text that the segmenter recognised as one unit."""

    kind: str
    span: Span
    text: str
    number: str | None = None  # printed number or letter, when the unit has one


@dataclass(slots=True)
class Segments:
    """The decision cut into its parts (segmentation result)."""

    header: list[Block] = field(default_factory=list)
    heading: Block | None = None  # "DECISION No. 7/17"
    title: Block | None = None
    enacting: Block | None = None  # "The Ministerial Council,"
    preamble: list[Block] = field(default_factory=list)
    operative: list[Block] = field(default_factory=list)
    # operative paragraph number -> its lettered sub-items
    subitems: dict[str, list[Block]] = field(default_factory=dict)
    attachments: list[Block] = field(default_factory=list)
    trailer: list[Block] = field(default_factory=list)  # symbol/date blocks after the body


# --- extraction record -----------------------------------------------------------------


@dataclass(slots=True)
class Mention:
    """A vocabulary concept found in a paragraph (actor, body, database)."""

    id: str
    text: str
    span: Span


@dataclass(slots=True)
class Citation:
    """An instrument a paragraph cites; ``resolved`` is False for an unlinked name."""

    id: str
    text: str
    span: Span
    resolved: bool = True


@dataclass(slots=True)
class SubParagraph:
    letter: str
    text: str
    span: Span


@dataclass(slots=True)
class PreambularParagraph:
    n: int
    opening: str
    relation: str
    text: str
    span: Span
    opening_span: Span
    cites: list[Citation] = field(default_factory=list)
    also_named: list[Citation] = field(default_factory=list)
    qualifier: str | None = None


@dataclass(slots=True)
class OperativeParagraph:
    n: int
    number: str  # as printed ("6"; "1" for a single unnumbered paragraph)
    verb: str
    action: str
    text: str
    span: Span
    verb_span: Span
    addressees: list[Mention] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    actors_involved: list[Mention] = field(default_factory=list)
    in_coordination_with: list[Mention] = field(default_factory=list)
    cites: list[Citation] = field(default_factory=list)
    also_named: list[Citation] = field(default_factory=list)
    subparagraphs: list[SubParagraph] = field(default_factory=list)


@dataclass(slots=True)
class Attachment:
    kind: str  # "interpretative_statement", "annex"
    number: int
    text: str
    span: Span
    delegation: str | None = None
    original_language: str | None = None
    title: str | None = None


@dataclass(slots=True)
class Footnote:
    marker: str
    text: str


@dataclass(slots=True)
class Meeting:
    number: int | None = None
    day: int | None = None
    journal: str | None = None
    agenda_item: int | None = None
    city: str | None = None


@dataclass(slots=True)
class DecisionRecord:
    """Everything extracted from one language version of one decision."""

    symbol: str
    symbol_as_printed: str
    body: str
    language: str
    date: str | None
    meeting: Meeting
    title: str
    title_span: Span
    preamble: list[PreambularParagraph]
    operative: list[OperativeParagraph]
    attachments: list[Attachment]
    footnotes: list[Footnote]
    number: str  # "7/17", "1107"
    source: SourceText
    clean: Cleaned
    corrects: str | None = None  # symbol of the corrected original, for a Corr.
