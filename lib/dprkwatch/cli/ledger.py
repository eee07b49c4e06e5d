"""`dprkwatch ledger`: the reconciled claims ledger (groups, headline, series...) as a table."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from dprkwatch.analysis.policies import DEFAULT_POLICY, DEFAULT_WINDOW_DAYS, POLICIES
from dprkwatch.cli.formats import FORMATS, output_format, write_table
from dprkwatch.cli.update import add_store_options
from dprkwatch.core import paths as dw_paths
from dprkwatch.core.errors import DprkwatchError

if TYPE_CHECKING:
    import pandas as pd

# Which table --what writes: a method of analysis.reconcile.Reconciliation each.
TABLES = {
    "groups": lambda rec, args: rec.groups(),
    "headline": lambda rec, args: rec.headline(args.policy),
    "conflicts": lambda rec, args: rec.conflicts(),
    "series": lambda rec, args: rec.series(),
    "current": lambda rec, args: rec.current(),
    "breakdown": lambda rec, args: rec.breakdown(),
}
WHATS = tuple(TABLES)
# The columns a person reads on a terminal (files and pipes get every column).
SHOWN = {
    "groups": [
        "indicator",
        "stage",
        "value_best",
        "value_low",
        "value_high",
        "originators",
        "n_documents",
        "status",
    ],
    "headline": [
        "indicator",
        "stage",
        "value",
        "value_low",
        "value_high",
        "sources",
        "as_of",
        "note",
    ],
    "conflicts": [
        "indicator",
        "originators_a",
        "value_a",
        "as_of_a",
        "originators_b",
        "value_b",
        "as_of_b",
    ],
    "series": ["indicator", "stage", "originator", "as_of", "value", "change", "direction"],
    "current": ["indicator", "stage", "originator", "value", "as_of", "change"],
    "breakdown": ["originator", "as_of", "killed", "wounded", "killed_or_wounded", "captured"],
}


def register(subparsers) -> argparse.ArgumentParser:
    """Add the ``ledger`` subcommand to ``subparsers``; its ``func`` returns an exit code."""
    parser = subparsers.add_parser(
        "ledger",
        help="reconcile claims: groups, a headline per indicator, series, conflicts...",
        description=(
            "Reconcile the ledger store's claims: claim groups (default), one headline per "
            "indicator under --policy, each originator's series of figures with the change "
            "from its previous one, current figures, conflicts, or casualty breakdowns. With "
            "PATHs the store is updated from them first (only new and changed documents are read)."
        ),
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help=(
            "corpus files or folders: update the store from them first (default: read the store "
            f"as it is; a new store is built from {dw_paths.SEEDS_DIR.name}/)"
        ),
    )
    add_store_options(parser)
    parser.add_argument(
        "--policy",
        choices=POLICIES,
        default=DEFAULT_POLICY,
        help="headline policy (default: %(default)s)",
    )
    parser.add_argument("--what", choices=WHATS, default="groups", help="which table to write")
    parser.add_argument(
        "--out", "-o", metavar="FILE", help="output file (default: standard output)"
    )
    parser.add_argument(
        "--format",
        "-f",
        choices=FORMATS,
        help="output format (default: from --out's suffix, else csv)",
    )
    parser.add_argument(
        "--window",
        "--period-days",
        dest="window",
        type=float,
        default=DEFAULT_WINDOW_DAYS,
        metavar="DAYS",
        help=(
            "current figures dated further apart than this are not compared; under "
            "--policy conservative, figures older than this before the newest are left out "
            "(default: %(default)s)"
        ),
    )
    parser.add_argument(
        "--state-dir",
        metavar="DIR",
        help="also record a ledger snapshot there and print what changed since the last one",
    )
    parser.set_defaults(func=run)
    return parser


def _error(message: str) -> None:
    print(f"dprkwatch ledger: error: {message}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    """Run ``dprkwatch ledger``; non-zero only when nothing could be read or written."""
    try:
        fmt = output_format(args.format, args.out, strict=True)
    except DprkwatchError as exc:
        _error(str(exc))
        return exc.exit_code
    if fmt == "parquet" and not args.out:
        _error("parquet output needs --out FILE")
        return 2
    claims = _claims(args)
    if isinstance(claims, int):
        return claims  # the exit status of a corpus or store that could not be read

    from dprkwatch.analysis.reconcile import reconcile

    if args.window < 0:
        _error(f"--window must be a number of days >= 0, not {args.window:g}")
        return 2
    table = TABLES[args.what](reconcile(claims, window_days=args.window), args)

    if args.state_dir:
        _record_snapshot(claims, args.state_dir)

    try:
        terminal = False if args.format else None  # --format asks for that format, even here
        write_table(table, args.out, fmt, columns=SHOWN[args.what], terminal=terminal)
    except DprkwatchError as exc:  # a full disk
        _error(str(exc))
        return exc.exit_code
    except OSError as exc:
        _error(f"could not write {args.out}: {exc}")
        return 1
    return 0


def _claims(args: argparse.Namespace) -> pd.DataFrame | int:
    """The store's current claims, after an update from PATHs (or from seeds/ for a new store)."""
    from dprkwatch import store
    from dprkwatch.core.errors import NothingToReadError

    folder = Path(args.store) if args.store else dw_paths.STORE_DIR
    requested = [Path(p) for p in args.paths]
    if not requested and not store.has_store(folder):
        requested = [dw_paths.SEEDS_DIR]
    found = [p for p in requested if p.exists()]
    for p in requested:
        if not p.exists():
            print(f"dprkwatch ledger: warning: {p} not found, skipped", file=sys.stderr)
    if requested and not found:
        _error("none of the given paths exists; nothing to read")
        return 2
    try:
        if found:
            summary = store.update(found, folder, jobs=args.jobs, dask=args.dask)
            for problem in summary.skipped:
                print(f"dprkwatch ledger: warning: skipped {problem}", file=sys.stderr)
            for warning in summary.warnings:
                print(f"dprkwatch ledger: WARNING: {warning}", file=sys.stderr)
        columns = _columns(args)
        # a snapshot (--state-dir) shows every quote; reconciliation reads increments' only
        return store.open_store(folder).claims(
            columns=columns, increment_quotes_only=columns is not None
        )
    except NothingToReadError as exc:
        _error(f"no documents could be read from {', '.join(map(str, found))} ({exc})")
        return exc.exit_code
    except DprkwatchError as exc:  # a reader failure is reported, not a traceback
        _error(f"could not read the corpus: {exc}")
        return exc.exit_code
    except OSError as exc:
        _error(f"could not read the corpus: {exc}")
        return 1


def _columns(args: argparse.Namespace) -> list[str] | None:
    """What reconciliation reads; a snapshot (--state-dir) shows titles and links: every column."""
    from dprkwatch.analysis.frame import READ

    return None if args.state_dir else list(READ)


def _record_snapshot(claims: pd.DataFrame, state_dir: str) -> None:
    from dprkwatch.analysis.changes import record_snapshot, summarize_changes

    changes = record_snapshot(claims, state_dir)
    counts = changes["change"].value_counts()
    summary = ", ".join(f"{counts.get(c, 0)} {c}" for c in ("new", "changed", "gone"))
    print(f"dprkwatch ledger: since the last snapshot: {summary}", file=sys.stderr)
    if not changes.empty:
        print(summarize_changes(changes).to_string(index=False), file=sys.stderr)
