"""The output folder's lock, held by one run at a time, and the record of that run's processes.

OUT/.run/lock is an flock: the system releases it when its holder dies, however it dies.
OUT/.run/processes.json (a trusted cache entry, cache.py) names the run holding the lock, its
runner's pid and start time, every process it started and its temporary folder. A record left
behind means the run ended without cleaning up (SIGKILL, power loss): the next run stops the
processes of that run that are still alive (processes.stop) and deletes its temporary folder,
before it waits for the lock and again once it holds it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dprkwatch.core.errors import LockTimeout
from dprkwatch.reports import cache, processes

FOLDER = ".run"


class RunLock:
    """Lock an output folder for one run; record and clean up the processes of runs."""

    def __init__(self, out_dir: Path, run_id: str, say: Callable[[str], None]) -> None:
        self.folder = Path(out_dir) / FOLDER
        self.lock_path = self.folder / "lock"
        self.record_path = self.folder / "processes.json"
        self.run_id = run_id
        self.say = say
        self.temp_dir: Path | None = None
        self._lock: Any = None
        self._record: dict[str, Any] = {}

    def acquire(self, timeout: float) -> None:
        """Stop a dead run's orphans, take the lock (waiting up to timeout s), record this run.

        Raises LockTimeout when another run holds the lock longer than timeout.
        """
        from filelock import FileLock, Timeout

        self.folder.mkdir(parents=True, exist_ok=True)
        self.reap(only_if_dead=True)
        self._lock = FileLock(str(self.lock_path))
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            self.say(f"another `dprkwatch reports` is writing {self.folder.parent}; waiting...")
            try:
                self._lock.acquire(timeout=timeout)
            except Timeout as exc:
                raise LockTimeout(
                    f"{self.folder.parent} stayed locked by another run for {timeout:.0f} s"
                ) from exc
        try:
            self.reap(only_if_dead=False)  # a run that died while we waited
            self.temp_dir = Path(tempfile.mkdtemp(prefix=f"{processes.TEMP_PREFIX}{self.run_id}-"))
            me = os.getpid()
            self._record = {
                "run_id": self.run_id,
                "runner": {"pid": me, "started": processes.started_at(me)},
                "processes": [],
                "temp_dir": str(self.temp_dir),
                "since": time.strftime("%Y-%m-%d %H:%M:%S"),
            }
            cache.write_entry(self.record_path, self._record)
        except BaseException:
            self.release()
            raise

    def add(self, pid: int | None, what: str) -> None:
        """Record a process this run started (with its start time)."""
        started = processes.started_at(pid) if pid else None
        if started is None:
            return
        self._record["processes"].append({"pid": pid, "started": started, "what": what})
        cache.write_entry(self.record_path, self._record)

    def stop_processes(self) -> int:
        """Stop every process of this run but the runner itself."""
        return processes.stop(self.run_id, self._record.get("processes", []))

    def release(self) -> None:
        """Forget this run's record, remove its temporary folder, then unlock."""
        try:
            if self.temp_dir is not None:
                shutil.rmtree(self.temp_dir, ignore_errors=True)
            cache.remove_entry(self.record_path)
        finally:
            if self._lock is not None:
                self._lock.release()

    def reap(self, only_if_dead: bool) -> None:
        """Stop the processes of a run that died without cleaning up, remove its temp folder.

        only_if_dead: leave the record alone while its runner is still alive (we do not hold
        the lock yet, so that run may be working). Only the lock holder deletes the record.
        """
        record = cache.read_entry(self.record_path, self.say)
        if not isinstance(record, dict) or record.get("run_id") == self.run_id:
            return
        if only_if_dead and processes.alive(record.get("runner") or {}):
            return
        stopped = processes.stop(str(record.get("run_id")), record.get("processes") or [])
        if stopped:
            self.say(
                f"stopped {stopped} leftover process{'es' if stopped != 1 else ''} of an "
                f"interrupted run ({record.get('run_id')}, started {record.get('since')})"
            )
        processes.remove_temp(str(record.get("run_id")))
        if not only_if_dead:
            cache.remove_entry(self.record_path)
