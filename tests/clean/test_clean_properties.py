"""The cleaner never loses the way back to the source text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from commitgraph.clean import clean
from commitgraph.vocab import lexicon

_alphabet = st.sampled_from(list("abcdeéfgh ийк XYZ,.;:-\n\n\n12345()*'’"))
texts = st.lists(_alphabet, max_size=400).map("".join)


def _check_offsets(raw_in: str) -> None:
    cleaned = clean(raw_in, lexicon())
    text, raw, offsets = cleaned.text, cleaned.raw, cleaned.offsets
    assert len(offsets) == len(text) + 1
    assert all(0 <= o <= len(raw) for o in offsets)
    assert list(offsets[:-1]) == sorted(offsets[:-1])
    for i, ch in enumerate(text):
        if ch in " \n":
            continue  # separators the cleaner may insert where it joined or split lines
        assert raw[offsets[i]] == ch, (i, ch, raw[offsets[i]])


@settings(max_examples=300, deadline=None)
@given(texts)
def test_every_cleaned_character_maps_back(raw: str) -> None:
    _check_offsets(raw)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_unicode_never_raises(raw: str) -> None:
    _check_offsets(raw)
