"""What an update did, in numbers and in one line for a log."""

from __future__ import annotations

from dataclasses import dataclass, field

from dprkwatch.core import fmt
from dprkwatch.core.errors import InputError


@dataclass
class UpdateSummary:
    """What an update did. skipped: documents not read (InputError); warnings: say them loudly."""

    run_id: int
    version: str
    n_new: int = 0
    n_changed: int = 0
    n_unchanged: int = 0
    n_gone: int = 0
    n_claims: int = 0
    skipped: list[InputError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    n_documents: int = 0
    claims_new: int = 0
    claims_revised: int = 0
    claims_gone: int = 0
    executor: str = "inline"
    jobs: int = 1
    seconds: float = 0.0
    chars_extracted: int = 0
    extract_seconds: float = 0.0  # CPU seconds spent reading and extracting, all workers
    notes: list[str] = field(default_factory=list)  # per-document caveats (bytes replaced)

    def line(self) -> str:
        """One line for a log: what the corpus held, what changed, what the store now holds."""
        seen = self.n_new + self.n_changed + self.n_unchanged
        skipped = f", {self.n_skipped} skipped" if self.skipped else ""
        return (
            f"run {self.run_id}: {count(seen, 'document')} ({self.n_new} new, "
            f"{self.n_changed} changed, {self.n_unchanged} unchanged), {self.n_gone} gone"
            f"{skipped}; store: {count(self.n_documents, 'document')}, "
            f"{count(self.n_claims, 'claim')} (version {self.version or '-'}, {self.seconds:.1f} s)"
        )

    @property
    def n_skipped(self) -> int:
        """Documents not read or not extracted (their reasons are in `skipped`)."""
        return len(self.skipped)


def count(n: int, noun: str) -> str:
    """ "1 document", "12,000 claims"."""
    return f"{fmt.number(n)} {noun}{'' if n == 1 else 's'}"
