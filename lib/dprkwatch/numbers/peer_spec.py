"""Score the figure reader against a peer's number specification (Microsoft Recognizers-Text).

The peer's `Specs/Number/<Language>/NumberModel.json` files are read from a fetched copy, never
shipped with dprkwatch: the folder is `$DPRKWATCH_RECOGNIZERS_SPEC`, by default
`<checkout>/../.mirror/microsoft+Recognizers-Text/repo` (a bare git directory, read with
`git show`, or a plain checkout). `tests/test_number_spec.py` and `benchmarks/number_spec.py` use
this module; both skip what is absent.

Which cases are in scope is decided in ONE place, `out_of_scope()`, documented there.
"""

from __future__ import annotations

import json
import math
import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from dprkwatch.core.errors import UsageError
from dprkwatch.core.paths import ROOT
from dprkwatch.lang.packs import get_lang
from dprkwatch.numbers import find_quantities

SPEC_ENV = "DPRKWATCH_RECOGNIZERS_SPEC"
DEFAULT_SPEC_DIR = ROOT.parent / ".mirror" / "microsoft+Recognizers-Text" / "repo"
# dprkwatch language code -> the peer's folder name.
SPEC_LANGUAGES = {
    "en": "English",
    "pt": "Portuguese",
    "es": "Spanish",
    "fr": "French",
    "de": "German",
    "ko": "Korean",
    "ja": "Japanese",
    "zh": "Chinese",
    "it": "Italian",
    "tr": "Turkish",
    "hi": "Hindi",
    "ar": "Arabic",
}
REFERENCE_PLATFORM = "dotnet"  # the peer's reference implementation
_COUNT_SUBTYPES = {"integer", "decimal"}
_POWER = re.compile(r"\d\s*(?:[eE][+-]?\d|\^|[x×]\s*10)|[⁰¹²³⁴⁵⁶⁷⁸⁹]")
_FRACTION_CHARS = re.compile(r"/|[\u00bc-\u00be\u2150-\u215e]")
_PHONE_OR_DATE = re.compile(
    r"\+\d|\d\s*/\s*\d|\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?!\d)"
    # A date written with the CJK year, month and day signs (2018年5月17日, １月１６日).
    r"|\d\s*年\s*\d{1,2}\s*月|\d{1,2}\s*月\s*\d{1,2}\s*日"
)
# Numbers spelled in kana (にじゅうさん): how a number is read aloud or glossed, never how a
# figure is printed in the press the suite reads (digits or kanji).
_KANA_ONLY = re.compile(r"[\u3040-\u30ff\s、]+")
_PERCENT = re.compile(r"%|％|٪")
_DECIMAL_DIGITS = re.compile(r"\d\s?[.,．，、・٫]\s?\d")


@dataclass(frozen=True, slots=True)
class SpecCase:
    """One case of the peer's spec: the input and the numbers it expects, in order."""

    text: str
    values: tuple[float, ...]
    results: tuple[dict, ...] = ()
    raw: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass(slots=True)
class Tally:
    """Per-language totals; `wrong_cases` and `missed_cases` keep (text, expected, read)."""

    in_scope: int = 0
    exact: int = 0
    missed: int = 0
    wrong: int = 0
    out_of_scope: int = 0
    wrong_cases: list[tuple[str, tuple[float, ...], tuple[float, ...]]] = field(
        default_factory=list
    )
    missed_cases: list[tuple[str, tuple[float, ...], tuple[float, ...]]] = field(
        default_factory=list
    )

    @property
    def rate(self) -> float:
        """Share of in-scope cases read exactly (1.0 when there are none)."""
        return self.exact / self.in_scope if self.in_scope else 1.0


def spec_dir() -> Path:
    """Where the fetched copy of the peer's repository is expected."""
    return Path(os.environ.get(SPEC_ENV) or DEFAULT_SPEC_DIR)


def spec_available(root: Path | None = None) -> bool:
    """Whether a fetched copy (a checkout or a bare git directory) is there."""
    root = root or spec_dir()
    return (root / "Specs").is_dir() or (root / "HEAD").is_file()


def read_spec_text(language: str, root: Path | None = None) -> str | None:
    """The NumberModel.json of a peer language folder, or None when the copy has none."""
    root = root or spec_dir()
    rel = f"Specs/Number/{language}/NumberModel.json"
    if (root / "Specs").is_dir():
        path = root / rel
        return path.read_bytes().decode("utf-8-sig") if path.is_file() else None
    try:
        out = subprocess.run(
            ["git", "-C", str(root), "show", f"HEAD:{rel}"],
            capture_output=True,
            check=False,
            timeout=60,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise UsageError(f"{root}: cannot read the peer spec with git: {exc}") from exc
    return out.stdout.decode("utf-8-sig") if out.returncode == 0 else None


def load_cases(code: str, root: Path | None = None) -> list[SpecCase] | None:
    """Every case of the peer's number spec for a dprkwatch language code (None: no spec)."""
    folder = SPEC_LANGUAGES.get(code)
    text = read_spec_text(folder, root) if folder else None
    if text is None:
        return None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(f"{folder}/NumberModel.json: not JSON ({exc})") from exc
    return [_case(item) for item in data if isinstance(item, dict)]


def _case(item: dict) -> SpecCase:
    results = tuple(r for r in item.get("Results") or [] if isinstance(r, dict))
    values = tuple(_spec_value(r) for r in results)
    return SpecCase(str(item.get("Input", "")), values, results, item)


def _spec_value(result: dict) -> float:
    raw = str((result.get("Resolution") or {}).get("value", "nan")).strip()
    # Some languages' specs write the decimal mark of the language ("0,5"); none group digits.
    if "," in raw and "." not in raw:
        raw = raw.replace(",", ".")
    try:
        return float(raw)
    except ValueError:
        return math.nan


def out_of_scope(case: SpecCase, code: str) -> str:
    """Why a case is not a count the reader must read ("" when it is in scope).

    The reader reads counts: how many troops, shells, dollars. A case is left out when
    - the peer's reference implementation (.NET) is marked as not supporting it (an open wish of
      the spec, not a behaviour);
    - it expects no number at all (those cases test entity typing: units, dates, ordinals,
      idioms, which dprkwatch decides in the extractor, not in the figure reader);
    - a number it expects is not a count: a fraction (subtype fraction, a "/" or a vulgar
      fraction sign, one of the language's fraction words between figures (pack data:
      fraction_infixes; "3分の1", "1 su 3"), or, where the spec gives no subtype, a non-whole
      value whose text has no decimal mark between digits), a negative, a power (subtype
      power, 1e10, 2^3, superscripts), or not finite;
    - its input is a phone number, a date or an IP address (digits joined by "/" or "+1-...",
      a date written with 年/月/日), or a percentage;
    - a number it expects is spelled in kana (にじゅうさん): a reading aid, never how the press
      prints a figure;
    - a number it expects is an ordinal: written right before one of the language's ordinal
      endings (pack data: ordinal_suffixes; "일조 번째");
    - two of its numbers are joined only by one of the language's range words ("100 bis 300
      Milliarden"): a range is the peer's NumberRangeModel's business, and dprkwatch reads it as
      one range whose scale both ends share.
    """
    platforms = f"{case.raw.get('NotSupported', '')},{case.raw.get('NotSupportedByDesign', '')}"
    for reason, failed in (
        ("not supported by the reference implementation", REFERENCE_PLATFORM in platforms),
        ("expects no number", not case.results),
        ("phone number, date or address", bool(_PHONE_OR_DATE.search(case.text))),
        ("percentage", bool(_PERCENT.search(case.text))),
        (
            "spelled in kana",
            any(_KANA_ONLY.fullmatch(str(r.get("Text", ""))) for r in case.results),
        ),
        ("range", _is_range(case, code)),
        ("ordinal", _is_ordinal(case, code)),
    ):
        if failed:
            return reason
    fractions = get_lang(code).option("numbers.fraction_infixes")
    return next((r for r in (_not_a_count(x, fractions) for x in case.results) if r), "")


def _not_a_count(result: dict, fraction_words: list[str]) -> str:
    resolution = result.get("Resolution") or {}
    subtype = resolution.get("subtype")
    text = str(result.get("Text", ""))
    value = _spec_value(result)
    checks = (
        ("not a number", not math.isfinite(value)),
        ("negative", value < 0 or str(resolution.get("value", "")).startswith("-")),
        ("power", subtype == "power" or bool(_POWER.search(text))),
        ("fraction", subtype == "fraction" or bool(_FRACTION_CHARS.search(text))),
        ("fraction", any(_has_word(text, w) for w in fraction_words)),
        ("other subtype", subtype is not None and subtype not in _COUNT_SUBTYPES),
        (
            "fraction or spoken decimal",
            subtype is None
            and math.isfinite(value)
            and value != int(value)
            and not _DECIMAL_DIGITS.search(text),
        ),
    )
    return next((reason for reason, failed in checks if failed), "")


def _has_word(text: str, word: str) -> bool:
    return bool(re.search(rf"(?<![^\W\d]){re.escape(word.strip())}(?![^\W\d])", text))


def _is_range(case: SpecCase, code: str) -> bool:
    if len(case.results) < 2:
        return False
    lang = get_lang(code)
    words = {w.lower() for w in lang.option("numbers.range_connectors")}
    words |= {w.lower() for w in lang.option("numbers.range_infix")}
    for a, b in zip(case.results, case.results[1:], strict=False):
        start, end = a.get("End"), b.get("Start")
        if isinstance(start, int) and isinstance(end, int):
            gap = case.text[start + 1 : end].strip().lower()
            if gap and gap in words:
                return True
    return False


def _is_ordinal(case: SpecCase, code: str) -> bool:
    endings = tuple(get_lang(code).option("numbers.ordinal_suffixes"))
    if not endings:
        return False
    for r in case.results:
        end = r.get("End")
        after = case.text[end + 1 :] if isinstance(end, int) else ""
        text = str(r.get("Text", ""))
        # An ending inside the spec's own text counts after a digit or a space only.
        inside = any(re.search(rf"[\d\s]{re.escape(e.strip())}$", text) for e in endings)
        if inside or after.startswith(endings):
            return True
    return False


def read_values(text: str, code: str) -> tuple[float, ...]:
    """The counts the reader finds in a text, in order (a range counts as its two ends)."""
    out: list[float] = []
    for q in find_quantities(text, code):
        if q.kind != "count" or q.value is None:
            continue
        out.extend((q.low, q.high) if q.qualifier == "range" else (q.value,))
    return tuple(out)


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def verdict(expected: tuple[float, ...], got: tuple[float, ...]) -> str:
    """exact (same numbers in order), wrong (a number read that the spec does not have) or
    missed (only some of the spec's numbers read, none of them wrong)."""
    if len(expected) == len(got) and all(map(_same, expected, got)):
        return "exact"
    pool = list(expected)
    for value in got:
        hit = next((i for i, e in enumerate(pool) if _same(e, value)), None)
        if hit is None:
            return "wrong"
        pool.pop(hit)
    return "missed"


def in_scope_cases(code: str, root: Path | None = None) -> tuple[list[SpecCase], int] | None:
    """The language's in-scope cases and how many were left out (None when no spec file)."""
    cases = load_cases(code, root)
    if cases is None:
        return None
    kept = [case for case in cases if not out_of_scope(case, code)]
    return kept, len(cases) - len(kept)


def count_verdict(expected: tuple[float, ...], got: tuple[float, ...]) -> str:
    """The verdict on how many numbers are read, whatever their values: for the cases the spec
    marks `IgnoreResolution` (the peer's own tests check what is found there, not its value)."""
    if len(got) == len(expected):
        return "exact"
    return "wrong" if len(got) > len(expected) else "missed"


def score_cases(cases: list[SpecCase], code: str) -> Tally:
    """Read every case and count exact, missed and wrong readings."""
    tally = Tally(in_scope=len(cases))
    for case in cases:
        got = read_values(case.text, code)
        judge = count_verdict if case.raw.get("IgnoreResolution") else verdict
        kind = judge(case.values, got)
        setattr(tally, kind, getattr(tally, kind) + 1)
        if kind != "exact":
            getattr(tally, f"{kind}_cases").append((case.text, case.values, got))
    return tally


def score_language(code: str, root: Path | None = None) -> Tally | None:
    """Totals for one language over its in-scope cases (None when the spec has no file)."""
    selected = in_scope_cases(code, root)
    if selected is None:
        return None
    tally = score_cases(selected[0], code)
    tally.out_of_scope = selected[1]
    return tally
