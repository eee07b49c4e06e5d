"""The scale benchmark runs end to end on a tiny corpus, so it never rots (no timing asserted)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from dprkwatch.core.paths import DEVCORPUS2_DIR, DEVCORPUS_DIR, ROOT

pytestmark = pytest.mark.slow  # a dozen fresh processes

BENCH = ROOT / "benchmarks" / "bench_scale.py"
ROWS = (
    "full update, s",
    "full update, peak memory of the tree, MB",
    "  ... update, RSS summed over processes, MB",
    "  ... reports, RSS summed over processes, MB",
    "update after adding 5 documents, s",
    "update with nothing changed, s",
    "extraction, characters per CPU second (core)",
    "full update, 1 job / 2 jobs (wall)",
    "ledger, peak memory, MB",
    "reports, first build, s",
    "reports with nothing changed, s",
    "  ... reports rebuilt",
    "largest HTML report, MB",
)


def test_scale_benchmark_on_twenty_documents(tmp_path):
    real = DEVCORPUS_DIR.is_dir() or DEVCORPUS2_DIR.is_dir()
    cmd = [sys.executable, str(BENCH), "--sizes", "20", "--add", "5", "--jobs", "2", "--real", "10"]
    out = subprocess.run(
        [*cmd, "--work", str(tmp_path)], capture_output=True, text=True, timeout=900
    )
    assert out.returncode in (0, 1), out.stderr[-2000:]
    lines = out.stdout.splitlines()
    for row in ROWS:
        (line,) = [x for x in lines if x.startswith(row)]
        assert line[len(row) :].split()[0] != "–", line
    verdicts = [x for x in lines if x.startswith(("PASS: ", "MISS: "))]
    assert len(verdicts) == 10
    # Throughput is judged on real articles when the dev corpora are beside the checkout.
    (throughput,) = [v for v in verdicts if "characters per CPU second" in v]
    assert throughput.endswith("on real articles") == real, throughput
    if real:
        (line,) = [x for x in lines if x.startswith("  ... extraction, characters per CPU second")]
        assert float(line.split()[-3].replace(",", "")) > 0, line
        assert len(list((tmp_path / "real").rglob("*.txt"))) == 10
    assert (out.returncode == 0) == all(v.startswith("PASS") for v in verdicts)
    assert (tmp_path / "store_20" / "manifest.json").exists()
    # 20, then 5 added for the update and 5 more for the reports
    assert len(list((tmp_path / "corpus").rglob("*.txt"))) == 30
    assert (tmp_path / "reports_20" / "index.html").exists()
