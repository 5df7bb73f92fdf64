"""Hostile and broken inputs on the command line (issue 20, items 7, 10, 11, 13, 14): each
gets one line naming the file and the problem, the other inputs are still processed, and
nothing blocks or runs without bound.

The commands run as child processes with a time limit, so that an input that hangs the
reader fails the test instead of hanging the suite.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CORPUS

CLI = Path(sys.executable).with_name("referatgraf")
GOOD = sorted(CORPUS.glob("*.txt"))[0]


def run(
    *args: object, timeout: float = 240, drop_root: bool = False
) -> subprocess.CompletedProcess:
    cmd = [str(CLI), *map(str, args)]
    if drop_root:
        # root reads every file: without the capabilities that let it, it reads like a user
        cmd = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", *cmd]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)


def errors(result: subprocess.CompletedProcess) -> list[str]:
    return [ln for ln in result.stderr.splitlines() if ln.startswith("error:")]


def can_make_unreadable() -> bool:
    return os.geteuid() != 0 or shutil.which("setpriv") is not None


@pytest.fixture
def inputs(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(GOOD, folder / "good.txt")
    return folder


def test_deep_json_fails_alone_and_names_the_limit(inputs, tmp_path):
    (inputs / "deep.json").write_bytes(b"[" * 100_000 + b"]" * 100_000)
    result = run("extract", inputs, "--out", tmp_path / "rec")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    (line,) = errors(result)
    assert "deep.json" in line and "--max-json-depth" in line
    assert (tmp_path / "rec" / "good.json").exists()


def test_a_fifo_named_on_the_command_line_does_not_block(inputs, tmp_path):
    fifo = inputs / "pipe.txt"
    os.mkfifo(fifo)
    result = run("extract", fifo, inputs / "good.txt", "--out", tmp_path / "rec", timeout=120)
    (line,) = errors(result)
    assert "pipe.txt" in line and "not a regular file (a FIFO)" in line
    assert (tmp_path / "rec" / "good.json").exists()


def test_build_of_dev_zero_is_refused_at_once(tmp_path):
    result = run("build", "/dev/zero", GOOD, "--store", tmp_path / "store", timeout=120)
    assert result.returncode == 1
    (line,) = errors(result)
    assert "/dev/zero" in line and "not a regular file (a device)" in line
    assert "1 added" in result.stderr


def test_a_symlink_to_dev_zero_is_refused(inputs, tmp_path):
    (inputs / "zero.pdf").symlink_to("/dev/zero")
    result = run("extract", inputs / "zero.pdf", inputs / "good.txt", "--out", tmp_path / "rec")
    (line,) = errors(result)
    assert "zero.pdf" in line and "not a regular file" in line


def test_a_pdf_decompression_bomb_names_the_limit(inputs, tmp_path):
    from tests.extract.test_limits import _pdf_with_stream

    (inputs / "bomb.pdf").write_bytes(_pdf_with_stream(bytes(512 << 20)))
    result = run("extract", inputs, "--out", tmp_path / "rec")
    (line,) = errors(result)
    assert "bomb.pdf" in line and "--max-inflate-ratio" in line


def test_the_input_size_limit_is_an_option(inputs, tmp_path):
    result = run("extract", inputs, "--out", tmp_path / "rec", "--max-input-size", "4K")
    (line,) = errors(result)
    assert "good.txt" in line and "--max-input-size 4K" in line


@pytest.mark.parametrize("command", ["extract", "build"])
def test_every_limit_is_in_the_help(command):
    result = run(command, "--help")
    for option in ("--max-input-size", "--max-inflated", "--max-inflate-ratio", "--max-json-depth"):
        assert option in result.stdout
    assert "regular files" in result.stdout


def test_utf16_minutes_are_read(inputs, tmp_path):
    (inputs / "utf16.txt").write_bytes(GOOD.read_text(encoding="utf-8").encode("utf-16"))
    result = run("extract", inputs, "--out", tmp_path / "rec")
    assert result.returncode == 0, result.stderr
    record = json.loads((tmp_path / "rec" / "utf16.json").read_text(encoding="utf-8"))
    assert record["items"] and record["source"]["encoding"] == "utf-16"


def test_a_file_name_with_a_newline_gives_one_line(inputs, tmp_path):
    (inputs / "bad\nname.txt").write_bytes(b"")
    result = run("extract", inputs, "--out", tmp_path / "rec")
    (line,) = errors(result)
    assert "bad\\nname.txt: the file is empty" in line
    assert not any(ln.startswith("name.txt") for ln in result.stderr.splitlines())


def test_items_numbered_1000_and_above_are_kept(tmp_path):
    text = "REFERAT Byrådet d. 01-02-2024\n\n" + "".join(
        f"Punkt {n}: Sag {n}\n\n24/{n}\n\nBeslutning\n\nGodkendt.\n\n" for n in (999, 1000, 1001)
    )
    (tmp_path / "m.txt").write_text(text, encoding="utf-8")
    result = run("extract", tmp_path / "m.txt", "--out", tmp_path / "rec")
    assert result.returncode == 0, result.stderr
    record = json.loads((tmp_path / "rec" / "m.json").read_text(encoding="utf-8"))
    assert [i["number"] for i in record["items"]] == [999, 1000, 1001]


@pytest.mark.skipif(not can_make_unreadable(), reason="root without setpriv reads every file")
def test_an_unreadable_file_fails_alone(inputs, tmp_path):
    secret = inputs / "secret.txt"
    shutil.copy(GOOD, secret)
    secret.chmod(0)
    out = tmp_path / "rec"
    out.mkdir(mode=0o777)
    tmp_path.chmod(0o755)
    inputs.chmod(0o755)
    result = run("extract", secret, inputs / "good.txt", "--out", out, drop_root=True)
    assert result.returncode == 1, result.stderr
    assert "Usage:" not in result.stderr
    (line,) = errors(result)
    assert "secret.txt" in line and "Permission denied" in line
    assert (out / "good.json").exists()


@pytest.mark.skipif(not can_make_unreadable(), reason="root without setpriv reads every folder")
def test_an_unreadable_subfolder_is_named(inputs, tmp_path):
    locked = inputs / "locked"
    locked.mkdir()
    shutil.copy(GOOD, locked / "hidden.txt")
    locked.chmod(0)
    out = tmp_path / "rec"
    out.mkdir(mode=0o777)
    tmp_path.chmod(0o755)
    inputs.chmod(0o755)
    try:
        result = run("extract", inputs, "--out", out, drop_root=True)
    finally:
        locked.chmod(0o755)
    assert result.returncode == 1, result.stderr
    (line,) = errors(result)
    assert "locked" in line and "cannot read the folder" in line
    assert (out / "good.json").exists()
