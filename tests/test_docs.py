"""The README is the manual: every command, option and make target it names exists, and every
command and option that exists is documented there."""

import argparse
import re

import pytest

from dprkwatch.cli import build_parser
from dprkwatch.core import paths

README = (paths.ROOT / "README.md").read_text(encoding="utf-8")
MAKEFILE = (paths.ROOT / "Makefile").read_text(encoding="utf-8")


def subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def options() -> list[tuple[str, str]]:
    out = []
    for name, sub in subcommands().items():
        for action in sub._actions:
            out += [(name, opt) for opt in action.option_strings if opt.startswith("--")]
    return [(n, o) for n, o in out if o != "--help"]


@pytest.mark.parametrize("command", sorted(subcommands()))
def test_every_command_is_documented(command):
    assert f"dprkwatch {command}" in README, f"README never shows `dprkwatch {command}`"


@pytest.mark.parametrize("command,option", [pytest.param(*o, id=" ".join(o)) for o in options()])
def test_every_option_is_documented(command, option):
    assert re.search(rf"{re.escape(option)}\b", README), f"{command} {option} not in README"


def test_every_documented_option_exists():
    known = {o for _, o in options()} | {"--help", "--version"}
    commands = re.findall(r"dprkwatch (?:extract|update|ledger|reports)[^\n`]*", README)
    named = {o for line in commands for o in re.findall(r"(--[a-z][a-z-]+)", line)}
    assert named, "the README shows no command line"
    assert named <= known, f"README names options no command has: {sorted(named - known)}"


def test_every_make_target_named_exists():
    targets = set(re.findall(r"^([a-z][a-z-]*):", MAKEFILE, re.MULTILINE))
    named = set(re.findall(r"`make ([a-z][a-z-]*)`", README))
    assert named, "the README names no make target"
    assert named <= targets, (
        f"README names make targets that do not exist: {sorted(named - targets)}"
    )


def test_every_path_in_the_box_exists():
    box = README.split("## What is in the box", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([^`]+)` \| (.*)$", box, re.MULTILINE)
    assert rows
    # What the suite generates (reports/) exists only once it has run.
    named = [p for p, what in rows if not what.startswith("generated")]
    missing = [p for p in named if not (paths.ROOT / p.rstrip("/")).exists()]
    assert not missing, f"README's layout names paths that do not exist: {missing}"


def test_every_documented_path_of_the_library_exists():
    named = set(re.findall(r"`(lib/dprkwatch/[^`\s]+)`", README))
    missing = sorted(p for p in named if not (paths.ROOT / p).exists())
    assert not missing, f"README names library paths that do not exist: {missing}"
