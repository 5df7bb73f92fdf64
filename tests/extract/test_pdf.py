"""Minutes as real PDFs (written with fpdf2, FirstAgenda layout) read back to the same records."""

from __future__ import annotations

from pathlib import Path

import pytest

from referatgraf.extract.errors import InputError
from referatgraf.extract.parser import parse_text_file
from referatgraf.extract.pdf import parse_pdf_bytes, parse_pdf_file
from referatgraf.extract.textio import sha256_hex
from referatgraf.pipeline import read_record
from tests.fixtures.minutes_pdf import font_available, minutes_pdf_bytes

pytestmark = pytest.mark.skipif(
    not font_available(), reason="needs fonts-dejavu-core (make browser installs it)"
)

CORPUS = Path(__file__).resolve().parents[2] / "data" / "minutes" / "htk-direktionen"
TEXTS = sorted(CORPUS.glob("*.txt"))
CASES = [(p, "J") for p in TEXTS] + [(TEXTS[0], "L"), (TEXTS[4], "L")]


def structure(record):
    """The structure fields compared between formats."""
    m = record.meeting
    return {
        "meeting": (
            m.body,
            m.date,
            m.start_time,
            m.place,
            [(p.name, p.secretary, p.absent) for p in m.participants],
        ),
        "items": [
            {
                "number": i.number,
                "title": i.title,
                "case_number": i.case_number,
                "closed": i.closed,
                "sections": i.section_kinds,
                "decisions": [(d.body, d.date, d.outcome, d.first_words) for d in i.decisions],
                "attachments": [a.name for a in i.attachments],
            }
            for i in record.items
        ],
    }


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[tuple[str, str], Path]:
    folder = tmp_path_factory.mktemp("pdf")
    out = {}
    for path, align in CASES:
        target = folder / f"{path.stem}-{align}.pdf"
        target.write_bytes(minutes_pdf_bytes(path.read_text(encoding="utf-8"), align=align))
        out[(path.name, align)] = target
    return out


@pytest.mark.parametrize(("path", "align"), CASES, ids=lambda v: getattr(v, "stem", v))
def test_pdf_structure_equals_text_structure(path, align, pdfs):
    from_text = parse_text_file(path)
    from_pdf = read_record(pdfs[(path.name, align)])
    assert structure(from_pdf) == structure(from_text)


@pytest.mark.parametrize("path", TEXTS[:2], ids=lambda p: p.stem)
def test_offsets_point_into_the_kept_text(path, pdfs):
    pdf_path = pdfs[(path.name, "J")]
    r = parse_pdf_file(pdf_path)
    t = r.text
    assert r.source.format == "pdf"
    assert r.source.sha256 == sha256_hex(pdf_path.read_bytes())
    assert r.source.text_sha256 == sha256_hex(t)
    for item in r.items:
        assert t[item.start :].startswith(f"Punkt {item.number}:")
        for s in item.sections:
            assert t[s.start : s.body_start] == s.heading
        for d in item.decisions:
            assert t[d.text_start : d.end] == d.text
        for a in item.attachments:
            assert t[a.start : a.end] == a.name
    for p in r.meeting.participants:
        assert p.name.split()[0] in t[p.start : p.end]


@pytest.mark.parametrize(
    "layout",
    [
        {"numbered": True},
        {"split_title": True},
        {"numbered": True, "split_title": True, "align": "L"},
    ],
    ids=["numbered-items", "split-title", "both-ragged"],
)
def test_other_firstagenda_layouts_give_the_same_structure(layout):
    """Item headings "3. Title" and a cover with "REFERAT" on a line of its own."""
    path = TEXTS[2]
    data = minutes_pdf_bytes(path.read_text(encoding="utf-8"), **layout)
    assert structure(parse_pdf_bytes(data, path="other.pdf")) == structure(parse_text_file(path))


def test_page_headers_footers_and_numbers_are_gone(pdfs):
    r = parse_pdf_file(pdfs[(TEXTS[0].name, "J")])
    assert "Side " not in r.text
    assert r.text.count("REFERAT Direktionen d. 24-10-2017") == 1
    assert "æ" in r.text and "ø" in r.text and "å" in r.text


def test_wrapped_participants_and_title_are_joined(pdfs):
    r = parse_pdf_file(pdfs[(TEXTS[4].name, "L")])
    assert "Kathrine Seier Skastrup" in [p.name for p in r.meeting.participants]
    assert r.items[-1].title.endswith("fysiske læringsmiljøer på skoleområdet")


# -- broken PDFs ---------------------------------------------------------------------


def _image_only_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    for k in range(20):  # a "scan": shapes, no text
        pdf.rect(20, 20 + 10 * k, 150 - 5 * k, 6, style="F")
    return bytes(pdf.output())


def _encrypted_pdf(user_password: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("DejaVu", "", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    pdf.set_encryption(owner_password="ejer", user_password=user_password)
    pdf.add_page()
    pdf.set_font("DejaVu", "", 11)
    for line in ("REFERAT Økonomiudvalget d. 02-05-2024", "Punkt 1: Budget", "24/1234",
                 "Beslutning", "Godkendt."):  # fmt: skip
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    return bytes(pdf.output())


def test_pdf_without_text_layer_needs_ocr(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(_image_only_pdf())
    with pytest.raises(InputError, match="OCR") as info:
        read_record(path)
    assert info.value.path == str(path)
    assert "no text layer" in info.value.message


def test_password_protected_pdf_is_refused(tmp_path):
    path = tmp_path / "locked.pdf"
    path.write_bytes(_encrypted_pdf("hemmelig"))
    with pytest.raises(InputError, match="encrypted with a password"):
        parse_pdf_file(path)


def test_pdf_encrypted_without_user_password_is_read():
    r = parse_pdf_bytes(_encrypted_pdf(""), path="open.pdf")
    (item,) = r.items
    assert (r.meeting.body, item.title, item.case_number) == (
        "Økonomiudvalget",
        "Budget",
        "24/1234",
    )
    assert item.decisions[0].outcome == "approved"


def test_truncated_pdf_is_a_clear_error(tmp_path, pdfs):
    data = pdfs[(TEXTS[1].name, "J")].read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match="truncated"):
        read_record(path)


def test_damaged_pdf_body_is_a_clear_error(tmp_path, pdfs):
    data = pdfs[(TEXTS[1].name, "J")].read_bytes()
    cut = len(data) // 3
    path = tmp_path / "damaged.pdf"
    path.write_bytes(data[:200] + b"\x00garbage" * 50 + data[cut:])
    try:
        record = read_record(path)
    except InputError as exc:
        assert exc.path == str(path)
    else:  # pdfminer may recover what survives; what it returns is still a record
        assert record.source.format == "pdf"


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"REFERAT Direktionen\n\nPunkt 1: x\n", "not a PDF")],
    ids=["empty", "text-named-pdf"],
)
def test_not_a_pdf(tmp_path, content, message):
    path = tmp_path / "x.pdf"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_record(path)


def test_another_municipality_as_pdf():
    """A Greve committee meeting (rendered from its FirstAgenda JSON) as a PDF reads back
    to the same items, case numbers, decisions and absent members."""
    from referatgraf.extract.firstagenda_json import parse_json_file
    from referatgraf.extract.model import Source
    from referatgraf.extract.parser import parse_minutes

    greve = CORPUS.parent / "greve" / "klima-teknik-og-miljoeudvalget_2023-03-06_518782e7.json"
    from_json = parse_json_file(greve)
    as_text = parse_minutes(from_json.text, document="t", source=Source("t", "0", "text", "0"))
    from_pdf = parse_pdf_bytes(minutes_pdf_bytes(from_json.text, align="L"), path="greve.pdf")
    assert structure(from_pdf) == structure(as_text)
    assert [(i.number, i.title, i.case_number) for i in from_pdf.items] == [
        (i.number, i.title, i.case_number) for i in from_json.items
    ]
    assert [p.name for p in from_pdf.meeting.participants if p.absent] == ["Torben Hoffmann"]


def test_pdf_whose_fonts_have_no_unicode_mapping_needs_ocr(tmp_path):
    """The same text with the fonts' /ToUnicode maps blanked out reads as glyph garbage."""
    import re

    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("DejaVu", "", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    pdf.add_page()
    pdf.set_font("DejaVu", "", 11)
    text = TEXTS[1].read_text(encoding="utf-8").replace("\t", " ")
    pdf.multi_cell(0, 5, text[:3000])
    data = bytes(pdf.output())
    # Blank the mapping with spaces of the same length, so the xref offsets stay right.
    data = re.sub(rb"/ToUnicode \d+ 0 R", lambda m: b" " * len(m.group()), data)
    path = tmp_path / "nomap.pdf"
    path.write_bytes(data)
    with pytest.raises(InputError, match="not readable text"):
        read_record(path)


def test_a_pdf_in_another_layout_goes_to_the_general_reader():
    """No FirstAgenda title or fields, numbered bold headings, contents titled
    "Indholdsfortegnelse": read by the layout-general reader to the same items."""
    path = TEXTS[2]
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    header = ["Referat Direktionen", "", "Mødedato Torsdag d. 4. februar 2016 kl. 09:00", ""]
    body = lines[next(k for k, ln in enumerate(lines) if ln.startswith("Indholdsfortegnelse")) :]
    other = "\n".join(header + body) + "\n"
    record = parse_pdf_bytes(minutes_pdf_bytes(other, numbered=True), path="other.pdf")
    assert record.source.platform != "firstagenda"
    expected = parse_text_file(path)
    assert [(i.number, i.title, i.case_number) for i in record.items] == [
        (i.number, i.title, i.case_number) for i in expected.items
    ]
    m = record.meeting
    assert (m.body, m.date, m.start_time) == ("Direktionen", "2016-02-04", "09:00")
