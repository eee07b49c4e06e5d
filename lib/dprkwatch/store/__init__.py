"""Layer 6, the ledger store: Parquet parts queried through DuckDB, updated by document.

from dprkwatch.store import open_store, update
summary = update(["corpus/"], "reports/.store")   # only new and changed documents are read
store = open_store("reports/.store")
claims = store.claims(languages=["ko"], topic="troops")
"""

from dprkwatch.store.reader import Store, has_store, open_store
from dprkwatch.store.summary import UpdateSummary
from dprkwatch.store.updater import update

__all__ = ["Store", "UpdateSummary", "has_store", "open_store", "update"]
