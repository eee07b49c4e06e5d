"""The processes of one report run: marked with the run's id, found and stopped by it.

Every process a run starts (the store update's workers, the kernel zygote, report workers and
their kernels) inherits DPRKWATCH_RUN_ID in its environment, so the run's processes can be
found even after the process that started them died: a SIGKILLed runner leaves no way to
signal its children, but the next run (or the runner's own signal handler) finds every process
that carries the id and stops it. Processes are also recorded with their start times
(runlock.py), so a pid the system gave to an unrelated process is never signalled.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import secrets
import signal
import time
from collections.abc import Iterable, Iterator

RUN_ENV = "DPRKWATCH_RUN_ID"
TEMP_PREFIX = "dprkwatch-run-"  # a run's temporary folder: TEMP/dprkwatch-run-RUNID-xxxx
_PR_SET_PDEATHSIG = 1


def new_run_id() -> str:
    """A run id that is unique on this machine: time, pid and a random part."""
    return f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{secrets.token_hex(4)}"


@contextlib.contextmanager
def marked(run_id: str) -> Iterator[None]:
    """Put the run id into the environment every child process inherits, for the block."""
    previous = os.environ.get(RUN_ENV)
    os.environ[RUN_ENV] = run_id
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(RUN_ENV, None)
        else:
            os.environ[RUN_ENV] = previous


def die_with_parent(parent: int | None = None) -> None:
    """Have Linux SIGKILL this process as soon as its parent dies (elsewhere: nothing).

    parent is the pid the caller expects as parent: if it already died before the request
    was made, the process exits at once instead of living on as an orphan.
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):
        return
    if parent is not None and os.getppid() != parent:
        os._exit(1)


def started_at(pid: int) -> float | None:
    """A process's start time (seconds since the epoch), None when there is no such process."""
    import psutil

    try:
        return psutil.Process(pid).create_time()
    except psutil.Error:
        return None


def alive(entry: dict) -> bool:
    """Whether the process recorded as {"pid", "started"} still runs (not a reused pid)."""
    try:
        started = started_at(int(entry["pid"]))
        return started is not None and abs(started - float(entry["started"])) < 0.05
    except (KeyError, TypeError, ValueError):
        return False


def _carries(proc, run_id: str) -> bool:
    import psutil

    try:
        if proc.environ().get(RUN_ENV) == run_id:
            return True
        return any(run_id in part for part in proc.cmdline())
    except (psutil.Error, OSError):
        return False


def find(run_id: str, recorded: Iterable[dict] = ()) -> list:
    """Living processes of run_id other than this one (psutil.Process objects).

    recorded: {"pid", "started"} entries; a recorded pid counts only when its start time
    matches. Every other process counts when its environment or command line carries the id.
    """
    import psutil

    me = os.getpid()
    found: dict[int, psutil.Process] = {}
    for entry in recorded:
        if alive(entry) and int(entry["pid"]) != me:
            with contextlib.suppress(psutil.Error):
                found[int(entry["pid"])] = psutil.Process(int(entry["pid"]))
    for proc in psutil.process_iter():
        if proc.pid != me and proc.pid not in found and _carries(proc, run_id):
            found[proc.pid] = proc
    return list(found.values())


def stop(run_id: str, recorded: Iterable[dict] = (), wait: float = 5.0) -> int:
    """SIGKILL every process of run_id (but this one); returns how many were stopped.

    Nothing of a stopped run needs a graceful end: its outputs are published by the runner
    alone, and kernels and workers keep no state worth saving.
    """
    import psutil

    procs = find(run_id, recorded)
    for proc in procs:
        with contextlib.suppress(psutil.Error):
            proc.kill()
    _gone, alive = psutil.wait_procs(procs, timeout=wait)
    # A process that forked just before the first pass: a second pass takes its children.
    late = [p for p in find(run_id) if p.pid not in {q.pid for q in procs}]
    for proc in late:
        with contextlib.suppress(psutil.Error):
            proc.kill()
    psutil.wait_procs(late, timeout=wait)
    return len(procs) + len(late) - len(alive)


class Watchdog:
    """A small process that stops the run's processes if the runner dies without saying so.

    A SIGKILLed runner can clean nothing up, and not every process of a run dies with it (a
    process pool's workers block on a queue whose other end they hold themselves). The
    watchdog waits on a pipe from the runner: end of file without "done" means the runner
    died, and it stops every process carrying the run's id. It runs in its own session, so a
    Ctrl-C in the terminal reaches the runner (which cleans up itself), not the watchdog.
    """

    def __init__(self, run_id: str) -> None:
        import subprocess
        import sys

        self.proc = subprocess.Popen(
            [sys.executable, "-m", "dprkwatch.reports.processes", run_id],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, RUN_ENV: run_id},
            start_new_session=True,
        )

    def done(self) -> None:
        """The run ended cleanly: the watchdog leaves without stopping anything."""
        import subprocess

        try:
            assert self.proc.stdin is not None
            self.proc.stdin.write(b"done")
            self.proc.stdin.close()
            self.proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()


def _watch(run_id: str) -> None:
    """The watchdog's life: wait for the runner's pipe to close, then act on what it said."""
    import sys

    said = sys.stdin.buffer.read()
    if said.strip() != b"done":
        stop(run_id)
        remove_temp(run_id)


def remove_temp(run_id: str) -> None:
    """Delete the temporary folders of a run that ended without cleaning up."""
    import re
    import shutil
    import tempfile
    from pathlib import Path

    if not re.fullmatch(r"[\w.-]+", run_id):  # never a pattern or a path
        return
    for folder in Path(tempfile.gettempdir()).glob(f"{TEMP_PREFIX}{run_id}-*"):
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    import sys

    _watch(sys.argv[1])
