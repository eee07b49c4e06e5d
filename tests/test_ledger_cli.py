"""`dprkwatch ledger`: argument handling and outputs (fake store), then the seeds end to end."""

from __future__ import annotations

import argparse
import io
import json

import pandas as pd
import pytest

from dprkwatch import store
from dprkwatch.analysis.changes import SNAPSHOT_NAME
from dprkwatch.cli import ledger as ledger_cli
from dprkwatch.core import paths
from dprkwatch.core.errors import NothingToReadError
from reconcile_helpers import GUR, NIS, approx, ledger

CLAIMS = ledger(
    approx(15000, doc="bn1", language="bn", source=NIS),
    approx(15000, doc="pt1", language="pt", source=f"{NIS}; {GUR}"),
    approx(10000, doc="en1", language="en", source=GUR, published="2024-11-20"),
)
REQUIRED = [
    "indicator",
    "value_best",
    "value_low",
    "value_high",
    "originators",
    "n_originators",
    "n_documents",
    "languages",
    "status",
]


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="dprkwatch")
    ledger_cli.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["ledger", *argv])
    return args.func(args)


@pytest.fixture(autouse=True)
def own_store(monkeypatch, tmp_path):
    """Each test has its own (initially absent) ledger store."""
    monkeypatch.setattr(paths, "STORE_DIR", tmp_path / "store")


class FakeStore:
    def claims(self, columns=None, increment_quotes_only=False):
        df = CLAIMS.copy() if columns is None else CLAIMS[[c for c in columns if c in CLAIMS]]
        if increment_quotes_only and "quote" in df and "measure" in df:
            df = df.assign(quote=df["quote"].where(df["measure"] == "increment"))
        return df


def fake_update(monkeypatch, update):
    monkeypatch.setattr(store, "update", update)
    monkeypatch.setattr(store, "open_store", lambda folder: FakeStore())


@pytest.fixture
def fake_extractor(monkeypatch):
    """Replace the store's update and reader; records the paths the CLI asked to read."""
    calls: dict = {}

    def update(corpus_paths, store_dir, **kw):
        calls["paths"] = corpus_paths
        return store.UpdateSummary(run_id=1, version="v", n_new=3, n_documents=3)

    fake_update(monkeypatch, update)
    return calls


def test_groups_csv_to_stdout_by_default(fake_extractor, capsys, tmp_path):
    assert run([str(tmp_path)]) == 0
    out = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert set(REQUIRED) <= set(out.columns)
    assert set(out["status"]) <= {"corroborated", "single-source", "conflicting"}
    row = out[out["value_best"] == 15000].iloc[0]
    assert (row["n_originators"], row["n_documents"], row["languages"]) == (2, 2, "bn; pt")
    assert fake_extractor["paths"] == [tmp_path]


def test_default_path_is_the_seeds(fake_extractor, capsys):
    from dprkwatch.core.paths import SEEDS_DIR

    assert run([]) == 0
    assert fake_extractor["paths"] == [SEEDS_DIR]


@pytest.mark.parametrize(("policy", "value"), [("conservative", 10000), ("latest", 10000)])
def test_headline_shows_policy(fake_extractor, capsys, tmp_path, policy, value):
    assert run([str(tmp_path), "--what", "headline", "--policy", policy]) == 0
    out = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert list(out["policy"]) == [policy]
    assert out.loc[0, "value"] == value
    assert isinstance(out.loc[0, "note"], str) and out.loc[0, "note"]


def test_conflicts_jsonl(fake_extractor, capsys, tmp_path):
    assert run([str(tmp_path), "--what", "conflicts", "--format", "jsonl"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert len(lines) == 1
    # GUR's own 15,000 -> 10,000 is a revision, not a conflict; NIS's current 15,000 and GUR's
    # current 10,000 (19 days apart) disagree (issue 11).
    assert (lines[0]["value_a"], lines[0]["value_b"]) == (10000, 15000)
    assert (lines[0]["originators_a"], lines[0]["originators_b"]) == (GUR, NIS)
    assert lines[0]["kind"] == "disagreement"


@pytest.mark.parametrize(
    ("name", "reader"), [("g.parquet", pd.read_parquet), ("g.csv", pd.read_csv)]
)
def test_out_file_format_from_suffix(fake_extractor, tmp_path, name, reader):
    target = tmp_path / "sub" / name
    assert run([str(tmp_path), "--out", str(target)]) == 0
    assert set(REQUIRED) <= set(reader(target).columns)


def test_state_dir_records_a_snapshot(fake_extractor, capsys, tmp_path):
    state = tmp_path / "state"
    assert run([str(tmp_path), "--state-dir", str(state)]) == 0
    assert (state / SNAPSHOT_NAME).exists()
    assert "3 new" in capsys.readouterr().err
    assert run([str(tmp_path), "--state-dir", str(state)]) == 0
    assert "0 new, 0 changed, 0 gone" in capsys.readouterr().err


def test_nothing_readable_is_an_error(fake_extractor, capsys, tmp_path):
    assert run([str(tmp_path / "missing")]) == 2  # nothing to read: exit 2 in every command
    assert "nothing to read" in capsys.readouterr().err


def test_empty_corpus_is_an_error(monkeypatch, capsys, tmp_path):
    def update(corpus_paths, store_dir, **kw):
        raise NothingToReadError(f"{tmp_path}: no documents to read")

    fake_update(monkeypatch, update)
    assert run([str(tmp_path)]) == 2  # nothing to read: exit 2 in every command
    assert "no documents" in capsys.readouterr().err


def test_reader_failure_is_an_error_not_a_traceback(monkeypatch, capsys, tmp_path):
    def broken(corpus_paths, store_dir, **kw):
        raise OSError("permission denied")

    fake_update(monkeypatch, broken)
    assert run([str(tmp_path)]) == 1
    assert "permission denied" in capsys.readouterr().err


def test_some_paths_missing_is_a_warning(fake_extractor, capsys, tmp_path):
    assert run([str(tmp_path), str(tmp_path / "missing")]) == 0
    assert "not found, skipped" in capsys.readouterr().err
    assert fake_extractor["paths"] == [tmp_path]


def test_parquet_to_stdout_is_refused(fake_extractor, capsys, tmp_path):
    assert run([str(tmp_path), "--format", "parquet"]) == 2
    assert "--out" in capsys.readouterr().err


def test_invalid_policy_is_rejected_by_the_parser(fake_extractor, capsys):
    with pytest.raises(SystemExit):
        run(["--policy", "mean"])
    assert "conservative" in capsys.readouterr().err


def test_seeds_end_to_end(capsys):
    try:
        from dprkwatch import extract_claims, load_corpus  # noqa: F401
    except ImportError:
        pytest.skip("dprkwatch.extract_claims is not importable yet (the extractor is pending)")
    assert run([]) == 0
    out = pd.read_csv(io.StringIO(capsys.readouterr().out))
    troops = out[(out["indicator"] == "troops_deployed") & (out["value_best"] == 15000)]
    assert len(troops) == 1
    assert {"bn", "pt"} <= set(troops.iloc[0]["languages"].split("; "))
    assert (out["indicator"].eq("troops_deployed") & out["value_best"].eq(10000)).sum() == 1


def test_a_terminal_gets_an_aligned_table_of_the_columns_that_matter():
    from dprkwatch.cli.formats import terminal_table

    table = pd.DataFrame(
        {
            "indicator": ["troops_deployed"],
            "value": [15000.0],
            "sources": ["South Korea NIS"],
            "x": [1],
        }
    )
    text = terminal_table(table, ["indicator", "value", "sources"])
    header, rule, row = text.splitlines()
    assert header.split() == ["indicator", "value", "sources"] and set(rule) <= {"-", " "}
    assert "15,000" in row and "x" not in header


def test_an_unknown_output_suffix_is_a_usage_error(tmp_path, capsys):
    from dprkwatch.cli import main

    assert main(["ledger", "--out", str(tmp_path / "out.xlsx")]) == 2
    assert "cannot tell the format" in capsys.readouterr().err
    assert not (tmp_path / "out.xlsx").exists()
