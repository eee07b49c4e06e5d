"""Layer 4, claims: what each figure counts, who says it, one row per claim of a document."""

from dprkwatch.extract.pipeline import claims_from_document

__all__ = ["claims_from_document"]
