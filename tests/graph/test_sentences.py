"""The sentences of a text found once equal the sentence around each span found alone."""

from __future__ import annotations

import random

from referatgraf.graph import evidence
from referatgraf.graph.evidence import Sentences, sentence_around
from tests.conftest import ROOT


def test_sentences_of_a_text_equal_sentence_around_for_every_span():
    texts = [
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "minutes").rglob("*.txt"))
    ]
    assert texts
    rng = random.Random(7)
    checked = 0
    for text in texts:
        sentences = Sentences(text)
        for _ in range(400):
            start = rng.randrange(len(text))
            end = min(len(text), start + rng.randrange(1, 40))
            for width in (320, 40):
                assert sentences.around(start, end, max_chars=width) == sentence_around(
                    text, start, end, max_chars=width
                ), (start, end, width)
                checked += 1
        # spans that start right after a sentence mark or a line break
        for i, ch in enumerate(text):
            if ch in ".\n" and i + 2 < len(text):
                assert sentences.around(i + 1, i + 2) == sentence_around(text, i + 1, i + 2)
                assert sentences.around(i + 2, i + 3) == sentence_around(text, i + 2, i + 3)
    assert checked > 1000


#: Line breaks and marks at the edges of every rule: blank lines of spaces, tabs and
#: no-break spaces, bullets, table rows before and after, numbers, abbreviations, a text
#: that ends in a mark or a break.
_EDGES = (
    "Punkt 1: Plan\n\nØDC har bl.a. lavet en plan, jf. bilag 2. Den 24. maj\ngik det. "
    "I 2018. Denne sag\n \t\nRække\tto\nefter\n- punkt\n  • andet\n–ikke\n– fire\n* tre\n"
    "Slut! Ja? Nej.\r\nMere\u00a0.\u00a0\n\u00a0\nEn ... to. x. Y\nFin.\n\n"
)


def test_the_sentence_ends_of_a_text_are_the_candidates_that_end_a_sentence():
    """One pass over a text finds the same sentence ends as asking of each candidate."""
    texts = [_EDGES, _EDGES.rstrip("\n") + ".", "\n", "", "a.\n"]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data").rglob("*.txt"))]
    for text in texts:
        want = [
            (m.start(), m.group() != "\n")
            for m in evidence._BOUNDARY.finditer(text)
            if evidence._ends_sentence(text, m)
        ]
        got = [(c >> 1, bool(c & 1)) for c in evidence._sentence_ends(text)]
        assert got == want, text[:60]
    assert len(texts) > 5


def test_the_abbreviations_come_from_the_cache_without_importing_spacy(tmp_path):
    """The first process derives them from spaCy and caches them; a later one (a report,
    a map) reads the cache and never imports spaCy (~80 MB resident)."""
    import os
    import subprocess
    import sys

    script = (
        "import sys; from referatgraf.graph.evidence import abbreviations; "
        "words = abbreviations(); print(len(words), 'jf' in words, 'spacy' in sys.modules)"
    )
    env = {**os.environ, "REFERATGRAF_CACHE": str(tmp_path)}

    def run() -> list[str]:
        out = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True
        )
        assert out.returncode == 0, out.stderr
        return out.stdout.split()

    first, second = run(), run()
    assert first[:2] == second[:2] and first[1] == "True" and int(first[0]) > 100
    assert first[2] == "True" and second[2] == "False"
    assert any(tmp_path.glob("abbreviations-spacy-*.txt"))
