"""`dprkwatch extract`: documents in, claims ledger out (CSV, Parquet or JSON lines).

Streams: documents are read one at a time and the ledger is written in batches, so memory
does not grow with the corpus. Exit code is non-zero only when nothing could be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from dprkwatch.cli.formats import FORMATS, output_format

if TYPE_CHECKING:
    import pandas as pd

    from dprkwatch.ingest.corpus import Document

BATCH_DOCS = 500


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
        help="output format (default: from --out's extension, else csv)",
    )
    p.add_argument("--no-progress", action="store_true", help="no progress bar on standard error")
    p.set_defaults(func=run)


def ledger_batches(
    docs: Iterable[Document], batch_docs: int = BATCH_DOCS
) -> Iterator[pd.DataFrame]:
    """Validated ledger frames, one per batch of documents (a pure function of the documents)."""
    from dprkwatch.extract import claims_from_document
    from dprkwatch.ledger import claims_frame, validate_claims

    rows: list[dict] = []
    n = 0
    for doc in docs:
        rows.extend(claims_from_document(doc))
        n += 1
        if n % batch_docs == 0:
            yield validate_claims(claims_frame(rows))
            rows = []
    yield validate_claims(claims_frame(rows))


class LedgerWriter:
    """Append ledger batches to CSV, Parquet (row groups) or JSON lines without holding them all."""

    def __init__(self, out, fmt: str):
        self.fmt, self.out = fmt, out
        self._pq = None
        self._first = True
        self.rows = 0

    def write(self, df: pd.DataFrame) -> None:
        import pandas as pd

        self.rows += len(df)
        if self.fmt == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            table = pa.Table.from_pandas(df, preserve_index=False)
            if self._pq is None:
                self._pq = pq.ParquetWriter(self.out, table.schema)
            self._pq.write_table(table)
        elif self.fmt == "jsonl":
            for rec in df.to_dict("records"):
                for col in ("published", "as_of"):
                    rec[col] = None if pd.isna(rec[col]) else rec[col].date().isoformat()
                rec = {k: (None if isinstance(v, float) and v != v else v) for k, v in rec.items()}
                self.out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        else:
            df.to_csv(self.out, index=False, header=self._first, date_format="%Y-%m-%d")
        self._first = False

    def close(self) -> None:
        if self._pq is not None:
            self._pq.close()


def run(args: argparse.Namespace) -> int:
    from dprkwatch.core.paths import SEEDS_DIR
    from dprkwatch.ingest.corpus import ReadError, iter_documents

    paths = args.paths or [str(SEEDS_DIR)]
    fmt = output_format(args.format, args.out)
    if fmt == "parquet" and not args.out:
        print("dprkwatch extract: --format parquet needs --out FILE", file=sys.stderr)
        return 2
    errors: list[ReadError] = []
    warnings: list[ReadError] = []
    counter = {"docs": 0}

    def docs():
        for d in iter_documents(paths, errors, warnings):
            counter["docs"] += 1
            yield d

    stream: Iterable[Document] = docs()
    if not args.no_progress and sys.stderr.isatty():
        from tqdm import tqdm

        stream = tqdm(stream, desc="documents", unit="doc", file=sys.stderr)
    try:
        if args.out:
            Path(args.out).parent.mkdir(parents=True, exist_ok=True)
            mode = "wb" if fmt == "parquet" else "w"
            fh = (
                args.out if fmt == "parquet" else open(args.out, mode, encoding="utf-8", newline="")
            )
        else:
            fh = sys.stdout
        writer = LedgerWriter(fh, fmt)
        try:
            for batch in ledger_batches(stream):
                writer.write(batch)
        finally:
            writer.close()
            if args.out and fmt != "parquet":
                fh.close()
    except FileNotFoundError as exc:
        print(f"dprkwatch extract: {exc}", file=sys.stderr)
        return 2
    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)
    for e in errors:
        print(f"skipped: {e}", file=sys.stderr)
    print(
        f"dprkwatch extract: {counter['docs']} documents read, {len(errors)} skipped, {writer.rows} claims"
        + (f" -> {args.out}" if args.out else ""),
        file=sys.stderr,
    )
    if counter["docs"] == 0:
        print("dprkwatch extract: nothing could be read", file=sys.stderr)
        return 1
    return 0
