"""Rendering for readers: no code, images inline, untrusted text escaped; views and plotting."""

from __future__ import annotations

import base64
import io

import matplotlib
import nbformat
import pandas as pd
import pytest

from dprkwatch.notebook import charts as plotting
from dprkwatch.notebook import views
from dprkwatch.notebook.headlines import format_headline, headlines_from_notebook
from dprkwatch.reports import fonts, render
from dprkwatch.reports.index import render_index

matplotlib.use("Agg")

XSS = "<script>alert(1)</script><img src=x onerror=alert(1)>"


def fake_claims() -> pd.DataFrame:
    """A hand-made ledger for rendering tests only (the notebook tests use the real extractor)."""
    rows = [
        ("d1", "bn", "troops", "troops_deployed", 15000, 13500, 16500, "persons", "approx",
         "South Korea NIS", "প্রায় ১৫,০০০ সৈন্য", "≈15,000 troops deployed", "2024-12-01", "done"),
        ("d2", "pt", "troops", "troops_deployed", 15000, 13500, 16500, "persons", "approx",
         "South Korea NIS; US intelligence", "cerca de 15.000 soldados", "≈15,000 troops deployed",
         "2025-01-10", "done"),
        ("d3", "en", "troops", "troops_deployed", None, 2000, 9999, "persons", "vague", "",
         "thousands of troops " + XSS, "2,000–9,999 troops " + XSS, None, "done"),
        ("d3", "en", "casualties", "killed", 600, 540, 660, "persons", "approx",
         "South Korea NIS", "about 600 killed", "≈600 killed", None, ""),
        ("d3", "en", "labor", "wage", 2.5, 2.5, 2.5, "USD/hour", "exact", "Ukraine GUR",
         "$2.5 per hour", "wage $2.5 per hour", None, ""),
    ]  # fmt: skip
    cols = ["doc_id", "language", "topic", "indicator", "value", "value_low", "value_high", "unit",
            "qualifier", "attributed_to", "quote", "claim_en", "published", "stage"]  # fmt: skip
    df = pd.DataFrame(rows, columns=cols)
    df["published"] = pd.to_datetime(df["published"])
    df["value"] = df["value"].astype(float)
    df["outlet"] = ""
    return df


def png_output() -> nbformat.NotebookNode:
    fig = matplotlib.figure.Figure(figsize=(2, 1))
    fig.add_subplot().plot([1, 2], [2, 1])
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return nbformat.v4.new_output(
        "display_data", data={"image/png": base64.b64encode(buf.getvalue()).decode()}
    )


def executed_notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell('corpus: str = "../seeds"  # corpus')
    params.metadata["tags"] = ["parameters"]
    injected = nbformat.v4.new_code_cell('# Parameters\ncorpus = "/secret/path"\n')
    injected.metadata["tags"] = ["injected-parameters"]
    table = nbformat.v4.new_code_cell("views.show(table)  # SECRET_CODE")
    table.outputs = [
        nbformat.v4.new_output(
            "display_data", data={"text/html": views.html_table(views.claims_table(fake_claims()))}
        ),
        nbformat.v4.new_output("stream", name="stderr", text="FutureWarning: noise\n"),
    ]
    chart = nbformat.v4.new_code_cell("plotting.estimate_plot(est)")
    chart.outputs = [png_output()]
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Troops\n\nProse for readers."),
        params,
        injected,
        table,
        chart,
    ]
    return nb


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


def test_untrusted_text_is_escaped_everywhere():
    page = render.render_html(executed_notebook(), title="t")
    assert "<script>alert(1)</script>" not in page
    assert "<img src=x onerror" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    # Markdown sentences with document text: HTML and link syntax disarmed.
    md = views.escape_md("[click](javascript:alert(1)) " + XSS)
    assert "<" not in md and "[" not in md and "(" not in md
    # The index escapes manifest values (error messages, parameters, headline labels).
    spec = type("S", (), {"name": "x", "title": XSS, "description": XSS})()
    entry = {
        "status": "failed",
        "error": XSS,
        "parameters": {"languages": [XSS]},
        "error_html": "x.error.html#papermill-error-cell",
        "good_headlines": [{"label": XSS, "value": 1}],
        "html": "x.html",
        "last_good_ran_at": "then",
    }
    index = render_index([spec], {"x": entry}, {})
    assert "<script>alert" not in index and "<img src=x" not in index


def test_interactive_tables_escape_by_default():
    import itables

    html = itables.to_html_datatable(pd.DataFrame({"quote": [XSS]}), connected=False)
    assert "<script>alert(1)</script>" not in html.split("data_json", 1)[-1]


def test_show_static_and_interactive(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: shown.append(a[0]))
    calls = []
    import itables

    monkeypatch.setattr(itables, "show", lambda df, **kw: calls.append((df, kw)))
    monkeypatch.setattr(itables, "init_notebook_mode", lambda **kw: calls.append(("init", kw)))
    table = views.claims_table(fake_claims())
    views.show(table)  # short: static HTML
    assert "&lt;script&gt;" in shown[-1].data
    views.show(pd.concat([table] * 10))  # long: interactive, offline, escaped, every row
    init = next(c for c in calls if c[0] == "init")
    assert init[1]["connected"] is False
    df, kw = calls[-1]
    assert kw["allow_html"] is False and kw["maxBytes"] == 0 and len(df) == 50


def test_headlines_round_trip(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: shown.append(a[0]))
    rec = views.record_headline("Troops", 15000.0, note="2 languages", languages=["bn", "pt"])
    nb = {"cells": [{"outputs": [{"data": shown[0]}]}]}
    assert headlines_from_notebook(nb) == [rec]
    assert rec["value"] == 15000 and format_headline(rec) == "Troops: 15,000 (2 languages)"
    assert '<div class="dw-headline">' in shown[0]["text/html"]


def test_formatting_helpers():
    assert views.format_figure(15000, 13500, 16500, "approx", "persons") == "about 15,000"
    assert views.format_figure(None, 2000, 9999, "vague", "persons") == "2,000–9,999 (vague)"
    assert views.format_figure(2.5, 2.5, 2.5, "exact", "USD/hour") == "2.5 USD/hour"
    assert views.format_figure(2, 2, 2, "exact", "x") == "2×"
    assert views.format_number(float("nan")) == "–"


def test_views_on_a_fake_ledger():
    claims = fake_claims()
    cites = views.source_citations(claims)
    assert cites.set_index("source").loc["South Korea NIS", "claims"] == 3
    assert "unattributed" in set(cites["source"])
    history = views.estimate_history(views.claims_for(claims, indicators=["troops_deployed"]))
    assert list(history["change"][history["source"] == "South Korea NIS"]) == ["first figure"]
    est = views.estimates(claims)
    assert est.loc[est["doc_id"] == "d2", "source"].item() == "South Korea NIS"
    assert est["vague"].sum() == 1
    mentions = views.weapon_mentions(
        pd.DataFrame(
            {"doc_id": ["a", "b"], "language": ["en", "bn"],
             "text": ["Ballistic missiles and 152mm shells.", "রাশিয়াকে ড্রোন ও শেল"]}
        )
    )  # fmt: skip
    found = set(zip(mentions["weapon"], mentions["language"], strict=True))
    assert {
        ("ballistic missiles", "en"),
        ("shells", "en"),
        ("drones", "bn"),
        ("shells", "bn"),
    } <= found
    matrix = views.weapon_matrix(mentions, ["en", "bn", "pt"])
    assert list(matrix.columns) == ["bn", "en", "pt"] and matrix.loc["howitzers"].sum() == 0


def test_charts_draw(tmp_path):
    plotting.use_style()
    est = views.estimates(fake_claims())
    ax = plotting.estimate_plot(est[est["indicator"] == "troops_deployed"], title="Troops")
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "South Korea NIS" in labels and "bn" in labels and "vague (range only)" in labels
    fig = plotting.estimate_facets(est, title="All")
    assert len(fig.axes) == est["label"].nunique()
    plotting.estimate_chart(est[est["indicator"] == "troops_deployed"], title="Over time")
    plotting.heatmap(pd.DataFrame({"a": [1, 0], "b": [2, 3]}, index=["x", "y"]), title="Who")
    fig.savefig(tmp_path / "facets.png")
    assert (tmp_path / "facets.png").stat().st_size > 1000
    assert plotting.source_color("South Korea NIS") == plotting.source_color("South Korea NIS")


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
