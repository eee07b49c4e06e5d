"""Executed notebook -> one self-contained HTML file (no code for readers, images inline)."""

from __future__ import annotations

import copy
import html
from typing import Any

from dprkwatch import __version__
from dprkwatch.core import paths
from dprkwatch.reports import fonts

# Cells a reader never sees: papermill's injected parameters, the parameters cell itself,
# and cells an author tagged to hide.
READER_HIDDEN_TAGS = {"injected-parameters", "parameters", "remove-cell", "remove_cell"}


def reader_notebook(nb: Any, keep_code: bool = False) -> Any:
    """A copy of nb trimmed for readers: hidden cells dropped, stderr and warnings removed."""
    nb = copy.deepcopy(nb)
    cells = []
    for cell in nb.cells:
        tags = set(cell.get("metadata", {}).get("tags", []))
        hidden = READER_HIDDEN_TAGS if not keep_code else {"remove-cell", "remove_cell"}
        if tags & hidden:
            continue
        if cell.cell_type == "code":
            cell.outputs = [
                o
                for o in cell.get("outputs", [])
                if keep_code or not (o.get("output_type") == "stream" and o.get("name") == "stderr")
            ]
            if not keep_code and not cell.outputs:
                continue  # an empty code cell would only add blank space
        cells.append(cell)
    nb.cells = cells
    return nb


def report_css() -> str:
    """The suite's report CSS with the font stack filled in."""
    css = (paths.ASSETS_DIR / "report.css").read_text(encoding="utf-8")
    return css.replace("FONT_STACK", fonts.FONT_STACK)


def render_html(
    nb: Any,
    *,
    keep_code: bool = False,
    title: str | None = None,
    header_html: str = "",
    footer_html: str = "",
) -> str:
    """Render an executed notebook to HTML.

    keep_code keeps input cells, prompts and injected parameters (for reviewers). header_html
    and footer_html must already be escaped; they frame the report.
    """
    from nbconvert import HTMLExporter

    nb = reader_notebook(nb, keep_code=keep_code)
    if title:
        nb.metadata["title"] = title
    exporter = HTMLExporter(
        template_name="dprkwatch",
        extra_template_basedirs=[str(paths.ASSETS_DIR / "templates")],
        exclude_input=not keep_code,
        exclude_input_prompt=not keep_code,
        exclude_output_prompt=not keep_code,
        embed_images=True,
    )
    resources = {
        "dprkwatch": {
            "css": report_css(),
            "header": header_html,
            "footer": footer_html
            or f'<footer class="dw-footer">dprkwatch {html.escape(__version__)}</footer>',
        },
        "metadata": {"name": title or "report"},
    }
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    # Fonts last: the subset covers exactly what the finished page shows.
    faces = fonts.font_face_css(body)
    if faces:
        body = body.replace("</head>", f'<style type="text/css">\n{faces}\n</style>\n</head>', 1)
    return body


def meta_header(
    title: str,
    ran_at: str,
    data: str = "",
    settings: list[tuple[str, str]] | tuple = (),
    index_href: str = "index.html",
    extra: str = "",
) -> str:
    """The escaped banner at the top of a report: back link, when it ran, on what data.

    data: the corpus in words (describe.corpus_line); settings: (label, value) pairs of the
    report's parameters as a reader reads them (describe.parameters).
    """
    chosen = " &middot; ".join(
        f"{html.escape(label)}: <strong>{html.escape(value)}</strong>" for label, value in settings
    )
    return (
        '<header class="dw-meta">'
        f'<a href="{html.escape(index_href)}">&larr; all reports</a> &middot; '
        f"<strong>{html.escape(title)}</strong><br>"
        f"Built {html.escape(ran_at)}"
        + (f" from {html.escape(data)}" if data else "")
        + (f"<br>{chosen}" if chosen else "")
        + (f'<div class="dw-meta-extra">{extra}</div>' if extra else "")
        + "</header>"
    )
