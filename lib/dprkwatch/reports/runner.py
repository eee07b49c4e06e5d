"""Build every report: plan what changed, run the rest in parallel, publish atomically, index."""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from dprkwatch import __version__
from dprkwatch.core import atomic, paths
from dprkwatch.core.errors import LockTimeout
from dprkwatch.reports.config import ConfigError, ReportSpec, load_config, resolve_parameters
from dprkwatch.reports.fingerprint import corpus_fingerprint, report_key

MANIFEST_VERSION = 1
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_LOCKED = 0, 1, 2, 3


@dataclass
class RunSummary:
    """What one run did; exit_code is 0 only when every selected report is good."""

    out_dir: Path
    results: list[dict[str, Any]] = field(default_factory=list)
    executed: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        return EXIT_FAILED if self.failed else EXIT_OK

    @property
    def index(self) -> Path:
        return self.out_dir / "index.html"


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _display_path(value: str) -> str:
    root = str(paths.ROOT)
    if value == root:
        return "."
    if value.startswith(root + os.sep):
        return value[len(root) + 1 :]
    return value


def _display_parameters(params: dict[str, Any]) -> dict[str, Any]:
    return {k: _display_path(v) if isinstance(v, str) else v for k, v in params.items()}


def run_reports(
    *,
    config: Path | str = paths.REPORTS_CONFIG,
    out: Path | str = paths.REPORTS_DIR,
    corpus: Path | str | None = None,
    only: list[str] | None = None,
    jobs: int | None = None,
    force: bool = False,
    keep_code: bool = False,
    timeout: int | None = None,
    lock_timeout: float = 3600,
    progress: Callable[[str], None] | None = _stderr,
) -> RunSummary:
    """Build the reports of the config file into out; see `dprkwatch reports --help`.

    Raises ConfigError for a bad config or unknown --only name, LockTimeout when another run
    keeps the output folder locked longer than lock_timeout seconds.
    """
    from filelock import FileLock, Timeout

    say = progress or (lambda _m: None)
    started = time.monotonic()
    out_dir = Path(out).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(out_dir / ".lock"))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        say(f"another `dprkwatch reports` is writing {out_dir}; waiting for it to finish...")
        try:
            lock.acquire(timeout=lock_timeout)
        except Timeout as exc:
            raise LockTimeout(f"{out_dir} stayed locked for {lock_timeout:.0f} s") from exc
    try:
        summary = _run_locked(
            config=Path(config),
            out_dir=out_dir,
            corpus=Path(corpus).resolve() if corpus else None,
            only=only,
            jobs=jobs,
            force=force,
            keep_code=keep_code,
            timeout=timeout,
            say=say,
        )
    finally:
        lock.release()
    summary.seconds = round(time.monotonic() - started, 3)
    say(_closing_line(summary))
    return summary


def _closing_line(s: RunSummary) -> str:
    ok = len(s.executed) - len(s.failed) + len(s.reused)
    parts = [f"{ok} ok ({len(s.executed) - len(s.failed)} built, {len(s.reused)} unchanged)"]
    if s.failed:
        parts.append(f"{len(s.failed)} FAILED: {', '.join(s.failed)}")
    return f"{', '.join(parts)} in {s.seconds:.1f} s -> {s.index}"


def _run_locked(
    *,
    config: Path,
    out_dir: Path,
    corpus: Path | None,
    only: list[str] | None,
    jobs: int | None,
    force: bool,
    keep_code: bool,
    timeout: int | None,
    say: Callable[[str], None],
) -> RunSummary:
    cfg = load_config(config)
    specs = cfg.select(only)
    cache_dir = out_dir / ".cache"
    for sub in ("tmp", "executed", "ledger"):
        (cache_dir / sub).mkdir(parents=True, exist_ok=True)
    state_dir = out_dir / ".state"
    manifest_path = cache_dir / "manifest.json"
    manifest = atomic.read_json(manifest_path, default={}) or {}
    if manifest.get("version") != MANIFEST_VERSION:
        manifest = {"version": MANIFEST_VERSION, "reports": {}}
    entries: dict[str, dict] = manifest["reports"]
    for entry in entries.values():
        entry["reused"] = False
    cell_timeout = int(timeout or cfg.timeout)
    render_options = {"keep_code": bool(keep_code)}

    fingerprints: dict[str, str] = {}
    todo: list[dict[str, Any]] = []
    summary = RunSummary(out_dir=out_dir)
    for spec in specs:
        params = resolve_parameters(spec, cfg.notebooks_dir, corpus, state_dir)
        corpus_dir = params.get("corpus", "")
        if corpus_dir and corpus_dir not in fingerprints:
            if not Path(corpus_dir).exists():
                raise ConfigError(f"corpus folder not found: {corpus_dir}")
            fingerprints[corpus_dir] = corpus_fingerprint(corpus_dir)
        fp = fingerprints.get(corpus_dir, "")
        key = report_key(spec.notebook, params, fp, render_options, cfg.kernel)
        prev = entries.get(spec.name) or {}
        up_to_date = (
            not force
            and prev.get("key") == key
            and prev.get("status") == "ok"
            and (out_dir / f"{spec.name}.html").exists()
        )
        if up_to_date:
            summary.reused.append(spec.name)
            prev["reused"] = True
            continue
        todo.append(_job(spec, params, out_dir, cache_dir, cfg, cell_timeout, keep_code, fp, key))

    n_workers = max(1, min(jobs or os.cpu_count() or 1, len(todo) or 1))
    corpora = ", ".join(f"{_display_path(c)} ({fp[:10]})" for c, fp in fingerprints.items())
    say(
        f"dprkwatch reports: {len(specs)} report(s), {len(todo)} to build, "
        f"{len(summary.reused)} unchanged; corpus {corpora or '-'}; "
        f"{n_workers if todo else 0} job(s) -> {_display_path(str(out_dir))}"
    )
    if todo:
        # Longest first (by the last known duration) so the slowest report never starts last.
        todo.sort(key=lambda j: -float((entries.get(j["name"]) or {}).get("duration") or 60))
        for result in _execute_all(todo, n_workers, say, cfg.fork_kernels):
            job = next(j for j in todo if j["name"] == result["name"])
            entries[result["name"]] = _entry(job, result, entries.get(result["name"]) or {})
            summary.executed.append(result["name"])
            summary.results.append(result)
            if result["status"] != "ok":
                summary.failed.append(result["name"])
            manifest["last_run"] = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
            # Saved after every report: an interrupted run keeps what it finished.
            atomic.write_json(manifest_path, manifest)
        _prune_ledger_cache(cache_dir / "ledger")
    # Reports dropped from the config leave the index (their files stay until cleaned).
    known = {r.name for r in cfg.reports}
    for name in list(entries):
        if name not in known:
            del entries[name]
    manifest["last_checked"] = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    atomic.write_json(manifest_path, manifest)
    from dprkwatch.reports.index import write_index

    write_index(out_dir, cfg.reports, entries, manifest)
    return summary


def _prune_ledger_cache(folder: Path, keep: int = 3) -> None:
    """Keep the few most recent extracted ledgers (one per corpus and library version)."""
    cached = sorted(folder.glob("ledger-*.pkl"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in cached[keep:]:
        old.unlink(missing_ok=True)
        Path(str(old) + ".lock").unlink(missing_ok=True)


def _job(
    spec: ReportSpec,
    params: dict[str, Any],
    out_dir: Path,
    cache_dir: Path,
    cfg,
    cell_timeout: int,
    keep_code: bool,
    fingerprint: str,
    key: str,
) -> dict[str, Any]:
    return {
        "name": spec.name,
        "title": spec.title,
        "description": spec.description,
        "notebook": str(spec.notebook),
        "parameters": params,
        "display_parameters": _display_parameters(params),
        "out_dir": str(out_dir),
        "cache_dir": str(cache_dir),
        "kernel": cfg.kernel,
        "timeout": cell_timeout,
        "keep_code": keep_code,
        "corpus_label": _display_path(params.get("corpus", "")),
        "fingerprint": fingerprint,
        "key": key,
    }


def _entry(job: dict[str, Any], result: dict[str, Any], prev: dict[str, Any]) -> dict[str, Any]:
    entry = {
        "name": job["name"],
        "title": job["title"],
        "description": job["description"],
        "notebook": _display_path(job["notebook"]),
        "parameters": job["display_parameters"],
        "corpus": job["corpus_label"],
        "fingerprint": job["fingerprint"],
        "dprkwatch_version": __version__,
        "key": result["key"] if result["status"] == "ok" else prev.get("key"),
        "status": result["status"],
        "ran_at": result["ran_at"],
        "duration": result.get("duration"),
        "headlines": result.get("headlines") or [],
        "error": result.get("error") or "",
        "error_cell": result.get("error_cell"),
        "error_html": result.get("error_html"),
        "log": result.get("log") or result.get("traceback") or "",
        "timings": result.get("timings") or {},
        "reused": False,
    }
    if result["status"] == "ok":
        entry.update(html=result.get("html"), last_good_ran_at=result["ran_at"])
        entry["good_headlines"] = entry["headlines"]
    else:
        # The previous good HTML stays published beside the error.
        out_dir = Path(job["out_dir"])
        has_old = (out_dir / f"{job['name']}.html").exists()
        entry.update(
            html=f"{job['name']}.html" if has_old else None,
            last_good_ran_at=prev.get("last_good_ran_at") if has_old else None,
            good_headlines=prev.get("good_headlines") or [] if has_old else [],
        )
    return entry


def _execute_all(
    todo: list[dict[str, Any]], n_workers: int, say: Callable[[str], None], fork_kernels: bool
):
    """Run jobs in worker processes (one kernel each at a time); yield results as they finish."""
    import multiprocessing
    import shutil
    import tempfile

    from dprkwatch.reports import zygote
    from dprkwatch.reports.execute import run_job

    total = len(todo)
    done = 0
    warm = None
    sock_dir = ""
    if fork_kernels and zygote.available():
        sock_dir = tempfile.mkdtemp(prefix="dwz-")  # short: Unix socket paths are limited
        corpora = sorted({j["parameters"]["corpus"] for j in todo if j["parameters"].get("corpus")})
        warm, sock = zygote.start(Path(sock_dir), corpora, todo[0]["cache_dir"])
        for job in todo:
            job["zygote"] = sock
    if "forkserver" in multiprocessing.get_all_start_methods():
        # Workers fork from a server that imported papermill and nbconvert once (preload.py):
        # fresh processes without inherited threads or event loops, but warm.
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["dprkwatch.reports.preload"])
    else:
        ctx = multiprocessing.get_context("spawn")
    with contextlib.ExitStack() as stack:
        if warm is not None:
            stack.callback(shutil.rmtree, sock_dir, True)
            stack.callback(zygote.stop, warm)
        pool = stack.enter_context(ProcessPoolExecutor(max_workers=n_workers, mp_context=ctx))
        pending = {}
        for job in todo:
            pending[pool.submit(run_job, job)] = job
        say(f"  running: {', '.join(j['name'] for j in todo)}")
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in finished:
                job = pending.pop(fut)
                done += 1
                try:
                    result = fut.result()
                except Exception as exc:  # the worker process itself died
                    result = {
                        "name": job["name"],
                        "key": job["key"],
                        "status": "failed",
                        "ran_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC"),
                        "error": f"report worker crashed: {type(exc).__name__}: {exc}",
                        "duration": None,
                    }
                mark = "ok " if result["status"] == "ok" else "FAILED"
                extra = f" - {result['error']}" if result["status"] != "ok" else ""
                duration = result.get("duration")
                took = f" {duration:.1f} s" if isinstance(duration, int | float) else ""
                say(f"  [{done}/{total}] {mark} {job['name']}{took}{extra}")
                yield result
