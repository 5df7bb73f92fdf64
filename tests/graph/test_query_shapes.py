"""The saved queries shaped for Oxigraph's planner answer as their straightforward texts do.

``reference_queries/`` keeps a saved query's plain formulation: co-mentions with every pattern
written where it is meant, and the text of co-owners, co-mentions, catch-all-cases, map-roles,
centre-roles and analytics-roles from before they read the item-level facts (``rg:titleKey``,
``rg:listLike``, the role links ``rg:lists``/``rg:onlyMentions``): they compute title keys and
list-likeness over every item and read roles from the mention nodes, which any store holds;
and entities, decisions, decisions-overview, analytics-items, analytics-item-rows, mentions,
report-items and report-decisions as they were before their patterns became subqueries (mentions also cut its quote out of the
text in SPARQL; the saved text leaves that to referatgraf, so both are compared as
``run_saved`` gives them, with their text columns filled in).
The text in ``graph/queries`` must give the same rows for every parameter, on the
hand-annotated HTK store, on a store the real extractor built from the bundled minutes and on
a synthetic store (``bench/bench_graph.py``'s records: catch-all cases, recurring cases,
proposers the role rule gives no role). Queries whose rows referatgraf sorts (``# order:``)
must come in the reference's order; a page of ``mentions`` (``# page:``, run for the first
entities only) must be the start of the whole listing, and ``mentions-counts`` must count its
rows.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from referatgraf.graph.queries import (
    fill_text_columns,
    parse_saved_query,
    query_page,
    resolve_query,
    run_query,
    saved_queries,
)
from referatgraf.graph.store import Store, bind_params
from tests.conftest import CORPUS

REFERENCE = Path(__file__).parent / "reference_queries"

CO_MENTIONS_PARAMS = [
    {},
    {"min_titles": "1"},
    {"min_titles": "2"},
    {"include_lists": "true"},
    {"include_lists": "true", "min_titles": "1"},
    {"role": "lead"},
    {"role": "listed", "min_titles": "1"},
    {"role": "mentioned", "min_titles": "2"},
    {"municipality": "hoeje-taastrup"},
]


CO_OWNERS_PARAMS = [
    {},
    {"min_titles": "1"},
    {"min_titles": "2"},
    {"include_catch_all": "true"},
    {"include_procedural": "true", "min_titles": "2"},
    {"min_shared": "2"},
    {"role": "lead"},
    {"role": "involved", "min_titles": "1"},
    {"role": "proposer"},
    {"municipality": "hoeje-taastrup"},
    {"min_titles": "1", "role": "proposer", "municipality": "hoeje-taastrup"},
    {"min_titles": "2", "min_shared": "2", "include_procedural": "true"},
    {"include_catch_all": "true", "role": "lead", "municipality": "greve"},
]

#: Every query and its parameters; each role (proposer … mentioned) where it is one.
PARAMS = {
    "co-mentions": CO_MENTIONS_PARAMS,
    "co-owners": CO_OWNERS_PARAMS,
    "catch-all-cases": [
        {},
        {"min_titles": "1"},
        {"min_titles": "2"},
        {"min_titles": "4"},
        {"municipality": "hoeje-taastrup"},
    ],
    "map-roles": [{}, {"role": "listed"}, {"role": "proposer"}, {"municipality": "hoeje-taastrup"}],
    "centre-roles": [
        {},
        {"role": "mentioned"},
        {"centre": "BYC"},
        {"municipality": "hoeje-taastrup"},
        {"municipality": "greve", "role": "Ansvarlig"},
        {"centre": "BYC", "role": "involved", "municipality": "hoeje-taastrup"},
    ],
    "analytics-roles": [{}, {"include_procedural": "true"}],
    "analytics-items": [{}, {"municipality": "hoeje-taastrup"}, {"municipality": "greve"}],
    "analytics-item-rows": [{}],
    "decisions": [
        {},
        {"outcome": "approved"},
        {"year": "2024"},
        {"municipality": "hoeje-taastrup", "outcome": "noted"},
        {"municipality": "greve", "year": "2014"},
    ],
    "decisions-overview": [
        {},
        {"outcome": "approved"},
        {"include_procedural": "true", "from": "2015-01-01"},
        {"to": "2015-06-30", "municipality": "hoeje-taastrup"},
        {"body": "direktionen"},
        {"body": "Økonomiudvalget", "outcome": "noted", "municipality": "greve"},
    ],
    "mentions": [
        {},
        {"type": "proposers"},
        {"type": "centres", "municipality": "hoeje-taastrup"},
        {"municipality": "greve"},
        {"entity": "https://w3id.org/referatgraf/id/hoeje-taastrup/centre/byc"},
        {"entity": "https://w3id.org/referatgraf/id/greve/centre/byc", "type": "centres"},
    ],
    "report-items": [{}, {"municipality": "hoeje-taastrup"}, {"municipality": "greve"}],
    "decisions-by-outcome": [{}, {"municipality": "hoeje-taastrup"}, {"municipality": "greve"}],
    "strategies-by-year": [
        {},
        {"municipality": "hoeje-taastrup"},
        {"year": "2014"},  # the synthetic meetings' first year
        {"municipality": "greve", "year": "2014"},
    ],
    "report-decisions": [{}, {"municipality": "hoeje-taastrup"}, {"municipality": "greve"}],
    "entities": [
        {},
        {"kind": "centre"},
        {"kind": "person", "include_procedural": "true"},
        {"municipality": "hoeje-taastrup", "kind": "strategy"},
        {"municipality": "greve"},
        {"kind": "body"},
        {"kind": "organisation"},
    ],
}


@pytest.fixture(scope="module")
def synthetic_store_dir(tmp_path_factory) -> Path:
    """A store of 60 synthetic meetings shaped like the benchmark's (two municipalities)."""
    from bench.bench_graph import profile_for, synthetic_records
    from referatgraf.graph.build import build_store

    folder = tmp_path_factory.mktemp("synthetic") / "store"
    build_store(list(synthetic_records(60)), folder, profile_for=profile_for)
    return folder


@pytest.fixture(scope="module")
def extracted_store_dir(tmp_path_factory) -> Path:
    """A store built from the bundled minutes read with the real extractor."""
    from referatgraf.graph.build import build_store
    from referatgraf.pipeline import Extraction

    extraction = Extraction()
    records = [extraction.read(p) for p in sorted(CORPUS.glob("*.txt"))]
    folder = tmp_path_factory.mktemp("extracted") / "store"
    build_store(records, folder)
    return folder


def _rows(store: Store, sparql: str, params: dict[str, str], query) -> list[tuple]:
    """Rows as sorted tuples, with the columns referatgraf fills in from the texts (evidence,
    quote); the parts of a GROUP_CONCAT as a sorted tuple (its order is free)."""
    out = []
    rows = store.query(bind_params(query.text_to_run, query.bindings(params)))
    fill_text_columns(store, rows, query)
    for row in rows:
        cells = []
        for key, value in sorted(row.items()):
            text = str(value)
            if key == "cases":
                cells.append((key, tuple(sorted(text.split(", ")))))
            elif key == "roles":
                cells.append((key, tuple(sorted(text.split("; ")))))
            elif key == "item_titles":
                cells.append((key, tuple(sorted(text.split(" | ")))))
            else:
                cells.append((key, text))
        out.append(tuple(cells))
    return sorted(out)


def _compare(store: Store, name: str, params_list: list[dict[str, str]]) -> int:
    shaped = resolve_query(name)
    plain = parse_saved_query((REFERENCE / f"{name}.rq").read_text(encoding="utf-8"), name)
    total = 0
    for params in params_list:
        want = _rows(store, plain.sparql, params, plain)
        got = _rows(store, shaped.sparql, params, shaped)
        assert got == want, (name, params)
        total += len(got)
    return total


@pytest.mark.parametrize("name", sorted(PARAMS))
def test_saved_text_equals_reference_on_the_hand_annotated_store(htk_store, name):
    assert _compare(htk_store, name, PARAMS[name]) > 0


@pytest.mark.parametrize("name", sorted(PARAMS))
def test_saved_text_equals_reference_on_the_extracted_store(extracted_store_dir, name):
    with Store(extracted_store_dir) as store:
        assert _compare(store, name, PARAMS[name]) > 0


@pytest.mark.parametrize("name", sorted(set(PARAMS) - {"co-mentions"}))
def test_saved_text_equals_reference_on_a_synthetic_store(synthetic_store_dir, name):
    """(The synthetic minutes give no listed or mentioned centre: no co-mentions to compare.)"""
    with Store(synthetic_store_dir) as store:
        assert _compare(store, name, PARAMS[name]) > 0


#: Saved queries whose rows referatgraf sorts (``# order:``) or whose ORDER BY sorts on a key
#: made in the query: their rows' order, as ``run_query`` gives them, must be the reference's by
#: the columns the reference sorts on (rows that tie may come in any order), and the rows must
#: hold more than one value of the column the key was made for.
ORDERED = {
    "mentions": (("municipality", "entity", "date", "number", "start"), "entity"),
    "decisions-overview": (("municipality", "date", "body", "number", "decision"), "body"),
    "decisions": (("municipality", "decision_date", "item"), "item"),
    "centre-roles": (("municipality", "date", "number", "centre"), "centre"),
}


@pytest.mark.parametrize("name", sorted(ORDERED))
def test_saved_text_keeps_the_reference_order(extracted_store_dir, synthetic_store_dir, name):
    shaped = resolve_query(name)
    plain = parse_saved_query((REFERENCE / f"{name}.rq").read_text(encoding="utf-8"), name)
    keys, keyed = ORDERED[name]
    values: set[object] = set()
    for folder in (extracted_store_dir, synthetic_store_dir):
        with Store(folder) as store:
            for params in PARAMS[name]:
                want = store.query(plain.sparql, plain.bindings(params))
                got = run_query(store, shaped, params)
                assert [tuple(r[k] for k in keys) for r in got] == [
                    tuple(r[k] for k in keys) for r in want
                ], (name, params)
                values.update(r[keyed] for r in want)
    assert len(values) > 1


@pytest.mark.parametrize("limit", [1, 7, 60])
def test_a_page_of_mentions_is_the_start_of_every_row(
    htk_store, extracted_store_dir, synthetic_store_dir, limit
):
    """``query_page`` runs ``mentions`` for the first entities only (its ``# page:`` line): the
    page must be the first rows of the whole listing, and its total the number of them."""
    query = resolve_query("mentions")
    keys = ORDERED["mentions"][0]
    paged = 0
    for store in _stores(htk_store, extracted_store_dir, synthetic_store_dir):
        for params in PARAMS["mentions"]:
            every = run_query(store, query, params)
            page = query_page(store, query, query.bindings(params), limit)
            assert page.total == len(every), params
            assert len(page.rows) == min(limit, len(every)), params
            assert [tuple(r[k] for k in keys) for r in page.rows] == [
                tuple(r[k] for k in keys) for r in every[:limit]
            ], params
            assert all(r in every for r in page.rows), params
            paged += len(every) > limit
    assert paged  # some listings were longer than the page


def test_a_page_of_mentions_reads_only_the_entities_it_needs(synthetic_store_dir, monkeypatch):
    """The listing sorts on its key (the entity), so no other entity's rows sort among a
    key's: a page of one row runs ``mentions`` for a single entity, not for every entity of
    the municipality (which made the page as slow as the whole listing)."""
    query = resolve_query("mentions")
    store = Store(synthetic_store_dir)
    run, texts = store.query, []

    def spy(sparql, params=None):
        texts.append(sparql)
        return run(sparql, params)

    monkeypatch.setattr(store, "query", spy)
    page = query_page(store, query, query.bindings({}), 1)
    values = [t for t in texts if "VALUES ?entity" in t]
    assert len(page.rows) == 1 and page.total > 1
    assert len(values) == 1
    assert values[0].split("VALUES ?entity {", 1)[1].split("}", 1)[0].count("<") == 1


def test_mentions_counts_add_up_to_the_rows_of_mentions(
    htk_store, extracted_store_dir, synthetic_store_dir
):
    mentions, counts = resolve_query("mentions"), resolve_query("mentions-counts")
    for store in _stores(htk_store, extracted_store_dir, synthetic_store_dir):
        for params in PARAMS["mentions"]:
            every = run_query(store, mentions, params)
            by_key: dict[tuple, int] = {}
            for r in every:
                key = (r["municipality"], r["entity"])
                by_key[key] = by_key.get(key, 0) + 1
            got = {
                (r["municipality"], r["entity"]): r["rows"]
                for r in run_query(store, counts, params)
            }
            assert got == by_key, params


def _place(row: dict) -> tuple:
    """Where a row sorts: its municipality and date (the keys queries' sort columns)."""
    return (row["municipality"], row["date"])


def _stores(htk_store, *folders):
    yield htk_store
    for folder in folders:
        with Store(folder) as store:
            yield store


_XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"


def _synthetic_store(tmp_path_factory, name: str, sparql: str) -> tuple[Path, list[dict]]:
    """A store of 12 synthetic meetings (bench/bench_graph.py's) in a folder of its own, and
    the rows of ``sparql`` on it: the facts a fixture then repeats."""
    from bench.bench_graph import profile_for, synthetic_records
    from referatgraf.graph.build import build_store

    folder = tmp_path_factory.mktemp(name) / "store"
    build_store(list(synthetic_records(12)), folder, profile_for=profile_for)
    with Store(folder) as store:
        return folder, store.query(sparql)


@pytest.fixture(scope="module")
def repeated_store_dir(tmp_path_factory) -> Path:
    """A synthetic store in which some items and decisions hold a fact twice: two titles, two
    case numbers, two decision texts (different first words), two outcomes, two or three
    dates, so that a decision gives several rows of ``decisions-overview``, some with the same
    sort keys and some sorting in two places with other decisions between them."""
    folder, decisions = _synthetic_store(
        tmp_path_factory,
        "repeated",
        "SELECT ?item ?decision ?g ?c ?day WHERE { GRAPH ?g { ?item rg:decision ?decision } "
        "?item rg:meeting/dcterms:date ?day OPTIONAL { ?item rg:case ?c } } ORDER BY ?decision",
    )
    picked = decisions[::5][:8]
    assert len(picked) >= 6
    rg, dcterms = "https://w3id.org/referatgraf/ns#", "http://purl.org/dc/terms/"
    lines = []
    for n, row in enumerate(picked):
        item, decision, graph = f"<{row['item']}>", f"<{row['decision']}>", f"<{row['g']}>"
        extra = [
            (item, f"<{dcterms}title>", f'"Andet navn {n}"'),  # two titles
            (decision, f"<{rg}decisionText>", f'"Anden beslutning {n}."'),  # two first words
        ]
        if n % 2 == 0:
            extra.append((decision, f"<{rg}outcome>", f"<{rg}postponed>"))  # two outcomes
        if n % 3 == 0:  # a second case with a number of its own
            case = f"<{row['item']}/case-two>"
            extra += [(item, f"<{rg}case>", case), (case, f"<{rg}caseNumber>", f'"99.{n}"')]
        if n % 4 == 1:  # two decision dates: its meeting's and another meeting's, so that the
            # decision sorts in two places with other decisions between them
            days = {row["day"], picked[(n + 3) % len(picked)]["day"]}
            for day in days | ({"2001-02-03"} if n == 1 else set()):
                extra.append((decision, f"<{dcterms}date>", f'"{day}"^^<{_XSD_DATE}>'))
        lines += [f"{s} {p} {o} {graph} ." for s, p, o in extra]
    # and a decision of the first municipality's second-latest meeting dated also on its latest
    # meeting's day, with two titles: it sorts first among the latest meeting's decisions and
    # again after them, two rows each time
    with Store(folder) as store:
        dated = store.query(
            "SELECT ?item ?decision ?g ?day ?muni WHERE { GRAPH ?g { ?item rg:decision ?decision } "
            "?item rg:meeting ?mt . ?mt dcterms:date ?day ; rg:municipality/rg:key ?muni }"
        )
    first = min(r["muni"] for r in dated)
    days = sorted({r["day"] for r in dated if r["muni"] == first}, reverse=True)
    target = min(
        (r for r in dated if r["muni"] == first and r["day"] == days[1]),
        key=lambda r: r["decision"],
    )
    graph = f"<{target['g']}>"
    for day in days[:2]:
        lines.append(f'<{target["decision"]}> <{dcterms}date> "{day}"^^<{_XSD_DATE}> {graph} .')
    lines.append(f'<{target["item"]}> <{dcterms}title> "Endnu et navn" {graph} .')
    with Store(folder, writable=True) as store:
        store.bulk_load_nquads("\n".join(lines).encode("utf-8") + b"\n")
    return folder


@pytest.mark.parametrize("limit", [1, 7, 60])
def test_a_page_of_decisions_overview_is_the_start_of_every_row(
    htk_store, extracted_store_dir, synthetic_store_dir, repeated_store_dir, limit
):
    """``query_page`` runs ``decisions-overview-page`` for the first meetings only (the
    overview's ``# page:`` line, ``decisions-overview-keys``): the page must be the first rows
    of the whole listing, row for row, and its total the number of them — also where a
    decision gives several rows."""
    query = resolve_query("decisions-overview")
    paged = repeated = 0
    for store in _stores(htk_store, extracted_store_dir, synthetic_store_dir, repeated_store_dir):
        for params in PARAMS["decisions-overview"] + [{"outcome": "postponed"}]:
            every = run_query(store, query, params)
            page = query_page(store, query, query.bindings(params), limit)
            assert page.total == len(every), params
            assert page.rows == every[:limit], params
            paged += len(every) > limit
            decisions = [r["decision"] for r in every]
            repeated += len(decisions) > len(set(decisions))
    assert paged  # some listings were longer than the page
    assert repeated  # and some decisions gave several rows


def test_decisions_overview_keys_count_the_rows_of_each_place(
    extracted_store_dir, repeated_store_dir
):
    """The keys' ``?rows`` add up, per municipality and date, to the overview's rows there,
    and each meeting's to the rows ``decisions-overview-page`` gives for it."""
    overview, keys = resolve_query("decisions-overview"), resolve_query("decisions-overview-keys")
    page_rows = resolve_query("decisions-overview-page")
    most = 0
    for folder in (extracted_store_dir, repeated_store_dir):
        with Store(folder) as store:
            for params in PARAMS["decisions-overview"]:
                want: dict[tuple, int] = {}
                for r in run_query(store, overview, params):
                    want[_place(r)] = want.get(_place(r), 0) + 1
                got: dict[tuple, int] = {}
                per_meeting: dict[str, int] = {}
                for r in run_query(store, keys, params):
                    got[_place(r)] = got.get(_place(r), 0) + r["rows"]
                    per_meeting[r["meeting"]] = per_meeting.get(r["meeting"], 0) + r["rows"]
                assert got == want, params
                most = max(most, *want.values(), 0)
                for meeting, rows in list(per_meeting.items())[:40]:
                    text = page_rows.text_to_run.replace(
                        "# values: ?meeting", f"VALUES ?meeting {{ <{meeting}> }}"
                    )
                    assert len(store.query(text, page_rows.bindings(params))) == rows, meeting
    assert most > 2  # the repeated store multiplies a place's rows


#: The queries paged by their first rows and a COUNT(*), with parameters to page them by.
COUNTED_PAGES = {
    "map-links": [{}],
    "report-items": [{}, {"municipality": "hoeje-taastrup"}],
    "report-decisions": [{}, {"municipality": "hoeje-taastrup"}],
}


def test_the_counted_pages_are_the_queries_so_marked():
    """Every ``# page: count`` query is tested below (a new one is added to COUNTED_PAGES)."""
    marked = {n for n, q in saved_queries().items() if q.page == ("count", "", "")}
    assert marked == set(COUNTED_PAGES)


@pytest.mark.parametrize("limit", [1, 10])
@pytest.mark.parametrize("name", sorted(COUNTED_PAGES))
def test_a_counted_page_is_the_start_of_every_row(htk_store, synthetic_store_dir, name, limit):
    """``# page: count``: the first rows as they come, and a COUNT(*) as total, for each of
    its parameters."""
    query = resolve_query(name)
    for store in _stores(htk_store, synthetic_store_dir):
        for params in COUNTED_PAGES[name]:
            bindings = query.bindings(params)
            every = run_query(store, query, params)
            page = query_page(store, query, bindings, limit)
            assert page.total == len(every), params
            assert page.rows == every[:limit], params
            assert len(page.rows) == min(limit, len(every)), params
            assert params or page.total > limit  # every row: more than a page


def test_every_page_of_decisions_overview_is_the_start_where_decisions_sort_twice(
    repeated_store_dir,
):
    """Every page size, on the store where a decision sorts in two places: a page that ends on
    a decision seen before must still hold the decisions between its two places."""
    query = resolve_query("decisions-overview")
    with Store(repeated_store_dir) as store:
        every = run_query(store, query, {})
        for limit in range(1, min(len(every), 80) + 1):
            page = query_page(store, query, query.bindings({}), limit)
            assert (page.total, page.rows) == (len(every), every[:limit]), limit


@pytest.fixture(scope="module")
def repeated_roles_store_dir(tmp_path_factory) -> Path:
    """A synthetic store in which some items with centre roles hold a fact twice, so that an
    item gives several rows of ``centre-roles`` per role, some in two places: two titles, two
    case numbers, two numbers, a meeting with two dates (one of them another meeting's, so
    that its items tie with that meeting's on municipality, date and number), a proposer role
    with two quotes and a centre with two codes."""
    from bench.bench_graph import profile_for, synthetic_records
    from referatgraf.graph.build import build_store

    folder = tmp_path_factory.mktemp("repeated-roles") / "store"
    build_store(list(synthetic_records(12)), folder, profile_for=profile_for)
    with Store(folder) as store:
        items = store.query(
            "SELECT DISTINCT ?item ?g ?meeting ?day ?muni WHERE { GRAPH ?g { ?node rg:centreRole ?r ; "
            "rg:inItem ?item } ?item rg:meeting ?meeting . ?meeting dcterms:date ?day ; "
            "rg:municipality/rg:key ?muni } ORDER BY ?item"
        )
        proposer = store.query(
            "SELECT ?node ?g WHERE { GRAPH ?g { ?node rg:centreRole rg:proposer } } LIMIT 1"
        )
        centre = store.query("SELECT ?c WHERE { ?n rg:centreRole ?r ; oa:hasBody ?c } LIMIT 1")
    picked = items[::4][:8]
    assert len(picked) >= 6 and proposer and centre
    rg, dcterms = "https://w3id.org/referatgraf/ns#", "http://purl.org/dc/terms/"
    lines = []
    for n, row in enumerate(picked):
        item, graph = f"<{row['item']}>", f"<{row['g']}>"
        extra = []
        if n % 2 == 0:
            extra.append((item, f"<{dcterms}title>", f'"Andet navn {n}"@da'))
        if n % 3 == 0:  # a second case with a number of its own
            case = f"<{row['item']}/case-two>"
            extra += [(item, f"<{rg}case>", case), (case, f"<{rg}caseNumber>", f'"99.{n}"')]
        if n == 1:
            extra.append(
                (item, f"<{rg}number>", '"40"^^<http://www.w3.org/2001/XMLSchema#integer>')
            )
        lines += [f"{s} {p} {o} {graph} ." for s, p, o in extra]
    # a meeting of the first municipality dated also on its earliest meeting's day: its items
    # tie with that meeting's on municipality, date and number at the start of the listing
    # (their rows interleave) and sort again at its own day
    first = sorted(
        (r for r in items if r["muni"] == min(r["muni"] for r in items)), key=lambda r: r["day"]
    )
    other = next(r for r in first if r["day"] != first[0]["day"])
    lines.append(
        f'<{other["meeting"]}> <{dcterms}date> "{first[0]["day"]}"^^<{_XSD_DATE}> <{other["g"]}> .'
    )
    lines.append(
        f'{proposer[0]["node"]} <{rg}roleEvidence> "Et andet citat"@da <{proposer[0]["g"]}> .'
    )
    lines.append(
        f'<{centre[0]["c"]}> <http://www.w3.org/2004/02/skos/core#notation> "ANDEN" '
        f"<{first[0]['g']}> ."
    )
    with Store(folder, writable=True) as store:
        store.bulk_load_nquads("\n".join(lines).encode("utf-8") + b"\n")
    return folder


@pytest.mark.parametrize("limit", [1, 7, 60])
def test_a_page_of_centre_roles_is_the_start_of_every_row(
    htk_store, extracted_store_dir, synthetic_store_dir, repeated_roles_store_dir, limit
):
    """``query_page`` runs ``centre-roles-page`` for the first meetings of
    ``centre-roles-keys`` (centre-roles' ``# page:`` line): the page must be the first rows of
    centre-roles' whole listing, row for row, and its total the number of them — also where
    meetings tie on the sort keys and interleave their items' rows, and where an item gives
    several rows per role."""
    query = resolve_query("centre-roles")
    paged = tied = 0
    stores = (htk_store, extracted_store_dir, synthetic_store_dir, repeated_roles_store_dir)
    for store in _stores(*stores):
        for params in PARAMS["centre-roles"] + [{"centre": "ANDEN"}, {"role": "proposer"}]:
            every = run_query(store, query, params)
            page = query_page(store, query, query.bindings(params), limit)
            assert page.total == len(every), params
            assert page.rows == every[:limit], params
            paged += len(every) > limit
            keys = run_query(store, resolve_query("centre-roles-keys"), params)
            places = [_place(r) for r in keys]
            tied += len(places) > len(set(places))
    assert paged  # some listings were longer than the page
    assert tied  # and some meetings tied with others on the sort keys


def test_centre_roles_keys_count_the_rows_of_each_place(
    htk_store, extracted_store_dir, synthetic_store_dir, repeated_roles_store_dir
):
    """The keys' ``?rows`` add up, per municipality and date, to centre-roles' rows there, and
    each meeting's to the rows ``centre-roles-page`` gives for it: the item-level role links
    (and the proposer roles' mentions) give exactly the rows the role mentions give."""
    roles, keys = resolve_query("centre-roles"), resolve_query("centre-roles-keys")
    most = 0
    stores = (htk_store, extracted_store_dir, synthetic_store_dir, repeated_roles_store_dir)
    for store in _stores(*stores):
        for params in PARAMS["centre-roles"] + [{"centre": "ANDEN"}, {"role": "proposer"}]:
            want: dict[tuple, int] = {}
            for r in run_query(store, roles, params):
                want[_place(r)] = want.get(_place(r), 0) + 1
            got: dict[tuple, int] = {}
            for r in run_query(store, keys, params):
                got[_place(r)] = got.get(_place(r), 0) + r["rows"]
            assert got == want, params
            most = max(most, *want.values(), 0)
        page_rows = resolve_query("centre-roles-page")
        for params in ({}, {"role": "proposer"}):
            per_meeting: dict[str, int] = {}
            for r in run_query(store, keys, params):
                per_meeting[r["meeting"]] = per_meeting.get(r["meeting"], 0) + r["rows"]
            for meeting, rows in per_meeting.items():
                text = page_rows.text_to_run.replace(
                    "# values: ?meeting", f"VALUES ?meeting {{ <{meeting}> }}"
                )
                assert len(store.query(text, page_rows.bindings(params))) == rows, meeting
    assert most > 2


def test_every_page_of_centre_roles_is_the_start_where_items_repeat_facts(
    repeated_roles_store_dir,
):
    """Every page size up to 80 rows on the store where items tie, repeat facts and sort in
    two places."""
    query = resolve_query("centre-roles")
    with Store(repeated_roles_store_dir) as store:
        for params in ({}, {"role": "involved"}):
            every = run_query(store, query, params)
            for limit in range(1, min(len(every), 80) + 1):
                page = query_page(store, query, query.bindings(params), limit)
                assert (page.total, page.rows) == (len(every), every[:limit]), (params, limit)


@pytest.fixture(scope="module")
def repeated_decisions_store_dir(tmp_path_factory) -> Path:
    """A synthetic store in which some items and decisions of ``decisions`` hold a fact twice:
    two titles, two decision texts (other first words, or the same first 80 characters, which
    make one row), two outcomes, two dates (another meeting's day, so that the meeting sorts in
    two places), an undated decision, and an item with a second decision whose row is its first
    decision's (the listing's rows are DISTINCT without the decision: one row for both)."""
    folder, decisions = _synthetic_store(
        tmp_path_factory,
        "repeated-decisions",
        "SELECT ?item ?decision ?g ?day ?o ?text WHERE { GRAPH ?g { ?item rg:decision ?decision } "
        "?decision rg:outcome ?o ; rg:decisionText ?text ; dcterms:date ?day } ORDER BY ?decision",
    )
    picked = decisions[::5][:10]
    assert len(picked) >= 8
    rg, dcterms = "https://w3id.org/referatgraf/ns#", "http://purl.org/dc/terms/"
    lines = []
    for n, row in enumerate(picked):
        item, decision, graph = f"<{row['item']}>", f"<{row['decision']}>", f"<{row['g']}>"
        prefix = (
            f"Beslutning {n} om et punkt, hvis første firs tegn er de samme i to tekster".ljust(80)
        )
        extra = {
            0: [(item, f"<{dcterms}title>", f'"Andet navn {n}"')],
            1: [(decision, f"<{rg}decisionText>", f'"Anden beslutning {n}."')],
            2: [  # two more texts with the same first words: one row more, not two
                (decision, f"<{rg}decisionText>", f'"{prefix} og mere."'),
                (decision, f"<{rg}decisionText>", f'"{prefix} og andet."'),
            ],
            3: [(decision, f"<{rg}outcome>", f"<{rg}postponed>")],
            4: [
                (
                    decision,
                    f"<{dcterms}date>",
                    f'"{picked[(n + 3) % len(picked)]["day"]}"^^<{_XSD_DATE}>',
                )
            ],
        }.get(n % 6, [])
        if n % 6 == 5:  # a second decision of the item, its row the first decision's
            other = f"<{row['decision']}/two>"
            extra = [
                (decision, f"<{rg}decisionText>", f'"{prefix} og mere."'),
                (item, f"<{rg}decision>", other),
                (other, f"<{rg}outcome>", f"<{row['o']}>"),
                (other, f"<{dcterms}date>", f'"{row["day"]}"^^<{_XSD_DATE}>'),
                (other, f"<{rg}decisionText>", f'"{prefix} men anderledes."'),
            ]
        if n == 6:  # an undated decision of the item: its rows sort first
            other = f"<{row['decision']}/undated>"
            extra += [
                (item, f"<{rg}decision>", other),
                (other, f"<{rg}outcome>", f"<{rg}noted>"),
            ]
        lines += [f"{s} {p} {o} {graph} ." for s, p, o in extra]
    with Store(folder, writable=True) as store:
        store.bulk_load_nquads("\n".join(lines).encode("utf-8") + b"\n")
    return folder


DECISIONS_PAGE_PARAMS = PARAMS["decisions"] + [{"outcome": "postponed"}, {"year": "2015"}]


@pytest.mark.parametrize("limit", [1, 7, 60])
def test_a_page_of_decisions_is_the_start_of_every_row(
    htk_store, extracted_store_dir, synthetic_store_dir, repeated_decisions_store_dir, limit
):
    """``query_page`` runs ``decisions-page`` for the first meetings of ``decisions-keys``
    (decisions' ``# page:`` line): the page must be the first rows of the whole listing, row
    for row, and its total the number of them — also where a decision gives several rows, a
    meeting sorts in several places and two decisions of an item make one row."""
    query = resolve_query("decisions")
    paged = 0
    stores = (htk_store, extracted_store_dir, synthetic_store_dir, repeated_decisions_store_dir)
    for store in _stores(*stores):
        for params in DECISIONS_PAGE_PARAMS:
            every = run_query(store, query, params)
            page = query_page(store, query, query.bindings(params), limit)
            assert page.total == len(every), params
            assert page.rows == every[:limit], params
            paged += len(every) > limit
    assert paged  # some listings were longer than the page


def test_decisions_keys_count_the_rows_of_each_place(
    htk_store, extracted_store_dir, repeated_decisions_store_dir
):
    """The keys' ``?rows`` add up, per municipality and decision date, to decisions' rows
    there, and each meeting's to the rows ``decisions-page`` gives for it."""
    decisions, keys = resolve_query("decisions"), resolve_query("decisions-keys")
    page_rows = resolve_query("decisions-page")
    most = 0
    for store in _stores(htk_store, extracted_store_dir, repeated_decisions_store_dir):
        for params in DECISIONS_PAGE_PARAMS:
            want: dict[tuple, int] = {}
            for r in run_query(store, decisions, params):
                place = (r["municipality"], r["decision_date"])
                want[place] = want.get(place, 0) + 1
            got: dict[tuple, int] = {}
            per_meeting: dict[str, int] = {}
            for r in run_query(store, keys, params):
                place = (r["municipality"], r["decision_date"])
                got[place] = got.get(place, 0) + r["rows"]
                per_meeting[r["meeting"]] = per_meeting.get(r["meeting"], 0) + r["rows"]
            assert got == want, params
            most = max(most, *want.values(), 0)
            for meeting, rows in list(per_meeting.items())[:40]:
                text = page_rows.text_to_run.replace(
                    "# values: ?meeting", f"VALUES ?meeting {{ <{meeting}> }}"
                )
                assert len(store.query(text, page_rows.bindings(params))) == rows, meeting
    assert most > 2


def test_every_page_of_decisions_is_the_start_where_decisions_repeat_facts(
    repeated_decisions_store_dir,
):
    """Every page size up to 80 rows on the store where decisions repeat facts, sort in two
    places and share rows; the repeated facts must make rows the plain listing has too."""
    query = resolve_query("decisions")
    plain = parse_saved_query((REFERENCE / "decisions.rq").read_text(encoding="utf-8"), "x")
    with Store(repeated_decisions_store_dir) as store:
        assert _compare(store, "decisions", DECISIONS_PAGE_PARAMS) > 0
        every = run_query(store, query, {})
        assert len(every) == len(store.query(plain.sparql, plain.bindings({})))
        assert every[0]["decision_date"] is None  # the undated decision sorts first
        for limit in range(1, min(len(every), 80) + 1):
            page = query_page(store, query, query.bindings({}), limit)
            assert (page.total, page.rows) == (len(every), every[:limit]), limit


def test_a_page_of_decisions_reads_only_the_meetings_it_needs(synthetic_store_dir, monkeypatch):
    """A page of decisions runs the listing's rows for the first meetings only, not the
    whole listing."""
    query = resolve_query("decisions")
    store = Store(synthetic_store_dir)
    run, texts = store.query, []

    def spy(sparql, params=None):
        texts.append(sparql)
        return run(sparql, params)

    monkeypatch.setattr(store, "query", spy)
    every = run_query(store, query, {})
    texts.clear()
    page = query_page(store, query, query.bindings({}), 5)
    assert page.rows == every[:5] and page.total == len(every) > 5
    values = [t for t in texts if "VALUES ?meeting" in t]
    assert values and len(texts) == 2
    meetings = set(values[0].split("VALUES ?meeting {", 1)[1].split("}", 1)[0].split())
    assert 0 < len(meetings) < len({r["item"] for r in every})
