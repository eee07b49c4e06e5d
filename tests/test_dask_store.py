"""`update --dask`: the same batches on a real Dask cluster (a scheduler and two worker processes
started here on 127.0.0.1) write the store a local run writes."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from dprkwatch.core.errors import StoreError
from dprkwatch.store import executors, open_store, update
from dprkwatch.store.executors import DASK_ENV
from test_store_parallel import make_corpus, snapshot

pytestmark = pytest.mark.slow  # starts a Dask cluster

DASK = Path(sys.executable).parent / "dask"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the Dask scheduler exited ({proc.returncode})")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"no Dask scheduler on port {port} after {timeout} s")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """tcp://127.0.0.1:PORT of a scheduler with two single-threaded worker processes."""
    if not DASK.exists():
        pytest.skip("the dask command is not installed in this environment")
    from distributed import Client

    work = tmp_path_factory.mktemp("dask")
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "cwd": work}
    procs = [
        subprocess.Popen(
            [DASK, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
            **quiet,
        )
    ]
    try:
        wait_for_port(port, procs[0])
        # No --preload here (the README's advice): workers join at once and compile the
        # language packs on their first batch, which a busy test machine can take minutes over.
        worker = [DASK, "worker", address, "--nthreads", "1", "--no-dashboard"]
        worker += ["--host", "127.0.0.1"]
        for n in range(2):
            procs.append(
                subprocess.Popen([*worker, "--local-directory", str(work / f"w{n}")], **quiet)
            )
        with Client(address, timeout="30s") as client:
            client.wait_for_workers(2, timeout=300)
        yield address
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in reversed(procs):
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("dask-corpus") / "corpus", copies=2)


def test_dask_writes_the_store_a_local_run_writes(cluster, corpus, tmp_path):
    remote = update(corpus, tmp_path / "dask", dask=cluster, batch_docs=3)
    local = update(corpus, tmp_path / "local", jobs=1)
    assert (remote.executor, remote.jobs, local.executor) == ("dask", 2, "inline")
    a, b = snapshot(tmp_path / "dask"), snapshot(tmp_path / "local")
    pd.testing.assert_frame_equal(a[0], b[0])
    pd.testing.assert_frame_equal(a[1], b[1])
    assert a[2] == b[2] and len(a[0]) > 20


def test_scheduler_from_the_environment(cluster, corpus, tmp_path, monkeypatch):
    monkeypatch.setenv(DASK_ENV, cluster)
    s = update(corpus, tmp_path / "store", batch_docs=8)
    assert s.executor == "dask" and s.n_new == len(open_store(tmp_path / "store").documents())


def test_unreachable_scheduler_is_an_error_and_touches_nothing(corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(executors, "CONNECT_TIMEOUT", "2s")
    update(corpus, tmp_path / "store", jobs=1)
    manifest = (tmp_path / "store" / "manifest.json").read_bytes()
    (corpus / "v0" / "late.txt").write_text("North Korea sent 2,000 troops, the NIS said.\n")
    try:
        with pytest.raises(StoreError, match="Dask scheduler"):
            update(corpus, tmp_path / "store", dask=f"tcp://127.0.0.1:{free_port()}")
    finally:
        (corpus / "v0" / "late.txt").unlink()
    assert (tmp_path / "store" / "manifest.json").read_bytes() == manifest
