"""Political bodies found by their form, in any municipality.

* the council ("Byrådet", "byrådets", "Aarhus Byråd", "Byråd 2022-2025", "Kommunalbestyrelsen",
  "Borgerrepræsentationen") and the magistrate ("Magistraten");
* standing committees: compounds on "-udvalget" ("Klima-, Teknik- og Miljøudvalget",
  "økonomiudvalgets", "IT-udvalget"), "Udvalget for plan, udvikling og kultur", adjective
  forms ("Teknisk Udvalg"), "§ 17.4-udvalget";
* statutory and advisory councils ("Handicaprådet", "Greve Handicapråd", "seniorrådet");
* the MED organisation ("HovedMED", "Hoved-MED", "MED-udvalget", "MED-organisationen");
* the executive management ("Direktionen").

Names broken over a line end are read whole; keys use single spaces. Generic plurals
("fagudvalgene") and generic committees ("ansættelsesudvalget") are not bodies.
"""

from __future__ import annotations

import re

from referatgraf.extract.entities.initials import abbreviations_of
from referatgraf.extract.entities.text import UPPER, capitalise, keyword_matches
from referatgraf.extract.model import Mention

__all__ = ["committee_abbreviations", "find_councils", "meeting_body_keys"]

_L = "a-zæøåéü"
_PARAGRAPH_COMMITTEE = re.compile(r"§ ?(\d+(?:\.\d+|, stk\. \d+)?)[- ]udvalg(?:et|ets)?\b")
_CONJUNCT = (
    rf"(?!(?:med|som|der|den|det|dem|at|til|fra|for|hvor|samt|men|og|i|på)\b)[{UPPER}{_L}][{_L}-]+"
)
_UDVALGET_FOR = re.compile(
    rf"(?<![\w-])Udvalget(?:s)? for ({_CONJUNCT}(?:(?:,\s|\sog\s|\s&\s){_CONJUNCT})*)"
    rf"(\s\(([{UPPER}]{{2,6}})\))?"
)
_ADJECTIVE_COMMITTEE = re.compile(
    rf"(?<![\w-])([{UPPER}][{_L}]+(?:isk|sk|lt|igt|ig)) Udvalg(?:s|et|ets)?(?![\w-])"
)
_COUNCIL = re.compile(
    r"(?<![\w-])(?:[Bb]yråd(?:et|ets|s)?|[Bb]yrådsmøde(?:t|ts|r|rne)?|[Bb]yrådsseminar(?:et)?"
    r"|[Kk]ommunalbestyrelse(?:n|ns)|[Kk]ommunalbestyrelsesmøde(?:t|r)?"
    r"|Borgerrepræsentationen(?:s)?)(?![\w-])"
)
_MAGISTRATE = re.compile(r"(?<![\w-])[Mm]agistrat(?:en|ens|smødet?)(?![\w-])")
_DIRECTORATE = re.compile(r"(?<![\w-])[Dd]irektion(?:en|ens)(?![\w-])")
_STATUTORY = re.compile(
    rf"(?<![\w-])((?:[{UPPER}][{_L}]*-\s(?:og|&)\s[{UPPER}{_L}][{_L}]*|[{UPPER}][{_L}]+)(?<!om)råd)(et|ets|s)?(?![\w-])"
)
_STATUTORY_LOWER = re.compile(
    r"(?<![\w-])(handicap|senior|ældre|integrations|udsatte|ungdoms|unge)råd(?:et|ets)(?![\w-])"
)
_MED = re.compile(
    r"(?<![\w-])(?:(Hoved|Område|Center|Lokal|Fælles|Sektor|Afdelings)-?)?MED"
    r"(?:-(udvalg(?:et|ets)?|organisation(?:en|ens)?|struktur(?:en)?|system(?:et)?|fora|høring(?:en)?))?"
    r"(?![\w-])"
)
#: Compounds on "-udvalg" that name a kind of committee, not one committee.
_GENERIC_COMMITTEES = frozenset(
    ["fag", "ansættelses", "under", "bedømmelses", "sær", "ad hoc", "stående", "nyt", "nye"]
)
#: Compounds on "-råd" that are no council of the municipality (or are found elsewhere).
_NOT_COUNCILS = frozenset(
    [
        "by",
        "regions",
        "fælles",
        "kommunekontakt",
        "menigheds",
        "sogne",
        "skole",
        "elev",
        "forældre",
        "bestyrelses",
        "forbruger",
        "frilufts",
        "konkurrence",
        "lokal",
        "sygeplejer",
        "sygepleje",
        "minister",
        "ministers",
        "klima",
        "børne",
        "samråd",
        "bruger",
        "kunst",
        "sam",
    ]
)


_HEAD = re.compile(rf"([{UPPER}{_L}]*?|[{UPPER}]{{2,}}-)(udvalg)(et|ets|s)?(?![\w-])")
#: The coordinated words before a compound ("Klima-, Teknik- og ", "Kultur - og ", "Skole-,
#: Børne-, og "), read backwards from the compound; sloppy punctuation is common.
_WORD = rf"[{UPPER}][{_L}]+"
_SP = r"[ \t]*(?:\n[ \t]*)?"  # spaces and at most one line break
_COORDINATION = re.compile(
    rf"((?:{_WORD}(?:-,?|{_SP}[-–]{_SP},?|,{_SP}-?){_SP})*{_WORD}(?:-|{_SP}[-–]|-,|,)?{_SP}(?:og|&){_SP})$"
)
_COORDINATION_LOWER = re.compile(rf"((?:[{_L}]+-,{_SP})*[{_L}]+-{_SP}(?:og|&){_SP})$")
_CONJUNCT = re.compile(rf"[{UPPER}{_L}][{_L}]+|og|&|-|–")


def coordinated(text: str, start: int, *, lower: bool = False) -> tuple[int, list[str]]:
    """The words coordinated with the compound starting at ``start``, and where they start.

    A word written without a hyphen must be a stem ("Kultur og Fritidsudvalget"), not a
    definite noun ("Byrådet og Økonomiudvalget" coordinates nothing).

    >>> t = "i Klima-, Teknik og Miljøudvalget og Byrådet og Økonomiudvalget"
    >>> coordinated(t, t.index("Miljø"))
    (2, ['Klima', 'Teknik'])
    >>> coordinated(t, t.index("Økonomi")) == (t.index("Økonomi"), [])
    True
    """
    window = text[max(0, start - 120) : start]
    m = (_COORDINATION_LOWER if lower else _COORDINATION).search(window)
    if not m:
        return start, []
    base = max(0, start - 120) + m.start(1)
    tokens = list(_CONJUNCT.finditer(m.group(1)))
    words: list[tuple[str, int, bool]] = []  # (word, offset, written with a hyphen)
    for k, tok in enumerate(tokens):
        if tok.group() in ("og", "&", "-", "–"):
            continue
        hyphen = k + 1 < len(tokens) and tokens[k + 1].group() in ("-", "–")
        words.append((tok.group(), base + tok.start(), hyphen))
    for k, (word, _, hyphen) in enumerate(words):
        if not hyphen and (word.endswith(("et", "en", "ne", "ets", "ens")) or len(word) > 14):
            words = words[k + 1 :]  # "Byrådet og": not a conjunct; start after it
            break
    if not words:
        return start, []
    return words[0][1], [w for w, _, _ in words]


def _committee_key(conjuncts: list[str], stem: str) -> str:
    """The official spelling: "Klima-, Teknik- og Miljøudvalget"; lower-case text gets
    capitals ("teknik- og miljøudvalg" → "Teknik- og Miljøudvalget").

    >>> _committee_key(["Klima", "Teknik"], "Miljøudvalg"), _committee_key([], "IT-udvalg")
    ('Klima-, Teknik- og Miljøudvalget', 'IT-udvalget')
    """
    head = capitalise(stem) + "et"
    if not conjuncts:
        return head
    words = [capitalise(w) for w in conjuncts]
    listed = ", ".join(f"{w}-" for w in words[:-1])
    return (listed + ", " if listed else "") + f"{words[-1]}- og {head}"


def find_councils(
    text: str, *, low: str | None = None, only_committees: bool = False
) -> list[Mention]:
    r"""Political-body mentions in one item's ``text`` (with ``only_committees``, the
    committees alone).

    Examples
    --------
    >>> t = ("Sagen går via Klima-, Teknik- og\nMiljøudvalget og økonomiudvalget til Byrådet; "
    ...      "Udvalget for plan, udvikling og kultur (PUK), Teknisk Udvalg, Magistraten, "
    ...      "Greve Handicapråd, HovedMED og fagudvalgene.")
    >>> [m.key for m in find_councils(t)]  # doctest: +NORMALIZE_WHITESPACE
    ['Klima-, Teknik- og Miljøudvalget', 'Økonomiudvalget', 'Byrådet',
     'Udvalget for plan, udvikling og kultur', 'Udvalget for plan, udvikling og kultur',
     'Teknisk Udvalg', 'Magistraten', 'Handicaprådet', 'HovedMED']
    """
    low = text.lower() if low is None else low
    out: list[Mention] = []

    def add(key: str, start: int, end: int, rule: str) -> None:
        out.append(Mention("bodies", key, text[start:end], start, end, rule))

    for m in keyword_matches(_HEAD, text, low, ("udvalg",)):
        prefix = m.group(1).rstrip("-")
        if not prefix or prefix.lower() in _GENERIC_COMMITTEES:
            continue
        lower = prefix.islower()
        start, conjuncts = coordinated(text, m.start(), lower=lower)
        if lower and not conjuncts and prefix != "økonomi":
            continue  # a lower-case compound alone is a kind of committee, not a name
        add(_committee_key(conjuncts, m.group(1) + "udvalg"), start, m.end(), "committee")
    for m in keyword_matches(_PARAGRAPH_COMMITTEE, text, text, ("§",)):
        add(f"§ {m.group(1)}-udvalget", m.start(), m.end(), "committee")
    for m in keyword_matches(_UDVALGET_FOR, text, text, ("Udvalget",)):
        phrase = " ".join(m.group(1).split())
        if phrase.split()[0].lower() in (
            "at",
            "den",
            "det",
            "de",
            "en",
            "et",
            "sin",
            "sit",
            "nuværende",
        ):
            continue
        add(f"Udvalget for {phrase}", m.start(), m.end(1), "committee/for")
        if m.group(3):
            add(f"Udvalget for {phrase}", m.start(3), m.end(3), "committee/defined")
    for m in keyword_matches(_ADJECTIVE_COMMITTEE, text, text, (" Udvalg",), back=1):
        add(f"{m.group(1)} Udvalg", m.start(), m.end(), "committee/adjective")
    if only_committees:
        return sorted(out, key=lambda x: x.start)
    for m in keyword_matches(
        _COUNCIL, text, low, ("byråd", "kommunalbestyrelse", "borgerrepræsentation")
    ):
        word = m.group().lower()
        key = (
            "Kommunalbestyrelsen"
            if word.startswith("kommunal")
            else "Borgerrepræsentationen"
            if word.startswith("borger")
            else "Byrådet"
        )
        add(key, m.start(), m.end(), "council")
    for m in keyword_matches(_MAGISTRATE, text, low, ("magistrat",)):
        add("Magistraten", m.start(), m.end(), "magistrate")
    for m in keyword_matches(_DIRECTORATE, text, low, ("direktion",)):
        add("Direktionen", m.start(), m.end(), "management")
    for m in keyword_matches(_STATUTORY, text, low, ("råd",), back=3):
        stem = " ".join(m.group(1).split())
        prefix = stem[: -len("råd")].lower()
        if (
            prefix in _NOT_COUNCILS
            or len(prefix) < 3
            or not (m.group(2) or _after_place(text, m.start()))
        ):
            continue
        add(capitalise(stem) + "et", m.start(), m.end(), "council/statutory")
    for m in keyword_matches(_STATUTORY_LOWER, text, text, ("råd",)):
        add(capitalise(m.group(1)) + "rådet", m.start(), m.end(), "council/statutory")
    for m in keyword_matches(_MED, text, text, ("MED",), back=1):
        add(_med_key(m.group(1), m.group(2)), m.start(), m.end(), "med")
    return sorted(out, key=lambda x: x.start)


def _after_place(text: str, start: int) -> bool:
    """ "Greve Handicapråd": an indefinite council name after a capitalised place name."""
    return bool(re.search(rf"[{UPPER}][{_L}]+ $", text[max(0, start - 30) : start]))


def _med_key(level: str | None, part: str | None) -> str:
    """Canonical name of a MED form.

    >>> _med_key("Hoved", None), _med_key(None, "udvalget"), _med_key(None, "strukturen")
    ('HovedMED', 'MED-udvalget', 'MED-struktur')
    >>> _med_key(None, None), _med_key(None, "høring")
    ('MED-organisationen', 'MED-organisationen')
    """
    if level:
        return f"{level}MED"
    if part and part.startswith("udvalg"):
        return "MED-udvalget"
    if part and part.startswith("struktur"):
        return "MED-struktur"
    return "MED-organisationen"


_COUNCIL_KEYS = frozenset(["byrådet", "kommunalbestyrelsen", "borgerrepræsentationen"])


def meeting_body_keys(body: str) -> frozenset[str]:
    """Keys under which the meeting's own body appears (lower case): never listed.

    >>> sorted(meeting_body_keys("Byråd 2022-2025"))
    ['borgerrepræsentationen', 'byråd 2022-2025', 'byrådet', 'kommunalbestyrelsen']
    >>> sorted(meeting_body_keys("Udvalget for plan, udvikling og kultur (PUK)"))  # doctest: +NORMALIZE_WHITESPACE
    ['puk', 'udvalget for plan, udvikling og kultur',
     'udvalget for plan, udvikling og kultur (puk)']
    """
    keys = {body.lower().strip()}
    plain = re.sub(r"\s*\(([A-ZÆØÅ]{2,6})\)\s*$", "", body).strip()
    defined = re.search(r"\(([A-ZÆØÅ]{2,6})\)\s*$", body)
    if defined:
        keys.add(defined.group(1).lower())
    keys.add(plain.lower())
    keys.update(m.key.lower() for m in find_councils(plain))
    if re.fullmatch(r"(?i)(?:[\w-]+ )?byråd(?:et)?(?: \d{4}-\d{4})?", plain):
        keys.add("byrådet")
    if keys & _COUNCIL_KEYS:  # the council is also "kommunalbestyrelsen" in its own minutes
        keys |= _COUNCIL_KEYS
    return frozenset(k for k in keys if k)


_ABBREVIATION = re.compile(rf"(?<![\w-])([{UPPER}]{{2,6}})(?:s|'s|’s)?(?![\w-])")


def committee_abbreviations(text: str) -> dict[str, str]:
    """Abbreviations a document uses for its committees: defined in parentheses ("Udvalget
    for plan, udvikling og kultur (PUK)") or formed from the initials of exactly one
    committee the document names ("KTMU", "ØU").

    >>> t = "Klima-, Teknik- og Miljøudvalget og Økonomiudvalget; på KTMU og i ØU. IT og KL."
    >>> committee_abbreviations(t)
    {'KTMU': 'Klima-, Teknik- og Miljøudvalget', 'ØU': 'Økonomiudvalget'}
    """
    found = find_councils(text, only_committees=True)
    out: dict[str, str] = {}
    names = list(dict.fromkeys(m.key for m in found if "udvalg" in m.key.lower()))
    for m in found:
        if m.rule == "committee/defined":
            out[m.text] = m.key
    used = {a.group(1) for a in _ABBREVIATION.finditer(text)} - set(out)
    fits: dict[str, list[str]] = {}
    for name in names:  # the abbreviations a name can have, looked up: linear
        for abbr in sorted(used & abbreviations_of(name, ("udvalget", "Udvalget", "Udvalg"))):
            fits.setdefault(abbr, []).append(name)
    for abbr, cands in fits.items():
        if len(cands) == 1:
            out[abbr] = cands[0]
    return out
