"""Reconciliation options, importable without pandas (the command line reads them at start-up)."""

# Headline policies (analysis/headline.py has one function per name); `latest` is the default.
POLICIES = ("latest", "conservative", "median")
DEFAULT_POLICY = "latest"

# Figures whose dates lie further apart than this are not compared (conflicts, agreement) and,
# under `conservative`, a current figure older than this before the newest one is left out.
DEFAULT_WINDOW_DAYS = 90
DEFAULT_PERIOD_DAYS = DEFAULT_WINDOW_DAYS  # the former name of the window

# Conflicts are listed per group up to this many (the nearest in time first), so a figure many
# originators dispute never makes a table that grows with the square of the originators.
MAX_CONFLICTS_PER_GROUP = 10

# A casualty breakdown: which figures are parts of which whole (checked only within one
# originator's figures of one date).
BREAKDOWN_TOPIC = "casualties"
BREAKDOWN_PARTS = ("killed", "wounded")
BREAKDOWN_WHOLE = "killed_or_wounded"
