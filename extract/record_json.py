"""The JSON form of an extraction record, and back.

The keys of the gold schema (``document``, ``meeting``, ``items`` with ``sections``,
``decisions``, ``attachments``, the entity lists and ``roles``: centre code → role, as
``score_roles.py`` reads it) come first and keep their meaning; spans, mentions, the
roles' justifying spans (``role_evidence``) and the source text are extra keys beside them.
"""

from __future__ import annotations

from typing import Any

from referatgraf.extract.model import (
    ENTITY_TYPES,
    AgendaItem,
    Decision,
    Record,
    Vote,
)

__all__ = ["SCHEMA_VERSION", "record_to_dict"]

SCHEMA_VERSION = 1


def _decision_dict(x: Decision) -> dict[str, Any]:
    return {
        "body": x.body,
        "date": x.date,
        "outcome": x.outcome,
        "first_words": x.first_words,
        "text": x.text,
        "span": [x.start, x.end],
        "text_start": x.text_start,
        "votes": [_vote_dict(v) for v in x.votes],
    }


def _vote_dict(v: Vote) -> dict[str, Any]:
    return {
        "position": v.position,
        "parties": list(v.parties),
        "people": list(v.people),
        "people_parties": list(v.people_parties),
        "count": v.count,
        "text": v.text,
        "span": [v.start, v.end],
    }


def _item_to_dict(item: AgendaItem) -> dict[str, Any]:
    d: dict[str, Any] = {
        "number": item.number,
        "title": item.title,
        "case_number": item.case_number,
        "closed": item.closed,
        "sections": list(item.section_kinds),
        "decisions": [_decision_dict(x) for x in item.decisions],
        "attachments": [a.name for a in item.attachments],
        "label": item.label,
        "history": [_decision_dict(x) for x in item.history],
    }
    for type_ in ENTITY_TYPES:
        d[type_] = list(item.entities(type_))
    d["roles"] = {r.centre: r.role for r in item.roles}
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
    d["role_evidence"] = [
        {
            "centre": r.centre,
            "role": r.role,
            "cue": r.cue,
            "spans": [list(span) for span in r.spans],
            "mention": [r.mention_start, r.mention_end],
            "quote": r.quote,
        }
        for r in item.roles
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
            "participants": [p.name for p in m.participants if not p.absent and p.member],
            "secretary": m.secretary,
            "absent": [p.name for p in m.participants if p.absent],
            "participant_details": [
                {
                    "name": p.name,
                    "span": [p.start, p.end],
                    "secretary": p.secretary,
                    "absent": p.absent,
                    "role": p.role,
                    **({} if p.member else {"member": False}),
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
            "platform": record.source.platform,
        },
        "kind": record.kind,
        "warnings": list(record.warnings),
        "schema_version": SCHEMA_VERSION,
    }
    if include_text:
        out["text"] = record.text
    return out
