"""The CLI's shared options, each defined once.

Every command that reads the store takes :func:`store_option`, every command that writes a
folder :func:`force_option`, and so on; the defaults are the library's defaults.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

from referatgraf.viz.pseudonym import SECRET_ENV

if TYPE_CHECKING:
    from referatgraf.extract.limits import Limits

__all__ = [
    "DEFAULT_STORE",
    "force_option",
    "inputs_argument",
    "limit_options",
    "limits_from",
    "municipality_option",
    "out_dir_option",
    "overwrite_option",
    "privacy_options",
    "profile_option",
    "resolve_secret",
    "store_option",
]

F = TypeVar("F", bound=Callable)

#: The store every command uses unless told otherwise.
DEFAULT_STORE = Path("out/store")


def store_option(func: F) -> F:
    """``--store DIR``: the graph store folder (made by ``referatgraf build``)."""
    return click.option(
        "--store",
        "store_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=DEFAULT_STORE,
        show_default=True,
        help="Folder of the graph store (made by `referatgraf build`).",
    )(func)


def force_option(func: F) -> F:
    """``--force``: write into an existing non-empty folder that referatgraf did not make."""
    return click.option(
        "--force",
        is_flag=True,
        help="Write into an existing non-empty folder not made by referatgraf "
        "(never deletes anything referatgraf did not write there).",
    )(func)


def overwrite_option(func: F) -> F:
    """``--force`` for a command that writes one file: replace an existing file."""
    return click.option("--force", is_flag=True, help="Replace the file if it exists.")(func)


def out_dir_option(default: Path | None, help: str) -> Callable[[F], F]:
    """``--out DIR``: the folder a command writes (required when ``default`` is None)."""
    return click.option(
        "--out",
        "out_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=default,
        required=default is None,
        show_default=default is not None,
        help=help,
    )


def municipality_option(func: F) -> F:
    """``--municipality KEY``: only one municipality of the store (key or name)."""
    return click.option(
        "--municipality",
        default=None,
        help="Only this municipality (key such as hoeje-taastrup, or name); default: all.",
    )(func)


def profile_option(func: F) -> F:
    """``--profile FILE``: one municipality profile for every input."""
    return click.option(
        "--profile",
        "profile",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        default=None,
        help="Municipality profile (YAML) for every input. Default: the bundled profile of "
        "the municipality each document names, else none.",
    )(func)


def inputs_argument(func: F) -> F:
    """``INPUTS...``: minutes files or folders (an unreadable one fails alone, in the reader,
    instead of stopping the whole command as a usage error)."""
    return click.argument(
        "inputs", nargs=-1, required=True, type=click.Path(path_type=Path, readable=False)
    )(func)


def privacy_options(func: F) -> F:
    """``--pseudonymise`` and ``--secret``: people's names as stable keyed pseudonyms."""
    func = click.option(
        "--secret",
        default=None,
        help=f"Secret key for --pseudonymise (default: the {SECRET_ENV} environment variable, "
        "better: a secret on the command line shows in the process list).",
    )(func)
    return click.option(
        "--pseudonymise",
        is_flag=True,
        help="Replace people's names by stable pseudonyms (HMAC of the name with --secret).",
    )(func)


def resolve_secret(pseudonymise: bool, secret: str | None) -> str | None:
    """The key for pseudonyms (``None``: names stay), from ``--secret`` or the environment."""
    if not pseudonymise:
        if secret:
            raise click.UsageError("--secret needs --pseudonymise")
        return None
    secret = secret or os.environ.get(SECRET_ENV)
    if not secret:
        raise click.UsageError(f"--pseudonymise needs a secret: give --secret or set {SECRET_ENV}")
    return secret


class _Size(click.ParamType):
    name = "SIZE"

    def convert(self, value, param, ctx):  # type: ignore[no-untyped-def]
        from referatgraf.extract.limits import parse_size

        if isinstance(value, int):
            return value
        try:
            return parse_size(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


def limit_options(func: F) -> F:
    """``--max-input-size``, ``--max-inflated``, ``--max-inflate-ratio``, ``--max-json-depth``:
    the limits on the work one input may cost (:mod:`referatgraf.extract.limits`)."""
    from referatgraf.extract.limits import DEFAULT_LIMITS, format_size

    d = DEFAULT_LIMITS
    options = [
        click.option(
            "--max-json-depth",
            type=click.IntRange(min=1),
            default=d.max_json_depth,
            show_default=True,
            help="Limit: the deepest nesting of JSON arrays and objects read.",
        ),
        click.option(
            "--max-inflate-ratio",
            type=click.IntRange(min=1),
            default=d.max_inflate_ratio,
            show_default=True,
            help="Limit: how many times its size a compressed PDF stream or Word part may "
            "inflate (checked beyond 4M; a decompression bomb inflates thousands of times).",
        ),
        click.option(
            "--max-inflated",
            type=_Size(),
            default=format_size(d.max_inflated_bytes),
            show_default=True,
            help="Limit: the most one compressed PDF stream or Word part may inflate to.",
        ),
        click.option(
            "--max-input-size",
            type=_Size(),
            default=format_size(d.max_input_bytes),
            show_default=True,
            help="Limit: the largest input file read (e.g. 256M, 2G). Only regular files "
            "are read: FIFOs, devices and sockets are refused.",
        ),
    ]
    for option in options:
        func = option(func)
    return func


def limits_from(
    max_input_size: int, max_inflated: int, max_inflate_ratio: int, max_json_depth: int
) -> Limits:
    """The :class:`~referatgraf.extract.limits.Limits` the four options give."""
    from referatgraf.extract.limits import Limits

    return Limits(
        max_input_bytes=max_input_size,
        max_inflated_bytes=max_inflated,
        max_inflate_ratio=max_inflate_ratio,
        max_json_depth=max_json_depth,
    )
