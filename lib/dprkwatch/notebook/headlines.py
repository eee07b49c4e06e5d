"""Headline figures: recorded by notebooks (views.record_headline), read back by the runner."""

from __future__ import annotations

import json
from typing import Any

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
    value = h.get("value")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    shown = (
        f"{value:,}" if isinstance(value, int | float) else ("–" if value is None else str(value))
    )
    unit = f" {h['unit']}" if h.get("unit") else ""
    if h.get("unit") == "x":  # a production multiplier: "2×"
        unit = "×"
    note = f" ({h['note']})" if h.get("note") else ""
    return f"{h.get('label', '?')}: {shown}{unit}{note}"
