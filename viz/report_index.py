"""The report's front page: search, counts that link to their lists, what the report covers,
the entities over time, and the maps.

Everything on it is a summary, so it stays the same size however large the archive: the
lists (meetings, items, cases, decisions, each kind of entity) are pages of their own.

* **Counts** link to the list they count; cases and charts leave procedural items out.
* **Coverage**: per municipality, its meetings and period (years without meetings named),
  and for each kind of entity how many the report has — or that the profile lists none
  ("Greve: ingen centre i profilen"), so an empty column is not mistaken for a quiet one.
* **Over time**: per municipality (never one line across municipalities), strategies as a
  strategy × year heatmap and centres as small multiples, each also per meeting.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from referatgraf.ontology.kinds import ENTITY_KINDS
from referatgraf.viz.chart import heatmap, small_multiples, toggle, top_series
from referatgraf.viz.data import SiteData
from referatgraf.viz.html import DECISIONS_PAGE, esc, link, list_page, plural
from referatgraf.viz.maps import MapData
from referatgraf.viz.page import page
from referatgraf.viz.party_votes import agreement_section
from referatgraf.viz.table import Column, table_data, table_html, table_script

__all__ = ["MapSummary", "coverage", "index_page", "meetings_list"]

#: Strategies in a municipality's heatmap, centres in its small multiples.
TOP_STRATEGIES = 15
TOP_CENTRES = 24

_PSEUDONYM_NOTE = (
    "Personnavne er erstattet af stabile pseudonymer (nøglet HMAC af navnet); centre, "
    "strategier og sager er uændrede."
)


def _kinds_by_municipality(data: SiteData) -> dict[str, dict[str, int]]:
    """How many entities of each kind each municipality's items name."""
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for entity in data.mentions_by_entity:
        kind = data.entity_by_iri[entity].kind
        for muni in {data.item_by_iri[i].municipality for i in data.items_naming(entity)}:
            found[muni][kind].add(entity)
    return {muni: {k: len(v) for k, v in kinds.items()} for muni, kinds in found.items()}


def coverage(data: SiteData) -> str:
    """What the report covers, per municipality (HTML)."""
    sections = []
    profiles = {m.key: m for m in data.municipalities}
    named = _kinds_by_municipality(data)
    for muni in sorted({i.municipality for i in data.items}):
        items = [i for i in data.items if i.municipality == muni]
        meetings = data.meetings_per_year(muni)
        documents = {i.document for i in items}
        years = sorted(meetings)
        missing = [y for y in range(years[0], years[-1] + 1) if y not in meetings] if years else []
        period = f"{years[0]}–{years[-1]}" if years else "udaterede møder"
        cases = [k for k in data.substantive_cases if k[0] == muni]
        decisions = sum(len(data.decisions_by_item.get(i.iri, ())) for i in items)
        procedural = sum(1 for i in items if i.procedural)
        kinds = named.get(muni, {})
        info = profiles.get(muni)
        lines = []
        for k in ENTITY_KINDS:
            n = kinds.get(k.name, 0)
            listed = (
                {"centre": info.profile_centres, "body": info.profile_bodies}.get(k.name)
                if info
                else None
            )
            if n:
                text = f"{k.plural_da}: {n}"
                if listed is not None:
                    text += (
                        f" (profilen har {listed})"
                        if listed
                        else " (ingen i profilen; fundet i teksten)"
                    )
                lines.append(f"<li>{link(list_page(k.record_key), text)}</li>")
            elif listed == 0:
                lines.append(f'<li class="rg-muted">{esc(k.plural_da)}: ingen i profilen</li>')
            elif listed:
                lines.append(
                    f'<li class="rg-muted">{esc(k.plural_da)}: ingen nævnt (profilen har {listed})</li>'
                )
            else:
                lines.append(f'<li class="rg-muted">{esc(k.plural_da)}: ingen fundet</li>')
        gap = (
            f"; ingen møder i {', '.join(str(y) for y in missing[:12])}{' …' if len(missing) > 12 else ''}"
            if missing
            else ""
        )
        name = info.name if info else muni
        sections.append(
            f"<section><h3>{esc(name)} <span class=rg-muted>({esc(muni)})</span></h3>"
            f"<p>{plural(len(documents), 'møde', 'møder')}, {esc(period)}{esc(gap)}; "
            f"{plural(len(items), 'punkt', 'punkter')} (heraf {procedural} formalia), "
            f"{plural(len(cases), 'sag', 'sager')}, {plural(decisions, 'beslutning', 'beslutninger')}.</p>"
            f"<ul>{''.join(lines)}</ul></section>"
        )
    return f'<div class="rg-cover">{"".join(sections)}</div>' if sections else ""


def _charts(data: SiteData) -> str:
    """Strategies (heatmap) and centres (small multiples) over time, per municipality."""
    blocks = []
    for muni in sorted({i.municipality for i in data.items}):
        meetings = data.meetings_per_year(muni)
        if not meetings:
            continue
        years = list(range(min(meetings), max(meetings) + 1))
        for kind, top in (("strategy", TOP_STRATEGIES), ("centre", TOP_CENTRES)):
            triples, links = [], {}
            for entity in data.mentions_by_entity:
                e = data.entity_by_iri[entity]
                if e.kind != kind:
                    continue
                for iri in data.items_naming(entity):
                    item = data.item_by_iri[iri]
                    if item.municipality == muni and item.year is not None and not item.procedural:
                        triples.append((e.name, item.year, item.iri))
                links[e.name] = data.page_of(e) or ""
            series = top_series(triples, top)
            if not series:
                continue
            name = f"{muni}-{kind}"
            if kind == "strategy":
                draw, title = heatmap, f"Strategier i {muni}: punkter pr. år"
            else:
                draw, title = small_multiples, f"Centre i {muni}: punkter pr. år"
            per_meeting_title = title.replace("punkter pr. år", "punkter pr. møde")
            views = [
                draw(series, years, meetings, title=title, links=links),
                draw(
                    series, years, meetings, title=per_meeting_title, per_meeting=True, links=links
                ),
            ]
            blocks.append(toggle(name, *views))
    return (
        "".join(blocks)
        or '<p class="rg-muted">Ingen daterede punkter med strategier eller centre.</p>'
    )


def meetings_list(data: SiteData) -> Iterator[tuple[str, str]]:
    """The list of meetings (one per document) and its data file."""
    counts: dict[str, int] = defaultdict(int)
    for i in data.items:
        counts[i.document] += 1
    rows = [[m, d or "", b, doc, counts[doc]] for doc, (m, d, b) in data.meetings.items()]
    columns = [
        Column("Kommune", choose=True),
        Column("Dato", "date"),
        Column("Organ", choose=True),
        Column("Dokument"),
        Column("Punkter", "number"),
    ]
    table = table_data(columns, rows, noun=("møde", "møder"), sort=1, descending=True)
    body = (
        f"<main class=rg-wide><h1>Møder</h1><p>{plural(len(rows), 'møde', 'møder')}, ét pr. referat.</p>"
        + table_html("meetings", src="../data/meetings.js", root="../")
        + '<script src="../assets/table.js"></script></main>'
    )
    yield list_page("meetings"), page("Møder", body, root="../", script_files=True, stylesheet=True)
    yield "data/meetings.js", table_script("meetings", table)


@dataclass(frozen=True, slots=True)
class MapSummary:
    """What the front page says of a map: its title, description and size (the map
    itself, with all its evidence, need not be kept until the front page is made)."""

    title: str
    description: str
    nodes: int
    edges: int

    @classmethod
    def of(cls, m: MapData) -> MapSummary:
        return cls(m.title, m.description, len(m.nodes), len(m.edges))


def index_page(
    data: SiteData,
    maps: dict[str, MapData | MapSummary],
    map_hrefs: dict[str, str],
    search: str | None,
) -> str:
    """The front page (``maps``: each map, or its :class:`MapSummary`)."""
    maps = {k: m if isinstance(m, MapSummary) else MapSummary.of(m) for k, m in maps.items()}
    kinds = defaultdict(int)
    for entity in data.mentions_by_entity:
        kinds[data.entity_by_iri[entity].kind] += 1
    decisions = sum(
        1
        for d in data.decisions
        if (i := data.item_by_iri.get(d.item)) is not None and not i.procedural
    )
    counts = [
        (len(data.meetings), "møde", "møder", list_page("meetings")),
        (len(data.items), "dagsordenpunkt", "dagsordenpunkter", list_page("items")),
        (len(data.substantive_cases), "sag", "sager", list_page("cases")),
        (decisions, "beslutning", "beslutninger", DECISIONS_PAGE),
        *(
            (kinds[k.name], k.label_da.lower(), k.plural_da.lower(), list_page(k.record_key))
            for k in ENTITY_KINDS
        ),
    ]
    count_html = "".join(
        f'<li><a href="{esc(href)}"><b>{esc(plural(n, one, many).split(" ")[0])}</b>'
        f"{esc(one if n == 1 else many)}</a></li>"
        for n, one, many, href in counts
    )
    map_list = "".join(
        f"<li>{link(map_hrefs[kind], maps[kind].title)} "
        f'<span class="rg-muted">({plural(maps[kind].nodes, "knude", "knuder")}, '
        f"{plural(maps[kind].edges, 'kant', 'kanter')})</span><br>{esc(maps[kind].description)}</li>"
        for kind in maps
    )
    note = f'<p class="rg-note">{_PSEUDONYM_NOTE}</p>' if data.pseudonymised else ""
    search_html = search or (
        '<p class="rg-muted">Ingen søgning: der er intet søgeindeks ved lageret'
        + (
            ", og et pseudonymiseret site får ikke den fulde tekst med."
            if data.pseudonymised
            else "."
        )
        + "</p>"
    )
    body = (
        "<main><h1>Referater som vidensgraf</h1>"
        f'{note}<div id="soeg">{search_html}</div>'
        f'<ul class="rg-counts">{count_html}</ul>'
        f'<h2 id="daekning">Hvad rapporten dækker</h2>{coverage(data)}'
        f'<h2 id="tid">Over tid</h2><p class="rg-muted">Faste mødepunkter (dagsorden, meddelelser, '
        "eventuelt …) tæller ikke med. Skraverede år havde ingen møder; vælg »pr. møde« for at "
        f'sammenligne år med mange og få møder.</p><div class="rg-charts">{_charts(data)}</div>'
        f'<h2 id="kort">Kort</h2><ul>{map_list}</ul>'
        + (
            f'<h2 id="partier">Hvilke partier stemmer ens?</h2>{agreement_section(data)}'
            if data.votes
            else ""
        )
        + "</main>"
    )
    return page(
        "referatgraf – rapport",
        body,
        root="",
        script_files=True,
        handlers=("return false",) if search else (),  # the search widget's form
        stylesheet=True,
    )
