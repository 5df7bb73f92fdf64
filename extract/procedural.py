"""Procedural agenda items: the items every meeting has, which are not cases.

"Godkendelse af dagsorden", "Meddelelser", "Spørgetid", "Eventuelt", a signature sheet,
"Orientering fra formanden", and closed items that carry no text beyond their title are
the frame of a meeting. They are marked in the graph (``rg:procedural true``) and kept out
of case counts, charts and co-ownership by default: counted as cases they make every
committee look busy with "Godkendelse af dagsorden", and a centre named under "Eventuelt"
is not a co-owner of anything.

The rules match the whole title (after a "Lukket:"/"Åben:" prefix, a leading number and
trailing punctuation or dates), so "Godkendelse af dagsorden for skolernes ferieplan" or
"Orientering om budget 2024" stay ordinary items.
"""

from __future__ import annotations

import re

from referatgraf.extract.model import AgendaItem

__all__ = ["PROCEDURAL_RULES", "is_procedural", "procedural_kind"]

_WORD_END = r"(?:\s+(?:fra|og|/|til|for)\s+.{0,60}|\s*[-–/:,.]\s*.{0,40})?$"

#: (kind, title pattern): the kinds of procedural item, each matched against the whole title.
PROCEDURAL_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        ("agenda", r"^(?:godkendelse\s+af\s+)?dagsorden(?:en)?\.?$"),
        (
            "minutes",
            r"^(?:godkendelse|underskrift|opfølgning)\s+(?:af|på)\s+(?:sidste\s+)?referat(?:et)?\.?$",
        ),
        ("signatures", r"^underskrift(?:s(?:ark|side|blad))?(?:er)?\.?$"),
        (
            "announcements",
            r"^(?:meddelelser|huskeliste|gensidig\s+orientering|orientering(?:er)?\s+fra\s+"
            r"(?:formand(?:en|skabet)?|borgmester(?:en)?|administrationen|direktionen|"
            r"udvalgsformand(?:en)?|forvaltningen))" + _WORD_END,
        ),
        ("announcements", r"^(?:borgmesteren|formanden)\s+orienterer\.?$"),
        ("announcements", r"^orientering(?:er)?$"),
        (
            "announcements",
            r"^henvendelser\s+(?:til|fra)\s+(?:formand(?:en)?|udvalget|borgmester(?:en)?)$",
        ),
        (
            "question time",
            r"^(?:spørgetid|spørgetime|spørgsmål\s+fra\s+(?:borgere|medlemmer))" + _WORD_END,
        ),
        ("any other business", r"^(?:eventuelt|evt\.?)(?:\s*[/,-]\s*.{0,30})?$"),
        ("next meeting", r"^(?:næste\s+møde|mødekalender|mødeplan)" + _WORD_END),
    )
)

_PREFIX = re.compile(
    r"^\s*(?:(?:lukket|åben|åbent)\s*(?:punkt)?\s*[:.-]?\s*)?(?:\d+\s*[.)]\s*)?", re.I
)
_DATE_TAIL = re.compile(r"\s+\d{1,2}[-./]\d{1,2}[-./]\d{2,4}\s*$")

#: Characters of text beyond its title that make a closed item more than a placeholder.
MIN_TEXT = 20


def _normal_title(title: str) -> str:
    """The title without "Lukket:", a number, a trailing date or punctuation.

    >>> _normal_title("Lukket: Eventuelt.")
    'Eventuelt'
    >>> _normal_title("3. Godkendelse af dagsorden 24-10-2018")
    'Godkendelse af dagsorden'
    """
    text = " ".join(title.split())
    text = _PREFIX.sub("", text, count=1)
    text = _DATE_TAIL.sub("", text)
    return text.strip(" .:;")


def procedural_kind(title: str, *, closed: bool = False, has_text: bool = True) -> str | None:
    """The kind of procedural item a title names (``None`` for an ordinary item).

    A closed item without text beyond its title is ``"closed without text"``.

    Examples
    --------
    >>> [procedural_kind(t) for t in ("Godkendelse af dagsorden", "Godkendelse af dagsorden.",
    ...     "Meddelelser", "Spørgetid", "Eventuelt", "Underskriftsark",
    ...     "Orientering fra formanden/gensidig orientering",
    ...     "Huskeliste og orientering fra administrationen", "Borgmesteren orienterer",
    ...     "Meddelelser fra formanden", "Eventuelt/næste møde", "Lukket: Henvendelser til formanden")]
    ['agenda', 'agenda', 'announcements', 'question time', 'any other business', 'signatures', 'announcements', 'announcements', 'announcements', 'announcements', 'any other business', 'announcements']
    >>> [procedural_kind(t) for t in ("Godkendelse af dagsorden for skolernes ferieplan",
    ...     "Orientering om budget 2024", "Meddelelse om lukning af Tune Skole i sommerferien 2024 efter aftale med skolebestyrelsen",
    ...     "Strategibrev 2018", "Eventuelle ændringer i takstbladet")]
    [None, None, None, None, None]
    >>> procedural_kind("Lukket", closed=True, has_text=False)
    'closed without text'
    >>> procedural_kind("Lukket: Salg af grund", closed=True, has_text=True) is None
    True
    """
    text = _normal_title(title)
    for kind, pattern in PROCEDURAL_RULES:
        if pattern.match(text):
            return kind
    if closed and not has_text:
        return "closed without text"
    return None


def _has_text(item: AgendaItem, text: str) -> bool:
    if any(d.text.strip() for d in item.decisions):
        return True
    passage = text[item.start : item.end]
    newline = passage.find("\n")
    body = passage[newline + 1 :] if newline >= 0 else ""
    return len("".join(body.split())) >= MIN_TEXT


def is_procedural(item: AgendaItem, text: str) -> bool:
    """Whether an item of a record (whose source text is ``text``) is procedural.

    Examples
    --------
    >>> item = AgendaItem(1, "Lukket: Orientering", None, True, 0, 20)
    >>> is_procedural(item, "Lukket: Orientering\\n\\n")
    True
    >>> is_procedural(AgendaItem(2, "Budget 2024", "23/1", False, 0, 12), "Budget 2024\\n")
    False
    """
    return (
        procedural_kind(item.title, closed=item.closed, has_text=_has_text(item, text)) is not None
    )
