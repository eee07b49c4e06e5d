"""Run one report in a worker process: papermill, then HTML, every file written atomically."""

from __future__ import annotations

import contextlib
import html
import os
import shutil
import sys
import tempfile
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from dprkwatch.core import atomic
from dprkwatch.notebook.headlines import headlines_from_notebook

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


def _isolated_kernel_manager(zygote_socket: str = "", log_path: str = ""):
    """A kernel manager on IPC sockets in the job's own runtime folder, forked when it can be.

    Parallel papermill runs on TCP pick ports that are free when chosen but may be taken before
    the kernel binds them ("Address already in use", kernels that never answer). Unix sockets
    named after each kernel's connection file in a per-job folder cannot collide. With a zygote
    (zygote.py) the kernel is forked from a process that already imported the heavy modules.
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
            prov = self.provisioner
            if zygote_socket and kernel_cmd[1:3] == ["-m", "ipykernel_launcher"] and prov:
                cwd = str(kw.get("cwd") or os.getcwd())
                env = {str(k): str(v) for k, v in (kw.get("env") or os.environ).items()}
                pid = zygote.request_kernel(zygote_socket, kernel_cmd[3:], cwd, env, log_path)
                if pid:
                    prov.process = zygote.ForkedKernel(pid)
                    prov.pid = prov.pgid = pid
                    prov.cwd = cwd
                    self._reconcile_connection_info(prov.connection_info)
                    return
            await super()._async_launch_kernel(kernel_cmd, **kw)

    return IsolatedKernelManager


def _env_for_kernels(runtime_dir: str, ledger_cache: str) -> None:
    # The kernel inherits this process's environment.
    os.environ["JUPYTER_RUNTIME_DIR"] = runtime_dir
    os.environ["DPRKWATCH_LEDGER_CACHE"] = ledger_cache
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


def run_job(job: dict[str, Any]) -> dict[str, Any]:
    """Execute and render one report; never raises, the result says what happened.

    job keys: name, title, notebook, parameters, out_dir, cache_dir, kernel, timeout,
    keep_code, corpus_label, fingerprint, key.
    """
    started = time.monotonic()
    ran_at = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    out_dir = Path(job["out_dir"])
    cache_dir = Path(job["cache_dir"])
    name = job["name"]
    result: dict[str, Any] = {
        "name": name,
        "key": job["key"],
        "ran_at": ran_at,
        "status": "failed",
        "error": "",
        "error_cell": None,
        "error_html": None,
        "headlines": [],
    }
    # Short path: Unix socket names are limited to ~100 bytes.
    runtime_dir = tempfile.mkdtemp(prefix="dwk-")
    work_dir = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=cache_dir / "tmp"))
    executed_tmp = work_dir / f"{name}.ipynb"
    log_path = cache_dir / "logs" / f"{name}.log"
    log_path.unlink(missing_ok=True)
    job = {**job, "log": str(log_path)}
    timings: dict[str, float] = {}
    result["timings"] = timings
    try:
        _env_for_kernels(runtime_dir, str(cache_dir / "ledger"))
        with _output_to(log_path):
            nb, error = _execute(job, executed_tmp)
        timings["execute"] = round(time.monotonic() - started, 2)
        if nb is not None:
            result["headlines"] = headlines_from_notebook(nb)
        if error is None:
            page = _render(job, nb, ran_at, keep_code=job["keep_code"])
            timings["render"] = round(time.monotonic() - started - timings["execute"], 2)
            atomic.write_text(out_dir / f"{name}.html", page)
            atomic.write_bytes(cache_dir / "executed" / f"{name}.ipynb", executed_tmp.read_bytes())
            (out_dir / f"{name}.error.html").unlink(missing_ok=True)
            result.update(status="ok", html=f"{name}.html")
        else:
            result.update(
                error=error["message"], error_cell=error.get("cell"), log=_log_tail(log_path)
            )
            if nb is not None:
                _mark_failure(nb, error)
                page = _render(job, nb, ran_at, keep_code=True, failed=error["message"])
                atomic.write_text(out_dir / f"{name}.error.html", page)
                result["error_html"] = f"{name}.error.html#{ERROR_ANCHOR}"
                import nbformat

                atomic.write_text(
                    cache_dir / "executed" / f"{name}.failed.ipynb", nbformat.writes(nb)
                )
    except Exception as exc:  # rendering or I/O broke: report it, keep the old HTML
        result.update(
            status="failed",
            error=f"{type(exc).__name__}: {exc}",
            traceback=traceback.format_exc(limit=8),
        )
    finally:
        result["duration"] = round(time.monotonic() - started, 2)
        shutil.rmtree(runtime_dir, ignore_errors=True)
        shutil.rmtree(work_dir, ignore_errors=True)
    return result


def _execute(job: dict[str, Any], output: Path):
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
                job.get("zygote", ""), job.get("log", "")
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
        if (Path(job["out_dir"]) / f"{job['name']}.html").exists():
            extra += (
                f' The last good version stays at <a href="{html.escape(job["name"])}.html">'
                f"{html.escape(job['name'])}.html</a>."
            )
        extra += "</div>"
    header = render.meta_header(
        title=job["title"],
        ran_at=ran_at,
        corpus=job["corpus_label"],
        fingerprint=job["fingerprint"],
        parameters=job["display_parameters"],
        extra=extra,
    )
    return render.render_html(nb, keep_code=keep_code, title=job["title"], header_html=header)
