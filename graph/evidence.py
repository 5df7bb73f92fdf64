"""The evidence shown for a mention: the source sentence around a span.

Minutes wrap lines inside sentences and put headings and bullets on lines of their own,
so a sentence ends at ``.``/``!``/``?`` followed by white space (not after a number or a
Danish abbreviation such as ``jf.`` or ``bl.a.``), at a blank line, or before a bullet.

The store keeps each document's text once (``rg:text``) and a mention only as a span, so
the sentence is found when it is shown: :func:`add_text_columns` fills in query rows (the
sentence and the quote), :class:`DocumentTexts` reads each document's text once for many spans.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import MutableMapping, Sequence
from typing import Protocol

__all__ = [
    "DocumentTexts",
    "Sentences",
    "abbreviations",
    "add_evidence",
    "add_text_columns",
    "sentence_around",
]

#: Abbreviations of minutes that spaCy's Danish tokenizer exceptions lack.
_MORE_ABBREVIATIONS = frozenset({"ifht", "ex"})


@functools.cache
def abbreviations() -> frozenset[str]:
    """Words that end in a period without ending a sentence (lower case, without the last
    dot): spaCy's Danish tokenizer exceptions (``jf.``, ``bl.a.``, ``kr.``, …) and a few more.

    Read from the cache of derived lexicons (:mod:`referatgraf.extract.entities.disk_cache`,
    keyed by spaCy's version) when it holds them: importing spaCy for them would cost a
    report or a map ~80 MB of memory and a second.

    >>> {"jf", "bl.a", "kr", "f.eks", "ifht"} <= abbreviations()
    True
    """
    from referatgraf.extract.entities.disk_cache import cached_words

    return cached_words("abbreviations", "spacy", _spacy_abbreviations) | _MORE_ABBREVIATIONS


def _spacy_abbreviations() -> frozenset[str]:
    from spacy.lang.da.tokenizer_exceptions import TOKENIZER_EXCEPTIONS

    words = {k[:-1].lower() for k in TOKENIZER_EXCEPTIONS if k.endswith(".") and len(k) > 1}
    return frozenset(w for w in words if not w.isdigit())


_BOUNDARY = re.compile(r"[.!?](?=\s)|\n")
_WORD_CHARS = re.compile(r"[\w.]+")


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
    return _ends_at_period(text, m.start())


def _ends_at_period(text: str, at: int) -> bool:
    """Whether the period at ``at`` (white space after it) ends a sentence."""
    # the word before the mark: the longest run of [\w.] ending there (at most 64 characters),
    # matched forwards on the reversed window (a search for "[\w.]+$" tries every start)
    before = _WORD_CHARS.match(text[max(0, at - 64) : at][::-1])
    if before is None:
        return True
    word = before.group()[::-1].lower()
    if word[-1:].isdigit():  # "24. oktober" goes on, "i 2018. Denne" ends
        return not text[at + 1 : at + 4].lstrip()[:1].islower()
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


#: A line break that ends a sentence, seen from the line after it: that line is blank,
#: starts a bullet or holds a tab (a table row): :func:`_ends_sentence` for a line break, but
#: for a whole text at once.
_BREAK_BEFORE = re.compile(r"\n(?=[^\S\n]*(?:\n|\Z|[-•*–] )|[^\n]*\t)")
#: The line break after a line that holds a tab (a table row): it ends a sentence.
_TAB_LINE = re.compile(r"\t[^\n]*\n")
_MARK = re.compile(r"[.!?](?=\s)")


def _sentence_ends(text: str) -> list[int]:
    """Where ``text``'s sentences end, in text order: every candidate (a sentence mark or
    a line break) that :func:`_ends_sentence` says ends one, as ``2 × position + 1`` for a
    sentence mark and ``2 × position`` for a line break (one sorted list of numbers).

    >>> [(c >> 1, c & 1) for c in _sentence_ends("Godkendt, jf. bilag. Slut\\n\\nNy linje\\n- punkt")]
    [(19, 1), (25, 0), (35, 0)]
    """
    codes = [2 * m.start() for m in _BREAK_BEFORE.finditer(text)]
    codes += [2 * m.end() - 2 for m in _TAB_LINE.finditer(text)]
    codes += [
        2 * at + 1
        for at in (m.start() for m in _MARK.finditer(text))
        if text[at] != "." or _ends_at_period(text, at)
    ]
    return sorted(set(codes))


class Sentences:
    """The sentences of one text, for many spans: :func:`sentence_around` with the text's
    sentence ends found once (a document's mentions share them), in one pass over the text
    when the first span is asked for.

    ``Sentences(text).around(start, end)`` equals ``sentence_around(text, start, end)``.

    >>> t = "Baggrund\\n\\nØDC har bl.a. lavet en plan, jf. bilag.\\nDen 24. maj\\ngodkendte HRC den. Slut."
    >>> s = Sentences(t)
    >>> [s.around(t.index(w), t.index(w) + 3) == sentence_around(t, t.index(w), t.index(w) + 3)
    ...  for w in ("ØDC", "HRC", "Slu", "Bag")]
    [True, True, True, True]
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._ends: list[int] | None = None  # see _sentence_ends

    def around(self, start: int, end: int, *, max_chars: int = 320) -> str:
        """The sentence containing ``text[start:end]`` (see :func:`sentence_around`)."""
        text = self.text
        ends = self._ends
        if ends is None:
            ends = self._ends = _sentence_ends(text)
        lo = max(0, start - max_chars)
        begin = lo
        # the last end before the span; a sentence mark is seen only when the character
        # after it lies before the bound (sentence_around's look-ahead stops there)
        k = bisect_left(ends, 2 * start) - 1
        first = bisect_left(ends, 2 * lo)
        while k >= first:
            code = ends[k]
            if (code >> 1) + 1 < start or not code & 1:
                begin = (code >> 1) + 1
                break
            k -= 1
        hi = min(len(text), end + max_chars)
        finish = hi
        k = bisect_left(ends, 2 * end)
        if k < len(ends) and ends[k] >> 1 < hi:
            at, mark = ends[k] >> 1, ends[k] & 1
            if at + 1 < hi or not mark:
                finish = at + mark
        sentence = " ".join(text[begin:finish].split())
        if begin == lo and lo > 0:
            sentence = "…" + sentence
        if finish == hi and hi < len(text):
            sentence += "…"
        return sentence


class _TextSource(Protocol):
    def text(self, document: str) -> str | None: ...


class DocumentTexts:
    """The texts of documents in a store (``rg:text``), read once each while in use.

    ``store`` is anything with a ``text(document IRI)`` method
    (:meth:`referatgraf.graph.store.Store.text`); the last ``keep`` texts stay in memory.
    """

    def __init__(self, store: _TextSource, *, keep: int = 64) -> None:
        self.store = store
        self.keep = keep
        self._texts: dict[str, str | None] = {}

    def __call__(self, document: str) -> str | None:
        if document in self._texts:
            return self._texts[document]
        if len(self._texts) >= self.keep:
            self._texts.pop(next(iter(self._texts)))
        text = self._texts[document] = self.store.text(document)
        return text

    def words(self, document: str, start: int, end: int) -> str | None:
        """The text of a span, as written."""
        text = self(document)
        return None if text is None else text[start:end]

    def sentence(self, document: str, start: int, end: int) -> str | None:
        """The sentence around a span (:func:`sentence_around`)."""
        text = self(document)
        return None if text is None else sentence_around(text, start, end)


def add_evidence(
    store: _TextSource,
    rows: Sequence[MutableMapping[str, object]],
    doc: str,
    start: str,
    end: str,
    out: str,
) -> None:
    """Set ``row[out]`` to the sentence around ``row[start]:row[end]`` of document
    ``row[doc]``'s text, for every row (None where a value or the text is missing).

    Rows are visited document by document, so each text is read once.

    >>> class Texts:
    ...     def text(self, document):
    ...         return {"d": "Intro. ØDC indstiller en plan. Slut."}.get(document)
    >>> rows = [{"doc": "d", "s": 7, "e": 10, "ev": None}, {"doc": "x", "s": 0, "e": 1}]
    >>> add_evidence(Texts(), rows, "doc", "s", "e", "ev")
    >>> [r["ev"] for r in rows]
    ['ØDC indstiller en plan.', None]
    """
    add_text_columns(store, rows, evidence=(doc, start, end, out))


def add_text_columns(
    store: _TextSource,
    rows: Sequence[MutableMapping[str, object]],
    *,
    evidence: tuple[str, str, str, str] | None = None,
    quote: tuple[str, str, str, str] | None = None,
) -> None:
    """Fill in the columns a saved query leaves to referatgraf, from the documents' texts.

    ``evidence`` and ``quote`` are (document, start, end, output) column names: the output
    becomes the sentence around the span (:func:`sentence_around`) or the span's own words
    (``text[start:end]``, as SPARQL's ``SUBSTR(?text, ?start + 1, ?end - ?start)`` gives
    them); None where a value or the text is missing. Rows are visited document by
    document, so each text is read once and its sentence ends found once
    (:class:`Sentences`).

    >>> class Texts:
    ...     def text(self, document):
    ...         return {"d": "Intro. ØDC indstiller en plan. Slut."}.get(document)
    >>> rows = [{"doc": "d", "s": 7, "e": 10}, {"doc": "d", "s": 31, "e": 35}, {"doc": None}]
    >>> add_text_columns(Texts(), rows, evidence=("doc", "s", "e", "ev"),
    ...                  quote=("doc", "s", "e", "exact"))
    >>> [(r["ev"], r["exact"]) for r in rows]
    [('ØDC indstiller en plan.', 'ØDC'), ('Slut.', 'Slut'), (None, None)]
    """
    wanted = [c for c in (evidence, quote) if c is not None]
    if not wanted or not rows:
        return
    docs = {c[0] for c in wanted}
    by_document: dict[object, list[MutableMapping[str, object]]] = defaultdict(list)
    for row in rows:
        by_document[tuple(row.get(d) for d in sorted(docs))].append(row)
    texts = DocumentTexts(store, keep=len(docs))
    for group in by_document.values():
        first = group[0]
        for columns, words in ((evidence, False), (quote, True)):
            if columns is None:
                continue
            doc, start, end, out = columns
            document = first.get(doc)
            text = texts(str(document)) if document is not None else None
            sentences = Sentences(text) if text is not None and not words else None
            for row in group:
                s, e = row.get(start), row.get(end)
                if text is None or not isinstance(s, int) or not isinstance(e, int):
                    row[out] = None
                elif words:
                    row[out] = text[s:e]
                else:
                    row[out] = sentences.around(s, e)
