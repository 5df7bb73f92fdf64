from __future__ import annotations

import pytest

from referatgraf.extract.errors import InputError
from referatgraf.extract.parser import parse_text_file

MINUTES = "REFERAT Byrådet d. 01-02-2024\n\nPunkt 1: Æblehaven\n\n24/1\n\nBaggrund\n\nTekst.\n"


def test_cp1252_is_decoded_and_named(tmp_path):
    p = tmp_path / "m.txt"
    p.write_bytes(MINUTES.encode("cp1252"))
    r = parse_text_file(p)
    assert r.items[0].title == "Æblehaven"
    assert any("cp1252" in w for w in r.warnings)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"  \n\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10, "binary"),
        ("Kære borger, tak for dit brev.".encode(), "no agenda items"),
    ],
)
def test_bad_inputs_name_file_and_problem(tmp_path, data, message):
    p = tmp_path / "bad.txt"
    p.write_bytes(data)
    with pytest.raises(InputError, match=message) as info:
        parse_text_file(p)
    assert str(p) in str(info.value)
