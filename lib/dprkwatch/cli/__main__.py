"""`python -m dprkwatch.cli` runs the command line (the tests and the report workers use it)."""

import sys

from dprkwatch.cli import main

sys.exit(main())
