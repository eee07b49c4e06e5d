"""Warm kernels: one process imports the notebooks' heavy modules once, then forks each kernel.

A fresh ipykernel spends 1.5–2 s of CPU starting Python, ipykernel, pandas, matplotlib, seaborn
and dprkwatch before the first cell runs; a report run starts one kernel per report. The runner
starts this "zygote" once per run; the workers' kernel manager (execute.py) asks it over a Unix
socket to fork a kernel with the connection file, working directory and environment
jupyter_client prepared. The forked kernel is an ordinary ipykernel talking to papermill as
usual. POSIX only; anything unusual falls back to a normal kernel start.

    python -m dprkwatch.reports.zygote SOCKET   # serves until its stdin closes
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import select
import signal
import socket
import sys
import time
from pathlib import Path

# What the notebooks import; a module that fails to import is skipped (the kernel imports it).
PRELOAD = (
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "IPython.display",
    # Not matplotlib_inline.backend_inline: importing it hooks figure display into the running
    # IPython shell, and here there is none yet; the kernel must import it itself.
    "numpy",
    "pandas",
    "matplotlib.pyplot",
    "seaborn",
    "itables",
    "filelock",
    "yaml",
    "duckdb",
    "pyarrow",
    "dprkwatch",
    "dprkwatch.store",
    "dprkwatch.notebook.load",
    "dprkwatch.notebook.tables",
    "dprkwatch.notebook.display",
    "dprkwatch.notebook.topics",
    "dprkwatch.notebook.charts",
    "dprkwatch.analysis.reconcile",
)
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"
WARM_ENV = "DPRKWATCH_WARM_STORE"
WARM_CLAIMS = 5000


def available() -> bool:
    """Whether kernels can be forked here (POSIX with fork and Unix sockets)."""
    return hasattr(os, "fork") and hasattr(socket, "AF_UNIX") and sys.platform != "win32"


def serve(path: str) -> None:
    """Bind the socket, preload, then fork a kernel per request until stdin closes."""
    from dprkwatch.core.memory import give_back_freed_memory
    from dprkwatch.reports.processes import die_with_parent

    die_with_parent()  # a SIGKILLed runner cannot close our stdin in time: die with it
    give_back_freed_memory()  # before the kernels are forked: they inherit it
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(64)  # requests wait in the backlog while we preload
    # Read by matplotlib at import time: kernels must get the inline backend.
    os.environ["MPLBACKEND"] = INLINE_BACKEND
    for name in PRELOAD:
        with contextlib.suppress(Exception):
            importlib.import_module(name)
    _warm_store()
    # Children are reaped by the system: no zombies, and a dead kernel's pid disappears.
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    children: list[int] = []
    try:
        while True:
            ready, _, _ = select.select([server, sys.stdin], [], [])
            if sys.stdin in ready and not os.read(sys.stdin.fileno(), 1024):
                break  # the runner closed our stdin (or died): stop
            if server in ready:
                conn, _ = server.accept()
                with conn:
                    pid = _fork_kernel(conn, server)
                    if pid:
                        children.append(pid)
    finally:
        for pid in children:  # a kernel papermill did not shut down must not outlive the run
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        server.close()
        with contextlib.suppress(OSError):
            os.unlink(path)


def _warm_store() -> None:
    """Open the run's store and read a sample of its claims, before the first kernel asks.

    Every report reads the store: importing DuckDB and pyarrow and running a first query here
    means each forked kernel starts with them loaded, instead of paying for them itself.
    """
    store_dir = os.environ.pop(WARM_ENV, "")
    if not store_dir:
        return
    with contextlib.suppress(Exception):  # the report that needs it reports the error
        from dprkwatch.store import open_store

        with open_store(store_dir) as store:
            # A sample warms the same code: the whole store's claims would stay in this
            # process's heap, and in every kernel forked from it (1 GB at 1.8 M claims).
            claims = store.claims(limit=WARM_CLAIMS)
        _warm_analysis(claims)


def _warm_analysis(claims) -> None:
    """Run what every report runs once, so lazily loaded code and caches are in every fork.

    Matplotlib's fonts and renderer are warmed through the object API: pyplot would pick the
    inline backend here, before there is a shell to hook into.
    """
    import io

    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from dprkwatch.notebook import charts

    charts.use_style()
    with contextlib.suppress(Exception):  # reconciliation's lazily built tables
        from dprkwatch.analysis import reconcile

        reconcile.headline(claims, "latest")
    fig = Figure(figsize=(3, 2))
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.plot([1, 2], [1, 2], marker="o", label="warm")
    ax.set_title("warm-up")
    ax.legend()
    fig.savefig(io.BytesIO(), format="png", bbox_inches="tight")
    # Kernels start with matplotlib's own settings, as an unforked kernel would.
    import matplotlib

    matplotlib.rc_file_defaults()


def _fork_kernel(conn: socket.socket, server: socket.socket) -> int | None:
    request = json.loads(_read_line(conn))
    sys.stdout.flush()
    sys.stderr.flush()
    zygote = os.getpid()
    pid = os.fork()
    if pid == 0:  # the kernel
        code = 1
        try:
            server.close()
            conn.close()
            _become_kernel(request, zygote)
            code = 0
        finally:
            os._exit(code)
    conn.sendall(json.dumps({"pid": pid}).encode() + b"\n")
    return pid


def _become_kernel(request: dict, zygote: int) -> None:
    from dprkwatch.reports.processes import die_with_parent

    die_with_parent(zygote)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    os.setsid()  # its own process group, as jupyter_client's signals expect
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    os.environ["MPLBACKEND"] = INLINE_BACKEND
    log = os.open(request.get("log") or os.devnull, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
    sys.argv = [sys.executable, "-m", "ipykernel_launcher", *request["args"]]
    from ipykernel.kernelapp import IPKernelApp

    IPKernelApp.launch_instance(argv=request["args"])


def _read_line(conn: socket.socket) -> bytes:
    data = b""
    while not data.endswith(b"\n"):
        chunk = conn.recv(65536)
        if not chunk:
            break
        data += chunk
    return data


def request_kernel(
    path: str, args: list[str], cwd: str, env: dict[str, str], log: str = "", timeout: float = 120
) -> int | None:
    """Ask the zygote at path for a kernel; its pid, or None when the zygote is not there."""
    if not path or not Path(path).exists():
        return None
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.settimeout(timeout)  # the zygote may still be preloading
            conn.connect(path)
            payload = {"args": args, "cwd": cwd, "env": env, "log": log}
            conn.sendall(json.dumps(payload).encode() + b"\n")
            reply = json.loads(_read_line(conn) or b"{}")
    except (OSError, ValueError):
        return None
    return reply.get("pid")


class ForkedKernel:
    """Popen look-alike for a kernel forked by the zygote (not our child: poll by pid)."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                self.returncode = 0
            except PermissionError:
                pass
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise TimeoutError(f"kernel {self.pid} still running")
            time.sleep(0.05)
        return self.returncode or 0

    def send_signal(self, signum: int) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signum)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


def start(folder: Path, store_dir: str = ""):
    """Start a zygote serving folder/zygote.sock; returns (Popen, socket path).

    store_dir: the ledger store the reports read, opened once while the zygote preloads.
    """
    import subprocess

    path = str(Path(folder) / "zygote.sock")
    env = dict(os.environ)
    if store_dir:
        env[WARM_ENV] = store_dir
    env.setdefault("OPENBLAS_NUM_THREADS", "1")  # fork-friendly, and 2 cores are shared anyway
    env["MPLBACKEND"] = INLINE_BACKEND
    proc = subprocess.Popen(
        [sys.executable, "-m", "dprkwatch.reports.zygote", path],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    # The socket appears at once (before the preload): wait for it, briefly.
    deadline = time.monotonic() + 10
    while not Path(path).exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    return proc, path


def stop(proc) -> None:
    """Stop a zygote started with start()."""
    with contextlib.suppress(OSError):
        proc.stdin.close()
    try:
        proc.wait(timeout=10)
    except Exception:
        proc.kill()


if __name__ == "__main__":
    serve(sys.argv[1])
