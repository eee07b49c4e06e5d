"""Freed memory goes back to the system: glibc's allocator told not to keep large blocks.

glibc serves a large allocation with its own mapping, returned to the system when freed, but
after each such free it raises that threshold (up to 32 MB), so the next frames of a few MB come
from the heap and stay there once freed. Reconciling 1.8 M claims then holds 0.3 GB more at its
peak and 0.3 GB more after it (measured on the 100,000-document store). Fixing the thresholds,
as Dask's workers do with MALLOC_TRIM_THRESHOLD_, keeps a process near what it really uses.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import os
import sys

# mallopt parameters (malloc.h).
M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
# Blocks from this size up get their own mapping; free heap above this much is returned.
MMAP_THRESHOLD = 256 * 1024
TRIM_THRESHOLD = 1024 * 1024
ARROW_POOL_VARIABLE = "ARROW_DEFAULT_MEMORY_POOL"


@functools.cache
def _libc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None
    return libc if hasattr(libc, "mallopt") and hasattr(libc, "malloc_trim") else None


def give_back_freed_memory() -> bool:
    """Fix glibc's thresholds in this process (and those it forks), Arrow allocating through
    them too; False where the C library is not glibc."""
    libc = _libc()
    if libc is None:
        return False
    ok = libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD) == 1
    _arrow_uses_malloc()
    return libc.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD) == 1 and ok


def _arrow_uses_malloc() -> None:
    """Arrow's buffers from malloc too: its default pool (mimalloc) kept 0.2 GB freed after
    loading 1.8 M claims, released only when asked.

    Through Arrow's own variable when pyarrow is not loaded yet (a command that never needs it,
    such as a no-change `reports`, does not pay for importing it; child processes inherit it);
    a pool the user chose with that variable is kept.
    """
    if "pyarrow" not in sys.modules:
        os.environ.setdefault(ARROW_POOL_VARIABLE, "system")
        return
    if os.environ.get(ARROW_POOL_VARIABLE, "system") == "system":
        import pyarrow as pa

        pa.set_memory_pool(pa.system_memory_pool())


def trim() -> None:
    """Return the heap's free memory to the system now (after a large step); no-op elsewhere."""
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)
