"""``referatgraf query`` fills in the columns a saved query leaves to referatgraf.

The saved query ``mentions`` names the first span of each row (``?doc ?start ?end``) and asks
for its sentence (``# evidence:``) and its words (``# quote:``); SPARQL leaves both unbound.
Run through the command, in a child process with a time limit (the default) or without one,
every row carries the document text's words at the span and a sentence holding them. The
store is the bundled corpus built with the real pipeline.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from referatgraf.cli import main
from referatgraf.graph.store import Store


def mentions(store: Path, *args: str) -> list[dict]:
    runner = CliRunner()
    result = runner.invoke(
        main, ["query", "mentions", *args, "--format", "json", "--store", str(store)]
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("timeout", [None, "0"])
def test_mentions_carry_the_words_and_sentence_of_their_span(bundled_store, timeout):
    extra = () if timeout is None else ("--timeout", timeout)
    rows = mentions(bundled_store, "-p", "type=proposers", *extra)
    assert rows
    with Store(bundled_store) as store:
        texts = {doc: store.text(doc) for doc in {r["doc"] for r in rows}}
    for r in rows:
        words = texts[r["doc"]][r["start"] : r["end"]]
        assert words and r["exact"] == words, r
        assert " ".join(words.split()) in r["evidence"], r  # white space collapsed
