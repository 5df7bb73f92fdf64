"""``entities``: the review of likely duplicate entities, with evidence and alias entries.

For each municipality, the entities its items name are grouped into likely duplicates
(:func:`referatgraf.graph.duplicates.duplicate_groups`); each member shows how often it is
named and a sentence that names it. The analyst copies the entries they agree with into
the alias file beside the profile (:mod:`referatgraf.extract.aliases`); the next ``build``
merges them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["EntitiesOptions", "EntitiesReview", "MemberEvidence", "review_entities"]


@dataclass(frozen=True, slots=True)
class EntitiesOptions:
    store_dir: Path = Path("out/store")
    municipality: str | None = None
    kind: str | None = None


@dataclass(frozen=True, slots=True)
class MemberEvidence:
    """A sentence naming one member of a group, and where it is."""

    sentence: str
    exact: str
    document: str
    date: str | None
    title: str


@dataclass(frozen=True)
class EntitiesReview:
    """Groups per municipality key, the evidence per entity IRI, and each alias file's path."""

    groups: dict[str, list] = field(default_factory=dict)  # key → [DuplicateGroup]
    evidence: dict[str, MemberEvidence] = field(default_factory=dict)
    alias_files: dict[str, str] = field(default_factory=dict)  # key → where the file goes


def alias_file_for(key: str) -> str:
    """Where the alias file of a municipality goes: beside its bundled profile, if any."""
    from referatgraf.extract.aliases import ALIASES_SUFFIX, aliases_path
    from referatgraf.extract.profile import bundled_profiles

    profile = bundled_profiles().get(key)
    if profile is not None:
        return str(aliases_path(profile))
    return f"<your profile's folder>/{key}{ALIASES_SUFFIX} (beside the --profile file)"


def review_entities(options: EntitiesOptions) -> EntitiesReview:
    """The likely duplicates among the entities of the store (or of one municipality/kind)."""
    from referatgraf.app.filters import check_query_params
    from referatgraf.graph.duplicates import EntityName, duplicate_groups
    from referatgraf.graph.queries import query_page, resolve_query, run_saved
    from referatgraf.graph.store import Store

    review = EntitiesReview()
    with Store(options.store_dir) as store:
        params = check_query_params(
            store, {"municipality": options.municipality, "kind": options.kind}
        )
        mentions = resolve_query("mentions")
        rows = run_saved(store, "entities", {k: v for k, v in params.items() if v})
        by_municipality: dict[str, list[EntityName]] = {}
        for r in rows:
            by_municipality.setdefault(str(r["municipality"]), []).append(
                EntityName(str(r["entity"]), str(r["kind"]), str(r["label"]), int(r["items"] or 0))
            )
        for key, names in sorted(by_municipality.items()):
            groups = duplicate_groups(names)
            if not groups:
                continue
            review.groups[key] = groups
            review.alias_files[key] = alias_file_for(key)
            for g in groups:
                for member in g.members:
                    if member.iri in review.evidence:
                        continue
                    # the first row of the saved query ``mentions`` (its sentence filled in
                    # from the text: for that row only)
                    bindings = mentions.bindings({"entity": member.iri})
                    found = query_page(store, mentions, bindings, 1).rows
                    if found:
                        r = found[0]
                        review.evidence[member.iri] = MemberEvidence(
                            str(r["evidence"] or r["exact"]),
                            str(r["exact"]),
                            str(r["document"]),
                            None if r["date"] is None else str(r["date"]),
                            str(r["title"]),
                        )
    return review
