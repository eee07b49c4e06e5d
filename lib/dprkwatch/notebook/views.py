"""Notebook-facing helpers: load and filter the ledger, tidy tables, safe display, headline figures.

Everything here is plain functions on DataFrames so the notebooks stay thin and the logic is
tested in tests/. Text that comes from documents (titles, quotes, outlets) is untrusted: every
function that emits HTML or Markdown escapes it.
"""

from __future__ import annotations

import hashlib
import html
import math
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from dprkwatch.core import fmt, paths
from dprkwatch.notebook.headlines import HEADLINE_MIME, headlines_from_notebook  # noqa: F401

# The report runner points this at a shared folder so the reports of one run extract once.
LEDGER_CACHE_ENV = "DPRKWATCH_LEDGER_CACHE"

LANGUAGE_NAMES = {
    "bn": "Bengali",
    "de": "German",
    "en": "English",
    "es": "Spanish",
    "fr": "French",
    "ko": "Korean",
    "pt": "Portuguese",
    "ru": "Russian",
    "uk": "Ukrainian",
}
UNATTRIBUTED = "unattributed"
TOPIC_INDICATORS = {
    "troops": ["troops_deployed"],
    "labor": [
        "workers_deployed",
        "construction_workers_deployed",
        "sappers_deployed",
        "wage",
        "work_hours",
    ],
    "casualties": ["killed", "wounded", "killed_or_wounded", "captured"],
    "munitions": [
        "factories_visited",
        "production_change",
        "shells_supplied",
        "missiles_supplied",
        "containers_shipped",
        "rocket_launchers_supplied",
        "artillery_supplied",
    ],
}
DOCUMENT_COLUMNS = [
    "doc_id",
    "file",
    "language",
    "outlet",
    "published",
    "title",
    "url",
    "n_chars",
    "text",
]


# --------------------------------------------------------------------------- loading


@dataclass(frozen=True)
class Ledger:
    """Documents and claims of one corpus, restricted to a language and date selection."""

    corpus: str
    fingerprint: str
    documents: pd.DataFrame
    claims: pd.DataFrame
    errors: pd.DataFrame
    languages: tuple[str, ...] = ()
    published_from: str = ""
    published_to: str = ""
    n_undated_dropped: int = 0
    all_languages: tuple[str, ...] = field(default=())

    def describe(self) -> str:
        """One plain-English sentence on what this selection holds (Markdown, escaped)."""
        langs = sorted(self.documents["language"].dropna().unique())
        parts = [
            f"**{len(self.documents):,}** documents in {len(langs)} "
            f"language{'s' if len(langs) != 1 else ''} ({escape_md(', '.join(language_name(x) for x in langs)) or 'none'}), "
            f"yielding **{len(self.claims):,}** claims"
        ]
        dates = self.documents["published"].dropna()
        if len(dates):
            parts.append(f"published between {dates.min():%d %B %Y} and {dates.max():%d %B %Y}")
        sentence = ", ".join(parts) + "."
        if self.languages:
            sentence += f" Only {escape_md(', '.join(language_name(x) for x in self.languages))} documents are included."
        if self.published_from or self.published_to:
            window = f"{self.published_from or 'the beginning'} to {self.published_to or 'today'}"
            sentence += f" Date window: {escape_md(window)}."
            if self.n_undated_dropped:
                sentence += (
                    f" {self.n_undated_dropped} document(s) with no known publication date "
                    "are left out."
                )
        if len(self.errors):
            sentence += f" {len(self.errors)} file(s) could not be read."
        return sentence


def load_ledger(
    corpus: str | os.PathLike,
    languages: Sequence[str] | None = None,
    published_from: str = "",
    published_to: str = "",
) -> Ledger:
    """Load a corpus folder, extract its claims and keep the selected languages and dates.

    corpus is relative to the working directory (papermill runs notebooks in notebooks/).
    Extraction is cached per corpus fingerprint and library version when the report runner
    sets DPRKWATCH_LEDGER_CACHE, so the reports of one run extract the corpus once.
    """
    path = Path(corpus).expanduser().resolve()
    if not path.exists():
        raise FileNotFoundError(f"corpus folder not found: {path}")
    full = _full_ledger(path)
    return select(
        full,
        languages=languages or (),
        published_from=published_from,
        published_to=published_to,
    )


def select(
    ledger: Ledger,
    languages: Sequence[str] = (),
    published_from: str = "",
    published_to: str = "",
) -> Ledger:
    """Restrict a ledger to languages (empty = all) and a published-date window (ISO dates)."""
    docs = ledger.documents
    if languages:
        docs = docs[docs["language"].isin(list(languages))]
    n_undated = 0
    if published_from or published_to:
        n_undated = int(docs["published"].isna().sum())
        keep = docs["published"].notna()
        if published_from:
            keep &= docs["published"] >= pd.Timestamp(published_from)
        if published_to:
            keep &= docs["published"] <= pd.Timestamp(published_to)
        docs = docs[keep]
    claims = ledger.claims[ledger.claims["doc_id"].isin(docs["doc_id"])]
    return replace(
        ledger,
        documents=docs.reset_index(drop=True),
        claims=claims.reset_index(drop=True),
        languages=tuple(languages),
        published_from=published_from,
        published_to=published_to,
        n_undated_dropped=n_undated,
    )


def documents_frame(corpus: Iterable[Any]) -> pd.DataFrame:
    """One row per document of a loaded corpus (text kept for term counts)."""
    rows = []
    for doc in corpus:
        text = getattr(doc, "text", "") or ""
        rows.append(
            {
                "doc_id": doc.doc_id,
                "file": Path(str(getattr(doc, "path", "") or "")).name,
                "language": getattr(doc, "language", "") or "",
                "outlet": getattr(doc, "outlet", "") or "",
                "published": getattr(doc, "published", None),
                "title": getattr(doc, "title", "") or "",
                "url": getattr(doc, "url", "") or "",
                "n_chars": len(text),
                "text": text,
            }
        )
    docs = pd.DataFrame(rows, columns=DOCUMENT_COLUMNS)
    docs["published"] = pd.to_datetime(docs["published"], errors="coerce")
    return docs


def _full_ledger(path: Path) -> Ledger:
    import dprkwatch

    fingerprint = dprkwatch.corpus_fingerprint(path)
    cache_dir = os.environ.get(LEDGER_CACHE_ENV)
    if not cache_dir:
        return _extract(path, fingerprint)
    from filelock import FileLock

    from dprkwatch.core.fingerprint import library_hash

    key = hashlib.sha256(f"{path}\0{fingerprint}\0{library_hash()}".encode()).hexdigest()[:24]
    folder = Path(cache_dir)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"ledger-{key}.pkl"
    # Reports of one run start together: the first extracts, the others wait and read.
    with FileLock(str(target) + ".lock"):
        if target.exists():
            try:
                return pd.read_pickle(target)
            except Exception:  # a cache from another pandas version: rebuild it
                target.unlink(missing_ok=True)
        ledger = _extract(path, fingerprint)
        tmp = target.with_suffix(f".tmp{os.getpid()}")
        pd.to_pickle(ledger, tmp)
        os.replace(tmp, target)
        return ledger


def _extract(path: Path, fingerprint: str) -> Ledger:
    import dprkwatch

    corpus = dprkwatch.load_corpus(path)
    docs = documents_frame(corpus)
    claims = dprkwatch.extract_claims(corpus)
    errors = pd.DataFrame(
        [(Path(str(p)).name, str(r)) for p, r in (getattr(corpus, "errors", None) or [])],
        columns=["file", "reason"],
    )
    return Ledger(
        corpus=str(path),
        fingerprint=fingerprint,
        documents=docs,
        claims=claims,
        errors=errors,
        all_languages=tuple(sorted(docs["language"].dropna().unique())),
    )


# --------------------------------------------------------------------------- names and labels


@cache
def _indicator_labels() -> dict[str, str]:
    try:
        import yaml

        data = yaml.safe_load((paths.LANGDATA_DIR / "base.yaml").read_text(encoding="utf-8"))
        return {k: v.get("label", k) for k, v in (data.get("indicators") or {}).items()}
    except (OSError, AttributeError, ImportError):
        return {}


def indicator_label(indicator: str) -> str:
    """Readable English name of an indicator ("troops_deployed" -> "troops deployed")."""
    return _indicator_labels().get(indicator) or str(indicator).replace("_", " ")


def language_name(code: str) -> str:
    """English name of a language code, or the code itself."""
    return LANGUAGE_NAMES.get(code, code)


def split_sources(attributed_to: Any) -> list[str]:
    """The canonical sources of one claim ("A; B" -> ["A", "B"]); [] when unattributed."""
    if not isinstance(attributed_to, str):
        return []
    return [s.strip() for s in attributed_to.split(";") if s.strip()]


def source_label(attributed_to: Any) -> str:
    """The sources of a claim as one label, "unattributed" when the text names none."""
    return "; ".join(split_sources(attributed_to)) or UNATTRIBUTED


# --------------------------------------------------------------------------- tables


def claims_for(claims: pd.DataFrame, topic: str | None = None, indicators=None) -> pd.DataFrame:
    """Claims of a topic and/or a list of indicators."""
    out = claims
    if topic:
        out = out[out["topic"] == topic]
    if indicators is not None:
        out = out[out["indicator"].isin(list(indicators))]
    return out.reset_index(drop=True)


def estimates(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims as estimates for plots and tables: one row per claim, source and label spelled out."""
    est = claims.copy()
    est["label"] = est["indicator"].map(indicator_label)
    # Colour follows the primary originator (the extractor lists the strongest source first);
    # the full attribution stays in `sources`.
    est["sources"] = est["attributed_to"].map(source_label)
    est["source"] = est["attributed_to"].map(lambda v: (split_sources(v) or [UNATTRIBUTED])[0])
    # A vague claim ("thousands of troops") has no point value: it is drawn as its range only.
    est["vague"] = est["value"].isna()
    cols = [
        "indicator",
        "label",
        "value",
        "value_low",
        "value_high",
        "unit",
        "qualifier",
        "stage",
        "source",
        "sources",
        "language",
        "outlet",
        "published",
        "doc_id",
        "quote",
        "claim_en",
        "vague",
    ]
    return est[[c for c in cols if c in est.columns]].sort_values(
        ["indicator", "published", "source"], na_position="last"
    )


def documents_by(docs: pd.DataFrame, column: str) -> pd.DataFrame:
    """Document counts by one column (language, outlet...), most frequent first."""
    col = docs[column].fillna("").replace("", "(unknown)")
    out = col.value_counts().rename_axis(column).reset_index(name="documents")
    if column == "language":
        out.insert(1, "language name", out["language"].map(language_name))
    return out


def documents_by_month(docs: pd.DataFrame) -> pd.DataFrame:
    """Documents per publication month and language (undated documents left out)."""
    dated = docs.dropna(subset=["published"])
    if dated.empty:
        return pd.DataFrame(columns=["month", "language", "documents"])
    month = dated["published"].dt.to_period("M").dt.to_timestamp()
    return (
        dated.assign(month=month)
        .groupby(["month", "language"], as_index=False)
        .size()
        .rename(columns={"size": "documents"})
    )


def claims_per_document(ledger: Ledger) -> pd.DataFrame:
    """Every document with how many claims it yielded and on which topics."""
    claims = ledger.claims
    per = claims.groupby("doc_id").agg(
        claims=("indicator", "size"),
        topics=("topic", lambda s: ", ".join(sorted(set(s)))),
    )
    docs = ledger.documents.drop(columns=["text"], errors="ignore")
    out = docs.merge(per, left_on="doc_id", right_index=True, how="left")
    out["claims"] = out["claims"].fillna(0).astype(int)
    out["topics"] = out["topics"].fillna("")
    cols = ["doc_id", "language", "outlet", "published", "title", "claims", "topics"]
    return out[cols].sort_values(["claims", "doc_id"], ascending=[False, True])


def documents_without_claims(ledger: Ledger) -> pd.DataFrame:
    """Documents that yielded no claim, and files that could not be read at all."""
    per = claims_per_document(ledger)
    empty = per[per["claims"] == 0]
    rows = [
        {
            "document": r.doc_id,
            "language": r.language,
            "outlet": r.outlet,
            "title": r.title,
            "why": "no figure on a tracked indicator",
        }
        for r in empty.itertuples()
    ]
    rows += [
        {"document": r.file, "language": "", "outlet": "", "title": "", "why": r.reason}
        for r in ledger.errors.itertuples()
    ]
    return pd.DataFrame(rows, columns=["document", "language", "outlet", "title", "why"])


def source_citations(claims: pd.DataFrame) -> pd.DataFrame:
    """How often each originating source is cited: claims, documents, languages, indicators."""
    exploded = claims.assign(source=claims["attributed_to"].map(split_sources)).explode("source")
    exploded["source"] = exploded["source"].fillna(UNATTRIBUTED)
    if exploded.empty:
        return pd.DataFrame(columns=["source", "claims", "documents", "languages", "indicators"])
    out = exploded.groupby("source").agg(
        claims=("indicator", "size"),
        documents=("doc_id", "nunique"),
        languages=("language", lambda s: ", ".join(sorted(set(s)))),
        indicators=("indicator", lambda s: ", ".join(sorted({indicator_label(x) for x in s}))),
    )
    return out.sort_values(["claims", "documents"], ascending=False).reset_index()


def claims_table(claims: pd.DataFrame, searchable: bool = False) -> pd.DataFrame:
    """The ledger for reading: figure, source, language, the quote and its English rendering.

    searchable adds the topic and the bare value (to sort by number) for the full ledger.
    """
    out = pd.DataFrame(
        {
            "published": claims["published"],
            "topic": claims["topic"],
            "indicator": claims["indicator"].map(indicator_label),
            "figure": figures(claims),
            "value": claims["value"],
            "source": claims["attributed_to"].map(source_label),
            "stage": claims.get("stage", ""),
            "language": claims["language"],
            "outlet": claims.get("outlet", ""),
            "quote (original)": claims["quote"],
            "claim (English)": claims["claim_en"],
            "document": claims["doc_id"],
        }
    )
    out = out.sort_values(["topic", "indicator", "published"], na_position="last")
    if not searchable:
        out = out.drop(columns=["topic", "value"])
    return out


def weapon_terms() -> dict[str, dict[str, list[str]]]:
    """The weapon-type lexicon: weapon type -> language -> word stems (assets/weapon_terms.yaml)."""
    import yaml

    data = yaml.safe_load(paths.WEAPON_TERMS.read_text(encoding="utf-8"))
    return data["weapons"]


def weapon_mentions(docs: pd.DataFrame) -> pd.DataFrame:
    """How many documents of each language name each weapon type, and how often."""
    rows = []
    for weapon, by_lang in weapon_terms().items():
        for doc in docs.itertuples():
            stems = by_lang.get(doc.language) or []
            if not stems:
                continue
            pattern = _stem_pattern(tuple(stems))
            hits = pattern.findall(doc.text or "")
            if hits:
                rows.append(
                    {
                        "weapon": weapon,
                        "language": doc.language,
                        "doc_id": doc.doc_id,
                        "mentions": len(hits),
                        "terms": ", ".join(sorted({h.lower() for h in hits})),
                    }
                )
    found = pd.DataFrame(rows, columns=["weapon", "language", "doc_id", "mentions", "terms"])
    if found.empty:
        return pd.DataFrame(columns=["weapon", "language", "documents", "mentions", "terms"])
    return (
        found.groupby(["weapon", "language"], as_index=False)
        .agg(
            documents=("doc_id", "nunique"),
            mentions=("mentions", "sum"),
            terms=("terms", lambda s: ", ".join(sorted({t for x in s for t in x.split(", ")}))),
        )
        .sort_values(["weapon", "documents"], ascending=[True, False])
    )


@cache
def _stem_pattern(stems: tuple[str, ...]) -> re.Pattern:
    # Stems match at a word start and run to the word end; scripts without case are unaffected.
    alts = "|".join(re.escape(s) for s in sorted(stems, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alts})\w*", re.IGNORECASE)


def destinations(claims: pd.DataFrame) -> pd.Series:
    """Where a deployment claim sends people, from its quote and English rendering."""
    import yaml

    places = yaml.safe_load(paths.WEAPON_TERMS.read_text(encoding="utf-8"))["destinations"]
    compiled = [(name, _stem_pattern(tuple(stems))) for name, stems in places.items()]

    def find(row) -> str:
        text = f"{row.get('claim_en', '')} {row.get('quote', '')}"
        for name, pat in compiled:
            if pat.search(text):
                return name
        return "Russia (unspecified)"

    return claims.apply(find, axis=1) if len(claims) else pd.Series([], dtype=str)


def who_says_what(claims: pd.DataFrame) -> pd.DataFrame:
    """Originator x indicator counts of claims (reconcile.who_says_what when available)."""
    try:
        from dprkwatch.analysis import reconcile

        table = reconcile.who_says_what(claims)
        if isinstance(table, pd.DataFrame):
            return table
    except (ImportError, AttributeError):
        pass
    exploded = claims.assign(source=claims["attributed_to"].map(split_sources)).explode("source")
    exploded["source"] = exploded["source"].fillna(UNATTRIBUTED)
    return pd.crosstab(exploded["source"], exploded["indicator"])


def who_says_what_matrix(claims: pd.DataFrame) -> pd.DataFrame:
    """Originator x indicator claim counts, rows and columns labelled for a chart."""
    table = who_says_what(claims)
    if not {"indicator"}.issubset(table.columns) or table.index.name in ("source", "originator"):
        matrix = table
    else:
        # A long table (originator, indicator, claims...): pivot it.
        who = next(c for c in ("originator", "source", "attributed_to") if c in table.columns)
        count = next(
            (c for c in ("n_claims", "claims", "count") if c in table.columns), table.columns[-1]
        )
        matrix = table.pivot_table(index=who, columns="indicator", values=count, aggfunc="sum")
    matrix = matrix.fillna(0).astype(int)
    matrix.columns = [indicator_label(c) for c in matrix.columns]
    matrix.index = [str(i) or UNATTRIBUTED for i in matrix.index]
    return matrix


# --------------------------------------------------------------------------- formatting


format_number = fmt.number  # notebooks' name for the one number formatter


def figures(claims: pd.DataFrame) -> list[str]:
    """Each claim's figure as a reader reads it ("about 15,000", "2,000–9,999 (vague)")."""
    cols = ("value", "value_low", "value_high", "qualifier", "unit")
    return [format_figure(*row) for row in zip(*(claims[c] for c in cols), strict=True)]


def format_figure(value, low, high, qualifier, unit) -> str:
    """A claim's figure as a reader says it: "about 15,000", "600–1,000", "thousands"."""
    unit_s = f" {unit}" if isinstance(unit, str) and unit and unit != "persons" else ""
    q = qualifier if isinstance(qualifier, str) else ""
    if q == "vague" or pd.isna(value):
        if pd.notna(low) and pd.notna(high):
            return f"{format_number(low)}–{format_number(high)}{unit_s} (vague)"
        return "vague"
    if q == "range" and pd.notna(low) and pd.notna(high):
        return f"{format_number(low)}–{format_number(high)}{unit_s}"
    prefix = {"approx": "about ", "at_least": "at least ", "at_most": "up to "}.get(q, "")
    if unit == "x":
        return f"{prefix}{format_number(value)}×"
    return f"{prefix}{format_number(value)}{unit_s}"


def _cell_text(value: Any) -> str:
    if isinstance(value, pd.Timestamp):
        return "–" if pd.isna(value) else f"{value:%Y-%m-%d}"
    if isinstance(value, list | tuple | set):
        return ", ".join(str(v) for v in value)
    return format_number(value)


def escape_md(text: Any) -> str:
    """Untrusted text made safe inside Markdown: HTML escaped, link and emphasis syntax disarmed."""
    out = html.escape(str(text), quote=True)
    for ch in "\\`*_[]()#|!~":
        out = out.replace(ch, f"&#{ord(ch)};")
    return out


def html_table(
    df: pd.DataFrame,
    caption: str | None = None,
    row_classes: Sequence[str] | None = None,
    numeric: Iterable[str] = (),
) -> str:
    """A static HTML table, every cell escaped; row_classes marks rows (e.g. conflicts)."""
    numeric = set(numeric) | {
        c for c in df.columns if pd.api.types.is_numeric_dtype(df[c]) and df[c].dtype != bool
    }
    parts = ['<table class="dw-table">']
    if caption:
        parts.append(f"<caption>{html.escape(caption)}</caption>")
    parts.append("<thead><tr>")
    parts += [f"<th>{html.escape(str(c))}</th>" for c in df.columns]
    parts.append("</tr></thead><tbody>")
    for i, row in enumerate(df.itertuples(index=False)):
        cls = row_classes[i] if row_classes is not None else ""
        parts.append(f'<tr class="{html.escape(cls)}">' if cls else "<tr>")
        for col, value in zip(df.columns, row, strict=True):
            num = ' class="num"' if col in numeric else ""
            parts.append(f"<td{num}>{html.escape(_cell_text(value))}</td>")
        parts.append("</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


_ITABLES_READY = False


def show(
    df: pd.DataFrame,
    caption: str | None = None,
    max_static_rows: int = 15,
    interactive: bool | None = None,
    row_classes: Sequence[str] | None = None,
    empty: str = "",
) -> None:
    """Display a table: short ones as static HTML, long ones as a searchable interactive table.

    empty is the sentence shown instead of an empty table. Both kinds escape cell text. Interactive tables are self-contained (itables offline mode), so a
    rendered report works without the internet.
    """
    from IPython.display import HTML, display

    if interactive is None:
        interactive = len(df) > max_static_rows
    if df.empty:
        note = empty or f"{caption or 'Table'}: nothing to show."
        display(HTML(f'<p class="dw-empty">{html.escape(note)}</p>'))
        return
    df = drop_empty_columns(df)
    if not interactive:
        display(HTML(html_table(df, caption=caption, row_classes=row_classes)))
        return
    global _ITABLES_READY
    import itables

    if not _ITABLES_READY:
        itables.init_notebook_mode(all_interactive=False, connected=False)
        _ITABLES_READY = True
    data = df.reset_index(drop=True).copy()
    for col in data.columns:
        if pd.api.types.is_datetime64_any_dtype(data[col]):
            data[col] = data[col].dt.strftime("%Y-%m-%d").fillna("")
        elif pd.api.types.is_float_dtype(data[col]):
            # "600", not "600.0"; DataTables still sorts such strings as numbers.
            data[col] = data[col].map(_plain_number)
        elif not pd.api.types.is_numeric_dtype(data[col]):
            data[col] = data[col].map(lambda v: v if isinstance(v, str) else _cell_text(v))
    wide = [
        i for i, c in enumerate(data.columns) if str(c).startswith(("quote", "claim (", "title"))
    ]
    itables.show(
        data,
        caption=caption,
        maxBytes=0,  # never drop rows: the ledger must be complete
        showIndex=False,
        classes="display compact cell-border dw-itable",
        pageLength=25,
        lengthMenu=[10, 25, 100, 500],
        columnDefs=[{"targets": wide, "className": "dw-wide"}] if wide else [],
        allow_html=False,
    )


def _plain_number(v: Any) -> str:
    if v is None or pd.isna(v):
        return ""
    return str(int(v)) if float(v).is_integer() else f"{v:.6f}".rstrip("0").rstrip(".")


def drop_empty_columns(df: pd.DataFrame) -> pd.DataFrame:
    """Columns with no value in any row say nothing to a reader: leave them out."""
    keep = []
    for col in df.columns:
        values = df[col]
        empty = values.isna() | values.map(lambda v: isinstance(v, str) and v.strip() in ("", "–"))
        if not empty.all():
            keep.append(col)
    return df[keep] if keep else df


def show_groups(groups: pd.DataFrame, caption: str | None = None) -> None:
    """Claim groups (reconcile.group_claims) as a table, conflicting groups highlighted."""
    if groups is None or groups.empty:
        show(pd.DataFrame(), caption=caption or "Claim groups")
        return
    table = pd.DataFrame(
        {
            "indicator": groups["indicator"].map(indicator_label),
            "stage": groups.get("stage", ""),
            "best": groups["value_best"],
            "low": groups["value_low"],
            "high": groups["value_high"],
            "unit": groups["unit"],
            "status": groups["status"].map(lambda s: f"⚠ {s}" if s == "conflicting" else str(s)),
            "originators": groups["originators"].map(_cell_text),
            "documents": groups["n_documents"],
            "languages": groups["languages"].map(_cell_text),
            "first reported": groups["first_published"],
            "last reported": groups["last_published"],
        }
    )
    classes = ["dw-conflict" if s == "conflicting" else "" for s in groups["status"]]
    show(table, caption=caption, row_classes=classes, max_static_rows=40)


def say(template: str, **values: Any) -> None:
    """Display a Markdown sentence; the values are escaped, the template is trusted.

    Numbers are formatted with thousands separators.
    """
    from IPython.display import Markdown, display

    safe = {
        k: format_number(v) if isinstance(v, int | float) else escape_md(v)
        for k, v in values.items()
    }
    display(Markdown(template.format(**safe) if values else template))


# --------------------------------------------------------------------------- headline figures


def headline_record(label: str, value: Any, unit: str = "", note: str = "", **extra) -> dict:
    """One headline figure as the runner stores it."""
    if isinstance(value, float) and math.isnan(value):
        value = None
    elif hasattr(value, "item"):
        value = value.item()
    rec = {"label": str(label), "value": value, "unit": str(unit or ""), "note": str(note or "")}
    rec.update({k: _jsonable(v) for k, v in extra.items()})
    return rec


def _jsonable(v: Any) -> Any:
    if hasattr(v, "item"):
        return v.item()
    if isinstance(v, float) and math.isnan(v):
        return None
    if isinstance(v, list | tuple):
        return [_jsonable(x) for x in v]
    return v if isinstance(v, str | int | float | bool | type(None)) else str(v)


def _card(rec: dict) -> str:
    text = _figure_text(rec["value"], rec["unit"])
    note = (
        f'<span class="dw-headline-note">{html.escape(rec["note"])}</span>' if rec["note"] else ""
    )
    return (
        f'<div class="dw-headline"><span class="dw-headline-label">{html.escape(rec["label"])}'
        f'</span><span class="dw-headline-value">{html.escape(text)}</span>{note}</div>'
    )


def _figure_text(value: Any, unit: str) -> str:
    if unit == "x":
        return f"{format_number(value)}×"
    return f"{format_number(value)} {unit or ''}".strip()


def record_headline(label: str, value: Any, unit: str = "", note: str = "", **extra) -> dict:
    """Show a key figure and record it for the report index (read back by the runner)."""
    rec = headline_record(label, value, unit, note, **extra)
    record_headlines([rec])
    return rec


def record_headlines(records: Sequence[dict]) -> None:
    """Show key figures side by side (made with headline_record) and record them."""
    from IPython.display import display

    body = '<div class="dw-headlines">' + "".join(_card(r) for r in records) + "</div>"
    display({"text/html": body, HEADLINE_MIME: list(records)}, raw=True)


def headline_figures(
    claims: pd.DataFrame, policy: str, indicators: Sequence[str] | None = None
) -> pd.DataFrame:
    """The headline estimate per indicator under a policy (reconcile.headline), shown and recorded."""
    from IPython.display import display

    from dprkwatch.analysis import reconcile

    table = reconcile.headline(claims, policy)
    if indicators is not None:
        order = {ind: i for i, ind in enumerate(indicators)}
        table = table[table["indicator"].isin(order)]
        table = table.sort_values("indicator", key=lambda s: s.map(order))
    table = table.reset_index(drop=True)
    if table.empty:
        show(pd.DataFrame(), caption=f"Headline figures ({policy})")
        return table
    records = []
    for r in table.itertuples():
        unit = getattr(r, "unit", None) or _unit_for(claims, r.indicator)
        unit = "" if unit == "persons" else str(unit)
        lo, hi = getattr(r, "value_low", None), getattr(r, "value_high", None)
        n = getattr(r, "n_originators", None)
        # Short note for the index; reconcile's full explanation stays in the report table.
        note = "; ".join(
            x
            for x in (
                f"range {format_number(lo)}–{format_number(hi)}"
                if pd.notna(lo) and pd.notna(hi) and lo != hi
                else "",
                f"{int(n)} originator{'s' if n != 1 else ''}" if pd.notna(n) else "",
                "contested" if bool(getattr(r, "contested", False)) else "",
            )
            if x
        )
        label = _stage_label(r.indicator, getattr(r, "stage", ""))
        records.append(
            headline_record(
                label[:1].upper() + label[1:],
                r.value,
                unit,
                note,
                indicator=r.indicator,
                policy=policy,
                sources=_cell_text(getattr(r, "sources", "")),
                detail=str(getattr(r, "note", "") or ""),
            )
        )
    shown = pd.DataFrame(
        {
            "indicator": [rec["label"] for rec in records],
            "headline": [_figure_text(rec["value"], rec["unit"]) for rec in records],
            "low": table["value_low"],
            "high": table["value_high"],
            "sources": table.get("sources", pd.Series([""] * len(table))).map(_cell_text),
            "originators": table.get("n_originators", pd.Series([None] * len(table))),
            "how it was chosen": [rec["detail"] for rec in records],
        }
    )
    body = html_table(shown, caption=f"Headline figures — policy: {policy}")
    display({"text/html": body, HEADLINE_MIME: records}, raw=True)
    return table


def _stage_label(indicator: str, stage: Any) -> str:
    label = indicator_label(indicator)
    return f"{label} ({stage})" if isinstance(stage, str) and stage else label


def _unit_for(claims: pd.DataFrame, indicator: str) -> str:
    units = claims.loc[claims["indicator"] == indicator, "unit"].dropna()
    units = units[units != ""]
    if units.empty:
        return ""
    unit = units.mode().iloc[0]
    return "" if unit == "persons" else str(unit)


# --------------------------------------------------------------------------- topic views


def corpus_headlines(ledger: Ledger) -> None:
    """Record the corpus overview's key figures: documents, languages, claims, empty documents."""
    per = claims_per_document(ledger)
    record_headlines(
        [
            headline_record("Documents", len(ledger.documents)),
            headline_record("Languages", ledger.documents["language"].nunique()),
            headline_record("Claims", len(ledger.claims)),
            headline_record(
                "Documents with no claim",
                int((per["claims"] == 0).sum()),
                note=f"{len(ledger.errors)} unreadable file(s)" if len(ledger.errors) else "",
            ),
        ]
    )


def claim_groups(claims: pd.DataFrame, period_days: int = 90) -> pd.DataFrame:
    """Claims grouped into agreeing estimates (reconcile.group_claims), earliest first."""
    from dprkwatch.analysis import reconcile

    if claims.empty:
        return pd.DataFrame(
            columns=[
                "group_id", "indicator", "unit", "stage", "value_best", "value_low",
                "value_high", "originators", "n_originators", "n_documents", "languages",
                "first_published", "last_published", "status",
            ]
        )  # fmt: skip
    groups = reconcile.group_claims(claims, period_days=period_days)
    return groups.sort_values(
        ["indicator", "first_published", "value_best"], na_position="last"
    ).reset_index(drop=True)


def _languages_of(value: Any) -> list[str]:
    if isinstance(value, str):
        return [x.strip() for x in re.split(r"[;,]", value) if x.strip()]
    if isinstance(value, list | tuple | set):
        return [str(x) for x in value]
    return []


def most_reported(groups: pd.DataFrame, indicator: str) -> dict | None:
    """The group of an indicator backed by the most languages, documents and originators."""
    g = groups[(groups["indicator"] == indicator) & groups["value_best"].notna()]
    if g.empty:
        return None
    ranked = g.assign(
        _langs=g["languages"].map(lambda v: len(_languages_of(v))),
    ).sort_values(["_langs", "n_documents", "n_originators", "value_best"], ascending=False)
    top = ranked.iloc[0]
    return {
        "value": float(top["value_best"]),
        "value_low": float(top["value_low"]),
        "value_high": float(top["value_high"]),
        "languages": sorted(_languages_of(top["languages"])),
        "n_documents": int(top["n_documents"]),
        "n_originators": int(top["n_originators"]),
        "originators": _cell_text(top["originators"]),
        "status": str(top["status"]),
        "group_id": str(top.get("group_id", "")),
    }


def record_most_reported(groups: pd.DataFrame, indicator: str, label: str) -> dict | None:
    """Show and record the most widely reported figure of an indicator (see most_reported)."""
    top = most_reported(groups, indicator)
    if top is None:
        say("No figure for {what} in this selection.", what=indicator_label(indicator))
        return None
    langs = top["languages"]
    note = (
        f"{len(langs)} language{'s' if len(langs) != 1 else ''} ({', '.join(langs)}), "
        f"{top['n_documents']} document{'s' if top['n_documents'] != 1 else ''}, "
        f"{top['n_originators']} originator{'s' if top['n_originators'] != 1 else ''}"
    )
    return record_headline(
        label,
        top["value"],
        note=note,
        indicator=indicator,
        languages=langs,
        n_documents=top["n_documents"],
        originators=top["originators"],
    )


def estimate_history(claims: pd.DataFrame) -> pd.DataFrame:
    """Each source's figures in publication order, with the change from its previous figure."""
    est = claims.assign(source=claims["attributed_to"].map(source_label))
    est = est.sort_values(["source", "published", "doc_id"], na_position="last")
    rows = []
    for source, block in est.groupby("source", sort=True):
        previous = None
        for r in block.itertuples():
            figure = format_figure(r.value, r.value_low, r.value_high, r.qualifier, r.unit)
            value = r.value if pd.notna(r.value) else None
            if previous is None or value is None:
                move = "first figure" if previous is None else "–"
            elif value > previous:
                move = f"up {format_number(value - previous)}"
            elif value < previous:
                move = f"down {format_number(previous - value)}"
            else:
                move = "unchanged"
            rows.append(
                {
                    "source": source,
                    "published": r.published,
                    "figure": figure,
                    "stage": getattr(r, "stage", ""),
                    "language": r.language,
                    "change": move,
                    "document": r.doc_id,
                }
            )
            if value is not None:
                previous = value
    return pd.DataFrame(
        rows, columns=["source", "published", "figure", "stage", "language", "change", "document"]
    )


def indicator_summary(claims: pd.DataFrame, indicators: Sequence[str]) -> pd.DataFrame:
    """Per indicator: claims, the span of figures, sources and languages (empty ones kept)."""
    rows = []
    for ind in indicators:
        c = claims[claims["indicator"] == ind]
        vals = c["value"].dropna()
        rows.append(
            {
                "indicator": indicator_label(ind),
                "claims": len(c),
                "lowest figure": vals.min() if len(vals) else None,
                "highest figure": vals.max() if len(vals) else None,
                "sources": ", ".join(
                    sorted({s for v in c["attributed_to"] for s in split_sources(v)})
                )
                or ("–" if c.empty else UNATTRIBUTED),
                "languages": ", ".join(sorted(set(c["language"]))),
            }
        )
    return pd.DataFrame(rows)


def casualty_consistency(claims: pd.DataFrame) -> pd.DataFrame:
    """Killed next to killed-or-wounded by source: a part can never exceed its whole."""
    c = claims[claims["indicator"].isin(["killed", "wounded", "killed_or_wounded"])]
    c = c.assign(source=c["attributed_to"].map(source_label)).dropna(subset=["value"])
    rows = []
    for source, block in c.groupby("source"):
        by = {ind: block.loc[block["indicator"] == ind, "value"] for ind in block["indicator"]}
        killed = by.get("killed", pd.Series(dtype=float))
        wounded = by.get("wounded", pd.Series(dtype=float))
        total = by.get("killed_or_wounded", pd.Series(dtype=float))
        if total.empty or (killed.empty and wounded.empty):
            continue
        k = killed.max() if len(killed) else None
        w = wounded.max() if len(wounded) else None
        t = total.max()
        part = (k or 0) + (w or 0)
        verdict = (
            "consistent: the dead and wounded are part of the casualties"
            if part <= t * 1.1
            else "check: more dead/wounded than casualties"
        )
        rows.append(
            {
                "source": source,
                "killed": k,
                "wounded": w,
                "killed or wounded (casualties)": t,
                "reading": verdict,
            }
        )
    return pd.DataFrame(
        rows, columns=["source", "killed", "wounded", "killed or wounded (casualties)", "reading"]
    )


def weapon_matrix(mentions: pd.DataFrame, languages: Iterable[str] = ()) -> pd.DataFrame:
    """Weapon type x language: documents naming it (every weapon type and language, 0 if none)."""
    langs = sorted(set(languages) | set(mentions["language"] if len(mentions) else []))
    if not langs:
        return pd.DataFrame(dtype=int)
    m = (
        mentions.pivot_table(
            index="weapon", columns="language", values="documents", aggfunc="sum", fill_value=0
        )
        if len(mentions)
        else pd.DataFrame()
    )
    m = m.reindex(index=list(weapon_terms()), columns=langs, fill_value=0).fillna(0)
    return m.astype(int)


def deployments_by_destination(claims: pd.DataFrame) -> pd.DataFrame:
    """Workers, construction workers and sappers: role, destination, figure, stage, source."""
    roles = ["workers_deployed", "construction_workers_deployed", "sappers_deployed"]
    c = claims[claims["indicator"].isin(roles)]
    if c.empty:
        return pd.DataFrame(
            columns=["role", "destination", "figure", "stage", "source", "language", "published"]
        )
    out = pd.DataFrame(
        {
            "role": c["indicator"].map(indicator_label),
            "destination": destinations(c),
            "figure": figures(c),
            "value": c["value"],
            "stage": c["stage"],
            "source": c["attributed_to"].map(source_label),
            "language": c["language"],
            "published": c["published"],
        }
    )
    return out.sort_values(["role", "destination", "published"], na_position="last")


# --------------------------------------------------------------------------- changes


def changes_since_last_report(claims: pd.DataFrame, state_dir: str) -> pd.DataFrame | None:
    """Claims new, gone or changed since the previous snapshot in state_dir (None = not tracked)."""
    if not state_dir:
        return None
    from dprkwatch.analysis import changes

    folder = Path(state_dir)
    folder.mkdir(parents=True, exist_ok=True)
    return changes.record_snapshot(claims, folder)


def setup() -> None:
    """Notebook set-up: the shared chart style and readable pandas display options."""
    from dprkwatch.notebook import charts as plotting

    plotting.use_style()
    pd.set_option("display.max_colwidth", 120)
    pd.set_option("display.width", 160)


def show_changes(claims: pd.DataFrame, state_dir: str) -> pd.DataFrame | None:
    """The "new since the last report" section: record a snapshot of `claims`, say what changed."""
    changes = changes_since_last_report(claims, state_dir)
    if changes is None:
        say("Not tracked here: set the `state_dir` parameter to compare with the previous run.")
    elif changes.empty:
        say("Nothing changed since the last report.")
    elif (changes["change"] == "new").all() and len(changes) == len(claims):
        say(
            "All {n} claims are new: this is the first run of this report with this state folder.",
            n=len(claims),
        )
    else:
        show(change_table(changes), caption="Changes since the last report")
    return changes


def change_table(changes: pd.DataFrame) -> pd.DataFrame:
    """record_snapshot's changes for reading: what changed, the figure before and after."""

    def fig(row, prefix=""):
        return format_figure(
            row.get(f"{prefix}value"),
            row.get(f"{prefix}value_low"),
            row.get(f"{prefix}value_high"),
            row.get(f"{prefix}qualifier"),
            row.get("unit"),
        )

    rows = []
    for _, r in changes.iterrows():
        rows.append(
            {
                "change": r.get("change", ""),
                "indicator": indicator_label(r.get("indicator", "")),
                "figure": fig(r) if r.get("change") != "gone" else "–",
                "before": fig(r, "old_") if r.get("change") in ("changed", "gone") else "–",
                "what changed": _cell_text(r.get("changed_fields", "")),
                "source": source_label(r.get("attributed_to", "")),
                "language": r.get("language", ""),
                "claim (English)": r.get("claim_en", ""),
                "document": r.get("doc_id", ""),
            }
        )
    order = {"new": 0, "changed": 1, "gone": 2}
    out = pd.DataFrame(rows)
    return out.sort_values("change", key=lambda s: s.map(order).fillna(3), kind="stable")
