"""``export`` and ``validate``: the whole store as one RDF file, and checked against the shapes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

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
    #: Also write the derived Web Annotation form (:func:`referatgraf.graph.expand.full_quads`).
    full: bool = False


@dataclass(frozen=True, slots=True)
class ExportResult:
    out_file: Path
    quads: int


def export(options: ExportOptions) -> ExportResult:
    """Write the store to ``options.out_file`` (whole or not at all — a killed export leaves
    no temporary file; an existing file only with ``force``; never inside the store folder);
    ``full`` adds the derived Web Annotation form; with a secret, people's names become
    pseudonyms (in the full form, without the documents' texts)."""
    from referatgraf.files import OutputDirError, check_out_file, write_file
    from referatgraf.graph.store import Store

    out_file = options.out_file
    check_out_file(out_file, force=options.force)
    with Store(options.store_dir) as store:
        n = len(store)
        source = store
        if options.secret is not None:
            from referatgraf.privacy import pseudonymised_quads

            source = Store()  # in memory
            source.oxigraph.extend(pseudonymised_quads(store, options.secret))
        elif options.full:
            from referatgraf.graph.expand import full_quads

            source = Store()  # in memory
            source.oxigraph.extend(full_quads(store))
        try:
            write_file(out_file, lambda fh: source.dump(fh, options.fmt), overwrite=options.force)
        except FileExistsError:
            raise OutputDirError(f"{out_file}: exists (use --force to overwrite)") from None
    return ExportResult(out_file, n)


def validate(store_dir: Path):
    """The SHACL validation report of the store (:func:`referatgraf.graph.validate.validate_graph`)."""
    from referatgraf.graph.store import Store
    from referatgraf.graph.validate import validate_graph

    with Store(store_dir) as store:
        data = store.union_graph()
    return validate_graph(data)
