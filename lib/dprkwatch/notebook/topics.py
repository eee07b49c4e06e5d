"""Topic analyses for the reports: current figures, headlines, groups, breakdowns, weapon types.

Reconciliation itself lives in dprkwatch.analysis.reconcile; this module shapes its results
into the tables a reader reads (labels, figures in words, no internal column names).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Any

import pandas as pd
import yaml

from dprkwatch.analysis import reconcile
from dprkwatch.core import fmt, paths
from dprkwatch.core.sql import literal
from dprkwatch.lang.packs import literal_alternation
from dprkwatch.notebook import display, headlines, labels
from dprkwatch.notebook.load import Selection

STAGED_ORDER = {"done": 0, "": 1, "planned": 2}


def reconciled(claims: pd.DataFrame, window_days: int) -> reconcile.Reconciliation:
    """The claims reconciled once (series, current figures, groups, conflicts, headlines)."""
    return reconcile.reconcile(claims, window_days=window_days)


def _in_order(table: pd.DataFrame, indicators: Sequence[str], *by: str) -> pd.DataFrame:
    """Rows of these indicators, in their order (then by the given columns)."""
    order = {ind: i for i, ind in enumerate(indicators)}
    table = table[table["indicator"].isin(order)]
    keys = table["indicator"].map(order)
    return table.assign(_i=keys).sort_values(["_i", *by], kind="stable").drop(columns="_i")


def _figure(value: Any, low: Any, high: Any, unit: Any) -> str:
    """A reconciled figure: "600 (540–660)", "≈2,000–9,999" for a range only, with its unit."""
    words = labels.unit_words(unit)
    if pd.isna(value):
        text = f"{fmt.number(low)}–{fmt.number(high)}" if pd.notna(low) else "–"
    else:
        text = fmt.number(value)
        if pd.notna(low) and pd.notna(high) and (low != value or high != value):
            text += f" ({fmt.number(low)}–{fmt.number(high)})"
    if words == "×":
        return text + words
    return f"{text} {words}" if words else text


def _figures(table: pd.DataFrame, value: str = "value") -> list[str]:
    cols = (value, "value_low", "value_high", "unit")
    return [_figure(*row) for row in zip(*(table[c] for c in cols), strict=True)]


def _stage_labels(table: pd.DataFrame) -> list[str]:
    stages = table["stage"] if "stage" in table else pd.Series("", index=table.index)
    return [labels.stage_label(str(i), s) for i, s in zip(table["indicator"], stages, strict=True)]


def _who(originator: Any) -> str:
    """An originator as readers read it: "unattributed" when the text names none."""
    return originator if isinstance(originator, str) and originator else labels.UNATTRIBUTED


def _language_names(value: Any) -> str:
    codes = value if isinstance(value, list | tuple) else re.split(r"[;,]\s*", str(value or ""))
    return ", ".join(labels.language_name(c) for c in codes if c)


# --------------------------------------------------------------------------- series and current


def current_figures(rec: reconcile.Reconciliation, indicators: Sequence[str]) -> pd.DataFrame:
    """Per measure and originator: its current figure, its date and how it got there."""
    cur = rec.current()
    if cur.empty:
        return pd.DataFrame()
    cur = _in_order(cur, indicators, "stage", "as_of", "value")
    return pd.DataFrame(
        {
            "measure": _stage_labels(cur),
            "originator": cur["originator"].map(_who),
            "current figure": _figures(cur),
            "as of": cur["as_of"].map(labels.date_text),
            "how it got there": cur["note"],
            "documents": cur["n_documents"],
        }
    ).reset_index(drop=True)


def history_table(rec: reconcile.Reconciliation, indicators: Sequence[str]) -> pd.DataFrame:
    """Each originator's figures in date order: totals, additions and the change each made."""
    s = rec.series()
    if s.empty:
        return pd.DataFrame()
    s = _in_order(s, indicators, "originator", "as_of")
    return pd.DataFrame(
        {
            "measure": _stage_labels(s),
            "originator": s["originator"].map(_who),
            "as of": s["as_of"].map(labels.date_text),
            "figure": _figures(s),
            "stated as": s["measure"].map(MEASURE_WORDS).fillna(s["measure"]),
            "what it says": s["note"],
            "languages": s["languages"].map(_language_names),
        }
    ).reset_index(drop=True)


MEASURE_WORDS = {"total": "a total", "increment": "an addition", "rate": "a rate"}


def undated_figures(rec: reconcile.Reconciliation, indicators: Sequence[str]) -> pd.DataFrame:
    """Figures no date can be given to: listed apart, never a current figure or a headline."""
    s = rec.series()
    s = _in_order(s[~s["dated"].astype(bool)], indicators, "originator") if len(s) else s
    return pd.DataFrame(
        {
            "measure": _stage_labels(s) if len(s) else [],
            "originator": s["originator"].map(_who) if len(s) else [],
            "figure": _figures(s) if len(s) else [],
            "documents": s["n_documents"] if len(s) else [],
        }
    )


# --------------------------------------------------------------------------- headline


def say_rule(policy: str, window_days: int) -> None:
    """One sentence on how this report picks its headline and compares figures."""
    display.say(
        "Headline rule: **{rule}**; figures up to {days} days apart are compared.",
        rule=labels.POLICY_WORDS.get(policy, policy),
        days=window_days,
    )


def show_headlines(
    rec: reconcile.Reconciliation, policy: str, indicators: Sequence[str]
) -> pd.DataFrame:
    """The headline figure per measure under a policy: cards (recorded) and why each."""
    table = _in_order(rec.headline(policy), indicators, "stage").reset_index(drop=True)
    if table.empty:
        display.say("No figure on these measures in this selection.")
        return table
    records = headlines.headline_records(table, policy)
    headlines.record_headlines(records)
    why = pd.DataFrame(
        {
            "measure": [r["label"] for r in records],
            "headline": [headlines.value_text(r["value"], r["unit"]) for r in records],
            "range": [_range(r) for r in table.itertuples()],
            "sources": [r["sources"] or "no named source" for r in records],
            "why": [r["detail"] for r in records],
        }
    )
    display.show(why, caption=f"Headline figures: {labels.POLICY_WORDS.get(policy, policy)}")
    return table


def _range(r: Any) -> str:
    lo, hi = getattr(r, "value_low", None), getattr(r, "value_high", None)
    if pd.isna(lo) or pd.isna(hi):
        return "–"
    return f"{fmt.number(lo)}–{fmt.number(hi)}"


# --------------------------------------------------------------------------- groups


def claim_groups(claims: pd.DataFrame, window_days: int) -> pd.DataFrame:
    """Claims grouped by the stated figure they trace to (reconcile's groups)."""
    if claims.empty:
        return pd.DataFrame(columns=list(reconcile.GROUP_COLUMNS))
    return reconciled(claims, window_days).groups()


def show_groups(groups: pd.DataFrame, caption: str) -> None:
    """Claim groups for readers, most widely reported first, conflicting ones highlighted."""
    if groups.empty:
        display.show(groups, caption=caption, empty=f"{caption}: none in this selection.")
        return
    groups = groups.sort_values(["n_documents", "last_as_of"], ascending=False, kind="stable")
    table = pd.DataFrame(
        {
            "measure": _stage_labels(groups),
            "figure": _figures(groups, "value_best"),
            "status": groups["status"].map(lambda s: f"⚠ {s}" if s == "conflicting" else str(s)),
            "originators": groups["originators"].map(
                lambda v: display.cell_text(v) or "none named"
            ),
            "documents": groups["n_documents"],
            "languages": groups["languages"].map(_language_names),
            "first dated": groups["first_as_of"],
            "last dated": groups["last_as_of"],
            "why": groups["note"],
        }
    )
    classes = ["dw-conflict" if s == "conflicting" else "" for s in groups["status"]]
    display.show(table, caption=caption, row_classes=classes, max_static_rows=40, max_rows=500)


def conflict_count(groups: pd.DataFrame) -> int:
    """Claim groups in conflict with another."""
    return int((groups["status"] == "conflicting").sum()) if len(groups) else 0


def conflicts_table(rec: reconcile.Reconciliation, indicators: Sequence[str]) -> pd.DataFrame:
    """Independent originators whose current figures cannot both be right, and why."""
    c = rec.conflicts()
    if c.empty:
        return pd.DataFrame()
    c = _in_order(c, indicators)
    return pd.DataFrame({"measure": _stage_labels(c), "why": c["note"]}).reset_index(drop=True)


# --------------------------------------------------------------------------- casualties


def casualty_breakdown(rec: reconcile.Reconciliation) -> pd.DataFrame:
    """Killed, wounded, killed-or-wounded and captured per originator and date, never mixed.

    Only figures one originator gave for the same date are put on one row: figures of
    different dates are different moments of a running total, never one breakdown.
    """
    b = rec.breakdown()
    if b.empty:
        return pd.DataFrame()
    out = pd.DataFrame({"originator": b["originator"], "as of": b["as_of"].map(labels.date_text)})
    for kind in ("killed", "wounded", "killed_or_wounded", "captured"):
        if kind in b:
            out[labels.indicator_label(kind)] = b[kind]
    out["reading"] = b["note"]
    return out.dropna(axis=1, how="all").reset_index(drop=True)


# --------------------------------------------------------------------------- labour


@cache
def _terms() -> dict[str, Any]:
    return yaml.safe_load(paths.WEAPON_TERMS.read_text(encoding="utf-8"))


@cache
def _stem_pattern(stems: tuple[str, ...]) -> re.Pattern:
    # Stems match at a word start and run to the word end; scripts without case are unaffected.
    alts = literal_alternation(stems)
    return re.compile(rf"(?<!\w)(?:{alts})\w*", re.IGNORECASE)


def destinations(claims: pd.DataFrame) -> list[str]:
    """Where a deployment claim sends people, from its quote and English rendering."""
    places = [(name, _stem_pattern(tuple(s))) for name, s in _terms()["destinations"].items()]
    found = []
    for en, quote in zip(claims["claim_en"].fillna(""), claims["quote"].fillna(""), strict=True):
        text = f"{en} {quote}"
        found.append(next((n for n, p in places if p.search(text)), "Russia (unspecified)"))
    return found


DEPLOYMENT_ROLES = ("workers_deployed", "construction_workers_deployed", "sappers_deployed")


def deployments_by_destination(claims: pd.DataFrame) -> pd.DataFrame:
    """Workers, construction workers and sappers: role, destination, figure, source; newest first.

    claims need their quotes (the destination is read there): a selection's newest_claims,
    whose attrs["rows_in_all"] the table keeps for display.show's note.
    """
    c = claims[claims["indicator"].isin(DEPLOYMENT_ROLES)]
    out = pd.DataFrame(
        {
            "role": [
                labels.stage_label(i, s) for i, s in zip(c["indicator"], c["stage"], strict=True)
            ],
            "destination": destinations(c),
            "figure": labels.figures(c),
            "source": c["attributed_to"].map(labels.source_label),
            "language": c["language"].map(labels.language_name),
            "date": pd.to_datetime(c["as_of"]).fillna(pd.to_datetime(c["published"])),
        }
    )
    out.attrs["rows_in_all"] = claims.attrs.get("rows_in_all", len(c))
    return out.sort_values(["date", "role"], ascending=[False, True], na_position="last")


# --------------------------------------------------------------------------- munitions


def weapon_names() -> list[str]:
    """Weapon types of the lexicon (notebook/weapon_terms.yaml), in its order."""
    return list(_terms()["weapons"])


def _sql_pattern(stems: Sequence[str]) -> str:
    """A stem list as an RE2 pattern: at a word start, case-insensitive, to the word end."""
    alts = literal_alternation(stems)
    return rf"(?i)(?:^|[^\pL\pN])(?:{alts})"


def weapon_mentions(sel: Selection) -> pd.DataFrame:
    """Per weapon type and language: documents whose claims' sentences name it.

    Counted in DuckDB over the quotes the store keeps (never documents' whole text): one scan
    per language, each weapon's pattern a constant. (A join on a pattern column compiled a
    regex per claim: at 100,000 documents the cell ran past its 10-minute limit.)
    """
    wanted: dict[str, list[tuple[str, str]]] = {}
    for weapon, by_lang in _terms()["weapons"].items():
        for lang, stems in by_lang.items():
            if not sel.languages or lang in sel.languages:
                wanted.setdefault(lang, []).append((weapon, _sql_pattern(stems)))
    rows = [row for lang, items in sorted(wanted.items()) for row in _mentions_in(sel, lang, items)]
    return pd.DataFrame(rows, columns=["weapon", "language", "documents"])


def _mentions_in(sel: Selection, lang: str, items: list[tuple[str, str]]) -> list[tuple]:
    counts = ", ".join(
        f"count(DISTINCT CASE WHEN regexp_matches(quote, {_sql_text(p)}) THEN path END)"
        for _, p in items
    )
    got = sel.query(f"SELECT {counts} FROM {{claims}} WHERE language = {_sql_text(lang)}")
    values = got.iloc[0].tolist() if len(got) else [0] * len(items)
    return [(weapon, lang, int(n)) for (weapon, _), n in zip(items, values, strict=True) if n]


def _sql_text(text: str) -> str:
    """A SQL string literal, braces doubled for the str.format that fills in {claims}."""
    return literal(text).replace("{", "{{").replace("}", "}}")


def weapon_matrix(mentions: pd.DataFrame, languages: Sequence[str]) -> pd.DataFrame:
    """Weapon type x language: documents naming it (every weapon type and language, 0 if none)."""
    langs = sorted(set(languages) | set(mentions["language"]))
    if not langs:
        return pd.DataFrame(dtype=int)
    m = mentions.pivot_table(
        index="weapon", columns="language", values="documents", aggfunc="sum", fill_value=0
    )
    m = m.reindex(index=weapon_names(), columns=langs, fill_value=0).fillna(0).astype(int)
    m.columns = [labels.language_label(c) for c in m.columns]
    m.index.name = None
    return m
