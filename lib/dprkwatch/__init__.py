"""dprkwatch: a claims ledger of North Korea–Russia military cooperation from multilingual news.

import dprkwatch
corpus = dprkwatch.load_corpus("seeds")
claims = dprkwatch.extract_claims(corpus)
"""

import importlib

__version__ = "0.1.0"

# Names resolve on first use (PEP 562), so `import dprkwatch` and the command line start fast
# and a no-change report run does not pay for pandas and pandera.
_EXPORTS = {
    "Corpus": "dprkwatch.ingest.corpus",
    "Document": "dprkwatch.ingest.corpus",
    "corpus_fingerprint": "dprkwatch.ingest.corpus",
    "iter_documents": "dprkwatch.ingest.corpus",
    "load_corpus": "dprkwatch.ingest.corpus",
    "COLUMNS": "dprkwatch.ledger",
    "claims_from_document": "dprkwatch.extract",
    "extract_claims": "dprkwatch.ledger",
    "available_languages": "dprkwatch.lang.packs",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'dprkwatch' has no attribute {name!r}")


def __dir__():
    return sorted(list(globals()) + list(_EXPORTS))
