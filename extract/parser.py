"""Minutes text → :class:`~extract.model.Record` (structure only; entities come later)."""

from __future__ import annotations

from pathlib import Path

from referatgraf.extract.agenda import find_item_heads, read_toc
from referatgraf.extract.errors import InputError
from referatgraf.extract.header import parse_header
from referatgraf.extract.lines import split_lines
from referatgraf.extract.model import AgendaItem, Meeting, Record, Source
from referatgraf.extract.sections import closed_item_decision, parse_item_body
from referatgraf.extract.textio import decode_text, sha256_hex

__all__ = ["parse_minutes", "parse_text_file"]


def parse_minutes(text: str, *, document: str, source: Source) -> Record:
    """Parse the text of a FirstAgenda minutes publication.

    Raises :class:`InputError` when the text has no agenda items.
    """
    lines = split_lines(text)
    toc_stop = next(
        (k for k, ln in enumerate(lines) if ln.text.startswith(("Punkt ", "Pkt", "PUNKT "))),
        len(lines),
    )
    toc = read_toc(lines, toc_stop)
    heads = find_item_heads(lines, toc)
    if not heads:
        raise InputError(source.path, "no agenda items ('Punkt N: ...') found: is this minutes?")
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
    meeting = Meeting(
        body=body,
        date=header.date,
        start_time=header.start_time,
        place=header.place,
        participants=header.participants,
        start=header.start,
        end=header.end,
    )
    return Record(
        document=document,
        source=source,
        meeting=meeting,
        items=tuple(items),
        text=text,
        warnings=tuple(warnings),
    )


def parse_text_file(path: str | Path) -> Record:
    """Read and parse one text file of minutes."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read the file ({exc.strerror})") from None
    text, encoding = decode_text(data, str(path))
    source = Source(
        path=str(path),
        sha256=sha256_hex(data),
        format="text",
        text_sha256=sha256_hex(text),
        encoding=encoding,
    )
    record = parse_minutes(text, document=path.name, source=source)
    if encoding not in ("utf-8", "utf-8-sig"):
        record = _with_warning(record, f"decoded as {encoding}, not UTF-8")
    return record


def _with_warning(record: Record, warning: str) -> Record:
    from dataclasses import replace

    return replace(record, warnings=(*record.warnings, warning))
