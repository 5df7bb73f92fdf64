"""Charts as inline SVG (no plotting library, no network) that do not mislead.

* A year without meetings is not a zero: it is drawn as a hatched gap marked "ingen møder".
* Counts can be shown per meeting, so a year with twice the meetings does not look twice as
  busy (:func:`toggle` shows both, switched without script).
* Many series over many years are a heatmap (:func:`heatmap`: one row per series, labelled
  directly, a cell per year) or small multiples (:func:`small_multiples`: one small bar
  chart per series on a shared scale), never spaghetti lines with a truncated legend.
* One chart never joins municipalities: the report draws one per municipality.

Every label is escaped; each cell and bar has an SVG ``<title>`` the browser shows as a tooltip.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

from referatgraf.viz.html import cut, esc

__all__ = ["heatmap", "small_multiples", "toggle", "top_series", "value_text"]

_HATCH = (
    '<defs><pattern id="rg-none" width="6" height="6" patternUnits="userSpaceOnUse" '
    'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="#c5ccd4" '
    'stroke-width="2"/></pattern></defs>'
)
_NO_MEETINGS = "ingen møder"


def top_series(pairs: Iterable[tuple[str, int, str]], n: int = 8) -> dict[str, dict[int, int]]:
    """The ``n`` largest series from (series, year, item) triples: distinct items per year.

    Examples
    --------
    >>> top_series([("A", 2016, "i1"), ("A", 2016, "i1"), ("A", 2017, "i2"), ("B", 2017, "i2")], 1)
    {'A': {2016: 1, 2017: 1}}
    """
    items: dict[tuple[str, int], set[str]] = defaultdict(set)
    for series, year, item in pairs:
        items[(series, year)].add(item)
    totals: Counter[str] = Counter()
    for (series, _), members in items.items():
        totals[series] += len(members)
    keep = [s for s, _ in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]
    return {s: {y: len(m) for (t, y), m in sorted(items.items()) if t == s} for s in keep}


def value_text(value: float, per_meeting: bool) -> str:
    """A count as a chart writes it: whole numbers, or per meeting with one decimal (comma).

    >>> value_text(3, False), value_text(0.75, True), value_text(2, True)
    ('3', '0,8', '2,0')
    """
    if not per_meeting:
        return str(int(value))
    return f"{value:.1f}".replace(".", ",")


def _unit(value: float, per_meeting: bool, unit: str) -> str:
    """The unit a chart writes after a value: "1 punkt", "2 punkter", "0,5 punkter pr. møde".

    >>> _unit(1, False, "punkter"), _unit(2, False, "punkter"), _unit(1, True, "punkter")
    ('punkt', 'punkter', 'punkter pr. møde')
    """
    if per_meeting:
        return f"{unit} pr. møde"
    return _SINGULAR.get(unit, unit) if value == 1 else unit


_SINGULAR = {"punkter": "punkt", "møder": "møde", "beslutninger": "beslutning", "sager": "sag"}


def _value(counts: Mapping[int, int], year: int, meetings: Mapping[int, int], per_meeting: bool):
    n = counts.get(year, 0)
    return n / meetings[year] if per_meeting and meetings.get(year) else n


def _shade(value: float, top: float) -> str:
    """A blue of sequential lightness for ``value`` of ``top`` (white for 0).

    >>> _shade(0, 5), _shade(5, 5)
    ('#ffffff', '#0b5cad')
    """
    if value <= 0 or top <= 0:
        return "#ffffff"
    t = 0.15 + 0.85 * min(1.0, value / top)
    low, high = (232, 240, 250), (11, 92, 173)
    r, g, b = (round(lo + (hi - lo) * t) for lo, hi in zip(low, high, strict=True))
    return f"#{r:02x}{g:02x}{b:02x}"


def heatmap(
    series: Mapping[str, Mapping[int, int]],
    years: list[int],
    meetings: Mapping[int, int],
    *,
    title: str,
    per_meeting: bool = False,
    links: Mapping[str, str] | None = None,
    unit: str = "punkter",
) -> str:
    """A series × year heatmap: rows labelled directly, hatched columns for years without meetings.

    ``links`` (series → page) makes row labels links. ``per_meeting`` divides each count by
    the year's meetings.

    Examples
    --------
    >>> svg = heatmap({"<b>A</b>": {2016: 2}, "B": {2018: 1}}, [2016, 2017, 2018],
    ...               {2016: 1, 2018: 2}, title="T")
    >>> "&lt;b&gt;A&lt;/b&gt;" in svg and "<b>" not in svg, svg.count('class="rg-cell"'), _NO_MEETINGS in svg
    (True, 4, True)
    """
    label_w, cell_w, cell_h, top = 250, max(22, min(44, 640 // max(1, len(years)))), 22, 44
    width = label_w + cell_w * len(years) + 10
    height = top + cell_h * len(series) + 28
    values = {
        name: {y: _value(counts, y, meetings, per_meeting) for y in years}
        for name, counts in series.items()
    }
    high = max([0.0, *(v for row in values.values() for v in row.values())])
    what = f"{unit} pr. møde" if per_meeting else unit
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="rg-chart rg-heatmap" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" aria-label="{esc(title)}">',
        _HATCH,
        f"<title>{esc(title)}</title>",
        f'<text x="0" y="16" font-size="14" font-weight="600">{esc(title)}</text>',
    ]
    for k, year in enumerate(years):
        x = label_w + k * cell_w
        if not len(years) > 12 or k % 2 == 0 or k == len(years) - 1:
            parts.append(
                f'<text x="{x + cell_w / 2:.1f}" y="{top - 6}" font-size="11" '
                f'text-anchor="middle">{year}</text>'
            )
        if not meetings.get(year):
            parts.append(
                f'<rect x="{x}" y="{top}" width="{cell_w}" height="{cell_h * len(series)}" '
                f'fill="url(#rg-none)" class="rg-gap"><title>{year}: {_NO_MEETINGS}</title></rect>'
            )
    for row, (name, counts) in enumerate(values.items()):
        y = top + row * cell_h
        label = esc(cut(name, 38))
        href = (links or {}).get(name)
        text = (
            f'<text x="{label_w - 8}" y="{y + cell_h * 0.68:.1f}" font-size="12" '
            f'text-anchor="end">{label}<title>{esc(name)}</title></text>'
        )
        parts.append(f'<a href="{esc(href)}">{text}</a>' if href else text)
        for k, year in enumerate(years):
            if not meetings.get(year):
                continue
            x = label_w + k * cell_w
            v = counts[year]
            fill = _shade(v, high)
            shown = value_text(v, per_meeting)
            parts.append(
                f'<rect class="rg-cell" x="{x + 1}" y="{y + 1}" width="{cell_w - 2}" '
                f'height="{cell_h - 2}" fill="{fill}" stroke="#e3e6ea">'
                f"<title>{esc(name)} {year}: {shown} {_unit(v, per_meeting, unit)}</title></rect>"
            )
            if v and cell_w >= 26:
                ink = "#ffffff" if high and v / high > 0.55 else "#1d2733"
                parts.append(
                    f'<text x="{x + cell_w / 2:.1f}" y="{y + cell_h * 0.68:.1f}" font-size="10" '
                    f'text-anchor="middle" fill="{ink}" pointer-events="none">{shown}</text>'
                )
    foot = top + cell_h * len(series) + 18
    parts.append(
        f'<text x="{label_w}" y="{foot}" font-size="11" fill="#5b6672">Tal: {esc(what)} pr. år; '
        f"skraveret: år {_NO_MEETINGS}</text>"
    )
    parts.append("</svg>")
    return "".join(parts)


def small_multiples(
    series: Mapping[str, Mapping[int, int]],
    years: list[int],
    meetings: Mapping[int, int],
    *,
    title: str,
    per_meeting: bool = False,
    links: Mapping[str, str] | None = None,
    unit: str = "punkter",
    width: int = 190,
) -> str:
    """One small bar chart per series on a shared scale, each labelled directly (``width``
    pixels each; one wide chart for a single series).

    Examples
    --------
    >>> html = small_multiples({"ØDC": {2016: 3}, "HRC": {2017: 1}}, [2016, 2017, 2018],
    ...                        {2016: 2, 2017: 1}, title="Centre")
    >>> html.count("<svg"), html.count('class="rg-bar"'), html.count('class="rg-gap"')
    (2, 4, 2)
    """
    w, h, pad = width, 70, 14
    bar_w = max(2.0, (w - 2 * pad) / max(1, len(years)))
    values = {
        name: {y: _value(counts, y, meetings, per_meeting) for y in years}
        for name, counts in series.items()
    }
    high = max([0.0, *(v for row in values.values() for v in row.values())]) or 1.0
    what = f"{unit} pr. møde" if per_meeting else unit
    cards = []
    for name, counts in values.items():
        parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="rg-chart rg-multiple" role="img" '
            f'viewBox="0 0 {w} {h + 30}" width="{w}" height="{h + 30}" aria-label="{esc(name)}">',
            _HATCH.replace('id="rg-none"', f'id="rg-none-{len(cards)}"'),
        ]
        href = (links or {}).get(name)
        label = f'<text x="0" y="12" font-size="12" font-weight="600">{esc(cut(name, w // 7))}<title>{esc(name)}</title></text>'
        parts.append(f'<a href="{esc(href)}">{label}</a>' if href else label)
        base = h + 10
        for k, year in enumerate(years):
            x = pad + k * bar_w
            if not meetings.get(year):
                parts.append(
                    f'<rect class="rg-gap" x="{x:.1f}" y="20" width="{bar_w:.1f}" height="{h - 10}" '
                    f'fill="url(#rg-none-{len(cards)})"><title>{year}: {_NO_MEETINGS}</title></rect>'
                )
                continue
            v = counts[year]
            bh = (h - 10) * v / high
            parts.append(
                f'<rect class="rg-bar" x="{x + 0.5:.1f}" y="{base - bh:.1f}" '
                f'width="{max(1.0, bar_w - 1):.1f}" height="{bh:.1f}" fill="#0072B2">'
                f"<title>{esc(name)} {year}: {value_text(v, per_meeting)} "
                f"{_unit(v, per_meeting, unit)}</title></rect>"
            )
        parts.append(f'<line x1="{pad}" x2="{w - pad}" y1="{base}" y2="{base}" stroke="#8896a5"/>')
        if bar_w >= 28:  # room for every year under its bar
            parts.extend(
                f'<text x="{pad + (k + 0.5) * bar_w:.1f}" y="{base + 14}" font-size="10" '
                f'text-anchor="middle">{year}</text>'
                for k, year in enumerate(years)
            )
        elif years:
            parts.append(
                f'<text x="{pad}" y="{base + 14}" font-size="10">{years[0]}</text>'
                f'<text x="{w - pad}" y="{base + 14}" font-size="10" text-anchor="end">'
                f"{years[-1]}</text>"
            )
        parts.append("</svg>")
        cards.append("".join(parts))
    scale = value_text(high, per_meeting)
    return (
        f'<figure class="rg-multiples"><figcaption><b>{esc(title)}</b> '
        f'<span class="rg-muted">(fælles skala: højeste søjle {scale} {esc(what)}; '
        f"skraveret: år {_NO_MEETINGS})</span></figcaption>"
        f'<div class="rg-multiples-grid">{"".join(cards)}</div></figure>'
    )


def toggle(name: str, counts: str, per_meeting: str) -> str:
    """Two views of one chart, switched by radio buttons without script (CSS only).

    >>> html = toggle("s1", "<svg>a</svg>", "<svg>b</svg>")
    >>> 'id="s1-count"' in html and "rg-view-per" in html
    True
    """
    n = esc(name)
    return (
        f'<div class="rg-toggle">'
        f'<input type="radio" name="{n}" id="{n}-count" class="rg-count" checked>'
        f'<label for="{n}-count">Punkter pr. år</label>'
        f'<input type="radio" name="{n}" id="{n}-per" class="rg-per">'
        f'<label for="{n}-per">Pr. møde</label>'
        f'<div class="rg-view-count">{counts}</div><div class="rg-view-per">{per_meeting}</div></div>'
    )
