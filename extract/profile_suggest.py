"""A draft municipality profile read from the municipality's own minutes.

:func:`suggest_profile` takes records annotated without a profile (the generic detectors of
:mod:`extract.entities`) and gathers what a profile describes: the municipality and its
names, the top-level units with their codes and name variants, the committees and other
bodies (the meetings' own bodies included), and the people who sit in the meetings. Every
entry says how often and where it was seen, for the analyst who reviews the draft;
:func:`draft_yaml` writes it in the profile format :func:`extract.profile.load_profile`
reads (the extra ``seen`` keys are ignored there).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import yaml

from referatgraf.extract.entities.lexicons import is_genitive
from referatgraf.extract.entities.orgs import own_municipality
from referatgraf.extract.entities.resolve import spelling_variants
from referatgraf.extract.entities.units import canonical_names
from referatgraf.extract.model import Record
from referatgraf.extract.profile import profile_key

__all__ = [
    "DraftBody",
    "DraftCentre",
    "DraftMember",
    "ProfileDraft",
    "Seen",
    "draft_yaml",
    "suggest_profile",
]

#: How many places an entry lists under ``where``.
WHERE_LIMIT = 5


@dataclass(frozen=True, slots=True)
class Seen:
    """How many items (or meetings) name an entry, and the first few of them."""

    count: int
    where: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DraftCentre:
    code: str
    name: str
    variants: tuple[str, ...]
    seen: Seen


@dataclass(frozen=True, slots=True)
class DraftBody:
    name: str
    kind: str
    variants: tuple[str, ...]
    seen: Seen
    meetings: int = 0  # meetings this body held among the inputs


@dataclass(frozen=True, slots=True)
class DraftMember:
    name: str
    seen: Seen
    bodies: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ProfileDraft:
    municipality: str
    key: str
    names: tuple[str, ...]
    centres: tuple[DraftCentre, ...]
    bodies: tuple[DraftBody, ...]
    board: tuple[DraftMember, ...]
    documents: int


def body_kind(name: str) -> str:
    """The kind of body a name suggests (the profile's ``kind`` values).

    >>> [body_kind(n) for n in ("Byrådet", "Teknisk Udvalg", "Direktionen", "Handicaprådet",
    ...     "Programledernetværket", "Borgerservice", "HovedMED")]
    ['council', 'committee', 'management', 'forum', 'network', 'unit', 'committee']
    """
    low = name.lower()
    if low in ("byrådet", "kommunalbestyrelsen", "borgerrepræsentationen", "magistraten"):
        return "council"
    if "udvalg" in low or "MED" in name:
        return "committee"
    if low.startswith(("direktion", "chefgruppe")) or low.endswith(("gruppen", "direktionen")):
        return "management"
    if low.endswith(("rådet", "forum")):
        return "forum"
    if low.endswith(("netværket", "kredsen")):
        return "network"
    if low.endswith(("enheden", "afdelingen", "service")) or low.startswith(("team ", "taskforce")):
        return "unit"
    return "body"


def _plain(text: str) -> str:
    """A written form without line breaks and genitive: "Center for Teknik &\\nMiljøs" →
    "Center for Teknik & Miljø"."""
    form = " ".join(text.split())
    for end in ("'s", "’s"):
        if form.endswith(end):
            return form[: -len(end)]
    last = form.split()[-1] if form else ""
    if (is_genitive(last) or (last.endswith("s") and last[:-1].isupper())) and len(last) > 2:
        return form[:-1]
    return form


def _folded(form: str) -> str:
    return " ".join(form.split()).casefold()


def _variants(forms: Counter[str], *exclude: str) -> tuple[str, ...]:
    """Forms that differ from ``exclude`` by more than case (the profile matches names in
    any case, but "&" and "og" are spelled out), most frequent first."""
    skip = {_folded(x) for x in exclude}
    out: dict[str, str] = {}
    for form, _ in sorted(forms.items(), key=lambda kv: (-kv[1], kv[0])):
        key = _folded(form)
        if key.endswith("s") and key[:-1] in skip:
            continue  # a genitive ("Handicapudvalgets")
        if key not in skip and key not in out:
            out[key] = form
    return tuple(out.values())


def _seen(places: list[str]) -> Seen:
    unique = list(dict.fromkeys(places))
    return Seen(len(unique), tuple(unique[:WHERE_LIMIT]))


def _place_name(municipality: str) -> str:
    """ "Greve Kommune" → "Greve"; "Københavns Kommune" → "København"."""
    from referatgraf.extract.entities.denmark import municipalities

    for m in municipalities():
        if m.name == municipality:
            return m.place
    return re.sub(r"\s+[Kk]ommune$", "", municipality)


def _merged_centres(
    forms: dict[str, Counter[str]], where: dict[str, list[str]]
) -> list[DraftCentre]:
    """Centres read from many documents, one entry each: keys whose full names are
    variants of one another ("&"/"og", cut off, misspelt) meet, and the abbreviation a
    document uses for one of them becomes the code."""
    name_of = {}
    for key, written in forms.items():
        full = [f for f in written if not f.isupper()]
        # ties go to the key itself (the document's own choice of spelling)
        name_of[key] = max(full, key=lambda f: (written[f], f == key, f)) if full else key
    counts: Counter[str] = Counter()
    for key, name in name_of.items():
        counts[name] += len(where[key])
    canonical = canonical_names(counts)
    groups: dict[str, list[str]] = defaultdict(list)
    for key, name in name_of.items():
        groups[canonical[name]].append(key)
    out = []
    for name, keys in groups.items():
        merged: Counter[str] = Counter()
        places: list[str] = []
        for key in keys:
            merged.update(forms[key])
            places += where[key]
        codes = [k for k in keys if k.isupper()]
        code = max(codes, key=lambda k: (len(where[k]), k)) if codes else name
        out.append(DraftCentre(code, name, _variants(merged, code, name), _seen(places)))
    return out


_PERIOD_SUFFIX = re.compile(r"\s+\d{4}\s*[-–]\s*\d{4}$")


def _body_of_meeting(body: str) -> str:
    """The body key a meeting's body name is a form of ("Byråd 2022-2025" → "Byrådet"),
    or the name itself.

    >>> _body_of_meeting("Byråd 2022-2025"), _body_of_meeting("Spørgsmål / Svar til Byrådet")
    ('Byrådet', 'Spørgsmål / Svar til Byrådet')
    """
    from referatgraf.extract.entities.councils import find_councils

    plain = _PERIOD_SUFFIX.sub("", body).strip()
    found = find_councils(plain)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(plain):
        return found[0].key
    return body


def suggest_profile(records: Iterable[Record], *, min_count: int = 1) -> ProfileDraft:
    """A draft profile from records annotated by the generic detectors (no profile).

    ``min_count`` leaves out centres and bodies seen in fewer items than that.

    Examples
    --------
    >>> from referatgraf.extract.entities import EntityExtractor
    >>> from referatgraf.extract.model import Source
    >>> from referatgraf.extract.parser import parse_minutes
    >>> from referatgraf.extract.profile import EMPTY_PROFILE
    >>> text = ("REFERAT Økonomiudvalget d. 01-02-2023\\n\\nMødedeltagere Anna Holm, Bo Lund\\n\\n"
    ...         "Punkt 1: Budget\\n\\n23/1\\n\\nIndstilling\\n\\nCenter for Teknik & Miljø indstiller, "
    ...         "at sagen sendes til Byrådet. Greve Kommune og Center for Teknik og Miljø.\\n")
    >>> record = parse_minutes(text, document="a.txt", source=Source("a.txt", "-", "text", "-"))
    >>> draft = suggest_profile([EntityExtractor(EMPTY_PROFILE).annotate(record)])
    >>> [(c.code, c.variants, c.seen.where) for c in draft.centres]
    [('Center for Teknik & Miljø', ('Center for Teknik og Miljø',), ('a.txt#1',))]
    >>> [(b.name, b.kind, b.meetings) for b in draft.bodies]
    [('Økonomiudvalget', 'committee', 1), ('Byrådet', 'council', 0)]
    >>> [m.name for m in draft.board]
    ['Anna Holm', 'Bo Lund']
    """
    centre_forms: dict[str, Counter[str]] = defaultdict(Counter)
    centre_where: dict[str, list[str]] = defaultdict(list)
    body_forms: dict[str, Counter[str]] = defaultdict(Counter)
    body_where: dict[str, list[str]] = defaultdict(list)
    meetings: Counter[str] = Counter()
    members: dict[str, list[str]] = defaultdict(list)
    member_bodies: dict[str, Counter[str]] = defaultdict(Counter)
    municipality_votes: Counter[str] = Counter()
    documents = 0
    for record in records:
        documents += 1
        named = record.source.municipality or own_municipality(record.text)
        if named:
            municipality_votes[named] += 1
        body = record.meeting.body.strip()
        if body:
            meetings[body] += 1
            body_where[body].append(record.document)
        for p in record.meeting.participants:
            members[p.name].append(record.document)
            if body:
                member_bodies[p.name][body] += 1
        for item in record.items:
            place = f"{record.document}#{item.number}"
            for m in item.mentions:
                if m.type == "centres":
                    centre_forms[m.key][_plain(m.text)] += 1
                    centre_where[m.key].append(place)
                elif m.type == "bodies":
                    body_forms[m.key][_plain(m.text)] += 1
                    body_where[m.key].append(place)
    municipality = municipality_votes.most_common(1)[0][0] if municipality_votes else ""
    place = _place_name(municipality) if municipality else ""
    centres = [c for c in _merged_centres(centre_forms, centre_where) if c.seen.count >= min_count]
    meeting_of = {b: _body_of_meeting(b) for b in meetings}
    for body, key in meeting_of.items():
        if key != body:  # "Byråd 2022-2025" holds the meetings of Byrådet
            body_forms[key][body] += 0
            body_where[key] = [*body_where[key], *body_where.pop(body)]
    held = Counter()
    for body, n in meetings.items():
        held[meeting_of[body]] += n
    variants = spelling_variants({k: len(v) for k, v in body_where.items()})
    for rare, common in variants.items():  # a misspelt committee is a variant of its name
        body_forms[common].update(body_forms.pop(rare, Counter()) | Counter({rare: 1}))
        body_where[common] = [*body_where[common], *body_where.pop(rare)]
        held[common] += held.pop(rare, 0)
    bodies = []
    for key in dict.fromkeys([*held, *body_forms]):
        forms = body_forms.get(key, Counter())
        seen = _seen(body_where[key])
        if seen.count < min_count and not held[key]:
            continue
        bodies.append(DraftBody(key, body_kind(key), _variants(forms, key), seen, held[key]))
    board = [
        DraftMember(name, _seen(places), tuple(b for b, _ in member_bodies[name].most_common()))
        for name, places in members.items()
    ]
    centres.sort(key=lambda c: (-c.seen.count, c.code))
    bodies.sort(key=lambda b: (-b.meetings, -b.seen.count, b.name))
    board.sort(key=lambda m: (-m.seen.count, m.name))
    names = tuple(
        dict.fromkeys(n for n in (municipality, place, f"{place} kommune") if n and place)
    )
    return ProfileDraft(
        municipality=municipality or "Ukendt kommune",
        key=profile_key(place) if place else "unknown",
        names=names,
        centres=tuple(centres),
        bodies=tuple(bodies),
        board=tuple(board),
        documents=documents,
    )


_HEADER = """\
# Draft profile suggested by `referatgraf profile suggest` from {documents} minutes documents.
# Review it before use: remove what is no unit or body, merge variants of one name, give
# centres the codes the municipality uses. `seen` says in how many items (or meetings) an
# entry was found and where (file#item); `referatgraf extract --profile FILE` ignores it.
# meeting_bodies is left empty: each meeting's own body is read from its minutes.
"""


def draft_yaml(draft: ProfileDraft) -> str:
    """The draft as profile YAML (a mapping :func:`extract.profile.load_profile` reads)."""

    def seen(s: Seen) -> dict:
        return {"items": s.count, "where": list(s.where)}

    data = {
        "municipality": draft.municipality,
        "key": draft.key,
        "names": list(draft.names),
        "meeting_bodies": [],
        "centres": [
            {"code": c.code, "name": c.name, "variants": list(c.variants), "seen": seen(c.seen)}
            for c in draft.centres
        ],
        "bodies": [
            {
                "name": b.name,
                "kind": b.kind,
                "variants": list(b.variants),
                "seen": {**seen(b.seen), "meetings": b.meetings},
            }
            for b in draft.bodies
        ],
        "board": [
            {
                "name": m.name,
                "role": None,
                "seen": {"meetings": m.seen.count, "where": list(m.seen.where)},
                "bodies": list(m.bodies),
            }
            for m in draft.board
        ],
    }
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return _HEADER.format(documents=draft.documents) + body
