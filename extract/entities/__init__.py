"""Entities with provenance: centres, proposers, people, strategies, organisations, bodies.

``EntityExtractor(profile).annotate(record)`` fills every open item's
:class:`~extract.model.Mention` s (type, canonical key, surface text, offsets, rule) and
:class:`~extract.model.ReviewNote` s. The spaCy pipeline (``build_nlp``) is
``spacy.blank("da")`` with phrase-pattern gazetteers from the profile and the lexicons
installed packages ship; the other rules are regular expressions over the item text.
"""

from __future__ import annotations

__all__ = ["EntityExtractor", "build_nlp"]


def __getattr__(name: str):
    """``EntityExtractor`` and ``build_nlp``, imported on first use (they import spaCy; a
    light submodule such as :mod:`.disk_cache` should not)."""
    if name == "EntityExtractor":
        from referatgraf.extract.entities.extractor import EntityExtractor

        return EntityExtractor
    if name == "build_nlp":
        from referatgraf.extract.entities.nlp import build_nlp

        return build_nlp
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
