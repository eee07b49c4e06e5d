"""dprkwatch: a claims ledger of North Korea–Russia military cooperation from multilingual news.

import dprkwatch
corpus = dprkwatch.load_corpus("seeds")
claims = dprkwatch.extract_claims(corpus)
headline = dprkwatch.reconcile.headline(claims, policy="latest")
store = dprkwatch.open_store("reports/.store")   # the ledger store `dprkwatch update` keeps
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
    "open_store": "dprkwatch.store",
    "update": "dprkwatch.store",
}
# Modules reachable as attributes: dprkwatch.reconcile.headline(...).
_MODULES = {"reconcile": "dprkwatch.analysis.reconcile"}

__all__ = sorted([*_EXPORTS, *_MODULES])


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
    elif name in _MODULES:
        value = importlib.import_module(_MODULES[name])
    else:
        raise AttributeError(f"module 'dprkwatch' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__():
    return sorted([*globals(), *_EXPORTS, *_MODULES])
