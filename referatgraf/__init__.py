"""referatgraf: Danish municipal minutes to a knowledge graph (application layer)."""

__version__ = "0.1.0"
