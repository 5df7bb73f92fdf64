"""The ``referatgraf`` command line: a thin click layer over :mod:`referatgraf.app`.

Commands are found in the table :data:`COMMANDS` and imported only when used (so ``--help``
and every command start fast: no spaCy, rdflib or networkx until a command needs them).
Errors a user can act on — bad input, an unknown filter value, a missing store, a folder
referatgraf must not write into, a full disk — become one line without a traceback here,
in one place; ``-vv`` logs the traceback as well.
"""

from __future__ import annotations

import importlib
import logging

import click

__all__ = ["COMMANDS", "main"]

log = logging.getLogger(__name__)

#: Command name → "module:attribute", in the order ``--help`` lists them.
COMMANDS: dict[str, str] = {
    "demo": "referatgraf.commands_extract:demo",
    "fetch": "referatgraf.commands_fetch:fetch",
    "extract": "referatgraf.commands_extract:extract",
    "evaluate": "referatgraf.commands_extract:evaluate",
    "profile": "referatgraf.commands_profile:profile",
    "build": "referatgraf.commands_graph:build",
    "queries": "referatgraf.commands_graph:queries",
    "query": "referatgraf.commands_graph:query",
    "export": "referatgraf.commands_graph:export",
    "validate": "referatgraf.commands_graph:validate",
    "entities": "referatgraf.commands_graph:entities",
    "analyze": "referatgraf.commands_analytics:analyze",
    "map": "referatgraf.commands_viz:map_command",
    "report": "referatgraf.commands_viz:report",
    "search": "referatgraf.commands_search:search",
    "serve": "referatgraf.commands_serve:serve",
    "push": "referatgraf.commands_serve:push",
}


def _user_errors() -> tuple[type[BaseException], ...]:
    from referatgraf.errors import ReferatgrafError
    from referatgraf.extract.errors import InputError
    from referatgraf.files import OutputDirError
    from referatgraf.graph.errors import QueryError, StoreError

    return (ReferatgrafError, InputError, StoreError, QueryError, OutputDirError)


class LazyGroup(click.Group):
    """A group whose commands are imported on first use, with the user-error translation."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, _, attribute = target.partition(":")
        return getattr(importlib.import_module(module), attribute)

    def resolve_command(self, ctx: click.Context, args: list[str]):
        name = args[0] if args else ""
        if name and not name.startswith("-") and name not in COMMANDS:
            import difflib

            close = difflib.get_close_matches(name, COMMANDS, n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            raise click.UsageError(f"No such command {name!r}.{hint}", ctx)
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: click.Context):
        from referatgraf.errors import UsageError

        try:
            return super().invoke(ctx)
        except UsageError as exc:
            log.debug("usage error", exc_info=True)
            raise click.UsageError(str(exc)) from None
        except _user_errors() as exc:
            log.debug("user error", exc_info=True)
            raise click.ClickException(str(exc)) from None
        except OSError as exc:  # a full disk, a permission: the system's words, no traceback
            log.debug("system error", exc_info=True)
            where = f"{exc.filename}: " if exc.filename else ""
            raise click.ClickException(f"{where}{exc.strerror or exc}") from None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="referatgraf")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
def main(verbose: int) -> None:
    """referatgraf: Danish municipal minutes to a knowledge graph.

    \b
    Example:
      referatgraf demo --out out
      referatgraf extract data/minutes/htk-direktionen --out out/records
    """
    level = logging.WARNING - 10 * verbose
    logging.basicConfig(
        level=max(level, logging.DEBUG), format="%(levelname)s %(name)s: %(message)s"
    )


if __name__ == "__main__":  # pragma: no cover
    main()
