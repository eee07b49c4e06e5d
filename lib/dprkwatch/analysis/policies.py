"""Reconciliation options, importable without pandas (the command line reads them at start-up)."""

POLICIES = ("conservative", "median", "latest")
DEFAULT_PERIOD_DAYS = 90
