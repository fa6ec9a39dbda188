"""The matcher's word prefilter only skips regex scans that could not have matched.

``Matcher.hits`` runs a concept's regex over a text only for the labels whose every word
occurs in it. These tests compare it with the plain answer (every label's regex over the
whole text) on texts made of labels, their pieces, other words, odd case and spacing.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commitgraph.vocab import LANGUAGES, Hit, Matcher, lexicon

LEX = lexicon()
SCHEMES = ("instruments", "actors", "actions", "openers", "delegations", "document-parts")


def _plain_hits(matcher: Matcher, text: str) -> list[tuple[str, int, int]]:
    """Every concept's whole alternation, run over the text with no prefilter."""
    out = []
    for idx, alts in enumerate(matcher._alternatives):
        if not alts:
            continue
        rx = re.compile("|".join(f"(?:{source})" for source, _ in alts), re.I)
        notation = matcher.concepts[idx].notation
        out += [(notation, m.start(), m.end()) for m in rx.finditer(text) if m.end() > m.start()]
    return sorted(out, key=lambda h: (h[1], -h[2], h[0]))


def _keys(hits: list[Hit]) -> list[tuple[str, int, int]]:
    return [(h.concept.notation, h.start, h.end) for h in hits]


def _pieces(scheme: str, lang: str) -> list[str]:
    labels = [lab for c in LEX.scheme(scheme) for lab in c.labels.get(lang, ())]
    words = sorted({w for lab in labels for w in lab.split()})
    return labels + words + ["and", "the", "OSCE", "2017", ",", ".", "(No. 29)", "—"]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_label_alone_gives_the_plain_answer(scheme: str, lang: str) -> None:
    matcher = LEX.matcher(scheme, lang)
    for concept in matcher.concepts:
        for label in concept.labels.get(lang, ()):
            for text in (label, f"Recalling the {label.upper()}, and {label.lower()}."):
                assert _keys(matcher.hits(text)) == _plain_hits(matcher, text), text


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_mixed_texts_give_the_plain_answer(data: st.DataObject) -> None:
    scheme = data.draw(st.sampled_from(SCHEMES))
    lang = data.draw(st.sampled_from(LANGUAGES))
    pieces = data.draw(st.lists(st.sampled_from(_pieces(scheme, lang)), min_size=1, max_size=12))
    cases = data.draw(st.lists(st.sampled_from(["keep", "upper", "lower"]), min_size=12))
    gaps = data.draw(st.lists(st.sampled_from([" ", "  ", "\n", "-", " « "]), min_size=12))
    parts = []
    for piece, case, gap in zip(pieces, cases, gaps, strict=False):
        parts.append({"keep": piece, "upper": piece.upper(), "lower": piece.lower()}[case])
        parts.append(gap)
    text = "".join(parts)
    matcher = LEX.matcher(scheme, lang)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    got = _keys(matcher.hits(text, start, end))
    assert _keys(matcher.hits(text)) == _plain_hits(matcher, text)
    assert all(start <= s and e <= end for _, s, e in got)


def test_the_prefilter_skips_the_instruments_a_paragraph_does_not_name() -> None:
    """The point of it: a paragraph on trafficking wakes the instrument it names (and the
    few whose patterns key on the word), not every instrument with "trafficking" in one
    of its labels."""
    matcher = LEX.matcher("instruments", "en")
    text = "Recalling the Palermo Protocol and the need to combat trafficking in persons,"
    woken_by_label = {
        matcher.concepts[idx].notation
        for idx, chosen in matcher.possible(text).items()
        if any(isinstance(matcher._alternatives[idx][k][1], frozenset) for k in chosen)
    }
    assert woken_by_label == {"UNTC:XVIII-12-a"}
    with_the_word = [
        c for c in matcher.concepts if any("traffick" in lab.lower() for lab in c.labels["en"])
    ]
    assert len(with_the_word) > 5
