"""The figure reader against a peer's number spec (Recognizers-Text), per language, side by side.

Reads the peer's `Specs/Number/<Language>/NumberModel.json` from the fetched copy
($DPRKWATCH_RECOGNIZERS_SPEC, default ../.mirror/microsoft+Recognizers-Text/repo; see
dprkwatch.numbers.peer_spec for which cases are in scope) and prints, per language: cases in
scope, read exactly, missed (some numbers not read) and wrong (a number read that the spec does
not have). With `--baseline REF` the library as it was at git revision REF is scored too, in
its own process, and both are printed side by side.

    .venv/bin/python benchmarks/number_spec.py
    .venv/bin/python benchmarks/number_spec.py --baseline HEAD~5
    .venv/bin/python benchmarks/number_spec.py --show wrong --lang ko
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PEER_SPEC = ROOT / "lib" / "dprkwatch" / "numbers" / "peer_spec.py"

# Which cases are in scope is decided once, by today's peer_spec.py and packs; each library
# (today's, a baseline's) only reads them, in its own process.
CHILD = r"""
import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("peer_spec", sys.argv[1])
peer = importlib.util.module_from_spec(spec)
sys.modules["peer_spec"] = peer
spec.loader.exec_module(peer)
from dprkwatch.lang.packs import available_languages
packs = set(available_languages())
selected = json.load(open(sys.argv[2], encoding="utf-8"))
out = {}
for code, rows in selected.items():
    cases = [peer.SpecCase(text, tuple(values), raw={"IgnoreResolution": ignore})
             for text, values, ignore in rows]
    tally = peer.score_cases(cases, code)
    out[code] = {"pack": code in packs, "in_scope": tally.in_scope, "exact": tally.exact,
                 "missed": tally.missed, "wrong": tally.wrong,
                 "wrong_cases": tally.wrong_cases, "missed_cases": tally.missed_cases}
print(json.dumps(out, ensure_ascii=False))
"""


def select(codes: list[str], into: Path) -> Path:
    """Write today's in-scope cases per language to a JSON file for the scoring processes."""
    from dprkwatch.numbers.peer_spec import in_scope_cases

    selected = {}
    for code in codes:
        found = in_scope_cases(code)
        if found is not None:
            selected[code] = [
                (case.text, case.values, bool(case.raw.get("IgnoreResolution")))
                for case in found[0]
            ]
    path = into / "cases.json"
    path.write_text(json.dumps(selected, ensure_ascii=False), encoding="utf-8")
    return path


def score(lib: Path, cases: Path) -> dict:
    """Per-language totals with the library at `lib` (a folder holding `dprkwatch/`)."""
    env = {**os.environ, "PYTHONPATH": str(lib)}
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(PEER_SPEC), str(cases)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if out.returncode != 0:
        raise SystemExit(f"scoring with {lib} failed:\n{out.stderr.strip()}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def export_lib(ref: str, into: Path) -> Path:
    """The package as it was at git revision `ref`, unpacked under `into`."""
    archive = into / "lib.tar"
    subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", "-o", str(archive), ref, "lib"],
        check=True,
    )
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    return into / "lib"


def _cell(row: dict | None) -> str:
    if row is None:
        return f"{'(no spec)':>30}"
    pct = 100 * row["exact"] / row["in_scope"] if row["in_scope"] else 100.0
    mark = "" if row["pack"] else "*"
    return f"{row['exact']:>5}/{row['in_scope']:<4}{pct:>5.0f}%{row['missed']:>6}{row['wrong']:>6}{mark:1}"


def print_table(columns: dict[str, dict], codes: list[str]) -> None:
    """One line per language, one block of columns per scored library."""
    head = "".join(f"{name:>31}" for name in columns)
    sub = "".join(f"{'exact/scope':>14}{'%':>5}{'missed':>6}{'wrong':>6} " for _ in columns)
    print(f"{'lang':<6}{head}\n{'':<6}{sub}")
    for code in codes:
        if all(code not in col for col in columns.values()):
            continue
        print(f"{code:<6}" + "".join(_cell(col.get(code)) for col in columns.values()))
    print("(* no dprkwatch pack for the language yet: read with the digits-only fallback)")


def main() -> int:
    from dprkwatch.numbers.peer_spec import SPEC_LANGUAGES, spec_available, spec_dir

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--baseline", help="git revision whose library is scored beside today's")
    ap.add_argument("--lang", nargs="*", default=list(SPEC_LANGUAGES), help="language codes")
    ap.add_argument("--show", choices=["wrong", "missed"], help="list those cases (today's)")
    args = ap.parse_args()
    if not spec_available():
        print(f"no fetched copy of the peer spec at {spec_dir()} (set DPRKWATCH_RECOGNIZERS_SPEC)")
        return 2
    columns: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="dprkwatch-spec-") as tmp:
        cases = select(args.lang, Path(tmp))
        if args.baseline:
            columns[args.baseline] = score(export_lib(args.baseline, Path(tmp)), cases)
        columns["today"] = score(ROOT / "lib", cases)
    print_table(columns, args.lang)
    if args.show:
        for code, row in columns["today"].items():
            for text, want, got in row[f"{args.show}_cases"]:
                print(f"{code} {text!r}: spec {want} read {got}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
