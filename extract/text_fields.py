"""The printed text of one agenda item (as XML exports carry it) → case number, fields, attachments.

eDoc's agenda XML gives each item as the text of its page in the printed minutes::

    3.<TAB>Kvalitetsstandarder for stof- og alkoholbehandling 2012-2013

    Sagsnr.: 2012-31114
    Dok.nr.: 2012-200701

    Sammendrag
    Kvalitetsstandarder ... foreslås videreført i 2013.
    ...
    Sundheds- og Forebyggelsesudvalgets beslutning den 04.12.2012 Punkt 3
    Indstilles til godkendelse

The lines before the first heading hold the case number; each heading
(:func:`~extract.item_body.heading_of_line`) starts a field; the lines of a ``Bilag``
field are the attachments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from referatgraf.extract.case_numbers import case_number_of_line
from referatgraf.extract.item_body import NO_ATTACHMENTS, attachment_like, heading_of_line
from referatgraf.extract.render import Field

__all__ = ["TextItem", "case_number_label", "fields_from_text"]

_CASE_LABEL = re.compile(
    r"^(?:Sags?\s*(?:nr|nummer)|Sagsnr|J\.?\s*nr|Journalnr|Sagsnr\. i ESDH)\.?\s*:?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class TextItem:
    case_number: str | None
    fields: tuple[Field, ...]
    attachments: tuple[str, ...]


def case_number_label(line: str) -> bool:
    """Is ``line`` a case-number label whose value stands on the next line?

    >>> case_number_label("Sagsnr.:"), case_number_label("Sagsnr. i ESDH:"), case_number_label("Sagsnr.: 12/3")
    (True, True, False)
    """
    return bool(_CASE_LABEL.match(" ".join(line.split())))


def fields_from_text(text: str, *, skip_heading: bool = True) -> TextItem:
    """Case number, headed fields and attachment names of one item's printed text.

    Examples
    --------
    >>> t = fields_from_text("3.\\tBudget\\n\\nSagsnr.: 2012-31114\\nDok.nr.: 2012-1\\n\\n"
    ...                      "Sammendrag\\nKort.\\n\\nBilag\\n2012-2 - Plan\\n\\nBeslutning\\nGodkendt.")
    >>> t.case_number, [(f.heading, f.kind, f.lines) for f in t.fields], t.attachments
    ('2012-31114', [(None, None, ('Dok.nr.: 2012-1',)), ('Sammendrag', 'Resume', ('Kort.',)), ('Beslutning', 'Beslutning', ('Godkendt.',))], ('2012-2 - Plan',))
    """
    lines = [" ".join(ln.split()) for ln in text.splitlines()]
    while lines and not lines[0]:
        lines.pop(0)
    if skip_heading and lines:
        lines = lines[1:]
    case_number = None
    fields: list[Field] = []
    attachments: list[str] = []
    heading: str | None = None
    kind: str | None = None
    current: list[str] = []

    def close() -> None:
        if kind == "Bilag":
            attachments.extend(ln for ln in current if ln.casefold() not in NO_ATTACHMENTS)
        elif heading is not None or current:
            fields.append(Field(heading, kind, tuple(current)))

    k = 0
    after_blank = False
    while k < len(lines):
        line = lines[k]
        if not line:
            after_blank = True
            k += 1
            continue
        found = heading_of_line(line)
        if kind == "Bilag" and not found and after_blank and current and not attachment_like(line):
            # the attachments end at a blank line: what follows is text again
            close()
            heading, kind, current = None, None, []
        after_blank = False
        if found:
            close()
            heading, kind, current = line, found, []
        elif heading is None and case_number is None and (cn := case_number_of_line(line)):
            case_number = cn
        elif (
            heading is None
            and case_number is None
            and case_number_label(line)
            and k + 1 < len(lines)
            and (cn := case_number_of_line(lines[k + 1]))
        ):
            case_number = cn
            k += 1
        else:
            current.append(line)
        k += 1
    close()
    return TextItem(case_number, tuple(fields), tuple(attachments))
