"""Danish analysis for search: inflections meet, æøå/aa fold, the query language."""

from __future__ import annotations

import pytest

from referatgraf.graph.search.analysis import analyse, fold, parse_query, term, word_spans


@pytest.mark.parametrize(
    "forms",
    [
        ("strategi", "strategien", "strategier", "strategierne", "strategiens", "Strategi"),
        ("boligområde", "boligområder", "boligområdet", "boligområderne"),
        ("beslutning", "beslutningen", "beslutninger", "beslutningerne"),
        ("godkender", "godkendt", "godkendte"),
        ("kommune", "kommunen", "kommuner", "kommunernes"),
        ("robot", "robotter"),
        ("udsat", "udsatte"),
        ("økonomi", "økonomien", "ØKONOMIEN"),
    ],
)
def test_inflected_forms_share_one_term(forms):
    assert len({term(f) for f in forms}) == 1, {f: term(f) for f in forms}


@pytest.mark.parametrize(
    ("danish", "typed"),
    [
        ("økonomiopfølgning", "oekonomiopfoelgning"),
        ("Tåstrup", "Taastrup"),
        ("Høje-Tåstrup", "hoeje-taastrup"),
        ("boligområder", "boligomraader"),
        ("Ålborg", "Aalborg"),
        ("kæden", "kaeden"),
    ],
)
def test_danish_letters_may_be_typed_in_ascii(danish, typed):
    assert analyse(danish) == analyse(typed)


@pytest.mark.parametrize(
    ("a", "b"),
    [("strategi", "strategibrev"), ("bolig", "boligområde"), ("råd", "rad"), ("sø", "so")],
)
def test_different_words_stay_apart(a, b):
    assert term(a) != term(b)


def test_fold_keeps_case_numbers_and_drops_accents():
    assert fold("Café") == "cafe"
    assert analyse("Sagsnr. 16/26813") == "sagsnr 16 26813"


def test_word_spans_point_into_the_original_text():
    text = "Høje-Taastrup: strategierne"
    assert [(text[s:e], t) for s, e, t in word_spans(text)] == [
        ("Høje", "hoej"),
        ("Taastrup", "taastrup"),
        ("strategierne", "strategi"),
    ]


def test_query_drops_stop_words_but_not_inside_phrases():
    q = parse_query('alt om udsatte boligområder "tidlig og tværgående indsats"')
    assert [c.terms for c in q.groups[0]] == [
        ("udsat",),
        ("boligomraad",),
        tuple(term(w) for w in ("tidlig", "og", "tværgående", "indsats")),
    ]
    assert "og" in q.groups[0][2].terms


def test_a_query_of_only_stop_words_keeps_them():
    assert [c.terms for c in parse_query("om og").groups[0]] == [("om",), ("og",)]


def test_or_prefix_and_punctuated_words():
    q = parse_query("robot* OR sygefravær 17/10390")
    assert [[(c.terms, c.prefix) for c in g] for g in q.groups] == [
        [(("robot",), True)],
        [(("sygefravaer",), False), (("17", "10390"), False)],
    ]
    assert q.terms == {"sygefravaer", "17", "10390"} and q.prefixes == {"robot"}


@pytest.mark.parametrize("text", ["", "   ", '""', "OR", "* , ."])
def test_empty_queries_are_false(text):
    assert not parse_query(text)
