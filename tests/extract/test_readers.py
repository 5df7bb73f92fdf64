"""Edge cases of the readers, one rule per test: format sniffing, XML recovery, Word
documents, web pages and the layout-general text reader."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from referatgraf.extract.errors import InputError
from referatgraf.extract.model import Source
from referatgraf.extract.parser import parse_minutes
from referatgraf.extract.readers import read_bytes, read_path
from referatgraf.extract.sniff import sniff_format

RESOURCES = Path(__file__).resolve().parents[1] / "resources" / "platforms"
DOCX = RESOURCES / "syddjurs_puk_2013-06-20_referat_acadre_word.docx"
SBSYS = RESOURCES / "ballerup_kmb-it-udvalget_2013-05-15_sbsys_Publication32.xml"
EDOC = RESOURCES / "ballerup_sundheds-og-forebyggelsesudvalget_2012-12-04_eDocAgendaPublishing.xml"
HTML = RESOURCES / "aarhus_teknisk-udvalg_2025-10-01_referat_firstagenda.html"
HTK = Path(__file__).resolve().parents[2] / "data" / "minutes" / "htk-direktionen"
SOURCE = Source(path="t.txt", sha256="0", format="text", text_sha256="0")


def items(record):
    return [(i.number, i.label, i.title, i.case_number, i.closed) for i in record.items]


def general(text: str):
    return parse_minutes(text, document="t.txt", source=SOURCE)


# -- sniffing by content -------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "fmt"),
    [
        (DOCX, "docx"),
        (SBSYS, "xml"),
        (HTML, "html"),
        (RESOURCES / "aarhus_moedesystemgruppen_2016-10-06_referat_getorganized.pdf", "pdf"),
        (HTK.parent / "greve" / "byraad-2022-2025_2023-03-06_9bc22f7f.json", "json"),
        (sorted(HTK.glob("*.txt"))[0], "text"),
    ],
    ids=lambda v: getattr(v, "suffix", v),
)
def test_formats_are_told_by_their_bytes(path, fmt):
    assert sniff_format(path.read_bytes(), str(path)) == fmt


def test_the_file_name_does_not_decide(tmp_path):
    """A Word document named .txt and an XML publication named .json are read as what they are."""
    wrong = tmp_path / "minutes.txt"
    wrong.write_bytes(DOCX.read_bytes())
    assert read_path(wrong).source.format == "docx"
    xml = tmp_path / "publication.json"
    xml.write_bytes(SBSYS.read_bytes())
    assert read_path(xml).source.platform == "sbsys"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "a PNG image"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "old binary Office file"),
        (
            b"PK\x03\x04" + b"mimetypeapplication/vnd.oasis" + bytes(50),
            "zip archive that is not a Word",
        ),
        (b"<?xml version='1.0'?><Invoice><Total>1</Total></Invoice>", "root element <invoice>"),
    ],
    ids=["png", "doc", "zip", "other-xml"],
)
def test_what_no_reader_takes_is_one_clear_line(data, message):
    with pytest.raises(InputError, match=message) as info:
        read_bytes(data, path="in/x.bin")
    assert "\n" not in str(info.value) and str(info.value).startswith("in/x.bin: ")


# -- Word documents --------------------------------------------------------------------


def _central_directory_cut(data: bytes) -> bytes:
    """The DOCX as a truncated download: everything from the central directory on is gone."""
    return data[: data.index(b"PK\x01\x02")]


def test_a_docx_without_its_central_directory_is_still_read():
    whole = read_bytes(DOCX.read_bytes(), path="a.docx")
    cut = _central_directory_cut(DOCX.read_bytes())
    with pytest.raises(zipfile.BadZipFile):
        zipfile.ZipFile(io.BytesIO(cut))
    truncated = read_bytes(cut, path="a.docx")
    assert items(truncated) == items(whole) and truncated.text == whole.text


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _paragraph(style: str | None, text: str, numbered: bool = False) -> str:
    props = f'<w:pStyle w:val="{style}"/>' if style else ""
    if numbered:
        props += '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
    ppr = f"<w:pPr>{props}</w:pPr>" if props else ""
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def _docx(paragraphs: list[tuple]) -> bytes:
    """A real (minimal) Word document: (style id or None, text[, numbered by Word]) per paragraph."""
    body = "".join(_paragraph(*p) for p in paragraphs)
    document = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{_W}"><w:body>{body}</w:body></w:document>'
    styles = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="{_W}">'
        '<w:style w:type="paragraph" w:styleId="Overskrift1"><w:name w:val="heading 1"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Overskrift2"><w:name w:val="heading 2"/></w:style>'
        "</w:styles>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", document)
        z.writestr("word/styles.xml", styles)
    return out.getvalue()


def test_docx_items_from_heading_styles_case_numbers_and_closed_titles():
    data = _docx(
        [
            (None, "Referat"),
            (None, "Økonomiudvalget"),
            (None, "Mødedato: 2. maj 2024"),
            (None, "Afbud: Bo Dam"),
            (None, "Afbud: Eva Lund"),
            ("Overskrift1", "1. Budget 2025"),
            (None, "Sagsnr. i ESDH:"),
            (None, "24/1234"),
            (None, "Beslutningskompetence:"),
            (None, "Byrådet"),
            ("Overskrift2", "Beslutning"),
            (None, "Godkendt."),
            ("Overskrift1", "2. Køb af grund (FOR LUKKEDE DØRE)"),
            (None, "Sagsnr. i ESDH: 24/99"),
            ("Overskrift2", "Beslutning"),
            (None, "Godkendt."),
        ]
    )
    r = read_bytes(data, path="oeu.docx")
    assert (r.meeting.body, r.meeting.date) == ("Økonomiudvalget", "2024-05-02")
    assert [p.name for p in r.meeting.participants if p.absent] == ["Bo Dam", "Eva Lund"]
    assert items(r) == [
        (1, None, "Budget 2025", "24/1234", False),
        (2, None, "Køb af grund (FOR LUKKEDE DØRE)", "24/99", True),
    ]
    assert r.items[0].section_kinds == ("Andet", "Beslutning")
    assert [d.outcome for d in r.items[0].decisions] == ["approved"]


def test_docx_headings_numbered_by_word_get_the_number_word_shows():
    data = _docx(
        [(None, "Dagsorden"), (None, "Byrådet"), (None, "Dato: 01-02-2024")]
        + [("Overskrift1", "Budget", True), (None, "Sagsnr.: 24/1")]
        + [("Overskrift1", "Skoler", True), (None, "Sagsnr.: 24/2")]
    )
    r = read_bytes(data, path="x.docx")
    assert items(r) == [(1, None, "Budget", "24/1", False), (2, None, "Skoler", "24/2", False)]
    assert r.kind == "agenda"


# -- XML -----------------------------------------------------------------------------


def test_xml_field_names_in_either_case():
    """SBSYS writes <Caption> and <caption>: the same publication with every tag in
    lower case reads to the same record."""
    import re

    data = SBSYS.read_bytes()
    lower = re.sub(rb"</?([A-Za-z][\w.-]*)", lambda m: m.group(0).lower(), data)
    assert lower != data
    assert items(read_bytes(lower, path="p.xml")) == items(read_bytes(data, path="p.xml"))


def test_invalid_character_references_are_repaired():
    data = EDOC.read_bytes()
    assert b"&#xC;" in data  # a form feed, which XML forbids
    r = read_bytes(data, path="e.xml")
    assert len(r.items) == 8 and not r.warnings


def test_a_truncated_xml_is_read_as_far_as_it_goes_and_says_so():
    data = SBSYS.read_bytes()
    cut = data[: data.index(b"Indf\xc3\xb8relse af systemet SAPA")]
    r = read_bytes(cut, path="cut.xml")
    assert [i.title for i in r.items][:1] == ["Meddelelser"]
    assert any("not well-formed" in w for w in r.warnings)


def test_escaped_html_inside_fields_becomes_text():
    r = read_path(RESOURCES / "syddjurs_puk_2013-06-20_acadre_agenda_3687981.xml")
    assert "<p>" not in r.text and "&lt;" not in r.text and "&nbsp;" not in r.text
    assert "Kulturafdelingen har i forlængelse af Byrådets beslutning" in " ".join(r.text.split())


# -- the layout-general text reader --------------------------------------------------

GENERAL = """Teknik- og Miljøudvalget

Referat

Teknik- og Miljøudvalget
tirsdag den 4. december 2012, kl. 17:00
i Mødelokale 2 på Rådhuset

Tilstede
Anne Berg (A) - formand
Bo Dam (V)

Afbud/Fraværende
Carl Ek (F)

Sekretær
Dorte Friis

INDHOLDSFORTEGNELSE

1.\tGodkendelse af dagsorden\t2
2.\tTrafikplan for bymidten med nye cykelstier og ændret
parkering\t2
3.\tEventuelt\t4

1.\tGodkendelse af dagsorden

Sagsnr.: 2012-100
Dok.nr.: 2012-900

Teknik- og Miljøudvalgets beslutning den 04.12.2012 Punkt 1
Godkendt.

Teknik- og Miljøudvalget
Referat Dato: 04.12.2012 Side 2

2.\tTrafikplan for bymidten med nye cykelstier og ændret
parkering

Sagsnr.: 2012-200

Sagsfremstilling
1. Der anlægges cykelstier.
2. Parkering flyttes.

Beslutning i Teknik- og Miljøudvalget den 05-11-2012
Udsat.

Teknik- og Miljøudvalget
Referat Dato: 04.12.2012 Side 3

Beslutning i Teknik- og Miljøudvalget den 04-12-2012
Godkendt med bemærkninger.

3.\tEventuelt

Referat:
Intet.

Teknik- og Miljøudvalget
Referat Dato: 04.12.2012 Side 4
"""


@pytest.fixture(scope="module")
def general_record():
    return general(GENERAL)


def test_numbered_headings_confirmed_by_the_contents(general_record):
    assert items(general_record) == [
        (1, None, "Godkendelse af dagsorden", "2012-100", False),
        (
            2,
            None,
            "Trafikplan for bymidten med nye cykelstier og ændret parkering",
            "2012-200",
            False,
        ),
        (3, None, "Eventuelt", None, False),
    ]


def test_a_numbered_list_inside_an_item_is_text(general_record):
    assert "1. Der anlægges cykelstier." in general_record.text
    assert len(general_record.items) == 3


def test_page_headers_inside_items_are_not_text_of_the_item(general_record):
    item = general_record.items[1]
    (own,) = item.decisions
    assert "Side 3" not in own.text and own.text == "Godkendt med bemærkninger."


def test_decision_heading_forms_and_case_history(general_record):
    first, second, third = general_record.items
    assert [(d.body, d.date, d.outcome) for d in first.decisions] == [
        ("Teknik- og Miljøudvalget", "2012-12-04", "approved")
    ]
    assert [(d.date, d.outcome) for d in second.decisions] == [("2012-12-04", "approved")]
    assert [(d.date, d.outcome) for d in second.history] == [("2012-11-05", "postponed")]
    assert [d.text for d in third.decisions] == ["Intet."]


def test_the_body_below_the_municipalitys_name_is_the_meetings_body():
    # København prints the municipality, then the committee, then the title word
    head = "Københavns Kommune\nØkonomiudvalget\n\nREFERAT\nfra ordinært møde tirsdag den 12. marts 2024 kl. 15.00\n"
    r = general(head + GENERAL[GENERAL.index("INDHOLDSFORTEGNELSE") :])
    assert (r.meeting.body, r.meeting.date) == ("Økonomiudvalget", "2024-03-12")


def test_an_office_above_the_title_is_no_body():
    head = "Byrådssekretariatet\n\nReferat\ntirsdag den 4. december 2012, kl. 17:00\n"
    r = general(head + GENERAL[GENERAL.index("INDHOLDSFORTEGNELSE") :])
    assert r.meeting.body == "Teknik- og Miljøudvalget"  # the body its decisions name


def test_a_role_after_a_comma_belongs_to_the_name_before():
    # Odense: "Medlemmer:" with "Tim Vermund (A), formand" on the first line
    head = (
        "Beslutningsprotokol\n\nBy- og Kulturudvalget\nMødedato: 14.05.2024\n\n"
        "Medlemmer:\nTim Vermund (A), formand\nBrian Dybro (F), næstformand\nMette Ferdinandsen (C)\n\n"
        "Fraværende:\nSøren Windell (Ø)\n\n"
    )
    r = general(head + GENERAL[GENERAL.index("INDHOLDSFORTEGNELSE") :])
    people = [(p.name, p.absent, p.role) for p in r.meeting.participants]
    assert people == [
        ("Tim Vermund (A)", False, "formand"),
        ("Brian Dybro (F)", False, "næstformand"),
        ("Mette Ferdinandsen (C)", False, None),
        ("Søren Windell (Ø)", True, None),
    ]


def test_a_time_field_that_holds_the_date_gives_both():
    # Aalborg: "Mødetidspunkt: 04.09.2024 kl. 08:30 - 12:00" (04.09 is no time)
    for value in ("04.09.2024 kl. 08:30 - 12:00", "04.09.2024 08:30 - 12:00"):
        head = f"Sundheds- og Kulturudvalget\nReferat\n\nMødetidspunkt: {value}\n\n"
        r = general(head + GENERAL[GENERAL.index("INDHOLDSFORTEGNELSE") :])
        assert (r.meeting.date, r.meeting.start_time) == ("2024-09-04", "08:30")


def test_present_absent_and_secretary_blocks(general_record):
    m = general_record.meeting
    assert (m.body, m.date, m.start_time, m.place) == (
        "Teknik- og Miljøudvalget",
        "2012-12-04",
        "17:00",
        "Mødelokale 2 på Rådhuset",
    )
    people = [(p.name, p.absent, p.secretary, p.member, p.role) for p in m.participants]
    assert people == [
        ("Anne Berg (A)", False, False, True, "formand"),
        ("Bo Dam (V)", False, False, True, None),
        ("Carl Ek (F)", True, False, True, None),
        ("Dorte Friis", False, True, False, None),
    ]
    assert general_record.kind == "minutes"


def test_nested_numbering_without_contents():
    r = general(
        "Referat\n\nProjektgruppen\n\nDato: 6. oktober 2016\n\n"
        "1   Status\n\n1.1   Økonomi\nOplæg:\nTal.\n\n1.2   Tidsplan\nOplæg:\nPlan.\n\n"
        "2   Eventuelt\n\nOplæg:\n\nReferat: Intet.\n"
    )
    assert [(i.number, i.label, i.title) for i in r.items] == [
        (1, "1", "Status"),
        (2, "1.1", "Økonomi"),
        (3, "1.2", "Tidsplan"),
        (4, "2", "Eventuelt"),
    ]
    assert r.items[3].decisions[0].text == "Intet."


def test_punkt_headings_without_firstagenda_header():
    r = general(
        "Dagsorden\n\nSkoleudvalget\n\nDato: 01-02-2024\n\nPunkt 1: Budget\n\nSagsnr.: 24/1\n\nPunkt 2: Skoler\n\nSagsnr.: 24/2\n"
    )
    assert items(r) == [(1, None, "Budget", "24/1", False), (2, None, "Skoler", "24/2", False)]
    assert r.kind == "agenda" and r.meeting.body == "Skoleudvalget"


def test_items_in_a_closed_part_are_closed():
    r = general(
        "Referat\n\nByrådet\n\nDato: 01-02-2024\n\n"
        "1. Budget\n\nSagsnr.: 24/1\n\nLukket referat\n\n2. Køb af grund\n\nSagsnr.: 24/2\n"
    )
    assert [(i.number, i.closed) for i in r.items] == [(1, False), (2, True)]


def test_an_agenda_is_valid_input_and_says_so():
    r = general(
        "Dagsorden\n\nByrådet\n\nDato: 01-02-2024\n\n1. Budget\n\nSagsnr.: 24/1\n\nSagsfremstilling\n\nTekst.\n"
    )
    assert r.kind == "agenda" and not r.items[0].decisions


def test_firstagenda_text_exports_keep_their_own_reader():
    for path in sorted(HTK.glob("*.txt")):
        r = read_path(path)
        assert r.source.platform == "firstagenda" and r.kind == "minutes"


# -- items numbered 1000 and above (issue 20, item 13) ----------------------------------


def test_items_numbered_1000_and_above_are_items_of_their_own():
    text = "REFERAT Byrådet d. 01-02-2024\n\n" + "".join(
        f"Punkt {n}: Sag {n}\n\n24/{n}\n\nBeslutning\n\nGodkendt.\n\n"
        for n in (998, 999, 1000, 1001)
    )
    r = general(text)
    assert [(i.number, i.title, i.case_number) for i in r.items] == [
        (n, f"Sag {n}", f"24/{n}") for n in (998, 999, 1000, 1001)
    ]


def test_items_listed_under_a_closed_part_of_the_contents_are_closed():
    r = general(
        "Referat\n\nByrådet\n\nDato: 01-02-2024\n\nINDHOLDSFORTEGNELSE\n\nÅbent referat\n"
        "1.\tBudget\t2\nLukket referat\n2.\tKøb af grund\t3\n\n"
        "1.\tBudget\n\nSagsnr.: 24/1\n\n2.\tKøb af grund\n\nSagsnr.: 24/2\n"
    )
    assert [(i.number, i.closed) for i in r.items] == [(1, False), (2, True)]


EDOC_WEB = """<Root xmlns:edoc="http://www.fujitsu.dk/agenda/xml/schemas/2009/03/31/">
  <edoc:OutputTypeEnumName>Minutes</edoc:OutputTypeEnumName>
  <edoc:Committee>
    <edoc:Name>Børne- og Skoleudvalget</edoc:Name>
    <edoc:Meeting>
      <edoc:MeetingDateTime>07-03-2019 16:00</edoc:MeetingDateTime>
      <edoc:MeetingLocation>Rådhuset, lokale 2</edoc:MeetingLocation>
      <edoc:MeetingParticipants>
        <edoc:MeetingParticipant><edoc:Name>Ida  Holm</edoc:Name>
          <edoc:RoleInMeeting>Formand</edoc:RoleInMeeting><edoc:Participate>true</edoc:Participate>
        </edoc:MeetingParticipant>
        <edoc:MeetingParticipant><edoc:Name>Ole Berg</edoc:Name>
          <edoc:Participate>false</edoc:Participate></edoc:MeetingParticipant>
      </edoc:MeetingParticipants>
      <edoc:Agenda>
        <edoc:Type>Referat</edoc:Type>
        <edoc:AgendaElements>
          <edoc:AgendaElement>
            <edoc:AccessIsPublic>false</edoc:AccessIsPublic><edoc:SortOrder>2</edoc:SortOrder>
            <edoc:HandlingItem><edoc:Title>Personalesag</edoc:Title>
              <edoc:CaseNumber>2019-000777</edoc:CaseNumber></edoc:HandlingItem>
          </edoc:AgendaElement>
          <edoc:AgendaElement>
            <edoc:AccessIsPublic>true</edoc:AccessIsPublic><edoc:SortOrder>1</edoc:SortOrder>
            <edoc:HandlingItem>
              <edoc:Title>Skoledistrikter</edoc:Title><edoc:CaseNumber>2018-004512</edoc:CaseNumber>
              <edoc:HandlingPlan>
                <edoc:Handling><edoc:Placement>Previous</edoc:Placement>
                  <edoc:CommitteeName>Økonomiudvalget</edoc:CommitteeName>
                  <edoc:MeetingDate>12-02-2019 15:00</edoc:MeetingDate>
                  <edoc:Decision><![CDATA[<p>Anbefales.</p>]]></edoc:Decision></edoc:Handling>
                <edoc:Handling><edoc:Placement>This</edoc:Placement>
                  <edoc:CommitteeName>Børne- og Skoleudvalget</edoc:CommitteeName>
                  <edoc:MeetingDate>07-03-2019 16:00</edoc:MeetingDate>
                  <edoc:Decision><![CDATA[<p>Godkendt.</p>]]></edoc:Decision></edoc:Handling>
              </edoc:HandlingPlan>
              <edoc:CasePresentations>
                <edoc:CasePresentation><edoc:Title>Sagsbeskrivelse</edoc:Title>
                  <edoc:Content><![CDATA[Nye distrikter.<br />Fra august.]]></edoc:Content>
                  <edoc:IsDecision>false</edoc:IsDecision></edoc:CasePresentation>
                <edoc:CasePresentation><edoc:Title>Forvaltningen foreslår</edoc:Title>
                  <edoc:Content><![CDATA[<ul><li>At distrikterne godkendes.</li></ul>]]></edoc:Content>
                  <edoc:IsDecision>false</edoc:IsDecision></edoc:CasePresentation>
              </edoc:CasePresentations>
            </edoc:HandlingItem>
          </edoc:AgendaElement>
        </edoc:AgendaElements>
      </edoc:Agenda>
    </edoc:Meeting>
  </edoc:Committee>
</Root>
"""


def test_edoc_agenda_web_xml():
    r = read_bytes(EDOC_WEB.encode("utf-8"), path="web.xml")
    assert (r.source.platform, r.kind, r.meeting.body, r.meeting.date, r.meeting.start_time) == (
        "edoc",
        "minutes",
        "Børne- og Skoleudvalget",
        "2019-03-07",
        "16:00",
    )
    assert [(p.name, p.absent) for p in r.meeting.participants] == [
        ("Ida Holm", False),
        ("Ole Berg", True),
    ]
    assert items(r) == [
        (1, None, "Skoledistrikter", "2018-004512", False),
        (2, None, "Personalesag", "2019-000777", True),
    ]
    first = r.items[0]
    assert [(d.body, d.date, d.outcome) for d in first.decisions] == [
        ("Børne- og Skoleudvalget", "2019-03-07", "approved")
    ]
    assert [(d.body, d.date) for d in first.history] == [("Økonomiudvalget", "2019-02-12")]


def test_items_the_contents_list_but_the_text_leaves_out_are_kept():
    """The public minutes list a closed item in the contents but do not print it."""
    r = general(
        "Referat\n\nByrådet\n\nDato: 01-02-2024\n\nINDHOLDSFORTEGNELSE\n\nÅbent referat\n"
        "1.\tBudget\t2\nLukket referat\n2.\tKøb af grund\t3\n\n"
        "1.\tBudget\n\nSagsnr.: 24/1\n\nBeslutning\nGodkendt.\n"
    )
    assert [(i.number, i.title, i.closed) for i in r.items] == [
        (1, "Budget", False),
        (2, "Køb af grund", True),
    ]
    assert any("not printed in the text" in w for w in r.warnings)
    assert r.text[r.items[1].start :].startswith("2.\tKøb af grund")


def test_date_and_body_printed_only_in_the_running_header():
    page = "Byrådet\nReferat Dato: 04.12.2012 Side {n}\n\n"
    r = general(
        page.format(n=1)
        + "INDHOLDSFORTEGNELSE\n1.\tBudget\t2\n\n"
        + page.format(n=2)
        + "1.\tBudget\n\nSagsnr.: 24/1\n\n"
        + page.format(n=3)
        + "Beslutning\nGodkendt.\n"
    )
    assert (r.meeting.body, r.meeting.date) == ("Byrådet", "2012-12-04")
    assert [(d.body, d.date, d.text) for d in r.items[0].decisions] == [
        ("Byrådet", "2012-12-04", "Godkendt.")
    ]
