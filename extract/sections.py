"""Section headings, decision blocks and attachment lines inside one agenda item."""

from __future__ import annotations

import re

from referatgraf.extract.dates import DATE_PATTERN, parse_danish_date
from referatgraf.extract.lines import Line
from referatgraf.extract.model import Attachment, Decision, Section
from referatgraf.extract.outcomes import classify_outcome

__all__ = ["HEADINGS", "closed_item_decision", "heading_kind", "parse_item_body"]

#: Heading line (exactly as it stands alone on a line) → canonical section kind.
HEADINGS: dict[str, str] = {
    "Baggrund": "Baggrund",
    "Sagens baggrund": "Baggrund",
    "Indstilling": "Indstilling",
    "Indstillinger": "Indstilling",
    "Forslag": "Indstilling",
    "Anbefaling": "Indstilling",
    "Indstilling og beslutning": "Indstilling",  # København: the decision follows under it
    "Forslag til beslutning": "Indstilling",
    "Administrationens indstilling": "Indstilling",
    "Direktionens indstilling": "Indstilling",
    "Beslutning": "Beslutning",
    "Beslutninger": "Beslutning",
    "Sagsfremstilling": "Sagsfremstilling",
    "Økonomi": "Økonomi",
    "Økonomiske konsekvenser": "Økonomi",
    "Økonomi og finansiering": "Økonomi",
    "Bevillingsmæssige konsekvenser": "Bevillingsmæssige konsekvenser",
    "Bilag": "Bilag",
    "Bilagsliste": "Bilag",
    "Resume": "Resume",
    "Resumé": "Resume",
    "Sagsbeskrivelse": "Sagsbeskrivelse",
    "Fremstilling": "Fremstilling",
    "Sagsprocedure": "Sagsprocedure",
    "Lovgrundlag": "Lovgrundlag",
    "Retsgrundlag": "Lovgrundlag",
    "Høring": "Høring",
    "Kommunikation": "Kommunikation",
    "Tidsplan": "Tidsplan",
    "Vurdering": "Vurdering",
    "Administrationens vurdering": "Administrationens vurdering",
}
_HEADINGS_FOLDED = {k.casefold(): v for k, v in HEADINGS.items()}

DECISION_HEADING = re.compile(
    r"^(?:Beslutning(?:er)?|Behandling)\s+(?:i\s+|på\s+)?(?P<body>\S.*?)\s+"
    rf"(?:den|d\.|fra)\s+(?P<date>{DATE_PATTERN})(?:\s+kl\.?\s*[\d:.]+)?\s*:?$"
)


def heading_kind(line: str) -> str | None:
    """Section kind of a heading line, or ``None`` for ordinary text.

    Examples
    --------
    >>> heading_kind("Baggrund"), heading_kind("Beslutning Direktionen den 24-10-2017")
    ('Baggrund', 'Beslutning')
    >>> heading_kind("Beslutning i Byrådet den 1. oktober 2018")
    'Beslutning'
    >>> heading_kind("Beslutning om tilskud den 3. gang 2018") is None
    True
    >>> heading_kind("Bilag:") is None, heading_kind("- Økonomi") is None
    (True, True)
    """
    kind = HEADINGS.get(line)
    if kind:
        return kind
    if len(line) > 120:
        return None
    if len(line) < 40 and line[:1].isupper():
        kind = _HEADINGS_FOLDED.get(line.casefold())
        if kind and (line.isupper() or line[1:].islower() or line in HEADINGS):
            return kind
    if line.startswith(("Beslutning", "Behandling")) and DECISION_HEADING.match(line):
        return "Beslutning"
    return None


_RECOMMENDS = re.compile(r"(?i)\bindstill(?:er|es|ede)\b")
_RECOMMENDED = re.compile(r"(?i)\b(?:godkend|tages|drøft)")


def _recommends(line: str) -> bool:
    """A line that reads like a recommendation: "X indstiller, at …", "… at sagen godkendes"
    (two plain searches: linear on any line)."""
    return bool(_RECOMMENDS.search(line)) or (" at " in line and bool(_RECOMMENDED.search(line)))


def _attachment_entries_dropped(
    lines: list[Line], heads: list[tuple[int, str]], hi: int
) -> list[tuple[int, str]]:
    r"""Headings that are in fact the first entry of an attachment list, taken out.

    An attachment list often starts with the recommendation itself ("Bilag" / "Indstilling" /
    "Bilag 1: …"). The line after "Bilag" is such an entry, not a new section, when no
    line up to the next heading reads like a recommendation ("X indstiller, at …").

    >>> from referatgraf.extract.lines import split_lines
    >>> ls = split_lines("Bilag\n\nIndstilling\n\nBilag 1: Plan.pdf\n\nNotat MTM")
    >>> _attachment_entries_dropped(ls, [(0, "Bilag"), (2, "Indstilling")], len(ls))
    [(0, 'Bilag')]
    >>> ls = split_lines("Bilag\n\nIndstilling\n\nAdministrationen indstiller, at sagen godkendes.")
    >>> _attachment_entries_dropped(ls, [(0, "Bilag"), (2, "Indstilling")], len(ls))
    [(0, 'Bilag'), (2, 'Indstilling')]
    """
    out: list[tuple[int, str]] = []
    for n, (k, kind) in enumerate(heads):
        prev = out[-1] if out else None
        if kind == "Indstilling" and prev and prev[1] == "Bilag":
            between = [ln for ln in lines[prev[0] + 1 : k] if not ln.blank]
            nxt = heads[n + 1][0] if n + 1 < len(heads) else hi
            after = [ln for ln in lines[k + 1 : nxt] if not ln.blank]
            if not between and not any(_recommends(ln.text) for ln in after):
                continue  # the first attachment is the recommendation document
        out.append((k, kind))
    return out


def _last_text_end(lines: list[Line], lo: int, hi: int, default: int) -> int:
    for k in range(hi - 1, lo - 1, -1):
        if not lines[k].blank:
            return lines[k].end
    return default


def parse_item_body(
    lines: list[Line],
    lo: int,
    hi: int,
    text: str,
    *,
    default_body: str,
    default_date: str | None,
) -> tuple[tuple[Section, ...], tuple[Decision, ...], tuple[Attachment, ...]]:
    """Sections, decisions and attachments of the item body ``lines[lo:hi]``."""
    heads = [(k, kind) for k in range(lo, hi) if (kind := heading_kind(lines[k].text))]
    heads = _attachment_entries_dropped(lines, heads, hi)
    sections: list[Section] = []
    decisions: list[Decision] = []
    attachments: list[Attachment] = []
    for n, (k, kind) in enumerate(heads):
        nxt = heads[n + 1][0] if n + 1 < len(heads) else hi
        head = lines[k]
        end = _last_text_end(lines, k + 1, nxt, head.end)
        sections.append(Section(kind, head.text, head.start, end, head.end))
        if kind == "Beslutning":
            m = DECISION_HEADING.match(head.text)
            body = m.group("body").strip() if m else default_body
            date = parse_danish_date(m.group("date")) if m else default_date
            first = next((ln for ln in lines[k + 1 : nxt] if not ln.blank), None)
            text_start = first.start if first else head.end
            decision_text = text[text_start:end] if first else ""
            decisions.append(
                Decision(
                    body=body,
                    date=date,
                    outcome=classify_outcome(decision_text),
                    text=decision_text,
                    start=head.start,
                    end=end,
                    text_start=text_start,
                )
            )
        elif kind == "Bilag":
            attachments.extend(
                Attachment(ln.text, ln.start, ln.end) for ln in lines[k + 1 : nxt] if not ln.blank
            )
    return tuple(sections), tuple(decisions), tuple(attachments)


def closed_item_decision(
    lines: list[Line],
    lo: int,
    hi: int,
    text: str,
    *,
    default_body: str,
    default_date: str | None,
) -> Decision | None:
    r"""The decision of a closed item printed without a heading (its whole body), if any.

    A closed item publishes at most its decision; when that text is printed the item is
    read like an open one.

    >>> from referatgraf.extract.lines import split_lines
    >>> t = "Punkt 3: Lukket: Orientering\n\n21-013720\n\nOrienteringen blev taget til efterretning."
    >>> ls = split_lines(t)
    >>> d = closed_item_decision(ls, 4, len(ls), t, default_body="Byrådet", default_date=None)
    >>> d.text, d.outcome
    ('Orienteringen blev taget til efterretning.', 'noted')
    >>> closed_item_decision(ls, len(ls), len(ls), t, default_body="Byrådet", default_date=None)
    """
    body = [ln for ln in lines[lo:hi] if not ln.blank]
    if not body:
        return None
    start, end = body[0].start, body[-1].end
    decision_text = text[start:end]
    return Decision(
        body=default_body,
        date=default_date,
        outcome=classify_outcome(decision_text),
        text=decision_text,
        start=start,
        end=end,
        text_start=start,
    )
