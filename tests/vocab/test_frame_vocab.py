"""Checks of the document-frame vocabularies in ``ontology/vocab/``.

The segmenter and the header parser compile their matchers from document-parts, ordinals,
calendar, languages, places and delegations, so a missing label or a broken regex quietly
breaks extraction in one language only. These tests read the Turtle files directly (rdflib
and ``re``, no project code) and check both the shape of each scheme (one scheme per file,
six prefLabels per concept, unique notations, IRIs built from notations) and, per language,
that the phrases of real OSCE headers and attachments are recognised as the right concept.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from functools import cache
from itertools import combinations
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import RDF, SKOS

VOCAB_DIR = Path(__file__).resolve().parents[2] / "ontology" / "vocab"
CG = rdflib.Namespace("https://w3id.org/commitgraph/ontology#")
ID = "https://w3id.org/commitgraph/id/"
LANGS = ("en", "fr", "ru", "de", "es", "it")
# File stem -> the singular used in concept IRIs (<.../id/part/journal>).
SCHEMES = {
    "document-parts": "part",
    "ordinals": "ordinal",
    "calendar": "month",
    "languages": "language",
    "places": "place",
    "delegations": "delegation",
}
# Inside document-parts these concepts share a word by design: the heading "DECISION" and
# the cited "Decision" differ by position, not by spelling.
SHARED_PART_LABELS = frozenset({"decision-heading", "decision-word"})
_APOSTROPHES = "'’ʼ`"
_HYPHENS = "-‐‑–"
# A global inline flag such as "(?i)" at the start of a pattern breaks an alternation.
_GLOBAL_FLAG = re.compile(r"^\(\?[aiLmsux]+\)")


# --- helpers --------------------------------------------------------------------------


@cache
def graph(stem: str) -> rdflib.Graph:
    """Parse one vocabulary file once per test session."""
    g = rdflib.Graph()
    g.parse(VOCAB_DIR / f"{stem}.ttl", format="turtle")
    return g


def scheme_iri(stem: str) -> rdflib.URIRef:
    return rdflib.URIRef(f"{ID}vocab/{stem}")


def concepts(stem: str) -> list[rdflib.URIRef]:
    g = graph(stem)
    return sorted(c for c in g.subjects(RDF.type, SKOS.Concept) if isinstance(c, rdflib.URIRef))


def notation(stem: str, concept: rdflib.URIRef) -> str:
    return str(graph(stem).value(concept, SKOS.notation))


def by_notation(stem: str, value: str) -> rdflib.URIRef:
    for c in concepts(stem):
        if notation(stem, c) == value:
            return c
    raise AssertionError(f"{stem}: no concept with notation {value!r}")


def texts(stem: str, concept: rdflib.URIRef, prop: rdflib.URIRef, lang: str) -> list[str]:
    objects = graph(stem).objects(concept, prop)
    return [str(o) for o in objects if getattr(o, "language", None) == lang]


def labels(stem: str, concept: rdflib.URIRef, lang: str) -> list[str]:
    return texts(stem, concept, SKOS.prefLabel, lang) + texts(stem, concept, SKOS.altLabel, lang)


def patterns(stem: str, concept: rdflib.URIRef, lang: str) -> list[re.Pattern[str]]:
    return [re.compile(p, re.I | re.M) for p in texts(stem, concept, CG.pattern, lang)]


def norm(text: str) -> str:
    """The form under which two labels are the same for a case-insensitive matcher."""
    text = unicodedata.normalize("NFC", text).casefold()
    for ch in _APOSTROPHES:
        text = text.replace(ch, "'")
    for ch in _HYPHENS:
        text = text.replace(ch, "-")
    return re.sub(r"\s+", " ", text).strip()


def label_regex(label: str) -> re.Pattern[str]:
    """A label as the README says it is matched: case-insensitive, any white space for a
    space, either apostrophe, " ... " for a gap, whole words at alphanumeric edges."""
    pieces = [p for p in re.split(r"\s+\.\.\.\s+", label.strip()) if p]
    parts = []
    for piece in pieces:
        out = []
        for ch in piece:
            if ch.isspace():
                if not out or out[-1] != r"\s+":
                    out.append(r"\s+")
            elif ch in _APOSTROPHES:
                out.append("['’ʼ`]")
            elif ch in "ёЁеЕ":
                out.append("[ёеЁЕ]")
            else:
                out.append(re.escape(ch))
        parts.append("".join(out))
    body = r"\s(?:[^.;:\n]{0,120}?\s)??".join(parts)
    head = r"(?<!\w)" if label.strip()[0].isalnum() else ""
    tail = r"(?!\w)" if label.strip()[-1].isalnum() else ""
    return re.compile(head + body + tail, re.I)


def recognised(stem: str, concept: rdflib.URIRef, lang: str, text: str) -> bool:
    """Whether a label or a pattern of ``concept`` in ``lang`` occurs in ``text``."""
    if any(label_regex(lab).search(text) for lab in labels(stem, concept, lang)):
        return True
    return any(p.search(text) for p in patterns(stem, concept, lang))


def fold(text: str) -> str:
    """``norm`` plus ё = е: a matcher may treat them alike, so labels of two concepts must
    differ by more than that."""
    return norm(text).replace("ё", "е")


@cache
def label_index(stem: str) -> dict[tuple[str, str], frozenset[str]]:
    """(language, folded label) -> the notations that carry it."""
    index: dict[tuple[str, str], set[str]] = defaultdict(set)
    for c in concepts(stem):
        for lang in LANGS:
            for lab in labels(stem, c, lang):
                index[(lang, fold(lab))].add(notation(stem, c))
    return {k: frozenset(v) for k, v in index.items()}


def lookup(stem: str, lang: str, phrase: str) -> frozenset[str]:
    return label_index(stem).get((lang, fold(phrase)), frozenset())


def exonym_of(stem: str, lang: str, phrase: str) -> str | None:
    """The exonym of the one concept whose label in ``lang`` is ``phrase``."""
    found = lookup(stem, lang, phrase)
    if len(found) != 1:
        return None
    value = graph(stem).value(by_notation(stem, next(iter(found))), CG.exonym)
    return str(value) if value is not None else None


def first_match(stem: str, local: str, lang: str, text: str) -> re.Match[str] | None:
    for p in patterns(stem, by_notation(stem, local), lang):
        m = p.search(text)
        if m:
            return m
    return None


# --- every file -----------------------------------------------------------------------


@pytest.mark.parametrize("stem", SCHEMES)
def test_file_parses_into_one_scheme(stem: str) -> None:
    g = graph(stem)
    schemes = set(g.subjects(RDF.type, SKOS.ConceptScheme))
    assert schemes == {scheme_iri(stem)}
    assert concepts(stem), f"{stem} has no concepts"


@pytest.mark.parametrize("stem", SCHEMES)
def test_every_concept_is_complete(stem: str) -> None:
    g = graph(stem)
    problems = []
    for c in concepts(stem):
        notations = list(g.objects(c, SKOS.notation))
        if len(notations) != 1:
            problems.append(f"{c}: {len(notations)} notations")
            continue
        if str(c) != f"{ID}{SCHEMES[stem]}/{notations[0]}":
            problems.append(f"{c}: IRI does not end in /{SCHEMES[stem]}/{notations[0]}")
        if set(g.objects(c, SKOS.inScheme)) != {scheme_iri(stem)}:
            problems.append(f"{c}: not (only) in {scheme_iri(stem)}")
        for lang in LANGS:
            n = len(texts(stem, c, SKOS.prefLabel, lang))
            if n != 1:
                problems.append(f"{c}: {n} prefLabels @{lang}")
        for prop in (SKOS.prefLabel, SKOS.altLabel, SKOS.example, CG.pattern, CG.marker):
            for o in g.objects(c, prop):
                if getattr(o, "language", None) not in LANGS:
                    problems.append(f"{c}: {prop} {o!r} has no language tag of the six")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("stem", SCHEMES)
def test_notations_are_unique(stem: str) -> None:
    values = [notation(stem, c) for c in concepts(stem)]
    assert len(values) == len(set(values))


@pytest.mark.parametrize("stem", SCHEMES)
def test_no_label_repeats_within_a_concept(stem: str) -> None:
    repeats = []
    for c in concepts(stem):
        for lang in LANGS:
            seen = [norm(x) for x in labels(stem, c, lang)]
            if len(seen) != len(set(seen)):
                repeats.append(f"{c} @{lang}")
    assert not repeats


@pytest.mark.parametrize("stem", SCHEMES)
def test_patterns_compile_alone_and_together(stem: str) -> None:
    """Code compiles each pattern with re.I (and re.M), and may join all patterns of a
    concept and language into one alternation, so group names must not repeat there."""
    for c in concepts(stem):
        for lang in LANGS:
            sources = texts(stem, c, CG.pattern, lang)
            for src in sources:
                assert not _GLOBAL_FLAG.match(src), f"{c} @{lang}: global flag in {src!r}"
                re.compile(src, re.I | re.M)
            if sources:
                re.compile("|".join(f"(?:{s})" for s in sources), re.I | re.M)


@pytest.mark.parametrize("stem", SCHEMES)
def test_examples_are_recognised_by_their_concept(stem: str) -> None:
    missed = []
    for c in concepts(stem):
        for lang in LANGS:
            for example in texts(stem, c, SKOS.example, lang):
                if not recognised(stem, c, lang, example):
                    missed.append(f"{notation(stem, c)} @{lang}: {example!r}")
    assert not missed, "\n".join(missed)


@pytest.mark.parametrize("stem", SCHEMES)
def test_a_label_names_one_concept(stem: str) -> None:
    """Two concepts with the same label in one language would make a match ambiguous."""
    clashes = {
        key: found
        for key, found in label_index(stem).items()
        if len(found) > 1 and not (stem == "document-parts" and found <= SHARED_PART_LABELS)
    }
    assert not clashes


# --- document-parts -------------------------------------------------------------------

REQUIRED_PARTS = {
    "decision-heading",
    "decision-word",
    "number-sign",
    "journal",
    "agenda-item",
    "meeting",
    "plenary-meeting",
    "day",
    "attachment",
    "annex",
    "original",
    "interpretative-statement",
    "rules-of-procedure",
    "statement",
    "made-by-delegation",
    "corrigendum",
    "revision",
    "adopted-at",
    "page-number",
}


def test_document_parts_has_the_notations_code_uses() -> None:
    present = {notation("document-parts", c) for c in concepts("document-parts")}
    assert present >= REQUIRED_PARTS


AGENDA_LINES = {
    "en": "MC(24) Journal No. 2, Agenda item 7",
    "fr": "CM(24), journal n° 2, point 7 de l'ordre du jour",
    "ru": "MC(24), Журнал № 2, пункт 7 повестки дня",
    "de": "MC(24), Journal Nr. 2, Punkt 7 der Tagesordnung",
    "es": "Diario CM(24) Nº 2, punto 7 del orden del día",
    "it": "Giornale MC(24) N.2, punto 7 dell’ordine del giorno",
}


@pytest.mark.parametrize("lang", LANGS)
def test_agenda_item_patterns_capture_n(lang: str) -> None:
    pats = patterns("document-parts", by_notation("document-parts", "agenda-item"), lang)
    assert pats, f"no agenda-item pattern @{lang}"
    assert all("n" in p.groupindex for p in pats)
    m = first_match("document-parts", "agenda-item", lang, AGENDA_LINES[lang])
    assert m is not None and m.group("n") == "7"


def test_agenda_item_needs_the_agenda_words() -> None:
    assert first_match("document-parts", "agenda-item", "de", "Punkt 7 und 8") is None
    assert first_match("document-parts", "agenda-item", "de", "Tagesordnungspunkt 12")


MADE_BY = [
    (
        "en",
        'By the delegation of the Russian Federation:\n\n"In joining the consensus',
        "Russian Federation",
    ),
    (
        "fr",
        "Faite par la délégation de la Fédération de Russie :\n\n« En nous associant",
        "Fédération de Russie",
    ),
    (
        "ru",
        "Сделано делегацией Российской Федерации:\n\n«Присоединяясь к консенсусу",
        "Российской Федерации",
    ),
    (
        "de",
        "Abgegeben von der Delegation der Russischen Föderation:\n\n„Die Russische Föderation",
        "Russischen Föderation",
    ),
    (
        "es",
        "Efectuada por la delegación de la Federación de Rusia:\n\n“Al sumarse al consenso",
        "Federación de Rusia",
    ),
    (
        "it",
        "Resa dalla delegazione della Federazione Russa:\n\n“Nell’unirsi al consenso",
        "Federazione Russa",
    ),
]


@pytest.mark.parametrize(("lang", "text", "who"), MADE_BY)
def test_made_by_delegation_captures_who(lang: str, text: str, who: str) -> None:
    m = first_match("document-parts", "made-by-delegation", lang, text)
    assert m is not None and m.group("who") == who
    assert exonym_of("delegations", lang, m.group("who")) == "Russian Federation"


@pytest.mark.parametrize(
    ("lang", "text", "who"),
    [
        ("en", "By the delegation of the United States of America:", "United States of America"),
        (
            "fr",
            "Par la délégation de l’Arménie (également au nom du Kazakhstan) :",
            "Arménie (également au nom du Kazakhstan)",
        ),
        ("fr", "Faite par la délégation des États-Unis d'Amérique :", "États-Unis d'Amérique"),
        ("de", "Abgegeben von der Delegation Kanadas:", "Kanadas"),
        (
            "es",
            "Efectuada por la delegación de los Estados Unidos de América:",
            "Estados Unidos de América",
        ),
        ("it", "Resa dalla delegazione degli Stati Uniti d’America:", "Stati Uniti d’America"),
    ],
)
def test_made_by_delegation_variants(lang: str, text: str, who: str) -> None:
    m = first_match("document-parts", "made-by-delegation", lang, text)
    assert m is not None and m.group("who") == who


ADOPTED_AT = [
    (
        "en",
        "Decision No. 13/04, adopted at the 2004 Ministerial Council Meeting in Sofia, and",
        "Sofia",
        "2004",
    ),
    ("en", "adopted at the Sofia Ministerial Council Meeting (2004)", "Sofia", "2004"),
    (
        "fr",
        "la Décision n° 7/13/Corr.1 sur la lutte contre la traite des êtres humains, "
        "adoptée à la Réunion du Conseil ministériel de Kiev (2013),",
        "Kiev",
        "2013",
    ),
    ("fr", "adoptée à la Réunion du Conseil ministériel d'Istanbul (1999)", "Istanbul", "1999"),
    ("ru", "принятое на заседании Совета министров в Киеве (2013 год)", "Киеве", "2013"),
    ("de", "verabschiedet beim Treffen des Ministerrats in Kiew (2013)", "Kiew", "2013"),
    ("de", "angenommen auf dem Zwölften Treffen des Ministerrats 2004 in Sofia", "Sofia", "2004"),
    (
        "es",
        "aprobada en la Duodécima Reunión del Consejo Ministerial celebrada en Sofía en 2004",
        "Sofía",
        "2004",
    ),
    ("it", "adottata alla Riunione del Consiglio dei ministri di Vienna (2017)", "Vienna", "2017"),
]


@pytest.mark.parametrize(("lang", "text", "city", "year"), ADOPTED_AT)
def test_adopted_at_captures_city_and_year(lang: str, text: str, city: str, year: str) -> None:
    m = first_match("document-parts", "adopted-at", lang, text)
    assert m is not None
    assert (m.group("city"), m.group("year")) == (city, year)
    assert exonym_of("places", lang, city) is not None


@pytest.mark.parametrize("lang", LANGS)
def test_adopted_at_patterns_exist_in_every_language(lang: str) -> None:
    pats = patterns("document-parts", by_notation("document-parts", "adopted-at"), lang)
    assert pats and all({"city", "year"} <= set(p.groupindex) for p in pats)


def test_rules_of_procedure_across_a_line_break() -> None:
    heading = (
        "**DÉCLARATION INTERPRÉTATIVE AU TITRE\nDU PARAGRAPHE IV. 1A) 6 DES RÈGLES DE "
        "PROCÉDURE\nDE L'ORGANISATION POUR LA SÉCURITÉ ET\nLA COOPÉRATION EN EUROPE**"
    )
    parts = "document-parts"
    assert first_match(parts, "rules-of-procedure", "fr", heading)
    assert recognised(parts, by_notation(parts, "interpretative-statement"), "fr", heading)


def test_page_number_lines_only() -> None:
    page = by_notation("document-parts", "page-number")
    pats = [p for lang in LANGS for p in patterns("document-parts", page, lang)]
    assert any(p.search("end of a page\n  - 2 -\nnext page") for p in pats)
    for line in ("2. Encourage les États participants", "1 - 2 - 3", "Agenda item 2"):
        assert not any(p.search(line) for p in pats), line


# --- ordinals -------------------------------------------------------------------------


def test_ordinals_run_from_1_to_60() -> None:
    assert {notation("ordinals", c) for c in concepts("ordinals")} == {str(n) for n in range(1, 61)}


@pytest.mark.parametrize(
    ("lang", "phrase", "n"),
    [
        ("en", "Twenty-Fourth", "24"),
        ("en", "twenty-fourth", "24"),
        ("en", "First", "1"),
        ("en", "Twenty Fourth", "24"),
        ("en", "Sixtieth", "60"),
        ("en", "Forty-Second", "42"),
        ("fr", "vingt-quatrième", "24"),
        ("fr", "premier", "1"),
        ("fr", "première", "1"),
        ("fr", "deuxième", "2"),
        ("fr", "second", "2"),
        ("fr", "seconde", "2"),
        ("fr", "vingt et unième", "21"),
        ("fr", "seizième", "16"),
        ("fr", "VINGT-QUATRIEME", "24"),
        ("ru", "двадцать четвертое", "24"),
        ("ru", "двадцать четвертого", "24"),
        ("ru", "двадцать четвёртого", "24"),
        ("ru", "двадцать четвертом", "24"),
        ("ru", "первого", "1"),
        ("ru", "второй", "2"),
        ("ru", "третьего", "3"),
        ("ru", "сорокового", "40"),
        ("de", "Vierundzwanzigste", "24"),
        ("de", "Vierundzwanzigsten", "24"),
        ("de", "Vierundzwanzigstes", "24"),
        ("de", "Vierundzwanzigster", "24"),
        ("de", "DREISSIGSTEN", "30"),
        ("de", "Zweiter", "2"),
        ("es", "Vigésima Cuarta", "24"),
        ("es", "vigésimo cuarta", "24"),
        ("es", "vigesimocuarta", "24"),
        ("es", "vigésimo cuarto", "24"),
        ("es", "Primera", "1"),
        ("es", "Primer", "1"),
        ("es", "Segunda", "2"),
        ("es", "VIGESIMOTERCERA", "23"),
        ("es", "Duodécima", "12"),
        ("it", "Ventiquattresima", "24"),
        ("it", "ventiquattresimo", "24"),
        ("it", "Prima", "1"),
        ("it", "Seconda", "2"),
        ("it", "Ventitreesima", "23"),
        ("it", "Ventottesima", "28"),
        ("it", "Ventunesimo", "21"),
    ],
)
def test_ordinal_forms(lang: str, phrase: str, n: str) -> None:
    assert lookup("ordinals", lang, phrase) == {n}


# --- calendar -------------------------------------------------------------------------


def test_twelve_months() -> None:
    values = [notation("calendar", c) for c in concepts("calendar")]
    assert sorted(values, key=int) == [str(n) for n in range(1, 13)]


@pytest.mark.parametrize(
    ("lang", "phrase", "n"),
    [
        ("en", "December", "12"),
        ("fr", "décembre", "12"),
        ("fr", "février", "2"),
        ("ru", "декабрь", "12"),
        ("ru", "декабря", "12"),
        ("ru", "мая", "5"),
        ("de", "Dezember", "12"),
        ("de", "März", "3"),
        ("de", "Maerz", "3"),
        ("de", "Jänner", "1"),
        ("es", "diciembre", "12"),
        ("es", "setiembre", "9"),
        ("es", "septiembre", "9"),
        ("it", "dicembre", "12"),
        ("it", "agosto", "8"),
    ],
)
def test_month_forms(lang: str, phrase: str, n: str) -> None:
    assert lookup("calendar", lang, phrase) == {n}


# --- languages ------------------------------------------------------------------------


def test_six_languages() -> None:
    assert {notation("languages", c) for c in concepts("languages")} == set(LANGS)


@pytest.mark.parametrize(
    ("lang", "phrase", "code"),
    [
        ("en", "RUSSIAN", "ru"),
        ("fr", "russe", "ru"),
        ("ru", "РУССКИЙ", "ru"),
        ("ru", "на русском языке", "ru"),
        ("de", "Russisch", "ru"),
        ("es", "ruso", "ru"),
        ("it", "russo", "ru"),
        ("en", "FRENCH", "fr"),
        ("fr", "FRANÇAIS", "fr"),
        ("de", "ENGLISCH", "en"),
        ("es", "INGLÉS", "en"),
        ("it", "TEDESCO", "de"),
        ("es", "español", "es"),
        ("it", "italiano", "it"),
    ],
)
def test_language_names(lang: str, phrase: str, code: str) -> None:
    assert lookup("languages", lang, phrase) == {code}


def markers(code: str) -> list[str]:
    c = by_notation("languages", code)
    return [str(o) for o in graph("languages").objects(c, CG.marker)]


@pytest.mark.parametrize("code", LANGS)
def test_markers_are_many_and_in_their_own_language(code: str) -> None:
    c = by_notation("languages", code)
    tagged = list(graph("languages").objects(c, CG.marker))
    assert 25 <= len(tagged) <= 40
    assert {o.language for o in tagged} == {code}
    assert len({norm(m) for m in markers(code)}) == len(tagged)


def test_marker_lists_do_not_overlap() -> None:
    for a, b in combinations(LANGS, 2):
        shared = {norm(m) for m in markers(a)} & {norm(m) for m in markers(b)}
        assert not shared, f"{a}/{b} share {sorted(shared)}"


SENTENCES = {
    "en": "The Ministerial Council calls upon the participating States to strengthen their "
    "co-operation with civil society and to report on the measures that have been taken.",
    "fr": "Le Conseil ministériel demande aux États participants de renforcer leur coopération "
    "avec la société civile et de rendre compte des mesures qui ont été prises.",
    "ru": "Совет министров призывает государства-участники укреплять сотрудничество с "
    "гражданским обществом и сообщать о принятых мерах.",
    "de": "Der Ministerrat fordert die Teilnehmerstaaten auf, ihre Zusammenarbeit mit der "
    "Zivilgesellschaft zu verstärken und über die getroffenen Maßnahmen zu berichten.",
    "es": "El Consejo Ministerial exhorta a los Estados participantes a que refuercen su "
    "cooperación con la sociedad civil y a que informen sobre las medidas adoptadas.",
    "it": "Il Consiglio dei ministri invita gli Stati partecipanti a rafforzare la loro "
    "cooperazione con la società civile e a riferire sulle misure adottate.",
}


@pytest.mark.parametrize("code", LANGS)
def test_markers_tell_the_language_of_a_sentence(code: str) -> None:
    words = [w.casefold() for w in re.findall(r"\w+", SENTENCES[code])]
    counts = {lang: sum(w in {norm(m) for m in markers(lang)} for w in words) for lang in LANGS}
    best = max(counts, key=lambda k: counts[k])
    assert best == code, counts
    assert sorted(counts.values())[-2] < counts[code], counts


# --- places ---------------------------------------------------------------------------

MEETING_CITIES = {
    "Vienna",
    "Helsinki",
    "Budapest",
    "Istanbul",
    "Astana",
    "Copenhagen",
    "Moscow",
    "Paris",
    "Prague",
    "Stockholm",
    "Rome",
    "Bucharest",
    "Porto",
    "Maastricht",
    "Sofia",
    "Ljubljana",
    "Brussels",
    "Madrid",
    "Athens",
    "Almaty",
    "Vilnius",
    "Dublin",
    "Kyiv",
    "Basel",
    "Belgrade",
    "Hamburg",
    "Milan",
    "Bratislava",
    "Tirana",
    "Łódź",
    "Skopje",
    "Malta",
}


def exonyms(stem: str) -> dict[str, list[rdflib.term.Node]]:
    g = graph(stem)
    return {notation(stem, c): list(g.objects(c, CG.exonym)) for c in concepts(stem)}


@pytest.mark.parametrize("stem", ["places", "delegations"])
def test_every_place_and_delegation_has_one_english_exonym(stem: str) -> None:
    for value, found in exonyms(stem).items():
        assert len(found) == 1, value
        literal = found[0]
        assert isinstance(literal, rdflib.Literal) and literal.language is None, value
        c = by_notation(stem, value)
        assert texts(stem, c, SKOS.prefLabel, "en") == [str(literal)], value


def test_meeting_cities_are_present() -> None:
    assert {str(v[0]) for v in exonyms("places").values()} >= MEETING_CITIES


@pytest.mark.parametrize(
    ("lang", "phrase", "exonym"),
    [
        ("ru", "Киев", "Kyiv"),
        ("ru", "Киеве", "Kyiv"),
        ("fr", "Kiev", "Kyiv"),
        ("en", "Kiev", "Kyiv"),
        ("de", "Kiew", "Kyiv"),
        ("es", "Viena", "Vienna"),
        ("ru", "Вене", "Vienna"),
        ("ru", "Вены", "Vienna"),
        ("de", "Wien", "Vienna"),
        ("it", "Vienna", "Vienna"),
        ("fr", "Bruxelles", "Brussels"),
        ("it", "Milano", "Milan"),
        ("en", "Lodz", "Łódź"),
        ("ru", "Софии", "Sofia"),
        ("es", "Sofía", "Sofia"),
    ],
)
def test_place_forms(lang: str, phrase: str, exonym: str) -> None:
    assert exonym_of("places", lang, phrase) == exonym


# --- delegations ----------------------------------------------------------------------


def members(group: str) -> set[str]:
    g = graph("delegations")
    iri = rdflib.URIRef(f"{ID}vocab/delegations/{group}")
    return {notation("delegations", m) for m in g.objects(iri, SKOS.member)}


def test_participating_states_and_partners() -> None:
    states, partners = members("participating-states"), members("partners-for-co-operation")
    assert len(states) == 57 and len(partners) == 11
    assert not states & partners
    assert {"HolySee", "RussianFederation", "UnitedStatesofAmerica"} <= states
    every = {notation("delegations", c) for c in concepts("delegations")}
    assert every == states | partners | {"EuropeanUnion"}


def test_delegation_notation_is_the_exonym_without_spaces() -> None:
    for value, found in exonyms("delegations").items():
        assert value == str(found[0]).replace(" ", "")


@pytest.mark.parametrize(
    ("lang", "phrase", "exonym"),
    [
        ("fr", "Fédération de Russie", "Russian Federation"),
        ("ru", "Российской Федерации", "Russian Federation"),
        ("ru", "Российской Федерацией", "Russian Federation"),
        ("de", "Russischen Föderation", "Russian Federation"),
        ("es", "Federación de Rusia", "Russian Federation"),
        ("it", "Federazione Russa", "Russian Federation"),
        ("fr", "États-Unis d'Amérique", "United States of America"),
        ("ru", "Соединенных Штатов Америки", "United States of America"),
        ("de", "Vereinigten Staaten von Amerika", "United States of America"),
        ("en", "United States", "United States of America"),
        ("en", "Belarus", "Belarus"),
        ("fr", "Biélorussie", "Belarus"),
        ("fr", "Bélarus", "Belarus"),
        ("es", "Belarús", "Belarus"),
        ("de", "Heiligen Stuhls", "Holy See"),
        ("it", "Santa Sede", "Holy See"),
        ("de", "Kanadas", "Canada"),
        ("en", "Turkey", "Türkiye"),
        ("en", "European Union", "European Union"),
    ],
)
def test_delegation_forms(lang: str, phrase: str, exonym: str) -> None:
    assert exonym_of("delegations", lang, phrase) == exonym
