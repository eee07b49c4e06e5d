"""The reports in a real browser: Debian's Chromium driven by playwright.

Opens index.html and every report built from the seeds plus a hostile document, checks for
console errors, broken images, missing tables, tofu instead of Bengali, and script injection;
saves screenshots to reports/screenshots/.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dprkwatch.core import paths
from dprkwatch.reports.runner import run_reports

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HOSTILE = """<script>alert("title")</script> North Korea sends more troops <img src=x onerror=alert(2)>

South Korea's NIS said on Monday that North Korea has sent 3,000 more troops to Russia <script>alert(1)</script> and <img src=x onerror=alert(1)> in a second wave.
"""

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"
    ),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("corpus")
    for doc in paths.SEEDS_DIR.iterdir():
        if doc.is_file():
            shutil.copy(doc, corpus / doc.name)
    (corpus / "900_hostile.txt").write_text(HOSTILE, encoding="utf-8")
    out = tmp_path_factory.mktemp("site")
    summary = run_reports(out=out, corpus=corpus, jobs=2, progress=None)
    assert summary.exit_code == 0, [r.get("error") for r in summary.results]
    return out


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def pages(site: Path) -> list[Path]:
    return [site / "index.html", *sorted(p for p in site.glob("*.html") if p.name != "index.html")]


def test_every_page_loads_cleanly(site, browser):
    shots = paths.REPORTS_DIR / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems: list[str] = []
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on(
        "console",
        lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None,
    )
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
    for path in pages(site):
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)  # DataTables draws after its module script runs
        images = page.eval_on_selector_all(
            "img", "els => els.map(e => [e.complete && e.naturalWidth > 0, e.src.slice(0, 30)])"
        )
        assert all(ok for ok, _ in images), f"{path.name}: broken image {images}"
        assert page.locator("table").count() >= 1, f"{path.name}: no table"
        if path.name != "index.html":
            assert len(images) >= 1, f"{path.name}: no chart"
        page.screenshot(path=str(shots / f"{path.stem}.png"), full_page=True)
    assert problems == []
    assert dialogs == []  # no injected script ever ran


def test_index_reads_as_a_summary_for_readers(site, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto((site / "index.html").as_uri())
    text = page.inner_text("body")
    assert "Corpus: 6 documents in" in text and "What changed:" in text
    assert "Headline figures" in text and "Troops deployed" in text
    for word in (str(site), str(paths.ROOT), "period_days", "state folder", "['", "store="):
        assert word not in text
    for name in ("ledger.csv", "ledger.parquet"):
        link = page.locator(f"a[href='{name}']")
        assert link.count() == 1 and (site / name).stat().st_size > 0
    page.click("text=Troop deployments")
    assert page.url.endswith("30_troop_deployments.html")


@pytest.mark.parametrize("name", ["index", "90_claims_ledger", "30_troop_deployments"])
def test_pages_print_on_a4_without_tables_cut_off(site, browser, name):
    # A4 landscape at 96 dpi, less the 12 mm margins of the print stylesheet.
    page = browser.new_page(viewport={"width": 1032, "height": 700})
    page.emulate_media(media="print")
    page.goto((site / f"{name}.html").as_uri())
    page.wait_for_timeout(300)
    overflowing = page.evaluate(
        """() => [...document.querySelectorAll('table')]
            .filter(t => t.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .map(t => (t.querySelector('caption') || t).innerText.slice(0, 60))"""
    )
    assert overflowing == []
    repeated = page.evaluate(
        "[...document.querySelectorAll('thead')].every(h => getComputedStyle(h).display === "
        "'table-header-group')"
    )
    assert repeated
    assert len(page.pdf(format="A4")) > 1000  # Chromium lays the pages out


def test_searchable_ledger_and_hostile_text_shown_as_text(site, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto((site / "90_claims_ledger.html").as_uri())
    page.wait_for_selector("div.dt-container input")  # DataTables search box is live
    page.fill("div.dt-container input[type=search]", "3,000 more troops")
    page.wait_for_timeout(200)
    text = page.inner_text("body")
    assert "<script>alert(1)</script>" in text
    assert "<img src=x onerror=alert(1)>" in text
    # Nothing from the documents became an element.
    assert page.evaluate("document.querySelectorAll('img[src=\"x\"]').length") == 0
    # The table data sits in a script as JSON: escaped, so it cannot close the script tag.
    raw = page.evaluate(
        "[...document.scripts].filter(s => /<script>alert|<img src=x/.test(s.text)).length"
    )
    assert raw == 0
    overview = browser.new_page()
    overview.goto((site / "00_corpus_overview.html").as_uri())
    assert '<script>alert("title")</script>' in overview.inner_text("body")


def test_bengali_renders_with_a_covering_font(site, browser):
    from dprkwatch.reports import fonts

    if fonts.find_font_file(fonts.SCRIPTS[0].files) is None:
        pytest.skip("no Noto Sans Bengali to embed (Debian: fonts-noto-core)")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto((site / "00_corpus_overview-bn.html").as_uri())
    sample = "উত্তর কোরিয়া"
    assert sample in page.inner_text("body")
    loaded = page.evaluate(
        """async (s) => {
            await document.fonts.load('16px "Noto Sans Bengali"', s);
            await document.fonts.ready;
            return [...document.fonts].filter(f => f.family.includes('Noto Sans Bengali'))
                .map(f => f.status);
        }""",
        sample,
    )
    assert loaded and all(s == "loaded" for s in loaded), loaded
    # A tofu box has one fixed width per missing glyph; real glyphs differ in width.
    widths = page.evaluate(
        """(s) => {
            const c = document.createElement('canvas').getContext('2d');
            c.font = '16px "Noto Sans Bengali"';
            return [...s.replace(' ', '')].map(ch => c.measureText(ch).width);
        }""",
        sample,
    )
    assert len(set(round(w, 1) for w in widths)) > 2, widths
