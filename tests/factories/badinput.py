"""Files that ingest must read, and files it must refuse, built on the fly.

Every builder is a plain function that takes a directory, writes one file into it and
returns its path, so any suite (ingest tests, a bad-input corpus, CLI tests) can build
the same inputs without fixtures. Generated rather than checked in: the PDFs, Word files
and encodings then stay small, reviewable as code, and cannot go stale.

``GOOD_INPUTS`` and ``BAD_INPUTS`` list the builders by name; each bad input comes with a
fragment that the refusal message must contain, so a test can check that the message
names the cause.
"""

from __future__ import annotations

import codecs
import io
import random
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# A short decision in three of the six languages: French and German accents, Cyrillic,
# typographic quotes, dashes and the numero sign, i.e. every character class ingest must
# carry through unchanged.
FRENCH = (
    "DÉCISION N° 7/17\n"
    "RENFORCEMENT DES EFFORTS VISANT À LUTTER CONTRE LA TRAITE DES ENFANTS\n"
    "Le Conseil ministériel,\n"
    "Réaffirmant la Décision n° 13/04 sur les besoins spéciaux des enfants victimes de la "
    "traite en matière de protection et d’assistance, adoptée à Sofia,\n"
    "1. Demande aux États participants de renforcer la coopération « sans délai » ;\n"
)
RUSSIAN = (
    "РЕШЕНИЕ № 7/17\n"
    "Совет министров,\n"
    "вновь подтверждая решение № 13/04 об особых потребностях детей – жертв торговли "
    "людьми в защите и помощи, принятое в Софии,\n"
    "1. призывает государства-участники активизировать сотрудничество;\n"
)
GERMAN = (
    "BESCHLUSS Nr. 7/17\n"
    "Der Ministerrat –\n"
    "in Bekräftigung des Beschlusses Nr. 13/04 über die besonderen Schutz- und "
    "Hilfsbedürfnisse von Kindern, die Opfer von Menschenhandel geworden sind,\n"
    "1. fordert die Teilnehmerstaaten auf, die Zusammenarbeit zu verstärken; „größere“ "
    "Anstrengungen zu unternehmen;\n"
)
SNIPPET = FRENCH + "\n" + RUSSIAN + "\n" + GERMAN
# Text encodable in Latin-1 (no typographic quotes, dashes or euro sign).
LATIN1_TEXT = (
    "DÉCISION N° 7/17\n"
    "Le Conseil ministériel, réaffirmant la Décision n° 13/04 sur les besoins spéciaux des "
    "enfants victimes de la traite, adoptée à Sofia, prie les États participants de "
    "renforcer leur coopération.\n"
    "Der Ministerrat, in Bekräftigung des Beschlusses Nr. 13/04 über die besonderen "
    "Bedürfnisse von Kindern, fordert größere Anstrengungen.\n"
)
# Russian text encodable in KOI8-R (no numero sign or en dash).
KOI8_TEXT = RUSSIAN.replace("№", "N").replace("–", "-")

PDF_HEADER = "Organisation pour la sécurité et la coopération en Europe"
PDF_PAGE_TWO = "Deuxième page : être humain, вновь подтверждая, Größe der Kinder."


def _font_path() -> str:
    import matplotlib

    return matplotlib.get_data_path() + "/fonts/ttf/DejaVuSans.ttf"


def _write(directory: Path, name: str, data: bytes) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_bytes(data)
    return path


# --- plain text ------------------------------------------------------------------------


def make_text(directory: Path, name: str = "décision № 7.txt", text: str = SNIPPET) -> Path:
    """UTF-8 text without BOM; the default name has spaces and non-Latin letters."""
    return _write(directory, name, text.encode("utf-8"))


def make_text_encoded(directory: Path, encoding: str, text: str, name: str) -> Path:
    """``text`` saved in ``encoding``, with Windows line ends to exercise their removal."""
    return _write(directory, name, text.replace("\n", "\r\n").encode(encoding))


def make_utf8_bom(directory: Path) -> Path:
    return _write(directory, "utf8-bom.txt", SNIPPET.encode("utf-8-sig"))


def make_utf16_bom(directory: Path) -> Path:
    """UTF-16 LE with its BOM, as Windows Notepad saves "Unicode" files."""
    return _write(directory, "utf16.txt", SNIPPET.encode("utf-16"))


def make_utf16be_bom(directory: Path) -> Path:
    return _write(directory, "utf16be.txt", b"\xfe\xff" + SNIPPET.encode("utf-16-be"))


def make_utf32_bom(directory: Path) -> Path:
    return _write(directory, "utf32.txt", SNIPPET.encode("utf-32"))


def make_cp1252(directory: Path) -> Path:
    return make_text_encoded(directory, "cp1252", FRENCH + "\n" + GERMAN, "cp1252.txt")


def make_cp1251(directory: Path) -> Path:
    return make_text_encoded(directory, "cp1251", RUSSIAN, "cp1251.txt")


def make_latin1(directory: Path) -> Path:
    return make_text_encoded(directory, "latin-1", LATIN1_TEXT, "latin1.txt")


def make_koi8r(directory: Path) -> Path:
    return make_text_encoded(directory, "koi8-r", KOI8_TEXT, "koi8r.txt")


def make_no_suffix(directory: Path) -> Path:
    """A text file named after its symbol: "MC.DEC.7.17" has no real suffix."""
    return make_text(directory, name="MC.DEC.7.17")


# --- PDF -------------------------------------------------------------------------------


def _pdf_bytes(*, user_password: str | None = None, encrypt: bool = False) -> bytes:
    """Two pages with a running header and a page number, text in a Unicode TTF font."""
    from fpdf import FPDF

    class Decision(FPDF):
        def header(self) -> None:
            self.set_font("dejavu", size=9)
            self.cell(0, 8, PDF_HEADER, align="C")
            self.ln(14)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("dejavu", size=9)
            self.cell(0, 8, f"- {self.page_no()} -", align="C")

    pdf = Decision()
    pdf.add_font("dejavu", fname=_font_path())
    if encrypt:
        pdf.set_encryption(owner_password="owner-secret", user_password=user_password)
    pdf.add_page()
    pdf.set_font("dejavu", size=11)
    for line in (FRENCH + "\n" + RUSSIAN).splitlines():
        pdf.multi_cell(0, 6, line, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()
    for line in (GERMAN + "\n" + PDF_PAGE_TWO).splitlines():
        pdf.multi_cell(0, 6, line, align="L", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def make_pdf(directory: Path, name: str = "décision.pdf") -> Path:
    return _write(directory, name, _pdf_bytes())


def make_pdf_encrypted_empty_password(directory: Path) -> Path:
    """Encrypted with an owner password only: any reader opens it without asking."""
    return _write(directory, "open-encrypted.pdf", _pdf_bytes(encrypt=True, user_password=""))


def make_pdf_encrypted(directory: Path) -> Path:
    """Needs a user password to open."""
    return _write(directory, "encrypted.pdf", _pdf_bytes(encrypt=True, user_password="secret"))


def make_pdf_truncated(directory: Path) -> Path:
    """A download cut in the middle: the second half of the bytes is missing."""
    data = _pdf_bytes()
    return _write(directory, "truncated.pdf", data[: len(data) // 2])


def make_pdf_cut_before_end(directory: Path) -> Path:
    """Only the last bytes ("%%EOF") are missing; pdfminer alone would not notice."""
    data = _pdf_bytes()
    return _write(directory, "cut-end.pdf", data[: data.rindex(b"%%EOF")])


def make_pdf_corrupt(directory: Path) -> Path:
    """The middle of the file is lost but the end ("%%EOF") is still there."""
    data = _pdf_bytes()
    return _write(directory, "corrupt.pdf", data[: len(data) // 2] + data[-300:])


def make_pdf_image_only(directory: Path) -> Path:
    """A "scanned" page: one picture, no text layer."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    picture = Image.new("RGB", (400, 200), "white")
    ImageDraw.Draw(picture).rectangle((20, 20, 380, 60), fill="black")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(picture, x=10, y=10, w=150)
    return _write(directory, "scanned.pdf", bytes(pdf.output()))


def make_pdf_not_a_pdf(directory: Path) -> Path:
    return _write(directory, "fake.pdf", ("Ceci n’est pas un PDF.\n" * 20).encode())


# --- Word ------------------------------------------------------------------------------

FOOTNOTE_TEXT = (
    "Comprend une correction apportée à la décision lors de la séance de mise en "
    "conformité linguistique tenue le 2 février 2018."
)
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_FOOTNOTES_XML = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes xmlns:w="{_W_NS}">
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>
</w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {FOOTNOTE_TEXT}</w:t></w:r></w:p></w:footnote>
</w:footnotes>"""  # noqa: E501


def make_docx(directory: Path, name: str = "décision.docx") -> Path:
    """Paragraphs in three languages, a table, and a footnote on the title."""
    import docx
    from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "MC.DEC/7/17"
    table.cell(0, 1).text = "8 décembre 2017"
    french = FRENCH.splitlines()
    document.add_paragraph(french[0])
    title = document.add_paragraph(french[1])
    reference = OxmlElement("w:footnoteReference")
    reference.set(qn("w:id"), "1")
    title.add_run()._r.append(reference)
    for line in french[2:]:
        document.add_paragraph(line)
    for line in RUSSIAN.splitlines():
        document.add_paragraph(line)
    cells = document.add_table(rows=2, cols=1)
    cells.cell(0, 0).text = GERMAN.splitlines()[0]
    cells.cell(1, 0).text = "\n".join(GERMAN.splitlines()[1:])
    footnotes = Part(
        PackURI("/word/footnotes.xml"),
        CONTENT_TYPE.WML_FOOTNOTES,
        _FOOTNOTES_XML.encode("utf-8"),
        document.part.package,
    )
    document.part.relate_to(footnotes, RELATIONSHIP_TYPE.FOOTNOTES)
    buffer = io.BytesIO()
    document.save(buffer)
    return _write(directory, name, buffer.getvalue())


def make_docx_empty(directory: Path) -> Path:
    """A valid Word file with no text at all."""
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    return _write(directory, "blank.docx", buffer.getvalue())


def make_zip_renamed_docx(directory: Path) -> Path:
    """A zip of text files given a .docx name."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "not a Word document")
        archive.writestr("data/list.csv", "a,b\n1,2\n")
    return _write(directory, "renamed.docx", buffer.getvalue())


def make_spreadsheet_renamed_docx(directory: Path) -> Path:
    """An Office package whose main part is a workbook, renamed to .docx."""
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Target="xl/workbook.xml" Type="http://schemas.'
        'openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
        "</Relationships>"
    )
    workbook = (
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.'
        'openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr("xl/workbook.xml", workbook)
    return _write(directory, "workbook.docx", buffer.getvalue())


# --- HTML ------------------------------------------------------------------------------


def html_page(body: str, charset: str = "utf-8") -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="fr"><head><meta charset="{charset}">'
        "<title>Titre de la page</title>"
        "<style>p { color: #333 } /* style text */</style>"
        '<script>var hidden = "script text";</script></head>\n'
        f"<body>{body}</body></html>\n"
    )


HTML_BODY = (
    '<div class="header">MC.DEC/7/17<br>8 décembre 2017</div>\n'
    "<h1>DÉCISION N° 7/17</h1>\n"
    "<p>Le Conseil <b>ministériel</b>,</p>\n"
    "<p>Réaffirmant la Décision n° 13/04 sur les besoins spéciaux des enfants\n"
    "        victimes de la traite, adoptée à Sofia,</p>\n"
    "<ol><li>РЕШЕНИЕ № 7/17</li><li>Совет министров, вновь подтверждая решение № 13/04,"
    "</li></ol>\n"
    "<table><tr><td>BESCHLUSS Nr. 7/17</td><td>Der Ministerrat – größere "
    "Anstrengungen</td></tr></table>\n"
    "<!-- a comment that is not text -->\n"
    "<script>document.write('more script text')</script>\n"
)


def make_html(directory: Path, name: str = "décision.html") -> Path:
    return _write(directory, name, html_page(HTML_BODY).encode("utf-8"))


def make_html_cp1251(directory: Path) -> Path:
    """Russian HTML saved in windows-1251 and declaring it."""
    body = "".join(f"<p>{line}</p>\n" for line in RUSSIAN.splitlines())
    return _write(directory, "ru.htm", html_page(body, charset="windows-1251").encode("cp1251"))


def make_html_undeclared_cp1252(directory: Path) -> Path:
    """French and German HTML saved as cp1252 with no charset declared anywhere."""
    body = "".join(f"<p>{line}</p>\n" for line in (FRENCH + GERMAN).splitlines())
    page = f"<html><head><title>Décision</title></head><body>{body}</body></html>"
    return _write(directory, "undeclared.html", page.encode("cp1252"))


def make_html_deep(directory: Path, depth: int = 100_000) -> Path:
    """``depth`` nested <div>s around a paragraph: recursion in a reader would blow up."""
    page = html_page(
        "<div>" * depth + "<p>Décision profonde</p>" + "</div>" * depth + "<p>Après</p>"
    )
    return _write(directory, "deep.xhtml", page.encode("utf-8"))


def make_html_empty_body(directory: Path) -> Path:
    return _write(directory, "empty.htm", html_page("<div> </div><script>x()</script>").encode())


# --- refused inputs --------------------------------------------------------------------


def make_empty(directory: Path) -> Path:
    return _write(directory, "empty.txt", b"")


def make_whitespace_only(directory: Path) -> Path:
    return _write(directory, "blank.txt", b" \n\t\r\n  \n\f\n")


def make_binary_noise(directory: Path) -> Path:
    """Random bytes (seeded, so every run builds the same file), NUL bytes included."""
    return _write(directory, "noise.txt", random.Random(7).randbytes(4096))


def make_binary_noise_without_nul(directory: Path) -> Path:
    """Random bytes with every NUL replaced: the control-character ratio must catch it."""
    data = random.Random(11).randbytes(4096).replace(b"\x00", b"\x01")
    return _write(directory, "noise-no-nul.txt", data)


def make_mixed_encoding(directory: Path) -> Path:
    """French saved as UTF-8 followed by French and German saved as cp1252."""
    data = FRENCH.encode("utf-8") + (FRENCH + GERMAN).encode("cp1252")
    return _write(directory, "mixed.txt", data)


def make_mixed_encoding_small(directory: Path) -> Path:
    """Mostly cp1252, with one UTF-8 word pasted in: decodes as cp1252, into mojibake."""
    data = (FRENCH + GERMAN).encode("cp1252") * 3 + "Décision".encode()
    return _write(directory, "mixed-small.txt", data)


def make_mixed_legacy(directory: Path) -> Path:
    """Russian in cp1251 followed by French in cp1252: no single code page fits."""
    data = (RUSSIAN * 2).encode("cp1251") + FRENCH.encode("cp1252")
    return _write(directory, "mixed-legacy.txt", data)


def make_bad_utf16(directory: Path) -> Path:
    """A UTF-16 BOM followed by a lone high surrogate: invalid UTF-16."""
    data = codecs.BOM_UTF16_LE + "Décision".encode("utf-16-le") + b"\x00\xd8A\x00"
    return _write(directory, "bad-utf16.txt", data)


def make_text_of_size(directory: Path, size: int, name: str = "large.txt") -> Path:
    """Valid ASCII text of exactly ``size`` bytes (tests pass a smaller ``max_bytes``)."""
    line = b"The Ministerial Council decides to continue.\n"
    return _write(directory, name, (line * (size // len(line) + 1))[:size])


def make_unsupported(directory: Path) -> Path:
    return _write(directory, "notes.md", b"# Notes\n")


def make_legacy_too_short(directory: Path) -> Path:
    """One cp1252 word: too little text to tell cp1252 from other code pages."""
    return _write(directory, "short.txt", "Größe\n".encode("cp1252"))


def make_missing(directory: Path) -> Path:
    """A path that does not exist (its directory does)."""
    directory.mkdir(parents=True, exist_ok=True)
    return directory / "absent.txt"


def make_directory_named_txt(directory: Path) -> Path:
    """A folder whose name looks like a text file."""
    path = directory / "folder.txt"
    path.mkdir(parents=True, exist_ok=True)
    return path


@dataclass(frozen=True)
class MixedFolder:
    """A folder of readable, refused and unsupported files, and what ingest should see."""

    root: Path
    good: tuple[Path, ...]  # supported files that read
    bad: tuple[Path, ...]  # supported files that are refused
    skipped: tuple[Path, ...]  # files a folder expansion must not list


def make_mixed_folder(directory: Path) -> MixedFolder:
    """Files created out of order, in a sub-folder too, with names that sort non-trivially."""
    root = directory / "batch folder"
    sub = root / "sous-dossier"
    good = (
        make_html(root, name="Z décision.html"),
        make_text(root, name="a décision № 7.txt"),
        make_pdf(root, name="m décision.pdf"),
        make_docx(sub, name="b décision.docx"),
        make_cp1251(root),
    )
    bad = (
        make_empty(root),
        make_binary_noise(sub),
        make_pdf_truncated(root),
        make_zip_renamed_docx(root),
    )
    skipped = (
        make_unsupported(root),
        make_text(root, name=".hidden.txt"),
        make_text(root / ".cache", name="cached.txt"),
        make_docx(root, name="~$décision.docx"),  # Word's lock file
        make_text(root, name="picture.png"),
    )
    return MixedFolder(root, good, bad, skipped)


Builder = Callable[[Path], Path]

#: Inputs ingest must read, by name.
GOOD_INPUTS: dict[str, Builder] = {
    "utf8": make_text,
    "utf8_bom": make_utf8_bom,
    "utf16_bom": make_utf16_bom,
    "utf16be_bom": make_utf16be_bom,
    "utf32_bom": make_utf32_bom,
    "cp1252": make_cp1252,
    "cp1251": make_cp1251,
    "latin1": make_latin1,
    "koi8r": make_koi8r,
    "no_suffix": make_no_suffix,
    "pdf": make_pdf,
    "pdf_open_encrypted": make_pdf_encrypted_empty_password,
    "docx": make_docx,
    "html": make_html,
    "html_cp1251": make_html_cp1251,
    "html_undeclared_cp1252": make_html_undeclared_cp1252,
}

#: Inputs ingest must refuse: builder and a fragment the one-line message must contain.
BAD_INPUTS: dict[str, tuple[Builder, str]] = {
    "empty": (make_empty, "empty"),
    "whitespace_only": (make_whitespace_only, "only whitespace"),
    "binary_noise": (make_binary_noise, "binary"),
    "binary_noise_without_nul": (make_binary_noise_without_nul, "binary"),
    "mixed_encoding": (make_mixed_encoding, "encoding"),
    "mixed_encoding_small": (make_mixed_encoding_small, "mixed text encodings"),
    "mixed_legacy": (make_mixed_legacy, "encoding"),
    "bad_utf16": (make_bad_utf16, "UTF-16"),
    "legacy_too_short": (make_legacy_too_short, "ambiguous"),
    "pdf_encrypted": (make_pdf_encrypted, "encrypted PDF"),
    "pdf_truncated": (make_pdf_truncated, "corrupt or truncated PDF"),
    "pdf_cut_before_end": (make_pdf_cut_before_end, "corrupt or truncated PDF"),
    "pdf_corrupt": (make_pdf_corrupt, "corrupt or truncated PDF"),
    "pdf_image_only": (make_pdf_image_only, "PDF has no text layer (scanned image?)"),
    "pdf_not_a_pdf": (make_pdf_not_a_pdf, "not a PDF"),
    "docx_renamed_zip": (make_zip_renamed_docx, "not a valid Word"),
    "docx_spreadsheet": (make_spreadsheet_renamed_docx, "not a valid Word"),
    "docx_empty": (make_docx_empty, "no text"),
    "html_empty": (make_html_empty_body, "no text"),
    "unsupported": (make_unsupported, "unsupported file type"),
    "missing": (make_missing, "not found"),
    "directory": (make_directory_named_txt, "directory"),
}


def flatten(text: str) -> str:
    """Text with every run of whitespace (line and page breaks too) made one space."""
    return " ".join(text.split())
