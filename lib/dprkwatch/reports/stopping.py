"""How a run ends early: SIGTERM, SIGINT (Ctrl-C) or its whole-run time limit.

The handler first stops every process of the run (workers, kernels, the zygote, the store
update's pool), then raises in the runner's main thread, so that everything the runner does
on the way out (saving the manifest, releasing the lock) happens after the last worker died.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Callable, Iterator

from dprkwatch.core.errors import DprkwatchError


class RunInterrupted(DprkwatchError):
    """The run was stopped by a signal; exit code 128 + the signal's number, as shells do."""

    def __init__(self, signum: int) -> None:
        self.exit_code = 128 + signum
        super().__init__(f"stopped by {signal.Signals(signum).name}; its processes were stopped")


class RunTimeLimit(DprkwatchError):
    """The whole run took longer than its time limit; reports not finished count as failed."""

    exit_code = 1

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(f"the run reached its time limit of {seconds:.0f} s")


@contextlib.contextmanager
def stop_on_signals(stop: Callable[[], object], time_limit: float | None = None) -> Iterator[None]:
    """Within the block, SIGTERM/SIGINT (and SIGALRM after time_limit s) call stop, then raise.

    Signals can only be handled in the main thread: elsewhere the block runs unguarded (the
    per-report time limits still hold).
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    wanted = (signal.SIGTERM, signal.SIGINT, signal.SIGALRM)

    def handler(signum: int, _frame: object) -> None:
        for sig in wanted:  # a second Ctrl-C must not interrupt the clean-up
            signal.signal(sig, signal.SIG_IGN)
        signal.setitimer(signal.ITIMER_REAL, 0)
        stop()
        if signum == signal.SIGALRM:
            raise RunTimeLimit(time_limit or 0)
        raise RunInterrupted(signum)

    previous = {sig: signal.signal(sig, handler) for sig in wanted}
    if time_limit:
        signal.setitimer(signal.ITIMER_REAL, time_limit)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        for sig, old in previous.items():
            signal.signal(sig, old)
