"""Every path the suite uses, anchored at the repository root (one place to change them)."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1]
# lib/dprkwatch/ -> the repo root is two folders up; DPRKWATCH_ROOT overrides it for installs
# outside a checkout.
ROOT = Path(os.environ.get("DPRKWATCH_ROOT") or PACKAGE_DIR.parents[1]).resolve()

# Data that ships with the package, beside the layer that reads it.
LEDGER_CONTRACT = PACKAGE_DIR / "ledger.yaml"
ENCODINGS_FILE = PACKAGE_DIR / "ingest" / "encodings.yaml"
LANGDATA_DIR = PACKAGE_DIR / "lang" / "data"
WEAPON_TERMS = PACKAGE_DIR / "notebook" / "weapon_terms.yaml"
ASSETS_DIR = PACKAGE_DIR / "assets"  # report stylesheet, templates, fonts
SEEDS_DIR = ROOT / "seeds"
NOTEBOOKS_DIR = ROOT / "notebooks"
REPORTS_DIR = ROOT / "reports"
REPORTS_CONFIG = NOTEBOOKS_DIR / "reports.yaml"
# Ledger snapshots for "what changed since the last run": beside the reports, never in git.
STATE_DIR = REPORTS_DIR / ".state"
# The ledger store (Parquet parts + manifest) that `dprkwatch update` keeps current.
STORE_DIR = REPORTS_DIR / ".store"
TESTS_DATA_DIR = ROOT / "tests" / "data"
# Material shared beside the checkout (development corpus); may be absent.
SHARED_DIR = ROOT.parent / "shared"
DEVCORPUS_DIR = SHARED_DIR / "devcorpus"
DEVCORPUS2_DIR = SHARED_DIR / "devcorpus2"
# Per-user files that only save time (the packs' compiled patterns): safe to delete at any time.
# Relative where no home is known (expanduser leaves "~"): then nothing is cached.
CACHE_DIR = Path(
    os.environ.get("DPRKWATCH_CACHE_DIR")
    or Path(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")) / "dprkwatch"
)
