"""Reconciliation time and peak memory at 10k / 100k (and more) synthetic claims, side by side.

    .venv/bin/python benchmarks/bench_reconcile.py [--sizes 10000 100000 1000000]

Each size runs in its own process, so the peak memory printed is that size's alone (resident set,
including the synthetic ledger itself). The ledger imitates a corpus: ~3 claims per document,
twenty originators and unattributed claims, running totals that grow over two years, hedges,
increments and rates, planned and done, several languages; some increments say "bringing the
total to", so derived totals are computed too. Every table is built: series, current figures,
groups, conflicts, the headline under each policy and the casualty breakdown.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time

import numpy as np
import pandas as pd

SOURCES = [
    "South Korea NIS",
    "Ukraine GUR",
    "US intelligence",
    "US government",
    "TASS",
    "KCNA",
    "Ukraine government",
    "Russia government",
    "South Korea JCS",
    "South Korea Defense Ministry",
    "ISW",
    "RUSI",
    "CSIS",
    "38 North",
    "Yonhap",
    "Reuters",
    "BBC",
    "AFP",
    "Bloomberg",
    "Associated Press",
]
INDICATORS = {
    "troops_deployed": ("troops", "persons", 15000),
    "workers_deployed": ("labor", "persons", 12000),
    "killed": ("casualties", "persons", 2000),
    "wounded": ("casualties", "persons", 4000),
    "killed_or_wounded": ("casualties", "persons", 6000),
    "shells_supplied": ("munitions", "shells", 9_000_000),
    "containers_shipped": ("munitions", "containers", 20000),
}


def synthetic(n: int, seed: int = 7) -> pd.DataFrame:
    """``n`` claims shaped like the ledger (see the module docstring)."""
    rng = np.random.default_rng(seed)
    names = list(INDICATORS)
    ind = rng.choice(names, n)
    day = rng.integers(0, 730, n)
    top = np.array([INDICATORS[i][2] for i in ind], dtype=float)
    # Running totals grow over time, each source rounding its own way.
    value = np.round(top * (0.2 + 0.8 * day / 730) * rng.uniform(0.8, 1.2, n), -2).clip(100)
    qual = rng.choice(
        ["exact", "approx", "range", "at_least", "vague"], n, p=[0.5, 0.25, 0.1, 0.1, 0.05]
    )
    low = np.where(qual == "exact", value, value * 0.9)
    high = np.where(qual == "at_least", value * 1.5, np.where(qual == "exact", value, value * 1.1))
    low = np.where(qual == "vague", 2000.0, low)
    high = np.where(qual == "vague", 9999.0, high)
    measure = rng.choice(["total", "increment", "rate"], n, p=[0.85, 0.1, 0.05])
    source = rng.choice([*SOURCES, "", "South Korea NIS; US intelligence"], n)
    published = pd.Timestamp("2024-01-01") + pd.to_timedelta(day, unit="D")
    cue = (measure == "increment") & (rng.random(n) < 0.02)
    return pd.DataFrame(
        {
            "doc_id": (np.arange(n) // 3).astype(str),
            "language": rng.choice(["en", "ko", "ru", "uk", "es", "de", "fr", "pt", "bn"], n),
            "topic": [INDICATORS[i][0] for i in ind],
            "indicator": ind,
            "value": np.where(qual == "vague", np.nan, value),
            "value_low": low,
            "value_high": high,
            "unit": [INDICATORS[i][1] for i in ind],
            "qualifier": qual,
            "attributed_to": source,
            "quote": np.where(cue, "another 3,000, bringing the total to a record", "a figure"),
            "char_start": (np.arange(n) % 3) * 100,
            "char_end": (np.arange(n) % 3) * 100 + 90,
            "claim_en": "claim",
            "published": published,
            "stage": rng.choice(["", "done", "planned"], n, p=[0.5, 0.4, 0.1]),
            "measure": measure,
            "as_of": published,
            "outlet": rng.choice(["Outlet A", "Outlet B", "Outlet C", ""], n),
        }
    )


def measure(n: int) -> dict:
    """Build a ledger of ``n`` claims and every reconciliation table; time and peak memory."""
    from dprkwatch.analysis import reconcile as rc

    claims = synthetic(n)
    start = time.perf_counter()
    rec = rc.reconcile(claims)
    tables = {
        "series": rec.series(),
        "current": rec.current(),
        "groups": rec.groups(),
        "conflicts": rec.conflicts(),
        "breakdown": rec.breakdown(),
        **{f"headline_{p}": rec.headline(p) for p in rc.POLICIES},
    }
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"claims": n, "seconds": seconds, "peak_mb": peak_mb} | {
        f"rows_{k}": len(v) for k, v in tables.items() if k in ("series", "groups", "conflicts")
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child process's size
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one)))
        return
    print(
        f"{'claims':>10} {'seconds':>9} {'peak MB':>9} {'series':>8} {'groups':>8} {'conflicts':>9}"
    )
    for n in args.sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(n)], capture_output=True, text=True, check=True
        )
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(
            f"{r['claims']:>10,} {r['seconds']:>9.1f} {r['peak_mb']:>9.0f} "
            f"{r['rows_series']:>8,} {r['rows_groups']:>8,} {r['rows_conflicts']:>9,}"
        )


if __name__ == "__main__":
    main()
