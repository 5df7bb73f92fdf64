"""Stable IRIs for everything the graph describes, minted from natural keys.

A municipality's things live under ``<base><municipality key>/``: a case by its case
number, a centre by its code, a person by canonical name, a meeting by body and date,
an item by meeting and number. External organisations are shared by all municipalities.
The same key always gives the same IRI, so documents built at different times meet.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from referatgraf.ontology.kinds import EntityKind, kind_named

__all__ = ["DEFAULT_BASE", "Iris", "slug"]

#: Base of minted IRIs unless ``--base`` says otherwise.
DEFAULT_BASE = "https://w3id.org/referatgraf/id/"

_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa"})
_NON_WORD = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """A lower-case ASCII path segment for ``text`` (æ → ae, ø → oe, å → aa).

    Examples
    --------
    >>> slug("Økonomi- og Digitaliseringscentret")
    'oekonomi-og-digitaliseringscentret'
    >>> slug("16/26813")
    '16-26813'
    >>> slug("ØDC"), slug("Lars Holte"), slug("§ 17.4-udvalget")
    ('oedc', 'lars-holte', '17-4-udvalget')
    """
    ascii_text = (
        unicodedata.normalize("NFKD", text.translate(_DANISH))
        .encode("ascii", "ignore")
        .decode("ascii")
    )
    return _NON_WORD.sub("-", ascii_text.lower()).strip("-") or "x"


@dataclass(frozen=True, slots=True)
class Iris:
    """IRI minting for one municipality under one base.

    Examples
    --------
    >>> iris = Iris("https://example.org/id/", "hoeje-taastrup")
    >>> iris.case("16/26813")
    'https://example.org/id/hoeje-taastrup/case/16-26813'
    >>> iris.item(iris.meeting("Direktionen", "2017-10-24"), 2)
    'https://example.org/id/hoeje-taastrup/meeting/direktionen/2017-10-24/item/2'
    >>> iris.organisation("KL")
    'https://example.org/id/organisation/kl'
    """

    base: str
    municipality_key: str

    @property
    def prefix(self) -> str:
        return f"{self.base}{slug(self.municipality_key)}"

    def municipality(self) -> str:
        return self.prefix

    def strategy_scheme(self) -> str:
        return f"{self.prefix}/strategies"

    def case(self, number: str) -> str:
        return f"{self.prefix}/case/{slug(number)}"

    def centre(self, code: str) -> str:
        return self.entity(kind_named("centre"), code)

    def body(self, name: str) -> str:
        return self.entity(kind_named("body"), name)

    def person(self, key: str) -> str:
        return self.entity(kind_named("person"), key)

    def role(self, name: str) -> str:
        return f"{self.prefix}/role/{slug(name)}"

    def membership(self, person_key: str) -> str:
        return f"{self.prefix}/membership/{slug(person_key)}"

    def strategy(self, key: str) -> str:
        return self.entity(kind_named("strategy"), key)

    def organisation(self, key: str) -> str:
        return self.entity(kind_named("organisation"), key)

    def entity(self, kind: EntityKind, key: str) -> str:
        """An entity of any kind: under the municipality, or under the base for kinds shared
        by all municipalities.

        >>> from referatgraf.ontology.kinds import kind_named
        >>> Iris("https://example.org/id/", "greve").entity(kind_named("strategy"), "Klimaplan")
        'https://example.org/id/greve/strategy/klimaplan'
        """
        root = self.base if kind.shared else f"{self.prefix}/"
        return f"{root}{kind.iri_segment}/{slug(key)}"

    def meeting(self, body: str, date: str | None, document: str = "") -> str:
        when = date or f"undated-{slug(document)}"
        return f"{self.prefix}/meeting/{slug(body)}/{when}"

    def item(self, meeting: str, number: int) -> str:
        return f"{meeting}/item/{number}"

    def document(self, name: str) -> str:
        return f"{self.prefix}/document/{slug(name)}"

    def document_graph(self, name: str) -> str:
        """Named graph of one source document (independent of the municipality)."""
        return f"{self.base}graph/document/{slug(name)}"

    def entities_graph(self) -> str:
        """Named graph of the entities the municipality's documents name (shared by them)."""
        return f"{self.base}graph/entities/{slug(self.municipality_key)}"

    def profile_graph(self) -> str:
        return f"{self.base}graph/profile/{slug(self.municipality_key)}"
