"""The evidence shown for a mention: the source sentence around a span.

Minutes wrap lines inside sentences and put headings and bullets on lines of their own,
so a sentence ends at ``.``/``!``/``?`` followed by white space (not after a number or a
Danish abbreviation such as ``jf.`` or ``bl.a.``), at a blank line, or before a bullet.
"""

from __future__ import annotations

import functools
import re

__all__ = ["abbreviations", "sentence_around"]

#: Abbreviations of minutes that spaCy's Danish tokenizer exceptions lack.
_MORE_ABBREVIATIONS = frozenset({"ifht", "ex"})


@functools.cache
def abbreviations() -> frozenset[str]:
    """Words that end in a period without ending a sentence (lower case, without the last
    dot): spaCy's Danish tokenizer exceptions (``jf.``, ``bl.a.``, ``kr.``, …) and a few more.

    >>> {"jf", "bl.a", "kr", "f.eks", "ifht"} <= abbreviations()
    True
    """
    from spacy.lang.da.tokenizer_exceptions import TOKENIZER_EXCEPTIONS

    words = {k[:-1].lower() for k in TOKENIZER_EXCEPTIONS if k.endswith(".") and len(k) > 1}
    return frozenset(w for w in words if not w.isdigit()) | _MORE_ABBREVIATIONS


_BOUNDARY = re.compile(r"[.!?](?=\s)|\n")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def _line(text: str, at: int) -> str:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return text[start : end if end >= 0 else len(text)]


def _ends_sentence(text: str, m: re.Match[str]) -> bool:
    """Whether a candidate (a sentence mark or a line break) ends a sentence."""
    if m.group() == "\n":
        after = _line(text, m.end())
        before = _line(text, m.start())
        return (
            not after.strip()  # a blank line follows
            or after.lstrip()[:2] in ("- ", "• ", "* ", "– ")  # a bullet starts
            or "\t" in after
            or "\t" in before  # table rows
        )
    if m.group() != ".":
        return True
    before = _WORD_BEFORE.search(text, max(0, m.start() - 64), m.start())  # not from 0: linear
    if before is None:
        return True
    word = before.group(1).lower()
    nxt = text[m.end() : m.end() + 3].lstrip()[:1]
    if word[-1:].isdigit():  # "24. oktober" goes on, "i 2018. Denne" ends
        return not nxt.islower()
    return not (word in abbreviations() or len(word) == 1)


def sentence_around(text: str, start: int, end: int, *, max_chars: int = 320) -> str:
    """The sentence of ``text`` containing ``text[start:end]``, white space collapsed.

    Looks at most ``max_chars`` characters either side; a longer sentence is cut there
    and marked with ``…``.

    Examples
    --------
    >>> t = "Baggrund\\n\\nØDC har bl.a. lavet en plan, jf. bilag.\\nDen 24. maj\\ngodkendte HRC den. Slut."
    >>> sentence_around(t, t.index("ØDC"), t.index("ØDC") + 3)
    'ØDC har bl.a. lavet en plan, jf. bilag.'
    >>> sentence_around(t, t.index("HRC"), t.index("HRC") + 3)
    'Den 24. maj godkendte HRC den.'
    >>> sentence_around("- Vækstpolitik\\n- Opgavefællesskaber (sag fra HR)", 18, 36)
    '- Opgavefællesskaber (sag fra HR)'
    >>> t = "Politikken udløber i 2017 og revideres i 2018. Denne sag gør det."
    >>> sentence_around(t, 0, 10)
    'Politikken udløber i 2017 og revideres i 2018.'
    >>> t = "Maj\\tDirektionen godkender\\nJuni\\tByrådet godkender strategien"
    >>> sentence_around(t, t.index("Byrådet"), t.index("Byrådet") + 7)
    'Juni Byrådet godkender strategien'
    """
    lo = max(0, start - max_chars)
    begin = lo
    for m in _BOUNDARY.finditer(text, lo, start):
        if _ends_sentence(text, m):
            begin = m.end()
    hi = min(len(text), end + max_chars)
    finish = hi
    for m in _BOUNDARY.finditer(text, end, hi):
        if _ends_sentence(text, m):
            finish = m.start() + (1 if m.group() in ".!?" else 0)
            break
    sentence = " ".join(text[begin:finish].split())
    if begin == lo and lo > 0:
        sentence = "…" + sentence
    if finish == hi and hi < len(text):
        sentence += "…"
    return sentence
