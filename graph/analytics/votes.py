"""Which parties vote together: positions per decision and pairwise agreement.

The rows are those of the ``party-votes`` saved query (one per decision, party and way the
party is named: as a voter, or as the label of a member who voted). A party's position on a
decision is the one it is listed with; when only its members are listed, the position they
share (members split between positions give no position). "Tog forbehold" (a reservation)
is no vote yet and is left out of the agreement.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from itertools import combinations

import networkx as nx

from referatgraf.graph.queries import run_saved
from referatgraf.graph.store import Store, Value

__all__ = [
    "AGREEMENT_POSITIONS",
    "agreement_graph",
    "fetch_party_votes",
    "party_agreement",
    "party_positions",
]

#: The positions compared for agreement.
AGREEMENT_POSITIONS = ("for", "against", "abstain")


def fetch_party_votes(store: Store, municipality: str | None = None) -> list[dict[str, Value]]:
    """The rows of the ``party-votes`` saved query."""
    params = {"municipality": municipality} if municipality else {}
    return run_saved(store, "party-votes", params)


def party_positions(rows: Iterable[Mapping[str, object]]) -> dict[str, dict[str, str]]:
    """Decision → {party: position} for the positions compared.

    Examples
    --------
    >>> rows = [
    ...     {"decision": "d1", "party": "A", "position": "for", "via": "party"},
    ...     {"decision": "d1", "party": "V", "position": "against", "via": "member"},
    ...     {"decision": "d1", "party": "V", "position": "for", "via": "member"},
    ...     {"decision": "d1", "party": "C", "position": "reservation", "via": "party"},
    ...     {"decision": "d2", "party": "V", "position": "against", "via": "member"},
    ...     {"decision": "d2", "party": "V", "position": "abstain", "via": "party"},
    ... ]
    >>> party_positions(rows)
    {'d1': {'A': 'for'}, 'd2': {'V': 'abstain'}}
    """
    listed: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    members: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for r in rows:
        target = listed if str(r.get("via")) == "party" else members
        target[str(r["decision"])][str(r["party"])].add(str(r["position"]))
    out: dict[str, dict[str, str]] = {}
    for decision in sorted(set(listed) | set(members)):
        positions: dict[str, str] = {}
        parties = set(listed.get(decision, {})) | set(members.get(decision, {}))
        for party in sorted(parties):
            seen = listed.get(decision, {}).get(party) or members.get(decision, {}).get(party)
            if seen and len(seen) == 1:
                (position,) = seen
                if position in AGREEMENT_POSITIONS:
                    positions[party] = position
        if positions:
            out[decision] = positions
    return out


def party_agreement(positions: Mapping[str, Mapping[str, str]]) -> list[dict]:
    """One row per pair of parties: decisions both voted on, how many alike, the share.

    Examples
    --------
    >>> party_agreement({"d1": {"A": "for", "V": "for", "Ø": "against"},
    ...                  "d2": {"A": "for", "V": "against"}})  # doctest: +NORMALIZE_WHITESPACE
    [{'party_a': 'A', 'party_b': 'V', 'decisions': 2, 'alike': 1, 'agreement': 0.5},
     {'party_a': 'A', 'party_b': 'Ø', 'decisions': 1, 'alike': 0, 'agreement': 0.0},
     {'party_a': 'V', 'party_b': 'Ø', 'decisions': 1, 'alike': 0, 'agreement': 0.0}]
    """
    both: dict[tuple[str, str], int] = defaultdict(int)
    alike: dict[tuple[str, str], int] = defaultdict(int)
    for votes in positions.values():
        for a, b in combinations(sorted(votes), 2):
            both[(a, b)] += 1
            alike[(a, b)] += votes[a] == votes[b]
    rows = [
        {
            "party_a": a,
            "party_b": b,
            "decisions": n,
            "alike": alike[(a, b)],
            "agreement": round(alike[(a, b)] / n, 3),
        }
        for (a, b), n in both.items()
    ]
    return sorted(
        rows, key=lambda r: (-r["decisions"], -r["agreement"], r["party_a"], r["party_b"])
    )


def agreement_graph(table: Iterable[Mapping[str, object]]) -> nx.Graph:
    """Parties as nodes, pairs that voted on a decision together as edges.

    Edge attributes: ``weight`` (agreement share), ``decisions``, ``alike``.

    >>> G = agreement_graph([{"party_a": "A", "party_b": "V", "decisions": 2, "alike": 1,
    ...                       "agreement": 0.5}])
    >>> G["A"]["V"]["weight"], G.nodes["A"]["kind"]
    (0.5, 'party')
    """
    G = nx.Graph()
    for r in table:
        a, b = str(r["party_a"]), str(r["party_b"])
        G.add_node(a, kind="party")
        G.add_node(b, kind="party")
        G.add_edge(a, b, weight=r["agreement"], decisions=r["decisions"], alike=r["alike"])
    return G
