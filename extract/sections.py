"""Section headings, decision blocks and attachment lines inside one agenda item."""

from __future__ import annotations

import re

from referatgraf.extract.dates import parse_dmy
from referatgraf.extract.lines import Line
from referatgraf.extract.model import Attachment, Decision, Section
from referatgraf.extract.outcomes import classify_outcome

__all__ = ["HEADINGS", "heading_kind", "parse_item_body"]

#: Heading line (exactly as it stands alone on a line) → canonical section kind.
HEADINGS: dict[str, str] = {
    "Baggrund": "Baggrund",
    "Sagens baggrund": "Baggrund",
    "Indstilling": "Indstilling",
    "Indstillinger": "Indstilling",
    "Forslag": "Indstilling",
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
    r"(?:den|d\.|fra)\s+(?P<date>\d{1,2}[-./]\d{1,2}[-./]\d{4})(?:\s+kl\.?\s*[\d:.]+)?\s*:?$"
)


def heading_kind(line: str) -> str | None:
    """Section kind of a heading line, or ``None`` for ordinary text.

    Examples
    --------
    >>> heading_kind("Baggrund"), heading_kind("Beslutning Direktionen den 24-10-2017")
    ('Baggrund', 'Beslutning')
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
            date = parse_dmy(m.group("date")) if m else default_date
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
