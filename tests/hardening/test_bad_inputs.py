"""A folder of broken, hostile and foreign files goes through ``commitgraph build``.

What a user pointing commitgraph at a download folder must get: the good decisions in the
graph; for each bad file exactly one line on stderr naming the file and the cause (no
traceback unless ``--debug``); the exit code of the README table ("Errors and exit
codes": 3 unreadable input, 4 not a decision or inconsistent structure; a batch exits
with its first failure's code); and the same code from ``commitgraph extract`` on each
bad file alone.

The corpus is built in the test session (nothing binary is checked in): the ingest
factories of ``tests/factories/badinput.py``, plus decisions damaged on purpose from the
fixture decisions, decisions in languages commitgraph does not read, a 200 MB file made
sparse (so the test never writes or reads 200 MB) and deeply nested HTML.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest

from commitgraph.cli import cli
from commitgraph.cli._common import run_cli
from commitgraph.ingest import DEFAULT_MAX_BYTES, expand_inputs
from commitgraph.parsers import parse_symbol
from tests.factories import badinput as factory
from tests.helpers import DECISIONS, ROOT

# --- the corpus ------------------------------------------------------------------------

BASE = DECISIONS / "MC.DEC.6.18.en.txt"  # the decision the damaged copies are made from
GOOD = {  # file name in the batch -> the decision it holds
    "MC.DEC.6.18.en.txt": "MC.DEC/6/18",
    "PC.DEC.1234.de.txt": "PC.DEC/1234",
    "décision № 7 (копия).txt": "MC.DEC/6/17",  # spaces, signs, Cyrillic in the name
    "deep decision.html": "PC.DEC/557",  # a real decision inside 20 000 nested <div>s
}
GOOD_SOURCES = {
    "MC.DEC.6.18.en.txt": DECISIONS / "MC.DEC.6.18.en.txt",
    "PC.DEC.1234.de.txt": DECISIONS / "PC.DEC.1234.de.txt",
    "décision № 7 (копия).txt": DECISIONS / "MC.DEC.6.17.en.txt",
    "deep decision.html": DECISIONS / "PC.DEC.557.fr.txt",
}
HUGE = 200 * 1024 * 1024


@dataclass(frozen=True)
class Bad:
    """A file the batch must refuse: how to make it, its exit code, words of its cause."""

    make: Callable[[Path], Path]
    code: int
    cause: str


def _text(name: str, text: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / name
        path.write_text(text, encoding="utf-8")
        return path

    return make


def _bytes(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / name
        path.write_bytes(data)
        return path

    return make


def _base() -> str:
    return BASE.read_text(encoding="utf-8")


def _edit(old: str, new: str, count: int = 1) -> str:
    text = _base()
    assert text.count(old) >= count, old
    return text.replace(old, new, count)


def make_huge(folder: Path) -> Path:
    """200 MB of text as far as ``stat`` can tell, in a sparse file: nothing is written."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "huge.txt"
    with path.open("wb") as handle:
        handle.write(b"DECISION No. 1\n")
        handle.truncate(HUGE)
    return path


def make_wrong_declared_charset(folder: Path) -> Path:
    """A page saved as cp1252 under a template that declares UTF-8."""
    body = "".join(f"<p>{line}</p>" for line in (factory.FRENCH + factory.GERMAN).splitlines())
    page = factory.html_page(body, charset="utf-8").encode("cp1252")
    return _bytes("wrong-charset.html", page)(folder)


def make_utf8_declared_cp1251(folder: Path) -> Path:
    """UTF-8 bytes under a windows-1251 declaration: read as declared, it is mojibake."""
    body = "".join(f"<p>{line}</p>" for line in factory.RUSSIAN.splitlines())
    page = factory.html_page(body, charset="windows-1251").encode("utf-8")
    return _bytes("utf8-declared-cp1251.html", page)(folder)


def make_utf16_without_bom(folder: Path) -> Path:
    return _bytes("utf16-no-bom.txt", factory.FRENCH.encode("utf-16-le"))(folder)


def make_deep_decision(folder: Path) -> Path:
    """A real decision, one <p> per paragraph and <br> per line, 20 000 <div>s deep."""
    text = GOOD_SOURCES["deep decision.html"].read_text(encoding="utf-8")
    body = "".join("<p>" + block.replace("\n", "<br>\n") + "</p>\n" for block in text.split("\n\n"))
    depth = 20_000
    page = f"<html><body>{'<div>' * depth}{body}{'</div>' * depth}</body></html>"
    return _text("deep decision.html", page)(folder)


# Decision-shaped texts in languages commitgraph does not read, written for this test.
SWEDISH = """Organisationen för säkerhet och samarbete i Europa
Ministerrådet

MC.DEC/6/18
7 december 2018

BESLUT nr 6/18
FÖRSTÄRKTA INSATSER MOT HANDEL MED BARN

Ministerrådet,

som bekräftar OSSE:s åtaganden att bekämpa människohandel, särskilt handlingsplanen och
dess tillägg från 2005 och 2013, och som påminner om att barn på flykt är särskilt utsatta,

som erinrar om ministerrådets beslut nr 13/04 om de särskilda behoven hos barn som utsatts
för människohandel, i fråga om skydd och stöd,

1. uppmanar de deltagande staterna att förstärka sina åtgärder för att förebygga och
bekämpa alla former av handel med barn, även med ensamkommande barn;

2. uppmuntrar de deltagande staterna att ta fram tvärvetenskapliga förfaranden för
åldersbedömning, som bara används när det finns skäl att tvivla på en persons ålder;

3. uppdrar åt generalsekreteraren att rapportera till Ständiga rådet om hur detta beslut
har genomförts före utgången av år 2019.
"""
POLISH = """Organizacja Bezpieczeństwa i Współpracy w Europie
Rada Ministerialna

MC.DEC/6/18
7 grudnia 2018 r.

DECYZJA NR 6/18
WZMOCNIENIE DZIAŁAŃ PRZECIWKO HANDLOWI DZIEĆMI

Rada Ministerialna,

potwierdzając zobowiązania OBWE dotyczące zwalczania handlu ludźmi, w szczególności plan
działania i jego uzupełnienia z lat 2005 i 2013,

przypominając decyzję Rady Ministerialnej nr 13/04 w sprawie szczególnych potrzeb dzieci,
które padły ofiarą handlu ludźmi,

1. wzywa państwa uczestniczące do wzmożenia wysiłków na rzecz zapobiegania wszelkim
formom handlu dziećmi i ich zwalczania;

2. zachęca państwa uczestniczące do opracowania procedur oceny wieku, stosowanych tylko
wtedy, gdy istnieją uzasadnione wątpliwości;

3. zwraca się do Sekretarza Generalnego o złożenie Stałej Radzie sprawozdania z wykonania
niniejszej decyzji do końca 2019 roku.
"""
PORTUGUESE = """Organização para a Segurança e a Cooperação na Europa
Conselho Ministerial

MC.DEC/6/18
7 de dezembro de 2018

DECISÃO N.º 6/18
REFORÇO DOS ESFORÇOS CONTRA O TRÁFICO DE CRIANÇAS

O Conselho Ministerial,

Reafirmando os compromissos da OSCE relativos ao combate ao tráfico de seres humanos, em
particular o Plano de Ação e os seus aditamentos de 2005 e 2013, que foram adotados por
todos os Estados participantes,

Recordando a Decisão n.º 13/04 sobre as necessidades especiais das crianças vítimas de
tráfico, para a sua proteção e assistência, adotada em Sófia,

1. Exorta os Estados participantes a reforçarem a prevenção e o combate de todas as formas
de tráfico de crianças, como também das não acompanhadas;

2. Incentiva os Estados participantes a criarem procedimentos para a avaliação da idade,
sobre todo nas rotas de migração e na proteção das vítimas;

3. Solicita ao Secretário-Geral que apresente um relatório sobre a aplicação da presente
decisão até ao final de 2019.
"""
UKRAINIAN = """Організація з безпеки та співробітництва в Європі
Рада міністрів

MC.DEC/6/18
7 грудня 2018 року

РІШЕННЯ № 6/18
ПОСИЛЕННЯ ЗУСИЛЬ ІЗ ЗАПОБІГАННЯ ТОРГІВЛІ ДІТЬМИ

Рада міністрів,

підтверджуючи зобов'язання ОБСЄ щодо боротьби з торгівлею людьми, зокрема План дій та
доповнення до нього 2005 і 2013 років,

посилаючись на рішення Ради міністрів № 13/04 про особливі потреби дітей, які стали
жертвами торгівлі людьми,

1. закликає держави-учасниці посилити зусилля із запобігання всім формам торгівлі дітьми;

2. заохочує держави-учасниці розробити процедури оцінювання віку;

3. доручає Генеральному секретарю доповісти Постійній раді про виконання цього рішення.
"""
BULGARIAN = """Организация за сигурност и сътрудничество в Европа
Министерски съвет

MC.DEC/6/18
7 декември 2018 г.

РЕШЕНИЕ № 6/18
ЗАСИЛВАНЕ НА УСИЛИЯТА СРЕЩУ ТРАФИКА НА ДЕЦА

Министерският съвет,

като потвърждава ангажиментите на ОССЕ за борба с трафика на хора, и по-специално Плана
за действие и допълненията към него от 2005 и 2013 г.,

като припомня Решение № 13/04 на Министерския съвет относно специалните нужди на
децата, жертви на трафик, от защита и помощ,

1. призовава държавите участнички да засилят усилията си срещу всички форми на трафик
на деца;

2. насърчава държавите участнички да разработят процедури за оценка на възрастта;

3. възлага на генералния секретар да докладва на Постоянния съвет за изпълнението на
това решение до края на 2019 г.
"""
CATALAN = """Organització per a la Seguretat i la Cooperació a Europa
Consell Ministerial

MC.DEC/6/18
7 de desembre de 2018

DECISIÓ NÚM. 6/18
REFORÇAMENT DELS ESFORÇOS CONTRA EL TRÀFIC D'INFANTS

El Consell Ministerial,

Reafirmant els compromisos de l'OSCE sobre la lluita contra el tràfic d'éssers humans, en
particular el Pla d'acció i els seus annexos de 2005 i 2013,

Recordant la Decisió del Consell Ministerial núm. 13/04 sobre les necessitats especials
dels infants víctimes del tràfic,

1. Exhorta els Estats participants a reforçar els seus esforços per prevenir i combatre
totes les formes de tràfic d'infants;

2. Encoratja els Estats participants a desenvolupar procediments per a l'avaluació de
l'edat;

3. Demana al Secretari General que informi el Consell Permanent sobre l'aplicació
d'aquesta decisió abans de finals de 2019.
"""

UNREADABLE = 3  # README: a file cannot be read as text
NOT_A_DECISION = 4  # README: not a decision, or its structure is inconsistent

BAD: dict[str, Bad] = {
    # unreadable files (3), from the ingest factories
    "empty": Bad(factory.make_empty, UNREADABLE, "empty"),
    "whitespace only": Bad(factory.make_whitespace_only, UNREADABLE, "only whitespace"),
    "binary noise": Bad(factory.make_binary_noise, UNREADABLE, "binary"),
    "binary noise, no NUL": Bad(factory.make_binary_noise_without_nul, UNREADABLE, "binary"),
    "truncated PDF": Bad(factory.make_pdf_truncated, UNREADABLE, "truncated PDF"),
    "PDF cut before %%EOF": Bad(factory.make_pdf_cut_before_end, UNREADABLE, "truncated PDF"),
    "corrupt PDF": Bad(factory.make_pdf_corrupt, UNREADABLE, "corrupt"),
    "encrypted PDF": Bad(factory.make_pdf_encrypted, UNREADABLE, "encrypted PDF"),
    "scanned PDF": Bad(factory.make_pdf_image_only, UNREADABLE, "no text layer"),
    "text named .pdf": Bad(factory.make_pdf_not_a_pdf, UNREADABLE, "not a PDF"),
    "zip named .docx": Bad(factory.make_zip_renamed_docx, UNREADABLE, "not a valid Word"),
    "workbook named .docx": Bad(
        factory.make_spreadsheet_renamed_docx, UNREADABLE, "not a valid Word"
    ),
    "empty Word file": Bad(factory.make_docx_empty, UNREADABLE, "no text"),
    "empty HTML page": Bad(factory.make_html_empty_body, UNREADABLE, "no text"),
    "UTF-8 then cp1252": Bad(factory.make_mixed_encoding, UNREADABLE, "mixed text encodings"),
    "cp1252, one UTF-8 word": Bad(
        factory.make_mixed_encoding_small, UNREADABLE, "mixed text encodings"
    ),
    "cp1251 then cp1252": Bad(factory.make_mixed_legacy, UNREADABLE, "mixed text encodings"),
    "broken UTF-16": Bad(factory.make_bad_utf16, UNREADABLE, "UTF-16"),
    "too short to tell the code page": Bad(factory.make_legacy_too_short, UNREADABLE, "ambiguous"),
    "UTF-16 without BOM": Bad(make_utf16_without_bom, UNREADABLE, "UTF-16 text without"),
    "declares UTF-8, is cp1252": Bad(
        make_wrong_declared_charset, UNREADABLE, "declares utf-8 but byte offset"
    ),
    "declares cp1251, is UTF-8": Bad(
        make_utf8_declared_cp1251, UNREADABLE, "declares windows-1251 but its bytes are UTF-8"
    ),
    "200 MB": Bad(make_huge, UNREADABLE, f"the limit is {DEFAULT_MAX_BYTES} bytes"),
    # read, but not a decision or not a consistent one (4)
    "deep HTML, no decision": Bad(
        lambda d: factory.make_html_deep(d, depth=20_000), NOT_A_DECISION, "language"
    ),
    "no operative part": Bad(
        _text("no-operative.txt", _base()[: _base().index("1. Calls upon")]),
        NOT_A_DECISION,
        "no operative paragraph",
    ),
    "duplicated paragraph number": Bad(
        _text("duplicated.txt", _edit("\n4. Encourages", "\n3. Encourages")),
        NOT_A_DECISION,
        "operative paragraph 3 appears twice",
    ),
    "paragraph lost": Bad(
        _text(
            "gap.txt",
            _base()[: _base().index("\n4. Encourages")] + _base()[_base().index("\n5. Further") :],
        ),
        NOT_A_DECISION,
        "operative paragraph 5 comes after paragraph 3",
    ),
    "heading number does not parse": Bad(
        _text("bad-heading.txt", _edit("DECISION No. 6/18", "DECISION No. 6/1B")),
        NOT_A_DECISION,
        "'DECISION No. 6/1B' has a number that does not parse",
    ),
    "symbol does not parse": Bad(
        _text("bad-symbol.txt", _edit("MC.DEC/6/18", "MC.DEC/6/1B")),
        NOT_A_DECISION,
        "the symbol 'MC.DEC/6/1B' above the heading does not parse",
    ),
    "symbol of another decision": Bad(
        _text("other-symbol.txt", _edit("MC.DEC/6/18", "MC.DEC/9/18")),
        NOT_A_DECISION,
        "MC.DEC/9/18 above the heading does not match the heading's number 6/18",
    ),
    "Swedish": Bad(_text("swedish.txt", SWEDISH), NOT_A_DECISION, "letters none of them uses"),
    "Polish": Bad(_text("polish.txt", POLISH), NOT_A_DECISION, "letters none of them uses"),
    "Portuguese": Bad(
        _text("portuguese.txt", PORTUGUESE), NOT_A_DECISION, "letters none of them uses (ã"
    ),
    "Ukrainian": Bad(_text("ukrainian.txt", UKRAINIAN), NOT_A_DECISION, "letters none"),
    "Bulgarian": Bad(
        _text("bulgarian.txt", BULGARIAN), NOT_A_DECISION, "Cyrillic text that is not Russian"
    ),
    "Catalan": Bad(
        _text("catalan.txt", CATALAN), NOT_A_DECISION, "in es (is the text in another language?)"
    ),
    "English frame, Catalan body": Bad(
        _text(
            "catalan-body.txt",
            _base()[: _base().index("Reaffirming")] + CATALAN[CATALAN.index("Reafirmant") :],
        ),
        NOT_A_DECISION,
        "is the body in another language",
    ),
}


@dataclass(frozen=True)
class Batch:
    folder: Path
    bad: dict[str, Path]  # case name -> file
    good: dict[str, Path]  # file name -> file


def _make_batch(root: Path) -> Batch:
    """One folder (with a sub-folder) holding every bad case and the good decisions."""
    folder = root / "downloads (mixed)"
    folder.mkdir(parents=True)
    bad: dict[str, Path] = {}
    for i, (name, case) in enumerate(BAD.items()):
        # One sub-folder per case: factories reuse file names, and the batch must find
        # files below sub-folders anyway.
        bad[name] = case.make(folder / f"case {i:02d}")
    good: dict[str, Path] = {}
    for name, source in GOOD_SOURCES.items():
        if name == "deep decision.html":
            good[name] = make_deep_decision(folder)
        else:
            good[name] = folder / name
            shutil.copyfile(source, good[name])
    return Batch(folder, bad, good)


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Batch:
    return _make_batch(tmp_path_factory.mktemp("bad-inputs"))


def _first_failure_code(batch: Batch) -> int:
    """The code of the first bad file in the order a batch processes files."""
    code_of = {path: BAD[name].code for name, path in batch.bad.items()}
    for path in expand_inputs([batch.folder]):
        if path in code_of:
            return code_of[path]
    raise AssertionError("no bad file in the batch")


def _failure_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("  ")]


def _symbols_in(graph: Path) -> set[str]:
    store = ox.Store()
    store.bulk_load(path=str(graph), format=ox.RdfFormat.TRIG)
    rows = store.query(
        "SELECT DISTINCT ?s WHERE { GRAPH ?g { ?e "
        "<https://w3id.org/commitgraph/ontology#symbolAsPrinted> ?s } }"
    )
    works = set()
    for row in rows:
        symbol = parse_symbol(row["s"].value)  # type: ignore[index]
        assert symbol is not None
        works.add(symbol.work)  # "MC.DEC/6/17/Corr.1" is a version of MC.DEC/6/17
    return works


# --- the whole batch --------------------------------------------------------------------


def test_the_batch_builds_the_good_and_names_each_bad_file_once(
    batch: Batch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    started = time.perf_counter()
    code = run_cli(cli, ["build", str(batch.folder), "--out", str(out), "--no-pictures"])
    seconds = time.perf_counter() - started
    err = capsys.readouterr().err

    assert code == _first_failure_code(batch)
    assert "Traceback" not in err
    lines = _failure_lines(err)
    assert len(lines) == len(BAD), "\n".join(lines)
    for name, path in batch.bad.items():
        mine = [line for line in lines if line.startswith(f"  {path}: ")]
        assert len(mine) == 1, (name, mine)
        assert BAD[name].cause in mine[0], (name, mine[0])
        assert "\n" not in mine[0] and len(mine[0]) < 400
    # The good decisions are all in the graph, whatever their file names.
    assert _symbols_in(out / "graph.trig") == set(GOOD.values())
    report = (out / "report.md").read_text(encoding="utf-8")
    assert f"| documents | {len(GOOD)} |" in report
    assert f"| failed | {len(BAD)} |" in report
    # Bounded time: the 200 MB file is refused from its size, nothing is parsed twice.
    assert seconds < 60, seconds


def _commitgraph(*args: str) -> subprocess.CompletedProcess[str]:
    """The real command in a fresh interpreter: real stderr, real exit code."""
    return subprocess.run(
        [sys.executable, "-c", "from commitgraph.cli import main; main()", *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        env={**os.environ, "PYTHONUTF8": "1"},
    )


def test_the_real_command_prints_one_line_per_bad_file(batch: Batch, tmp_path: Path) -> None:
    run = _commitgraph(
        "build", str(batch.folder), "--out", str(tmp_path / "out"), "--no-pictures",
        "--no-validate", "--workers", "2",
    )  # fmt: skip
    assert run.returncode == _first_failure_code(batch), run.stderr
    assert "Traceback" not in run.stderr
    lines = _failure_lines(run.stderr)
    assert sorted(lines) == sorted(set(lines)) and len(lines) == len(BAD)
    named = {line.split(": ", 1)[0].strip() for line in lines}
    assert named == {str(p) for p in batch.bad.values()}
    # Apart from the list, stderr holds its heading and the closing error line only.
    others = [line for line in run.stderr.splitlines() if line and line not in lines]
    assert others == [f"{len(BAD)} document(s) failed:", f"error: {len(BAD)} document(s) failed"]
    for name in GOOD:
        assert name not in run.stderr


def test_debug_shows_where_each_failure_came_from(batch: Batch, tmp_path: Path) -> None:
    picked = [batch.bad["encrypted PDF"], batch.bad["duplicated paragraph number"]]
    run = _commitgraph(
        "--debug", "build", *map(str, picked), "--out", str(tmp_path / "out"), "--no-pictures"
    )
    assert run.returncode == 3  # the encrypted PDF comes first
    assert run.stderr.count("Traceback (most recent call last)") >= 2
    assert "PDFPasswordIncorrect" in run.stderr
    assert "in _split_body" in run.stderr  # where the duplicate number was found


# --- each bad file alone ---------------------------------------------------------------


@pytest.mark.parametrize("name", list(BAD))
def test_extract_refuses_each_bad_file_alone(
    name: str, batch: Batch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = batch.bad[name]
    code = run_cli(cli, ["extract", str(path)])
    captured = capsys.readouterr()
    assert code == BAD[name].code, captured.err
    assert captured.out.strip() in ("", "[]")
    lines = _failure_lines(captured.err)
    assert len(lines) == 1, captured.err
    assert lines[0].startswith(f"  {path}: ")
    assert BAD[name].cause in lines[0]
    assert "Traceback" not in captured.err


@pytest.mark.parametrize("name", list(GOOD))
def test_extract_reads_each_good_file(
    name: str, batch: Batch, capsys: pytest.CaptureFixture[str]
) -> None:
    code = run_cli(cli, ["extract", "--format", "summary", str(batch.good[name])])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert captured.out.split("\t")[0] == GOOD[name]


def test_deep_html_gives_the_same_record_as_the_text(batch: Batch) -> None:
    from commitgraph.extract import extract_file
    from commitgraph.record import to_dict

    html = to_dict(extract_file(batch.good["deep decision.html"]), spans=False)
    text = to_dict(extract_file(GOOD_SOURCES["deep decision.html"]), spans=False)
    assert html == text


def test_a_file_name_in_nfd_is_found_and_read(tmp_path: Path) -> None:
    """macOS writes names decomposed: the batch must still list and read the file."""
    name = unicodedata.normalize("NFD", "décision № 7 (копия).txt")
    shutil.copyfile(GOOD_SOURCES["décision № 7 (копия).txt"], tmp_path / name)
    assert run_cli(cli, ["extract", "--format", "summary", str(tmp_path)]) == 0


# --- the size limit --------------------------------------------------------------------


def _bytes_read() -> int:
    """Bytes this process has read through read(2) and friends (Linux /proc)."""
    for line in Path("/proc/self/io").read_text().splitlines():
        if line.startswith("rchar:"):
            return int(line.split()[1])
    raise AssertionError("no rchar in /proc/self/io")


def test_a_200_mb_file_is_refused_from_its_size_without_being_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    huge = make_huge(tmp_path)
    assert huge.stat().st_size == HUGE
    run_cli(cli, ["extract", str(tmp_path / "absent.txt")])  # imports and lexicon warmed
    for args in (
        ["extract", str(huge)],
        ["build", str(huge), "--out", str(tmp_path / "out"), "--workers", "1",
         "--no-validate", "--no-pictures"],
    ):  # fmt: skip
        before, started = _bytes_read(), time.perf_counter()
        code = run_cli(cli, args)
        seconds, read = time.perf_counter() - started, _bytes_read() - before
        err = capsys.readouterr().err
        assert code == UNREADABLE
        assert re.search(rf"{re.escape(str(huge))}: file too large: {HUGE} bytes", err)
        # The whole build (ontology and shapes included) reads a few MB; the file alone
        # would be 200.
        assert read < 20 * 1024 * 1024, (args[0], read)
        assert seconds < 10, (args[0], seconds)


def test_a_bug_met_on_one_file_does_not_stop_the_batch(
    batch: Batch,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The 9,000th file of a night's build hits a bug: that file is reported (as a bug,
    with its traceback under --debug) and the others are built."""
    import commitgraph.extract

    real = commitgraph.extract.extract_text
    victim = batch.good["PC.DEC.1234.de.txt"]

    def extract_text(source, **kwargs):  # type: ignore[no-untyped-def]
        if source.path == victim:
            raise IndexError("list index out of range")
        return real(source, **kwargs)

    monkeypatch.setattr(commitgraph.extract, "extract_text", extract_text)
    files = [str(batch.good[name]) for name in ("MC.DEC.6.18.en.txt", "PC.DEC.1234.de.txt")]
    out = tmp_path / "out"
    code = run_cli(cli, ["build", *files, "--out", str(out), "--no-pictures", "--workers", "1"])
    err = capsys.readouterr().err
    assert code == NOT_A_DECISION
    (line,) = _failure_lines(err)
    assert line.startswith(f"  {victim}: unexpected error, a bug in commitgraph (IndexError")
    assert "Traceback" not in err
    assert _symbols_in(out / "graph.trig") == {"MC.DEC/6/18"}
