"""From segments to a :class:`DecisionRecord`: who is asked to do what, citing what.

Every decision rests on vocabulary lookups (openers, verbs, actors, instruments) plus a
few structural rules that hold in all six languages:

* the addressees of an operative paragraph are the actors that stand right after its
  verb (or inside a German separable verb's gap), chained by commas and conjunctions;
* an instrument named inside another instrument's name is named, not cited
  (the Convention inside "Optional Protocol to the Convention on the Rights of the Child");
* a decision cited by number belongs to the body named next to it, else to the body its
  number format implies (``13/04`` is a Ministerial Council number, ``557`` a Permanent
  Council one).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from commitgraph.clean import clean
from commitgraph.errors import ExtractionError, NotADecisionError
from commitgraph.model import (
    Attachment,
    Block,
    Citation,
    Cleaned,
    DecisionRecord,
    Footnote,
    Meeting,
    Mention,
    OperativeParagraph,
    PreambularParagraph,
    Segments,
    SourceText,
    Span,
    SubParagraph,
)
from commitgraph.parsers import SYMBOL_RE, decision_symbol, find_date, symbol_from_match
from commitgraph.segment import _alts, segment
from commitgraph.vocab import (
    LANGUAGES,
    Concept,
    Hit,
    Lexicon,
    clean_pattern,
    compiled,
    label_regex,
    lexicon,
)

_FOOTNOTE_MARK = re.compile(r"(?<=[^\d\s])(?:\*{1,3}|[¹²³⁴⁵⁶⁷⁸⁹]|\d{1,2})$")
_WORD = re.compile(r"\w+", re.U)
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_LATIN = re.compile("[A-Za-z]")
# How far a supplementing instrument's parent may follow it and still be part of its title.
_SUPPLEMENT_WINDOW = 120
_BODY_CONTEXT_BEFORE = 80
_BODY_CONTEXT_AFTER = 220


# --- language -------------------------------------------------------------------------


@cache
def _marker_index(lex: Lexicon) -> dict[str, str]:
    """Function word -> language (the vocabulary keeps the six lists disjoint)."""
    return {
        m.casefold(): c.notation for c in lex.scheme("languages") for m in c.props.get("marker", ())
    }


@cache
def _vocabulary_words(lex: Lexicon) -> dict[str, frozenset[str]]:
    """Language -> the (casefolded) words of every label the vocabulary gives in it."""
    words: dict[str, set[str]] = {}
    for concept in lex.concepts.values():
        for code, labels in concept.labels.items():
            bucket = words.setdefault(code, set())
            for label in labels:
                bucket.update(w.casefold() for w in _WORD.findall(label))
    return {code: frozenset(ws) for code, ws in words.items()}


# Letters that none of the six languages writes (whole scripts, too). A text full of them
# is in another language, however many function words it shares with one of the six:
# Portuguese has most Spanish ones, Ukrainian many Russian ones. Names ("Łódź", "Šefčovič")
# bring a few; a text in such a language brings them on every line.
_FOREIGN_LETTERS = re.compile(
    "["
    "ãõ"  # Portuguese
    "ąćęłńśźż"  # Polish
    "åø"  # Danish, Norwegian, Swedish
    "čďěňřšťůýžľĺŕđ"  # Czech, Slovak, Slovene, Croatian, Serbian
    "ășşțţğı"  # Romanian, Turkish
    "őű"  # Hungarian
    "āēīūķļņģėįų"  # Latvian, Lithuanian
    "іїєґўђјљњћџѓќѕәғқңөұүһ"  # Ukrainian, Belarusian, Serbian, Macedonian, Kazakh
    "\u0370-\u03ff"  # Greek
    "\u0530-\u058f"  # Armenian
    "\u0590-\u06ff"  # Hebrew, Arabic
    "\u10a0-\u10ff"  # Georgian
    "\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af"  # Japanese, Chinese, Korean
    "]"
)
# At least this share of the letters, and this many, before a text counts as foreign.
_FOREIGN_SHARE = 0.005
_FOREIGN_MIN = 8
_UNKNOWN = "not in a language commitgraph reads (en, fr, ru, de, es, it)"


def detect_language(text: str, lex: Lexicon) -> str:
    """The language whose function words are most frequent in ``text``.

    A text in another language is refused rather than guessed: a guess would send it
    through the wrong language's vocabulary and into the graph as wrong facts (or refuse
    it later for a cause that hides the real one).
    """
    sample = text[:6000]
    cyrillic = len(_CYRILLIC.findall(sample))
    latin = len(_LATIN.findall(sample))
    letters = sum(map(str.isalpha, sample)) or 1
    foreign = _FOREIGN_LETTERS.findall(sample.casefold())
    if len(foreign) >= _FOREIGN_MIN and len(foreign) / letters >= _FOREIGN_SHARE:
        shown = ", ".join(sorted(set(foreign))[:8])
        raise NotADecisionError(f"{_UNKNOWN}: it writes letters none of them uses ({shown})")
    words = [w.casefold() for w in _WORD.findall(sample)]
    counts: dict[str, int] = dict.fromkeys(_marker_index(lex).values(), 0)
    index = _marker_index(lex)
    for w in words:
        code = index.get(w)
        if code is not None:
            counts[code] += 1
    total = len(words) or 1
    if cyrillic > latin and "ru" in counts:
        # Bulgarian is written in the Russian alphabet but never uses "ы", and "ъ",
        # rare in Russian, is one of its most frequent letters.
        lower = sample.casefold()
        no_yery = lower.count("ы") < 0.002 * cyrillic
        many_hard_signs = lower.count("ъ") >= 0.005 * cyrillic
        if cyrillic >= 200 and no_yery and many_hard_signs:
            raise NotADecisionError(
                f"{_UNKNOWN}: Cyrillic text that is not Russian (no 'ы', frequent 'ъ')"
            )
        # A short decision (heading, one paragraph) has few function words; the words of
        # the vocabulary (its body, its opener, its verb) speak for it as well.
        known = _vocabulary_words(lex).get("ru", frozenset())
        russian = counts["ru"] + sum(1 for w in words if w in known)
        if russian / total < 0.03:
            raise NotADecisionError(f"{_UNKNOWN}: Cyrillic text with few Russian words")
        return "ru"
    if not counts or max(counts.values()) == 0:
        raise NotADecisionError(f"cannot tell the language: {_UNKNOWN}")
    best = max(sorted(counts), key=lambda k: counts[k])
    if counts[best] / total < 0.03:
        raise NotADecisionError(f"cannot tell the language: {_UNKNOWN}")
    return best


# --- header ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _HeaderRegexes:
    journal: re.Pattern[str]
    agenda: list[re.Pattern[str]]
    numbered_meeting: re.Pattern[str]
    plenary: re.Pattern[str]


@cache
def _header_regexes(lex: Lexicon, lang: str) -> _HeaderRegexes:
    journal = _alts(lex, "document-parts", ("journal",), "")
    sign = _alts(lex, "document-parts", ("number-sign",), "")
    meeting = _alts(lex, "document-parts", ("meeting", "plenary-meeting"), "")
    plenary = _alts(lex, "document-parts", ("plenary-meeting",), "")
    agenda = [
        re.compile(p, re.I)
        for code in LANGUAGES
        for p in (
            lex.get("document-parts", "agenda-item").patterns.get(code, ())
            if lex.get("document-parts", "agenda-item")
            else ()
        )
    ]
    return _HeaderRegexes(
        journal=re.compile(
            rf"(?P<abbr>[A-ZА-ЯЁ]{{2,3}})(?:\s*\((?P<mtg>\d{{1,3}})\))?(?:\.JOUR/(?P<pj>\d+))?"
            rf"[,.]?\s*(?:{journal})?\s*(?:{sign})?\s*(?P<j>\d{{1,4}})?",
        ),
        agenda=agenda,
        numbered_meeting=re.compile(
            rf"(?<!\d)(?P<n>\d{{1,4}})\s*(?:st|nd|rd|th|e|er|ème|ª|º|a|o|-?[еяйго]{{1,2}}|\.)?"
            rf"\s+(?:\w+\s+)?{meeting}",
            re.I,
        ),
        plenary=re.compile(
            rf"(?<!\d)(?P<n>\d{{2,4}})\s*(?:st|nd|rd|th|e|er|ème|ª|º|a|o|-?[еяйго]{{1,2}}|\.)?"
            rf"\s+(?:\w+\s+)?{plenary}",
            re.I,
        ),
    )


@cache
def _ordinal_forms(lex: Lexicon) -> dict[str, int]:
    """Every written form of every ordinal (all languages), normalised, to its number."""
    forms: dict[str, int] = {}
    for c in lex.scheme("ordinals"):
        try:
            n = int(c.notation)
        except ValueError:
            continue
        for labels in c.labels.values():
            for label in labels:
                forms.setdefault(_norm_words(label), n)
    return forms


def _norm_words(text: str) -> str:
    return " ".join(re.findall(r"[^\W\d_]+", text.casefold().replace("ё", "е")))


def _ordinal_near(text: str, word_rx: str, lex: Lexicon, lang: str) -> int | None:
    """The ordinal written in words next to a frame word ("vingt-quatrième Réunion",
    "двадцать четвертого заседания", "Second day"): the one, two or three words before
    the frame word (or after it) looked up among the vocabulary's ordinal forms."""
    forms = _ordinal_forms(lex)
    for m in compiled(word_rx).finditer(text):
        before = re.findall(r"[^\W\d_][\w-]*", text[: m.start()])[-3:]
        after = re.findall(r"[^\W\d_][\w-]*", text[m.end() :])[:3]
        for words in (before[-3:], before[-2:], before[-1:], after[:3], after[:2], after[:1]):
            n = forms.get(_norm_words(" ".join(words))) if words else None
            if n is not None:
                return n
    return None


def _parse_header(
    seg: Segments, text: str, lex: Lexicon, lang: str, body: Concept | None
) -> Meeting:
    header = "\n".join(b.text for b in seg.header)
    meeting = Meeting()
    rx = _header_regexes(lex, lang)
    meeting_word = _alts(lex, "document-parts", ("meeting",), lang)
    day_word = _alts(lex, "document-parts", ("day",), lang)
    plenary_word = _alts(lex, "document-parts", ("plenary-meeting",), lang)
    is_pc = body is not None and body.prop("symbolPrefix") == "PC"
    for line in header.splitlines():
        if meeting.day is None:
            meeting.day = _ordinal_near(line, day_word, lex, lang)
        if meeting.number is None and not is_pc:
            meeting.number = _ordinal_near(line, meeting_word, lex, lang)
        if is_pc and meeting.number is None:
            m = rx.plenary.search(line)
            if m:
                meeting.number = int(m.group("n"))
            else:
                n = _ordinal_near(line, plenary_word, lex, lang)
                meeting.number = n
        for arx in rx.agenda:
            am = arx.search(line)
            if am and meeting.agenda_item is None:
                meeting.agenda_item = int(am.group("n"))
    abbreviations = {
        a.casefold(): c for c in lex.scheme("actors") for a in c.props.get("abbreviation", ())
    }
    for m in rx.journal.finditer(header):
        owner = abbreviations.get(m.group("abbr").casefold())
        if owner is None:
            continue
        if m.group("mtg") and meeting.number is None and not is_pc:
            meeting.number = int(m.group("mtg"))
        j = m.group("j") or m.group("pj")
        if j:
            prefix = owner.prop("symbolPrefix") or m.group("abbr")
            mtg = f"({m.group('mtg')})" if m.group("mtg") else ""
            meeting.journal = f"{prefix}{mtg} Journal No. {int(j)}"
            if is_pc and meeting.number is None:
                meeting.number = int(j)
        break
    if meeting.number is None and not is_pc:
        m = rx.numbered_meeting.search(header)
        if m:
            meeting.number = int(m.group("n"))
    for hit in lex.matcher("places", lang).scan(header):
        meeting.city = hit.concept.prop("exonym") or hit.concept.label("en")
        break
    return meeting


# --- actors ---------------------------------------------------------------------------


def _narrower_of(lex: Lexicon) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for c in lex.scheme("actors"):
        for b in c.props.get("broader", ()):
            out.setdefault(b, set()).add(c.iri)
    return out


def actor_hits(text: str, start: int, end: int, lex: Lexicon, lang: str) -> list[Hit]:
    """Actor matches in [start, end), a broader actor inside a narrower one dropped
    ("participating States" inside "participating States that have not yet done so")."""
    hits = lex.matcher("actors", lang).hits(text, start, end)
    narrower = _narrower_of(lex)
    kept: list[Hit] = []
    for h in hits:
        shadowing = narrower.get(h.concept.iri, set())
        if any(o.concept.iri in shadowing and o.start < h.end and h.start < o.end for o in hits):
            continue
        if any(o.concept == h.concept and o.contains(h) for o in hits):
            continue
        kept.append(h)
    return kept


def _is_filler(gap: str, markers: frozenset[str]) -> bool:
    """Only articles, short function words and punctuation stand between verb and actor."""
    if len(gap) > 60:
        return False
    for w in _WORD.findall(gap):
        if len(w) > 5 and w.casefold() not in markers:
            return False
    return not re.search(r"[;:.]", gap)


@cache
def _markers(lex: Lexicon, lang: str) -> frozenset[str]:
    c = lex.get("languages", lang)
    return frozenset(m.casefold() for m in (c.props.get("marker", ()) if c else ()))


@cache
def _conjunctions(lex: Lexicon, lang: str) -> re.Pattern[str]:
    c = lex.get("languages", lang)
    words = sorted(c.props.get("conjunction", ()) if c else (), key=len, reverse=True)
    if not words:
        return re.compile(r"(?!x)x")
    return re.compile("|".join(label_regex(w) for w in words), re.I)


def _addressees(
    text: str, zone_start: int, zone_end: int, hits: list[Hit], lex: Lexicon, lang: str
) -> list[Hit]:
    """The actors right after the verb, joined as a list ("A, B and C").

    A link made by a comma alone is only kept when a conjunction closes the list later;
    otherwise the comma opens an incise ("Tasks the structures, the participating States
    being …") and the list ends before it."""
    markers = _markers(lex, lang)
    conj = _conjunctions(lex, lang)
    chain: list[Hit] = []
    joined_by_conj: list[bool] = []
    cursor = zone_start
    for h in sorted(hits, key=lambda h: (h.start, -h.end)):
        if h.start < cursor or h.start >= zone_end:
            continue
        gap = text[cursor : h.start]
        if _is_filler(gap, markers):
            chain.append(h)
            joined_by_conj.append(bool(conj.search(gap)) or not chain[:-1])
            cursor = h.end
        else:
            break
    keep = len(chain)
    for i in range(1, len(chain)):
        if not joined_by_conj[i] and not any(joined_by_conj[i + 1 :]):
            keep = i
            break
    return chain[:keep]


# --- citations ------------------------------------------------------------------------


@dataclass(slots=True)
class _Cand:
    id: str
    start: int
    end: int
    text: str
    resolved: bool = True
    supplements: tuple[str, ...] = ()
    decision_ref: bool = False  # cited by number: a title may follow ("… on the Action Plan")
    anaphor: bool = False  # a short back-reference, only where nothing longer names it


@cache
def _decision_ref_regex(lex: Lexicon, lang: str) -> re.Pattern[str]:
    word = _alts(lex, "document-parts", ("decision-word", "decision-heading"), lang)
    word = word.replace(r"(?<!\w)", "")  # compounds: "Ministerratsbeschluss"
    sign = _alts(lex, "document-parts", ("number-sign",), "")
    num = r"[0-9]{1,4}(?:\s?/\s?[0-9]{2})?(?:/(?:Corr|Rev)\.\s?[0-9]{1,2})*(?![\d/])"
    c = lex.get("languages", lang)
    conj = "|".join(label_regex(w) for w in (c.props.get("conjunction", ()) if c else ()))
    joiner = rf"(?:,\s*(?:{conj})?|{conj})" if conj else ","
    # "Decision No. 13/04", "Decisions Nos. 2/03, 3/06 and 5/08", and with the body named
    # in between when a number sign follows ("Решение Совета министров № 13/04"). German
    # compounds carry the body inside the word ("Ministerratsbeschluss Nr. 1"). Numbers
    # of a list are joined by commas and conjunctions only, so "No. 557 of 24 July 2003"
    # is one number.
    return re.compile(
        rf"(?<!\w)(?P<pre>\w*?){word}(?:(?P<between>\s+[^\d;:,.()]{{1,48}}?)\s*(?={sign}))?"
        rf"\s*(?:{sign})?\s*(?P<nums>{num}(?:\s*{joiner}\s*(?:{sign})?\s*{num})*)",
        re.I,
    )


@cache
def _body_regexes(lex: Lexicon, lang: str) -> list[tuple[str, re.Pattern[str]]]:
    out = []
    for c in lex.scheme("actors"):
        prefix = c.prop("symbolPrefix")
        if prefix:
            src = _alts(lex, "actors", (c.notation,), lang)
            out.append((prefix, re.compile(src, re.I)))
    return out


@cache
def _meetings_by_year(lex: Lexicon) -> dict[int, int]:
    out: dict[int, int] = {}
    for c in lex.scheme("meetings"):
        y, n = c.prop("year"), c.prop("meetingNumber")
        if y and n:
            out.setdefault(int(y), int(n))  # the first meeting of a year
    return out


def _meeting_of_year(lex: Lexicon, year: int) -> int | None:
    return _meetings_by_year(lex).get(year)


@cache
def _year_members(lex: Lexicon) -> dict[str, dict[int, Concept]]:
    fam: dict[str, dict[int, Concept]] = {}
    for c in lex.scheme("instruments"):
        f, y = c.prop("family"), c.prop("familyYear")
        if f and y:
            fam.setdefault(f, {})[int(y)] = c
    return fam


def _family_years(text: str, hit: Hit, start: int, end: int) -> list[int]:
    before = text[max(start, hit.start - 40) : hit.start]
    after = text[hit.end : min(end, hit.end + 30)]
    years: list[int] = []
    mb = re.search(r"((?:(?:19|20)\d\d(?:\s*(?:,|\w{1,3}))*\s*)+)$", before)
    if mb:
        years += [int(y) for y in re.findall(r"(?:19|20)\d\d", mb.group(1))]
    # "Additifs de 2005 et de 2013", "Дополнения к нему 2005 и 2013 годов"
    ma = re.match(
        r"\s*(?:\w{1,4}\s+){0,2}((?:19|20)\d\d(?:(?:\s*(?:,|\w{1,3})){1,3}\s*"
        r"(?:19|20)\d\d)*)",
        after,
    )
    if ma:
        years += [int(y) for y in re.findall(r"(?:19|20)\d\d", ma.group(1))]
    return years


@cache
def _templated(lex: Lexicon, lang: str) -> list[tuple[Concept, re.Pattern[str]]]:
    out = []
    for c in lex.scheme("instruments"):
        if c.prop("idTemplate"):
            for pat in c.patterns.get(lang, ()):
                out.append((c, compiled(clean_pattern(pat))))
    return out


@cache
def _anaphors(lex: Lexicon, lang: str) -> list[tuple[Concept, re.Pattern[str]]]:
    out = []
    for c in lex.scheme("instruments"):
        forms = c.props.get("anaphor@" + lang, ())
        if forms:
            alt = "|".join(label_regex(f) for f in sorted(forms, key=len, reverse=True))
            out.append((c, compiled(alt)))
    return out


def find_citations(
    text: str,
    start: int,
    end: int,
    lex: Lexicon,
    lang: str,
    own: str,
    known: set[str] | None = None,
) -> tuple[list[Citation], list[Citation], list[tuple[int, int]]]:
    """(cites, also_named, contexts) for the paragraph text[start:end].

    ``contexts`` are the spans around decision references where an authoring body is
    named ("… adopted at the Ministerial Council Meeting in Sofia"): actors found there
    are authors, not mentions.
    """
    cands: list[_Cand] = []
    contexts: list[tuple[int, int]] = []
    families = _year_members(lex)
    family_iris = set(families)
    for h in lex.matcher("instruments", lang).hits(text, start, end):
        c = h.concept
        if c.prop("idTemplate"):
            continue  # numbered families are read below, with their numbers
        if c.iri in family_iris:
            years = _family_years(text, h, start, end)
            if not years:
                # "the Addendum to the OSCE Action Plan …" with no year: an unnamed member
                # whose title names the parent; keep the span so the parent is only named.
                parents = {
                    p
                    for mem in families[c.iri].values()
                    for p in _iri_ids(lex, mem.props.get("supplements", ()))
                }
                cands.append(
                    _Cand(
                        f"family:{c.notation}",
                        h.start,
                        h.end,
                        h.text,
                        resolved=False,
                        supplements=tuple(sorted(parents)),
                    )
                )
            for y in years:
                member = families[c.iri].get(y)
                if member is not None:
                    supp = tuple(_iri_ids(lex, member.props.get("supplements", ())))
                    cands.append(_Cand(member.identifier, h.start, h.end, h.text, supplements=supp))
            continue
        cands.append(
            _Cand(
                c.identifier,
                h.start,
                h.end,
                h.text,
                supplements=tuple(_iri_ids(lex, c.props.get("supplements", ()))),
            )
        )
    # Families identified by a number in a pattern ("Convention … (No. 29)" of the ILO,
    # "Security Council resolution 1325"): the id comes from the concept's cg:idTemplate.
    for concept, rx in _templated(lex, lang):
        template = concept.prop("idTemplate") or ""
        for m in rx.finditer(text, start, end):
            ident = template.format(**{k: v for k, v in m.groupdict().items() if v})
            # The number alone is the mention: the words before it may belong to other
            # instruments of a list ("the Convention on Cybercrime, the Forced Labour
            # Convention, 1930 (No. 29)").
            s0, e0 = m.span("num") if "num" in m.groupdict() else m.span()
            cands.append(_Cand(ident, s0, e0, text[s0:e0]))
    # Short names that refer back to an instrument already cited ("the Action Plan").
    for concept, rx in _anaphors(lex, lang):
        if known is not None and concept.identifier in known:
            for m in rx.finditer(text, start, end):
                cands.append(
                    _Cand(concept.identifier, m.start(), m.end(), m.group(0), anaphor=True)
                )
    # Explicit symbols.
    for m in SYMBOL_RE.finditer(text, start, end):
        cands.append(_Cand(symbol_from_match(m).work, m.start(), m.end(), m.group(0)))
    # Decisions cited by number.
    bodies = _body_regexes(lex, lang)
    for m in _decision_ref_regex(lex, lang).finditer(text, start, end):
        before = text[max(start, m.start() - _BODY_CONTEXT_BEFORE) : m.start()]
        after_end = min(end, m.end() + _BODY_CONTEXT_AFTER)
        nxt = _decision_ref_regex(lex, lang).search(text, m.end(), after_end)
        if nxt:
            after_end = nxt.start()
        semi = text.find(";", m.end(), after_end)
        if semi >= 0:
            after_end = semi
        after = text[m.end() : after_end]
        inside = text[m.start() : m.start("nums")]
        prefix = None
        for pfx, brx in bodies:
            compound = re.compile(brx.pattern.replace(r"(?<!\w)", "").replace(r"(?!\w)", ""), re.I)
            if compound.search(inside) or brx.search(before[-50:]) or brx.search(after[:160]):
                prefix = pfx
                break
        contexts.append((max(start, m.start() - _BODY_CONTEXT_BEFORE), after_end))
        year = re.search(r"(?<!\d)((?:19|20)\d\d)(?!\d)", after[:220])
        for k, nm in enumerate(
            re.finditer(
                r"[0-9]{1,4}(?:\s?/\s?[0-9]{2})?(?:/(?:Corr|Rev)\.\s?[0-9]{1,2})*", m.group("nums")
            )
        ):
            raw_num = nm.group(0)
            core = re.match(r"[0-9]{1,4}(?:\s?/\s?[0-9]{2})?", raw_num)
            assert core is not None
            number = re.sub(r"\s", "", core.group(0))
            suffix = raw_num[core.end() :]
            body = prefix or ("MC" if "/" in number else "PC")
            s = m.start("nums") + nm.start()
            c_start = m.start() if k == 0 else s
            c_end = m.start("nums") + nm.end()
            if "/" not in number and body == "MC":
                # Before 2002 Ministerial Council decisions were numbered per meeting
                # (MC(8).DEC/1); the meeting is known by the year printed beside it.
                meeting = _meeting_of_year(lex, int(year.group(1))) if year else None
                if meeting is not None:
                    ident = f"MC({meeting}).DEC/{int(number)}"
                    cands.append(_Cand(ident, c_start, c_end, text[c_start:c_end]))
                else:
                    ident = f"unresolved:MC-decision-{number}"
                    cands.append(_Cand(ident, c_start, c_end, text[c_start:c_end], resolved=False))
                continue
            if "/" in number and body != "MC":
                body = "MC"
            if "/" not in number:
                number = str(int(number))
            cands.append(
                _Cand(
                    decision_symbol(body, number, suffix),
                    c_start,
                    c_end,
                    text[c_start:c_end],
                    decision_ref=True,
                )
            )
    conj = _conjunctions(lex, lang)
    return (*_resolve_nesting(cands, own, text, bodies, conj), contexts)


def _iri_ids(lex: Lexicon, iris: Iterable[str]) -> list[str]:
    out = []
    for iri in iris:
        c = lex.concepts.get(iri)
        out.append(c.identifier if c else iri)
    return out


def _resolve_nesting(
    cands: list[_Cand],
    own: str,
    text: str,
    bodies: list[tuple[str, re.Pattern[str]]],
    conj: re.Pattern[str],
) -> tuple[list[Citation], list[Citation]]:
    cands.sort(key=lambda c: (c.start, -(c.end - c.start), c.id))
    named: set[int] = set()
    for i, a in enumerate(cands):
        for j, b in enumerate(cands):
            if i == j or a.id == b.id:
                continue
            if b.start <= a.start and a.end <= b.end and (b.end - b.start) > (a.end - a.start):
                named.add(i)  # a sits inside b's name
        if a.decision_ref:
            # "Decision No. 557/Rev.1 on the OSCE Action Plan …": the instrument named
            # right after the number is the decision's title, not a second citation.
            for j, b in enumerate(cands):
                gap = text[a.end : b.start] if a.end <= b.start else ","
                for _, brx in bodies:
                    gap = brx.sub(" ", gap)  # "No. 557 of the Permanent Council on the …"
                if (
                    b.id != a.id
                    and not b.decision_ref
                    and len(gap.strip()) <= 20
                    and "," not in gap
                    and not conj.search(gap)  # "… 8/07 and the Action Plan" is a list
                    and len(_WORD.findall(gap)) <= 3
                ):
                    named.add(j)
                    break
        if a.supplements:
            for j, b in enumerate(cands):
                window = 24 if a.id.startswith("family:") else _SUPPLEMENT_WINDOW
                follows = a.end <= b.start <= a.end + window
                inside = a.start <= b.start < a.end < b.end  # overlaps a's tail
                if b.id in a.supplements and (follows or inside):
                    between = [
                        c for c in cands if a.end <= c.start < b.start and c.id not in (a.id, b.id)
                    ]
                    if not between:
                        named.add(j)
    cites: dict[str, Citation] = {}
    also: dict[str, Citation] = {}
    for i, c in enumerate(cands):
        if c.id == own or c.id.startswith("family:"):
            continue  # a decision never cites itself (its title may still hide others)
        cit = Citation(c.id, c.text, Span(c.start, c.end), c.resolved)
        if i in named:
            also.setdefault(c.id, cit)
        else:
            cites.setdefault(c.id, cit)
    also = {k: v for k, v in also.items() if k not in cites}
    return list(cites.values()), list(also.values())


# --- paragraphs -----------------------------------------------------------------------


def _lead(text: str, span: Span, number_rx: re.Pattern[str] | None = None) -> int:
    pos = span.start
    if number_rx:
        m = number_rx.match(text, pos, span.end)
        if m:
            pos = m.end()
    while pos < span.end and text[pos] in " \t\n–—-•":
        pos += 1
    return pos


def _with_modifiers(
    text: str, pos: int, end: int, core: Lexicon, scheme: str, lang: str
) -> tuple[Hit | None, int]:
    """Match ``scheme`` at pos, allowing modifiers ("Further", "Profondément") around it.

    Returns the core hit and the start of the printed phrase (the first modifier)."""
    mods = core.matcher("modifiers", lang)
    matcher = core.matcher(scheme, lang)
    start = pos
    hit = matcher.match(text, pos, end)
    cursor = pos
    steps = 0
    while hit is None and steps < 3:
        mod = mods.match(text, cursor, end)
        if mod is None or "before" not in mod.concept.props.get("position", ("before",)):
            break
        cursor = mod.end
        while cursor < end and text[cursor] in " \t\n,":
            cursor += 1
        hit = matcher.match(text, cursor, end)
        steps += 1
    return hit, start


def _opening(text: str, pos: int, end: int, lex: Lexicon, lang: str) -> tuple[str, str, Span]:
    hit, start = _with_modifiers(text, pos, end, lex, "openers", lang)
    if hit is None:
        m = re.match(r"\w+", text[pos:end])
        word = m.group(0) if m else ""
        return word, "other", Span(pos, pos + len(word))
    rel_iri = hit.concept.prop("relation") or ""
    rel = lex.concepts.get(rel_iri)
    relation = rel.notation if rel else "other"
    stop = hit.end
    # A trailing modifier ("Recalling also") belongs to the printed opening.
    mod = lex.matcher("modifiers", lang).match(text, _skip_ws(text, stop, end), end)
    if mod is not None and "after" in mod.concept.props.get("position", ()):
        stop = mod.end
    return re.sub(r"\s+", " ", text[start:stop]), relation, Span(start, stop)


def _skip_ws(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos] in " \t\n":
        pos += 1
    return pos


_NUM_PREFIX = re.compile(r"[ \t]*\d{1,3}[ \t]*\.[ \t]*")
_SUB_PREFIX = re.compile(r"[ \t]*(?:[-–—•·][ \t]*)?(?:\([a-zа-я]\)|[a-zа-я]\))[ \t]+", re.I)


def _verb(text: str, pos: int, end: int, lex: Lexicon, lang: str) -> tuple[Hit | None, Span]:
    hit, start = _with_modifiers(text, pos, end, lex, "actions", lang)
    if hit is None:
        return None, Span(pos, pos)
    stop = hit.end
    mod = lex.matcher("modifiers", lang).match(text, _skip_ws(text, stop, end), end)
    if (
        mod is not None
        and "after" in mod.concept.props.get("position", ())
        and "..." not in hit.text
    ):
        stop = mod.end
    return hit, Span(start, stop)


def _printed_verb(text: str, verb_span: Span, hit: Hit) -> str:
    printed = re.sub(r"\s+", " ", text[verb_span.start : verb_span.end])
    labels = [lab for labs in hit.concept.labels.values() for lab in labs if " ... " in lab]
    if labels and len(printed.split()) > len(labels[0].split()) + 0:
        # A discontinuous verb: keep its own words, mark the gap.
        for lab in labels:
            parts = lab.split(" ... ")
            rx = compiled(
                label_regex(parts[0]) + r"(?P<gap>.*?)" + label_regex(parts[-1]), re.I | re.S
            )
            m = rx.search(printed)
            if m:
                head = printed[: m.start("gap")].strip()
                tail = printed[m.end("gap") :].strip()
                return f"{head} ... {tail}"
    return printed


def _gap_zone(text: str, verb_span: Span, hit: Hit) -> tuple[int, int] | None:
    """For "fordert die Teilnehmerstaaten auf" the addressees sit inside the verb."""
    for labs in hit.concept.labels.values():
        for lab in labs:
            if " ... " not in lab:
                continue
            parts = lab.split(" ... ")
            rx = compiled(label_regex(parts[0]))
            m = rx.match(text, verb_span.start if hit.start == verb_span.start else hit.start)
            if m and m.end() < hit.end:
                tail = compiled(label_regex(parts[-1]) + r"\s*$")
                tm = tail.search(text, m.end(), hit.end)
                if tm:
                    return m.end(), tm.start()
    return None


def _scoped_action(hit: Hit, addressees: list[str], lex: Lexicon, lang: str) -> Concept:
    """Italian "Invita": calls upon participating States, invites anyone else."""
    verb = re.sub(r"\s+", " ", hit.text).casefold()
    for c in lex.scheme("actions"):
        scoped = {x.casefold() for x in c.props.get("addresseeScopedLabel@" + lang, ())}
        if (
            verb in scoped
            and addressees
            and all(a.startswith("ParticipatingStates") for a in addressees)
        ):
            return c
    return hit.concept


def _mentions_from(
    hits: Iterable[Hit],
    exclude: set[str],
    contexts: list[tuple[int, int]],
) -> tuple[list[Mention], list[Mention]]:
    mentions: dict[str, Mention] = {}
    involved: dict[str, Mention] = {}
    for h in hits:
        c = h.concept
        if c.notation in exclude:
            continue
        generic = c.flag("genericGroup") or c.flag("addresseeOnly")
        if c.prop("symbolPrefix") and any(s <= h.start < e for s, e in contexts):
            continue  # the author of a cited decision
        m = Mention(c.notation, h.text, Span(h.start, h.end))
        if generic:
            involved.setdefault(c.notation, m)
        else:
            mentions.setdefault(c.notation, m)
    return list(mentions.values()), list(involved.values())


# --- the whole record -------------------------------------------------------------------


def _body_concept(seg: Segments, text: str, lex: Lexicon, lang: str) -> Concept | None:
    assert seg.enacting is not None
    hits = lex.matcher("actors", lang).scan(seg.enacting.text)
    for h in hits:
        if h.concept.prop("symbolPrefix"):
            return h.concept
    for c in lex.scheme("actors"):
        if c.prop("symbolPrefix") and any(
            compiled(label_regex(lab)).search(seg.enacting.text)
            for labs in c.labels.values()
            for lab in labs
        ):
            return c
    return None


def extract_text(
    source: SourceText, *, lang: str | None = None, lex: Lexicon | None = None
) -> DecisionRecord:
    lex = lex or lexicon()
    cleaned = clean(source.text, lex)
    text = cleaned.text
    if not text.strip():
        raise NotADecisionError("the file holds no text")
    language = lang or detect_language(text, lex)
    try:
        seg = segment(text, lex, language)
    except NotADecisionError as err:
        if lang is None:
            # The frame words of the guessed language are missing: the guess may be the
            # real cause (Catalan read as Spanish), so say what it was.
            err.message = f"{err.message} in {language} (is the text in another language?)"
        raise
    _check_own_symbol(seg, cleaned)
    body = _body_concept(seg, text, lex, language)
    if body is None:
        raise ExtractionError("the enacting formula names no known body")
    prefix = body.prop("symbolPrefix") or "MC"
    assert seg.heading is not None and seg.heading.number is not None
    heading_suffix = ""
    hm = re.search(r"((?:/(?:Corr|Rev)\.\s?\d{1,2})+)", seg.heading.text)
    if hm:
        heading_suffix = hm.group(1)

    printed = None
    # The running header repeats the symbol on every page; a footnote mark glued to its
    # first occurrence ("PC.DEC/1107/Corr.11") is outvoted by the other pages.
    votes: dict[str, int] = {}
    seen_syms = {}
    for f in cleaned.furniture:
        if f.kind != "symbol":
            continue
        m = SYMBOL_RE.search(f.text)
        if m is None:
            continue
        sym = symbol_from_match(m)
        number = sym.number if not sym.year else f"{sym.number}/{sym.year}"
        if sym.kind == "DEC" and number == seg.heading.number.replace(" ", ""):
            votes[sym.printed] = votes.get(sym.printed, 0) + 1
            seen_syms.setdefault(sym.printed, sym)
    if votes:
        printed = seen_syms[max(votes, key=lambda k: (votes[k], -len(k)))]
    if printed is None:
        for b in seg.header:
            m = SYMBOL_RE.search(b.text)
            if m:
                sym = symbol_from_match(m)
                number = sym.number if not sym.year else f"{sym.number}/{sym.year}"
                if number == seg.heading.number:
                    printed = sym
                    break
    if printed is not None:
        symbol, symbol_as_printed = printed.work, printed.printed
    else:
        symbol = decision_symbol(prefix, seg.heading.number, heading_suffix)
        symbol_as_printed = symbol + (
            "/" + "/".join(re.findall(r"Corr\.\s?\d+", heading_suffix))
            if "Corr" in heading_suffix
            else ""
        )
    corrects = symbol if "Corr." in symbol_as_printed else None

    date = None
    for f in cleaned.furniture:
        if f.kind == "date":
            hit = find_date(f.text, lex)
            if hit:
                date = hit.iso
                break
    if date is None:
        for b in seg.header:
            hit = find_date(b.text, lex)
            if hit:
                date = hit.iso
                break

    meeting = _parse_header(seg, text, lex, language, body)

    title = seg.title.text if seg.title else ""
    title_span = seg.title.span if seg.title else Span(0, 0)
    markers = {f.marker for f in cleaned.footnotes}
    mm = _FOOTNOTE_MARK.search(title)
    if mm and (mm.group(0) in markers or mm.group(0).startswith("*")):
        title = title[: mm.start()].rstrip()
    title = re.sub(r"\s+", " ", title).strip()

    # Instruments cited so far, in reading order: a short back-reference ("the Action
    # Plan") resolves only to an instrument the decision has already named in full.
    known: set[str] = set()
    preamble = []
    for i, b in enumerate(seg.preamble):
        preamble.append(_preamble(b, i + 1, text, lex, language, symbol, known))
        known.update(c.id for c in preamble[-1].cites)
    operative = []
    for i, b in enumerate(seg.operative):
        operative.append(_operative(b, i + 1, text, seg, lex, language, symbol, known))
        known.update(c.id for c in operative[-1].cites)
    if all(o.action == "other" for o in operative) and all(p.relation == "other" for p in preamble):
        # A frame in one language around a body in another: every paragraph would be
        # recorded as an unknown action, which is no record of the decision at all.
        raise ExtractionError(
            f"no operative paragraph starts with a verb known in {language} and no preamble "
            "paragraph with a known opening (is the body in another language?)"
        )
    attachments = [
        _attachment(b, i + 1, cleaned, lex, language) for i, b in enumerate(seg.attachments)
    ]
    footnotes = [Footnote(f.marker, f.text) for f in cleaned.footnotes]
    return DecisionRecord(
        symbol=symbol,
        symbol_as_printed=symbol_as_printed,
        body=body.notation,
        language=language,
        date=date,
        meeting=meeting,
        title=title,
        title_span=title_span,
        preamble=preamble,
        operative=operative,
        attachments=attachments,
        footnotes=footnotes,
        number=seg.heading.number,
        source=source,
        clean=cleaned,
        corrects=corrects,
    )


# Anything shaped like a decision symbol, parsable or not ("MC.DEC/6/1B").
_SYMBOL_SHAPE = re.compile(r"(?<![\w.])(?:MC|PC|FSC)(?:\([^)\s]{0,4}\))?\.DEC/[^\s,;]*")
_MARK_AFTER_SYMBOL = "*¹²³⁴⁵⁶⁷⁸⁹⁰.,:"


def _check_own_symbol(seg: Segments, cleaned: Cleaned) -> None:
    """The decision symbol printed above the heading must parse and carry the heading's
    number; otherwise the file contradicts itself and neither can be trusted as the
    decision's identifier."""
    assert seg.heading is not None
    texts = [
        f.text for f in cleaned.furniture if f.kind == "symbol" and f.at <= seg.heading.span.start
    ]
    texts += [b.text for b in seg.header]
    for text in texts:
        for shape in _SYMBOL_SHAPE.finditer(text):
            printed = shape.group(0).rstrip(_MARK_AFTER_SYMBOL)
            m = SYMBOL_RE.match(printed)
            if m is None or m.end() != len(printed):
                raise ExtractionError(
                    f"the symbol {printed!r} above the heading does not parse "
                    "(expected e.g. MC.DEC/7/17 or PC.DEC/1107)"
                )
            sym = symbol_from_match(m)
            number = f"{sym.number}/{sym.year}" if sym.year else sym.number
            if number != seg.heading.number:
                raise ExtractionError(
                    f"the symbol {sym.printed} above the heading does not match the "
                    f"heading's number {seg.heading.number}"
                )


def _preamble(
    b: Block, n: int, text: str, lex: Lexicon, lang: str, own: str, known: set[str] | None = None
) -> PreambularParagraph:
    pos = _lead(text, b.span)
    opening, relation, ospan = _opening(text, pos, b.span.end, lex, lang)
    cites, also, _ = find_citations(text, b.span.start, b.span.end, lex, lang, own, known)
    return PreambularParagraph(n, opening, relation, b.text, b.span, ospan, cites, also)


def _operative(
    b: Block,
    n: int,
    text: str,
    seg: Segments,
    lex: Lexicon,
    lang: str,
    own: str,
    known: set[str] | None = None,
) -> OperativeParagraph:
    pos = _lead(text, b.span, _NUM_PREFIX)
    hit, vspan = _verb(text, pos, b.span.end, lex, lang)
    hits = actor_hits(text, b.span.start, b.span.end, lex, lang)
    cites, also, contexts = find_citations(text, b.span.start, b.span.end, lex, lang, own, known)
    if hit is None:
        m = re.match(r"\w+", text[pos : b.span.end])
        verb = m.group(0) if m else ""
        vspan = Span(pos, pos + len(verb))
        action = lex.get("actions", "other")
        addr_hits = _addressees(text, vspan.end, b.span.end, hits, lex, lang)
        action_notation = action.notation if action else "other"
    else:
        zone = _gap_zone(text, vspan, hit)
        if hit.concept.flag("addressless"):
            addr_hits = []  # "Decides …", "Endorses …", "Welcomes …" address no one
        elif zone:
            addr_hits = _addressees(text, zone[0], zone[1], hits, lex, lang)
        else:
            addr_hits = _addressees(text, vspan.end, b.span.end, hits, lex, lang)
        verb = _printed_verb(text, vspan, hit)
        concept = _scoped_action(hit, [h.concept.notation for h in addr_hits], lex, lang)
        action_notation = concept.notation
        broader = concept.prop("broader")
        if broader and broader in lex.concepts:
            action_notation = lex.concepts[broader].notation
    addressees = []
    seen: set[str] = set()
    for h in addr_hits:
        if h.concept.notation not in seen:
            seen.add(h.concept.notation)
            addressees.append(Mention(h.concept.notation, h.text, Span(h.start, h.end)))
    # An organisation named inside an instrument's title ("Council of Europe Convention
    # on …") is the instrument's author, not a mention.
    titles = [(c.span.start, c.span.end) for c in (*cites, *also)]
    mentions, involved = _mentions_from(
        [
            h
            for h in hits
            if h not in addr_hits and not any(s < h.end and h.start < e for s, e in titles)
        ],
        seen,
        contexts,
    )
    coord = _in_coordination(text, hits, lex, lang)
    subs = [
        SubParagraph(s.number or "", s.text, s.span) for s in seg.subitems.get(b.number or "", [])
    ]
    return OperativeParagraph(
        n=n,
        number=b.number or str(n),
        verb=verb,
        action=action_notation,
        text=b.text,
        span=b.span,
        verb_span=vspan,
        addressees=addressees,
        mentions=mentions,
        actors_involved=involved,
        in_coordination_with=coord,
        cites=cites,
        also_named=also,
        subparagraphs=subs,
    )


def _in_coordination(text: str, hits: list[Hit], lex: Lexicon, lang: str) -> list[Mention]:
    rx_src = _alts(lex, "document-parts", ("in-coordination-with",), lang)
    if rx_src == r"(?!x)x":
        return []
    rx = compiled(rx_src + r"\s*$")
    out = []
    for h in hits:
        if rx.search(text[max(0, h.start - 60) : h.start]):
            out.append(Mention(h.concept.notation, h.text, Span(h.start, h.end)))
    return out


def _attachment(b: Block, n: int, cleaned: Cleaned, lex: Lexicon, lang: str) -> Attachment:
    text = b.text
    interp = compiled(_alts(lex, "document-parts", ("interpretative-statement",), ""))
    annex = compiled(r"^\W*" + _alts(lex, "document-parts", ("annex",), ""))
    if interp.search(text[:600]):
        kind = "interpretative_statement"
    elif annex.search(text):
        kind = "annex"
    else:
        stmt = compiled(_alts(lex, "document-parts", ("statement",), ""))
        kind = "statement" if stmt.search(text[:400]) else "annex"
    delegation = None
    if kind != "annex":
        delegation = _delegation(text, lex, lang)
    original = None
    for f in cleaned.furniture:
        if f.kind == "original" and b.span.start - 80 <= f.at <= b.span.end:
            hits = lex.matcher("languages", lang).scan(f.text)
            if not hits:
                for code in LANGUAGES:
                    hits = lex.matcher("languages", code).scan(f.text)
                    if hits:
                        break
            if hits:
                original = hits[-1].concept.notation
            break
    return Attachment(kind, n, text, b.span, delegation, original)


def _delegation(text: str, lex: Lexicon, lang: str) -> str | None:
    head = text[:1500]
    for code in (lang, *LANGUAGES):
        for rx in lex.patterns("document-parts", "made-by-delegation", code):
            m = rx.search(head)
            if m and "who" in m.groupdict() and m.group("who"):
                for h in lex.matcher("delegations", code).scan(m.group("who")):
                    return h.concept.prop("exonym") or h.concept.label("en")
    for h in lex.matcher("delegations", lang).scan(head):
        return h.concept.prop("exonym") or h.concept.label("en")
    return None


def extract_file(path: Path, *, lang: str | None = None) -> DecisionRecord:
    from commitgraph.ingest import read_source

    source = read_source(path)
    try:
        return extract_text(source, lang=lang)
    except (NotADecisionError, ExtractionError) as err:
        err.path = path
        raise


def normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def warm_up(lex: Lexicon | None = None) -> None:
    """Build the matchers of every scheme for every language, and the regexes shared by
    every document (before forking workers)."""
    lex = lex or lexicon()
    for lang in LANGUAGES:
        for scheme in lex.by_scheme:
            lex.matcher(scheme, lang).prepare()
        _decision_ref_regex(lex, lang)
        _body_regexes(lex, lang)
        _templated(lex, lang)
        _anaphors(lex, lang)
