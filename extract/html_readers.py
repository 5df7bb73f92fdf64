"""HTML → record: FirstAgenda's meeting page by its reader, any other page by its text."""

from __future__ import annotations

from pathlib import Path

from referatgraf.extract.errors import InputError
from referatgraf.extract.firstagenda_html import is_firstagenda_page, read_firstagenda_page
from referatgraf.extract.html_text import html_blocks
from referatgraf.extract.model import Record, Source
from referatgraf.extract.render import render_publication
from referatgraf.extract.textio import decode_text, sha256_hex

__all__ = ["parse_html_bytes"]


def parse_html_bytes(data: bytes, *, path: str) -> Record:
    """Record of a meeting's web page. Raises :class:`InputError`."""
    import lxml.html
    from lxml.etree import ParserError

    text, encoding = decode_text(data, path)
    try:
        doc = lxml.html.document_fromstring(text.encode("utf-8"), parser=_parser())
    except (ParserError, ValueError) as exc:
        raise InputError(path, f"not readable HTML ({exc})") from None
    if is_firstagenda_page(doc):
        pub = read_firstagenda_page(doc, warnings=[])
        return render_publication(pub, path=path, sha256=sha256_hex(data))
    from referatgraf.extract.parser import parse_minutes

    page_text = "\n\n".join(b.text for b in html_blocks(text)) + "\n"
    source = Source(
        path=path,
        sha256=sha256_hex(data),
        format="html",
        text_sha256=sha256_hex(page_text),
        encoding=encoding,
    )
    return parse_minutes(page_text, document=Path(path).name, source=source)


def _parser():
    import lxml.html

    return lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, no_network=True)
