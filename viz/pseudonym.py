"""Stable pseudonyms for people's names, so maps and reports can be shared.

A pseudonym is a keyed HMAC-SHA256 of the name (white space collapsed, case folded):
the same name and secret always give the same pseudonym, and without the secret a
pseudonym cannot be traced back by hashing a list of candidate names. Centres,
strategies and cases are not people and stay readable.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterable

__all__ = ["SECRET_ENV", "Pseudonymiser", "pseudonym"]

#: Environment variable holding the secret when ``--secret`` is not given.
SECRET_ENV = "REFERATGRAF_SECRET"


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


class Pseudonymiser:
    """Replaces known people's names in labels and text.

    ``names`` are the canonical names and every written form of them (mention texts);
    :meth:`text` replaces each whole-word occurrence, longest form first, by the
    pseudonym of its canonical name.

    Examples
    --------
    >>> p = Pseudonymiser("k", {"Lars Holte": ["Lars Holte", "Lars"], "Per": ["Per"]})
    >>> p.text("LARS HOLTE og Per drøfter; Lars tager den. Perspektiv.") == (
    ...     f"{p.name('Lars Holte')} og {p.name('Per')} drøfter; {p.name('Lars Holte')} "
    ...     "tager den. Perspektiv.")
    True
    >>> p.text("Prisen per 1. januar")
    'Prisen per 1. januar'

    """

    def __init__(self, secret: str, names: dict[str, Iterable[str]]) -> None:
        if not secret:
            raise ValueError("a pseudonymisation secret must not be empty")
        self.secret = secret
        forms: dict[str, str] = {}  # folded form → canonical name
        spelled: dict[str, str] = {}  # folded form → the form as first written
        for canonical, written in names.items():
            for form in (canonical, *written):
                form = " ".join(form.split())
                if len(form) >= 2:
                    forms.setdefault(form.casefold(), canonical)
                    spelled.setdefault(form.casefold(), form)
        self._forms = forms
        alternatives = []
        for form in sorted(forms, key=len, reverse=True):
            pattern = re.escape(spelled[form]).replace(r"\ ", r"\s+")
            # a full name in any case; one word only capitalised as written ("per" is a word)
            alternatives.append(f"(?i:{pattern})" if " " in form else pattern)
        self._pattern = (
            re.compile(r"(?<!\w)(" + "|".join(alternatives) + r")(?!\w)") if alternatives else None
        )

    def name(self, name: str) -> str:
        """The pseudonym of a person's name."""
        return pseudonym(name, self.secret)

    def text(self, text: str | None) -> str | None:
        """``text`` with every known name form replaced by its pseudonym."""
        if not text or self._pattern is None:
            return text

        def repl(m: re.Match[str]) -> str:
            canonical = self._forms.get(" ".join(m.group(1).split()).casefold(), m.group(1))
            return self.name(canonical)

        return self._pattern.sub(repl, text)
