"""Words for readers: report parameters and the corpus as a person would say them.

"Languages: Bengali", not `languages=['bn']`; no folder of this machine, no internal names.
Each parameter a reader may care about has a label and a formatter here (a registry); the
runner's own plumbing (store, corpus, state folder) is never shown.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

# Parameters that only tell a notebook where things are.
HIDDEN = frozenset({"store", "corpus", "state_dir"})


def language_name(code: str) -> str:
    """ "bn" -> "Bengali" (the notebooks' own table of names); an unknown code as it is."""
    from dprkwatch.notebook.labels import language_name as name

    return name(code)


def _languages(value: Any) -> str:
    codes = value if isinstance(value, list | tuple) else [value]
    return join_words([language_name(str(c)) for c in codes]) if codes else "all"


def _policy(value: Any) -> str:
    from dprkwatch.notebook.labels import POLICY_WORDS

    return POLICY_WORDS.get(str(value), str(value))


def _date(value: Any) -> str:
    return long_date(str(value)) or str(value)


def _days(value: Any) -> str:
    return f"{value} day{'' if value == 1 else 's'}"


# name -> (label, formatter); a parameter not listed here is shown with a generic label.
PARAMETERS: dict[str, tuple[str, Callable[[Any], str]]] = {
    "languages": ("Languages", _languages),
    "policy": ("Headline figure", _policy),
    "published_from": ("Published from", _date),
    "published_to": ("Published until", _date),
    "period_days": ("Figures grouped when published within", _days),
    "window_days": ("Sources compared within", _days),
}


def parameters(params: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, value) pairs a reader can read; empty values and plumbing left out."""
    shown = []
    for name, value in params.items():
        if name in HIDDEN or value in ("", None, [], ()):
            continue
        label, fmt = PARAMETERS.get(name, (name.replace("_", " ").capitalize(), _plain))
        shown.append((label, fmt(value)))
    return shown


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return join_words([str(v) for v in value])
    return str(value)


def join_words(words: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def long_date(iso: str) -> str:
    """ "2025-01-10" -> "10 January 2025"; "" for anything else."""
    try:
        day = date.fromisoformat(iso[:10])
    except (TypeError, ValueError):
        return ""
    return f"{day.day} {day:%B %Y}"


def plural(n: int, noun: str) -> str:
    """ "1 document", "2,000 documents"."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def corpus_line(facts: dict[str, Any]) -> str:
    """ "5 documents in Bengali, English and Portuguese, published 2 December 2024 – ..."."""
    if not facts:
        return ""
    text = plural(int(facts.get("documents") or 0), "document")
    langs = [language_name(c) for c in facts.get("languages") or []]
    if langs:
        text += f" in {join_words(langs)}"
    start, end = (
        long_date(facts.get("published_from", "")),
        long_date(facts.get("published_to", "")),
    )
    if start and end:
        text += f", published {start} – {end}" if start != end else f", published {start}"
    undated, total = int(facts.get("undated") or 0), int(facts.get("documents") or 0)
    if undated and undated == total:
        text += ", none with a known publication date"
    elif undated:
        text += f" ({plural(undated, 'document')} without a date)"
    return text
