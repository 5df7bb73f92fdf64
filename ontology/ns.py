"""The vocabularies' namespace IRIs as plain strings, for code that builds IRIs or SPARQL
text without rdflib (:mod:`referatgraf.ontology.namespace` holds the rdflib mirrors; a
report's process never imports rdflib, 8 MB).

>>> RG_NS + "AgendaItem"
'https://w3id.org/referatgraf/ns#AgendaItem'
"""

from __future__ import annotations

__all__ = ["OA_NS", "RG_NS"]

RG_NS = "https://w3id.org/referatgraf/ns#"
OA_NS = "http://www.w3.org/ns/oa#"
