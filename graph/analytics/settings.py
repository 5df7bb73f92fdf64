"""The analytics' choices and defaults, importable without networkx (the CLI's options use them)."""

from __future__ import annotations

__all__ = [
    "DEFAULT_ALPHA",
    "DEFAULT_MIN_TITLES",
    "DEFAULT_SIGNIFICANCE",
    "LANGUAGES",
    "PERIODS",
    "SIGNIFICANCE_METHODS",
]

#: Slice lengths for "what changed over time".
PERIODS = ("year", "half", "quarter", "month")

#: Languages of the Markdown summary.
LANGUAGES = ("da", "en")

#: A case whose items name this many different subjects (title keys) is a catch-all.
DEFAULT_MIN_TITLES = 3

#: Null models for significant ties (:mod:`graph.analytics.significance`).
SIGNIFICANCE_METHODS = ("casesize", "bicm", "hypergeometric", "disparity")

#: The null model the analytics use: chosen by measurement (docs/benchmarks.md).
DEFAULT_SIGNIFICANCE = "casesize"

#: A tie whose p-value is below this is significant.
DEFAULT_ALPHA = 0.05
