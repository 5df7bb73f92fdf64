"""Centre roles: the strongest part each centre named in an item has in the item's work.

:func:`assign_roles` is a pure function of an item's text and its centre and proposer
mentions. It reads cue phrases around each mention and the layout it sits in, and gives
every centre one role (:data:`referatgraf.ontology.roles.ROLE_NAMES`, strongest first) with
the text that justifies it:

``proposer``
    the centre makes the item's recommendation ("X indstiller", found by the extractor);
``lead``
    the text gives it ownership of or responsibility for (part of) the work: anchoring
    ("forankres i X"), leading ("ledes af X", "X er projektejer", leaders "fra X"),
    doing ("X udarbejder …", "igangsætter X …", "X har modtaget tilbud"), tasking
    ("X skal …", "X bedes …", "de to centre sammen fremlægger …");
``involved``
    it takes part in work it does not lead ("med inddragelse af X", "i samarbejde med
    X", "X deltog", a steering group "bestående af … centercheferne for X, Y", staff
    "fra X", dialogue meetings with X, a task "håndteres i X" under another's lead);
``listed``
    it is only one entry of a mechanical enumeration covering many units: a run of
    :data:`LIST_MIN_UNITS` or more centres with no cue, an entry of a vertical list
    (bullets, each entry a few words) or of a table row, a distribution list;
``mentioned``
    anything else: background, history, an example ("fx", "for eksempel"), the source
    of a case ("sag fra X"), a need in the centre, a genitive ("SUOC's område").

Roles are decided from the one item's text, never from other items or from knowing which
centre does what. The rules are written from ``../shared/gold/ROLES.md``; they name
phrasings and layouts, not documents.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from referatgraf.extract.model import CentreRole, Mention, Record
from referatgraf.ontology.kinds import PROPOSERS
from referatgraf.ontology.roles import ROLE_NAMES, stronger

__all__ = ["LIST_MIN_UNITS", "MAX_QUOTE_WORDS", "annotate_roles", "assign_roles"]

#: A run of at least this many centres with no cue is a mechanical enumeration ("listed").
LIST_MIN_UNITS = 4
#: Entries a vertical list (bullets or short lines) needs to count as an enumeration.
LIST_MIN_ENTRIES = 3
#: Words an entry of a vertical list or a table cell may have and still be a bare entry.
LIST_ENTRY_MAX_WORDS = 8
#: Longest quote kept, in words (as the gold's quotes).
MAX_QUOTE_WORDS = 25

CENTRES = "centres"

# ---------------------------------------------------------------- words and cues

_W = r"[\wæøåÆØÅéÉ'’-]+"  # one word
#: Abbreviations whose full stop does not end a sentence (spaCy's Danish list has most).
_ABBREVIATIONS = frozenset(
    (
        "bl.a",
        "f.eks",
        "fx",
        "jf",
        "hhv",
        "ca",
        "evt",
        "pkt",
        "nr",
        "kl",
        "mio",
        "mia",
        "kr",
        "dvs",
        "mv",
        "inkl",
        "ekskl",
        "adm",
        "pga",
        "iht",
        "ift",
        "ifm",
        "ifbm",
        "ifht",
        "mht",
        "mhp",
        "vedr",
        "pr",
        "st",
        "tlf",
        "ang",
        "etc",
        "osv",
        "o.l",
        "ol",
        "jan",
        "feb",
        "mar",
        "apr",
        "aug",
        "sep",
        "sept",
        "okt",
        "nov",
        "dec",
        "m.fl",
        "mfl",
        "m.m",
        "mm",
        "el",
        "t.o.m",
        "f.o.m",
        "ex",
        "eks",
        "gl",
        "s",
        "stk",
        "ref",
    )
)

#: Verbs (stems with their forms) of doing, leading and tasking: a centre that is their
#: subject is ``lead``. Presenting and reporting ("gennemgik", "orienterer") are not here:
#: staff who present someone else's work are involved, not leading it.
_DOING = (
    r"udarbejd\w*|igangs[æa]t\w*|gennemfør\w*|lave[rt]?|lavede|st[åa]r\s+for|stod\s+for|"
    r"ha[rv]e?\s+(?:det\s+)?(?:overordnede\s+|fulde\s+)?ansvar(?:et)?\s+for|påtag\w*|"
    r"led(?:er|e|ede|es)|koordiner\w*|indhent\w*|fremlæg\w*|fremlagde|forelæg\w*|forelagde|"
    r"indarbejd\w*|arbejde[rt]?\s+videre|varetag\w*|varetog|afhold\w*|etabler\w*|"
    r"implementer\w*|udform\w*|formuler\w*|tilrettelæg\w*|planlæg\w*|afklar\w*|løfte[rt]?|"
    r"driv(?:er|e)|drev|tage[rt]?\s+initiativ|tog\s+initiativ|udpeg\w*|følge[rt]?\s+op|fulgte\s+op|"
    r"indb(?:yd|ød|udt)\w*|inviter\w*|udbyd\w*|udbød|indkøb\w*|indgå(?:r|et)?\s+aftale|"
    r"modtag(?:et|er)?\s+tilbud|iværks[æa]t\w*|opstart\w*|foretag\w*|validere[rt]?|"
    r"revider\w*|udfør\w*|analyser(?:er|ede|et)|undersøge[rt]?|undersøgte|beskriv(?:er|e)|"
    r"beskrev|sikre[rt]?|udvikle[rt]?|udviklede|håndtere[rt]?|håndterede"
)
#: Verbs of taking part: their subject is ``involved``.
_TAKING_PART = (
    r"deltag\w*|deltog|bidrag\w*|bidrog|medvirk\w*|indgå(?:r|et)?(?!\s+aftale)|"
    r"understøtte[rt]?|understøttede|bistå(?:r|et)?|bistod|hjælpe[rt]?|hjalp|"
    r"inddrages|involveres|(?:er|var|bliver|sidder|sad)\s+med\s+i|sidde[r]?\s+i|sad\s+i"
)
_ADVERBS = (
    r"(?:også|selv|nu|fortsat|derfor|allerede|sammen|snarest|løbende|desuden|endvidere|"
    r"hermed|herefter|efterfølgende|gerne|primært|især|hver|i\s+fællesskab|i\s+samarbejde)"
)
_AUX = r"(?:vil|kan|må|har|havde|er|blev|bliver|bør|skulle|kunne|ville|skal|bedes)"
#: Prepositions: a centre right after one is not the subject of the clause.
_PREPOSITIONS = frozenset(
    (
        "i",
        "på",
        "fra",
        "hos",
        "for",
        "med",
        "til",
        "af",
        "mellem",
        "om",
        "ved",
        "under",
        "over",
        "blandt",
        "inden",
        "via",
        "mod",
        "efter",
        "uden",
        "gennem",
        "hvor",
        "omkring",
        "end",
        "som",
    )
)
#: "fx", "for eksempel": an example, never the centre's part in the work (ROLES.md §3.8).
_EXAMPLE = re.compile(
    r"(?i)(?<![\w.])(?:fx\.?|f\.\s?eks\.?|for\s+eksempel|eksempelvis|som\s+eksempel)(?![\w])"
)

_TASKED_AFTER = re.compile(rf"(?i)^(?:\s*,?\s*{_ADVERBS}\b)*\s*(?:skal|bedes)\b")
_DOING_AFTER = re.compile(
    rf"(?i)^(?:\s*,?\s*(?:{_ADVERBS}|og)\b)*\s*(?:{_AUX}\s+(?:{_W}\s+){{0,6}}?)?(?:{_DOING})\b"
)
_TAKING_PART_AFTER = re.compile(
    rf"(?i)^(?:\s*[,/]?\s*(?:{_ADVERBS}|{_W})\b){{0,2}}?\s*(?:{_AUX}\s+(?:{_W}\s+){{0,3}}?)?(?:{_TAKING_PART})\b"
)
_OWNER_NOUN_AFTER = re.compile(
    rf"(?i)^\s*(?:er|var|bliver|blev|som)\s+(?:{_W}\s+)?(?:projektejer|projektleder|"
    r"hovedansvarlig|ansvarlig|tovholder|procesejer|ejer)\b"
)
_MANDATE_AFTER = re.compile(r"(?i)^(?:'s|’s|s)?\s+(?:rolle\s+og\s+)?ansvar\b")
_INVERTED_DOING_BEFORE = re.compile(rf"(?i)(?:^|[\s,])(?:{_DOING})\s+(?:hhv\.\s+)?$")
_INVERTED_TASKED_BEFORE = re.compile(r"(?i)(?:^|\s)(?:skal|bedes)\s+$")
_ANCHORED_BEFORE = re.compile(
    rf"(?i)\b(?:forankre\w*|forankring\w*|ansvar(?:et)?\s+(?:{_W}\s+){{0,2}}?(?:ligger|placeres|lægges))"
    rf"\s+(?:{_W}\s+){{0,2}}?(?:i|hos)\s+(?:hhv\.\s+)?$"
)
#: Passive verbs whose agent ("… af X") is not doing the work: support, approval, use,
#: presenting, being affected.
_NOT_AGENT = (
    r"understøtt|støtt|inspirer|efterspu?rg|spurg|bedt|hørt|præsenter|godkend|vedtag|ønsk|"
    r"anbefal|kommenter|drøft|berør|ramt|påvirk|omfatt|dækk|anvend|brug|benytt|kend|set|"
    r"modtag|sendt|nævnt|omtalt|foreslå"
)
_AGENT_BEFORE = re.compile(
    rf"(?i)(?<![\wæøå])(?!{_NOT_AGENT})({_W}(?:es|et|t))\s+(?:\w+\s+)?af\s+(?:hhv\.\s+)?$"
)
_LEADERS_FROM_BEFORE = re.compile(
    r"(?i)\b(?:leder(?:e|ne)?|ledelse(?:n)?|projektejer\w*)\s+(?:\([^)]{0,40}\)\s+)?fra\s+(?:hhv\.\s+)?$"
)
#: Cues before an enumeration of centres that make them ``involved`` (within a clause).
_INVOLVED_BEFORE = re.compile(
    r"(?i)\b(?:inddragelse\s+af|inddrage[rs]?|involvering\s+af|involvere[rs]?|"
    r"(?:tæt\s+)?samarbejde\s+(?:med|mellem)|sammen\s+med|(?:i\s+)?dialog(?:en)?\s+med|"
    r"dialogmøde\w*\s+med|møde[rt]?\w*\s+(?:med|mellem)|deltagelse\s+(?:af|fra)|"
    r"bestående\s+af|centerchef\w*\s+(?:for|fra|i)|centerledelse\w*\s+(?:for|fra|i)|"
    r"relevante\s+(?:fag)?centre|understøtte[st]?\s+af|bistand\s+fra|"
    r"(?:medarbejdere|årsværk|konsulenter|repræsentanter|deltagere|ressourcer)\s+"
    r"(?:\([^)]{0,40}\)\s+)?fra|besøg\w*\s+(?:hos|i)|håndteres\s+(?:i|hos)|"
    r"(?:styre|projekt|arbejds|følge|koordinations)gruppe\w*\s+(?:med|består\s+af))"
    rf"(?:\s+(?:{_W}|\(|:)){{0,6}}?[\s(:]*(?:hhv\.\s+)?$"
)
#: A lead-in before a colon that makes what follows on the line a list of one kind.
_COLON_LEAD = re.compile(
    r"(?i)\b(?P<involved>deltagere|deltager|deltog|deltagelse|inddrage[rs]?|inddragelse|"
    r"involvere[rs]?|styregruppe\w*|projektgruppe\w*|arbejdsgruppe\w*|følgegruppe\w*)\b"
    r"|\b(?P<lead>ansvarlig\w*|projektejer\w*|projektleder\w*|tovholder\w*)\b"
    r"|\b(?P<listed>kopi(?:\s+til)?|cc|fordeling\w*|modtagere|sendt\s+til|sendes\s+til)\b"
)
_SOURCE_BEFORE = re.compile(
    r"(?i)\b(?:sag|sagen|henvendelse|henvendelsen|forslag|ønske|input|oplæg|spørgsmål|"
    r"anmodning|bestilling)\s+fra\s+(?:hhv\.\s+)?$"
)
_ANAPHOR = re.compile(
    r"(?i)\b(?:de|begge)\s+(?:(?P<n>to|tre|fire|fem|seks|\d+)\s+)?(?:centre|centrer|parter)\b"
)
_NUMBERS = {"to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6}
_BACK_REFERENCE = re.compile(r"(?i)\b(?:ovenstående|ovennævnte|disse|de\s+nævnte)\b")
_BULLET = re.compile(r"[ \t]*(?:[-•·*–▪◦]|\d{1,2}[.)]|[a-zæøå][.)])[ \t]+")
_RUN_GAP = re.compile(r"^(?:\s|,|/|&|\(|\)|og\b|samt\b|eller\b|hhv\.|[A-ZÆØÅ]{2,6}\b)*$")


# ---------------------------------------------------------------- text units


def _ends_sentence(text: str, dot: int) -> bool:
    """Whether the ``.``, ``!`` or ``?`` at ``dot`` ends a sentence.

    >>> _ends_sentence("Det er bl.a. BYC.", 11), _ends_sentence("Godkendt. Her", 8)
    (False, True)
    """
    if text[dot] != ".":
        return True
    start = dot
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "."):
        start -= 1
    word = text[start:dot].lower()
    return not (word in _ABBREVIATIONS or word.isdigit() or len(word) <= 1)


def _clause(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """The sentence around ``start``–``end``: bounded by line breaks, tabs and sentence ends.

    >>> t = "Baggrund.\\nDet blev besluttet, at BYC skal udarbejde en synopsis. Godkendt."
    >>> s, e = _clause(t, 34, 37, 0, len(t)); t[s:e]
    'Det blev besluttet, at BYC skal udarbejde en synopsis.'
    """
    s = start
    while s > lo:
        c = text[s - 1]
        if c in "\n\t":
            break
        if (
            c in ".!?"
            and s < len(text)
            and text[s : s + 1].isspace()
            and _ends_sentence(text, s - 1)
        ):
            break
        s -= 1
    e = end
    while e < hi:
        c = text[e]
        if c in "\n\t":
            break
        if c in ".!?" and (e + 1 >= hi or text[e + 1].isspace()) and _ends_sentence(text, e):
            e += 1
            break
        e += 1
    while s < e and text[s].isspace():
        s += 1
    bullet = _BULLET.match(text, s, e)
    if bullet and bullet.end() < e:
        s = bullet.end()
    return s, e


def _line(text: str, pos: int, lo: int, hi: int) -> tuple[int, int]:
    s = text.rfind("\n", lo, pos) + 1 or lo
    s = max(s, lo)
    e = text.find("\n", pos, hi)
    return s, (hi if e < 0 else e)


def _words(text: str) -> int:
    return len(re.findall(r"[\wæøåÆØÅ]+", text))


def _quote(text: str, spans: Sequence[tuple[int, int]], focus: int) -> str:
    """The justifying text, whitespace normalised, at most :data:`MAX_QUOTE_WORDS` words
    (a window round ``focus`` when longer); pieces joined by "…".

    >>> _quote("a  b\\nc", [(0, 6)], 0)
    'a b c'
    """
    pieces = []
    budget = MAX_QUOTE_WORDS
    for s, e in reversed(spans):  # the last piece holds the mention: keep it whole
        bullet = _BULLET.match(text, s, e)
        if bullet and bullet.end() < e and s <= focus:
            s = bullet.end() if bullet.end() <= focus else s
        words = text[s:e].split()
        if len(words) > budget:
            if s <= focus < e:
                before = len(text[s:focus].split())
                first = max(0, min(before - budget // 2, len(words) - budget))
                words = words[first : first + budget]
            else:
                words = words[-budget:]
        budget -= len(words)
        pieces.append(" ".join(words))
        if budget <= 0:
            break
    return " … ".join(reversed([p for p in pieces if p]))


# ---------------------------------------------------------------- runs of centres


@dataclass(frozen=True, slots=True)
class _Run:
    """Centre mentions written as one enumeration ("FKC, TMC, DB og ØDC")."""

    mentions: tuple[Mention, ...]

    @property
    def start(self) -> int:
        return self.mentions[0].start

    @property
    def end(self) -> int:
        return self.mentions[-1].end

    @property
    def centres(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.key for m in self.mentions))


def _runs(text: str, mentions: Sequence[Mention]) -> list[_Run]:
    """Group centre mentions that only separators (commas, "og", unknown codes) part.

    >>> t = "inddrage følgende centre: FKC, TMC, DB og ØDC. Projektledelsen forankres i BYC"
    >>> ms = [Mention("centres", k, k, t.index(w), t.index(w) + len(w), "x")
    ...       for k, w in [("FKC", "FKC"), ("TMC", "TMC"), ("DRBY", "DB"), ("ØDC", "ØDC"), ("BYC", "BYC")]]
    >>> [r.centres for r in _runs(t, ms)]
    [('FKC', 'TMC', 'DRBY', 'ØDC'), ('BYC',)]
    """
    runs: list[list[Mention]] = []
    for m in sorted(mentions, key=lambda m: (m.start, m.end)):
        gap = text[runs[-1][-1].end : m.start] if runs else ""
        if runs and runs[-1][-1].end <= m.start and "\n" not in gap and _RUN_GAP.match(gap):
            runs[-1].append(m)
            continue
        if runs and m.start < runs[-1][-1].end:  # overlapping mentions: one place
            continue
        runs.append([m])
    return [_Run(tuple(r)) for r in runs]


# ---------------------------------------------------------------- candidates


@dataclass(frozen=True, slots=True)
class _Candidate:
    role: str
    cue: str
    spans: tuple[tuple[int, int], ...]
    mention: Mention


def _is_genitive(text: str, run: _Run) -> bool:
    last = run.mentions[-1]
    after = text[last.end : last.end + 2]
    return after[:2] in ("'s", "’s") or (
        last.text.endswith(("ets", "ens", "s'")) and len(last.text) > 4
    )


def _last_word(before: str) -> str:
    words = re.findall(r"[\wæøåÆØÅ.]+", before)
    return words[-1].lower() if words else ""


def _cue_role(text: str, run: _Run, clause: tuple[int, int]) -> tuple[str, str] | None:
    """(role, cue) that the words around an enumeration give it within its clause."""
    cs, ce = clause
    before = text[cs : run.start]
    after = text[run.end : ce]
    near = before[-160:]
    if _SOURCE_BEFORE.search(near):
        return "mentioned", "source"
    if _EXAMPLE.search(before):  # "fx", "for eksempel" before it: an example (§3.8)
        return None
    genitive = _is_genitive(text, run)
    if genitive:
        return ("lead", "mandate") if _MANDATE_AFTER.match(after) else None
    subject = _last_word(before) not in _PREPOSITIONS
    head = after[:120]
    if _ANCHORED_BEFORE.search(near):
        return "lead", "anchored"
    if _LEADERS_FROM_BEFORE.search(near):
        return "lead", "leaders-from"
    if _AGENT_BEFORE.search(near):
        return "lead", "agent"
    if subject:
        verb = _TASKED_AFTER.match(head) or _DOING_AFTER.match(head)
        if verb and not _EXAMPLE.search(head[: verb.end()]):
            return "lead", "tasked" if _TASKED_AFTER.match(head) else "doing"
        if _OWNER_NOUN_AFTER.match(head):
            return "lead", "owner-noun"
    if _INVERTED_TASKED_BEFORE.search(before) or _INVERTED_DOING_BEFORE.search(before):
        return "lead", "doing"
    if _INVOLVED_BEFORE.search(near):
        return "involved", "taking-part"
    verb = _TAKING_PART_AFTER.match(head[:80])
    if verb and not _EXAMPLE.search(head[: verb.end()]):
        return "involved", "taking-part"
    return None


def _colon_role(text: str, run: _Run, line: tuple[int, int]) -> tuple[str, str] | None:
    """The role a lead-in before a colon gives the rest of the line ("Deltagere: …")."""
    ls, _ = line
    head = text[ls : run.start]
    colon = head.find(":")
    if colon < 0:
        return None
    m = _COLON_LEAD.search(head[:colon])
    if m is None:
        return None
    role = m.lastgroup or ""
    return role, f"colon-{role}"


def _list_entry(text: str, pos: int, lo: int, hi: int) -> tuple[int, int] | None:
    """The vertical list block (bullet lines) that the line at ``pos`` is a short entry of."""
    ls, le = _line(text, pos, lo, hi)
    if not _BULLET.match(text, ls):
        return None
    entry = text[ls:le]
    entry_text = entry.split(":", 1)[-1] if ":" in entry else entry
    if _words(_BULLET.sub("", entry_text, count=1)) > LIST_ENTRY_MAX_WORDS:
        return None
    lines = _block(text, ls, lo, hi)
    if len(lines) < LIST_MIN_ENTRIES:
        return None
    return lines[0][0], lines[-1][1]


def _block(text: str, ls: int, lo: int, hi: int) -> list[tuple[int, int]]:
    """The bullet lines next to the line starting at ``ls`` (blank lines between allowed)."""
    lines = []
    pos = ls
    while pos > lo:  # go back to the first entry
        prev_end = pos - 1
        ps = text.rfind("\n", lo, prev_end)
        ps = lo if ps < 0 else ps + 1
        if not text[ps:prev_end].strip():
            if ps <= lo:
                break
            pos = ps
            continue
        if not _BULLET.match(text, ps):
            break
        pos = ps
    while pos < hi:
        le = text.find("\n", pos, hi)
        le = hi if le < 0 else le
        line = text[pos:le]
        if line.strip():
            if not _BULLET.match(line):
                break
            lines.append((pos, le))
        pos = le + 1
    return lines


def _table_cell(text: str, pos: int, lo: int, hi: int) -> bool:
    """Whether ``pos`` sits in a short cell of a table row (a line with tab-separated cells)."""
    ls, le = _line(text, pos, lo, hi)
    row = text[ls:le]
    if "\t" not in row:
        return False
    s = text.rfind("\t", ls, pos)
    e = text.find("\t", pos, le)
    cell = text[(ls if s < 0 else s + 1) : (le if e < 0 else e)]
    return _words(cell) <= LIST_ENTRY_MAX_WORDS // 2 + 2


def _forward_link(text: str, block_end: int, hi: int) -> tuple[int, int] | None:
    """The sentence right after a list that hands "the above" on as work ("skal … igen")."""
    pos = block_end
    while pos < hi and text[pos].isspace():
        pos += 1
    if pos >= hi:
        return None
    s, e = _clause(text, pos, pos + 1, pos, hi)
    sentence = text[s:e]
    if _BACK_REFERENCE.search(sentence) and re.search(r"(?i)\bskal\b", sentence):
        return s, e
    return None


def _anaphora(
    text: str, runs: Sequence[_Run], lo: int, hi: int
) -> list[tuple[_Run, tuple[int, int], tuple[int, int]]]:
    """Runs that a later "de to centre … <verb>" takes up: (run, its clause, the anaphor's)."""
    out = []
    for m in _ANAPHOR.finditer(text, lo, hi):
        clause = _clause(text, m.start(), m.end(), lo, hi)
        after = text[m.end() : clause[1]][:120]
        if not (_DOING_AFTER.match(after) or _TASKED_AFTER.match(after)):
            continue
        wanted = _NUMBERS.get((m["n"] or "").lower()) or (
            int(m["n"]) if (m["n"] or "").isdigit() else None
        )
        # the nearest run before it, in its own clause or the sentence before, of the right size
        for run in sorted((r for r in runs if r.end <= m.start()), key=lambda r: -r.start):
            if len(run.centres) < 2 or (wanted and len(run.centres) != wanted):
                continue
            run_clause = _clause(text, run.start, run.end, lo, hi)
            line_break = "\n" in text[run_clause[1] : clause[0]]
            if run_clause[0] < clause[0] and line_break:
                break
            out.append((run, run_clause, clause))
            break
    return out


def _pieces(a: tuple[int, int], b: tuple[int, int]) -> tuple[tuple[int, int], ...]:
    if a[1] >= b[0] and a[0] <= b[1]:
        return ((min(a[0], b[0]), max(a[1], b[1])),)
    return (a, b) if a[0] < b[0] else (b, a)


def _candidates(text: str, mentions: Sequence[Mention], lo: int, hi: int) -> list[_Candidate]:
    out: list[_Candidate] = []
    runs = _runs(text, mentions)
    for run in runs:
        clause = _clause(text, run.start, run.end, lo, hi)
        line = _line(text, run.start, lo, hi)
        found = _colon_role(text, run, line)
        span = (line[0], line[1]) if found else clause
        if found is None or found[0] == "listed":
            cue = _cue_role(text, run, clause)
            if cue is not None:
                found, span = cue, clause
        if found is None:
            block = _list_entry(text, run.start, lo, hi)
            if block is not None:
                link = _forward_link(text, block[1], hi)
                if link is not None:
                    found, span = ("involved", "list-handed-on"), None
                    for m in run.mentions:
                        ml = _line(text, m.start, lo, hi)
                        out.append(_Candidate("involved", "list-handed-on", _pieces(ml, link), m))
                    continue
                found, span = ("listed", "vertical-list"), _line(text, run.start, lo, hi)
            elif _table_cell(text, run.start, lo, hi):
                found, span = ("listed", "table"), _line(text, run.start, lo, hi)
            elif len(run.centres) >= LIST_MIN_UNITS and not _EXAMPLE.search(
                text[clause[0] : run.start]
            ):
                found = ("listed", "enumeration")
        role, cue = found or ("mentioned", "mentioned")
        for m in run.mentions:
            out.append(_Candidate(role, cue, (span,), m))
    for run, run_clause, anaphor_clause in _anaphora(text, runs, lo, hi):
        for m in run.mentions:
            out.append(_Candidate("lead", "joint", _pieces(run_clause, anaphor_clause), m))
    return out


def _proposer_candidates(
    text: str, mentions: Sequence[Mention], centres: set[str], lo: int, hi: int
) -> list[_Candidate]:
    out = []
    for m in mentions:
        if m.type == PROPOSERS and m.key in centres:
            s, e = _clause(text, m.start, m.end, lo, hi)
            out.append(_Candidate("proposer", "indstiller", ((s, e),), m))
    return out


# ---------------------------------------------------------------- the function


def assign_roles(
    text: str, mentions: Iterable[Mention], *, start: int = 0, end: int | None = None
) -> tuple[CentreRole, ...]:
    """Each centre's strongest role in one item, with the span that justifies it.

    Parameters
    ----------
    text
        The text the mentions' offsets refer to (a record's text, or the item's own).
    mentions
        The item's mentions; those of type ``centres`` (key = centre code) and the
        ``proposers`` whose key is one of those centres are read, the rest ignored.
    start, end
        The item's span in ``text`` (default: all of it); no cue is read outside it.

    Returns
    -------
    tuple of CentreRole
        One per centre, in order of the centre's first mention.

    Examples
    --------
    >>> t = ("Projektledelsen forankres i BYC. Arbejdet sker med inddragelse af "
    ...      "relevante centre (FKC og TMC). Erfaringer fra SUOC's område.")
    >>> ms = [Mention("centres", k, k, t.index(k), t.index(k) + len(k), "x")
    ...       for k in ("BYC", "FKC", "TMC", "SUOC")]
    >>> [(r.centre, r.role, r.cue) for r in assign_roles(t, ms)]
    [('BYC', 'lead', 'anchored'), ('FKC', 'involved', 'taking-part'), ('TMC', 'involved', 'taking-part'), ('SUOC', 'mentioned', 'mentioned')]
    >>> assign_roles(t, ms)[0].quote
    'Projektledelsen forankres i BYC.'
    """
    end = len(text) if end is None else end
    mentions = [m for m in mentions if start <= m.start and m.end <= end]
    centre_mentions = [m for m in mentions if m.type == CENTRES]
    centres = {m.key for m in centre_mentions}
    best: dict[str, _Candidate] = {}
    candidates = _proposer_candidates(text, mentions, centres, start, end)
    candidates += _candidates(text, centre_mentions, start, end)
    for c in candidates:
        held = best.get(c.mention.key)
        if held is None or stronger(c.role, held.role):
            best[c.mention.key] = c
    first = {}
    for m in sorted(centre_mentions, key=lambda m: m.start):
        first.setdefault(m.key, m.start)
    out = []
    for centre in sorted(best, key=lambda k: first.get(k, 0)):
        c = best[centre]
        out.append(
            CentreRole(
                centre=centre,
                role=c.role,
                cue=c.cue,
                spans=c.spans,
                mention_start=c.mention.start,
                mention_end=c.mention.end,
                quote=_quote(text, c.spans, c.mention.start),
            )
        )
    assert all(r.role in ROLE_NAMES for r in out)
    return tuple(out)


def annotate_roles(record: Record) -> Record:
    """The record with every item's centre roles filled (items without centres get none)."""
    items = tuple(
        dataclasses.replace(
            item, roles=assign_roles(record.text, item.mentions, start=item.start, end=item.end)
        )
        for item in record.items
    )
    return dataclasses.replace(record, items=items)
