"""An item's body as marked lines → its sections, decisions, case history and attachments.

Every reader ends here: the text readers mark the lines they found headings on, the
structured readers (XML, JSON, web pages) mark the lines they wrote from headed fields.
A line marked with a section kind starts a section that runs to the next marked line;
a ``Beslutning`` section is a decision (:mod:`extract.decisions` reads its heading), an
attachment line inside a ``Bilag`` section an attachment.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from referatgraf.extract.decisions import DecisionHead, decision_head, is_own_decision
from referatgraf.extract.model import Attachment, Decision, Section
from referatgraf.extract.outcomes import classify_outcome
from referatgraf.extract.sections import HEADINGS

__all__ = [
    "PLATFORM_HEADINGS",
    "BodyLine",
    "ItemBody",
    "assemble_body",
    "heading_of_line",
    "attachment_like",
    "mark_lines",
]

#: Section headings of the meeting systems beside FirstAgenda's (case-folded) → kind.
PLATFORM_HEADINGS: dict[str, str] = {
    "sammendrag": "Resume",
    "resume": "Resume",
    "resumé": "Resume",
    "kort resumé": "Resume",
    "tidligere behandling": "Andet",
    "tidligere beslutninger": "Andet",
    "historik": "Andet",
    "sagsforløb": "Andet",
    "sagens forløb": "Andet",
    "beslutningen træffes af": "Andet",
    "sagen afgøres i": "Andet",
    "beslutningskompetence": "Andet",
    "kompetence": "Andet",
    "økonomiske konsekvenser og finansiering": "Økonomi",
    "økonomi og organisatoriske konsekvenser": "Økonomi",
    "økonomi og finansiering": "Økonomi",
    "økonomiske og personalemæssige konsekvenser": "Økonomi",
    "økonomiske konsekvenser": "Økonomi",
    "oplæg": "Sagsfremstilling",
    "sagsfremstilling": "Sagsfremstilling",
    "supplerende sagsfremstilling": "Sagsfremstilling",
    "sagsbeskrivelse": "Sagsbeskrivelse",
    "beslutningspunkter": "Indstilling",
    "indstilling": "Indstilling",
    "indstillinger": "Indstilling",
    "forslag til beslutning": "Indstilling",
    "administrationens indstilling": "Indstilling",
    "direktørens indstilling": "Indstilling",
    "bilag": "Bilag",
    "bilagsliste": "Bilag",
    "bilagsfortegnelse": "Bilag",
    "baggrund": "Baggrund",
    "sagens baggrund": "Baggrund",
    "lovgrundlag": "Lovgrundlag",
    "retsgrundlag": "Lovgrundlag",
    "høring": "Høring",
    "høringssvar": "Høring",
    "kommunikation": "Kommunikation",
    "tidsplan": "Tidsplan",
    "vurdering": "Vurdering",
    "administrationens vurdering": "Administrationens vurdering",
    "bevillingsmæssige konsekvenser": "Bevillingsmæssige konsekvenser",
    "miljømæssige konsekvenser": "Andet",
    "personalemæssige konsekvenser": "Andet",
    "konsekvenser": "Andet",
    "borgerinddragelse": "Andet",
}
_HEADINGS_FOLDED = {k.casefold(): v for k, v in HEADINGS.items()}


def heading_of_line(line: str) -> str | None:
    """Section kind of a line that stands alone as a heading in an item body, else ``None``.

    Known headings (also with a trailing colon, in any of the systems' wordings) and
    decision headings count; ordinary text does not.

    Examples
    --------
    >>> heading_of_line("Sammendrag"), heading_of_line("Oplæg:"), heading_of_line("Referat:")
    ('Resume', 'Sagsfremstilling', 'Beslutning')
    >>> heading_of_line("Beslutning i Udvalget for plan, udvikling og kultur (PUK) den 20-06-2013")
    'Beslutning'
    >>> heading_of_line("Økonomiske konsekvenser og finansiering"), heading_of_line("Ingen.")
    ('Økonomi', None)
    """
    text = " ".join(line.split())
    if not text or not text[0].isupper():
        return None
    if (len(text) <= 160 or ":" in text[:14]) and decision_head(text) is not None:
        return "Beslutning"
    if len(text) > 160:
        return None
    bare = text.rstrip(":").rstrip()
    folded = bare.casefold()
    return PLATFORM_HEADINGS.get(folded) or _HEADINGS_FOLDED.get(folded)


_ATTACHMENT_LIKE = re.compile(
    r"^(?:Bilag\s*\d+|\d[\d./-]{3,}\s*[-–:]\s|\d{1,2}[.)]?\s*$)|\.(?:pdf|docx?|xlsx?|pptx?|msg|jpe?g|png)\b",
    re.IGNORECASE,
)
NO_ATTACHMENTS = frozenset({"ingen", "ingen.", "-", "intet", "intet.", "ingen bilag"})


def attachment_like(text: str) -> bool:
    """Does a line name an attachment by its form ("Bilag 2", "2012-208960 - Plan", "x.pdf")?

    >>> attachment_like("2012-208960 - Hvordan udvikler vi det nære sundhedsvæsen sammen?")
    True
    >>> attachment_like("c. Konference den 10. december 2012"), attachment_like("Plan.pdf")
    (False, True)
    """
    return bool(_ATTACHMENT_LIKE.search(text.strip()))


def mark_lines(lines: Sequence[tuple[str, int, int]]) -> list[BodyLine]:
    """Body lines (text, start, end; blank lines included) marked: headings with their
    kind, and the lines of a ``Bilag`` section as attachments (except "Ingen").

    The attachments end at a blank line, unless the next line looks like one more
    attachment (:func:`attachment_like`); what follows is text again.

    >>> [(b.text, b.kind, b.attachment) for b in mark_lines(
    ...     [("Baggrund", 0, 8), ("Tekst.", 9, 15), ("Bilag", 16, 21), ("Plan.pdf", 22, 30),
    ...      ("", 31, 31), ("c. Konference", 32, 45)])]
    [('Baggrund', 'Baggrund', False), ('Tekst.', None, False), ('Bilag', 'Bilag', False), ('Plan.pdf', None, True), ('c. Konference', None, False)]
    """
    out: list[BodyLine] = []
    in_bilag = False
    listed = 0  # attachments listed in the open Bilag section
    after_blank = False
    for text, start, end in lines:
        if not text.strip():
            after_blank = True
            continue
        kind = heading_of_line(text)
        if kind:
            in_bilag, listed = kind == "Bilag", 0
            out.append(BodyLine(text, start, end, kind))
        else:
            if in_bilag and after_blank and listed and not attachment_like(text):
                in_bilag = False
            attachment = in_bilag and text.strip().casefold() not in NO_ATTACHMENTS
            listed += attachment
            out.append(BodyLine(text, start, end, attachment=attachment))
        after_blank = False
    return out


@dataclass(frozen=True, slots=True)
class BodyLine:
    """One line of an item body: its text, where it stands, and what it is.

    ``kind`` is the section kind when the line is a section heading; ``attachment``
    marks an attachment name. A decision heading may say whose decision it is itself
    (``decision``, instead of its text being read), and mark it as case ``history``.
    """

    text: str
    start: int
    end: int
    kind: str | None = None
    attachment: bool = False
    decision: DecisionHead | None = None
    history: bool = False


@dataclass(frozen=True, slots=True)
class ItemBody:
    sections: tuple[Section, ...]
    decisions: tuple[Decision, ...]
    history: tuple[Decision, ...]
    attachments: tuple[Attachment, ...]


_AFTER_COLON = re.compile(r":\s*")


def assemble_body(
    lines: Sequence[BodyLine],
    text: str,
    *,
    body: str,
    date: str | None,
    separate_history: bool = True,
) -> ItemBody:
    """Sections, decisions, history and attachments of an item's marked lines.

    ``text`` is the record text the offsets point into; ``body`` and ``date`` are the
    meeting's, for decision headings that do not name their own. With
    ``separate_history``, decisions dated on another day than the meeting go to
    ``history`` (:func:`~extract.decisions.is_own_decision`). A decision heading with
    nothing below it (an agenda's empty decision field) is a section, not a decision.

    Examples
    --------
    >>> text = "Resumé\\n\\nTekst.\\n\\nBeslutning i Udvalget den 10-04-2013\\n\\nUdsat.\\n\\nBeslutning\\n\\nGodkendt."
    >>> def at(s, kind=None):
    ...     i = text.index(s)
    ...     return BodyLine(s, i, i + len(s), kind)
    >>> b = assemble_body([at("Resumé", "Resume"), at("Tekst."),
    ...                    at("Beslutning i Udvalget den 10-04-2013", "Beslutning"), at("Udsat."),
    ...                    at("Beslutning", "Beslutning"), at("Godkendt.")],
    ...                   text, body="Udvalget", date="2013-06-20")
    >>> [(d.date, d.outcome) for d in b.decisions], [(d.date, d.outcome) for d in b.history]
    ([('2013-06-20', 'approved')], [('2013-04-10', 'postponed')])
    """
    heads = [k for k, line in enumerate(lines) if line.kind]
    sections: list[Section] = []
    decisions: list[Decision] = []
    history: list[Decision] = []
    attachments: list[Attachment] = []
    for n, k in enumerate(heads):
        head = lines[k]
        kind = head.kind
        assert kind is not None
        stop = heads[n + 1] if n + 1 < len(heads) else len(lines)
        below = lines[k + 1 : stop]
        end = below[-1].end if below else head.end
        sections.append(Section(kind, head.text, head.start, end, head.end))
        if kind == "Beslutning":
            found = head.decision or decision_head(head.text)
            text_start = below[0].start if below else head.end
            if found is not None and found.inline:
                colon = _AFTER_COLON.search(text, head.start, head.end)
                if colon is not None:
                    text_start = colon.end()
            if text_start >= end:
                text_start = end
            decision_text = text[text_start:end]
            if not decision_text.strip():
                continue  # an empty decision field (an agenda, or not yet decided)
            by = found.body if found and found.body else body
            on = found.date if found and found.date else date
            decision = Decision(
                body=by,
                date=on,
                outcome=classify_outcome(decision_text),
                text=decision_text,
                start=head.start,
                end=end,
                text_start=text_start,
            )
            own = not head.history and (
                not separate_history or is_own_decision(found.date if found else None, date)
            )
            (decisions if own else history).append(decision)
        elif kind == "Bilag":
            attachments.extend(
                Attachment(" ".join(line.text.split()), line.start, line.end)
                for line in below
                if line.attachment
            )
    return ItemBody(tuple(sections), tuple(decisions), tuple(history), tuple(attachments))
