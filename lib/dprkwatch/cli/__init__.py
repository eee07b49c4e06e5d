"""The `dprkwatch` command line: one subcommand per module that registers one."""

from __future__ import annotations

import argparse
import importlib
import sys

# Each module exposes register(subparsers); its parser sets `func` (args -> exit code).
SUBCOMMAND_MODULES = (
    "dprkwatch.cli.extract",
    "dprkwatch.cli.update",
    "dprkwatch.cli.ledger",
    "dprkwatch.cli.reports",
)


def build_parser() -> argparse.ArgumentParser:
    from dprkwatch import __version__

    parser = argparse.ArgumentParser(
        prog="dprkwatch",
        description="Claims ledger of North Korea–Russia military cooperation from multilingual news.",
    )
    parser.add_argument("--version", action="version", version=f"dprkwatch {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in SUBCOMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    from dprkwatch.core.memory import give_back_freed_memory

    give_back_freed_memory()  # large stores: the commands' peak is what a machine must hold
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except BrokenPipeError:
        # Output piped into `head` and closed early: not an error of ours.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
