"""The built wheel works on its own: installed into a clean virtual environment, ``demo`` runs
from any folder with the same results as the checkout (profiles, queries, ontology, the
bundled corpus and the editor are package data), and it installs one import name only."""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from referatgraf.app.build import BuildOptions, build
from referatgraf.app.demo import sample_corpus
from referatgraf.app.extract import ExtractOptions, extract
from referatgraf.graph.store import Store
from tests.conftest import ROOT

PATH_PREDICATE = "https://w3id.org/referatgraf/ns#path"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with only the wheel installed (its dependencies from this venv)."""
    root = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q"]
        + ["-w", str(root / "dist"), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = (root / "dist").glob("referatgraf-*.whl")
    env_dir = root / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    site = Path(
        subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q"]
        + ["--target", str(site), str(wheel)],
        check=True,
        capture_output=True,
    )
    # the dependencies (not referatgraf: a path in a .pth file is no site folder, so the
    # checkout's editable-install hook there is not run)
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return python


def run(python: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(python), *args], cwd=cwd, capture_output=True, text=True, timeout=600
    )


def test_one_import_name_from_site_packages(installed: Path, tmp_path: Path):
    code = (
        "import importlib.util, referatgraf.extract, referatgraf.viz\n"
        "print(referatgraf.extract.__file__)\n"
        "print([n for n in ('extract', 'graph', 'viz', 'ontology') if importlib.util.find_spec(n)])\n"
        "from referatgraf.extract.profile import bundled_profiles; print(sorted(bundled_profiles()))\n"
        "from referatgraf.server import YASGUI_DIR; print((YASGUI_DIR / 'yasgui.min.js').is_file())"
    )
    done = run(installed, "-c", code, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    where, generic, profiles, yasgui = done.stdout.splitlines()
    assert "site-packages" in where and str(ROOT) not in where
    assert generic == "[]"
    assert profiles == "['greve', 'hoeje-taastrup']"
    assert yasgui == "True"


def test_demo_from_any_folder_equals_the_checkout(installed: Path, tmp_path: Path):
    done = run(installed, "-m", "referatgraf", "demo", "--out", "out", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    out = tmp_path / "out"
    assert (out / "report" / "index.html").is_file()
    assert (out / "analysis" / "summary.md").is_file()

    corpus = (sample_corpus(),)
    extract(ExtractOptions(corpus, tmp_path / "records"))
    build(BuildOptions(corpus, tmp_path / "store"))

    def records(folder: Path) -> dict[str, dict]:
        docs = {}
        for f in sorted(folder.glob("*.json")):
            d = json.loads(f.read_text(encoding="utf-8"))
            d["source"].pop("path")  # where the corpus lies differs: checkout or site-packages
            docs[f.name] = d
        return docs

    assert records(out / "records") == records(tmp_path / "records")

    def quads(store: Path) -> set[str]:
        with Store(store) as s:
            return {str(q) for q in s.oxigraph if q.predicate.value != PATH_PREDICATE}

    assert quads(out / "store") == quads(tmp_path / "store")
