"""Digit tokens: any script's digits, the language's separators, and writing numbers back.

`parse_digits("12.000", "pt")` is 12000; in English "1.000" is 1.0 flagged
`ambiguous_separator` with 1000 as its other reading. Separators that mean the same in every
language are normalised first: full-width `，` and `．`, the Arabic thousands sign `٬` (a group)
and decimal sign `٫` (a decimal mark), and zero-width characters (dropped).
"""

from __future__ import annotations

import math
import re
import unicodedata
from itertools import pairwise

from dprkwatch.core.errors import DprkwatchError
from dprkwatch.lang.packs import Lang, get_lang

SPACES = " \u00a0\u202f\u2009"
APOSTROPHES = "'’"
# Invisible characters that may sit inside a number copied from the web: zero-width marks, and
# the direction marks and embeddings of right-to-left text ("25799\u202a,\u202a52").
ZERO_WIDTH = (
    "\u200b\u200c\u200d\u2060\ufeff\u00ad"
    "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
# Separators that may sit between digits, beyond the language's own.
EXTRA_SEPARATORS = "，．＇٬٫"
_ARABIC_GROUP, _ARABIC_DECIMAL = "٬", "٫"

# Any Unicode decimal digit -> ASCII (Bengali ১৫, Devanagari १५, Arabic-Indic ١٥, full-width ...).
_DIGIT_MAP = {
    cp: str(unicodedata.decimal(chr(cp)))
    for cp in range(0x110000)
    if unicodedata.category(chr(cp)) == "Nd" and cp > 0x7F
}
_SEPARATOR_MAP = {
    ord("，"): ",",
    ord("．"): ".",
    ord("＇"): "'",
    **dict.fromkeys(map(ord, ZERO_WIDTH)),
}
_NON_DIGIT = re.compile(r"[^\d]")
_INDIAN_SHAPE = re.compile(r"^\d{1,2}(?:([.,])\d\d)+\1\d{3}(?:[.,]\d+)?$")


class NumberFormatError(DprkwatchError, ValueError):
    """A digit token that no separator convention can read."""


def to_ascii_digits(s: str) -> str:
    """The text with every script's decimal digits written as ASCII digits."""
    return s.translate(_DIGIT_MAP)


def normalise_token(token: str, lang: Lang) -> str:
    """ASCII digits, universal separators mapped to the language's own, invisible marks gone."""
    t = to_ascii_digits(token).translate(_separators(lang))
    if _ARABIC_GROUP in t or _ARABIC_DECIMAL in t:
        # The Arabic signs say which is which, whatever the language: a thin space groups.
        t = t.replace(_ARABIC_GROUP, "\u2009").replace(
            _ARABIC_DECIMAL, lang.option("numbers.decimal")
        )
    return t


def _own_groups(lang: Lang) -> list[str]:
    """Group signs of the language beyond the common ones (Japanese "、")."""
    common = ".," + APOSTROPHES + SPACES + EXTRA_SEPARATORS
    return [g for g in lang.option("numbers.group") if g not in common and len(g) == 1]


def _separators(lang: Lang) -> dict[int, str | None]:
    """The translation of separators for the language, built once: a language's own group
    sign ("、") only groups, like a thin space."""

    def build() -> dict[int, str | None]:
        return {**_SEPARATOR_MAP, **{ord(g): "\u2009" for g in _own_groups(lang)}}

    return lang.memo("numbers_separators", build)


def _valid_groups(groups: list[str], indian: bool) -> bool:
    if not groups or not groups[0] or len(groups[0]) > 3 or groups[0].startswith("0"):
        return False
    if all(len(g) == 3 for g in groups[1:]):
        return True
    # Indian grouping: 1,50,000 and 1,00,00,000 (last group 3 digits, the others 2).
    return (
        indian
        and len(groups) >= 3
        and len(groups[-1]) == 3
        and all(len(g) == 2 for g in groups[1:-1])
        and len(groups[0]) <= 2
    )


def _grouped(token: str, part: str, lang: Lang, why: str) -> str:
    groups = _NON_DIGIT.split(part)
    if not _valid_groups(groups, lang.option("numbers.indian_grouping")):
        raise NumberFormatError(f"cannot read {token!r}: {why}")
    return "".join(groups)


def _number(token: str, whole: str, frac: str = "") -> float:
    if not whole.isdigit() or (frac and not frac.isdigit()):
        raise NumberFormatError(f"cannot read {token!r}: digits expected around the separators")
    value = float(f"{whole}.{frac}" if frac else whole)
    if not math.isfinite(value):
        raise NumberFormatError(f"cannot read {token!r}: too many digits")
    return value


Reading = tuple[float, tuple[str, ...], float | None]


def parse_digits(token: str, lang: Lang | str) -> Reading:
    """Read a digit token in the language's convention: (value, flags, alternative value).

    Raises NumberFormatError (never anything else) when no convention reads it.
    """
    if token.isascii() and token.isdigit():
        return _number(token, token), (), None  # most tokens: plain digits
    lang = get_lang(lang) if isinstance(lang, str) else lang
    t = normalise_token(token, lang)
    kinds = {c for c in t if not c.isdigit()}
    if not kinds:
        return _number(token, t), (), None
    if t[0] == lang.option("numbers.decimal") and t[1:].isdigit():
        return _number(token, "0", t[1:]), (), None  # ".08"
    if not t[0].isdigit() or not t[-1].isdigit():
        raise NumberFormatError(f"cannot read {token!r}: a separator at an end")
    marks = kinds & {".", ","}
    if kinds <= set(SPACES) | set(APOSTROPHES):
        return _number(token, _grouped(token, t, lang, "bad digit grouping")), (), None
    if kinds & (set(SPACES) | set(APOSTROPHES)):
        return _spaced_with_mark(token, t, marks, lang)
    if len(marks) == 2:
        return _two_marks(token, t, lang)
    return _one_mark(token, t, next(iter(marks)), lang)


def _spaced_with_mark(token: str, t: str, marks: set[str], lang: Lang) -> Reading:
    # "1 000,01" / "12'000.5": spaces and apostrophes only group; the one mark is decimal.
    if len(marks) != 1:
        raise NumberFormatError(f"cannot read {token!r}: mixed separators")
    whole, sep, frac = t.rpartition(next(iter(marks)))
    flags = () if sep == lang.option("numbers.decimal") else ("foreign_convention",)
    return _number(token, _grouped(token, whole, lang, "bad digit grouping"), frac), flags, None


def _two_marks(token: str, t: str, lang: Lang) -> Reading:
    last = max(t.rfind("."), t.rfind(","))
    intpart, frac = t[:last], t[last + 1 :]
    if t[last] in intpart:
        raise NumberFormatError(f"cannot read {token!r}: decimal mark used twice")
    whole = _grouped(token, intpart, lang, "bad digit grouping")
    flags = () if t[last] == lang.option("numbers.decimal") else ("foreign_convention",)
    return _number(token, whole, frac), flags, None


def _one_mark(token: str, t: str, mark: str, lang: Lang) -> Reading:
    groups = t.split(mark)
    indian = lang.option("numbers.indian_grouping")
    if mark == lang.option("numbers.decimal"):
        if len(groups) == 2:
            whole, frac = groups
            if len(frac) == 3 and 1 <= len(whole) <= 3 and whole != "0":
                # "1.000" in English, "1,000" in Portuguese: a decimal here, a thousand elsewhere.
                return _number(token, whole, frac), ("ambiguous_separator",), float(whole + frac)
            return _number(token, whole, frac), (), None
        if _valid_groups(groups, indian):
            return _number(token, "".join(groups)), ("foreign_convention",), None
        raise NumberFormatError(f"cannot read {token!r}: decimal mark used twice")
    if mark in lang.option("numbers.group") and _valid_groups(groups, indian):
        return _number(token, "".join(groups)), (), None
    if len(groups) == 2:
        # "2,5" in an English text: only a decimal reading exists.
        return _number(token, groups[0], groups[1]), ("foreign_convention",), None
    raise NumberFormatError(f"cannot read {token!r}: bad digit grouping")


def split_unreadable(token: str, lang: Lang) -> list[tuple[int, int, Reading]]:
    """The readable pieces of a token no convention reads, with their offsets in the token.

    "38.5'12" is 38.5 and 12; "22,24,26,31" (a list) is four numbers. The weakest separator
    splits first (apostrophes and spaces, then commas, then dots); pieces that still cannot be
    read are left out, and so is a token in Indian grouping (12,34,567) where the language does
    not use it.
    """
    if _INDIAN_SHAPE.match(normalise_token(token, lang)):
        return []  # 12,34,567: a grouping this language does not use, not a list
    weakest = APOSTROPHES + SPACES + ZERO_WIDTH + "＇" + "".join(_own_groups(lang))
    for seps in (weakest, ",，٬", ".．٫"):
        cuts = [i for i, c in enumerate(token) if c in seps]
        if cuts:
            return _pieces(token, [-1, *cuts, len(token)], lang)
    return []


def _pieces(token: str, cuts: list[int], lang: Lang) -> list[tuple[int, int, Reading]]:
    out: list[tuple[int, int, Reading]] = []
    for a, b in pairwise(cuts):
        piece = token[a + 1 : b]
        if not piece or (len(piece) > 1 and to_ascii_digits(piece).startswith("0")):
            continue  # "5、00": a tail of zeros is no count on its own
        try:
            out.append((a + 1, b, parse_digits(piece, lang)))
        except NumberFormatError:
            out += [(a + 1 + s, a + 1 + e, r) for s, e, r in split_unreadable(piece, lang)]
    return out


def format_number(value: float, lang: Lang | str, native_digits: bool = False) -> str:
    """Write a number the way the language writes it (the inverse of parse_digits)."""
    lang = get_lang(lang) if isinstance(lang, str) else lang
    dec = lang.option("numbers.decimal")
    grp = next((g for g in lang.option("numbers.group") if g != dec), ",")
    neg = value < 0
    whole, _, frac = f"{abs(value):.6f}".rstrip("0").rstrip(".").partition(".")
    if lang.option("numbers.indian_grouping") and len(whole) > 3:
        whole = _indian(whole, grp)
    else:
        whole = f"{int(whole):,}".replace(",", grp)
    out = whole + (dec + frac if frac else "")
    if native_digits and lang.option("numbers.native_zero"):
        zero = ord(lang.option("numbers.native_zero"))
        out = "".join(chr(zero + int(c)) if c.isdigit() else c for c in out)
    return ("-" if neg else "") + out


def _indian(whole: str, grp: str) -> str:
    head, tail = whole[:-3], whole[-3:]
    parts: list[str] = []
    while len(head) > 2:
        parts.insert(0, head[-2:])
        head = head[:-2]
    parts.insert(0, head)
    return grp.join([*parts, tail])
