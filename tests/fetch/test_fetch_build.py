"""`fetch` then `build` gives the same store as `build` on the same files copied by hand, and a
later fetch of changed minutes updates the store as usual."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from referatgraf.firstagenda.manifest import MANIFEST_NAME
from referatgraf.graph.store import Store
from tests.fetch.conftest import fetch
from tests.fetch.replay import ReplayPortal, agenda_version, greve_recording, greve_sources

BIN = Path(sys.executable).parent
OEK = "e1487f18-ee37-4fea-91c3-9347d6626891"


def build(project: Path) -> subprocess.CompletedProcess:
    """``referatgraf build minutes`` run inside ``project`` (so source paths compare)."""
    return subprocess.run(
        [BIN / "referatgraf", "build", "minutes", "--store", "store"],
        cwd=project,
        capture_output=True,
        text=True,
    )


def quads(store: Path) -> set[str]:
    with Store(store) as s:
        return {str(q) for q in s.oxigraph}


def test_fetch_then_build_equals_build_of_the_files_copied_by_hand(tmp_path):
    recording = greve_recording()
    minutes = recording.meetings[OEK]
    recording.set_meeting(OEK, agenda_version(minutes))  # the portal has only the agenda
    portal = ReplayPortal(recording).start()
    fetched = tmp_path / "fetched"
    try:
        assert fetch(portal.url, "--out", fetched / "minutes").exit_code == 0
        first = build(fetched)
        assert first.returncode == 0, first.stderr  # the manifest is not taken for minutes
        assert "7 added" in first.stderr
        recording.set_meeting(OEK, minutes)  # then publishes the minutes
        again = fetch(portal.url, "--out", fetched / "minutes")
        assert again.exit_code == 0 and "1 updated" in again.output
    finally:
        portal.stop()
    second = build(fetched)
    assert second.returncode == 0, second.stderr
    assert "0 added, 1 replaced, 6 unchanged" in second.stderr

    # by hand: each meeting's JSON as the portal serves it, saved under the same name
    by_hand = tmp_path / "by-hand"
    (by_hand / "minutes").mkdir(parents=True)
    sources = greve_sources()
    for line in (fetched / "minutes" / MANIFEST_NAME).read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        shutil.copy(sources[entry["id"]], by_hand / "minutes" / entry["file"])
    hand = build(by_hand)
    assert hand.returncode == 0, hand.stderr

    expected = quads(by_hand / "store")
    assert len(expected) > 5_000  # seven meetings in the compact graph
    assert quads(fetched / "store") == expected
    with Store(fetched / "store") as a, Store(by_hand / "store") as b:
        assert a.documents() == b.documents()
