"""Killing `dprkwatch reports`: no process of the run survives, the output folder stays still.

`dprkwatch reports` is SIGKILLed or SIGTERMed at three moments of a run: while the store
update extracts documents (its process pool busy), while report kernels run, and while the
runner publishes finished reports. Afterwards no process of the run survives (descendants of
the killed runner, and every process carrying the run's id in its environment or command
line), nothing in the output folder changes any more (mtimes and hashes compared after a
wait), and the next run cleans up and succeeds.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
import pytest

from conftest import HEADLINE_CELL, write_config, write_notebook

RUN_ENV = "DPRKWATCH_RUN_ID"
SENTENCE = (
    "Seoul's National Intelligence Service said on Monday that North Korea had sent about "
    "{n} troops to Russia.\n"
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform != "linux", reason="reads /proc through psutil"),
]


def build_suite(tmp: Path, documents: int) -> dict[str, Path]:
    """Three reports (one quick, two that keep their kernels busy) and a corpus."""
    nbdir = tmp / "notebooks"
    write_notebook(nbdir / "quick.ipynb", HEADLINE_CELL)
    write_notebook(nbdir / "slow.ipynb", HEADLINE_CELL, "import time\ntime.sleep(25)")
    config = write_config(
        nbdir / "reports.yaml",
        [
            {"name": "quick", "notebook": "quick.ipynb"},
            {"name": "slow1", "notebook": "slow.ipynb"},
            {"name": "slow2", "notebook": "slow.ipynb"},
        ],
    )
    corpus = tmp / "corpus"
    corpus.mkdir()
    for i in range(documents):
        (corpus / f"doc{i:04d}.txt").write_text(SENTENCE.format(n=1000 + i), encoding="utf-8")
    return {"config": config, "corpus": corpus, "out": tmp / "out"}


class Runner:
    """`dprkwatch reports` in a subprocess, its stderr collected line by line."""

    def __init__(self, suite: dict[str, Path]) -> None:
        cmd = [sys.executable, "-m", "dprkwatch.cli", "reports", "--config",
               str(suite["config"]), "--out", str(suite["out"]), "--corpus",
               str(suite["corpus"]), "--jobs", "2"]  # fmt: skip
        self.proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
        self.lines: list[str] = []
        self.record = suite["out"] / ".run" / "processes.json"
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.append(line)

    def said(self, text: str) -> bool:
        return any(text in line for line in self.lines)

    def recorded(self, what: str) -> bool:
        """Whether the run's record names a process whose role starts with what."""
        try:
            record = json.loads(self.record.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        return any(p.get("what", "").startswith(what) for p in record.get("processes", []))

    def run_id(self) -> str:
        return json.loads(self.record.read_text(encoding="utf-8"))["run_id"]


def wait_for(condition, what: str, runner: Runner, timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if runner.proc.poll() is not None:
            raise AssertionError(f"the run ended before {what}: {''.join(runner.lines)}")
        if time.monotonic() > deadline:
            raise AssertionError(f"never reached {what}: {''.join(runner.lines)}")
        time.sleep(0.05)


def in_update(runner: Runner) -> bool:
    """The store update's process pool is up and the update has not finished."""
    try:
        children = psutil.Process(runner.proc.pid).children(recursive=True)
        pool = any("multiprocessing" in " ".join(c.cmdline()) for c in children)
    except psutil.Error:
        return False
    return pool and not runner.said("store: ")


MOMENTS = {
    # name: (documents in the corpus, condition to kill at)
    "update": (400, in_update),
    "kernels": (3, lambda r: r.recorded("kernel slow")),
    "publishing": (3, lambda r: r.said("[1/3]")),
}


def carries(proc: psutil.Process, run_id: str) -> bool:
    try:
        return proc.environ().get(RUN_ENV) == run_id or run_id in " ".join(proc.cmdline())
    except psutil.Error:
        return False


def survivors(family: list[psutil.Process], run_id: str) -> list[str]:
    """Processes of the run still alive: known descendants, and anything with its id."""
    alive = {p.pid: p for p in family if p.is_running() and p.status() != psutil.STATUS_ZOMBIE}
    for proc in psutil.process_iter():
        if proc.pid != os.getpid() and carries(proc, run_id):
            alive[proc.pid] = proc
    out = []
    for proc in alive.values():
        try:
            if proc.status() != psutil.STATUS_ZOMBIE:
                out.append(f"{proc.pid} {' '.join(proc.cmdline())[:120]}")
        except psutil.Error:
            continue
    return out


def state(folder: Path) -> dict[str, tuple[int, str]]:
    """Every file of the output folder: modification time and content hash."""
    found = {}
    for path in folder.rglob("*"):
        if path.is_file():
            try:
                found[str(path.relative_to(folder))] = (
                    path.stat().st_mtime_ns,
                    hashlib.sha256(path.read_bytes()).hexdigest(),
                )
            except FileNotFoundError:
                continue
    return found


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
@pytest.mark.parametrize("moment", list(MOMENTS))
def test_a_killed_run_leaves_no_process_and_a_still_output_folder(tmp_path, moment, sig):
    documents, condition = MOMENTS[moment]
    suite = build_suite(tmp_path, documents)
    runner = Runner(suite)
    wait_for(lambda: condition(runner), moment, runner)
    run_id = runner.run_id()
    family = psutil.Process(runner.proc.pid).children(recursive=True)

    runner.proc.send_signal(sig)
    code = runner.proc.wait(timeout=120)
    if sig == signal.SIGTERM:
        assert code == 128 + signal.SIGTERM, "".join(runner.lines)
        assert runner.said("stopped by SIGTERM")
    else:
        assert code == -signal.SIGKILL
    after_kill = state(suite["out"])

    deadline = time.monotonic() + 30
    while survivors(family, run_id) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert survivors(family, run_id) == []
    time.sleep(3)  # a straggler would write now
    assert state(suite["out"]) == after_kill
    assert not list(Path(tempfile.gettempdir()).glob(f"dprkwatch-run-{run_id}-*"))
    if sig == signal.SIGTERM:
        assert not (suite["out"] / ".run" / "processes.json").exists()


def test_the_run_after_a_kill_cleans_up_and_succeeds(tmp_path):
    suite = build_suite(tmp_path, 3)
    first = Runner(suite)
    wait_for(lambda: first.recorded("kernel slow"), "kernels", first)
    first.proc.kill()
    first.proc.wait()
    assert (suite["out"] / ".run" / "processes.json").exists()  # the killed run's record
    second = subprocess.run(
        [sys.executable, "-m", "dprkwatch.cli", "reports", "--config", str(suite["config"]),
         "--out", str(suite["out"]), "--corpus", str(suite["corpus"]), "--jobs", "2"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert second.returncode == 0, second.stderr
    assert sorted(p.name for p in suite["out"].glob("*.html")) == [
        "index.html",
        "quick.html",
        "slow1.html",
        "slow2.html",
    ]
    assert not (suite["out"] / ".run" / "processes.json").exists()
