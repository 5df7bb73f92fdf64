"""Outside organisations found by generic rules (the known ones come from the gazetteer).

Company forms ("X A/S"), agencies and associations by their head noun
("Digitaliseringsstyrelsen", "…foreningen"), other municipalities ("Gladsaxe
Kommune"), acronyms defined after an organisation's name ("… Digitaliseringsforening
(DSD)"), boards of companies ("Bestyrelsen for X"), "Fællesskabet for …", "X regi",
and names after supplier contexts ("aftale med X", "understøttet af X").
"""

from __future__ import annotations

import re
from functools import cache

from referatgraf.extract.entities.denmark import municipalities, organisations
from referatgraf.extract.entities.known_orgs import municipality_forms
from referatgraf.extract.entities.lexicons import common_words
from referatgraf.extract.entities.text import (
    UPPER,
    at_sentence_start,
    is_definite,
    keyword_matches,
    noun_phrase,
    strip_genitive,
)
from referatgraf.extract.model import Mention

__all__ = ["defined_acronyms", "find_organisations", "own_municipality"]

_W = "[A-ZÆØÅa-zæøåéü]"
_COMPANY = re.compile(
    rf"((?:[{UPPER}0-9][\w&.-]*\s){{1,4}})(A/S|ApS|I/S|P/S|K/S|IVS|a\.m\.b\.a\.|A\.m\.b\.a\.|amba|F\.M\.B\.A\.|S\.M\.B\.A\.)(?!\w)"
)
#: A name and an association's or utility's head word: "Greve Golfklub", "Trøjborg Fællesråd",
#: "Greve Forsyning", "Karlslunde Idrætsforening".
_ASSOCIATION_HEADS = (
    "klub",
    "forening",
    "fællesråd",
    "lokalråd",
    "samvirke",
    "boligselskab",
    "forsyning",
    "fjernvarme",
    "spildevand",
    "renovation",
)
_NAMED_ASSOCIATION = re.compile(
    rf"((?:[{UPPER}][\w-]*\s){{1,3}})((?:[{UPPER}][a-zæøå]*)?(?i:{'|'.join(_ASSOCIATION_HEADS)}))"
    r"(?:en|et|s)?(?![\w-])"
)
_ASSOCIATION_FIRST = re.compile(
    rf"(?<![\w-])((?:Bolig|Andelsbolig|Grundejer|Ejer)?(?:[Ff]oreningen|[Ss]elskabet|Stiftelsen)|Boligselskabet|Fællesrådet for) "
    rf"([{UPPER}][\w-]+(?: [{UPPER}][\w-]*){{0,3}})"
)
_AGENCY = re.compile(
    rf"(?<![\w-])([{UPPER}]{_W}{{2,}}(?:styrelsen|ministeriet|direktoratet|tilsynet|fonden"
    r"|foreningen|forbundet))(?:s)?(?![\w])"
)
_PROPER_AFTER = re.compile(rf" ((?:[{UPPER}][\w-]+)(?: [{UPPER}][\w-]+)?)")
_MUNICIPALITY = re.compile(rf"(?<![\w-])((?:[{UPPER}]{_W}+-)?[{UPPER}]{_W}+) [Kk]ommunes?(?![\w])")
_DEFINED = re.compile(
    rf"((?:[{UPPER}]{_W}+ ){{0,5}}{_W}*(?:forening|selskab|styrelse|forbund|organisation"
    rf"|fællesskab|samarbejde|institut|universitet)\w*) \(([{UPPER}]{{2,6}})\)"
)
_BOARD = re.compile(rf"\b[Bb]estyrelsen for ((?:[{UPPER}][\w-]+)(?: [{UPPER}][\w-]+)*)")
_COMMUNITY = re.compile(r"(?<=[a-zæøå,] )(Fællesskabet|Foreningen|Partnerskabet) for ")
_COMPANY_FORMS = (
    "A/S",
    "ApS",
    "I/S",
    "P/S",
    "K/S",
    "IVS",
    "a.m.b.a.",
    "A.m.b.a.",
    "amba",
    "F.M.B.A.",
    "S.M.B.A.",
)
_REGI = re.compile(rf"(?<![\w-])([{UPPER}]{{2,6}}) regi\b")
_SUPPLIER_WORDS = (
    "aftale med ",
    "tilbud fra ",
    "understøttet af ",
    "leveret af ",
    "samarbejde med ",
    "konsulenthuset ",
    "konsulentfirmaet ",
    "firmaet ",
    "virksomheden ",
    "leverandøren ",
)
_SUPPLIER = re.compile(rf"\b(?:{'|'.join(w.strip() for w in _SUPPLIER_WORDS)}) ([{UPPER}][\w-]+)")
#: "ProActive (v. Peter Lunding Smith)": a firm presented by its contact person.
_CONTACT = re.compile(rf"(?<![\w-])([{UPPER}][\w-]+) \(v[./] ?[{UPPER}]")
_NOT_ORG = frozenset(["Kommune", "Kommunen", "Direktionen", "Byrådet", "Staten", "Danmark"])


@cache
def _compound_leaders() -> dict[str, tuple[str, ...]]:
    """Companies, associations and the municipalities' national bodies: the organisations
    whose name may lead a compound ("Kombitprojekter")."""
    return {o.name: (o.name, *o.forms) for o in organisations() if o.kind != "international"}


@cache
def _places() -> list[str]:
    return [m.place for m in municipalities()]


def _after_sentence_end(name: str) -> str:
    """The part of a name after a sentence end or a list number inside it ("Kommune. KLAR
    Forsyning" → "KLAR Forsyning", "1. Argo" → "Argo"); initials stay ("A.P. Møller")."""
    parts = re.split(r"(?<=[\w)])\.\s+", name)
    if len(parts) > 1 and not re.fullmatch(r"[A-ZÆØÅ]", parts[-2].split()[-1]):
        return parts[-1]
    return re.sub(r"^(?:\d+\.\s+|[A-ZÆØÅ]\.\s+(?=[A-ZÆØÅ]{2}))", "", name)


def _looks_common(word: str) -> bool:
    """A common word, or a compound ending in one ("Meningstilkendegivelse"); proper names
    rarely end in a common word of six letters or more.

    >>> _looks_common("Derfor"), _looks_common("Meningstilkendegivelse"), _looks_common("Trøjborg")
    (True, True, False)
    """
    low = word.lower()
    words = common_words()
    return low in words or any(low[k:] in words for k in range(3, len(low) - 5))


def _strip_sentence_start(name: str, *, at_start: bool = True) -> str:
    """A name without the capitalised common words a sentence may start with ("Derfor
    Arkil" → "Arkil"); a municipality's place name stays ("Greve Forsyning"). Inside a
    sentence (not ``at_start``) a capitalised word is part of the name ("… med Fyns
    Almennyttige Boligselskab").

    >>> _strip_sentence_start("Derfor Arkil"), _strip_sentence_start("Derfor Arkil", at_start=False)
    ('Arkil', 'Derfor Arkil')
    """
    words = name.split()
    places = set(_places())
    while at_start and len(words) > 1 and _looks_common(words[0]) and words[0] not in places:
        if words[0].isupper():
            break
        words = words[1:]
    if len(words) == 1 and _looks_common(words[0]) and words[0] not in places:
        return ""
    return " ".join(words)


def own_municipality(text: str, *, minimum: int = 3) -> str | None:
    """The municipality a document names most often ("X Kommune"), if at least ``minimum``
    times: the document's own, when no profile says so.

    >>> own_municipality("Greve Kommune og Greve Kommunes borgere; Greve Kommune. Køge Kommune")
    'Greve Kommune'
    """
    counts: dict[str, int] = {}
    for m in keyword_matches(_MUNICIPALITY, text, text, ("Kommune",), back=1):
        name = f"{m.group(1)} Kommune"
        counts[name] = counts.get(name, 0) + 1
    best = max(counts.items(), key=lambda kv: kv[1], default=None)
    return best[0] if best and best[1] >= minimum else None


def defined_acronyms(text: str) -> dict[str, str]:
    """Acronyms a text defines for an organisation: ``{acronym: full name}``.

    >>> defined_acronyms("samarbejdet i Den Storkøbenhavnske Digitaliseringsforening (DSD).")
    {'DSD': 'Den Storkøbenhavnske Digitaliseringsforening'}
    """
    out = {}
    for m in keyword_matches(_DEFINED, text, text, ("(",), back=6):
        name = m.group(1)
        if name.split()[0] in ("i", "og", "med"):
            name = name.split(" ", 1)[1]
        out[m.group(2)] = name
    return out


def find_organisations(
    text: str,
    *,
    low: str | None = None,
    own_names: tuple[str, ...] = (),
    exclude: frozenset[str] = frozenset(),
) -> list[Mention]:
    """Organisation mentions found by the generic rules.

    ``own_names`` are the municipality's own names (never an organisation here);
    ``exclude`` are words known to be something else (first names, centre codes).

    Examples
    --------
    >>> t = ("Besøg i Digitaliseringsstyrelsen og i Gladsaxe Kommune. Bestyrelsen for "
    ...      "Danica Ejendomme mødes. Robotics i DSD regi, understøttet af Nextpuzzle.")
    >>> [m.key for m in find_organisations(t)]
    ['Digitaliseringsstyrelsen', 'Gladsaxe Kommune', 'Danica Ejendomme', 'DSD', 'Nextpuzzle']
    """
    low = text.lower() if low is None else low
    own = {n.lower() for n in own_names}
    out: list[Mention] = []

    def scan(rx: re.Pattern[str], *keywords: str, back: int = 0, case: bool = False):
        return keyword_matches(rx, text, text if case else low, keywords, back=back)

    def add(key: str, start: int, end: int, rule: str) -> None:
        if key.lower() in own or key in _NOT_ORG or key in exclude:
            return
        out.append(Mention("organisations", key, text[start:end], start, end, rule))

    places = {p.lower() for p in _places()} | own
    for m in scan(_COMPANY, *_COMPANY_FORMS, back=4, case=True):
        name = _after_sentence_end(m.group(1).strip())
        start = m.end() - len(m.group(2)) - 1 - len(name)
        name = _strip_sentence_start(name, at_start=at_sentence_start(text, start))
        if not name or "Kommune" in name:
            continue
        start = m.end() - len(m.group(2)) - 1 - len(name)
        # the suffix is dropped unless it is what tells the company from a place
        key = f"{name} {m.group(2)}" if name.lower() in places else name
        add(key, start, m.end(), "company-form")
    for m in scan(_NAMED_ASSOCIATION, *_ASSOCIATION_HEADS, back=2):
        name = _after_sentence_end(m.group(1).strip())
        at_start = at_sentence_start(text, m.start(2) - 1 - len(name))
        name = _strip_sentence_start(name, at_start=at_start)
        if name and "Kommune" not in name and m.group(2)[0].isupper():
            start = m.start(2) - 1 - len(name)
            add(f"{name} {m.group(2)}", start, m.end(2), "association")
    for m in scan(
        _ASSOCIATION_FIRST, "foreningen ", "selskabet ", "stiftelsen ", "fællesrådet for "
    ):
        head = m.group(1)
        if head.lower() == "selskabet":  # "selskabet PV Greve": the company's own name
            add(m.group(2), m.start(2), m.end(), "company-named")
        else:
            add(f"{head[:1].upper()}{head[1:]} {m.group(2)}", m.start(), m.end(), "association")
    for m in scan(
        _AGENCY,
        "styrelse",
        "ministeri",
        "direktorat",
        "tilsyn",
        "universitet",
        "fond",
        "forening",
        "forbund",
    ):
        word = strip_genitive(m.group(1))
        if "bestyrelse" in word.lower():  # a board is a body
            continue
        if word.endswith(("foreningen", "fonden", "forbundet")):
            base = word[:-3] if word.endswith("det") else word[:-2]
            if base.lower() in common_words():  # "Grundejerforeningen": a kind of body
                name = _PROPER_AFTER.match(text, m.end(1))
                if not name:
                    continue
                add(f"{word} {name.group(1)}", m.start(1), name.end(1), "association")
                continue
        add(word, m.start(1), m.end(1), "agency")
    forms = municipality_forms()
    for m in scan(_MUNICIPALITY, "kommune", back=1):
        before = re.search(rf"([{UPPER}]{_W}+)[ -]$", text[max(0, m.start() - 20) : m.start()])
        longer = f"{before.group(1)} {m.group(1)} Kommune" if before else None
        if longer and longer in forms:  # "Høje Taastrup Kommune", not "Taastrup Kommune"
            name, start = forms[longer], m.start() - len(before.group(0))
        elif f"{m.group(1)} Kommune" in forms:
            name, start = forms[f"{m.group(1)} Kommune"], m.start()
        elif is_definite(m.group(1).split("-")[0].lower()) or m.group(1).lower() in common_words():
            continue  # "Leverandøren Kommune", "Vild Kommune": no municipality's name
        else:
            name, start = f"{m.group(1)} Kommune", m.start()
        if name.lower() not in own and name.rsplit(" ", 1)[0].lower() not in own:
            add(name, start, m.end(), "municipality")
    for m in scan(_BOARD, "bestyrelsen for "):
        add(m.group(1), m.start(1), m.end(1), "board-of")
    for m in scan(
        _COMMUNITY, "Fællesskabet for ", "Foreningen for ", "Partnerskabet for ", case=True
    ):
        phrase, end = noun_phrase(text, m.end())
        if phrase:
            add(f"{m.group(1)} for {phrase}", m.start(), end, "community")
    for m in scan(_REGI, " regi", back=1, case=True):
        add(m.group(1), m.start(1), m.end(1), "regi")
    for key, aliases in _compound_leaders().items():
        for alias in aliases:
            if len(alias) < 4 or " " in alias or alias.isupper():
                continue
            probe = alias.lower()
            i = low.find(probe)
            while i >= 0:
                j = i + len(probe)
                if (i == 0 or not low[i - 1].isalnum()) and j < len(low):
                    k = j + 1 if low[j] == "-" else j
                    e = k
                    while e < len(low) and low[e].isalpha():
                        e += 1
                    # "apple-produkter", "Kombitprojekter": the firm's name leads a compound
                    if e - k >= 4 and (low[j] == "-" or low[k:e] in common_words()):
                        add(key, i, j, "known-compound")
                i = low.find(probe, j)
    for m in scan(_CONTACT, " (v.", " (v/", back=1, case=True):
        name = m.group(1)
        if name.lower() not in common_words():
            add(name, m.start(1), m.end(1), "contact-person")
    for m in scan(_SUPPLIER, *_SUPPLIER_WORDS):
        name = strip_genitive(m.group(1))
        if name.endswith("-") or is_definite(name.lower()):
            continue  # "samarbejde med Børne- og …", "… med Jobcentret"
        # an unknown abbreviation here is as likely a unit of the municipality ("ØDC")
        if name.lower() not in common_words() and not name.isupper():
            add(name, m.start(1), m.end(1), "supplier-context")
    return sorted(out, key=lambda x: x.start)
