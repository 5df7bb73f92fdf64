"""Upper-case abbreviations: centre codes, body short forms, and review of unknown codes.

One regular expression finds every abbreviation (with its genitive); each is looked
up in the profile's codes. An unknown abbreviation standing in a list beside known
centre codes ("FKC, TMC, DB, ISC, BAD og ØDC") goes to review with the nearest known
code as a suggestion; it never becomes a centre. Unknown abbreviations ending in
"U" after a preposition ("på ÆSU") are committees, and an unknown abbreviation that holds
meetings ("LEDIVI møder", "FMU-mødet") is a body.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping

from referatgraf.extract.entities.text import UPPER
from referatgraf.extract.model import Mention, ReviewNote

__all__ = ["abbreviations", "edit_distance", "find_acronyms", "nearest"]

_UPPER_RUN = re.compile(rf"[{UPPER}][{UPPER}]+")
_LIST_SEP = re.compile(r"(?:\s*,\s*|\s+og\s+|\s*/\s*)$")
#: Two capitals after "møde med", "v." or "v/" are a person's initials ("møde med MZ").
_INITIALS_CONTEXT = re.compile(r"(?:\bmøde med|\bv\.|\bv/) ?$")
_COMMITTEE_CONTEXT = re.compile(r"(?:\bpå|\bfor) $")
_MEETINGS = re.compile(r"[- ]møde(?:r|rne|t)?\b|\smødes\b")


def abbreviations(text: str) -> list[tuple[str, int, int]]:
    """Stand-alone runs of 2–6 capitals, with a genitive ending included in the span.

    A run may follow "/" ("It/ØDC") or another abbreviation and a hyphen ("ØU-BY").

    >>> [(a, s, e) for a, s, e in abbreviations("ØU-BY, KLs og It/ØDC's men FLISdata")]
    [('ØU', 0, 2), ('BY', 3, 5), ('KL', 7, 10), ('ØDC', 17, 22)]
    """
    out = []
    n = len(text)
    for m in _UPPER_RUN.finditer(text):
        s, e = m.span()
        if e - s > 6:
            continue
        prev = text[s - 1] if s else " "
        if prev.isalnum() or (prev == "-" and not (s >= 2 and text[s - 2].isupper())):
            continue
        end = e
        if e < n and text[e] == "s" and (e + 1 == n or not text[e + 1].isalnum()):
            end = e + 1
        elif text.startswith(("'s", "’s"), e) and (e + 2 == n or not text[e + 2].isalnum()):
            end = e + 2
        elif e < n and text[e].isalnum():
            continue
        out.append((m.group(), s, end))
    return out


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance.

    >>> edit_distance("BAD", "BAC"), edit_distance("ØDC", "BYC")
    (1, 2)
    """
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def nearest(code: str, known: list[str]) -> str | None:
    """The known code nearest to ``code`` (at most two edits), or None.

    >>> nearest("BAD", ["BAC", "BYC", "ØDC"])
    'BAC'
    """
    best = min(known, key=lambda k: (edit_distance(code, k), k), default=None)
    return best if best is not None and edit_distance(code, best) <= 2 else None


class _CapsLines:
    """Whether the line holding an offset is written in capitals, each line counted once.

    >>> lines = _CapsLines("Intro\\nORIENTERING OM STATUS PÅ ØDC\\nSlut")
    >>> lines.all_caps(10), lines.all_caps(2)
    (True, False)
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._breaks = [m.start() for m in re.finditer("\n", text)]
        self._known: dict[int, bool] = {}

    def all_caps(self, pos: int) -> bool:
        k = bisect.bisect_left(self._breaks, pos)
        known = self._known.get(k)
        if known is None:
            s = self._breaks[k - 1] + 1 if k else 0
            e = self._breaks[k] if k < len(self._breaks) else len(self.text)
            line = self.text[s:e]
            upper = sum(map(str.isupper, line))
            lower = sum(map(str.islower, line))
            known = self._known[k] = upper + lower > 12 and upper > 4 * lower
        return known


def _list_neighbours(text: str, start: int, end: int, starts: list[int], ends: list[int]) -> int:
    """How many known spans (sorted ``starts`` and ``ends``) stand next to
    ``text[start:end]`` in a list ("ØDC, BAD og FKC"): at most six characters of list
    separator between them.

    >>> t = "FKC, BAD og ØDC; ikke XYZ"
    >>> _list_neighbours(t, 5, 8, [0, 12], [3, 15]), _list_neighbours(t, 22, 25, [0, 12], [3, 15])
    (2, 0)
    """
    count = 0
    # spans ending at most six characters before ``start``
    k = bisect.bisect_left(ends, start - 6)
    while k < len(ends) and ends[k] <= start:
        if _LIST_SEP.match(text, ends[k], start):
            count += 1
        k += 1
    # spans starting at most six characters after ``end``
    k = bisect.bisect_left(starts, end)
    while k < len(starts) and starts[k] <= end + 6:
        if _LIST_SEP.match(text, end, starts[k]):
            count += 1
        k += 1
    return count


def find_acronyms(
    text: str,
    *,
    centres: Mapping[str, str],
    bodies: Mapping[str, str],
    organisations: Mapping[str, str],
) -> tuple[list[Mention], list[ReviewNote]]:
    """Centre, body and organisation mentions written as abbreviations, and review notes.

    ``centres``, ``bodies`` and ``organisations`` map an abbreviation to its key.

    Examples
    --------
    >>> ms, notes = find_acronyms("centre (FKC, DB, BAD og ØDC's) og på ÆSU",
    ...     centres={"FKC": "FKC", "DB": "DRBY", "BAC": "BAC", "ØDC": "ØDC"},
    ...     bodies={}, organisations={})
    >>> [(m.type, m.key) for m in ms]
    [('centres', 'FKC'), ('centres', 'DRBY'), ('centres', 'ØDC'), ('bodies', 'ÆSU')]
    >>> [(n.text, n.suggestion) for n in notes]
    [('BAD', 'BAC')]
    """
    found = list(abbreviations(text))
    known_codes = sorted(set(centres.values()))
    mentions: list[Mention] = []
    notes: list[ReviewNote] = []
    unknown: list[tuple[str, int, int]] = []
    for code, start, end in found:
        surface = text[start:end]
        if code in centres:
            mentions.append(Mention("centres", centres[code], surface, start, end, "code"))
        elif code in bodies:
            mentions.append(Mention("bodies", bodies[code], surface, start, end, "short-form"))
        elif code in organisations:
            mentions.append(
                Mention("organisations", organisations[code], surface, start, end, "acronym")
            )
        else:
            unknown.append((code, start, end))
    centre_spans = sorted((m.start, m.end) for m in mentions if m.type == "centres")
    by_end = sorted(e for _, e in centre_spans)
    by_start = [s for s, _ in centre_spans]
    caps = _CapsLines(text)
    suggestions: dict[str, str | None] = {}

    def suggest(code: str) -> str | None:  # each distinct code is compared once
        if code not in suggestions:
            suggestions[code] = nearest(code, known_codes)
        return suggestions[code]

    for code, start, end in unknown:
        if len(code) >= 4 and _MEETINGS.match(text, end) and not caps.all_caps(start):
            # "LEDIVI møder i de 10 distrikter": what holds meetings is a body
            mentions.append(Mention("bodies", code, code, start, end, "meeting-acronym"))
            continue
        if not (code.endswith("U") or centre_spans or len(code) == 2):
            continue
        if caps.all_caps(start):
            continue
        neighbours = _list_neighbours(text, start, end, by_start, by_end)
        if neighbours and known_codes:
            notes.append(
                ReviewNote(
                    kind="unknown-centre-code",
                    text=code,
                    start=start,
                    end=end,
                    suggestion=suggest(code),
                    message="abbreviation in a list of centre codes is not a known centre",
                )
            )
        elif len(code) == 2 and _INITIALS_CONTEXT.search(text[max(0, start - 10) : start]):
            mentions.append(Mention("people", code, code, start, end, "initials"))
        elif (
            code.endswith("U")
            and len(code) <= 3
            and _COMMITTEE_CONTEXT.search(text[max(0, start - 5) : start])
        ):
            mentions.append(Mention("bodies", code, code, start, end, "committee-acronym"))
    return mentions, notes
