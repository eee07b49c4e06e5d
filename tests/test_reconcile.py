"""Reconciliation rules on constructed ledgers, a property test, and the seeds.

Time-aware behaviour (series, revisions, increments, undated claims, the issue's regressions)
is tested in test_timeline.py; documents written for the tests, end to end, in test_scenarios.py.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dprkwatch.analysis import reconcile as rc
from dprkwatch.analysis.headline import POLICY_RULES
from reconcile_helpers import GUR, NIS, TASS, US, approx, claim, ledger


def by_value(groups: pd.DataFrame, value: float) -> pd.Series:
    hits = groups[groups["value_best"] == value]
    assert len(hits) == 1, groups
    return hits.iloc[0]


def vague_groups(groups: pd.DataFrame) -> pd.DataFrame:
    return groups[groups["value_best"].isna()]


# --------------------------------------------------------------------------- groups


def test_repetition_is_not_corroboration():
    claims = ledger(
        approx(15000, doc="ko1", language="ko", outlet="KBS", published="2024-11-01"),
        approx(15000, doc="bn1", language="bn", outlet="Prothom Alo", published="2024-11-03"),
        approx(15000, doc="pt1", language="pt", outlet="Agência", published="2024-11-05"),
    )
    groups = rc.group_claims(claims)
    assert len(groups) == 1
    g = groups.iloc[0]
    assert (g["n_originators"], g["n_documents"], g["n_claims"], g["n_outlets"]) == (1, 3, 3, 3)
    assert g["originators"] == NIS
    assert g["languages"] == "bn; ko; pt"
    assert g["documents"] == "bn1; ko1; pt1"
    assert g["status"] == "single-source"
    assert g["first_published"] == pd.Timestamp("2024-11-01")
    assert g["last_published"] == pd.Timestamp("2024-11-05")


def test_one_claim_naming_two_originators_corroborates():
    groups = rc.group_claims(ledger(approx(15000, source=f"{NIS}; {US}")))
    assert groups.loc[0, "n_originators"] == 2
    assert groups.loc[0, "status"] == "corroborated"


def test_shared_originator_links_repeaters_of_different_sources():
    # The Portuguese rewrite names NIS, US and GUR; the Bengali daily names NIS: one figure.
    claims = ledger(
        approx(15000, doc="bn", language="bn", source=NIS),
        approx(15000, doc="pt", language="pt", source=f"{NIS}; {US}; {GUR}"),
    )
    groups = rc.group_claims(claims)
    assert len(groups) == 1
    assert groups.loc[0, "n_originators"] == 3
    assert groups.loc[0, "languages"] == "bn; pt"


def test_independent_originators_agreeing_stay_apart_but_corroborate():
    claims = ledger(approx(15000, doc="a", source=NIS), approx(15200, doc="b", source=GUR))
    groups = rc.group_claims(claims)
    assert len(groups) == 2  # they do not trace to the same source
    assert set(groups["status"]) == {"corroborated"}
    assert set(groups["corroborated_by"]) == {NIS, GUR}
    assert (groups["n_originators"] == 1).all()


def test_vague_figure_does_not_corroborate():
    claims = ledger(
        approx(15000, doc="a", source=NIS), claim(None, doc="b", high=20000, source=GUR)
    )
    groups = rc.group_claims(claims)
    assert by_value(groups, 15000)["status"] == "single-source"


def test_different_figures_of_one_originator_are_different_groups_never_chained():
    # Formerly overlapping ranges were chained into one group whose best value was their median
    # (13,000 here only by chance): a group is one stated figure now, never a blend (issue 11).
    claims = ledger(
        claim(11000, low=10000, high=12000, doc="a"),
        claim(13000, low=11500, high=14000, doc="b"),
        claim(14500, low=13500, high=15000, doc="c"),
    )
    groups = rc.group_claims(claims)
    assert sorted(groups["value_best"]) == [11000, 13000, 14500]
    assert rc.conflicts(claims).empty  # one originator's figures never conflict


def test_non_overlapping_figures_of_one_source_are_separate_groups():
    claims = ledger(claim(10000, doc="a"), claim(15000, doc="b"))
    assert len(rc.group_claims(claims)) == 2


@pytest.mark.parametrize("source", [NIS, ""], ids=["attributed", "unattributed"])
def test_vague_claim_never_swallows_two_figures(source):
    # "thousands" overlaps both 10,000 and 15,000: the two stay apart and so does the vague claim.
    claims = ledger(
        claim(10000, doc="a"),
        claim(15000, doc="b"),
        claim(None, low=1000, high=99000, doc="c", source=source),
    )
    groups = rc.group_claims(claims)
    assert len(groups) == 3
    assert sorted(groups["value_best"].dropna()) == [10000, 15000]
    assert len(vague_groups(groups)) == 1
    reason = rc.assign_groups(claims).set_index("doc_id").loc["c", "group_reason"]
    assert "2 " in reason and "kept apart" in reason


def test_vague_claim_joins_the_single_overlapping_group_without_widening_it():
    claims = ledger(claim(12000, doc="a"), claim(None, low=1000, high=99000, doc="b"))
    groups = rc.group_claims(claims)
    assert len(groups) == 1
    g = groups.iloc[0]
    assert (g["value_low"], g["value_best"], g["value_high"]) == (12000, 12000, 12000)
    assert g["n_documents"] == 2
    assert g["qualifiers"] == "exact; vague"


def test_vague_claim_must_admit_the_groups_figure():
    # "thousands" (2,000-9,999) touches the 10,000 group's range but not its figure
    claims = ledger(approx(10000, doc="a"), claim(None, low=2000, high=9999, doc="b", source=""))
    assert len(rc.group_claims(claims)) == 2


def test_vague_claim_with_other_source_does_not_join():
    claims = ledger(claim(12000, doc="a", source=NIS), claim(None, high=99000, doc="b", source=GUR))
    assert len(rc.group_claims(claims)) == 2


def test_bound_never_bridges_two_figures():
    claims = ledger(
        claim(10000, doc="a"),
        claim(15000, doc="b"),
        claim(10000, low=10000, high=math.inf, qualifier="at_least", doc="c"),
    )
    groups = rc.group_claims(claims)
    assert len(groups) == 3
    bound = groups[groups["basis"] == "bound"].iloc[0]
    assert bound["value_low"] <= bound["value_best"] <= bound["value_high"]


def test_bound_joins_single_overlapping_group():
    claims = ledger(
        claim(15000, doc="a"), claim(12000, low=12000, high=math.inf, qualifier="at_least")
    )
    groups = rc.group_claims(claims)
    assert len(groups) == 1
    assert groups.loc[0, "value_high"] == 15000  # the bound does not widen the figure


@pytest.mark.parametrize(
    ("unattributed", "n_groups", "joined"),
    [
        (approx(15000, doc="u", source=""), 2, True),  # overlaps exactly one group
        (claim(12500, low=9000, high=16000, doc="u", source=""), 3, False),  # overlaps two
        (claim(30000, doc="u", source=""), 3, False),  # overlaps none
    ],
    ids=["one", "two", "none"],
)
def test_unattributed_claim_joins_only_an_unambiguous_group(unattributed, n_groups, joined):
    claims = ledger(approx(10000, doc="a", source=GUR), approx(15000, doc="b"), unattributed)
    groups = rc.group_claims(claims)
    assert len(groups) == n_groups
    home = groups[groups["documents"].str.contains("u")].iloc[0]
    if joined:
        assert home["n_originators"] == 1 and home["n_documents"] == 2
    else:
        assert home["n_originators"] == 0 and home["originators"] == ""
        assert home["status"] in {"single-source", "conflicting"}


def test_unattributed_only_group_is_single_source_with_no_originator():
    groups = rc.group_claims(
        ledger(claim(5000, source="", doc="a"), claim(5000, source="", doc="b"))
    )
    assert len(groups) == 1
    g = groups.iloc[0]
    assert (g["n_originators"], g["originators"], g["status"]) == (0, "", "single-source")


def test_planned_and_done_are_never_grouped_nor_in_conflict():
    claims = ledger(
        claim(12000, doc="a", stage="planned", indicator="workers_deployed"),
        claim(12000, doc="b", stage="done", indicator="workers_deployed", source=GUR),
        claim(5000, doc="c", stage="done", indicator="workers_deployed"),
    )
    groups = rc.group_claims(claims)
    # Stage is "planned" or "" (done and unstated are one series).
    assert sorted(groups["stage"]) == ["", "", "planned"]
    planned = groups[groups["stage"] == "planned"].iloc[0]
    assert planned["status"] == "single-source" and planned["conflicts_with"] == ""
    # NIS's 5,000 done vs GUR's 12,000 done (same date) conflict within the done stage only.
    assert set(groups.loc[groups["stage"] == "", "status"]) == {"conflicting"}
    conflicts = rc.conflicts(claims)
    assert list(zip(conflicts["value_a"], conflicts["value_b"], strict=True)) == [(5000, 12000)]


def test_unstaged_claim_is_in_the_done_series():
    claims = ledger(claim(12000, doc="a", stage="done"), claim(12000, doc="b", stage=""))
    groups = rc.group_claims(claims)
    assert len(groups) == 1
    assert groups.loc[0, "stage"] == ""


def test_planned_stays_apart_from_done_and_unstated():
    # Formerly three groups ("", done, planned): done and unstated are one series now.
    claims = ledger(
        claim(12000, doc="a", stage="done"),
        claim(12000, doc="b", stage="planned"),
        claim(12000, doc="c", stage=""),
    )
    groups = rc.group_claims(claims)
    assert sorted(groups["stage"]) == ["", "planned"]
    assert groups.set_index("stage").loc["", "n_documents"] == 2


def test_stage_never_attaches_to_casualties():
    # Regression (issue 11): "Killed (done)" beside "Killed" in the index.
    claims = ledger(
        claim(600, doc="a", indicator="killed", topic="casualties", unit="persons", stage="done"),
        claim(
            300, doc="b", indicator="killed", topic="casualties", unit="persons", stage="planned"
        ),
    )
    assert set(rc.headline(claims)["stage"]) == {""}
    assert set(rc.group_claims(claims)["stage"]) == {""}


def test_group_best_is_the_stated_figure_and_range_is_envelope_of_its_hedges():
    # Formerly the median of 10,000, 11,000 and 10,500 (issue 11: "best 10,500" nobody stated).
    claims = ledger(
        claim(11000, low=9900, high=12100, qualifier="approx", doc="a"),
        claim(11000, doc="b"),
        claim(11000, low=11000, high=12000, qualifier="range", doc="c"),  # value: the low end
    )
    groups = rc.group_claims(claims)
    assert len(groups) == 1
    g = groups.iloc[0]
    assert (g["value_low"], g["value_best"], g["value_high"]) == (9900, 11000, 12100)


# --------------------------------------------------------------------------- conflicts


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            claim(500, indicator="killed", topic="casualties", unit="people"),
            claim(3000, indicator="killed_or_wounded", topic="casualties", unit="people"),
        ),
        (
            claim(12000, indicator="workers_deployed", topic="labor", unit="people"),
            claim(3000, indicator="troops_deployed", unit="people"),
        ),
        (claim(30000, stage="planned"), claim(11000, stage="done")),
        (
            claim(2.5, indicator="wage", unit="USD/hour", topic="labor"),
            claim(800, indicator="wage", unit="USD/month", topic="labor"),
        ),
    ],
    ids=["killed-vs-killed_or_wounded", "workers-vs-troops", "planned-vs-done", "units"],
)
def test_different_measures_are_never_conflicts(first, second):
    first["doc_id"], second["doc_id"] = "a", "b"
    second["attributed_to"] = GUR  # independent originators: only the measure keeps them apart
    groups = rc.group_claims(ledger(first, second))
    assert len(groups) == 2
    assert set(groups["status"]) == {"single-source"}
    assert rc.find_conflicts(groups).empty
    assert rc.conflicts(ledger(first, second)).empty


def test_non_overlapping_ranges_conflict_with_both_sides_and_sources():
    claims = ledger(
        approx(15000, doc="a", source=NIS), approx(10000, doc="b", source=f"{US}; {GUR}")
    )
    groups = rc.group_claims(claims)
    assert set(groups["status"]) == {"conflicting"}
    low, high = by_value(groups, 10000), by_value(groups, 15000)
    assert low["conflicts_with"] == high["group_id"]
    assert high["conflicts_with"] == low["group_id"]
    conflicts = rc.find_conflicts(groups)
    # One row per pair of originators' current figures (US and GUR each hold 10,000).
    assert len(conflicts) == 2
    assert set(conflicts["originators_a"]) == {US, GUR}
    assert set(conflicts["originators_b"]) == {NIS}
    row = conflicts.iloc[0]
    assert (row["value_a"], row["value_b"]) == (10000, 15000)  # side a is the lower figure
    assert (row["value_low_a"], row["value_high_a"]) == (9000, 11000)
    assert row["group_a"] == low["group_id"] and row["group_b"] == high["group_id"]
    assert row["kind"] == "disagreement"
    assert "10,000" in row["note"] and "15,000" in row["note"] and NIS in row["note"]
    assert list(conflicts.columns) == list(rc.CONFLICT_COLUMNS)
    pd.testing.assert_frame_equal(conflicts, rc.conflicts(claims))


def test_touching_ranges_are_compatible():
    claims = ledger(
        claim(10000, low=8000, high=12000, doc="a"),
        claim(14000, low=12000, high=16000, doc="b", source=GUR),
    )
    groups = rc.group_claims(claims)
    assert rc.find_conflicts(groups).empty
    assert set(groups["status"]) == {"corroborated"}


@pytest.mark.parametrize(
    ("second_source", "n_conflicts"),
    [(NIS, 0), ("", 0), (TASS, 1)],
    ids=["same-originator-revises", "unattributed-is-no-originator", "independent-disagree"],
)
def test_only_independent_originators_conflict(second_source, n_conflicts):
    # Formerly kinds "revision" and "unattributed" were conflicts too (issue 11: a rising series
    # from one agency was flagged as a conflict).
    claims = ledger(
        claim(11000, doc="a", published="2024-11-01"),
        claim(12000, doc="b", source=second_source, published="2024-12-01"),
    )
    conflicts = rc.find_conflicts(rc.group_claims(claims))
    assert len(conflicts) == n_conflicts
    assert set(conflicts["kind"]) <= {"disagreement"}


@pytest.mark.parametrize(
    ("first_date", "second_date", "period_days", "conflict"),
    [
        ("2024-11-01", "2024-12-15", 90, True),
        ("2024-11-01", "2025-06-01", 90, False),  # different periods: figures may simply grow
        ("2024-11-01", "2025-06-01", 365, True),
        # Undated figures are compared with nothing (formerly: unknown dates always compared).
        ("2024-11-01", None, 90, False),
        (None, None, 0, False),
    ],
)
def test_conflicts_need_the_same_period(first_date, second_date, period_days, conflict):
    claims = ledger(
        claim(11000, doc="a", published=first_date),
        claim(15000, doc="b", source=GUR, published=second_date),
    )
    groups = rc.group_claims(claims, window_days=period_days)
    assert (set(groups["status"]) == {"conflicting"}) is conflict
    assert (len(rc.find_conflicts(groups)) == 1) is conflict
    assert (len(rc.conflicts(claims, window_days=period_days)) == 1) is conflict


def test_vague_groups_conflict_with_nothing():
    claims = ledger(claim(50000, doc="a"), claim(None, low=100, high=900, doc="b", source=GUR))
    groups = rc.group_claims(claims)
    assert rc.find_conflicts(groups).empty
    assert set(groups["status"]) == {"single-source"}


# --------------------------------------------------------------------------- headline

SPREAD = ledger(
    approx(10000, doc="g1", source=GUR, published="2024-10-20"),
    approx(15000, doc="n1", source=NIS, published="2024-11-01"),
    approx(15000, doc="n2", source=NIS, published="2024-11-02", language="bn"),
    approx(15000, doc="n3", source=NIS, published="2024-11-03", language="pt"),
    claim(12000, doc="u1", source=US, published="2024-10-10"),
)


@pytest.mark.parametrize(
    ("policy", "value", "low", "high", "sources", "note_words"),
    [
        ("conservative", 10000, 9000, 16500, GUR, ["lowest of 3 current figures", "within 90"]),
        ("median", 12000, 9000, 16500, US, ["median of 3 current figures", "12,000"]),
        ("latest", 15000, 9000, 16500, NIS, ["most recent of 3", "1 Nov 2024"]),
    ],
)
def test_policy_changes_the_headline_and_says_so(policy, value, low, high, sources, note_words):
    out = rc.headline(SPREAD, policy)
    assert list(out.columns) == list(rc.HEADLINE_COLUMNS)
    assert len(out) == 1
    row = out.iloc[0]
    assert row["policy"] == policy
    assert (row["value"], row["value_low"], row["value_high"]) == (value, low, high)
    assert row["sources"] == sources
    assert row["n_originators"] == 3
    assert row["contested"]
    for word in note_words:
        assert word in row["note"]
    assert row["as_of"] == pd.Timestamp(
        {GUR: "2024-10-20", US: "2024-10-10", NIS: "2024-11-01"}[sources]
    )


def test_median_counts_each_originator_once_not_each_repetition():
    # Formerly 12,500, the average of the two middle figures, which nobody stated (issue 11):
    # with an even count the median is the lower middle figure.
    claims = ledger(
        claim(15000, doc="n1"),
        claim(15000, doc="n2"),
        claim(15000, doc="n3"),
        claim(10000, doc="g", source=GUR),
        claim(16000, doc="t", source=TASS),
    )
    row = rc.headline(claims, "median").iloc[0]
    assert row["value"] == 15000  # median of {NIS 15,000, GUR 10,000, TASS 16,000}, not of 5 claims
    two = rc.headline(claims[claims["attributed_to"] != TASS], "median").iloc[0]
    assert two["value"] == 10000 and "lower of the two middle" in two["note"]


def test_median_uses_each_originators_latest_figure():
    claims = ledger(
        claim(3000, doc="n0", published="2024-10-01"),
        claim(11000, doc="n1", published="2024-12-01"),
        claim(12000, doc="g", source=GUR, published="2024-12-01"),
    )
    row = rc.headline(claims, "median").iloc[0]
    assert row["value"] == 11000  # {NIS 11,000 (its latest), GUR 12,000}: the lower middle one


def test_headline_from_undated_figures_only_says_so_and_is_a_stated_figure():
    # Formerly the median of the originators' medians (13,750, stated by nobody).
    claims = ledger(
        claim(10000, doc="a", source=US, published=None),
        claim(15000, doc="b", source=US, published=None),
        claim(15000, doc="c", source=NIS, published=None),
    )
    for policy in rc.POLICIES:
        row = rc.headline(claims, policy).iloc[0]
        assert row["value"] in {10000, 15000}
        assert pd.isna(row["as_of"]) and row["note"].startswith("No figure is dated.")


def test_headline_falls_back_to_unattributed_and_says_so():
    claims = ledger(claim(5000, doc="a", source=""), claim(7000, doc="b", source=""))
    row = rc.headline(claims, "conservative").iloc[0]
    assert row["value"] == 5000
    assert row["n_originators"] == 0 and row["sources"] == ""
    assert "unattributed" in row["note"]


def test_headline_prefers_attributed_over_lower_unattributed():
    claims = ledger(claim(2000, doc="a", source=""), claim(7000, doc="b"))
    row = rc.headline(claims, "conservative").iloc[0]
    assert row["value"] == 7000 and row["sources"] == NIS


def test_headline_separates_stages_and_measures():
    claims = ledger(
        claim(12000, doc="a", stage="planned", indicator="workers_deployed"),
        claim(5000, doc="b", stage="done", indicator="workers_deployed"),
        claim(11000, doc="c"),
    )
    out = rc.headline(claims)
    assert set(zip(out["indicator"], out["stage"], out["value"], strict=True)) == {
        ("workers_deployed", "planned", 12000),
        ("workers_deployed", "", 5000),  # done and unstated: stage ""
        ("troops_deployed", "", 11000),
    }


def test_headline_vague_only_has_no_number():
    row = rc.headline(ledger(claim(None, high=9999))).iloc[0]
    assert math.isnan(row["value"])
    assert (row["value_low"], row["value_high"]) == (1000, 9999)
    assert "vague" in row["note"]


def test_invalid_policy_names_the_valid_ones():
    with pytest.raises(ValueError, match="latest, conservative, median"):
        rc.headline(SPREAD, "mean")


def test_reconciling_once_gives_the_same_tables_as_the_functions():
    once = rc.reconcile(SPREAD, window_days=30)
    for policy in rc.POLICIES:
        pd.testing.assert_frame_equal(
            once.headline(policy), rc.headline(SPREAD, policy, window_days=30)
        )
    pd.testing.assert_frame_equal(once.groups(), rc.group_claims(SPREAD, window_days=30))
    pd.testing.assert_frame_equal(once.series(), rc.series(SPREAD))
    pd.testing.assert_frame_equal(once.current(), rc.current(SPREAD))
    # period_days is the former name of the window
    pd.testing.assert_frame_equal(
        rc.headline(SPREAD, "conservative", period_days=30),
        rc.headline(SPREAD, "conservative", window_days=30),
    )


# --------------------------------------------------------------------------- other API


def test_assign_groups_keeps_rows_index_and_matches_group_ids():
    claims = SPREAD.copy()
    claims.index = [f"r{i}" for i in range(len(claims))]
    assigned = rc.assign_groups(claims)
    assert list(assigned.index) == list(claims.index)
    pd.testing.assert_frame_equal(assigned[claims.columns], claims)
    assert assigned["group_reason"].str.len().gt(0).all()
    groups = rc.group_claims(claims)
    counts = assigned["group_id"].value_counts()
    assert counts.to_dict() == dict(zip(groups["group_id"], groups["n_claims"], strict=True))


def test_row_order_does_not_change_the_groups():
    claims = ledger(
        claim(10000, doc="a"),
        claim(15000, doc="b"),
        claim(None, high=99000, doc="c"),
        approx(15000, doc="d", source=""),
        claim(12000, low=12000, high=math.inf, qualifier="at_least", doc="e"),
        approx(10000, doc="f", source=f"{GUR}; {US}"),
    )

    def membership(frame):
        assigned = rc.assign_groups(frame)
        return sorted(
            tuple(sorted(docs)) for docs in assigned.groupby("group_id")["doc_id"].agg(list)
        )

    assert membership(claims) == membership(claims.iloc[::-1])
    assert membership(claims) == membership(claims.sample(frac=1, random_state=3))


def test_who_says_what_counts_groups_or_claims():
    groups_matrix = rc.who_says_what(SPREAD)
    assert groups_matrix.loc[NIS, "troops_deployed"] == 1
    claims_matrix = rc.who_says_what(SPREAD, count="claims")
    assert claims_matrix.loc[NIS, "troops_deployed"] == 3
    unattributed = rc.who_says_what(ledger(claim(1, source="")))
    assert unattributed.loc[rc.UNATTRIBUTED, "troops_deployed"] == 1
    with pytest.raises(ValueError, match="groups, claims"):
        rc.who_says_what(SPREAD, count="documents")


def test_empty_ledger_gives_empty_tables_with_columns():
    empty = ledger()
    assert list(rc.group_claims(empty).columns) == list(rc.GROUP_COLUMNS)
    assert rc.group_claims(empty).empty
    assert rc.find_conflicts(rc.group_claims(empty)).empty
    assert list(rc.headline(empty).columns) == list(rc.HEADLINE_COLUMNS)
    assert rc.headline(empty).empty
    for table, columns in (
        (rc.series(empty), rc.SERIES_COLUMNS),
        (rc.current(empty), rc.CURRENT_COLUMNS),
        (rc.conflicts(empty), rc.CONFLICT_COLUMNS),
    ):
        assert table.empty and list(table.columns) == list(columns)
    assert rc.breakdown(empty).empty
    assert rc.assign_groups(empty).empty


def test_missing_columns_and_bad_period_are_errors():
    with pytest.raises(ValueError, match="attributed_to"):
        rc.group_claims(SPREAD.drop(columns="attributed_to"))
    with pytest.raises(ValueError, match="window_days"):
        rc.group_claims(SPREAD, window_days=-1)
    with pytest.raises(ValueError, match="window_days"):
        rc.headline(SPREAD, period_days=-1)


def test_group_columns_are_the_documented_ones():
    assert list(rc.group_claims(SPREAD).columns) == list(rc.GROUP_COLUMNS)
    assert rc.POLICIES == ("latest", "conservative", "median")
    assert tuple(POLICY_RULES) == rc.POLICIES  # one rule per policy name


# --------------------------------------------------------------------------- property

_SOURCES = st.sampled_from(["", NIS, GUR, f"{NIS}; {US}", TASS])


@st.composite
def _claims(draw):
    rows = []
    for i in range(draw(st.integers(0, 25))):
        qualifier = draw(
            st.sampled_from(["exact", "approx", "range", "at_least", "at_most", "vague"])
        )
        value = float(draw(st.integers(1, 40)) * 500)
        spread = float(draw(st.integers(0, 4)) * 500)
        low, high = value - spread, value + spread
        if qualifier == "exact":
            low = high = value
        elif qualifier == "at_least":
            low, high = value, math.inf
        elif qualifier == "at_most":
            low, high = 0.0, value
        elif qualifier == "vague":
            value = math.nan
        day = draw(st.one_of(st.none(), st.integers(0, 400)))
        rows.append(
            claim(
                value,
                low=low,
                high=high,
                qualifier=qualifier,
                doc=f"d{draw(st.integers(0, 8))}",
                start=i,
                source=draw(_SOURCES),
                stage=draw(st.sampled_from(["", "", "planned", "done"])),
                indicator=draw(st.sampled_from(["troops_deployed", "killed"])),
                published=None
                if day is None
                else str(pd.Timestamp("2024-06-01") + pd.Timedelta(days=day)),
            )
        )
    return ledger(*rows)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_claims())
def test_property_no_claim_lost_and_best_within_range(claims):
    groups = rc.group_claims(claims)
    assert groups["n_claims"].sum() == len(claims)
    numeric = groups[groups["value_best"].notna()]
    assert (numeric["value_low"] <= numeric["value_best"]).all()
    assert (numeric["value_best"] <= numeric["value_high"]).all()
    # only vague-only groups lack a best value
    assert (groups.loc[groups["value_best"].isna(), "basis"] == "vague").all()
    assert set(groups["status"]) <= set(rc.STATUSES)
    # never planned and done in one group (casualties have no stage: theirs is dropped)
    assigned = rc.assign_groups(claims)
    staged = assigned[(assigned["stage"] != "") & (assigned["indicator"] == "troops_deployed")]
    assert (staged.groupby("group_id")["stage"].nunique() <= 1).all()
    # a vague or bound claim never holds two distinct figure-only groups' worth of figures:
    # every group's figure members are linked by shared sources and overlapping ranges
    assert assigned["group_id"].notna().all()


# --------------------------------------------------------------------------- seeds


def test_seeds_15000_is_one_group_in_two_languages_and_10000_stays_apart():
    try:
        from dprkwatch import extract_claims, load_corpus
    except ImportError:
        pytest.skip("dprkwatch.extract_claims is not importable yet (the extractor is pending)")
    from dprkwatch.core.paths import SEEDS_DIR

    claims = extract_claims(load_corpus(SEEDS_DIR))
    troops = claims[claims["indicator"] == "troops_deployed"]
    groups = rc.group_claims(troops)
    assigned = rc.assign_groups(troops)

    def group_of(doc_prefix: str, value: float) -> str:
        rows = assigned[
            assigned["doc_id"].str.startswith(doc_prefix) & (assigned["value"] == value)
        ]
        assert len(rows) >= 1, f"no {value:,.0f} troops claim in {doc_prefix}"
        assert rows["group_id"].nunique() == 1
        return rows["group_id"].iloc[0]

    g15 = group_of("001_", 15000)
    assert group_of("004_", 15000) == g15
    row = groups.set_index("group_id").loc[g15]
    assert {"bn", "pt"} <= set(row["languages"].split("; "))
    assert "South Korea NIS" in row["originators"]
    g10 = group_of("003_", 10000)
    assert g10 != g15  # 10,000 and 15,000 are not silently merged
    assert groups.set_index("group_id").loc[g10, "value_best"] == 10000


def test_agreement_with_a_point_outside_every_group_never_fails():
    """Regression (bench-scale at 10,000 documents): a pair whose side lies in no group (label -1)
    has no originators of its own; the groups' partners are still found."""
    import numpy as np

    from dprkwatch.analysis.groups import _partners

    sides = pd.DataFrame({"label": [0, -1], "other": [1, 0]})
    names = np.array(["South Korea NIS", "Ukraine GUR"], dtype=object)
    out = pd.DataFrame({"originators": ["South Korea NIS"]}, index=[0])
    assert list(_partners(sides, names, out, skip_own=True)) == ["Ukraine GUR"]
