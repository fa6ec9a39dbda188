"""The citation network: decisions and the works they cite, as a NetworkX graph.

The RDF graph is read once (:mod:`.load`) into a :class:`networkx.DiGraph` whose nodes are
works and whose edges are ``eli:cites`` pairs with the typed citations behind them as
edge attributes. :mod:`.analyses` measures it, :mod:`.export` writes it for Gephi and
friends, :mod:`.pictures` draws it (an offline HTML page and a printable timeline).
"""

from __future__ import annotations

from commitgraph.network.load import find_node, load_network, network_from_store

__all__ = ["find_node", "load_network", "network_from_store"]
