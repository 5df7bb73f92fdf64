"""``export`` and ``validate``: the whole store as one RDF file, and checked against the shapes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from referatgraf.errors import ReferatgrafError

__all__ = ["EXPORT_FORMATS", "ExportOptions", "ExportResult", "export", "validate"]

#: File formats of ``export`` (TriG keeps the per-document graphs).
EXPORT_FORMATS = ("ttl", "trig", "nt", "jsonld")


@dataclass(frozen=True, slots=True)
class ExportOptions:
    fmt: str
    out_file: Path
    store_dir: Path = Path("out/store")
    force: bool = False
    secret: str | None = None


@dataclass(frozen=True, slots=True)
class ExportResult:
    out_file: Path
    quads: int


def export(options: ExportOptions) -> ExportResult:
    """Write the store to ``options.out_file`` (whole or not at all; an existing file only
    with ``force``); with a secret, people's names become pseudonyms."""
    from referatgraf.graph.store import Store

    out_file = options.out_file
    if out_file.exists() and not options.force:
        raise ReferatgrafError(f"{out_file}: exists (use --force to overwrite)")
    out_file.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_file.with_name(f".{out_file.name}.tmp")
    try:
        with Store(options.store_dir) as store:
            n = len(store)
            if options.secret is None:
                store.dump(tmp, options.fmt)
            else:
                from referatgraf.privacy import pseudonymised_quads

                copy = Store()  # in memory
                copy.oxigraph.extend(pseudonymised_quads(store, options.secret))
                copy.dump(tmp, options.fmt)
        tmp.replace(out_file)
    finally:
        tmp.unlink(missing_ok=True)
    return ExportResult(out_file, n)


def validate(store_dir: Path):
    """The SHACL validation report of the store (:func:`referatgraf.graph.validate.validate_graph`)."""
    from referatgraf.graph.store import Store
    from referatgraf.graph.validate import validate_graph

    with Store(store_dir) as store:
        data = store.union_graph()
    return validate_graph(data)
