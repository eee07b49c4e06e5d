"""Extraction time on one sentence listing thousands of figures (must grow linearly).

Generates sentences of the given sizes that list figures of several kinds (troops, shells,
killed soldiers, wages, counts of nothing the ledger knows), then times
`claims_from_document` on each in a fresh process. With `--baseline REF` the same
sentences are also run against the library as it was at git revision REF (exported to a
temporary folder), and both columns are printed side by side; a baseline run that exceeds
`--baseline-timeout` seconds is shown as "> N s".

    .venv/bin/python benchmarks/bench_long_sentence.py
    .venv/bin/python benchmarks/bench_long_sentence.py --baseline HEAD~3 --sizes 30 60 119
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KINDS = (
    "{n:,} troops",
    "{n:,} artillery shells",
    "{n:,} soldiers killed",
    "${m} per hour",
    "{n:,} widgets",
    "{n:,}",
)

CHILD = r"""
import json, sys, time
from dprkwatch.extract import claims_from_document
from dprkwatch.ingest.corpus import Document
text = open(sys.argv[1], encoding="utf-8").read()
claims_from_document(Document("warm", "warm.txt", "North Korea sent 1,000 troops.", language="en"))
t = time.perf_counter()
rows = claims_from_document(Document("long", "long.txt", text, language="en"))
print(json.dumps({"seconds": time.perf_counter() - t, "claims": len(rows)}))
"""


def sentence(kilobytes: float) -> tuple[str, int]:
    """One sentence of about `kilobytes` KB listing figures; (text, number of figures)."""
    head = "North Korea sent Russia "
    parts: list[str] = []
    size, i = len(head), 0
    while size < kilobytes * 1000:
        part = KINDS[i % len(KINDS)].format(n=1000 + i, m=2 + i % 9)
        parts.append(part)
        size += len(part) + 2
        i += 1
    return head + ", ".join(parts) + ", the NIS said.", len(parts)


def measure(text_file: Path, lib: Path | None, timeout: float | None) -> dict | None:
    """Seconds and claims for one sentence in a fresh process (None when it timed out)."""
    env = dict(os.environ)
    if lib is not None:
        # The exported tree's package shadows the editable install (PYTHONPATH comes first).
        env["PYTHONPATH"] = str(lib) + os.pathsep + env.get("PYTHONPATH", "")
        env["DPRKWATCH_ROOT"] = str(lib.parent)
    try:
        out = subprocess.run(
            [sys.executable, "-c", CHILD, str(text_file)],
            capture_output=True,
            text=True,
            check=True,
            env=env,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return None
    return json.loads(out.stdout.strip().splitlines()[-1])


def export(ref: str, into: Path) -> Path:
    """The library at git revision `ref`, exported under `into`; returns its lib folder."""
    archive = into / "tree.tar"
    with archive.open("wb") as fh:
        subprocess.run(["git", "-C", str(ROOT), "archive", ref], stdout=fh, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into / "tree", filter="data")
    return into / "tree" / "lib"


def _cell(result: dict | None, timeout: float | None) -> str:
    return f"{result['seconds']:>10.2f}" if result else f"{'> ' + format(timeout, 'g') + ' s':>10}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=float, nargs="+", default=[30, 60, 119, 509], help="KB")
    ap.add_argument("--baseline", metavar="REF", help="git revision to compare against")
    ap.add_argument("--baseline-timeout", type=float, default=120.0, help="seconds per size")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="dprkwatch-bench-") as tmp:
        work = Path(tmp)
        old_lib = export(args.baseline, work) if args.baseline else None
        header = f"{'KB':>6}{'figures':>9}{'claims':>8}{'seconds':>10}{'µs/figure':>11}"
        if old_lib:
            header += f"{'baseline s':>12}"
        print(header)
        for kb in args.sizes:
            text, figures = sentence(kb)
            path = work / f"s{kb:g}.txt"
            path.write_text(text, encoding="utf-8")
            new = measure(path, None, None)
            line = (
                f"{len(text.encode()) / 1000:>6.0f}{figures:>9,}{new['claims']:>8,}"
                f"{new['seconds']:>10.2f}{new['seconds'] / figures * 1e6:>11.0f}"
            )
            if old_lib:
                line += "  " + _cell(
                    measure(path, old_lib, args.baseline_timeout), args.baseline_timeout
                )
            print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
