"""Small pure helpers on raw text shared by the entity rules."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from referatgraf.extract.entities.lexicons import common_words

__all__ = [
    "GENERIC_HEADING",
    "SpanIndex",
    "UPPER",
    "at_sentence_start",
    "keyword_matches",
    "word_start",
    "capitalise",
    "is_definite",
    "noun_phrase",
    "strip_genitive",
    "subheadings",
]

UPPER = "A-ZÆØÅÄÖÜÉ"
LOWER = "a-zæøåäöüé"

#: Words that end a noun phrase read after "Strategi for", "Styregruppen for", ...
_NP_STOP = frozenset(
    [
        "at",
        "af",
        "to",
        "tre",
        "fire",
        "fem",
        "alle",
        "hver",
        "hvert",
        "som",
        "der",
        "og/eller",
        "eller",
        "men",
        "samt",
        "frem",
        "til",
        "i",
        "hvor",
        "hvilket",
        "hvilke",
        "blev",
        "bliver",
        "er",
        "var",
        "skal",
        "kan",
        "vil",
        "har",
        "havde",
        "bør",
        "må",
        "ved",
        "efter",
        "inden",
        "under",
        "fra",
        "mod",
        "mellem",
        "da",
        "når",
        "hvis",
        "mens",
        "så",
        "også",
        "the",
        "det",
        "den",
        "de",
        "en",
        "et",
        "om",
        "pr.",
        "jf.",
        "bl.a.",
        "fx",
        "f.eks.",
        "dels",
        "både",
        "foreligger",
        "indeholder",
        "omfatter",
        "arbejder",
        "udarbejder",
        "behandler",
        "drøfter",
        "godkender",
        "består",
        "ligger",
        "giver",
        "viser",
        "sikrer",
        "skaber",
        "forventes",
        "indstiller",
        "anbefaler",
        "foreslår",
        "ønsker",
        "besluttede",
        "godkendte",
        "drøftede",
        "blive",
    ]
)
_WORD = re.compile(rf"[{UPPER}{LOWER}0-9][\w./-]*|\(|\)|,|;|:|\.|–|-")


def word_start(text: str, pos: int) -> int:
    """Start of the word (letters, digits, hyphens) that holds ``pos``.

    >>> word_start("Teknik- og Miljøudvalget", 20)
    11
    """
    while pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] == "-"):
        pos -= 1
    return pos


def _previous_word_start(text: str, start: int) -> int | None:
    """Start of the word before ``start``, across spaces and one line break (a name broken
    over a line end is one name)."""
    k = start
    while k > 0 and text[k - 1] in " \t":
        k -= 1
    if k > 0 and text[k - 1] == "\n":
        k -= 1
        while k > 0 and text[k - 1] in " \t":
            k -= 1
    if k == start or k == 0 or text[k - 1] == "\n":
        return None
    return word_start(text, k - 1 if text[k - 1] != "-" else k - 1)


def keyword_matches(
    rx: re.Pattern[str],
    text: str,
    haystack: str,
    keywords: tuple[str, ...],
    *,
    back: int = 0,
    start: int = 0,
    end: int | None = None,
) -> list[re.Match[str]]:
    r"""Matches of ``rx`` around occurrences of literal ``keywords`` in ``haystack``.

    ``haystack`` is ``text`` or ``text.lower()`` (same offsets). ``rx`` is tried at the
    start of the word holding each occurrence, and at up to ``back`` earlier word
    starts (earliest first); a match must reach past the occurrence. Finding literals
    with ``str.find`` and trying the pattern only there is many times faster than
    letting a pattern that begins with a character class scan the whole text. With
    ``start`` and ``end`` only that stretch is searched (matches stay inside it).

    Examples
    --------
    >>> rx = re.compile(r"(?<![\w-])(?:[A-ZÆØÅ][a-zæøå]*- og )?[A-ZÆØÅ][a-zæøå]*udvalget")
    >>> t = "i Teknik- og Miljøudvalget og Økonomiudvalget"
    >>> [m.group() for m in keyword_matches(rx, t, t.lower(), ("udvalg",), back=2)]
    ['Teknik- og Miljøudvalget', 'Økonomiudvalget']
    """
    stop = len(text) if end is None else end
    out: dict[int, re.Match[str]] = {}
    for kw in keywords:
        i = haystack.find(kw, start, stop)
        while i >= 0:
            starts = [max(start, word_start(text, i))]
            for _ in range(back):
                prev = _previous_word_start(text, starts[-1])
                if prev is None or prev < start:
                    break
                starts.append(prev)
            for s in reversed(starts):
                m = rx.match(text, s, stop)
                if m and m.end() > i:
                    out.setdefault(m.start(), m)
                    break
            i = haystack.find(kw, i + len(kw), stop)
    return [out[k] for k in sorted(out)]


def at_sentence_start(text: str, pos: int) -> bool:
    """True when ``pos`` begins a line, a sentence, a bullet or a numbered point.

    Examples
    --------
    >>> t = "Godkendt. Per holder oplæg\\n- Dag 1 med Per"
    >>> at_sentence_start(t, t.index("Per")), at_sentence_start(t, t.index("Dag"))
    (True, True)
    >>> at_sentence_start(t, t.rindex("Per"))
    False
    """
    k = pos - 1
    while k >= 0 and text[k] in " \t":
        k -= 1
    if k < 0 or text[k] in '\n.!?:•·–-\t"”(':
        return True
    return text[k] == ")" and k >= 1 and text[k - 1].isdigit()


def capitalise(word: str) -> str:
    """First letter upper-cased, the rest kept.

    >>> capitalise("vækstpolitik"), capitalise("IT-strategi")
    ('Vækstpolitik', 'IT-strategi')
    """
    return word[:1].upper() + word[1:]


def strip_genitive(word: str) -> str:
    """Drop a genitive ending: "ØDC's" → "ØDC", "KLs" → "KL" (only after a capital).

    >>> strip_genitive("ØDC's"), strip_genitive("KLs"), strip_genitive("Flemming")
    ('ØDC', 'KL', 'Flemming')
    """
    for end in ("'s", "’s", "´s"):
        if word.endswith(end):
            return word[: -len(end)]
    if len(word) > 2 and word.endswith("s") and word[-2].isupper():
        return word[:-1]
    return word


def is_definite(word: str) -> bool:
    """A lower-case noun in the definite form ("ledelsen", "arbejdet", "indsatsen").

    >>> is_definite("ledelsen"), is_definite("porteføljelisten"), is_definite("kapacitet")
    (True, True, False)
    """
    if not word.islower() or not word.endswith(("en", "et", "ne")):
        return False
    words = common_words()
    for base in (word[:-1], word[:-2]):
        # the base itself, or the last part of a compound ("portefølje|liste")
        if any(base[k:] in words for k in range(max(1, len(base) - 3)) if len(base) - k >= 4):
            return True
        if base in words:
            return True
    return False


def noun_phrase(text: str, pos: int, *, max_words: int = 7) -> tuple[str, int]:
    """The noun phrase starting at ``pos``: words up to punctuation or a stop word.

    Returns the phrase and its end offset. A parenthesised acronym right after the
    phrase ("(DDA)") is kept.

    Examples
    --------
    >>> noun_phrase("strategi for velfærdsteknologi frem til april", 13)
    ('velfærdsteknologi', 30)
    >>> noun_phrase("for Den digitale arbejdsplads (DDA) indstiller", 4)
    ('Den digitale arbejdsplads (DDA)', 35)
    >>> noun_phrase("for tidlig og tværgående indsats\\nDer", 4)
    ('tidlig og tværgående indsats', 32)
    """
    words: list[tuple[int, int]] = []
    line_end = text.find("\n", pos)
    limit = len(text) if line_end < 0 else line_end
    for m in _WORD.finditer(text, pos, limit):
        w = m.group()
        if len(words) >= max_words:
            break
        if words and text[words[-1][1] : m.start()].strip():
            break  # a character that is no word ("|", "/", "&") ends the phrase
        if w == "(":
            close = re.match(rf"\(([{UPPER}]{{2,6}})\)", text[m.start() : m.start() + 9])
            if close and words:
                words.append((m.start(), m.start() + close.end()))
            break
        article = not words and w in ("den", "det")
        if w in ("-", "–", ",", ";", ":", ")", ".") or (
            w in _NP_STOP and w != "og" and not article
        ):
            break
        if len(w) > 5 and w.endswith("es") and w.islower() and words:
            break  # a passive verb ("nedlægges", "godkendes") ends the phrase
        if w == "og":
            nxt = _WORD.match(text, m.end() + 1)
            if not nxt or nxt.group() in _NP_STOP or not words:
                break
            if is_definite(nxt.group().rstrip(".,;:")):
                break  # "arbejdspladsen og ledelsen": two phrases, not one
        if w.endswith(".") and not re.fullmatch(r"\w\.|\d+\.\d+", w):
            words.append((m.start(), m.end() - 1))
            break
        words.append(m.span())
    while words and text[words[-1][0] : words[-1][1]] in ("og", "med", "for", "på"):
        words.pop()
    if not words:
        return "", pos
    return text[words[0][0] : words[-1][1]], words[-1][1]


#: Sub-headings that name a part of a case, not a project, programme or group.
GENERIC_HEADING = re.compile(
    r"(?i)^(?:principper|opfølgning|proces|status på projekterne|status(?! på)|udmøntning|"
    r"videre|næste|økonomi|organisering|baggrund|indstilling|beslutning|sagsfremstilling|"
    r"bilag|kort status|ressourcetræk|frekvens|tidsplan|øget|illustrationer|den videre)\b"
)

_HEADING = re.compile(rf"(?m)^([{UPPER}0-9][^\n]{{1,80}})$")


def subheadings(text: str) -> list[tuple[int, str]]:
    """Short stand-alone lines that look like sub-headings, with their offsets.

    A sub-heading stands between blank lines, has at most eight words and does not end
    in sentence punctuation.

    >>> subheadings("Intro.\\n\\nStatus på velfærdsteknologi\\n\\nStyregruppen udarbejder.")
    [(8, 'Status på velfærdsteknologi')]
    """
    out = []
    for m in _HEADING.finditer(text):
        line = m.group(1).rstrip()
        s, e = m.start(1), m.end(1)
        if line[-1] in ".,;:!?" or len(line.split()) > 8 or "\t" in line:
            continue
        before = text[max(0, s - 2) : s]
        after = text[e : e + 2]
        alone_before = s == 0 or before == "\n\n"
        alone_after = after == "" or after.startswith("\n\n")
        if not (alone_before and alone_after):
            continue
        out.append((s, line))
    return out


class SpanIndex:
    """Half-open spans asked "does anything overlap ``[start, end)``?" in logarithmic time.

    Examples
    --------
    >>> index = SpanIndex([(10, 20), (0, 3), (12, 14)])
    >>> index.overlaps(3, 10), index.overlaps(19, 25), index.overlaps(2, 4)
    (False, True, True)
    """

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        self._reach: list[int] = []  # the furthest end of the spans so far
        furthest = -1
        for _, e in ordered:
            furthest = max(furthest, e)
            self._reach.append(furthest)

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect.bisect_left(self._starts, end)  # spans that start before ``end``
        return k > 0 and self._reach[k - 1] > start
