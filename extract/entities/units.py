"""The municipality's top-level administrative units, found without a profile.

Danish municipalities name their top-level units in a few forms:

* centres: "Center for Teknik & Miljø", and coordinated compounds such as
  "Borger- og Arbejdsmarkedscentret" (only when the text also uses their abbreviation:
  alone, such a compound is as often an institution);
* forvaltninger: "Teknik- og Miljøforvaltningen", "Kulturforvaltningen",
  "Borgmesterens Forvaltning";
* magistratsafdelinger: "Magistratsafdelingen for Teknik og Miljø", whose bare area name
  ("Teknik og Miljø") stands for it, and "Borgmesterens Afdeling";
* områder, when the text defines an abbreviation for one ("Børne- og Ungeområdet (BUO)").

:func:`discover_units` reads the whole document once and returns each unit with its canonical
key and the forms to look for; :func:`find_units` finds those forms in one item. The key is the
abbreviation the document itself uses for the unit (defined after the name, or formed from its
initials: MTM, CTM, BAC), otherwise the full name as the document writes it most often (with
"&" or "og" as written).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from referatgraf.extract.entities.initials import abbreviations_of, defined_after
from referatgraf.extract.entities.lexicons import is_genitive
from referatgraf.extract.entities.text import UPPER, keyword_matches
from referatgraf.extract.model import Mention

__all__ = ["Unit", "canonical_names", "discover_units", "find_units", "normal_name", "unit_key"]

_L = "a-zæøåéü"
_CAP = rf"[{UPPER}][\w]*"
#: "Center for X, Y & Z": capitalised words joined by ", ", " & ", " og " or a space; after
#: a comma or a conjunction a word may be written in lower case ("Politik, organisation og …").
_SEP = r"(?:,[ \n]| &[ \n]| og[ \n]| )"
_NEXT = rf"(?:(?!Cent)[{UPPER}][\w]*(?![\w-])|(?:(?<=[,&][ \n])|(?<=\sog[ \n]))[{_L}]{{4,}})"
_CENTER_FOR = re.compile(
    rf"(?<![\w-])Cent(?:er|ret|eret) for ((?!Cent)[{UPPER}][\w]*(?:{_SEP}{_NEXT})*)"
)
_FORVALTNING = re.compile(
    rf"(?<![\w-])((?:[{UPPER}][{_L}]*-,\s)*(?:[{UPPER}][{_L}]*-\s(?:og|&)\s[{UPPER}{_L}][{_L}]*|[{UPPER}][{_L}]+)"
    r"forvaltning)(?:en|ens)?(?![\w-])"
)
_OWN_DEPARTMENT = re.compile(r"(?<![\w-])Borgmesterens (Afdeling|Forvaltning)(?:s)?(?![\w-])")
_MAGISTRAT = re.compile(rf"(?<![\w-])Magistratsafdelingen for ([{UPPER}][\w]*(?:{_SEP}{_NEXT})*)")
_CENTRE_COMPOUND = re.compile(
    rf"(?<![\w-])((?:[{UPPER}][{_L}]*-,\s)*[{UPPER}][{_L}]*-\s(?:og|&)\s[{UPPER}{_L}][{_L}]*"
    rf"|[{UPPER}]{{2,3}}-[Cc]|[{UPPER}][{_L}]+)(cent(?:ret|eret|er))(s)?(?![\w-])"
)
_AREA = re.compile(
    rf"(?<![\w-])((?:[{UPPER}][{_L}]*-,\s)*[{UPPER}][{_L}]*-\s(?:og|&)\s[{UPPER}{_L}][{_L}]*)"
    r"området(?![\w-])"
)
_ABBREVIATION = re.compile(rf"(?<![\w-])([{UPPER}]{{2,6}})(?:s|'s|’s)?(?![\w-])")


@dataclass(frozen=True, slots=True)
class Unit:
    """One top-level unit of a document: canonical ``key`` and the ``forms`` it is written in."""

    key: str
    name: str
    forms: tuple[str, ...]
    abbreviation: str | None = None


def normal_name(name: str) -> str:
    """Grouping key of a name: case, "&"/"og", "centret"/"centeret" and spacing ignored.

    >>> normal_name("Center for Teknik & Miljø") == normal_name("center for teknik og  miljø")
    True
    """
    low = " ".join(name.lower().replace(" & ", " og ").split())
    return low.replace("centeret", "centret")


def _drop_genitive(name: str, seen: Mapping[str, int]) -> str:
    """ "… Miljøs indstilling": a final genitive -s is dropped when the last word is a
    genitive by the lemma table, or when the name without it is also written."""
    if not name.endswith("s") or name.endswith("ss"):
        return name
    bare = name[:-1]
    if normal_name(bare) in seen or is_genitive(name.split()[-1]):
        return bare
    return name


def _candidates(text: str) -> list[tuple[str, str, int, int, tuple[str, ...]]]:
    """``(kind, name, start, end, extra forms)`` of every unit-like name in ``text``.

    Each pattern is tried only where its keyword occurs (``str.find``), never scanned over
    the whole text.
    """
    low = text.lower()
    out: list[tuple[str, str, int, int, tuple[str, ...]]] = []
    for m in keyword_matches(
        _CENTER_FOR, text, text, ("Center for", "Centret for", "Centeret for")
    ):
        if _preceded_by_adjective(text, m.start()):
            continue  # "Nationalt Center for …": an outside institution
        area = _trim_area(m.group(1))
        if area:
            name = f"Center for {area}"
            out.append(("center", name, m.start(), m.start(1) + len(area), ()))
    for m in keyword_matches(_MAGISTRAT, text, text, ("Magistratsafdelingen for",)):
        area = _trim_area(m.group(1))
        if area:
            extra = (area,) if len(area.split()) >= 3 else ()
            name = f"Magistratsafdelingen for {area}"
            out.append(("magistrat", name, m.start(), m.start(1) + len(area), extra))
    for m in keyword_matches(_OWN_DEPARTMENT, text, text, ("Borgmesterens ",)):
        out.append(("department", f"Borgmesterens {m.group(1)}", m.start(), m.end(), ()))
    for m in keyword_matches(_FORVALTNING, text, low, ("forvaltning",), back=4):
        stem = " ".join(m.group(1).split())
        if " " not in stem and stem.lower().startswith(_MONEY):
            continue  # "Kapitalforvaltningen": managing money, no unit
        out.append(("forvaltning", stem[:1].upper() + stem[1:] + "en", m.start(), m.end(), ()))
    for m in keyword_matches(
        _CENTRE_COMPOUND, text, low, ("centret", "centeret", "center"), back=4
    ):
        stem = " ".join(m.group(1).split())
        if stem.endswith(("-C", "-c")):
            stem, head = stem[:-1], "Centret"
        else:
            head = "centret"
        out.append(("compound", stem + head, m.start(), m.end(), ()))
    for m in keyword_matches(_AREA, text, low, ("området",), back=4):
        out.append(("area", " ".join(m.group(1).split()) + "området", m.start(), m.end(), ()))
    return out


#: Stems of "-forvaltning" that manage money or property, not a part of the municipality.
_MONEY = ("kapital", "formue", "aktiv", "pension", "portefølje", "fond", "arv", "midle")

_STOP_AREA = frozenset(
    ["Kommune", "Kommunes", "Byråd", "Byrådet", "Det", "Den", "De", "I", "Og", "andre", "øvrige"]
    + ["hele", "flere", "disse", "dette", "samme", "anden", "andet"]
)


def _trim_area(area: str) -> str:
    """The area part of "Center for X & Y": up to a stop word, without a trailing
    conjunction, and without lower-case words after the last capitalised one when the
    name mixes the two ("Teknik & Miljø og sekretariatet" → "Teknik & Miljø").

    >>> _trim_area("Politik, organisation og borgerbetjening")
    'Politik, organisation og borgerbetjening'
    >>> _trim_area("Teknik & Miljø og sekretariatet")
    'Teknik & Miljø'
    """
    words = area.replace("\n", " ").split(" ")
    keep: list[str] = []
    for w in words:
        if w.rstrip(",") in _STOP_AREA:
            break
        keep.append(w)
    content = [k for k, w in enumerate(keep) if w not in ("og", "&")]
    capitals = [k for k in content[1:] if keep[k][:1].isupper()]
    if capitals:
        keep = keep[: capitals[-1] + 1]
    while keep and (keep[-1] in ("og", "&") or keep[-1].endswith(",")):
        keep[-1] = keep[-1].rstrip(",")
        if keep[-1] in ("og", "&", ""):
            keep.pop()
        else:
            break
    return " ".join(keep)


def _preceded_by_adjective(text: str, start: int) -> bool:
    m = re.search(
        rf"([{UPPER}][{_L}]+t|Dansk|Danmarks|Europæisk) $", text[max(0, start - 20) : start]
    )
    return bool(m)


_Candidate = tuple[str, str, int, int, tuple[str, ...]]

_TYPE_WORDS = {
    "center": ("Center",),
    "magistrat": ("Magistratsafdelingen",),
    "department": (),
    "forvaltning": ("forvaltningen",),
    "compound": ("centret", "centeret"),
    "area": ("området",),
}


def discover_units(text: str) -> list[Unit]:
    """The document's top-level units, each with its key and written forms.

    Examples
    --------
    >>> t = ("Magistratsafdelingen for Teknik og Miljø indstiller. Notat MTM 18.09.2025. "
    ...      "Teknik og Miljø har vurderet sagen med Center for Økonomi & HR og "
    ...      "Center for Økonomi og HR. Borgmesterens Afdeling har ingen bemærkninger.")
    >>> [(u.key, u.forms) for u in discover_units(t)]  # doctest: +NORMALIZE_WHITESPACE
    [('MTM', ('Magistratsafdelingen for Teknik og Miljø', 'Teknik og Miljø', 'MTM')),
     ('Center for Økonomi & HR', ('Center for Økonomi & HR', 'Center for Økonomi og HR')),
     ('Borgmesterens Afdeling', ('Borgmesterens Afdeling',))]
    """
    candidates = _candidates(text)
    seen: Counter[str] = Counter(normal_name(c[1]) for c in candidates)
    groups: dict[str, list[tuple[str, str, int, int, tuple[str, ...]]]] = {}
    for kind, name, start, end, extra in candidates:
        name = _drop_genitive(name, seen)
        extra = tuple(_drop_genitive(x, seen) for x in extra)
        groups.setdefault(normal_name(name), []).append((kind, name, start, end, extra))
    groups = _merge_variants(groups)
    used = {m.group(1) for m in _ABBREVIATION.finditer(text)}
    units: list[tuple[int, Unit]] = []
    claimed: Counter[str] = Counter()
    pending: list[tuple[int, str, str, tuple[str, ...], str | None, list[str]]] = []
    for group in groups.values():
        kind = group[0][0]
        written = Counter(name for _, name, *_ in group)
        name = written.most_common(1)[0][0]
        defined = next((a for _, _, _, e, _ in group if (a := defined_after(text, e))), None)
        fitting = sorted(used & abbreviations_of(name, _TYPE_WORDS.get(kind, ())))
        if kind in ("compound", "area"):
            if " " not in name and not re.match(r"[A-ZÆØÅ]{2,3}-", name):
                continue  # "Idrætscentret", "Ungecentret": institutions
            if not (defined or (fitting and kind == "compound")):
                continue  # a coordinated "-centret" counts when its abbreviation is used
        forms = list(dict.fromkeys(name for _, name, *_ in group))
        for _, _, _, _, extra in group:
            forms += [x for x in extra if x not in forms]
        pending.append((group[0][2], kind, name, tuple(forms), defined, fitting))
        claimed.update(fitting)
    for first, _kind, name, forms, defined, fitting in pending:
        unique = [a for a in fitting if claimed[a] == 1]
        abbr = defined or (unique[0] if len(unique) == 1 else None)
        all_forms = (*forms, abbr) if abbr and abbr not in forms else forms
        units.append((first, Unit(abbr or name, name, tuple(all_forms), abbr)))
    return [u for _, u in sorted(units, key=lambda x: x[0])]


def _variant_of(short: str, long: str) -> bool:
    """``short`` is a spelling variant or a cut-off form of ``long`` (both normalised).

    >>> _variant_of("center for politik, organisering og borgerbetjening",
    ...             "center for politik, organisation og borgerbetjening")
    True
    >>> _variant_of("center for job og social", "center for job og socialservice")
    True
    >>> _variant_of("center for dagtilbud", "center for dagtilbud og skoler")
    True
    >>> _variant_of("center for job", "center for jobcenter"), _variant_of("a b", "a c")
    (False, False)
    """
    a, b = short.split(), long.split()
    if len(a) == len(b) >= 3:
        diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
        return len(diff) == 1 and len(diff[0][0]) >= 6 and diff[0][0][:6] == diff[0][1][:6]
    return 3 <= len(a) < len(b) and long.startswith((short + " ", short + ","))


def _merge_variants(groups: dict[str, list[_Candidate]]) -> dict[str, list[_Candidate]]:
    """Groups of spelling variants and cut-off forms merged into the one they vary, when
    exactly one group fits ("Center for Dagtilbud" → "Center for Dagtilbud & Skoler")."""
    order = sorted(groups, key=lambda k: (-len(groups[k]), k))
    merged: dict[str, list[_Candidate]] = {}
    for key in sorted(groups, key=lambda k: (-len(k), k)):
        kind = groups[key][0][0]
        targets = [
            other
            for other in order
            if other != key
            and groups[other][0][0] == kind
            and other in merged
            and (_variant_of(key, other) or (len(key) == len(other) and _variant_of(other, key)))
        ]
        if len(targets) == 1:
            merged[targets[0]].extend(groups[key])
        else:
            merged[key] = list(groups[key])
    return merged


def canonical_names(counts: Mapping[str, int]) -> dict[str, str]:
    """Each unit name → the name it is a spelling, "&"/"og", cut-off or case variant of (the
    most frequent of each group, so names read from many documents meet).

    >>> canonical_names({"Center for Teknik & Miljø": 9, "Center for Teknik og Miljø": 2,
    ...     "Center for Dagtilbud & Skoler": 5, "Center for Dagtilbud": 1})  # doctest: +NORMALIZE_WHITESPACE
    {'Center for Teknik & Miljø': 'Center for Teknik & Miljø',
     'Center for Teknik og Miljø': 'Center for Teknik & Miljø',
     'Center for Dagtilbud & Skoler': 'Center for Dagtilbud & Skoler',
     'Center for Dagtilbud': 'Center for Dagtilbud & Skoler'}
    """
    groups: dict[str, list[_Candidate]] = {}
    for name, n in counts.items():
        groups.setdefault(normal_name(name), []).extend([("name", name, 0, 0, ())] * n)
    merged = _merge_variants(groups)
    order = {name: k for k, name in enumerate(counts)}
    out: dict[str, str] = {}
    for group in merged.values():
        written = Counter(c[1] for c in group)
        best = max(written, key=lambda w: (written[w], -order[w]))  # ties: the first seen
        for name in written:
            out[name] = best
    return {name: out[name] for name in counts}


def unit_key(name: str, units: Iterable[Unit]) -> str | None:
    """The key of the unit ``name`` is a form of, if any.

    >>> unit_key("Center for Teknik og Miljø", [Unit("CTM", "Center for Teknik & Miljø",
    ...     ("Center for Teknik & Miljø", "CTM"))])
    'CTM'
    """
    target = normal_name(name)
    for u in units:
        if any(normal_name(f) == target for f in u.forms):
            return u.key
    return None


def _form_pattern(form: str, *, exact: bool) -> re.Pattern[str]:
    """A written form as a pattern: any spacing (line breaks too), "&" or "og", "centret"
    or "centeret", a genitive -s; any case unless ``exact``."""
    words = []
    for w in form.split():
        if w in ("&", "og") and not exact:
            words.append("(?:&|og)")
        else:
            words.append(re.escape(w).replace("centret", "cent(?:ret|eret)"))
    flags = "" if exact else "(?i)"
    body = r"\s+".join(words)
    return re.compile(rf"{flags}(?<![\w-]){body}(?:s|'s|’s)?(?![\w-])")


def find_units(text: str, units: Iterable[Unit], *, low: str | None = None) -> list[Mention]:
    r"""Mentions of the document's ``units`` in one item's ``text`` (abbreviations excepted:
    those are read with the other abbreviations).

    A full name matches in any case, with "&" or "og" and across a line break; an area name
    ("Teknik og Miljø") only as written. A genitive -s is part of the mention.

    >>> u = Unit("MTM", "Magistratsafdelingen for Teknik og Miljø",
    ...          ("Magistratsafdelingen for Teknik og Miljø", "Teknik og Miljø", "MTM"), "MTM")
    >>> t = "Teknik og Miljøs notat; teknik og miljø; Magistratsafdelingen for\nTeknik og Miljø"
    >>> [(m.key, m.text) for m in find_units(t, [u])]
    [('MTM', 'Teknik og Miljøs'), ('MTM', 'Magistratsafdelingen for\nTeknik og Miljø')]
    """
    low = text.lower() if low is None else low
    out: list[Mention] = []
    for u in units:
        for form in u.forms:
            if form == u.abbreviation:
                continue
            exact = form != u.name and not _is_name(form)
            rx = _form_pattern(form, exact=exact)
            first = form.split()[0]
            hay = text if exact else low
            for m in keyword_matches(rx, text, hay, (first if exact else first.lower(),)):
                rule = "unit/name" if not exact else "unit/area"
                out.append(Mention("centres", u.key, m.group(), m.start(), m.end(), rule))
    out.sort(key=lambda m: (m.start, -m.end))
    kept: list[Mention] = []
    for m in out:  # an area name inside a full name is the same mention
        if not (kept and m.end <= kept[-1].end):
            kept.append(m)
    return kept


def _is_name(form: str) -> bool:
    """A full unit name (not a bare area name)."""
    low = form.lower()
    return (
        " for " in low
        or "forvaltning" in low
        or "cent" in low
        or "borgmesterens" in low
        or low.endswith("området")
    )
