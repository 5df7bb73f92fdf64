"""Reading the XML of meeting systems safely, and the HTML they put inside fields.

- :func:`parse_xml` parses with lxml without network access or entity expansion (no
  billion laughs, no external entities), repairs what these exports get wrong (character
  references to characters XML forbids, such as the form feed ``&#xC;`` of a page break;
  raw control characters) and, for what remains, recovers what it can and says so.
  Tag names are folded to lower case without namespaces, because the same system writes
  ``<Caption>`` and ``<caption>``.
- :func:`html_lines` turns a field's content — HTML, HTML escaped once more (``&lt;p&gt;``),
  or plain text — into lines of text.
"""

from __future__ import annotations

import html
import re

from referatgraf.extract.errors import InputError
from referatgraf.extract.html_text import html_blocks
from referatgraf.extract.textio import utf16_encoding

__all__ = ["child_text", "html_lines", "parse_xml", "tag_of"]

_CHAR_REF = re.compile(rb"&#(?:x([0-9a-fA-F]{1,8})|([0-9]{1,10}));")
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_DECLARED = re.compile(r"^\s*<\?xml[^>]*\?>")
_TAG_LIKE = re.compile(
    r"<(?:p|br|div|span|ul|ol|li|table|tr|td|h[1-6]|b|i|strong|em)\b[^>]*>", re.I
)


def _allowed(code: int) -> bool:
    return code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0x10FFFF


def _repair_char_ref(m: re.Match[bytes]) -> bytes:
    code = int(m.group(1), 16) if m.group(1) else int(m.group(2))
    if _allowed(code) and code not in (0xFFFE, 0xFFFF):
        return m.group(0)
    return b"\n" if code in (0xB, 0xC) else b" "


def parse_xml(data: bytes, path: str):
    """The root element of an XML document, tags folded to lower case; and warnings.

    Returns ``(root, warnings)``. Raises :class:`InputError` when nothing readable is left.

    Examples
    --------
    >>> root, warnings = parse_xml(b"<Meeting><Title>A&#xC;B</Title><title>C</title></Meeting>", "m.xml")
    >>> root.tag, [e.text for e in root], warnings
    ('meeting', ['A\\nB', 'C'], [])
    """
    from lxml import etree

    encoding = utf16_encoding(data)
    if encoding is not None:
        text = data.decode(encoding, errors="replace").lstrip("\ufeff")
        data = _DECLARED.sub("", text).encode("utf-8")
    data = _CHAR_REF.sub(_repair_char_ref, data)
    data = _CONTROL.sub(b" ", data)
    parser = etree.XMLParser(
        recover=True,
        resolve_entities=False,
        no_network=True,
        remove_comments=True,
        remove_pis=True,
        huge_tree=False,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(path, f"not readable XML ({exc})") from None
    if root is None:
        raise InputError(path, "not readable XML (no element found)")
    warnings = []
    errors = [e for e in parser.error_log if e.level_name in ("ERROR", "FATAL")]
    if errors:
        first = errors[0]
        warnings.append(
            f"the XML is not well-formed ({len(errors)} errors, first at line {first.line}: "
            f"{first.message}); what could be read was read"
        )
    for element in root.iter():
        if isinstance(element.tag, str):
            element.tag = tag_of(element.tag)
    return root, warnings


def tag_of(tag: str) -> str:
    """A tag without its namespace, in lower case.

    >>> tag_of("{http://www.fujitsu.dk/agenda}AgendaItem"), tag_of("Caption")
    ('agendaitem', 'caption')
    """
    return tag.rsplit("}", 1)[-1].casefold()


def child_text(element, *names: str) -> str:
    """The whitespace-collapsed text of the first child found by path (lower-case tags).

    >>> from lxml import etree
    >>> child_text(etree.fromstring("<a><b><c> x  y </c></b></a>"), "b/c", "d")
    'x y'
    """
    for name in names:
        found = element.find(name)
        if found is not None:
            text = " ".join("".join(found.itertext()).split())
            if text:
                return text
    return ""


def html_lines(content: str | None) -> list[str]:
    """Lines of text of a field's content: HTML (also HTML escaped once more), or text.

    Examples
    --------
    >>> html_lines("<p>Ingen.</p><ul><li>Et</li></ul>")
    ['Ingen.', '- Et']
    >>> html_lines("&lt;p&gt;Godkendt&lt;/p&gt;&lt;p&gt;&amp;nbsp;&lt;/p&gt;")
    ['Godkendt']
    >>> html_lines("Linje et\\nLinje to")
    ['Linje et', 'Linje to']
    """
    if not content or not content.strip():
        return []
    text = content
    for _ in range(2):  # escaped HTML: "&lt;p&gt;" (once, or twice) where tags should be
        if _TAG_LIKE.search(text) or "&lt;" not in text:
            break
        text = html.unescape(text)
    if _TAG_LIKE.search(text):
        return [b.text for b in html_blocks(text) if b.text]
    return [" ".join(ln.split()) for ln in html.unescape(text).splitlines() if ln.split()]
