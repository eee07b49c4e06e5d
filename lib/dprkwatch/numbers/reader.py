"""Read the figures in a text: digits of any script, separators, number and scale words, hedges.

`find_quantities(text, lang)` returns every figure with its span, best value, the range its
wording allows and a qualifier (exact, approx, at_least, at_most, range, vague). All wording
comes from the language packs (langdata/*.yaml); this module holds only the mechanics.

Conventions (README, "Method"): "about N" is N ±10 %; "more than N" is N..1.5N and
"up to N" is 0.5N..N; a range "3-4 million" has the midpoint as its value; magnitude words
with no number ("thousands") get an order-of-magnitude range and no value. A token whose
separator could be read either way ("1.000" in English) is flagged `ambiguous_separator`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from dprkwatch.lang.packs import NOT_AFTER, NOT_BEFORE, WORD_CHARS, Lang, alternation, get_lang

QUALIFIERS = ("exact", "approx", "at_least", "at_most", "range", "vague")
SPACES = " \u00a0\u202f\u2009"
APOSTROPHES = "'’"

# Any Unicode decimal digit -> ASCII (Bengali ১৫, Devanagari १५, Arabic-Indic ١٥, fullwidth ...).
_DIGIT_MAP = {
    cp: str(unicodedata.decimal(chr(cp)))
    for cp in range(0x110000)
    if unicodedata.category(chr(cp)) == "Nd" and cp > 0x7F
}

# Digits not glued to a Latin/Cyrillic letter ("KN-23" and "Su-35" are names, handled as masks).
_DIGITS = (
    r"(?<![A-Za-z\u00c0-\u024f\u0400-\u04ff\d])"
    r"(?:\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?![\d\w])|\d+(?:[.,'’]\d+)*)"
)


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


@dataclass(slots=True)
class _Atom:
    kind: str  # d (digits), w (number word), s (scale word), v (vague), m (multiplier)
    start: int
    end: int
    value: float = 0.0
    category: str = ""
    flags: tuple[str, ...] = ()
    alt: float | None = None
    plain: bool = False  # digits without separators


@dataclass(slots=True)
class _Phrase:
    atoms: list = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.atoms[0].start

    @property
    def end(self) -> int:
        return self.atoms[-1].end


_WORDCH = re.compile(rf"[{WORD_CHARS}]")


class NumberFormatError(ValueError):
    """A digit token that no separator convention can read."""


def to_ascii_digits(s: str) -> str:
    return s.translate(_DIGIT_MAP)


def _valid_groups(groups: list[str], indian: bool) -> bool:
    if not groups or not groups[0] or len(groups[0]) > 3:
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


def parse_digits(token: str, lang: Lang | str) -> tuple[float, tuple[str, ...], float | None]:
    """Read a digit token in the language's convention: (value, flags, alternative value)."""
    lang = get_lang(lang) if isinstance(lang, str) else lang
    t = to_ascii_digits(token)
    seps = [c for c in t if not c.isdigit()]
    if not seps:
        return float(t), (), None
    dec = lang.option("numbers.decimal")
    group = set(lang.option("numbers.group")) | set(SPACES)
    indian = lang.option("numbers.indian_grouping")
    kinds = set(seps)
    if kinds <= set(SPACES) | set(APOSTROPHES):
        groups = re.split(r"[^\d]", t)
        if _valid_groups(groups, indian):
            return float("".join(groups)), (), None
        raise NumberFormatError(f"cannot read {token!r}: bad digit grouping")
    marks = kinds & {".", ","}
    if kinds & (set(SPACES) | set(APOSTROPHES)):
        # "1 000,01" / "12'000.5": spaces and apostrophes only group; read the rest normally.
        whole, sep, frac = t.rpartition(next(iter(marks))) if marks else (t, "", "")
        if len(marks) != 1 or sep not in (dec, ".", ","):
            raise NumberFormatError(f"cannot read {token!r}: mixed separators")
        groups = re.split(r"[^\d]", whole)
        if not _valid_groups(groups, indian):
            raise NumberFormatError(f"cannot read {token!r}: bad digit grouping")
        flags = () if sep == dec else ("foreign_convention",)
        return float("".join(groups) + "." + frac), flags, None
    if len(marks) == 2:
        last = max(t.rfind("."), t.rfind(","))
        intpart, frac = t[:last], t[last + 1 :]
        if t[last] in intpart:
            raise NumberFormatError(f"cannot read {token!r}: decimal mark used twice")
        groups = re.split(r"[^\d]", intpart)
        if not _valid_groups(groups, indian):
            raise NumberFormatError(f"cannot read {token!r}: bad digit grouping")
        flags = () if t[last] == dec else ("foreign_convention",)
        return float("".join(groups) + "." + frac), flags, None
    (mark,) = marks
    groups = re.split(r"[^\d]", t)
    if mark == dec:
        if len(groups) == 2:
            whole, frac = groups
            if len(frac) == 3 and 1 <= len(whole) <= 3 and whole != "0":
                # "1.000" in English, "1,000" in Portuguese: a decimal here, a thousand elsewhere.
                return float(whole + "." + frac), ("ambiguous_separator",), float(whole + frac)
            return float(whole + "." + frac), (), None
        if _valid_groups(groups, indian):
            return float("".join(groups)), ("foreign_convention",), None
        raise NumberFormatError(f"cannot read {token!r}: decimal mark used twice")
    if mark in group and _valid_groups(groups, indian):
        return float("".join(groups)), (), None
    if len(groups) == 2:
        # "2,5" in an English text: only a decimal reading exists.
        return float(groups[0] + "." + groups[1]), ("foreign_convention",), None
    raise NumberFormatError(f"cannot read {token!r}: bad digit grouping")


def format_number(value: float, lang: Lang | str, native_digits: bool = False) -> str:
    """Write a number the way the language writes it (the inverse of parse_digits)."""
    lang = get_lang(lang) if isinstance(lang, str) else lang
    dec = lang.option("numbers.decimal")
    grp = next((g for g in lang.option("numbers.group") if g != dec), ",")
    neg = value < 0
    whole, _, frac = f"{abs(value):.6f}".rstrip("0").rstrip(".").partition(".")
    if lang.option("numbers.indian_grouping") and len(whole) > 3:
        head, tail = whole[:-3], whole[-3:]
        parts = []
        while len(head) > 2:
            parts.insert(0, head[-2:])
            head = head[:-2]
        parts.insert(0, head)
        whole = grp.join([*parts, tail])
    else:
        whole = f"{int(whole):,}".replace(",", grp)
    out = whole + (dec + frac if frac else "")
    if native_digits and lang.option("numbers.native_zero"):
        zero = ord(lang.option("numbers.native_zero"))
        out = "".join(chr(zero + int(c)) if c.isdigit() else c for c in out)
    return ("-" if neg else "") + out


# ---------------------------------------------------------------------------------------
# Compiled per-language machinery (built once per language, on first use)
# ---------------------------------------------------------------------------------------


@dataclass
class _Machine:
    lexer: re.Pattern
    words: dict
    scales: dict
    weak: set
    vague: dict
    multipliers: dict
    big_scale: float
    compound_digits: bool
    hedge_before: re.Pattern
    hedge_after: re.Pattern
    hedge_kind_before: dict
    hedge_kind_after: dict
    currency_before: re.Pattern
    currency_after: re.Pattern
    currency_words: dict
    times_after: re.Pattern
    range_gap: re.Pattern
    range_infix_gap: re.Pattern
    range_prefix_before: re.Pattern
    connector_gap: re.Pattern
    point_gap: re.Pattern
    infix_gap: re.Pattern
    masks: list
    suffix_re: str
    year_before: re.Pattern
    year_after: re.Pattern


def _lower_map(d: dict) -> dict:
    return {str(k).lower(): v for k, v in (d or {}).items()}


def _machine(lang: Lang) -> _Machine:
    return lang.memo("numbers_machine", lambda: _build_machine(lang))


def _build_machine(lang: Lang) -> _Machine:
    words = _lower_map(lang.option("numbers.words"))
    scales = _lower_map(lang.option("numbers.scales"))
    vague = _lower_map(lang.option("numbers.vague"))
    mult = _lower_map(lang.option("numbers.multipliers"))
    suffixes = lang.option("numbers.word_suffixes")
    # Suffixes glue onto the word before them, so no word boundary at their start.
    suffix_re = "|".join(re.escape(x) for x in sorted(suffixes, key=len, reverse=True))
    articles = lang.option("numbers.articles_as_one")
    prefix = lang.prefix

    def words_alt(terms, allow_suffix=False):
        alt = alternation(terms)
        if allow_suffix and suffix_re:
            # Numeral + classifier ("পাঁচটি"): the suffix is optional and ends the word.
            body = (
                "(?:" + "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)) + ")"
            )
            return rf"{NOT_BEFORE}{body}(?:{suffix_re})?{NOT_AFTER}"
        return alt

    parts = []
    if vague:
        parts.append(f"(?P<v>{alternation(vague, prefix)})")
    if mult:
        parts.append(f"(?P<m>{alternation(mult, prefix)})")
    parts.append(f"(?P<d>{_DIGITS})")
    if articles and scales:
        parts.append(f"(?P<a>{alternation(articles)}(?=\\s+{alternation(scales)}))")
    if scales:
        # Scales attach to digits with no space in several scripts ("1만", "15тис."), so no
        # leading word boundary; a trailing "." is part of an abbreviation ("тыс.").
        # A trie of the plain words (no word endings: the suffix and "." rules follow).
        scale_alt = alternation([s.replace("*", "") for s in scales], bounded=False).replace(
            NOT_AFTER, ""
        )
        if lang.option("numbers.scales_attach"):
            # Korean writes counters and particles straight after a scale ("1만여명",
            # "4천700명", "26만원"): a scale right after a digit, another scale, or a digit and
            # an infix hedge ends there even when letters follow; so does one followed by
            # another scale or an infix hedge ("천만", "만여 명").
            infix_keys = sorted(lang.option("numbers.infix_hedges"), key=len, reverse=True)
            behind = [r"(?<=\d)"] + [rf"(?<=\d{re.escape(h)})" for h in infix_keys]
            behind += [f"(?<={re.escape(s)})" for s in scales]
            ahead = "|".join([scale_alt, *(re.escape(h) for h in infix_keys)])
            parts.append(rf"(?P<sa>(?:{'|'.join(behind)}){scale_alt}|{scale_alt}(?={ahead}))")
        parts.append(
            rf"(?P<s>{scale_alt}\.?(?:{suffix_re})?(?![{WORD_CHARS}]))"
            if suffix_re
            else rf"(?P<s>{scale_alt}(?![{WORD_CHARS}])\.?)"
        )
    if words:
        parts.append(f"(?P<w>{words_alt(list(words), allow_suffix=True)})")
    lexer = re.compile("|".join(parts), re.IGNORECASE)

    hedges = lang.option("numbers.hedges")
    before_kinds = {}
    for kind in ("approx", "approx_below", "at_least", "at_most"):
        for term in hedges.get(kind) or []:
            before_kinds.setdefault(term.lower(), kind)
    after_kinds = {}
    for kind, key in (
        ("approx", "suffix_approx"),
        ("at_least", "suffix_at_least"),
        ("at_most", "suffix_at_most"),
    ):
        for term in hedges.get(key) or []:
            after_kinds.setdefault(term.lower(), kind)
    cur_symbols = lang.base.get("currency_symbols") or {}
    cur_words = _lower_map(lang.option("numbers.currency_words"))
    counters = lang.option("numbers.counters")
    # A counter is only taken when a hedge follows it, often glued ("1만명가량", "100달러 안팎").
    counter_alt = "|".join(re.escape(c) for c in sorted(counters, key=len, reverse=True))
    counter_re = f"(?:\\s*(?:{counter_alt}))?" if counters else ""
    sym_alt = "|".join(re.escape(s) for s in sorted(cur_symbols, key=len, reverse=True))

    def hedge_before_re():
        # A hedge ends right before the figure, optionally followed by a currency symbol.
        terms = sorted(before_kinds, key=len, reverse=True)
        if not terms:
            return re.compile("(?!x)x")
        alt = "|".join(_hedge_pat(t) for t in terms)
        return re.compile(
            rf"(?:^|(?<=[\s(\"“«'„]))(?P<h>{alt})\s*(?:{sym_alt})?\s*$", re.IGNORECASE
        )

    def hedge_after_re():
        terms = sorted(after_kinds, key=len, reverse=True)
        if not terms:
            return re.compile("(?!x)x")
        alt = "|".join(_hedge_pat(t, tail=True) for t in terms)
        return re.compile(rf"^{counter_re}\s*-?\s*(?P<h>{alt})", re.IGNORECASE)

    range_conn = lang.option("numbers.range_connectors")
    range_infix = lang.option("numbers.range_infix")
    range_prefixes = lang.option("numbers.range_prefixes")
    connectors = lang.option("numbers.connectors")
    points = lang.option("numbers.point_words")
    infix = lang.option("numbers.infix_hedges")
    masks = []
    months = lang.option("numbers.months")
    month_alt = alternation(months) if months else "(?!x)x"
    for pat in (lang.base.get("date_patterns") or []) + (lang.option("numbers.date_patterns")):
        masks.append(re.compile(pat.replace("{months}", month_alt), re.IGNORECASE))
    for pat in lang.base.get("designator_patterns") or []:
        masks.append(re.compile(pat))
    year_pre = lang.option("numbers.year_prefixes")
    year_suf = lang.option("numbers.year_suffixes")

    def gap_re(terms):
        alt = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
        return re.compile(rf"^\s*(?:{alt})\s*$", re.IGNORECASE) if terms else re.compile("(?!x)x")

    return _Machine(
        lexer=lexer,
        words=words,
        scales=scales,
        weak={w.lower() for w in lang.option("numbers.weak_words")},
        vague=vague,
        multipliers=mult,
        big_scale=1e4 if lang.option("numbers.myriad") else 1e3,
        compound_digits=bool(
            lang.option("numbers.compound_digit_scales") or lang.option("numbers.myriad")
        ),
        hedge_before=hedge_before_re(),
        hedge_after=hedge_after_re(),
        hedge_kind_before=before_kinds,
        hedge_kind_after=after_kinds,
        currency_before=re.compile(rf"(?:{sym_alt})\s*$") if sym_alt else re.compile("(?!x)x"),
        currency_after=re.compile(rf"^\s*(?:{sym_alt}|{alternation(cur_words)})", re.IGNORECASE)
        if cur_words
        else re.compile(rf"^\s*(?:{sym_alt})"),
        currency_words=cur_words,
        times_after=re.compile(
            rf"^\s*-?\s*{alternation(lang.option('numbers.times_words'), True)}", re.IGNORECASE
        )
        if lang.option("numbers.times_words")
        else re.compile("(?!x)x"),
        range_gap=gap_re(range_conn),
        range_infix_gap=gap_re(range_infix),
        range_prefix_before=re.compile(rf"(?:^|\s){alternation(range_prefixes)}\s*$", re.IGNORECASE)
        if range_prefixes
        else re.compile("(?!x)x"),
        connector_gap=gap_re(connectors),
        point_gap=re.compile(
            rf"^\s*-?\s*(?:{'|'.join(map(re.escape, points))})\s*-?\s*$", re.IGNORECASE
        )
        if points
        else re.compile("(?!x)x"),
        infix_gap=re.compile(rf"^\s*(?P<h>{'|'.join(map(re.escape, infix))})\s*$")
        if infix
        else re.compile("(?!x)x"),
        masks=masks,
        suffix_re=suffix_re,
        year_before=re.compile(rf"(?:^|\s){alternation(year_pre)}\s*$", re.IGNORECASE)
        if year_pre
        else re.compile("(?!x)x"),
        year_after=re.compile(rf"^\s*-?\s*{alternation(year_suf, True)}", re.IGNORECASE)
        if year_suf
        else re.compile("(?!x)x"),
    )


def _hedge_pat(term: str, tail: bool = False) -> str:
    if term.endswith("*") and len(term) > 1:
        # As in the cue lexicon, a trailing "*" allows any word ending ("이상*": 이상의, 이상을).
        return r"\s+".join(re.escape(p) for p in term[:-1].split()) + rf"[{WORD_CHARS}]*"
    body = r"\s+".join(re.escape(p) for p in term.split())
    if tail:
        return body + (NOT_AFTER if term[-1].isalnum() else "")
    return body


_DIGIT_RUN = re.compile(r"\d+")
_MASK_REACH = 48  # every date/designator shape is shorter than this around its digits


def _mask_spans(text: str, m: _Machine) -> list[tuple[int, int]]:
    """Spans of dates, times and designators. Every such shape holds a digit, so only the
    neighbourhood of digits is searched (a whole-text scan per pattern is the slow part)."""
    windows: list[list[int]] = []
    for d in _DIGIT_RUN.finditer(text):
        a, b = max(0, d.start() - _MASK_REACH), min(len(text), d.end() + _MASK_REACH)
        if windows and a <= windows[-1][1]:
            windows[-1][1] = b
        else:
            windows.append([a, b])
    spans = set()
    for a, b in windows:
        for rx in m.masks:
            spans.update(mt.span() for mt in rx.finditer(text, a, b))
    return sorted(spans)


def _overlaps(spans, start, end) -> bool:
    # spans is sorted; small lists per document, linear scan is fine.
    for s, e in spans:
        if s >= end:
            return False
        if e > start:
            return True
    return False


def _lex(text: str, m: _Machine, lang: Lang) -> list[_Atom]:
    masks = _mask_spans(text, m)
    atoms: list[_Atom] = []
    for mt in m.lexer.finditer(text):
        kind = mt.lastgroup
        start, end = mt.span()
        if masks and _overlaps(masks, start, end):
            continue
        tok = mt.group().lower()
        if kind == "d":
            try:
                value, flags, alt = parse_digits(mt.group(), lang)
            except NumberFormatError:
                continue
            atoms.append(
                _Atom(
                    "d",
                    start,
                    end,
                    value,
                    flags=flags,
                    alt=alt,
                    plain=tok.isdigit() or to_ascii_digits(tok).isdigit(),
                )
            )
        elif kind == "a":
            atoms.append(_Atom("w", start, end, 1.0, category="article"))
        elif kind in ("s", "sa"):
            key = tok.rstrip(".")
            val = m.scales.get(key)
            if val is None:
                key = _strip_suffix(key, m)
                val = m.scales.get(key, m.scales.get(key.rstrip(".")))
            glued = start > 0 and _WORDCH.match(text[start - 1])
            attached = atoms and atoms[-1].kind in "dws" and atoms[-1].end >= start - 1
            if val is not None and (attached or not glued):
                # A scale inside a word ("শ" in "মিলিশিয়া") is not a number.
                atoms.append(_Atom("s", start, end, float(val)))
        elif kind == "w":
            key = _strip_suffix(tok, m)
            if key in m.words:
                atoms.append(
                    _Atom(
                        "w",
                        start,
                        end,
                        float(m.words[key]),
                        category="weak" if key in m.weak else "",
                    )
                )
        elif (
            kind == "v"
            and atoms
            and atoms[-1].kind in "dw"
            and _norm_ws(tok) in m.scales
            and not text[atoms[-1].end : start].strip()
        ):
            # "3 milhões": a plural scale after a number is a scale, not "millions of".
            atoms.append(_Atom("s", start, end, float(m.scales[_norm_ws(tok)])))
        elif (
            kind == "v"
            and _norm_ws(tok) in m.scales
            and m.hedge_before.search(text[max(0, start - 40) : start])
        ):
            # "около тысячи": after a hedge, a word that is both a scale and a magnitude word
            # means one thousand, not "thousands".
            atoms.append(_Atom("s", start, end, float(m.scales[_norm_ws(tok)])))
        elif kind == "v":
            atoms.append(
                _Atom(
                    "v",
                    start,
                    end,
                    category=m.vague.get(_norm_ws(tok), _lookup_prefix(m.vague, tok)),
                )
            )
        elif kind == "m":
            atoms.append(
                _Atom(
                    "m",
                    start,
                    end,
                    float(
                        m.multipliers.get(_norm_ws(tok), _lookup_prefix(m.multipliers, tok) or 2)
                    ),
                )
            )
    return atoms


def _norm_ws(s: str) -> str:
    return " ".join(s.split())


def _lookup_prefix(d: dict, tok: str):
    tok = _norm_ws(tok)
    for k in sorted(d, key=len, reverse=True):
        if tok.startswith(k.rstrip("*")):  # a "*" term's key stands for every ending
            return d[k]
    return None


def _strip_suffix(tok: str, m: _Machine) -> str:
    if tok in m.words or tok in m.scales or not m.suffix_re:
        return tok
    mt = re.search(f"(?:{m.suffix_re})$", tok)
    return tok[: mt.start()] if mt else tok


def _can_join(a: _Atom, b: _Atom, gap: str, m: _Machine) -> bool:
    plain_gap = gap.strip(" \u00a0\u202f\u2009-") == "" and "\n" not in gap
    if a.kind == "d" and b.kind == "s":
        return plain_gap or bool(m.infix_gap.match(gap))
    if a.kind == "s" and b.kind == "d":
        return m.compound_digits and plain_gap
    if a.kind == "s" and b.kind == "s":
        return plain_gap
    if a.kind == "w" and b.kind == "s":
        return plain_gap or bool(m.connector_gap.match(gap))
    if a.kind == "w" and b.kind == "w":
        # "vinte e cinco" is 25, but "between four and six million" is a range: a connector
        # joins only tens to units.
        return plain_gap or (
            bool(m.connector_gap.match(gap)) and a.value >= 20 and a.value > b.value
        )
    if a.kind == "s" and b.kind == "w":
        return bool(m.connector_gap.match(gap)) or (plain_gap and m.compound_digits)
    return False


def _phrases(text: str, atoms: list[_Atom], m: _Machine) -> list[_Phrase]:
    out: list[_Phrase] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        ph = _Phrase([a])
        i += 1
        if a.kind in "dws":
            while i < len(atoms):
                b = atoms[i]
                gap = text[ph.end : b.start]
                last = ph.atoms[-1]
                if last.kind == "w" and b.kind == "w" and m.point_gap.match(gap):
                    b = _Atom("w", b.start, b.end, b.value / 10.0, category="fraction")
                    ph.atoms.append(b)
                    i += 1
                    continue
                if not _can_join(last, b, gap, m):
                    break
                ph.atoms.append(b)
                i += 1
        out.append(ph)
    return out


def _evaluate(ph: _Phrase, m: _Machine) -> tuple[float | None, bool]:
    """Value of a number phrase (myriad-aware), and whether it carried a scale word."""
    total = 0.0
    section = 0.0
    pending: float | None = None
    has_scale = False
    words_only = all(a.kind in "ws" for a in ph.atoms)
    for a in ph.atoms:
        if a.kind == "d":
            pending = a.value
        elif a.kind == "w":
            if a.category == "fraction":
                section += a.value
            else:
                section += a.value
        elif a.kind == "s":
            has_scale = True
            if pending is not None:
                # Digits before a scale add to the section built so far: "2천3백" = 2,300,
                # and a big scale takes the whole section: "1천200만" = (1,000 + 200) x 10,000.
                if a.value < m.big_scale:
                    section += pending * a.value
                else:
                    total += (section + pending) * a.value
                    section = 0.0
            else:
                base = section if section else 1.0
                if a.value < m.big_scale:
                    section = base * a.value
                else:
                    total += base * a.value
                    section = 0.0
            pending = None
    total += section + (pending or 0.0)
    if (
        words_only
        and not has_scale
        and len(ph.atoms) == 1
        and ph.atoms[0].category in ("weak", "article")
    ):
        return None, False  # "one", "a" alone are not figures
    return total, has_scale


def _qualified(value: float, qualifier: str, lang: Lang) -> tuple[float, float, str]:
    lo, hi, q = _qualified_raw(value, qualifier, lang)
    # Keep ranges free of float noise (12,000 x 1.1 = 13200.000000000002).
    return round(lo, 6), round(hi, 6), q


def _qualified_raw(value: float, qualifier: str, lang: Lang) -> tuple[float, float, str]:
    r = lang.base.get("ranges") or {}
    tol = float(r.get("approx_tolerance", 0.1))
    f = float(r.get("open_bound_factor", 0.5))
    if qualifier == "approx":
        return value * (1 - tol), value * (1 + tol), "approx"
    if qualifier == "approx_below":
        return value * (1 - tol), value, "approx"
    if qualifier == "at_least":
        return value, value * (1 + f), "at_least"
    if qualifier == "at_most":
        return value * (1 - f), value, "at_most"
    return value, value, "exact"


_STRENGTH = {"exact": 0, "approx": 1, "approx_below": 1, "at_most": 2, "at_least": 2}


def find_quantities(text: str, lang: Lang | str) -> list[Quantity]:
    """Every figure in `text` read with the language's conventions, in text order."""
    lang = get_lang(lang) if isinstance(lang, str) else lang
    m = _machine(lang)
    atoms = _lex(text, m, lang)
    if not atoms:
        return []
    phrases = _phrases(text, atoms, m)
    out: list[Quantity] = []
    i = 0
    while i < len(phrases):
        ph = phrases[i]
        i += 1
        first = ph.atoms[0]
        if first.kind == "v":
            lo, hi = (lang.base.get("ranges", {}).get("vague", {}) or {}).get(
                first.category, (0, 0)
            )
            start = _hedge_start(text, ph.start, m)[0]
            out.append(
                Quantity(
                    start,
                    ph.end,
                    None,
                    float(lo),
                    float(hi),
                    "vague",
                    core_start=ph.start,
                    core_end=ph.end,
                )
            )
            continue
        if first.kind == "m":
            v = first.value
            # "roughly doubled": a hedge before a multiplier is read like any other.
            hstart, hq = _hedge_start(text, ph.start, m)
            lo, hi, qual = _qualified(v, hq or "exact", lang)
            out.append(
                Quantity(
                    hstart,
                    ph.end,
                    v,
                    lo,
                    hi,
                    qual,
                    kind="multiplier",
                    core_start=ph.start,
                    core_end=ph.end,
                )
            )
            continue
        value, has_scale = _evaluate(ph, m)
        if value is None:
            continue
        flags = tuple(f for a in ph.atoms for f in a.flags)
        alt = None
        if len(ph.atoms) >= 1 and ph.atoms[0].alt is not None:
            alt = ph.atoms[0].alt * (value / ph.atoms[0].value) if ph.atoms[0].value else None
        core_start, core_end = ph.start, ph.end
        # Range: "3-4 million", "between 10,000 and 12,000", "100~200".
        high_ph = None
        if i < len(phrases) and phrases[i].atoms[0].kind in "dws":
            nxt = phrases[i]
            gap = text[ph.end : nxt.start]
            if m.range_gap.match(gap) or (
                m.range_infix_gap.match(gap)
                and m.range_prefix_before.search(text[max(0, ph.start - 20) : ph.start])
            ):
                high_ph = nxt
        if high_ph is not None:
            hv, h_scale = _evaluate(high_ph, m)
            if hv is not None:
                lv = value
                if h_scale and not has_scale:
                    scale = next(a.value for a in reversed(high_ph.atoms) if a.kind == "s")
                    lv = value * scale
                if 0 <= lv < hv:
                    i += 1
                    core_end = high_ph.end
                    start, _ = _hedge_start(text, core_start, m)
                    cur = _currency(text, core_start, core_end, m)
                    end = _range_end(text, core_end, m)
                    q = Quantity(
                        start,
                        end,
                        (lv + hv) / 2,
                        lv,
                        hv,
                        "range",
                        currency=cur,
                        flags=flags,
                        has_scale=has_scale or h_scale,
                        core_start=core_start,
                        core_end=core_end,
                    )
                    out.append(q)
                    continue
        # Multiplier by "N times" / "두 배".
        tm = m.times_after.match(text[core_end : core_end + 20])
        if tm:
            hstart, hq = _hedge_start(text, core_start, m)
            lo, hi, qual = _qualified(value, hq or "exact", lang)
            out.append(
                Quantity(
                    hstart,
                    core_end + tm.end(),
                    value,
                    lo,
                    hi,
                    qual,
                    kind="multiplier",
                    core_start=core_start,
                    core_end=core_end + tm.end(),
                )
            )
            continue
        # Infix hedge inside the phrase ("940여만").
        qualifier = "exact"
        for a, b in zip(ph.atoms, ph.atoms[1:], strict=False):
            im = m.infix_gap.match(text[a.end : b.start])
            if im:
                qualifier = lang.option("numbers.infix_hedges").get(im.group("h"), "approx")
        start, hq = _hedge_start(text, core_start, m)
        if hq and _STRENGTH[hq] >= _STRENGTH[qualifier]:
            qualifier = hq
        end = core_end
        for _ in range(2):  # "2만여 개 이상": two suffix hedges in a row, the stronger wins
            am = m.hedge_after.match(text[end : end + 40])
            if not am:
                break
            h = _norm_ws(am.group("h").lower())
            kind = m.hedge_kind_after.get(h) or _lookup_prefix(m.hedge_kind_after, h) or "approx"
            if _STRENGTH[kind] >= _STRENGTH.get(qualifier, 0):
                qualifier = kind
            end += am.end()
        cur = _currency(text, core_start, core_end, m)
        lo, hi, qual = _qualified(value, qualifier, lang)
        year_like = (
            len(ph.atoms) == 1
            and first.kind == "d"
            and first.plain
            and len(to_ascii_digits(text[first.start : first.end])) == 4
            and 1900 <= value <= 2100
        )
        if year_like and (
            m.year_before.search(text[max(0, core_start - 25) : core_start])
            or m.year_after.match(text[core_end : core_end + 25])
        ):
            flags = (*flags, "year")
        out.append(
            Quantity(
                start,
                end,
                value,
                lo,
                hi,
                qual,
                currency=cur,
                flags=flags,
                year_like=year_like,
                has_scale=has_scale,
                core_start=core_start,
                core_end=core_end,
                alt_value=alt,
            )
        )
    return out


def _hedge_start(text: str, core_start: int, m: _Machine) -> tuple[int, str | None]:
    window = text[max(0, core_start - 40) : core_start]
    hm = m.hedge_before.search(window)
    if not hm:
        return core_start, None
    term = _norm_ws(hm.group("h").lower())
    kind = m.hedge_kind_before.get(term) or _lookup_prefix(m.hedge_kind_before, term) or "approx"
    return core_start - len(window) + hm.start("h"), kind


def _currency(text: str, start: int, end: int, m: _Machine) -> str | None:
    before = text[max(0, start - 4) : start]
    cm = m.currency_before.search(before)
    if cm:
        sym = cm.group().strip()
        return _symbol_code(sym)
    am = m.currency_after.match(text[end : end + 30])
    if am:
        tok = _norm_ws(am.group().strip().lower())
        if tok in m.currency_words:
            return m.currency_words[tok]
        return _symbol_code(am.group().strip()) or _lookup_prefix(m.currency_words, tok)
    return None


def _symbol_code(sym: str) -> str | None:
    from dprkwatch.lang.packs import base_data

    return (base_data().get("currency_symbols") or {}).get(sym)


def _range_end(text: str, core_end: int, m: _Machine) -> int:
    am = m.hedge_after.match(text[core_end : core_end + 40])
    return core_end + am.end() if am else core_end


def parse_quantity(text: str, lang: Lang | str) -> Quantity | None:
    """The first figure in a short text (handy in tests and notebooks)."""
    qs = find_quantities(text, lang)
    return qs[0] if qs else None
