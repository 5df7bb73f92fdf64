"""Line geometry → minutes text: joins, breaks, running lines, TOC (no PDF library needed)."""

from __future__ import annotations

import pytest

from referatgraf.extract.pdf_layout import PageLines, TextLine, drop_running_lines, lines_to_text

RIGHT = 540.0  # the right margin of the pages below


def line(text, top, *, x1=None, bold=False, size=10.0, x0=70.0):
    """A line; ``x1=None`` means a full line (reaching the right margin)."""
    first = text.split()[0] if text.split() else ""
    return TextLine(
        text, x0, RIGHT if x1 is None else x1, top, top + size, size, bold, 5.5 * len(first)
    )


def page(*lines, height=842.0):
    return PageLines(595.0, height, tuple(lines))


def paragraphs(text: str) -> list[str]:
    return [p for p in text.strip("\n").split("\n\n")]


def test_paragraph_wrapped_across_a_page_break_is_joined():
    p1 = page(
        line("Baggrund", 100, x1=120, bold=True),
        line("Direktionen drøftede den nye", 126),
        line("strategi og besluttede at", 140),
    )
    p2 = page(line("fortsætte arbejdet.", 80, x1=180), line("Bilag", 106, x1=100, bold=True))
    assert paragraphs(lines_to_text([p1, p2])) == [
        "Baggrund",
        "Direktionen drøftede den nye strategi og besluttede at fortsætte arbejdet.",
        "Bilag",
    ]


def test_heading_at_the_bottom_of_a_page_is_not_joined_to_the_next_page():
    p1 = page(line("Teksten slutter her.", 100, x1=200), line("Beslutning", 760, x1=130, bold=True))
    p2 = page(line("Godkendt.", 80, x1=120))
    assert paragraphs(lines_to_text([p1, p2])) == [
        "Teksten slutter her.",
        "Beslutning",
        "Godkendt.",
    ]


def test_a_full_line_does_not_swallow_the_next_item_heading():
    p1 = page(line("Denne linje går helt ud til margenen og", 100))
    p2 = page(line("Punkt 2: Budget", 80, x1=200, bold=True))
    assert paragraphs(lines_to_text([p1, p2]))[-1] == "Punkt 2: Budget"


@pytest.mark.parametrize(
    ("first", "second", "joined"),
    [
        ("Økonomi- og Digitaliserings-", "centret har ansvaret", "Digitaliseringscentret"),
        ("Social-", "og Handicapudvalget", "Social- og Handicapudvalget"),
    ],
)
def test_hyphen_at_a_wrap(first, second, joined):
    text = lines_to_text([page(line(first, 100), line(second, 114, x1=300))])
    assert joined in text


def test_short_lines_without_gaps_stay_lines():
    """Attachment names listed one per line are not run together."""
    p = page(
        line("Bilag", 100, x1=100, bold=True),
        line("Strategibrev 2018.pdf", 126, x1=200),
        line("Tidsplan.docx", 140, x1=160),
    )
    assert lines_to_text([p]).splitlines()[-2:] == ["Strategibrev 2018.pdf", "Tidsplan.docx"]


def test_bullets_are_not_joined_to_a_full_line_above():
    p = page(line("Direktionen godkendte følgende punkter som", 100), line("- Budget", 114, x1=130))
    assert lines_to_text([p]).splitlines()[-1] == "- Budget"


def test_table_of_contents_entries_wrapped_and_prefixed():
    p = page(
        line("Indholdsfortegnelse", 80, x1=200, bold=True, size=14),
        line("Punkt 1: Godkendelse af dagsorden ........ 3", 120),
        line("Pulje til indretning af fysiske", 137, x1=400),
        line("læringsmiljøer ............................ 16", 151),
        line("Punkt 1: Godkendelse af dagsorden", 200, x1=300, bold=True, size=12),
    )
    lines = [ln for ln in lines_to_text([p]).splitlines() if ln]
    assert lines == [
        "Indholdsfortegnelse",
        "Godkendelse af dagsorden ........ 3",
        "Pulje til indretning af fysiske læringsmiljøer ............................ 16",
        "Punkt 1: Godkendelse af dagsorden",
    ]


def test_running_header_differs_from_the_cover_title_by_position():
    pages = [
        page(line("REFERAT Byrådet d. 31-01-2022", 30, x1=200, size=8),
             line("REFERAT Byrådet d. 31-01-2022", 80, x1=350, bold=True, size=16),
             line("Side 1 af 3", 805, x1=530, size=8)),
        page(line("REFERAT Byrådet d. 31-01-2022", 30, x1=200, size=8),
             line("Punkt 1: Budget", 80, x1=200, bold=True),
             line("Side 2 af 3", 805, x1=530, size=8)),
        page(line("REFERAT Byrådet d. 31-01-2022", 30, x1=200, size=8),
             line("Punkt 2: Skoler", 80, x1=200, bold=True),
             line("Side 3 af 3", 805, x1=530, size=8)),
    ]  # fmt: skip
    kept = [[ln.text for ln in p.lines] for p in drop_running_lines(pages)]
    assert kept == [["REFERAT Byrådet d. 31-01-2022"], ["Punkt 1: Budget"], ["Punkt 2: Skoler"]]


def test_a_single_page_keeps_its_top_lines_but_drops_the_page_number():
    p = page(line("REFERAT Byrådet d. 31-01-2022", 30, x1=200), line("1", 805, x1=300))
    assert [ln.text for ln in drop_running_lines([p])[0].lines] == ["REFERAT Byrådet d. 31-01-2022"]


def test_numbered_item_headings_become_punkt_headings():
    p = page(
        line("REFERAT Byrådet d. 31-01-2022", 60, x1=300, bold=True, size=16),
        line("1. Godkendelse af dagsorden", 100, x1=300, bold=True, size=12),
        line("1. at dagsordenen godkendes", 126, x1=300),
        line("2. Budget 2023", 160, x1=200, bold=True, size=12),
    )
    lines = [ln for ln in lines_to_text([p]).splitlines() if ln]
    assert lines[1:] == [
        "Punkt 1: Godkendelse af dagsorden",
        "1. at dagsordenen godkendes",
        "Punkt 2: Budget 2023",
    ]


def test_title_used_as_running_header_on_every_page_is_kept_once():
    pages = [
        page(line("REFERAT Byrådet d. 31-01-2022", 30, x1=200),
             line("Mødested Rådhuset", 80, x1=200)),
        page(line("REFERAT Byrådet d. 31-01-2022", 30, x1=200),
             line("Punkt 1: Budget", 80, x1=200, bold=True)),
    ]  # fmt: skip
    text = lines_to_text(drop_running_lines(pages))
    assert text.count("REFERAT Byrådet d. 31-01-2022") == 1
    assert text.startswith("REFERAT Byrådet d. 31-01-2022\n")


def test_running_title_with_page_number_is_kept_without_it():
    pages = [
        page(line("REFERAT Byrådet d. 31-01-2022\tSide 1 af 2", 30, x1=500),
             line("Mødested Rådhuset", 80, x1=200)),
        page(line("REFERAT Byrådet d. 31-01-2022\tSide 2 af 2", 30, x1=500),
             line("Punkt 1: Budget", 80, x1=200, bold=True)),
    ]  # fmt: skip
    assert lines_to_text(drop_running_lines(pages)).startswith("REFERAT Byrådet d. 31-01-2022\n")


def test_title_word_on_its_own_line_is_joined_to_the_body_name():
    p = page(
        line("REFERAT", 60, x1=150, bold=True, size=14),
        line("Økonomiudvalget d. 24-01-2022", 76, x1=300, bold=True, size=14),
        line("Mødested Rådhuset", 120, x1=250),
    )
    assert lines_to_text([p]).startswith("REFERAT Økonomiudvalget d. 24-01-2022\n")


def test_header_label_above_its_value_and_names_one_per_line():
    p = page(
        line("REFERAT Økonomiudvalget d. 24-01-2022", 60, x1=350, bold=True, size=14),
        line("Mødedato:", 100, x1=130, bold=True),
        line("Mandag d. 24. januar 2022 kl. 08:00", 114, x1=300),
        line("Mødedeltagere", 140, x1=150, bold=True),
        line("Anne Hansen (formand)", 154, x1=200),
        line("Bo Jensen", 168, x1=140),
        line("Punkt 1: Budget", 220, x1=200, bold=True, size=12),
    )
    lines = [ln for ln in lines_to_text([p]).splitlines() if ln]
    assert lines[1:] == [
        "Mødedato Mandag d. 24. januar 2022 kl. 08:00",
        "Mødedeltagere Anne Hansen (formand), Bo Jensen",
        "Punkt 1: Budget",
    ]


def test_numbered_toc_entries_lose_their_numbers_and_wrapped_punkt_entries_stay_in_the_toc():
    toc = page(
        line("Indholdsfortegnelse", 80, x1=200, bold=True, size=14),
        line("1. Godkendelse af dagsorden ........ 3", 120),
        line("Punkt 2: Pulje til indretning af fysiske", 137, x1=400),
        line("læringsmiljøer ............................ 16", 151),
    )
    body = page(line("Punkt 1: Godkendelse af dagsorden", 80, x1=300, bold=True, size=12))
    lines = [ln for ln in lines_to_text([toc, body]).splitlines() if ln]
    assert lines == [
        "Indholdsfortegnelse",
        "Godkendelse af dagsorden ........ 3",
        "Pulje til indretning af fysiske læringsmiljøer ............................ 16",
        "Punkt 1: Godkendelse af dagsorden",
    ]


def test_participants_wrapped_in_a_narrow_column_keep_the_break_for_the_parser():
    """Not detected as a wrap (the header column ends before the text margin): the line
    break stays, and the parser joins the name broken there."""
    p = page(
        line("Mødedeltagere Lars Holte, Jørgen Lerhard, Charlotte", 100, x1=380),
        line("Markussen, Kathrine Seier Skastrup (sekretær)", 114, x1=330, x0=160),
        line("Teksten i dokumentet går helt ud til margenen og", 200),
        line("fortsætter.", 214, x1=120),
    )
    assert lines_to_text([p]).startswith(
        "Mødedeltagere Lars Holte, Jørgen Lerhard, Charlotte\nMarkussen, Kathrine"
    )
