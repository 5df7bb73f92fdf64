"""`referatgraf fetch` against the replay portal: full, incremental, failing, and polite."""

from __future__ import annotations

import fcntl
import hashlib
import json
from pathlib import Path

from referatgraf import __version__
from referatgraf.firstagenda.folder import LOCK_NAME
from referatgraf.firstagenda.manifest import MANIFEST_NAME
from tests.fetch.conftest import fetch
from tests.fetch.replay import ReplayPortal, agenda_version, greve_recording, greve_sources

SOURCES = greve_sources()
# In the order the fetch takes them (date, committee, id): the fourth is Økonomiudvalget.
OEK = "e1487f18-ee37-4fea-91c3-9347d6626891"
BYRAAD = "9bc22f7f-1f4f-4d2b-8f57-ecbd62e2bd43"
KLIMA = "518782e7-12ab-47a9-bfa5-059d95045838"
SOCIAL = "c0c4eb62-dafe-449b-b06d-75ba7ffe12c4"
PLAN = "0104ae1d-8fc7-45dc-867c-93befe5c276a"


def manifest(folder: Path) -> dict[str, dict]:
    lines = (folder / MANIFEST_NAME).read_text(encoding="utf-8").splitlines()
    entries = [json.loads(line) for line in lines]
    assert len({e["id"] for e in entries}) == len(entries), "one line per meeting"
    return {e["id"]: e for e in entries}


def meeting_files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.json"))}


def mtimes(folder: Path) -> dict[str, int]:
    """Modification times of the meeting files and the manifest (not the marker and lock)."""
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir() if not p.name.startswith(".")}


def test_full_fetch_writes_every_meeting_as_the_portal_serves_it(portal, tmp_path):
    out = tmp_path / "greve"
    result = fetch(portal.url, "--out", out)
    assert result.exit_code == 0, result.output
    entries = manifest(out)
    assert set(entries) == set(SOURCES)
    files = meeting_files(out)
    assert set(files) == {e["file"] for e in entries.values()}
    for mid, e in entries.items():
        body = files[e["file"]]
        assert body == SOURCES[mid].read_bytes()  # byte for byte
        assert e["sha256"] == hashlib.sha256(body).hexdigest() and e["bytes"] == len(body)
        assert e["url"] == f"{portal.url}/api/agenda/dagsorden/{mid}"
        assert e["file"].endswith(f"_{e['date']}_{mid[:8]}.json")
        assert e["fetched_at"].endswith("Z") and e["committee"]
    assert entries[OEK]["file"] == "oekonomiudvalget_2023-03-06_e1487f18.json"
    assert entries[OEK]["committee"] == "Økonomiudvalget"
    # every request names referatgraf and its version; one list, one request per meeting
    assert {h.user_agent.split()[0] for h in portal.state.hits} == {f"referatgraf/{__version__}"}
    assert sorted(portal.state.meeting_hits()) == sorted(SOURCES)
    assert portal.state.list_hits() == 1
    assert "7 meetings selected: 7 to download, 0 up to date" in result.output
    assert "7 new, 0 updated, 0 unchanged, 0 up to date, 0 failed" in result.output


def test_progress_lines_without_a_terminal(portal, tmp_path, capsys):
    from referatgraf.app.fetch import FetchOptions
    from referatgraf.app.fetch import fetch as run
    from referatgraf.console import TerminalReporter
    from referatgraf.firstagenda.client import Politeness

    options = FetchOptions(portal.url, tmp_path / "g", politeness=Politeness(delay=0.05))
    result = run(options, TerminalReporter(every=0))
    assert result.count("new") == 7
    lines = capsys.readouterr().err.splitlines()
    progress = [line.split(" (")[0] for line in lines if line.startswith("fetching: ")]
    assert progress == [f"fetching: {n}/7" for n in range(1, 8)]


def test_second_run_fetches_nothing(portal, tmp_path):
    out = tmp_path / "greve"
    assert fetch(portal.url, "--out", out).exit_code == 0
    before, manifest_before = mtimes(out), (out / MANIFEST_NAME).read_bytes()
    hits = len(portal.state.meeting_hits())
    again = fetch(portal.url, "--out", out)
    assert again.exit_code == 0, again.output
    assert len(portal.state.meeting_hits()) == hits  # not one meeting requested
    assert portal.state.list_hits() == 2
    assert mtimes(out) == before and (out / MANIFEST_NAME).read_bytes() == manifest_before
    assert "7 meetings selected: 0 to download, 7 up to date" in again.output


def test_minutes_replacing_an_agenda_are_fetched_again(tmp_path):
    recording = greve_recording()
    minutes = recording.meetings[OEK]
    recording.set_meeting(OEK, agenda_version(minutes))
    portal = ReplayPortal(recording).start()
    try:
        out = tmp_path / "greve"
        assert fetch(portal.url, "--out", out).exit_code == 0
        name = manifest(out)[OEK]["file"]
        assert b"<h3>Beslutning" in minutes and b"<h3>Beslutning" not in (out / name).read_bytes()
        before = mtimes(out)
        recording.set_meeting(OEK, minutes)  # the portal publishes the minutes
        first_run = len(portal.state.meeting_hits())
        again = fetch(portal.url, "--out", out)
        assert again.exit_code == 0, again.output
        assert portal.state.meeting_hits()[first_run:] == [OEK]
        assert (out / name).read_bytes() == minutes
        assert manifest(out)[OEK]["sha256"] == hashlib.sha256(minutes).hexdigest()
        after = mtimes(out)
        assert {n for n in after if after[n] != before.get(n)} == {name, MANIFEST_NAME}
        assert "1 updated, 0 unchanged, 6 up to date" in again.output
    finally:
        portal.stop()


def test_a_changed_listing_with_the_same_content_rewrites_nothing(portal, tmp_path):
    out = tmp_path / "greve"
    assert fetch(portal.url, "--out", out).exit_code == 0
    before = mtimes(out)
    portal.state.recording.entries[KLIMA]["Sted"] = "Rådhuset"
    again = fetch(portal.url, "--out", out)
    assert again.exit_code == 0 and "0 updated, 1 unchanged, 6 up to date" in again.output
    assert portal.state.meeting_hits().count(KLIMA) == 2
    assert {n: t for n, t in mtimes(out).items() if n != MANIFEST_NAME} == {
        n: t for n, t in before.items() if n != MANIFEST_NAME
    }
    # the new listing is recorded: a third run asks for nothing
    hits = len(portal.state.meeting_hits())
    assert fetch(portal.url, "--out", out).exit_code == 0
    assert len(portal.state.meeting_hits()) == hits


def test_recheck_finds_content_changed_behind_an_unchanged_listing(portal, tmp_path):
    out = tmp_path / "greve"
    assert fetch(portal.url, "--out", out).exit_code == 0
    edited = agenda_version(portal.state.recording.meetings[PLAN])
    portal.state.recording.meetings[PLAN] = edited  # the list entry stays as it was
    hits = len(portal.state.meeting_hits())
    assert "7 up to date" in fetch(portal.url, "--out", out).output
    assert len(portal.state.meeting_hits()) == hits
    rechecked = fetch(portal.url, "--out", out, "--recheck")
    assert rechecked.exit_code == 0, rechecked.output
    assert "0 new, 1 updated, 6 unchanged, 0 up to date" in rechecked.output
    assert (out / manifest(out)[PLAN]["file"]).read_bytes() == edited


def test_transient_errors_are_retried_until_everything_is_fetched(portal, tmp_path):
    faults = portal.state.faults
    faults["list"] = ["503"]
    faults[OEK] = ["429"]
    faults[BYRAAD] = ["500", "503"]
    faults[KLIMA] = ["drop"]
    faults[SOCIAL] = ["truncate"]
    faults[PLAN] = ["short-json"]
    out = tmp_path / "greve"
    result = fetch(portal.url, "--out", out)
    assert result.exit_code == 0, result.output
    assert "7 new" in result.output and "0 failed" in result.output
    hits = portal.state.meeting_hits()
    assert [hits.count(m) for m in (OEK, BYRAAD, KLIMA, SOCIAL, PLAN)] == [2, 3, 2, 2, 2]
    assert portal.state.list_hits() == 2
    assert all(not queue for queue in faults.values())
    for mid, e in manifest(out).items():
        assert (out / e["file"]).read_bytes() == SOURCES[mid].read_bytes()
    # the 429 said Retry-After: 1, and the back-off (0.05 s) did not cut that short
    starts = [h.started for h in portal.state.hits if h.path.endswith(OEK)]
    assert starts[1] - starts[0] >= 0.95


def test_permanent_errors_are_reported_per_meeting_while_the_rest_completes(portal, tmp_path):
    portal.state.always[OEK] = 404
    portal.state.always[BYRAAD] = 500
    out = tmp_path / "greve"
    result = fetch(portal.url, "--out", out, "--retries", "2")
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 2
    assert any(
        "Økonomiudvalget 2023-03-06 (e1487f18)" in e and "HTTP 404 from" in e for e in errors
    )
    assert any("Byråd 2022-2025" in e and "HTTP 500 (3 attempts)" in e for e in errors)
    assert "2 of 7 meetings failed" in result.output
    assert "5 new" in result.output
    assert portal.state.meeting_hits().count(OEK) == 1  # a 404 is not retried
    assert portal.state.meeting_hits().count(BYRAAD) == 3
    assert set(manifest(out)) == set(SOURCES) - {OEK, BYRAAD}
    assert len(meeting_files(out)) == 5
    # when the portal recovers, the next run fetches just the two
    portal.state.always.clear()
    hits = len(portal.state.meeting_hits())
    again = fetch(portal.url, "--out", out)
    assert again.exit_code == 0, again.output
    assert sorted(portal.state.meeting_hits()[hits:]) == sorted([OEK, BYRAAD])
    assert set(manifest(out)) == set(SOURCES)


def test_requests_are_paced_and_bounded(portal, tmp_path):
    result = fetch(portal.url, "--out", tmp_path / "g", "--delay", "0.15", "--concurrency", "2")
    assert result.exit_code == 0, result.output
    starts = sorted(h.started for h in portal.state.hits)
    # seen from the server, so a start may seem a little late: the span is the measure
    # (the exact spacing is tested with a clock in test_client.py)
    assert starts[-1] - starts[0] >= 0.9 * 0.15 * (len(starts) - 1), starts
    assert portal.state.max_in_flight <= 2


def test_one_request_at_a_time_with_concurrency_1(portal, tmp_path):
    assert fetch(portal.url, "--out", tmp_path / "g", "--concurrency", "1").exit_code == 0
    assert portal.state.max_in_flight == 1


def test_committee_and_date_filters(portal, tmp_path):
    one = fetch(portal.url, "--out", tmp_path / "a", "--committee", "oekonomiudvalget")
    assert one.exit_code == 0, one.output
    assert list(manifest(tmp_path / "a")) == [OEK]
    two = fetch(
        portal.url,
        "--out",
        tmp_path / "b",
        "--committee",
        "byråd 2022-2025",
        "--committee",
        "Klima-, Teknik- og Miljøudvalget",
    )
    assert set(manifest(tmp_path / "b")) == {BYRAAD, KLIMA}, two.output
    dated = fetch(portal.url, "--out", tmp_path / "c", "--from", "2023-03-06", "--to", "13-03-2023")
    assert dated.exit_code == 0, dated.output
    assert {e["date"] for e in manifest(tmp_path / "c").values()} == {"2023-03-06", "2023-03-13"}
    assert len(manifest(tmp_path / "c")) == 5


def test_unknown_committee_names_the_known_ones_and_the_closest(portal, tmp_path):
    result = fetch(portal.url, "--out", tmp_path / "g", "--committee", "Økonomi udvalg")
    assert result.exit_code == 2  # an unknown filter value is a usage error
    message = result.output.strip().splitlines()[-1]
    assert "unknown committee 'Økonomi udvalg' (did you mean 'Økonomiudvalget'?)" in message
    for name in ("Byråd 2022-2025", "Plan- og Tryghedsudvalget", "Økonomiudvalget 2018-2021"):
        assert name in message
    assert not (tmp_path / "g").exists()  # nothing written, no folder made
    assert portal.state.meeting_hits() == []


def test_bad_dates_are_usage_errors(portal, tmp_path):
    bad = fetch(portal.url, "--out", tmp_path / "g", "--from", "2023-02-30")
    assert bad.exit_code == 2
    assert "Invalid value for '--from'" in bad.output and "'2023-02-30' is not a date" in bad.output
    worse = fetch(portal.url, "--out", tmp_path / "g", "--to", "i morgen")
    assert worse.exit_code == 2 and "'i morgen' is not a date" in worse.output
    backwards = fetch(
        portal.url, "--out", tmp_path / "g", "--from", "2024-01-01", "--to", "2023-01-01"
    )
    assert (
        backwards.exit_code == 2
        and "--from: 2024-01-01 is after --to 2023-01-01" in backwards.output
    )
    assert portal.state.hits == []


def test_a_folder_not_made_by_referatgraf_is_refused_without_force(portal, tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    refused = fetch(portal.url, "--out", out)
    assert refused.exit_code == 1 and "not made by referatgraf" in refused.output
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]
    assert portal.state.meeting_hits() == []


def test_with_force_files_referatgraf_did_not_write_are_left_alone(portal, tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    theirs = out / "oekonomiudvalget_2023-03-06_e1487f18.json"
    theirs.write_text('{"my": "own download"}', encoding="utf-8")
    result = fetch(portal.url, "--out", out, "--force")
    assert result.exit_code == 1
    assert (
        f"error: Økonomiudvalget 2023-03-06 (e1487f18): {theirs}: exists and was not written"
        in (result.output)
    )
    assert theirs.read_text(encoding="utf-8") == '{"my": "own download"}'
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert set(manifest(out)) == set(SOURCES) - {OEK}
    # an identical file is adopted rather than refused
    theirs.write_bytes(SOURCES[OEK].read_bytes())
    again = fetch(portal.url, "--out", out)
    assert again.exit_code == 0 and "1 unchanged" in again.output
    assert set(manifest(out)) == set(SOURCES)


def test_a_fetched_file_changed_by_hand_is_not_overwritten(tmp_path):
    recording = greve_recording()
    minutes = recording.meetings[OEK]
    recording.set_meeting(OEK, agenda_version(minutes))
    portal = ReplayPortal(recording).start()
    try:
        out = tmp_path / "greve"
        assert fetch(portal.url, "--out", out).exit_code == 0
        path = out / manifest(out)[OEK]["file"]
        edited = path.read_bytes() + b"\n"
        path.write_bytes(edited)  # the analyst edits it
        recording.set_meeting(OEK, minutes)
        result = fetch(portal.url, "--out", out)
        assert result.exit_code == 1 and "was changed since); left as it is" in result.output
        assert path.read_bytes() == edited
    finally:
        portal.stop()


def test_a_run_killed_while_appending_to_the_manifest_loses_only_that_line(portal, tmp_path):
    out = tmp_path / "greve"
    assert fetch(portal.url, "--out", out).exit_code == 0
    text = (out / MANIFEST_NAME).read_text(encoding="utf-8")
    last_id = json.loads(text.splitlines()[-1])["id"]
    (out / MANIFEST_NAME).write_text(text[: len(text) - 40], encoding="utf-8")
    hits = len(portal.state.meeting_hits())
    again = fetch(portal.url, "--out", out)
    assert again.exit_code == 0, again.output
    assert portal.state.meeting_hits()[hits:] == [last_id]
    assert "1 unchanged" in again.output  # its file was complete: it is kept as it is
    assert set(manifest(out)) == set(SOURCES)


def test_an_unreadable_manifest_line_is_an_error_naming_the_line(portal, tmp_path):
    out = tmp_path / "greve"
    assert fetch(portal.url, "--out", out).exit_code == 0
    lines = (out / MANIFEST_NAME).read_text(encoding="utf-8").splitlines()
    lines[2] = '{"id": "x"}'
    (out / MANIFEST_NAME).write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = fetch(portal.url, "--out", out)
    assert result.exit_code == 1
    assert f"{out / MANIFEST_NAME}:3: not a manifest entry" in result.output


def test_one_fetch_at_a_time_per_folder(portal, tmp_path):
    out = tmp_path / "greve"
    assert fetch(portal.url, "--out", out, "--committee", "Økonomiudvalget").exit_code == 0
    with open(out / LOCK_NAME, "a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        result = fetch(portal.url, "--out", out)
    assert result.exit_code == 1 and "another fetch is writing into this folder" in result.output


def test_a_folder_of_another_portal_is_refused(portal, tmp_path):
    out = tmp_path / "greve"
    assert fetch(portal.url, "--out", out, "--committee", "Økonomiudvalget").exit_code == 0
    other = ReplayPortal(greve_recording()).start()
    try:
        result = fetch(other.url, "--out", out)
    finally:
        other.stop()
    assert result.exit_code == 1
    assert f"holds minutes fetched from {portal.url}; fetch {other.url} into another folder" in (
        result.output
    )


def test_a_renamed_committee_moves_the_file_and_removes_only_the_old_one(portal, tmp_path):
    out = tmp_path / "greve"
    assert fetch(portal.url, "--out", out).exit_code == 0
    old = out / manifest(out)[OEK]["file"]
    cid, _ = portal.state.recording.committees[OEK]
    portal.state.recording.committees[OEK] = (cid, "Økonomi- og Erhvervsudvalget")
    again = fetch(portal.url, "--out", out)
    assert again.exit_code == 0, again.output
    entry = manifest(out)[OEK]
    assert entry["file"] == "oekonomi-og-erhvervsudvalget_2023-03-06_e1487f18.json"
    assert entry["committee"] == "Økonomi- og Erhvervsudvalget"
    assert (out / entry["file"]).read_bytes() == SOURCES[OEK].read_bytes()
    assert not old.exists()
    assert len(meeting_files(out)) == 7
