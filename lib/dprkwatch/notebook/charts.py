"""One chart style for every report: dot-and-whisker estimates, colour = source, marker = language.

Chart labels stay in Latin script (English indicator names, canonical source names, language
codes); a font covering Bengali is registered as a fallback in case a label carries some.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import matplotlib
import matplotlib.colors
import matplotlib.dates
import matplotlib.pyplot as plt
import matplotlib.ticker
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D

from dprkwatch.core import fmt

LANGUAGE_MARKERS = {
    "en": "o",
    "bn": "s",
    "pt": "D",
    "ko": "^",
    "ru": "v",
    "uk": "P",
    "es": "X",
    "fr": "<",
    "de": ">",
}
OTHER_MARKER = "*"
# Colour-blind-safe first (Okabe-Ito), then tab20 for long source lists.
_BASE_COLORS = [
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#8C564B",
    "#000000",
    "#7F7F7F",
    "#BCBD22",
]
UNATTRIBUTED_COLOR = "#9a9a9a"
FONT_CANDIDATES = {
    "Noto Sans Bengali": [
        "/usr/share/fonts/truetype/noto/NotoSansBengali-Regular.ttf",
        "/usr/share/fonts/noto/NotoSansBengali-Regular.ttf",
        "/usr/share/fonts/google-noto/NotoSansBengali-Regular.ttf",
    ],
}


@cache
def _register_fonts() -> tuple[str, ...]:
    """Add system fonts for non-Latin scripts to matplotlib; returns the family names found."""
    from matplotlib import font_manager

    found = []
    for family, candidates in FONT_CANDIDATES.items():
        for candidate in candidates:
            if Path(candidate).exists():
                font_manager.fontManager.addfont(candidate)
                found.append(family)
                break
    return tuple(found)


def use_style() -> None:
    """Apply the suite's chart style (seaborn whitegrid, readable sizes, font fallbacks)."""
    import seaborn as sns

    sns.set_theme(style="whitegrid", context="notebook", palette=_BASE_COLORS)
    fallbacks = list(_register_fonts())
    plt.rcParams.update(
        {
            "figure.figsize": (9, 4.5),
            "figure.dpi": 100,
            "savefig.dpi": 100,
            "savefig.bbox": "tight",
            "axes.titlesize": 13,
            "axes.titleweight": "bold",
            "axes.titlelocation": "left",
            "axes.labelsize": 11,
            "legend.fontsize": 9,
            "legend.title_fontsize": 10,
            "xtick.labelsize": 10,
            "ytick.labelsize": 10,
            # Per-glyph fallback: Latin from DejaVu, Bengali from Noto when installed.
            "font.family": "sans-serif",
            "font.sans-serif": ["DejaVu Sans", *fallbacks],
            # A "$" in a source or outlet name must not switch on math text.
            "text.parse_math": False,
        }
    )


def source_color(source: str) -> str:
    """A stable colour per source across every chart and report."""
    if not source or source == "unattributed":
        return UNATTRIBUTED_COLOR
    digest = int(hashlib.sha1(source.encode("utf-8")).hexdigest(), 16)
    return _BASE_COLORS[digest % len(_BASE_COLORS)]


def source_palette(sources: Sequence[str]) -> dict[str, str]:
    """Colours for a set of sources: distinct within one chart, stable for common sources."""
    out: dict[str, str] = {}
    used: set[str] = {UNATTRIBUTED_COLOR}
    extra = [matplotlib.colors.to_hex(c) for c in plt.get_cmap("tab20b").colors[::2]]
    for s in sorted(set(sources)):
        color = source_color(s)
        if s != "unattributed" and color in used:
            color = next((c for c in _BASE_COLORS + extra if c not in used), color)
        out[s] = color
        used.add(color)
    return out


def language_marker(language: str) -> str:
    """The marker of a language code."""
    return LANGUAGE_MARKERS.get(language, OTHER_MARKER)


def _needs_log(values: pd.Series) -> bool:
    v = values[values > 0].dropna()
    return len(v) > 1 and v.max() / v.min() >= 50


def _legends(ax, palette: dict[str, str], languages: Sequence[str], has_vague: bool) -> None:
    """One legend beside the axes: sources (colours), then languages (markers).

    A single legend, because a second one added with add_artist is left out of the tight
    bounding box and gets cut off in the saved image.
    """

    def header(text: str) -> Line2D:
        return Line2D([], [], linestyle="", marker="", label=text)

    handles = [header("source")]
    handles += [
        Line2D([], [], marker="o", linestyle="", color=c, markersize=7, label=s)
        for s, c in palette.items()
    ]
    handles += [header(""), header("language")]
    handles += [
        Line2D(
            [], [], marker=language_marker(lang), linestyle="", color="#333333", markersize=7,
            label=lang,
        )
        for lang in sorted(set(languages))
    ]  # fmt: skip
    if has_vague:
        handles.append(
            Line2D(
                [], [], marker="o", linestyle="", markerfacecolor="white", color="#333333",
                markersize=7, label="vague (range only)",
            )
        )  # fmt: skip
    legend = ax.legend(
        handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False,
        handletextpad=0.4, borderaxespad=0.0,
    )  # fmt: skip
    for text, handle in zip(legend.get_texts(), handles, strict=True):
        if handle.get_marker() in ("", "None", None):
            text.set_fontweight("bold")
            text.set_x(-20)  # headers start where the markers do


def _whiskers(ax, x, y, lo, hi, color, marker, vague, horizontal: bool) -> None:
    if pd.notna(lo) and pd.notna(hi):
        if horizontal:
            ax.plot([lo, hi], [y, y], color=color, linewidth=2, alpha=0.8, solid_capstyle="round")
        else:
            ax.plot([x, x], [lo, hi], color=color, linewidth=2, alpha=0.8, solid_capstyle="round")
    px, py = (x, y) if horizontal else (y, x)
    if pd.isna(px if horizontal else py):
        return
    face = "white" if vague else color
    ax.plot(
        [px],
        [py],
        marker=marker,
        color=color,
        markerfacecolor=face,
        markersize=8,
        markeredgewidth=1.5,
        linestyle="",
    )


def estimate_plot(
    est: pd.DataFrame,
    *,
    label: str = "row",
    title: str | None = None,
    xlabel: str = "estimate",
    log: bool | None = None,
    ax=None,
    palette: dict[str, str] | None = None,
    legend: bool = True,
):
    """Dot-and-whisker plot, one row per estimate: value with its low–high range.

    est needs value, value_low, value_high, source, language and either a `row` column or
    published/indicator to build row labels. Vague claims (no value) are drawn as the range
    with a hollow marker at its middle.
    """
    est = est.reset_index(drop=True).copy()
    if label not in est.columns:
        est[label] = [_row_label(r) for r in est.itertuples()]
    n = len(est)
    if ax is None:
        _, ax = plt.subplots(figsize=(9, max(2.2, 0.42 * n + 1.2)))
    palette = palette or source_palette(est["source"])
    vague_any = False
    for i, r in enumerate(est.itertuples()):
        value = r.value
        vague = pd.isna(value)
        if vague and pd.notna(r.value_low) and pd.notna(r.value_high):
            value = (
                float(np.sqrt(r.value_low * r.value_high))
                if r.value_low > 0
                else ((r.value_low + r.value_high) / 2)
            )
        vague_any |= vague
        _whiskers(
            ax,
            value,
            n - 1 - i,
            r.value_low,
            r.value_high,
            palette[r.source],
            language_marker(r.language),
            vague,
            horizontal=True,
        )
    ax.set_yticks(range(n))
    ax.set_yticklabels(list(est[label])[::-1])
    ax.set_ylim(-0.7, n - 0.3)
    ax.set_xlabel(xlabel)
    values = pd.concat([est["value"], est["value_low"], est["value_high"]])
    if log if log is not None else _needs_log(values):
        ax.set_xscale("log")
    elif values.notna().any():
        # Counts read honestly from zero; a little room right of the largest whisker.
        ax.set_xlim(0, float(values.max()) * 1.12 or 1)
    ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(fmt.tick))
    if title:
        ax.set_title(title)
    ax.grid(axis="y", visible=False)
    if legend:
        _legends(ax, palette, list(est["language"]), vague_any)
    return ax


def estimate_facets(est: pd.DataFrame, *, by: str = "label", title: str | None = None):
    """estimate_plot for several indicators stacked, each with its own scale; one legend.

    Returns the figure, or None (and draws nothing) when est is empty.
    """
    if est.empty:
        return None
    groups = [(k, g) for k, g in est.groupby(by, sort=False)]
    heights = [max(1.6, 0.42 * len(g) + 0.9) for _, g in groups]
    fig, axes = plt.subplots(
        nrows=len(groups),
        figsize=(9, sum(heights) + 0.6),
        gridspec_kw={"height_ratios": heights},
        squeeze=False,
    )
    palette = source_palette(est["source"])
    for i, ((key, g), ax) in enumerate(zip(groups, axes[:, 0], strict=True)):
        unit = _common_unit(g)
        estimate_plot(
            g, ax=ax, title=str(key), xlabel=unit or "estimate", palette=palette, legend=False
        )
        if i == 0:
            _legends(ax, palette, list(est["language"]), bool(est["value"].isna().any()))
    if title:
        fig.suptitle(title, x=0.01, ha="left", fontsize=14, fontweight="bold")
    fig.tight_layout()
    return fig


def _common_unit(est: pd.DataFrame) -> str:
    units = [u for u in est.get("unit", pd.Series(dtype=str)).dropna().unique() if u]
    return units[0] if len(units) == 1 else ""


def estimate_chart(est: pd.DataFrame, *, title: str | None = None, ylabel: str = "estimate"):
    """Estimates over time when at least two are dated, else one row per estimate."""
    if est.empty:
        return None
    if est["published"].notna().sum() >= 2:
        return estimate_timeline(est, title=title, ylabel=ylabel)
    return estimate_plot(
        est, title=(title or "") + " (no publication dates: one row per estimate)", xlabel=ylabel
    )


def monthly_bars(monthly: pd.DataFrame, *, title: str | None = None, ax=None):
    """Documents per month, stacked by language."""
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 3.8))
    table = monthly.pivot_table(
        index="month", columns="language", values="documents", aggfunc="sum", fill_value=0
    )
    table.index = [f"{m:%Y-%m}" for m in table.index]
    table.plot(kind="bar", stacked=True, ax=ax, width=0.8)
    ax.set_xlabel("month published")
    ax.set_ylabel("documents")
    ax.yaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    ax.legend(title="language", loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    for tick in ax.get_xticklabels():
        tick.set_rotation(45)
        tick.set_horizontalalignment("right")
    if title:
        ax.set_title(title)
    return ax


def estimate_timeline(
    est: pd.DataFrame,
    *,
    title: str | None = None,
    ylabel: str = "estimate",
    log: bool | None = None,
    ax=None,
):
    """Estimates over publication date: value dots with vertical low–high whiskers.

    Same encoding as estimate_plot (colour = source, marker = language); undated claims are
    left out and counted in the x-axis label.
    """
    est = est.copy()
    dated = est.dropna(subset=["published"])
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 4.5))
    palette = source_palette(dated["source"]) if len(dated) else {}
    vague_any = False
    # Estimates on the same day are nudged apart so their whiskers stay readable.
    offsets = dated.groupby("published").cumcount()
    for (_, r), k in zip(dated.iterrows(), offsets, strict=True):
        x = r["published"] + pd.Timedelta(days=2 * int(k))
        value = r["value"]
        vague = pd.isna(value)
        if vague and pd.notna(r["value_low"]) and pd.notna(r["value_high"]):
            value = (r["value_low"] + r["value_high"]) / 2
        vague_any |= vague
        _whiskers(
            ax,
            value,
            x,
            r["value_low"],
            r["value_high"],
            palette[r["source"]],
            language_marker(r["language"]),
            vague,
            horizontal=False,
        )
    ax.set_ylabel(ylabel)
    undated = len(est) - len(dated)
    ax.set_xlabel("published" + (f" ({undated} undated estimate(s) not shown)" if undated else ""))
    values = pd.concat([dated["value"], dated["value_low"], dated["value_high"]])
    if log if log is not None else _needs_log(values):
        ax.set_yscale("log")
    elif values.notna().any():
        ax.set_ylim(0, float(values.max()) * 1.1 or 1)
    ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(fmt.tick))
    if len(dated):
        lo, hi = dated["published"].min(), dated["published"].max()
        pad = max(pd.Timedelta(days=10), (hi - lo) * 0.05)
        ax.set_xlim(lo - pad, hi + pad)
        ax.xaxis.set_major_formatter(matplotlib.dates.DateFormatter("%Y-%m-%d"))
        for tick in ax.get_xticklabels():
            tick.set_rotation(30)
            tick.set_horizontalalignment("right")
    if title:
        ax.set_title(title)
    if palette:
        _legends(ax, palette, list(dated["language"]), vague_any)
    return ax


def count_bars(
    df: pd.DataFrame, x: str, y: str, hue: str | None = None, *, title=None, xlabel=None, ax=None
):
    """Horizontal bar chart of counts (documents by language, citations by source...)."""
    import seaborn as sns

    if ax is None:
        n = df[y].nunique() if len(df) else 1
        _, ax = plt.subplots(figsize=(9, max(2.0, 0.38 * n + 1.0)))
    sns.barplot(data=df, x=x, y=y, hue=hue, ax=ax, orient="h", errorbar=None, width=0.6)
    ax.set_xlabel(xlabel or x)
    ax.set_ylabel("")
    ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    if title:
        ax.set_title(title)
    if hue:
        ax.legend(title=hue, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    return ax


def heatmap(matrix: pd.DataFrame, *, title=None, ax=None, cbar_label="claims"):
    """Annotated count heatmap (who says what: originator x indicator)."""
    import seaborn as sns

    if ax is None:
        h = max(2.5, 0.42 * len(matrix) + 1.6)
        w = max(6.0, 0.9 * len(matrix.columns) + 3.5)
        _, ax = plt.subplots(figsize=(min(w, 14), h))
    top = int(matrix.to_numpy().max()) if matrix.size else 1
    sns.heatmap(
        matrix,
        annot=True,
        fmt="d",
        cmap="Blues",
        vmin=-max(1, top) * 0.6,  # even a count of 1 gets a visible blue
        vmax=max(top, 1),
        linewidths=1,
        linecolor="#e6e9ed",
        cbar=False,
        ax=ax,
        mask=matrix == 0,
        annot_kws={"fontsize": 11, "fontweight": "bold"},
    )
    ax.grid(False)
    ax.set_facecolor("white")
    ax.tick_params(length=0)
    ax.set_xlabel("")
    ax.set_ylabel("")
    for tick in ax.get_xticklabels():
        tick.set_rotation(30)
        tick.set_horizontalalignment("right")
    if title:
        ax.set_title(title)
    return ax


def _row_label(r) -> str:
    date = getattr(r, "published", None)
    day = f"{date:%Y-%m-%d}" if isinstance(date, pd.Timestamp) and pd.notna(date) else "undated"
    who = getattr(r, "sources", None) or r.source
    if len(who) > 42:
        who = who[:40] + "…"
    return f"{who} · {r.language} · {day}"
