"""Bring a ledger store up to date with a corpus: only new and changed documents are read.

    summary = update(["corpus/"], "reports/.store")

Files whose size and modification time match the store are not opened; the others are read,
and extracted only when their content hash changed (or the extractor did). Removed files are
marked gone. New rows go into new parts; the manifest that names them is written last, so an
update stopped at any point leaves the previous store complete. Updates of one store take
turns (a lock file). DPRKWATCH_STORE_FAULT=<point> kills the process at a named point
(tests of that promise; see FAULT_POINTS).
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from dprkwatch.core import paths
from dprkwatch.core.errors import InputError, LockTimeout, StoreError
from dprkwatch.store import compact, executors
from dprkwatch.store.files import Known, known_documents, known_failures
from dprkwatch.store.layout import (
    LOCK,
    Manifest,
    extractor_fingerprint,
    next_version,
    read_manifest,
    write_manifest,
)
from dprkwatch.store.parts import write_rows
from dprkwatch.store.scan import Entry, Task, scan
from dprkwatch.store.summary import UpdateSummary, count

# Documents per batch. A batch's fixed costs (building its claims frame, validating it against
# the contract: about 40 ms whether it holds 50 documents or 800) fall per document as batches
# grow; small updates keep small batches so that they stay in this process (no pool to start).
BATCH_DOCS = 64
MAX_BATCH_DOCS = 256
BATCHES_PER_WORKER = 4  # enough for the last batches to even out between workers
LOCK_TIMEOUT_S = 600
# A corpus that lost more than this share of its documents since the last run is reported.
SHRINK_WARNING = 0.5
FAULT_ENV = "DPRKWATCH_STORE_FAULT"
FAULT_POINTS = ("scanned", "extracted", "parts-written", "manifest-written")
Paths = str | os.PathLike | Iterable[str | os.PathLike]


@dataclass(frozen=True)
class _Options:
    jobs: int | None
    dask: str | None
    progress: bool
    batch_docs: int | None


def update(
    corpus_paths: Paths | None = None,
    store_dir: str | os.PathLike | None = None,
    *,
    jobs: int | None = None,
    dask: str | None = None,
    progress: bool = False,
    batch_docs: int | None = None,
) -> UpdateSummary:
    """Bring the store in `store_dir` (default paths.STORE_DIR) up to date with the corpus.

    corpus_paths: folders and files (default: the folders of the store's last update, else
      seeds/). A missing, empty or unlistable folder raises NothingToReadError, store untouched.
    jobs: processes for extraction (default: every core); dask: a scheduler address
      ("tcp://host:8786", default DASK_SCHEDULER_ADDRESS) to run the batches on instead.
    batch_docs: documents per batch (default: batch_size(), from the number to read and jobs).
    """
    started = time.perf_counter()
    folder = Path(store_dir) if store_dir is not None else paths.STORE_DIR
    previous = read_manifest(folder) or Manifest()
    roots = _roots(corpus_paths, previous)
    with ThreadPoolExecutor(1) as pool:
        # The store's documents are read while the corpus is listed: DuckDB and stat calls
        # leave the interpreter free (0.3 s of a 1.3 s no-change update at 100,000 files).
        early = pool.submit(_known_early, folder, previous)
        entries, problems = scan(roots)
        prefetched = early.result()
    folder.mkdir(parents=True, exist_ok=True)
    with _locked(folder):
        previous = read_manifest(folder) or Manifest()  # another update may have run meanwhile
        _checkpoint("scanned")
        options = _Options(jobs, dask, progress, batch_docs)
        summary = _run(folder, previous, roots, entries, problems, options, prefetched)
    summary.seconds = time.perf_counter() - started
    return summary


def _known_early(folder: Path, manifest: Manifest) -> tuple[str, dict[str, Known]] | None:
    """The documents a store's manifest names, read before the lock is taken; None when that
    cannot be done (no store yet, or its parts replaced meanwhile): read again under the lock."""
    if not manifest.parts.get("documents"):
        return None
    try:
        return _manifest_key(manifest), known_documents(folder, manifest)
    except Exception:  # a concurrent update's compaction replaced the parts: read under the lock
        return None


def _manifest_key(manifest: Manifest) -> str:
    return f"{manifest.run_id}:{manifest.version}:{','.join(manifest.parts.get('documents', []))}"


def _run(
    folder: Path,
    previous: Manifest,
    roots: list[Path],
    entries: list[Entry],
    problems: list[InputError],
    options: _Options,
    prefetched: tuple[str, dict[str, Known]] | None = None,
) -> UpdateSummary:
    compact.remove_leftovers(folder, previous)
    manifest = compact.compact(folder, previous)
    run_id = previous.run_id + 1
    started = dt.datetime.now(dt.UTC)
    fingerprint = extractor_fingerprint()
    force = previous.extractor != fingerprint
    # Compaction keeps each document's latest row: what the manifest read before names holds.
    same = prefetched is not None and prefetched[0] == _manifest_key(previous)
    known = prefetched[1] if same and prefetched else known_documents(folder, manifest)
    failures = {} if force else known_failures(folder, manifest)
    tasks, unchanged, carried = _plan(entries, known, failures, force)
    seen = {e.key for e in entries}
    gone = [k for k in known if k not in seen]
    names: dict[str, str | None] = {}
    digests: list[str] = []
    if tasks or gone:
        summary, names, digests, error_rows, used = _extract(
            folder, manifest, run_id, tasks, gone, options
        )
        fingerprint = used or fingerprint  # the code that extracted is the store's
        summary.n_unchanged += unchanged
    else:  # nothing to read: no pandas, no extractor, a run row and a manifest
        summary, error_rows = UpdateSummary(run_id, "", n_unchanged=unchanged), []
    summary.skipped = [*problems, *(e for e, _ in carried), *summary.skipped]
    summary.n_documents = previous.n_documents + summary.n_new - summary.n_gone
    summary.n_claims += previous.n_claims
    summary.warnings += _shrink_warning(len(known), summary.n_documents)
    new = _next_manifest(manifest, names, digests, run_id, fingerprint, roots, summary)
    if names.get("claims"):
        _count_claim_changes(folder, new, summary)
    run_row = _run_row(run_id, started, summary, new.version)
    new.parts["runs"] = [
        *new.parts["runs"],
        *_written(write_rows(folder, "runs", run_id, [run_row])),
    ]
    errors = _error_rows(run_id, problems, carried, error_rows)
    new.parts["errors"] = _written(write_rows(folder, "errors", run_id, errors))
    write_manifest(folder, new)
    _checkpoint("manifest-written")
    compact.remove_retired(folder, previous)
    summary.version = new.version
    return summary


def _extract(
    folder: Path,
    manifest: Manifest,
    run_id: int,
    tasks: list[Task],
    gone: list[str],
    options: _Options,
) -> tuple[UpdateSummary, dict[str, str | None], list[str], list[dict], str]:
    """Read and extract the tasks, mark the gone; the run's summary, parts, digests, and the
    fingerprint of the extraction code the workers ran (one for all, or StoreError)."""
    from dprkwatch.store.merge import RunState
    from dprkwatch.store.reader import Store
    from dprkwatch.store.work import process_batch

    before = Store(folder, manifest) if manifest.run_id else None
    state = RunState(folder, run_id, before, manifest.run_id)
    state.load_old_claims([t.key for t in tasks])
    address = executors.dask_address(options.dask)
    n_jobs = max(1, options.jobs or executors.default_jobs())
    size = options.batch_docs or batch_size(len(tasks), n_jobs)
    batches = [tasks[i : i + size] for i in range(0, len(tasks), size)]
    kind = executors.choose(n_jobs, address, len(batches))
    results = executors.run(process_batch, batches, kind=kind, jobs=n_jobs, address=address or "")
    used = ""
    try:
        for batch in _progress(results, len(batches), options.progress):
            used = _same_code(used, batch.fingerprint)
            state.add_batch(batch)
        _checkpoint("extracted")
        state.mark_gone(gone)
        names = state.close()
    except BaseException:
        state.abort()
        raise
    finally:
        if before is not None:
            before.close()
    _checkpoint("parts-written")
    summary = state.summary()
    summary.executor, summary.jobs = kind, n_jobs if kind != "inline" else 1
    return summary, names, state.digests, state.error_rows, used


def batch_size(n_tasks: int, workers: int) -> int:
    """Documents per batch: BATCH_DOCS, grown up to MAX_BATCH_DOCS while every worker still gets
    BATCHES_PER_WORKER batches."""
    share = -(-n_tasks // max(1, workers * BATCHES_PER_WORKER))
    return max(BATCH_DOCS, min(MAX_BATCH_DOCS, share))


def _count_claim_changes(folder: Path, manifest: Manifest, summary: UpdateSummary) -> None:
    from dprkwatch.store.reader import Store

    with Store(folder, manifest) as written:
        counts = written.change_counts(manifest.run_id)
    summary.claims_new, summary.claims_revised = counts["new"], counts["revised"]
    summary.claims_gone = counts["gone"]


def _same_code(so_far: str, batch: str) -> str:
    """The one extraction code every batch ran; a store is never extracted by two versions."""
    if so_far and batch != so_far:
        raise StoreError(
            f"workers run different extraction code ({so_far} and {batch}): "
            "install the same dprkwatch on every Dask worker; nothing was written"
        )
    return batch


def _plan(
    entries: list[Entry], known: dict[str, Known], failures: dict[str, Known], force: bool
) -> tuple[list[Task], int, list[tuple[InputError, Entry]]]:
    """Files to read (new, or size or time changed, or all when `force`), the number left
    alone, and files that failed last time and have not changed since (not read again)."""
    tasks, unchanged, carried = [], 0, []
    for e in entries:
        k = known.get(e.key)
        if k is not None and (k.size, k.mtime_ns) == (e.size, e.mtime_ns) and not force:
            unchanged += 1
            continue
        f = failures.get(e.key)
        if k is None and f is not None and (f.size, f.mtime_ns) == (e.size, e.mtime_ns):
            carried.append((InputError(e.file, f.reason, f.stage), e))
            continue
        tasks.append(Task(e.key, e.file, e.size, e.mtime_ns, k.content_hash if k else "", force))
    return tasks, unchanged, carried


def _error_rows(
    run_id: int,
    problems: list[InputError],
    carried: list[tuple[InputError, Entry]],
    rows: list[dict],
) -> list[dict]:
    """The run's errors: clashes found by the scan, failures carried over, new failures."""
    plain = [{"path": e.path, "stage": e.stage, "reason": e.reason} for e in problems]
    kept = [
        {"path": e.path, "stage": e.stage, "reason": e.reason}
        | {"key": f.key, "size": f.size, "mtime_ns": f.mtime_ns}
        for e, f in carried
    ]
    return [{**r, "run": run_id} for r in plain + kept + rows]


def _next_manifest(
    manifest: Manifest,
    names: dict[str, str | None],
    digests: list[str],
    run_id: int,
    fingerprint: str,
    roots: list[Path],
    summary: UpdateSummary,
) -> Manifest:
    parts = {t: list(v) for t, v in manifest.parts.items()}
    for table, name in names.items():
        if name:
            parts[table].append(name)
    return Manifest(
        version=next_version(manifest.version, digests),
        run_id=run_id,
        extractor=fingerprint,
        roots=[str(r) for r in roots],
        parts=parts,
        retired=list(manifest.retired),
        n_documents=summary.n_documents,
        n_claims=summary.n_claims,
    )


def _run_row(run_id: int, started: dt.datetime, s: UpdateSummary, version: str) -> dict:
    return {
        "run_id": run_id,
        "started": started,
        "finished": dt.datetime.now(dt.UTC),
        "n_new": s.n_new,
        "n_changed": s.n_changed,
        "n_unchanged": s.n_unchanged,
        "n_gone": s.n_gone,
        "n_skipped": s.n_skipped,
        "n_documents": s.n_documents,
        "n_claims": s.n_claims,
        "claims_new": s.claims_new,
        "claims_revised": s.claims_revised,
        "claims_gone": s.claims_gone,
        "version": version,
        "executor": s.executor,
        "jobs": s.jobs,
    }


def _written(name: str | None) -> list[str]:
    """The part a write made, as a list: empty when there were no rows to write."""
    return [name] if name else []


def _roots(corpus_paths: Paths | None, previous: Manifest) -> list[Path]:
    given: list[str | os.PathLike[str]]
    if corpus_paths is None:
        given = [*previous.roots] if previous.roots else [paths.SEEDS_DIR]
    elif isinstance(corpus_paths, str | os.PathLike):
        given = [corpus_paths]
    else:
        given = list(corpus_paths)
    return [Path(p).resolve() for p in given]


def _shrink_warning(before: int, after: int) -> list[str]:
    if before and after < before * (1 - SHRINK_WARNING):
        return [
            f"the corpus shrank from {count(before, 'document')} to {after}: "
            "check that the corpus folder is complete (the missing ones are marked gone)"
        ]
    return []


def _progress(results: Iterable, total: int, show: bool) -> Iterable:
    if not show:
        return results
    import sys

    from tqdm import tqdm

    return tqdm(results, total=total, desc="batches", unit="batch", file=sys.stderr)


class _locked:
    """The store's update lock (updates take turns; readers never wait)."""

    def __init__(self, folder: Path) -> None:
        from filelock import FileLock

        self.lock = FileLock(str(folder / LOCK), timeout=LOCK_TIMEOUT_S)
        self.folder = folder

    def __enter__(self) -> None:
        from filelock import Timeout

        try:
            self.lock.acquire()
        except Timeout as exc:
            raise LockTimeout(
                f"{self.folder}: another update has held the store for {LOCK_TIMEOUT_S} s"
            ) from exc

    def __exit__(self, *exc: object) -> None:
        self.lock.release()


def _checkpoint(point: str) -> None:
    """Die here, as a power cut would, when DPRKWATCH_STORE_FAULT names this point."""
    if os.environ.get(FAULT_ENV) == point:
        os.kill(os.getpid(), signal.SIGKILL)
