"""Imported once by the report workers' fork server, so each worker starts warm.

Importing papermill and nbconvert, compiling the report template and subsetting the fonts
costs about two seconds; done here, before the workers are forked, it is paid once per run
instead of once per worker, while the kernel zygote preloads in parallel.
"""

from __future__ import annotations

import contextlib

import nbformat
import papermill  # noqa: F401
from nbclient.exceptions import CellTimeoutError  # noqa: F401

from dprkwatch.reports import execute, fonts, render  # noqa: F401


def _warm() -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("warm-up: উত্তর")]
    with contextlib.suppress(Exception):
        render.render_html(nb, title="warm-up")


_warm()
