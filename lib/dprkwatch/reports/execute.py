"""Run one report in a worker process: papermill, then HTML, written into the job's own folder."""

from __future__ import annotations

import contextlib
import html
import os
import sys
import time
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from dprkwatch.core import atomic
from dprkwatch.core.errors import DiskFullError
from dprkwatch.notebook.headlines import headlines_from_notebook

KernelHook = Callable[[int], None]  # told the pid of each kernel a report starts
# A report runs unattended: a one-line cell `store: str = "..."`, while `store` is not yet
# defined, must assign a variable, not call IPython's %store magic (automagic reads one-line
# cells only, so the notebooks' several-line parameter cells are safe in JupyterLab too).
BATCH_KERNEL_ARGS = ("--InteractiveShell.automagic=False",)
ERROR_ANCHOR = "papermill-error-cell"
ERROR_TAG = "papermill-error-cell-tag"  # papermill's own tag for its error markers


def __getattr__(name: str):
    # The client class is built on first use so importing this module stays light.
    if name == "PromptKernelClient":
        cls = _prompt_client()
        globals()[name] = cls
        return cls
    raise AttributeError(name)


def _prompt_client():
    """jupyter_client's async client, minus its fixed waits at kernel start-up.

    Its wait_for_ready ends by draining IOPub until 0.2 s pass with no message: with seven
    reports on two cores those idle fractions of a second are most of what parallel runs lose.
    """
    import asyncio
    from queue import Empty

    from jupyter_client.asynchronous import AsyncKernelClient

    class PromptKernelClient(AsyncKernelClient):
        async def _async_wait_for_ready(self, timeout: float | None = None) -> None:
            deadline = time.time() + (float("inf") if timeout is None else timeout)
            while True:
                self.kernel_info()
                try:
                    msg = await self.shell_channel.get_msg(timeout=1)
                except Empty:
                    msg = None
                if msg is not None and msg["msg_type"] == "kernel_info_reply":
                    try:
                        # IOPub is connected once it carries the reply's status message.
                        await self.iopub_channel.get_msg(timeout=0.2)
                    except Empty:
                        pass
                    else:
                        self._handle_kernel_info_reply(msg)
                        break
                if not await self._async_is_alive():
                    raise RuntimeError("Kernel died before replying to kernel_info")
                if time.time() > deadline:
                    raise RuntimeError(f"Kernel didn't respond in {timeout} seconds")
                await asyncio.sleep(0)
            while True:
                try:
                    await self.iopub_channel.get_msg(timeout=0.01)
                except Empty:
                    break

    return PromptKernelClient


def _isolated_kernel_manager(
    zygote_socket: str = "", log_path: str = "", on_kernel: KernelHook | None = None
):
    """A kernel manager on IPC sockets in the job's own runtime folder, forked when it can be.

    Parallel papermill runs on TCP pick ports that are free when chosen but may be taken before
    the kernel binds them ("Address already in use", kernels that never answer). Unix sockets
    named after each kernel's connection file in a per-job folder cannot collide. With a zygote
    (zygote.py) the kernel is forked from a process that already imported the heavy modules.
    on_kernel(pid) hears of every kernel started, so the runner can stop it with its worker.
    """
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import default

    from dprkwatch.reports import zygote

    class IsolatedKernelManager(AsyncKernelManager):
        client_class = "dprkwatch.reports.execute.PromptKernelClient"

        async def _async_wait(self, pollinterval: float = 0.1) -> None:
            # jupyter_client polls a stopped kernel every 0.1 s; reports wait for it each time.
            await super()._async_wait(pollinterval=0.005)

        @default("transport")
        def _default_transport(self) -> str:
            return "ipc"

        @default("ip")
        def _default_ip(self) -> str:
            # jupyter_client's own default is "kernel-ipc" in the working directory, which every
            # report shares (notebooks/): sockets of two kernels would cross. One folder per job.
            return os.path.join(os.environ["JUPYTER_RUNTIME_DIR"], "kernel")

        async def _async_launch_kernel(self, kernel_cmd: list[str], **kw) -> None:
            prov: Any = self.provisioner  # a LocalProvisioner: process, pid, pgid, cwd
            ipykernel = kernel_cmd[1:3] == ["-m", "ipykernel_launcher"]
            if ipykernel:
                kernel_cmd = [*kernel_cmd, *BATCH_KERNEL_ARGS]
            if zygote_socket and ipykernel and prov:
                cwd = str(kw.get("cwd") or os.getcwd())
                env = {str(k): str(v) for k, v in (kw.get("env") or os.environ).items()}
                pid = zygote.request_kernel(zygote_socket, kernel_cmd[3:], cwd, env, log_path)
                if pid:
                    prov.process = zygote.ForkedKernel(pid)
                    prov.pid = prov.pgid = pid
                    prov.cwd = cwd
                    self._reconcile_connection_info(prov.connection_info)
                    _tell(on_kernel, pid)
                    return
            await super()._async_launch_kernel(kernel_cmd, **kw)
            _tell(on_kernel, getattr(prov, "pid", None))

    return IsolatedKernelManager


def _tell(on_kernel: KernelHook | None, pid: int | None) -> None:
    if on_kernel is not None and pid:
        on_kernel(int(pid))


def _env_for_kernels(runtime_dir: str) -> None:
    # The kernel inherits this process's environment.
    os.environ["JUPYTER_RUNTIME_DIR"] = runtime_dir
    os.environ.setdefault("JUPYTER_PLATFORM_DIRS", "1")
    # Silences the debugger's frozen-modules warning on stderr of every kernel start.
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    os.environ.setdefault("PYTHONWARNINGS", "ignore::DeprecationWarning")
    os.environ.pop("MPLBACKEND", None)  # let ipykernel pick its inline backend


@contextlib.contextmanager
def _output_to(log_path: Path):
    """Send this process's stdout/stderr, and so the kernel's, to a log file for a while.

    Kernels print start-up and shutdown chatter on stderr; on the terminal it would drown the
    progress lines, in the log it is there when a report fails.
    """
    log_path.parent.mkdir(parents=True, exist_ok=True)
    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    with open(log_path, "ab") as log:
        os.dup2(log.fileno(), 1)
        os.dup2(log.fileno(), 2)
        try:
            yield
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])


def _log_tail(path: Path, lines: int = 15) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return "\n".join(text.strip().splitlines()[-lines:])


def run_job(job: dict[str, Any], on_kernel: KernelHook | None = None) -> dict[str, Any]:
    """Execute and render one report into its work folder; never raises.

    The worker writes nothing outside job["work_dir"]: the runner alone publishes what it made
    (publish.py), so a worker that outlives its run cannot change the output folder.
    job keys: name, title, notebook, parameters, work_dir, kernel, timeout, keep_code,
    has_published (a good HTML is already published), header (render.meta_header's keywords),
    key. on_kernel(pid) is told the kernel's pid as soon as it runs.
    The result names the files made: files = {"html" | "error_html", "executed", "log"}.
    """
    started = time.monotonic()
    ran_at = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    work = Path(job["work_dir"])
    name = job["name"]
    result: dict[str, Any] = {
        "name": name,
        "key": job["key"],
        "ran_at": ran_at,
        "status": "failed",
        "error": "",
        "error_cell": None,
        "headlines": [],
        "files": {"log": str(work / f"{name}.log")},
    }
    work.mkdir(parents=True, exist_ok=True)
    log_path = work / f"{name}.log"
    job = {**job, "log": str(log_path)}
    timings: dict[str, float] = {}
    result["timings"] = timings
    try:
        _env_for_kernels(str(work))
        with _output_to(log_path):
            nb, error = _execute(job, work / "papermill.ipynb", on_kernel)
        timings["execute"] = round(time.monotonic() - started, 2)
        if nb is not None:
            result["headlines"] = headlines_from_notebook(nb)
        if error is None:
            _write_good(job, nb, ran_at, result)
            timings["render"] = round(time.monotonic() - started - timings["execute"], 2)
        else:
            result.update(
                error=error["message"], error_cell=error.get("cell"), log=_log_tail(log_path)
            )
            if nb is not None:
                _write_failed(job, nb, error, ran_at, result)
    except Exception as exc:  # rendering or I/O broke: report it, keep the old HTML
        result.update(
            status="failed",
            error=f"{type(exc).__name__}: {exc}",
            traceback=traceback.format_exc(limit=8),
            disk_full=isinstance(exc, DiskFullError),
        )
    finally:
        result["duration"] = round(time.monotonic() - started, 2)
    return result


def _write_good(job: dict[str, Any], nb, ran_at: str, result: dict[str, Any]) -> None:
    import nbformat

    work, name = Path(job["work_dir"]), job["name"]
    page = _render(job, nb, ran_at, keep_code=job["keep_code"])
    atomic.write_text(work / f"{name}.html", page)
    atomic.write_text(work / f"{name}.ipynb", nbformat.writes(nb))
    result["files"].update(html=str(work / f"{name}.html"), executed=str(work / f"{name}.ipynb"))
    result["status"] = "ok"


def _write_failed(job: dict[str, Any], nb, error: dict, ran_at: str, result: dict) -> None:
    import nbformat

    work, name = Path(job["work_dir"]), job["name"]
    _mark_failure(nb, error)
    page = _render(job, nb, ran_at, keep_code=True, failed=error["message"])
    atomic.write_text(work / f"{name}.error.html", page)
    atomic.write_text(work / f"{name}.failed.ipynb", nbformat.writes(nb))
    result["files"].update(
        error_html=str(work / f"{name}.error.html"),
        executed=str(work / f"{name}.failed.ipynb"),
    )
    result["error_html"] = f"{name}.error.html#{ERROR_ANCHOR}"


def _execute(job: dict[str, Any], output: Path, on_kernel: KernelHook | None = None):
    """Run papermill; returns (executed notebook or None, error dict or None)."""
    import nbformat
    import papermill
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    notebook = Path(job["notebook"])
    try:
        nb = papermill.execute_notebook(
            str(notebook),
            str(output),
            parameters=job["parameters"],
            kernel_name=job["kernel"],
            cwd=str(notebook.parent),
            progress_bar=False,
            start_timeout=120,  # a loaded 2-core machine starts kernels slowly
            # The kernel has nothing to save once the last cell ran: stop it at once.
            shutdown_kernel="immediate",
            execution_timeout=job["timeout"],
            kernel_manager_class=_isolated_kernel_manager(
                job.get("zygote", ""), job.get("log", ""), on_kernel
            ),
        )
        return nb, None
    except PapermillExecutionError as exc:
        nb = _read(output)
        # The In [N] label of the failing cell, as the error page shows it.
        cell = exc.exec_count
        message = f"{exc.ename}: {exc.evalue}".strip().rstrip(":")
        where = f"cell {cell}" if cell else f"cell {exc.cell_index}"
        return nb, {"message": f"{message} (in {where})", "cell": cell, "marked": True}
    except CellTimeoutError:
        nb = _read(output)
        index = _last_started_cell(nb)
        cell = _number_cell(nb, index)
        return nb, {
            "message": f"cell {cell} ran longer than the per-cell timeout of {job['timeout']} s",
            "cell": cell,
            "index": index,
        }
    except DeadKernelError:
        nb = _read(output)
        index = _last_started_cell(nb)
        cell = _number_cell(nb, index)
        return nb, {
            "message": f"the kernel died while running cell {cell} "
            "(crash or out of memory); nothing after it ran",
            "cell": cell,
            "index": index,
        }
    except Exception as exc:  # kernel did not start, notebook unreadable...
        nb = _read(output)
        if nb is None:
            try:
                nb = nbformat.read(notebook, as_version=4)
            except Exception:
                nb = None
        return nb, {"message": f"{type(exc).__name__}: {exc}", "cell": None}


def _read(path: Path):
    import nbformat

    try:
        return nbformat.read(path, as_version=4)
    except Exception:
        return None


def _last_started_cell(nb) -> int | None:
    if nb is None:
        return None
    last = None
    for i, cell in enumerate(nb.cells):
        if cell.get("metadata", {}).get("papermill", {}).get("start_time"):
            last = i
    return last


def _number_cell(nb, index: int | None) -> int | None:
    """The In [N] label of a cell: its execution count, else its position among code cells."""
    if nb is None or index is None:
        return None
    if nb.cells[index].get("execution_count"):
        return nb.cells[index]["execution_count"]
    count = 0
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and ERROR_TAG not in cell.get("metadata", {}).get("tags", []):
            count += 1
        if i == index:
            return count
    return None


def _mark_failure(nb, error: dict) -> None:
    """Put an anchor before the failing cell (papermill does so only for cell errors)."""
    import nbformat

    if error.get("marked") or error.get("index") is None:
        return
    anchor = nbformat.v4.new_markdown_cell(
        f'<span id="{ERROR_ANCHOR}" class="dw-error">Execution stopped here: '
        f"{html.escape(error['message'])}</span>"
    )
    anchor.metadata["tags"] = [ERROR_TAG]
    nb.cells.insert(error["index"], anchor)


def _render(job: dict[str, Any], nb, ran_at: str, keep_code: bool, failed: str = "") -> str:
    from dprkwatch.reports import render

    extra = ""
    if failed:
        extra = (
            f'<div class="dw-error">This run failed: {html.escape(failed)}. '
            f'<a href="#{ERROR_ANCHOR}">Go to the failing cell</a>.'
        )
        if job.get("has_published"):
            extra += (
                f' The last good version stays at <a href="{html.escape(job["name"])}.html">'
                f"{html.escape(job['name'])}.html</a>."
            )
        extra += "</div>"
    header = render.meta_header(**job["header"], ran_at=ran_at, extra=extra)
    return render.render_html(nb, keep_code=keep_code, title=job["title"], header_html=header)
