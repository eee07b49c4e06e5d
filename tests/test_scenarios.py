"""Scenario corpora end to end: documents -> extract_claims -> reconcile, asserted exactly.

The documents (tests/data/scenarios/, written for these tests, several languages) tell a story
over months. Every expected figure below was worked out by hand from the documents.
"""

from __future__ import annotations

import pandas as pd
import pytest

import dprkwatch
from dprkwatch.analysis import reconcile as rc
from dprkwatch.core.paths import TESTS_DATA_DIR

SCENARIOS = TESTS_DATA_DIR / "scenarios"
NIS, GUR, US = "South Korea NIS", "Ukraine GUR", "US intelligence"
T = pd.Timestamp


@pytest.fixture(scope="module")
def claims() -> dict[str, pd.DataFrame]:
    return {
        name: dprkwatch.extract_claims(dprkwatch.load_corpus(SCENARIOS / name))
        for name in ("troops", "casualties", "labour", "derived")
    }


def rows(table: pd.DataFrame, *cols: str) -> list[tuple]:
    return [tuple(r) for r in table[list(cols)].itertuples(index=False)]


# --------------------------------------------------------------------------- troops


def test_troops_every_figure_is_read_with_its_measure_and_date(claims):
    got = rows(claims["troops"], "value", "attributed_to", "stage", "measure", "as_of")
    assert got == [
        # The body as each article names it stands beside its canonical name.
        (1500, f"{NIS} (National Intelligence Service)", "done", "total", T("2024-10-18")),
        (3000, f"{NIS} (국정원)", "done", "increment", T("2024-10-23")),  # ko: 3천 명을 추가로
        (11000, f"{NIS} (National Intelligence Service)", "done", "total", T("2024-11-13")),
        # pt: the same figure, repeated
        (11000, f"{NIS} (serviço de inteligência sul-coreano)", "done", "total", T("2024-11-20")),
        (8000, US, "done", "total", T("2024-12-18")),
        (3000, NIS, "done", "increment", T("2025-01-13")),  # de: weitere 3.000
        (13000, f"{GUR} (ГУР)", "done", "total", T("2025-02-10")),  # uk: загалом близько 13 тисяч
        (14000, NIS, "done", "total", T("2025-02-27")),
        # bn: a stale repetition
        (11000, f"{NIS} (দক্ষিণ কোরিয়ার গোয়েন্দা)", "done", "total", T("2025-03-10")),
        (30000, f"{GUR} (Ukraine's military intelligence)", "planned", "total", T("2025-06-17")),
        (15000, NIS, "done", "total", pd.NaT),  # es: no publication date
    ]


def test_troops_series_shows_revisions_increments_and_the_undated_figure(claims):
    s = rc.series(claims["troops"])
    assert rows(s, "stage", "originator", "measure", "as_of", "value", "direction") == [
        ("", NIS, "total", T("2024-10-18"), 1500, "first"),
        ("", NIS, "total", T("2024-11-13"), 11000, "up"),
        ("", NIS, "total", T("2025-02-27"), 14000, "up"),
        ("", NIS, "total", pd.NaT, 15000, "undated"),
        ("", NIS, "increment", T("2024-10-23"), 3000, "increment"),
        ("", NIS, "increment", T("2025-01-13"), 3000, "increment"),
        ("", US, "total", T("2024-12-18"), 8000, "first"),
        ("", GUR, "total", T("2025-02-10"), 13000, "first"),
        ("planned", GUR, "total", T("2025-06-17"), 30000, "first"),
    ]
    eleven = s[(s["value"] == 11000)].iloc[0]
    # The Portuguese and the later Bengali article repeat the figure: one point, three documents.
    assert (eleven["n_documents"], eleven["last_as_of"]) == (3, T("2025-03-10"))
    assert eleven["languages"] == "bn; en; pt"
    assert s.loc[s["value"] == 14000, "note"].item() == (
        "South Korea NIS raised its figure from 11,000 (13 Nov 2024) to 14,000 (27 Feb 2025)."
    )


def test_troops_current_figures(claims):
    cur = rc.current(claims["troops"])
    assert rows(cur, "stage", "originator", "value", "as_of") == [
        ("", NIS, 14000, T("2025-02-27")),  # not the undated 15,000, not the stale 11,000
        ("", US, 8000, T("2024-12-18")),
        ("", GUR, 13000, T("2025-02-10")),
        ("planned", GUR, 30000, T("2025-06-17")),
    ]


def test_troops_conflicts_are_between_independent_current_figures(claims):
    conflicts = rc.conflicts(claims["troops"])
    assert rows(
        conflicts, "originators_a", "value_a", "originators_b", "value_b", "days_apart"
    ) == [
        (US, 8000, GUR, 13000, 54),
        (US, 8000, NIS, 14000, 71),
    ]
    # NIS's own 1,500 -> 11,000 -> 14,000 is no conflict, and NIS and GUR agree.
    groups = rc.group_claims(claims["troops"]).set_index("value_best")
    assert groups.loc[14000, "corroborated_by"] == GUR
    assert rc.conflicts(claims["troops"], window_days=30).empty


@pytest.mark.parametrize(
    ("policy", "window", "value", "low", "high", "sources", "as_of"),
    [
        ("latest", 90, 14000, 7200, 14300, NIS, "2025-02-27"),
        ("conservative", 90, 8000, 7200, 14300, US, "2024-12-18"),
        ("conservative", 30, 13000, 11700, 14300, GUR, "2025-02-10"),  # US's is too old
        ("median", 90, 13000, 7200, 14300, GUR, "2025-02-10"),
    ],
)
def test_troops_headline_under_each_policy(
    claims, policy, window, value, low, high, sources, as_of
):
    table = rc.headline(claims["troops"], policy, window_days=window)
    done, planned = table[table["stage"] == ""].iloc[0], table[table["stage"] == "planned"].iloc[0]
    assert (done["value"], done["value_low"], done["value_high"]) == (value, low, high)
    assert (done["sources"], done["as_of"]) == (sources, T(as_of))
    assert done["undated"] == f"15,000 ({NIS})"
    assert done["n_originators"] == (2 if (policy, window) == ("conservative", 30) else 3)
    assert (planned["value"], planned["sources"]) == (30000, GUR)
    assert planned["note"] == "Ukraine GUR's 30,000 (17 Jun 2025) is the only current figure."


def test_troops_headline_notes(claims):
    notes = {p: rc.headline(claims["troops"], p)["note"].iloc[0] for p in rc.POLICIES}
    assert notes["latest"] == (
        "South Korea NIS's 14,000 (27 Feb 2025) is the most recent of 3 current figures; "
        "the range spans them all."
    )
    assert notes["conservative"] == (
        "The lowest of 3 current figures dated within 90 days of the newest (27 Feb 2025): "
        "US intelligence's 8,000 (7,200–8,800) (18 Dec 2024)."
    )
    assert notes["median"] == (
        "The median of 3 current figures (US intelligence 8,000; Ukraine GUR 13,000; "
        "South Korea NIS 14,000): 13,000."
    )


def test_troops_groups_status(claims):
    groups = rc.group_claims(claims["troops"])
    status = {(r.measure, r.value_best, r.stage): r.status for r in groups.itertuples(index=False)}
    assert status == {
        ("increment", 3000, ""): "single-source",  # two events, two groups
        ("total", 1500, ""): "revised",
        ("total", 11000, ""): "revised",
        ("total", 8000, ""): "conflicting",
        ("total", 13000, ""): "conflicting",
        ("total", 14000, ""): "conflicting",
        ("total", 15000, ""): "single-source",
        ("total", 30000, "planned"): "single-source",
    }
    assert len(groups) == 9
    revised = groups[groups["value_best"] == 11000].iloc[0]
    assert revised["note"] == "Revised: South Korea NIS has since said 14,000 (27 Feb 2025)."


# --------------------------------------------------------------------------- casualties


def test_casualties_series_and_current(claims):
    c = claims["casualties"]
    assert set(c["stage"]) == {""}  # casualties carry no stage
    s = rc.series(c)
    killed = s[(s["indicator"] == "killed") & (s["originator"] == NIS)]
    assert rows(killed, "as_of", "value", "direction") == [
        (T("2024-12-19"), 200, "first"),
        (T("2025-01-13"), 300, "up"),
        (T("2025-02-27"), 600, "up"),
        (T("2025-09-04"), 2000, "up"),  # fr: "au 4 septembre 2025", published 10 Sep
    ]
    assert killed["change"].isna().iloc[0]
    assert list(killed["change"].iloc[1:]) == [100, 300, 1400]
    # The Russian article (12 Sep) repeats April's 600: a repetition, not a revision down.
    six = killed[killed["value"] == 600].iloc[0]
    assert (six["n_documents"], six["as_of"]) == (2, T("2025-02-27"))
    cur = rc.current(c)
    assert rows(cur, "indicator", "originator", "value", "as_of") == [
        ("killed", NIS, 2000, T("2025-09-04")),
        ("killed", GUR, 1000, T("2025-01-12")),
        ("killed_or_wounded", NIS, 4700, T("2025-02-27")),
        ("wounded", NIS, 2700, T("2025-01-13")),
    ]


def test_casualty_breakdown_never_mixes_dates(claims):
    b = rc.breakdown(claims["casualties"])
    got = [
        (r.originator, r.as_of, *(None if pd.isna(v) else v for v in r[2:6]))
        for r in b.itertuples(index=False)
    ]
    assert got == [
        (NIS, T("2024-12-19"), 200, None, None, None),
        (NIS, T("2025-01-13"), 300, 2700, None, None),
        (NIS, T("2025-02-27"), 600, None, 4700, None),
        (NIS, T("2025-09-04"), 2000, None, None, None),
        (GUR, T("2025-01-12"), 1000, None, None, None),
    ]
    assert list(b["latest"]) == [False, False, False, True, True]
    assert list(b["consistent"].astype(object).where(b["consistent"].notna(), None)) == [
        None,
        None,
        True,
        None,
        None,
    ]
    assert b["note"].iloc[2] == "South Korea NIS, 27 Feb 2025: 600 killed, 4,700 killed or wounded."


@pytest.mark.parametrize(
    ("policy", "window", "value", "sources"),
    [
        ("latest", 90, 2000, NIS),
        ("conservative", 90, 2000, NIS),  # GUR's January figure is older than the window
        ("conservative", 365, 1000, GUR),
        ("median", 90, 1000, GUR),  # lower of the two middle current figures
    ],
)
def test_casualties_killed_headline(claims, policy, window, value, sources):
    table = rc.headline(claims["casualties"], policy, window_days=window)
    killed = table[table["indicator"] == "killed"].iloc[0]
    assert (killed["value"], killed["sources"], killed["stage"]) == (value, sources, "")
    assert killed["contested"] == (window == 365)


def test_casualties_conflict_only_within_the_window(claims):
    assert rc.conflicts(claims["casualties"]).empty
    wide = rc.conflicts(claims["casualties"], window_days=365)
    assert rows(wide, "indicator", "originators_a", "value_a", "originators_b", "value_b") == [
        ("killed", GUR, 1000, NIS, 2000),
    ]


# --------------------------------------------------------------------------- increments


def test_increments_alone_make_no_headline(claims):
    table = rc.headline(claims["labour"])
    assert len(table) == 1
    row = table.iloc[0]
    assert row["indicator"] == "workers_deployed" and pd.isna(row["value"])
    assert row["note"] == (
        "Only increments are reported (latest: South Korea NIS, 1,500, 20 May 2025); "
        "no total to headline."
    )
    assert list(rc.series(claims["labour"])["measure"]) == ["increment", "increment"]
    assert rc.current(claims["labour"]).empty


def test_an_increment_is_added_only_where_the_text_says_so(claims):
    s = rc.series(claims["derived"])
    assert rows(s, "originator", "measure", "as_of", "value", "derived", "current") == [
        (NIS, "total", T("2024-12-31"), 11000, False, False),  # "by the end of 2024"
        (
            NIS,
            "total",
            T("2025-01-31"),
            14000,
            True,
            True,
        ),  # "another 3,000 ... bringing the total"
        (NIS, "increment", T("2025-01-31"), 3000, False, False),
        # GUR's increment says the sum itself ("bringing the number ... to 14,000"), a total of
        # its own: nothing is added to it. The same report's "had sent some 12,000" is smaller
        # on the same day: a part or an earlier figure, never the current one.
        (GUR, "total", T("2025-02-05"), 12000, False, False),
        (GUR, "total", T("2025-02-05"), 14000, False, True),
        (GUR, "increment", T("2025-02-05"), 3000, False, False),
    ]
    assert s["note"].iloc[1] == (
        "Derived: South Korea NIS's 11,000 (31 Dec 2024) plus 3,000 more (31 Jan 2025), "
        "as the text adds them: 14,000."
    )
    head = rc.headline(claims["derived"], "conservative").iloc[0]
    assert (head["value"], head["sources"], head["derived"]) == (14000, f"{NIS}; {GUR}", True)
    latest = rc.headline(claims["derived"], "latest").iloc[0]
    assert (latest["value"], latest["derived"]) == (14000, False)
