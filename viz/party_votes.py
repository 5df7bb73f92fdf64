"""How the parties voted (issue 16's votes): one line per position under a decision, and the
table of party agreement on the report's front page."""

from __future__ import annotations

from collections import defaultdict

from referatgraf.viz.data import PartyVoteRow, SiteData
from referatgraf.viz.html import esc

__all__ = ["POSITION_DA", "agreement_section", "party_vote_text", "vote_lines"]

#: Danish names of the vote positions.
POSITION_DA = {
    "for": "For",
    "against": "Imod",
    "abstain": "Undlod at stemme",
    "reservation": "Tog forbehold",
}


def _by_position(votes: list[PartyVoteRow]) -> list[tuple[str, list[str]]]:
    by_position: dict[str, list[str]] = defaultdict(list)
    for v in votes:
        label = v.party if v.via == "party" else f"{v.party} (medlem)"
        if label not in by_position[v.position]:
            by_position[v.position].append(label)
    return [(p, by_position[p]) for p in POSITION_DA if by_position.get(p)]


def vote_lines(votes: list[PartyVoteRow]) -> str:
    """One line per position: the parties that voted so (members by their party).

    >>> vote_lines([PartyVoteRow("d", "i", "Venstre", "for"),
    ...             PartyVoteRow("d", "i", "Enhedslisten", "against", "member")])
    '<p class="rg-votes"><b>For:</b> Venstre<br><b>Imod:</b> Enhedslisten (medlem)</p>'
    """
    lines = [
        f"<b>{esc(POSITION_DA[p])}:</b> {esc(', '.join(names))}" for p, names in _by_position(votes)
    ]
    return f'<p class="rg-votes">{"<br>".join(lines)}</p>' if lines else ""


def party_vote_text(votes: list[PartyVoteRow]) -> str:
    """The same as plain text, for a table cell.

    >>> party_vote_text([PartyVoteRow("d", "i", "Venstre", "for"),
    ...                  PartyVoteRow("d", "i", "Enhedslisten", "against")])
    'For: Venstre; Imod: Enhedslisten'
    """
    return "; ".join(f"{POSITION_DA[p]}: {', '.join(names)}" for p, names in _by_position(votes))


def agreement_section(data: SiteData) -> str:
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
