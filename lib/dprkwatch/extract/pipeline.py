"""Turn one document into claims: one row per quantitative claim, traceable to its sentence.

For every figure the numbers layer finds, the rules (extract/rules.py) decide what it counts
from the words around it; attribution (extract/attribution.py) says who says it; the overlap
policies (extract/dedupe.py) keep one claim per figure. `explain_document` tells, for every
figure, which rule decided and why.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from dprkwatch.core.vocabulary import vocabulary
from dprkwatch.extract.attribution import Attributor
from dprkwatch.extract.cues import Cues, cues_of, stage_of
from dprkwatch.extract.dedupe import Candidate, dedupe
from dprkwatch.extract.duals import with_duals
from dprkwatch.extract.render import render_claim_en
from dprkwatch.extract.rules import Decision, Prior, classify, figure_context
from dprkwatch.extract.sentence import Sentences
from dprkwatch.extract.sources import lexicon_of
from dprkwatch.extract.timing import as_of, measure_of, stated_dates
from dprkwatch.ingest.corpus import Document
from dprkwatch.lang.packs import Lang, get_lang
from dprkwatch.lang.segment import SentenceIndex, split_sentences
from dprkwatch.numbers import Quantity, find_quantities

# The title and lead say what an article is about.
DOC_LEAD_CHARS = 400


@functools.cache
def _limit(indicator: str, unit: str) -> float:
    # The ledger rejects values above 1.5 x an indicator's plausible maximum (for money, in the
    # currency of the unit: 2,000,000 won a month is a wage).
    return vocabulary().limit(indicator, unit)


@dataclass
class FigureReport:
    """One figure of a document and what became of it (for --explain)."""

    q: Quantity
    sentence: int
    decision: Decision
    outcome: str  # "claim", "rejected", "merged" (a repeat of another claim) or why it was dropped


@dataclass
class _Reading:
    """A document read figure by figure: the candidates and every figure's report."""

    doc: Document
    lang: Lang
    sents: SentenceIndex
    sentences: Sentences  # each sliced and searched once, for all its figures
    candidates: list[Candidate]
    reports: list[FigureReport]
    # The last figure that counted something: (its sentence, whether it became a claim).
    last_counted: tuple[int, bool] | None = None
    by_sentence: dict[int, tuple[int, ...]] | None = None  # where each sentence's figures start

    def figures_in(self, si: int) -> tuple[int, ...]:
        """Where the figures of sentence `si` start, rejected ones too."""
        if self.by_sentence is None:
            found: dict[int, list[int]] = {}
            for rep in self.reports:
                found.setdefault(rep.sentence, []).append(rep.q.start)
            self.by_sentence = {k: tuple(v) for k, v in found.items()}
        return self.by_sentence.get(si, ())


def _read(doc: Document) -> _Reading | None:
    lang = get_lang(doc.language or "und")
    text = doc.text
    cues = cues_of(lang)
    quantities = with_duals(text, find_quantities(text, lang), cues)
    sents = SentenceIndex(split_sentences(text, lang)) if quantities else SentenceIndex([])
    if not quantities or not len(sents):
        return None
    figures = tuple(q.core_start for q in quantities)
    attributor = Attributor(text, sents, lang, lexicon_of(lang), doc.published, figures)
    doc_nk = bool(cues.nk.search(doc.title or "") or cues.nk.search(text[:DOC_LEAD_CHARS]))
    reading = _Reading(doc, lang, sents, Sentences(text, sents.spans), [], [])
    for q, bounds in zip(quantities, _windows(text, quantities, cues), strict=True):
        _read_figure(reading, q, bounds, cues, doc_nk, attributor)
    return reading


def _windows(text: str, quantities: list[Quantity], cues: Cues) -> list[tuple[int, int, int]]:
    """Each figure's bounds: where the figure before it ends, where the next starts and ends.
    A duration hyphened to its noun ("the 90-day mission", "des 90-tägigen Einsatzes") bounds
    no neighbour: "Seven sappers died during the 90-day mission" keeps its verb after it."""
    bounds = [not _hyphened_duration(text, q, cues) for q in quantities]
    nexts: list[tuple[int, int]] = []
    following = (len(text), len(text))
    for q, bounding in zip(reversed(quantities), reversed(bounds), strict=True):
        nexts.append(following)
        if bounding:
            following = (q.start, q.end)
    out, prev_end = [], 0
    for q, bounding, nxt in zip(quantities, bounds, reversed(nexts), strict=True):
        out.append((prev_end, *nxt))
        if bounding:
            prev_end = q.end
    return out


def _hyphened_duration(text: str, q: Quantity, cues: Cues) -> bool:
    rest = text[q.core_end : q.core_end + 40]
    return rest.startswith("-") and cues.time_unit.match(rest) is not None


def _read_figure(
    r: _Reading,
    q: Quantity,
    bounds: tuple[int, int, int],
    cues: Cues,
    doc_nk: bool,
    attributor: Attributor,
) -> None:
    text, sents, cands = r.doc.text, r.sents, r.candidates
    si = sents.index_of(q.core_start)
    sent = r.sentences[si]
    last = (cands[-1].indicator, cands[-1].unit) if cands else None
    prior = last if cands and cands[-1].sentence == si else None
    fig = figure_context(text, q, bounds, sent, cues, doc_nk, (prior, last, *_before(cands, si)))
    fig.after_no_claim = r.last_counted == (si, False)
    decision = classify(fig)
    q = fig.q  # as the rules read it: a hedge after its noun qualifies it
    report = FigureReport(q, si, decision, "rejected")
    r.reports.append(report)
    if fig.noun is not None or fig.counts_other or decision.accepted:
        r.last_counted = (si, False)  # a claim once it is one (below)
    if not decision.accepted:
        return
    stage = stage_of(sent, q.start - sent.start, cues)
    cand = _candidate(decision, q, si, stage)
    cand.measure = measure_of(text, sents[si], (q.start, q.end), r.lang, cand.unit)
    problem = _implausible(cand)
    if problem:
        report.outcome = problem
        return
    cand.attribution = attributor.sources(si, q.core_start)
    cand.sources = cand.attribution.named
    lex = attributor.s
    # A body that says more than its country and kind, and is no outlet: the JCS, not "Seoul".
    cand.specific = any(n not in lex.broad and lex.kind_of.get(n) != "media" for n in cand.sources)
    cands.append(cand)
    report.outcome = "claim"
    r.last_counted = (si, True)


# "Another 500 could follow" counts what the sentences before counted: the one before, or the
# one before it where the sentence between counted nothing ("They were trained for 3 weeks").
CARRY_SENTENCES = 2


def _before(cands: list[Candidate], si: int) -> tuple[Prior, Prior]:
    """What the last figure of the sentences before sentence `si` counted, and the last people
    sent there."""
    last: Prior = None
    for c in reversed(cands):
        if c.sentence < si - CARRY_SENTENCES:
            break
        if c.sentence >= si:
            continue
        last = last or (c.indicator, c.unit)
        if c.indicator.endswith("_deployed"):
            return last, (c.indicator, c.unit)
    return last, None


def _candidate(decision: Decision, q: Quantity, si: int, stage: str) -> Candidate:
    indicator, unit = decision.indicator or "", decision.unit
    value, low, high = q.value, q.low, q.high
    if "ambiguous_separator" in q.flags and q.alt_value is not None and unit != "x":
        # A count of people or objects is whole: "1.000 soldiers" in English is 1,000; no sum of
        # money has three decimals either: "2,500 ABD doları" in Turkish is 2,500 dollars.
        scale = q.alt_value / q.value if q.value else 1
        value, low, high = q.alt_value, low * scale, high * scale
    if q.qualifier == "range":
        value = low  # ANNOTATION.md: a range's value is its low end ("10,000 to 12,000": 10,000)
    return Candidate(indicator, unit, q, si, stage, q.flags, value, low, high, decision=decision)


def _implausible(c: Candidate) -> str:
    """Why an accepted figure is still not a claim, or ""."""
    if c.value is not None and not c.value > 0:
        return "dropped: not a positive count"
    if c.indicator in vocabulary().indicators and c.high > _limit(c.indicator, c.unit):
        # "$500 million a year" is not a wage: implausible for the indicator.
        return "dropped: implausibly large for the indicator"
    if c.high < vocabulary().indicators[c.indicator].min:
        return "dropped: implausibly small for the indicator"  # "in two rounds"
    return ""


def claims_from_document(doc: Document) -> list[dict]:
    """The claims of one document as row dicts (a pure function of the document)."""
    reading = _read(doc)
    if reading is None:
        return []
    return [_row(reading, c) for c in dedupe(reading.candidates)]


def _row(r: _Reading, c: Candidate) -> dict:
    doc, who = r.doc, c.attribution
    sentence = r.sentences[c.sentence]
    a, b = sentence.start, sentence.end
    dates = sentence.memo("dates", lambda s: stated_dates(s, r.lang))
    # "1 million this year, up from 500,000 in 2023": a date past a comparison is not the figure's.
    comparison = cues_of(r.lang).comparison
    walls = sentence.memo(
        "comparisons", lambda s: tuple(a + m.start() for m in comparison.finditer(s))
    )
    staged = vocabulary().indicators[c.indicator].staged
    return {
        "doc_id": doc.doc_id,
        "language": r.lang.code,
        "indicator": c.indicator,
        "value": c.value if c.q.qualifier != "vague" else None,
        "value_low": float(c.low),
        "value_high": float(c.high),
        "unit": c.unit,
        "qualifier": c.q.qualifier,
        "attributed_to": who.attributed_to,
        "quote": sentence.text,
        "char_start": a,
        "char_end": b,
        "claim_en": render_claim_en(
            c.indicator, c.value, c.low, c.high, c.q.qualifier, c.unit, who.in_english, c.stage
        ),
        "published": doc.published,
        "stage": c.stage if staged else "",
        "measure": _measure(r, c, (a, b)),
        "as_of": as_of(
            doc.text,
            (a, b),
            (c.q.start, c.q.end),
            doc.published,
            r.lang,
            dates,
            walls,
            tuple(p for p in r.figures_in(c.sentence) if p != c.q.start),
        ),
        "speaker": who.speaker,
        "relayed_by": who.relayed_by,
        "outlet": doc.outlet,
        "url": doc.url,
        "title": doc.title,
        "flags": ",".join(c.flags),
        "figure_start": c.q.start,
        "figure_end": c.q.end,
    }


def _measure(r: _Reading, c: Candidate, sentence: tuple[int, int]) -> str:
    """The figure's measure; a figure right after a comparison ("10,000 shells a day, down from
    20,000 last year") with no cue of its own states the same measure as the claim it is
    compared with, the last one before it in its sentence."""
    text, own = r.doc.text, c.measure
    back = cues_of(r.lang).back_reference
    lead = text[max(sentence[0], c.q.start - 60) : c.q.start]
    if own != "total" or back.search(lead) is None:
        return own
    k = next(i for i, x in enumerate(r.candidates) if x is c)
    before = [x for x in r.candidates[:k] if x.sentence == c.sentence and x.q.end <= c.q.start]
    if not before:
        return own
    return measure_of(text, sentence, (before[-1].q.start, before[-1].q.end), r.lang, c.unit)


def explain_document(doc: Document) -> list[FigureReport]:
    """Every figure of the document with the rule that decided it and what became of it."""
    reading = _read(doc)
    if reading is None:
        return []
    kept = {id(c) for c in dedupe(reading.candidates)}
    by_q = {id(c.q): c for c in reading.candidates}
    for report in reading.reports:
        cand = by_q.get(id(report.q))
        if report.outcome == "claim" and cand is not None and id(cand) not in kept:
            report.outcome = "merged: repeats another claim of the document"
    return reading.reports
