"""What maps and the report are drawn from: site data read from the store.

Shared by :mod:`referatgraf.app.maps` and :mod:`referatgraf.app.report`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["PSEUDONYM_NOTE", "SiteSource", "read_site"]

#: The note on every pseudonymised page.
PSEUDONYM_NOTE = (
    "Personnavne er erstattet af stabile pseudonymer (nøglet HMAC af navnet); centre, "
    "strategier og sager er uændrede."
)


@dataclass(frozen=True, slots=True)
class SiteSource:
    """Site data (pseudonymised when a secret was given) and, if asked for, the centre
    projection with its centrality table."""

    data: object  # referatgraf.viz.data.SiteData
    centres: tuple | None


def read_site(
    store_dir: Path, municipality: str | None, secret: str | None, *, with_centres: bool
) -> SiteSource:
    """Read the store once for maps or the report (``municipality`` as the user gave it)."""
    from referatgraf.app.filters import resolve_municipality
    from referatgraf.graph.analytics import centrality_table, centre_case_graph, centre_projection
    from referatgraf.graph.store import Store
    from referatgraf.viz.data import load_data, person_names, pseudonymised

    with Store(store_dir) as store:
        key = resolve_municipality(store, municipality)
        data = load_data(store, key)
        names = person_names(store) if secret else []
        projection = (
            centre_projection(centre_case_graph(store, municipality=key)) if with_centres else None
        )
    if secret:
        from referatgraf.privacy import name_finder

        data = pseudonymised(data, secret, names, finder=name_finder)
    centres = (projection, centrality_table(projection)) if projection is not None else None
    return SiteSource(data, centres)
