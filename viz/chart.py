"""Line charts as inline SVG (no plotting library, no network): counts per year per series.

Used for "strategies and centres over time" on the report's front page: each series is a
line with a point per year, a legend, and an SVG ``<title>`` on each point (the browser
shows it as a tooltip). Every label is escaped.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

from referatgraf.viz.html import esc

__all__ = ["PALETTE", "line_chart", "top_series"]

#: Series colours (Okabe-Ito and Tableau, distinguishable for most colour vision).
PALETTE = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#7f7f7f",
    "#8c564b",
)


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


def line_chart(
    series: Mapping[str, Mapping[int, int]],
    years: list[int],
    *,
    title: str,
    y_label: str = "punkter",
    width: int = 720,
    height: int = 300,
) -> str:
    """An SVG line chart of ``series`` (name → year → count) over ``years``.

    Examples
    --------
    >>> svg = line_chart({"<b>A</b>": {2016: 2, 2017: 1}}, [2016, 2017], title="T")
    >>> svg.startswith("<svg") and "&lt;b&gt;A&lt;/b&gt;" in svg and "<b>" not in svg
    True
    >>> svg.count("<circle")
    2
    """
    left, right, top, bottom = 44, 200, 30, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = max([1, *(v for s in series.values() for v in s.values())])
    span = max(1, len(years) - 1)

    def x(year: int) -> float:
        return left + (years.index(year) * plot_w / span if len(years) > 1 else plot_w / 2)

    def y(value: int) -> float:
        return top + plot_h - value * plot_h / top_value

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="rg-chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-label="{esc(title)}">',
        f"<title>{esc(title)}</title>",
        f'<text x="{left}" y="18" font-size="14" font-weight="600">{esc(title)}</text>',
    ]
    ticks = sorted({0, top_value, (top_value + 1) // 2})
    for t in ticks:
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y(t):.1f}" y2="{y(t):.1f}" '
            'stroke="#e3e6ea"/>'
            f'<text x="{left - 6}" y="{y(t) + 4:.1f}" font-size="11" text-anchor="end">{t}</text>'
        )
    for year in years:
        parts.append(
            f'<text x="{x(year):.1f}" y="{top + plot_h + 16}" font-size="11" '
            f'text-anchor="middle">{year}</text>'
        )
    parts.append(
        f'<text x="12" y="{top + plot_h / 2:.1f}" font-size="11" '
        f'transform="rotate(-90 12 {top + plot_h / 2:.1f})" text-anchor="middle">{esc(y_label)}</text>'
    )
    for k, (name, counts) in enumerate(series.items()):
        colour = PALETTE[k % len(PALETTE)]
        points = [(year, counts.get(year, 0)) for year in years]
        path = " ".join(f"{x(a):.1f},{y(b):.1f}" for a, b in points)
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{path}"/>')
        for year, value in points:
            parts.append(
                f'<circle cx="{x(year):.1f}" cy="{y(value):.1f}" r="3.5" fill="{colour}">'
                f"<title>{esc(name)} {year}: {value} {esc(y_label)}</title></circle>"
            )
        ly = top + 14 * k + 6
        label = name if len(name) <= 28 else name[:27] + "…"
        parts.append(
            f'<rect x="{left + plot_w + 12}" y="{ly - 8}" width="10" height="10" fill="{colour}"/>'
            f'<text x="{left + plot_w + 27}" y="{ly + 1}" font-size="11">{esc(label)}'
            f"<title>{esc(name)}</title></text>"
        )
    parts.append("</svg>")
    return "".join(parts)
