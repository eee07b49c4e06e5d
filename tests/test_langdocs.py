"""Every language beyond the seeds scored end to end, like the seeds.

1. One wire-style test document per language (tests/data/langdocs/{lang}_wire.txt, written
   for the tests) against its hand-annotated gold (tests/data/gold/langdocs_{lang}.yaml).
The real articles of ../shared/devcorpus* are scored in tests/test_devcorpus.py.
"""

import pytest

import dprkwatch
from dprkwatch.analysis.evaluate import load_gold, report, score
from dprkwatch.core.paths import TESTS_DATA_DIR
from dprkwatch.ingest.detect import detect_language

GOLD = TESTS_DATA_DIR / "gold"
LANGDOCS = TESTS_DATA_DIR / "langdocs"
LANGS = ["ko", "ru", "uk", "es", "fr", "de", "ja", "zh", "it", "pl", "tr", "id", "vi", "hi", "ar"]


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
