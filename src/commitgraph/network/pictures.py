"""Pictures of the citation network: an interactive page and a printable timeline.

``network.html`` is one self-contained file: the network as JSON inside the page, the
script and the styles inline, a Content-Security-Policy that forbids every request, so it
works offline and from a mail attachment. Its script (``page.html`` beside this module)
draws SVG itself on a time axis: works in lanes by type, sized by PageRank, citations as
arcs styled by relation; hover, click, search, type and year filters, a legend.

``network.svg`` and ``network.png`` are the same network drawn by Matplotlib (Agg, no
display needed) for print: years left to right, a legend, the most-cited works labelled
where their label fits.

``write_pictures`` is what ``build`` calls after writing the graph.
"""

from __future__ import annotations

import json
import math
import unicodedata
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path

import networkx as nx

from commitgraph.network.analyses import pagerank
from commitgraph.network.load import load_network, prefer_named_graphs
from commitgraph.rdf.io import write_atomic

HTML_NAME = "network.html"
SVG_NAME = "network.svg"
PNG_NAME = "network.png"
LABEL_COUNT = 14

TYPES: dict[str, dict[str, str]] = {
    "decision": {"label": "OSCE decision", "plural": "Decisions", "color": "#2c6fb7"},
    "instrument": {"label": "Instrument or document", "plural": "Instruments", "color": "#e08a1e"},
    "other": {"label": "Other work", "plural": "Other", "color": "#8a8f96"},
}
# Colour and SVG dash pattern per citation relation (the same in the page and the print).
RELATIONS: dict[str, dict[str, str]] = {
    "reaffirms": {"label": "reaffirms", "color": "#1f4e9c", "dash": ""},
    "recalls": {"label": "recalls", "color": "#2b9348", "dash": "6 3"},
    "operative": {"label": "in an operative paragraph", "color": "#c0392b", "dash": ""},
    "welcomes": {"label": "welcomes", "color": "#8e44ad", "dash": "2 2"},
    "recognizes": {"label": "recognizes", "color": "#9a7d0a", "dash": "2 2"},
    "takes_note": {"label": "takes note of", "color": "#7f8c8d", "dash": "1 3"},
    "concern": {"label": "expresses concern about", "color": "#d35400", "dash": "4 2 1 2"},
    "other": {"label": "other reference", "color": "#555555", "dash": "8 3 2 3"},
    "cites": {"label": "cites (untyped)", "color": "#999999", "dash": ""},
}


def _fold(text: str) -> str:
    """Lower case without accents, as the page's search compares words."""
    return "".join(
        c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(c)
    )


def time_position(d: dict[str, object]) -> float | None:
    """Where a work sits on the time axis, in fractional years: the middle of its day,
    month or year, whichever its date gives; ``None`` if it has no year at all."""
    year = d.get("year")
    if year is None:
        return None
    y = int(year)  # type: ignore[call-overload]
    raw = str(d.get("date", ""))
    parts = raw[:10].split("-")
    try:
        if d.get("year_from") == "date" and len(parts) >= 3 and len(parts[2]) == 2:
            day = date(y, int(parts[1]), int(parts[2])).timetuple().tm_yday
            return y + (day - 0.5) / 366
        if d.get("year_from") == "date" and len(parts) >= 2 and len(parts[1]) == 2:
            return y + (int(parts[1]) - 0.5) / 12
    except ValueError:
        pass
    return y + 0.5


def paragraph_name(work: str, paragraph: str) -> str:
    """``preamble, paragraph 1`` / ``operative paragraph 5 (a)`` from a paragraph IRI."""
    rest = paragraph[len(work) :].strip("/") if paragraph.startswith(work) else paragraph
    parts = rest.split("/")
    if parts[0] == "preamble" and len(parts) > 1:
        return f"preamble, paragraph {parts[1]}"
    if parts[0] == "op" and len(parts) > 1:
        return f"operative paragraph {parts[1]}" + (f" ({parts[2]})" if len(parts) > 2 else "")
    return rest or paragraph


@dataclass(frozen=True)
class TimeAxis:
    """Years to axis units: one unit per year, except that a run of three or more years
    without any work shrinks to 0.9 unit (a "gap"), so that one 1948 declaration does not
    squeeze fifty years of decisions into a corner. The page's script applies the same
    rule to the years it shows."""

    first: int
    last: int
    cells: dict[int, tuple[float, float]]  # year -> (start, width)
    gaps: list[tuple[int, int, float, float]]  # (first year, last year, start, end)
    units: float

    @classmethod
    def of(cls, years: set[int]) -> TimeAxis:
        if not years:
            return cls(2000, 2000, {2000: (0.0, 1.0)}, [], 1.0)
        first, last = min(years), max(years)

        def near(y: int) -> bool:
            return y in years or y - 1 in years or y + 1 in years

        cells: dict[int, tuple[float, float]] = {}
        gaps: list[tuple[int, int, float, float]] = []
        u, y = 0.0, first
        while y <= last:
            if near(y):
                cells[y] = (u, 1.0)
                u, y = u + 1, y + 1
                continue
            z = y
            while z <= last and not near(z):
                z += 1
            run = z - y
            if run <= 2:
                for k in range(run):
                    cells[y + k] = (u, 1.0)
                    u += 1
            else:
                w = 0.9 / run
                for k in range(run):
                    cells[y + k] = (u + k * w, w)
                gaps.append((y, z - 1, u, u + 0.9))
                u += 0.9
            y = z
        return cls(first, last, cells, gaps, u)

    def x(self, t: float) -> float:
        """Axis units of a fractional year (clamped to the axis)."""
        year = min(max(math.floor(t), self.first), self.last)
        start, width = self.cells[year]
        return start + min(1.0, max(0.0, t - year)) * width


def network_data(g: nx.DiGraph, *, ranks: dict[str, float] | None = None) -> dict[str, object]:
    """What the page needs, as plain JSON: nodes (by index), edges with their evidence,
    the type and relation styles, the year range."""
    ranks = ranks if ranks is not None else (pagerank(g) if g.number_of_nodes() else {})
    order = sorted(g, key=lambda n: str(g.nodes[n].get("id", n)))
    index = {n: i for i, n in enumerate(order)}
    nodes = []
    for n in order:
        d = g.nodes[n]
        titles = [t for t in (d.get("titles") or {}).values() if t != d.get("label")]
        words = [
            str(d.get("id", "")),
            str(d.get("label", "")),
            *titles,
            *(d.get("labels") or {}).values(),
            *(d.get("alt_labels") or []),
        ]
        nodes.append(
            {
                "id": str(d.get("id", n)),
                "iri": n,
                "label": str(d.get("label", d.get("id", n))),
                "type": d.get("type", "other") if d.get("type") in TYPES else "other",
                "year": d.get("year"),
                "t": time_position(d),
                "yearFrom": d.get("year_from", ""),
                "date": d.get("date", ""),
                "body": d.get("body", ""),
                "city": d.get("city", ""),
                "rank": round(float(ranks.get(n, 0.0)), 6),
                "hasText": bool(d.get("has_text")),
                "titles": titles,
                "sources": list(d.get("sources") or []),
                "search": _fold(" ".join(words)),
            }
        )
    edges = []
    for u, v, d in sorted(g.edges(data=True), key=lambda e: (index[e[0]], index[e[1]])):
        evidence = []
        for e in d.get("evidence") or []:
            quote = "; ".join(e.get("quotes") or [])
            evidence.append(
                {
                    "paragraph": (
                        paragraph_name(u, e["paragraph"])
                        if e.get("paragraph")
                        and e.get("origin") != "catalogue"
                        and e["paragraph"] != u
                        else ""
                    ),
                    "lang": e.get("lang", ""),
                    "quote": quote,
                    "text": e.get("text", ""),
                    "status": e.get("status", ""),
                    "references": e.get("references", []),
                    "comment": "; ".join(e.get("notes") or []),
                }
            )
        relation = str(d.get("relation", "cites"))
        edges.append(
            {
                "s": index[u],
                "t": index[v],
                "relation": relation if relation in RELATIONS else "other",
                "relations": list(d.get("relations") or [relation]),
                "source": d.get("source", ""),
                "evidence": evidence,
            }
        )
    years = [int(x["year"]) for x in nodes if x["year"] is not None]  # type: ignore[call-overload]
    used = sorted({r for e in edges for r in e["relations"]} | {e["relation"] for e in edges})
    present = [t for t in TYPES if any(x["type"] == t for x in nodes)] or ["decision"]
    return {
        "nodes": nodes,
        "edges": edges,
        "types": {t: TYPES[t] for t in present},
        "relations": RELATIONS,
        "usedRelations": [r for r in RELATIONS if r in used],
        "minYear": min(years) if years else 2000,
        "maxYear": max(years) if years else 2000,
        "labelCount": LABEL_COUNT,
    }


def _script_json(data: object) -> str:
    """JSON that cannot end the ``<script>`` element it sits in."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def render_html(g: nx.DiGraph, *, title: str = "Citation network") -> str:
    """The self-contained page for ``g``."""
    template = resources.files("commitgraph.network").joinpath("page.html").read_text("utf-8")
    from html import escape

    return template.replace("__TITLE__", escape(title)).replace(
        "__DATA__", _script_json(network_data(g))
    )


def write_html(g: nx.DiGraph, path: Path, *, title: str = "Citation network") -> Path:
    write_atomic(path, render_html(g, title=title).encode("utf-8"))
    return path


# ---------------------------------------------------------------------------------------
# The printable timeline


def _pack(
    items: list[tuple[str, float, float]], gap: float = 2.0, step: float = 11.0
) -> dict[str, float]:
    """Vertical offsets (points) so that no two circles (key, x in points, radius in
    points) overlap: each, biggest first, takes the first free slot 0, +1, -1, +2 …"""
    placed: list[tuple[float, float, float]] = []
    out: dict[str, float] = {}
    for key, x, r in sorted(items, key=lambda it: (-it[2], it[1], it[0])):
        for k in range(2000):
            off = (1 if k % 2 else -1) * math.ceil(k / 2) * step
            if all(
                (px - x) ** 2 + (po - off) ** 2 >= (pr + r + gap) ** 2
                for px, po, pr in placed
                if abs(px - x) < pr + r + gap
            ):
                break
        placed.append((x, off, r))
        out[key] = off
    return out


def draw_timeline(
    g: nx.DiGraph,
    svg_path: Path | None = None,
    png_path: Path | None = None,
    *,
    ranks: dict[str, float] | None = None,
    title: str = "Citation network",
    label_count: int = LABEL_COUNT,
) -> list[Path]:
    """Draw the network on a time axis with Matplotlib's object API (no pyplot state,
    no display) and save it as SVG and/or PNG; returns the paths written."""
    from matplotlib import rc_context
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch
    from matplotlib.transforms import Bbox

    ranks = ranks if ranks is not None else (pagerank(g) if g.number_of_nodes() else {})
    top_rank = max(ranks.values(), default=0.0) or 1.0
    pos_t = {n: time_position(d) for n, d in g.nodes(data=True)}
    axis = TimeAxis.of({int(d["year"]) for _, d in g.nodes(data=True) if d.get("year") is not None})
    undated = any(t is None for t in pos_t.values())
    x_min = -2.8 if undated else -0.3
    x_max = axis.units + 0.3

    width_in = 11.7  # A4 landscape
    plot_pt = width_in * 0.86 * 72  # the axes take 86 % of the width
    pt_per_unit = plot_pt / (x_max - x_min)
    radius = {n: 2.5 + 8.0 * math.sqrt(ranks.get(n, 0.0) / top_rank) for n in g}

    def x_of(n: str) -> float:
        t = pos_t[n]
        return -1.6 if t is None else axis.x(t)

    lanes: list[tuple[str, float, float]] = []  # (type, centre in points, half-height)
    y_pt: dict[str, float] = {}
    cursor = 0.0
    for t in TYPES:
        members = [n for n, d in g.nodes(data=True) if d.get("type", "other") == t]
        if not members:
            continue
        offs = _pack([(n, (x_of(n) - x_min) * pt_per_unit, radius[n]) for n in members])
        lo = min(offs[n] - radius[n] for n in members)
        hi = max(offs[n] + radius[n] for n in members)
        centre = cursor - hi - 14
        for n in members:
            y_pt[n] = centre + offs[n]
        lanes.append((t, centre, (hi - lo) / 2))
        cursor = centre + lo - 26
    total_pt = -cursor + 20
    height_in = max(8.3, total_pt / 72 + 2.2)

    with rc_context(
        {
            "svg.hashsalt": "commitgraph",
            "svg.fonttype": "none",
            "font.family": "DejaVu Sans",
            "font.size": 8,
        }
    ):
        fig = Figure(figsize=(width_in, height_in))
        FigureCanvasAgg(fig)
        ax = fig.add_axes((0.1, 1.3 / height_in, 0.86, 1 - 2.2 / height_in))
        ax.set_xlim(x_min, x_max)
        ax.set_ylim(cursor + 10, 12)
        ticks: list[float] = []
        tick_labels: list[str] = []
        last_tick = -1e9
        min_step = 34 / pt_per_unit  # about 34 points between year labels
        for y in range(axis.first, axis.last + 1):
            start, width = axis.cells[y]
            if width < 1:
                continue
            ax.axvline(start, color="#e6e9ec", lw=0.6, zorder=0)
            if start + 0.5 - last_tick >= min_step:
                ticks.append(start + 0.5)
                tick_labels.append(str(y))
                last_tick = start + 0.5
        for _first, _last, a, b in axis.gaps:
            ax.axvspan(a, b, color="#f0f2f4", lw=0, zorder=0)
        if undated:
            ticks.append(-1.6)
            tick_labels.append("undated")
        ax.set_xticks(ticks)
        ax.set_xticklabels(tick_labels)
        ax.set_yticks([])
        for side in ("left", "right", "top"):
            ax.spines[side].set_visible(False)
        ax.tick_params(axis="x", labelsize=8, length=0, labeltop=True)
        for t, centre, _ in lanes:
            ax.text(
                -0.01,
                centre,
                TYPES[t]["plural"],
                transform=ax.get_yaxis_transform(),
                ha="right",
                va="center",
                fontsize=9,
                fontweight="bold",
                color="#445",
            )
        for i in range(1, len(lanes)):
            ax.axhline(
                (lanes[i - 1][1] - lanes[i - 1][2] + lanes[i][1] + lanes[i][2]) / 2 - 6,
                color="#d5dbe1",
                lw=0.8,
            )

        def xy(n: str) -> tuple[float, float]:
            return x_of(n), y_pt[n]

        many = g.number_of_edges() > 600
        for u, v, d in g.edges(data=True):
            st = RELATIONS.get(str(d.get("relation")), RELATIONS["cites"])
            dash = [float(x) for x in st["dash"].split()] if st["dash"] else None
            if many:
                ax.plot(
                    *zip(xy(u), xy(v), strict=True), color=st["color"], lw=0.4, alpha=0.3, zorder=1
                )
                continue
            arrow = FancyArrowPatch(
                xy(u),
                xy(v),
                connectionstyle="arc3,rad=0.18",
                arrowstyle="-|>",
                mutation_scale=7,
                lw=0.9,
                color=st["color"],
                alpha=0.7,
                zorder=1,
                shrinkA=radius[u] * 0.8,
                shrinkB=radius[v] + 1,
            )
            if dash:
                arrow.set_linestyle((0, dash))
            ax.add_patch(arrow)

        for t in TYPES:
            members = [n for n, dd in g.nodes(data=True) if dd.get("type", "other") == t]
            if not members:
                continue
            ax.scatter(
                [x_of(n) for n in members],
                [y_pt[n] for n in members],
                s=[(2 * radius[n]) ** 2 for n in members],
                c=TYPES[t]["color"],
                edgecolors=["#1d2733" if g.nodes[n].get("has_text") else "white" for n in members],
                linewidths=[1.6 if g.nodes[n].get("has_text") else 0.6 for n in members],
                zorder=3,
            )

        # Labels for the works whose text is in the corpus and the most-cited works, each at
        # the first of four spots where it overlaps no label already placed; the rest stay
        # unlabelled.
        renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
        cited = sorted(
            g, key=lambda n: (-g.in_degree(n), -ranks.get(n, 0.0), str(g.nodes[n].get("id", n)))
        )
        taken: list[object] = []
        node_boxes = {}
        for n in g:
            cx, cy = ax.transData.transform(xy(n))
            rr = radius[n] * fig.dpi / 72
            node_boxes[n] = Bbox.from_extents(cx - rr, cy - rr, cx + rr, cy + rr)
        with_text = [n for n in sorted(g) if g.nodes[n].get("has_text")]
        most_cited = [c for c in cited if g.in_degree(c) > 0 and c not in with_text]
        for n in with_text + most_cited[:label_count]:
            r = radius[n]
            for dx, dy, ha, va in (
                (r + 2, 0, "left", "center"),
                (-r - 2, 0, "right", "center"),
                (0, r + 2, "center", "bottom"),
                (0, -r - 2, "center", "top"),
            ):
                txt = ax.annotate(
                    str(g.nodes[n].get("id", n)),
                    xy(n),
                    xytext=(dx, dy),
                    textcoords="offset points",
                    ha=ha,
                    va=va,
                    fontsize=7.5,
                    color="#1d2733",
                    zorder=4,
                    bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.8},
                )
                box = txt.get_window_extent(renderer)
                inside = ax.get_window_extent(renderer)
                if (
                    box.x0 >= inside.x0
                    and box.x1 <= inside.x1 + 5
                    and not any(box.overlaps(o) for o in taken)  # type: ignore[attr-defined]
                    and not any(box.overlaps(b) for m, b in node_boxes.items() if m != n)
                ):
                    taken.append(box)
                    break
                txt.remove()

        type_handles = [
            Line2D(
                [],
                [],
                marker="o",
                ls="",
                markersize=8,
                markerfacecolor=TYPES[t]["color"],
                markeredgecolor="white",
                label=TYPES[t]["label"],
            )
            for t in TYPES
            if any(d.get("type") == t for _, d in g.nodes(data=True))
        ]
        type_handles.append(
            Line2D(
                [],
                [],
                marker="o",
                ls="",
                markersize=8,
                markerfacecolor="#cccccc",
                markeredgecolor="#1d2733",
                markeredgewidth=1.6,
                label="text in the corpus",
            )
        )
        used = {str(d.get("relation")) for _, _, d in g.edges(data=True)}
        rel_handles = []
        for r, st in RELATIONS.items():
            if r not in used:
                continue
            line = Line2D([], [], color=st["color"], lw=1.6, label=st["label"])
            if st["dash"]:
                line.set_dashes([float(x) for x in st["dash"].split()])
            rel_handles.append(line)
        leg = ax.legend(
            handles=type_handles + rel_handles,
            loc="upper left",
            bbox_to_anchor=(0.0, -0.06),
            ncol=4,
            frameon=False,
            fontsize=8,
            title="size: PageRank · arrow: citing → cited",
            title_fontsize=8,
        )
        leg.set_zorder(5)
        fig.suptitle(
            f"{title}: {g.number_of_nodes()} works, {g.number_of_edges()} citations",
            fontsize=12,
            x=0.1,
            ha="left",
            y=1 - 0.25 / height_in,
        )
        written = []
        for path, fmt in ((svg_path, "svg"), (png_path, "png")):
            if path is None:
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.tmp")
            meta = {"Date": None} if fmt == "svg" else {"Software": None}
            fig.savefig(tmp, format=fmt, dpi=150, metadata=meta)
            tmp.replace(path)
            written.append(path)
    return written


def write_pictures(graph_path: Path, out_dir: Path) -> list[Path]:
    """The page and the timeline of the network in ``graph_path`` (a ``graph.ttl`` reads
    its sibling ``graph.trig`` when there is one), written into ``out_dir``."""
    g = load_network(prefer_named_graphs(graph_path))
    ranks = pagerank(g) if g.number_of_nodes() else {}
    out = [write_html(g, out_dir / HTML_NAME)]
    out += draw_timeline(g, out_dir / SVG_NAME, out_dir / PNG_NAME, ranks=ranks)
    return out
