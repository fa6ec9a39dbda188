"""Namespaces and the IRI scheme, in one place.

IRIs are minted from canonical ids only (never from counters or hashes of run state), so
the same input always yields the same IRIs and Turtle diffs stay readable:

* works:       ``cgid:work/`` + canonical id, first ``:`` as ``/`` (``work/UNTC/IV-11``)
* expressions: ``<work>/expr/<lang>`` (``-corr1`` for a corrigendum's text)
* paragraphs:  ``<work>/preamble/<n>``, ``<work>/op/<number>``, ``<work>/op/<number>/<letter>``
* citations:   ``<paragraph>/cites/<slug of cited id>``
* spans:       ``<expression>/span/<start>-<end>`` with ``/position`` and ``/quote`` selectors
"""

from __future__ import annotations

import re
from urllib.parse import quote

CG = "https://w3id.org/commitgraph/ontology#"
CGID = "https://w3id.org/commitgraph/id/"
ELI = "http://data.europa.eu/eli/ontology#"
CITO = "http://purl.org/spar/cito/"
OA = "http://www.w3.org/ns/oa#"
PROV = "http://www.w3.org/ns/prov#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
SH = "http://www.w3.org/ns/shacl#"

PREFIXES: dict[str, str] = {
    "cg": CG,
    "cgid": CGID,
    "eli": ELI,
    "cito": CITO,
    "oa": OA,
    "prov": PROV,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "xsd": XSD,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
}

VOCAB_GRAPH = CGID + "graph/vocabulary"
CATALOGUE_GRAPH = CGID + "graph/catalogue"
ONTOLOGY_GRAPH = CGID + "graph/ontology"

_SAFE = "/:.()-_~"


def _path(ident: str) -> str:
    if ":" in ident and not ident.startswith(("MC", "PC", "FSC")):
        family, rest = ident.split(":", 1)
        ident = f"{family}/{rest}"
    return quote(ident, safe=_SAFE)


def work_iri(ident: str) -> str:
    return f"{CGID}work/{_path(ident)}"


def actor_iri(notation: str) -> str:
    return f"{CGID}actor/{quote(notation, safe='')}"


def concept_iri(scheme_singular: str, notation: str) -> str:
    return f"{CGID}{scheme_singular}/{quote(notation, safe='')}"


def slug(ident: str) -> str:
    """A path segment for an id: readable, reversible enough, IRI-safe."""
    s = re.sub(r"[^A-Za-z0-9.()_-]+", "-", ident).strip("-")
    return s or "x"


def document_graph_iri(work: str, lang: str, corr: str | None = None) -> str:
    suffix = f"-corr{corr}" if corr else ""
    return f"{work}/graph/{lang}{suffix}"
