"""commitgraph: OSCE decisions as a validated knowledge graph of commitments.

The pipeline is the package layout: ``ingest`` → ``clean`` → ``segment`` → ``extract``
→ ``rdf`` (map) → ``validate`` → ``store`` / ``query`` / ``network``.
"""

__version__ = "0.1.0"
