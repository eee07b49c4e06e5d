"""The unit of work an update hands to a core or a Dask worker: read and extract a batch of files.

A pure function of the files and the installed language packs: any worker, in any order, gives
the same rows. It never raises for a bad document; the document comes back with its problem.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field

import pandas as pd

from dprkwatch.core.errors import InputError
from dprkwatch.ingest.corpus import Document
from dprkwatch.ingest.files import read_bytes
from dprkwatch.ledger import claims_frame, extract_file, validate_by_document, validate_claims
from dprkwatch.store.layout import digest, extractor_fingerprint
from dprkwatch.store.scan import Task

# What identifies a claim across runs: where its figure sits and what it says.
IDENTITY = ("indicator", "figure_start", "figure_end", "value", "value_low", "value_high")


@dataclass
class DocResult:
    """What became of one file: touched (same content), extracted, or skipped (problems)."""

    task: Task
    outcome: str
    content_hash: str = ""
    document: dict | None = None
    problems: list[InputError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class BatchResult:
    """A batch's documents and their validated claims (with claim_id, row_hash and path)."""

    docs: list[DocResult]
    claims: pd.DataFrame
    fingerprint: str
    chars: int = 0
    seconds: float = 0.0  # CPU seconds the batch took


def process_batch(tasks: list[Task]) -> BatchResult:
    """Read, extract and validate a batch of files (never raises for one bad document)."""
    started = time.process_time()  # CPU time: what a core spent, however busy the machine
    results, rows_by_key, chars = [], {}, 0
    for task in tasks:
        result, rows = _process_one(task)
        results.append(result)
        if result.outcome == "extracted" and result.document is not None:
            rows_by_key[task.key] = rows
            chars += result.document["n_chars"]
    claims = _validated(results, rows_by_key)
    return BatchResult(
        results, claims, extractor_fingerprint(), chars, time.process_time() - started
    )


def warm_up() -> None:
    """Compile every language pack and the detectors once (a pool's workers then share them)."""
    from dprkwatch.extract import claims_from_document
    from dprkwatch.extract.timing import stated_dates
    from dprkwatch.ingest.detect import available_languages, detect_language

    rows = []
    for code in sorted(available_languages()):
        doc = Document(
            "warm", "warm", "North Korea sent 1,000 troops to Russia, the NIS said.", code
        )
        rows += claims_from_document(doc)
        # Date patterns are built at a pack's first dated claim: in each worker, unless here.
        stated_dates("1 March 2024", code)
    validate_claims(claims_frame(rows))
    extractor_fingerprint()  # computed once here: forked workers report the same
    detect_language("North Korea and Russia " * 12)
    detect_language("Северная Корея и Россия " * 12)


def _process_one(task: Task) -> tuple[DocResult, list[dict]]:
    try:
        data = read_bytes(task.file)  # regular files only, never blocks, size limit
    except InputError as problem:
        return DocResult(task, "skipped", problems=[problem]), []
    content_hash = hashlib.sha256(data).hexdigest()[:32]
    if content_hash == task.old_hash and not task.force:
        return DocResult(task, "touched", content_hash), []
    # ledger.extract_file never raises for a bad document; the contract check is the batch's.
    got = extract_file(task.file, data=data, validate=False)
    if got.document is None or got.problems:
        return DocResult(task, "skipped", content_hash, None, got.problems, got.warnings), []
    meta = document_metadata(got.document, task, content_hash, len(got.rows))
    return DocResult(task, "extracted", content_hash, meta, [], got.warnings), got.rows


def document_metadata(doc: Document, task: Task, content_hash: str, n_claims: int) -> dict:
    """A document's row in the store (everything but its text)."""
    return {
        "doc_id": doc.doc_id,
        "path": task.key,
        "file": task.file,
        "language": doc.language,
        "language_source": doc.language_source,
        "outlet": doc.outlet,
        "published": pd.Timestamp(doc.published) if doc.published else pd.NaT,
        "title": doc.title,
        "url": doc.url,
        "n_chars": len(doc.text),
        "encoding": str(doc.meta.get("encoding", "")),
        "replaced_bytes": int(doc.meta.get("replaced_bytes", 0) or 0),
        "content_hash": content_hash,
        "size": task.size,
        "mtime_ns": task.mtime_ns,
        "n_claims": n_claims,
    }


def _validated(results: list[DocResult], rows_by_key: dict[str, list[dict]]) -> pd.DataFrame:
    """The batch's claims, validated at once; a document that breaks the contract is skipped.

    Rows carry their file's key as doc_id while validated: two files of one name in a batch
    (a clash the update resolves later) must not be taken for one document.
    """
    keys = [k for k, rows in rows_by_key.items() if rows]
    frame = claims_frame([row | {"doc_id": key} for key in keys for row in rows_by_key[key]])
    by_key = {r.task.key: r for r in results}
    valid, problems = validate_by_document(frame, {k: by_key[k].task.file for k in keys})
    for problem in problems:
        key = next(k for k in keys if by_key[k].task.file == problem.path)
        result = by_key[key]
        result.outcome, result.document = "skipped", None
        result.problems.append(problem)
    kept = [k for k in keys if by_key[k].outcome == "extracted"]
    valid = valid.reset_index(drop=True)
    valid["doc_id"] = [(by_key[k].document or {}).get("doc_id") for k in valid["doc_id"]]
    return _with_identity(valid, rows_by_key, kept)


def _with_identity(
    df: pd.DataFrame, rows_by_key: dict[str, list[dict]], keys: list[str]
) -> pd.DataFrame:
    """Add path, claim_id (stable across runs) and row_hash (the claim's whole content)."""
    df = df.reset_index(drop=True)
    df["path"] = pd.Series([key for key in keys for _ in rows_by_key[key]], dtype=object)
    ident = zip(df["path"], *(df[c] for c in IDENTITY), strict=True)
    df["claim_id"] = pd.Series([digest(*v) for v in ident], dtype=object)
    nth = df.groupby("claim_id").cumcount()
    if nth.any():  # two claims at one place with one value: told apart by their order
        df["claim_id"] = df["claim_id"].where(nth == 0, df["claim_id"] + "-" + nth.astype(str))
    content = df.drop(columns=["path", "claim_id"]).astype(str).to_numpy()
    df["row_hash"] = pd.Series([digest(*v) for v in content], dtype=object)
    return df
