"""The portal's answers as plain values: origins, committee lists, selection, file names."""

from __future__ import annotations

from datetime import date

import pytest

from referatgraf.firstagenda.errors import NotAPortalError, UnknownCommitteeError
from referatgraf.firstagenda.portal import (
    meeting_file_name,
    parse_committee_list,
    parse_date_option,
    portal_origin,
    select_meetings,
)

ORIGIN = "https://dagsordener.greve.dk"


def listing(*committees: dict) -> dict:
    return {"Udvalg": {"Aktuelle politiske udvalg": list(committees)}}


def committee(cid: str, name: str, *meetings: tuple[str, str]) -> dict:
    return {"Id": cid, "Navn": name, "Moeder": [{"Id": i, "Dato": d} for i, d in meetings]}


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        ("https://dagsordener.greve.dk", ORIGIN),
        ("https://Dagsordener.Greve.dk/", ORIGIN),
        ("dagsordener.greve.dk", ORIGIN),
        ("https://dagsordener.greve.dk/vis?id=9bc22f7f&punktid=1#x", ORIGIN),
        ("  http://127.0.0.1:8000/api/agenda/udvalgsliste ", "http://127.0.0.1:8000"),
    ],
)
def test_portal_origin(url, origin):
    assert portal_origin(url) == origin


@pytest.mark.parametrize(
    "url", ["", "ftp://x.dk", "https://", "mailto:a@b.dk", "https://x.dk:port/"]
)
def test_portal_origin_refuses_what_is_not_a_web_address(url):
    with pytest.raises(ValueError, match="is not a web address"):
        portal_origin(url)


def test_unsafe_or_missing_meeting_ids_are_left_out():
    data = listing(
        committee(
            "c1",
            "Byrådet",
            ("../../etc/passwd", "2023-01-01T10:00:00+01:00"),
            ("a b", "2023-01-01T10:00:00+01:00"),
            ("", "2023-01-01T10:00:00+01:00"),
            ("0f0e1d2c-0000-4000-8000-000000000001", "2023-01-02T10:00:00+01:00"),
        )
    )
    [c] = parse_committee_list(data, ORIGIN)
    assert [m.id for m in c.meetings] == ["0f0e1d2c-0000-4000-8000-000000000001"]


def test_a_meeting_listed_twice_is_selected_once():
    data = listing(
        committee("c1", "Byrådet", ("m1", "2023-03-06T19:00:00+01:00")),
        committee("c2", "Økonomiudvalget", ("m1", "2023-03-06T19:00:00+01:00")),
    )
    assert [m.id for m in select_meetings(parse_committee_list(data, ORIGIN), ORIGIN)] == ["m1"]


def test_the_listing_digest_changes_with_the_list_entry_only():
    before = parse_committee_list(listing(committee("c1", "Byrådet", ("m1", "2023-03-06"))), ORIGIN)
    same = parse_committee_list(listing(committee("c1", "Byrådet", ("m1", "2023-03-06"))), ORIGIN)
    moved = parse_committee_list(listing(committee("c1", "Byrådet", ("m1", "2023-03-07"))), ORIGIN)
    renamed = parse_committee_list(listing(committee("c1", "Byråd", ("m1", "2023-03-06"))), ORIGIN)
    digest = before[0].meetings[0].listing
    assert same[0].meetings[0].listing == digest
    assert moved[0].meetings[0].listing != digest
    assert renamed[0].meetings[0].listing != digest


def test_meetings_without_a_date_are_left_out_of_a_date_range():
    data = listing(committee("c1", "Byrådet", ("m1", "snart"), ("m2", "2023-03-06T19:00")))
    committees = parse_committee_list(data, ORIGIN)
    assert [m.id for m in select_meetings(committees, ORIGIN)] == ["m1", "m2"]
    ranged = select_meetings(committees, ORIGIN, date_from=date(2023, 1, 1))
    assert [m.id for m in ranged] == ["m2"]


@pytest.mark.parametrize(
    ("data", "why"),
    [
        ([], "no committee groups"),
        ({"Udvalg": None}, "no committee groups"),
        ({"udvalg": {}}, "no committee groups"),
        ({"Udvalg": {"Aktuelle": "Byrådet"}}, "no committee groups"),
    ],
)
def test_what_is_not_a_committee_list(data, why):
    with pytest.raises(NotAPortalError, match=why):
        parse_committee_list(data, ORIGIN)


def test_unknown_committee_lists_the_known_ones_sorted_and_once():
    data = listing(
        committee("c1", "Økonomiudvalget"),
        committee("c2", "Byrådet"),
        committee("c3", "Økonomiudvalget"),  # current and historic, same name
    )
    with pytest.raises(UnknownCommitteeError) as caught:
        select_meetings(parse_committee_list(data, ORIGIN), ORIGIN, names=["Teknisk udvalg"])
    assert caught.value.known == ("Byrådet", "Økonomiudvalget")
    assert caught.value.closest is None
    assert "the portal lists: Byrådet, Økonomiudvalget" in str(caught.value)


def test_file_names_are_safe_and_readable():
    data = listing(
        committee("c1", ".Spørgsmål / Svar til Byrådet 2022-2025", ("ED202165-BF71", "2023-01-01"))
    )
    [m] = parse_committee_list(data, ORIGIN)[0].meetings
    assert (
        meeting_file_name(m) == "spoergsmaal-svar-til-byraadet-2022-2025_2023-01-01_ed202165.json"
    )


@pytest.mark.parametrize("text", ["2023-13-01", "31-02-2023", "marts 2023", "", "2023/03/06x"])
def test_bad_dates(text):
    with pytest.raises(ValueError, match="is not a date"):
        parse_date_option(text)
