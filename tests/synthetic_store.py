"""A ledger store written straight from made-up claims, for notebook tests at any size.

Extraction is not what these tests are about: the claims are generated (our own sentences,
several scripts, dates over two years) and written as the store's parts with its own part
writer and manifest, so the notebooks read exactly what `dprkwatch update` would leave.
"""

from __future__ import annotations

import random
from pathlib import Path

import pandas as pd

from dprkwatch.core.vocabulary import vocabulary
from dprkwatch.store.layout import TABLES, Manifest, digest, write_manifest
from dprkwatch.store.parts import write_part

SOURCES = [
    "South Korea NIS",
    "Ukraine GUR",
    "US government",
    "TASS",
    "KCNA",
    "Japan Ministry of Defense",
    "UK Ministry of Defence",
    "Yonhap",
    "Kyiv Independent",
    "ISW",
    "Reuters",
    "",
]
# Our own sentences, one per script the reports must render (not from any article).
QUOTES = {
    "en": "Officials said about {n} North Korean troops had arrived.",
    "bn": "কর্মকর্তারা বলেছেন প্রায় {n} উত্তর কোরীয় সৈন্য পৌঁছেছে।",
    "ko": "당국은 북한군 약 {n}명이 도착했다고 밝혔다.",
    "ja": "当局は北朝鮮兵約{n}人が到着したと述べた。",
    "zh": "官员表示，约{n}名朝鲜士兵已经抵达。",
    "hi": "अधिकारियों ने कहा कि लगभग {n} उत्तर कोरियाई सैनिक पहुंचे।",
    "ar": "قال مسؤولون إن نحو {n} جندي كوري شمالي وصلوا.",
    "ru": "Официальные лица сообщили, что прибыли около {n} северокорейских военных.",
}


def claims_frame(n_claims: int, languages: list[str], seed: int = 7) -> pd.DataFrame:
    """n_claims made-up claims over every indicator, spread over languages, sources and dates."""
    rnd = random.Random(seed)
    voc = vocabulary()
    indicators = list(voc.indicators)
    rows = []
    start = pd.Timestamp("2024-01-01")
    for i in range(n_claims):
        ind = indicators[i % len(indicators)]
        spec = voc.indicators[ind]
        lang = languages[(i // 4) % len(languages)]
        value = float(rnd.randrange(1, 200) * (100 if spec.max >= 100000 else 1))
        doc = i // 4
        # A document's claims share its date; every 25th document is undated.
        day = None if doc % 25 == 0 else start + pd.Timedelta(days=(doc * 37) % 730)
        quote = QUOTES.get(lang, QUOTES["en"]).format(n=f"{value:,.0f}")
        rows.append(
            {
                "doc_id": f"doc{doc:06d}",
                "language": lang,
                "topic": spec.topic,
                "indicator": ind,
                "value": value,
                "value_low": value * 0.9,
                "value_high": value * 1.1,
                "unit": spec.units[0],
                "qualifier": "approx",
                "attributed_to": rnd.choice(SOURCES),
                "quote": quote,
                "char_start": 100 * (i % 4),
                "char_end": 100 * (i % 4) + len(quote),
                "claim_en": f"≈{value:,.0f} {spec.label}",
                "published": day,
                "stage": "done" if spec.staged else "",
                "measure": "increment" if i % 13 == 0 else "total",
                "as_of": day,
                "speaker": "",
                "relayed_by": "",
                "outlet": f"Outlet {doc % 60}",
                "url": "",
                "title": f"Wire {doc}",
                "flags": "",
                "figure_start": 100 * (i % 4) + 10,
                "figure_end": 100 * (i % 4) + 16,
            }
        )
    df = pd.DataFrame(rows)
    for col in ("published", "as_of"):
        df[col] = pd.to_datetime(df[col])
    return df


def write_store(folder: Path, claims: pd.DataFrame, errors: list[tuple[str, str]] = ()) -> Path:
    """Write claims (ledger columns) as a one-run store in folder; returns folder."""
    claims = claims.copy()
    claims["path"] = claims["doc_id"] + ".md"
    claims["claim_id"] = [
        digest(p, i, s, v)
        for p, i, s, v in zip(
            claims["path"],
            claims["indicator"],
            claims["figure_start"],
            claims["value"],
            strict=True,
        )
    ]
    claims["row_hash"] = claims["claim_id"]
    claims["first_seen_run"] = claims["last_seen_run"] = claims["run"] = 1
    claims["status"] = "current"
    docs = claims.groupby("path", as_index=False).agg(
        doc_id=("doc_id", "first"),
        language=("language", "first"),
        outlet=("outlet", "first"),
        published=("published", "first"),
        title=("title", "first"),
        n_claims=("claim_id", "size"),
    )
    docs = docs.assign(
        file=docs["path"], language_source="front matter", url="", n_chars=2000,
        encoding="utf-8", replaced_bytes=0, content_hash=docs["path"], size=2000,
        mtime_ns=0, status="current", first_seen_run=1, run=1,
    )  # fmt: skip
    sources = (
        claims[["claim_id", "attributed_to"]]
        .assign(source=claims["attributed_to"].str.split("; "))
        .explode("source")
    )
    sources = sources[sources["source"].fillna("") != ""].assign(run=1)
    now = pd.Timestamp("2025-09-30", tz="UTC")
    runs = pd.DataFrame(
        [{"run_id": 1, "started": now, "finished": now, "n_new": len(docs),
          "n_documents": len(docs), "n_claims": len(claims), "claims_new": len(claims),
          "version": "synthetic", "executor": "inline", "jobs": 1}]
    )  # fmt: skip
    errs = pd.DataFrame(
        [{"run": 1, "path": str(folder / "corpus" / p), "stage": "read", "reason": r}
         for p, r in errors],
        columns=["run", "path", "stage", "reason"],
    )  # fmt: skip
    (folder / "parts").mkdir(parents=True, exist_ok=True)
    frames = {"claims": claims, "documents": docs, "sources": sources, "runs": runs, "errors": errs}
    parts = {t: [n] if (n := write_part(folder, t, 1, frames[t])) else [] for t in TABLES}
    write_manifest(
        folder,
        Manifest(
            version=digest(len(claims), claims["claim_id"].iloc[0] if len(claims) else ""),
            run_id=1,
            parts=parts,
            n_documents=len(docs),
            n_claims=len(claims),
        ),
    )
    return folder
