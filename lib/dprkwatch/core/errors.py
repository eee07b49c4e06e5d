"""One exception root for everything the suite reports to a user.

Every error a user can meet derives from DprkwatchError and carries what they need to act: the
file, the field, the row, the language pack, the cell. `str(error)` is one line a user can read
("seeds/x.txt: front matter field 'published': 2024-02-30 is not a date").
"""

from __future__ import annotations

import os


class DprkwatchError(Exception):
    """Root of the suite's errors; `exit_code` is what the command line returns for it."""

    exit_code = 1


class UsageError(DprkwatchError):
    """The command was asked for something it cannot do (bad option, unknown name)."""

    exit_code = 2


class InputError(DprkwatchError):
    """One input document could not be used; the run goes on without it.

    stage: where it failed ("read", "decode", "front matter", "extract", "validate").
    """

    def __init__(self, path: str | os.PathLike[str], reason: str, stage: str = "read"):
        self.path, self.reason, self.stage = str(path), reason, stage
        super().__init__(f"{self.path}: {reason}")


class NothingToReadError(DprkwatchError):
    """A corpus that holds no readable document (empty, missing, unmounted, wrong formats)."""

    exit_code = 2


class LanguagePackError(DprkwatchError):
    """A language pack is malformed; names the pack, and the key when one is at fault."""

    exit_code = 2

    def __init__(self, pack: str, message: str, key: str = ""):
        self.pack, self.key = pack, key
        where = f"{pack}: {key}: " if key else f"{pack}: "
        super().__init__(where + message)


class ConfigError(DprkwatchError):
    """A configuration file (notebooks/reports.yaml) is wrong; names the file and the field."""

    exit_code = 2

    def __init__(self, message: str, path: str | os.PathLike[str] = "", field: str = ""):
        self.path, self.field = str(path), field
        where = ": ".join(p for p in (self.path, field) if p)
        super().__init__(f"{where}: {message}" if where else message)


class LedgerValidationError(DprkwatchError):
    """Claims broke the ledger contract; one line per bad row (document, row, fields)."""

    def __init__(self, message: str, rows: list[dict] | None = None):
        self.rows = rows or []
        super().__init__(message)


class StoreError(DprkwatchError):
    """The ledger store cannot be read or updated (names the folder and the part)."""


class LockTimeout(DprkwatchError):
    """Another run holds the output folder's lock for too long."""

    exit_code = 3


class DiskFullError(DprkwatchError):
    """A write failed for lack of space; nothing half-written was left behind."""

    exit_code = 4
