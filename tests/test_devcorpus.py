"""Extraction measured on real published articles beside the checkout (../shared/devcorpus*).

The articles are not in this repo (their text belongs to their publishers); the tests skip when
the folders are absent. Gold: tests/data/gold/<corpus>/<lang>.csv, annotated by reading,
ANNOTATION.md's form. `make score` prints the full table, held-out articles apart.
Floors are the scores measured (see git log for each rise): a change that lowers a language's
score fails here, on the held-out articles too (tests/data/gold/heldout.yaml: written after the
rules, never read while writing them; their floors record where the rules stand on unseen text).
"""

import pytest

from dprkwatch.analysis.evaluate import report
from dprkwatch.analysis.scoring import gold_sets, score_set

# (corpus, language, part) -> (precision, recall, attribution, qualifier) floors.
FLOORS = {
    ("devcorpus", "bn", "seen"): (1.0, 1.0, 1.0, 1.0),
    ("devcorpus", "de", "seen"): (1.0, 1.0, 1.0, 1.0),
    ("devcorpus", "en", "seen"): (1.0, 1.0, 1.0, 1.0),
    ("devcorpus", "es", "seen"): (1.0, 1.0, 1.0, 1.0),
    ("devcorpus", "fr", "seen"): (1.0, 0.8, 1.0, 1.0),
    ("devcorpus", "ko", "seen"): (1.0, 1.0, 0.88, 1.0),
    ("devcorpus", "pt", "seen"): (1.0, 0.88, 0.75, 1.0),
    ("devcorpus", "ru", "seen"): (1.0, 1.0, 1.0, 1.0),
    ("devcorpus", "uk", "seen"): (1.0, 0.87, 1.0, 1.0),
    ("devcorpus2", "ar", "held out"): (1.0, 1.0, 1.0, 1.0),
    ("devcorpus2", "ar", "seen"): (1.0, 1.0, 0.6, 1.0),
    ("devcorpus2", "bn", "held out"): (1.0, 1.0, 1.0, 1.0),
    ("devcorpus2", "de", "held out"): (1.0, 0.66, 1.0, 1.0),
    ("devcorpus2", "en", "held out"): (1.0, 1.0, 1.0, 1.0),
    ("devcorpus2", "es", "held out"): (1.0, 1.0, 0.0, 1.0),
    ("devcorpus2", "fr", "held out"): (0.5, 1.0, 0.0, 1.0),
    ("devcorpus2", "hi", "held out"): (1.0, 1.0, 0.0, 1.0),
    ("devcorpus2", "hi", "seen"): (1.0, 1.0, 1.0, 1.0),
    ("devcorpus2", "id", "held out"): (1.0, 1.0, 1.0, 0.0),
    ("devcorpus2", "id", "seen"): (1.0, 1.0, 1.0, 1.0),
    ("devcorpus2", "it", "held out"): (1.0, 0.0, 1.0, 1.0),
    ("devcorpus2", "it", "seen"): (1.0, 1.0, 1.0, 1.0),
    ("devcorpus2", "ja", "held out"): (1.0, 1.0, 0.66, 1.0),
    ("devcorpus2", "ja", "seen"): (1.0, 1.0, 1.0, 1.0),
    ("devcorpus2", "ko", "held out"): (1.0, 1.0, 1.0, 1.0),
    ("devcorpus2", "pl", "held out"): (0.5, 1.0, 1.0, 1.0),
    ("devcorpus2", "pl", "seen"): (1.0, 0.8, 1.0, 1.0),
    ("devcorpus2", "pt", "held out"): (1.0, 1.0, 1.0, 1.0),
    ("devcorpus2", "ru", "held out"): (1.0, 1.0, 1.0, 1.0),
    ("devcorpus2", "tr", "held out"): (1.0, 1.0, 1.0, 1.0),
    ("devcorpus2", "tr", "seen"): (1.0, 0.66, 1.0, 1.0),
    ("devcorpus2", "uk", "held out"): (0.5, 0.25, 1.0, 1.0),
    ("devcorpus2", "vi", "held out"): (0.66, 1.0, 0.0, 1.0),
    ("devcorpus2", "vi", "seen"): (1.0, 1.0, 1.0, 1.0),
    ("devcorpus2", "zh", "held out"): (0.5, 1.0, 1.0, 1.0),
    ("devcorpus2", "zh", "seen"): (1.0, 1.0, 1.0, 1.0),
}


@pytest.fixture(scope="module")
def rows():
    sets = [gs for gs in gold_sets() if gs.name.startswith("devcorpus")]
    if not sets:
        pytest.skip("../shared/devcorpus* not present")
    return {
        (r.corpus, r.language, "held out" if r.held_out else "seen"): r
        for gs in sets
        for r in score_set(gs)
    }


@pytest.mark.parametrize("key", sorted(FLOORS), ids=lambda k: "-".join(k))
def test_scores_do_not_fall(rows, key):
    if key not in rows:
        pytest.skip(f"{key} not scored (folder absent)")
    sc = rows[key].score
    print(report(sc, " ".join(key)))
    precision, recall, attribution, qualifier = FLOORS[key]
    assert sc.precision >= precision
    assert sc.recall >= recall
    assert sc.attribution >= attribution
    assert sc.qualifier >= qualifier
