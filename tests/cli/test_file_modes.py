"""Written files follow the umask like any Unix tool (issue 22): 0644 files and 0755
folders under umask 022 — the report, maps, analytics (also pseudonymised, which rewrites
every file) and exports, never the 0600 of a temporary file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from referatgraf.cli import main


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def _modes(root: Path) -> dict[str, int]:
    paths = [root, *root.rglob("*")] if root.is_dir() else [root]
    return {str(p.relative_to(root.parent)): stat.S_IMODE(p.stat().st_mode) for p in paths}


def test_outputs_follow_the_umask(bundled_store: Path, tmp_path: Path, umask_022):
    runner = CliRunner(env={"REFERATGRAF_SECRET": "s3cret"})
    outputs = {
        "report": ["report", "--out", str(tmp_path / "report")],
        "map": ["map", "centres", "--out", str(tmp_path / "centres.html")],
        "analytics": ["analyze", "--out", str(tmp_path / "analytics")],
        "private": ["analyze", "--out", str(tmp_path / "private"), "--pseudonymise"],
        "export": ["export", "--format", "ttl", "--out", str(tmp_path / "all.ttl")],
    }
    for name, args in outputs.items():
        result = runner.invoke(main, [*args, "--store", str(bundled_store)])
        assert result.exit_code == 0, (name, result.output)
    modes = {}
    for path in sorted(tmp_path.iterdir()):
        modes.update(_modes(path))
    assert len(modes) > 50
    wrong = {
        name: oct(mode)
        for name, mode in modes.items()
        if mode != (0o755 if (tmp_path / name).is_dir() else 0o644)
    }
    assert wrong == {}
