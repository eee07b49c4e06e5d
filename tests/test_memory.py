"""Freed memory goes back to the system (glibc): a process keeps near what it really uses."""

from __future__ import annotations

import subprocess
import sys

import pytest

from dprkwatch.core import memory

# A 16 MB block freed (glibc then raises its threshold to 16 MB), then 200 frames of 4 MB with small
# objects kept between them, then the frames freed: the resident growth in MB is printed.
# (memory.trim() would give them back too, but only when called, not as the frames go.)
CHILD = """
import sys, numpy as np, psutil
from dprkwatch.core import memory
if sys.argv[1] == "on":
    memory.give_back_freed_memory()
rss = lambda: psutil.Process().memory_info().rss / 1e6
del_me = np.ones(2 * 1024 * 1024); del del_me
base = rss()
frames, kept = [], []
for i in range(200):
    frames.append(np.ones(512 * 1024))
    kept.append(bytearray(2000))
del frames
print(round(rss() - base))
"""


def grown(mode: str) -> int:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, mode], capture_output=True, text=True, check=True
    )
    return int(out.stdout.strip())


@pytest.mark.skipif(not memory.give_back_freed_memory(), reason="glibc only")
def test_freed_frames_are_given_back():
    assert grown("on") < 50
    # Without the setting the same frames stay resident: what the setting is for.
    assert grown("off") > 400


ARROW_CHILD = """
import sys
from dprkwatch.core import memory
memory.give_back_freed_memory()
print("pyarrow" in sys.modules)
import pyarrow as pa
print(pa.default_memory_pool().backend_name)
"""


@pytest.mark.skipif(not memory.give_back_freed_memory(), reason="glibc only")
@pytest.mark.parametrize(("chosen", "pool"), [(None, "system"), ("jemalloc", "jemalloc")])
def test_arrow_allocates_through_malloc_unless_the_user_chose(chosen, pool, monkeypatch):
    monkeypatch.delenv("ARROW_DEFAULT_MEMORY_POOL", raising=False)
    if chosen:
        monkeypatch.setenv("ARROW_DEFAULT_MEMORY_POOL", chosen)
    out = subprocess.run(
        [sys.executable, "-c", ARROW_CHILD], capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["False", pool]  # and pyarrow was not imported for it
