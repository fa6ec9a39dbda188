"""Write the citation network for other tools: GraphML and GEXF (Gephi, yEd, Cytoscape),
JSON node-link (D3, NetworkX), DOT (Graphviz).

GraphML and GEXF accept only scalar attributes and reject ``None``, so lists are joined
with ``"; "``, per-language dicts become one attribute per language (``title_fr``) and
missing values are left out; the nested ``evidence`` records go to JSON only. Node ids
are the work IRIs, as strings, in every format; the work's identifier (``MC.DEC/7/17``) is
the ``identifier`` attribute in GraphML and GEXF (NetworkX's GEXF writer would take an
``id`` attribute for the node id) and ``id`` in JSON, where the IRI is ``iri``.
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from commitgraph.rdf.io import write_atomic

FORMATS = ("graphml", "gexf", "json", "dot")
SUFFIX = {"graphml": ".graphml", "gexf": ".gexf", "json": ".json", "dot": ".dot"}


def _flat(attrs: dict[str, object]) -> dict[str, str | int | float | bool]:
    out: dict[str, str | int | float | bool] = {}
    for k, v in attrs.items():
        if v is None or k == "evidence":
            continue
        if isinstance(v, dict):
            for lang, text in sorted(v.items()):
                if text is not None:
                    out[f"{k.rstrip('s')}_{lang}"] = str(text)
        elif isinstance(v, (list, tuple, set)):
            if v:
                out[k] = "; ".join(str(x) for x in v)
        elif isinstance(v, (bool, int, float, str)):
            out[k] = v
        else:
            out[k] = str(v)
    return out


def flat_copy(g: nx.DiGraph) -> nx.DiGraph:
    """A copy with only scalar, non-None attributes (what GraphML and GEXF accept)."""
    h = nx.DiGraph()
    h.graph.update(_flat({k: v for k, v in g.graph.items() if k != "name"}))
    for n, d in g.nodes(data=True):
        attrs = _flat(d)
        if "id" in attrs:
            attrs["identifier"] = attrs.pop("id")
        h.add_node(str(n), **attrs)
    for u, v, d in g.edges(data=True):
        h.add_edge(str(u), str(v), **_flat(d))
    return h


def _bytes_of(g: nx.DiGraph, fmt: str) -> bytes:
    if fmt == "graphml":
        return "\n".join(nx.generate_graphml(flat_copy(g))).encode("utf-8") + b"\n"
    if fmt == "gexf":
        return "\n".join(nx.generate_gexf(flat_copy(g))).encode("utf-8") + b"\n"
    if fmt == "json":
        data = nx.node_link_data(g, edges="edges", name="iri")
        return (
            json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True, default=str) + "\n"
        ).encode("utf-8")
    if fmt == "dot":
        return to_dot(g).encode("utf-8")
    raise ValueError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")


def export(g: nx.DiGraph, fmt: str, path: Path) -> Path:
    """Write ``g`` as ``fmt`` to ``path`` atomically and return the path."""
    write_atomic(path, _bytes_of(g, fmt))
    return path


def export_text(g: nx.DiGraph, fmt: str) -> bytes:
    """The bytes :func:`export` would write (for standard output)."""
    return _bytes_of(g, fmt)


# ---------------------------------------------------------------------------------------
# DOT, written directly (pydot is not a dependency; the format is small)

_NODE_STYLE = {
    "decision": ("box", "#dbe9f6"),
    "instrument": ("ellipse", "#fde5c8"),
    "other": ("ellipse", "#eeeeee"),
}
_EDGE_STYLE = {
    "reaffirms": ("#1b6ca8", "solid"),
    "recalls": ("#2e8b57", "dashed"),
    "operative": ("#b03a2e", "bold"),
    "welcomes": ("#8e44ad", "solid"),
    "recognizes": ("#7d6608", "solid"),
    "takes_note": ("#7f8c8d", "dotted"),
    "concern": ("#d35400", "dotted"),
    "other": ("#555555", "dashed"),
    "cites": ("#555555", "solid"),
}


def _q(value: object) -> str:
    """A DOT double-quoted string."""
    text = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{text}"'


def to_dot(g: nx.DiGraph) -> str:
    """Graphviz DOT: works as nodes (boxes for decisions), older works to the left,
    edges coloured and dashed by citation relation, every attribute as a quoted string."""
    lines = [
        "digraph citations {",
        '  graph [rankdir=RL, fontname="Helvetica"];',
        '  node [fontname="Helvetica", style=filled];',
        '  edge [fontname="Helvetica"];',
    ]
    for n, d in sorted(g.nodes(data=True)):
        shape, fill = _NODE_STYLE.get(str(d.get("type")), _NODE_STYLE["other"])
        label = str(d.get("id", n))
        if d.get("year") is not None:
            label += f"\n{d['year']}"
        attrs = {"label": label, "tooltip": d.get("label", ""), "shape": shape, "fillcolor": fill}
        for k, v in _flat(d).items():
            if k not in attrs and k not in ("label",):
                attrs[f"cg_{k}"] = v
        body = ", ".join(f"{k}={_q(v)}" for k, v in attrs.items())
        lines.append(f"  {_q(n)} [{body}];")
    for u, v, d in sorted(g.edges(data=True), key=lambda e: (e[0], e[1])):
        color, style = _EDGE_STYLE.get(str(d.get("relation")), _EDGE_STYLE["cites"])
        attrs = {"color": color, "style": style, "label": ", ".join(d.get("relations", []))}
        for k, val in _flat(d).items():
            if k not in ("relations",):
                attrs[f"cg_{k}"] = val
        body = ", ".join(f"{k}={_q(x)}" for k, x in attrs.items())
        lines.append(f"  {_q(u)} -> {_q(v)} [{body}];")
    lines.append("}")
    return "\n".join(lines) + "\n"
