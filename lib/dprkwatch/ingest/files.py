"""Find and open the corpus's files, with bounded work and every skip reported.

Only regular files are read: a FIFO, a device, a socket or a link to one is named as skipped
without being opened for reading in a way that can block (files are opened non-blocking and
checked again on the open descriptor). A document larger than the size limit is skipped with
its size. Folders are walked with an explicit stack, so nesting depth is unbounded; a folder or
file that cannot be listed or opened is reported, never silently left out. Files in formats
the suite cannot read (PDF, Word, images, archives), by suffix or by their first bytes, are
named as unsupported with the formats that are.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from dprkwatch.core.errors import InputError, NothingToReadError

SUFFIXES = (".txt", ".md", ".html", ".htm")
READ_FORMATS = "plain text (.txt), Markdown (.md) and HTML (.html, .htm)"
# One document larger than this is skipped with its size (`max_bytes` / --max-bytes).
DEFAULT_MAX_BYTES = 5_000_000

# Formats people drop into corpus folders that the suite does not read, by suffix.
UNSUPPORTED_SUFFIXES = {
    ".pdf": "PDF",
    ".doc": "Word",
    ".docx": "Word",
    ".odt": "OpenDocument text",
    ".rtf": "RTF",
    ".xls": "Excel",
    ".xlsx": "Excel",
    ".ppt": "PowerPoint",
    ".pptx": "PowerPoint",
    ".epub": "EPUB",
    ".png": "image",
    ".jpg": "image",
    ".jpeg": "image",
    ".gif": "image",
    ".webp": "image",
    ".tif": "image",
    ".tiff": "image",
    ".bmp": "image",
    ".zip": "archive",
    ".gz": "archive",
    ".tgz": "archive",
    ".bz2": "archive",
    ".xz": "archive",
    ".7z": "archive",
    ".rar": "archive",
    ".tar": "archive",
}
# The same formats by their first bytes (a PDF saved as .txt is still a PDF).
MAGIC = (
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP archive (or Word/OpenDocument)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Word/Excel (OLE)"),
    (b"{\\rtf", "RTF"),
    (b"\x89PNG\r\n\x1a\n", "image"),
    (b"\xff\xd8\xff", "image"),
    (b"GIF87a", "image"),
    (b"GIF89a", "image"),
    (b"\x1f\x8b", "archive (gzip)"),
    (b"BZh", "archive (bzip2)"),
    (b"\xfd7zXZ\x00", "archive (xz)"),
    (b"7z\xbc\xaf\x27\x1c", "archive (7z)"),
    (b"Rar!\x1a\x07", "archive (RAR)"),
)
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


@dataclass
class Found:
    """What a walk passed by: how many files it gave, and everything else with the reason."""

    files: int = 0  # documents handed out to be read
    sniffed: int = 0  # of those, found by their first bytes to be PDFs, images, archives...
    problems: list[InputError] = field(default_factory=list)  # should have been read, was not
    unsupported: list[InputError] = field(default_factory=list)  # formats the suite cannot read
    ignored: int = 0  # other files (not documents: .json, .py, ...), left alone


def unsupported_format(name: str) -> str | None:
    """The format a file name says the suite cannot read ("PDF"), or None."""
    return UNSUPPORTED_SUFFIXES.get(Path(name).suffix.lower())


def sniff(data: bytes) -> str | None:
    """The unsupported format `data` starts with ("PDF", "image", ...), or None."""
    return next((name for magic, name in MAGIC if data.startswith(magic)), None)


def unsupported_error(path: str | os.PathLike, fmt: str) -> InputError:
    """The skip of a file in a format the suite cannot read, naming the formats it can."""
    return InputError(path, f"{fmt} file: not a format the suite reads ({READ_FORMATS})", "format")


def is_document(name: str) -> bool:
    """Files the reader reads: a known suffix, not hidden, not a README."""
    lower = name.lower()
    return lower.endswith(SUFFIXES) and not name.startswith(".") and lower != "readme.md"


def not_regular(mode: int) -> str | None:
    """Why a file of this mode is not read ("a FIFO (named pipe)"), or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((what for test, what in _KINDS if test(mode)), "not a regular file")


def find(
    paths: str | os.PathLike | Iterable[str | os.PathLike], found: Found | None = None
) -> Iterator[Path]:
    """Documents under the given folders and files, in a stable order, one at a time.

    What is not read (missing paths, URLs, special files, unreadable folders, unsupported
    formats) is recorded in `found` as the walk passes it.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    found = found if found is not None else Found()
    for given in paths:
        yield from _find_one(str(given), found)


def _find_one(given: str, found: Found) -> Iterator[Path]:
    if _URL.match(given):
        reason = "a URL: URLs are not fetched; save the page and give the file"
        found.problems.append(InputError(given, reason, "read"))
        return
    path = Path(given)
    try:
        st = path.stat()
    except OSError as exc:
        found.problems.append(InputError(path, _os_reason(exc, "no such file or folder"), "read"))
        return
    if stat.S_ISDIR(st.st_mode):
        yield from _walk(path, found)
    elif _file(path, path.name, st.st_mode, found, given_by_name=True):
        yield path


def _walk(root: Path, found: Found) -> Iterator[Path]:
    """Depth first, sorted, with an explicit stack: any nesting depth, no recursion.

    Links to folders are followed; a folder reached twice (a link back up the tree) is read
    once and the second way in is reported.
    """
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        entries = _list(folder, seen, found)
        subfolders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue  # hidden: .git, editors' files
            mode = _mode(entry, found)
            if mode is None:
                continue
            if stat.S_ISDIR(mode):
                subfolders.append(Path(entry.path))
            elif _file(Path(entry.path), entry.name, mode, found):
                yield Path(entry.path)
        stack.extend(reversed(subfolders))


def _list(folder: Path, seen: set[tuple[int, int]], found: Found) -> list[os.DirEntry]:
    """A folder's entries by name ([] when it cannot be listed or was read already: reported)."""
    try:
        st = folder.stat()
        if (st.st_dev, st.st_ino) in seen:
            reason = "a folder already read (reached again through a link): not read twice"
            found.problems.append(InputError(folder, reason, "read"))
            return []
        seen.add((st.st_dev, st.st_ino))
        with os.scandir(folder) as it:
            return sorted(it, key=lambda e: e.name)
    except OSError as exc:
        found.problems.append(
            InputError(folder, f"cannot list the folder: {_os_reason(exc)}", "read")
        )
        return []


def _mode(entry: os.DirEntry, found: Found) -> int | None:
    """The entry's file mode, links followed; None when it cannot be known (reported)."""
    try:
        return entry.stat().st_mode
    except OSError as exc:
        broken = exc.errno == errno.ENOENT and entry.is_symlink()
        reason = "a broken link (it leads nowhere)" if broken else _os_reason(exc)
        found.problems.append(InputError(entry.path, reason, "read"))
        return None


def _file(path: Path, name: str, mode: int, found: Found, given_by_name: bool = False) -> bool:
    """Whether to read this file; what is not read is recorded in `found`."""
    fmt = unsupported_format(name)
    if fmt is not None:
        found.unsupported.append(unsupported_error(path, fmt))
        return False
    if not (is_document(name) or given_by_name):
        found.ignored += 1
        return False
    why = not_regular(mode)
    if why is not None:
        found.problems.append(InputError(path, f"{why}, not a regular file: not read", "read"))
        return False
    found.files += 1
    return True


def _os_reason(exc: OSError, missing: str = "") -> str:
    if exc.errno == errno.ENOENT and missing:
        return missing
    if exc.errno == errno.ELOOP:
        return "a link that leads to itself"
    return exc.strerror or str(exc)


@contextmanager
def open_regular(path: str | os.PathLike) -> Iterator[BinaryIO]:
    """Open a regular file for reading without ever blocking; InputError for anything else.

    Opened non-blocking, then checked on the descriptor: a file swapped for a FIFO between
    the walk and the read is refused, not waited on.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise InputError(path, f"cannot open: {_os_reason(exc, 'no such file')}", "read") from None
    try:
        why = not_regular(os.fstat(fd).st_mode)
        if why is not None:
            raise InputError(path, f"{why}, not a regular file: not read", "read")
        os.set_blocking(fd, True)
        fh = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with fh:
        yield fh


def read_bytes(path: str | os.PathLike, max_bytes: int | None = DEFAULT_MAX_BYTES) -> bytes:
    """A regular file's bytes, at most `max_bytes` (None: no limit); InputError otherwise."""
    with open_regular(path) as fh:
        size = os.fstat(fh.fileno()).st_size
        if max_bytes is not None and size > max_bytes:
            raise InputError(path, _too_large(size, max_bytes), "read")
        try:
            # One byte more than allowed tells a file that grew while we read it.
            data = fh.read(max_bytes + 1 if max_bytes is not None else -1)
        except OSError as exc:
            raise InputError(path, f"cannot read: {_os_reason(exc)}", "read") from None
    if max_bytes is not None and len(data) > max_bytes:
        raise InputError(path, _too_large(len(data), max_bytes), "read")
    return data


def _too_large(size: int, limit: int) -> str:
    return (
        f"{size / 1e6:.1f} MB, larger than the {limit / 1e6:g} MB limit per document "
        "(raise it with --max-bytes)"
    )


def nothing_to_read(given: list[str], found: Found) -> NothingToReadError:
    """The error for paths that hold no document, saying what they hold instead."""
    where = ", ".join(given) or "the corpus"
    if found.unsupported:
        kinds = sorted({e.reason.split(" file:", 1)[0] for e in found.unsupported})
        n = len(found.unsupported)
        return NothingToReadError(
            f"{where}: only files in formats the suite does not read ({n} {', '.join(kinds)}); "
            f"it reads {READ_FORMATS}"
        )
    if found.problems:
        first = found.problems[0]
        more = f" (and {len(found.problems) - 1} more)" if len(found.problems) > 1 else ""
        return NothingToReadError(f"nothing to read: {first}{more}")
    return NothingToReadError(f"{where}: no documents to read ({READ_FORMATS})")
