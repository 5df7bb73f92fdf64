"""The referatgraf vocabulary: Turtle files (the source of truth) and their Python mirror.

``referatgraf.ttl`` declares the classes and properties, ``shapes.ttl`` the SHACL shapes
that every built graph must conform to; :mod:`ontology.namespace` mirrors the Turtle as
rdflib ``DefinedNamespace`` classes.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["ONTOLOGY_DIR", "SHAPES_TTL", "VOCABULARY_TTL"]

ONTOLOGY_DIR = Path(__file__).resolve().parent
VOCABULARY_TTL = ONTOLOGY_DIR / "referatgraf.ttl"
SHAPES_TTL = ONTOLOGY_DIR / "shapes.ttl"
