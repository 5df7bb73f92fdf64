"""A build killed with SIGKILL at any point leaves store and search index in agreement.

Issue 20, item 5: the index used to be committed in batches of 200 documents before the
store's commit (so after a kill it could hold documents the store did not), and after the
store's commit but before its own. The kill points are chosen by the build's progress
(documents done, then its phases), never by time: the build runs in a child of the job
driver (``tests/safety/driver.py``), which sends SIGKILL when the child reports that point.

After each kill the store holds exactly what it held before the build or what the whole
build gives, and ``search`` answers from exactly the documents (and versions) the store
holds.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from referatgraf.app.search import SearchOptions, search
from referatgraf.graph.store import Store
from tests.safety.conftest import driver  # noqa: F401 (the fixture)
from tests.safety.corpus import write_meetings

BASE = range(0, 60)  # the store before the build
INPUTS = range(10, 260)  # the build: 10 pruned, 30 replaced, 20 unchanged, 200 added
REVISED = range(10, 40)
STEP = 12
KILLS = [
    *({"phase": "building", "after": k} for k in range(0, len(INPUTS) + 1, STEP)),
    {"phase": "building", "after": len(INPUTS)},
    {"phase": "compacting", "after": 0},
    {"phase": "indexing", "after": 0},
    {"phase": "committing", "after": 0},
    {"phase": "committed"},
]
#: Kill points of the quick suite (the others run with ``-m slow``): before the first
#: document, mid-way, just past the index's first batch of 200 reads (the 20 unchanged
#: inputs are skipped, not read; with two workers), after the last document, while
#: indexing, just after the commit point.
QUICK = ({"phase": "building", "after": 0}, {"phase": "building", "after": 96},
         {"phase": "building", "after": 228}, {"phase": "building", "after": len(INPUTS)},
         {"phase": "indexing", "after": 0}, {"phase": "committed"})  # fmt: skip


def _kill_id(kill: dict) -> str:
    return f"{kill['phase']}-{kill.get('after', '')}".replace(" ", "-").rstrip("-")


def state(store: Path) -> dict[str, str]:
    """Document name → sha256 of the input it was built from, as the store holds it."""
    with Store(store) as s:
        return {name: info.sha256 for name, info in s.documents().items()}


def found(store: Path, word: str) -> set[str]:
    """The documents whose item 1 ``search`` finds by ``word``."""
    result = search(SearchOptions(word, store_dir=store, limit=10_000))
    hits = [h for h in result.hits if h.item == 1]
    assert len(hits) == len({h.doc_id for h in hits})
    return {h.doc_id for h in hits}


def assert_index_agrees(store: Path, revised_sha: dict[str, str]) -> None:
    held = state(store)
    assert found(store, "budget") == set(held)
    assert found(store, "revideret") == {n for n, sha in held.items() if revised_sha.get(n) == sha}


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def scenario(driver, tmp_path_factory):  # noqa: F811
    root = tmp_path_factory.mktemp("kill")
    write_meetings(root / "base-in", BASE)
    base = root / "base"
    assert not driver.run("build", {"inputs": [root / "base-in"], "store_dir": base})["exit"]
    inputs = root / "in"
    write_meetings(inputs, INPUTS, revised=REVISED)
    revised_sha = {f"meeting-{n:04d}.txt": sha(inputs / f"meeting-{n:04d}.txt") for n in REVISED}
    complete = root / "complete"
    shutil.copytree(base, complete)
    options = {"inputs": [inputs], "store_dir": complete, "prune": True}
    assert not driver.run("build", options)["exit"]
    assert len(state(complete)) == len(INPUTS)
    return base, inputs, complete, revised_sha


@pytest.mark.parametrize(
    "kill",
    [pytest.param(k, marks=() if k in QUICK else pytest.mark.slow, id=_kill_id(k)) for k in KILLS],
)
def test_a_build_killed_at_any_point_leaves_store_and_index_in_agreement(
    driver,  # noqa: F811
    scenario,
    tmp_path,
    kill,
):
    base, inputs, complete, revised_sha = scenario
    store = tmp_path / "store"
    shutil.copytree(base, store)
    before = state(store)
    jobs = 2 if kill.get("after", 0) in (STEP * 5, STEP * 19) else 1
    options = {"inputs": [inputs], "store_dir": store, "prune": True, "jobs": jobs}
    answer = driver.run("build", options, kill)
    assert answer["killed"] or answer["exit"] == 0, answer
    # before its commit point the run changed nothing; after it, everything
    assert state(store) in (before, state(complete)), answer
    assert_index_agrees(store, revised_sha)
    # and the next build completes from there, the index still in step
    assert driver.run("build", {**options, "jobs": 1})["exit"] == 0
    assert state(store) == state(complete)
    assert_index_agrees(store, revised_sha)


def test_the_kill_points_cover_the_build():
    """More than 200 documents, at least 20 kill points spread over the whole build."""
    assert len(INPUTS) > 200 and len(KILLS) >= 20 and all(k in KILLS for k in QUICK)
    afters = sorted(k["after"] for k in KILLS if k["phase"] == "building")
    assert afters[0] == 0 and afters[-1] == len(INPUTS)
    assert max(b - a for a, b in zip(afters, afters[1:], strict=False)) <= STEP
