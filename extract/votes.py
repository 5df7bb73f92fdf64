"""Structured votes read from a decision's text, each with its span.

The forms Danish minutes print (party letters, party names and members as voters):

* a label before the voters: "For stemte: A, C og V (12)", "Imod stemte (D), (Ø) og Liselott
  Blixt (UP)", "Undlod at stemme: F";
* a verb and a colon before the voters: "Følgende stemte for: A, B, F og Ø", "Stemte imod: C";
* voters before the verb: "A stemmer for, V og D stemmer imod og C undlader",
  "(F) undlod at stemme", "Solveig Munk kunne ikke tiltræde indstillingen", "Venstre tog
  forbehold";
* a majority or minority: "Et flertal bestående af A, C og V godkendte …", "Et mindretal
  bestående af Ø stemte imod";
* tallies: "Med stemmerne 18 for og 1 imod", "Forslaget blev forkastet med 10 stemmer mod 15",
  "med 9 stemmer for, 8 imod og 2 undlod".

A list must consist of voters only (party letters, party names, members' names); a sentence
such as "Udvalget undlod at tage stilling" is no vote. Pure functions of text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from referatgraf.extract.model import Vote

__all__ = ["Voter", "VotePhrase", "find_vote_phrases", "parse_voters", "votes_in"]

_UP = "A-ZÆØÅ"
_LO = "a-zæøåéüö"


@dataclass(frozen=True, slots=True)
class Voter:
    """One voter in a list: ``kind`` is ``party`` (``key`` the party's name) or ``person``
    (``party``: the party the text labels the member with, "Anna Holm (V)")."""

    kind: str
    key: str
    start: int
    end: int
    party: str | None = None
    known: bool = True  # a person: the first name is a known first name, or a label vouches


@dataclass(frozen=True, slots=True)
class VotePhrase:
    position: str
    voters: tuple[Voter, ...]
    count: int | None
    start: int
    end: int


_VERBS: tuple[tuple[str, str], ...] = (
    ("against", r"kunne ikke tiltræde|kan ikke tiltræde|tiltrådte ikke|tiltræder ikke"),
    (
        "against",
        r"stemte imod|stemmer imod|stemte mod|stemmer mod|stemmede imod|var imod|stemte nej",
    ),
    ("abstain", r"stemte hverken for eller imod|stemte blankt|tog ikke stilling"),
    (
        "abstain",
        r"undl(?:od|ader)(?: at stemme| at tage stilling| stillingtagen| sig fra at stemme)?",
    ),
    ("reservation", r"t(?:og|ager) (?:et )?(?:standpunkts)?forbehold"),
    ("for", r"stemte for|stemmer for|stemmede for|stemte ja|var for"),
    ("for", r"kunne tiltræde|kan tiltræde|tiltrådte|tiltræder"),
)
_VERB = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(f"(?P<{p}{k}>{rx})" for k, (p, rx) in enumerate(_VERBS))
    + r")(?![\w-])"
)
_LABEL = re.compile(
    r"(?<![\w-])(?:(?P<for>For(?: [\wæøå]+){0,3}? stemte)"
    r"|(?P<against>Imod(?: [\wæøå]+){0,3}? stemte)"
    r"|(?P<abstain>Undlod at stemme|Hverken for eller imod stemte|Blank(?:t)? stemte))"
    r"\s*:?\s*"
)
#: "Følgende stemte for: A, B og F", "Stemmer imod: D": a verb, a colon, then the voters.
_COLON_VERB = re.compile(_VERB.pattern + r"\s*:\s*", re.IGNORECASE)
_GROUP = re.compile(r"(?<![\w-])(?P<which>[Ee]t (?:flertal|mindretal)) (?:bestående af |\()")
_TALLY = re.compile(
    r"(?i)(?<![\w-])med (?:stemmerne )?(?P<for>\d+) (?:stemmer )?(?:for)?(?:,| og)? ?"
    r"(?:(?:mod|imod) )?(?P<against>\d+)(?: (?:stemmer )?imod)?"
    r"(?:,? og (?P<abstain>\d+) (?:undlod|hverken for eller imod|blanke?))?"
)
#: Words in every verb phrase, and in every label, that the patterns are tried at.
_VERB_CUES = ("stem", "undl", "forbehold", "tiltr", "var imod", "var for", "tog ikke")
_LABEL_CUES = ("stemte", "undlod", "hverken")
#: Words every vote phrase contains one of.
_VOTE_WORDS = ("stem", "undl", "forbehold", "tiltr", "flertal", "mindretal")
_COUNT = re.compile(r"\s*\((\d{1,3})(?: stemmer)?\)")
_SEP = re.compile(r",\s*|\s+og\s+|\s+samt\s+")
_LETTER = re.compile(rf"\(?([{_UP}]{{1,2}})\)?(?:'s|s)?")
_PERSON = re.compile(
    rf"([{_UP}][{_LO}]+(?:-[{_UP}][{_LO}]+)?(?:\s(?:[{_UP}]\.|[{_UP}][{_LO}]+(?:-[{_UP}][{_LO}]+)?)){{0,3}})"
    rf"(?:\s\(([{_UP}]{{1,3}})\))?"
)


def parse_voters(
    text: str,
    start: int,
    end: int,
    *,
    letters: Mapping[str, str],
    names: Mapping[str, str],
    first_names: frozenset[str] | set[str],
    trim_left: bool = False,
) -> tuple[Voter, ...] | None:
    """The voters listed in ``text[start:end]``, or None when it is no list of voters.

    ``letters`` maps party letters, ``names`` party names (any form), to a party's canonical
    name; ``first_names`` are the first names a member's name may start with. With
    ``trim_left`` the leftmost entry may be preceded by other words ("… idet Anna Holm (V)").

    Examples
    --------
    >>> letters = {"A": "Socialdemokratiet", "V": "Venstre", "Ø": "Enhedslisten"}
    >>> t = "(V), (A) og Liselott Blixt (UP)"
    >>> [(v.kind, v.key) for v in parse_voters(t, 0, len(t), letters=letters, names={},
    ...     first_names={"Liselott"})]
    [('party', 'Venstre'), ('party', 'Socialdemokratiet'), ('person', 'Liselott Blixt')]
    >>> parse_voters("Udvalget", 0, 8, letters=letters, names={}, first_names=set()) is None
    True
    """
    chunk = text[start:end]
    pieces: list[tuple[int, int]] = []
    pos = 0
    for m in _SEP.finditer(chunk):
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces.append((pos, len(chunk)))
    voters: list[Voter] = []
    for k, (a, b) in enumerate(pieces):
        piece = chunk[a:b].strip()
        if not piece:
            return None
        lead = chunk[a:b].index(piece) + a
        voter = _voter(piece, start + lead, letters, names, first_names)
        if voter is None and k == 0 and trim_left:
            words = list(re.finditer(r"\S+", piece))
            for w in words[1:]:
                if piece[: w.start()].strip().split()[-1][:1].isupper():
                    continue  # never cut a name in two
                voter = _voter(
                    piece[w.start() :], start + lead + w.start(), letters, names, first_names
                )
                if voter:
                    break
        if voter is None:
            return None
        voters.append(voter)
    # a name whose first name is unknown counts beside a known voter ("Metin Lindved Aydin")
    if not any(v.kind == "party" or v.known for v in voters):
        return None
    return tuple(voters)


def _voter(
    piece: str,
    at: int,
    letters: Mapping[str, str],
    names: Mapping[str, str],
    first_names: frozenset[str] | set[str],
) -> Voter | None:
    if piece in names:
        return Voter("party", names[piece], at, at + len(piece))
    if piece.endswith("s") and piece[:-1] in names:
        return Voter("party", names[piece[:-1]], at, at + len(piece))
    m = _LETTER.fullmatch(piece)
    if m and (m.group(1) in letters or piece.startswith("(")):
        key = letters.get(m.group(1), m.group(1))
        return Voter("party", key, at, at + len(piece))
    m = _PERSON.fullmatch(piece)
    if m and " " in m.group(1):
        label = m.group(2)
        known = m.group(1).split()[0].split("-")[0] in first_names or bool(label)
        party = letters.get(label) if label else None
        name = " ".join(m.group(1).split())
        return Voter("person", name, at, at + len(m.group(1)), party, known)
    return None


def _clause_start(text: str, lo: int, pos: int) -> int:
    """Where the clause holding ``pos`` begins: after a sentence end, colon or line break."""
    k = pos
    while k > lo:
        ch = text[k - 1]
        if ch in "\n:;" or (ch == "." and (k - 2 < lo or not text[k - 2].isupper())):
            break
        k -= 1
    return k


def find_vote_phrases(
    text: str,
    start: int = 0,
    end: int | None = None,
    *,
    letters: Mapping[str, str],
    names: Mapping[str, str],
    first_names: frozenset[str] | set[str],
    low: str | None = None,
) -> list[VotePhrase]:
    """Every vote phrase in ``text[start:end]``, in order.

    Examples
    --------
    >>> letters = {"A": "Socialdemokratiet", "C": "Det Konservative Folkeparti",
    ...            "D": "Nye Borgerlige", "V": "Venstre"}
    >>> t = "A stemmer for, V og D stemmer imod og C undlader. Med stemmerne 9 for og 8 imod."
    >>> [(p.position, [v.key for v in p.voters], p.count)
    ...  for p in find_vote_phrases(t, letters=letters, names={}, first_names=set())]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('for', ['Socialdemokratiet'], None), ('against', ['Venstre', 'Nye Borgerlige'], None),
     ('abstain', ['Det Konservative Folkeparti'], None), ('for', [], 9), ('against', [], 8)]
    """
    end = len(text) if end is None else end
    low = text.lower() if low is None else low
    if not any(low.find(cue, start, end) >= 0 for cue in _VOTE_WORDS):
        return []  # most texts hold no vote
    kw = {"letters": letters, "names": names, "first_names": first_names}
    out: list[VotePhrase] = []
    # voters before the verb
    floor = start
    # (imported here: the entities package imports this module)
    from referatgraf.extract.entities.text import keyword_matches

    # the patterns are tried only where a cue word occurs: linear, cheap
    for m in keyword_matches(_VERB, text, low, _VERB_CUES, back=2, start=start, end=end):
        position = re.sub(r"\d+$", "", next(g for g, v in m.groupdict().items() if v))
        lo = max(floor, _clause_start(text, start, m.start()))
        subject = re.match(r"[\s,]*(?:og\s+|samt\s+)?", text[lo : m.start()])
        s = lo + (subject.end() if subject else 0)
        e = m.start()
        while e > s and text[e - 1].isspace():
            e -= 1
        group = _GROUP.search(text, lo, m.start())
        if group:
            continue  # read below as a majority or minority
        if e > s:
            count = None
            c = re.search(r"\s*\((\d{1,3})\)$", text[s:e])
            if c:
                count, e = int(c.group(1)), s + c.start()
            voters = parse_voters(text, s, e, trim_left=True, **kw)
            if voters:
                out.append(VotePhrase(position, voters, count, voters[0].start, m.end()))
                floor = m.end()
    # a label, or a verb and a colon, before the voters
    labels = list(keyword_matches(_LABEL, text, low, _LABEL_CUES, back=4, start=start, end=end))
    taken = {m.start() for m in labels}  # "Undlod at stemme:" is both forms
    labels += [
        m
        for m in keyword_matches(_COLON_VERB, text, low, _VERB_CUES, back=2, start=start, end=end)
        if m.start() not in taken
    ]
    for m in labels:
        position = re.sub(r"\d+$", "", next(g for g, v in m.groupdict().items() if v))
        stop = _list_end(text, m.end(), end)
        count = None
        c = re.search(r"\s*\((\d{1,3})(?: stemmer)?\)$", text[m.end() : stop])
        list_end = m.end() + c.start() if c else stop
        if c:
            count = int(c.group(1))
        voters = parse_voters(text, m.end(), list_end, **kw) if list_end > m.end() else None
        if voters:
            out.append(VotePhrase(position, voters, count, m.start(), stop))
    # a majority or minority
    for m in keyword_matches(
        _GROUP, text, low, ("flertal", "mindretal"), back=1, start=start, end=end
    ):
        close = ")" if text[m.end() - 1] == "(" else None
        stop = text.find(")", m.end(), end) if close else _group_end(text, m.end(), end)
        if stop < 0:
            continue
        body_end = stop
        c = re.search(r"\s*\((\d{1,3})\)$", text[m.end() : body_end])
        count = None
        if c:
            count, body_end = int(c.group(1)), m.end() + c.start()
        voters = parse_voters(text, m.end(), body_end, **kw)
        if not voters:
            continue
        verb = _VERB.match(text, _skip_space(text, stop + (1 if close else 0)))
        minority = m.group("which").lower().endswith("mindretal")
        if verb:
            position = re.sub(r"\d+$", "", next(g for g, v in verb.groupdict().items() if v))
            phrase_end = verb.end()
        else:
            position = "against" if minority else "for"
            phrase_end = stop + (1 if close else 0)
        out.append(VotePhrase(position, voters, count, m.start(), phrase_end))
    # tallies
    for m in keyword_matches(_TALLY, text, low, ("med ",), start=start, end=end):
        for position in ("for", "against", "abstain"):
            if m.group(position):
                out.append(VotePhrase(position, (), int(m.group(position)), m.start(), m.end()))
    return sorted(out, key=lambda p: (p.start, p.end))


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    return pos


def _list_end(text: str, pos: int, end: int) -> int:
    """End of a voter list that follows a label: the sentence or line end, or "med bemærkning"."""
    stop = end
    for pattern in (r"\.(?:\s|$)", r"\n", r"\s+med bemærkning", r";"):
        m = re.compile(pattern).search(text, pos, end)
        if m:
            stop = min(stop, m.start())
    return stop


def _group_end(text: str, pos: int, end: int) -> int:
    """Where the list of "Et flertal bestående af …" ends: before the verb or a count."""
    v = _VERB.search(text, pos, end)
    stop = _list_end(text, pos, end)
    verb_start = v.start() if v and v.start() < stop else None
    if verb_start is not None:
        stop = verb_start
    else:
        # "… af A, C og V godkendte": the list ends before the first lower-case word
        w = re.compile(rf"\s+[{_LO}]").search(text, pos, stop)
        while w and text[w.end() - 1 :].startswith(("og ", "samt ")):
            w = re.compile(rf"\s+[{_LO}]").search(text, w.end() + 3, stop)
        if w:
            stop = w.start()
    while stop > pos and text[stop - 1].isspace():
        stop -= 1
    return stop


def votes_in(
    text: str,
    start: int,
    end: int,
    *,
    letters: Mapping[str, str],
    names: Mapping[str, str],
    first_names: frozenset[str] | set[str],
    low: str | None = None,
) -> tuple[Vote, ...]:
    """The :class:`~extract.model.Vote` s of one decision (its text is ``text[start:end]``;
    ``low`` is ``text.lower()`` when the caller has it, so that the decisions of one record
    lower its text once).

    >>> t = "Godkendt. For stemte: A, C og V (12). Imod stemte: Ø."
    >>> letters = {"A": "Socialdemokratiet", "C": "Det Konservative Folkeparti",
    ...            "V": "Venstre", "Ø": "Enhedslisten"}
    >>> [(v.position, v.parties, v.count) for v in votes_in(t, 0, len(t), letters=letters,
    ...     names={}, first_names=set())]  # doctest: +NORMALIZE_WHITESPACE
    [('for', ('Socialdemokratiet', 'Det Konservative Folkeparti', 'Venstre'), 12),
     ('against', ('Enhedslisten',), None)]
    """
    out = []
    for p in find_vote_phrases(
        text, start, end, letters=letters, names=names, first_names=first_names, low=low
    ):
        parties = tuple(dict.fromkeys(v.key for v in p.voters if v.kind == "party"))
        members = dict.fromkeys((v.key, v.party or "") for v in p.voters if v.kind == "person")
        people = tuple(name for name, _ in members)
        labels = tuple(party for _, party in members) if any(pp for _, pp in members) else ()
        span = text[p.start : p.end]
        out.append(Vote(p.position, parties, people, p.count, span, p.start, p.end, labels))
    return tuple(out)
