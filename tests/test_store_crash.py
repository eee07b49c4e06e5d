"""An update killed at any point leaves the previous store readable and complete.

The writer is a real `dprkwatch update` process killed with SIGKILL: at named points of the
update (DPRKWATCH_STORE_FAULT) and after arbitrary delays. The store then opens, holds either
the old content or the new one (never a mix), and the next update repairs everything.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from dprkwatch.store import open_store, update
from dprkwatch.store.updater import FAULT_ENV, FAULT_POINTS
from test_store_parallel import make_corpus

pytestmark = pytest.mark.slow  # real writer processes, killed

COLUMNS = ["claim_id", "path", "value", "attributed_to", "status", "first_seen_run"]


def content(store_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    store = open_store(store_dir)
    claims = store.claims(include_gone=True)[COLUMNS].reset_index(drop=True)
    docs = store.documents(include_gone=True)[["path", "content_hash", "status"]]
    return claims, docs.reset_index(drop=True)


def same(a: tuple, b: tuple) -> bool:
    return all(x.equals(y) for x, y in zip(a, b, strict=True))


def change(corpus: Path) -> None:
    """A day's news: one article revised, one removed, two new."""
    first = sorted((corpus / "v0").iterdir())
    first[0].write_text(first[0].read_text(encoding="utf-8").replace("1", "2"), encoding="utf-8")
    first[1].unlink()
    for n in range(2):
        (corpus / "v0" / f"new_{n}.txt").write_text(
            f"Seoul's intelligence service said North Korea sent {n + 4},000 troops to Russia.\n",
            encoding="utf-8",
        )


@pytest.fixture(scope="module")
def states(tmp_path_factory) -> dict:
    """A corpus, a store built from it before the day's change, and its content."""
    root = tmp_path_factory.mktemp("crash")
    corpus = make_corpus(root / "corpus", copies=1)
    update(corpus, root / "base", jobs=1)
    before = content(root / "base")
    change(corpus)
    return {"corpus": corpus, "base": root / "base", "before": before}


def after(states: dict, tmp_path: Path) -> tuple:
    """The content a complete update gives (made now: the same code as the writer's)."""
    reference = tmp_path / "reference"
    subprocess.run(["cp", "-a", str(states["base"]), str(reference)], check=True)
    update(states["corpus"], reference, jobs=1)
    return content(reference)


def writer(corpus: Path, store: Path, **env: str) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "dprkwatch.cli", "update", str(corpus), "--store", str(store)]
    return subprocess.Popen(
        [*cmd, "--jobs", "1"],
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def copy_of_base(states: dict, tmp_path: Path) -> Path:
    store = tmp_path / "store"
    subprocess.run(["cp", "-a", str(states["base"]), str(store)], check=True)
    return store


def check_and_repair(states: dict, store: Path, tmp_path: Path, expect: str | None) -> None:
    now, expected = content(store), {"before": states["before"], "after": after(states, tmp_path)}
    if expect:
        assert same(now, expected[expect]), f"the store should hold the {expect} content"
    else:
        assert same(now, expected["before"]) or same(now, expected["after"])
    update(states["corpus"], store, jobs=1)
    assert same(content(store), expected["after"])
    manifest = open_store(store).manifest
    named = set(manifest.all_parts())
    assert {p.name for p in (store / "parts").iterdir()} <= named  # leftovers cleaned


@pytest.mark.parametrize("point", FAULT_POINTS)
def test_killed_at_a_named_point(states, tmp_path, point):
    store = copy_of_base(states, tmp_path)
    proc = writer(states["corpus"], store, **{FAULT_ENV: point})
    assert proc.wait(timeout=300) == -signal.SIGKILL
    check_and_repair(states, store, tmp_path, "after" if point == "manifest-written" else "before")


@pytest.mark.parametrize("delay", [0.5, 2.5, 5.0])
def test_killed_after_a_delay(states, tmp_path, delay):
    store = copy_of_base(states, tmp_path)
    proc = writer(states["corpus"], store)
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    check_and_repair(states, store, tmp_path, None)
