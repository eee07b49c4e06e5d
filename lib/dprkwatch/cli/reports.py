"""`dprkwatch reports`: build the HTML reports from the notebooks."""

from __future__ import annotations

import argparse
import os
import sys

from dprkwatch.core import paths


def register(subparsers) -> argparse.ArgumentParser:
    """Add the `reports` subcommand."""
    p = subparsers.add_parser(
        "reports",
        help="run the notebooks and render the HTML reports",
        description=(
            "Execute every notebook of notebooks/reports.yaml with papermill, render each to "
            "self-contained HTML and write an index. Reports whose notebook, parameters, "
            "library and corpus did not change are not re-run. Exit code 0 only if every "
            "selected report succeeded."
        ),
    )
    p.add_argument(
        "--corpus", metavar="DIR", help="folder of documents (default: each report's own, seeds/)"
    )
    p.add_argument(
        "--out", metavar="DIR", default=str(paths.REPORTS_DIR), help="output folder (reports/)"
    )
    p.add_argument(
        "--only", metavar="NAME", nargs="+", help="build only these reports (name or notebook)"
    )
    p.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="reports run in parallel (default: number of cores, %(default)s)",
    )
    p.add_argument("--force", action="store_true", help="rebuild even unchanged reports")
    p.add_argument(
        "--keep-code", action="store_true", help="keep code cells in the HTML (for reviewers)"
    )
    p.add_argument(
        "--config",
        metavar="FILE",
        default=str(paths.REPORTS_CONFIG),
        help="reports file (notebooks/reports.yaml)",
    )
    p.add_argument(
        "--timeout", type=int, metavar="SECONDS", help="per-cell timeout (config: 600 s)"
    )
    p.add_argument(
        "--lock-timeout",
        type=float,
        default=3600,
        metavar="SECONDS",
        help="how long to wait for another run on the same output folder (default 3600)",
    )
    p.set_defaults(func=main)
    return p


def main(args: argparse.Namespace) -> int:
    """Run the reports; returns the exit code."""
    from dprkwatch.reports.config import ConfigError
    from dprkwatch.reports.runner import EXIT_LOCKED, EXIT_USAGE, LockTimeout, run_reports

    if args.jobs < 1:
        print("dprkwatch reports: --jobs must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    try:
        summary = run_reports(
            config=args.config,
            out=args.out,
            corpus=args.corpus,
            only=args.only,
            jobs=args.jobs,
            force=args.force,
            keep_code=args.keep_code,
            timeout=args.timeout,
            lock_timeout=args.lock_timeout,
        )
    except ConfigError as exc:
        print(f"dprkwatch reports: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except LockTimeout as exc:
        print(f"dprkwatch reports: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    return summary.exit_code
