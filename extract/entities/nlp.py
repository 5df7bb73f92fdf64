"""The spaCy pipeline: ``spacy.blank("da")`` plus one gazetteer component.

The component runs two :class:`~spacy.matcher.PhraseMatcher` s (phrase patterns cost
nothing measurable beside the tokenizer, unlike token patterns):

* ``ORTH`` (case-sensitive): Danish first names and their genitives, known
  organisations;
* ``LOWER``: the profile's centre names and body names with their variants and
  inflections.

Matches are stored as ``doc.spans["gazetteer"]``: ``label_`` is the kind (``FIRST``,
``ORG``, ``CENTRE``, ``BODY``) and ``kb_id_`` the canonical key. Everything else is found
by regular-expression rules over ``doc.text`` in the rule modules.
"""

from __future__ import annotations

from collections.abc import Iterable

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from extract.entities.known_orgs import KNOWN_ORGANISATIONS
from extract.entities.lexicons import danish_first_names, nordic_first_names
from extract.profile import Profile

__all__ = ["GAZETTEER", "Gazetteer", "build_nlp", "centre_forms", "genitives"]

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
        first = danish_first_names()
        for name in nordic_first_names():
            kind = "FIRST" if name in first else "FIRST2"
            self._add(nlp, self.orth, kind, name, genitives(name))
        for key, aliases in KNOWN_ORGANISATIONS.items():
            self._add(nlp, self.orth, "ORG", key, [g for a in aliases for g in genitives(a)])
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
        matcher.add(label, [nlp.make_doc(f) for f in dict.fromkeys(forms)])

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for matcher in (self.orth, self.lower):
            for match_id, start, end in matcher(doc):
                kind, key = self.keys[match_id]
                spans.append(Span(doc, start, end, label=kind, kb_id=key))
        doc.spans[GAZETTEER] = spans
        return doc


def build_nlp(profile: Profile) -> Language:
    """``spacy.blank("da")`` with the gazetteer built from ``profile``.

    Examples
    --------
    >>> from extract.profile import EMPTY_PROFILE
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
