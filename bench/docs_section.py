"""Write one benchmark's section of ``docs/benchmarks.md``, leaving the others as they are."""

from __future__ import annotations

import re
from pathlib import Path

from referatgraf.files import atomic_write_text

__all__ = ["DOCS", "replace_section", "write_section"]

DOCS = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"


def replace_section(document: str, heading: str, section: str) -> str:
    """``document`` with the ``heading`` section (up to the next ``## ``) replaced by
    ``section``, or with ``section`` appended when there is none.

    >>> replace_section("# B\\n\\n## A\\nold\\n\\n## C\\nc\\n", "## A", "## A\\nnew\\n")
    '# B\\n\\n## A\\nnew\\n\\n## C\\nc\\n'
    >>> replace_section("# B\\n", "## A", "## A\\nnew\\n")
    '# B\\n\\n## A\\nnew\\n'
    """
    section = section.rstrip("\n") + "\n"
    found = re.search(rf"^{re.escape(heading)}\n.*?(?=^## |\Z)", document, re.M | re.S)
    if found is None:
        return document.rstrip("\n") + "\n\n" + section
    rest = document[found.end() :]
    return document[: found.start()] + section + ("\n" + rest if rest else "")


def write_section(heading: str, section: str, path: Path = DOCS) -> None:
    """Replace (or append) the ``heading`` section of ``path``, whole or not at all."""
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    atomic_write_text(path, replace_section(old, heading, section))
    print(f"wrote the '{heading.lstrip('# ')}' section of {path}")
