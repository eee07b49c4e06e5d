"""Extraction throughput and memory on a generated corpus (`make bench`).

Builds a corpus of at least 50 MB from the seed documents (paragraphs reshuffled, figures
varied), then measures, each in a fresh process pinned to one core:
  * extraction only (documents already in memory; the ledger's inner loop), chars/second;
  * end to end, `dprkwatch extract DIR --out ledger.parquet` (read, decode, detect language,
    extract, validate, write), chars/second and peak memory, on 10 MB and on 50 MB;
  * quantulum3 on a sample of the same text, chars/second, for comparison.
Targets: extraction >= 1,000,000 chars/s on one core; peak memory of the 50 MB run within
10 % (+20 MB) of the 10 MB run (streaming). Exit status 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from dprkwatch.core.paths import SEEDS_DIR

TARGET_CHARS_PER_S = 1_000_000
HERE = Path(__file__).resolve().parent


def generate(folder: Path, megabytes: float, seed: int = 7) -> int:
    """Write documents of reshuffled seed paragraphs until `megabytes` of text; return chars."""
    rng = random.Random(seed)
    paras = {}
    for p in sorted(SEEDS_DIR.glob("*.txt")):
        paras[p.stem] = [x for x in p.read_text(encoding="utf-8").split("\n") if x.strip()]
    folder.mkdir(parents=True, exist_ok=True)
    total, i, budget = 0, 0, int(megabytes * 1_000_000)
    keys = sorted(paras)
    while total < budget:
        src = paras[keys[i % len(keys)]]
        body = "\n".join(rng.sample(src, k=len(src)))
        # Vary the figures so the documents are not copies of each other.
        body = re.sub(
            r"\d+",
            lambda m: str(int(m.group()) + rng.randint(0, 9)) if len(m.group()) < 4 else m.group(),
            body,
        )
        (folder / f"gen_{i:06d}.txt").write_text(body, encoding="utf-8")
        total += len(body)
        i += 1
    return total


def _pinned(cmd: list[str]) -> list[str]:
    return (["taskset", "-c", "0"] if shutil.which("taskset") else []) + cmd


def run_child(code: str, *args: str) -> dict:
    out = subprocess.run(
        _pinned([sys.executable, "-c", code, *args]), capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


EXTRACT_ONLY = r"""
import json, sys, time, resource
from dprkwatch.ingest.corpus import iter_documents
from dprkwatch.extract.pipeline import claims_from_document
chars = claims = 0
spent = 0.0
for doc in iter_documents(sys.argv[1]):
    t = time.perf_counter()
    claims += len(claims_from_document(doc))
    spent += time.perf_counter() - t
    chars += len(doc.text)
print(json.dumps({"chars": chars, "seconds": spent, "claims": claims}))
"""

END_TO_END = r"""
import json, sys, time, resource
from dprkwatch.cli import main
t = time.perf_counter()
rc = main(["extract", sys.argv[1], "--out", sys.argv[2], "--no-progress"])
dt = time.perf_counter() - t
print(json.dumps({"rc": rc, "seconds": dt, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

QUANTULUM = r"""
import json, sys, time, pathlib, warnings
warnings.filterwarnings("ignore")
from quantulum3 import parser
files = sorted(pathlib.Path(sys.argv[1]).glob("*.txt"))
budget = int(sys.argv[2]); chars = 0; found = 0
texts = []
for f in files:
    t = f.read_text(encoding="utf-8"); texts.append(t); chars += len(t)
    if chars >= budget: break
parser.parse("warm up 3 million shells")
t0 = time.perf_counter()
for t in texts: found += len(parser.parse(t))
print(json.dumps({"chars": chars, "seconds": time.perf_counter() - t0, "quantities": found}))
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=50.0, help="size of the large corpus (default 50)")
    ap.add_argument(
        "--small-mb", type=float, default=10.0, help="size of the small corpus (default 10)"
    )
    ap.add_argument(
        "--quantulum-mb", type=float, default=0.5, help="text given to quantulum3 (default 0.5)"
    )
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="dprkwatch-bench-"))
    try:
        small, large = work / "small", work / "large"
        t = time.perf_counter()
        n_small = generate(small, args.small_mb)
        n_large = generate(large, args.mb)
        print(
            f"generated {n_small / 1e6:.1f} M and {n_large / 1e6:.1f} M characters in {time.perf_counter() - t:.1f} s"
        )
        only = run_child(EXTRACT_ONLY, str(large))
        e2e_small = run_child(END_TO_END, str(small), str(work / "small.parquet"))
        e2e_large = run_child(END_TO_END, str(large), str(work / "large.parquet"))
        q = run_child(QUANTULUM, str(large), str(int(args.quantulum_mb * 1e6)))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    rate_only = only["chars"] / only["seconds"]
    rate_e2e = n_large / e2e_large["seconds"]
    rate_q = q["chars"] / q["seconds"]
    print()
    print(f"{'measure (one core)':<44}{'dprkwatch':>16}{'quantulum3':>16}")
    print(f"{'extraction, chars/second':<44}{rate_only:>16,.0f}{rate_q:>16,.0f}")
    print(f"{'end to end (read+detect+extract+parquet)':<44}{rate_e2e:>16,.0f}{'':>16}")
    print(f"{'claims / quantities found':<44}{only['claims']:>16,}{q['quantities']:>16,}")
    print(f"{'text measured, M chars':<44}{only['chars'] / 1e6:>16.1f}{q['chars'] / 1e6:>16.1f}")
    print(f"{'peak memory, 10 MB corpus (MB)':<44}{e2e_small['peak_mb']:>16.0f}")
    print(f"{'peak memory, 50 MB corpus (MB)':<44}{e2e_large['peak_mb']:>16.0f}")
    ok_speed = rate_only >= TARGET_CHARS_PER_S
    ok_mem = e2e_large["peak_mb"] <= e2e_small["peak_mb"] * 1.10 + 20
    print()
    print(
        f"{'PASS' if ok_speed else 'FAIL'}: extraction {rate_only:,.0f} chars/s (target {TARGET_CHARS_PER_S:,})"
    )
    print(
        f"{'PASS' if ok_mem else 'FAIL'}: peak memory {e2e_large['peak_mb']:.0f} MB on {args.mb:.0f} MB vs {e2e_small['peak_mb']:.0f} MB on {args.small_mb:.0f} MB (streaming)"
    )
    return 0 if ok_speed and ok_mem else 1


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
