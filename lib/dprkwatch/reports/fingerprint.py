"""The cache key of one report: everything its HTML depends on, and nothing it does not."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from dprkwatch.core.fingerprint import library_hash


def report_key(
    notebook: Path, parameters: dict, store_version: str, render_options: dict, kernel: str
) -> str:
    """Notebook bytes, parameters, library, the store's version, render options and kernel.

    The store's version stands for the corpus: it changes exactly when the claims or the
    documents' metadata do, so no document is read or hashed to decide what to rebuild.
    """
    h = hashlib.sha256()
    h.update(notebook.read_bytes())
    for part in (
        json.dumps(parameters, sort_keys=True, default=str),
        library_hash(),
        store_version,
        json.dumps(render_options, sort_keys=True),
        kernel,
    ):
        h.update(b"\0")
        h.update(part.encode())
    return h.hexdigest()
