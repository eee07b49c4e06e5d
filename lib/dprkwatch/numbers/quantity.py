"""Read the figures in a text: `find_quantities(text, lang)`.

Each figure comes with its span, best value, the range its wording allows and a qualifier
(exact, approx, at_least, at_most, range, vague). All wording comes from the language packs
(lang/data/*.yaml); lexer.py cuts atoms, compose.py joins them into figures, hedges.py reads the
words around them, and this module makes each figure a Quantity: a magnitude word
("thousands": a range, no value), a multiplier ("doubled", "N times"), a range ("3-4 million",
"between 10,000 and 12,000"; reversed bounds after a range word are read in order and flagged
`reversed_range`), or a single, possibly hedged figure. Ordinals ("2nd", "第2", "3번째") are
not figures. A token whose separator could be read either way ("1.000" in English) is flagged
`ambiguous_separator`; one that no convention reads is split into what can be read
(`split_token`). A currency is read before a figure (base.yaml signs and codes, the pack's
`currency_before`: "Rp5 juta") or after it (`currency_words`, unless `not_currency` follows).
A text not in NFC (Devanagari nukta letters written precomposed: ड़ as one
code point) is read in NFC, as the packs are written, and its figures keep the offsets of the
text given. Nothing here raises on any input, and time grows linearly with the text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace

from dprkwatch.lang.packs import (
    WORD_CLASS,
    Lang,
    alternation,
    base_data,
    get_lang,
    literal_alternation,
)
from dprkwatch.numbers.compose import Phrase, infix_qualifier, phrases
from dprkwatch.numbers.digits import to_ascii_digits
from dprkwatch.numbers.hedges import STRENGTH, hedge_after, hedge_before, qualified, suffix_hedges
from dprkwatch.numbers.lexer import lex, lexicon
from dprkwatch.numbers.terms import fold, lookup_prefix, lower_map, norm_ws

QUALIFIERS = ("exact", "approx", "at_least", "at_most", "range", "vague")
_NEVER = re.compile("(?!x)x")


@dataclass(slots=True)
class Quantity:
    """One figure found in a text. Offsets index the text that was parsed."""

    start: int
    end: int
    value: float | None
    low: float
    high: float
    qualifier: str
    kind: str = "count"  # count | multiplier
    currency: str | None = None
    flags: tuple[str, ...] = ()
    year_like: bool = False
    has_scale: bool = False
    core_start: int = 0
    core_end: int = 0
    alt_value: float | None = None  # the other reading of an ambiguous separator


@dataclass
class _Context:
    """What a language writes around figures: ranges, "N times", currencies, years, ordinals."""

    range_gap: re.Pattern
    fraction_gap: re.Pattern
    fraction_lead: re.Pattern  # a fraction infix right after a figure
    range_infix_gap: re.Pattern
    change_infix_gap: re.Pattern  # "auf" alone between a change's two figures (von 11.000 auf)
    range_prefix_before: re.Pattern
    range_suffix_after: re.Pattern
    change_before: re.Pattern  # "grew from", "est passé de" ending right before a figure
    times_after: re.Pattern
    times_terms: tuple[str, ...]  # longest first
    currency_before: re.Pattern
    currency_after: re.Pattern
    currency_words: dict[str, str]
    currency_prefix: re.Pattern  # the pack's currency_before terms
    currency_prefixes: dict[str, str]
    not_currency: re.Pattern
    year_before: re.Pattern
    year_after: re.Pattern
    ordinal_before: re.Pattern
    ordinal_after: re.Pattern


def _gap_re(terms: list[str]) -> re.Pattern:
    if not terms:
        return _NEVER
    return re.compile(rf"^\s*(?:{literal_alternation(terms)})\s*$", re.IGNORECASE)


def _lead_re(terms: list[str]) -> re.Pattern:
    if not terms:
        return _NEVER
    return re.compile(f"(?:{literal_alternation(terms)})", re.IGNORECASE)


def _before_re(terms: list[str], glued: bool = False) -> re.Pattern:
    if not terms:
        return _NEVER
    lead = "" if glued else r"(?:^|\s)"
    return re.compile(rf"{lead}{alternation(terms)}\s*$", re.IGNORECASE)


def _after_re(terms: list[str], glued: bool = False) -> re.Pattern:
    if not terms:
        return _NEVER
    if glued:
        # Written as listed, right after the figure ("2nd", "3번째", " 번째"), ending a word.
        return re.compile(rf"(?:{literal_alternation(terms)})(?!{WORD_CLASS})", re.IGNORECASE)
    return re.compile(rf"^\s*-?\s*{alternation(terms, True)}", re.IGNORECASE)


def _prefix_re(terms: list[str]) -> re.Pattern:
    """Terms ending right before a figure, after a space or glued to it ("Rp 5", "Rp5", "¥5")."""
    if not terms:
        return _NEVER
    return re.compile(rf"{alternation(terms)}\s*$", re.IGNORECASE)


def _range_suffix(lang: Lang) -> re.Pattern:
    """ "A에서 B 명 사이": the word after a two-figure range, past a counter."""
    terms = lang.option("numbers.range_suffixes")
    if not terms:
        return _NEVER
    counters = "|".join(
        re.escape(c) for c in sorted(lang.option("numbers.counters"), key=len)[::-1]
    )
    counter = rf"(?:\s*(?:{counters}))?" if counters else ""
    return re.compile(rf"{counter}\s*{alternation(terms, True)}", re.IGNORECASE)


# Words allowed between a word of change and the range prefix of its first figure ("rose
# sharply from"): more would take "increased its estimate to between 10,000 and 12,000".
CHANGE_GAP_WORDS = 1
# A change's first figure with no scale takes the second's below this many times what that scale
# multiplies: a fall is read too ("с 14 до 11 тысяч"), a rise from hundreds is not.
CHANGE_SCALE_SHARE = 2


def change_head(lang: Lang) -> str:
    """ "grew from", "est passé de", "rose sharply from": a word of change (numbers.change_words),
    CHANGE_GAP_WORDS words at most and a range prefix; or a prefix that
    alone opens a change (numbers.change_prefixes: "с 11 тысяч до 14", "z 11 do 14 tys."). A
    regex ending where the first figure starts (its trailing spaces left to the caller); "" for
    a pack with neither."""
    change, prefixes = lang.option("numbers.change_words"), lang.option("numbers.range_prefixes")
    heads = []
    if change and prefixes:
        gap = rf"(?:\s+[^\s,;:.!?]+){{0,{CHANGE_GAP_WORDS}}}?"
        heads.append(rf"{alternation(change)}{gap}\s+{alternation(prefixes)}")
    if lang.option("numbers.change_prefixes"):
        heads.append(rf"(?:^|(?<=\s)){alternation(lang.option('numbers.change_prefixes'))}")
    return "(?:" + "|".join(heads) + ")" if heads else ""


def _change_before(lang: Lang) -> re.Pattern:
    """A change's head (change_head) ending right before a figure."""
    head = change_head(lang)
    return re.compile(rf"(?:^|\s){head}\s*$", re.IGNORECASE) if head else _NEVER


def _build_context(lang: Lang) -> _Context:
    symbols = literal_alternation(lang.base.get("currency_symbols") or {})
    words = lower_map(lang.option("numbers.currency_words"))
    # Words first: "rubles", "euros" start with the letters of the codes RUB and EUR.
    after = f"{alternation(words)}|{symbols}" if words else symbols
    unspaced = lang.option("numbers.unspaced")
    return _Context(
        range_gap=_gap_re(lang.option("numbers.range_connectors")),
        fraction_gap=_gap_re(lang.option("numbers.fraction_infixes")),
        fraction_lead=_lead_re(lang.option("numbers.fraction_infixes")),
        range_infix_gap=_gap_re(lang.option("numbers.range_infix")),
        change_infix_gap=_gap_re(lang.option("numbers.change_infix")),
        range_prefix_before=_before_re(lang.option("numbers.range_prefixes"), unspaced),
        range_suffix_after=_range_suffix(lang),
        change_before=_change_before(lang),
        times_after=_after_re(lang.option("numbers.times_words")),
        times_terms=tuple(
            sorted((fold(t).rstrip("*") for t in lang.option("numbers.times_words")), key=len)[::-1]
        ),
        currency_before=re.compile(rf"(?:{symbols})\s*$") if symbols else _NEVER,
        currency_after=re.compile(rf"^\s*(?:{after})", re.IGNORECASE) if after else _NEVER,
        currency_words=words,
        currency_prefix=_prefix_re(list(lang.option("numbers.currency_before"))),
        currency_prefixes=lower_map(lang.option("numbers.currency_before")),
        not_currency=_after_re(lang.option("numbers.not_currency")),
        year_before=_before_re(lang.option("numbers.year_prefixes")),
        year_after=_after_re(lang.option("numbers.year_suffixes")),
        ordinal_before=_before_re(lang.option("numbers.ordinal_prefixes"), glued=True),
        ordinal_after=_after_re(lang.option("numbers.ordinal_suffixes"), glued=True),
    )


def _context(lang: Lang) -> _Context:
    return lang.memo("numbers_context", lambda: _build_context(lang))


def find_quantities(text: str, lang: Lang | str) -> list[Quantity]:
    """Every figure in `text` read with the language's conventions, in text order."""
    lang = get_lang(lang) if isinstance(lang, str) else lang
    norm, back = _nfc_offsets(text)
    found = _find(norm, lang)
    if back is not None:
        for q in found:
            q.start, q.core_start = back[q.start], back[q.core_start]
            q.end, q.core_end = back[q.end - 1] + 1, back[q.core_end - 1] + 1
    return found


def _nfc_offsets(text: str) -> tuple[str, list[int] | None]:
    """The text in NFC and, when that changed it, the offset in `text` of every position.

    Only code points that are not NFC alone are rewritten (each into its NFC form), so every
    position maps back; a text that needs more than that is read as it is.
    """
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text, None
    parts: list[str] = []
    back: list[int] = []
    for i, ch in enumerate(text):
        form = unicodedata.normalize("NFC", ch) if ord(ch) > 0x7F else ch
        parts.append(form)
        back.extend([i] * len(form))
    norm = "".join(parts)
    if not unicodedata.is_normalized("NFC", norm):
        return text, None
    back.append(len(text))
    return norm, back


def _find(text: str, lang: Lang) -> list[Quantity]:
    atoms = lex(text, lang)
    if not atoms:
        return []
    found = phrases(text, atoms, lang)
    out: list[Quantity] = []
    i = 0
    while i < len(found):
        q, used = _READERS[found[i].kind](text, found, i, lang)
        if q is not None:
            out.append(q)
        i += used
    return out


def currency_of_sum(text: str, start: int, end: int, lang: Lang | str) -> str | None:
    """The ISO code of the currency of the sum in text[start:end] ("Rp11 juta", "sekitar
    US$800", "12 juta rupiah"), read as find_quantities reads it, or None when it is no sum of money.

    The sign or code may stand just before `start` and the currency's name after `end`, so
    the characters around the span are read too, as far as find_quantities looks.
    """
    lo = max(0, start - _SIGN_REACH)
    found = find_quantities(text[lo : end + _NAME_REACH], lang)
    ours = next((q for q in found if q.end > start - lo), None)
    return ours.currency if ours else None


# How far before a figure its currency's sign or code may stand (_sign_before reads as far),
# and after it the currency's name (_currency reads as far).
_SIGN_REACH = 12
_NAME_REACH = 30


def parse_quantity(text: str, lang: Lang | str) -> Quantity | None:
    """The first figure in a short text (handy in tests and notebooks)."""
    qs = find_quantities(text, lang)
    return qs[0] if qs else None


def _vague(text: str, found: list[Phrase], i: int, lang: Lang) -> tuple[Quantity | None, int]:
    ph = found[i]
    ranges = lang.base.get("ranges", {}).get("vague", {}) or {}
    lo, hi = ranges.get(ph.atoms[0].category, (0, 0))
    start = hedge_before(text, ph.start, lang)[0]
    q = Quantity(start, ph.end, None, float(lo), float(hi), "vague")
    q.core_start, q.core_end = ph.start, ph.end
    return q, 1


def _multiplier_word(
    text: str, found: list[Phrase], i: int, lang: Lang
) -> tuple[Quantity | None, int]:
    ph = found[i]
    if _multiple_follows(text, found, i, lang):
        return None, 1
    value = ph.atoms[0].value
    # "roughly doubled", "倍増以上": a hedge around a multiplier is read like any other.
    start, hedge = hedge_before(text, ph.start, lang)
    end, qualifier = suffix_hedges(text, ph.end, hedge or "exact", lang)
    lo, hi, qual = qualified(value, qualifier, lang)
    q = Quantity(start, end, value, lo, hi, qual, kind="multiplier")
    q.core_start, q.core_end = ph.start, ph.end
    return q, 1


_MULTIPLE_REACH = 30  # characters: a verb and its object ("بمضاعفة الإنتاج أربع مرات")


def _multiple_follows(text: str, found: list[Phrase], i: int, lang: Lang) -> bool:
    """A word of multiplying with an explicit multiple right after its object is that multiple
    only ("بمضاعفة الإنتاج أربع مرات", multiplying production four times, is x4, not x2 and x4)."""
    if i + 1 >= len(found) or found[i + 1].kind not in "dwsm":
        return False
    nxt = found[i + 1]
    gap = text[found[i].end : nxt.start]
    if len(gap) > _MULTIPLE_REACH or any(c in gap for c in ".,;:!?،؛。，、\n"):
        return False
    ctx = _context(lang)
    if nxt.kind == "m":  # "أربع مرات" is one word of the lexicon; "tripled" is no explicit multiple
        words = fold(text[nxt.start : nxt.end]).split()
        return len(words) > 1 and words[-1] in ctx.times_terms
    return bool(ctx.times_after.match(text[nxt.end : nxt.end + 20]))


def _number(text: str, found: list[Phrase], i: int, lang: Lang) -> tuple[Quantity | None, int]:
    ph = found[i]
    if _is_ordinal(text, ph, lang):
        return None, 1
    fraction = _fraction_parts(text, found, i, lang)
    if fraction:  # "3分の1", "1 bölü 3", "四分之一": a fraction, neither figure a count
        return None, fraction
    ranged = _range(text, found, i, lang)
    if ranged is not None:
        return ranged, 2
    if _change_pair(text, found, i - 1, lang):
        return _times(text, ph, lang) or _single(text, ph, lang, found[i - 1].end), 1
    q = _times(text, ph, lang) or _single(text, ph, lang)
    if q is None:
        return q, 1
    if _change_pair(text, found, i, lang):
        q = _earlier_of_a_change(found, i, q)
    elif not _changed_from(text, found, i, lang):
        return q, 1
    return replace(q, flags=(*q.flags, "earlier")), 1


def _change_pair(text: str, found: list[Phrase], i: int, lang: Lang) -> bool:
    """Figures i and i + 1 are the two of a change ("grew from 11,000 to 14,000", "с 11 тысяч до
    14 тысяч", "z 11 do 14 tys.", "stieg von 11.000 auf 14.000"): a change's head before the
    first, and only a range word (range_infix, range_connectors) or a change's own
    (change_infix: auf) between them."""
    if i < 0 or i + 1 >= len(found) or found[i + 1].kind not in "dws":
        return False
    ctx, ph = _context(lang), found[i]
    gap = text[ph.end : found[i + 1].start]
    if not (
        ctx.range_gap.match(gap)
        or ctx.range_infix_gap.match(gap)
        or ctx.change_infix_gap.match(gap)
    ):
        return False
    return bool(ctx.change_before.search(text[max(0, ph.start - 60) : ph.start]))


def _earlier_of_a_change(found: list[Phrase], i: int, q: Quantity) -> Quantity:
    """The first figure of a change (figures i and i + 1 a _change_pair) takes the second's scale
    where it has none and is less than twice what that scale multiplies ("z 11 do 14 tys.":
    11,000, as in a range; a fall too, "с 14 до 11 тысяч": 14,000; but "с 500 до 2 тысяч" stays
    500)."""
    ph = found[i]
    if ph.has_scale or q.value is None:
        return q
    nxt = found[i + 1]
    if not nxt.has_scale or nxt.value is None:
        return q
    scale = next(a.value for a in reversed(nxt.atoms) if a.kind == "s")
    if q.value >= CHANGE_SCALE_SHARE * nxt.value / scale:
        return q
    return replace(q, value=q.value * scale, low=q.low * scale, high=q.high * scale, has_scale=True)


_CHANGE_GAP = 30  # characters between the earlier figure and the later one ("troops to")


def _changed_from(text: str, found: list[Phrase], i: int, lang: Lang) -> bool:
    """The first figure of "fell from 12,000 troops to 11,000 troops": a word of change before it
    and a later figure after a range word in the same clause, a noun between them (_change_pair
    takes the two with only a range word between). The ledger flags it ``earlier``, so
    reconciliation orders it before the figure it changed to, whatever their values."""
    if i + 1 >= len(found) or found[i + 1].kind not in "dws":
        return False
    ph, ctx = found[i], _context(lang)
    gap = text[ph.end : found[i + 1].start]
    if len(gap) > _CHANGE_GAP or any(c in gap for c in ".;:!?()\n"):
        return False
    last = gap.split()[-1:] or [""]
    if not (ctx.range_infix_gap.match(gap) or ctx.range_infix_gap.match(f" {last[0]} ")):
        return False
    lead_end = ph.start - len(_sign_before(text, ph.start, ctx)[0])
    return bool(ctx.change_before.search(text[max(0, lead_end - 40) : lead_end]))


_READERS: dict[str, Callable[[str, list[Phrase], int, Lang], tuple[Quantity | None, int]]] = {
    "v": _vague,
    "m": _multiplier_word,
    "d": _number,
    "w": _number,
    "s": _number,
}


def _is_ordinal(text: str, ph: Phrase, lang: Lang) -> bool:
    ctx = _context(lang)
    if ctx.ordinal_after is _NEVER and ctx.ordinal_before is _NEVER:
        return False
    return bool(
        ctx.ordinal_after.match(text, ph.end)
        or ctx.ordinal_before.search(text[max(0, ph.start - 10) : ph.start])
    )


def _fraction_parts(text: str, found: list[Phrase], i: int, lang: Lang) -> int:
    """How many figures a fraction starting here holds (0: none): two, or one when the other
    part is a word that is no figure alone, written glued to the infix ("四分之一": 一 is weak;
    "20 के एक" keeps its 20)."""
    ctx = _context(lang)
    if ctx.fraction_gap is _NEVER:
        return 0
    nxt = found[i + 1] if i + 1 < len(found) else None
    if nxt is not None and nxt.kind in "dws":
        if ctx.fraction_gap.match(text[found[i].end : nxt.start]):
            return 2
    lead = ctx.fraction_lead.match(text, found[i].end)
    if lead is None or (nxt is not None and nxt.start < lead.end()):
        return 0
    word = lexicon(lang).pattern.match(text, lead.end())
    return 1 if word is not None and word.lastgroup in ("w", "w_", "g", "g_") else 0


def _flags(ph: Phrase) -> tuple[str, ...]:
    return tuple(dict.fromkeys(f for a in ph.atoms for f in a.flags))


# A low end of one to three bare digits and a high end written in groups of thousands.
_BARE_LOW = re.compile(r"\d{1,3}")
_THOUSANDS = re.compile(r"\d{1,3}(?:[,.\u00a0\u202f '’]\d{3})+")


def _shares_thousands(text: str, ph: Phrase, nxt: Phrase, gap: str) -> bool:
    """'25-30,000', '25–30.000', '25-30 000', '13 to 14,000': a dash or a range word (the
    caller has read the gap as one) between a bare low end of three digits at most and a high
    end written in thousands; the low end, a thousand times smaller than the high end, shares
    its thousands (as '3-4 million' shares the million)."""
    low, high = text[ph.start : ph.end], text[nxt.start : nxt.end]
    return (
        bool(gap.strip())
        and _BARE_LOW.fullmatch(low) is not None
        and _THOUSANDS.fullmatch(high) is not None
        and (ph.value or 0) * 1000 < (nxt.value or 0)
    )


def _range(text: str, found: list[Phrase], i: int, lang: Lang) -> Quantity | None:
    """ "3-4 million", "between 10,000 and 12,000", "100~200" (the low end takes the high
    end's scale when it has none)."""
    if i + 1 >= len(found) or found[i + 1].kind not in "dws":
        return None
    ph, nxt, ctx = found[i], found[i + 1], _context(lang)
    gap = text[ph.end : nxt.start]
    # "$400 to $500", "between US$400 and US$500": the currency before the low end, written
    # again before the high end, is no part of the words that join them.
    sign = _sign_before(text, ph.start, ctx)[0]
    lead_end = ph.start - len(sign)
    if sign and gap.rstrip().endswith(sign.strip()):
        gap = gap.rstrip()[: -len(sign.strip())]
    prefixed = bool(
        ctx.range_prefix_before.search(text[max(0, lead_end - 20) : lead_end])
        or ctx.range_suffix_after.match(text, nxt.end)
    )
    if not (ctx.range_gap.match(gap) or (ctx.range_infix_gap.match(gap) and prefixed)):
        return None
    if ctx.change_before.search(text[max(0, lead_end - 40) : lead_end]):
        return None  # "grew from 11,000 to 14,000": an earlier figure and a later one
    if ph.value is None or nxt.value is None or _is_ordinal(text, nxt, lang):
        return None
    if _year_then_count(text, ph, nxt, lang):
        return None
    lv, hv = ph.value, nxt.value
    if nxt.has_scale and not ph.has_scale:
        # "3-4 million": the low end shares the high end's scale when it is smaller than what
        # that scale multiplies ("entre dix et vingt" is 10-20: vingt is 1 x 20).
        scale = next(a.value for a in reversed(nxt.atoms) if a.kind == "s")
        if lv < hv / scale:
            lv = float(f"{lv * scale:.15g}")
    elif _shares_thousands(text, ph, nxt, gap):
        lv *= 1000  # "25-30,000 troops": 25,000 to 30,000, not 25 to 30,000
    flags = _flags(ph)
    short_span = _short_year_span(text, ph, nxt)
    if short_span:  # "the 1950-53 Korean War", "1950～53年": years, whatever the context
        hv, flags = lv - lv % 100 + hv, (*flags, "year")
    if lv > hv and prefixed:
        # "between 20,000 and 10,000": still a range, read low to high, and said so.
        lv, hv, flags = hv, lv, (*flags, "reversed_range")
    if not 0 <= lv < hv:
        return None
    # "entre 1950 et 1953", "2023-2024": a span of years is like a year, not a count.
    year_like = _year_like(text, ph) and (short_span or _year_like(text, nxt))
    if year_like and not short_span and _year_context(text, ph, lang):
        flags = (*flags, "year")
    start = hedge_before(text, ph.start, lang)[0]
    core_end, kind = nxt.end, "count"
    tm = ctx.times_after.match(text[nxt.end : nxt.end + 20])
    if tm:  # "2-3 times", "2~3배", "в 2-3 раза": a range of multipliers
        core_end, kind = nxt.end + _times_end(tm.group(), lang), "multiplier"
    end = hedge_after(text, core_end, lang)[0]
    return Quantity(
        start,
        end,
        float(f"{(lv + hv) / 2:.15g}"),
        lv,
        hv,
        "range",
        kind=kind,
        currency=_currency(text, ph.start, nxt.end, lang),
        flags=flags,
        year_like=year_like,
        has_scale=ph.has_scale or nxt.has_scale,
        core_start=ph.start,
        core_end=core_end,
    )


def _times(text: str, ph: Phrase, lang: Lang) -> Quantity | None:
    """ "N times", "두 배": the figure is a multiplier."""
    tm = _context(lang).times_after.match(text[ph.end : ph.end + 20])
    if not tm or ph.value is None:
        return None
    start, hedge = hedge_before(text, ph.start, lang)
    # "2배 이상", "3倍近く", "iki kattan fazla": a hedge after the times word qualifies it too.
    core_end = ph.end + _times_end(text[ph.end : ph.end + tm.end()], lang)
    end, qualifier = suffix_hedges(text, core_end, hedge or "exact", lang)
    lo, hi, qual = qualified(ph.value, qualifier, lang)
    q = Quantity(start, end, ph.value, lo, hi, qual, kind="multiplier")
    q.core_start, q.core_end = ph.start, core_end
    return q


def _times_end(matched: str, lang: Lang) -> int:
    """Where the times word ends in what its pattern matched: the word may take any ending
    ("4倍に", "两倍"), but a hedge glued after it is no ending ("2倍以上", "两倍多")."""
    low = fold(matched)
    body = low.lstrip(" -\u00a0")
    term = next((t for t in _context(lang).times_terms if body.startswith(t)), "")
    cut = len(low) - len(body) + len(term)
    end, kind = hedge_after(matched + " ", cut, lang)
    return cut if term and kind is not None and end >= len(matched) else len(matched)


def _single(text: str, ph: Phrase, lang: Lang, lead_end: int = -1) -> Quantity | None:
    """One figure with the hedges inside, before and after it; none before it that starts before
    `lead_end` (the range word of a change is no hedge: "с 11 тысяч до 14 тысяч" is no "up to")."""
    value = ph.value
    if value is None:
        return None
    qualifier = infix_qualifier(text, ph, lang)
    start, hedge = hedge_before(text, ph.start, lang)
    if start < ph.start and start >= lead_end >= 0 and not text[lead_end:start].strip():
        start, hedge = ph.start, None
    if hedge and STRENGTH[hedge] >= STRENGTH[qualifier]:
        qualifier = hedge
    end, qualifier = suffix_hedges(text, ph.end, qualifier, lang)
    lo, hi, qual = qualified(value, qualifier, lang)
    first = ph.atoms[0]
    alt = None
    if first.alt is not None and first.value:
        alt = float(f"{first.alt * (value / first.value):.15g}")
    year_like = _year_like(text, ph)
    flags = _flags(ph)
    # "alrededor de 2000 soldados": the hedge's own "de" is no year's preposition.
    if year_like and _year_context(text, ph, lang, start if hedge else ph.start):
        flags = (*flags, "year")
    return Quantity(
        start,
        end,
        value,
        lo,
        hi,
        qual,
        currency=_currency(text, ph.start, ph.end, lang),
        flags=flags,
        year_like=year_like,
        has_scale=ph.has_scale,
        core_start=ph.start,
        core_end=ph.end,
        alt_value=alt,
    )


def _short_year_span(text: str, ph: Phrase, nxt: Phrase) -> bool:
    """ "1950-53": a year, then the last two digits of a later year of its century."""
    last = nxt.atoms[0]
    tail = to_ascii_digits(text[last.start : last.end])
    return (
        _year_like(text, ph)
        and len(nxt.atoms) == 1
        and last.kind == "d"
        and last.plain
        and len(tail) == 2
        and (ph.value or 0) % 100 < int(tail)
    )


def _year_then_count(text: str, ph: Phrase, nxt: Phrase, lang: Lang) -> bool:
    """A year read as one ("by mid-2019"), or written with no separator where the next figure
    has one ("in March 2025 to 14,500"), then a figure that is no year: "dropped from 20,400 in
    mid-2019 to 9,800" joins no range of 2,019 to 9,800."""
    if not _year_like(text, ph) or _year_like(text, nxt):
        return False
    return _year_context(text, ph, lang) or not all(a.plain for a in nxt.atoms)


def _year_like(text: str, ph: Phrase) -> bool:
    first = ph.atoms[0]
    return (
        len(ph.atoms) == 1
        and first.kind == "d"
        and first.plain
        and len(to_ascii_digits(text[first.start : first.end])) == 4
        and 1900 <= (ph.value or 0) <= 2100
    )


def _year_context(text: str, ph: Phrase, lang: Lang, lead_end: int | None = None) -> bool:
    """A year's preposition ends right before the figure (or before `lead_end`, its hedge), or
    a year's word follows it."""
    ctx = _context(lang)
    end = ph.start if lead_end is None else lead_end
    return bool(
        ctx.year_before.search(text[max(0, end - 25) : end])
        or ctx.year_after.match(text[ph.end : ph.end + 25])
    )


def _sign_before(text: str, start: int, ctx: _Context) -> tuple[str, str | None]:
    """The currency sign or code written right before a figure, with the space after it ("$",
    "US$ ", "Rp"), and its ISO code; ("", None) when there is none.

    Searched in place, not in a slice: a pack's term must start a word ("Rp", not "XRp").
    """
    cm = ctx.currency_before.search(text, max(0, start - 4), start)
    if cm:
        return text[cm.start() : start], _symbol_code(cm.group().strip())
    if ctx.currency_prefixes:
        pm = ctx.currency_prefix.search(text, max(0, start - _SIGN_REACH), start)
        if pm:
            code = ctx.currency_prefixes.get(norm_ws(fold(pm.group().strip())))
            return text[pm.start() : start], code
    return "", None


def _currency(text: str, start: int, end: int, lang: Lang) -> str | None:
    ctx = _context(lang)
    sign, code = _sign_before(text, start, ctx)
    if sign:
        return code
    am = ctx.currency_after.match(text[end : end + _NAME_REACH])
    if not am or ctx.not_currency.match(text[end : end + _NAME_REACH]):
        return None
    tok = norm_ws(fold(am.group().strip()))
    if tok in ctx.currency_words:
        return ctx.currency_words[tok]
    return _symbol_code(am.group().strip()) or lookup_prefix(ctx.currency_words, tok)


def _symbol_code(sym: str) -> str | None:
    return (base_data().get("currency_symbols") or {}).get(sym)
