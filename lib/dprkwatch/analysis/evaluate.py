"""Score extracted claims against a hand-annotated gold file (precision, recall, attribution).

Gold files (tests/data/gold/*.yaml) hold no article text, only what a reader annotated:

    documents:
      003_3dfbc825b8f7b8cb:
        - {indicator: workers_deployed, value: 12000, qualifier: approx, attributed_to: Ukraine GUR}
        - {indicator: troops_deployed, qualifier: vague, attributed_to: ""}
        - {indicator: killed, value: 7800, optional: true}   # debatable: never counted either way

CSV gold (tests/data/gold/devcorpus*/<lang>.csv) follows ../shared/ANNOTATION.md, the
conventions the suite is scored by: `doc_id, indicator, value, value_high, qualifier,
attribution_keywords, measure, stage, optional, note`; for a range `value` is the low end.

A predicted claim matches a gold claim of the same document and indicator whose value agrees
within 1 % (a range's low end for a range; or both are vague). Matching is one-to-one.
Attribution is right when the sets of sources agree exactly (YAML gold), or when the predicted
`attributed_to` contains one of the gold's attribution keywords, case-insensitively (CSV gold;
an empty keyword list wants an empty attribution).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from dprkwatch.ledger import originators

VALUE_TOLERANCE = 0.01


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    attribution_right: int = 0
    qualifier_right: int = 0
    false_positives: list = field(default_factory=list)
    false_negatives: list = field(default_factory=list)
    wrong_attribution: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def attribution(self) -> float:
        return self.attribution_right / self.tp if self.tp else 1.0

    @property
    def qualifier(self) -> float:
        return self.qualifier_right / self.tp if self.tp else 1.0

    def summary(self) -> str:
        return (
            f"precision {self.precision:.2f}  recall {self.recall:.2f}  F1 {self.f1:.2f}  "
            f"attribution {self.attribution:.2f}  qualifier {self.qualifier:.2f}  "
            f"(tp {self.tp}, fp {self.fp}, fn {self.fn})"
        )

    def __add__(self, other: Score) -> Score:
        counts = {f: getattr(self, f) + getattr(other, f) for f in _COUNTS}
        return Score(
            **counts,
            false_positives=self.false_positives + other.false_positives,
            false_negatives=self.false_negatives + other.false_negatives,
            wrong_attribution=self.wrong_attribution + other.wrong_attribution,
        )


_COUNTS = ("tp", "fp", "fn", "attribution_right", "qualifier_right")


def load_gold(path: str | Path) -> dict[str, list[dict]]:
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    docs = data.get("documents") or {}
    return {str(k): list(v or []) for k, v in docs.items()}


def load_gold_dir(folder: str | Path, pattern: str = "*.yaml") -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for p in sorted(Path(folder).glob(pattern)):
        out.update(load_gold(p))
    return out


def load_gold_csv(path: str | Path) -> dict[str, list[dict]]:
    """ANNOTATION.md-style gold: doc_id -> claims with `keywords` (a list) instead of sources."""
    out: dict[str, list[dict]] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            out.setdefault(row["doc_id"], []).append(_gold_row(row))
    return out


def _gold_row(row: dict[str, str]) -> dict:
    def num(text: str) -> float | None:
        return float(text) if text and text.strip() else None

    return {
        "indicator": row["indicator"].strip(),
        "value": num(row.get("value", "")),
        "value_high": num(row.get("value_high", "")),
        "qualifier": row.get("qualifier", "").strip(),
        "keywords": [
            k.strip() for k in (row.get("attribution_keywords") or "").split("|") if k.strip()
        ],
        "measure": (row.get("measure") or "").strip(),
        "stage": (row.get("stage") or "").strip(),
        "optional": (row.get("optional") or "").strip().lower() == "true",
        "note": row.get("note", ""),
    }


def _attribution_right(pred: dict, gold: dict) -> bool:
    if "keywords" not in gold:
        return _sources(pred["attributed_to"]) == _sources(gold.get("attributed_to", ""))
    said = str(pred.get("attributed_to") or "").lower()
    if not gold["keywords"]:
        return not said
    return any(k.lower() in said for k in gold["keywords"])


def _sources(s) -> frozenset:
    return frozenset(originators(s))


def _matches(pred: dict, gold: dict) -> bool:
    if pred["indicator"] != gold["indicator"]:
        return False
    if gold.get("qualifier") == "vague" or gold.get("value") is None:
        return pred["qualifier"] == "vague"
    if pred["qualifier"] == "vague" or pred["value"] is None or pd.isna(pred["value"]):
        return False
    # ANNOTATION.md: a range's value is its low end, in the gold and in the ledger alike.
    g, v = float(gold["value"]), float(pred["value"])
    return abs(v - g) <= VALUE_TOLERANCE * max(abs(g), 1e-9)


def score(
    claims: pd.DataFrame, gold: dict[str, list[dict]], docs: list[str] | None = None
) -> Score:
    """Compare a ledger with gold annotations for the documents in `gold` (or `docs`)."""
    sc = Score()
    docs = sorted(gold) if docs is None else docs
    for doc in docs:
        preds = claims[claims["doc_id"] == doc].to_dict("records")
        golds = list(gold.get(doc, []))
        used = set()
        for p in preds:
            hit = next((i for i, g in enumerate(golds) if i not in used and _matches(p, g)), None)
            if hit is None:
                sc.fp += 1
                sc.false_positives.append(
                    (doc, p["indicator"], p["value"], p["qualifier"], p["claim_en"])
                )
                continue
            used.add(hit)
            g = golds[hit]
            if g.get("optional"):
                continue
            sc.tp += 1
            if _attribution_right(p, g):
                sc.attribution_right += 1
            else:
                want = g.get("attributed_to", "|".join(g.get("keywords", [])))
                sc.wrong_attribution.append(
                    (doc, p["indicator"], p["value"], p["attributed_to"], want)
                )
            if not g.get("qualifier") or p["qualifier"] == g.get("qualifier"):
                sc.qualifier_right += 1
        for i, g in enumerate(golds):
            if i not in used and not g.get("optional"):
                sc.fn += 1
                want = g.get("attributed_to", "|".join(g.get("keywords", [])))
                sc.false_negatives.append(
                    (doc, g["indicator"], g.get("value"), g.get("qualifier"), want)
                )
    return sc


def report(sc: Score, title: str = "") -> str:
    lines = [f"{title}: {sc.summary()}" if title else sc.summary()]
    for fp in sc.false_positives:
        lines.append(f"  FP {fp}")
    for fn in sc.false_negatives:
        lines.append(f"  FN {fn}")
    for wa in sc.wrong_attribution:
        lines.append(f"  ATTR {wa}")
    return "\n".join(lines)
