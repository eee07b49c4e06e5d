"""What a report reads: a selection (languages, publication dates) of the ledger store.

Notebooks never read the corpus nor documents' text: claims and documents' metadata come from
the store (dprkwatch.store), counts and aggregates are computed in DuckDB, and pandas holds only
what a report shows. A missing or unreadable store stops the report with one plain sentence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from dprkwatch.analysis.frame import READ
from dprkwatch.core.errors import StoreError
from dprkwatch.notebook import labels
from dprkwatch.store.reader import Store, frame, open_store


class StoreUnavailable(StoreError):
    """A report has no store to read; shown to readers as one sentence, not a traceback."""

    def _render_traceback_(self) -> list[str]:
        # IPython (and so papermill's error cell) prints these lines instead of a traceback.
        return [str(self)]


@dataclass
class Selection:
    """The store's claims and documents in some languages and a publication-date window."""

    store: Store
    languages: tuple[str, ...] = ()
    published_from: str = ""
    published_to: str = ""
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    # --- SQL ----------------------------------------------------------------------------

    def where(self, alias: str = "") -> tuple[str, dict[str, Any]]:
        """The selection as a SQL condition on a view with language and published columns."""
        p = f"{alias}." if alias else ""
        clauses, params = ["TRUE"], dict[str, Any]()
        if self.languages:
            clauses.append(f"{p}language IN (SELECT unnest($sel_languages))")
            params["sel_languages"] = list(self.languages)
        if self.published_from:
            clauses.append(f"{p}published >= $sel_from")
            params["sel_from"] = _day(self.published_from)
        if self.published_to:
            clauses.append(f"{p}published < $sel_to")
            params["sel_to"] = _day(self.published_to) + dt.timedelta(days=1)
        return " AND ".join(clauses), params

    def query(self, sql: str, params: dict[str, Any] | None = None) -> pd.DataFrame:
        """Run SQL over the store's views; {docs} and {claims} stand for the selected rows.

        params are named ($name in the SQL); the selection's own start with "sel_".
        """
        where, own = self.where()
        sql = sql.format(
            docs=f"(SELECT * FROM documents WHERE {where})",
            claims=f"(SELECT * FROM claims WHERE {where})",
        )
        named = {**own, **(params or {})}
        con = self.store.connection()
        return frame(con.sql(sql, params=named) if named else con.sql(sql))

    # --- frames ---------------------------------------------------------------------------

    def claims(self, topic: str | None = None, indicators: tuple[str, ...] = ()) -> pd.DataFrame:
        """The selected claims (ledger columns, claim_id, first/last seen run)."""
        key = f"claims|{topic}|{','.join(indicators)}"
        if key not in self._cache:
            self._cache[key] = self.store.claims(
                **self._dates(), languages=self.languages, indicators=indicators, topic=topic
            )
        return self._cache[key]

    def claims_without_text(
        self, topic: str | None = None, indicators: tuple[str, ...] = ()
    ) -> pd.DataFrame:
        """The selected claims with only what reconciliation reads (analysis.frame.READ; quotes
        of increments only), at a fraction of the memory: reports' tables read the rest from
        the store for the rows they show (newest_claims)."""
        key = f"lean|{topic}|{','.join(indicators)}"
        if key not in self._cache:
            self._cache[key] = self.store.claims(
                **self._dates(),
                languages=self.languages,
                topic=topic,
                indicators=indicators,
                columns=READ,
                increment_quotes_only=True,
            )
        return self._cache[key]

    def newest_claims(
        self, limit: int, topic: str | None = None, indicators: tuple[str, ...] = ()
    ) -> pd.DataFrame:
        """The newest `limit` selected claims with every column (what a claims table shows);
        attrs["rows_in_all"]: how many are selected in all, for the table's note."""
        filters: dict[str, Any] = {
            "languages": self.languages,
            "topic": topic,
            "indicators": indicators,
        }
        newest = self.store.claims(
            **self._dates(), **filters, limit=max(1, int(limit)), newest_first=True
        )
        newest.attrs["rows_in_all"] = self.store.count_claims(**self._dates(), **filters)
        return newest

    def _dates(self) -> dict[str, Any]:
        """The publication window as Store's filters take it."""
        return {
            "published_from": _day(self.published_from) if self.published_from else None,
            "published_to": _end_of_day(self.published_to) if self.published_to else None,
        }

    def counts(self) -> dict[str, Any]:
        """Documents, languages, claims, date range and undated documents of the selection."""
        if "counts" not in self._cache:
            row = self.query(
                "SELECT count(*) AS documents, count(DISTINCT language) AS languages, "
                "min(published) AS first, max(published) AS last, "
                "coalesce(sum(n_claims), 0) AS claims FROM {docs}"
            ).iloc[0]
            self._cache["counts"] = row.to_dict()
        return self._cache["counts"]

    def languages_present(self) -> list[str]:
        """Language codes of the selected documents, most documents first."""
        df = self.query(
            "SELECT language, count(*) AS n FROM {docs} GROUP BY language ORDER BY n DESC, language"
        )
        return [x for x in df["language"] if isinstance(x, str) and x]

    def n_undated_left_out(self) -> int:
        """Documents without a publication date that a date window leaves out."""
        if not (self.published_from or self.published_to):
            return 0
        sel = Selection(self.store, self.languages)
        return int(sel.query("SELECT count(*) AS n FROM {docs} WHERE published IS NULL")["n"][0])

    def errors(self) -> pd.DataFrame:
        """Files the last update could not read: file name (no server path), stage, reason."""
        df = self.store.errors()
        return pd.DataFrame(
            {
                "file": [Path(str(p)).name for p in df["path"]],
                "stage": df["stage"],
                "reason": [
                    _no_paths(str(r), str(p)) for r, p in zip(df["reason"], df["path"], strict=True)
                ],
            }
        )

    def describe(self) -> str:
        """One plain-English paragraph on what this selection holds (Markdown, escaped)."""
        from dprkwatch.notebook.display import escape_md

        c = self.counts()
        langs = self.languages_present()
        names = ", ".join(labels.language_name(x) for x in langs) or "none"
        text = (
            f"**{labels.count(int(c['documents']), 'document')}** in "
            f"{labels.count(len(langs), 'language')} ({escape_md(names)}), yielding "
            f"**{labels.count(int(c['claims']), 'claim')}**"
        )
        if pd.notna(c["first"]):
            text += (
                f", published between {labels.date_text(c['first'])} and "
                f"{labels.date_text(c['last'])}"
            )
        text += "."
        shown = labels.parameters_text(self.languages, self.published_from, self.published_to)
        if shown:
            text += " Selection: " + escape_md("; ".join(shown)) + "."
        undated = self.n_undated_left_out()
        if undated:
            text += f" {labels.count(undated, 'document')} with no publication date left out."
        n_errors = len(self.store.errors())
        if n_errors:
            text += f" {labels.count(n_errors, 'file')} could not be read."
        return text


def open_selection(
    store: str | Path,
    languages: list[str] | tuple[str, ...] = (),
    published_from: str = "",
    published_to: str = "",
) -> Selection:
    """Open the store a report reads and select languages and a publication-date window.

    store is relative to the working directory (papermill runs notebooks in notebooks/).
    Raises StoreUnavailable, a one-sentence error for readers, when there is no usable store.
    """
    for value, name in ((published_from, "The first day"), (published_to, "The last day")):
        if value:
            _day(value, name)
    folder = Path(store).expanduser()
    try:
        opened = open_store(folder)
    except StoreError as exc:
        raise StoreUnavailable(
            f"This report has no ledger store to read (folder {folder.name!r}): "
            "run `dprkwatch update` or `dprkwatch reports` to build it."
        ) from exc
    return Selection(opened, tuple(languages or ()), published_from or "", published_to or "")


def _day(value: str, name: str = "date") -> dt.datetime:
    try:
        return pd.Timestamp(value).to_pydatetime().replace(tzinfo=None)
    except (ValueError, TypeError) as exc:
        raise StoreUnavailable(f"{name} {value!r} is not a date: write it as 2025-04-30.") from exc


def _end_of_day(value: str) -> dt.datetime:
    return _day(value) + dt.timedelta(days=1) - dt.timedelta(microseconds=1)


def _no_paths(reason: str, path: str) -> str:
    """A reason without the server's folders: only the file's own name is kept."""
    return reason.replace(path, Path(path).name) if path else reason
