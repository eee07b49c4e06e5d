"""`dprkwatch ledger`: the reconciled claims ledger (groups, headline or conflicts) as a table."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from dprkwatch.analysis.policies import DEFAULT_PERIOD_DAYS, POLICIES
from dprkwatch.cli.formats import FORMATS, output_format
from dprkwatch.core import paths as dw_paths

if TYPE_CHECKING:
    import pandas as pd

WHATS = ("groups", "headline", "conflicts")


def register(subparsers) -> argparse.ArgumentParser:
    """Add the ``ledger`` subcommand to ``subparsers``; its ``func`` returns an exit code."""
    parser = subparsers.add_parser(
        "ledger",
        help="reconcile claims into groups, a headline per indicator, or conflicts",
        description=(
            "Read a corpus, extract its claims and reconcile them: claim groups (default), one "
            "headline per indicator under --policy, or the conflicting pairs."
        ),
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help=f"corpus files or folders (default: {dw_paths.SEEDS_DIR})",
    )
    parser.add_argument(
        "--policy", choices=POLICIES, default="conservative", help="headline policy"
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
        "--period-days",
        type=float,
        default=DEFAULT_PERIOD_DAYS,
        help="figures published further apart than this never conflict (default: %(default)s)",
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
    import dprkwatch

    fmt = output_format(args.format, args.out)
    if fmt == "parquet" and not args.out:
        _error("parquet output needs --out FILE")
        return 2

    requested = [Path(p) for p in (args.paths or [dw_paths.SEEDS_DIR])]
    found = [p for p in requested if p.exists()]
    for p in requested:
        if not p.exists():
            print(f"dprkwatch ledger: warning: {p} not found, skipped", file=sys.stderr)
    if not found:
        _error("none of the given paths exists; nothing to read")
        return 1

    load_corpus = getattr(dprkwatch, "load_corpus", None)
    extract_claims = getattr(dprkwatch, "extract_claims", None)
    if load_corpus is None or extract_claims is None:
        _error("this install has no corpus loader or claim extractor (dprkwatch.extract_claims)")
        return 1
    try:
        corpus = load_corpus(found)
    except Exception as exc:  # a reader failure is reported, not a traceback
        _error(f"could not read the corpus: {exc}")
        return 1
    for problem in getattr(corpus, "errors", None) or []:
        print(f"dprkwatch ledger: warning: skipped {problem}", file=sys.stderr)
    if corpus is None or len(corpus) == 0:
        _error(f"no documents could be read from {', '.join(map(str, found))}")
        return 1

    from dprkwatch.analysis.reconcile import find_conflicts, group_claims, headline

    claims = extract_claims(corpus)
    groups = group_claims(claims, period_days=args.period_days)
    if args.what == "headline":
        table = headline(groups, policy=args.policy)
    elif args.what == "conflicts":
        table = find_conflicts(groups, period_days=args.period_days)
    else:
        table = groups

    if args.state_dir:
        from dprkwatch.analysis.changes import record_snapshot, summarize_changes

        changes = record_snapshot(claims, args.state_dir)
        counts = changes["change"].value_counts()
        summary = ", ".join(f"{counts.get(c, 0)} {c}" for c in ("new", "changed", "gone"))
        print(f"dprkwatch ledger: since the last snapshot: {summary}", file=sys.stderr)
        if not changes.empty:
            print(summarize_changes(changes).to_string(index=False), file=sys.stderr)

    try:
        _write(table, fmt, args.out)
    except OSError as exc:
        _error(f"could not write {args.out}: {exc}")
        return 1
    return 0


def _write(table: pd.DataFrame, fmt: str, out: str | None) -> None:
    if out:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
    if fmt == "parquet":
        table.to_parquet(out, index=False)
    elif fmt == "jsonl":
        text = table.to_json(orient="records", lines=True, date_format="iso", force_ascii=False)
        _emit(text, out)
    else:
        _emit(table.to_csv(index=False), out)


def _emit(text: str, out: str | None) -> None:
    if out:
        Path(out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
