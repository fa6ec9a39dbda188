"""Map records to RDF, and read/write RDF deterministically."""
