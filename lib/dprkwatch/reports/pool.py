"""Report workers: one process per report, at most N at a time, each with a time limit.

A worker runs execute.run_job and sends back, over its own pipe, the pid of the kernel it
started and then its result. The runner can stop one worker (and its kernel) whose report ran
past its time limit without disturbing the others, which a shared process pool cannot do.
Workers are forked from multiprocessing's fork server, which imported papermill and nbconvert
once (preload.py); each asks the kernel to die with it (Linux), and dies with the fork server,
which ends when the runner does.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from multiprocessing.connection import Connection, wait
from typing import Any

from dprkwatch.reports import processes

Record = Callable[[int, str], None]  # told (pid, what) of every process a report starts


@dataclass
class _Worker:
    job: dict[str, Any]
    proc: Any
    conn: Connection  # results come back on it; end of file: the worker died
    deadline: float
    kernels: list[dict] = field(default_factory=list)


def context():
    """Fork-server workers where available (warm: papermill already imported), else spawn."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["dprkwatch.reports.preload"])
        return ctx
    return multiprocessing.get_context("spawn")


def run_jobs(
    jobs: list[dict[str, Any]], n_workers: int, time_limit: float, record: Record
) -> Iterator[dict[str, Any]]:
    """Run jobs, n_workers at a time; yield each result as it finishes.

    A report still running time_limit s after its start is stopped (worker and kernel) and
    yields a failed result; when the caller stops early, every running worker is stopped.
    """
    ctx = context()
    waiting = list(jobs)
    running: dict[Any, _Worker] = {}  # the worker's pipe -> the worker
    try:
        while waiting or running:
            while waiting and len(running) < n_workers:
                conn, worker = _start(ctx, waiting.pop(0), time_limit)
                record(worker.proc.pid, f"worker {worker.job['name']}")
                running[conn] = worker
            timeout = max(0.0, min(w.deadline for w in running.values()) - time.monotonic())
            for ready in wait(list(running), timeout=timeout):
                result = _receive(running[ready], record)
                if result is not None:
                    del running[ready]
                    yield result
            for conn, worker in list(running.items()):
                if time.monotonic() >= worker.deadline:
                    del running[conn]
                    _kill(worker)
                    yield failed(
                        worker.job,
                        f"stopped after {time_limit:.0f} s, the time limit of one report",
                    )
    finally:
        for worker in running.values():
            _kill(worker)


def _start(ctx, job: dict[str, Any], time_limit: float) -> tuple[Connection, _Worker]:
    receive, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_work, args=(job, send), name=f"dprkwatch-report-{job['name']}")
    proc.start()
    send.close()  # the worker holds the only writing end: its death ends the pipe
    worker = _Worker(job=job, proc=proc, conn=receive, deadline=time.monotonic() + time_limit)
    return receive, worker


def _receive(worker: _Worker, record: Record) -> dict[str, Any] | None:
    """A finished result, or None after a kernel notice; a dead worker gives a failed one."""
    try:
        kind, payload = worker.conn.recv()
    except (EOFError, OSError):
        worker.proc.join(5)
        code = worker.proc.exitcode
        return failed(worker.job, f"the report's worker died (exit code {code})")
    if kind == "kernel":
        worker.kernels.append({"pid": payload, "started": processes.started_at(payload)})
        record(payload, f"kernel {worker.job['name']}")
        return None
    worker.proc.join(10)
    if worker.proc.is_alive():
        worker.proc.kill()
    worker.conn.close()
    return payload


def _kill(worker: _Worker) -> None:
    import psutil

    with contextlib.suppress(OSError, ValueError):
        worker.proc.kill()
    for kernel in worker.kernels:
        if processes.alive(kernel):
            with contextlib.suppress(psutil.Error):
                psutil.Process(kernel["pid"]).kill()
    worker.proc.join(5)


def failed(job: dict[str, Any], error: str) -> dict[str, Any]:
    """The result of a report that did not finish."""
    return {
        "name": job["name"],
        "key": job["key"],
        "status": "failed",
        "ran_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "error": error,
        "duration": None,
        "headlines": [],
        "files": {},
    }


def _work(job: dict[str, Any], conn: Connection) -> None:
    """The worker process: run one report, send its kernel's pid and its result."""
    from dprkwatch.reports.execute import run_job

    processes.die_with_parent()
    # The fork server may have been started by an earlier run in this process: its kernels
    # must carry this run's id.
    os.environ[processes.RUN_ENV] = job["run_id"]
    result = run_job(job, on_kernel=lambda pid: conn.send(("kernel", pid)))
    conn.send(("result", result))
    conn.close()
