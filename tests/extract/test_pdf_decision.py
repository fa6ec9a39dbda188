"""A decision laid out as a real PDF in the test setup reads back to its gold record."""

from __future__ import annotations

from pathlib import Path

from commitgraph.clean import clean
from commitgraph.extract import extract_file
from commitgraph.record import to_dict
from commitgraph.score import score
from commitgraph.vocab import lexicon
from tests.factories.pdfdecision import write_decision_pdf
from tests.helpers import DECISIONS, gold_for


def test_pdf_with_running_headers_and_page_breaks(tmp_path: Path) -> None:
    source = DECISIONS / "MC.DEC.6.18.fr.txt"
    gold = gold_for(source)
    # The fixture's own page furniture is taken out first; the PDF engine puts its own
    # back, at whatever places its page breaks fall.
    body = clean(source.read_text(encoding="utf-8"), lexicon()).text
    pdf = write_decision_pdf(
        body, gold["symbol_as_printed"], "7 December 2018", tmp_path / "MC.DEC.6.18.fr.pdf"
    )
    rec = extract_file(pdf)
    assert rec.source.format == "pdf"
    pages = rec.clean.raw.count("\f") + 1
    assert pages >= 3, "the layout must cut paragraphs across pages"
    assert sum(1 for f in rec.clean.furniture if f.kind == "page") >= pages - 1
    result = score(to_dict(rec, spans=False), gold)
    assert result.overall == 1.0, "\n".join(result.mismatches)
