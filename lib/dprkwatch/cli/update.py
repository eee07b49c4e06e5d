"""`dprkwatch update`: bring the ledger store up to date with the corpus (new and changed files only).

Exit status: 0 all documents read, 1 some skipped (listed on standard error), 2 nothing to read
or a usage error (the store is left as it was), 3 another update holds the store too long.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from dprkwatch.core import paths as dw_paths

if TYPE_CHECKING:
    from dprkwatch.store import UpdateSummary


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the ``update`` subcommand to ``subparsers``; its ``func`` returns an exit code."""
    parser = subparsers.add_parser(
        "update",
        help="bring the ledger store up to date with the corpus",
        description=(
            "Read new and changed documents into the ledger store, mark removed ones gone. "
            "Unchanged files (same size and time) are not opened."
        ),
    )
    parser.add_argument(
        "corpus",
        nargs="*",
        metavar="CORPUS",
        help="corpus folders or files (default: those of the store's last update, else seeds/)",
    )
    add_store_options(parser)
    parser.set_defaults(func=run)
    return parser


def add_store_options(parser: argparse.ArgumentParser) -> None:
    """--store, --jobs, --dask (shared with the commands that update the store first)."""
    parser.add_argument(
        "--store",
        metavar="DIR",
        help=f"the ledger store's folder (default: {_shown(dw_paths.STORE_DIR)})",
    )
    parser.add_argument(
        "--jobs", "-j", type=_positive, metavar="N", help="processes (default: every core)"
    )
    parser.add_argument(
        "--dask",
        metavar="ADDR",
        help="run extraction on a Dask cluster (tcp://host:8786; default $DASK_SCHEDULER_ADDRESS)",
    )


def _shown(path: Path) -> str:
    """A path relative to the checkout when it lies inside it."""
    return str(path.relative_to(dw_paths.ROOT)) if path.is_relative_to(dw_paths.ROOT) else str(path)


def _positive(text: str) -> int:
    n = int(text)
    if n < 1:
        raise argparse.ArgumentTypeError(f"{text}: must be 1 or more")
    return n


def run(args: argparse.Namespace) -> int:
    """Run ``dprkwatch update``; prints one summary line, problems on standard error."""
    from dprkwatch.core.errors import DprkwatchError

    try:
        summary = update_store(args)
    except DprkwatchError as exc:
        print(f"dprkwatch update: error: {exc}", file=sys.stderr)
        return exc.exit_code
    print(summary.line())
    return 1 if summary.skipped else 0


def update_store(args: argparse.Namespace, prog: str = "update") -> UpdateSummary:
    """Update the store the arguments name; skipped documents and warnings go to stderr."""
    from dprkwatch import store

    summary = store.update(
        args.corpus or None,
        args.store,
        jobs=args.jobs,
        dask=args.dask,
        progress=sys.stderr.isatty(),
    )
    for problem in summary.skipped:
        print(f"dprkwatch {prog}: skipped {problem} ({problem.stage})", file=sys.stderr)
    for warning in summary.warnings:
        print(f"dprkwatch {prog}: WARNING: {warning}", file=sys.stderr)
    return summary
