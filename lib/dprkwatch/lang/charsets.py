r"""Compiling the packs' patterns without rebuilding the same large character class each time.

Every word-boundary test of a pack's term patterns holds the class of unspaced characters (Han,
kana: 28,000 code points, `packs.UNSPACED`) and the word class with the Indic signs \w misses
(`packs.WORD_CLASS`). Python's regex compiler (sre) turns a class into a bitmap by visiting each
code point in Python (about 1 ms and 0.25 ms), and does it again in every pattern that holds
one: some 4,500 and 6,000 times, 5.5 of the 8.7 CPU-seconds it took to load the 18 packs, in
every process that extracts (each update, each Dask worker). With the memo: 3.2 seconds.

`reused_charsets()` memoises sre's class optimisation for large classes while the packs compile.
The function is pure (a class in, its compiled form out): the patterns compiled are the same,
only built faster. Where the interpreter's sre has no such function (another Python version),
nothing is changed and patterns compile as before.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_sre_compiler: Any
try:  # CPython 3.11+ (no type stubs: a private module)
    _sre_compiler = importlib.import_module("re._compiler")
except ImportError:  # pragma: no cover - other interpreters compile as before
    _sre_compiler = None

# Classes smaller than this (in code points) cost less to optimise than to look up.
LARGE_CLASS = 256
MAX_MEMO = 256  # distinct large classes kept (the packs use a few)

_ORIGINAL = getattr(_sre_compiler, "_optimize_charset", None)
_RANGE = getattr(_sre_compiler, "RANGE", None)
_memo: dict[tuple, tuple[list, bool, Any]] = {}
_lock = threading.Lock()
_depth = 0
_saved: Any = None  # what sre held when the outermost block began, put back when it ends


def _memoised(charset, iscased=None, fixup=None, fixes=None):
    """sre's _optimize_charset, served from the memo for large classes (a fresh list each time:
    the compiler may keep it)."""
    span = sum(av[1] - av[0] + 1 for op, av in charset if op is _RANGE)
    if span < LARGE_CLASS:
        return _ORIGINAL(charset, iscased, fixup, fixes)
    # The case tables are sre's own constants: their identity names them (kept alive below).
    key = (tuple(charset), iscased, fixup, id(fixes))
    hit = _memo.get(key)
    if hit is None:
        if len(_memo) >= MAX_MEMO:
            _memo.clear()
        out, hascased = _ORIGINAL(charset, iscased, fixup, fixes)
        hit = _memo[key] = (out, hascased, fixes)
    return list(hit[0]), hit[1]


@contextmanager
def reused_charsets() -> Iterator[None]:
    """Within the block, large character classes are optimised once per process (re-entrant)."""
    global _depth, _saved
    if _ORIGINAL is None or _RANGE is None:
        yield
        return
    with _lock:
        if _depth == 0:
            _saved = _sre_compiler._optimize_charset
            _sre_compiler._optimize_charset = _memoised
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                _sre_compiler._optimize_charset = _saved
