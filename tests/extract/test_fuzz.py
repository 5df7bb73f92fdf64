"""Fuzzing the reader: generated and mutated minutes never crash it.

Every input either gives a record whose spans lie inside its text, or an
:class:`InputError` naming the file. ``-m slow`` runs the 10,000-case version.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from referatgraf.extract.errors import InputError
from referatgraf.extract.model import Record
from referatgraf.extract.parser import parse_text_file
from tests.conftest import CORPUS

SOURCES = [p.read_bytes() for p in sorted(CORPUS.glob("*.txt"))]
SKELETON_LINES = [
    "REFERAT Direktionen d. 24-10-2017",
    "Mødedato Tirsdag d. 24. oktober 2017 kl. 11:00",
    "Mødested Rådhuset",
    "Mødedeltagere Lars Holte, Jørgen",
    "Lerhard (sekretær)",
    "Indholdsfortegnelse",
    "Strategibrev 2018.....\t5",
    "Punkt 1: Strategibrev 2018",
    "Punkt 2: Lukket",
    "16/26813",
    "Baggrund",
    "Indstilling",
    "Beslutning Direktionen den 24-10-2017",
    "Beslutning",
    "Bilag",
    "Godkendt.",
    "Taget til efterretning.",
    "",
]


@pytest.fixture(scope="module")
def extractor():
    from referatgraf.extract.entities import EntityExtractor
    from referatgraf.extract.profile import PROFILES_DIR, load_profile

    return EntityExtractor(load_profile(PROFILES_DIR / "hoeje-taastrup.yaml"))


def check(path, extractor=None) -> None:
    try:
        record = parse_text_file(path)
    except InputError as exc:
        assert str(path) in str(exc) and exc.message
        return
    assert isinstance(record, Record)
    if extractor is not None:
        record = extractor.annotate(record)
        for item in record.items:
            for m in item.mentions:
                assert record.text[m.start : m.end] == m.text
    n = len(record.text)
    for item in record.items:
        assert 0 <= item.start < item.end <= n
        for span in (*item.sections, *item.decisions, *item.attachments):
            assert 0 <= span.start <= span.end <= n


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One of the mutations minutes suffer on their way to us."""
    lines = data.split(b"\n")
    kind = rng.randrange(8)
    if kind == 0:  # truncated
        return data[: rng.randrange(len(data) + 1)]
    if kind == 1:  # shuffled lines
        rng.shuffle(lines)
    elif kind == 2:  # doubled lines
        lines = [ln for ln in lines for _ in range(rng.choice((1, 2)))]
    elif kind == 3:  # NUL bytes sprinkled in
        b = bytearray(data)
        for _ in range(rng.randrange(1, 20)):
            b.insert(rng.randrange(len(b) + 1), 0)
        return bytes(b)
    elif kind == 4:  # mixed encodings: some lines re-encoded as cp1252
        lines = [
            ln.decode("utf-8", "replace").encode("cp1252", "replace") if rng.random() < 0.3 else ln
            for ln in lines
        ]
    elif kind == 5:  # deeply repeated headings
        k = rng.randrange(len(lines))
        lines[k:k] = [
            rng.choice([b"Punkt 1: X", b"Baggrund", b"Bilag", b"Beslutning"])
        ] * rng.randrange(1, 500)
    elif kind == 6:  # random bytes flipped
        b = bytearray(data)
        for _ in range(rng.randrange(1, 50)):
            b[rng.randrange(len(b))] = rng.randrange(256)
        return bytes(b)
    else:  # lines joined into one very long line
        return b" ".join(lines)
    return b"\n".join(lines)


def run_mutations(tmp_path, n: int, seed: int, extractor=None) -> int:
    rng = random.Random(seed)
    path = tmp_path / "mutant.txt"
    for _ in range(n):
        path.write_bytes(mutate(rng.choice(SOURCES), rng))
        check(path, extractor)
    return n


def test_mutated_minutes_300_cases_parser_and_entities(tmp_path, extractor):
    assert run_mutations(tmp_path, 300, seed=1, extractor=extractor) == 300


@pytest.mark.slow
def test_mutated_minutes_10000_cases_parser_and_entities(tmp_path, extractor):
    assert run_mutations(tmp_path, 10_000, seed=2, extractor=extractor) == 10_000


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.one_of(st.sampled_from(SKELETON_LINES), st.text(max_size=80)), max_size=60))
def test_generated_skeletons(tmp_path, lines):
    path = tmp_path / "gen.txt"
    path.write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
    check(path)


@pytest.mark.slow
@settings(
    max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.one_of(st.sampled_from(SKELETON_LINES), st.text(max_size=80)), max_size=60))
def test_generated_skeletons_10000_cases(tmp_path, lines):
    path = tmp_path / "gen.txt"
    path.write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
    check(path)


def test_50_mb_single_file_is_read(tmp_path):
    path = tmp_path / "big.txt"
    data = SOURCES[0]
    copies = 50_000_000 // len(data) + 1
    path.write_bytes(data * copies)
    record = parse_text_file(path)
    assert len(record.items) == copies * len(parse_text_file(sorted(CORPUS.glob("*.txt"))[0]).items)
