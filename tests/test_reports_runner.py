"""The report runner: config, incremental cache, failures, atomic writes, lock, exit codes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from filelock import FileLock

from conftest import HEADLINE_CELL, write_config, write_notebook
from dprkwatch.cli import main as cli_main
from dprkwatch.core import atomic, paths
from dprkwatch.reports.config import ConfigError, load_config, resolve_parameters
from dprkwatch.reports.runner import LockTimeout, run_reports


def run(suite, **kw):
    kw.setdefault("jobs", 2)
    return run_reports(
        config=suite["config"], out=suite["out"], corpus=suite["corpus"], progress=None, **kw
    )


# --------------------------------------------------------------------------- config


def test_repo_config_lists_every_notebook_once_at_least():
    cfg = load_config(paths.REPORTS_CONFIG)
    notebooks = {r.notebook.name for r in cfg.reports}
    on_disk = {p.name for p in paths.NOTEBOOKS_DIR.glob("*.ipynb")}
    assert notebooks == on_disk
    assert len({r.name for r in cfg.reports}) == len(cfg.reports)
    # At least one notebook is rendered again per language.
    assert any(r.parameters.get("languages") for r in cfg.reports)


def test_parameters_resolve_corpus_and_state_dir(tmp_path):
    cfg = load_config(paths.REPORTS_CONFIG)
    ledger = next(r for r in cfg.reports if r.name == "90_claims_ledger")
    params = resolve_parameters(ledger, cfg.notebooks_dir, None, tmp_path / ".state")
    assert params["corpus"] == str(paths.SEEDS_DIR)
    assert params["state_dir"] == str(tmp_path / ".state" / "90_claims_ledger")
    other = resolve_parameters(ledger, cfg.notebooks_dir, tmp_path, tmp_path / ".state")
    assert other["corpus"] == str(tmp_path.resolve())


def test_bad_config_and_unknown_report(tmp_path, mini_suite):
    bad = tmp_path / "bad.yaml"
    bad.write_text("reports: [{notebook: missing.ipynb}]", encoding="utf-8")
    with pytest.raises(ConfigError, match="not found"):
        load_config(bad)
    with pytest.raises(ConfigError, match="unknown report"):
        load_config(mini_suite["config"]).select(["nope"])
    code = cli_main(
        ["reports", "--config", str(mini_suite["config"]), "--out", str(mini_suite["out"]),
         "--only", "nope"]
    )  # fmt: skip
    assert code == 2


# --------------------------------------------------------------------------- atomic writes


def test_atomic_write_keeps_old_file_when_interrupted(tmp_path, monkeypatch):
    target = tmp_path / "r.html"
    atomic.write_text(target, "old")

    def boom(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        atomic.write_text(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.html"]  # no temp file left behind


# --------------------------------------------------------------------------- lock


def test_lock_held_by_another_run(mini_suite):
    out = mini_suite["out"]
    out.mkdir(parents=True)
    with FileLock(str(out / ".lock")):
        with pytest.raises(LockTimeout):
            run(mini_suite, lock_timeout=0.2)
        code = cli_main(
            ["reports", "--config", str(mini_suite["config"]), "--out", str(out),
             "--corpus", str(mini_suite["corpus"]), "--lock-timeout", "0.2"]
        )  # fmt: skip
        assert code == 3
    assert not (out / "a.html").exists()


# --------------------------------------------------------------------------- running


@pytest.mark.slow
def test_incremental_runs(mini_suite):
    first = run(mini_suite)
    assert sorted(first.executed) == ["a", "b"] and first.exit_code == 0
    out = mini_suite["out"]
    html_a = (out / "a.html").read_text()
    assert "Report A" in html_a and "data:image/png;base64" in (out / "b.html").read_text()
    index = (out / "index.html").read_text()
    assert "Files: 1" in index  # headline figure read back from the executed notebook

    # Nothing changed: nothing runs.
    second = run(mini_suite)
    assert second.executed == [] and sorted(second.reused) == ["a", "b"]
    assert second.exit_code == 0
    assert (out / "a.html").read_text() == html_a

    # A notebook edit re-runs that report only.
    write_notebook(mini_suite["notebooks"] / "a.ipynb", HEADLINE_CELL, "print('edited')")
    assert run(mini_suite).executed == ["a"]

    # A new corpus file changes the fingerprint: everything re-runs, headline follows.
    (mini_suite["corpus"] / "doc2.txt").write_text("more", encoding="utf-8")
    third = run(mini_suite)
    assert sorted(third.executed) == ["a", "b"]
    assert "Files: 2" in (out / "index.html").read_text()

    # --only and --force.
    assert run(mini_suite, only=["b"], force=True).executed == ["b"]
    # --keep-code is a different rendering: it rebuilds and shows the code.
    kept = run(mini_suite, only=["a"], keep_code=True)
    assert kept.executed == ["a"]
    assert "edited" in (out / "a.html").read_text()
    assert not list(out.glob("*.tmp")) and not list(out.glob(".*.tmp"))


@pytest.mark.slow
@pytest.mark.parametrize("fork", ["1", "0"], ids=["warm-kernels", "plain-kernels"])
def test_kernels_forked_or_not_give_the_same_report(mini_suite, monkeypatch, fork):
    monkeypatch.setenv("DPRKWATCH_FORK_KERNELS", fork)
    summary = run(mini_suite)
    assert summary.exit_code == 0, [r["error"] for r in summary.results]
    page = (mini_suite["out"] / "b.html").read_text()
    # The inline backend works: one chart, embedded.
    assert len(re.findall(r'<img [^>]*src="data:image/png;base64,', page)) == 1
    assert "Files: 1" in (mini_suite["out"] / "index.html").read_text()


@pytest.mark.slow
def test_failure_keeps_previous_html_and_exit_code(mini_suite):
    out = mini_suite["out"]
    assert run(mini_suite).exit_code == 0
    good_b = (out / "b.html").read_bytes()

    write_notebook(
        mini_suite["notebooks"] / "b.ipynb",
        "x = 1",
        "raise ValueError('figure <b>missing</b>')",
        "print('never')",
    )
    summary = run(mini_suite)
    assert summary.failed == ["b"] and summary.exit_code == 1
    assert summary.reused == ["a"]  # the other report is untouched
    assert (out / "b.html").read_bytes() == good_b  # last good HTML still published
    error_page = (out / "b.error.html").read_text()
    assert 'id="papermill-error-cell"' in error_page
    index = (out / "index.html").read_text()
    assert "b.error.html#papermill-error-cell" in index
    assert "ValueError" in index and "<b>missing</b>" not in index  # escaped
    # In [4]: parameters, injected parameters, x = 1, then the failing cell.
    assert "see failing cell 4" in index

    code = cli_main(
        ["reports", "--config", str(mini_suite["config"]), "--out", str(out),
         "--corpus", str(mini_suite["corpus"]), "--jobs", "1"]
    )  # fmt: skip
    assert code == 1

    # Fixed again: the error page goes away.
    write_notebook(mini_suite["notebooks"] / "b.ipynb", HEADLINE_CELL)
    assert run(mini_suite).exit_code == 0
    assert not (out / "b.error.html").exists()


@pytest.mark.slow
def test_cell_timeout_and_dead_kernel(tmp_path, mini_suite):
    nbdir = mini_suite["notebooks"]
    write_notebook(nbdir / "slow.ipynb", "import time\ntime.sleep(60)")
    write_notebook(nbdir / "dies.ipynb", "print('before')", "import os\nos._exit(1)")
    config = write_config(
        nbdir / "failing.yaml",
        [
            {"name": "slow", "notebook": "slow.ipynb"},
            {"name": "dies", "notebook": "dies.ipynb"},
            {"name": "a", "notebook": "a.ipynb"},
        ],
    )
    summary = run_reports(
        config=config, out=mini_suite["out"], corpus=mini_suite["corpus"], jobs=3,
        timeout=3, progress=None,
    )  # fmt: skip
    errors = {r["name"]: r["error"] for r in summary.results}
    assert "per-cell timeout of 3 s" in errors["slow"]
    assert "kernel died while running cell 4" in errors["dies"]
    assert errors["a"] == ""
    assert summary.exit_code == 1
    assert (mini_suite["out"] / "a.html").exists()
    assert "papermill-error-cell" in (mini_suite["out"] / "dies.error.html").read_text()


@pytest.mark.slow
def test_two_runs_at_once_do_not_clobber(mini_suite):
    cmd = [
        sys.executable, "-m", "dprkwatch.cli", "reports", "--config", str(mini_suite["config"]),
        "--out", str(mini_suite["out"]), "--corpus", str(mini_suite["corpus"]), "--jobs", "2",
    ]  # fmt: skip
    procs = [subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    logs = [p.communicate(timeout=300)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], logs
    # One run built both reports, the other waited for the lock and found nothing to do.
    assert sum("waiting for it to finish" in log for log in logs) == 1, logs
    assert sorted("2 to build" in log for log in logs) == [False, True], logs
    assert sum("0 to build" in log for log in logs) == 1, logs
    out: Path = mini_suite["out"]
    assert sorted(p.name for p in out.glob("*.html")) == ["a.html", "b.html", "index.html"]
