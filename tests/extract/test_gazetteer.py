"""The gazetteer adds a pattern to its matcher only when a text holds the pattern's key
word (:meth:`referatgraf.extract.entities.nlp.Gazetteer._load`). These tests check the
assumption that makes this exact, on every pattern of every bundled profile, and that the
matches are those of the gazetteer with every pattern added."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from referatgraf.extract.entities.nlp import GAZETTEER, build_nlp, gazetteer_windows, key_word
from referatgraf.extract.profile import EMPTY_PROFILE, bundled_profiles, load_profile

MINUTES = Path(__file__).resolve().parents[2] / "data" / "minutes" / "htk-direktionen"
PROFILES = {"none": EMPTY_PROFILE} | {k: load_profile(p) for k, p in bundled_profiles().items()}
_LETTER = re.compile(r"[^\W\d_]")


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_no_pattern_is_split_between_two_letters(name):
    """spaCy's Danish tokenizer splits a form only beside a space, a digit or a mark:
    the letters of a pattern stand together in any text it matches."""
    nlp = build_nlp(PROFILES[name])
    gazetteer = nlp.get_pipe(GAZETTEER)
    forms = gazetteer.pending_forms()
    assert len(forms) > 1000  # the first names alone are thousands
    split = []
    for form in forms:
        doc = nlp.make_doc(form)
        for left, right in zip(doc, doc[1:], strict=False):
            joined = not left.whitespace_
            if joined and _LETTER.match(left.text[-1]) and _LETTER.match(right.text[0]):
                split.append((form, left.text, right.text))
    assert split == []


@pytest.mark.parametrize("name", ["none", "hoeje-taastrup"])
def test_patterns_added_on_demand_match_as_all_added(name):
    lazy = build_nlp(PROFILES[name])
    eager = build_nlp(PROFILES[name])
    eager.get_pipe(GAZETTEER).load_all()
    assert eager.get_pipe(GAZETTEER).pending_forms() == set()
    found = 0
    for path in sorted(MINUTES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for s, e in gazetteer_windows(text, lazy.get_pipe(GAZETTEER)):
            got = lazy.get_pipe(GAZETTEER).matches(lazy.make_doc(text[s:e]))
            assert got == eager.get_pipe(GAZETTEER).matches(eager.make_doc(text[s:e]))
            found += len(got)
    assert found > 50
    # a text without names added only a few of the patterns
    assert len(lazy.get_pipe(GAZETTEER).pending_forms()) > 1000


def test_the_component_adds_the_patterns_a_text_needs():
    nlp = build_nlp(EMPTY_PROFILE)
    assert key_word("Lars's") == "Lars"
    doc = nlp("Møde med Lars og Mette, 3F og KL.")
    assert [(s.text, s.label_) for s in doc.spans[GAZETTEER]] == [
        ("Lars", "FIRST"),
        ("Mette", "FIRST"),
        ("3F", "ORG"),
        ("KL", "ORG"),
    ]
