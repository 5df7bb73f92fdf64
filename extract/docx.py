"""Minutes as a Word document (DOCX) → its text, then the layout-general reader.

The reader reads ``word/document.xml`` directly (lxml): every paragraph a line, in
document order — table cells of a row side by side (tab-separated), a line break inside
a paragraph a new line, an empty paragraph a blank line. Headers, footers and text boxes
are not read (no page chrome). Paragraphs in a heading style of the first level
(``Heading 1``/``Overskrift 1``, or outline level 1 in ``word/styles.xml``) that start
with a number are item headings by their layout (hints for
:func:`~extract.generic_text.parse_general`); a first-level heading numbered by Word
itself (no number in its text) gets the number Word shows by counting.

A DOCX whose zip central directory is missing (a truncated download) is still read:
the parts are found by their local file headers. Each part inflates within the input
limits (``--max-inflated``, ``--max-inflate-ratio``).
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from pathlib import Path

from referatgraf.extract.errors import InputError
from referatgraf.extract.limits import DEFAULT_LIMITS, Limits, format_size, inflate_bounded
from referatgraf.extract.model import Record, Source
from referatgraf.extract.textio import sha256_hex

__all__ = ["docx_lines", "docx_parts", "parse_docx_bytes"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_LOCAL = b"PK\x03\x04"
_HEADING_STYLE = re.compile(r"^(?:heading|overskrift)\s*(\d)$", re.IGNORECASE)
_NUMBERED = re.compile(r"^\d{1,5}(?:\.\d{1,3})*\.?\s")
_WANTED = ("word/document.xml", "word/styles.xml")


def docx_parts(data: bytes, path: str, limits: Limits = DEFAULT_LIMITS) -> dict[str, bytes]:
    """``word/document.xml`` and ``word/styles.xml`` of a DOCX, from its zip directory or,
    when that is missing or damaged, from the local file headers."""
    parts: dict[str, bytes] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            for name in _WANTED:
                try:
                    info = z.getinfo(name)
                except KeyError:
                    continue
                with z.open(info) as f:  # read no more than the limit, whatever the header says
                    parts[name] = f.read(limits.max_inflated_bytes + 1)
                if len(parts[name]) > limits.max_inflated_bytes:
                    size = format_size(limits.max_inflated_bytes)
                    raise InputError(
                        path,
                        f"the Word part {name} inflates to more than {size} "
                        f"(--max-inflated {size}): a decompression bomb? not read",
                    )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError):
        parts = _from_local_headers(data, path, limits)
    if "word/document.xml" not in parts:
        raise InputError(path, "not a Word document: it has no word/document.xml")
    return parts


def _from_local_headers(data: bytes, path: str, limits: Limits) -> dict[str, bytes]:
    """Parts found by scanning for local file headers (a zip without its directory)."""
    parts: dict[str, bytes] = {}
    pos = data.find(_LOCAL)
    while pos >= 0 and len(parts) < len(_WANTED):
        if pos + 30 > len(data):
            break
        _, flags, method, _, _, _, csize, _, nlen, xlen = struct.unpack(
            "<HHHHHIIIHH", data[pos + 4 : pos + 30]
        )
        name = data[pos + 30 : pos + 30 + nlen].decode("utf-8", errors="replace")
        start = pos + 30 + nlen + xlen
        if name in _WANTED:
            if method == 0 and csize and not flags & 0x08:
                parts[name] = data[start : start + csize]
            elif method == 8:
                body = inflate_bounded(
                    data, start, path, limits, what=f"the Word part {name}", raw=True
                )
                if body:
                    parts[name] = body
        pos = data.find(_LOCAL, start)
    return parts


def _styles(xml: bytes | None) -> dict[str, int]:
    """Heading level of each paragraph style id (by its name or outline level)."""
    if not xml:
        return {}
    from lxml import etree

    root = etree.fromstring(
        xml, etree.XMLParser(recover=True, resolve_entities=False, no_network=True)
    )
    levels: dict[str, int] = {}
    if root is None:
        return levels
    for style in root.iter(f"{_W}style"):
        sid = style.get(f"{_W}styleId") or ""
        name_el = style.find(f"{_W}name")
        name = name_el.get(f"{_W}val") if name_el is not None else ""
        m = _HEADING_STYLE.match(name or "") or _HEADING_STYLE.match(sid)
        outline = style.find(f"{_W}pPr/{_W}outlineLvl")
        if m:
            levels[sid] = int(m.group(1))
        elif outline is not None and (outline.get(f"{_W}val") or "").isdigit():
            levels[sid] = int(outline.get(f"{_W}val")) + 1
    return levels


def _paragraph_text(p) -> str:
    out: list[str] = []
    for el in p.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_W}noBreakHyphen"):
        if el.tag == f"{_W}t":
            out.append(el.text or "")
        elif el.tag == f"{_W}tab":
            out.append("\t")
        elif el.tag == f"{_W}noBreakHyphen":
            out.append("-")
        else:
            out.append("\n")
    return "".join(out).replace("\u00a0", " ")


def docx_lines(parts: dict[str, bytes], path: str) -> tuple[list[str], set[int]]:
    """The document's lines, and the indices of lines that head items by their style."""
    from lxml import etree

    try:
        root = etree.fromstring(
            parts["word/document.xml"],
            etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False),
        )
    except etree.XMLSyntaxError as exc:
        raise InputError(path, f"the Word document's XML is damaged ({exc})") from None
    if root is None:
        raise InputError(path, "the Word document's XML is damaged (no element found)")
    walker = _Walker(_styles(parts.get("word/styles.xml")))
    body = root.find(f"{_W}body")
    if body is not None:
        walker.blocks(body)
    return walker.lines, walker.heads


class _Walker:
    """Collects the lines of a document body, paragraphs and tables in order."""

    def __init__(self, levels: dict[str, int]) -> None:
        self.levels = levels
        self.lines: list[str] = []
        self.heads: set[int] = set()
        self.counter = 0  # the last first-level heading number

    def blocks(self, container) -> None:
        for block in container:
            if block.tag == f"{_W}p":
                self.paragraph(block)
            elif block.tag == f"{_W}tbl":
                self.table(block)
            elif block.tag == f"{_W}sdt":  # a content control: its content in line
                content = block.find(f"{_W}sdtContent")
                if content is not None:
                    self.blocks(content)

    def paragraph(self, p) -> None:
        text = _paragraph_text(p)
        style = p.find(f"{_W}pPr/{_W}pStyle")
        level = self.levels.get(style.get(f"{_W}val") if style is not None else "", 0)
        stripped = text.strip()
        if level == 1 and stripped:
            if not _NUMBERED.match(stripped) and p.find(f"{_W}pPr/{_W}numPr") is not None:
                self.counter += 1  # numbered by Word: the number it shows
                stripped = f"{self.counter}. {stripped}"
            elif m := re.match(r"^(\d{1,5})", stripped):
                self.counter = int(m.group(1))
            if _NUMBERED.match(stripped):
                self.heads.add(len(self.lines))
            self.lines.append(" ".join(stripped.split("\n")))
            return
        self.lines.extend(text.split("\n") if stripped else [""])

    def table(self, tbl) -> None:
        for row in tbl.findall(f"{_W}tr"):
            cells = []
            for cell in row.findall(f"{_W}tc"):
                inner = _Walker(self.levels)
                inner.counter = self.counter
                inner.blocks(cell)
                cells.append(inner)
            filled = [c for c in cells if any(t.strip() for t in c.lines)]
            if len(filled) > 1 and all(sum(1 for t in c.lines if t.strip()) == 1 for c in filled):
                # a row of one-line cells: one line, its cells side by side
                self.lines.append(
                    "\t".join(next(t.strip() for t in c.lines if t.strip()) for c in filled)
                )
                continue
            for c in filled or cells[:1]:
                base = len(self.lines)
                self.lines.extend(c.lines)
                self.heads.update(base + k for k in c.heads)
                self.counter = max(self.counter, c.counter)


def parse_docx_bytes(data: bytes, *, path: str, limits: Limits = DEFAULT_LIMITS) -> Record:
    """Record of minutes (or an agenda) written as a Word document. Raises :class:`InputError`."""
    from referatgraf.extract.generic_text import parse_general
    from referatgraf.extract.lines import split_lines
    from referatgraf.extract.parser import guess_platform

    parts = docx_parts(data, path, limits)
    lines, heads = docx_lines(parts, path)
    text = "\n".join(lines) + "\n"
    if not text.strip():
        raise InputError(path, "the Word document has no text")
    # The hints are line indices of ``lines``; split_lines of the joined text keeps them.
    assert len(split_lines(text)) == len(lines) + 1
    source = Source(
        path=path,
        sha256=sha256_hex(data),
        format="docx",
        text_sha256=sha256_hex(text),
        platform=guess_platform(text),
    )
    return parse_general(text, document=Path(path).name, source=source, hints=frozenset(heads))
