"""Why each figure of a document became a claim or did not: the rule that decided, in words.

`dprkwatch extract --explain FILE` prints this table; analysts use it to see why a figure is
missing, developers to fix a rule for the language rather than for a sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

from dprkwatch.extract.pipeline import FigureReport, explain_document
from dprkwatch.ingest.corpus import Document

# Characters of context shown around the figure.
CONTEXT = 40


@dataclass(frozen=True)
class Explanation:
    """One figure: where it is, what was decided and why."""

    figure: str
    context: str
    sentence: int
    outcome: str
    indicator: str
    rule: str
    reason: str
    words: str


def explain(doc: Document) -> list[Explanation]:
    """An Explanation per figure of `doc`, in text order."""
    return [_explanation(doc.text, r) for r in explain_document(doc)]


def _explanation(text: str, r: FigureReport) -> Explanation:
    q, d = r.q, r.decision
    before = text[max(0, q.start - CONTEXT) : q.start].split("\n")[-1]
    after = text[q.end : q.end + CONTEXT].split("\n")[0]
    return Explanation(
        figure=text[q.start : q.end],
        context=f"…{before}[{text[q.start : q.end]}]{after}…",
        sentence=r.sentence + 1,
        outcome=r.outcome,
        indicator=d.indicator or "",
        rule=d.rule,
        reason=d.reason,
        words=d.evidence,
    )


def explain_table(explanations: list[Explanation]) -> str:
    """The explanations as readable text: one block per figure."""
    if not explanations:
        return "no figures in this document"
    lines = []
    for e in explanations:
        verdict = f"CLAIM {e.indicator}" if e.outcome == "claim" else e.outcome
        lines.append(f"sentence {e.sentence}: {e.figure!r}  {verdict}")
        lines.append(f"    {e.context}")
        why = f"{e.rule}: {e.reason}" + (f" ({e.words!r})" if e.words else "")
        lines.append(f"    why: {why}")
    return "\n".join(lines)
