"""The passage of an item that best matches a query, with the hits marked.

The window of ``width`` words with the most distinct query terms (then the most hits,
then the earliest) is shown, white space collapsed, each hit wrapped in
:data:`MARK_START` / :data:`MARK_END`. The browser widget uses the same rule.
"""

from __future__ import annotations

from collections.abc import Collection

from graph.search_analysis import word_spans

__all__ = ["MARK_END", "MARK_START", "best_window", "snippet"]

#: Highlight markers around each hit in a snippet.
MARK_START = "«"
MARK_END = "»"


def _matches(t: str, terms: Collection[str], prefixes: Collection[str]) -> bool:
    return t in terms or any(t.startswith(p) for p in prefixes)


def best_window(hits: list[tuple[int, str]], n_words: int, width: int) -> tuple[int, int]:
    """Word index range ``[lo, hi)`` of the best window over ``(word index, term)`` hits.

    Examples
    --------
    >>> best_window([(2, "a"), (30, "a"), (33, "b")], 100, 10)
    (28, 38)
    >>> best_window([], 5, 10)
    (0, 5)
    """
    if not hits:
        return 0, min(n_words, width)
    best = (-1, -1, 0)
    best_lo = 0
    j = 0
    for i, (start, _) in enumerate(hits):
        while j < len(hits) and hits[j][0] < start + width:
            j += 1
        inside = hits[i:j]
        key = (len({t for _, t in inside}), len(inside), -start)
        if key > best:
            best, best_lo = key, start
    lo = max(0, min(best_lo - 2, n_words - width))
    return lo, min(n_words, lo + width)


def snippet(
    text: str,
    terms: Collection[str],
    prefixes: Collection[str] = (),
    *,
    width: int = 30,
) -> str:
    """The best passage of ``text`` for the query terms, hits marked.

    Examples
    --------
    >>> snippet("Direktionen godkendte strategien.\\n\\nStrategier drøftes.", {"strategi"})
    'Direktionen godkendte «strategien». «Strategier» drøftes.'
    >>> snippet("a b c d e f g", {"f"}, width=3)
    '… d e «f» …'
    """
    spans = word_spans(text)
    if not spans:
        return " ".join(text.split())
    hits = [(k, t) for k, (_, _, t) in enumerate(spans) if _matches(t, terms, prefixes)]
    lo, hi = best_window(hits, len(spans), width)
    start = spans[lo][0]
    end = spans[hi][0] if hi < len(spans) else len(text)
    parts = []
    pos = start
    for k in range(lo, hi):
        s, e, t = spans[k]
        if _matches(t, terms, prefixes):
            parts.append(text[pos:s])
            parts.append(f"{MARK_START}{text[s:e]}{MARK_END}")
            pos = e
    parts.append(text[pos:end])
    out = " ".join("".join(parts).split())
    if lo > 0:
        out = "… " + out
    if hi < len(spans):
        out = out + " …"
    return out
