"""Cheap fingerprints for the incremental cache: the library source and a report's inputs."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from dprkwatch.core.fingerprint import library_hash


def corpus_fingerprint(corpus: os.PathLike | str) -> str:
    """The corpus fingerprint of dprkwatch.corpus_fingerprint (a content hash as fallback)."""
    try:
        from dprkwatch import corpus_fingerprint as fingerprint
    except ImportError:  # the corpus module is not there yet: hash the files ourselves
        fingerprint = _content_hash
    return str(fingerprint(corpus))


def _content_hash(corpus: os.PathLike | str) -> str:
    root = Path(corpus)
    h = hashlib.sha256()
    files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
    for path in files:
        if any(part.startswith(".") for part in path.relative_to(root).parts):
            continue
        h.update(str(path.relative_to(root) if path != root else path.name).encode())
        h.update(b"\0")
        h.update(path.read_bytes())
    return h.hexdigest()


def report_key(
    notebook: Path, parameters: dict, corpus_fp: str, render_options: dict, kernel: str
) -> str:
    """Cache key of one report: notebook bytes, parameters, library, corpus, render options."""
    h = hashlib.sha256()
    h.update(notebook.read_bytes())
    for part in (
        json.dumps(parameters, sort_keys=True, default=str),
        library_hash(),
        corpus_fp,
        json.dumps(render_options, sort_keys=True),
        kernel,
    ):
        h.update(b"\0")
        h.update(part.encode())
    return h.hexdigest()
