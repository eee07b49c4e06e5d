"""dprkwatch: a claims ledger of North Korea–Russia military cooperation from multilingual news.

import dprkwatch
corpus = dprkwatch.load_corpus("seeds")
claims = dprkwatch.extract_claims(corpus)
"""

__version__ = "0.1.0"

from dprkwatch.corpus import Corpus, Document, corpus_fingerprint, iter_documents, load_corpus
from dprkwatch.extract import COLUMNS, claims_from_document, extract_claims
from dprkwatch.langdata import available_languages

__all__ = [
    "COLUMNS",
    "Corpus",
    "Document",
    "available_languages",
    "claims_from_document",
    "corpus_fingerprint",
    "extract_claims",
    "iter_documents",
    "load_corpus",
]
