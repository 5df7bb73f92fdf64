"""Minutes text → :class:`~extract.model.Record` (structure only; entities come later).

FirstAgenda's text export (a ``REFERAT <body> d. DD-MM-YYYY`` title or its ``Mødedato``
fields, and ``Punkt N:`` items) is read by its own skeleton; every other layout by the
layout-general reader (:mod:`extract.generic_text`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from referatgraf.extract.agenda import find_item_heads, read_toc
from referatgraf.extract.header import TITLE, meeting_of, parse_header
from referatgraf.extract.lines import Line, split_lines
from referatgraf.extract.model import AgendaItem, Record, Source
from referatgraf.extract.sections import closed_item_decision, parse_item_body
from referatgraf.extract.textio import decode_text, sha256_hex

__all__ = ["guess_platform", "parse_minutes", "parse_text_bytes", "parse_text_file"]

_FIRSTAGENDA_FIELD = re.compile(r"^(?:Mødedato|Mødedeltagere|Mødested)\s+\S")
_EDOC = re.compile(r"^Dok\.nr\.:|\S+s beslutning den \d{2}\.\d{2}\.\d{4}", re.MULTILINE)
_ACADRE = re.compile(r"^Sagen afgøres i:|^Punkt nr\.\s", re.MULTILINE)


def _firstagenda_layout(lines: list[Line], stop: int) -> bool:
    """Does the header (``lines[:stop]``) have FirstAgenda's title or fields?"""
    for ln in lines[:stop]:
        m = TITLE.match(ln.text) if len(ln.text) < 300 else None
        if (m and m.group("date")) or _FIRSTAGENDA_FIELD.match(ln.text):
            return True
    return False


def guess_platform(text: str) -> str:
    """The meeting system a text layout is typical of ("other" when none is).

    >>> guess_platform("Sagsnr.: 2012-1\\nDok.nr.: 2012-2\\n"), guess_platform("Kære borger")
    ('edoc', 'other')
    """
    if _EDOC.search(text):
        return "edoc"
    if _ACADRE.search(text):
        return "acadre"
    return "other"


def parse_minutes(text: str, *, document: str, source: Source) -> Record:
    """Parse the text of minutes (or an agenda) in FirstAgenda's layout or any other.

    Raises :class:`InputError` when the text has no agenda items.
    """
    lines = split_lines(text)
    toc_stop = next(
        (k for k, ln in enumerate(lines) if ln.text.startswith(("Punkt ", "Pkt", "PUNKT "))),
        len(lines),
    )
    toc = read_toc(lines, toc_stop)
    heads = find_item_heads(lines, toc)
    if not heads or not _firstagenda_layout(lines, heads[0].line):
        from referatgraf.extract.generic_text import parse_general

        if source.platform is None:
            source = replace(source, platform=guess_platform(text))
        return parse_general(text, document=document, source=source)
    if source.platform is None:
        source = replace(source, platform="firstagenda")
    header = parse_header(lines, text, heads[0].line)
    warnings: list[str] = []
    if header.title_date and header.mødedato and header.title_date != header.mødedato:
        warnings.append(f"title date {header.title_date} differs from Mødedato {header.mødedato}")
    if header.body is None:
        warnings.append("no 'REFERAT <body> d. DD-MM-YYYY' title line")
    body = header.body or ""
    items = []
    for n, head in enumerate(heads):
        hi = heads[n + 1].line if n + 1 < len(heads) else len(lines)
        sections, decisions, attachments = parse_item_body(
            lines, head.body_line, hi, text, default_body=body, default_date=header.date
        )
        if head.closed and not sections:
            printed = closed_item_decision(
                lines, head.body_line, hi, text, default_body=body, default_date=header.date
            )
            decisions = (printed,) if printed else ()
        end = max([head.start + 1] + [ln.end for ln in lines[head.line : hi] if not ln.blank])
        items.append(
            AgendaItem(
                number=head.number,
                title=head.title,
                case_number=head.case_number,
                closed=head.closed,
                start=head.start,
                end=end,
                sections=sections,
                decisions=decisions,
                attachments=attachments,
            )
        )
    meeting = meeting_of(header, body)
    return Record(
        document=document,
        source=source,
        meeting=meeting,
        items=tuple(items),
        text=text,
        warnings=tuple(warnings),
        kind=_kind(lines, heads[0].line, items),
    )


def _kind(lines: list[Line], stop: int, items: list[AgendaItem]) -> str:
    """An agenda when the title says "DAGSORDEN" and no item has a decision; else minutes."""
    for ln in lines[:stop]:
        m = TITLE.match(ln.text) if len(ln.text) < 300 else None
        if m:
            agenda = m.group("kind").casefold() == "dagsorden"
            return "agenda" if agenda and not any(i.decisions for i in items) else "minutes"
    return "minutes"


def parse_text_bytes(data: bytes, *, path: str) -> Record:
    """Record of a text file of minutes given as bytes."""
    text, encoding = decode_text(data, path)
    source = Source(
        path=path,
        sha256=sha256_hex(data),
        format="text",
        text_sha256=sha256_hex(text),
        encoding=encoding,
    )
    record = parse_minutes(text, document=Path(path).name, source=source)
    if encoding not in ("utf-8", "utf-8-sig"):
        record = replace(record, warnings=(*record.warnings, f"decoded as {encoding}, not UTF-8"))
    return record


def parse_text_file(path: str | Path) -> Record:
    """Read and parse one text file of minutes."""
    from referatgraf.extract.limits import read_input

    path = Path(path)
    return parse_text_bytes(read_input(path), path=str(path))
