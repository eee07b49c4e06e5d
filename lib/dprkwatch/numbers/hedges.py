"""Hedges around a figure ("about", "more than", "이상", "以上") and the range each allows.

Conventions (README, "Method"; base.yaml `ranges`): "about N" is N ±10 %; "nearly N" is
0.9N..N; "more than N" is N..1.5N and "up to N" is 0.5N..N. A figure's value always lies in
its range.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from dprkwatch.lang.packs import NOT_AFTER, WORD_CLASS, Lang, literal_alternation
from dprkwatch.numbers.terms import fold, lookup_prefix, norm_ws

_NEVER = re.compile("(?!x)x")
STRENGTH = {"exact": 0, "approx": 1, "approx_below": 1, "at_most": 2, "at_least": 2}
_BEFORE_KINDS = ("approx", "approx_below", "at_least", "at_most")
_AFTER_KINDS = (
    ("approx", "suffix_approx"),
    ("at_least", "suffix_at_least"),
    ("at_most", "suffix_at_most"),
)
WINDOW = 40  # characters searched for a hedge on either side of a figure
# Verbs of reaching before / after a figure that hold a shorter hedge (see hedge_before).
_REACHING = ("reaching", "suffix_reaching")


@dataclass
class Hedges:
    """A language's hedge patterns, compiled once."""

    before: re.Pattern
    after: re.Pattern
    kind_before: dict[str, str]
    kind_after: dict[str, str]
    infix: dict[str, str]
    infix_gap: re.Pattern
    reaching_before: re.Pattern
    reaching_after: re.Pattern
    bare: dict[str, str]  # suffix hedge -> its reading right after a bare figure (see hedge_after)
    bare_words: frozenset[str]  # number words and scales as written uninflected
    glued: dict[str, str]  # hedge endings glued to a scale or number word (see glued_kind)
    increment: re.Pattern  # a word of more ending right before a figure (see _hedge_over_increment)
    word_only: frozenset[str]  # hedges of a figure in words only ("un migliaio"; see hedge_before)


def _hedge_pat(term: str, tail: bool = False) -> str:
    if term.endswith("*") and len(term) > 1:
        # As in the cue lexicon, a trailing "*" allows any word ending ("이상*": 이상의, 이상을).
        return r"\s+".join(re.escape(p) for p in term[:-1].split()) + rf"{WORD_CLASS}*"
    body = r"\s+".join(re.escape(p) for p in term.split())
    if tail:
        return body + (NOT_AFTER if term[-1].isalnum() else "")
    return body


def _kinds(lang: Lang, pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    groups = lang.option("numbers.hedges")
    out: dict[str, str] = {}
    for kind, key in pairs:
        for term in groups.get(key) or []:
            out.setdefault(fold(term), kind)
    return out


def _before_pattern(lang: Lang, kinds: dict[str, str]) -> re.Pattern:
    # A hedge ends right before the figure, optionally followed by a currency symbol; it
    # starts a word (in languages written without spaces, anywhere).
    if not kinds:
        return _NEVER
    alt = "|".join(_hedge_pat(t) for t in sorted(kinds, key=len, reverse=True))
    symbols = literal_alternation(
        [*(lang.base.get("currency_symbols") or {}), *lang.option("numbers.currency_before")]
    )
    # After a space, a bracket, a dash or any opening or closing quote mark: »Mehr als 3000«,
    # ‚Rund 3000‘, ‘More than 3,000’.
    lead = "" if lang.option("numbers.unspaced") else "(?:^|(?<=[\\s(\\[\"“”«»‹›'‘’‚„—–]))"
    return re.compile(rf"{lead}(?P<h>{alt})\s*(?:{symbols})?\s*$", re.IGNORECASE)


def _after_pattern(lang: Lang, kinds: dict[str, str]) -> re.Pattern:
    # A counter ("1만명가량", "600人以上") and a case ending glued to the figure
    # ("15.000'den fazla") may come between a figure and its hedge.
    if not kinds:
        return _NEVER
    alt = "|".join(_hedge_pat(t, tail=True) for t in sorted(kinds, key=len, reverse=True))
    counters = literal_alternation(lang.option("numbers.counters"))
    counter = rf"(?:\s*(?:{counters}))?" if counters else ""
    endings = literal_alternation(lang.option("numbers.figure_suffixes"))
    ending = rf"(?:['’]?(?:{endings})(?!{WORD_CLASS}))?" if endings else ""
    return re.compile(rf"^{ending}{counter}\s*-?\s*(?P<h>{alt})", re.IGNORECASE)


def build_hedges(lang: Lang) -> Hedges:
    """Compile the language's hedges (see the module doc)."""
    before = _kinds(lang, [(k, k) for k in _BEFORE_KINDS])
    after = _kinds(lang, _AFTER_KINDS)
    infix = dict(lang.option("numbers.infix_hedges"))
    groups = lang.option("numbers.hedges")
    reaching = {k: dict.fromkeys(map(fold, groups.get(k) or []), "") for k in _REACHING}
    return Hedges(
        before=_before_pattern(lang, before),
        after=_after_pattern(lang, after),
        kind_before=before,
        kind_after=after,
        infix=infix,
        infix_gap=re.compile(rf"^\s*(?P<h>{literal_alternation(list(infix))})\s*$")
        if infix
        else _NEVER,
        reaching_before=_before_pattern(lang, reaching["reaching"]),
        reaching_after=_after_pattern(lang, reaching["suffix_reaching"]),
        bare={fold(k): v for k, v in lang.option("numbers.bare_figure_hedges").items()},
        bare_words=frozenset(
            fold(w) for key in ("numbers.words", "numbers.scales") for w in lang.option(key)
        ),
        glued={fold(k): v for k, v in lang.option("numbers.glued_hedges").items()},
        increment=_increment_pattern(lang),
        word_only=frozenset(fold(t) for t in lang.option("numbers.word_hedges")),
    )


def _increment_pattern(lang: Lang) -> re.Pattern:
    """Words of more that end right before a figure (timing.measure_before increment)."""
    words = (lang.option("timing.measure_before") or {}).get("increment") or []
    if not words:
        return _NEVER
    alt = "|".join(_hedge_pat(fold(t)) for t in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?:^|(?<=\s))(?:{alt})\s*$", re.IGNORECASE)


def _hedge_over_increment(h: Hedges, window: str) -> str | None:
    """The kind of a hedge right before a word of more that ends right before the figure ("at
    least another 3,000", "almeno altri 3mila", "не менее ещё 3 тыс."): the hedge is the figure's;
    the word of more stays outside its span, where the measure reads an increment."""
    im = h.increment.search(window)
    hm = h.before.search(window[: im.start()]) if im and im.start() else None
    if hm is None:
        return None
    term = norm_ws(fold(hm.group("h")))
    return h.kind_before.get(term) or lookup_prefix(h.kind_before, term) or "approx"


def hedges(lang: Lang) -> Hedges:
    """The language's compiled hedges, built on first use."""
    return lang.memo("numbers_hedges", lambda: build_hedges(lang))


def hedge_before(text: str, core_start: int, lang: Lang) -> tuple[int, str | None]:
    """Where a hedge right before the figure starts, and its kind (none: the figure's start)."""
    h = hedges(lang)
    window = text[max(0, core_start - WINDOW) : core_start]
    hm = h.before.search(window)
    if not hm:
        return core_start, _hedge_over_increment(h, window)
    rm = h.reaching_before.search(window) if h.reaching_before is not _NEVER else None
    if rm and rm.start("h") <= hm.start("h"):
        # "đã lên tới 15.000", "wzrosła do 15 tys.": a verb of reaching holds the shorter "up
        # to" (lên tới, do); the figure is what was reached, no hedge, and the verb stays outside it.
        return core_start, None
    term = norm_ws(fold(hm.group("h")))
    if term in h.word_only and text[core_start : core_start + 1].isdigit():
        # "un ulteriore 3.000 soldati": an article, no hedge of digits ("almeno un ulteriore": one)
        return core_start, _hedge_over_increment(h, window)
    kind = h.kind_before.get(term) or lookup_prefix(h.kind_before, term) or "approx"
    return core_start - len(window) + hm.start("h"), kind


def hedge_after(text: str, end: int, lang: Lang) -> tuple[int, str | None]:
    """Where a hedge right after the figure ends, and its kind (none: `end` itself)."""
    h = hedges(lang)
    seg = text[end : end + WINDOW]
    am = h.after.match(seg)
    if not am:
        return end, None
    rm = h.reaching_after.match(seg) if h.reaching_after is not _NEVER else None
    if rm and rm.end() >= am.end():
        return end, None  # "15,000 तक पहुंच गई" (reached 15,000): तक is no "up to" here
    term = norm_ws(fold(am.group("h")))
    if h.bare and term in h.bare and _bare(text[max(0, end - WINDOW) : end + am.start("h")], h):
        # "50 kadar asker" (about 50) beside "12 bine kadar", "12.000'e kadar" (up to 12,000):
        # with no case ending on the figure the hedge reads otherwise.
        return end + am.end(), h.bare[term]
    return end + am.end(), h.kind_after.get(term) or lookup_prefix(h.kind_after, term) or "approx"


def _bare(lead: str, h: Hedges) -> bool:
    """The word before a hedge is a figure as written, uninflected: digits or a number word."""
    words = lead.split()
    last = fold(words[-1]) if words else ""
    return bool(last) and (last[-1].isdigit() or last in h.bare_words)


def suffix_hedges(text: str, end: int, qualifier: str, lang: Lang) -> tuple[int, str]:
    """Up to two suffix hedges in a row ("2만여 개 이상"); the stronger qualifier wins."""
    for _ in range(2):
        new_end, kind = hedge_after(text, end, lang)
        if kind is None:
            break
        if STRENGTH[kind] >= STRENGTH.get(qualifier, 0):
            qualifier = kind
        end = new_end
    return end, qualifier


def glued_kind(word: str, lang: Lang) -> str | None:
    """The qualifier a hedge ending glued to a scale or number word gives (শতাধিক: at_least)."""
    h = hedges(lang)
    word = fold(word)
    return next((kind for end, kind in h.glued.items() if word.endswith(end)), None)


def infix_kind(gap: str, lang: Lang) -> str | None:
    """The qualifier a hedge inside a figure gives ("940여만": approx), if the gap is one."""
    h = hedges(lang)
    im = h.infix_gap.match(gap)
    return h.infix.get(im.group("h"), "approx") if im else None


def qualified(value: float, qualifier: str, lang: Lang) -> tuple[float, float, str]:
    """(low, high, qualifier) of a hedged figure; the range always contains the value."""
    if qualifier == "exact":
        return value, value, "exact"
    r = lang.base.get("ranges") or {}
    tol = float(r.get("approx_tolerance", 0.1))
    f = float(r.get("open_bound_factor", 0.5))
    lo, hi, q = {
        "approx": (value * (1 - tol), value * (1 + tol), "approx"),
        "approx_below": (value * (1 - tol), value, "approx"),
        "at_least": (value, value * (1 + f), "at_least"),
        "at_most": (value * (1 - f), value, "at_most"),
    }.get(qualifier, (value, value, "exact"))
    # Keep ranges free of float noise (12,000 x 1.1 = 13200.000000000002), around the value.
    return min(round(lo, 6), value), max(round(hi, 6), value), q
