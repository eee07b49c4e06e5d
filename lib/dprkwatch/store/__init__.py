"""Layer 6, the ledger store: Parquet parts queried through DuckDB, updated by document."""
