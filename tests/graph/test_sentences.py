"""The sentences of a text found once equal the sentence around each span found alone."""

from __future__ import annotations

import random

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
