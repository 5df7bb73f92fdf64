"""Edge cases of the minutes skeleton, one behaviour per test."""

from __future__ import annotations

import pytest

from referatgraf.extract.errors import InputError
from referatgraf.extract.model import Source
from referatgraf.extract.parser import parse_minutes

SOURCE = Source(path="t.txt", sha256="0", format="text", text_sha256="0")

HEADER = """REFERAT Økonomiudvalget d. 02-05-2024

Mødedato Torsdag d. 2. maj 2024 kl. 16:30

Mødested Rådhuset, mødelokale 1

Mødedeltagere Anne Hansen (formand), Bo
Jensen, Carla Dahl-Nielsen (sekretær)

"""


def parse(body: str, header: str = HEADER):
    return parse_minutes(header + body, document="t.txt", source=SOURCE)


def test_header_fields():
    r = parse("Punkt 1: Godkendelse af dagsorden\n\n24/1234\n\nBeslutning\n\nGodkendt.\n")
    m = r.meeting
    assert (m.body, m.date, m.start_time, m.place) == (
        "Økonomiudvalget",
        "2024-05-02",
        "16:30",
        "Rådhuset, mødelokale 1",
    )
    assert [p.name for p in m.participants] == ["Anne Hansen", "Bo Jensen", "Carla Dahl-Nielsen"]
    assert m.secretary == "Carla Dahl-Nielsen"
    assert m.participants[0].role == "formand"


def test_no_participants_line():
    header = "REFERAT Direktionen d. 04-02-2016\n\nMødested Hotel\n\n"
    r = parse("Punkt 1: Program\n\n15/26452\n\nBaggrund\n\nTekst.\n", header)
    assert r.meeting.participants == ()
    assert r.meeting.secretary is None


@pytest.mark.parametrize(
    "case_number",
    ["16/26813", "21-014439", "EMN-2025-003383", "00.01.00-A00-1-22", "2024-004711"],
)
def test_case_number_formats(case_number):
    r = parse(f"Punkt 1: Budget\n\n{case_number}\n\nBaggrund\n\nTekst.\n")
    assert r.items[0].case_number == case_number


def test_no_case_number():
    r = parse("Punkt 1: Budget\n\nBaggrund\n\nTekst.\n")
    assert r.items[0].case_number is None
    assert r.items[0].section_kinds == ("Baggrund",)


def test_title_wrapped_without_blank_line():
    r = parse(
        "Punkt 1: Pulje til indretning af fysiske\nlæringsmiljøer på skoleområdet\n\n21/24696\n"
    )
    assert r.items[0].title == "Pulje til indretning af fysiske læringsmiljøer på skoleområdet"
    assert r.items[0].case_number == "21-24696".replace("-", "/")


def test_title_wrapped_with_blank_line_checked_against_toc():
    toc = "Indholdsfortegnelse\n\nPulje til indretning af fysiske læringsmiljøer.....\t3\n\n"
    r = parse(
        "Punkt 1: Pulje til indretning af fysiske\n\nlæringsmiljøer\n\n21/24696\n",
        HEADER + toc,
    )
    assert r.items[0].title == "Pulje til indretning af fysiske læringsmiljøer"


def test_text_below_heading_is_not_title_when_toc_disagrees():
    toc = "Indholdsfortegnelse\n\nBudget.....\t3\n\n"
    r = parse("Punkt 1: Budget\n\nEn sætning.\n\n21/24696\n", HEADER + toc)
    assert r.items[0].title == "Budget"


@pytest.mark.parametrize(
    ("title", "closed"),
    [
        ("Lukket", True),
        ("Lukket: Personalesag", True),
        ("Lukket punkt", True),
        ("Lukkeloven", False),
    ],
)
def test_closed_items(title, closed):
    r = parse(f"Punkt 1: {title}\n\n22/8294\n")
    assert r.items[0].closed is closed
    assert r.items[0].title == title


def test_title_date_contradicting_meeting_date_is_kept():
    r = parse("Punkt 1: Øvrige sager 24-10-2018\n\n16/26813\n")
    assert r.items[0].title == "Øvrige sager 24-10-2018"
    assert r.meeting.date == "2024-05-02"


def test_several_decisions_in_one_item():
    body = (
        "Punkt 1: Status på kommunikation\n\n19/24995\n\nBaggrund\n\nTekst.\n\n"
        "Beslutning Direktionen den 28-09-2020\n\nPunktet blev udskudt.\n\n"
        "Beslutning Direktionen den 05-10-2020\n\nDirektionen drøftede sagen.\n"
    )
    d = parse(body).items[0].decisions
    assert [(x.date, x.outcome) for x in d] == [
        ("2020-09-28", "postponed"),
        ("2020-10-05", "discussed"),
    ]
    assert parse(body).items[0].section_kinds == ("Baggrund", "Beslutning")


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Resume", "Resume"),
        ("Sagsbeskrivelse", "Sagsbeskrivelse"),
        ("Fremstilling", "Fremstilling"),
        ("Sagsprocedure", "Sagsprocedure"),
        ("Beslutninger", "Beslutning"),
        ("Økonomiske konsekvenser", "Økonomi"),
        ("Anbefaling", "Indstilling"),
        ("INDSTILLING OG BESLUTNING", "Indstilling"),
        ("Forslag til beslutning", "Indstilling"),
    ],
)
def test_other_municipalities_headings(heading, kind):
    r = parse(f"Punkt 1: Budget\n\n24/1\n\n{heading}\n\nTekst.\n")
    assert r.items[0].section_kinds == (kind,)


def test_decision_heading_of_other_body():
    r = parse("Punkt 1: Budget\n\n24/100\n\nBeslutning i Byrådet den 12-06-2024\n\nGodkendt.\n")
    d = r.items[0].decisions[0]
    assert (d.body, d.date, d.outcome) == ("Byrådet", "2024-06-12", "approved")


def test_decision_heading_with_a_written_out_date():
    r = parse(
        "Punkt 1: Budget\n\n24/100\n\nBeslutning i Byrådet den 1. oktober 2024\n\nGodkendt.\n"
    )
    (section,) = r.items[0].sections
    d = r.items[0].decisions[0]
    assert (section.kind, d.body, d.date, d.outcome) == (
        "Beslutning",
        "Byrådet",
        "2024-10-01",
        "approved",
    )


def test_bare_beslutning_heading_takes_meeting_body_and_date():
    d = (
        parse("Punkt 1: Budget\n\n24/100\n\nBeslutning\n\nTaget til efterretning.\n")
        .items[0]
        .decisions[0]
    )
    assert (d.body, d.date, d.outcome) == ("Økonomiudvalget", "2024-05-02", "noted")


def test_attachments_are_bilag_lines_until_next_heading():
    body = (
        "Punkt 1: Budget\n\n24/100\n\nBilag\n\nBilag 1: Oversigt.pdf\n\nNotat.docx\n\n"
        "Økonomi\n\nIngen.\n"
    )
    item = parse(body).items[0]
    assert [a.name for a in item.attachments] == ["Bilag 1: Oversigt.pdf", "Notat.docx"]


def test_bilag_with_colon_is_not_a_section():
    item = parse("Punkt 1: Program\n\n24/100\n\nSagsfremstilling\n\nBilag:\nStrategibrev\n").items[
        0
    ]
    assert item.section_kinds == ("Sagsfremstilling",)
    assert item.attachments == ()


def test_bulleted_heading_word_is_not_a_section():
    item = parse("Punkt 1: FLIS\n\n24/100\n\nBaggrund\n\n- Økonomi\n- Personale\n").items[0]
    assert item.section_kinds == ("Baggrund",)


def test_windows_line_endings():
    r = parse("Punkt 1: Budget\r\n\r\n24/100\r\n\r\nBaggrund\r\n\r\nTekst.\r\n")
    assert (r.items[0].case_number, r.items[0].section_kinds) == ("24/100", ("Baggrund",))


def test_text_without_items_is_an_error():
    with pytest.raises(InputError, match="no agenda items"):
        parse("Dette er et brev, ikke et referat.\n")
