"""Extraction scored per corpus and language against the hand-annotated gold (`make score`).

Gold sets: the seeds (tests/data/gold/seeds.yaml), the wire documents written for the tests
(langdocs_*.yaml), and the two development corpora of real articles beside the checkout
(../shared/devcorpus, ../shared/devcorpus2; gold in tests/data/gold/<corpus>/<lang>.csv,
ANNOTATION.md's form). Articles listed in tests/data/gold/heldout.yaml are scored apart: they
were not read while rules were written.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from dprkwatch.analysis.evaluate import Score, load_gold, load_gold_csv, score
from dprkwatch.core.paths import (
    DEVCORPUS2_DIR,
    DEVCORPUS_DIR,
    SEEDS_DIR,
    TESTS_DATA_DIR,
)

GOLD_DIR = TESTS_DATA_DIR / "gold"


@dataclass(frozen=True)
class GoldSet:
    """One folder of documents and its gold, split by language."""

    name: str
    folder: Path
    gold: dict[str, list[dict]]
    all_files: bool = False  # score every .txt of the folder, not only those with gold rows


def gold_sets() -> Iterator[GoldSet]:
    """Every gold set whose documents are present (the dev corpora may be absent)."""
    yield GoldSet("seeds", SEEDS_DIR, load_gold(GOLD_DIR / "seeds.yaml"))
    langdocs: dict[str, list[dict]] = {}
    for path in sorted(GOLD_DIR.glob("langdocs_*.yaml")):
        langdocs |= load_gold(path)
    yield GoldSet("langdocs", TESTS_DATA_DIR / "langdocs", langdocs)
    for name, folder in (("devcorpus", DEVCORPUS_DIR), ("devcorpus2", DEVCORPUS2_DIR)):
        if folder.is_dir():
            gold: dict[str, list[dict]] = {}
            for path in sorted((GOLD_DIR / name).glob("*.csv")):
                gold |= load_gold_csv(path)
            yield GoldSet(name, folder, gold, all_files=True)


def held_out() -> set[str]:
    """Document ids held back from rule writing."""
    data = yaml.safe_load((GOLD_DIR / "heldout.yaml").read_text(encoding="utf-8")) or {}
    return {doc for docs in data.values() for doc in docs or []}


@dataclass(frozen=True)
class Row:
    corpus: str
    language: str
    held_out: bool
    documents: int
    score: Score


def score_set(gs: GoldSet) -> list[Row]:
    """One row per (language, held out or not) of a gold set."""
    import dprkwatch

    # Every article of a dev corpus counts, also those with nothing to find (false positives).
    files = [p for p in sorted(gs.folder.glob("*.txt")) if p.stem in gs.gold or gs.all_files]
    corpus = dprkwatch.load_corpus(files)
    claims = dprkwatch.extract_claims(corpus)
    hold = held_out()
    groups: dict[tuple[str, bool], list[str]] = {}
    for doc in corpus:
        groups.setdefault((doc.language, doc.doc_id in hold), []).append(doc.doc_id)
    rows = []
    for (lang, held), docs in sorted(groups.items()):
        sub = claims[claims["doc_id"].isin(docs)]
        rows.append(Row(gs.name, lang, held, len(docs), score(sub, gs.gold, docs)))
    return rows


def table(rows: list[Row]) -> str:
    """The rows as an aligned plain-text table."""
    head = f"{'corpus':<11} {'lang':<5} {'part':<9} {'docs':>4} {'gold':>4}  {'P':>5} {'R':>5} {'attr':>5} {'qual':>5}"
    lines = [head, "-" * len(head)]
    for r in rows:
        s = r.score
        part = "held out" if r.held_out else "seen"
        lines.append(
            f"{r.corpus:<11} {r.language:<5} {part:<9} {r.documents:>4} {s.tp + s.fn:>4}  "
            f"{s.precision:>5.2f} {s.recall:>5.2f} {s.attribution:>5.2f} {s.qualifier:>5.2f}"
        )
    return "\n".join(lines)
