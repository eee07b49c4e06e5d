"""The no-change run: decide from file sizes and times alone that nothing needs doing.

A scheduled run usually finds nothing new. Its inputs are the corpus (its files' names, sizes
and modification times, listed by the store's own scan, never read), the store (the files at the
top of its folder, which every update rewrites), the library, the reports file and the
notebooks. When their fingerprint equals the one the last complete, clean run recorded, every
report is up to date and the run ends without importing pandas, DuckDB or Arrow.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from dprkwatch.core.fingerprint import library_hash


def corpus_part(corpora: list[Path]) -> str:
    """Names, sizes and modification times of the corpus's documents (NothingToReadError
    when there are none: the store is never asked to update from an empty corpus)."""
    from dprkwatch.store.scan import scan

    entries, problems = scan(corpora)
    h = hashlib.sha256()
    for entry in entries:
        h.update(f"{entry.key}\0{entry.file}\0{entry.size}\0{entry.mtime_ns}\n".encode())
    h.update(f"problems {len(problems)}".encode())
    return h.hexdigest()


def store_part(store_dir: Path) -> str:
    """Sizes and modification times of the files at the top of the store's folder."""
    h = hashlib.sha256()
    try:
        for path in sorted(p for p in store_dir.iterdir() if p.is_file()):
            st = path.stat()
            h.update(f"{path.name}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    except OSError:
        return ""
    return h.hexdigest()


def inputs_part(config: Path, notebooks: Iterable[Path], options: dict) -> str:
    """The library, the reports file, the notebooks and the options that change a report."""
    h = hashlib.sha256(library_hash().encode())
    for path in (config, *sorted(set(notebooks))):
        h.update(str(path).encode() + b"\0" + path.read_bytes())
    h.update(repr(sorted(options.items())).encode())
    return h.hexdigest()


def combine(*parts: str) -> str:
    """One fingerprint of the parts ("" when one is missing)."""
    if not all(parts):
        return ""
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()
