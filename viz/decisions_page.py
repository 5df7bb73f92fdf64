"""The decisions overview: every decision by outcome, body and period, with proposer and votes.

The page answers "what did the committees decide": a count of decisions per outcome and
year for each municipality, then every decision in a paged, sortable table with drop-downs
for municipality, body and outcome — the date, the deciding body (as the decision names it,
else the body that held the meeting), the outcome in Danish, the item and its case, who
proposed it ("X indstiller") and, where the minutes print them, who voted for, against or
abstained. Decisions on procedural items are left out, as in the saved query
``decisions-overview``, which gives the same rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from referatgraf.extract.model import OUTCOMES
from referatgraf.viz.data import SiteData
from referatgraf.viz.html import DECISIONS_PAGE, case_page, esc, plural
from referatgraf.viz.page import page
from referatgraf.viz.party_votes import party_vote_text
from referatgraf.viz.pieces import FileText
from referatgraf.viz.table import Column, table_file, table_html

__all__ = ["DecisionLine", "decision_lines", "decisions_files"]


@dataclass(frozen=True, slots=True)
class DecisionLine:
    """One decision as the overview shows it."""

    decision: str
    municipality: str
    date: str | None
    body: str
    outcome: str
    outcome_da: str
    item_title: str
    item_page: str
    case: str | None
    proposers: tuple[str, ...]
    votes_for: str
    votes_against: str
    votes_abstained: str
    parties: str = ""  # how each party voted (issue 16): "For: Venstre; Imod: Enhedslisten"


def decision_lines(data: SiteData, *, include_procedural: bool = False) -> list[DecisionLine]:
    """Every decision (on items that are not procedural), newest first."""
    out = []
    for d in data.decisions:
        item = data.item_by_iri.get(d.item)
        if item is None or (item.procedural and not include_procedural):
            continue
        proposers = tuple(
            dict.fromkeys(
                data.entity_by_iri[m.entity].name
                for m in data.mentions_by_item.get(item.iri, ())
                if m.mention_type == "proposers"
            )
        )
        votes = {"for": [], "against": [], "abstained": []}
        for v in data.vote_texts_by_decision.get(d.iri, []):
            votes[v.position].append(v.voters)
        out.append(
            DecisionLine(
                decision=d.iri,
                municipality=item.municipality,
                date=d.date or item.date,
                body=d.decided_by or item.body,
                outcome=d.outcome,
                outcome_da=d.outcome_da or d.outcome,
                item_title=item.title,
                item_page=item.page,
                case=item.case,
                proposers=proposers,
                votes_for=" | ".join(sorted(votes["for"])),
                votes_against=" | ".join(sorted(votes["against"])),
                votes_abstained=" | ".join(sorted(votes["abstained"])),
                parties=party_vote_text(data.votes_by_decision.get(d.iri, [])),
            )
        )
    out.sort(key=lambda x: (x.municipality, x.date or ""), reverse=True)
    return out


def _summary(lines: list[DecisionLine]) -> str:
    """Decisions per outcome and year, one table per municipality."""
    parts = []
    for muni in sorted({x.municipality for x in lines}):
        mine = [x for x in lines if x.municipality == muni]
        years = sorted({x.date[:4] for x in mine if x.date})
        counts = Counter((x.outcome, x.date[:4] if x.date else "udateret") for x in mine)
        labels = {x.outcome: x.outcome_da for x in mine}
        columns = [*years, *(["udateret"] if any(not x.date for x in mine) else [])]
        head = "".join(f"<th class=rg-num>{esc(y)}</th>" for y in columns)
        rows = "".join(
            f"<tr><td>{esc(labels[o])}</td>"
            + "".join(f"<td class=rg-num>{counts[(o, y)] or ''}</td>" for y in columns)
            + f"<td class=rg-num><b>{sum(counts[(o, y)] for y in columns)}</b></td></tr>"
            for o in OUTCOMES
            if o in labels
        )
        parts.append(
            f"<h3>{esc(muni)}: {plural(len(mine), 'beslutning', 'beslutninger')}</h3>"
            f"<table class=rg-matrix><tr><th>Udfald</th>{head}<th class=rg-num>I alt</th></tr>{rows}</table>"
        )
    return "".join(parts)


def decisions_files(data: SiteData) -> Iterator[tuple[str, FileText]]:
    """The decisions overview page and its data file."""
    lines = decision_lines(data)
    left_out = sum(  # the decisions decision_lines(include_procedural=True) adds
        1
        for d in data.decisions
        if (i := data.item_by_iri.get(d.item)) is not None and i.procedural
    )
    columns = [
        Column("Kommune", choose=True),
        Column("Dato", "date"),
        Column("Organ", choose=True),
        Column("Udfald", choose=True),
        Column("Punkt"),
        Column("Sag"),
        Column("Indstiller", choose=True),
        Column("For"),
        Column("Imod"),
        Column("Undlod"),
        Column("Partier"),
    ]
    voted = sum(1 for x in lines if x.votes_for or x.votes_against or x.votes_abstained)
    body = (
        "<main class=rg-wide><h1>Beslutninger</h1>"
        f"<p>{plural(len(lines), 'beslutning', 'beslutninger')} efter udfald, organ og periode; "
        f"{plural(voted, 'beslutning', 'beslutninger')} med afstemning, som referatet gengiver den "
        "(partibogstaver, navne eller antal)."
        + (
            f" {plural(left_out, 'beslutning', 'beslutninger')} om faste mødepunkter (godkendelse af "
            "dagsorden, meddelelser …) er udeladt."
            if left_out
            else ""
        )
        + " Samme liste fra kommandolinjen: <code>referatgraf query decisions-overview</code>.</p>"
        f"<h2>Udfald pr. år</h2>{_summary(lines) or '<p class=rg-muted>Ingen beslutninger.</p>'}"
        "<h2>Alle beslutninger</h2>"
        + table_html("decisions", src="data/decisions.js")
        + '<script src="assets/table.js"></script></main>'
    )
    yield DECISIONS_PAGE, page("Beslutninger", body, root="", script_files=True, stylesheet=True)
    yield (
        "data/decisions.js",
        table_file(
            "decisions",
            columns,
            lambda: map(_row, lines),
            noun=("beslutning", "beslutninger"),
            sort=1,
            descending=True,
        ),
    )


def _row(x: DecisionLine) -> list:
    """A decision's row in the overview's table."""
    return [
        x.municipality,
        x.date or "",
        x.body,
        x.outcome_da,
        [x.item_title, x.item_page],
        [x.case, case_page(x.municipality, x.case)] if x.case else "",
        ", ".join(x.proposers),
        x.votes_for,
        x.votes_against,
        x.votes_abstained,
        x.parties,
    ]
