"""The ledger's schema (pandera): columns, vocabularies, ranges and units, checked on every run.

Errors name the field, the failing value and the document it came from.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import math
import os
import re
from collections.abc import Iterable
from typing import Any, NamedTuple

import pandas as pd
import pandera.pandas as pa

from dprkwatch.core.errors import InputError, LedgerValidationError
from dprkwatch.core.vocabulary import vocabulary
from dprkwatch.extract import claims_from_document
from dprkwatch.ingest.corpus import DEFAULT_MAX_BYTES, Document, read_document

log = logging.getLogger(__name__)

COLUMNS = [
    "doc_id",
    "language",
    "topic",
    "indicator",
    "value",
    "value_low",
    "value_high",
    "unit",
    "qualifier",
    "attributed_to",
    "quote",
    "char_start",
    "char_end",
    "claim_en",
    "published",
]
EXTRA_COLUMNS = [
    "stage",  # planned | done | "" (only indicators the contract marks `staged`)
    "measure",  # total | increment | rate
    "as_of",  # the date the figure refers to (stated in the sentence, else published)
    "speaker",  # the person or body quoted, as named ("Sergei Shoigu")
    "relayed_by",  # who passes the figure on (a lawmaker, an outlet citing another)
    "outlet",
    "url",
    "title",
    "flags",
    "figure_start",
    "figure_end",
]
MEASURES = ("total", "increment", "rate")

QUALIFIERS = vocabulary().qualifiers
STAGES = (*vocabulary().stages, "")


_SPEAKER = re.compile(r"\s*\([^()]*\)\s*$")


def originators(attributed_to: object) -> list[str]:
    """The institutions of an attribution, without their speakers.

    "White House (John Kirby); South Korea NIS" -> ["White House", "South Korea NIS"]: a claim's
    originator is the institution; the person speaking for it is its `speaker`.
    """
    if not isinstance(attributed_to, str):
        return []
    parts = (_SPEAKER.sub("", part).strip() for part in attributed_to.split(";"))
    return list(dict.fromkeys(p for p in parts if p))


def indicators() -> dict:
    """indicator -> {topic, units, max, label} (the contract's vocabulary, as plain dicts)."""
    return {
        k: {"topic": v.topic, "units": list(v.units), "max": v.max, "label": v.label}
        for k, v in vocabulary().indicators.items()
    }


def topics() -> dict[str, str]:
    return {k: v.topic for k, v in vocabulary().indicators.items()}


@functools.cache
def claims_schema() -> pa.DataFrameSchema:
    inds = indicators()
    wage_units = r"^[A-Z]{3}/(hour|day|month|year)$"
    return pa.DataFrameSchema(
        {
            "doc_id": pa.Column(str, pa.Check.str_length(min_value=1)),
            "language": pa.Column(str, pa.Check.str_matches(r"^[a-z]{2,3}$")),
            "topic": pa.Column(str, pa.Check.isin(sorted(set(topics().values())))),
            "indicator": pa.Column(str, pa.Check.isin(sorted(inds))),
            "value": pa.Column(float, pa.Check.gt(0), nullable=True),
            "value_low": pa.Column(float, pa.Check.ge(0)),
            "value_high": pa.Column(float, pa.Check.gt(0)),
            "unit": pa.Column(str),
            "qualifier": pa.Column(str, pa.Check.isin(list(QUALIFIERS))),
            "attributed_to": pa.Column(str),
            "quote": pa.Column(str, pa.Check.str_length(min_value=1)),
            "char_start": pa.Column(int, pa.Check.ge(0)),
            "char_end": pa.Column(int, pa.Check.gt(0)),
            "claim_en": pa.Column(str, pa.Check.str_length(min_value=1)),
            "published": pa.Column("datetime64[ns]", nullable=True, coerce=True),
            "stage": pa.Column(str, pa.Check.isin(list(STAGES)), required=False),
            "measure": pa.Column(str, pa.Check.isin(list(MEASURES)), required=False),
            "as_of": pa.Column("datetime64[ns]", nullable=True, coerce=True, required=False),
        },
        checks=[
            pa.Check(
                lambda d: d["value_low"] <= d["value_high"],
                name="value_low <= value_high",
                element_wise=False,
            ),
            pa.Check(
                lambda d: (
                    d["value"].isna()
                    | ((d["value_low"] <= d["value"]) & (d["value"] <= d["value_high"]))
                ),
                name="value_low <= value <= value_high",
            ),
            pa.Check(
                lambda d: d["value"].isna() == (d["qualifier"] == "vague"),
                name="value empty exactly when qualifier is vague",
            ),
            pa.Check(lambda d: d["char_start"] < d["char_end"], name="char_start < char_end"),
            pa.Check(
                lambda d: d["topic"] == d["indicator"].astype(object).map(topics()),
                name="topic matches indicator",
            ),
            pa.Check(
                lambda d: (
                    d.apply(
                        lambda r: (
                            (r["unit"] in inds[r["indicator"]]["units"])
                            or (
                                r["indicator"] == "wage"
                                and pd.Series([r["unit"]]).str.match(wage_units).iloc[0]
                            )
                        ),
                        axis=1,
                    )
                    if len(d)
                    else pd.Series([], dtype=bool)
                ),
                name="unit allowed for indicator",
            ),
            pa.Check(
                lambda d: (
                    d["value_high"]
                    <= d["indicator"]
                    .astype(object)
                    .map({k: float(v.get("max", "inf")) for k, v in inds.items()})
                    .astype(float)
                    * 1.5
                    # a wage's maximum is in dollars: "2,000,000 KRW/month" is one
                    * d["unit"].astype(object).map(vocabulary().scale_of).astype(float)
                ),
                name="value within the indicator's plausible range",
            ),
        ],
        strict=False,
        ordered=False,
    )


def validate_claims(df: pd.DataFrame) -> pd.DataFrame:
    """Validate a ledger; LedgerValidationError has one line per bad row (document, row, fields)."""
    missing = [c for c in COLUMNS if c not in df.columns]
    if missing:
        raise LedgerValidationError(f"ledger is missing columns: {', '.join(missing)}")
    if list(df.columns[: len(COLUMNS)]) != COLUMNS:
        raise LedgerValidationError(f"ledger columns must start with {COLUMNS}")
    try:
        return claims_schema().validate(df, lazy=True)
    except pa.errors.SchemaErrors as exc:
        rows = _bad_rows(exc.failure_cases, df)
        raise LedgerValidationError(_describe(rows), rows) from None


# The fields a table-wide check is about, where its name does not say them all.
_CHECK_FIELDS = {"value within the indicator's plausible range": ("indicator", "value_high")}
MAX_LINES = 50


def _bad_rows(fc: pd.DataFrame, df: pd.DataFrame) -> list[dict]:
    """One entry per failing row: doc_id, index, row (1-based within its document), problems."""
    nth = df.groupby("doc_id", sort=False).cumcount() + 1 if len(df) else pd.Series(dtype=int)
    by_index: dict = {}
    idx: Any  # a row label of df, or None/NaN for a column-wide failure
    for (idx, check), group in fc.groupby(["index", "check"], dropna=False, sort=False):
        if idx is None or (isinstance(idx, float) and math.isnan(idx)) or idx not in df.index:
            idx = None  # a whole column failed (a dtype it cannot take)
        fields = _CHECK_FIELDS.get(str(check)) or tuple(
            c for c in group["column"].dropna() if re.search(rf"\b{re.escape(c)}\b", str(check))
        )
        if not fields:
            fields = tuple(group["column"].dropna().unique()[:1])
        shown = ", ".join(f"{f}={_short(df.loc[idx, f])}" for f in fields if idx is not None)
        entry = by_index.setdefault(
            idx,
            {
                "index": idx,
                "doc_id": str(df.loc[idx, "doc_id"]) if idx is not None else "?",
                "row": int(nth.loc[idx]) if idx is not None else 0,
                "problems": [],
            },
        )
        entry["problems"].append(f"{check} ({shown or ', '.join(fields)})")
    return list(by_index.values())


def _short(value: object) -> str:
    text = repr(value.item() if hasattr(value, "item") else value)
    return text if len(text) <= 40 else text[:37] + "..."


def _describe(rows: list[dict]) -> str:
    lines = ["the claims ledger failed validation:"]
    for r in rows[:MAX_LINES]:
        where = f"document {r['doc_id']}, row {r['row']}" if r["row"] else "every row"
        lines.append(f"  {where}: {'; '.join(r['problems'])}")
    if len(rows) > MAX_LINES:
        lines.append(f"  ... and {len(rows) - MAX_LINES} more rows")
    return "\n".join(lines)


def check_quotes(df: pd.DataFrame, corpus) -> list[str]:
    """Problems where a quote is not exactly text[char_start:char_end] of its document."""
    texts = {d.doc_id: d.text for d in corpus}
    problems = []
    for r in df.itertuples():
        t = texts.get(r.doc_id)
        if t is None:
            problems.append(f"document {r.doc_id}: not in the corpus")
        elif t[r.char_start : r.char_end] != r.quote:
            problems.append(
                f"document {r.doc_id}: quote does not match text[{r.char_start}:{r.char_end}]"
            )
    return problems


def extract_claims(
    corpus: Iterable[Document], progress: bool = False, problems: list[InputError] | None = None
) -> pd.DataFrame:
    """The claims ledger of `corpus` (any iterable of Documents), validated by the schema.

    A document whose extraction fails, or whose claims still break the contract after
    normalisation, is left out and reported: appended to `problems`, and to `corpus.errors`
    when the corpus has that list (a Corpus from load_corpus).
    """
    it = corpus
    if progress:
        from tqdm import tqdm

        it = tqdm(corpus, desc="documents", unit="doc", file=__import__("sys").stderr)
    sink: list[InputError] = []
    rows: list[dict] = []
    paths: dict[str, str] = {}
    for doc in it:
        doc_rows, doc_problems = document_claims(doc, validate=False)
        rows.extend(doc_rows)
        sink.extend(doc_problems)
        paths[doc.doc_id] = doc.path
    df, bad = validate_by_document(claims_frame(rows), paths)
    sink.extend(bad)
    targets = [t for t in (problems, getattr(corpus, "errors", None)) if isinstance(t, list)]
    for target in targets:
        target.extend(sink)
    if not targets:  # nobody collects them: the log says them
        for problem in sink:
            log.warning("skipped (%s): %s", problem.stage, problem)
    return df


# --- one document at a time: a bad document is a reported skip, never the end of the run ---

# A value this close (relative) to its range's bound is float noise ("4.1 Mil" read as
# 4099999.9999999995 beside a bound of 4100000): clamped onto the bound, or onto the integer.
REL_TOLERANCE = 1e-9
_NUMBERS = ("value", "value_low", "value_high")
_OFFSETS = ("char_start", "char_end", "figure_start", "figure_end")
_DATES = ("published", "as_of")
# Dates the ledger's datetime columns hold (pandas' nanosecond range, with a margin).
_EARLIEST, _LATEST = dt.date(1700, 1, 1), dt.date(2250, 12, 31)


class FileClaims(NamedTuple):
    """One file's outcome: its Document (None when skipped), claim rows, problems, warnings."""

    document: Document | None
    rows: list[dict]
    problems: list[InputError]
    warnings: list[str]


def extract_file(
    path: str | os.PathLike,
    *,
    data: bytes | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    validate: bool = True,
) -> FileClaims:
    """Read, extract, normalise and validate one file; never raises for a bad document.

    data: the file's bytes if already read; validate=False leaves the contract check to the
    caller's batch (validate_by_document), which is much cheaper per document.
    """
    try:
        doc, warnings = read_document(path, data=data, max_bytes=max_bytes)
    except InputError as exc:
        return FileClaims(None, [], [exc], [])
    except Exception as exc:  # read_document wraps its stages; this is the last guard
        return FileClaims(None, [], [InputError(path, _unexpected(exc), "read")], [])
    rows, problems = document_claims(doc, validate=validate)
    return FileClaims(doc, rows, problems, warnings)


def document_claims(doc: Document, validate: bool = True) -> tuple[list[dict], list[InputError]]:
    """A document's claim rows, normalised (and validated); a failure is a problem, not raised."""
    try:
        rows = claims_from_document(doc)
    except Exception as exc:  # a figure the reader chokes on costs one document, not the run
        return [], [InputError(doc.path, _unexpected(exc), "extract")]
    rows, bad = normalise_rows(rows)
    if bad:
        return [], [_contract_problem(doc.path, bad)]
    if validate:
        _, problems = validate_by_document(claims_frame(rows), {doc.doc_id: doc.path})
        if problems:
            return [], problems
    return rows, []


def normalise_rows(rows: list[dict]) -> tuple[list[dict], list[str]]:
    """Rows with float noise removed and dates the ledger can hold; and one line per bad row.

    A value outside its range by rounding is clamped onto the range; a near-integer becomes
    the integer; a date outside what the ledger holds becomes empty. A value that is not a
    finite number is a bad row (the caller skips the document).
    """
    bad = []
    for i, row in enumerate(rows, 1):
        try:
            for name in _NUMBERS:
                row[name] = _number(row.get(name), name == "value")
            for name in _OFFSETS:
                row[name] = int(row[name])
        except (TypeError, ValueError, KeyError, OverflowError) as exc:
            bad.append(f"row {i} ({row.get('indicator', '?')}): {exc}")
            continue
        _clamp(row)
        for name in _DATES:
            row[name] = _date(row.get(name))
    return rows, bad


def _number(value: object, nullable: bool) -> float | None:
    if value is None or (nullable and isinstance(value, float) and math.isnan(value)):
        if nullable:
            return None
        raise ValueError("a number is missing")
    x = float(value)  # type: ignore[arg-type]
    if not math.isfinite(x):
        raise ValueError(f"{value!r} is not a finite number")
    whole = round(x)
    return float(whole) if abs(x - whole) <= REL_TOLERANCE * max(1.0, abs(x)) else x


def _clamp(row: dict) -> None:
    low, high, value = row["value_low"], row["value_high"], row["value"]
    if low > high and low - high <= REL_TOLERANCE * max(1.0, abs(high)):
        row["value_low"] = low = high
    if value is not None:
        slack = REL_TOLERANCE * max(1.0, abs(value))
        if low - slack <= value < low:
            row["value"] = low
        elif high < value <= high + slack:
            row["value"] = high


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value if _EARLIEST <= value <= _LATEST else None
    return None


def validate_by_document(
    df: pd.DataFrame, paths: dict[str, str] | None = None
) -> tuple[pd.DataFrame, list[InputError]]:
    """The rows of the documents that pass the contract, and one problem per document that fails.

    One validation for the whole batch; only when it fails are the failing documents named
    (with their failing rows and fields) and the rest validated again.
    """
    paths = paths or {}
    problems: list[InputError] = []
    for _ in range(3):
        try:
            return validate_claims(df), problems
        except LedgerValidationError as exc:
            if not exc.rows or any(r["index"] is None for r in exc.rows):
                break  # a whole column failed: the documents are told apart one by one below
            failing: dict[str, list[str]] = {}
            for r in exc.rows:
                failing.setdefault(r["doc_id"], []).append(
                    f"row {r['row']}: {'; '.join(r['problems'])}"
                )
            for doc_id, lines in failing.items():
                problems.append(_contract_problem(paths.get(doc_id, doc_id), lines))
            df = df[~df["doc_id"].isin(failing)]
    frames = []
    for key, part in df.groupby("doc_id", sort=False):
        try:
            frames.append(validate_claims(part))
        except LedgerValidationError as exc:
            lines = str(exc).splitlines()[1:]
            problems.append(_contract_problem(paths.get(str(key), str(key)), lines))
    return (pd.concat(frames) if frames else validate_claims(claims_frame([]))), problems


def _contract_problem(path: str, lines: list[str]) -> InputError:
    reason = "claims break the ledger contract: " + " | ".join(x.strip() for x in lines[:MAX_LINES])
    return InputError(path, reason, "validate")


def _unexpected(exc: BaseException) -> str:
    text = f"{exc.__class__.__name__}: {exc}"
    return text if len(text) <= 300 else text[:297] + "..."


def claims_frame(rows: list[dict]) -> pd.DataFrame:
    """Rows -> a DataFrame with the ledger's columns and dtypes (also for zero rows)."""
    df = pd.DataFrame(rows, columns=COLUMNS + EXTRA_COLUMNS)
    df = df.astype(
        {
            "value": "float64",
            "value_low": "float64",
            "value_high": "float64",
            "char_start": "int64",
            "char_end": "int64",
            "figure_start": "int64",
            "figure_end": "int64",
        }
    )
    for col in (
        "doc_id",
        "language",
        "topic",
        "indicator",
        "unit",
        "qualifier",
        "attributed_to",
        "quote",
        "claim_en",
        "stage",
        "measure",
        "speaker",
        "relayed_by",
        "outlet",
        "url",
        "title",
        "flags",
    ):
        df[col] = df[col].astype(object).where(df[col].notna(), "").astype(str)
    for col in ("published", "as_of"):
        df[col] = pd.to_datetime(df[col], errors="coerce")
    df["topic"] = df["indicator"].map(topics()).fillna("")
    return df
