r"""The passage of an item that best matches a query, with the hits marked.

The passage is about ``width`` characters, cut at word boundaries, placed on the window
with the most distinct query terms (then the most hits, then the earliest); white space
is collapsed and each hit is wrapped in :data:`MARK_START` / :data:`MARK_END`.

Only words that can match are analysed: a word's term is a prefix of the word folded to
ASCII (the Danish Snowball stemmer only removes endings), so a regular expression built
from the query terms finds the candidates and :func:`~referatgraf.graph.search.analysis.term`
confirms them. That keeps snippets cheap for long items.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache

from referatgraf.graph.search.analysis import WORD, term

__all__ = ["MARK_END", "MARK_START", "best_start", "candidates", "snippet"]

#: Highlight markers around each hit in a snippet.
MARK_START = "«"
MARK_END = "»"

_LETTER = {"a": "[aåæ]", "o": "[oø]"}
_PAIR = {"ae": "(?:ae|æ)", "oe": "(?:oe|ø)", "aa": "(?:aa|å)"}


def _folded_prefix_regex(folded: str) -> str:
    """A pattern for the start of a word whose ASCII fold starts with ``folded``.

    Examples
    --------
    >>> _folded_prefix_regex("boligomraad"), _folded_prefix_regex("oekonomi")
    ('boligomr(?:aa|å)d', '(?:oe|ø)konomi')
    """
    if re.search(r"a(?:ae|oe|aa)|o(?:ae|aa)|aa[ae]", folded):  # ambiguous: first letter only
        return _LETTER.get(folded[0], re.escape(folded[0]))
    out, i = [], 0
    while i < len(folded):
        pair = folded[i : i + 2]
        if pair in _PAIR:
            out.append(_PAIR[pair])
            i += 2
        else:
            out.append(re.escape(folded[i]))
            i += 1
    return "".join(out)


@lru_cache(maxsize=256)
def _pattern(prefixes: frozenset[str], flags: int = 0) -> re.Pattern[str]:
    alternatives = sorted({_folded_prefix_regex(p) for p in prefixes if p}, key=len, reverse=True)
    return re.compile("(?:" + "|".join(alternatives) + r")[^\W_]*", flags)


def candidates(
    text: str, targets: Collection[str], prefixes: Collection[str] = ()
) -> list[tuple[int, int, str]]:
    """``(start, end, term)`` of the words of ``text`` whose term is a target or has a prefix.

    Examples
    --------
    >>> candidates("Økonomien og oekonomi, ikke økologi", {"oekonomi"})
    [(0, 9, 'oekonomi'), (13, 21, 'oekonomi')]
    >>> candidates("Robotter og robotics", set(), {"robot"})
    [(0, 8, 'robot'), (12, 20, 'robotic')]
    """
    keys = frozenset(targets) | frozenset(prefixes)
    if not keys:
        return []
    starts = tuple(prefixes)
    low = text.lower()  # searching lower-case text is ~5x faster than re.IGNORECASE
    if len(low) != len(text):  # a letter whose lower case is longer: keep the offsets
        low, pattern = text, _pattern(keys, re.IGNORECASE)
    else:
        pattern = _pattern(keys)
    out = []
    for m in pattern.finditer(low):
        s, e = m.span()
        if s and WORD.match(low, s - 1):
            continue  # inside a word
        t = term(text[s:e])
        if t in targets or (starts and t.startswith(starts)):
            out.append((s, e, t))
    return out


def best_start(hits: list[tuple[int, int, str]], width: int) -> int:
    """Start of the first hit of the best ``width``-character window (0 without hits).

    Examples
    --------
    >>> best_start([(2, 3, "a"), (300, 301, "a"), (330, 331, "b")], 100)
    300
    >>> best_start([], 100)
    0
    """
    best, best_pos, j = (-1, -1, 0), 0, 0
    for i, (start, _, _) in enumerate(hits):
        while j < len(hits) and hits[j][0] < start + width:
            j += 1
        inside = hits[i:j]
        key = (len({t for _, _, t in inside}), len(inside), -start)
        if key > best:
            best, best_pos = key, start
    return best_pos


def snippet(
    text: str,
    targets: Collection[str],
    prefixes: Collection[str] = (),
    *,
    width: int = 240,
) -> str:
    """The best passage of ``text`` for the query terms, hits marked.

    Examples
    --------
    >>> snippet("Direktionen godkendte strategien.\\n\\nStrategier drøftes.", {"strategi"})
    'Direktionen godkendte «strategien». «Strategier» drøftes.'
    >>> snippet("en to tre fire fem seks syv otte", {"fem"}, width=14)
    '… «fem» seks syv …'
    """
    hits = candidates(text, targets, prefixes)
    lo = max(0, best_start(hits, width) - width // 6) if hits else 0
    hi = min(len(text), lo + width)
    words = list(WORD.finditer(text, lo, hi))
    if words and lo > 0 and WORD.match(text[lo - 1]):
        words = words[1:]  # a word cut at the window's start
    if words and hi < len(text) and WORD.match(text[hi]):
        words = words[:-1]  # a word cut at the window's end
    if not words:
        return " ".join(text[lo:hi].split())
    start = words[0].start()
    at_end = WORD.search(text, words[-1].end()) is None
    end = len(text) if at_end else words[-1].end()
    parts, pos = [], start
    for s, e, _ in hits:
        if s >= start and e <= end:
            parts += [text[pos:s], MARK_START, text[s:e], MARK_END]
            pos = e
    parts.append(text[pos:end])
    out = " ".join("".join(parts).split())
    if WORD.search(text, 0, start):
        out = "… " + out
    if not at_end:
        out += " …"
    return out
