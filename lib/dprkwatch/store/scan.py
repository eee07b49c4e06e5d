"""Find the corpus's files and their size and modification time, without reading them.

A document's key is its path relative to the corpus folder it was found under (a file given
by itself: its name), so a corpus moved or mounted elsewhere keeps its claims' identities. A
folder that is missing, empty or cannot be listed stops the update before anything is written:
a vanished mount must not mark every document gone.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from dprkwatch.core.errors import InputError, NothingToReadError
from dprkwatch.ingest.files import is_document, not_regular


@dataclass(frozen=True)
class Entry:
    """A corpus file: key, where it is, size and modification time (ns)."""

    key: str
    file: str
    size: int
    mtime_ns: int


@dataclass(frozen=True)
class Task:
    """One file to look at: its key in the store, where to read it, what the store holds of it."""

    key: str
    file: str
    size: int
    mtime_ns: int
    old_hash: str = ""  # content hash the store has for this key ("" for a new file)
    force: bool = False  # extract even when the content is unchanged (the extractor changed)


def scan(roots: list[Path]) -> tuple[list[Entry], list[InputError]]:
    """Every document under the roots, sorted by key; clashing keys are problems, not entries."""
    found: dict[str, Entry] = {}
    problems: list[InputError] = []
    for root in roots:
        entries = _walk(root, problems)
        if not entries:  # an unmounted share is often an empty folder
            raise NothingToReadError(
                f"{root}: no documents to read (.txt, .md, .html); store left as it was"
            )
        for entry in entries:
            if entry.key in found:
                reason = f"same relative path as {found[entry.key].file} in another corpus folder"
                problems.append(InputError(entry.file, reason, "read"))
                continue
            found[entry.key] = entry
    if not found:
        raise NothingToReadError("no corpus folder given; store left as it was")
    return sorted(found.values(), key=lambda e: e.key), problems


def _walk(root: Path, problems: list[InputError]) -> list[Entry]:
    """The documents under root (links to folders are not followed); special files are problems."""
    if root.is_file():
        st = root.stat()
        return [Entry(root.name, str(root), st.st_size, st.st_mtime_ns)]
    if not root.is_dir():
        raise NothingToReadError(f"{root}: no such folder or file; store left as it was")

    def fail(exc: OSError) -> None:
        raise NothingToReadError(
            f"{exc.filename or root}: cannot list the folder ({exc.strerror}); store left as it was"
        ) from exc

    entries = []
    for folder, dirs, files in os.walk(root, onerror=fail):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if not is_document(name):
                continue
            path = Path(folder) / name
            try:
                st = path.stat()
            except OSError:
                continue  # vanished between listing and stat: it is simply not there
            why = not_regular(st.st_mode)
            if why is not None:  # a FIFO named .txt must never block an update
                problems.append(InputError(path, f"{why}, not a regular file: not read", "read"))
                continue
            key = path.relative_to(root).as_posix()
            entries.append(Entry(key, str(path), st.st_size, st.st_mtime_ns))
    return entries
