"""The ledger's schema (pandera): columns, vocabularies, ranges and units, checked on every run.

Errors name the field, the failing value and the document it came from.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

import pandas as pd
import pandera.pandas as pa

from dprkwatch.core.errors import LedgerValidationError
from dprkwatch.core.vocabulary import vocabulary
from dprkwatch.extract import claims_from_document
from dprkwatch.ingest.corpus import Document

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
                ),
                name="value within the indicator's plausible range",
            ),
        ],
        strict=False,
        ordered=False,
    )


def validate_claims(df: pd.DataFrame) -> pd.DataFrame:
    """Validate a ledger; raise LedgerValidationError naming field, value and document."""
    missing = [c for c in COLUMNS if c not in df.columns]
    if missing:
        raise LedgerValidationError(f"ledger is missing columns: {', '.join(missing)}")
    if list(df.columns[: len(COLUMNS)]) != COLUMNS:
        raise LedgerValidationError(f"ledger columns must start with {COLUMNS}")
    try:
        return claims_schema().validate(df, lazy=True)
    except pa.errors.SchemaErrors as exc:
        raise LedgerValidationError(_describe(exc, df)) from None


def _describe(exc, df: pd.DataFrame) -> str:
    lines = ["the claims ledger failed validation:"]
    fc = exc.failure_cases
    for _, row in fc.head(50).iterrows():
        idx = row.get("index")
        doc = df.loc[idx, "doc_id"] if idx is not None and idx in df.index else "?"
        field = row.get("column") or "(row)"
        lines.append(
            f"  document {doc}: field {field}: {row.get('check')} failed (value {row.get('failure_case')!r})"
        )
    if len(fc) > 50:
        lines.append(f"  ... and {len(fc) - 50} more")
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


def extract_claims(corpus: Iterable[Document], progress: bool = False) -> pd.DataFrame:
    """The claims ledger of `corpus` (any iterable of Documents), validated by the schema."""
    rows: list[dict] = []
    it = corpus
    if progress:
        from tqdm import tqdm

        it = tqdm(corpus, desc="documents", unit="doc", file=__import__("sys").stderr)
    for doc in it:
        rows.extend(claims_from_document(doc))
    return validate_claims(claims_frame(rows))


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
