"""Scale benchmark (`make bench-scale`): the ledger store at 1,000, 10,000 and 100,000 documents.

For each size, on a corpus made by benchmarks/gen_corpus.py (real-size articles from the
project's own texts, figures, dates and outlets varied), each step a fresh process measured
with its whole process tree (psutil: the update's fork server and workers included):
  * full `update` into an empty store: time and peak memory;
  * the same with one job (sizes up to --ratio-max), for the 1 -> 2 jobs ratio;
  * `update` after adding --add documents: time, and its share of the full update's;
  * `update` with nothing changed: time;
  * extraction throughput: characters per CPU second in the workers (per core); also on a
    corpus built the same way from real articles (--real documents from the development
    corpora beside the checkout, when present: the issue's targets are stated for real
    articles, and the project's own test texts hold a figure in most sentences);
  * `dprkwatch ledger` on the store: time and peak memory;
  * `dprkwatch reports` (every notebook, HTML): a first build on the store, a run with nothing
    changed, and a run after adding --add documents (how many reports re-ran); time, peak
    memory and the largest HTML page.
Memory is the tree's proportional set size (PSS: a page shared by forked processes is counted
once in all, as RAM holds it), with the summed RSS printed beside it. Printed side by side, then
PASS/MISS against issue #10's targets (stated for 100,000 documents; judged at the largest size
run). Exit status 1 when a target is missed.

    python benchmarks/bench_scale.py [--sizes 1000,10000,100000] [--jobs 2] [--add 100]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from dprkwatch.core.paths import DEVCORPUS2_DIR, DEVCORPUS_DIR, SHARED_DIR
from gen_corpus import generate  # beside this script (its folder is on sys.path when run)

# issue #10, section 4 (stated for 100,000 documents)
TARGET_PEAK_MB = 3000
TARGET_ADD_SHARE = 0.05
TARGET_NO_CHANGE_S = 1.0
TARGET_CHARS_PER_CORE = 1_500_000
TARGET_RATIO = 1.5
TARGET_LEDGER_MB = 2000
TARGET_HTML_MB = 5.0
PLANNED = re.compile(r"(\d+) reports?, (\d+) to build, (\d+) unchanged")

UPDATE = r"""
import json, sys
from dprkwatch.store import update
s = update(sys.argv[1], sys.argv[2], jobs=int(sys.argv[3]))
print(json.dumps({"seconds": s.seconds, "new": s.n_new, "unchanged": s.n_unchanged,
    "skipped": s.n_skipped, "claims": s.n_claims, "chars": s.chars_extracted,
    "cpu": s.extract_seconds, "executor": s.executor, "line": s.line()}))
"""


@dataclass
class Run:
    """One measured process: wall time, peak memory of its tree, exit status, output."""

    seconds: float
    peak_mb: float  # proportional set size: a page shared by n processes counts 1/n in each
    rc: int
    out: str
    err: str = ""
    peak_rss_mb: float = 0.0  # resident sizes summed: shared pages counted once per process

    @property
    def data(self) -> dict:
        lines = [x for x in self.out.strip().splitlines() if x.startswith("{")]
        return json.loads(lines[-1]) if lines else {}


def _pss(pid: int) -> int | None:
    """A process's proportional set size in bytes (Linux smaps_rollup), or None."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        return None
    return None


def _tree_memory(proc: psutil.Process) -> tuple[int, int]:
    """(PSS, RSS) summed over the process tree.

    Report kernels are forked from a warm "zygote" and the update's workers from a fork
    server: their shared pages (Python, pandas, the language packs) are one copy in RAM but
    appear in every child's RSS. PSS splits each shared page between its sharers, so the sum
    is what the tree really holds; where PSS cannot be read, RSS stands in.
    """
    pss = rss = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            r = p.memory_info().rss
        except psutil.Error:
            continue
        rss += r
        pss += _pss(p.pid) or r
    return pss, rss


def measure(cmd: list[str], poll: float = 0.05) -> Run:
    """Run cmd; its wall time and the peak resident memory of its process tree."""
    started = time.perf_counter()
    popen = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    proc, peak, peak_rss = psutil.Process(popen.pid), 0, 0
    while popen.poll() is None:
        try:
            pss, rss = _tree_memory(proc)
            peak, peak_rss = max(peak, pss), max(peak_rss, rss)
        except psutil.Error:
            pass
        time.sleep(poll)
    out, err = popen.communicate()
    seconds = time.perf_counter() - started
    return Run(seconds, peak / 1e6, popen.returncode, out, err, peak_rss / 1e6)


def update(corpus: Path, store: Path, jobs: int) -> Run:
    run = measure([sys.executable, "-c", UPDATE, str(corpus), str(store), str(jobs)])
    if run.rc != 0 or not run.data:
        raise SystemExit(f"update failed ({run.rc}):\n{run.err[-3000:]}")
    return run


def ledger(store: Path, out: Path) -> Run:
    cmd = [
        sys.executable,
        "-m",
        "dprkwatch.cli",
        "ledger",
        "--store",
        str(store),
        "--out",
        str(out),
    ]
    run = measure(cmd)
    if run.rc != 0:
        raise SystemExit(f"ledger failed ({run.rc}):\n{run.err[-3000:]}")
    return run


def reports(corpus: Path, store: Path, out: Path, jobs: int) -> Run:
    """`dprkwatch reports` on the store (its update included); a failed report is a result."""
    cmd = [sys.executable, "-m", "dprkwatch.cli", "reports", "--corpus", str(corpus)]
    cmd += ["--store", str(store), "--out", str(out), "--jobs", str(jobs)]
    run = measure(cmd)
    if run.rc not in (0, 1):
        raise SystemExit(f"reports failed ({run.rc}):\n{run.err[-3000:]}")
    return run


def built(run: Run | None) -> str | None:
    """'2 of 6': how many reports a run rebuilt, from its plan line; 'none' when it reused all."""
    if run is None:
        return None
    text = run.out + run.err
    m = PLANNED.search(text)
    if m:
        return f"{m.group(2)} of {m.group(1)}"
    return "none" if "nothing changed since the last run" in text else None


def chars_per_cpu_second(run: Run | None) -> float:
    """Characters extracted per CPU second of the update's workers (0 when not measured)."""
    d = run.data if run else {}
    return d["chars"] / d["cpu"] if d.get("cpu") else 0.0


def bench_real(work: Path, args: argparse.Namespace) -> Run | None:
    """A full update of --real documents built from real articles; None when they are absent."""
    folders = tuple(f for f in (DEVCORPUS_DIR, DEVCORPUS2_DIR) if f.is_dir())
    if not args.real or not folders:
        return None
    corpus = work / "real"
    generate(corpus, args.real, folders=folders)
    run = update(corpus, work / "store_real", args.jobs)
    print(f"[real articles] full update: {run.data.get('line', run.err[-300:])}", flush=True)
    return run


def largest_html_mb(out: Path) -> float:
    return max((p.stat().st_size for p in out.glob("*.html")), default=0) / 1e6


@dataclass
class Size:
    """Everything measured at one corpus size."""

    docs: int
    chars: int = 0
    full: Run | None = None
    one_job: Run | None = None
    added: Run | None = None
    unchanged: Run | None = None
    ledger: Run | None = None
    reports: Run | None = None
    reports_same: Run | None = None
    reports_added: Run | None = None
    html_mb: float = 0.0
    notes: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float | None:
        if self.one_job is None or self.full is None:
            return None
        return self.one_job.seconds / self.full.seconds

    @property
    def chars_per_core(self) -> float:
        return chars_per_cpu_second(self.full)


def bench_size(work: Path, corpus: Path, have: int, n: int, args: argparse.Namespace) -> Size:
    """Measure one size; the corpus grows from `have` documents to n (then n + args.add)."""
    size = Size(n)
    size.chars = generate(corpus, n - have, start=have) if n > have else 0
    print(f"[{n:,}] corpus ready ({n:,} documents)", flush=True)
    size.full = update(corpus, work / f"store_{n}", args.jobs)
    print(f"[{n:,}] full update: {size.full.data['line']}", flush=True)
    if args.jobs != 1 and n <= args.ratio_max:
        size.one_job = update(corpus, work / f"store_{n}_1", 1)
        print(f"[{n:,}] full update, 1 job: {size.one_job.seconds:.1f} s", flush=True)
        shutil.rmtree(work / f"store_{n}_1", ignore_errors=True)
    generate(corpus, args.add, start=n)
    size.added = update(corpus, work / f"store_{n}", args.jobs)
    print(f"[{n:,}] after adding {args.add}: {size.added.data['line']}", flush=True)
    size.unchanged = update(corpus, work / f"store_{n}", args.jobs)
    print(f"[{n:,}] nothing changed: {size.unchanged.data['line']}", flush=True)
    size.ledger = ledger(work / f"store_{n}", work / f"ledger_{n}.csv")
    print(f"[{n:,}] ledger: {size.ledger.seconds:.1f} s", flush=True)
    if args.reports:
        bench_reports(size, work, corpus, n, args)
    return size


def bench_reports(size: Size, work: Path, corpus: Path, n: int, args: argparse.Namespace) -> None:
    """Reports on the store: first build, nothing changed, then after adding documents."""
    store, out = work / f"store_{n}", work / f"reports_{n}"
    size.reports = reports(corpus, store, out, args.jobs)
    size.html_mb = largest_html_mb(out)
    print(f"[{n:,}] reports: {size.reports.seconds:.1f} s, rc {size.reports.rc}", flush=True)
    size.reports_same = reports(corpus, store, out, args.jobs)
    print(f"[{n:,}] reports, nothing changed: {size.reports_same.seconds:.2f} s", flush=True)
    generate(corpus, args.add, start=n + args.add)
    size.reports_added = reports(corpus, store, out, args.jobs)
    size.html_mb = max(size.html_mb, largest_html_mb(out))
    print(
        f"[{n:,}] reports after adding {args.add}: {size.reports_added.seconds:.1f} s, "
        f"rebuilt {built(size.reports_added)}",
        flush=True,
    )


def _row(label: str, values: list[str], target: str) -> str:
    return f"{label:<46}" + "".join(f"{v:>12}" for v in values) + f"   {target}"


def table(sizes: list[Size], args: argparse.Namespace) -> list[str]:
    """The measurements side by side, one column per size."""

    def col(fn: Callable[[Size], str | None]) -> list[str]:
        out = []
        for s in sizes:
            try:
                value = fn(s)
            except (AttributeError, TypeError, KeyError, ZeroDivisionError):  # not measured
                value = None
            out.append("–" if value is None else value)
        return out

    add, jobs = args.add, args.jobs
    # (label, the cell of one size, the target): one row each, one column per size.
    rows: list[tuple[str, Callable[[Size], str | None], str]] = [
        ("documents", lambda s: f"{s.docs:,}", "target (issue #10, at 100,000)"),
        ("full update, s", lambda s: f"{s.full.seconds:,.1f}", ""),
        (
            "full update, peak memory of the tree, MB",
            lambda s: f"{s.full.peak_mb:,.0f}",
            f"< {TARGET_PEAK_MB:,}",
        ),
        (
            "  ... update, RSS summed over processes, MB",
            lambda s: f"{s.full.peak_rss_mb:,.0f}",
            "",
        ),
        (f"update after adding {add} documents, s", lambda s: f"{s.added.seconds:,.2f}", ""),
        (
            "  ... share of the full update",
            lambda s: f"{s.added.seconds / s.full.seconds:.1%}",
            f"< {TARGET_ADD_SHARE:.0%}",
        ),
        (
            "update with nothing changed, s",
            lambda s: f"{s.unchanged.seconds:,.2f}",
            f"< {TARGET_NO_CHANGE_S:g}",
        ),
        (
            "extraction, characters per CPU second (core)",
            lambda s: f"{s.chars_per_core:,.0f}",
            "(test texts: a figure in most sentences)",
        ),
        (
            f"full update, 1 job / {jobs} jobs (wall)",
            lambda s: f"{s.ratio:.2f}" if s.ratio else None,
            f">= {TARGET_RATIO:g}",
        ),
        ("ledger, s", lambda s: f"{s.ledger.seconds:,.1f}", ""),
        (
            "ledger, peak memory, MB",
            lambda s: f"{s.ledger.peak_mb:,.0f}",
            f"< {TARGET_LEDGER_MB:,}",
        ),
        ("claims in the store", lambda s: f"{s.full.data['claims']:,}", ""),
        ("reports, first build, s", lambda s: f"{s.reports.seconds:,.1f}", ""),
        (
            "reports, peak memory of the tree, MB",
            lambda s: f"{s.reports.peak_mb:,.0f}",
            f"< {TARGET_PEAK_MB:,}",
        ),
        (
            "  ... reports, RSS summed over processes, MB",
            lambda s: f"{s.reports.peak_rss_mb:,.0f}",
            "",
        ),
        (
            "reports with nothing changed, s",
            lambda s: f"{s.reports_same.seconds:,.2f}",
            f"< {TARGET_NO_CHANGE_S:g}",
        ),
        (
            f"reports after adding {add} documents, s",
            lambda s: f"{s.reports_added.seconds:,.1f}",
            "",
        ),
        ("  ... reports rebuilt", lambda s: built(s.reports_added), "only what changed"),
        (
            "largest HTML report, MB",
            lambda s: f"{s.html_mb:.2f}" if s.reports else None,
            f"< {TARGET_HTML_MB:g}",
        ),
    ]
    return [_row(label, col(cell), target) for label, cell, target in rows]


def real_lines(run: Run | None, args: argparse.Namespace) -> list[str]:
    """The real-article measurement, or why there is none."""
    if run is None:
        return [
            f"extraction on real articles: not measured ({SHARED_DIR.name}/ absent or --real 0)"
        ]
    rate = f"{chars_per_cpu_second(run):,.0f}"
    return [
        _row(f"real articles ({args.real:,} documents), update, s", [f"{run.seconds:,.1f}"], ""),
        _row(
            "  ... extraction, characters per CPU second",
            [rate],
            f">= {TARGET_CHARS_PER_CORE:,}",
        ),
        _row("  ... claims", [f"{run.data.get('claims', 0):,}"], ""),
    ]


def verdicts(sizes: list[Size], real: Run | None = None) -> list[tuple[bool, str]]:
    """(passed, line) per target, judged at the largest size (the ratio at the largest measured);
    extraction throughput on real articles where they were measured, else on the test texts."""
    s = sizes[-1]
    at = f"at {s.docs:,} documents"
    rated = [x for x in sizes if x.ratio]
    out = [
        (
            s.full.peak_mb < TARGET_PEAK_MB,
            f"full update peak memory {s.full.peak_mb:,.0f} MB < {TARGET_PEAK_MB:,} MB {at}",
        ),
        (
            s.added.seconds < TARGET_ADD_SHARE * s.full.seconds,
            f"adding documents costs {s.added.seconds / s.full.seconds:.1%} of a full update < {TARGET_ADD_SHARE:.0%} {at}",
        ),
        (
            s.unchanged.seconds < TARGET_NO_CHANGE_S,
            f"nothing-changed update {s.unchanged.seconds:.2f} s < {TARGET_NO_CHANGE_S:g} s {at}",
        ),
        _throughput(s, at, real),
        (
            s.ledger.peak_mb < TARGET_LEDGER_MB,
            f"ledger peak memory {s.ledger.peak_mb:,.0f} MB < {TARGET_LEDGER_MB:,} MB {at}",
        ),
    ]
    if s.reports is not None:
        out += _report_verdicts(s, at)
    if rated:
        r = rated[-1]
        out.append(
            (
                r.ratio >= TARGET_RATIO,
                f"1 -> 2 jobs speed-up {r.ratio:.2f} >= {TARGET_RATIO:g} at {r.docs:,} documents",
            )
        )
    return out


def _throughput(s: Size, at: str, real: Run | None) -> tuple[bool, str]:
    rate, on = (chars_per_cpu_second(real), "real articles") if real else (s.chars_per_core, at)
    return (
        rate >= TARGET_CHARS_PER_CORE,
        f"extraction {rate:,.0f} characters per CPU second >= {TARGET_CHARS_PER_CORE:,} on {on}",
    )


def _report_verdicts(s: Size, at: str) -> list[tuple[bool, str]]:
    assert s.reports is not None and s.reports_same is not None
    every = s.reports.rc == 0 and (s.reports_added is None or s.reports_added.rc == 0)
    return [
        (every, f"every report built (exit {s.reports.rc}) {at}"),
        (
            s.reports.peak_mb < TARGET_PEAK_MB,
            f"reports peak memory {s.reports.peak_mb:,.0f} MB < {TARGET_PEAK_MB:,} MB {at}",
        ),
        (
            s.reports_same.seconds < TARGET_NO_CHANGE_S,
            f"nothing-changed reports {s.reports_same.seconds:.2f} s < {TARGET_NO_CHANGE_S:g} s {at}",
        ),
        (
            s.html_mb < TARGET_HTML_MB,
            f"largest HTML report {s.html_mb:.2f} MB < {TARGET_HTML_MB:g} MB {at}",
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,100000", help="corpus sizes, comma-separated")
    ap.add_argument("--jobs", type=int, default=2, help="jobs for the updates (default 2)")
    ap.add_argument(
        "--add", type=int, default=100, help="documents added for the incremental update"
    )
    ap.add_argument(
        "--ratio-max", type=int, default=10_000, help="largest size also run with 1 job"
    )
    ap.add_argument(
        "--work", type=Path, help="keep corpora and stores here (default: a temporary folder)"
    )
    ap.add_argument(
        "--no-reports", dest="reports", action="store_false", help="skip the reports steps"
    )
    ap.add_argument(
        "--real",
        type=int,
        default=1000,
        help="documents built from the real dev articles for the throughput target (0: skip)",
    )
    args = ap.parse_args(argv)
    sizes_wanted = sorted({int(x.replace("_", "")) for x in args.sizes.split(",") if x.strip()})
    work = args.work or Path(tempfile.mkdtemp(prefix="dprkwatch-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus, have, sizes = work / "corpus", 0, []
    try:
        real = bench_real(work, args)
        for n in sizes_wanted:
            sizes.append(bench_size(work, corpus, have, n, args))
            have = n + args.add * (2 if args.reports else 1)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print()
    print("\n".join(table(sizes, args)))
    print("\n".join(real_lines(real, args)))
    print()
    results = verdicts(sizes, real)
    for ok, line in results:
        print(f"{'PASS' if ok else 'MISS'}: {line}")
    return 0 if all(ok for ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
