"""Every script in a real browser: Japanese, Chinese, Hindi, Arabic, Bengali, Korean, Russian.

Reports are rendered from a store whose claims quote our own sentences in each script; Debian's
Chromium (playwright) opens them. The checks: each embedded font is loaded, Arabic lays out
right to left inside its table cell, the chart with every language's own name is there.
Screenshots go to reports/screenshots/ (look at them: right glyphs, no tofu boxes, Arabic
joined and right to left).
"""

from __future__ import annotations

from pathlib import Path

import papermill
import pytest

from dprkwatch.core import paths
from dprkwatch.reports.render import render_html
from synthetic_store import QUOTES, claims_frame, write_store

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu"]
FAMILIES = ("Noto Sans Bengali", "Noto Sans Devanagari", "Noto Sans Arabic", "Noto Sans JP")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"
    ),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The overview and the ledger report rendered from a store in every script."""
    folder = tmp_path_factory.mktemp("scripts")
    store = write_store(folder / "store", claims_frame(len(QUOTES) * 12, list(QUOTES)))
    for name in ("00_corpus_overview", "90_claims_ledger"):
        target = folder / f"{name}.ipynb"
        nb = papermill.execute_notebook(
            str(paths.NOTEBOOKS_DIR / f"{name}.ipynb"), str(target), kernel_name="python3",
            parameters={"store": str(store)}, cwd=str(paths.NOTEBOOKS_DIR), progress_bar=False,
        )  # fmt: skip
        (folder / f"{name}.html").write_text(render_html(nb, title=name), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def _open(browser, path: Path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    page.evaluate("document.fonts.ready.then(() => true)")
    page.wait_for_timeout(300)
    return page


def test_every_script_is_shown_with_its_font_and_arabic_right_to_left(site, browser):
    page = _open(browser, site / "90_claims_ledger.html")
    ledger = page.locator("div.dt-container", has_text="quote (original)")
    search = ledger.locator("input[type=search]")
    for lang, quote in QUOTES.items():
        words = quote.split("{n}")[0].strip()[:6]
        search.fill(words)
        page.wait_for_timeout(100)
        assert words in ledger.locator("table").inner_text(), lang
    search.fill("")
    loaded = page.evaluate(
        "[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family.replace(/\"/g, ''))"
    )
    for family in FAMILIES:
        assert family in loaded, f"{family} not loaded: {loaded}"
    # The first letter of an Arabic quote sits right of its last one: laid out right to left.
    order = page.evaluate(
        """() => {
          const cell = [...document.querySelectorAll('td')].find(td => td.innerText.startsWith('قال'));
          const node = cell.firstChild, range = document.createRange();
          const x = i => { range.setStart(node, i); range.setEnd(node, i + 1);
                           return range.getBoundingClientRect().left; };
          return [x(0), x(node.length - 2), getComputedStyle(cell).unicodeBidi];
        }"""
    )
    assert order[0] > order[1], order
    shots = paths.REPORTS_DIR / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    search.fill("قال")
    page.wait_for_timeout(200)
    ledger.screenshot(path=str(shots / "scripts-ledger-arabic.png"))
    search.fill("")
    page.screenshot(path=str(shots / "scripts-ledger.png"), full_page=True)


def test_chart_names_every_language_in_its_own_script(site, browser):
    page = _open(browser, site / "00_corpus_overview.html")
    images = page.eval_on_selector_all("img", "els => els.map(e => e.naturalWidth)")
    assert images and all(w > 0 for w in images)
    chart = page.locator("img").first
    shots = paths.REPORTS_DIR / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    chart.screenshot(path=str(shots / "scripts-chart.png"))
    assert "Arabic" in page.inner_text("body") and "Hindi" in page.inner_text("body")
