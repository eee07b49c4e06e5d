"""`dprkwatch update` and `dprkwatch ledger` on a real store: summary line, exit codes, no re-reading."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest

from dprkwatch.cli import main
from dprkwatch.store import open_store, work

# Sentences written for these tests.
ONE = "---\nlanguage: en\npublished: 2025-03-03\n---\nSouth Korea's NIS said North Korea sent 11,000 troops to Russia.\n"
TWO = "---\nlanguage: en\npublished: 2025-03-04\n---\nUkraine's GUR said North Korea sent 12,000 troops to Russia.\n"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "one.txt").write_text(ONE, encoding="utf-8")
    return folder


def test_update_prints_one_line_that_reads_right(corpus, tmp_path, capsys):
    store = tmp_path / "store"
    assert main(["update", str(corpus), "--store", str(store), "--jobs", "1"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1
    assert "1 document (1 new, 0 changed, 0 unchanged), 0 gone" in out[0]
    assert "store: 1 document, 1 claim" in out[0]
    (corpus / "two.txt").write_text(TWO, encoding="utf-8")
    assert main(["update", "--store", str(store)]) == 0  # the store remembers its corpus
    assert "2 documents (1 new, 0 changed, 1 unchanged)" in capsys.readouterr().out


def test_update_exit_codes(corpus, tmp_path, capsys):
    store = tmp_path / "store"
    (corpus / "bad.txt").write_bytes(b"\x00\xff" * 100)
    assert main(["update", str(corpus), "--store", str(store), "--jobs", "1"]) == 1
    err = capsys.readouterr().err
    assert "skipped" in err and "bad.txt" in err
    before = (store / "manifest.json").read_bytes()
    assert main(["update", str(tmp_path / "unmounted"), "--store", str(store)]) == 2
    assert "store left as it was" in capsys.readouterr().err
    assert (store / "manifest.json").read_bytes() == before
    with pytest.raises(SystemExit) as exc:
        main(["update", "--jobs", "0", "--store", str(store)])
    assert exc.value.code == 2


def test_ledger_reads_the_store_without_reading_documents(corpus, tmp_path, capsys, monkeypatch):
    store = tmp_path / "store"
    (corpus / "two.txt").write_text(TWO, encoding="utf-8")
    assert main(["ledger", str(corpus), "--store", str(store), "--jobs", "1"]) == 0
    first = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert sorted(first["value_best"]) == [11000, 12000]

    def refuse(*args, **kw):
        raise AssertionError("a document was read")

    monkeypatch.setattr(work, "extract_file", refuse)
    monkeypatch.setattr(work, "_process_one", refuse)
    assert main(["ledger", "--store", str(store)]) == 0  # no PATH: the store as it is
    again = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert again.equals(first)
    assert main(["ledger", str(corpus), "--store", str(store)]) == 0  # unchanged: nothing read
    assert open_store(store).run_id == 2
