"""Rendering for readers: no code, images inline, the same bytes every time, words a reader
reads (no paths, list syntax or internal names), untrusted text escaped, pages that print."""

from __future__ import annotations

import base64
import io
import re

import matplotlib
import nbformat
import pytest
from matplotlib.figure import Figure

from dprkwatch.core import paths
from dprkwatch.notebook.headlines import HEADLINE_MIME
from dprkwatch.reports import cache, describe, fonts, render
from dprkwatch.reports.index import headline_rows, render_index

matplotlib.use("Agg")

XSS = "<script>alert(1)</script><img src=x onerror=alert(1)>"


def png_output() -> nbformat.NotebookNode:
    fig = Figure(figsize=(2, 1))
    fig.add_subplot().plot([1, 2], [2, 1])
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return nbformat.v4.new_output(
        "display_data", data={"image/png": base64.b64encode(buf.getvalue()).decode()}
    )


def executed_notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell('store: str = "../reports/.store"  # the store')
    params.metadata["tags"] = ["parameters"]
    injected = nbformat.v4.new_code_cell('# Parameters\nstore = "/secret/path"\n')
    injected.metadata["tags"] = ["injected-parameters"]
    table = nbformat.v4.new_code_cell("show(table)  # SECRET_CODE")
    table.outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={"text/html": "<table class='dw-table'><tr><td>প্রায় ১৫,০০০ সৈন্য</td></tr></table>"},
        ),
        nbformat.v4.new_output("stream", name="stderr", text="FutureWarning: noise\n"),
    ]
    chart = nbformat.v4.new_code_cell("estimate_plot(est)")
    chart.outputs = [png_output()]
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Troops\n\nProse for readers."),
        params,
        injected,
        table,
        chart,
    ]
    return nb


HEADER = {
    "title": "Troops",
    "data": "5 documents in Bengali, English and Portuguese",
    "settings": [("Languages", "Bengali")],
}


def test_reader_html_has_no_code_and_inline_images():
    page = render.render_html(executed_notebook(), title="Troops")
    assert "SECRET_CODE" not in page and "estimate_plot" not in page
    assert "/secret/path" not in page  # injected parameters hidden
    assert "FutureWarning" not in page  # stderr dropped for readers
    assert "In&nbsp;[" not in page  # no prompts
    assert "data:image/png;base64," in page
    assert "Prose for readers." in page
    assert "<script src=" not in page and "cdnjs" not in page  # nothing from the network


def test_keep_code_shows_code_for_reviewers():
    page = render.render_html(executed_notebook(), keep_code=True)
    assert "SECRET_CODE" in page and "/secret/path" in page


def test_rendering_twice_gives_the_same_bytes(tmp_path, monkeypatch):
    nb = executed_notebook()

    def page() -> str:
        header = render.meta_header(**HEADER, ran_at="2025-01-10 12:00 UTC")
        return render.render_html(nb, title="Troops", header_html=header)

    first, second = page(), page()
    assert first == second
    # Fonts subset anew (no memo, an empty font cache) embed the same bytes.
    monkeypatch.setenv("DPRKWATCH_FONT_CACHE", str(tmp_path))
    fonts._subset.cache_clear()
    assert page() == first
    fonts._subset.cache_clear()


def test_header_says_what_a_reader_needs_and_nothing_else():
    header = render.meta_header(**HEADER, ran_at="2025-01-10 12:00 UTC")
    assert "from 5 documents in Bengali, English and Portuguese" in header
    assert "Languages: <strong>Bengali</strong>" in header
    bad = render.meta_header(
        title=XSS, ran_at="now", data=XSS, settings=[(XSS, XSS)], extra="<b>kept</b>"
    )
    assert "<script>" not in bad and "<img src=x" not in bad and "<b>kept</b>" in bad


@pytest.mark.parametrize(
    ("params", "shown"),
    [
        ({"languages": ["bn"]}, [("Languages", "Bengali")]),
        ({"languages": ["bn", "pt", "en"]}, [("Languages", "Bengali, Portuguese and English")]),
        ({"policy": "latest"}, [("Headline figure", "the latest figure")]),
        ({"published_from": "2025-01-10"}, [("Published from", "10 January 2025")]),
        ({"period_days": 90}, [("Figures grouped when published within", "90 days")]),
        ({"window_days": 1}, [("Sources compared within", "1 day")]),
        ({"max_claims": 2000}, [("Max claims", "2000")]),
        ({"store": "/srv/x/.store", "corpus": "/data", "state_dir": "/s", "languages": []}, []),
    ],
)
def test_parameters_as_a_reader_reads_them(params, shown):
    assert describe.parameters(params) == shown


def test_corpus_in_words():
    facts = {"documents": 5, "languages": ["bn", "en"], "undated": 5}
    assert describe.corpus_line(facts) == (
        "5 documents in Bengali and English, none with a known publication date"
    )
    facts = {"documents": 1, "languages": ["en"], "published_from": "2025-01-10",
             "published_to": "2025-02-01", "undated": 0}  # fmt: skip
    assert describe.corpus_line(facts) == (
        "1 document in English, published 10 January 2025 – 1 February 2025"
    )


class Spec:
    def __init__(self, name: str, title: str, description: str = "") -> None:
        self.name, self.title, self.description = name, title, description


def manifest() -> tuple[list[Spec], dict]:
    specs = [
        Spec("30_troops", "Troop deployments"),
        Spec("20_labor", "Labour"),
        Spec("x", XSS, XSS),
    ]
    troops = {"label": "Troops deployed", "value": 15000, "unit": "", "indicator":
              "troops_deployed", "stage": "done", "note": "according to South Korea NIS"}  # fmt: skip
    planned = {"label": "Workers deployed (planned)", "value": 12000, "unit": "",
               "indicator": "workers_deployed", "stage": "planned", "note": ""}  # fmt: skip
    vague = {"label": "Factories visited", "value": None, "unit": "factories",
             "indicator": "factories_visited", "stage": "", "note": "no named source"}  # fmt: skip
    entries = {
        "30_troops": {
            "status": "ok",
            "html": "30_troops.html",
            "headlines": [troops],
            "settings": [["Languages", "Bengali"]],
        },
        "20_labor": {
            "status": "ok",
            "html": "20_labor.html",
            "headlines": [planned, troops, vague],
        },
        "x": {
            "status": "failed",
            "error": XSS,
            "settings": [[XSS, XSS]],
            "error_html": "x.error.html#papermill-error-cell",
            "good_headlines": [{"label": XSS, "value": 1}],
            "html": "x.html",
            "last_good_ran_at": "then",
        },
    }
    facts = {
        "documents": 5, "languages": ["bn", "en", "pt"], "published_from": "2024-12-01",
        "published_to": "2025-01-10", "undated": 1, "claims": 16,
        "changes": {"run": 3, "first": False, "when": "2025-01-10", "new": 3, "revised": 1,
                    "gone": 0, "new_conflicts": 1},
        "warnings": ["the corpus shrank from 100 to 5 documents: is its folder mounted?"],
    }  # fmt: skip
    return specs, {"reports": entries, "corpus": facts, "skipped": ["a.txt: unreadable"]}


def test_index_summary_headlines_and_reports():
    specs, data = manifest()
    page = render_index(specs, data["reports"], data)
    text = re.sub(r"<[^>]+>", "", page)
    assert (
        "Corpus: 5 documents in Bengali, English and Portuguese, published 1 December 2024 – "
        in text
    )
    assert (
        "Update of 10 January 2025: 3 new claims, 1 revised figure, 0 claims removed and 1 new conflict."
        in text
    )
    assert "1 document could not be read at the last update." in text
    assert "Warning: the corpus shrank from 100 to 5 documents" in text
    assert "role='alert'" in page
    assert "href='ledger.csv'" in page and "href='ledger.parquet'" in page
    assert "Languages: Bengali" in text
    # One headline per indicator, planned figures apart.
    done, planned = headline_rows(specs, data["reports"])
    assert [h["indicator"] for h in done] == ["troops_deployed", "factories_visited"]
    assert "Factories visited: no single figure stated" in text
    assert [h["indicator"] for h in planned] == ["workers_deployed"]
    assert "Planned or announced, not yet done" in text
    for word in ("period_days", "state folder", "state_dir", "['", "/srv/", str(paths.ROOT)):
        assert word not in text


def test_index_escapes_everything_from_the_manifest():
    specs, data = manifest()
    page = render_index(specs, data["reports"], data)
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_index_is_the_same_for_the_same_manifest():
    specs, data = manifest()
    assert render_index(specs, data["reports"], data) == render_index(specs, data["reports"], data)


def test_print_stylesheet_keeps_long_tables_readable():
    css = render.report_css()
    printing = css[css.index("@media print") :]
    assert "table-header-group" in printing  # column headers repeat on every page
    assert "break-inside: avoid" in printing  # a row is never cut in two
    assert "max-width: none" in printing  # cells use the page's width
    assert ".dt-paging" in printing  # interactive controls are not printed


def test_headlines_are_read_back_from_an_executed_notebook():
    from dprkwatch.notebook.headlines import headlines_from_notebook

    rec = {"label": "Troops", "value": 15000, "unit": "", "note": "2 languages"}
    nb = {"cells": [{"outputs": [{"data": {HEADLINE_MIME: [rec]}}]}]}
    assert headlines_from_notebook(nb) == [rec]


def test_bengali_font_is_embedded_when_available():
    path = fonts.find_font_file(fonts.SCRIPTS[0].files)
    if path is None:
        pytest.skip("no Noto Sans Bengali on this machine (Debian: fonts-noto-core)")
    css = fonts.font_face_css("<td>উত্তর কোরিয়া</td>")
    assert 'font-family: "Noto Sans Bengali"' in css and "data:font/woff;base64," in css
    assert "U+0980-09FF" in css
    # JSON-escaped text (interactive table data) counts too; Latin-only pages get no font.
    assert fonts.font_face_css('{"q": "\\u0995"}')
    assert fonts.font_face_css("<p>Latin only</p>") == ""


def test_a_planted_font_cache_never_reaches_a_page(tmp_path, monkeypatch):
    path = fonts.find_font_file(fonts.SCRIPTS[0].files)
    if path is None:
        pytest.skip("no Noto Sans Bengali on this machine (Debian: fonts-noto-core)")
    monkeypatch.setenv("DPRKWATCH_FONT_CACHE", str(tmp_path))
    fonts._subset.cache_clear()
    good = fonts.font_face_css("<td>উ</td>")
    entries = list(tmp_path.glob("*.json"))
    assert len(entries) == 1 and cache.read_entry(entries[0])
    entries[0].write_text('{"woff_base64": "x); } </style><script>alert(1)</script>"}')
    fonts._subset.cache_clear()
    assert fonts.font_face_css("<td>উ</td>") == good  # ignored and made again
    fonts._subset.cache_clear()
