"""The JSON form of an extraction record, and back.

The keys of the gold schema (``document``, ``meeting``, ``items`` with ``sections``,
``decisions``, ``attachments`` and the entity lists) come first and keep their meaning;
spans, mentions and the source text are extra keys beside them.
"""

from __future__ import annotations

from typing import Any

from referatgraf.extract.model import (
    ENTITY_TYPES,
    AgendaItem,
    Attachment,
    Decision,
    Meeting,
    Mention,
    Participant,
    Record,
    ReviewNote,
    Section,
    Source,
    Vote,
)

__all__ = ["SCHEMA_VERSION", "record_from_dict", "record_to_dict"]

SCHEMA_VERSION = 1


def _vote_to_dict(v: Vote) -> dict[str, Any]:
    return {
        "position": v.position,
        "parties": list(v.parties),
        "people": list(v.people),
        "people_parties": list(v.people_parties),
        "count": v.count,
        "text": v.text,
        "span": [v.start, v.end],
    }


def _vote_from_dict(d: dict[str, Any]) -> Vote:
    return Vote(
        position=d["position"],
        parties=tuple(d.get("parties", ())),
        people=tuple(d.get("people", ())),
        count=d.get("count"),
        text=d.get("text", ""),
        start=_span(d)[0],
        end=_span(d)[1],
        people_parties=tuple(d.get("people_parties", ())),
    )


def _item_to_dict(item: AgendaItem) -> dict[str, Any]:
    d: dict[str, Any] = {
        "number": item.number,
        "title": item.title,
        "case_number": item.case_number,
        "closed": item.closed,
        "sections": list(item.section_kinds),
        "decisions": [
            {
                "body": x.body,
                "date": x.date,
                "outcome": x.outcome,
                "first_words": x.first_words,
                "text": x.text,
                "span": [x.start, x.end],
                "text_start": x.text_start,
                "votes": [_vote_to_dict(v) for v in x.votes],
            }
            for x in item.decisions
        ],
        "attachments": [a.name for a in item.attachments],
    }
    for type_ in ENTITY_TYPES:
        d[type_] = list(item.entities(type_))
    d["span"] = [item.start, item.end]
    d["section_spans"] = [
        {"kind": s.kind, "heading": s.heading, "span": [s.start, s.end], "body_start": s.body_start}
        for s in item.sections
    ]
    d["attachment_spans"] = [[a.start, a.end] for a in item.attachments]
    d["mentions"] = [
        {"type": m.type, "key": m.key, "text": m.text, "span": [m.start, m.end], "rule": m.rule}
        for m in item.mentions
    ]
    d["review"] = [
        {
            "kind": r.kind,
            "text": r.text,
            "span": [r.start, r.end],
            "suggestion": r.suggestion,
            "message": r.message,
        }
        for r in item.review
    ]
    return d


def record_to_dict(record: Record, *, include_text: bool = True) -> dict[str, Any]:
    """Plain JSON-ready dict of a record (gold-schema keys first)."""
    m = record.meeting
    out: dict[str, Any] = {
        "document": record.document,
        "meeting": {
            "date": m.date,
            "start_time": m.start_time,
            "body": m.body,
            "place": m.place,
            "participants": [p.name for p in m.participants if not p.absent],
            "secretary": m.secretary,
            "absent": [p.name for p in m.participants if p.absent],
            "participant_details": [
                {
                    "name": p.name,
                    "span": [p.start, p.end],
                    "secretary": p.secretary,
                    "absent": p.absent,
                    "role": p.role,
                }
                for p in m.participants
            ],
            "span": [m.start, m.end],
        },
        "items": [_item_to_dict(i) for i in record.items],
        "source": {
            "path": record.source.path,
            "sha256": record.source.sha256,
            "format": record.source.format,
            "text_sha256": record.source.text_sha256,
            "encoding": record.source.encoding,
            "municipality": record.source.municipality,
        },
        "warnings": list(record.warnings),
        "schema_version": SCHEMA_VERSION,
    }
    if include_text:
        out["text"] = record.text
    return out


def _span(d: dict[str, Any]) -> tuple[int, int]:
    s = d.get("span") or (0, 0)
    return int(s[0]), int(s[1])


def record_from_dict(d: dict[str, Any]) -> Record:
    """Inverse of :func:`record_to_dict` (needs the span keys)."""
    md = d["meeting"]
    participants = tuple(
        Participant(
            name=p["name"],
            start=_span(p)[0],
            end=_span(p)[1],
            secretary=bool(p.get("secretary")),
            absent=bool(p.get("absent")),
            role=p.get("role"),
        )
        for p in md.get("participant_details", [])
    )
    meeting = Meeting(
        body=md["body"],
        date=md.get("date"),
        start_time=md.get("start_time"),
        place=md.get("place"),
        participants=participants,
        start=_span(md)[0],
        end=_span(md)[1],
    )
    items = []
    for it in d["items"]:
        start, end = _span(it)
        items.append(
            AgendaItem(
                number=it["number"],
                title=it["title"],
                case_number=it.get("case_number"),
                closed=bool(it.get("closed")),
                start=start,
                end=end,
                sections=tuple(
                    Section(
                        kind=s["kind"],
                        heading=s["heading"],
                        start=_span(s)[0],
                        end=_span(s)[1],
                        body_start=s.get("body_start", _span(s)[0]),
                    )
                    for s in it.get("section_spans", [])
                ),
                decisions=tuple(
                    Decision(
                        body=x["body"],
                        date=x.get("date"),
                        outcome=x["outcome"],
                        text=x.get("text", x.get("first_words", "")),
                        start=_span(x)[0],
                        end=_span(x)[1],
                        text_start=x.get("text_start", _span(x)[0]),
                        votes=tuple(_vote_from_dict(v) for v in x.get("votes", [])),
                    )
                    for x in it.get("decisions", [])
                ),
                attachments=tuple(
                    Attachment(name=n, start=s[0], end=s[1])
                    for n, s in zip(
                        it.get("attachments", []),
                        it.get("attachment_spans", [[0, 0]] * len(it.get("attachments", []))),
                        strict=True,
                    )
                ),
                mentions=tuple(
                    Mention(
                        type=m["type"],
                        key=m["key"],
                        text=m["text"],
                        start=_span(m)[0],
                        end=_span(m)[1],
                        rule=m["rule"],
                    )
                    for m in it.get("mentions", [])
                ),
                review=tuple(
                    ReviewNote(
                        kind=r["kind"],
                        text=r["text"],
                        start=_span(r)[0],
                        end=_span(r)[1],
                        suggestion=r.get("suggestion"),
                        message=r.get("message", ""),
                    )
                    for r in it.get("review", [])
                ),
            )
        )
    sd = d["source"]
    source = Source(
        path=sd["path"],
        sha256=sd["sha256"],
        format=sd.get("format", "text"),
        text_sha256=sd.get("text_sha256", ""),
        encoding=sd.get("encoding", "utf-8"),
        municipality=sd.get("municipality"),
    )
    return Record(
        document=d["document"],
        source=source,
        meeting=meeting,
        items=tuple(items),
        text=d.get("text", ""),
        warnings=tuple(d.get("warnings", ())),
    )
