"""`dprkwatch extract` under bad input and faults: outputs are whole or untouched.

A hostile folder (every case of hostile_cases.CASES at once) still gives the good documents'
ledger; a crash, a full disk or a run that reads nothing leaves the previous file as it was and
no temporary file behind; the format follows the suffix; spreadsheet formulas are neutralised.
"""

from __future__ import annotations

import csv
import errno
import io
import json
from pathlib import Path

import pandas as pd
import pytest
from hostile_cases import CASES, GOOD, claims_of, good_claims, write_good

import dprkwatch.cli.formats as formats
from dprkwatch.cli import main

OLD = "doc_id,value\nprevious,1\n"


def extract(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    rc = main(["extract", "--no-progress", *args])
    out = capsys.readouterr()
    return rc, out.out, out.err


def _no_temp_files(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_a_folder_of_every_hostile_thing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    baseline = good_claims(tmp_path)
    folder = tmp_path / "corpus"
    write_good(folder)
    bad = {name: case.build(folder) for name, case in CASES.items()}
    out = tmp_path / "out" / "ledger.csv"
    rc, _, err = extract(capsys, str(folder), "--out", str(out))
    assert rc == 1  # some input skipped; the good documents are in the ledger
    lines = err.splitlines()
    for name, path in bad.items():
        said = [x for x in lines if f"{path}:" in x]
        assert said and CASES[name].says in said[0], f"{name}: {said}"
    assert f"{len(GOOD)} documents read" in lines[-1]
    assert csv_claims(out) == baseline and _no_temp_files(out.parent)


def csv_claims(path: Path) -> list[tuple]:
    """claims_of for a ledger CSV (dates and missing values read back as the library has them)."""
    df = pd.read_csv(path, keep_default_na=False, dtype={"doc_id": str})
    for col in ("value", "value_low", "value_high"):
        df[col] = pd.to_numeric(df[col])
    df["published"] = pd.to_datetime(df["published"].replace("", None))
    return claims_of(df)


def test_nothing_read_leaves_the_previous_ledger(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "bad.txt").write_bytes(bytes(range(256)) * 4)
    out = tmp_path / "ledger.csv"
    out.write_text(OLD, encoding="utf-8")
    rc, _, err = extract(capsys, str(tmp_path / "bad.txt"), "--out", str(out))
    assert rc == 1 and "nothing could be read" in err and "left as they were" in err
    assert out.read_text(encoding="utf-8") == OLD and _no_temp_files(tmp_path)


@pytest.mark.parametrize("fmt", ["csv", "parquet", "jsonl"])
def test_a_crash_while_writing_leaves_the_previous_ledger(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    fmt: str,
) -> None:
    write_good(tmp_path / "corpus")
    out = tmp_path / f"ledger.{fmt}"
    out.write_text(OLD, encoding="utf-8")
    real = formats.TableWriter._append

    def crash(self, df):
        real(self, df)  # part of the file is written, then the process fails
        raise RuntimeError("killed mid-write")

    monkeypatch.setattr(formats.TableWriter, "_append", crash)
    with pytest.raises(RuntimeError, match="mid-write"):
        extract(capsys, str(tmp_path / "corpus"), "--out", str(out))
    assert out.read_text(encoding="utf-8") == OLD and _no_temp_files(tmp_path)


def test_a_full_disk_is_one_line_and_the_previous_ledger_stays(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_good(tmp_path / "corpus")
    out = tmp_path / "ledger.csv"
    out.write_text(OLD, encoding="utf-8")

    def full(self, df):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(formats.TableWriter, "_append", full)
    rc, _, err = extract(capsys, str(tmp_path / "corpus"), "--out", str(out))
    assert rc == 4 and "no space left" in err.splitlines()[-1]
    assert out.read_text(encoding="utf-8") == OLD and _no_temp_files(tmp_path)


@pytest.mark.parametrize(
    ("suffix", "read"),
    [
        (".csv", pd.read_csv),
        (".parquet", pd.read_parquet),
        (".jsonl", lambda p: pd.read_json(p, lines=True)),
    ],
)
def test_the_format_follows_the_suffix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str, read
) -> None:
    write_good(tmp_path / "corpus")
    out = tmp_path / f"ledger{suffix}"
    rc, _, _ = extract(capsys, str(tmp_path / "corpus"), "--out", str(out))
    assert rc == 0 and len(read(out)) == len(GOOD)


@pytest.mark.parametrize("name", ["ledger.xlsx", "ledger.txt", "ledger"])
def test_an_unknown_suffix_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    write_good(tmp_path / "corpus")
    rc, _, err = extract(capsys, str(tmp_path / "corpus"), "--out", str(tmp_path / name))
    assert rc == 2 and "--format" in err and not (tmp_path / name).exists()
    rc, _, _ = extract(capsys, str(tmp_path / "corpus"), "-o", str(tmp_path / name), "-f", "csv")
    assert rc == 0 and (tmp_path / name).exists()


FORMULAS = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)"]


@pytest.mark.parametrize("formula", FORMULAS)
def test_spreadsheet_formulas_are_neutralised(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], formula: str
) -> None:
    title = json.dumps(formula)  # YAML's double-quoted form
    (tmp_path / "f.md").write_text(
        f"---\ntitle: {title}\noutlet: {title}\n---\n{GOOD['good_en.txt']}", encoding="utf-8"
    )
    out = tmp_path / "ledger.csv"
    assert extract(capsys, str(tmp_path / "f.md"), "--out", str(out))[0] == 0
    (row,) = csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))
    assert row["title"] == row["outlet"] == "'" + formula
    raw = tmp_path / "raw.csv"
    assert extract(capsys, str(tmp_path / "f.md"), "--out", str(raw), "--raw-csv")[0] == 0
    (row,) = csv.DictReader(io.StringIO(raw.read_text(encoding="utf-8")))
    assert row["title"] == formula
    assert pd.read_parquet(_parquet(tmp_path, capsys))["title"].tolist() == [formula]


@pytest.mark.parametrize("cell", ["\tx", "\rx", "=1+1", "-1", "+1", "@a"])
def test_every_formula_start_is_neutralised(cell: str) -> None:
    df = pd.DataFrame({"text": [cell, "plain"], "value": [-1.0, 2.0]})
    out = formats.neutralise(df)
    assert out["text"].tolist() == ["'" + cell, "plain"] and out["value"].tolist() == [-1.0, 2.0]


def _parquet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    out = tmp_path / "ledger.parquet"
    assert extract(capsys, str(tmp_path / "f.md"), "--out", str(out))[0] == 0
    return out


def test_the_documents_table_shows_encodings_and_skips(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "latin.txt").write_bytes(
        "A Coreia do Norte enviou três mil soldados, disse a agência.".encode("cp1252")
    )
    sentence = GOOD["good_ru.txt"].encode("utf-8")
    cut = sentence.index(b" ", 30)
    (folder / "damaged.txt").write_bytes(sentence[:cut] + b"\xff" + sentence[cut:])
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    docs = tmp_path / "documents.csv"
    rc, _, err = extract(
        capsys, str(folder), "--out", str(tmp_path / "l.csv"), "--documents", str(docs)
    )
    assert rc == 1  # binary.txt skipped
    table = pd.read_csv(docs, keep_default_na=False).set_index("doc_id")
    assert table.loc["latin", "encoding"] == "cp1252" and table.loc["latin", "status"] == "read"
    assert table.loc["damaged", "encoding"] == "utf-8"
    assert table.loc["damaged", "replaced_bytes"] == 1
    assert table.loc["binary", "status"] == "skipped" and table.loc["binary", "stage"] == "decode"
    assert any(
        x.startswith("warning: ") and "damaged.txt" in x and "1 invalid byte" in x
        for x in err.splitlines()
    )


@pytest.mark.parametrize(("n", "said"), [(1, "1 document read"), (2, "2 documents read")])
def test_the_summary_counts_right(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], n: int, said: str
) -> None:
    for i in range(n):
        (tmp_path / f"d{i}.txt").write_text(GOOD["good_en.txt"], encoding="utf-8")
    rc, _, err = extract(capsys, str(tmp_path))
    assert rc == 0 and err.splitlines()[-1].startswith(f"dprkwatch extract: {said}, 0 skipped")
