"""The analytics' choices and defaults, importable without networkx (the CLI's options use them)."""

from __future__ import annotations

__all__ = ["DEFAULT_MIN_TITLES", "LANGUAGES", "PERIODS"]

#: Slice lengths for "what changed over time".
PERIODS = ("year", "half", "quarter", "month")

#: Languages of the Markdown summary.
LANGUAGES = ("da", "en")

#: A case whose items carry this many different titles is a catch-all.
DEFAULT_MIN_TITLES = 3
