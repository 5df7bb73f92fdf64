"""The summary of an analysis as a plain dict (for JSON) and as short Markdown text.

The Markdown answers the analysts' three questions in plain words, in Danish or
English: which centres co-own cases, who sits in the middle, and how that changed.
"""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx

from referatgraf.graph.analytics.settings import LANGUAGES

__all__ = ["LANGUAGES", "markdown", "summarize"]


TOP = 5


def summarize(
    tables: Mapping[str, list[dict]],
    graphs: Mapping[str, nx.Graph],
    *,
    municipality: str | None,
    include_catch_all: bool,
    min_titles: int,
    period: str,
    seed: int,
    compare: tuple[str, str] | None = None,
    significance: str = "casesize",
    alpha: float = 0.05,
) -> dict:
    """The headline numbers of an analysis (JSON-ready).

    ``strongest_ties`` are the pairs with most shared cases; ``surprising_ties`` the other
    ties that co-own more cases than the two centres' activity and the cases' sizes
    predict (lift above 1), most surprising (lowest p-value) first, each saying whether it
    is significant.

    Examples
    --------
    >>> P = nx.Graph([("A", "B", {"weight": 2, "cases": ["c1", "c2"]})])
    >>> B = nx.Graph([("A", "c1"), ("B", "c1"), ("A", "c2"), ("B", "c2")])
    >>> tables = {"co_ownership": [{"centre_a": "A", "centre_b": "B", "shared_cases": 2,
    ...                              "cases": ["c1", "c2"], "items": []}],
    ...           "centrality": [{"node": "A", "weighted_degree": 2, "betweenness": 0.0}],
    ...           "communities": [{"community": 0, "members": ["A", "B"]}],
    ...           "brokers": [], "catch_all_cases": [], "periods": [], "period_changes": [],
    ...           "person_centrality": [], "strategy_centrality": []}
    >>> s = summarize(tables, {"centre_projection": P, "centre_case": B}, municipality=None,
    ...               include_catch_all=False, min_titles=3, period="year", seed=0)
    >>> s["counts"]["ties"], s["top_pairs"][0]["shared_cases"], s["communities"]
    (1, 2, [['A', 'B']])
    >>> s["strongest_ties"][0]["centre_a"], s["surprising_ties"]
    ('A', [])
    """
    P = graphs["centre_projection"]
    B = graphs["centre_case"]
    centrality = tables["centrality"]
    by_betweenness = sorted(centrality, key=lambda r: (-r["betweenness"], str(r["node"])))
    periods = tables["periods"]
    last_change = None
    if compare is not None or len(periods) >= 2:
        first, second = compare or (periods[-2]["period"], periods[-1]["period"])
        changes = tables["comparison"] if compare is not None else tables["period_changes"]
        rows = [r for r in changes if r["from"] == first and r["to"] == second]
        last_change = {
            "from": first,
            "to": second,
            "edges_gained": [[r["a"], r["b"]] for r in rows if r["change"] == "edge_gained"],
            "edges_lost": [[r["a"], r["b"]] for r in rows if r["change"] == "edge_lost"],
            "rank_changes": [
                {"node": r["a"], "before": r["before"], "after": r["after"]}
                for r in rows
                if r["change"] == "rank_changed"
            ],
        }
    sampled = {
        name: rows[0]["betweenness_sampled_k"]
        for name in ("person_centrality", "strategy_centrality")
        if (rows := tables.get(name)) and rows[0].get("betweenness_sampled_k")
    }
    ties = tables["co_ownership"]
    strongest = ties[:TOP]
    chosen = {(r["centre_a"], r["centre_b"]) for r in strongest}
    surprising = sorted(
        (
            r
            for r in ties
            if (r.get("lift") or 0) > 1 and (r["centre_a"], r["centre_b"]) not in chosen
        ),
        key=lambda r: (r["p_value"], -(r.get("lift") or 0), str(r["centre_a"]), str(r["centre_b"])),
    )[:TOP]
    significant = [r for r in ties if r.get("significant")]
    return {
        "parameters": {
            "municipality": municipality,
            "include_catch_all": include_catch_all,
            "min_titles": min_titles,
            "period": period,
            "seed": seed,
            "compare": list(compare) if compare else None,
            "significance": significance,
            "alpha": alpha,
        },
        "counts": {
            "centres": P.number_of_nodes(),
            "cases": sum(1 for _, k in B.nodes(data="kind") if k == "case"),
            "items": len(B.graph.get("items", {})),
            "ties": P.number_of_edges(),
            "significant_ties": len(significant),
            "co_mentions": len(tables.get("co_mentions", ())),
            "people": sum(
                1
                for _, k in graphs.get("person_centre", nx.Graph()).nodes(data="kind")
                if k == "person"
            ),
            "strategies": sum(
                1
                for _, k in graphs.get("centre_strategy", nx.Graph()).nodes(data="kind")
                if k == "strategy"
            ),
        },
        "catch_all_cases": [
            r["case"] for r in tables["catch_all_cases"] if r.get("reason", "titles") == "titles"
        ],
        "list_cases": [r["case"] for r in tables["catch_all_cases"] if r.get("reason") == "list"],
        "top_pairs": tables["co_ownership"][:TOP],
        "strongest_ties": [_tie(r) for r in strongest],
        "surprising_ties": [_tie(r) for r in surprising],
        "most_connected": [
            {"centre": r["node"], "shared_cases": r["weighted_degree"]} for r in centrality[:TOP]
        ],
        "most_between": [
            {"centre": r["node"], "betweenness": r["betweenness"]}
            for r in by_betweenness[:TOP]
            if r["betweenness"] > 0
        ],
        "communities": [r["members"] for r in tables["communities"]],
        "brokers": [r["node"] for r in tables["brokers"]],
        "periods": periods,
        "last_change": last_change,
        "betweenness_sampled": sampled,
        "party_agreement": {
            "decisions": graphs["party_agreement"].graph.get("decisions", 0)
            if "party_agreement" in graphs
            else 0,
            "most_alike": [r for r in tables.get("party_agreement", []) if r["decisions"]][:TOP],
            "least_alike": sorted(
                tables.get("party_agreement", []),
                key=lambda r: (r["agreement"], -r["decisions"], r["party_a"], r["party_b"]),
            )[:TOP],
        },
    }


def _tie(row: Mapping) -> dict:
    """The fields of a co-ownership row the summary names."""
    return {
        k: row.get(k)
        for k in (
            "centre_a",
            "centre_b",
            "shared_cases",
            "cases",
            "expected",
            "lift",
            "p_value",
            "significant",
        )
        if k in row
    }


_TEXT = {
    "da": {
        "title": "Netværksanalyse: centre og sager",
        "scope": "{centres} centre, {cases} sager og {items} punkter; {ties} par af centre ejer mindst én sag sammen (begge indstiller, er ansvarlige eller inddraget), {significant_ties} af dem signifikant.",
        "catch_all_out": "Opsamlingssager (samme sagsnummer til program, øvrige sager m.m.) tæller punkt for punkt: {cases}.",
        "catch_all_in": "Opsamlingssager tæller som én sag: {cases}.",
        "lists": "Punkter, der kun opregner centre (fx statistik pr. center), giver ingen fælles ejerskab: {cases}.",
        "co_mentions": "{n} par nævnes i samme sager uden at eje dem sammen (opregnet eller blot nævnt); se co_mentions.csv.",
        "pairs": "## Hvem ejer sager sammen?",
        "strongest": "Stærkest (flest fælles sager): {ties}.",
        "surprising": "Overraskende (flere fælles sager end centrenes aktivitet og sagernes størrelse forudsiger; {method}, signifikant ved p < {alpha}): {ties}.",
        "not_significant": "Mest overraskende, men ingen er signifikant ved p < {alpha} ({method}): {ties}.",
        "no_surprising": "Ingen par ejer flere sager sammen end forventet.",
        "no_groups": "Ingen grupper: ingen bånd er signifikante.",
        "tie": "{a}–{b} ({n}",
        "tie_lift": "{a}–{b} ({n}; forventet {expected:.1f}, p = {p:.3f}",
        "pair": "- {a} og {b}: {n} fælles sager ({cases})",
        "no_pairs": "Ingen centre deler sager.",
        "middle": "## Hvem sidder i midten?",
        "connected": "Flest fælles sager: {names}.",
        "between": "Højest mellemcentralitet (forbinder flest andre): {names}.",
        "brokers": "Brobyggere (høj mellemcentralitet, få forbindelser): {names}.",
        "no_brokers": "Ingen tydelige brobyggere.",
        "communities": "Grupper (Louvain på de signifikante bånd): {groups}.",
        "change": "## Hvad har ændret sig?",
        "periods": "Perioder: {periods}.",
        "from_to": "Fra {a} til {b}: nye forbindelser {gained}; forsvundne {lost}.",
        "moved": "Rykket i rang: {moves}.",
        "one_period": "Der er kun én periode; ingen ændring at vise.",
        "none": "ingen",
        "more": "og {n} flere",
        "sampled": "Mellemcentralitet er skønnet ud fra {k} stikprøveknuder for: {names}.",
        "votes": "## Hvilke partier stemmer ens?",
        "vote_scope": "{n} beslutninger med afstemninger, hvor partier er nævnt.",
        "vote_pair": "- {a} og {b}: ens i {alike} af {n} ({share:.0%})",
        "no_votes": "Ingen afstemninger med partier.",
        "apart": "Mindst enige: {pairs}.",
    },
    "en": {
        "title": "Network analysis: centres and cases",
        "scope": "{centres} centres, {cases} cases and {items} items; {ties} pairs of centres co-own at least one case (both propose, lead or take part), {significant_ties} of them significantly.",
        "catch_all_out": "Catch-all cases (one case number reused for programme, other business etc.) count item by item: {cases}.",
        "catch_all_in": "Catch-all cases count as one case: {cases}.",
        "lists": "Items that only list centres (e.g. statistics per centre) make no co-ownership: {cases}.",
        "co_mentions": "{n} pairs are named in the same cases without co-owning them (listed or only mentioned); see co_mentions.csv.",
        "pairs": "## Which centres co-own cases?",
        "strongest": "Strongest (most shared cases): {ties}.",
        "surprising": "Surprising (more shared cases than the centres' activity and the cases' sizes predict; {method}, significant at p < {alpha}): {ties}.",
        "not_significant": "Most surprising, but none significant at p < {alpha} ({method}): {ties}.",
        "no_surprising": "No pair co-owns more cases than expected.",
        "no_groups": "No groups: no tie is significant.",
        "tie": "{a}–{b} ({n}",
        "tie_lift": "{a}–{b} ({n}; expected {expected:.1f}, p = {p:.3f}",
        "pair": "- {a} and {b}: {n} shared cases ({cases})",
        "no_pairs": "No centres share cases.",
        "middle": "## Who sits in the middle?",
        "connected": "Most shared cases: {names}.",
        "between": "Highest betweenness (joins most others): {names}.",
        "brokers": "Brokers (high betweenness, few ties): {names}.",
        "no_brokers": "No clear brokers.",
        "communities": "Groups (Louvain on the significant ties): {groups}.",
        "change": "## What changed?",
        "periods": "Periods: {periods}.",
        "from_to": "From {a} to {b}: new ties {gained}; ties gone {lost}.",
        "moved": "Rank moves: {moves}.",
        "one_period": "There is only one period; no change to show.",
        "none": "none",
        "more": "and {n} more",
        "sampled": "Betweenness is estimated from {k} sampled nodes for: {names}.",
        "votes": "## Which parties vote alike?",
        "vote_scope": "{n} decisions with votes that name parties.",
        "vote_pair": "- {a} and {b}: alike in {alike} of {n} ({share:.0%})",
        "no_votes": "No votes that name parties.",
        "apart": "Least alike: {pairs}.",
    },
}


def _pairs(pairs: list[list[str]], none: str, more: str, limit: int = 8) -> str:
    """Pairs as "A–B, C–D", the first ``limit`` only.

    >>> _pairs([["A", "B"], ["C", "D"], ["E", "F"]], "none", "{n} more", limit=2)
    'A–B, C–D (1 more)'
    >>> _pairs([], "none", "{n} more")
    'none'
    """
    text = ", ".join(f"{a}–{b}" for a, b in pairs[:limit]) or none
    if len(pairs) > limit:
        text += f" ({more.format(n=len(pairs) - limit)})"
    return text


def _ties(ties: list[Mapping], t: Mapping[str, str]) -> str:
    """Ties as "A–B (3; expected 1.2, p = 0.030)", or "A–B (3)" without a null model.

    >>> _ties([{"centre_a": "A", "centre_b": "B", "shared_cases": 3, "expected": 1.2, "p_value": 0.03}],
    ...       _TEXT["en"])
    'A–B (3; expected 1.2, p = 0.030)'
    """
    out = []
    for r in ties:
        if r.get("expected") is not None and r.get("p_value") is not None:
            text = t["tie_lift"].format(
                a=r["centre_a"],
                b=r["centre_b"],
                n=r["shared_cases"],
                expected=r["expected"],
                p=r["p_value"],
            )
        else:
            text = t["tie"].format(a=r["centre_a"], b=r["centre_b"], n=r["shared_cases"])
        out.append(text + ")")
    return ", ".join(out)


def markdown(summary: Mapping, language: str = "da") -> str:
    """A short Markdown report of a summary from :func:`summarize`.

    Examples
    --------
    >>> s = {"counts": {"centres": 2, "cases": 1, "items": 1, "ties": 1, "significant_ties": 0},
    ...      "parameters": {"include_catch_all": False}, "catch_all_cases": ["16/26813"],
    ...      "top_pairs": [{"centre_a": "BYC", "centre_b": "ØDC", "shared_cases": 1, "cases": ["17/1"]}],
    ...      "most_connected": [{"centre": "BYC", "shared_cases": 1}], "most_between": [],
    ...      "brokers": [], "communities": [["BYC", "ØDC"]], "periods": [{"period": "2017"}],
    ...      "last_change": None, "betweenness_sampled": {}}
    >>> print(markdown(s, "en"))  # doctest: +NORMALIZE_WHITESPACE
    # Network analysis: centres and cases
    <BLANKLINE>
    2 centres, 1 cases and 1 items; 1 pairs of centres co-own at least one case (both propose, lead or take part), 0 of them significantly.
    Catch-all cases (one case number reused for programme, other business etc.) count item by item: 16/26813.
    <BLANKLINE>
    ## Which centres co-own cases?
    <BLANKLINE>
    - BYC and ØDC: 1 shared cases (17/1)
    <BLANKLINE>
    ## Who sits in the middle?
    <BLANKLINE>
    Most shared cases: BYC (1).
    No clear brokers.
    Groups (Louvain on the significant ties): {BYC, ØDC}.
    <BLANKLINE>
    ## What changed?
    <BLANKLINE>
    There is only one period; no change to show.
    """
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r} ({', '.join(LANGUAGES)})")
    t = _TEXT[language]
    c = summary["counts"]
    lines = [f"# {t['title']}", "", t["scope"].format(**c)]
    if summary["catch_all_cases"]:
        key = "catch_all_in" if summary["parameters"]["include_catch_all"] else "catch_all_out"
        lines.append(t[key].format(cases=", ".join(summary["catch_all_cases"])))
    if summary.get("list_cases"):
        lines.append(t["lists"].format(cases=", ".join(summary["list_cases"])))
    if c.get("co_mentions"):
        lines.append(t["co_mentions"].format(n=c["co_mentions"]))
    lines += ["", t["pairs"], ""]
    params = summary["parameters"]
    if summary.get("strongest_ties"):
        lines.append(t["strongest"].format(ties=_ties(summary["strongest_ties"], t)))
    if "surprising_ties" in summary:
        method, alpha = params.get("significance", "casesize"), params.get("alpha", 0.05)
        found = summary["surprising_ties"]
        significant = [r for r in found if r.get("significant")]
        if significant:
            ties = _ties(significant, t)
            lines.append(t["surprising"].format(ties=ties, method=method, alpha=alpha))
        elif found:
            ties = _ties(found, t)
            lines.append(t["not_significant"].format(ties=ties, method=method, alpha=alpha))
        else:
            lines.append(t["no_surprising"])
        lines.append("")
    for p in summary["top_pairs"]:
        lines.append(
            t["pair"].format(
                a=p["centre_a"], b=p["centre_b"], n=p["shared_cases"], cases=", ".join(p["cases"])
            )
        )
    if not summary["top_pairs"]:
        lines.append(t["no_pairs"])
    lines += ["", t["middle"], ""]
    if summary["most_connected"]:
        names = ", ".join(f"{r['centre']} ({r['shared_cases']})" for r in summary["most_connected"])
        lines.append(t["connected"].format(names=names))
    if summary["most_between"]:
        names = ", ".join(
            f"{r['centre']} ({r['betweenness']:.2f})" for r in summary["most_between"]
        )
        lines.append(t["between"].format(names=names))
    if summary["brokers"]:
        lines.append(t["brokers"].format(names=", ".join(summary["brokers"])))
    else:
        lines.append(t["no_brokers"])
    groups = [g for g in summary["communities"] if len(g) > 1]
    if groups:
        text = "; ".join("{" + ", ".join(g) + "}" for g in groups)
        lines.append(t["communities"].format(groups=text))
    elif "surprising_ties" in summary:
        lines.append(t["no_groups"])
    lines += ["", t["change"], ""]
    change = summary["last_change"]
    if change is None:
        lines.append(t["one_period"])
    else:
        lines.append(
            t["periods"].format(periods=", ".join(p["period"] for p in summary["periods"]))
        )
        lines.append(
            t["from_to"].format(
                a=change["from"],
                b=change["to"],
                gained=_pairs(change["edges_gained"], t["none"], t["more"]),
                lost=_pairs(change["edges_lost"], t["none"], t["more"]),
            )
        )
        moves = ", ".join(f"{m['node']} {m['before']}→{m['after']}" for m in change["rank_changes"])
        if moves:
            lines.append(t["moved"].format(moves=moves))
    for name, k in summary.get("betweenness_sampled", {}).items():
        lines.append(t["sampled"].format(k=k, names=name))
    votes = summary.get("party_agreement")
    if votes is not None:
        lines += ["", t["votes"], ""]
        if votes["decisions"]:
            lines.append(t["vote_scope"].format(n=votes["decisions"]))
            for r in votes["most_alike"]:
                lines.append(
                    t["vote_pair"].format(
                        a=r["party_a"],
                        b=r["party_b"],
                        alike=r["alike"],
                        n=r["decisions"],
                        share=r["agreement"],
                    )
                )
            apart = ", ".join(
                f"{r['party_a']}–{r['party_b']} ({r['agreement']:.0%})"
                for r in votes["least_alike"]
            )
            if apart:
                lines.append(t["apart"].format(pairs=apart))
        else:
            lines.append(t["no_votes"])
    return "\n".join(lines) + "\n"
