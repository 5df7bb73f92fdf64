"""EntityExtractor: fills each open agenda item's mentions and review notes."""

from __future__ import annotations

import bisect
import copy
import dataclasses
import re
from collections.abc import Iterable

from spacy.language import Language

from referatgraf.extract.entities.acronyms import find_acronyms
from referatgraf.extract.entities.authorities import find_authorities
from referatgraf.extract.entities.bodies import find_bodies
from referatgraf.extract.entities.councils import committee_abbreviations, meeting_body_keys
from referatgraf.extract.entities.denmark import party_by_letter
from referatgraf.extract.entities.known_orgs import known_organisations
from referatgraf.extract.entities.lexicons import common_words, nordic_first_names
from referatgraf.extract.entities.nlp import GAZETTEER, build_nlp, gazetteer_windows
from referatgraf.extract.entities.orgs import defined_acronyms, find_organisations, own_municipality
from referatgraf.extract.entities.parties import find_parties, item_vote_phrases, party_names
from referatgraf.extract.entities.people import find_labelled_people, find_people
from referatgraf.extract.entities.resolve import canonical_keys, unify_case
from referatgraf.extract.entities.strategies import (
    find_strategies,
    programme_names,
    umbrella_programme,
)
from referatgraf.extract.entities.text import SpanIndex
from referatgraf.extract.entities.units import (
    Unit,
    discover_units,
    find_units,
    normal_name,
    unit_key,
)
from referatgraf.extract.model import AgendaItem, Decision, Mention, Record, ReviewNote
from referatgraf.extract.profile import Profile
from referatgraf.extract.votes import votes_in

__all__ = ["EntityExtractor", "has_text"]

_PROPOSER = re.compile(r"\s*(?:- )?([^\n]{2,400}?)\s+(?:indstiller|anbefaler)\b")
#: The longest actor phrase read before the verb unless it lists the joint proposers.
_PROPOSER_MAX = 120
#: What may stand between two joint proposers: "X, Y og Z", "X samt Y".
_JOINT_GAP = re.compile(r"\s*(?:,\s*(?:og\s+|samt\s+)?|og\s+|samt\s+)")
_SPACE = re.compile(r"\s*")
_FROM_HEADING = re.compile(r"(?im)^indstilling fra\s+([^\n]{2,120}?)[ \t]*:?[ \t]*$")
_ENDORSES = re.compile(r"\btiltræder\s+(?:hermed\s+)?([^.\n]{2,200}?)\s+indstilling\b")
_ADMINISTRATION = re.compile(r"(?i)administrationens|forvaltningens")
_PROGRAMME_GROUPS = re.compile(r"(?i)(?<![\w-])(?:program)?styregrupper(?:ne)?(?![\w-])")
#: The rules that read an organisation from the form of its name alone.
_BY_FORM = frozenset({"association", "company-form"})
_TYPE_ORDER = {"centres": 0, "bodies": 1, "organisations": 2, "strategies": 3, "people": 4}


def _nickname_pattern(name: str) -> re.Pattern[str] | None:
    """'Nye Rammer - Ny Administration' → matches 'Ny-Ny', 'NY NY', 'ny ny'."""
    halves = re.split(r"\s+-\s+", name)
    if len(halves) != 2:
        return None
    firsts = [h.split()[0] for h in halves]
    alts = ["|".join(re.escape(w[:n]) for n in range(len(w), 1, -1)) for w in firsts]
    return re.compile(rf"(?i)(?<![\w-])(?:{alts[0]})[- ](?:{alts[1]})(?![\w-])")


def _stem_pattern(name: str) -> re.Pattern[str] | None:
    """The indefinite form of a one-word definite name: 'Monopolbruddet' → 'monopolbrud'."""
    if " " in name or not name.endswith(("et", "en")) or len(name) < 8:
        return None
    stem = name[:-2]
    if stem[-1] == stem[-2]:
        stem = stem[:-1]
    return re.compile(rf"(?i)(?<![\w-]){re.escape(stem)}(?![\w-])")


def _name_pattern(name: str) -> re.Pattern[str]:
    """A name as written anywhere: any case, any dash, any spacing; a one-word name that
    is also a common word only with its capital ("Velfærdsteknologi")."""
    parts = [re.escape(p) for p in re.split(r"\s+[-–]\s+", name)]
    body = r"\s+[-–]\s+".join(p.replace(r"\ ", r"\s+") for p in parts)
    if " " not in name and name.lower() in common_words():
        return re.compile(rf"(?<![\w-]){body}(?![\w-])")
    return re.compile(rf"(?i)(?<![\w-]){body}(?![\w-])")


def _drop_contained(mentions: list[Mention]) -> list[Mention]:
    """Drop a mention lying inside a longer mention of the same type."""
    out = []
    by_type: dict[str, list[Mention]] = {}
    for m in mentions:
        by_type.setdefault(m.type, []).append(m)
    for group in by_type.values():
        group.sort(key=lambda m: (m.start, -m.end))
        reach_end, reach_start = -1, -1
        for m in group:
            if m.end <= reach_end and (m.end - m.start) < (reach_end - reach_start):
                continue
            out.append(m)
            if m.end > reach_end:
                reach_start, reach_end = m.start, m.end
    return out


_PRODUCT_WORD = re.compile(r" [A-ZÆØÅ][a-zæøå]+\b")


def _drop_products(mentions: list[Mention], text: str) -> list[Mention]:
    """A known organisation's name followed by a capitalised word names a product ("KMD Sag")."""
    return [
        m
        for m in mentions
        if not (
            m.type == "organisations"
            and m.rule in ("known", "acronym")
            and _PRODUCT_WORD.match(text, m.end)
            and m.text == m.key
        )
    ]


#: "EU-udbud", "EU-regler": a procedure or rule named after an organisation, not the
#: organisation.
_REGULATORY = re.compile(
    r"-[a-zæøå]*(?:udbud(?:det|dene|et)?|regler(?:ne)?|regel(?:en)?|regelsæt(?:tet)?"
    r"|direktiv(?:et|er|erne)?|lovgivning(?:en)?|ret(?:ten)?|krav(?:et|ene)?"
    r"|forordning(?:en|er)?|tærskelværdi(?:en|er)?|standard(?:en|er)?|borgere?|niveau(?:et)?"
    r"|lande?(?:ne)?)(?![\w-])"
)
#: Rules of the profile's and the lexicons' phrase matches: they win over generic rules.
_LEXICON_RULES = frozenset(["known", "party", "name", "profile"])


def _drop_regulatory(mentions: list[Mention], text: str) -> list[Mention]:
    return [
        m for m in mentions if not (m.type == "organisations" and _REGULATORY.match(text, m.end))
    ]


def _prefer_lexicons(mentions: list[Mention]) -> list[Mention]:
    """Where a lexicon or profile match and a generic rule read the same text, the lexicon
    wins: a known organisation is no council ("Dansk Sygeplejeråd"), the profile's name of a
    centre or body is its key. Exact duplicates are dropped."""
    known = [m for m in mentions if m.rule in _LEXICON_RULES]
    index = SpanIndex((m.start, m.end) for m in known)
    by_type: dict[str, SpanIndex] = {}
    for type_ in ("centres", "bodies", "organisations"):
        by_type[type_] = SpanIndex((m.start, m.end) for m in known if m.type == type_)
    orgs = SpanIndex((m.start, m.end) for m in known if m.type == "organisations")
    out: list[Mention] = []
    seen: set[tuple[str, str, int, int]] = set()
    for m in mentions:
        ident = (m.type, m.key, m.start, m.end)
        if ident in seen:
            continue
        seen.add(ident)
        if m.rule not in _LEXICON_RULES and m.type in by_type and index.overlaps(m.start, m.end):
            same_type = by_type[m.type].overlaps(m.start, m.end)
            if same_type or (m.type in ("bodies", "centres") and orgs.overlaps(m.start, m.end)):
                continue
        out.append(m)
    return out


@dataclasses.dataclass(frozen=True, slots=True)
class _Context:
    """What one document says once for all its items."""

    defined: dict[str, str]  # acronym → organisation name ("DSD" → "Den … forening")
    programmes: list[str]  # programme names the document introduces
    umbrella: str | None  # the programme others run under
    own_names: tuple[str, ...]  # the municipality's own names (never an organisation)
    units: tuple[Unit, ...] = ()  # the top-level units the document names
    committee_codes: dict[str, str] = dataclasses.field(default_factory=dict)  # "KTMU" → name


class EntityExtractor:
    """Entities with provenance for records of one municipality profile.

    The spaCy pipeline is built once, here; :meth:`annotate` is a pure function of
    the record.
    """

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self.nlp: Language = build_nlp(profile)
        common_words()  # load the lexicon now, not on the first document
        self.centre_codes: dict[str, str] = {}
        for c in profile.centres:
            self.centre_codes[c.code] = c.code
            for v in c.variants:
                if v.isupper() and len(v) <= 6:
                    self.centre_codes[v] = c.code
        #: "HR" for "HR-Centret": a centre named after an abbreviated area, by that area
        self.area_codes = {
            m.group(1): c.code
            for c in profile.centres
            if (m := re.match(r"([A-ZÆØÅ]{2,4})-[Cc]ent(?:ret|eret|er)$", c.name))
        }
        self.body_codes = {
            v: b.name for b in profile.bodies for v in b.variants if v.isupper() and len(v) <= 6
        }
        self.org_codes = {
            a: key for key, aliases in known_organisations().items() for a in aliases if a.isupper()
        }
        self.meeting_bodies = {b.lower() for b in profile.meeting_bodies}
        #: the profile's centres by every spelling of their names (generic units map to them)
        self.centre_names = {
            normal_name(v): c.code for c in profile.centres for v in (c.name, *c.variants)
        }

    def same_organisation(self, profile: Profile) -> bool:
        """Whether ``profile`` has this extractor's centres, bodies and meeting bodies."""
        return _organisation(profile) == _organisation(self.profile)

    def for_profile(self, profile: Profile) -> EntityExtractor:
        """This extractor for ``profile``: when its organisation (centres, bodies, meeting
        bodies) is this profile's — minimal profiles of municipalities differ only in their
        names — the spaCy pipeline and the code tables are shared, not built again.

        >>> from referatgraf.extract.profile import EMPTY_PROFILE, municipality_profile
        >>> ex = EntityExtractor(EMPTY_PROFILE)
        >>> twin = ex.for_profile(municipality_profile("Ballerup Kommune"))
        >>> twin.nlp is ex.nlp, twin.profile.key, ex.profile.key
        (True, 'ballerup', 'unknown')
        """
        if not self.same_organisation(profile):
            return EntityExtractor(profile)
        twin = copy.copy(self)
        twin.profile = profile
        return twin

    # -- per item -------------------------------------------------------------------
    def _item_mentions(
        self,
        text: str,
        spans: Iterable[tuple[str, str, int, int]],
        context: _Context,
        section_starts: tuple[int, ...],
    ) -> tuple[list[Mention], list[ReviewNote]]:
        defined, programmes, umbrella = context.defined, context.programmes, context.umbrella
        spans = list(spans)
        low = text.lower()
        out: list[Mention] = []
        kinds = {
            "CENTRE": ("centres", "name"),
            "BODY": ("bodies", "profile"),
            "ORG": ("organisations", "known"),
        }
        own = {n.lower() for n in context.own_names}
        for kind, key, s, e in spans:
            if kind in kinds and not (kind == "ORG" and key.lower() in own):
                type_, rule = kinds[kind]
                out.append(Mention(type_, key, text[s:e], s, e, rule))
        orgs = dict(self.org_codes)
        orgs.update({a: a for a in defined})
        centres = {**self.area_codes, **self.centre_codes}
        centres.update({u.abbreviation: u.key for u in context.units if u.abbreviation})
        bodies = {**context.committee_codes, **self.body_codes}
        acr, notes = find_acronyms(text, centres=centres, bodies=bodies, organisations=orgs)
        # an area alone is the centre; in a compound it names something else ("HR-porten")
        out += [
            m for m in acr if not (m.text in self.area_codes and text[m.end : m.end + 1] == "-")
        ]
        out += find_units(text, context.units, low=low)
        out += find_authorities(text, low=low, own_names=context.own_names)
        phrases = item_vote_phrases(text, low)
        out += find_parties(text, spans, low=low, phrases=phrases)
        firsts = frozenset(k for kind, k, _, _ in spans if kind.startswith("FIRST"))
        out += find_organisations(
            text,
            low=low,
            own_names=context.own_names,
            exclude=firsts | frozenset(self.centre_codes) | frozenset(self.body_codes),
        )
        out += find_bodies(text, low=low, section_starts=section_starts)
        if umbrella:
            for m in _PROGRAMME_GROUPS.finditer(text):
                key = f"Programstyregrupperne ({umbrella})"
                out.append(
                    Mention("bodies", key, m.group(), m.start(), m.end(), "programme-groups")
                )
        out += find_strategies(text, low=low, own_names=context.own_names)
        named = [
            Mention("organisations", acr, m.group(), m.start(), m.end(), "defined-name")
            for acr, name in defined.items()
            for m in _name_pattern(name).finditer(text)
        ]
        if named:  # a name read by its form that an acronym defines goes under the acronym
            spans_named = {(m.start, m.end) for m in named}
            out = [
                m for m in out if m.rule not in _BY_FORM or (m.start, m.end) not in spans_named
            ] + named
        for name in programmes:
            patterns = (_name_pattern(name), _nickname_pattern(name), _stem_pattern(name))
            for rx in filter(None, patterns):
                for m in rx.finditer(text):
                    out.append(
                        Mention("strategies", name, m.group(), m.start(), m.end(), "programme-name")
                    )
        taken = SpanIndex((m.start, m.end) for m in out if m.type != "strategies")
        people = find_people(text, spans)
        found = SpanIndex((p.start, p.end) for p in people)
        voters = [(v.key, v.start, v.end) for p in phrases for v in p.voters if v.kind == "person"]
        # members named with a party letter or listed as voters, whatever their first name
        people += [
            p
            for p in find_labelled_people(text, party_by_letter(), voters)
            if not found.overlaps(p.start, p.end)
        ]
        out += [p for p in people if not taken.overlaps(p.start, p.end)]
        out = _prefer_lexicons(_drop_regulatory(out, text))
        return _drop_contained(_drop_products(out, text)), notes

    def _proposers(
        self,
        record: Record,
        item: AgendaItem,
        mentions: list[Mention],
        units: tuple[Unit, ...] = (),
    ) -> list[Mention]:
        out = []
        ordered = sorted(mentions, key=lambda x: x.start)
        starts = [x.start for x in ordered]

        def within(s: int, e: int) -> list[Mention]:  # by bisection: linear in the item
            k = bisect.bisect_left(starts, s)
            found = []
            while k < len(ordered) and ordered[k].start < e:
                if ordered[k].end <= e:
                    found.append(ordered[k])
                k += 1
            return found

        for sec in item.sections:
            if sec.kind != "Indstilling":
                continue
            m = _PROPOSER.match(record.text, sec.body_start, sec.end)
            if not m or "\n\n" in m.group(1):
                continue
            s, e = m.span(1)
            inner = [x for x in within(s, e) if x.type != "people"]
            joint = _joint_actors(record.text, s, e, inner)
            if len(joint) > 1:  # "X og Y indstiller": each is a proposer
                out += [
                    Mention("proposers", x.key, x.text, x.start, x.end, "indstiller") for x in joint
                ]
                continue
            if e - s > _PROPOSER_MAX:
                continue
            inner.sort(key=lambda x: (_TYPE_ORDER.get(x.type, 9), x.start))
            key = inner[0].key if inner else m.group(1).strip()
            out.append(Mention("proposers", key, m.group(1), s, e, "indstiller"))
        # "INDSTILLING FRA X" as a heading, and "… tiltræder X's indstilling" anywhere (the
        # body that forwards a recommendation does not propose it)
        for rx, rule in ((_FROM_HEADING, "indstilling-fra"), (_ENDORSES, "tiltræder")):
            for m in rx.finditer(record.text, item.start, item.end):
                s, e = m.span(1)
                inner = within(s, e)
                units = [x for x in inner if x.type in ("centres", "bodies")]
                if units:
                    out += [
                        Mention("proposers", x.key, x.text, x.start, x.end, rule) for x in units
                    ]
                elif _ADMINISTRATION.fullmatch(m.group(1)):
                    out.append(Mention("proposers", "Administrationen", m.group(1), s, e, rule))
                elif rule == "indstilling-fra" and not inner:
                    written = " ".join(m.group(1).split())
                    key = unit_key(written, units) or self._profile_centre(written) or written
                    out.append(Mention("proposers", key, m.group(1), s, e, rule))
        return out

    # -- per record -----------------------------------------------------------------
    def _find(
        self, record: Record, item: AgendaItem, context: _Context
    ) -> tuple[list[Mention], list[ReviewNote]]:
        """Mentions (provisional keys) and review notes of one open item, record offsets."""
        item_text = record.text[item.start : item.end]
        gazetteer = self.nlp.get_pipe(GAZETTEER)
        # only the windows that can hold a phrase match go through spaCy
        spans = [
            (kind, key, s + a, s + b)
            for s, e in gazetteer_windows(item_text, gazetteer)
            for kind, key, a, b in gazetteer.matches(self.nlp.make_doc(item_text[s:e]))
        ]
        section_starts = tuple(sec.start - item.start for sec in item.sections)
        ms, notes = self._item_mentions(item_text, spans, context, section_starts)
        shift = item.start
        ms = [Mention(m.type, m.key, m.text, m.start + shift, m.end + shift, m.rule) for m in ms]
        notes = [dataclasses.replace(n, start=n.start + shift, end=n.end + shift) for n in notes]
        return ms, notes

    def _own_names(self, record: Record, body_text: str) -> tuple[str, ...]:
        names = list(self.profile.names)
        if record.source.municipality:
            names.append(record.source.municipality)
        if not self.profile.centres:  # no profile: the municipality the text names most
            guess = own_municipality(body_text)
            if guess:
                names += [guess, guess.rsplit(" ", 1)[0]]
        return tuple(names)

    def _context(self, record: Record, body_text: str) -> _Context:
        units = tuple(self._profile_unit(u) for u in discover_units(body_text))
        return _Context(
            defined=defined_acronyms(body_text),
            programmes=programme_names(body_text),
            umbrella=umbrella_programme(body_text),
            own_names=self._own_names(record, body_text),
            units=units,
            committee_codes=committee_abbreviations(body_text),
        )

    def _profile_centre(self, name: str) -> str | None:
        return self.centre_names.get(normal_name(name))

    def _profile_unit(self, unit: Unit) -> Unit:
        """A unit the profile knows takes the profile's code as its key."""
        for form in (unit.name, *unit.forms):
            code = self.centre_names.get(normal_name(form))
            if code:
                return dataclasses.replace(unit, key=code)
        return unit

    def _own_bodies(self, record: Record) -> frozenset[str]:
        """The meeting's own body under every key it may have (lower case)."""
        own = set(self.meeting_bodies) | meeting_body_keys(record.meeting.body)
        for b in self.profile.bodies:
            if record.meeting.body.lower() in {v.lower() for v in (b.name, *b.variants)}:
                own.add(b.name.lower())
        return frozenset(own)

    def _votes(self, record: Record, item: AgendaItem, low: str) -> tuple[Decision, ...]:
        return tuple(
            dataclasses.replace(
                d,
                votes=votes_in(
                    record.text,
                    d.text_start,
                    d.end,
                    letters=party_by_letter(),
                    names=party_names(),
                    first_names=nordic_first_names(),
                    low=low,
                ),
            )
            for d in item.decisions
        )

    def annotate(self, record: Record) -> Record:
        """The record with mentions, review notes and votes filled for every item with text.

        An open item is read whole; a closed item only when its text is printed (it has
        sections or a decision). The header and the table of contents get no mentions.
        """
        readable = [k for k, it in enumerate(record.items) if has_text(it)]
        body_text = "\n".join(
            record.text[record.items[k].start : record.items[k].end] for k in readable
        )
        context = self._context(record, body_text)
        found = {k: self._find(record, record.items[k], context) for k in readable}
        year = int(record.meeting.date[:4]) if record.meeting.date else None
        keys = canonical_keys(
            [m for ms, _ in found.values() for m in ms],
            participants=[p.name for p in record.meeting.participants],
            year=year,
        )
        own_bodies = self._own_bodies(record)
        low = record.text.lower()  # once per record, for every decision's votes
        items: list[AgendaItem] = []
        for k, item in enumerate(record.items):
            if k not in found:
                items.append(dataclasses.replace(item, mentions=(), review=()))
                continue
            ms, notes = found[k]
            fixed = [
                dataclasses.replace(m, key=keys[(m.type, m.key)])
                for m in ms
                if not (m.type == "bodies" and m.key.lower() in own_bodies)
            ]
            fixed += self._proposers(record, item, fixed, context.units)
            items.append(
                dataclasses.replace(
                    item,
                    mentions=tuple(fixed),
                    review=tuple(notes),
                    decisions=self._votes(record, item, low),
                )
            )
        cased = unify_case(m.key for it in items for m in it.mentions)
        items = [
            dataclasses.replace(
                it,
                mentions=tuple(
                    sorted(
                        (dataclasses.replace(m, key=cased[m.key]) for m in it.mentions),
                        key=lambda m: (m.start, m.end, m.type),
                    )
                ),
            )
            for it in items
        ]
        return dataclasses.replace(record, items=tuple(items))


def _joint_actors(text: str, start: int, end: int, inner: list[Mention]) -> list[Mention]:
    """The centres and bodies that make up all of ``text[start:end]`` as a list, or [].

    >>> t = "Center for Teknik & Miljø og Center for Sundhed & Pleje"
    >>> ms = [Mention("centres", "CTM", t[:25], 0, 25, "unit"),
    ...       Mention("centres", "CSP", t[29:], 29, len(t), "unit")]
    >>> [m.key for m in _joint_actors(t, 0, len(t), ms)]
    ['CTM', 'CSP']
    >>> u = t + " og en arbejdsgruppe"
    >>> _joint_actors(u, 0, len(u), ms)
    []
    """
    units = sorted(
        (x for x in inner if x.type in ("centres", "bodies")), key=lambda x: (x.start, -x.end)
    )
    pos, out = start, []
    for x in units:
        if x.start < pos:
            continue  # inside the one before
        gap = _JOINT_GAP if out else _SPACE
        if gap.fullmatch(text, pos, x.start) is None:
            return []
        out.append(x)
        pos = x.end
    if not out or text[pos:end].strip():
        return []
    return out


def has_text(item: AgendaItem) -> bool:
    """An item whose text is read for entities: open, or closed with its text printed.

    >>> has_text(AgendaItem(2, "Lukket", "16/1", True, 0, 20))
    False
    """
    return not item.closed or bool(item.sections or item.decisions)


def _organisation(profile: Profile) -> tuple[object, ...]:
    """What the spaCy pipeline and the code tables of an extractor are made from."""
    return (profile.centres, profile.bodies, profile.meeting_bodies)
