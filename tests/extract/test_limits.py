"""Bounded work on any input (issue 20, items 7, 9, 10, 11, 14): deep JSON, many items,
decompression bombs, special files, sizes, encodings."""

from __future__ import annotations

import json
import os
import time
import zlib
from pathlib import Path

import pytest

from referatgraf.extract.errors import InputError
from referatgraf.extract.firstagenda_json import parse_firstagenda, parse_json_bytes
from referatgraf.extract.limits import Limits, check_pdf_streams, read_input
from referatgraf.extract.readers import read_bytes, read_path
from referatgraf.graph.build import file_sha256

HTK = Path(__file__).resolve().parents[2] / "data" / "minutes" / "htk-direktionen"


# -- JSON (item 7) ---------------------------------------------------------------------


def test_deeply_nested_json_is_refused_by_the_depth_limit():
    deep = b"[" * 200_000 + b"]" * 200_000
    with pytest.raises(InputError, match=r"--max-json-depth 200") as info:
        parse_json_bytes(deep, path="deep.json")
    assert "nested more than 200 deep" in info.value.message


def test_the_json_depth_limit_is_configurable():
    data = json.dumps({"Moede": {}, "Udvalg": {"Navn": "X"}, "Dagsordenpunkter": [[[[1]]]]})
    with pytest.raises(InputError, match="--max-json-depth 3"):
        parse_json_bytes(data.encode(), path="x.json", limits=Limits(max_json_depth=3))


def test_brackets_inside_strings_do_not_count():
    data = {"Moede": {}, "Udvalg": {"Navn": "[" * 500}, "Dagsordenpunkter": []}
    r = parse_json_bytes(json.dumps(data).encode(), path="x.json")
    assert r.meeting.body == "[" * 500


# -- many items (item 9) ----------------------------------------------------------------


def _meeting(n: int) -> dict:
    return {
        "Moede": {"Dato": "2024-01-15T17:00:00"},
        "Udvalg": {"Navn": "Byrådet"},
        "Dagsordenpunkter": [
            {
                "Punktnummer": str(k + 1),
                "Navn": f"Sag {k + 1}",
                "Felter": [
                    {"Navn": "Sagsfremstilling", "Html": "<p>" + "Tekst om sagen. " * 20 + "</p>"},
                    {"Navn": "Beslutning", "Html": "<p>Godkendt.</p>"},
                ],
            }
            for k in range(n)
        ],
    }


def _cpu_seconds(data: dict) -> float:
    best = float("inf")
    for _ in range(3):
        t0 = time.process_time()
        parse_firstagenda(data, path="x.json")
        best = min(best, time.process_time() - t0)
    return best


def test_many_items_cost_linear_time():
    """Eight times the items cost about eight times the CPU time, not 64 times (joining the
    text so far for every item made it quadratic: 39× here before the fix)."""
    small, large = _meeting(1000), _meeting(8000)
    assert len(parse_firstagenda(large, path="x.json").items) == 8000
    ratio = _cpu_seconds(large) / _cpu_seconds(small)
    assert ratio < 16, f"8000 items took {ratio:.1f}× the CPU time of 1000"


# -- PDF streams (item 10) ---------------------------------------------------------------


def _pdf_with_stream(content: bytes) -> bytes:
    """A small but real PDF: one page whose content stream is ``content``, Flate-compressed."""
    stream = zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def test_a_decompression_bomb_is_refused_before_it_inflates():
    bomb = _pdf_with_stream(bytes(256 << 20))  # 256 MB of zeros in about 250 KB
    assert len(bomb) < 1 << 20
    with pytest.raises(InputError, match=r"--max-inflate-ratio 500"):
        read_bytes(bomb, path="bomb.pdf")


def test_the_inflated_size_limit_names_itself():
    text = b"".join(
        b"BT /F1 12 Tf 72 %d Td (Linje %d) Tj ET\n" % (k % 700, k) for k in range(60_000)
    )
    pdf = _pdf_with_stream(text)
    limits = Limits(max_inflated_bytes=1 << 20, max_inflate_ratio=10**6)
    with pytest.raises(InputError, match=r"more than 1M \(--max-inflated 1M\)"):
        check_pdf_streams(pdf, "big.pdf", limits)
    check_pdf_streams(pdf, "big.pdf")  # within the default limits


# -- special files and sizes (item 11) ---------------------------------------------------


def test_a_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match=r"not a regular file \(a FIFO\)"):
        read_path(fifo)
    with pytest.raises(InputError, match="FIFO"):
        file_sha256(fifo)


def test_a_symlink_to_a_device_is_refused(tmp_path):
    link = tmp_path / "zero.pdf"
    link.symlink_to("/dev/zero")
    with pytest.raises(InputError, match=r"not a regular file \(a device\)"):
        read_path(link)
    with pytest.raises(InputError, match="a device"):
        file_sha256(Path("/dev/zero"))


def test_the_input_size_limit_is_configurable_and_named(tmp_path):
    path = sorted(HTK.glob("*.txt"))[0]
    with pytest.raises(InputError, match=r"more than the input size limit \(--max-input-size 1K\)"):
        read_input(path, Limits(max_input_bytes=1024))
    assert read_input(path) == path.read_bytes()


# -- encodings (item 14) -----------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_text_is_read_not_called_binary(tmp_path, encoding):
    source = sorted(HTK.glob("*.txt"))[0]
    path = tmp_path / "m.txt"
    path.write_bytes(source.read_text(encoding="utf-8").encode(encoding))
    got = read_path(path)
    assert [i.title for i in got.items] == [i.title for i in read_path(source).items]
    assert got.source.encoding.startswith("utf-16")


def test_an_error_is_one_line_whatever_the_file_name():
    """A newline in a file name (or a message) does not split the error's one line, wherever
    it is printed: the CLI, a ClickException, a log record."""
    error = InputError("in/bad\nname.txt", "the file\nis empty")
    assert str(error) == "in/bad\\nname.txt: the file is empty"
    assert error.path == "in/bad\nname.txt"  # the real name stays for opening it
