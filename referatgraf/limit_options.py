"""The input limits as command-line options (shared by ``extract``, ``build`` and ``demo``)."""

from __future__ import annotations

import click

from referatgraf.extract.limits import DEFAULT_LIMITS, Limits, format_size, parse_size

__all__ = ["limit_options", "limits_from"]


class _Size(click.ParamType):
    name = "SIZE"

    def convert(self, value, param, ctx):  # type: ignore[no-untyped-def]
        if isinstance(value, int):
            return value
        try:
            return parse_size(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


def limit_options(func):
    """``--max-input-size``, ``--max-inflated``, ``--max-inflate-ratio``, ``--max-json-depth``."""
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
    return Limits(
        max_input_bytes=max_input_size,
        max_inflated_bytes=max_inflated,
        max_inflate_ratio=max_inflate_ratio,
        max_json_depth=max_json_depth,
    )
