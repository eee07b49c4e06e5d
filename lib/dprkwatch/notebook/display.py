"""Safe, bounded display: static and searchable tables, sentences, the notebook set-up.

Text from documents (titles, quotes, outlets) is untrusted: every function that emits HTML or
Markdown escapes it. Tables are bounded (a report stays small at any corpus size), text cells
take their direction from their own first letters (an Arabic quote reads right to left), and
the output of the same data is the same bytes (table ids are derived from the content).
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from dprkwatch.core import fmt

# Rows a table shows at most; longer tables say how many rows are left out and where they are.
MAX_ROWS = 1000
# Cells keep their own direction: an Arabic quote in an English table reads right to left.
_BIDI_STYLE = (
    "<style>table.dw-itable td, table.dw-table td[dir] { unicode-bidi: plaintext; "
    "text-align: start; }</style>"
)
_ITABLES_READY = False


def escape_md(text: Any) -> str:
    """Untrusted text made safe inside Markdown: HTML escaped, link and emphasis syntax disarmed."""
    out = html.escape(str(text), quote=True)
    for ch in "\\`*_[]()#|!~":
        out = out.replace(ch, f"&#{ord(ch)};")
    return out


def cell_text(value: Any) -> str:
    """A cell as a reader reads it: dates as YYYY-MM-DD, lists joined, numbers with separators."""
    if isinstance(value, pd.Timestamp):
        return "–" if pd.isna(value) else f"{value:%Y-%m-%d}"
    if isinstance(value, list | tuple | set):
        return ", ".join(str(v) for v in value)
    if hasattr(value, "tolist") and not isinstance(value, str):  # numpy arrays from DuckDB
        listed = value.tolist()
        if isinstance(listed, list):
            return ", ".join(str(v) for v in listed)
        value = listed
    return fmt.number(value)


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
            attr = ' class="num"' if col in numeric else ' dir="auto"'
            parts.append(f"<td{attr}>{html.escape(cell_text(value))}</td>")
        parts.append("</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def drop_empty_columns(df: pd.DataFrame) -> pd.DataFrame:
    """Columns with no value in any row say nothing to a reader: leave them out."""
    keep = []
    for col in df.columns:
        values = df[col]
        empty = values.isna() | values.map(lambda v: isinstance(v, str) and v.strip() in ("", "–"))
        if not empty.all():
            keep.append(col)
    return df[keep] if keep else df


def show(
    df: pd.DataFrame,
    caption: str | None = None,
    *,
    max_static_rows: int = 15,
    interactive: bool | None = None,
    row_classes: Sequence[str] | None = None,
    empty: str = "",
    max_rows: int = MAX_ROWS,
    rest: str = "",
) -> None:
    """Display a table: short ones static, long ones searchable; at most max_rows rows.

    Callers sort the most relevant rows first. empty: the sentence shown instead of an empty
    table; rest: where the rows left out can be found (said under the table). A table built
    for its first rows only says how many there are in all in attrs["rows_in_all"].
    """
    from IPython.display import HTML, display

    if df.empty:
        note = empty or f"{caption or 'Table'}: nothing to show."
        display(HTML(f'<p class="dw-empty">{html.escape(note)}</p>'))
        return
    total = max(len(df), int(df.attrs.get("rows_in_all", 0)))
    df = drop_empty_columns(df.head(max_rows))
    if row_classes is not None:
        row_classes = list(row_classes)[:max_rows]
    if interactive is None:
        interactive = len(df) > max_static_rows
    if interactive:
        _interactive(df, caption)
    else:
        display(HTML(html_table(df, caption=caption, row_classes=row_classes)))
    if total > len(df):
        where = f" {rest}" if rest else ""
        display(
            HTML(
                f'<p class="dw-empty">Showing the first {fmt.number(len(df))} of '
                f"{fmt.number(total)} rows.{html.escape(where)}</p>"
            )
        )


def _interactive(df: pd.DataFrame, caption: str | None) -> None:
    """A searchable table (itables, offline: the report works without the internet)."""
    global _ITABLES_READY
    import itables

    if not _ITABLES_READY:
        itables.init_notebook_mode(all_interactive=False, connected=False)
        _ITABLES_READY = True
    data = df.reset_index(drop=True).copy()
    for col in data.columns:
        data[col] = _readable_column(data[col])
    wide = [
        i for i, c in enumerate(data.columns) if str(c).startswith(("quote", "claim (", "title"))
    ]
    itables.show(
        data,
        caption=caption,
        table_id=_table_id(data, caption),
        maxBytes=0,  # show() already bounds the rows
        showIndex=False,
        classes="display compact cell-border dw-itable",
        pageLength=25,
        lengthMenu=[10, 25, 100, 500],
        columnDefs=[{"targets": wide, "className": "dw-wide"}] if wide else [],
        allow_html=False,
    )


def _readable_column(col: pd.Series) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(col):
        return col.dt.strftime("%Y-%m-%d").fillna("")
    if pd.api.types.is_float_dtype(col):
        # "600", not "600.0"; DataTables still sorts such strings as numbers.
        return col.map(plain_number)
    if pd.api.types.is_numeric_dtype(col):
        return col
    return col.map(lambda v: v if isinstance(v, str) else cell_text(v))


def _table_id(data: pd.DataFrame, caption: str | None) -> str:
    """The same table gets the same id: a report rendered twice is the same bytes."""
    key = hashlib.sha256(f"{caption}|{list(data.columns)}|{len(data)}".encode())
    for col in data.columns[:3]:
        key.update("\x1f".join(map(str, data[col].head(50))).encode())
    return "T_" + key.hexdigest()[:16]


def plain_number(v: Any) -> str:
    """A number without separators or a trailing ".0" ("" when missing), for sortable cells."""
    if v is None or pd.isna(v):
        return ""
    return str(int(v)) if float(v).is_integer() else f"{v:.6f}".rstrip("0").rstrip(".")


def say(template: str, **values: Any) -> None:
    """Display a Markdown sentence; the values are escaped, the template is trusted.

    Numbers are formatted with thousands separators.
    """
    from IPython.display import Markdown, display

    safe = {
        k: fmt.number(v) if isinstance(v, int | float) else escape_md(v) for k, v in values.items()
    }
    display(Markdown(template.format(**safe) if values else template))


def setup() -> None:
    """Notebook set-up: chart style, pandas display options, table cells' text direction, and
    freed memory given back (a kernel reconciling a large store holds its peak otherwise)."""
    from IPython.display import HTML, display

    from dprkwatch.core.memory import give_back_freed_memory
    from dprkwatch.notebook import charts

    give_back_freed_memory()
    charts.use_style()
    display(HTML(_BIDI_STYLE))
    pd.set_option("display.max_colwidth", 120)
    pd.set_option("display.width", 160)
