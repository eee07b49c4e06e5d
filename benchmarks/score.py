"""Print extraction scores against every hand-annotated gold file (`make score`).

Gold files in tests/data/gold: seeds.yaml (seeds/), langdocs_*.yaml (tests/data/langdocs/),
devcorpus_*.yaml (../shared/devcorpus, skipped when absent). Scores per file and per language.
"""

from __future__ import annotations

import sys
from pathlib import Path

import dprkwatch
from dprkwatch.analysis.evaluate import Score, load_gold, report, score
from dprkwatch.core.paths import DEVCORPUS_DIR, SEEDS_DIR, TESTS_DATA_DIR

GOLD = TESTS_DATA_DIR / "gold"


def source_dir(gold_file: Path) -> Path:
    name = gold_file.stem
    if name == "seeds":
        return SEEDS_DIR
    if name.startswith("langdocs"):
        return TESTS_DATA_DIR / "langdocs"
    return DEVCORPUS_DIR


def score_file(gold_file: Path) -> tuple[Score, dict] | None:
    folder = source_dir(gold_file)
    if not folder.exists():
        return None
    gold = load_gold(gold_file)
    files = [p for p in folder.iterdir() if p.stem in gold]
    corpus = dprkwatch.load_corpus(files)
    claims = dprkwatch.extract_claims(corpus)
    langs = {d.doc_id: d.language for d in corpus}
    return score(claims, gold), {"claims": claims, "gold": gold, "langs": langs}


def main(verbose: bool = False) -> int:
    by_lang: dict[str, list] = {}
    for gf in sorted(GOLD.glob("*.yaml")):
        res = score_file(gf)
        if res is None:
            print(f"{gf.name}: skipped ({source_dir(gf)} absent)")
            continue
        sc, ctx = res
        print(report(sc, gf.name) if verbose else f"{gf.name}: {sc.summary()}")
        if gf.stem != "seeds":
            for doc, lang in ctx["langs"].items():
                by_lang.setdefault(f"{gf.stem.split('_')[0]}:{lang}", []).append((ctx, doc))
    print("\nper language (test documents and development corpus):")
    for key in sorted(by_lang):
        items = by_lang[key]
        ctx0 = items[0][0]
        docs = [d for _, d in items]
        claims = ctx0["claims"]
        gold = {}
        for ctx, d in items:
            gold[d] = ctx["gold"][d]
        sc = score(claims[claims.doc_id.isin(docs)], gold, docs)
        print(f"  {key:<16} {sc.summary()}")
    return 0


if __name__ == "__main__":
    sys.exit(main("-v" in sys.argv))
