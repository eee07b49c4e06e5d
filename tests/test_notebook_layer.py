"""The notebook layer on a store: selections counted in DuckDB, bounded tables, words for readers,
charts that stay small and draw every script."""

from __future__ import annotations

import warnings

import matplotlib
import pandas as pd
import pytest

from dprkwatch.core.errors import StoreError
from dprkwatch.notebook import charts, display, headlines, labels, load, tables, topics
from synthetic_store import QUOTES, claims_frame, write_store

matplotlib.use("Agg")

SCRIPTS = ["en", "bn", "ko", "ja", "zh", "hi", "ar", "ru"]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("store")
    errors = [("broken.txt", f"cannot decode {folder}/corpus/broken.txt: invalid bytes")]
    return write_store(folder, claims_frame(400, SCRIPTS), errors=errors)


@pytest.fixture()
def shown(monkeypatch):
    out: list = []
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: out.append(a[0]))
    return out


# --------------------------------------------------------------------------- loading


def test_a_missing_store_is_one_plain_sentence(tmp_path):
    with pytest.raises(load.StoreUnavailable) as info:
        load.open_selection(tmp_path / "nowhere")
    assert isinstance(info.value, StoreError)
    lines = info.value._render_traceback_()
    assert len(lines) == 1 and "dprkwatch update" in lines[0]
    assert str(tmp_path) not in lines[0]  # no server path for readers
    with pytest.raises(load.StoreUnavailable, match="not a date"):
        load.open_selection(tmp_path, published_from="last spring")


def test_selection_counts_in_sql(store):
    everything = load.open_selection(store)
    assert everything.counts()["claims"] == 400 and everything.counts()["documents"] == 100
    bengali = load.open_selection(store, ["bn"])
    assert set(bengali.claims()["language"]) == {"bn"}
    assert bengali.counts()["claims"] == len(bengali.claims())
    window = load.open_selection(store, published_from="2025-01-01", published_to="2025-03-31")
    days = window.claims()["published"]
    assert days.min() >= pd.Timestamp("2025-01-01") and days.max() < pd.Timestamp("2025-04-01")
    assert window.n_undated_left_out() > 0


def test_claims_without_text_for_reconciliation(store):
    sel = load.open_selection(store, ["ja"])
    lean, full = sel.claims_without_text(), sel.claims()
    assert len(lean) == len(full) and "claim_en" in lean and "path" not in lean
    assert lean["quote"].isna().sum() >= (full["measure"] != "increment").sum()
    assert lean["as_of"].dtype == full["as_of"].dtype
    # reconciliation reads nothing the lean frame leaves out
    lean_groups, full_groups = topics.claim_groups(lean, 90), topics.claim_groups(full, 90)
    assert len(lean_groups) > 0 and lean_groups.equals(full_groups)


def test_topic_claims_lean_and_the_newest_in_full(store):
    sel = load.open_selection(store)
    full = sel.claims(topic="labor")
    lean = sel.claims_without_text(topic="labor")
    assert len(lean) == len(full) > 20 and set(lean["indicator"]) == set(full["indicator"])
    assert "path" not in lean and "claim_en" in lean
    newest = sel.newest_claims(20, topic="labor")
    assert len(newest) == 20 and list(newest.columns) == list(full.columns)
    assert newest.attrs["rows_in_all"] == len(full)
    # The newest: none of the claims left out is dated after any of them.
    date = full["as_of"].fillna(full["published"])
    shown = full["claim_id"].isin(newest["claim_id"])
    assert date[shown].notna().all() and date[~shown].max() <= date[shown].min()
    # A claims table of them says how many there are in all, not only those read.
    table = tables.claims_table(newest, limit=20)
    assert len(table) == 20 and table.attrs["rows_in_all"] == len(full)
    some = sel.newest_claims(5, indicators=("wage",))
    assert len(some) == 5 and set(some["indicator"]) == {"wage"}
    assert some.attrs["rows_in_all"] == len(sel.claims(indicators=("wage",)))
    roles = topics.deployments_by_destination(
        sel.newest_claims(7, indicators=topics.DEPLOYMENT_ROLES)
    )
    assert len(roles) == 7 and roles.attrs["rows_in_all"] == 72


def test_describe_reads_like_a_sentence(store):
    text = load.open_selection(store, ["bn", "ar"], published_from="2025-01-01").describe()
    assert "Selection: Languages: Bengali, Arabic; Published: from 1 Jan 2025." in text
    assert "1 file could not be read" in text
    for internal in ("['bn'", "period_days", "state folder", str(store)):
        assert internal not in text


def test_errors_name_files_not_server_paths(store):
    errors = load.open_selection(store).errors()
    assert list(errors["file"]) == ["broken.txt"]
    assert str(store) not in errors["reason"][0] and "broken.txt" in errors["reason"][0]


# --------------------------------------------------------------------------- tables


def test_tables_are_bounded_and_ordered(store):
    sel = load.open_selection(store)
    per_doc = tables.claims_per_document(sel, limit=10)
    assert len(per_doc) == 10 and per_doc["claims"].is_monotonic_decreasing
    langs = tables.documents_by(sel, "language")
    assert langs["documents"].sum() == 100 and "Arabic · العربية" in set(langs["label"])
    cites = tables.source_citations(sel)
    assert cites["claims"].sum() >= 400 and labels.UNATTRIBUTED in set(cites["source"])
    assert not cites["indicators"].str.contains("_").any()  # labels, not column names
    top = tables.top_rows(cites, "source", "claims", n=5)
    assert len(top) == 5 and top["claims"].sum() == cites["claims"].sum()


def test_ledger_selection_keeps_the_newest_and_the_most_reported(store):
    sel = load.open_selection(store)
    chosen = tables.ledger_selection(sel, 50)
    assert len(chosen) <= 50 and chosen["claim_id"].is_unique
    everything = sel.claims()
    cut = everything["published"].sort_values(ascending=False).iloc[24]
    newest = everything[everything["published"] > cut]
    assert 0 < len(newest) and set(newest["claim_id"]) <= set(chosen["claim_id"])


def test_one_source_in_other_words_is_one_source_when_ranking(tmp_path):
    """The same figure from the same institution, named in five languages' words, is one
    figure reported five times: the ledger report's "most reported" rank goes by institution."""
    claims = claims_frame(40, ["en"])
    said = [
        "South Korea NIS",
        "South Korea NIS (국정원)",
        "South Korea NIS (国家情報院)",
        "South Korea NIS (Geheimdienst NIS)",
        "South Korea NIS (НИС)",
    ]
    first = (
        claims[claims["doc_id"].isin([f"doc{d:06d}" for d in range(5)])].groupby("doc_id").head(1)
    )
    claims.loc[first.index, ["indicator", "value", "attributed_to"]] = [
        ["troops_deployed", 12345.0, who] for who in said
    ]
    sel = load.open_selection(write_store(tmp_path, claims))
    chosen = tables.ledger_selection(sel, 10)
    ours = chosen[chosen["value"] == 12345.0]
    assert len(ours) == 5 and set(ours["reported"]) == {5}


def test_claims_table_builds_only_the_rows_a_report_can_show(store, shown):
    claims = load.open_selection(store).claims()
    full = tables.claims_table(claims)
    cut = tables.claims_table(claims, limit=30)
    # ties at the 30th newest date are kept, so the first rows are the full table's own
    assert 30 <= len(cut) < len(full) and cut.attrs["rows_in_all"] == len(claims)
    assert cut.head(30).equals(full.head(30))
    display.show(cut, caption="Claims", max_rows=30, rest="Every claim is in ledger.csv.")
    assert f"Showing the first 30 of {len(claims)} rows." in shown[-1].data
    assert tables.claims_table(claims, limit=len(claims) + 1).equals(full)


def test_who_says_what_is_bounded():
    matrix = tables.who_says_what(claims_frame(500, ["en"]), max_rows=5)
    assert len(matrix) == 5 and matrix.index[-1].endswith("others")
    assert matrix.to_numpy().sum() == 500


def test_changes_come_from_the_store(store):
    sel = load.open_selection(store, ["ar"])
    changes = tables.changes(sel, ["killed"])
    assert set(changes["change"]) == {"new"} and set(changes["language"]) == {"ar"}
    table = tables.change_table(changes)
    assert list(table.columns[:4]) == ["change", "indicator", "figure", "before"]
    assert set(table["language"]) == {"Arabic"}


def test_weapon_mentions_counted_in_duckdb(tmp_path):
    claims = claims_frame(4, ["en"])
    claims["quote"] = [
        "It sent 100 ballistic missiles and shells.",
        "They said 200 drones flew.",
        "Nothing about weapons here, 300 troops.",
        "Shelling went on; 400 troops left.",  # "shell" must not match "shelling"
    ]
    sel = load.open_selection(write_store(tmp_path, claims))
    mentions = topics.weapon_mentions(sel)
    found = dict(zip(mentions["weapon"], mentions["documents"], strict=True))
    assert found == {"ballistic missiles": 1, "shells": 1, "drones": 1}
    matrix = topics.weapon_matrix(mentions, ["en", "ar"])
    assert list(matrix.columns) == ["Arabic · العربية", "English"]
    assert matrix.loc["howitzers"].sum() == 0


# --------------------------------------------------------------------------- display


def test_show_is_bounded_escaped_and_deterministic(shown, monkeypatch):
    import itables

    calls = []
    monkeypatch.setattr(itables, "show", lambda df, **kw: calls.append((df, kw)))
    monkeypatch.setattr(itables, "init_notebook_mode", lambda **kw: calls.append(("init", kw)))
    monkeypatch.setattr(display, "_ITABLES_READY", False)
    df = pd.DataFrame({"quote": ["<script>x</script>", "نحو 11 ألف جندي"], "n": [1, 2]})
    display.show(df)
    assert "&lt;script&gt;" in shown[-1].data and '<td dir="auto">' in shown[-1].data
    long = pd.concat([df] * 40, ignore_index=True)
    display.show(long, caption="Long", max_rows=50, rest="See ledger.csv.")
    init = next(c for c in calls if c[0] == "init")
    assert init[1]["connected"] is False
    table, kw = calls[-1]
    assert len(table) == 50 and kw["allow_html"] is False
    assert "Showing the first 50 of 80 rows. See ledger.csv." in shown[-1].data
    display.show(long, caption="Long", max_rows=50)
    assert calls[-1][1]["table_id"] == kw["table_id"]  # same table, same id


def test_escape_md_disarms_markup():
    md = display.escape_md("[click](javascript:alert(1)) <img src=x>")
    assert "<" not in md and "[" not in md and "(" not in md


def test_headlines_round_trip(shown):
    rec = headlines.record_headline("Troops", 15000.0, note="2 languages", languages=["bn"])
    nb = {"cells": [{"outputs": [{"data": shown[0]}]}]}
    assert headlines.headlines_from_notebook(nb) == [rec]
    assert headlines.format_headline(rec) == "Troops: 15,000 (2 languages)"
    assert headlines.value_text(2, "x") == "2×"  # never the unit "x"


def test_the_runner_reads_headlines_without_pandas():
    import subprocess
    import sys

    code = "import sys, dprkwatch.notebook.headlines; print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"  # a no-change report run must stay quick


def test_reader_words():
    assert labels.figure_text(15000, 13500, 16500, "approx", "persons") == "≈15,000"
    assert labels.figure_text(2, 2, 2, "exact", "x") == "2×"
    assert labels.figure_text(2.5, 2.5, 2.5, "exact", "USD/hour") == "2.5 USD/hour"
    assert labels.stage_label("killed", "done") == "Killed"  # no stage on casualties
    assert labels.stage_label("troops_deployed", "planned") == "Troops deployed (planned)"
    assert labels.count(0, "originator") == "no originator"
    assert labels.count(1, "document") == "1 document"
    assert labels.parameters_text(["bn"]) == ["Languages: Bengali"]
    for code in ("ja", "zh", "hi", "ar", "it", "pl", "tr", "id", "vi"):
        assert labels.language_name(code) != code


# --------------------------------------------------------------------------- charts


def test_timeline_points_never_average():
    claims = claims_frame(6, ["en"])
    claims["indicator"], claims["attributed_to"] = "troops_deployed", "South Korea NIS"
    claims["as_of"] = pd.Timestamp("2025-04-30")
    claims["value"] = [3000.0, 11000.0, 11000.0, None, 5000.0, 2000.0]
    claims["measure"] = ["total", "total", "total", "total", "total", "increment"]
    claims["stage"] = ["done", "done", "done", "done", "planned", "done"]
    points = charts.timeline_points(claims)
    totals = points[points["kind"] == "total"]
    assert sorted(totals["value"]) == [3000.0, 11000.0]  # stated figures only, never a mean
    assert totals.set_index("value")["documents"][11000.0] == 1  # one document said it twice
    assert set(points["kind"]) == {"total", "vague", "increment", "planned"}


def test_a_panel_of_undated_figures_beside_dated_ones_draws(tmp_path):
    # Real dev articles gave this: every containers figure undated, shells dated. The panel
    # without dates drew a date axis with no tick, and matplotlib's formatter failed on it,
    # failing three topic reports.
    charts.use_style()
    claims = claims_frame(4, ["en"])
    claims["indicator"] = [
        "shells_supplied",
        "shells_supplied",
        "containers_shipped",
        "containers_shipped",
    ]
    claims["unit"] = ["shells", "shells", "containers", "containers"]
    claims["value"] = [1_000_000.0, 3_000_000.0, 7000.0, 13000.0]
    claims["as_of"] = [pd.Timestamp("2024-05-01"), pd.Timestamp("2025-01-10"), pd.NaT, pd.NaT]
    claims["published"] = [pd.Timestamp("2024-05-02"), pd.Timestamp("2025-01-11"), pd.NaT, pd.NaT]
    fig = charts.timelines(claims, ["shells_supplied", "containers_shipped"], title="munitions")
    assert fig is not None
    fig.savefig(tmp_path / "munitions.png")
    panels = [ax for ax in fig.axes if ax.get_title(loc="left")]  # the strips: "undated"
    assert len(panels) == 2
    assert panels[1].texts and panels[1].texts[0].get_text() == "no dated figure"
    assert panels[0].get_xticklabels()  # the dated panel keeps its dates
    matplotlib.pyplot.close("all")


def test_charts_stay_small_at_any_size(tmp_path):
    charts.use_style()
    big = claims_frame(20000, SCRIPTS)
    for topic in ("troops", "casualties", "munitions"):
        from dprkwatch.core.vocabulary import vocabulary

        fig = charts.timelines(
            big[big["topic"] == topic], vocabulary().of_topic(topic), title=topic
        )
        path = tmp_path / f"{topic}.png"
        fig.savefig(path)
        width, height = matplotlib.image.imread(path).shape[1::-1]
        assert width <= 1000 and height <= 100 * (3.0 * 8 + 1) + 100, (topic, width, height)
        legend = {t.get_text() for t in fig.legends[0].get_texts()}
        assert len(legend) <= charts.MAX_SOURCES + 5
    matplotlib.pyplot.close("all")


def test_every_script_has_a_font_in_charts(tmp_path):
    charts.use_style()
    families = charts.font_families()
    if len(families) < 5:
        pytest.skip("Noto fonts not installed (Debian: fonts-noto-core fonts-noto-cjk)")
    fig = matplotlib.figure.Figure(figsize=(6, 4))
    ax = fig.add_subplot()
    ax.set_yticks(range(len(QUOTES)))
    ax.set_yticklabels([q.format(n="11,000") for q in QUOTES.values()])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing from font(s)" would be tofu
        fig.savefig(tmp_path / "scripts.png")


def test_who_says_what_counts_institutions_not_the_words_naming_them():
    claims = claims_frame(3, ["en"])
    claims["indicator"] = "troops_deployed"
    claims["attributed_to"] = [
        "US government (US officials)",
        "US government (미국 관리)",
        "Russia Security Council (Sergei Shoigu); US government",
    ]
    matrix = tables.who_says_what(claims)
    assert matrix.to_dict()["troops deployed"] == {"US government": 3, "Russia Security Council": 1}
    assert labels.source_label(claims["attributed_to"].iloc[1]) == "US government (미국 관리)"
