"""The interactive page in a real headless Chromium with every network request bound to
fail: it renders, a node can be found by search and clicked, the side panel lists its
citations with the paragraph quote, the filters work, and a screenshot is taken."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest

from commitgraph.network.pictures import write_html
from tests.network.cdp import Browser, chromium_path

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's chromium, installed on first use when missing (the tests run as root)."""
    found = chromium_path()
    if found:
        return found
    if shutil.which("apt-get") is None:
        pytest.skip("chromium is not installed and apt-get is not available to install it")
    try:
        subprocess.run(["apt-get", "update"], check=True, capture_output=True, timeout=600)
        subprocess.run(
            ["apt-get", "install", "-y", "chromium"],
            check=True,
            capture_output=True,
            timeout=900,
            env={"DEBIAN_FRONTEND": "noninteractive", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"},
        )
    except (subprocess.SubprocessError, OSError) as err:
        pytest.skip(f"installing Debian's chromium failed: {err}")
    found = chromium_path()
    if not found:
        pytest.skip("apt-get installed chromium but no chromium binary was found")
    return found


@pytest.fixture
def browser(chromium: str, tmp_path: Path) -> Iterator[Browser]:
    b = Browser(chromium, tmp_path / "profile")
    try:
        yield b
    finally:
        b.close()


@pytest.fixture
def page(net: nx.DiGraph, tmp_path: Path) -> Path:
    return write_html(net, tmp_path / "network.html", title="Fixture network")


def centre(b: Browser, selector: str) -> tuple[float, float]:
    box = b.js(
        f"(() => {{ const r = document.querySelector({selector!r}).getBoundingClientRect();"
        " return [r.x + r.width / 2, r.y + r.height / 2]; })()"
    )
    return box[0], box[1]


def test_page_renders_searches_clicks_and_filters(
    browser: Browser, page: Path, tmp_path: Path
) -> None:
    b = browser
    b.navigate(page.as_uri())
    b.wait_for("document.body.dataset.ready === 'true'")

    # rendered: every work a node, every citation an arc, offline
    assert b.js("document.querySelectorAll('#nodes .node').length") == 12
    assert b.js("document.querySelectorAll('#edges path').length") == 16
    assert b.js("performance.getEntriesByType('resource').length") == 0
    assert all(u.startswith("file://") for u in b.requests()), b.requests()

    # readable: labels never overlap, years run left to right, the legend shows
    overlaps = b.js("""(() => {
        const boxes = [...document.querySelectorAll('#labels text')].map(t => t.getBBox());
        let n = 0;
        for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i], c = boxes[j];
          if (a.x < c.x + c.width && c.x < a.x + a.width
              && a.y < c.y + c.height && c.y < a.y + a.height) n++;
        }
        return [boxes.length, n]; })()""")
    assert overlaps[0] >= 5 and overlaps[1] == 0, overlaps
    ticks = b.js(
        "[...document.querySelectorAll('.year-tick')].slice(0, 40)"
        ".map(t => [+t.textContent, +t.getAttribute('x'), +t.getAttribute('y')])"
    )
    top = [(year, x) for year, x, y in ticks if y < 30]
    assert len(top) >= 4 and [x for _, x in sorted(top)] == sorted(x for _, x in top)
    legend = b.js(
        "(() => { const r = document.getElementById('legend').getBoundingClientRect();"
        " return [r.top, r.bottom, document.getElementById('legend').innerText]; })()"
    )
    assert 0 < legend[0] < legend[1] <= 900 and "reaffirms" in legend[2]

    # search by symbol: the match is listed and ringed
    b.js("document.getElementById('search').focus()")
    b.type_text("MC.DEC/5/12")
    first = b.wait_for("document.querySelector('#results li')?.dataset.id")
    assert first == "MC.DEC/5/12"
    assert b.js(
        "document.querySelector('.node[data-id=\"MC.DEC/5/12\"]').classList.contains('match')"
    )
    b.js("document.getElementById('search').blur()")
    b.wait_for("document.querySelectorAll('#results li').length === 0")

    # search by title words, accents folded
    b.js(
        "(() => { const s = document.getElementById('search'); s.value = 'plan d action';"
        " s.dispatchEvent(new Event('input')); })()"
    )
    assert b.wait_for("document.querySelector('#results li')?.dataset.id") == "PC.DEC/900"
    b.js(
        "(() => { const s = document.getElementById('search'); s.value = '';"
        " s.dispatchEvent(new Event('input')); s.blur(); })()"
    )

    # hover shows title, date and symbol; a real click selects
    x, y = centre(b, '.node[data-id="MC.DEC/5/12"] circle')
    b.mouse("mouseMoved", x, y)
    tip = b.wait_for(
        "document.getElementById('tooltip').style.display === 'block'"
        " && document.getElementById('tooltip').innerText"
    )
    assert "MC.DEC/5/12" in tip and "2012-12-07" in tip and "Combating trafficking" in tip
    b.click(x, y)
    b.wait_for("document.querySelector('#panel h2')?.textContent === 'MC.DEC/5/12'")
    cites = b.js("[...document.querySelectorAll('#cites-list > li')].map(li => li.dataset.id)")
    assert sorted(cites) == ["MC.DEC/3/05", "MC.DEC/4/08", "UNTC:IV-11", "UNTC:XVIII-12-a"]
    cited_by = b.js(
        "[...document.querySelectorAll('#cited-by-list > li')].map(li => li.dataset.id)"
    )
    assert cited_by == ["MC.DEC/2/15"]
    panel = b.js("document.getElementById('panel').innerText")
    assert "Ministerial Council Decision No. 3/05" in panel  # the quote
    assert "Recalling Ministerial Council Decision No. 3/05" in panel  # its paragraph
    assert "preamble, paragraph 1" in panel
    assert b.js("document.querySelectorAll('#nodes .node.dim').length") == 12 - 6
    b.screenshot(tmp_path / "selected.png")

    # a work in the panel can be followed
    b.js("document.querySelector('#cited-by-list button.work').click()")
    b.wait_for("document.querySelector('#panel h2')?.textContent === 'MC.DEC/2/15'")

    # filters: type and year range
    b.click(*centre(b, "#type-instrument"))
    assert b.wait_for("document.querySelectorAll('#nodes .node').length === 7")
    b.js(
        "(() => { const f = document.getElementById('year-from'); f.value = 2010;"
        " f.dispatchEvent(new Event('change')); })()"
    )
    shown = b.js("[...document.querySelectorAll('#nodes .node')].map(n => n.dataset.id).sort()")
    assert shown == ["MC.DEC/2/15", "MC.DEC/5/12", "MC.DEC/9/11", "PC.DEC/700"]  # 700: undated

    shot = b.screenshot(tmp_path / "network.png")
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(data[16:20], "big") == 1400 and int.from_bytes(data[20:24], "big") == 900
    import matplotlib.image as mpimg

    pixels = mpimg.imread(tmp_path / "selected.png")
    colours = {tuple(p) for p in pixels[::7, ::7, :3].reshape(-1, 3).round(2).tolist()}
    assert len(colours) > 40  # a picture, not a blank page
    assert all(u.startswith("file://") for u in b.requests()), b.requests()
