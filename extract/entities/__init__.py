"""Entities with provenance: centres, proposers, people, strategies, organisations, bodies.

``EntityExtractor(profile).annotate(record)`` fills every open item's
:class:`~extract.model.Mention` s (type, canonical key, surface text, offsets, rule) and
:class:`~extract.model.ReviewNote` s. The spaCy pipeline (``build_nlp``) is
``spacy.blank("da")`` with phrase-pattern gazetteers from the profile and the lexicons
installed packages ship; the other rules are regular expressions over the item text.
"""

from __future__ import annotations

from referatgraf.extract.entities.extractor import EntityExtractor
from referatgraf.extract.entities.nlp import build_nlp

__all__ = ["EntityExtractor", "build_nlp"]
