"""One chart style for every report: timelines of running totals, bars, heatmaps; every script.

Charts draw what a reader can see: figures aggregated per originator and date, at most a few
originators named (the rest grey), image sizes fixed whatever the corpus size. Labels may carry
any script the suite reads: fonts for Bengali, Devanagari, Arabic and CJK come from the Debian
Noto packages (`make system`), and matplotlib's text layout (libraqm) shapes them and lays out
right-to-left text.
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
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from dprkwatch.core import fmt
from dprkwatch.notebook import labels

# Colour-blind-safe first (Okabe-Ito), then a few more for long source lists.
_BASE_COLORS = [
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#8C564B",
    "#000000",
    "#17BECF",  # no grey: grey is for unattributed figures and other sources
    "#BCBD22",
]
UNATTRIBUTED_COLOR = "#9a9a9a"
OTHERS = "other sources"
# Originators a timeline names at most; the others are drawn grey as "other sources".
MAX_SOURCES = 8
# Panels a figure stacks at most (a topic has at most seven indicators).
MAX_PANELS = 8
WIDTH = 9.0  # inches, at 100 dpi: every image is 900 pixels wide at most
# Font families per script, in fallback order after DejaVu Sans (Latin, Cyrillic, Arabic).
# Matplotlib falls back glyph by glyph through this list; files from Debian's fonts-noto-core
# and fonts-noto-cjk.
SCRIPT_FONTS = {
    "Noto Sans Bengali": ("truetype/noto/NotoSansBengali-Regular.ttf",),
    "Noto Sans Devanagari": ("truetype/noto/NotoSansDevanagari-Regular.ttf",),
    "Noto Sans Arabic": ("truetype/noto/NotoSansArabic-Regular.ttf",),
    "Noto Sans CJK JP": ("opentype/noto/NotoSansCJK-Regular.ttc",),
}
FONT_ROOTS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))


@cache
def font_families() -> tuple[str, ...]:
    """DejaVu Sans, then every script font found on this machine (registered with matplotlib)."""
    from matplotlib import font_manager

    known = {f.name for f in font_manager.fontManager.ttflist}
    found = ["DejaVu Sans"]
    for family, files in SCRIPT_FONTS.items():
        if family not in known:
            for path in (root / f for root in FONT_ROOTS for f in files):
                if path.is_file():
                    font_manager.fontManager.addfont(str(path))
                    known.add(family)
                    break
        if family in known:
            found.append(family)
    return tuple(found)


def use_style() -> None:
    """Apply the suite's chart style (seaborn whitegrid, readable sizes, every script's font)."""
    import seaborn as sns

    sns.set_theme(style="whitegrid", context="notebook", palette=_BASE_COLORS)
    plt.rcParams.update(
        {
            "figure.figsize": (WIDTH, 4.5),
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
            # Explicit families, not "sans-serif": matplotlib falls back glyph by glyph only
            # through the families listed here.
            "font.family": list(font_families()),
            # A "$" in a source or outlet name must not switch on math text.
            "text.parse_math": False,
        }
    )


def source_color(source: str) -> str:
    """A stable colour per source across every chart and report."""
    if not source or source in (labels.UNATTRIBUTED, OTHERS):
        return UNATTRIBUTED_COLOR
    digest = int(hashlib.sha1(source.encode("utf-8")).hexdigest(), 16)
    return _BASE_COLORS[digest % len(_BASE_COLORS)]


def source_palette(sources: Sequence[str]) -> dict[str, str]:
    """Colours for a set of sources: distinct within one chart, stable for common sources."""
    out: dict[str, str] = {}
    used: set[str] = {UNATTRIBUTED_COLOR}
    extra = [matplotlib.colors.to_hex(c) for c in plt.get_cmap("tab20b").colors[::2]]  # type: ignore[attr-defined]
    for s in sorted(set(sources)):
        color = source_color(s)
        if s not in (labels.UNATTRIBUTED, OTHERS) and color in used:
            color = next((c for c in _BASE_COLORS + extra if c not in used), color)
        out[s] = color
        used.add(color)
    return out


# --------------------------------------------------------------------------- timelines


def timeline_points(claims: pd.DataFrame, max_sources: int = MAX_SOURCES) -> pd.DataFrame:
    """Claims aggregated for a timeline: one point per stated figure, source, kind and date.

    kind is total, increment, rate or vague; low/high the envelope of the wordings, documents
    how many documents stated it. Values are only ever figures someone stated (never a mean).
    Sources past the max_sources busiest are "other sources". Undated figures keep a missing
    date (drawn in their own strip).
    """
    cols = ["indicator", "unit", "source", "kind", "date", "value", "low", "high", "documents"]
    if claims.empty:
        return pd.DataFrame(columns=cols)
    measure = claims["measure"].fillna("") if "measure" in claims else pd.Series("", claims.index)
    c = pd.DataFrame(
        {
            "indicator": claims["indicator"],
            "unit": claims["unit"].fillna(""),
            "source": claims["attributed_to"].map(labels.primary_source),
            "kind": measure.map({"increment": "increment", "rate": "rate"}).fillna("total"),
            "date": _dates(claims).dt.normalize(),
            "value": claims["value"],
            "low": claims["value_low"],
            "high": claims["value_high"],
            "doc": claims["doc_id"],
        }
    )
    c.loc[c["value"].isna() & (c["kind"] == "total"), "kind"] = "vague"
    if "stage" in claims:
        # Announced or agreed deployments are drawn apart from those reported as done.
        c.loc[(claims["stage"].fillna("") == "planned") & (c["kind"] == "total"), "kind"] = (
            "planned"
        )
    busiest = c["source"].value_counts()
    named = [s for s in busiest.index if s != labels.UNATTRIBUTED][:max_sources]
    c.loc[~c["source"].isin([*named, labels.UNATTRIBUTED]), "source"] = OTHERS
    keys = ["indicator", "unit", "source", "kind", "date", "value"]
    points = c.groupby(keys, dropna=False, sort=True).agg(
        low=("low", "min"),
        high=("high", "max"),
        documents=("doc", "nunique"),
    )
    return points.reset_index()[cols]


def _dates(claims: pd.DataFrame) -> pd.Series:
    published = pd.to_datetime(claims["published"])
    if "as_of" in claims:
        return pd.to_datetime(claims["as_of"]).fillna(published)
    return published


def timelines(claims: pd.DataFrame, indicators: Sequence[str], *, title: str = "") -> Figure | None:
    """One timeline panel per indicator that has figures (see timeline); None when none has."""
    points = timeline_points(claims)
    present = [i for i in indicators if i in set(points["indicator"])][:MAX_PANELS]
    if not present:
        return None
    palette = source_palette(list(points["source"]))
    has_undated = bool(points["date"].isna().any())
    fig = plt.figure(figsize=(WIDTH, 3.0 * len(present) + (0.6 if title else 0.2)))
    grid = fig.add_gridspec(
        len(present), 2 if has_undated else 1, width_ratios=[7, 1] if has_undated else [1]
    )
    dates = points["date"].dropna()
    span = (dates.min(), dates.max()) if len(dates) else None
    for row, indicator in enumerate(present):
        ax = fig.add_subplot(grid[row, 0])
        strip = fig.add_subplot(grid[row, 1], sharey=ax) if has_undated else None
        mine = points[points["indicator"] == indicator]
        _timeline_panel(ax, strip, mine, indicator, palette, span)
    rows = _timeline_legend(fig, palette, points)
    if title:
        fig.suptitle(title, x=0.01, ha="left", fontsize=14, fontweight="bold")
    # Room for the legend under the panels (its rows, in inches, as a share of the height) and
    # for the title above them: tight_layout leaves a suptitle out and set the first panel's
    # title over it.
    height = fig.get_figheight()
    top = 1 - (0.45 / height if title else 0)
    fig.tight_layout(rect=(0, (0.2 + 0.25 * rows) / height, 1, top))
    return fig


def _timeline_panel(
    ax, strip, points: pd.DataFrame, indicator: str, palette: dict, span: tuple | None
) -> None:
    """Step lines of each source's totals over time; increments and vague figures as markers.

    span: the first and last date of every panel (panels share one time axis).
    """
    dated = points[points["date"].notna()]
    for (source, kind), block in dated.groupby(["source", "kind"], sort=True):
        color = palette[source]
        _whiskers(ax, block["date"], block["low"], block["high"], color)
        if kind in ("total", "planned") and source != OTHERS:
            # The line follows the largest total stated each day; every figure keeps its dot.
            level = block.groupby("date")["value"].max()
            style = "--" if kind == "planned" else "-"
            ax.step(level.index, level.to_numpy(), where="post", color=color, linewidth=1.8,
                    linestyle=style)  # fmt: skip
        ax.scatter(block["date"], _shown(block), **_marker(str(kind), color, block["documents"]))
    if strip is not None:
        _undated_strip(strip, points[points["date"].isna()], palette)
    unit = labels.unit_words(points["unit"].iloc[0]) if len(points) else ""
    ax.set_title(labels.stage_label(indicator, "") + (f" ({unit})" if unit else ""), fontsize=12)
    _value_axis(ax, points)
    if span is not None:
        lo, hi = span
        pad = max(pd.Timedelta(days=10), (hi - lo) * 0.04)
        ax.set_xlim(lo - pad, hi + pad)
    if dated.empty:
        # No date locator here: matplotlib's concise date formatter fails on an empty tick list,
        # which a panel whose figures are all undated (beside dated panels) would give it.
        ax.xaxis.set_major_locator(matplotlib.ticker.NullLocator())
        ax.text(0.5, 0.5, "no dated figure", transform=ax.transAxes, ha="center", color="#666")
    elif span is not None:
        locator = matplotlib.dates.AutoDateLocator(maxticks=8)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(matplotlib.dates.ConciseDateFormatter(locator))


def _shown(block: pd.DataFrame) -> pd.Series:
    """Where a point sits: its value, or the middle of its range for a vague figure."""
    return block["value"].fillna((block["low"] + block["high"]) / 2)


def _marker(kind: str, color: str, documents: pd.Series) -> dict:
    size = (28 + 14 * documents.clip(upper=10)).to_numpy()
    style = {
        "total": {"marker": "o", "facecolors": color},
        "planned": {"marker": "s", "facecolors": color},
        "increment": {"marker": "^", "facecolors": "white"},
        "rate": {"marker": "D", "facecolors": "white"},
        "vague": {"marker": "o", "facecolors": "white"},
    }[kind]
    return {**style, "edgecolors": color, "s": size, "linewidths": 1.5, "zorder": 3}


def _whiskers(ax, x: pd.Series, low: pd.Series, high: pd.Series, color: str) -> None:
    ranged = low.notna() & high.notna() & (low != high)
    if ranged.any():
        ax.vlines(x[ranged], low[ranged], high[ranged], color=color, linewidth=2, alpha=0.5)


def _undated_strip(strip, undated: pd.DataFrame, palette: dict) -> None:
    """Undated figures beside the timeline, so that no figure vanishes from the chart."""
    strip.set_title("undated", fontsize=10, loc="center")
    strip.set_xticks([])
    strip.tick_params(labelleft=False)
    strip.set_xlim(-1, 1)
    for i, (kind, block) in enumerate(undated.groupby("kind", sort=True)):
        x = [(-0.4 + 0.3 * i)] * len(block)
        colors = [palette[s] for s in block["source"]]
        strip.vlines(x, block["low"], block["high"], colors=colors, linewidth=2, alpha=0.5)
        for xi, yi, color, n in zip(x, _shown(block), colors, block["documents"], strict=True):
            strip.scatter([xi], [yi], **_marker(str(kind), color, pd.Series([n])))


def _value_axis(ax, points: pd.DataFrame) -> None:
    values = pd.concat([points["value"], points["low"], points["high"]]).dropna()
    positive = values[values > 0]
    if len(positive) > 1 and positive.max() / positive.min() >= 50:
        ax.set_yscale("log")
    elif len(values):
        ax.set_ylim(0, float(values.max()) * 1.12 or 1)
    ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(fmt.tick))


def _timeline_legend(fig, palette: dict, points: pd.DataFrame) -> int:
    """One legend under the panels (sources, then the kinds of marker); returns its rows."""
    handles = [
        Line2D([], [], color=c, marker="o", linewidth=1.8, label=s) for s, c in palette.items()
    ]
    kinds = set(points["kind"])
    extra = {
        "planned": ("s", "planned or announced (dashed)"),
        "increment": ("^", "increment (added to a total)"),
        "vague": ("o", "vague (range only)"),
        "rate": ("D", "rate (per period)"),
    }
    for kind, (marker, text) in extra.items():
        if kind in kinds:
            handles.append(
                Line2D([], [], marker=marker, linestyle="", markerfacecolor="white",
                       color="#333333", markersize=7, label=text)
            )  # fmt: skip
    fig.legend(
        handles=handles, loc="lower center", ncol=min(4, len(handles)), frameon=False,
        bbox_to_anchor=(0.5, 0.0),
    )  # fmt: skip
    return (len(handles) + 3) // 4


# --------------------------------------------------------------------------- bars and heatmaps


def count_bars(df: pd.DataFrame, x: str, y: str, *, title: str = "", xlabel: str = ""):
    """Horizontal bars of counts (documents by language, citations by source); bounded rows."""
    n = len(df)
    _fig, ax = plt.subplots(figsize=(WIDTH, min(8.0, max(2.0, 0.38 * n + 1.0))))
    ax.barh(list(df[y].astype(str))[::-1], list(df[x])[::-1], color=_BASE_COLORS[0], height=0.6)
    ax.set_xlabel(xlabel or x)
    ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    ax.grid(axis="y", visible=False)
    if title:
        ax.set_title(title)
    return ax


def period_bars(over_time: pd.DataFrame, *, title: str = ""):
    """Documents per month (or year), stacked by language."""
    _fig, ax = plt.subplots(figsize=(WIDTH, 3.8))
    unit = over_time.attrs.get("unit", "month")
    table = over_time.pivot_table(
        index="period", columns="language", values="documents", aggfunc="sum", fill_value=0
    )
    table.index = [f"{p:%Y-%m}" if unit == "month" else f"{p:%Y}" for p in table.index]
    table.columns = [labels.language_label(c) for c in table.columns]
    table.plot(kind="bar", stacked=True, ax=ax, width=0.8)
    ax.set_xlabel(f"{unit} published")
    ax.set_ylabel("documents")
    ax.yaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    ax.legend(title="language", loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    step = max(1, len(table) // 24)  # at most ~24 tick labels
    for i, tick in enumerate(ax.get_xticklabels()):
        tick.set_visible(i % step == 0)
        tick.set_rotation(45)
        tick.set_horizontalalignment("right")
    if title:
        ax.set_title(title)
    return ax


def heatmap(matrix: pd.DataFrame, *, title: str = ""):
    """Annotated count heatmap (who says what, weapon types by language); bounded by its input."""
    import seaborn as sns

    h = min(9.0, max(2.5, 0.42 * len(matrix) + 1.6))
    w = min(14.0, max(6.0, 0.9 * len(matrix.columns) + 3.5))
    _fig, ax = plt.subplots(figsize=(w, h))
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
        annot_kws={"fontsize": 10, "fontweight": "bold"},
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
