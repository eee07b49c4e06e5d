"""Layer 6, the ledger store: Parquet parts queried through DuckDB, updated by document.

from dprkwatch.store import open_store, update
summary = update(["corpus/"], "reports/.store")   # only new and changed documents are read
store = open_store("reports/.store")
claims = store.claims(languages=["ko"], topic="troops")
"""

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # what the lazy names are, for type checkers only
    from dprkwatch.store.reader import Store, has_store, open_store
    from dprkwatch.store.summary import UpdateSummary
    from dprkwatch.store.updater import update

# Names load on first use: `dprkwatch update` with nothing to read never imports pandas.
_EXPORTS = {
    "Store": "dprkwatch.store.reader",
    "has_store": "dprkwatch.store.reader",
    "open_store": "dprkwatch.store.reader",
    "UpdateSummary": "dprkwatch.store.summary",
    "update": "dprkwatch.store.updater",
}
__all__ = ["Store", "UpdateSummary", "has_store", "open_store", "update"]  # = _EXPORTS


def __getattr__(name: str) -> object:
    if name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'dprkwatch.store' has no attribute {name!r}")
