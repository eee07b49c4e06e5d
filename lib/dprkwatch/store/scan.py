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
from typing import NamedTuple

from dprkwatch.core.errors import InputError, NothingToReadError
from dprkwatch.ingest.files import is_document, not_regular


class Entry(NamedTuple):
    """A corpus file: key, where it is, size and modification time (ns); a tuple, as a scan
    makes one per file."""

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
    """The documents under root (links to folders are not followed); special files are problems.

    os.scandir and plain strings: 100,000 files are listed and stat-ed in well under a second.
    """
    if root.is_file():
        st = root.stat()
        return [Entry(root.name, str(root), st.st_size, st.st_mtime_ns)]
    if not root.is_dir():
        raise NothingToReadError(f"{root}: no such folder or file; store left as it was")
    entries: list[Entry] = []
    stack = [(str(root), "")]
    while stack:
        folder, rel = stack.pop()
        for entry in _list(folder):
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                stack.append((entry.path, f"{rel}{entry.name}/"))
            elif is_document(entry.name):
                _add(entry, rel, entries, problems)
    return entries


def _list(folder: str) -> list[os.DirEntry]:
    try:
        with os.scandir(folder) as it:
            return list(it)
    except OSError as exc:  # a folder we cannot list must not turn its documents into "gone"
        raise NothingToReadError(
            f"{folder}: cannot list the folder ({exc.strerror}); store left as it was"
        ) from exc


def _add(entry: os.DirEntry, rel: str, entries: list[Entry], problems: list[InputError]) -> None:
    try:
        st = entry.stat()
    except OSError:
        return  # vanished between listing and stat: it is simply not there
    why = not_regular(st.st_mode)
    if why is not None:  # a FIFO named .txt must never block an update
        problems.append(InputError(entry.path, f"{why}, not a regular file: not read", "read"))
        return
    entries.append(Entry(rel + entry.name, entry.path, st.st_size, st.st_mtime_ns))
