"""Language knowledge, compiled from the SKOS files in ``ontology/vocab/``.

The extractor never names a verb, opener, actor or instrument in code: it asks a
:class:`Lexicon` for the concepts of a scheme and matches their labels. Labels become
regular expressions under a few fixed rules (case-insensitive, flexible white space and
apostrophes, ``" ... "`` for a discontinuous phrase), so that a new language or variant is
one more ``skos:altLabel`` in a Turtle file.

Parsing Turtle with rdflib costs about a second; the concept tables are therefore cached
as a pickle keyed by the digest of the vocabulary files, and compiled regexes are built
lazily per (scheme, language).
"""

from __future__ import annotations

import os
import pickle
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from itertools import chain
from pathlib import Path

from commitgraph.resources import files_digest, vocab_files

LANGUAGES: tuple[str, ...] = ("en", "fr", "ru", "de", "es", "it")

CG = "https://w3id.org/commitgraph/ontology#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
CGID = "https://w3id.org/commitgraph/id/"

# A discontinuous label ("fordert ... auf") lets this much text stand in the gap, never
# crossing the end of a clause: the gap holds the addressee, not the next sentence.
_GAP = r"\s(?:[^.;:\n]{0,160}?\s)??"
_HYPHENS = "-‐‑–"
_APOSTROPHES = "'’ʼ`"


@dataclass(frozen=True, slots=True)
class Concept:
    """One SKOS concept, reduced to plain data (picklable, hashable by IRI)."""

    iri: str
    scheme: str
    notation: str
    labels: dict[str, tuple[str, ...]]  # language -> prefLabel first, then altLabels
    patterns: dict[str, tuple[str, ...]]
    examples: dict[str, tuple[str, ...]]
    props: dict[str, tuple[str, ...]]  # other cg:/dcterms:/skos: values by local name

    def __hash__(self) -> int:
        return hash(self.iri)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Concept) and other.iri == self.iri

    def label(self, lang: str = "en") -> str:
        for code in (lang, "en", *LANGUAGES):
            if self.labels.get(code):
                return self.labels[code][0]
        return self.notation

    def prop(self, name: str, default: str | None = None) -> str | None:
        values = self.props.get(name)
        return values[0] if values else default

    def flag(self, name: str) -> bool:
        return (self.prop(name) or "").lower() in {"true", "1"}

    @property
    def identifier(self) -> str:
        return self.prop("identifier") or self.notation


@dataclass(frozen=True, slots=True)
class Hit:
    """A concept recognised at [start, end) of a string."""

    concept: Concept
    start: int
    end: int
    text: str
    groups: dict[str, str] = field(default_factory=dict)

    def contains(self, other: Hit) -> bool:
        return self.start <= other.start and other.end <= self.end and self != other


@cache
def label_regex(label: str) -> str:
    """Translate a label into the regular expression that recognises it in running text.

    Cached: the extractor asks again for the parts of discontinuous verbs in every
    operative paragraph."""
    phrases = [p for p in re.split(r"\s*\.\.\.\s*|\s*…\s*", label.strip()) if p]
    body = _GAP.join(_phrase_regex(p) for p in phrases)
    head = r"(?<!\w)" if phrases and phrases[0][0].isalnum() else ""
    tail = r"(?!\w)" if phrases and phrases[-1][-1].isalnum() else ""
    return head + body + tail


def _phrase_regex(phrase: str) -> str:
    out: list[str] = []
    prev_space = False
    for ch in phrase:
        if ch.isspace():
            if not prev_space:
                out.append(r"\s+")
            prev_space = True
            continue
        prev_space = False
        if ch in _APOSTROPHES:
            out.append("['’ʼ`]")
        elif ch in _HYPHENS:
            out.append(r"[-‐‑–]\s*")
        elif ch in "ёЁ":
            out.append("[ёеЁЕ]")
        elif ch in "еЕ":
            out.append("[еёЕЁ]")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _fold(text: str) -> str:
    return text.casefold().replace("ё", "е")


#: A label's word is required by its first letters only: enough to tell words apart, and
#: a set of short keys is cheaper to build per paragraph.
_WORD_PREFIX = 6
_LETTERS = re.compile(r"[^\W\d_]+")

#: What a text needs for an alternative to match: the words of a label, or the literal
#: anchor of a pattern (None: no requirement can be read off the pattern).
_Need = frozenset[str] | str | None
_WordIndex = tuple[
    dict[str, tuple[int, ...]], list[int], tuple[int, ...], list[tuple[int, str | None]]
]


@lru_cache(maxsize=64)
def _words(text: str, pos: int, end: int) -> tuple[str, frozenset[str]]:
    """text[pos:end] case-folded, and its words as labels require them. Cached: every
    scheme's matcher asks for the same paragraph in turn."""
    folded = _fold(text[pos:end])
    return folded, frozenset(w[:_WORD_PREFIX] for w in _LETTERS.findall(folded))


def _label_words(label: str) -> frozenset[str]:
    """The case-folded words (runs of letters) of a label, cut to their first letters."""
    return frozenset(w[:_WORD_PREFIX] for w in _LETTERS.findall(_fold(label)))


def _pattern_anchor(pattern: str) -> str | None:
    """A literal run of letters that every match of ``pattern`` contains, if one can be
    read off safely: outside groups and classes, not before a quantifier, no top-level
    alternation. None when the pattern gives no such guarantee."""
    runs: list[str] = []
    run: list[str] = []
    depth = 0
    i = 0
    in_class = False

    def close() -> None:
        if run:
            runs.append("".join(run))
            run.clear()

    while i < len(pattern):
        ch = pattern[i]
        if in_class:
            if ch == "\\":
                i += 1
            elif ch == "]":
                in_class = False
            i += 1
            continue
        if ch == "\\":
            close()
            i += 2
            continue
        if ch == "[":
            close()
            in_class = True
        elif ch == "(":
            close()
            depth += 1
        elif ch == ")":
            close()
            depth -= 1
        elif ch == "|" and depth == 0:
            return None
        elif ch in "?*{":
            if run:
                run.pop()  # the letter before a quantifier is optional
            close()
        elif depth == 0 and ch.isalpha():
            run.append(ch)
        else:
            close()
        i += 1
    close()
    runs = [r for r in runs if len(r) >= 3]
    if not runs:
        return None
    return _fold(max(runs, key=len))[:6]


_NAMED_GROUP = re.compile(r"\(\?P<[A-Za-z_]\w*>")
_INLINE_FLAGS = re.compile(r"^\(\?[aiLmsux]+\)")


@cache
def compiled(pattern: str, flags: int = re.I) -> re.Pattern[str]:
    """``re.compile`` with an unbounded cache: the matchers build more distinct patterns
    than the ``re`` module's own cache keeps, and recompiling them dominated run time."""
    return re.compile(pattern, flags)


def clean_pattern(pattern: str) -> str:
    """Drop leading inline flags: every pattern is compiled case-insensitive anyway, and
    a flag group cannot stand inside the alternations the matchers build."""
    return _INLINE_FLAGS.sub("", pattern)


def _is_acronym(label: str) -> bool:
    return 2 <= len(label) <= 10 and label.isupper() and " " not in label


class Matcher:
    """Recognises the concepts of one scheme in one language.

    ``scan`` returns non-overlapping hits, leftmost first and longest at equal start, the
    way a reader takes "Demande instamment" as one verb and not "Demande" plus an adverb.
    ``hits`` returns every concept's matches independently, overlaps included, for
    callers that resolve nesting with vocabulary relations (``skos:broader``).
    """

    def __init__(self, concepts: Iterable[Concept], lang: str) -> None:
        self.lang = lang
        self.concepts = tuple(concepts)
        alternatives: list[tuple[int, str, int]] = []
        # Each concept's labels and patterns, with what a text must contain for each to
        # match there (see ``possible``); their regexes are compiled for the alternatives a
        # text makes possible, the first time that set is met.
        self._alternatives: list[tuple[tuple[str, _Need], ...]] = []
        self._per_concept: dict[tuple[int, tuple[int, ...]], re.Pattern[str]] = {}
        for idx, concept in enumerate(self.concepts):
            sources: list[str] = []
            alts: list[tuple[str, _Need]] = []
            for text in self._labels(concept):
                source = label_regex(text)
                sources.append(source)
                alts.append((source, _label_words(text)))
            for pat in concept.patterns.get(lang, ()):
                source = clean_pattern(pat)
                sources.append(source)
                alts.append((_NAMED_GROUP.sub("(?:", source), _pattern_anchor(source)))
            self._alternatives.append(tuple(alts))
            for src in sources:
                alternatives.append((len(src), _NAMED_GROUP.sub("(?:", src), idx))
        alternatives.sort(key=lambda a: (-a[0], a[2]))
        # One named group per alternative; the group number leads back to the concept.
        self._group_concept = [idx for _, _, idx in alternatives]
        self._combined = (
            re.compile(
                "|".join(f"(?P<g{k}>{src})" for k, (_, src, _) in enumerate(alternatives)), re.I
            )
            if alternatives
            else None
        )

    def _labels(self, concept: Concept) -> Iterator[str]:
        seen: set[str] = set()
        for text in concept.labels.get(self.lang, ()):
            if text not in seen:
                seen.add(text)
                yield text
        for lang, texts in concept.labels.items():
            if lang == self.lang:
                continue
            for text in texts:
                if _is_acronym(text) and text not in seen:
                    seen.add(text)
                    yield text

    def _hit(self, m: re.Match[str]) -> Hit:
        name = m.lastgroup or ""
        # lastgroup names the outermost group that closed last: our alternative's group.
        idx = self._group_concept[int(name[1:])]
        concept = self.concepts[idx]
        span = m.span(name)
        return Hit(concept, span[0], span[1], m.string[span[0] : span[1]])

    def scan(self, text: str, pos: int = 0, endpos: int | None = None) -> list[Hit]:
        if self._combined is None:
            return []
        end = len(text) if endpos is None else endpos
        return [self._hit(m) for m in self._combined.finditer(text, pos, end)]

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> Hit | None:
        """The longest concept label starting exactly at ``pos``."""
        if self._combined is None:
            return None
        end = len(text) if endpos is None else endpos
        m = self._combined.match(text, pos, end)
        return self._hit(m) if m else None

    @cached_property
    def _word_index(self) -> _WordIndex:
        """Word -> the labels that contain it; how many distinct words each label needs;
        the labels without a word; and the patterns with their anchors. Alternatives are
        numbered across concepts, in order (see ``_owner``)."""
        index: dict[str, list[int]] = defaultdict(list)
        needed: list[int] = []
        patterns: list[tuple[int, str | None]] = []
        number = 0
        for alts in self._alternatives:
            for _, need in alts:
                if isinstance(need, frozenset):
                    for w in need:
                        index[w].append(number)
                    needed.append(len(need))
                else:
                    patterns.append((number, need))
                    needed.append(-1)
                number += 1
        free = tuple(n for n, need in enumerate(needed) if need == 0)
        return {w: tuple(v) for w, v in index.items()}, needed, free, patterns

    @cached_property
    def _owner(self) -> list[tuple[int, int]]:
        """(concept, position among its alternatives) of every numbered alternative."""
        return [(idx, k) for idx, alts in enumerate(self._alternatives) for k in range(len(alts))]

    def prepare(self) -> None:
        """Build the word index now (before forking workers that share it).

        The regexes themselves are compiled by each worker for the sets of labels its
        texts make possible: compiling every concept's whole set beforehand took 0.5 s
        of every build's start, for 109 of the 2,352 sets used on 1,000 decisions (and
        586 other sets compiled anyway)."""
        _ = (self._word_index, self._owner)

    def _regex(self, idx: int, chosen: tuple[int, ...]) -> re.Pattern[str]:
        rx = self._per_concept.get((idx, chosen))
        if rx is None:
            alts = self._alternatives[idx]
            source = "|".join(f"(?:{alts[k][0]})" for k in chosen)
            rx = self._per_concept[(idx, chosen)] = re.compile(source, re.I)
        return rx

    def possible(
        self, text: str, pos: int = 0, endpos: int | None = None
    ) -> dict[int, tuple[int, ...]]:
        """Per concept, the alternatives that can match in text[pos:endpos].

        A label is literal but for its spacing, hyphens and apostrophes, so each of its
        words is a whole word of any text it matches: a label is possible only if every
        one of its words is among the text's. (Checking one fragment per concept, as we
        did before, let common words like "trafficking" wake most instruments in every
        paragraph, and each woken regex scans the paragraph at about 0.15 µs a character.)
        A ``cg:pattern`` is possible when its literal anchor occurs, or always without one.
        """
        end = len(text) if endpos is None else endpos
        folded, words = _words(text, pos, end)
        index, needed, free, patterns = self._word_index
        counts = Counter(chain.from_iterable(index.get(w, ()) for w in words))
        counts.update(dict.fromkeys(free, 0))
        chosen = [n for n, c in counts.items() if c == needed[n]]
        chosen += [n for n, anchor in patterns if anchor is None or anchor in folded]
        out: dict[int, list[int]] = defaultdict(list)
        owner = self._owner
        for n in sorted(chosen):
            idx, k = owner[n]
            out[idx].append(k)
        return {idx: tuple(v) for idx, v in out.items()}

    def hits(self, text: str, pos: int = 0, endpos: int | None = None) -> list[Hit]:
        end = len(text) if endpos is None else endpos
        out: list[Hit] = []
        for idx, chosen in sorted(self.possible(text, pos, end).items()):
            concept, rx = self.concepts[idx], self._regex(idx, chosen)
            for m in rx.finditer(text, pos, end):
                if m.end() > m.start():
                    groups = {k: v for k, v in m.groupdict().items() if v is not None}
                    out.append(Hit(concept, m.start(), m.end(), m.group(0), groups))
        out.sort(key=lambda h: (h.start, -h.end, h.concept.notation))
        return out


@dataclass(eq=False)
class Lexicon:
    """All vocabulary concepts, indexed by scheme, with matchers built on demand."""

    concepts: dict[str, Concept]
    digest: str
    _matchers: dict[tuple[str, str, str], Matcher] = field(default_factory=dict, repr=False)

    @cached_property
    def by_scheme(self) -> dict[str, tuple[Concept, ...]]:
        groups: dict[str, list[Concept]] = defaultdict(list)
        for c in self.concepts.values():
            groups[c.scheme].append(c)
        return {k: tuple(sorted(v, key=lambda c: c.iri)) for k, v in groups.items()}

    def scheme(self, name: str) -> tuple[Concept, ...]:
        return self.by_scheme.get(name, ())

    @cached_property
    def _notation_index(self) -> dict[tuple[str, str], Concept]:
        return {(c.scheme, c.notation): c for c in self.concepts.values()}

    def get(self, scheme: str, notation: str) -> Concept | None:
        return self._notation_index.get((scheme, notation))

    def matcher(self, scheme: str, lang: str, *, where: str = "") -> Matcher:
        """A matcher over a scheme, optionally only the concepts whose notations are
        listed in ``where`` (comma separated)."""
        key = (scheme, lang, where)
        m = self._matchers.get(key)
        if m is None:
            concepts = self.scheme(scheme)
            if where:
                wanted = set(where.split(","))
                concepts = tuple(c for c in concepts if c.notation in wanted)
            m = self._matchers[key] = Matcher(concepts, lang)
        return m

    def patterns(self, scheme: str, notation: str, lang: str) -> list[re.Pattern[str]]:
        """The compiled ``cg:pattern``s of one concept (with their named groups)."""
        c = self.get(scheme, notation)
        if c is None:
            return []
        return [compiled(clean_pattern(p), re.I | re.M) for p in c.patterns.get(lang, ())]

    def labels(self, scheme: str, notation: str, lang: str) -> tuple[str, ...]:
        c = self.get(scheme, notation)
        return c.labels.get(lang, ()) if c else ()

    def alternation(self, scheme: str, notation: str, lang: str) -> str:
        """One regex source matching any label or pattern of a concept (no groups)."""
        c = self.get(scheme, notation)
        if c is None:
            return r"(?!x)x"
        srcs = [label_regex(t) for t in c.labels.get(lang, ())]
        srcs += [_NAMED_GROUP.sub("(?:", clean_pattern(p)) for p in c.patterns.get(lang, ())]
        srcs.sort(key=len, reverse=True)
        return "(?:" + "|".join(srcs) + ")" if srcs else r"(?!x)x"


def _local(iri: str) -> str:
    for sep in ("#", "/"):
        if sep in iri:
            iri = iri.rsplit(sep, 1)[1]
    return iri


def _parse(paths: list[Path]) -> dict[str, Concept]:
    import rdflib
    from rdflib.namespace import RDF

    g = rdflib.Graph()
    for p in paths:
        g.parse(p, format="turtle")
    concept_type = rdflib.URIRef(SKOS + "Concept")
    out: dict[str, Concept] = {}
    for s in sorted(set(g.subjects(RDF.type, concept_type))):
        labels: dict[str, list[str]] = defaultdict(list)
        patterns: dict[str, list[str]] = defaultdict(list)
        examples: dict[str, list[str]] = defaultdict(list)
        props: dict[str, list[str]] = defaultdict(list)
        scheme = ""
        notation = ""
        pref: dict[str, list[str]] = defaultdict(list)
        for p, o in sorted(g.predicate_objects(s)):
            ps = str(p)
            lang = getattr(o, "language", None) or ""
            if ps == SKOS + "prefLabel":
                pref[lang].append(str(o))
            elif ps == SKOS + "altLabel":
                labels[lang].append(str(o))
            elif ps == SKOS + "notation":
                notation = str(o)
            elif ps == SKOS + "inScheme":
                scheme = _local(str(o))
            elif ps == CG + "pattern":
                patterns[lang].append(str(o))
            elif ps == SKOS + "example":
                examples[lang].append(str(o))
            elif ps.startswith((CG, DCTERMS, SKOS)):
                if ps in (CG + "addresseeScopedLabel", CG + "anaphor"):
                    props[_local(ps) + "@" + lang].append(str(o))
                props[_local(ps)].append(str(o))
        all_labels = {
            lang: tuple(dict.fromkeys(pref.get(lang, []) + labels.get(lang, [])))
            for lang in set(pref) | set(labels)
        }
        out[str(s)] = Concept(
            iri=str(s),
            scheme=scheme,
            notation=notation or _local(str(s)),
            labels=all_labels,
            patterns={k: tuple(v) for k, v in patterns.items()},
            examples={k: tuple(v) for k, v in examples.items()},
            props={k: tuple(v) for k, v in props.items()},
        )
    return out


def cache_dir() -> Path:
    """Where commitgraph keeps what it can rebuild: compiled lexicons, loaded networks."""
    base = os.environ.get("COMMITGRAPH_CACHE") or os.environ.get("XDG_CACHE_HOME")
    return Path(base) / "commitgraph" if base else Path.home() / ".cache" / "commitgraph"


@cache
def lexicon() -> Lexicon:
    """The process-wide lexicon, parsed once and cached on disk between runs."""
    paths = vocab_files()
    digest = files_digest(paths)
    cache_file = cache_dir() / f"lexicon-{digest[:16]}.pickle"
    try:
        with cache_file.open("rb") as fh:
            concepts = pickle.load(fh)
    except (OSError, pickle.PickleError, EOFError, AttributeError):
        concepts = _parse(paths)
        try:
            cache_file.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache_file.with_suffix(f".{os.getpid()}.tmp")
            with tmp.open("wb") as fh:
                pickle.dump(concepts, fh, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(cache_file)
        except OSError:
            pass  # a read-only home only costs the parse next time
    return Lexicon(concepts=concepts, digest=digest)
