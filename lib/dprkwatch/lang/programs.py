"""Compiled pack patterns kept on disk, so that a new process does not compile them again.

sre's parser and code generator are written in Python: compiling the ~4,400 patterns of the 18
packs is 2.3 of the 3.4 CPU-seconds a fresh process spends loading them (each `dprkwatch`
command, update, Dask worker and notebook kernel pays it). The program sre runs for a pattern is
a function of the pattern, its flags and the interpreter alone. `stored_programs(name)` keeps
the programs a pack build compiles in one file per build (`paths.CACHE_DIR`/sre-<interpreter>/
<name>.marshal) and, in the next process, hands sre the stored program instead of compiling
the pattern again. The patterns are equal to freshly compiled ones (`re.Pattern` equality
compares programs); a file that is missing, unreadable or wrong is ignored and rewritten; where
this interpreter's sre builds its patterns differently (checked once), nothing is changed.
"""

from __future__ import annotations

import importlib
import marshal
import sys
import threading
import unicodedata
from array import array
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from dprkwatch.core.atomic import write_bytes
from dprkwatch.core.errors import DprkwatchError
from dprkwatch.core.paths import CACHE_DIR

_compiler: Any
_parser: Any
_sre: Any
try:  # CPython's own modules (no type stubs: private)
    _compiler = importlib.import_module("re._compiler")
    _parser = importlib.import_module("re._parser")
    _sre = importlib.import_module("_sre")
except ImportError:  # pragma: no cover - other interpreters compile as before
    _compiler = _parser = _sre = None

# What sre hands its C part: (flags, program as 32-bit words, groups, group index, group names).
Program = tuple[int, bytes, int, dict, tuple]

_ORIGINAL: Any = getattr(_compiler, "compile", None)
_lock = threading.Lock()
_stack: list[_Store] = []  # the builds under way, innermost last
_saved: Any = None  # sre's compile function, put back when the outermost block ends
_works: bool | None = None  # whether stored programs build equal patterns (checked once)


class _Store:
    """The programs of one pack build: those read from its file and those it used."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.known = _read(path)
        self.used: dict[tuple[str, int], Program] = {}
        self.missed = False  # a pattern compiled: the file is rewritten with what was used


def _folder() -> Path:
    version = ".".join(map(str, sys.version_info[:3]))
    tag = f"{sys.implementation.cache_tag}-{version}-{_sre.MAGIC}-{unicodedata.unidata_version}"
    return CACHE_DIR / f"sre-{tag}"


def _read(path: Path) -> dict:
    try:
        data = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    return data if isinstance(data, dict) else {}


def _program(pattern: str, flags: int) -> Program:
    """What re._compiler.compile passes to _sre.compile for `pattern` (its last lines)."""
    tree = _parser.parse(pattern, flags)
    code = _compiler._code(tree, flags)
    groupindex = dict(tree.state.groupdict)
    indexgroup: list[str | None] = [None] * tree.state.groups
    for k, i in groupindex.items():
        indexgroup[i] = k
    words = array("I", code).tobytes()
    return flags | tree.state.flags, words, tree.state.groups - 1, groupindex, tuple(indexgroup)


def _pattern(pattern: str, program: Program) -> Any:
    flags, words, groups, groupindex, indexgroup = program
    code = array("I", words).tolist()
    return _sre.compile(pattern, flags, code, groups, dict(groupindex), tuple(indexgroup))


def _stored_compile(p: Any, flags: int = 0) -> Any:
    """sre's compile, serving a pattern of the build under way from its store."""
    store = _stack[-1] if _stack else None
    if store is None or not isinstance(p, str):
        return _ORIGINAL(p, flags)
    key = (p, int(flags))
    program: Program | None = store.known.get(key)
    try:
        compiled = _pattern(p, program) if program is not None else None
    except (RuntimeError, TypeError, ValueError):  # a damaged entry: sre checks every program
        compiled = None
    if compiled is None or program is None:
        program = _program(p, int(flags))
        compiled = _pattern(p, program)
        store.missed = True
    store.used[key] = program
    return compiled


def _check() -> bool:
    """Programs built here make patterns equal to sre's own, on a pattern of every kind used."""
    probe = r"(?:(?<![\wà-ö])(?P<n>\d+(?:[.,]\d{3})*)|(?=[ab])x\s+y*?)(?-i:Z)(?!\w)"
    if _ORIGINAL is None or array("I").itemsize != getattr(_sre, "CODESIZE", 0):
        return False
    try:
        return all(_pattern(probe, _program(probe, f)) == _ORIGINAL(probe, f) for f in (0, 2, 34))
    except Exception:  # any difference in sre's internals: compile as before
        return False


@contextmanager
def stored_programs(name: str) -> Iterator[None]:
    """Within the block, patterns compiled come from the store `name` (re-entrant: a build inside
    another has its own); where the block compiled any, the store is rewritten with exactly the
    programs it used (a pack edited leaves no stale ones)."""
    global _works, _saved
    with _lock:
        if _works is None:
            _works = _check()
        if not _works or not CACHE_DIR.is_absolute():
            store = None
        else:
            store = _Store(_folder() / f"{name}.marshal")
            if not _stack:
                _saved = _compiler.compile
                _compiler.compile = _stored_compile
            _stack.append(store)
    if store is None:
        yield
        return
    try:
        yield
    finally:
        with _lock:
            _stack.remove(store)
            if not _stack:
                _compiler.compile = _saved
    if store.missed:
        _write(store)


def _write(store: _Store) -> None:
    try:
        write_bytes(store.path, marshal.dumps(store.used))
    except (OSError, DprkwatchError):
        pass  # a read-only or full disk: the next process compiles again
