"""Build every report: update the store, plan what changed, run the rest, publish, index.

One run, in order, holding the output folder's lock (runlock.py) from start to end:
  1. `store.update` brings the ledger store up to date with the corpus, once for all reports
     (nothing to read = NothingToReadError: nothing is written, the last reports stay);
  2. each report's key (store version, notebook, parameters, library, rendering) is compared
     with the manifest's: only reports whose inputs changed run;
  3. workers (pool.py) run them into the run's temporary folder; the runner publishes each
     report as it finishes (publish.py) and saves the manifest (cache.py) after each;
  4. the full ledger is exported beside the reports (export.py) and the index written.
SIGTERM, SIGINT and the whole-run time limit stop every process of the run before the lock
is released (stopping.py); a SIGKILLed run's leftovers are stopped by the next run.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from dprkwatch import __version__
from dprkwatch.core import paths
from dprkwatch.core.errors import DiskFullError
from dprkwatch.reports import cache, describe, processes, stopping
from dprkwatch.reports.config import ReportsConfig, ReportSpec, load_config, resolve_parameters
from dprkwatch.reports.fingerprint import report_key
from dprkwatch.reports.runlock import RunLock

MANIFEST_VERSION = 2
MANIFEST = "manifest.json"
EXIT_OK, EXIT_FAILED = 0, 1
STORE_FOLDER = ".store"  # OUT/.store unless --store says otherwise
Say = Callable[[str], None]


@dataclass
class Options:
    """How to run (see `dprkwatch reports --help`); None: the reports file's setting."""

    jobs: int | None = None
    force: bool = False
    keep_code: bool = False
    timeout: int | None = None
    report_timeout: float | None = None
    run_timeout: float | None = None
    lock_timeout: float = 3600


@dataclass
class RunSummary:
    """What one run did; exit_code is 0 only when every report is good and no input skipped."""

    out_dir: Path
    results: list[dict[str, Any]] = field(default_factory=list)
    executed: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # documents the update could not read
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        return EXIT_FAILED if self.failed or self.skipped else EXIT_OK

    @property
    def index(self) -> Path:
        return self.out_dir / "index.html"


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_reports(
    *,
    config: Path | str = paths.REPORTS_CONFIG,
    out: Path | str = paths.REPORTS_DIR,
    corpus: Path | str | Iterable[Path | str] | None = None,
    store: Path | str | None = None,
    only: list[str] | None = None,
    progress: Say | None = _stderr,
    **options: Any,
) -> RunSummary:
    """Build the reports of the config file into out; see `dprkwatch reports --help`.

    corpus: folder(s) the store is updated from (default: the reports file's); store: the
    ledger store (default OUT/.store); options: the fields of Options.
    Raises ConfigError (bad config, unknown --only name), NothingToReadError (the corpus is
    missing or empty: nothing written), LockTimeout, DiskFullError, RunInterrupted.
    """
    say = progress or (lambda _m: None)
    started = time.monotonic()
    cfg = load_config(config)
    run = _Run(
        cfg=cfg,
        specs=cfg.select(only),
        out_dir=Path(out).resolve(),
        store_dir=Path(store).resolve() if store else Path(out).resolve() / STORE_FOLDER,
        corpora=_corpora(corpus, cfg),
        opts=Options(**options),
        say=say,
    )
    summary = run.locked()
    summary.seconds = round(time.monotonic() - started, 3)
    say(_closing_line(summary))
    return summary


def _corpora(corpus: Any, cfg: ReportsConfig) -> list[Path]:
    if corpus is None:
        return list(cfg.corpora)
    items = [corpus] if isinstance(corpus, str | os.PathLike) else list(corpus)
    return [Path(c).resolve() for c in items] or list(cfg.corpora)


def _closing_line(s: RunSummary) -> str:
    built = len(s.executed) - len(s.failed)
    parts = [f"{built + len(s.reused)} ok ({built} built, {len(s.reused)} unchanged)"]
    if s.failed:
        parts.append(f"{len(s.failed)} FAILED: {', '.join(s.failed)}")
    if s.skipped:
        parts.append(f"{describe.plural(len(s.skipped), 'document')} skipped")
    return f"{', '.join(parts)} in {s.seconds:.1f} s -> {s.index}"


@dataclass
class _Run:
    cfg: ReportsConfig
    specs: list[ReportSpec]
    out_dir: Path
    store_dir: Path
    corpora: list[Path]
    opts: Options
    say: Say
    lock: RunLock | None = None
    manifest: dict[str, Any] = field(default_factory=dict)
    fingerprints: dict[str, str] = field(default_factory=dict)
    stored: dict[str, Any] | None = None  # the manifest as read, once
    summary: RunSummary | None = None

    @property
    def cache_dir(self) -> Path:
        return self.out_dir / ".cache"

    def locked(self) -> RunSummary:
        """Take the lock, run, and stop every process of the run before letting go of it."""
        run_id = processes.new_run_id()
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.lock = RunLock(self.out_dir, run_id, self.say)
        limit = self.opts.run_timeout or self.cfg.run_timeout
        with processes.marked(run_id):
            self.lock.acquire(self.opts.lock_timeout)
            try:
                with stopping.stop_on_signals(self.lock.stop_processes, limit):
                    return self.unchanged() or self.full(run_id)
            except BaseException:
                self.lock.stop_processes()
                raise
            finally:
                self.lock.release()

    def unchanged(self) -> RunSummary | None:
        """The summary of a run with nothing to do, when sizes and times alone say so (quick.py).

        Raises NothingToReadError for a missing or empty corpus, before anything is written.
        """
        from dprkwatch.reports import quick

        self.fingerprints = {
            "corpus": quick.corpus_part(self.corpora) if self.corpora else "",
            "inputs": quick.inputs_part(
                self.cfg.path, [r.notebook for r in self.cfg.reports], self.render_options()
            ),
        }
        if self.opts.force:
            return None
        manifest = self.stored_manifest()
        now = self.fingerprint()
        entries = manifest.get("reports") or {}
        if not now or manifest.get("quick") != now:
            return None
        for spec in self.specs:
            entry = entries.get(spec.name) or {}
            if entry.get("status") != "ok" or not (self.out_dir / f"{spec.name}.html").exists():
                return None
        self.say(
            "dprkwatch reports: nothing changed since the last run (corpus, store, notebooks, "
            f"library): {describe.plural(len(self.specs), 'report')} up to date"
        )
        return RunSummary(out_dir=self.out_dir, reused=[s.name for s in self.specs])

    def fingerprint(self) -> str:
        from dprkwatch.reports import quick

        store = quick.store_part(self.store_dir)
        return quick.combine(self.fingerprints["corpus"], store, self.fingerprints["inputs"])

    def render_options(self) -> dict[str, Any]:
        return {"keep_code": bool(self.opts.keep_code), "kernel": self.cfg.kernel}

    def full(self, run_id: str) -> RunSummary:
        """The run itself, watched: a watchdog stops its processes if the runner is killed."""
        assert self.lock is not None
        watchdog = processes.Watchdog(run_id)
        self.lock.add(watchdog.proc.pid, "watchdog")
        summary = self.build(run_id)
        watchdog.done()
        return summary

    def build(self, run_id: str) -> RunSummary:
        """Update the store, run what changed, export the ledger, write the index."""
        self.summary = RunSummary(out_dir=self.out_dir)
        update = self.update_store()
        from dprkwatch.store import open_store

        with open_store(self.store_dir) as store:
            self.manifest = self.read_manifest()
            self.refresh_store_facts(store, update)
            todo = self.plan(store, run_id)
        if todo:
            self.execute(todo)
        self.write_index()
        return self.summary

    # --- 1. the store -----------------------------------------------------------------------

    def update_store(self) -> Any:
        """Bring the store up to date (once per run); skipped documents are said one per line."""
        from dprkwatch.store import update

        corpora = self.corpora or None
        result = update(corpora, self.store_dir, jobs=self.opts.jobs)
        self.say(f"store: {result.line()}")
        for problem in result.skipped[:20]:
            self.say(f"  skipped {problem}")
        if len(result.skipped) > 20:
            self.say(f"  ... and {len(result.skipped) - 20} more skipped (see the index)")
        for warning in result.warnings:
            self.say(f"WARNING: {warning}")
        assert self.summary is not None
        self.summary.skipped = [str(p) for p in result.skipped]
        self.summary.warnings = list(result.warnings)
        return result

    # --- 2. what to run ---------------------------------------------------------------------

    def stored_manifest(self) -> dict[str, Any]:
        """The manifest as the last run left it ({} when missing or not the runner's own)."""
        if self.stored is None:
            found = cache.read_entry(self.cache_dir / MANIFEST, self.say)
            self.stored = found if isinstance(found, dict) else {}
        return self.stored

    def read_manifest(self) -> dict[str, Any]:
        manifest = self.stored_manifest()
        if manifest.get("version") != MANIFEST_VERSION:
            manifest = {"version": MANIFEST_VERSION, "reports": {}}
        known = {r.name for r in self.cfg.reports}
        # Only names of the reports file: an entry cannot point the index anywhere else.
        manifest["reports"] = {
            k: v for k, v in (manifest.get("reports") or {}).items() if k in known
        }
        for entry in manifest["reports"].values():
            entry["reused"] = False
        return manifest

    def plan(self, store: Any, run_id: str) -> list[dict[str, Any]]:
        """The jobs of the reports whose key changed; the others are marked reused."""
        assert self.summary is not None
        entries = self.manifest["reports"]
        render_options = {"keep_code": bool(self.opts.keep_code)}
        todo: list[dict[str, Any]] = []
        for spec in self.specs:
            params = resolve_parameters(spec, self.cfg.notebooks_dir, store=self.store_dir)
            key = report_key(spec.notebook, params, store.version, render_options, self.cfg.kernel)
            prev = entries.get(spec.name) or {}
            published = (self.out_dir / f"{spec.name}.html").exists()
            if not self.opts.force and prev.get("key") == key and prev.get("status") == "ok":
                if published:
                    self.summary.reused.append(spec.name)
                    prev["reused"] = True
                    continue
            todo.append(self.job(spec, params, key, run_id, published, len(todo)))
        n_workers = self.n_workers(todo)
        self.say(
            f"dprkwatch reports: {describe.plural(len(self.specs), 'report')}, {len(todo)} to "
            f"build, {len(self.summary.reused)} unchanged; {describe.plural(n_workers, 'worker')} -> "
            f"{_shown_path(self.out_dir)}"
        )
        return todo

    def n_workers(self, todo: list) -> int:
        if not todo:
            return 0
        return max(1, min(self.opts.jobs or os.cpu_count() or 1, len(todo)))

    def job(
        self, spec: ReportSpec, params: dict, key: str, run_id: str, published: bool, i: int
    ) -> dict[str, Any]:
        assert self.lock is not None and self.lock.temp_dir is not None
        facts = self.manifest.get("corpus") or {}
        return {
            "name": spec.name,
            "title": spec.title,
            "description": spec.description,
            "notebook": str(spec.notebook),
            "parameters": params,
            "settings": describe.parameters(params),
            "header": {
                "title": spec.title,
                "data": describe.corpus_line(facts),
                "settings": describe.parameters(params),
            },
            # A short path: kernels' Unix sockets live in it (about 100 bytes at most).
            "work_dir": str(self.lock.temp_dir / str(i)),
            "kernel": self.cfg.kernel,
            "timeout": int(self.opts.timeout or self.cfg.timeout),
            "keep_code": bool(self.opts.keep_code),
            "has_published": published,
            "key": key,
            "run_id": run_id,
        }

    # --- 3. running and publishing ----------------------------------------------------------

    def execute(self, todo: list[dict[str, Any]]) -> None:
        """Run the jobs, publishing each report and saving the manifest as it finishes."""
        from dprkwatch.reports import pool, publish

        assert self.summary is not None and self.lock is not None
        entries = self.manifest["reports"]
        # Longest first (by the last known duration) so the slowest report never starts last.
        todo.sort(key=lambda j: -float((entries.get(j["name"]) or {}).get("duration") or 60))
        finished: set[str] = set()
        limit = float(self.opts.report_timeout or self.cfg.report_timeout)
        with self.zygote(todo):
            self.say(f"  running: {', '.join(j['name'] for j in todo)}")
            try:
                for result in pool.run_jobs(todo, self.n_workers(todo), limit, self.lock.add):
                    if result.get("disk_full"):  # the run cannot go on: stop it, exit 4
                        raise DiskFullError(str(result["error"]).removeprefix("DiskFullError: "))
                    job = next(j for j in todo if j["name"] == result["name"])
                    publish.publish(result, self.out_dir, self.cache_dir)
                    self.record(job, result, len(finished) + 1, len(todo))
                    finished.add(job["name"])
            except stopping.RunTimeLimit as exc:
                self.say(f"stopping: {exc}")
                for job in todo:
                    if job["name"] not in finished:
                        self.record(job, pool.failed(job, f"not finished: {exc}"), 0, len(todo))

    def zygote(self, todo: list[dict[str, Any]]):
        """A context that starts the kernel zygote (when wanted) and stops it at the end."""
        import contextlib

        from dprkwatch.reports import zygote

        stack = contextlib.ExitStack()
        if self.cfg.fork_kernels and zygote.available():
            assert self.lock is not None and self.lock.temp_dir is not None
            proc, sock = zygote.start(self.lock.temp_dir, str(self.store_dir))
            self.lock.add(proc.pid, "kernel zygote")
            stack.callback(zygote.stop, proc)
            for job in todo:
                job["zygote"] = sock
        return stack

    def record(self, job: dict[str, Any], result: dict[str, Any], done: int, total: int) -> None:
        """Enter a finished report in the summary and the manifest, and say it."""
        assert self.summary is not None
        entries = self.manifest["reports"]
        entries[job["name"]] = _entry(job, result, entries.get(job["name"]) or {}, self.out_dir)
        self.summary.executed.append(job["name"])
        self.summary.results.append(result)
        if result["status"] != "ok":
            self.summary.failed.append(job["name"])
        self.manifest["last_run"] = _now()
        # Saved after every report: an interrupted run keeps what it finished.
        cache.write_entry(self.cache_dir / MANIFEST, self.manifest)
        mark = "ok " if result["status"] == "ok" else "FAILED"
        extra = f" - {result['error']}" if result["status"] != "ok" else ""
        took = result.get("duration")
        took_text = f" {took:.1f} s" if isinstance(took, int | float) else ""
        where = f"[{done}/{total}] " if done else ""
        self.say(f"  {where}{mark} {job['name']}{took_text}{extra}")

    # --- 4. ledger export, facts for the index, index ---------------------------------------

    def refresh_store_facts(self, store: Any, update: Any) -> None:
        """Export the ledger and recount the corpus when the store changed since last time."""
        from dprkwatch.reports import export, whatsnew

        facts = self.manifest.get("corpus") or {}
        missing = [n for n in export.FILES if not (self.out_dir / n).exists()]
        if facts.get("store_version") == store.version and not missing:
            return
        export.export_apart(store.path, self.out_dir)
        warnings = list(update.warnings) if update.warnings else []
        if facts.get("store_version") == store.version:
            warnings = warnings or list(facts.get("warnings") or [])
        self.manifest["corpus"] = whatsnew.overview(store, warnings, self.say)
        self.manifest["skipped"] = [str(p) for p in update.skipped][:50]

    def write_index(self) -> None:
        from dprkwatch.reports.index import write_index

        assert self.summary is not None
        self.manifest["last_checked"] = _now()
        # The next run may skip everything only after a complete, clean run.
        clean = not (self.summary.failed or self.summary.skipped) and len(self.specs) == len(
            self.cfg.reports
        )
        self.manifest["quick"] = self.fingerprint() if clean else ""
        cache.write_entry(self.cache_dir / MANIFEST, self.manifest)
        write_index(self.out_dir, self.cfg.reports, self.manifest["reports"], self.manifest)


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")


def _shown_path(path: Path) -> str:
    """A path relative to the working folder when it is inside it (for progress lines)."""
    try:
        return str(path.relative_to(Path.cwd())) or "."
    except ValueError:
        return str(path)


def _entry(
    job: dict[str, Any], result: dict[str, Any], prev: dict[str, Any], out_dir: Path
) -> dict[str, Any]:
    ok = result["status"] == "ok"
    entry = {
        "name": job["name"],
        "title": job["title"],
        "description": job["description"],
        "settings": job["settings"],
        "dprkwatch_version": __version__,
        "key": result["key"] if ok else prev.get("key"),
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
    if ok:
        entry.update(html=f"{job['name']}.html", last_good_ran_at=result["ran_at"])
        entry["good_headlines"] = entry["headlines"]
        return entry
    # The previous good HTML stays published beside the error.
    has_old = (out_dir / f"{job['name']}.html").exists()
    entry.update(
        html=f"{job['name']}.html" if has_old else None,
        last_good_ran_at=prev.get("last_good_ran_at") if has_old else None,
        good_headlines=prev.get("good_headlines") or [] if has_old else [],
    )
    return entry
