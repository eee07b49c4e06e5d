"""`dprkwatch extract`: documents in, claims ledger out (CSV, Parquet or JSON lines).

Streams: documents are read one at a time and the ledger is written in batches, so memory
does not grow with the corpus. One bad document is a reported skip (one line on standard
error with its path, stage and reason); the others go on. Output files are written atomically
(temporary file, then rename): a crash, a full disk or a run that reads nothing leaves the
previous file as it was. Exit status (as every command's): 0 when every document was read, 1
when some were skipped (the others are in the ledger) or none could be read, 2 for a usage error
or when the paths hold no document at all, 4 for a full disk. Files in formats the suite does
not read are named but do not count as skipped.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING

from dprkwatch.cli.formats import FORMATS, TableWriter, output_format
from dprkwatch.core.errors import DprkwatchError, InputError, UsageError

if TYPE_CHECKING:
    import pandas as pd

    from dprkwatch.ingest.corpus import Document, ReadError
    from dprkwatch.ingest.files import Found

BATCH_DOCS = 500
# The documents table (--documents): one row per document read or skipped.
DOCUMENT_COLUMNS = [
    "doc_id",
    "path",
    "status",  # read | skipped
    "stage",  # where a skipped document failed
    "reason",
    "language",
    "language_source",
    "encoding",
    "replaced_bytes",
    "title",
    "outlet",
    "url",
    "published",
    "n_chars",
    "n_claims",
]


def register(sub) -> None:
    p = sub.add_parser(
        "extract",
        help="extract the claims ledger from documents",
        description="Read documents (.txt, .md, .html; folders recursively) and write one row per quantitative claim.",
    )
    p.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or folders (default: the seeds/ folder)"
    )
    p.add_argument("--out", "-o", metavar="FILE", help="output file (default: standard output)")
    p.add_argument(
        "--format",
        "-f",
        choices=FORMATS,
        help="output format (default: from --out's suffix: .csv, .parquet, .jsonl; else csv)",
    )
    p.add_argument(
        "--documents",
        metavar="FILE",
        help="also write the documents table (encoding, replaced bytes, language, skips) there",
    )
    p.add_argument(
        "--raw-csv",
        action="store_true",
        help="write CSV cells as they are (by default a cell starting with = + - @ gets a quote)",
    )
    p.add_argument(
        "--max-bytes",
        type=_size,
        default=None,
        metavar="N",
        help="skip documents larger than N bytes (default: 5000000; 0: no limit)",
    )
    p.add_argument("--no-progress", action="store_true", help="no progress bar on standard error")
    p.add_argument(
        "--explain",
        action="store_true",
        help="instead of the ledger, print every figure of each document with the rule that "
        "accepted or rejected it and the words that decided",
    )
    p.set_defaults(func=run)


def _size(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of bytes") from None
    if n < 0:
        raise argparse.ArgumentTypeError("a size cannot be negative")
    return n


@dataclass
class Run:
    """What a run read, skipped and warned about: the summary and the documents table."""

    read: int = 0
    claims: int = 0
    skipped: list[InputError] = field(default_factory=list)
    warnings: list[ReadError] = field(default_factory=list)
    found: Found | None = None  # the walk's record: unsupported formats
    shown: tuple[int, int] = (0, 0)  # skips and warnings already printed
    tabled: int = 0  # skips already in the documents table

    def print_new(self) -> None:
        """One line per new warning and skip on standard error, each with its path."""
        skips, warns = self.shown
        for w in self.warnings[warns:]:
            print(f"warning: {w}", file=sys.stderr)
        for e in self.skipped[skips:]:
            print(f"skipped ({e.stage}): {e}", file=sys.stderr)
        self.shown = (len(self.skipped), len(self.warnings))


class _NothingRead(Exception):
    """No document could be read: the output files are left as they were."""


def ledger_batches(
    docs: Iterable[Document], run: Run, batch_docs: int = BATCH_DOCS
) -> Iterator[tuple[pd.DataFrame, pd.DataFrame]]:
    """(claims, documents) frames per batch of documents; bad documents go to `run.skipped`."""
    from dprkwatch.ledger import document_claims

    pending: list[tuple[Document, list[dict]]] = []
    for doc in docs:
        rows, problems = document_claims(doc, validate=False)
        if problems:
            run.skipped.extend(problems)
        else:
            pending.append((doc, rows))
        if len(pending) >= batch_docs:
            yield _batch(pending, run)
            pending = []
    yield _batch(pending, run)


def _batch(
    pending: list[tuple[Document, list[dict]]], run: Run
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Validate a batch's claims at once; documents that fail are skipped, the rest kept."""
    import pandas as pd

    from dprkwatch.ledger import claims_frame, validate_by_document

    rows = [r for _, doc_rows in pending for r in doc_rows]
    claims, problems = validate_by_document(
        claims_frame(rows), {d.doc_id: d.path for d, _ in pending}
    )
    run.skipped.extend(problems)
    failed = {p.path for p in problems}
    table = [_document_row(d, len(r)) for d, r in pending if d.path not in failed]
    run.read += len(table)
    run.claims += len(claims)
    table += [_skipped_row(e) for e in run.skipped[run.tabled :]]
    run.tabled = len(run.skipped)
    run.print_new()
    return claims, pd.DataFrame(table, columns=DOCUMENT_COLUMNS)


def _document_row(doc: Document, n_claims: int) -> dict:
    return {
        "doc_id": doc.doc_id,
        "path": doc.path,
        "status": "read",
        "stage": "",
        "reason": "",
        "language": doc.language,
        "language_source": doc.language_source,
        "encoding": str(doc.meta.get("encoding", "")),
        "replaced_bytes": int(doc.meta.get("replaced_bytes", 0) or 0),
        "title": doc.title,
        "outlet": doc.outlet,
        "url": doc.url,
        "published": doc.published.isoformat() if doc.published else "",
        "n_chars": len(doc.text),
        "n_claims": n_claims,
    }


def _skipped_row(error: InputError) -> dict:
    empty = dict.fromkeys(DOCUMENT_COLUMNS, "") | {"replaced_bytes": 0, "n_chars": 0}
    return empty | {
        "doc_id": Path(error.path).stem,
        "path": error.path,
        "status": "skipped",
        "stage": error.stage,
        "reason": error.reason,
        "n_claims": 0,
    }


def run(args: argparse.Namespace) -> int:
    """Run `dprkwatch extract`; see the module docstring for the exit status."""
    if args.explain:
        return explain(args)
    try:
        fmt = output_format(args.format, args.out, strict=True)
        doc_fmt = output_format(None, args.documents, strict=True) if args.documents else ""
        if fmt == "parquet" and not args.out:
            raise UsageError("--format parquet needs --out FILE")
    except UsageError as exc:
        print(f"dprkwatch extract: error: {exc}", file=sys.stderr)
        return exc.exit_code
    state = Run()
    try:
        _extract(args, fmt, doc_fmt, state)
    except _NothingRead:
        pass
    except DprkwatchError as exc:  # nothing to read at all, a full disk
        state.print_new()
        print(f"dprkwatch extract: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except OSError as exc:
        print(f"dprkwatch extract: error: cannot write: {exc}", file=sys.stderr)
        return 1
    return _summary(args, state)


def explain(args: argparse.Namespace) -> int:
    """`--explain`: each document's figures, the rule that decided each and why."""
    from dprkwatch.core.paths import SEEDS_DIR
    from dprkwatch.extract.explain import explain as explain_doc
    from dprkwatch.extract.explain import explain_table
    from dprkwatch.ingest.corpus import iter_documents

    state = Run()
    try:
        for doc in iter_documents(args.paths or [str(SEEDS_DIR)], state.skipped, state.warnings):
            state.read += 1
            print(f"== {doc.path} ({doc.language})")
            print(explain_table(explain_doc(doc)))
            state.print_new()
    except DprkwatchError as exc:
        state.print_new()
        print(f"dprkwatch extract: error: {exc}", file=sys.stderr)
        return exc.exit_code
    state.print_new()
    return 0 if state.read and not state.skipped else 1


def _extract(args: argparse.Namespace, fmt: str, doc_fmt: str, state: Run) -> None:
    from dprkwatch.core.atomic import replacing
    from dprkwatch.core.paths import SEEDS_DIR
    from dprkwatch.ingest.corpus import DEFAULT_MAX_BYTES, iter_documents
    from dprkwatch.ingest.files import Found

    limit = DEFAULT_MAX_BYTES if args.max_bytes is None else (args.max_bytes or None)
    state.found = Found()
    docs: Iterable[Document] = iter_documents(
        args.paths or [str(SEEDS_DIR)],
        state.skipped,
        state.warnings,
        max_bytes=limit,
        found=state.found,
    )
    if not args.no_progress and sys.stderr.isatty():
        from tqdm import tqdm

        docs = tqdm(docs, desc="documents", unit="doc", file=sys.stderr)
    with ExitStack() as stack:
        # Writers close before their temporary files are renamed (or removed, on error).
        out: Path | IO[str] = stack.enter_context(replacing(args.out)) if args.out else sys.stdout
        ledger = TableWriter(out, fmt, args.raw_csv)
        stack.callback(ledger.close)
        table = None
        if args.documents:
            tmp = stack.enter_context(replacing(args.documents))
            table = TableWriter(tmp, doc_fmt, args.raw_csv)
            stack.callback(table.close)
        for claims, documents in ledger_batches(docs, state):
            ledger.write(claims)
            if table is not None:
                table.write(documents)
        if state.read == 0 and (args.out or args.documents):
            raise _NothingRead  # leaves the previous files in place


def _summary(args: argparse.Namespace, state: Run) -> int:
    unsupported = state.found.unsupported if state.found is not None else []
    for e in unsupported:
        print(f"unsupported: {e}", file=sys.stderr)
    parts = [_count(state.read, "document") + " read", f"{len(state.skipped)} skipped"]
    if unsupported:
        kinds = sorted({e.reason.split(" file:", 1)[0] for e in unsupported})
        parts.append(f"{_count(len(unsupported), 'file')} in formats not read ({', '.join(kinds)})")
    parts.append(_count(state.claims, "claim"))
    where = f" -> {args.out}" if args.out and state.read else ""
    print(f"dprkwatch extract: {', '.join(parts)}{where}", file=sys.stderr)
    if state.read == 0:
        kept = " (output files left as they were)" if args.out or args.documents else ""
        print(f"dprkwatch extract: nothing could be read{kept}", file=sys.stderr)
        return 1
    return 1 if state.skipped else 0


def _count(n: int, word: str) -> str:
    from dprkwatch.core import fmt

    return f"{fmt.number(n)} {word if n == 1 else word + 's'}"
