"""A hash of the installed library (code, data, assets): part of every cache key."""

from __future__ import annotations

import hashlib
from functools import cache

from dprkwatch import __version__
from dprkwatch.core import paths

# Files whose change may change a report: code, language data, assets (templates, fonts, CSS).
_LIBRARY_SUFFIXES = {
    ".py",
    ".yaml",
    ".yml",
    ".json",
    ".css",
    ".j2",
    ".html",
    ".txt",
    ".ttf",
    ".woff",
}


@cache
def library_hash() -> str:
    """Hash of dprkwatch's version and every source/data file of the installed package."""
    h = hashlib.sha256(__version__.encode())
    for path in sorted(paths.PACKAGE_DIR.rglob("*")):
        if "__pycache__" in path.parts or path.suffix not in _LIBRARY_SUFFIXES:
            continue
        if not path.is_file():
            continue
        h.update(str(path.relative_to(paths.PACKAGE_DIR)).encode())
        h.update(b"\0")
        h.update(path.read_bytes())
    return h.hexdigest()
