"""Headline figures: shown as cards, recorded in the notebook for the runner and the index.

A notebook records its key figures as display data of HEADLINE_MIME; the runner reads them back
from the executed notebook (headlines_from_notebook) for the index page. The runner imports this
module on every run, even one with nothing to do: pandas is imported only by what needs it.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from dprkwatch.core import fmt

if TYPE_CHECKING:
    import pandas as pd

# Units as a reader says them after a figure; "persons" goes without saying (labels uses it too).
UNIT_WORDS = {"persons": "", "x": "×", "hours/day": "hours a day"}

# Executed notebooks carry their headline figures as display data of this mime type.
HEADLINE_MIME = "application/vnd.dprkwatch.headline+json"


def headlines_from_notebook(nb: Any) -> list[dict]:
    """Every headline figure recorded in an executed notebook (dict or NotebookNode)."""
    found: list[dict] = []
    for cell in nb.get("cells", []):
        for out in cell.get("outputs", []) or []:
            data = out.get("data") or {}
            if HEADLINE_MIME in data:
                payload = data[HEADLINE_MIME]
                if isinstance(payload, str):
                    payload = json.loads(payload)
                found.extend(payload if isinstance(payload, list) else [payload])
    return [dict(h) for h in found]


def format_headline(h: dict) -> str:
    """ "Troops deployed: 15,000 (2 originators)" as plain text."""
    note = f" ({h['note']})" if h.get("note") else ""
    return f"{h.get('label', '?')}: {value_text(h.get('value'), h.get('unit', ''))}{note}"


def value_text(value: Any, unit: Any) -> str:
    """A headline value with its unit as a reader reads it: "15,000", "2×", "2.5 USD/hour"."""
    words = UNIT_WORDS.get(unit, unit) if isinstance(unit, str) else ""
    shown = fmt.number(value)
    if shown == "–":
        return shown  # no figure: no unit after the dash
    if words == "×":
        return shown + words
    return f"{shown} {words}".strip()


def headline_record(label: str, value: Any, unit: str = "", note: str = "", **extra: Any) -> dict:
    """One headline figure as the runner stores it (JSON-safe)."""
    rec = {"label": str(label), "value": _jsonable(value), "unit": str(unit or "")}
    rec["note"] = str(note or "")
    rec.update({k: _jsonable(v) for k, v in extra.items()})
    return rec


def _jsonable(v: Any) -> Any:
    if hasattr(v, "item") and not isinstance(v, str):
        v = v.item()
    if isinstance(v, float) and math.isnan(v):
        return None
    if isinstance(v, list | tuple):
        return [_jsonable(x) for x in v]
    if hasattr(v, "strftime"):  # a date or a pandas Timestamp (NaT is missing)
        return None if v != v else f"{v:%Y-%m-%d}"
    return v if isinstance(v, str | int | float | bool | type(None)) else str(v)


def _card(rec: dict) -> str:
    note = rec.get("note") or ""
    note_html = f'<span class="dw-headline-note">{html.escape(note)}</span>' if note else ""
    return (
        f'<div class="dw-headline"><span class="dw-headline-label">{html.escape(rec["label"])}'
        f'</span><span class="dw-headline-value">'
        f"{html.escape(value_text(rec['value'], rec['unit']))}</span>{note_html}</div>"
    )


def record_headlines(records: Sequence[dict]) -> None:
    """Show key figures side by side (made with headline_record) and record them."""
    from IPython.display import display

    body = '<div class="dw-headlines">' + "".join(_card(r) for r in records) + "</div>"
    display({"text/html": body, HEADLINE_MIME: list(records)}, raw=True)


def record_headline(label: str, value: Any, unit: str = "", note: str = "", **extra: Any) -> dict:
    """Show one key figure and record it for the report index."""
    rec = headline_record(label, value, unit, note, **extra)
    record_headlines([rec])
    return rec


def headline_records(table: pd.DataFrame, policy: str) -> list[dict]:
    """One record per row of reconcile.headline's table (label, value, unit, a short note)."""
    from dprkwatch.notebook import labels

    records = []
    for r in table.itertuples():
        records.append(
            headline_record(
                labels.stage_label(str(r.indicator), getattr(r, "stage", "")),
                r.value,
                str(getattr(r, "unit", "") or ""),
                _short_note(r),
                indicator=r.indicator,
                stage=str(getattr(r, "stage", "") or ""),
                policy=policy,
                sources=_sources_text(getattr(r, "sources", "")),
                as_of=getattr(r, "as_of", None),
                detail=str(getattr(r, "note", "") or ""),
            )
        )
    return records


def _short_note(r: Any) -> str:
    """The card's note: the range and who stands behind the figure ("" parts left out)."""
    import pandas as pd

    from dprkwatch.notebook import labels

    if pd.isna(getattr(r, "value", None)):
        return str(getattr(r, "note", "") or "no figure to headline")
    lo, hi = getattr(r, "value_low", None), getattr(r, "value_high", None)
    parts = []
    if pd.notna(lo) and pd.notna(hi) and lo != hi:
        parts.append(f"range {fmt.number(lo)}–{fmt.number(hi)}")
    who = _sources_text(getattr(r, "sources", ""))
    parts.append(f"according to {who}" if who else "no named source")
    as_of = getattr(r, "as_of", None)
    if as_of is not None and pd.notna(as_of):
        parts.append(f"as of {labels.date_text(as_of)}")
    return "; ".join(parts)


def _sources_text(value: Any) -> str:
    from dprkwatch.notebook import labels

    if isinstance(value, str):
        return ", ".join(labels.split_sources(value))
    if isinstance(value, list | tuple) or hasattr(value, "tolist"):
        return ", ".join(str(v) for v in list(value))
    return ""
