"""Pseudonymisation that errs on the side of privacy, for exports, reports, maps and analytics.

Two sources of names, both replaced whole by stable keyed pseudonyms
(:mod:`viz.pseudonym`):

* the people in the store, with every form their mentions were written in, and their
  first and last names alone (a name two people share gets a pseudonym of its own);
* :func:`find_names`: every capitalised sequence that starts with a first name the name
  lexicons know (gender-guesser's Danish and Nordic first names, via
  :mod:`extract.entities.lexicons`) followed by one to three capitalised words, in title
  case or upper case, whether or not the entity extractor tagged it as a person.

Names are also replaced in IRIs, document names and paths (as written and as slugs), and
e-mail addresses are replaced by ``e-mail``. What this cannot promise is in docs/safety.md.

Exports are of the full form of the graph (:func:`referatgraf.graph.expand.full_quads`)
without the documents' texts: a text with names replaced would no longer match the
offsets, and its quotes and sentences are written out instead.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from referatgraf.extract.entities.lexicons import nordic_first_names
from referatgraf.files import new_file_mode
from referatgraf.graph.evidence import DocumentTexts
from referatgraf.graph.expand import full_quads
from referatgraf.graph.spans import parse_spans
from referatgraf.graph.store import Store
from referatgraf.ontology.namespace import RG
from referatgraf.viz.pseudonym import Pseudonymiser

__all__ = [
    "EMAIL",
    "find_names",
    "name_finder",
    "person_forms",
    "pseudonymise_folder",
    "pseudonymised_quads",
    "pseudonymiser",
    "write_pseudonymised",
]

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
#: what may stand between two words of one name: blanks (one line break), or an initial's dot
_GAP = re.compile(r"[ \t]*\n?[ \t]*")
#: e-mail addresses (replaced whole; the local part is often a name)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_MAX_FOLLOWING = 3

_STRING_TYPES = {
    "http://www.w3.org/2001/XMLSchema#string",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString",
}
_PEOPLE = """
SELECT DISTINCT ?person ?name ?doc ?spans WHERE {
  ?person a rg:Person ; foaf:name ?name .
  OPTIONAL { GRAPH ?g { ?m oa:hasBody ?person ; rg:spans ?spans }
             ?g prov:wasDerivedFrom ?doc }
}"""


def _capitalised(word: str) -> bool:
    """Title case or upper case in every hyphenated part ("Hans-Henrik", "SØRENSEN").

    >>> [_capitalised(w) for w in ("Hans-Henrik", "SØRENSEN", "sørensen", "McKay", "A")]
    [True, True, False, False, True]
    """
    return all(
        p[:1].isupper() and (p[1:].islower() or p.isupper() or not p[1:]) for p in word.split("-")
    )


def _first_name(word: str) -> bool:
    """Whether every hyphenated part of ``word`` is a known first name, in any case.

    >>> _first_name("Hans-Henrik"), _first_name("LARS"), _first_name("Strategi")
    (True, True, False)
    """
    names = nordic_first_names()
    return len(word) > 1 and all(p[:1].upper() + p[1:].lower() in names for p in word.split("-"))


_MONTHS = {"april", "maj", "juni", "juli", "august"}
_DAY_BEFORE = re.compile(r"\d{1,2}\.?\s*$")


def _a_date(text: str, start: int, word: str) -> bool:
    """Whether ``word`` is a month after a day ("24. Maj"), not a first name.

    >>> _a_date("d. 24. Maj", 7, "Maj"), _a_date("Maj Hansen", 0, "Maj")
    (True, False)
    """
    return word.lower() in _MONTHS and bool(_DAY_BEFORE.search(text[max(0, start - 5) : start]))


def find_names(text: str) -> list[tuple[int, int]]:
    """Spans of the name sequences in ``text``: a known first name and 1-3 capitalised words.

    Upper-case sequences count as names too; in a title-case one an upper-case word (an
    acronym such as a centre code) ends the name. An initial with a dot may stand inside.

    Examples
    --------
    >>> t = "Klage fra borgeren Hans-Henrik Sørensen, jf. LARS P. HOLTE og ØDC. Lars ØDC."
    >>> [t[a:b] for a, b in find_names(t)]
    ['Hans-Henrik Sørensen', 'LARS P. HOLTE']
    >>> find_names("Strategi Og Plan; Per 1. januar; per Hansen; d. 24. Maj Direktionen")
    []
    """
    words = list(_WORD.finditer(text))
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        first = words[i]
        w = first.group()
        if not (_capitalised(w) and _first_name(w)) or _a_date(text, first.start(), w):
            i += 1
            continue
        upper = w.isupper()
        end, j = first.end(), i + 1
        while j < len(words) and j - i <= _MAX_FOLLOWING:
            nxt = words[j].group()
            gap = text[end : words[j].start()]
            initial = len(text[words[j - 1].start() : end]) == 1
            if not (
                gap
                and (
                    _GAP.fullmatch(gap)
                    or (initial and _GAP.fullmatch(gap.lstrip(".")) and gap.startswith("."))
                )
            ):
                break
            if not _capitalised(nxt) or (nxt.isupper() and len(nxt) > 1 and not upper):
                break
            if upper and not nxt.isupper():
                break
            end, j = words[j].end(), j + 1
        if j > i + 1 and not (j == i + 2 and len(words[i + 1].group()) == 1):
            spans.append((first.start(), end))
            i = j
        else:
            i += 1
    return spans


def name_finder(text: str) -> list[tuple[int, int]]:
    """The spans :func:`find_names` finds and those of e-mail addresses (the finder the
    CLI's ``--pseudonymise`` uses).

    >>> t = "Skriv til hh.soerensen@example.dk eller Hans Sørensen"
    >>> [t[a:b] for a, b in name_finder(t)]
    ['Hans Sørensen', 'hh.soerensen@example.dk']
    """
    return [*find_names(text), *(m.span() for m in EMAIL.finditer(text))]


def person_forms(rows: Iterable[tuple[str, str | None]]) -> dict[str, set[str]]:
    """Canonical name → its forms: itself, the mention texts, first and last name alone
    and the genitive of the last name.

    >>> sorted(person_forms([("Lars Holte", "Holte"), ("Lars Holte", None)])["Lars Holte"])
    ['Holte', 'Holtes', 'Lars', 'Lars Holte']
    """
    forms: dict[str, set[str]] = defaultdict(set)
    for name, exact in rows:
        forms[name].update(f for f in (name, exact) if f)
        parts = name.split()
        if len(parts) > 1:
            forms[name].update(w for w in (parts[0], parts[-1], parts[-1] + "s") if len(w) > 2)
    return dict(forms)


def pseudonymiser(store: Store, secret: str) -> Pseudonymiser:
    """A pseudonymiser for the people in ``store`` and every name :func:`find_names` finds."""
    return Pseudonymiser(secret, person_forms(_people(store)), finder=name_finder)


def _people(store: Store) -> list[tuple[str, str | None]]:
    """(name, a form a mention wrote it in) of every person, the form read from the
    document's text at each of the mentions' spans (each text read once)."""
    texts = DocumentTexts(store, keep=1)
    rows = []
    for row in sorted(store.query(_PEOPLE), key=lambda r: str(r["doc"] or "")):
        name = str(row["name"])
        found = parse_spans(str(row["spans"])) if row["doc"] is not None else None
        if not found:
            rows.append((name, None))
            continue
        for start, end in found:
            rows.append((name, texts.words(str(row["doc"]), start, end)))
    return rows


def _email_safe(text: str) -> str:
    return EMAIL.sub("e-mail", text)


#: literals that are file names or paths (their names may be slugged or lower case)
_DOCUMENT_PREDICATES = {str(RG.documentName), str(RG.path)}


def _string(t: object) -> bool:
    return isinstance(t, ox.Literal) and t.datatype.value in _STRING_TYPES


def pseudonymised_quads(store: Store, secret: str) -> Iterator[ox.Quad]:
    """Every quad of ``store`` with people's names replaced by pseudonyms.

    The quads are those of the full form without the texts
    (:func:`~referatgraf.graph.expand.full_quads`). The store is read twice: once to learn
    every name its literals, file names and IRIs
    hold, then to write, so that one IRI is rewritten alike wherever it occurs.
    """
    p = pseudonymiser(store, secret)

    def literal(q: ox.Quad) -> str:
        value = q.object.value
        if q.predicate.value in _DOCUMENT_PREDICATES:
            return _email_safe(p.document(value))
        return _email_safe(p.slugs(p.text(value) or ""))

    seen: dict[str, ox.NamedNode] = {}

    def iri(t):
        if not isinstance(t, ox.NamedNode):
            return t
        new = seen.get(t.value)
        if new is None:
            value = p.document(t.value)
            new = seen[t.value] = ox.NamedNode(value) if value != t.value else t
        return new

    def quads() -> Iterator[ox.Quad]:
        return full_quads(store, keep_text=False)

    for q in quads():  # first pass: learn the names
        if _string(q.object):
            literal(q)
    for q in quads():
        for t in (q.subject, q.object, q.graph_name):
            iri(t)
    p.freeze()
    seen.clear()
    for q in quads():
        obj = q.object
        if _string(obj):
            text = literal(q)
            if text != obj.value:
                obj = ox.Literal(text, language=obj.language) if obj.language else ox.Literal(text)
        else:
            obj = iri(obj)
        yield ox.Quad(iri(q.subject), q.predicate, obj, iri(q.graph_name))


_TEXT_FILES = {".csv", ".json", ".md", ".graphml", ".txt", ".html", ".js", ".tsv", ".xml"}


def pseudonymise_folder(folder: Path, p: Pseudonymiser) -> list[Path]:
    """Rewrite every text file under ``folder`` (written by referatgraf) with names
    replaced, and rename files whose names hold one. Returns the files as they are now."""
    out = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        target = path.with_name(p.document(path.name))
        if path.suffix.lower() not in _TEXT_FILES:
            path.replace(target)
            out.append(target)
            continue
        text = path.read_text(encoding="utf-8")
        new = _email_safe(p.slugs(p.text(text) or ""))
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        os.fchmod(fd, new_file_mode())  # the umask's mode, not mkstemp's 0600
        with open(fd, "w", encoding="utf-8") as f:
            f.write(new)
        Path(tmp).replace(target)
        if target != path:
            path.unlink()
        out.append(target)
    return out


def write_pseudonymised(
    write: Callable[[Path], object], out_dir: Path, p: Pseudonymiser
) -> list[Path]:
    """Let ``write`` fill a private folder beside ``out_dir``, pseudonymise every file
    there, then move them into ``out_dir``: no file with a name in it ever reaches
    ``out_dir``, even if this is interrupted. Returns the files in ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    p.freeze()
    with tempfile.TemporaryDirectory(dir=out_dir.parent, prefix=f".{out_dir.name}.") as tmp:
        staging = Path(tmp)
        write(staging)
        moved = []
        for path in pseudonymise_folder(staging, p):
            target = out_dir / path.relative_to(staging)
            target.parent.mkdir(parents=True, exist_ok=True)
            path.replace(target)
            moved.append(target)
    return moved
