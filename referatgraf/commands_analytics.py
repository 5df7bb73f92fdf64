"""CLI commands for the analytics stage (registered by :mod:`referatgraf.cli`)."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
