"""Fixtures for the notebook, report-runner, rendering and browser tests."""

from __future__ import annotations

import textwrap
from pathlib import Path

import nbformat
import pytest
import yaml


def write_notebook(
    path: Path, *cells: str, parameters: str = "store: str = ''  # the store"
) -> Path:
    """A small notebook: a tagged parameters cell, then code cells (dedented)."""
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell(parameters)
    params.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell(f"# {path.stem}"), params]
    nb.cells += [nbformat.v4.new_code_cell(textwrap.dedent(c).strip()) for c in cells]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def write_config(path: Path, reports: list[dict], timeout: int = 60, **settings) -> Path:
    """A reports file listing synthetic notebooks; each gets the store as parameter `store`."""
    data = {
        "settings": {"timeout": timeout, **settings},
        "defaults": {"store": "{store}"},
        "reports": reports,
    }
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


# A cell that records a headline figure the way dprkwatch.notebook.headlines.record_headline
# does: the number of documents in the ledger store the runner passes.
HEADLINE_CELL = """
from IPython.display import display
from dprkwatch.store import open_store
with open_store(store) as s:
    n = len(s.documents())
display({"text/html": "<b>n</b>", "application/vnd.dprkwatch.headline+json": [
    {"label": "Files", "value": n, "unit": "", "note": ""}]}, raw=True)
"""


@pytest.fixture
def mini_suite(tmp_path: Path) -> dict[str, Path]:
    """Two fast synthetic notebooks, a reports file, a corpus folder and an output folder."""
    nbdir = tmp_path / "notebooks"
    write_notebook(nbdir / "a.ipynb", HEADLINE_CELL, "print('a done')")
    write_notebook(
        nbdir / "b.ipynb",
        HEADLINE_CELL,
        # The kernel's default (inline) backend must show the figure, forked kernel or not.
        "import matplotlib.pyplot as plt\nplt.plot([1, 2], [3, 4]);",
    )
    config = write_config(
        nbdir / "reports.yaml",
        [
            {"name": "a", "notebook": "a.ipynb", "title": "Report A"},
            {"name": "b", "notebook": "b.ipynb", "title": "Report B"},
        ],
    )
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "doc1.txt").write_text("South Korea's NIS said 3,000 troops.", encoding="utf-8")
    return {"notebooks": nbdir, "config": config, "corpus": corpus, "out": tmp_path / "out"}
