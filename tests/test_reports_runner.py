"""The report runner: config, store-keyed incremental cache, failures, time limits, lock, exit
codes, trusted caches, orphaned processes of a killed run, schedule safety."""

from __future__ import annotations

import ast
import errno
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import psutil
import pytest
from filelock import FileLock

from conftest import HEADLINE_CELL, write_config, write_notebook
from dprkwatch.cli import main as cli_main
from dprkwatch.core import atomic, paths
from dprkwatch.core.errors import LockTimeout, NothingToReadError
from dprkwatch.reports import cache, processes
from dprkwatch.reports.config import ConfigError, load_config, resolve_parameters
from dprkwatch.reports.runlock import RunLock
from dprkwatch.reports.runner import run_reports

ARTICLE = (
    '---\nlanguage: en\npublished: 2025-01-10\ntitle: =HYPERLINK("http://x")\n---\n'
    "Seoul's National Intelligence Service said on Monday that North Korea had sent about "
    "11,000 troops to Russia.\n"
)


def run(suite, **kw):
    kw.setdefault("jobs", 2)
    return run_reports(
        config=suite["config"], out=suite["out"], corpus=suite["corpus"], progress=None, **kw
    )


def cli(suite, *extra: str) -> int:
    return cli_main(
        ["reports", "--config", str(suite["config"]), "--out", str(suite["out"]),
         "--corpus", str(suite["corpus"]), *extra]
    )  # fmt: skip


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under folder with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


# --------------------------------------------------------------------------- config


def test_repo_config_lists_every_notebook_once_at_least():
    cfg = load_config(paths.REPORTS_CONFIG)
    notebooks = {r.notebook.name for r in cfg.reports}
    on_disk = {p.name for p in paths.NOTEBOOKS_DIR.glob("*.ipynb")}
    assert notebooks == on_disk
    assert len({r.name for r in cfg.reports}) == len(cfg.reports)
    # At least one notebook is rendered again per language.
    assert any(r.parameters.get("languages") for r in cfg.reports)
    assert cfg.corpora == (paths.SEEDS_DIR,)
    assert cfg.report_timeout > cfg.timeout and cfg.run_timeout > cfg.report_timeout


def test_every_report_gets_the_store_and_no_corpus_or_state_folder(tmp_path):
    cfg = load_config(paths.REPORTS_CONFIG)
    for spec in cfg.reports:
        params = resolve_parameters(spec, cfg.notebooks_dir, store=tmp_path / ".store")
        assert params["store"] == str(tmp_path / ".store")
        assert "corpus" not in params and "state_dir" not in params


def test_bad_config_and_unknown_report(tmp_path, mini_suite):
    bad = tmp_path / "bad.yaml"
    bad.write_text("reports: [{notebook: missing.ipynb}]", encoding="utf-8")
    with pytest.raises(ConfigError, match="not found"):
        load_config(bad)
    bad.write_text("settings: {report_timeout: soon}\nreports: []", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"settings\.report_timeout"):
        load_config(bad)
    with pytest.raises(ConfigError, match="unknown report"):
        load_config(mini_suite["config"]).select(["nope"])
    assert cli(mini_suite, "--only", "nope") == 2
    assert cli(mini_suite, "--jobs", "0") == 2
    assert not mini_suite["out"].exists()  # a usage error touches nothing


def test_help_shows_defaults_as_a_user_types_them(capsys):
    with pytest.raises(SystemExit):
        cli_main(["reports", "--help"])
    text = capsys.readouterr().out
    assert "reports/" in text and "notebooks/reports.yaml" in text and "OUT/.store" in text
    assert str(paths.ROOT) not in text  # no path of this machine
    assert "exit status" in text and "disk is full" in text


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


def test_disk_full_is_one_line_and_exit_code_4(mini_suite, monkeypatch, capsys):
    def full(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    assert cli(mini_suite) == 4
    err = capsys.readouterr().err.strip().splitlines()
    assert len([line for line in err if "no space left" in line]) == 1
    assert "Traceback" not in "\n".join(err)
    assert not list(mini_suite["out"].glob("*.html"))


def test_a_full_disk_in_a_report_worker_stops_the_run_with_exit_code_4(mini_suite, monkeypatch):
    from dprkwatch.core.errors import DiskFullError
    from dprkwatch.reports import execute, pool

    def full(job, output, on_kernel=None):
        raise DiskFullError(f"{output}: no space left on the device; nothing was written")

    monkeypatch.setattr(execute, "_execute", full)
    job = {"name": "a", "key": "k", "work_dir": str(mini_suite["out"] / "w")}
    result = execute.run_job(job)
    assert result["status"] == "failed" and result["disk_full"] is True

    def jobs(todo, *args):
        yield {**pool.failed(todo[0], result["error"]), "disk_full": True}

    monkeypatch.setattr(pool, "run_jobs", jobs)
    assert cli(mini_suite) == 4
    assert not list(mini_suite["out"].glob("*.html"))


# --------------------------------------------------------------------------- caches


def test_nothing_is_pickled_anywhere_in_the_library():
    for path in paths.PACKAGE_DIR.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            elif isinstance(node, ast.Attribute):
                names = [node.attr]
            bad = [
                n for n in names if n in ("pickle", "read_pickle", "to_pickle", "dill", "joblib")
            ]
            assert not bad, f"{path.relative_to(paths.PACKAGE_DIR)}:{node.lineno} uses {bad}"


def test_cache_entries_are_trusted_only_when_the_runner_wrote_them(tmp_path):
    entry = tmp_path / "manifest.json"
    cache.write_entry(entry, {"reports": {"a": {"status": "ok"}}})
    assert cache.read_entry(entry) == {"reports": {"a": {"status": "ok"}}}
    heard: list[str] = []
    entry.write_text('{"reports": {"a": {"status": "ok", "html": "../../etc"}}}')  # edited
    assert cache.read_entry(entry, heard.append) is None
    planted = tmp_path / "planted.json"
    planted.write_text("{}")  # no hash beside it
    assert cache.read_entry(planted, heard.append) is None
    (tmp_path / "planted.json.sha256").write_text(cache.hashlib.sha256(b"{}").hexdigest())
    assert cache.read_entry(planted, heard.append) is None  # a plain hash is not the key's
    assert len(heard) == 3 and all("not written by dprkwatch" in h for h in heard)


# --------------------------------------------------------------------------- lock


def test_lock_held_by_another_run(mini_suite):
    out = mini_suite["out"]
    (out / ".run").mkdir(parents=True)
    with FileLock(str(out / ".run" / "lock")):
        with pytest.raises(LockTimeout):
            run(mini_suite, lock_timeout=0.2)
        assert cli(mini_suite, "--lock-timeout", "0.2") == 3
    assert not (out / "a.html").exists()


def _sleeper(run_id: str) -> subprocess.Popen:
    """A process that carries a run's id in its environment, as the run's workers do."""
    env = {**os.environ, processes.RUN_ENV: run_id}
    return subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"], env=env)


def test_orphans_of_a_killed_run_are_stopped_before_the_next_takes_the_lock(tmp_path):
    orphan, bystander = _sleeper("dead-run"), _sleeper("another-run")
    try:
        out = tmp_path / "out"
        (out / ".run").mkdir(parents=True)
        # What a SIGKILLed run leaves behind: its record, naming its (now dead) runner, a
        # worker, and a pid that the system has since given to an unrelated process.
        dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True)  # fmt: skip
        me = psutil.Process()
        record = {
            "run_id": "dead-run",
            "runner": {"pid": int(dead.stdout), "started": 1.0},
            "processes": [
                {"pid": orphan.pid, "started": processes.started_at(orphan.pid), "what": "w"},
                {"pid": bystander.pid, "started": processes.started_at(bystander.pid) - 50},
                {"pid": me.pid, "started": me.create_time() - 50},
            ],
        }
        leftover = Path(tempfile.mkdtemp(prefix=f"{processes.TEMP_PREFIX}dead-run-"))
        cache.write_entry(out / ".run" / "processes.json", record)
        heard: list[str] = []
        lock = RunLock(out, "new-run", heard.append)
        lock.acquire(timeout=1)
        try:
            orphan.wait(timeout=10)  # it sleeps 120 s unless stopped (TimeoutExpired)
            assert bystander.poll() is None  # a recycled pid is left alone
            assert any("stopped 1 leftover process of an interrupted run" in h for h in heard)
            assert not leftover.exists()
        finally:
            lock.release()
        assert not (out / ".run" / "processes.json").exists()
    finally:
        for proc in (orphan, bystander):
            proc.kill()
            proc.wait()


def test_a_live_runs_processes_are_never_touched(tmp_path):
    worker = _sleeper("live-run")
    try:
        out = tmp_path / "out"
        (out / ".run").mkdir(parents=True)
        me = psutil.Process()  # this test's process plays the live runner
        cache.write_entry(
            out / ".run" / "processes.json",
            {"run_id": "live-run", "runner": {"pid": me.pid, "started": me.create_time()},
             "processes": [{"pid": worker.pid, "started": processes.started_at(worker.pid)}]},
        )  # fmt: skip
        with FileLock(str(out / ".run" / "lock")):
            with pytest.raises(LockTimeout):
                RunLock(out, "waiting-run", lambda _m: None).acquire(timeout=0.3)
        assert worker.poll() is None
    finally:
        worker.kill()
        worker.wait()


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
    assert not list(out.rglob("*.pkl"))

    # Nothing changed: nothing runs, nothing is rewritten but the index (and the store's log
    # of its updates).
    before = snapshot(out)
    second = run(mini_suite)
    assert second.executed == [] and sorted(second.reused) == ["a", "b"]
    assert second.exit_code == 0
    after = snapshot(out)
    changed = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
    changed = {k for k in changed if not k.startswith(".store/")}
    assert changed <= {"index.html", ".cache/manifest.json", ".cache/manifest.json.sha256"}
    # ... and it decides so from sizes and times alone: no pandas, no DuckDB, no document read.
    probe = (
        "import sys; from dprkwatch.cli import main; code = main(sys.argv[1:]); "
        "print(code, sorted(m for m in ('pandas', 'duckdb', 'pyarrow') if m in sys.modules))"
    )
    quick = subprocess.run(
        [sys.executable, "-c", probe, "reports", "--config", str(mini_suite["config"]),
         "--out", str(out), "--corpus", str(mini_suite["corpus"])],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert quick.stdout.split("\n")[0] == "0 []", quick.stderr
    assert "nothing changed since the last run" in quick.stderr

    # A document touched but not changed: the store hashes it, its version stays, nothing runs.
    doc = mini_suite["corpus"] / "doc1.txt"
    os.utime(doc, (doc.stat().st_atime, doc.stat().st_mtime + 60))
    touched = run(mini_suite)
    assert touched.executed == [] and sorted(touched.reused) == ["a", "b"]

    # A notebook edit re-runs that report only.
    write_notebook(mini_suite["notebooks"] / "a.ipynb", HEADLINE_CELL, "print('edited')")
    assert run(mini_suite).executed == ["a"]

    # A new document changes the store's version: everything re-runs, headline follows.
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
    assert not (out / ".run" / "processes.json").exists()  # a clean end leaves no record


@pytest.mark.slow
def test_a_planted_manifest_is_ignored_and_reported(mini_suite):
    assert run(mini_suite).exit_code == 0
    manifest = mini_suite["out"] / ".cache" / "manifest.json"
    data = json.loads(manifest.read_text())
    data["reports"]["a"]["error"] = "planted"
    manifest.write_text(json.dumps(data))  # valid JSON, but not the runner's own
    heard: list[str] = []
    again = run_reports(
        config=mini_suite["config"], out=mini_suite["out"], corpus=mini_suite["corpus"],
        jobs=2, progress=heard.append,
    )  # fmt: skip
    assert sorted(again.executed) == ["a", "b"]  # nothing trusted: rebuilt
    assert any("ignored cache entry" in h and "manifest.json" in h for h in heard)
    assert "planted" not in (mini_suite["out"] / "index.html").read_text()


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
    assert cli(mini_suite, "--jobs", "1") == 1

    # Fixed again: the error page goes away.
    write_notebook(mini_suite["notebooks"] / "b.ipynb", HEADLINE_CELL)
    assert run(mini_suite).exit_code == 0
    assert not (out / "b.error.html").exists()


@pytest.mark.slow
def test_cell_timeout_dead_kernel_and_report_time_limit(tmp_path, mini_suite):
    nbdir = mini_suite["notebooks"]
    write_notebook(nbdir / "slow.ipynb", "import time\ntime.sleep(60)")
    write_notebook(nbdir / "dies.ipynb", "print('before')", "import os\nos._exit(1)")
    # Many short cells: no cell reaches the cell timeout, the report passes its own limit.
    write_notebook(nbdir / "long.ipynb", *["import time\ntime.sleep(2)"] * 30)
    config = write_config(
        nbdir / "failing.yaml",
        [
            {"name": "slow", "notebook": "slow.ipynb"},
            {"name": "dies", "notebook": "dies.ipynb"},
            {"name": "long", "notebook": "long.ipynb"},
            {"name": "a", "notebook": "a.ipynb"},
        ],
        report_timeout=20,
    )
    summary = run_reports(
        config=config, out=mini_suite["out"], corpus=mini_suite["corpus"], jobs=4,
        timeout=3, progress=None,
    )  # fmt: skip
    errors = {r["name"]: r["error"] for r in summary.results}
    assert "per-cell timeout of 3 s" in errors["slow"]
    assert "kernel died while running cell 4" in errors["dies"]
    assert "stopped after 20 s, the time limit of one report" in errors["long"]
    assert errors["a"] == ""
    assert summary.exit_code == 1
    assert (mini_suite["out"] / "a.html").exists()
    assert "papermill-error-cell" in (mini_suite["out"] / "dies.error.html").read_text()
    _assert_no_process_of_any_run()


def _assert_no_process_of_any_run() -> None:
    me = os.getpid()
    for proc in psutil.Process(me).children(recursive=True):
        try:
            carries = processes.RUN_ENV in proc.environ()
        except psutil.Error:
            continue
        # The fork server and multiprocessing's resource tracker serve this test process.
        name = " ".join(proc.cmdline())
        if carries and "forkserver" not in name and "resource_tracker" not in name:
            raise AssertionError(f"process {proc.pid} of a finished run is alive: {name}")


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
    assert sum("waiting" in log for log in logs) == 1, logs
    assert sorted("2 to build" in log for log in logs) == [False, True], logs
    assert sum("nothing changed since the last run" in log for log in logs) == 1, logs
    out: Path = mini_suite["out"]
    assert sorted(p.name for p in out.glob("*.html")) == ["a.html", "b.html", "index.html"]


# --------------------------------------------------------------------------- schedule safety


@pytest.mark.slow
@pytest.mark.parametrize("how", ["empty", "missing"])
def test_nothing_to_read_is_an_error_and_keeps_the_last_good_reports(mini_suite, how):
    assert run(mini_suite).exit_code == 0
    out = mini_suite["out"]
    before = snapshot(out)
    for doc in mini_suite["corpus"].iterdir():
        doc.unlink()
    if how == "missing":
        mini_suite["corpus"].rmdir()
    with pytest.raises(NothingToReadError):
        run(mini_suite)
    assert cli(mini_suite) == 2
    assert snapshot(out) == before


@pytest.mark.slow
def test_ledger_export_and_index_summary(mini_suite):
    (mini_suite["corpus"] / "doc1.txt").write_text(ARTICLE, encoding="utf-8")
    summary = run(mini_suite)
    assert summary.exit_code == 0, [r["error"] for r in summary.results]
    out = mini_suite["out"]
    import pandas as pd

    csv = pd.read_csv(out / "ledger.csv", dtype=str, keep_default_na=False)
    parquet = pd.read_parquet(out / "ledger.parquet")
    assert len(csv) == len(parquet) == 1
    assert csv.loc[0, "title"] == '\'=HYPERLINK("http://x")'  # neutralised for spreadsheets
    assert parquet.loc[0, "title"] == '=HYPERLINK("http://x")'  # the data itself is kept
    index = (out / "index.html").read_text()
    assert "1 document in English, published 10 January 2025" in index
    assert "first build, 1 claim read" in index
    assert "href='ledger.csv'" in index and "href='ledger.parquet'" in index
    assert str(out) not in index and str(mini_suite["corpus"]) not in index

    # Another originator's figure for the same days: the index says what changed.
    (mini_suite["corpus"] / "doc2.txt").write_text(
        "---\nlanguage: en\npublished: 2025-01-12\n---\nUkraine's military intelligence said "
        "that North Korea had sent 3,000 troops to Russia.\n",
        encoding="utf-8",
    )
    run(mini_suite)
    index = (out / "index.html").read_text()
    assert "1 new claim, 0 revised figures, 0 claims removed and 1 new conflict." in index
    assert len(pd.read_parquet(out / "ledger.parquet")) == 2


def test_the_ledger_export_runs_apart_and_names_its_failures(tmp_path):
    """The runner writes the ledger files in a child process (its sort's memory goes back to the
    system before the reports run); what it writes is export_ledger's, and its failures keep
    their kind."""
    from dprkwatch.core.errors import DiskFullError, StoreError
    from dprkwatch.reports import export
    from dprkwatch.store import open_store, update

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "doc1.txt").write_text(ARTICLE, encoding="utf-8")
    store_dir, apart, here = tmp_path / "store", tmp_path / "apart", tmp_path / "here"
    update(corpus, store_dir, jobs=1)
    apart.mkdir()
    here.mkdir()
    export.export_apart(store_dir, apart)
    with open_store(store_dir) as store:
        export.export_ledger(store, here)
    for name in export.FILES:
        assert (apart / name).read_bytes() == (here / name).read_bytes()
    with pytest.raises(StoreError, match="the ledger export failed"):
        export.export_apart(tmp_path / "no-store", apart)
    full = subprocess.CompletedProcess([], DiskFullError.exit_code, "", "x: no space left\n")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(export.subprocess, "run", lambda *a, **k: full)
        with pytest.raises(DiskFullError, match="no space left"):
            export.export_apart(store_dir, apart)


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_fifo_or_a_device_in_the_corpus_never_hangs_the_run(mini_suite):
    corpus = mini_suite["corpus"]
    os.mkfifo(corpus / "pipe.txt")
    (corpus / "zero.txt").symlink_to("/dev/zero")
    proc = subprocess.run(
        [sys.executable, "-m", "dprkwatch.cli", "reports", "--config", str(mini_suite["config"]),
         "--out", str(mini_suite["out"]), "--corpus", str(corpus)],
        capture_output=True, text=True, timeout=600,  # a hang fails here
    )  # fmt: skip
    assert proc.returncode == 1, proc.stderr  # some input skipped, the reports built
    skipped = [line for line in proc.stderr.splitlines() if line.strip().startswith("skipped")]
    assert len(skipped) == 2 and "pipe.txt" in skipped[0] + skipped[1]
    assert "Traceback" not in proc.stderr
    assert (mini_suite["out"] / "a.html").exists() and (mini_suite["out"] / "b.html").exists()
    index = (mini_suite["out"] / "index.html").read_text()
    assert "2 documents could not be read at the last update." in index


@pytest.mark.slow
def test_a_corpus_that_shrank_by_half_is_said_loudly_on_the_index(mini_suite):
    corpus = mini_suite["corpus"]
    for i in range(2, 5):
        (corpus / f"doc{i}.txt").write_text(f"Document {i}.", encoding="utf-8")
    assert run(mini_suite).exit_code == 0
    for i in range(2, 5):
        (corpus / f"doc{i}.txt").unlink()
    run(mini_suite)
    page = (mini_suite["out"] / "index.html").read_text()
    warning = re.search(r"<div class='dw-warning' role='alert'>(.*?)</div>", page)
    assert warning and "4" in warning.group(1) and "1" in warning.group(1), page[:3000]


def test_corpus_and_only_are_repeatable():
    # "--corpus A --corpus B" kept only B: a cron line naming two folders lost one, silently.
    from dprkwatch.cli import build_parser

    args = build_parser().parse_args(
        ["reports", "--corpus", "a", "--corpus", "b", "c", "--only", "x", "--only", "y"]
    )
    assert args.corpus == ["a", "b", "c"]
    assert args.only == ["x", "y"]
    assert build_parser().parse_args(["reports"]).corpus is None  # the reports file decides
