"""Every module's doctests, imported under the installed name (``referatgraf.…``).

The stage folders are subpackages of ``referatgraf`` only once installed, so the doctests are
collected from the imported package rather than from the files (which would load each module
twice, under two names).
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

PACKAGES = (
    "referatgraf",
    "referatgraf.extract",
    "referatgraf.graph",
    "referatgraf.ontology",
    "referatgraf.viz",
    "referatgraf.data",
)


def _modules() -> list[str]:
    names: set[str] = set()
    for package in PACKAGES:
        module = importlib.import_module(package)
        names.add(package)
        for info in pkgutil.walk_packages(module.__path__, f"{package}."):
            if not info.name.endswith("__main__"):  # importing it runs the CLI
                names.add(info.name)
    return sorted(names)


def _doctests(name: str) -> list[doctest.DocTest]:
    module = importlib.import_module(name)
    return [t for t in doctest.DocTestFinder().find(module, name) if t.examples]


WITH_DOCTESTS = [name for name in _modules() if _doctests(name)]


@pytest.mark.parametrize("name", WITH_DOCTESTS)
def test_doctests(name: str) -> None:
    tests = _doctests(name)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    failures: list[str] = []
    for test in tests:
        result = runner.run(test, out=failures.append)
        assert result.attempted
    assert not failures, "".join(failures)


def test_the_stage_packages_have_doctests() -> None:
    stages = {name.split(".")[1] for name in WITH_DOCTESTS if name.count(".") >= 2}
    assert {"extract", "graph", "viz"} <= stages, WITH_DOCTESTS
