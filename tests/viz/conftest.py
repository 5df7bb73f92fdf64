"""Fixtures for the viz tests: real stores (bundled corpus, hostile minutes) and Chromium.

The browser is Debian's headless Chromium driven by Playwright; tests that need it skip
with a reason when no Chromium binary is found. Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from referatgraf.extract.model import (
    AgendaItem,
    CentreRole,
    Decision,
    Meeting,
    Mention,
    Record,
    Source,
)
from referatgraf.graph.build import build_store
from referatgraf.graph.store import Store
from referatgraf.viz.data import SiteData, load_data
from tests.conftest import CORPUS, ROOT

ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or (
    "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
needs_browser = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no Chromium found (run `make browser` or apt-get install -y chromium chromium-driver)",
)

#: What the hostile minutes try: run script, add handlers, smuggle javascript: links.
PWN = "<script>window.__pwned=1</script>"
IMG = "<img src=x onerror=window.__pwned=2>"


@pytest.fixture(scope="session")
def corpus_records() -> list[Record]:
    """The bundled Høje-Taastrup minutes read with the real extractor."""
    from referatgraf.pipeline import Extraction

    extraction = Extraction()
    return [extraction.read(p) for p in sorted(CORPUS.glob("*.txt"))]


@pytest.fixture(scope="session")
def corpus_store(corpus_records: list[Record], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built from the bundled minutes."""
    path = tmp_path_factory.mktemp("viz") / "store"
    build_store(corpus_records, path)
    return path


@pytest.fixture(scope="session")
def searchable_store(
    corpus_records: list[Record], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """A store of the bundled minutes with its full-text index."""
    from tests.store_fixtures import index_into_store

    path = tmp_path_factory.mktemp("viz-search") / "store"
    build_store(corpus_records, path)
    index_into_store(path, corpus_records)
    return path


@pytest.fixture(scope="session")
def corpus_data(corpus_store: Path) -> SiteData:
    with Store(corpus_store) as store:
        return load_data(store)


def hostile_record() -> Record:
    """Minutes whose title, sentences, names, strategy and case number carry markup."""
    title = f"Budget {IMG}"
    body = (
        f"REFERAT Direktionen d. 02-03-2021\n\nPunkt 1: {title}\n\n"
        "javascript:alert(1)\n\nBaggrund\n\n"
        f'HRC og Eve {PWN} drøftede Planen " onmouseover="window.__pwned=3 i dag. '
        "ØDC og HRC udarbejder en plan. Link: javascript:window.__pwned=4 til sidst.\n\n"
        f"Beslutning Direktionen d. 02-03-2021\n\nGodkendt. {PWN}\n"
    )

    def at(text: str) -> tuple[int, int]:
        start = body.index(text)
        return start, start + len(text)

    person = f"Eve {PWN}"
    strategy = 'Planen " onmouseover="window.__pwned=3'
    hrc = at("HRC")
    # HRC and ØDC lead the work, so the centre map has a tie whose evidence carries markup
    sentence = at("HRC og Eve")[0], body.index(" i dag.") + len(" i dag.")
    roles = tuple(
        CentreRole(code, "lead", "test", (sentence,), *span, body[sentence[0] : sentence[1]])
        for code, span in (("HRC", hrc), ("ØDC", at("ØDC")))
    )
    mentions = (
        Mention("centres", "HRC", "HRC", *hrc, "test"),
        Mention("centres", "ØDC", "ØDC", *at("ØDC"), "test"),
        Mention("people", person, person, *at(person), "test"),
        Mention("strategies", strategy, strategy, *at(strategy), "test"),
    )
    d_start = body.index("Beslutning Direktionen")
    decision = Decision(
        body="Direktionen",
        date="2021-03-02",
        outcome="approved",
        text=f"Godkendt. {PWN}",
        start=d_start,
        end=len(body),
        text_start=body.index("Godkendt."),
    )
    item = AgendaItem(
        number=1,
        title=title,
        case_number="javascript:alert(1)",
        closed=False,
        start=body.index("Punkt 1"),
        end=len(body),
        decisions=(decision,),
        mentions=mentions,
        roles=roles,
    )
    sha = hashlib.sha256(body.encode()).hexdigest()
    return Record(
        document="evil<svg onload=alert(1)>.txt",
        source=Source(path="evil.txt", sha256=sha, format="text", text_sha256=sha),
        meeting=Meeting(body="Direktionen", date="2021-03-02", start_time=None, place=None),
        items=(item,),
        text=body,
    )


@pytest.fixture(scope="session")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("viz-hostile") / "store"
    build_store([hostile_record()], path)
    return path


@dataclass
class Visit:
    """What a page did while it loaded: console errors, failed requests, dialogs."""

    errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


class Browser:
    """One headless Chromium with a fresh profile; :meth:`open` loads a ``file://`` page."""

    def __init__(self, context) -> None:
        self.context = context

    def open(
        self, path: Path, *, wait_map: bool = False, timeout_ms: int = 90_000, fragment: str = ""
    ):
        page = self.context.new_page()
        visit = Visit()
        page.on(
            "console",
            lambda m: visit.errors.append(f"{m.type}: {m.text}") if m.type == "error" else None,
        )
        page.on("pageerror", lambda e: visit.errors.append(f"pageerror: {e}"))
        page.on("requestfailed", lambda r: visit.failed.append(r.url))
        page.on("request", lambda r: visit.requests.append(r.url))

        def on_dialog(d) -> None:
            visit.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", on_dialog)
        page.goto(path.resolve().as_uri() + (f"#{fragment}" if fragment else ""))
        if wait_map:
            # a function, not an expression: an expression is eval'ed, which the CSP forbids
            page.wait_for_function(
                "() => window.referatgrafMap && window.referatgrafMap.ready", timeout=timeout_ms
            )
        else:
            page.wait_for_load_state("load")
        return page, visit

    def hover_node(self, page, node_id: str) -> str:
        """Move the mouse onto a node and return the tooltip's text."""
        point = page.evaluate("(id) => referatgrafMap.pointerOf(id)", node_id)
        box = page.locator("#rg-network").bounding_box()
        page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
        page.wait_for_selector("#rg-tooltip:not([hidden])", timeout=5_000)
        return page.locator("#rg-tooltip").inner_text()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if CHROMIUM is None:
        pytest.skip("no Chromium found (run `make browser`)")
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="rg-chromium-")
    try:
        with sync_playwright() as p:
            context = p.chromium.launch_persistent_context(
                profile,
                executable_path=CHROMIUM,
                args=CHROMIUM_ARGS,
                headless=True,
                viewport={"width": 1400, "height": 950},
            )
            try:
                yield Browser(context)
            finally:
                context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
