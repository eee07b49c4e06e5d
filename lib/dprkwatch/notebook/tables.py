"""Tables a report shows, from a selection of the store: counted in DuckDB, bounded, readable.

Functions taking a Selection aggregate in SQL (only the rows shown reach pandas); functions
taking a claims DataFrame work on what a topic report already holds. Every table is sorted so
that its first rows are the ones a reader needs most (display.show cuts long tables).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from dprkwatch.notebook import headlines, labels
from dprkwatch.notebook.load import Selection

# Documents or sources a chart names at most; the rest are summed into one "others" row.
TOP_BARS = 15


# --------------------------------------------------------------------------- documents


def documents_by(sel: Selection, column: str) -> pd.DataFrame:
    """Document counts by language or outlet, most frequent first."""
    if column not in ("language", "outlet"):
        raise ValueError(f"documents_by: unknown column {column!r} (language, outlet)")
    df = sel.query(
        f"SELECT coalesce(nullif({column}, ''), '(unknown)') AS {column}, count(*) AS documents "
        f"FROM {{docs}} GROUP BY 1 ORDER BY documents DESC, 1"
    )
    if column == "language":
        df.insert(1, "language name", df["language"].map(labels.language_name))
        df["label"] = df["language"].map(labels.language_label)
    return df


def top_rows(df: pd.DataFrame, label: str, value: str, n: int = TOP_BARS) -> pd.DataFrame:
    """The n largest rows, the rest summed into one "n others" row (bounded charts)."""
    if len(df) <= n:
        return df
    head = df.head(n - 1).copy()
    rest = df.iloc[n - 1 :]
    other = {label: f"{len(rest)} others", value: rest[value].sum()}
    return pd.concat([head, pd.DataFrame([other])], ignore_index=True)


def documents_over_time(sel: Selection) -> pd.DataFrame:
    """Documents per period and language: months, or years past four years (bounded bars)."""
    c = sel.counts()
    if pd.isna(c["first"]):
        return pd.DataFrame(columns=["period", "language", "documents"])
    span_days = (pd.Timestamp(c["last"]) - pd.Timestamp(c["first"])).days
    unit = "month" if span_days <= 4 * 366 else "year"
    df = sel.query(
        f"SELECT date_trunc('{unit}', published) AS period, language, count(*) AS documents "
        "FROM {docs} WHERE published IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2"
    )
    df["period"] = pd.to_datetime(df["period"])
    df.attrs["unit"] = unit
    return df


def claims_per_document(sel: Selection, limit: int = 500) -> pd.DataFrame:
    """Documents with the most claims first, and the topics of their claims."""
    return sel.query(
        "SELECT d.doc_id AS document, d.language, d.outlet, d.published, d.title, "
        "d.n_claims AS claims, coalesce(t.topics, '') AS topics "
        "FROM {docs} d LEFT JOIN (SELECT path, string_agg(DISTINCT topic, ', ' ORDER BY topic) "
        "AS topics FROM claims GROUP BY path) t USING (path) "
        "ORDER BY claims DESC, d.published DESC NULLS LAST, document LIMIT $limit",
        {"limit": limit},
    )


def documents_without_claims(sel: Selection, limit: int = 500) -> pd.DataFrame:
    """Documents that yielded no claim (newest first), then files that could not be read."""
    empty = sel.query(
        "SELECT doc_id AS document, language, outlet, title, "
        "'no figure on a tracked indicator' AS why FROM {docs} WHERE n_claims = 0 "
        "ORDER BY published DESC NULLS LAST, doc_id LIMIT $limit",
        {"limit": limit},
    )
    errors = sel.errors()
    unreadable = pd.DataFrame(
        {
            "document": errors["file"],
            "language": "",
            "outlet": "",
            "title": "",
            "why": errors["reason"],
        }
    )
    return pd.concat([empty, unreadable], ignore_index=True)


# --------------------------------------------------------------------------- sources


def source_citations(sel: Selection, limit: int = 200) -> pd.DataFrame:
    """How often each originating source is cited: claims, documents, languages, indicators."""
    df = sel.query(
        "SELECT coalesce(s.source, $unattributed) AS source, count(*) AS claims, "
        "count(DISTINCT c.path) AS documents, "
        "string_agg(DISTINCT c.language, ', ' ORDER BY c.language) AS languages, "
        "list(DISTINCT c.indicator ORDER BY c.indicator) AS indicators "
        "FROM {claims} c LEFT JOIN sources s USING (claim_id) "
        "GROUP BY 1 ORDER BY claims DESC, documents DESC, source LIMIT $limit",
        {"unattributed": labels.UNATTRIBUTED, "limit": limit},
    )
    df["indicators"] = df["indicators"].map(
        lambda v: ", ".join(labels.indicator_label(x) for x in list(v))
    )
    return df


def who_says_what(claims: pd.DataFrame, max_rows: int = 20) -> pd.DataFrame:
    """Originator x indicator: how many claims each originator makes (the busiest first)."""
    if claims.empty:
        return pd.DataFrame(dtype=int)
    # Counted per distinct attribution first: splitting and exploding 1.8 M claims' sources
    # took 7 s and 0.7 GB; a corpus has a few thousand distinct attributions.
    counts = claims.groupby(["attributed_to", "indicator"], dropna=False).size()
    long = counts.rename("n").reset_index()
    long["source"] = long["attributed_to"].map(labels.split_sources)
    long = long.explode("source")
    long["source"] = long["source"].fillna(labels.UNATTRIBUTED)
    matrix = long.pivot_table(
        index="source", columns="indicator", values="n", aggfunc="sum", fill_value=0
    )
    matrix = matrix.loc[matrix.sum(axis=1).sort_values(ascending=False, kind="stable").index]
    if len(matrix) > max_rows:
        rest = matrix.iloc[max_rows - 1 :].sum().to_frame(f"{len(matrix) - max_rows + 1} others").T
        matrix = pd.concat([matrix.iloc[: max_rows - 1], rest])
    matrix.columns = [labels.indicator_label(c) for c in matrix.columns]
    matrix.index.name = None
    return matrix.astype(int)


# --------------------------------------------------------------------------- claims


def claims_table(
    claims: pd.DataFrame, searchable: bool = False, limit: int | None = None
) -> pd.DataFrame:
    """Claims for reading, newest first: figure, source, the quote and its English rendering.

    searchable adds the topic and the bare value (to sort by number) for the ledger report.
    limit: build only the rows that can be among the newest `limit` (a report shows no more);
    the table's attrs["rows_in_all"] keeps the number of claims (the input's own
    attrs["rows_in_all"] when it is a selection's newest claims), for display.show's note.
    """
    date = claims["as_of"].fillna(claims["published"]) if "as_of" in claims else claims["published"]
    total = claims.attrs.get("rows_in_all", len(claims))  # Selection.newest_claims counts all
    keep = _newest(date, limit)
    if keep is not None:
        claims, date = claims[keep], date[keep]
    out = pd.DataFrame(
        {
            "date": date,
            "topic": claims["topic"],
            "indicator": [
                labels.stage_label(i, s)
                for i, s in zip(claims["indicator"], claims.get("stage", ""), strict=True)
            ]
            if "stage" in claims
            else claims["indicator"].map(labels.indicator_label),
            "figure": labels.figures(claims),
            "value": claims["value"],
            "source": claims["attributed_to"].map(labels.source_label),
            "language": claims["language"].map(labels.language_name),
            "outlet": claims.get("outlet", ""),
            "quote (original)": claims["quote"],
            "claim (English)": claims["claim_en"],
            "document": claims["doc_id"],
        }
    )
    out = out.sort_values(["date", "indicator"], ascending=[False, True], na_position="last")
    if not searchable:
        out = out.drop(columns=["topic", "value"])
    out.attrs["rows_in_all"] = total
    return out


def _newest(date: pd.Series, limit: int | None) -> pd.Series | None:
    """Rows dated on or after the limit-th newest date (ties kept, so the order is the full
    table's); None when every row may be shown: labelling and sorting 600,000 claims for the
    1,000 a report shows took 5 s and 250 MB."""
    if limit is None or len(date) <= limit or date.notna().sum() < limit:
        return None
    cutoff = date.nlargest(limit).iloc[-1]
    return date >= cutoff


# The ledger report's bounded selection: the newest claims and the most widely reported ones
# (the same indicator, figure and source in most documents) taken in turns, each claim once,
# up to the limit; shown newest first. A source is its institutions, whatever the words or the
# person in brackets ("South Korea NIS (국정원)" and "South Korea NIS (NIS)" are one source).
# Ranked on the few columns the ranking reads, then joined back for the chosen rows only: window
# functions over every column (quotes, titles) held 3.4 GB at 1.77 M claims for 2,000 rows.
_LEDGER_SELECTION_SQL = """
WITH c AS (
  SELECT claim_id, published,
    count(DISTINCT path) OVER (
      PARTITION BY indicator, value, regexp_replace(attributed_to, ' *\\([^()]*\\)', '', 'g')
    ) AS reported
  FROM {claims}),
ranked AS (
  SELECT claim_id, reported,
    row_number() OVER (ORDER BY published DESC NULLS LAST, claim_id) AS by_date,
    row_number() OVER (ORDER BY reported DESC, published DESC NULLS LAST, claim_id) AS by_reach
  FROM c),
chosen AS (
  SELECT claim_id, reported FROM ranked ORDER BY least(by_date, by_reach), by_date LIMIT $limit)
SELECT x.*, chosen.reported FROM {claims} AS x JOIN chosen USING (claim_id)
ORDER BY x.published DESC NULLS LAST, x.path, x.char_start, x.claim_id
"""


def ledger_selection(sel: Selection, max_claims: int) -> pd.DataFrame:
    """At most max_claims claims: the newest and the most widely reported, in turns."""
    df = sel.query(_LEDGER_SELECTION_SQL, {"limit": max(1, int(max_claims))})
    for col in ("published", "as_of"):
        df[col] = pd.to_datetime(df[col])
    return df


def indicator_summary(claims: pd.DataFrame, indicators: Sequence[str]) -> pd.DataFrame:
    """Per indicator: claims, the span of figures, sources and languages (empty ones kept)."""
    rows = []
    for ind in indicators:
        c = claims[claims["indicator"] == ind]
        vals = c["value"].dropna()
        sources = sorted({s for v in c["attributed_to"] for s in labels.split_sources(v)})
        rows.append(
            {
                "indicator": labels.indicator_label(ind),
                "claims": len(c),
                "lowest figure": vals.min() if len(vals) else None,
                "highest figure": vals.max() if len(vals) else None,
                "sources": ", ".join(sources) or ("–" if c.empty else labels.UNATTRIBUTED),
                "languages": ", ".join(sorted({labels.language_name(x) for x in c["language"]})),
            }
        )
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- changes


def changes(sel: Selection, indicators: Sequence[str] = ()) -> pd.DataFrame:
    """Claims new, revised or gone in the store's last update, for these indicators."""
    df = sel.store.changes()
    if indicators:
        df = df[df["indicator"].isin(list(indicators))]
    if sel.languages:
        df = df[df["language"].isin(list(sel.languages))]
    return df.reset_index(drop=True)


def change_table(changes: pd.DataFrame) -> pd.DataFrame:
    """store.changes() for reading: what changed, the figure before and after."""
    if changes.empty:
        return pd.DataFrame()
    now = labels.figures(changes)
    old = labels.figures(
        changes.rename(
            columns={
                "value": "_v",
                "value_low": "_l",
                "value_high": "_h",
                "qualifier": "_q",
                "old_value": "value",
                "old_value_low": "value_low",
                "old_value_high": "value_high",
                "old_qualifier": "qualifier",
            }
        )
    )
    out = pd.DataFrame(
        {
            "change": changes["change"],
            "indicator": changes["indicator"].map(labels.indicator_label),
            "figure": [
                f if c != "gone" else "–" for f, c in zip(now, changes["change"], strict=True)
            ],
            "before": [
                f if c == "revised" else (n if c == "gone" else "–")
                for f, n, c in zip(old, now, changes["change"], strict=True)
            ],
            "source": changes["attributed_to"].map(labels.source_label),
            "language": changes["language"].map(labels.language_name),
            "claim (English)": changes["claim_en"],
            "document": changes["doc_id"],
        }
    )
    order = {"new": 0, "revised": 1, "gone": 2}
    return out.sort_values("change", key=lambda s: s.map(order).fillna(3), kind="stable")


# --------------------------------------------------------------------------- key figures


def corpus_headlines(sel: Selection) -> None:
    """Record the overview's key figures: documents, languages, claims, documents with none."""
    c = sel.counts()
    empty = int(sel.query("SELECT count(*) AS n FROM {docs} WHERE n_claims = 0")["n"][0])
    n_errors = len(sel.store.errors())
    headlines.record_headlines(
        [
            headlines.headline_record("Documents", int(c["documents"])),
            headlines.headline_record("Languages", int(c["languages"])),
            headlines.headline_record("Claims", int(c["claims"])),
            headlines.headline_record(
                "Documents with no claim",
                empty,
                note=f"{labels.count(n_errors, 'unreadable file')}" if n_errors else "",
            ),
        ]
    )


def ledger_headlines(sel: Selection, n_conflicting_groups: int) -> None:
    """Record the ledger report's key figures: claims, documents, conflicting claim groups."""
    c = sel.counts()
    headlines.record_headlines(
        [
            headlines.headline_record("Claims", int(c["claims"])),
            headlines.headline_record("Documents", int(c["documents"])),
            headlines.headline_record("Conflicting claim groups", n_conflicting_groups),
        ]
    )
