"""Layer 8, what notebooks call: load the ledger, tables, charts, safe display, headlines."""
