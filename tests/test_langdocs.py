"""Every language beyond the seeds scored end to end, like the seeds.

1. One wire-style test document per language (tests/data/langdocs/{lang}_wire.txt, written
   for the tests) against its hand-annotated gold (tests/data/gold/langdocs_{lang}.yaml).
2. The real published articles of these languages in ../shared/devcorpus (not in this repo)
   against tests/data/gold/devcorpus_{lang}.yaml, annotated by reading them before the packs
   were tuned; skipped when that folder is absent. The thresholds are the scores measured.
"""

import pytest

import dprkwatch
from dprkwatch.analysis.evaluate import load_gold, report, score
from dprkwatch.core.paths import DEVCORPUS_DIR, TESTS_DATA_DIR
from dprkwatch.ingest.detect import detect_language

GOLD = TESTS_DATA_DIR / "gold"
LANGDOCS = TESTS_DATA_DIR / "langdocs"
LANGS = ["ko", "ru", "uk", "es", "fr", "de"]


@pytest.mark.parametrize("lang", LANGS)
def test_wire_document(lang):
    corpus = dprkwatch.load_corpus([LANGDOCS / f"{lang}_wire.txt"])
    assert not corpus.errors
    (doc,) = corpus
    assert doc.language == lang and doc.language_source == "front matter"
    claims = dprkwatch.extract_claims(corpus)
    sc = score(claims, load_gold(GOLD / f"langdocs_{lang}.yaml"))
    print(report(sc, f"langdocs {lang}"))
    assert sc.precision >= 0.9
    assert sc.recall >= 0.9
    assert sc.attribution >= 0.8


@pytest.mark.parametrize("lang", LANGS)
def test_wire_document_detected_without_front_matter(lang):
    body = (LANGDOCS / f"{lang}_wire.txt").read_text(encoding="utf-8").split("---", 2)[2]
    assert detect_language(body) == lang


# Measured 2026-11-21 (precision, recall, attribution):
#   ko 3 articles, 9 claims: 1.00 / 1.00 / 0.67 (a wage paragraph that names no source in an
#      article relaying the BBC; a headline credited to "군 당국" where the body names the DIA;
#      two agencies' container counts in one sentence)
#   uk 2 articles, 8 claims: 1.00 / 0.88 / 0.86 (the stored copy stops inside "4,8 млн
#      артилерій[ських снарядів]"; 0.71 attribution before "За інформацією Сеула" was read)
#   ru 1 article, only debatable claims (optional in the gold): 1.00 / 1.00 / 1.00, i.e. no
#      false positives on a column about North Korean citizens entering Russia
#   de 2 articles, 7 claims: 1.00 / 1.00 / 1.00
#   fr 2 articles, 4 claims: 1.00 / 1.00 / 1.00 (0.75 recall and 0.67 attribution before the
#      engine read "ce chiffre à ..." and "C'est ce qu'a affirmé X")
#   es 2 articles, 5 claims: 1.00 / 1.00 / 0.80 (the "millions of shells" of military data
#      passed to a lawmaker is credited to the DIA named in the next paragraph)
DEVCORPUS_FLOORS = {
    "ko": (1.0, 1.0, 0.66),
    "uk": (1.0, 0.87, 0.85),
    "ru": (1.0, 1.0, 1.0),
    "de": (1.0, 1.0, 1.0),
    "fr": (1.0, 1.0, 1.0),
    "es": (1.0, 1.0, 0.8),
}


@pytest.mark.skipif(not DEVCORPUS_DIR.is_dir(), reason=f"{DEVCORPUS_DIR} not present")
@pytest.mark.parametrize("lang", LANGS)
def test_devcorpus(lang):
    gold = load_gold(GOLD / f"devcorpus_{lang}.yaml")
    files = [DEVCORPUS_DIR / f"{doc}.txt" for doc in gold]
    corpus = dprkwatch.load_corpus(files)
    assert not corpus.errors
    assert {d.language for d in corpus} == {lang}
    assert {d.language_source for d in corpus} == {"detected"}
    sc = score(dprkwatch.extract_claims(corpus), gold)
    print(report(sc, f"devcorpus {lang}"))
    precision, recall, attribution = DEVCORPUS_FLOORS[lang]
    assert sc.precision >= precision
    assert sc.recall >= recall
    assert sc.attribution >= attribution
