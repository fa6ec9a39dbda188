"""Every ``skos:example`` in the vocabularies is recognised by the extractor's own matchers
as the concept it illustrates (the reporters-db habit: data carries its own tests)."""

from __future__ import annotations

import pytest

from commitgraph.extract import find_citations
from commitgraph.vocab import Concept, lexicon

LEX = lexicon()
CASES = [
    pytest.param(c, lang, ex, id=f"{c.scheme}:{c.notation}:{lang}:{ex[:30]}")
    for c in sorted(LEX.concepts.values(), key=lambda c: c.iri)
    for lang, examples in sorted(c.examples.items())
    for ex in examples
]


def test_there_are_examples_in_every_linguistic_scheme() -> None:
    schemes = {c.scheme for c, *_ in (p.values for p in CASES)}
    assert {"actions", "openers", "actors", "instruments", "document-parts"} <= schemes


@pytest.mark.parametrize(("concept", "lang", "example"), CASES)
def test_example_is_recognised(concept: Concept, lang: str, example: str) -> None:
    if concept.scheme == "instruments":
        cites, also, _ = find_citations(example, 0, len(example), LEX, lang, own="")
        found = {c.id for c in [*cites, *also]}
        template = concept.prop("idTemplate")
        if template:  # a numbered family: some member must be read off the example
            prefix = template.split("{")[0]
            assert any(i.startswith(prefix) for i in found), found
        elif concept.prop("identifier"):
            assert concept.identifier in found
        else:  # a family named with a year ("Additif de 2013"): tested via its members
            assert found
        return
    hits = LEX.matcher(concept.scheme, lang).hits(example)
    assert concept in {h.concept for h in hits}, [h.concept.notation for h in hits]


def test_the_vocabularies_conform_to_their_shapes() -> None:
    """Every concept of every scheme labelled in all six languages (shapes/vocabulary)."""
    from commitgraph.validate import validate_vocabulary

    result = validate_vocabulary()
    assert result.conforms, [i.message() for i in result.issues[:10]]
