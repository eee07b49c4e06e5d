"""Publish what a report's worker made: the runner copies it into the output folder atomically.

Workers write only into their own folder under the run's temporary folder; this module, run
by the runner alone, moves their files to where readers find them (temp file + rename each).
A worker that outlives its run, or a run killed half-way, never changes a published file.
"""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path
from typing import Any

from dprkwatch.core import atomic

EXECUTED = "executed"  # OUT/.cache/executed/NAME.ipynb: the executed notebook, for reviewers
LOGS = "logs"


def publish(result: dict[str, Any], out_dir: Path, cache_dir: Path) -> None:
    """Put a finished report's files in place; a failed one keeps the last good HTML."""
    name = result["name"]
    files = result.get("files") or {}
    targets = {
        "html": out_dir / f"{name}.html",
        "error_html": out_dir / f"{name}.error.html",
        "executed": cache_dir / EXECUTED / Path(files.get("executed") or f"{name}.ipynb").name,
        "log": cache_dir / LOGS / f"{name}.log",
    }
    for kind, source in files.items():
        if kind in targets and source and Path(source).is_file():
            _copy(Path(source), targets[kind])
    if result["status"] == "ok":
        with contextlib.suppress(FileNotFoundError):
            targets["error_html"].unlink()


def _copy(source: Path, target: Path) -> None:
    with atomic.replacing(target) as tmp:
        shutil.copyfile(source, tmp)
