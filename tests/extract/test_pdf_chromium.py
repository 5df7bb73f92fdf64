"""PDFs from a second producer: Greve meetings printed by headless Chromium from
FirstAgenda's own item HTML read back to the items of the same meeting's JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from referatgraf.extract.firstagenda_json import parse_json_file
from referatgraf.extract.pdf import parse_pdf_bytes
from tests.fixtures.minutes_html import chromium, meeting_html, print_to_pdf

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(chromium() is None, reason="needs chromium (make browser installs it)"),
]

GREVE = Path(__file__).resolve().parents[2] / "data" / "minutes" / "greve"


@pytest.mark.parametrize(
    "name",
    [
        "klima-teknik-og-miljoeudvalget_2023-03-06_518782e7",
        "social-og-handicapudvalget_2023-03-13_c0c4eb62",
    ],
)
def test_chromium_pdf_of_firstagenda_html_matches_the_json(tmp_path, name):
    path = GREVE / f"{name}.json"
    from_json = parse_json_file(path)
    m = from_json.meeting
    title = f"REFERAT {m.body} d. {m.date[8:10]}-{m.date[5:7]}-{m.date[:4]}"
    header = from_json.text[m.start : m.end].split("\n\n")[1:]  # Mødedato, Mødested, ...
    fields = [tuple(line.split(" ", 1)) for line in header]
    page = meeting_html(json.loads(path.read_text(encoding="utf-8")), title=title, fields=fields)
    from_pdf = parse_pdf_bytes(print_to_pdf(page, tmp_path), path=f"{name}.pdf")

    def meeting(r):
        p = r.meeting
        return (p.body, p.date, p.start_time, p.place, [(x.name, x.absent) for x in p.participants])

    def items(r):
        return [
            (i.number, i.title, i.case_number, i.closed, [a.name for a in i.attachments],
             [(d.body, d.date, d.outcome, d.first_words) for d in i.decisions])
            for i in r.items
        ]  # fmt: skip

    assert meeting(from_pdf) == meeting(from_json)
    assert items(from_pdf) == items(from_json)
    assert "Økonomi" in {k for i in from_pdf.items for k in i.section_kinds}


def test_a_members_list_below_its_label_in_another_layout(tmp_path):
    # Odense-like: the label on its own line, one member a paragraph, a role after a comma
    rows = [
        ("h1", "Beslutningsprotokol"),
        ("p", "By- og Kulturudvalget"),
        ("p", "Mødedato: 14.05.2024"),
        ("b", "Medlemmer:"),
        ("p", "Tim Vermund (A), formand"),
        ("p", "Brian Dybro (F)"),
        ("b", "Fraværende:"),
        ("p", "Søren Windell (Ø)"),
        ("h2", "Pkt. 1 Godkendelse af dagsorden"),
        ("p", "Sagsnr.: 24/1234"),
        ("b", "Beslutning"),
        ("p", "Godkendt."),
        ("h2", "Pkt. 2 Eventuelt"),
        ("p", "Sagsnr.: 24/1235"),
        ("b", "Beslutning"),
        ("p", "Intet."),
    ]
    body = "".join(
        f"<p><b>{text}</b></p>" if tag == "b" else f"<{tag}>{text}</{tag}>" for tag, text in rows
    )
    page = f'<html><head><meta charset="utf-8"></head><body>{body}</body></html>'
    r = parse_pdf_bytes(print_to_pdf(page, tmp_path), path="odense.pdf")
    assert (r.meeting.body, r.meeting.date) == ("By- og Kulturudvalget", "2024-05-14")
    assert [(p.name, p.absent, p.role) for p in r.meeting.participants] == [
        ("Tim Vermund (A)", False, "formand"),
        ("Brian Dybro (F)", False, None),
        ("Søren Windell (Ø)", True, None),
    ]
    assert [(i.number, i.title, i.case_number) for i in r.items] == [
        (1, "Godkendelse af dagsorden", "24/1234"),
        (2, "Eventuelt", "24/1235"),
    ]
