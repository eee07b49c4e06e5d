"""Benchmark `dprkwatch reports`: full rebuild with --jobs 1 and with all cores, and a re-run.

    .venv/bin/python benchmarks/bench_reports.py [--corpus seeds] [--jobs N] [--repeat 3]

Each rebuild starts from an empty output folder (nothing cached, the ledger extracted anew).
"Slowest single notebook" is the slowest report of the --jobs 1 run rebuilt alone
(`--only NAME`, empty folder): what a reader waits for that one report, start-up and
extraction included, and so the floor for a full rebuild on enough cores. Targets: all cores
within 1.5x of it; a re-run with nothing changed under 1 s. Prints PASS/FAIL per target and
exits 1 on a FAIL (--no-fail to always exit 0).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_cli(out: Path, corpus: Path, *extra: str) -> tuple[float, int, str]:
    """Wall time of one `dprkwatch reports` command, as a user would run it."""
    cmd = [sys.executable, "-m", "dprkwatch.cli", "reports", "--out", str(out)]
    cmd += ["--corpus", str(corpus), *extra]
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    return time.perf_counter() - start, proc.returncode, proc.stderr


def durations(out: Path) -> dict[str, float]:
    """Seconds each report took inside its worker, from the run's manifest."""
    manifest = json.loads((out / ".cache" / "manifest.json").read_text(encoding="utf-8"))
    return {name: e.get("duration") or 0.0 for name, e in manifest["reports"].items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(ROOT / "seeds"), help="corpus folder (seeds/)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="all cores")
    parser.add_argument("--repeat", type=int, default=3, help="no-change re-runs to time")
    parser.add_argument("--no-fail", action="store_true", help="exit 0 even when a target fails")
    args = parser.parse_args(argv)
    corpus = Path(args.corpus).resolve()

    print(f"corpus {corpus}, {os.cpu_count()} cores, --jobs {args.jobs}", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-reports-") as tmp:
        serial_out, parallel_out = Path(tmp) / "serial", Path(tmp) / "parallel"
        t_serial, rc1, log1 = run_cli(serial_out, corpus, "--jobs", "1")
        per_report = durations(serial_out) if rc1 == 0 else {"?": 0.0}
        slowest_name = max(per_report, key=lambda k: per_report[k])
        t_alone, rc0, log0 = run_cli(Path(tmp) / "alone", corpus, "--only", slowest_name)
        t_parallel, rc2, log2 = run_cli(parallel_out, corpus, "--jobs", str(args.jobs))
        reruns = [
            run_cli(parallel_out, corpus, "--jobs", str(args.jobs)) for _ in range(args.repeat)
        ]
        if rc0 or rc1 or rc2 or any(r[1] for r in reruns):
            print(log1, log0, log2, *(r[2] for r in reruns), sep="\n", file=sys.stderr)
            print("a run failed; timings are not meaningful", file=sys.stderr)
            return 1
        if not all("nothing changed since the last run" in r[2] for r in reruns):
            print("a re-run rebuilt reports: was the library edited meanwhile?", file=sys.stderr)

    rerun = statistics.median(r[0] for r in reruns)
    budget = 1.5 * t_alone
    rows = [
        (f"{slowest_name} alone", t_alone, "(the slowest single notebook)", ""),
        ("full rebuild, --jobs 1", t_serial, "", ""),
        (
            f"full rebuild, --jobs {args.jobs}",
            t_parallel,
            f"<= {budget:.1f} s (1.5 x slowest notebook)",
            "PASS" if t_parallel <= budget else "FAIL",
        ),
        ("no-change re-run (median)", rerun, "< 1.0 s", "PASS" if rerun < 1.0 else "FAIL"),
    ]
    print()
    print(f"{'run':<34} {'seconds':>8}  {'target':<36} result")
    for name, seconds, target, verdict in rows:
        print(f"{name:<34} {seconds:>8.2f}  {target:<36} {verdict}")
    print()
    total = sum(per_report.values())
    print(f"time inside the reports (--jobs 1): {total:.1f} s over {len(per_report)} reports")
    print("per report: " + ", ".join(f"{k} {v:.1f}" for k, v in per_report.items()))
    failed = any(v == "FAIL" for *_, v in rows)
    return 1 if failed and not args.no_fail else 0


if __name__ == "__main__":
    sys.exit(main())
