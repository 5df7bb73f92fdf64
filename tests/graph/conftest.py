"""Fixtures for the graph tests: bundled records, a fixed profile, hand-made mentions.

Until the entity extractor lands, the mentions below were found by reading the bundled
minutes (000 and 004) by hand; each is located in its item's text, so spans are real.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from referatgraf.extract.model import Mention, Record
from referatgraf.extract.parser import parse_text_file
from referatgraf.extract.profile import Body, Centre, Profile
from referatgraf.extract.roles import annotate_roles
from tests.conftest import CORPUS

BASE = "https://example.org/id/"

#: A fixed profile (not the editable data/profiles file, so goldens stay put).
HTK = Profile(
    key="hoeje-taastrup",
    municipality="Høje-Taastrup Kommune",
    names=("Høje-Taastrup Kommune", "HTK"),
    meeting_bodies=("Direktionen",),
    centres=(
        Centre("BYC", "Byrådscentret"),
        Centre("ØDC", "Økonomi- og Digitaliseringscentret"),
        Centre("HRC", "HR-Centret", ("HR",)),
        Centre("SUOC", "Sundheds- og Omsorgscentret"),
        Centre("DRBY", "Driftsbyen", ("DB", "Driftbyen")),
        Centre("FKC", "Fritids- og Kulturcentret"),
        Centre("TMC", "Teknik- og Miljøcentret"),
        Centre("ISC", "Institutions- og Skolecentret"),
        Centre("CEIS", "Center for Ejendomme og Intern Service"),
    ),
    bodies=(
        Body("Byrådet", "council", ("byrådets",)),
        Body("Økonomiudvalget", "committee", ("ØU",)),
        Body("Chefforum", "forum"),
        Body("Strategisk Lederforum", "forum", ("strategisk lederforum",)),
    ),
)

# (document prefix, item number, type, canonical key, text as written in the item); the
# first occurrence in the item is taken, and "[X] indstiller" marks X inside a longer context.
# fmt: off
HAND_MENTIONS = [
    ("000", 1, "people", "Lars Holte", "Lars"),
    ("000", 1, "people", "Charlotte Markussen", "Charlotte"),
    ("000", 1, "centres", "HRC", "HR"),
    ("000", 1, "strategies", "Vækstpolitik", "Vækstpolitik"),
    ("000", 1, "strategies", "Ny digitaliseringsstrategi", "ny digitaliseringsstrategi"),
    ("000", 2, "people", "Lars Holte", "Lars"),
    ("000", 2, "people", "Charlotte Markussen", "Charlotte"),
    ("000", 2, "strategies", "Strategi for tidlig og tværgående indsats", "tidlig og tværgående indsats"),
    ("000", 2, "bodies", "Strategisk Lederforum", "strategisk lederforum"),
    ("000", 3, "strategies", "Strategibrev 2018", "Strategibrev 2018"),
    ("000", 3, "bodies", "Strategisk Lederforum", "Strategisk Lederforum"),
    ("000", 4, "strategies", "Vækstpolitik", "Vækstpolitik"),
    ("000", 4, "centres", "FKC", "FKC"),
    ("000", 4, "centres", "TMC", "TMC"),
    ("000", 4, "centres", "DRBY", "DB"),
    ("000", 4, "centres", "ISC", "ISC"),
    ("000", 4, "centres", "ØDC", "ØDC"),
    ("000", 4, "centres", "BYC", "BYC"),
    ("000", 4, "bodies", "Byrådet", "byrådets"),
    ("000", 5, "proposers", "HRC", "[HR-Centret] indstiller"),
    ("000", 5, "centres", "HRC", "HR-Centret"),
    ("000", 5, "centres", "SUOC", "SUOC"),
    ("000", 5, "strategies", "Nye Rammer - Ny Administration", "Ny-Ny"),
    ("000", 5, "people", "Flemming Ellingsen", "Flemming Ellingsen"),
    ("000", 5, "people", "Anders Christensen", "Anders Christensen"),
    ("000", 5, "organisations", "Emply", "Emply"),
    ("000", 6, "proposers", "ØDC", "[ØDC] indstiller"),
    ("000", 6, "centres", "ØDC", "ØDC"),
    ("000", 6, "strategies", "Digitaliseringsstrategi 2014-2018", "[digitaliseringsstrategi] løber i 2014-2018"),
    ("000", 6, "strategies", "Ny digitaliseringsstrategi", "ny strategi"),
    ("000", 6, "bodies", "Chefforum", "chefforum"),
    ("000", 6, "bodies", "Økonomiudvalget", "Økonomiudvalget"),
    ("004", 3, "proposers", "HRC", "[HR-Centret] indstiller"),
    ("004", 3, "centres", "HRC", "HR-Centret"),
    ("004", 3, "centres", "SUOC", "SUOC"),
    ("004", 4, "people", "Lars Holte", "Lars Holte"),
    ("004", 4, "people", "Kathrine Seier Skastrup", "Kathrine Skastrup"),
    ("004", 4, "strategies", "Udviklingsstrategien", "udviklingsstrategien"),
    ("004", 4, "strategies", "Kommuneplan", "kommuneplan"),
    ("004", 4, "bodies", "Byrådet", "Byrådet"),
    ("004", 6, "proposers", "Den Digitale Taskforce", "[Den Digitale Taskforce] indstiller"),
    ("004", 6, "bodies", "Den Digitale Taskforce", "Den Digitale Taskforce"),
    ("004", 6, "centres", "BYC", "BYC"),
    ("004", 6, "people", "Christina", "Christina"),
    ("004", 6, "people", "Klaus", "Klaus"),
    ("004", 6, "people", "Trine", "Trine"),
    ("004", 6, "strategies", "Digitaliseringsstrategi 2022-2026", "digitaliseringsstrategi 2022-2026"),
    ("004", 6, "organisations", "DSD", "Den Storkøbenhavnske Digitaliseringsforening"),
    ("004", 7, "centres", "ISC", "ISC"),
    ("004", 7, "centres", "CEIS", "CEIS"),
    ("004", 7, "people", "Jørgen Lerhard", "Jørgen"),
]
# fmt: on


def with_hand_mentions(record: Record) -> Record:
    """The record with the hand-made mentions of its document (first occurrence in the item)."""
    prefix = record.document[:3]
    items = []
    for item in record.items:
        found = []
        for doc, number, type_, key, text in HAND_MENTIONS:
            if doc != prefix or number != item.number:
                continue
            context = text.replace("[", "").replace("]", "")
            at = record.text.find(context, item.start, item.end)
            assert at >= 0, f"{doc}/{number}: {context!r} not in the item"
            start = at + (text.index("[") if "[" in text else 0)
            exact = text[text.index("[") + 1 : text.index("]")] if "[" in text else text
            found.append(Mention(type_, key, exact, start, start + len(exact), "hand"))
        items.append(dataclasses.replace(item, mentions=tuple(found)))
    return dataclasses.replace(record, items=tuple(items))


def corpus_file(prefix: str) -> Path:
    return next(CORPUS.glob(f"{prefix}_*.txt"))


@pytest.fixture(scope="session")
def htk_records() -> list[Record]:
    """The five bundled HTK minutes, structure from the parser plus the hand-made mentions
    and the centre roles those mentions get (:func:`referatgraf.extract.roles.annotate_roles`)."""
    return [
        annotate_roles(with_hand_mentions(parse_text_file(p))) for p in sorted(CORPUS.glob("*.txt"))
    ]


@pytest.fixture(scope="session")
def htk_store_dir(htk_records, tmp_path_factory) -> Path:
    """An on-disk store built from the five hand-annotated HTK records (closed after build)."""
    from referatgraf.graph.build import build_store

    folder = tmp_path_factory.mktemp("store")
    counts = build_store(htk_records, folder, profile_for=lambda _r: HTK, base=BASE)
    assert counts.added == len(htk_records) and not counts.failures
    return folder


@pytest.fixture()
def htk_store(htk_store_dir):
    """The HTK store opened read-only."""
    from referatgraf.graph.store import Store

    with Store(htk_store_dir) as store:
        yield store
