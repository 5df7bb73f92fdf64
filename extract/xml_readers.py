"""XML publications → records: which meeting system wrote the XML, and its reader."""

from __future__ import annotations

from referatgraf.extract.acadre_xml import (
    is_acadre_agenda,
    is_acadre_index,
    read_acadre,
    refuse_acadre_index,
)
from referatgraf.extract.edoc_xml import (
    is_edoc,
    is_edoc_agenda_web,
    read_edoc,
    read_edoc_agenda_web,
)
from referatgraf.extract.errors import InputError
from referatgraf.extract.model import Record
from referatgraf.extract.render import render_publication
from referatgraf.extract.sbsys_xml import is_sbsys, read_sbsys
from referatgraf.extract.textio import sha256_hex
from referatgraf.extract.xml_tools import parse_xml

__all__ = ["parse_xml_bytes"]


def parse_xml_bytes(data: bytes, *, path: str) -> Record:
    """Record of an eDoc, Acadre, SBSYS or GetOrganized XML publication.

    Raises :class:`InputError` for other XML (naming its root element), and
    :class:`~extract.errors.CompanionFile` for an Acadre index.
    """
    root, warnings = parse_xml(data, path)
    if is_edoc(root):
        pub = read_edoc(root, warnings=warnings)
    elif is_edoc_agenda_web(root):
        pub = read_edoc_agenda_web(root, warnings=warnings)
    elif is_acadre_agenda(root):
        pub = read_acadre(root, warnings=warnings)
    elif is_sbsys(root):
        pub = read_sbsys(root, warnings=warnings)
    elif is_acadre_index(root):
        refuse_acadre_index(root, path)
        raise AssertionError("unreachable")  # pragma: no cover
    else:
        raise InputError(
            path,
            f"XML that no reader knows (root element <{root.tag}>): referatgraf reads the "
            "agenda XML of eDoc, Acadre, SBSYS and GetOrganized",
        )
    return render_publication(pub, path=path, sha256=sha256_hex(data))
