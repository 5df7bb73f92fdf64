"""One input file → its record, by what the bytes are (never by the file name alone).

:func:`read_path` reads a file within the input limits (:mod:`extract.limits`),
:func:`read_bytes` sniffs the format (:mod:`extract.sniff`) and hands the bytes to the
reader for it:

=========  ==========================================================================
PDF        :mod:`extract.pdf` (FirstAgenda's layout, or the layout-general reader)
DOCX       :mod:`extract.docx`
HTML       :mod:`extract.firstagenda_html` for FirstAgenda's meeting page, else the
           page's text through the text readers
XML        eDoc (:mod:`extract.edoc_xml`), Acadre (:mod:`extract.acadre_xml`), SBSYS and
           GetOrganized (:mod:`extract.sbsys_xml`)
JSON       FirstAgenda's publication JSON (:mod:`extract.firstagenda_json`)
text       :func:`extract.parser.parse_minutes` (FirstAgenda's text export, else the
           layout-general reader)
=========  ==========================================================================

When the bytes are plain text (or nothing recognisable) but the file's name says it is
a PDF, DOCX, XML or JSON file, that format's reader says what is wrong with it.
"""

from __future__ import annotations

import logging
from pathlib import Path

from referatgraf.extract.errors import InputError
from referatgraf.extract.limits import DEFAULT_LIMITS, Limits, read_input
from referatgraf.extract.model import Record
from referatgraf.extract.sniff import sniff_format

__all__ = ["read_bytes", "read_path"]

log = logging.getLogger(__name__)

_BY_SUFFIX = {".pdf": "pdf", ".docx": "docx", ".xml": "xml", ".json": "json"}


def read_path(path: Path, limits: Limits = DEFAULT_LIMITS) -> Record:
    """The structure record of one input file. Raises :class:`InputError`."""
    path = Path(path)
    return read_bytes(read_input(path, limits), path=str(path), limits=limits)


def _format(data: bytes, path: str) -> str:
    named = _BY_SUFFIX.get(Path(path).suffix.lower())
    try:
        found = sniff_format(data, path)
    except InputError:
        if named is not None:
            return named  # its reader says what is wrong
        raise
    if found == "text" and named is not None:
        return named
    return found


def read_bytes(data: bytes, *, path: str, limits: Limits = DEFAULT_LIMITS) -> Record:
    """The structure record of one input's bytes (``path`` names it). Raises :class:`InputError`."""
    if not data.strip():
        raise InputError(path, "the file is empty")
    fmt = _format(data, path)
    log.debug("%s: read as %s", path, fmt)
    if fmt == "pdf":
        from referatgraf.extract.pdf import parse_pdf_bytes

        return parse_pdf_bytes(data, path=path, limits=limits)
    if fmt == "json":
        from referatgraf.extract.firstagenda_json import parse_json_bytes

        return parse_json_bytes(data, path=path, limits=limits)
    if fmt == "xml":
        from referatgraf.extract.xml_readers import parse_xml_bytes

        return parse_xml_bytes(data, path=path)
    if fmt == "html":
        from referatgraf.extract.html_readers import parse_html_bytes

        return parse_html_bytes(data, path=path)
    if fmt == "docx":
        from referatgraf.extract.docx import parse_docx_bytes

        return parse_docx_bytes(data, path=path, limits=limits)
    from referatgraf.extract.parser import parse_text_bytes

    return parse_text_bytes(data, path=path)
