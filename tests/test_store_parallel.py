"""Extraction on several processes writes exactly the store one process writes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from dprkwatch.core.paths import SEEDS_DIR, TESTS_DATA_DIR
from dprkwatch.store import open_store, update


def make_corpus(folder: Path, copies: int = 3) -> Path:
    """The seeds and the test documents, each in `copies` variants (one figure changed)."""
    sources = sorted(SEEDS_DIR.glob("*.txt")) + sorted((TESTS_DATA_DIR / "langdocs").glob("*.txt"))
    for n in range(copies):
        for src in sources:
            text = src.read_text(encoding="utf-8")
            target = folder / f"v{n}" / f"{src.stem}_{n}.txt"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text.replace("000", f"{n}00", 1), encoding="utf-8")
    return folder


def snapshot(store_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    store = open_store(store_dir)
    docs = store.documents().drop(columns=["file", "mtime"])
    return store.claims(include_gone=True), docs, store.version


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("parallel") / "corpus")


def test_two_processes_write_the_store_one_writes(corpus, tmp_path):
    one = update(corpus, tmp_path / "one", jobs=1, batch_docs=4)
    two = update(corpus, tmp_path / "two", jobs=2, batch_docs=4)
    assert (one.executor, two.executor) == ("inline", "processes")
    a, b = snapshot(tmp_path / "one"), snapshot(tmp_path / "two")
    pd.testing.assert_frame_equal(a[0], b[0])
    pd.testing.assert_frame_equal(a[1], b[1])
    assert a[2] == b[2]
    assert len(a[0]) > 30


def test_incremental_update_on_processes_matches_a_fresh_build(corpus, tmp_path):
    work = tmp_path / "corpus"
    shutil.copytree(corpus, work)
    update(work, tmp_path / "inc", jobs=2, batch_docs=4)
    removed = len(list((work / "v2").iterdir()))
    shutil.rmtree(work / "v2")
    for f in sorted((work / "v1").iterdir())[:3]:
        f.write_text(f.read_text(encoding="utf-8") + "\nMore than 900 soldiers were wounded.\n")
    s = update(work, tmp_path / "inc", jobs=2, batch_docs=2)
    assert (s.n_changed, s.n_gone) == (3, removed)
    update(work, tmp_path / "fresh", jobs=1)
    cols = ["claim_id", "doc_id", "indicator", "value", "attributed_to", "quote"]
    inc = open_store(tmp_path / "inc").claims()[cols]
    fresh = open_store(tmp_path / "fresh").claims()[cols]
    pd.testing.assert_frame_equal(inc, fresh)


@pytest.mark.parametrize(
    ("n_tasks", "workers", "size"),
    [
        (10, 2, 64),  # a small update: one batch, read in this process (no pool to start)
        (128, 2, 64),  # two batches: still in this process
        (1_000, 2, 125),  # every worker gets 4 batches
        (100_000, 2, 256),  # large corpora: the batch's fixed costs spread over 256 documents
        (1_000, 64, 64),  # many workers: never below the smallest batch
    ],
)
def test_batch_size_grows_with_the_update_and_keeps_every_worker_busy(n_tasks, workers, size):
    from dprkwatch.store.updater import batch_size

    assert batch_size(n_tasks, workers) == size
