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
    (for the case map); ``link_base`` the way from the map to a report's pages (``None``: a
    stand-alone map, whose evidence is shown in the map and links to no page); ``secret``
    pseudonymises people's names; ``force`` permits replacing an existing file."""

    kind: str
    out_file: Path
    store_dir: Path = Path("out/store")
    case: str | None = None
    municipality: str | None = None
    link_base: str | None = None
    secret: str | None = None
    force: bool = False


@dataclass(frozen=True, slots=True)
class MapResult:
    out_file: Path
    nodes: int
    edges: int
    empty_because: str | None = None  # why a map has no nodes


def write_map(options: MapOptions, reporter: Reporter = SILENT) -> MapResult:
    """Draw the map and write it to ``options.out_file`` (whole or not at all; an existing
    file only with ``force``; never inside the store folder)."""
    from referatgraf.app.site import PSEUDONYM_NOTE, read_site
    from referatgraf.files import OutputDirError, check_out_file, write_file
    from referatgraf.viz.maps import MAP_KINDS, MapInput
    from referatgraf.viz.network_page import map_page_parts

    kind = MAP_KINDS.get(options.kind)
    if kind is None:
        raise unknown_value("map kind", options.kind, MAP_KINDS)
    if kind.needs_case and not options.case:
        raise UsageError(f"map {kind.name} needs --case NUMBER (e.g. --case 16/26813)")
    check_out_file(options.out_file, force=options.force)  # before any work
    reporter.start("reading the store")
    source = read_site(
        options.store_dir, options.municipality, options.secret, with_centres=kind.needs_centres
    )
    reporter.done()
    case = None
    if kind.needs_case:
        case = _case(source.data, options.case or "")
    m = kind.build(MapInput(source.data, source.centres, case))
    notes = (PSEUDONYM_NOTE,) if options.secret else ()
    parts = map_page_parts(m, link_base=options.link_base, extra_notes=notes)
    check_out_file(options.out_file, force=options.force)
    try:  # piece by piece: a map of 10,000 meetings is never one string
        write_file(
            options.out_file,
            lambda fh: fh.writelines(part.encode("utf-8") for part in parts),
            overwrite=options.force,
        )
    except FileExistsError:
        raise OutputDirError(f"{options.out_file}: exists (use --force to overwrite)") from None
    empty = None if m.nodes else _why_empty(source.data, kind.name, options.municipality)
    return MapResult(options.out_file, len(m.nodes), len(m.edges), empty)


def _case(data, number: str) -> tuple[str, str]:
    """The (municipality, case) of a case number; a near miss names the case it resembles."""
    from referatgraf.app.filters import case_key

    matches = [key for key in data.cases if key[1] == number.strip()]
    if matches:
        return matches[0]
    known = sorted({c for _, c in data.cases})
    same = [c for c in known if case_key(c) == case_key(number)]
    raise unknown_value("case", number, known, suggestion=same[0] if len(same) == 1 else None)


def _why_empty(data, kind: str, municipality: str | None) -> str:
    """Why a map has no nodes, in words.

    >>> from referatgraf.viz.data import SiteData
    >>> _why_empty(SiteData((), (), (), ()), "centres", "greve")
    'the store holds no agenda items of greve'
    """
    where = f" of {municipality}" if municipality else ""
    if not data.items:
        return f"the store holds no agenda items{where}"
    return {
        "centres": f"no two centres{where} take part in the same case (catch-all cases left out)",
        "strategies": f"no item{where} names both a centre and a strategy",
        "people": f"no item{where} names both a person and a centre",
    }.get(kind, f"nothing{where} to draw")
