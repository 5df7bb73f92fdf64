"""Derived lexicons kept on disk: made once, read back equal, keyed by package version."""

from __future__ import annotations

from importlib import metadata

from referatgraf.extract.entities.disk_cache import cached_words


def test_words_are_made_once_then_read_back_equal(tmp_path, monkeypatch):
    monkeypatch.setenv("REFERATGRAF_CACHE", str(tmp_path / "cache"))
    calls = []

    def make():
        calls.append(1)
        return {"dag", "strategi", "ø-ord"}

    first = cached_words("words", "spacy-lookups-data", make)
    [path] = (tmp_path / "cache").iterdir()
    assert metadata.version("spacy-lookups-data") in path.name
    assert not list((tmp_path / "cache").glob(".*.tmp"))

    def fail():
        raise AssertionError("made again")

    assert (
        cached_words("words", "spacy-lookups-data", fail) == first == {"dag", "strategi", "ø-ord"}
    )
    assert calls == [1]


def test_a_cache_that_cannot_be_written_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("REFERATGRAF_CACHE", str(blocker / "cache"))
    assert cached_words("words", "spacy-lookups-data", lambda: ["a", "b"]) == {"a", "b"}
    assert blocker.read_text() == "not a folder"


def test_common_words_equal_the_lemma_table(tmp_path, monkeypatch):
    from referatgraf.extract.entities import lexicons

    monkeypatch.setenv("REFERATGRAF_CACHE", str(tmp_path))
    made = frozenset(lexicons._lemma_table_words())
    assert cached_words("da-common-words", "spacy-lookups-data", sorted(made).__iter__) == made
    assert cached_words("da-common-words", "spacy-lookups-data", list) == made  # read back
