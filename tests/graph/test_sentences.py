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
