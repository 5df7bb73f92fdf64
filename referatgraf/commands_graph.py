"""CLI commands for the graph stage (registered by :mod:`referatgraf.cli`)."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
