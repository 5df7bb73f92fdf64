"""The static report site: front page, maps, charts, and a page per case, centre and item.

:func:`build_site` is a pure function of :class:`~viz.data.SiteData` returning
``{relative path: text}``; the CLI writes the files. Pages link to each other by relative
paths and load vis-network from ``assets/`` next to them, so the site works from
``file://`` with no network. The search box of :mod:`referatgraf.viz.search_widget` is embedded when
a search index is given (``search-index.js`` beside ``index.html``).
"""

from __future__ import annotations

from collections import Counter, defaultdict

import networkx as nx

from referatgraf.ontology.kinds import ENTITY_KINDS
from referatgraf.ontology.roles import role_named
from referatgraf.viz.assets import VIS_NETWORK_FILE, vis_network_js
from referatgraf.viz.chart import line_chart, top_series
from referatgraf.viz.data import DecisionRow, Entity, Item, PartyVoteRow, SiteData
from referatgraf.viz.html import case_page, centre_page, esc, safe_href
from referatgraf.viz.maps import MAP_KINDS, MapData, MapInput
from referatgraf.viz.network_page import map_page
from referatgraf.viz.page import page

__all__ = ["SEARCH_INDEX_FILE", "build_site", "map_href"]

#: The search index script written beside ``index.html``.
SEARCH_INDEX_FILE = "search-index.js"

_PSEUDONYM_NOTE = (
    "Personnavne er erstattet af stabile pseudonymer (nøglet HMAC af navnet); centre, "
    "strategier og sager er uændrede."
)


def map_href(kind: str) -> str:
    """The report's overview map page of a map kind.

    >>> map_href("centres")
    'maps/centres.html'
    """
    return f"maps/{kind}.html"


def _a(href: str | None, text: object) -> str:
    """A link with escaped text, or just the text when ``href`` is not a safe link.

    >>> _a("javascript:alert(1)", "<x>"), _a("items/a-1.html", "T")
    ('&lt;x&gt;', '<a href="items/a-1.html">T</a>')
    """
    safe = safe_href(href)
    return f'<a href="{esc(safe)}">{esc(text)}</a>' if safe else esc(text)


def _tags(entities: list[Entity], root: str, municipality: str) -> str:
    out = []
    for e in entities:
        href = root + centre_page(municipality, e.name) if e.kind == "centre" else None
        inner = _a(href, e.name) if href else esc(e.name)
        out.append(f'<span class="rg-tag" title="{esc(e.label)}">{inner}</span>')
    return "".join(out) or '<span class="rg-muted">–</span>'


def _decision_cells(decisions: list[DecisionRow]) -> str:
    if not decisions:
        return '<span class="rg-muted">–</span>'
    return "<br>".join(
        f"<b>{esc(d.outcome_da or d.outcome)}</b> {esc(d.date or '')}" for d in decisions
    )


_POSITION_DA = {
    "for": "For",
    "against": "Imod",
    "abstain": "Undlod at stemme",
    "reservation": "Tog forbehold",
}


def _vote_lines(votes: list[PartyVoteRow]) -> str:
    """One line per position: the parties that voted so (members by their party).

    >>> _vote_lines([PartyVoteRow("d", "i", "Venstre", "for"),
    ...              PartyVoteRow("d", "i", "Enhedslisten", "against", "member")])
    '<p class="rg-votes"><b>For:</b> Venstre<br><b>Imod:</b> Enhedslisten (medlem)</p>'
    """
    by_position: dict[str, list[str]] = defaultdict(list)
    for v in votes:
        label = v.party if v.via == "party" else f"{v.party} (medlem)"
        if label not in by_position[v.position]:
            by_position[v.position].append(label)
    lines = [
        f"<b>{esc(_POSITION_DA.get(position, position))}:</b> {esc(', '.join(names))}"
        for position in ("for", "against", "abstain", "reservation")
        if (names := by_position.get(position))
    ]
    return f'<p class="rg-votes">{"<br>".join(lines)}</p>' if lines else ""


def _agreement_section(data: SiteData) -> str:
    """The table of party agreement: how often two parties voted alike."""
    from referatgraf.graph.analytics.votes import party_agreement, party_positions

    rows = [
        {"decision": v.decision, "party": v.party, "position": v.position, "via": v.via}
        for v in data.votes
    ]
    positions = party_positions(rows)
    table = party_agreement(positions)
    if not table:
        return '<p class="rg-muted">Ingen afstemninger, hvor partier er nævnt.</p>'
    body = "".join(
        f"<tr><td>{esc(r['party_a'])}</td><td>{esc(r['party_b'])}</td>"
        f"<td>{r['alike']}</td><td>{r['decisions']}</td>"
        f"<td>{round(100 * r['agreement'])} %</td></tr>"
        for r in table
    )
    return (
        f'<p class="rg-muted">{len(positions)} beslutninger med afstemninger, hvor partier er '
        "nævnt (som stemmeafgivere eller som parti for et medlem). Forbehold tæller ikke.</p>"
        '<table class="rg-agreement"><tr><th>Parti</th><th>Parti</th><th>Ens</th>'
        f"<th>Fælles afstemninger</th><th>Enighed</th></tr>{body}</table>"
    )


# ---------------------------------------------------------------- item pages


def _item_page(data: SiteData, item: Item) -> str:
    root = "../"
    rows = []
    for kind, label in ((k.name, k.plural_da) for k in ENTITY_KINDS):
        entities = data.entities_of_item(item.iri, kind)
        if entities:
            rows.append(
                f"<tr><th>{label}</th><td>{_tags(entities, root, item.municipality)}</td></tr>"
            )
    decisions = data.decisions_by_item.get(item.iri, [])
    decision_html = (
        "".join(
            f"<h3>{esc(d.outcome_da or d.outcome)} {esc(d.date or '')} "
            f'<span class="rg-muted">{esc(d.decided_by or "")}</span></h3>'
            f'<pre class="rg-text">{esc((d.text or "").strip())}</pre>'
            f"{_vote_lines(data.votes_by_decision.get(d.iri, []))}"
            for d in decisions
        )
        or '<p class="rg-muted">Ingen beslutning registreret.</p>'
    )
    evidence = []
    seen: set[tuple[str, str]] = set()
    for m in sorted(data.mentions_by_item.get(item.iri, ()), key=lambda m: m.start):
        e = data.entity_by_iri[m.entity]
        sentence = m.evidence or m.exact
        if (e.iri, sentence) in seen:
            continue
        seen.add((e.iri, sentence))
        role = " (indstiller)" if m.mention_type == "proposers" else ""
        evidence.append(f"<li><b>{esc(e.name)}</b>{role}: <q>{esc(sentence)}</q></li>")
    case = _a(root + case_page(item.municipality, item.case), item.case) if item.case else "–"
    body = (
        f"<main><h1>{esc(item.title)}</h1>"
        f'<p class="rg-muted">{esc(item.body)} · {esc(item.date or "udateret")} · punkt '
        f"{item.number} · sag {case} · {esc(item.document)}</p>"
        f"<table>{''.join(rows)}</table>"
        f"<h2>Beslutning</h2>{decision_html}"
        f"<h2>Belæg</h2><ul>{''.join(evidence) or '<li class=rg-muted>Ingen omtaler.</li>'}</ul>"
        "</main>"
    )
    return page(f"{item.title} – {item.date or ''}", body, root=root)


# ---------------------------------------------------------------- case pages


def _case_page(data: SiteData, municipality: str, case: str, map_href: str, catch_all: bool) -> str:
    root = "../"
    items = data.cases[(municipality, case)]  # timeline order, as the case map
    rows = []
    for item in items:
        rows.append(
            f"<tr><td>{esc(item.date or 'udateret')}</td><td>{esc(item.body)}</td>"
            f"<td>{_a(root + item.page, item.title)}</td>"
            f"<td>{_decision_cells(data.decisions_by_item.get(item.iri, []))}</td></tr>"
        )
    decisions = [(item, d) for item in items for d in data.decisions_by_item.get(item.iri, [])]
    decision_html = (
        "".join(
            f"<li><b>{esc(d.outcome_da or d.outcome)}</b> {esc(d.date or '')} "
            f"({_a(root + item.page, item.title)}): {esc(' '.join((d.text or '').split())[:300])}</li>"
            for item, d in decisions
        )
        or '<li class="rg-muted">Ingen beslutninger.</li>'
    )
    by_kind: dict[str, dict[str, Entity]] = defaultdict(dict)
    for item in items:
        for kind in ("centre", "person", "strategy"):
            for e in data.entities_of_item(item.iri, kind):
                by_kind[kind].setdefault(e.iri, e)
    note = (
        '<p class="rg-note">Opsamlingssag: punkterne handler om forskellige emner, så '
        "hvert punkt tæller for sig i centrenes fælles sager.</p>"
        if catch_all
        else ""
    )
    body = (
        f"<main><h1>Sag {esc(case)}</h1>"
        f'<p class="rg-muted">{esc(municipality)} · {len(items)} punkter · '
        f"{_a(root + map_href, 'interaktiv tidslinje')}</p>{note}"
        "<h2>Tidslinje</h2><table><tr><th>Dato</th><th>Organ</th><th>Punkt</th>"
        f"<th>Udfald</th></tr>{''.join(rows)}</table>"
        f"<h2>Beslutninger</h2><ul>{decision_html}</ul>"
        f"<h2>Centre</h2><p>{_tags(list(by_kind['centre'].values()), root, municipality)}</p>"
        f"<h2>Personer</h2><p>{_tags(list(by_kind['person'].values()), root, municipality)}</p>"
        f"<h2>Strategier</h2><p>{_tags(list(by_kind['strategy'].values()), root, municipality)}</p>"
        "</main>"
    )
    return page(f"Sag {case}", body, root=root)


# ---------------------------------------------------------------- centre pages


def _centre_page(
    data: SiteData, municipality: str, centre: Entity, projection: nx.Graph | None
) -> str:
    root = "../"
    rows = []
    co_named: dict[str, Counter[str]] = {"strategy": Counter(), "person": Counter()}
    names: dict[str, Entity] = {}
    mentions = [
        m
        for m in data.mentions
        if m.entity == centre.iri
        and m.item in data.item_by_iri
        and data.item_by_iri[m.item].municipality == municipality
    ]
    by_item: dict[str, list] = defaultdict(list)
    for m in mentions:
        by_item[m.item].append(m)
    for iri in sorted(by_item, key=lambda i: (data.item_by_iri[i].date or "", i)):
        item = data.item_by_iri[iri]
        ms = by_item[iri]
        given = data.role_of.get((iri, centre.iri))  # the centre's role in the item
        role = (
            role_named(given.role).label_da
            if given is not None
            else "indstiller"
            if any(m.mention_type == "proposers" for m in ms)
            else "nævnt"
        )
        sentence = next((m.evidence for m in ms if m.evidence), ms[0].exact)
        case = _a(root + case_page(municipality, item.case), item.case) if item.case else "–"
        rows.append(
            f"<tr><td>{esc(item.date or 'udateret')}</td><td>{_a(root + item.page, item.title)}"
            f"<blockquote>{esc(sentence)}</blockquote></td><td>{case}</td><td>{role}</td></tr>"
        )
        for kind in co_named:
            for e in data.entities_of_item(iri, kind):
                co_named[kind][e.iri] += 1
                names[e.iri] = e
    partners = ""
    if projection is not None:
        node = next(
            (
                n
                for n, a in projection.nodes(data=True)
                if a.get("code") == centre.name and a.get("municipality") == municipality
            ),
            None,
        )
        if node is not None:
            pairs = sorted(projection[node].items(), key=lambda kv: (-kv[1]["weight"], str(kv[0])))
            partners = "".join(
                f"<tr><td>{_a(root + centre_page(municipality, str(projection.nodes[o].get('code') or o)), projection.nodes[o].get('code') or o)}</td>"
                f"<td>{a['weight']}</td><td>{esc(', '.join(a.get('cases', ())))}</td></tr>"
                for o, a in pairs
            )
    counted = {
        kind: ", ".join(f"{esc(names[i].name)} ({n})" for i, n in c.most_common()) or "–"
        for kind, c in co_named.items()
    }
    body = (
        f"<main><h1>{esc(centre.name)} – {esc(centre.label)}</h1>"
        f'<p class="rg-muted">{esc(municipality)} · {len(by_item)} punkter</p>'
        "<h2>Deler sager med</h2>"
        + (
            f"<table><tr><th>Center</th><th>Fælles sager</th><th>Sager</th></tr>{partners}</table>"
            if partners
            else '<p class="rg-muted">Ingen fælles sager.</p>'
        )
        + f"<h2>Strategier i samme punkter</h2><p>{counted['strategy']}</p>"
        f"<h2>Personer i samme punkter</h2><p>{counted['person']}</p>"
        "<h2>Punkter</h2><table><tr><th>Dato</th><th>Punkt og belæg</th><th>Sag</th>"
        f"<th>Rolle</th></tr>{''.join(rows)}</table></main>"
    )
    return page(f"{centre.name} – {centre.label}", body, root=root)


# ---------------------------------------------------------------- front page


def _centres(data: SiteData) -> list[tuple[str, Entity, int]]:
    """(municipality, centre, items) for every centre named in an item."""
    items: dict[tuple[str, str], set[str]] = defaultdict(set)
    for m in data.mentions:
        e = data.entity_by_iri.get(m.entity)
        item = data.item_by_iri.get(m.item)
        if e is not None and item is not None and e.kind == "centre":
            items[(item.municipality, e.iri)].add(item.iri)
    return sorted(
        ((muni, data.entity_by_iri[iri], len(its)) for (muni, iri), its in items.items()),
        key=lambda t: (t[0], t[1].name),
    )


def _series(data: SiteData, kind: str) -> dict[str, dict[int, int]]:
    triples = []
    for m in data.mentions:
        e = data.entity_by_iri.get(m.entity)
        item = data.item_by_iri.get(m.item)
        if e is not None and item is not None and e.kind == kind and item.year is not None:
            triples.append((e.name, item.year, item.iri))
    return top_series(triples, 8)


def _index_page(
    data: SiteData,
    maps: dict[str, MapData],
    case_maps: dict[tuple[str, str], str],
    search: str | None,
) -> str:
    kinds = Counter(e.kind for e in data.entities)
    counts = [
        (len({i.document for i in data.items}), "møder"),
        (len(data.items), "dagsordenpunkter"),
        (len(data.cases), "sager"),
        (len(data.decisions), "beslutninger"),
        *((kinds[k.name], k.plural_da.lower()) for k in ENTITY_KINDS),
    ]
    years = list(range(data.years[0], data.years[-1] + 1)) if data.years else []
    charts = (
        line_chart(_series(data, "strategy"), years, title="Strategier over tid (punkter pr. år)")
        + line_chart(_series(data, "centre"), years, title="Centre over tid (punkter pr. år)")
        if years
        else '<p class="rg-muted">Ingen daterede møder.</p>'
    )
    map_list = "".join(
        f"<li>{_a(href, maps[kind].title)} "
        f'<span class="rg-muted">({len(maps[kind].nodes)} knuder, {len(maps[kind].edges)} kanter)'
        f"</span><br>{esc(maps[kind].description)}</li>"
        for kind, href in ((kind, map_href(kind)) for kind in maps)
    )
    catch_all = data.catch_all_cases()
    case_rows = "".join(
        f"<tr><td>{_a(case_page(m, c), c)}</td><td>{len(items)}</td>"
        f"<td>{esc(min((i.date or '' for i in items), default=''))} – "
        f"{esc(max((i.date or '' for i in items), default=''))}</td>"
        f"<td>{esc(' | '.join(dict.fromkeys(i.title for i in items)))[:300]}"
        f"{' <span class=rg-tag>opsamlingssag</span>' if (m, c) in catch_all else ''}</td>"
        f"<td>{_a(case_maps[(m, c)], 'tidslinje')}</td></tr>"
        for (m, c), items in sorted(
            data.cases.items(), key=lambda kv: (kv[0][0], kv[1][0].date or "")
        )
    )
    centre_rows = "".join(
        f"<tr><td>{_a(centre_page(m, e.name), e.name)}</td><td>{esc(e.label)}</td><td>{n}</td></tr>"
        for m, e, n in _centres(data)
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
        f'{note}<ul class="rg-counts">'
        + "".join(f"<li><b>{n:,}</b>{esc(label)}</li>".replace(",", ".") for n, label in counts)
        + "</ul>"
        f'<h2 id="kort">Kort</h2><ul>{map_list}</ul>'
        f'<h2 id="tid">Over tid</h2><div class="rg-charts">{charts}</div>'
        f'<h2 id="soeg">Søg</h2>{search_html}'
        '<h2 id="sager">Sager</h2><table><tr><th>Sag</th><th>Punkter</th><th>Periode</th>'
        f"<th>Titler</th><th>Kort</th></tr>{case_rows}</table>"
        '<h2 id="centre">Centre</h2><table><tr><th>Kode</th><th>Navn</th><th>Punkter</th></tr>'
        f"{centre_rows}</table>"
        f'<h2 id="partier">Hvilke partier stemmer ens?</h2>{_agreement_section(data)}</main>'
    )
    return page(
        "referatgraf – rapport",
        body,
        root="",
        script_files=search is not None,
        handlers=("return false",) if search else (),  # the search widget's form
    )


# ---------------------------------------------------------------- the site


def build_site(
    data: SiteData,
    centres: tuple[nx.Graph, list[dict]] | None,
    *,
    search_index: dict | None = None,
) -> dict[str, str]:
    """Every file of the report site, by path relative to the site root.

    Parameters
    ----------
    data
        Site data from the store (pseudonymised already if it should be).
    centres
        The centre projection and its centrality table (:mod:`graph.analytics`), for the
        co-ownership map and the centre pages; None leaves them empty.
    search_index
        :func:`referatgraf.graph.search.site.site_index` of the items (item URLs from
        :func:`viz.html.item_page`); None: no search box.

    Examples
    --------
    >>> site = build_site(SiteData((), (), (), ()), None)
    >>> sorted(site)[:3]
    ['assets/vis-network.min.js', 'index.html', 'maps/centres.html']
    """
    from referatgraf.viz.search_widget import index_script, widget_html

    projection = centres[0] if centres is not None else nx.Graph()
    source = MapInput(data, centres)
    maps = {name: kind.build(source) for name, kind in MAP_KINDS.items() if kind.in_report}
    notes = (_PSEUDONYM_NOTE,) if data.pseudonymised else ()
    files: dict[str, str] = {f"assets/{VIS_NETWORK_FILE}": vis_network_js()}
    for kind in maps:
        files[map_href(kind)] = map_page(
            maps[kind],
            vis_src=f"../assets/{VIS_NETWORK_FILE}",
            link_base="../",
            root="../",
            extra_notes=notes,
        )
    case_maps: dict[tuple[str, str], str] = {}
    catch_all = data.catch_all_cases()
    for municipality, case in data.cases:
        href = "maps/case-" + case_page(municipality, case).removeprefix("cases/")
        case_maps[(municipality, case)] = href
        files[href] = map_page(
            MAP_KINDS["case"].build(MapInput(data, case=(municipality, case))),
            vis_src=f"../assets/{VIS_NETWORK_FILE}",
            link_base="../",
            root="../",
            extra_notes=notes,
        )
        files[case_page(municipality, case)] = _case_page(
            data, municipality, case, href, (municipality, case) in catch_all
        )
    for municipality, centre, _ in _centres(data):
        files[centre_page(municipality, centre.name)] = _centre_page(
            data, municipality, centre, projection if centres is not None else None
        )
    for item in data.items:
        files[item.page] = _item_page(data, item)
    search = None
    if search_index is not None:
        files[SEARCH_INDEX_FILE] = index_script(search_index)
        search = widget_html(src=SEARCH_INDEX_FILE)
    files["index.html"] = _index_page(data, maps, case_maps, search)
    return files
