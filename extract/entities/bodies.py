"""Bodies: political and management bodies, fora, networks, steering groups, units.

The profile's standing bodies come from the gazetteer; the political bodies (council,
magistrate, committees, statutory councils, MED) are found by :mod:`extract.entities.councils`;
these rules find the rest by their form: "-forum", "-netværket", management
groups ("-chefgruppen"), "Team …", taskforces, "-enheden", "-afdelingen" and steering
groups ("Styregruppen for …"; a bare "styregruppen" is named after the sub-heading it
stands under).
"""

from __future__ import annotations

import bisect
import re

from referatgraf.extract.entities.councils import find_councils
from referatgraf.extract.entities.lexicons import common_words
from referatgraf.extract.entities.text import (
    GENERIC_HEADING,
    UPPER,
    SpanIndex,
    capitalise,
    keyword_matches,
    noun_phrase,
    subheadings,
)
from referatgraf.extract.model import Mention

__all__ = ["find_bodies", "steering_group_name"]

_L = "a-zæøåéü"
_FORUM = re.compile(
    rf"(?<![\w-])((?:[{UPPER}{_L}]+- og )?[{UPPER}{_L}]{{3,}}forum)(?:s|met|mets|møder?|"
    r"mødet|seminar|seminaret)?(?![\w-])"
)
_NETWORK = re.compile(rf"(?<![\w-])([{UPPER}{_L}]{{4,}}netværk)(?:et|ets)?(?![\w-])")
_GROUP = re.compile(
    rf"(?<![\w-])([{UPPER}{_L}]*(?:chef|leder|direktør)gruppe)(?:n|ns)?(?![\w-])"
    r"((?: på [\d-]+ års ?området))?"
)
_TEAM = re.compile(rf"(?<![\w-])Team ([{UPPER}{_L}]+(?: og [{_L}{UPPER}]+)?)")
_TASKFORCE = re.compile(r"(?i)(?<![\w-])taskforce? for ")
_TASKFORCE_COMPOUND = re.compile(rf"(?<![\w-])([{UPPER}{_L}]{{3,}})-[Tt]askforcen?s?(?![\w-])")
_CIRCLE = re.compile(r"(?i)(?<![\w-])erfa(?:rings)?-?kreds(?:en)? for ")
_UNIT = re.compile(rf"(?<![\w-])([{UPPER}][{_L}]{{2,}}enhed)(?:en|ens)(?![\w-])")
_DEPARTMENT = re.compile(rf"(?<![\w-])([{UPPER}{_L}]{{2,}}-?afdeling)(?:en|ens)(?![\w-])")
_STEERING_NAMED = re.compile(
    r"(?i)(?<![\w-])(?:projekt|program)?styregrupp(?:e|en|ens)\s+(?:for|om|vedr\.|vedrørende)\s+"
)
_STEERING_BARE = re.compile(r"(?<![\w-])(?:[Ss]tyregrupp(?:en|ens)|[Ss]tyregruppemødet?)(?![\w-])")
_STEERING_A = re.compile(r"\b(?:nedsat|etableret) en styregruppe\b")
_STEERING_ADJ = re.compile(r"\ben ([a-zæøå]{4,}) styregruppe\b")
_HEADING_PREFIX = re.compile(
    r"(?i)^(?:status på |strategi for |arbejdet med (?:en |et )?|ny |nyt |nye )"
)


def steering_group_name(heading: str) -> str | None:
    """The steering group a sub-heading names, or None for a generic heading.

    Examples
    --------
    >>> steering_group_name("Status på velfærdsteknologi")
    'Styregruppen for velfærdsteknologi'
    >>> steering_group_name("UTA – implementering af nye handleplan")
    'Styregruppen for UTA'
    >>> steering_group_name("Ny frivillighedspolitik")
    'Styregruppen for frivillighedspolitikken'
    >>> steering_group_name("Principper for opfølgning på effekter") is None
    True
    """
    if (
        GENERIC_HEADING.match(heading)
        or heading[:1].isdigit()
        or ":" in heading
        or "|" in heading
        or "styregrupp" in heading.lower()
    ):
        return None
    name = re.split(r"\s+[-–]\s+", heading)[0].strip()
    name = _HEADING_PREFIX.sub("", name)
    if not name or len(name.split()) > 5:
        return None
    if not name[:2].isupper():
        name = name[0].lower() + name[1:]
    if name.endswith("politik"):
        name += "ken"
    elif name.endswith("strategi"):
        name += "en"
    return f"Styregruppen for {name}"


def find_bodies(
    text: str,
    *,
    low: str | None = None,
    section_starts: tuple[int, ...] = (),
) -> list[Mention]:
    """Body mentions in one item's ``text``.

    ``low`` is ``text.lower()`` when the caller has it. ``section_starts`` are the offsets of the item's standard section headings; a bare
    "styregruppen" only takes the name of a sub-heading in its own section.

    Examples
    --------
    >>> t = ("Drøftes i Børne- og ungelederforum og § 17.4 udvalget, med "
    ...      "programledernetværket og Team strategi og udvikling.\\n\\nStatus på "
    ...      "velfærdsteknologi\\n\\nStyregruppen udarbejder strategi.")
    >>> [m.key for m in find_bodies(t)]  # doctest: +NORMALIZE_WHITESPACE
    ['Børne- og ungelederforum', '§ 17.4-udvalget', 'Programledernetværket',
     'Team Strategi og Udvikling', 'Styregruppen for velfærdsteknologi']
    """
    low = text.lower() if low is None else low
    out: list[Mention] = []

    def add(key: str, start: int, end: int, rule: str) -> None:
        out.append(Mention("bodies", key, text[start:end], start, end, rule))

    def scan(rx: re.Pattern[str], *keywords: str, back: int = 0) -> list[re.Match[str]]:
        return keyword_matches(rx, text, low, keywords, back=back)

    out += find_councils(text, low=low)
    for m in scan(_FORUM, "forum", back=2):
        add(capitalise(m.group(1)), m.start(), m.end(), "forum")
    for m in scan(_NETWORK, "netværk"):
        add(capitalise(m.group(1)) + "et", m.start(), m.end(), "network")
    for m in scan(_GROUP, "gruppe"):
        add(capitalise(m.group(1)) + "n" + (m.group(2) or ""), m.start(), m.end(), "group")
    for m in keyword_matches(_TEAM, text, text, ("Team ",)):
        words = [w if w == "og" else capitalise(w) for w in m.group(1).split()]
        add("Team " + " ".join(words), m.start(), m.end(), "team")
    for m in scan(_TASKFORCE_COMPOUND, "-taskforce"):
        add(f"{capitalise(m.group(1))}-Taskforcen", m.start(), m.end(), "taskforce")
    for m in scan(_CIRCLE, "kreds"):
        phrase, end = noun_phrase(text, m.end())
        if phrase:
            add(f"Erfa-kreds for {phrase}", m.start(), end, "network")
    for m in scan(_TASKFORCE, "taskforc"):
        phrase, end = noun_phrase(text, m.end())
        if phrase:
            add(f"Taskforce for {phrase}", m.start(), end, "taskforce")
    for m in scan(_UNIT, "enhed"):
        if m.group(1).lower() not in common_words():  # "Beliggenheden" is no unit
            add(m.group(1) + "en", m.start(), m.end(), "unit")
    for m in scan(_DEPARTMENT, "afdeling"):
        if m.group(1).lower().startswith("magistrats"):
            continue  # a top-level unit ("Magistratsafdelingen for …"), read with the centres
        prefix, _, rest = m.group(1).rpartition("-")
        name = (
            f"{prefix.upper() if len(prefix) <= 3 else capitalise(prefix)}-{rest}"
            if prefix
            else capitalise(rest)
        )
        add(name + "en", m.start(), m.end(), "department")
    named_spans = []
    for m in scan(_STEERING_NAMED, "styregrupp"):
        phrase, end = noun_phrase(text, m.end())
        if phrase:
            add(f"Styregruppen for {phrase}", m.start(), end, "steering-group")
            named_spans.append((m.start(), end))
    for m in scan(_STEERING_ADJ, " styregruppe", back=2):
        if m.group(1) not in ("ny", "egen", "fælles", "samlet"):
            add(f"{capitalise(m.group(1))} styregruppe", m.start(), m.end(), "steering-group")
    named_mentions = [
        x for x in out if x.rule == "steering-group" and x.key.startswith("Styregruppen")
    ]
    named = {re.sub(r"\s*\(.*\)$", "", x.key).lower(): x.key for x in named_mentions}
    headings = subheadings(text)
    heading_starts = [s for s, _ in headings]
    named_index = SpanIndex(named_spans)
    named_starts = sorted(x.start for x in named_mentions)
    sections = sorted(section_starts)
    for m in (*scan(_STEERING_BARE, "styregrupp"), *scan(_STEERING_A, "en styregruppe", back=2)):
        at = m.start()
        if named_index.overlaps(at, at + 1):
            continue
        k = bisect.bisect_right(sections, at)
        floor = sections[k - 1] if k else 0
        h = bisect.bisect_left(heading_starts, at)  # headings before ``at``: [0, h)
        block = headings[h - 1] if h and heading_starts[h - 1] >= floor else None
        name = steering_group_name(block[1]) if block else None
        block_start = block[0] if block else floor
        after = bisect.bisect_right(heading_starts, at)
        nxt = heading_starts[after] if after < len(heading_starts) else len(text)
        first_named = bisect.bisect_left(named_starts, block_start)
        named_here = first_named < len(named_starts) and named_starts[first_named] < nxt
        if name and not named_here:
            add(name, m.start(), m.end(), "steering-group/heading")
        elif len(named) == 1:
            add(next(iter(named.values())), m.start(), m.end(), "steering-group/named")
    return sorted(out, key=lambda x: x.start)
