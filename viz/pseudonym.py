"""Stable pseudonyms for people's names, so maps, reports and exports can be shared.

A pseudonym is a keyed HMAC-SHA256 of the name (white space collapsed, case folded):
the same name and secret always give the same pseudonym, and without the secret a
pseudonym cannot be traced back by hashing a list of candidate names. Centres,
strategies and cases are not people and stay readable.

:class:`Pseudonymiser` replaces, in any text, every written form of the people it is
given and every span a ``finder`` reports (for example every capitalised name sequence the
first-name lexicon recognises, :func:`referatgraf.privacy.find_names`), the whole span at
once: "Hans-Henrik Sørensen" becomes one pseudonym, never "Hans-Henrik" and the surname's
pseudonym. A form that belongs to several people (a shared surname) gets a pseudonym of its
own, never another person's.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from collections.abc import Callable, Iterable

__all__ = ["SECRET_ENV", "NameFinder", "Pseudonymiser", "name_slug", "pseudonym"]

#: Environment variable holding the secret when ``--secret`` is not given.
SECRET_ENV = "REFERATGRAF_SECRET"

#: Spans (start, end) of the names in a text.
NameFinder = Callable[[str], Iterable[tuple[int, int]]]

_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa"})
_SLUG_SEP = re.compile(r"[^a-z0-9]+")
_FILE_SEP = re.compile(r"[-_.\s]+")


def pseudonym(name: str, secret: str) -> str:
    """The pseudonym of ``name`` under ``secret``: ``Person`` and 8 hex digits.

    Examples
    --------
    >>> pseudonym("Lars Holte", "s3cret") == pseudonym(" lars  holte", "s3cret")
    True
    >>> pseudonym("Lars Holte", "s3cret") != pseudonym("Lars Holte", "other")
    True
    >>> pseudonym("Lars Holte", "s3cret")[:7]
    'Person-'
    """
    key = " ".join(name.split()).casefold().encode()
    digest = hmac.new(secret.encode(), key, hashlib.sha256).hexdigest()
    return f"Person-{digest[:8]}"


def name_slug(text: str) -> str:
    """The slug a name takes in IRIs and file names (as :func:`graph.iris.slug`).

    >>> name_slug("Hans-Henrik Sørensen"), name_slug("Person-1a2b3c4d")
    ('hans-henrik-soerensen', 'person-1a2b3c4d')
    """
    ascii_text = (
        unicodedata.normalize("NFKD", text.translate(_DANISH))
        .encode("ascii", "ignore")
        .decode("ascii")
    )
    return _SLUG_SEP.sub("-", ascii_text.lower()).strip("-")


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _shadow(name: str) -> str:
    """A file name read as words: separators as spaces, each word capitalised, same length.

    >>> _shadow("klage-hans-henrik_SOERENSEN.pdf")
    'Klage Hans Henrik Soerensen Pdf'
    """
    out = []
    for part in re.split(r"([-_.\s]+)", name):
        out.append(
            " " * len(part) if _FILE_SEP.fullmatch(part) else part[:1].upper() + part[1:].lower()
        )
    return "".join(out)


class Pseudonymiser:
    """Replaces people's names in labels, text, IRIs and file names.

    ``names`` are the canonical names and every written form of them (mention texts).
    :meth:`text` replaces each whole-word occurrence of a form, longest first, and every
    span ``finder`` reports, by one pseudonym for the whole span.

    Examples
    --------
    >>> p = Pseudonymiser("k", {"Lars Holte": ["Lars Holte", "Lars"], "Per": ["Per"]})
    >>> p.text("LARS HOLTE og Per drøfter; Lars tager den. Perspektiv.") == (
    ...     f"{p.name('Lars Holte')} og {p.name('Per')} drøfter; {p.name('Lars Holte')} "
    ...     "tager den. Perspektiv.")
    True
    >>> p.text("Prisen per 1. januar")
    'Prisen per 1. januar'

    A surname two people share is replaced, but by neither person's pseudonym:

    >>> p = Pseudonymiser("k", {"Ib Holm": ["Holm"], "Eva Holm": ["Holm"]})
    >>> p.text("Holm") not in (p.name("Ib Holm"), p.name("Eva Holm"), "Holm")
    True
    """

    def __init__(
        self,
        secret: str,
        names: dict[str, Iterable[str]],
        *,
        finder: NameFinder | None = None,
    ) -> None:
        if not secret:
            raise ValueError("a pseudonymisation secret must not be empty")
        self.secret = secret
        self.finder = finder
        owners: dict[str, set[str]] = {}  # folded form → canonical names it may stand for
        spelled: dict[str, str] = {}  # folded form → the form as first written
        for canonical, written in names.items():
            for form in (canonical, *written):
                form = " ".join(form.split())
                if len(form) >= 2:
                    owners.setdefault(form.casefold(), set()).add(" ".join(canonical.split()))
                    spelled.setdefault(form.casefold(), form)
        # a form of one person stands for that person; of several, for itself
        self._forms = {
            form: next(iter(c)) if len(c) == 1 else spelled[form] for form, c in owners.items()
        }
        alternatives = []
        for form in sorted(self._forms, key=len, reverse=True):
            pattern = re.escape(spelled[form]).replace(r"\ ", r"\s+")
            # a full name in any case; one word only capitalised as written ("per" is a word)
            alternatives.append(f"(?i:{pattern})" if " " in form else pattern)
        self._pattern = (
            re.compile(r"(?<!\w)(" + "|".join(alternatives) + r")(?!\w)") if alternatives else None
        )
        #: canonical name → pseudonym, of every name given or replaced so far
        self.replaced: dict[str, str] = {c: self.name(c) for c in names}
        self._from_slugs: set[str] = set()
        self._frozen: tuple[re.Pattern[str] | None, dict[str, str]] | None = None

    def name(self, name: str) -> str:
        """The pseudonym of a person's name."""
        return pseudonym(name, self.secret)

    def canonical(self, written: str) -> str:
        """The name a written form stands for (a genitive -s dropped when that is known).

        >>> p = Pseudonymiser("k", {"Lars Holte": ["Holte"]})
        >>> p.canonical("LARS  HOLTE"), p.canonical("Holtes"), p.canonical("Ib Jensens")
        ('Lars Holte', 'Lars Holte', 'Ib Jensen')
        """
        key = _fold(written)
        if key in self._forms:
            return self._forms[key]
        if key.endswith("s") and key[:-1] in self._forms:
            return self._forms[key[:-1]]
        if key.endswith("sens") or key.endswith("sons"):  # Sørensens → Sørensen
            return " ".join(written.split())[:-1]
        return " ".join(written.split())

    def _spans(self, text: str) -> list[tuple[int, int]]:
        spans = []
        if self._pattern is not None:
            spans.extend(m.span(1) for m in self._pattern.finditer(text))
        if self.finder is not None:
            spans.extend(self.finder(text))
        chosen: list[tuple[int, int]] = []
        for start, end in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
            if chosen and start < chosen[-1][1]:
                if end > chosen[-1][1]:  # overlapping: one span over both
                    chosen[-1] = (chosen[-1][0], end)
                continue
            chosen.append((start, end))
        return chosen

    def text(self, text: str | None) -> str | None:
        """``text`` with every known or found name replaced by its pseudonym."""
        if not text:
            return text
        out, pos = [], 0
        for start, end in self._spans(text):
            canonical = self.canonical(text[start:end])
            replacement = self.name(canonical)
            self.replaced.setdefault(canonical, replacement)
            out.extend((text[pos:start], replacement))
            pos = end
        out.append(text[pos:])
        return "".join(out)

    def _slug_pattern(self) -> tuple[re.Pattern[str] | None, dict[str, str]]:
        if self._frozen is not None:
            return self._frozen
        pairs: dict[str, str] = {}
        for canonical, replacement in self.replaced.items():
            key = name_slug(canonical)
            if key and (key not in pairs or canonical not in self._from_slugs):
                pairs[key] = name_slug(replacement)  # a name as written wins over a slug
        if not pairs:
            return None, pairs
        alternatives = "|".join(re.escape(k) for k in sorted(pairs, key=len, reverse=True))
        return re.compile(rf"(?<![a-z0-9])({alternatives})(?![a-z0-9])", re.I), pairs

    def freeze(self) -> None:
        """Stop learning slugs: every later :meth:`slugs` call maps alike (for one export)."""
        self._frozen = None
        self._frozen = self._slug_pattern()

    def slugs(self, value: str) -> str:
        """``value`` (an IRI, a path, a file name) with the slug of every name given or
        replaced so far replaced by the pseudonym's slug, between non-alphanumerics.

        >>> p = Pseudonymiser("k", {"Lars Holte": []})
        >>> p.slugs("https://e.org/person/lars-holte") == (
        ...     "https://e.org/person/" + name_slug(p.name("Lars Holte")))
        True
        >>> p.slugs("https://e.org/doc/klage-lars-holte-2017_1.txt").count("lars")
        0
        """
        pattern, pairs = self._slug_pattern()
        if pattern is None:
            return value
        return pattern.sub(lambda m: pairs[m.group(1).lower()], value)

    def document(self, name: str) -> str:
        """A file name, path or IRI with the names in it replaced (written or slugged).

        Beyond :meth:`text`, the words of the name are read as if capitalised (file names
        are often lower case, joined by ``-`` or ``_``) and given to the finder.

        >>> p = Pseudonymiser("k", {}, finder=lambda t: [(m.start(), m.end())
        ...     for m in re.finditer(r"Hans Henrik Soerensen", t)])
        >>> "soerensen" in p.document("klage-hans-henrik-soerensen.txt").lower()
        False
        """
        text = self.slugs(self.text(name) or name)
        if self.finder is None:
            return text
        shadow = _shadow(text)
        out, pos = [], 0
        for start, end in self.finder(shadow):
            canonical = self.canonical(shadow[start:end])
            replacement = self.name(canonical)
            if canonical not in self.replaced:
                self.replaced[canonical] = replacement
                self._from_slugs.add(canonical)
            out.extend((text[pos:start], name_slug(replacement)))
            pos = end
        out.append(text[pos:])
        return "".join(out)
