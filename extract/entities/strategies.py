"""Strategies, policies, strategy letters, plans and programmes.

Rules: compounds headed by ``strategi``/``politik``/``strategibrev``/``plan`` (with
inflections, a preceding name-forming adjective, a year or year range), "Strategi for
…" phrases, "programmet X" and the named programmes a document introduces.
Canonical names are indefinite and capitalised ("vækstpolitikken" → "Vækstpolitik",
"digitaliseringsstrategien 2014-18" → "Digitaliseringsstrategi 2014-2018").
"""

from __future__ import annotations

import re

from referatgraf.extract.entities.lexicons import common_words
from referatgraf.extract.entities.text import (
    GENERIC_HEADING,
    UPPER,
    capitalise,
    keyword_matches,
    noun_phrase,
    subheadings,
)
from referatgraf.extract.model import SECTION_KINDS, Mention

__all__ = ["find_strategies", "programme_names", "umbrella_programme", "year_range"]

_INFLECTIONS = {
    "strategi": ("", "en", "ens", "s"),
    "politik": ("", "ken", "kens", "s"),
    "strategibrev": ("", "et", "ets", "s"),
    "plan": ("", "en", "ens", "s"),
}
#: Project-management artefacts and generic parts: not strategies (GUIDELINES §9).
_EXCLUDED_PREFIX = {
    "plan": {
        "handle",
        "tids",
        "tid",
        "proces",
        "projekt",
        "implementerings",
        "implementering",
        "aktivitets",
        "arbejds",
        "budget",
        "møde",
        "uddannelses",
        "kommunikations",
        "investerings",
        "indsats",
        "hand",
        "drejebogs",
        "rejse",
        "sags",
        "uge",
        "år",
        "måneds",
        "vagt",
        "bemandings",
        "undervisnings",
        "opfølgnings",
        "genopretnings",
        "handlings",
        "tilsyns",
        "års",
        "delegations",
        "betalings",
        "lands",  # "på landsplan": the national level, no plan
        "udrulnings",
        "anvendelses",
        "etape",
        "etaperings",
        "drifts",
        "vedligeholdelses",
        "finansierings",
        "likviditets",
        "afviklings",
        "gennemførelses",
        "udbuds",
        "ferie",
        "rute",
        "kørsels",
        "behandlings",
        "genoptrænings",
        "forløbs",
        "stillings",
        "skema",
        "skemas",
        "lektions",
        "normerings",
        "fremdrifts",
        "lokal",  # "lokalplan" is read with its number below
        "situations",
        "afsætnings",
        "forretnings",
    },
    "strategi": {"del", "sektor", "forretnings", "under", "exit"},
    "politik": set(),
    "strategibrev": set(),
}
#: Adjectives that make "-politik" the conduct of policy, not a policy document.
_CONDUCT = frozenset(
    ["aktiv", "aktive", "offensiv", "offensive", "restriktiv", "restriktive", "ambitiøs"]
    + ["ambitiøse", "stram", "stramme", "lempelig", "lempelige", "konsekvent", "konsekvente"]
)
_ADJECTIVES = {
    "ny",
    "fælleskommunal",
    "fællesoffentlig",
    "lokal",
    "strategisk",
    "grøn",
    "national",
    "regional",
    "social",
    "digital",
    "tværkommunal",
}
_YEAR = re.compile(r"[ -](\d{4})(?:\s?[-–]\s?(\d{2,4}))?(?![\d])")
_PERIOD = re.compile(
    r"(?P<gap>[^.\n]{0,30}?)\b(?:løber i|for perioden|gældende for|perioden)\s+(\d{4})\s?[-–]\s?(\d{2,4})"
)
#: Named local plans and municipal-plan supplements: "lokalplan nr. 15.24", "Lokalplan 1221",
#: "kommuneplantillæg nr. 5".
_NUMBERED_PLAN = re.compile(
    r"(?i)(?<![\w-])(lokalplan|kommuneplantillæg|lokalplantillæg)(?:en|ens|s|forslag(?:et)?)?"
    r"\s+(?:nr\.?\s*)?(\d+(?:[.-]\d+)*(?:\.\d+)?)(?![\d])"
)
_STRATEGY_FOR = re.compile(r"(?i)\b(strategi|politik)(?:en|ken)? for ")
_PROGRAMMET = re.compile(rf"\b[Pp]rogrammet ([{UPPER}][\w-]*(?: [{UPPER}][\w-]*)*)")
_PROGRAMMES_UNDER = re.compile(
    rf"\bprogram(?:mer|merne)? under ([{UPPER}][\wæøå]+(?: [{UPPER}][\wæøå]+)*"
    rf"(?: [-–] [{UPPER}][\wæøå]+(?: [{UPPER}][\wæøå]+)*)?)"
)


_SECTION_HEADING = re.compile(
    r"^(?:Bilag|Beslutning|Indstilling|Sagsfremstilling|Baggrund|Økonomi)\b"
)
_SECTION_NAMES = frozenset(k.lower() for k in SECTION_KINDS)
_PROGRAMME_REF = re.compile(r"\b(?:[Pp]rogrammet|[Pp]rogrammets|som program)\b")


#: "strategien for området": a strategy of something unnamed is no named strategy.
_GENERIC_OBJECTS = frozenset(
    ["området", "områderne", "kommunen", "organisationen", "centret", "centeret", "arbejdet"]
)


def year_range(first: str, last: str | None) -> str:
    """A year or a normalised year range.

    >>> year_range("2014", "18"), year_range("2014", "2018"), year_range("2016", None)
    ('2014-2018', '2014-2018', '2016')
    """
    if not last:
        return first
    if len(last) == 2:
        last = first[:2] + last
    return f"{first}-{last}"


def _compound(text: str, hs: int, head: str, own: frozenset[str]) -> Mention | None:
    he = hs + len(head)
    ts = hs
    while ts > 0 and (text[ts - 1].isalnum() or text[ts - 1] == "-"):
        ts -= 1
    te = he
    while te < len(text) and text[te].isalnum():
        te += 1
    if text[he:te].lower() not in _INFLECTIONS[head]:
        return None
    prefix = text[ts:hs]
    if "-" in prefix:
        owner, _, rest = prefix.rpartition("-")
        if owner.endswith("s") and owner[:1].isupper() and not rest:
            prefix, ts = "", hs
    bare = prefix.lower().rstrip("-")
    if any(bare.endswith(x) for x in _EXCLUDED_PREFIX[head]) or any(c.isdigit() for c in bare):
        return None
    start = ts
    before = text[max(0, ts - 40) : ts]
    if prefix.lower().startswith("og-"):  # "Vækst og-erhvervspolitik"
        first = re.search(r"(?<![\w-])([\wæøå]+) $", before)
        if not first:
            return None
        prefix, ts = f"{first.group(1)}- og {prefix[3:]}", ts - len(first.group(0))
        before = text[max(0, ts - 40) : ts]
    elif "-og-" in prefix.lower():  # "Vækst-og-Erhvervspolitik"
        a, b = re.split("(?i)-og-", prefix, maxsplit=1)
        prefix = f"{a}- og {b}"
    coord = re.search(r"(?<![\w-])([\wæøå]+- og )$", before)
    acr = re.search(rf"(?<![\w-])([{UPPER}]{{2,6}})(-? )$", before)
    if coord and prefix:
        prefix, start = coord.group(1) + prefix, ts - len(coord.group(1))
    elif not prefix and acr and head == "strategi":
        if acr.group(1) in own:
            return None
        prefix, start = acr.group(1) + "-", ts - len(acr.group(0))
    if " og " in prefix:  # the second conjunct is written in lower case
        a, b = prefix.split(" og ", 1)
        prefix = f"{a} og {b if b[:2].isupper() else b.lower()}"
    name = capitalise(prefix + head)
    adj = re.search(r"(?<![\w-])([a-zæøåA-ZÆØÅ]+) $", text[max(0, start - 30) : start])
    adj_word = adj.group(1).lower() if adj else ""
    if head == "politik" and prefix and adj_word in _CONDUCT:
        return None  # "en aktiv boligpolitik": a way of acting, not a policy document
    adj_word = adj_word[:-2] if adj_word == "grønne" else adj_word
    adj_word = (
        adj_word[:-1] if adj_word.endswith("e") and adj_word[:-1] in _ADJECTIVES else adj_word
    )
    rule = "compound"
    if adj and adj_word in _ADJECTIVES and (prefix or adj_word != "ny"):
        rest = name if name[:2].isupper() else name[0].lower() + name[1:]
        name = f"{capitalise(adj_word)} {rest}"
        start -= len(adj.group(0))
        rule = "compound+adjective"
    elif not prefix and head != "strategibrev":
        return None
    if head == "plan" and not prefix:
        return None  # "en national plan": no name
    end = te
    year = _YEAR.match(text, te)
    line_start = text.rfind("\n", max(0, start - 40), start) + 1  # bounded: linear time
    revision = re.search(r"(?i)\brevision af\s*$", text[max(line_start, start - 40) : start])
    if year and not revision and (head == "strategibrev" or not _is_file_name(text, te)):
        name, end = f"{name} {year_range(year.group(1), year.group(2))}", year.end()
    else:
        period = _PERIOD.match(text, te)
        if period and not revision:
            name = f"{name} {year_range(period.group(2), period.group(3))}"
            # "strategi for perioden 2014-18" names the dated version; a period said of it
            # in a predicate ("… er formuleret for perioden …") counts only beside that name
            rule += "+dated" if not period.group("gap").strip() else "+period"
        elif head == "strategibrev" and not prefix:
            owner = _OWNER.search(text, max(0, start - 30), start)
            if owner:  # an undated letter keeps its sender: "Direktionens strategibrev"
                name, start = f"{capitalise(owner.group(1))} strategibrev", owner.start()
                rule += "+owner"
    if head == "plan" and end == te:
        place = _PLACE_AFTER.match(text, te)
        if place:  # "Udviklingsplan Aarhus Ø - endelig vedtagelse": the plan of a place
            name, end = f"{name} {' '.join(place.group(1).split())}", place.end(1)
            rule += "+place"
    return Mention("strategies", name, text[start:end], start, end, rule)


#: Capitalised words that name the place a plan is for, ending the phrase.
_PLACE_AFTER = re.compile(
    rf" ((?:[{UPPER}][\w-]*)(?: [{UPPER}][\w-]*){{0,2}})(?=\s*(?:$|[-–,.:;(]|\n))", re.M
)
_OWNER = re.compile(r"(?<![\w-])([A-ZÆØÅa-zæøå]+(?:ens|ets)) $")


def _is_file_name(text: str, pos: int) -> bool:
    return bool(re.match(r"[ -]\d{4}\.(?:pdf|docx?|pptx?|xlsx?)\b", text[pos : pos + 12]))


def find_strategies(
    text: str, *, low: str | None = None, own_names: tuple[str, ...] = ()
) -> list[Mention]:
    """Strategy mentions in ``text`` (one item's text).

    Examples
    --------
    >>> t = ("Revision af vækstpolitik 2018. Digitaliseringsstrategien 2014-18 og den "
    ...      "fælleskommunale digitaliseringsstrategi, en tidsplan og IT- strategi 2016. "
    ...      "Styregruppen udarbejder strategi for velfærdsteknologi frem til april.")
    >>> [m.key for m in find_strategies(t)]  # doctest: +NORMALIZE_WHITESPACE
    ['Vækstpolitik', 'Digitaliseringsstrategi 2014-2018',
     'Fælleskommunal digitaliseringsstrategi', 'IT-strategi 2016',
     'Strategi for velfærdsteknologi']
    """
    words = common_words()
    low = text.lower() if low is None else low
    own = frozenset(own_names)
    found: list[Mention] = []
    for head in ("strategi", "politik", "plan"):
        i = low.find(head)
        while i >= 0:
            h = "strategibrev" if head == "strategi" and low.startswith("brev", i + 8) else head
            mention = _compound(text, i, h, own)
            if mention:
                found.append(mention)
            i = low.find(head, i + len(h))
    out: list[Mention] = []
    for mention in sorted(found, key=lambda x: x.start):
        if not (out and mention.start < out[-1].end):
            out.append(mention)
    for m in keyword_matches(
        _STRATEGY_FOR,
        text,
        low,
        ("strategi for ", "strategien for ", "politik for ", "politikken for "),
    ):
        phrase, end = noun_phrase(text, m.end())
        # a capitalised object names a policy only in a capitalised title ("Politik for
        # Kultur og Fritid"), not "strategien for Greve"
        titled = m.group(1)[0].isupper() and " og " in phrase
        if (
            phrase
            and (phrase[:1].islower() or phrase.split()[0].isupper() or titled)
            and phrase not in _GENERIC_OBJECTS
        ):
            key = f"{capitalise(m.group(1).lower())} for {phrase}"
            out.append(Mention("strategies", key, text[m.start() : end], m.start(), end, "for"))
    for m in keyword_matches(_NUMBERED_PLAN, text, low, ("lokalplan", "kommuneplantillæg")):
        number = m.group(2).rstrip(".-")
        key = f"{capitalise(m.group(1).lower())} {number}"
        end = m.start(2) + len(number)
        out.append(
            Mention("strategies", key, text[m.start() : end], m.start(), end, "numbered-plan")
        )
    for m in keyword_matches(_PROGRAMMET, text, low, ("programmet ",)):
        name = m.group(1)
        if " " not in name and "-" not in name and name.lower() in words:
            name = f"Programmet {name}"
        out.append(Mention("strategies", name, m.group(), m.start(), m.end(), "programme"))
    return sorted(out, key=lambda x: x.start)


def umbrella_programme(text: str) -> str | None:
    """The programme a document says other programmes run under, if any.

    >>> umbrella_programme("de 6 programmer under Nye Rammer – Ny Administration har")
    'Nye Rammer - Ny Administration'
    """
    for m in keyword_matches(_PROGRAMMES_UNDER, text, text.lower(), ("program",)):
        return re.sub(r"\s+[-–]\s+", " - ", m.group(1))
    return None


def programme_names(text: str) -> list[str]:
    """Named programmes a document introduces.

    "de 6 programmer under X" names X, and the sub-headings that follow in the same
    section (up to six) name the programmes; so does "programmet X", and a sub-heading
    whose text calls it "programmet".

    >>> t = ("Programlederne fra de 2 programmer under Nye Rammer - Ny Administration."
    ...      "\\n\\nStatus på projekterne\\n\\nImplementering i bund\\n\\nGår godt."
    ...      "\\n\\nStatus på monopolbruddet\\n\\nGår også.\\n\\nBilag\\n\\nx.pdf")
    >>> programme_names(t)
    ['Nye Rammer - Ny Administration', 'Implementering i bund', 'Monopolbruddet']
    """
    names = []
    low = text.lower()
    for m in keyword_matches(_PROGRAMMES_UNDER, text, low, ("program",)):
        names.append(re.sub(r"\s+[-–]\s+", " - ", m.group(1)))
    for m in keyword_matches(_PROGRAMMET, text, low, ("programmet ",)):
        if "-" in m.group(1) or " " in m.group(1):
            names.append(m.group(1))
    heads = subheadings(text)
    for m in keyword_matches(_PROGRAMMES_UNDER, text, low, ("program",)):
        count = re.search(r"(\d+) $", text[max(0, m.start() - 6) : m.start()])
        if not count:
            continue
        listed = []
        for s, line in heads:
            if s < m.end():
                continue
            if line.startswith("Punkt ") or _SECTION_HEADING.match(line):
                break
            if not GENERIC_HEADING.match(line):
                listed.append(capitalise(re.sub(r"(?i)^status på ", "", line).strip()))
        names.extend(listed[: int(count.group(1))])
    for k, (s, line) in enumerate(heads):
        if GENERIC_HEADING.match(line) or line[:1].isdigit() or line.lower() in _SECTION_NAMES:
            continue
        stop = heads[k + 1][0] if k + 1 < len(heads) else len(text)
        if _PROGRAMME_REF.search(text, s + len(line), min(stop, s + len(line) + 600)):
            names.append(capitalise(re.sub(r"(?i)^status på ", "", line).strip()))
    return list(dict.fromkeys(names))
