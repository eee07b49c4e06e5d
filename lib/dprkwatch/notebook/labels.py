"""Words a reader sees: language, indicator, unit and source names, figures, the selection.

Every label comes from the ledger contract (dprkwatch.core.vocabulary) or from the tables here;
numbers go through dprkwatch.core.fmt. Nothing here emits HTML: display.py escapes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from dprkwatch.core import fmt
from dprkwatch.core.vocabulary import vocabulary
from dprkwatch.ledger import originators
from dprkwatch.notebook.headlines import UNIT_WORDS

# English name and the language's own name (shown beside it in charts and legends).
LANGUAGES: dict[str, tuple[str, str]] = {
    "ar": ("Arabic", "العربية"),
    "bn": ("Bengali", "বাংলা"),
    "de": ("German", "Deutsch"),
    "en": ("English", "English"),
    "es": ("Spanish", "español"),
    "fr": ("French", "français"),
    "hi": ("Hindi", "हिन्दी"),
    "id": ("Indonesian", "Bahasa Indonesia"),
    "it": ("Italian", "italiano"),
    "ja": ("Japanese", "日本語"),
    "ko": ("Korean", "한국어"),
    "pl": ("Polish", "polski"),
    "pt": ("Portuguese", "português"),
    "ru": ("Russian", "русский"),
    "tr": ("Turkish", "Türkçe"),
    "uk": ("Ukrainian", "українська"),
    "vi": ("Vietnamese", "Tiếng Việt"),
    "zh": ("Chinese", "中文"),
}
UNATTRIBUTED = "unattributed"
POLICY_WORDS = {
    "latest": "the latest figure",
    "conservative": "the lowest current figure",
    "median": "the median of current figures",
}


def language_name(code: Any) -> str:
    """English name of a language code ("bn" -> "Bengali"); unknown codes as they are."""
    code = "" if code is None or (isinstance(code, float) and pd.isna(code)) else str(code)
    return LANGUAGES.get(code, (code or "unknown", ""))[0]


def language_label(code: Any) -> str:
    """English and native name, for charts: "Arabic · العربية"; English alone when they match."""
    name = language_name(code)
    native = LANGUAGES.get(str(code), ("", ""))[1]
    return f"{name} · {native}" if native and native != name else name


def indicator_label(indicator: Any) -> str:
    """The contract's label of an indicator ("troops_deployed" -> "troops deployed")."""
    return vocabulary().label(str(indicator))


def stage_label(indicator: str, stage: Any) -> str:
    """ "Troops deployed (planned)": the stage only where the contract says it means something."""
    label = indicator_label(indicator)
    ind = vocabulary().indicators.get(indicator)
    if ind is not None and ind.staged and isinstance(stage, str) and stage:
        label = f"{label} ({stage})"
    return label[:1].upper() + label[1:]


def unit_words(unit: Any) -> str:
    """A unit as written after a figure: "" for persons, "×" for a multiplier."""
    if not isinstance(unit, str):
        return ""
    return UNIT_WORDS.get(unit, unit)


def split_sources(attributed_to: Any) -> list[str]:
    """The originating institutions of one claim ("A (a person); B" -> ["A", "B"]); [] when
    unattributed. Counts and charts go by institution: "US government (US officials)" and
    "US government (미국 관리)" are one originator."""
    return originators(attributed_to)


def source_label(attributed_to: Any) -> str:
    """The attribution of a claim as a reader reads it, speakers and words as written
    included, "unattributed" when the text names none."""
    parts = attributed_to.split(";") if isinstance(attributed_to, str) else []
    return "; ".join(p.strip() for p in parts if p.strip()) or UNATTRIBUTED


def primary_source(attributed_to: Any) -> str:
    """The strongest source of a claim (the extractor lists it first), or "unattributed"."""
    return (split_sources(attributed_to) or [UNATTRIBUTED])[0]


def figure_text(value: Any, low: Any, high: Any, qualifier: Any, unit: Any) -> str:
    """A claim's figure as a reader reads it: "≈15,000", "600–1,000", "2×", "2.5 USD/hour"."""
    q = qualifier if isinstance(qualifier, str) else ""
    if not q and (value is None or pd.isna(value)):
        q = "vague"
    text = fmt.figure(value, low, high, q)
    words = unit_words(unit)
    if words == "×":
        return text + words
    return f"{text} {words}" if words else text


def figures(claims: pd.DataFrame) -> list[str]:
    """figure_text of every claim, in order."""
    cols = ("value", "value_low", "value_high", "qualifier", "unit")
    return [figure_text(*row) for row in zip(*(claims[c] for c in cols), strict=True)]


def count(n: int, noun: str, plural: str = "") -> str:
    """ "1 document", "2 documents", "no document"."""
    if n == 0:
        return f"no {noun}"
    return f"{fmt.number(n)} {noun if n == 1 else plural or noun + 's'}"


def date_text(value: Any) -> str:
    """A date as readers write it ("30 Apr 2025"); "undated" when missing."""
    if value is None or pd.isna(value):
        return "undated"
    return f"{pd.Timestamp(value):%-d %b %Y}"


def parameters_text(
    languages: Sequence[str] = (), published_from: str = "", published_to: str = ""
) -> list[str]:
    """The selection as a reader reads it: ["Languages: Bengali", "Published: from 1 Jan 2025"]."""
    lines = []
    if languages:
        lines.append("Languages: " + ", ".join(language_name(x) for x in languages))
    if published_from and published_to:
        lines.append(f"Published: {date_text(published_from)} to {date_text(published_to)}")
    elif published_from:
        lines.append(f"Published: from {date_text(published_from)}")
    elif published_to:
        lines.append(f"Published: until {date_text(published_to)}")
    return lines
