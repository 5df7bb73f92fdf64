"""Outside organisations found by generic rules (the known ones come from the gazetteer).

Company forms ("X A/S"), agencies and associations by their head noun
("Digitaliseringsstyrelsen", "…foreningen"), other municipalities ("Gladsaxe
Kommune"), acronyms defined after an organisation's name ("… Digitaliseringsforening
(DSD)"), boards of companies ("Bestyrelsen for X"), "Fællesskabet for …", "X regi",
and names after supplier contexts ("aftale med X", "understøttet af X").
"""

from __future__ import annotations

import re

from referatgraf.extract.entities.known_orgs import KNOWN_ORGANISATIONS
from referatgraf.extract.entities.lexicons import common_words
from referatgraf.extract.entities.text import (
    UPPER,
    is_definite,
    keyword_matches,
    noun_phrase,
    strip_genitive,
)
from referatgraf.extract.model import Mention

__all__ = ["defined_acronyms", "find_organisations", "own_municipality"]

_W = "[A-ZÆØÅa-zæøåéü]"
_COMPANY = re.compile(rf"((?:[{UPPER}][\w&.-]*\s){{1,4}})(A/S|ApS|I/S|P/S|K/S|a\.m\.b\.a\.)(?!\w)")
_AGENCY = re.compile(
    rf"(?<![\w-])([{UPPER}]{_W}{{2,}}(?:styrelsen|ministeriet|direktoratet|tilsynet|fonden"
    r"|foreningen|forbundet))(?:s)?(?![\w])"
)
_PROPER_AFTER = re.compile(rf" ((?:[{UPPER}][\w-]+)(?: [{UPPER}][\w-]+)?)")
_MUNICIPALITY = re.compile(rf"(?<![\w-])((?:[{UPPER}]{_W}+-)?[{UPPER}]{_W}+) Kommunes?(?![\w])")
_DEFINED = re.compile(
    rf"((?:[{UPPER}]{_W}+ ){{0,5}}{_W}*(?:forening|selskab|styrelse|forbund|organisation"
    rf"|fællesskab|samarbejde|institut|universitet)\w*) \(([{UPPER}]{{2,6}})\)"
)
_BOARD = re.compile(rf"\b[Bb]estyrelsen for ((?:[{UPPER}][\w-]+)(?: [{UPPER}][\w-]+)*)")
_COMMUNITY = re.compile(r"(?<=[a-zæøå,] )(Fællesskabet|Foreningen|Partnerskabet) for ")
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

    for m in scan(_COMPANY, "A/S", "ApS", "I/S", "P/S", "K/S", "a.m.b.a.", back=4, case=True):
        if m.group(1).strip().lower() not in own:  # the municipality's own company
            add(f"{m.group(1).strip()} {m.group(2)}", m.start(), m.end(), "company-form")
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
    for m in scan(_MUNICIPALITY, "Kommune", back=1, case=True):
        if is_definite(m.group(1).split("-")[0].lower()):
            continue  # "Leverandøren Kommune": a common noun, no municipality's name
        if f"{m.group(1)} Kommune".lower() not in own and m.group(1).lower() not in own:
            add(f"{m.group(1)} Kommune", m.start(), m.end(), "municipality")
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
    for key, aliases in KNOWN_ORGANISATIONS.items():
        for alias in aliases:
            if len(alias) < 4 or " " in alias:
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
        # an unknown abbreviation here is as likely a unit of the municipality ("ØDC")
        if name.lower() not in common_words() and not name.isupper():
            add(name, m.start(1), m.end(1), "supplier-context")
    return sorted(out, key=lambda x: x.start)
