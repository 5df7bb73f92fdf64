"""The gazetteer of known outside organisations, built from the shipped lexicons.

National authorities, the regions, the municipalities' national bodies (KL, KKR, KOMBIT),
well-known companies, associations and universities (:mod:`extract.entities.denmark`). The
other municipalities are read by their form ("X Kommune") in :mod:`extract.entities.orgs`,
which takes their official names from :func:`municipality_forms` (a place name such as
"Greve" is on every page of that municipality's minutes: no trigger for the phrase matcher). Each entry is ``canonical: (aliases...)``; aliases are
matched case-sensitively as whole tokens (plus the genitive forms the matcher adds). Anything
not listed is found by the generic rules in :mod:`extract.entities.orgs` and
:mod:`extract.entities.authorities`.
"""

from __future__ import annotations

from functools import cache

from referatgraf.extract.entities.denmark import (
    authorities,
    municipalities,
    organisations,
    regions,
)

__all__ = ["known_organisations", "municipality_forms"]


@cache
def municipality_forms() -> dict[str, str]:
    """Every written form of a municipality's name → its official name.

    >>> forms = municipality_forms()
    >>> forms["Greve kommune"], forms["Høje Taastrup Kommune"], forms["Københavns Kommune"]
    ('Greve Kommune', 'Høje-Taastrup Kommune', 'Københavns Kommune')
    """
    out: dict[str, str] = {}
    for m in municipalities():
        for form in (m.name, *m.forms):
            out[form] = m.name
            if form.endswith(" Kommune"):
                out[form[: -len("Kommune")] + "kommune"] = m.name
    return out


@cache
def known_organisations() -> dict[str, tuple[str, ...]]:
    """Canonical name → the forms it is written in.

    >>> orgs = known_organisations()
    >>> orgs["KL"], "Østjyllands Politi" in orgs, "Greve Kommune" in orgs
    (('KL', 'Kommunernes Landsforening'), True, False)
    """
    out: dict[str, list[str]] = {}
    for entry in (*organisations(), *authorities(), *regions()):
        out.setdefault(entry.name, [entry.name]).extend(entry.forms)
    return {name: tuple(dict.fromkeys(forms)) for name, forms in out.items()}
