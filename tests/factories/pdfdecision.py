"""Lay out a decision as a real multi-page PDF, the way OSCE PDFs come: a running header
(symbol and date) on every page, a page number at the foot of every page after the first,
paragraphs wrapped by the PDF engine and cut by page breaks wherever they fall."""

from __future__ import annotations

from pathlib import Path

import matplotlib
from fpdf import FPDF

FONT = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"


class _DecisionPDF(FPDF):
    def __init__(self, symbol: str, date: str) -> None:
        super().__init__(format="A4")
        self.symbol = symbol
        self.date = date
        self.add_font("DejaVu", fname=str(FONT))
        self.set_auto_page_break(auto=True, margin=25)

    def header(self) -> None:
        self.set_font("DejaVu", size=9)
        self.cell(0, 4, self.symbol, new_x="LMARGIN", new_y="NEXT", align="R")
        self.cell(0, 4, self.date, new_x="LMARGIN", new_y="NEXT", align="R")
        self.ln(6)

    def footer(self) -> None:
        if self.page_no() > 1:
            self.set_y(-15)
            self.set_font("DejaVu", size=9)
            self.cell(0, 5, f"- {self.page_no()} -", align="C")


def write_decision_pdf(text: str, symbol: str, date: str, path: Path) -> Path:
    """Write ``text`` (paragraphs separated by blank lines) as a PDF at ``path``."""
    pdf = _DecisionPDF(symbol, date)
    pdf.add_page()
    pdf.set_font("DejaVu", size=11)
    for block in text.split("\n\n"):
        block = block.strip()
        if not block:
            continue
        for line in block.split("\n"):
            pdf.multi_cell(0, 5.5, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    pdf.output(str(path))
    return path
