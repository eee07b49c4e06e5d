"""`dprkwatch extract` as a user runs it."""

import io
import json
import subprocess
import sys

import pandas as pd

from dprkwatch.cli import main
from dprkwatch.ledger import COLUMNS


def run(args, capsys):
    rc = main(["extract", *args])
    out = capsys.readouterr()
    return rc, out.out, out.err


def test_default_is_seeds_as_csv_on_stdout(capsys):
    rc, out, err = run([], capsys)
    assert rc == 0
    df = pd.read_csv(io.StringIO(out))
    assert list(df.columns[: len(COLUMNS)]) == COLUMNS and len(df) > 10
    assert "5 documents read" in err


def test_parquet_and_jsonl(tmp_path, capsys):
    rc, _, _ = run(["seeds", "--out", str(tmp_path / "l.parquet")], capsys)
    assert rc == 0
    pq = pd.read_parquet(tmp_path / "l.parquet")
    rc, _, _ = run(["seeds", "--out", str(tmp_path / "l.jsonl")], capsys)
    rows = [
        json.loads(line) for line in (tmp_path / "l.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert rc == 0 and len(rows) == len(pq) > 0
    assert rows[0]["quote"] and "value_low" in rows[0]


def test_one_broken_document_does_not_stop_the_others(tmp_path, capsys):
    (tmp_path / "good.txt").write_text(
        "Pyongyang sent about 15,000 troops to Russia, the NIS said.", encoding="utf-8"
    )
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02" * 100)
    rc, out, err = run([str(tmp_path)], capsys)
    assert rc == 1  # some input was skipped (README: exit status, every command)
    assert "bad.txt" in err and "binary" in err
    assert "troops_deployed" in out


def test_nothing_readable_is_an_error(tmp_path, capsys):
    (tmp_path / "bad.txt").write_bytes(b"")
    rc, _, err = run([str(tmp_path)], capsys)
    assert rc == 1 and "nothing could be read" in err


def test_console_script_is_installed():
    out = subprocess.run(
        [sys.executable, "-m", "dprkwatch.cli", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "extract" in out.stdout and "reports" in out.stdout and "ledger" in out.stdout
