"""HTML fragments (FirstAgenda ``Felter[].Html``) → plain text blocks.

Only what minutes need: headings, paragraphs, list items and table rows, each as one
line of text with its whitespace collapsed. Inline markup (``<span>``, ``<em>``,
``<b>I</b>ndstilling``) joins without spaces; ``<br>`` ends a line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

__all__ = ["Block", "html_blocks"]

_SPACE = re.compile(r"[\s\u00a0\u200b\ufeff]+")
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BLOCKS = {
    "p", "div", "ul", "ol", "li", "table", "tbody", "thead", "tr", "section",
    "article", "blockquote", "pre", "header", "footer", "dl", "dt", "dd", "hr",
    *_HEADINGS,
}  # fmt: skip
_SKIP = {"script", "style", "head", "title"}


@dataclass(frozen=True, slots=True)
class Block:
    """One line of text: ``kind`` is ``heading`` (with ``level``), ``item``, ``row``, ``para``
    (or ``attachment``, for the readers that list attachment names as blocks)."""

    kind: str
    text: str
    level: int = 0


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._buf: list[str] = []
        self._heading = 0  # level of the open heading, 0 outside
        self._items = 0  # depth of open <li>
        self._cells: list[str] | None = None  # cells of the open table row
        self._in_cell = False
        self._skip = 0

    def _take(self) -> str:
        text = _SPACE.sub(" ", "".join(self._buf)).strip()
        self._buf = []
        return text

    def _flush(self) -> None:
        text = self._take()
        if not text:
            return
        if self._heading:
            self.blocks.append(Block("heading", text, self._heading))
        elif self._items:
            self.blocks.append(Block("item", f"- {text}"))
        else:
            self.blocks.append(Block("para", text))

    def _end_cell(self) -> None:
        if self._in_cell and self._cells is not None:
            text = self._take()
            if text:
                self._cells.append(text)
        self._in_cell = False

    def _end_row(self) -> None:
        self._end_cell()
        if self._cells:
            self.blocks.append(Block("row", " | ".join(self._cells)))
        self._cells = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skip += 1
        elif tag == "tr":
            self._end_row()
            self._flush()
            self._cells = []
        elif tag in ("td", "th"):
            self._end_cell()
            if self._cells is None:
                self._flush()
                self._cells = []
            self._in_cell = True
        elif self._in_cell:
            self._buf.append(" ")
        elif tag == "br":
            self._flush()
        elif tag in _BLOCKS:
            self._flush()
            if tag in _HEADINGS:
                self._heading = _HEADINGS[tag]
            elif tag == "li":
                self._items += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in ("td", "th"):
            self._end_cell()
        elif tag in ("tr", "table"):
            self._end_row()
        elif self._in_cell:
            self._buf.append(" ")
        elif tag in _BLOCKS:
            self._flush()
            if tag in _HEADINGS:
                self._heading = 0
            elif tag == "li":
                self._items = max(0, self._items - 1)

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._buf.append(data)

    def close(self) -> None:
        super().close()
        self._end_row()
        self._flush()


def html_blocks(html: str) -> list[Block]:
    """Text blocks of an HTML fragment, in document order, empty ones dropped.

    Examples
    --------
    >>> bs = html_blocks("<h3>Beslutning</h3><span><p>Godkendt.&nbsp;</p></span>"
    ...                  "<h4><b>I</b>ndstilling</h4><ul><li>Punkt <em>et</em></li></ul>")
    >>> [(b.kind, b.text) for b in bs]
    [('heading', 'Beslutning'), ('para', 'Godkendt.'), ('heading', 'Indstilling'), ('item', '- Punkt et')]
    >>> [b.text for b in html_blocks("<u>13-03-2023 Byrådet</u><br><p>Taget til efterretning.</p>")]
    ['13-03-2023 Byrådet', 'Taget til efterretning.']
    >>> [b.text for b in html_blocks("<table><tr><td><p>Udgift</p></td><td>5 mio. kr.</td></tr></table>")]
    ['Udgift | 5 mio. kr.']
    """
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.blocks
