"""Every path the suite uses, anchored at the repository root (one place to change them)."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
# lib/dprkwatch/paths.py -> the repo root is two folders up; DPRKWATCH_ROOT overrides it
# for installs outside a checkout.
ROOT = Path(os.environ.get("DPRKWATCH_ROOT") or PACKAGE_DIR.parents[1]).resolve()

LANGDATA_DIR = PACKAGE_DIR / "langdata"
ASSETS_DIR = PACKAGE_DIR / "assets"
SEEDS_DIR = ROOT / "seeds"
NOTEBOOKS_DIR = ROOT / "notebooks"
REPORTS_DIR = ROOT / "reports"
REPORTS_CONFIG = NOTEBOOKS_DIR / "reports.yaml"
# Ledger snapshots for "what changed since the last run": beside the reports, never in git.
STATE_DIR = REPORTS_DIR / ".state"
TESTS_DATA_DIR = ROOT / "tests" / "data"
# Material shared beside the checkout (development corpus); may be absent.
SHARED_DIR = ROOT.parent / "shared"
DEVCORPUS_DIR = SHARED_DIR / "devcorpus"
