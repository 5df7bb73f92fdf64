"""Public authorities found by their form (the known ones also come from the gazetteer).

* ministries, agencies, boards of appeal, directorates and inspectorates, also coordinated
  ("Klima-, Energi- og Forsyningsministeriet") and with "for" ("Styrelsen for Arbejdsmarked og
  Rekruttering", "Ministeriet for Børn, Undervisning og Ligestilling");
* boards: "Planklagenævnet", "Huslejenævnet";
* the police: "Østjyllands Politi", "Midt- og Vestsjællands Politi", "politiet";
* other municipalities in a list: "Roskilde, Køge og Solrød kommuner".

The own municipality is never an organisation; the caller passes its names.
"""

from __future__ import annotations

import re

from referatgraf.extract.entities.denmark import municipalities
from referatgraf.extract.entities.text import UPPER, keyword_matches
from referatgraf.extract.model import Mention

__all__ = ["find_authorities"]

_L = "a-zæøåéü"
_HEADS = r"ministeriet|styrelsen|nævnet|direktoratet|tilsynet"
_COORDINATED = re.compile(
    rf"(?<![\w-])((?:[{UPPER}][{_L}]*-,\s)*[{UPPER}][{_L}]*-\s(?:og|&)\s[{UPPER}{_L}][{_L}]*(?:{_HEADS}))(?:s)?(?![\w-])"
)
_FOR = re.compile(
    rf"(?<![\w-])((?:Ministeriet|Styrelsen|Klagenævnet|Nævnet|Direktoratet) for "
    rf"[{UPPER}][{_L}]+(?:, [{UPPER}{_L}][{_L}]+)*(?: og [{UPPER}{_L}][{_L}]+)?)(?![\w-])"
)
_BOARD = re.compile(rf"(?<![\w-])([{UPPER}][{_L}]{{3,}}nævnet)(?:s)?(?![\w-])")
_POLICE = re.compile(
    rf"(?<![\w-])((?:[{UPPER}][{_L}]+-\s(?:og\s)?)?(?:[{UPPER}][{_L}]+s?\s){{1,2}})Politi(?:s)?(?![\w-])"
)
_POLICE_GENERIC = re.compile(r"(?<![\w-])[Pp]olitiet(?:s)?(?![\w-])")
_MUNICIPALITIES = re.compile(
    rf"(?<![\w-])((?:[{UPPER}][\w-]+,\s)*[{UPPER}][\w-]+\s(?:og|samt)\s[{UPPER}][\w-]+)\s[Kk]ommuner(?![\w-])"
)


def _place_names() -> dict[str, str]:
    return {m.place: m.name for m in municipalities()}


def find_authorities(
    text: str, *, low: str | None = None, own_names: tuple[str, ...] = ()
) -> list[Mention]:
    """Authority mentions found by their form in one item's ``text``.

    Examples
    --------
    >>> t = ("Klima-, Energi- og Forsyningsministeriet og Styrelsen for Arbejdsmarked og "
    ...      "Rekruttering; Planklagenævnet gav medhold. Østjyllands Politi og politiet. "
    ...      "Greve, Køge og Solrød kommuner.")
    >>> [m.key for m in find_authorities(t, own_names=("Greve Kommune",))]
    ... # doctest: +NORMALIZE_WHITESPACE
    ['Klima-, Energi- og Forsyningsministeriet', 'Styrelsen for Arbejdsmarked og Rekruttering',
     'Planklagenævnet', 'Østjyllands Politi', 'Politiet', 'Køge Kommune', 'Solrød Kommune']
    """
    low = text.lower() if low is None else low
    own = {n.lower() for n in own_names}
    out: list[Mention] = []

    def add(key: str, start: int, end: int, rule: str) -> None:
        if key.lower() not in own:
            out.append(Mention("organisations", key, text[start:end], start, end, rule))

    keywords = ("ministeriet", "styrelsen", "nævnet", "direktoratet", "tilsynet")
    for m in keyword_matches(_COORDINATED, text, low, keywords, back=4):
        add(" ".join(m.group(1).split()), m.start(), m.end(1), "authority")
    for m in keyword_matches(
        _FOR,
        text,
        text,
        ("Ministeriet for", "Styrelsen for", "Nævnet for", "Klagenævnet for", "Direktoratet for"),
    ):
        add(" ".join(m.group(1).split()), m.start(), m.end(1), "authority")
    for m in keyword_matches(_BOARD, text, low, ("nævnet",)):
        add(m.group(1), m.start(), m.end(1), "board")
    for m in keyword_matches(_POLICE, text, text, (" Politi",), back=3):
        add(" ".join(m.group(1).split()) + " Politi", m.start(), m.end(), "police")
    for m in keyword_matches(_POLICE_GENERIC, text, low, ("politiet",)):
        add("Politiet", m.start(), m.end(), "police")
    places = _place_names()
    for m in keyword_matches(_MUNICIPALITIES, text, low, (" kommuner",), back=8):
        for name in re.finditer(rf"[{UPPER}][\w-]+", m.group(1)):
            official = places.get(name.group())
            if official:
                s = m.start(1) + name.start()
                add(official, s, m.start(1) + name.end(), "municipality-list")
    return sorted(out, key=lambda x: x.start)
