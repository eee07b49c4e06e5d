"""The store on disk: a manifest naming the live Parquet parts, and each table's columns.

    STORE/manifest.json           written last, atomically: the store *is* what it names
    STORE/parts/<table>-r<run>-<token>.parquet

Tables are logs: an update appends parts holding only what changed (a row supersedes the
earlier rows of its key when its `run` is higher). A part is never rewritten; compaction
writes a new part and retires the old ones, which a later update deletes (so a reader that
opened the previous manifest can still finish).
"""

from __future__ import annotations

import functools
import hashlib
import json
import numbers
import secrets
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pyarrow as pa

from dprkwatch.core import atomic, paths
from dprkwatch.core.errors import StoreError

FORMAT = 1
MANIFEST = "manifest.json"
PARTS = "parts"
LOCK = ".lock"
TABLES = ("claims", "documents", "sources", "runs", "errors")
# The key whose latest row (highest run) is the current state of a thing.
KEYS = {"claims": "claim_id", "documents": "path", "sources": "claim_id", "runs": "run_id"}
# Code that decides which claims a document yields: a change re-extracts every document.
EXTRACTOR_CODE = ("core", "ingest", "lang", "numbers", "extract", "ledger.py", "ledger.yaml")


@dataclass
class Manifest:
    """What a store is: its live parts per table, version, last run, extractor and corpus roots."""

    version: str = ""
    run_id: int = 0
    extractor: str = ""
    roots: list[str] = field(default_factory=list)
    parts: dict[str, list[str]] = field(default_factory=lambda: {t: [] for t in TABLES})
    retired: list[str] = field(default_factory=list)
    n_documents: int = 0
    n_claims: int = 0
    format: int = FORMAT

    def all_parts(self) -> list[str]:
        """Every part the manifest names (live ones, then retired ones)."""
        return [p for t in TABLES for p in self.parts.get(t, [])] + list(self.retired)


def manifest_path(store_dir: Path) -> Path:
    return Path(store_dir) / MANIFEST


def part_path(store_dir: Path, name: str) -> Path:
    return Path(store_dir) / PARTS / name


def new_part_name(table: str, run_id: int) -> str:
    """A fresh part name; the token keeps a crashed run's leftovers from clashing with a retry."""
    return f"{table}-r{run_id:06d}-{secrets.token_hex(4)}.parquet"


def read_manifest(store_dir: Path) -> Manifest | None:
    """The store's manifest, None when the folder holds no store; StoreError if it is damaged."""
    path = manifest_path(store_dir)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StoreError(f"{path}: cannot read the store's manifest: {exc.strerror}") from exc
    try:
        data = json.loads(raw)
        if data.get("format") != FORMAT:
            raise StoreError(f"{path}: store format {data.get('format')!r}, expected {FORMAT}")
        parts = {t: list(data.get("parts", {}).get(t, [])) for t in TABLES}
        return Manifest(**{**data, "parts": parts})
    except (ValueError, TypeError, AttributeError) as exc:
        raise StoreError(f"{path}: the store's manifest is not valid: {exc}") from exc


def write_manifest(store_dir: Path, manifest: Manifest) -> None:
    """Replace the manifest atomically: readers see the old store or the new one."""
    atomic.write_json(manifest_path(store_dir), asdict(manifest))


def next_version(previous: str, delta_digests: list[str]) -> str:
    """The store's version after a run: unchanged when the run changed no content.

    Order-independent (digests are sorted), so any number of workers yields the same version.
    """
    if not delta_digests:
        return previous
    h = hashlib.sha256(previous.encode())
    for d in sorted(delta_digests):
        h.update(d.encode())
    return h.hexdigest()[:16]


def digest(*values: object) -> str:
    """A short stable hash of values (None and NaN as empty; 15000, 15000.0 alike)."""
    text = "\x1f".join(map(_canonical, values))
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def _canonical(v: object) -> str:
    # Most values are strings or floats: answered before the slow numbers.Real check.
    if type(v) is str:
        return "" if v in _MISSING else v
    if type(v) is float:
        return "" if v != v else repr(v)
    if isinstance(v, numbers.Real) and not isinstance(v, bool):
        f = float(v)
        return "" if f != f else repr(f)  # NaN is not equal to itself
    return "" if v is None or str(v) in _MISSING else str(v)


_MISSING = {"NaT", "<NA>"}


@functools.cache
def extractor_fingerprint() -> str:
    """Hash of the code and data claims depend on (ingest up to the ledger contract)."""
    h = hashlib.sha256()
    for name in EXTRACTOR_CODE:
        root = paths.PACKAGE_DIR / name
        files = sorted(root.rglob("*")) if root.is_dir() else [root]
        for f in files:
            if f.suffix not in (".py", ".yaml") or "__pycache__" in f.parts or not f.is_file():
                continue
            h.update(str(f.relative_to(paths.PACKAGE_DIR)).encode() + b"\0" + f.read_bytes())
    return h.hexdigest()[:16]


# --- columns ------------------------------------------------------------------------------

_CLAIM_TYPES = {
    "value": pa.float64(),
    "value_low": pa.float64(),
    "value_high": pa.float64(),
    "char_start": pa.int64(),
    "char_end": pa.int64(),
    "figure_start": pa.int64(),
    "figure_end": pa.int64(),
    "published": pa.timestamp("ns"),
    "as_of": pa.timestamp("ns"),
}
# Columns the store adds to the ledger's: identity and history of each claim.
CLAIM_STATE_COLUMNS = ["claim_id", "path", "first_seen_run", "last_seen_run", "status"]
_CLAIM_STORE_TYPES = {
    "claim_id": pa.string(),
    "path": pa.string(),
    "row_hash": pa.string(),  # the claim's content: a rewrite with the same hash is no change
    "first_seen_run": pa.int64(),
    "last_seen_run": pa.int64(),  # set when a claim goes; current claims were seen last run
    "status": pa.string(),
    "run": pa.int64(),
}
DOCUMENT_TYPES = {
    "doc_id": pa.string(),
    "path": pa.string(),  # relative to its corpus root: the document's key
    "file": pa.string(),  # where it was read from
    "language": pa.string(),
    "language_source": pa.string(),
    "outlet": pa.string(),
    "published": pa.timestamp("ns"),
    "title": pa.string(),
    "url": pa.string(),
    "n_chars": pa.int64(),
    "encoding": pa.string(),
    "replaced_bytes": pa.int64(),
    "content_hash": pa.string(),
    "size": pa.int64(),
    "mtime_ns": pa.int64(),
    "status": pa.string(),
    "n_claims": pa.int64(),
    "first_seen_run": pa.int64(),
    "run": pa.int64(),
}
SOURCE_TYPES = {"claim_id": pa.string(), "source": pa.string(), "run": pa.int64()}
RUN_TYPES = {
    "run_id": pa.int64(),
    "started": pa.timestamp("us", tz="UTC"),
    "finished": pa.timestamp("us", tz="UTC"),
    "n_new": pa.int64(),
    "n_changed": pa.int64(),
    "n_unchanged": pa.int64(),
    "n_gone": pa.int64(),
    "n_skipped": pa.int64(),
    "n_documents": pa.int64(),
    "n_claims": pa.int64(),
    "claims_new": pa.int64(),
    "claims_revised": pa.int64(),
    "claims_gone": pa.int64(),
    "version": pa.string(),
    "executor": pa.string(),
    "jobs": pa.int64(),
}
ERROR_TYPES = {
    "run": pa.int64(),
    "path": pa.string(),  # the file, as read
    "stage": pa.string(),
    "reason": pa.string(),
    # The file's key, size and time when the failure is the file's own (not a clash with
    # another file): while they stay the same the file is not read again.
    "key": pa.string(),
    "size": pa.int64(),
    "mtime_ns": pa.int64(),
}


def _claim_types() -> dict[str, pa.DataType]:
    from dprkwatch.ledger import COLUMNS, EXTRA_COLUMNS  # pandera: only when claims are written

    # Every ledger column not typed here is text (claims_frame makes them str).
    types = {c: _CLAIM_TYPES.get(c, pa.string()) for c in COLUMNS + EXTRA_COLUMNS}
    return types | _CLAIM_STORE_TYPES


@functools.cache
def schema(table: str) -> pa.Schema:
    """The Arrow schema of a table's parts."""
    types = {
        "claims": _claim_types,
        "documents": lambda: DOCUMENT_TYPES,
        "sources": lambda: SOURCE_TYPES,
        "runs": lambda: RUN_TYPES,
        "errors": lambda: ERROR_TYPES,
    }[table]()
    return pa.schema(list(types.items()))
