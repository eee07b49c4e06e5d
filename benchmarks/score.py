"""Print extraction scores per corpus, language and held-out part (`make score`; -v lists misses)."""

from __future__ import annotations

import sys

from dprkwatch.analysis.evaluate import report
from dprkwatch.analysis.scoring import gold_sets, score_set, table


def main(verbose: bool = False) -> int:
    rows = []
    for gs in gold_sets():
        rows += score_set(gs)
    print(table(rows))
    if verbose:
        for r in rows:
            part = "held out" if r.held_out else "seen"
            print("\n" + report(r.score, f"{r.corpus} {r.language} {part}"))
    return 0


if __name__ == "__main__":
    sys.exit(main("-v" in sys.argv))
