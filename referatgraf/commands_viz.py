"""CLI commands for the viz stage (registered by :mod:`referatgraf.cli`)."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
