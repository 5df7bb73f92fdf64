"""Extraction records → the searchable view of their agenda items.

One :class:`IndexedItem` per agenda item: its searchable fields (title, case number,
section text, decision text, attachment names), the passage shown in snippets, and the
item's centres and strategies read from the same record the graph is built from
(:meth:`extract.model.AgendaItem.entities`), so search results and the graph agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from referatgraf.extract.model import AgendaItem, Record

__all__ = ["FIELDS", "IndexedItem", "indexed_items"]

#: Searchable fields in index column order, with their BM25 weights.
FIELDS: tuple[tuple[str, float], ...] = (
    ("title", 8.0),
    ("case_number", 4.0),
    ("sections", 1.0),
    ("decisions", 2.0),
    ("attachments", 2.0),
)

_NOT_BODY = frozenset({"Beslutning", "Bilag"})


@dataclass(frozen=True, slots=True)
class IndexedItem:
    """What search knows about one agenda item."""

    doc_id: str
    number: int
    date: str | None
    body: str
    title: str
    case_number: str | None
    municipality: str | None
    centres: tuple[str, ...]
    strategies: tuple[str, ...]
    sections: str
    decisions: str
    attachments: str
    text: str  # the item's passage of the source, for snippets

    def field(self, name: str) -> str:
        """The text of one searchable field (see :data:`FIELDS`)."""
        return getattr(self, name) or ""


def _sections_text(item: AgendaItem, text: str) -> str:
    bodies = [text[s.body_start : s.end] for s in item.sections if s.kind not in _NOT_BODY]
    if not item.sections:
        passage = text[item.start : item.end]
        newline = passage.find("\n")
        bodies = [passage[newline + 1 :] if newline >= 0 else ""]
    return "\n".join(bodies)


def indexed_items(doc_id: str, record: Record) -> tuple[IndexedItem, ...]:
    """The searchable view of every agenda item of ``record``.

    Examples
    --------
    >>> from referatgraf.extract.parser import parse_minutes
    >>> from referatgraf.extract.model import Source
    >>> text = (
    ...     "REFERAT Direktionen d. 24-10-2017\\n\\n"
    ...     "Punkt 1: Strategibrev 2018\\n\\n17/10390\\n\\nBaggrund\\n\\nUdkast drøftet.\\n\\n"
    ...     "Beslutning Direktionen den 24-10-2017\\n\\nGodkendt.\\n"
    ... )
    >>> src = Source(path="x.txt", sha256="-", format="text", text_sha256="-")
    >>> [item] = indexed_items("x.txt", parse_minutes(text, document="x.txt", source=src))
    >>> item.title, item.case_number, item.date, item.sections.strip(), item.decisions
    ('Strategibrev 2018', '17/10390', '2017-10-24', 'Udkast drøftet.', 'Godkendt.')
    """
    text = record.text
    municipality = record.source.municipality
    return tuple(
        IndexedItem(
            doc_id=doc_id,
            number=item.number,
            date=record.meeting.date,
            body=record.meeting.body,
            title=item.title,
            case_number=item.case_number,
            municipality=municipality,
            centres=item.entities("centres"),
            strategies=item.entities("strategies"),
            sections=_sections_text(item, text),
            decisions="\n".join(d.text for d in item.decisions),
            attachments="\n".join(a.name for a in item.attachments),
            text=text[item.start : item.end],
        )
        for item in record.items
    )
