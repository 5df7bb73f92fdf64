"""The spaCy pipeline: ``spacy.blank("da")`` plus one gazetteer component.

The component runs two :class:`~spacy.matcher.PhraseMatcher` s (phrase patterns cost
nothing measurable beside the tokenizer, unlike token patterns):

* ``ORTH`` (case-sensitive): Danish first names and their genitives, known
  organisations and authorities, the parties' names (kind ``PARTY``);
* ``LOWER``: the profile's centre names and body names with their variants and
  inflections.

A pattern is tokenized and added to its matcher when a text first holds its key word (its
longest run of letters): building the pipeline costs no tokenizing of its ~5,500 forms,
and one document pays only for the names it may hold.

Matches are stored as ``doc.spans["gazetteer"]``: ``label_`` is the kind (``FIRST``,
``ORG``, ``PARTY``, ``CENTRE``, ``BODY``) and ``kb_id_`` the canonical key. Everything else is found
by regular-expression rules over ``doc.text`` in the rule modules.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from referatgraf.extract.entities.denmark import parties
from referatgraf.extract.entities.known_orgs import known_organisations
from referatgraf.extract.entities.lexicons import danish_first_names, nordic_first_names
from referatgraf.extract.profile import Profile

__all__ = [
    "GAZETTEER",
    "Gazetteer",
    "build_nlp",
    "centre_forms",
    "gazetteer_windows",
    "genitives",
    "word_core",
]

GAZETTEER = "gazetteer"


def genitives(form: str) -> tuple[str, ...]:
    """A form and its genitives ("KL" → "KLs", "KL's"; "Byrådet" → "Byrådets").

    >>> genitives("ØDC")
    ('ØDC', 'ØDCs', "ØDC's", 'ØDC’s')
    >>> genitives("Byrådet")
    ('Byrådet', 'Byrådets')
    """
    if form[-1:].isupper():
        return (form, form + "s", form + "'s", form + "’s")
    if form.endswith("s"):
        return (form,)
    return (form, form + "s")


def centre_forms(name: str) -> tuple[str, ...]:
    """Spellings of a centre name: centret/centeret/center, each with its genitive.

    >>> centre_forms("HR-Centret")
    ('HR-Centret', 'HR-Centrets', 'HR-Centeret', 'HR-Centerets', 'HR-Center', 'HR-Centers')
    """
    out = [name]
    low = name.lower()
    for a, b in (("centret", "centeret"), ("centeret", "centret")):
        if low.endswith(a):
            out.append(name[: -len(a)] + name[-len(a) : -len(a) + 1] + b[1:])
            out.append(name[: -len(a)] + name[-len(a) : -len(a) + 1] + "enter")
            break
    return tuple(g for form in dict.fromkeys(out) for g in genitives(form))


class Gazetteer:
    """Pipeline component: phrase matches of names, centres, bodies, organisations."""

    def __init__(self, nlp: Language, profile: Profile) -> None:
        self.orth = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.keys: dict[int, tuple[str, str]] = {}
        #: the label's place in the order the patterns were named: matches at one span
        #: come in this order, whatever order their patterns were added in
        self.rank: dict[int, int] = {}
        self._make_doc = nlp.make_doc
        #: patterns not yet in a matcher, by their key word (exact case for ORTH, lower case
        #: for LOWER) → (label, form) pairs; added when a text holds the word (:meth:`_load`)
        self._pending: dict[str, dict[str, list[tuple[str, str]]]] = {"orth": {}, "lower": {}}
        #: one word of each pattern (its longest; exact case for ORTH, lower case for
        #: LOWER) → how many words the pattern has before and after it
        self.exact_triggers: dict[str, tuple[int, int]] = {}
        self.lower_triggers: dict[str, tuple[int, int]] = {}
        first = danish_first_names()
        for name in sorted(nordic_first_names()):  # in one order: the labels' ranks
            kind = "FIRST" if name in first else "FIRST2"
            self._add(nlp, self.orth, kind, name, genitives(name))
        for key, aliases in known_organisations().items():
            self._add(nlp, self.orth, "ORG", key, [g for a in aliases for g in genitives(a)])
        for party in parties():
            forms = [g for f in (party.name, *party.forms) for g in genitives(f)]
            self._add(nlp, self.orth, "PARTY", party.name, forms)
        for c in profile.centres:
            forms = [g for v in (c.name, *c.variants) if not v.isupper() for g in centre_forms(v)]
            self._add(nlp, self.lower, "CENTRE", c.code, forms)
        for b in profile.bodies:
            forms = [g for v in (b.name, *b.variants) if not v.isupper() for g in genitives(v)]
            # a one-word unit name is a common noun when written in lower case
            single = b.kind == "unit" and all(" " not in f and "-" not in f for f in forms)
            self._add(nlp, self.orth if single else self.lower, "BODY", b.name, forms)

    def _add(
        self, nlp: Language, matcher: PhraseMatcher, kind: str, key: str, forms: Iterable[str]
    ) -> None:
        label = f"{kind}\t{key}"
        match_id = nlp.vocab.strings.add(label)
        self.keys[match_id] = (kind, key)
        self.rank.setdefault(match_id, len(self.rank))
        forms = list(dict.fromkeys(forms))
        lower = matcher is self.lower
        pending = self._pending["lower" if lower else "orth"]
        at_once = []
        for f in forms:
            word = key_word(f.lower() if lower else f)
            if word:
                pending.setdefault(word, []).append((label, f))
            else:
                at_once.append(f)
        if at_once:
            matcher.add(label, [self._make_doc(f) for f in at_once])
        triggers = self.exact_triggers if matcher is self.orth else self.lower_triggers
        for f in forms:
            words = [word_core(w) for w in f.split()]
            # the longest word, unless it is a word every other name has ("Greve Kommune"
            # triggers on "Greve": "Kommune" stands on every page)
            k = max(range(len(words)), key=lambda i: (words[i] not in _FREQUENT, len(words[i])))
            core = words[k] if matcher is self.orth else words[k].lower()
            before, after = triggers.get(core, (0, 0))
            triggers[core] = (max(before, k), max(after, len(words) - k - 1))

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[GAZETTEER] = [
            Span(doc, start, end, label=self.keys[match_id][0], kb_id=self.keys[match_id][1])
            for match_id, start, end in self._matched(doc)
        ]
        return doc

    def _matched(self, doc: Doc) -> list[tuple[int, int, int]]:
        """``(match_id, start, end)`` of both matchers: ORTH's, then LOWER's, each by
        span and at one span by :attr:`rank`."""
        self._load(doc.text)
        out = []
        for matcher in (self.orth, self.lower):
            found = matcher(doc)
            found.sort(key=lambda m: (m[1], m[2], self.rank[m[0]]))
            out += found
        return out

    def _load(self, text: str) -> None:
        """Add the patterns whose key word ``text`` holds to their matcher.

        A pattern can match only where its key word stands as a whole run of letters:
        spaCy's Danish tokenizer never splits a token between two letters
        (``tests/extract/test_gazetteer.py`` checks it on every pattern), so the letters
        a pattern's tokens spell stand in the text with the same neighbours. Patterns are
        tokenized when a text first needs them, not all ~5,500 when the pipeline is built.
        """
        if self._pending["orth"]:
            self._add_pending(self.orth, self._pending["orth"], _LETTERS.findall(text))
        if self._pending["lower"]:
            self._add_pending(self.lower, self._pending["lower"], _LETTERS.findall(text.lower()))

    def _add_pending(
        self, matcher: PhraseMatcher, pending: dict[str, list[tuple[str, str]]], words
    ) -> None:
        """Add the pending patterns of ``words`` to ``matcher``, one call per label."""
        by_label: dict[str, list[str]] = {}
        for word in set(words).intersection(pending):
            for label, form in pending.pop(word):
                by_label.setdefault(label, []).append(form)
        for label, forms in by_label.items():
            matcher.add(label, [self._make_doc(f) for f in forms])

    def pending_forms(self) -> set[str]:
        """The forms whose patterns no text has needed yet."""
        return {f for by_word in self._pending.values() for v in by_word.values() for _, f in v}

    def load_all(self) -> None:
        """Add every pattern not yet added."""
        self._add_pending(self.orth, self._pending["orth"], list(self._pending["orth"]))
        self._add_pending(self.lower, self._pending["lower"], list(self._pending["lower"]))

    def matches(self, doc: Doc) -> list[tuple[str, str, int, int]]:
        """``(kind, key, start_char, end_char)`` of the matches in ``doc`` (a tokenized doc).

        The same matches ``__call__`` stores as spans, without building span objects.
        """
        out = []
        for match_id, start, end in self._matched(doc):
            kind, key = self.keys[match_id]
            last = doc[end - 1]
            out.append((kind, key, doc[start].idx, last.idx + len(last)))
        return out


_PUNCT = "()[]{}\"'“”„«»‘’.,;:!?-–—•·/*"
#: Words of many lexicon names that are frequent in minutes: never a name's trigger word.
_FREQUENT = frozenset(
    ["Kommune", "kommune", "Kommunes", "Region", "Politi", "Dansk", "Danske", "Danmarks"]
    + ["Styrelsen", "Ministeriet", "Nævnet", "for", "og", "af", "Det", "De", "Den", "&", "-"]
)

_FREQUENT_LOWER = frozenset(w.lower() for w in _FREQUENT)


def word_core(chunk: str) -> str:
    """A whitespace-separated chunk without the punctuation around it.

    >>> word_core("(Per),"), word_core("Økonomi-"), word_core("ØDC's")
    ('Per', 'Økonomi', "ØDC's")
    """
    return chunk.strip(_PUNCT)


_LETTERS = re.compile(r"[^\W\d_]+")


def key_word(form: str) -> str:
    """The longest run of letters in ``form`` that is not a frequent word (unless all
    are), the first of equals; ``""`` when it has no letters.

    >>> key_word("HR-Centrets"), key_word("Greve Kommune"), key_word("3F"), key_word("112")
    ('Centrets', 'Greve', 'F', '')
    """
    runs = _LETTERS.findall(form)
    return max(runs, key=lambda w: (w.lower() not in _FREQUENT_LOWER, len(w)), default="")


def gazetteer_windows(text: str, gazetteer: Gazetteer) -> list[tuple[int, int]]:
    """Stretches of ``text`` that can hold a gazetteer match, merged and in order.

    spaCy's tokenizer splits on whitespace first and tokenizes each chunk on its own,
    so a window that starts and ends at chunk boundaries is tokenized exactly as in
    the whole text: running the pipeline on the windows alone finds the same matches.
    A window is centred on a chunk whose core is a pattern's trigger word and reaches
    as many chunks either side as that word's patterns have.

    Examples
    --------
    >>> from referatgraf.extract.profile import EMPTY_PROFILE
    >>> g = build_nlp(EMPTY_PROFILE).get_pipe(GAZETTEER)
    >>> t = "Sagen blev drøftet. Derefter fortalte (Per) om KL og om sagen."
    >>> [t[s:e] for s, e in gazetteer_windows(t, g)]
    ['(Per)', 'KL']
    """
    exact, lower = gazetteer.exact_triggers, gazetteer.lower_triggers
    hits: list[tuple[int, int, tuple[int, int]]] = []
    for m in _CAPITALISED.finditer(text):
        reach = exact.get(m.group())
        if reach is not None:
            hits.append((m.start(), m.end(), reach))
    low = text.lower()
    for word, reach in lower.items():
        i = low.find(word)
        while i >= 0:
            j = i + len(word)
            if (i == 0 or not low[i - 1].isalnum()) and (j == len(low) or not low[j].isalnum()):
                hits.append((i, j, reach))
            i = low.find(word, j)
    hits.sort()
    out: list[tuple[int, int]] = []
    for s, e, (before, after) in hits:
        start, end = _chunk_start(text, s), _chunk_end(text, e)
        for _ in range(before):
            start = _chunk_start(text, _skip_space_left(text, start))
        for _ in range(after):
            end = _chunk_end(text, _skip_space_right(text, end))
        if out and start <= out[-1][1] + 1:
            out[-1] = (min(out[-1][0], start), max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


_CAPITALISED = re.compile(r"[A-ZÆØÅÄÖÜÉ][\w'’-]*")


def _chunk_start(text: str, pos: int) -> int:
    while pos > 0 and not text[pos - 1].isspace():
        pos -= 1
    return pos


def _chunk_end(text: str, pos: int) -> int:
    n = len(text)
    while pos < n and not text[pos].isspace():
        pos += 1
    return pos


def _skip_space_left(text: str, pos: int) -> int:
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    return pos


def _skip_space_right(text: str, pos: int) -> int:
    n = len(text)
    while pos < n and text[pos].isspace():
        pos += 1
    return pos


def build_nlp(profile: Profile) -> Language:
    """``spacy.blank("da")`` with the gazetteer built from ``profile``.

    Examples
    --------
    >>> from referatgraf.extract.profile import EMPTY_PROFILE
    >>> nlp = build_nlp(EMPTY_PROFILE)
    >>> doc = nlp("Møde med Lars og KL.")
    >>> [(s.text, s.label_, s.kb_id_) for s in doc.spans["gazetteer"]]
    [('Lars', 'FIRST', 'Lars'), ('KL', 'ORG', 'KL')]
    """
    nlp = spacy.blank("da")
    component = Gazetteer(nlp, profile)
    Language.component(f"{GAZETTEER}_{id(component)}", func=component)
    nlp.add_pipe(f"{GAZETTEER}_{id(component)}", name=GAZETTEER)
    return nlp
