"""Cache entries the runner trusts only when it wrote them: JSON with a keyed hash beside it.

Nothing cached can execute (JSON only, never pickle), and an entry is read back only when the
HMAC-SHA256 recorded in NAME.sha256 matches its bytes under this machine's key
($XDG_STATE_HOME/dprkwatch/cache.key, created on first use, readable by its owner only). A file
planted in the cache folder, restored from a shared CI cache or edited by hand fails the check:
it is ignored, reported, and the runner rebuilds what it described.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import secrets
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from dprkwatch.core import atomic

SUFFIX = ".sha256"
KEY_ENV = "DPRKWATCH_CACHE_KEY_FILE"

Reporter = Callable[[str], None]  # where an ignored entry is reported (the progress printer)


def key_file() -> Path:
    """The key's path: $DPRKWATCH_CACHE_KEY_FILE, else under $XDG_STATE_HOME (~/.local/state)."""
    if os.environ.get(KEY_ENV):
        return Path(os.environ[KEY_ENV])
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "dprkwatch" / "cache.key"


@cache
def _key(path: str) -> bytes:
    """The machine's key, created once (0600); a per-process key when it cannot be stored."""
    target = Path(path)
    with contextlib.suppress(OSError):
        return bytes.fromhex(target.read_text(encoding="ascii").strip())
    fresh = secrets.token_hex(32)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(fresh + "\n")
    except FileExistsError:  # another process created it first: use theirs
        with contextlib.suppress(OSError, ValueError):
            return bytes.fromhex(target.read_text(encoding="ascii").strip())
    except OSError:
        pass  # read-only home: entries written now are trusted by this process only
    return bytes.fromhex(fresh)


def digest(data: bytes) -> str:
    """The keyed hash recorded beside an entry."""
    return hmac.new(_key(str(key_file())), data, hashlib.sha256).hexdigest()


def write_entry(path: str | os.PathLike, payload: Any) -> None:
    """Write payload as JSON to path and its keyed hash to path.sha256, both atomically."""
    path = Path(path)
    data = (json.dumps(payload, indent=1, sort_keys=True, default=str) + "\n").encode("utf-8")
    # Hash first: a crash between the two writes leaves an entry that fails its check.
    atomic.write_text(_sidecar(path), digest(data) + "\n")
    atomic.write_bytes(path, data)


def read_entry(path: str | os.PathLike, report: Reporter | None = None) -> Any:
    """The JSON payload at path, or None when it is missing or not the runner's own."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        _tell(report, f"ignored cache entry {path}: cannot read it ({exc.strerror})")
        return None
    try:
        recorded = _sidecar(path).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        recorded = ""
    if not hmac.compare_digest(recorded, digest(data)):
        _tell(report, f"ignored cache entry {path}: not written by dprkwatch on this machine")
        return None
    try:
        return json.loads(data)
    except ValueError:
        _tell(report, f"ignored cache entry {path}: not valid JSON")
        return None


def remove_entry(path: str | os.PathLike) -> None:
    """Delete an entry and its hash (missing files are fine)."""
    for target in (Path(path), _sidecar(Path(path))):
        with contextlib.suppress(FileNotFoundError):
            target.unlink()


def _sidecar(path: Path) -> Path:
    return path.with_name(path.name + SUFFIX)


def _tell(report: Reporter | None, message: str) -> None:
    if report is not None:
        report(message)
