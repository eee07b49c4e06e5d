"""`dprkwatch reports`: update the ledger store, then build the HTML reports from the notebooks."""

from __future__ import annotations

import argparse
import errno
import sys

EXIT_CODES = """exit status:
  0    every report is good and every document was read
  1    a report failed (its last good HTML stays), or some documents were skipped
  2    usage error, bad reports file, or nothing to read (missing or empty corpus)
  3    another run kept the output folder locked longer than --lock-timeout
  4    the disk is full (nothing half-written is left behind)
  130  stopped by Ctrl-C, 143 stopped by SIGTERM (every process of the run stopped first)
"""


def register(subparsers) -> argparse.ArgumentParser:
    """Add the `reports` subcommand."""
    p = subparsers.add_parser(
        "reports",
        help="update the ledger store and render the HTML reports",
        description=(
            "Bring the ledger store up to date with the corpus (only new or changed documents "
            "are read), then run every notebook of notebooks/reports.yaml with papermill and "
            "render it to self-contained HTML, with an index and the full ledger (ledger.csv, "
            "ledger.parquet) beside them. A report whose data, notebook, parameters and "
            "library did not change is not rebuilt."
        ),
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--corpus",
        metavar="DIR",
        nargs="+",
        action="extend",  # "--corpus A --corpus B" reads both, as "--corpus A B" does
        help="folder(s) of documents, repeatable (default: the reports file's, seeds/)",
    )
    p.add_argument("--store", metavar="DIR", help="ledger store (default: OUT/.store)")
    p.add_argument("--out", metavar="DIR", help="output folder (default: reports/)")
    p.add_argument(
        "--only",
        metavar="NAME",
        nargs="+",
        action="extend",
        help="build only these reports (name or notebook), repeatable",
    )
    p.add_argument(
        "--jobs", "-j", type=int, metavar="N", help="reports run in parallel (default: every core)"
    )
    p.add_argument("--force", action="store_true", help="rebuild even unchanged reports")
    p.add_argument(
        "--keep-code", action="store_true", help="keep code cells in the HTML (for reviewers)"
    )
    p.add_argument(
        "--config", metavar="FILE", help="reports file (default: notebooks/reports.yaml)"
    )
    p.add_argument(
        "--timeout", type=int, metavar="SECONDS", help="time limit of one cell (default: 600)"
    )
    p.add_argument(
        "--report-timeout",
        type=float,
        metavar="SECONDS",
        help="time limit of one report (default: 1800)",
    )
    p.add_argument(
        "--run-timeout",
        type=float,
        metavar="SECONDS",
        help="time limit of the whole run, update included (default: 14400)",
    )
    p.add_argument(
        "--lock-timeout",
        type=float,
        default=3600,
        metavar="SECONDS",
        help="how long to wait for another run on the same output folder (default: 3600)",
    )
    p.set_defaults(func=main)
    return p


def _check(args: argparse.Namespace) -> str:
    """A usage problem in one line, or ""."""
    for name in ("jobs", "timeout", "report_timeout", "run_timeout"):
        value = getattr(args, name)
        if value is not None and value <= 0:
            return f"--{name.replace('_', '-')} must be a positive number"
    if args.lock_timeout < 0:
        return "--lock-timeout must not be negative"
    return ""


def main(args: argparse.Namespace) -> int:
    """Run the reports; returns the exit code (see EXIT_CODES)."""
    from dprkwatch.core import paths
    from dprkwatch.core.errors import DiskFullError, DprkwatchError
    from dprkwatch.reports.runner import run_reports

    problem = _check(args)
    if problem:
        print(f"dprkwatch reports: {problem}", file=sys.stderr)
        return 2
    try:
        summary = run_reports(
            config=args.config or paths.REPORTS_CONFIG,
            out=args.out or paths.REPORTS_DIR,
            corpus=args.corpus,
            store=args.store,
            only=args.only,
            jobs=args.jobs,
            force=args.force,
            keep_code=args.keep_code,
            timeout=args.timeout,
            report_timeout=args.report_timeout,
            run_timeout=args.run_timeout,
            lock_timeout=args.lock_timeout,
        )
    except OSError as exc:
        if exc.errno != errno.ENOSPC:
            raise
        error: DprkwatchError = DiskFullError(f"{exc.filename or 'output'}: no space left")
        print(f"dprkwatch reports: {error}", file=sys.stderr)
        return error.exit_code
    except DprkwatchError as exc:
        print(f"dprkwatch reports: {exc}", file=sys.stderr)
        return exc.exit_code
    return summary.exit_code
