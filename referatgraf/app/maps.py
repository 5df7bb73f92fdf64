"""``map``: one offline interactive map of the store as a self-contained HTML page."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from referatgraf.app.progress import SILENT, Reporter
from referatgraf.errors import UsageError, unknown_value

__all__ = ["MapOptions", "MapResult", "write_map"]


@dataclass(frozen=True, slots=True)
class MapOptions:
    """``kind`` is a name of :data:`referatgraf.viz.maps.MAP_KINDS`; ``case`` a case number
    (for the case map); ``link_base`` the way from the map to a report's pages; ``secret``
    pseudonymises people's names."""

    kind: str
    out_file: Path
    store_dir: Path = Path("out/store")
    case: str | None = None
    municipality: str | None = None
    link_base: str = ""
    secret: str | None = None


@dataclass(frozen=True, slots=True)
class MapResult:
    out_file: Path
    nodes: int
    edges: int


def write_map(options: MapOptions, reporter: Reporter = SILENT) -> MapResult:
    """Draw the map and write it (atomically) to ``options.out_file``."""
    from referatgraf.app.site import PSEUDONYM_NOTE, read_site
    from referatgraf.files import atomic_write_text
    from referatgraf.viz.maps import MAP_KINDS, MapInput
    from referatgraf.viz.network_page import map_page

    kind = MAP_KINDS.get(options.kind)
    if kind is None:
        raise unknown_value("map kind", options.kind, MAP_KINDS)
    if kind.needs_case and not options.case:
        raise UsageError(f"map {kind.name} needs --case NUMBER (e.g. --case 16/26813)")
    reporter.start("reading the store")
    source = read_site(
        options.store_dir, options.municipality, options.secret, with_centres=kind.needs_centres
    )
    reporter.done()
    case = None
    if kind.needs_case:
        matches = [key for key in source.data.cases if key[1] == options.case]
        if not matches:
            raise unknown_value("case", options.case or "", (c for _, c in source.data.cases))
        case = matches[0]
    m = kind.build(MapInput(source.data, source.centres, case))
    notes = (PSEUDONYM_NOTE,) if options.secret else ()
    atomic_write_text(options.out_file, map_page(m, link_base=options.link_base, extra_notes=notes))
    return MapResult(options.out_file, len(m.nodes), len(m.edges))
