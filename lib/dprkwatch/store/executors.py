"""Where batches run: in this process, on every local core, or on a Dask distributed cluster.

Every executor yields results in the order of the batches (a short window of batches runs
ahead), so the store an update writes does not depend on which worker finished first.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from itertools import islice
from typing import Any

from dprkwatch.core.errors import StoreError, UsageError

DASK_ENV = "DASK_SCHEDULER_ADDRESS"
CONNECT_TIMEOUT = "20s"  # how long to wait for the scheduler before giving up
# Batches in flight per worker: enough to keep every core busy while the head one finishes.
WINDOW_PER_WORKER = 3
# Below this many batches a pool costs more to start than it saves.
MIN_BATCHES_FOR_POOL = 3


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def ordered(submit: Callable[[Any], Any], batches: Iterable, window: int) -> Iterator[Any]:
    """Results of `submit(batch).result()` in batch order, with `window` batches in flight."""
    it = iter(batches)
    pending = deque(submit(b) for b in islice(it, max(1, window)))
    while pending:
        result = pending.popleft().result()
        for b in islice(it, 1):
            pending.append(submit(b))
        yield result


class _Done:
    """A finished result that looks like a future (inline batches run when submitted)."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def result(self) -> Any:
        return self.value


Submitter = Iterator[tuple[Callable[[Any], Any], int]]  # (submit a batch, workers)


@contextmanager
def _inline(fn: Callable, jobs: int, address: str) -> Submitter:
    yield (lambda batch: _Done(fn(batch))), 1


@contextmanager
def _processes(fn: Callable, jobs: int, address: str) -> Submitter:
    # forkserver: never fork a parent that holds DuckDB's or Arrow's threads.
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["dprkwatch.store.warm"])
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=die_with_parent)
    try:
        yield (lambda batch: pool.submit(fn, batch)), jobs
    finally:
        # An interrupted update must not wait for the batches queued behind the failure.
        pool.shutdown(wait=True, cancel_futures=True)


def die_with_parent() -> None:
    """Linux: this process is killed when the one that started it dies (no orphans)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: orphans end when their queues close
        pass


@contextmanager
def _dask(fn: Callable, jobs: int, address: str) -> Submitter:
    try:
        from distributed import Client
    except ImportError as exc:  # pragma: no cover - distributed is a dependency
        raise UsageError("--dask needs the 'distributed' package") from exc
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except OSError as exc:
        raise StoreError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    try:
        workers = max(1, sum(client.nthreads().values()))
        yield (lambda batch: client.submit(fn, batch, pure=False)), workers
    finally:
        client.close()


EXECUTORS: dict[str, Callable] = {"inline": _inline, "processes": _processes, "dask": _dask}


def choose(jobs: int, dask: str | None, n_batches: int) -> str:
    """The executor for a run: Dask when an address is given, a pool when it pays, else inline."""
    if dask:
        return "dask"
    if jobs > 1 and n_batches >= MIN_BATCHES_FOR_POOL:
        return "processes"
    return "inline"


def dask_address(dask: str | None) -> str | None:
    """The scheduler to use: the argument, else DASK_SCHEDULER_ADDRESS, else none."""
    return dask or os.environ.get(DASK_ENV) or None


def run(fn: Callable, batches: list, *, kind: str, jobs: int, address: str = "") -> Iterator[Any]:
    """Run fn over batches with the named executor; yields results in batch order."""
    with EXECUTORS[kind](fn, jobs, address) as (submit, workers):
        yield from ordered(submit, batches, workers * WINDOW_PER_WORKER)
