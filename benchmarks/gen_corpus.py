"""Generate a synthetic corpus of real-size articles (~2,000 characters) for the scale benchmark.

Built from the project's own texts: seeds/ (bn, en, pt) and the test documents written for
the tests (tests/data/langdocs/, one per language: dense, most sentences hold a figure); or,
with --from, from real articles read where they lie (the development corpora beside the
checkout, never copied into the project), which hold as many figures as the press does.
Each article takes one source's lead, then its other paragraphs (or sentences) in a shuffled
order up to the target length; figures are varied (years kept), and the front matter spreads
publication dates over two years and outlets over a list of invented ones. Half the articles state their language in
the front matter, the others leave it to detection. Document i is the same whatever the
corpus size, so `--start` adds documents to an existing corpus.

    python benchmarks/gen_corpus.py OUT_DIR --count 1000 [--start 0] [--seed 7] [--from DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
from functools import cache
from pathlib import Path

from dprkwatch.core.paths import SEEDS_DIR, TESTS_DATA_DIR
from dprkwatch.ingest.corpus import read_document

TARGET_CHARS = 2000
FIRST_DAY = dt.date(2024, 1, 1)
DAYS = 730
OUTLETS = [
    f"{a} {b}"
    for a in ("Test", "Sample", "Mock", "Demo", "Pilot")
    for b in ("Wire", "Herald", "Daily", "Post", "Tribune", "Monitor")
]
DOCS_PER_FOLDER = 1000
# A number in any grouping style ("12,000", "3 000", "1.200", "4천700"): the leading group varies.
_NUMBER = re.compile(
    r"(?<![0-9])([0-9]{1,3})((?:[.,\u00a0\u202f ][0-9]{3})*)(?![0-9])|(?<![0-9])([0-9]{4,})(?![0-9])"
)
_SENTENCE_END = re.compile(r"(?<=[.!?।])\s+")


Source = tuple[str, str, list[str]]


@cache
def sources(folders: tuple[Path, ...] = ()) -> list[Source]:
    """(language or "", title, body units) for every source text, in a stable order.

    folders: real articles to build from instead (the development corpora beside the
    checkout, read where they lie and never copied into the project); their language is
    detected where the front matter does not give it.
    """
    if folders:
        return [_real(path) for f in folders for path in sorted(f.glob("[0-9]*.txt"))]
    out = []
    files = sorted(SEEDS_DIR.glob("*.txt")) + sorted((TESTS_DATA_DIR / "langdocs").glob("*.txt"))
    for path in files:
        text = path.read_text(encoding="utf-8")
        lang = ""
        if text.startswith("---"):
            _, front, text = text.split("---", 2)
            m = re.search(r"^language:\s*(\w+)", front, re.MULTILINE)
            lang = m.group(1) if m else ""
        title, units = _units(text)
        out.append((lang or _seed_language(path), title, units))
    return out


def _units(text: str) -> tuple[str, list[str]]:
    """The title (first paragraph) and the paragraphs after it, or their sentences if few."""
    paras = [p.strip() for p in text.strip().split("\n") if p.strip()]
    title, body = paras[0], paras[1:] or paras
    return title, body if len(body) >= 4 else [s for p in body for s in _SENTENCE_END.split(p) if s]


def _real(path: Path) -> Source:
    doc, _ = read_document(path)
    title, units = _units(doc.text)
    return (doc.language, title, units)


def _seed_language(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if re.search("[\u0980-\u09ff]", text):
        return "bn"
    return "pt" if re.search(r"\b(?:Coréia|Coreia|não|que)\b", text) else "en"


def _vary(text: str, rng: random.Random) -> str:
    def repl(m: re.Match) -> str:
        if m.group(3):  # 4+ digits without grouping: a year or a designator, kept
            return m.group(3)
        lead, rest = m.group(1), m.group(2)
        n = int(lead)
        if n == 0:
            return m.group(0)
        new = max(1, n + rng.randint(-max(1, n // 5), max(1, n // 5)))
        return str(min(new, 10 ** len(lead) - 1)) + rest

    return _NUMBER.sub(repl, text)


def article(
    i: int, seed: int = 7, language_share: float = 0.5, folders: tuple[Path, ...] = ()
) -> tuple[str, str]:
    """(relative path, text) of document i (built from `folders`' articles when given)."""
    rng = random.Random(seed * 1_000_003 + i)
    texts = sources(folders)
    lang, title, units = texts[i % len(texts)]
    lead, rest = units[0], units[1:]
    rng.shuffle(rest)
    parts, size = [_vary(title, rng), _vary(lead, rng)], len(title) + len(lead)
    k = 0
    while size < TARGET_CHARS and rest:
        unit = _vary(rest[k % len(rest)], rng)
        parts.append(unit)
        size += len(unit) + 2
        k += 1
        if k >= 3 * len(rest):
            break
    published = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
    outlet = rng.choice(OUTLETS)
    slug = outlet.lower().replace(" ", "")
    front = [
        "---",
        f'title: "{parts[0].replace(chr(34), chr(39))}"',
        f"published: {published.isoformat()}",
        f"outlet: {outlet}",
        f"url: https://{slug}.example/{published:%Y/%m}/{i}",
    ]
    if rng.random() < language_share:
        front.append(f"language: {lang}")
    text = "\n".join([*front, "---", "\n\n".join(parts)]) + "\n"
    return f"{i // DOCS_PER_FOLDER:04d}/doc_{i:07d}.txt", text


def generate(
    folder: Path,
    count: int,
    start: int = 0,
    seed: int = 7,
    language_share: float = 0.5,
    folders: tuple[Path, ...] = (),
) -> int:
    """Write documents start..start+count-1 under folder; the characters written."""
    chars = 0
    for i in range(start, start + count):
        rel, text = article(i, seed, language_share, folders)
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        chars += len(text)
    return chars


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--start", type=int, default=0)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--language-share", type=float, default=0.5)
    ap.add_argument(
        "--from",
        dest="folders",
        type=Path,
        action="append",
        default=[],
        help="build from the real articles of this folder (repeatable; e.g. ../shared/devcorpus)",
    )
    args = ap.parse_args()
    folders = tuple(args.folders)
    chars = generate(args.out, args.count, args.start, args.seed, args.language_share, folders)
    print(f"{args.count} documents, {chars:,} characters -> {args.out}")


if __name__ == "__main__":
    main()
