"""The report's own process imports no library it does not use (each is held through every
phase of a report of 10,000 meetings): not rdflib, numpy, pyvis or jinja2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HEAVY = ("rdflib", "numpy", "pyvis", "jinja2", "spacy", "pyshacl")

_REPORT = """
import sys
from pathlib import Path
from referatgraf.app.report import ReportOptions, write_report

result = write_report(ReportOptions(out_dir=Path(sys.argv[1]), store_dir=Path(sys.argv[2])))
assert result.files > 10, result
print(" ".join(m for m in sys.argv[3:] if m in sys.modules))
"""


def test_the_report_process_imports_no_heavy_library(searchable_store: Path, tmp_path: Path):
    out = tmp_path / "report"
    done = subprocess.run(
        [sys.executable, "-c", _REPORT, str(out), str(searchable_store), *HEAVY],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert (out / "maps" / "centres.html").is_file()
    assert (out / "search-index.js").is_file()  # the search child ran
    assert done.stdout.split() == []
