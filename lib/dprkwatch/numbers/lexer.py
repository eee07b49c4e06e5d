"""Cut a text into number atoms: digit tokens, number words, scale words, magnitude words.

One regular expression per language (built once from its pack) finds every atom in one pass;
dates, designators and the pack's `not_numbers` are masked, powers (1e308, 2^10, 12⁰⁰⁰) are
skipped, and a glued number word (`glued_numbers`: eintausendeinhundert, 이백만, 三千五百) is
split into its parts. How atoms join into one figure is compose.py's business.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from dprkwatch.lang.packs import (
    NOT_AFTER,
    NOT_BEFORE,
    UNSPACED_CLASS,
    WORD_CLASS,
    Lang,
    alternation,
    literal_alternation,
)
from dprkwatch.numbers.digits import (
    APOSTROPHES,
    EXTRA_SEPARATORS,
    SPACES,
    ZERO_WIDTH,
    NumberFormatError,
    parse_digits,
    split_unreadable,
    to_ascii_digits,
)
from dprkwatch.numbers.hedges import hedge_before, infix_kind
from dprkwatch.numbers.terms import fold, lookup_prefix, lower_map, norm_ws

_NEVER = "(?!x)x"
_LETTER_BEFORE = r"A-Za-z\u00c0-\u024f\u0400-\u04ff"
_ZW = f"[{ZERO_WIDTH}]*"
_SPACE_SEP = f"[{SPACES}٬]"
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻"
# Digits not glued to a Latin/Cyrillic letter before them ("KN-23" and "Su-35" are names), nor
# to an exponent sign. The cheap digit test comes first: most positions fail it at once.
_DIGIT_START = rf"(?<![{_LETTER_BEFORE}\d^{_SUPERSCRIPTS}])"
# After a digit token, the mark of a power (1e308, 1.1^23, 1.3x10^6, 12⁰⁰⁰, 2³): never a count.
_POWER_AFTER = re.compile(rf"[eE][+-]?\d|\s?[x×]\s?10\^|\^|[{_SUPERSCRIPTS}]")
_WORDCH = re.compile(WORD_CLASS)
_DIGIT_RUN = re.compile(r"\d+")
_MASK_REACH = 48  # every date/designator shape is shorter than this around its digits
# Fractions written with digits or as one sign ("1/2", "3/4", "½"): in every script a part of a
# figure ("1 1/2 million", "2½ times"), never a count alone ("3/4 of the troops").
_VULGAR = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3, "⅕": 0.2, "⅛": 0.125, "⅜": 0.375}
_SIGNS = "".join(_VULGAR)
# "1/2" is read where its digits are (one part of the lexicon less to try at every position).
_SLASHED = re.compile(r"/(\d{1,2})(?![\d/.,])")


@dataclass(slots=True)
class Atom:
    """One piece of a figure. kind: d digits, w number word, s scale, v vague, m multiplier."""

    kind: str
    start: int
    end: int
    value: float = 0.0
    category: str = ""  # weak | article | fraction (words); the range name (vague words)
    flags: tuple[str, ...] = ()
    alt: float | None = None
    plain: bool = False  # digits without separators
    glued: bool = False  # continues the written word of the atom before it (이백|만)
    unscaled: bool = False  # a number word that no scale multiplies (하나)
    whole: bool = False  # a scale that is a unit of count: it multiplies the whole figure (düzine)
    offset: float | None = None  # a fraction prefix: added to the whole after it (साढ़े तीन)


@dataclass
class Lexicon:
    """A language's number vocabulary and the one pattern that finds it (built once)."""

    pattern: re.Pattern
    words: dict[str, float]
    scales: dict[str, float]
    cased_scales: dict[str, float]
    abbreviations: set[str]
    weak: set[str]
    unscaled: set[str]
    unit_scales: set[str]
    prefixes: dict[str, float]
    duals: set[str]
    construct: set[str]  # duals that are also scales: the dual only before a noun
    connectors: tuple[str, ...]
    not_construct: re.Pattern  # words after a dual that show it is no construct (من)
    vague: dict[str, str]
    multipliers: dict[str, float]
    pieces: re.Pattern | None
    glue_values: dict[str, float]
    suffix_re: str
    suffix_at: re.Pattern
    masks: list[re.Pattern]
    designators: list[re.Pattern]  # names with a number ("KN-23"): masked unless a scale ends them


def _bare(terms: Iterable[str], lang: Lang) -> str:
    """Alternation of terms with no word-boundary test at their end (and none at their start
    in languages written without spaces)."""
    alt = alternation([t.replace("*", "") for t in terms], bounded=False)
    return alt.replace(NOT_AFTER, "")


def _first_set(terms: Iterable[str]) -> set[str] | None:
    """The first letters of the terms in both cases; None when a term may start anywhere."""
    chars: set[str] = set()
    for t in terms:
        core = t.strip("*").strip()
        if t.startswith("*") or not core:
            return None
        chars |= {core[0].lower(), core[0].upper()}
    return chars


def _class_body(chars: Iterable[str]) -> str:
    return "".join(re.escape(c) for c in sorted(chars))


def _lookahead(chars: Iterable[str]) -> str:
    body = _class_body(chars)
    return f"(?=[{body}])" if body else ""


def first_chars(terms: Iterable[str]) -> str:
    """A lookahead for the first letters of the terms: most positions fail it at once, before
    the costlier word-boundary test."""
    return _lookahead(_first_set(terms) or ())


def _atom_ahead(lang: Lang, term_groups: Iterable[Iterable[str]]) -> str:
    """A lookahead for every character an atom can start with: a digit, the decimal mark or
    the first letter of a term; "" when a term may start anywhere.

    Without it each position of the text enters every part of the lexicon's pattern in turn
    (each behind its own lookahead): one test instead of eight made the scan about a fifth
    faster. Every part starts with one of these characters, so the atoms are the same.
    """
    chars = {lang.option("numbers.decimal")}
    for terms in term_groups:
        first = _first_set(terms)
        if first is None:
            return ""
        chars |= first
    return rf"(?=[\d{_SIGNS}{_class_body(chars)}])"


def _start(lang: Lang) -> str:
    return "" if lang.option("numbers.unspaced") else NOT_BEFORE


def _terms(terms: Iterable[str], lang: Lang, prefix: bool = False) -> str:
    """Alternation of lexicon terms (it starts with its own first-character test: a second
    one before it, as there was, cost the scan a tenth of its time)."""
    if lang.option("numbers.unspaced"):
        return _bare(terms, lang)
    return alternation(terms, prefix)


def _digit_start(lang: Lang) -> str:
    """Where digits may start: not glued to a letter, except after a currency written glued
    before its figure (`currency_before`: "Rp5 juta")."""
    glued = [t for t in lang.option("numbers.currency_before") if t[-1:].isalpha()]
    if not glued:
        return _DIGIT_START
    after = "|".join(
        rf"(?<=(?<!{WORD_CLASS}){re.escape(t)})" for t in sorted(glued, key=len, reverse=True)
    )
    return f"(?:{_DIGIT_START}|{after})"


def digits_pattern(lang: Lang) -> str:
    """Digit tokens: space-grouped ("1 234 567,5"), or digits joined by separators (the
    language's own group signs too); an invisible character may sit anywhere inside; a
    leading decimal mark is read (".08")."""
    dec = re.escape(lang.option("numbers.decimal"))
    common = f".,{APOSTROPHES}{EXTRA_SEPARATORS}{SPACES}"
    own = "".join(re.escape(g) for g in lang.option("numbers.group") if g not in common)
    sep = f"[.,{APOSTROPHES}{EXTRA_SEPARATORS}{own}]"
    lead = rf"(?:(?<![\w.,{APOSTROPHES}]){dec}(?=\d))?"
    spaced = (
        rf"\d{{1,3}}(?:{_ZW}{_SPACE_SEP}{_ZW}\d{{3}})+(?:[.,٫．]\d+)?"
        rf"(?![\d{_LETTER_BEFORE}])"
    )
    joined = rf"\d+(?:{_ZW}{sep}{_ZW}\d+|[{ZERO_WIDTH}]+\d+)*"
    return rf"(?=[\d{dec}]){_digit_start(lang)}{lead}(?:{spaced}|{joined})"


def _scale_patterns(lang: Lang, scales: dict, suffix_re: str) -> list[str]:
    if not scales:
        return []
    # Scales attach to digits with no space in several scripts ("1만", "15тис.", "10k"), so no
    # leading word boundary (a scale inside a word is dropped when atoms are made); a
    # trailing "." is part of an abbreviation ("тыс.").
    scale_alt = _bare(scales, lang)
    parts = []
    if lang.option("numbers.scales_attach") or lang.option("numbers.unspaced"):
        # Korean and CJK write counters and particles straight after a scale ("1만여명",
        # "4천700명", "26만원"): a scale right after a digit, another scale or a digit and an
        # infix hedge ends there even when letters follow; so does one followed by another
        # scale or an infix hedge ("천만", "만여 명").
        infix = sorted(lang.option("numbers.infix_hedges"), key=len, reverse=True)
        behind = [r"(?<=\d)"] + [rf"(?<=\d{re.escape(h)})" for h in infix]
        behind += [f"(?<={re.escape(s)})" for s in scales]
        ahead = "|".join([scale_alt, *(re.escape(h) for h in infix)])
        parts.append(rf"(?P<sa>(?:{'|'.join(behind)}){scale_alt}|{scale_alt}(?={ahead}))")
    tail = rf"\.?(?:{suffix_re})?" if suffix_re else r"\.?"
    end = "" if lang.option("numbers.unspaced") else rf"(?!{WORD_CLASS})"
    if suffix_re:
        parts.append(rf"(?P<s>{scale_alt}{tail}{end})")
    else:
        parts.append(rf"(?P<s>{scale_alt}{end}\.?)")
    return parts


def _glued_pattern(lang: Lang, lexicon_terms: list[str], glue: list[str]) -> tuple[str, str]:
    """(whole glued number, one part): at least two parts written as one word."""
    piece = _bare([*lexicon_terms, *glue], lang)
    loose = lang.option("numbers.scales_attach") or lang.option("numbers.unspaced")
    end = "" if loose else NOT_AFTER
    # A glue word may open the glued number ("لثلاثة": for three).
    guard = first_chars([*lexicon_terms, *lower_map(lang.option("numbers.glue_words"))])
    # A glued number starts a word, or follows digits ("3백일").
    start = rf"(?:{_start(lang)}|(?<=\d))" if _start(lang) else ""
    return rf"(?P<g>{guard}{start}(?:{piece}){{2,}}{end})", piece


def _word_pattern(lang: Lang, words: dict, suffix_re: str) -> str:
    if lang.option("numbers.unspaced"):
        return f"(?P<w>{_bare(words, lang)})"
    if suffix_re:
        # Numeral + classifier ("পাঁচটি"): the suffix is optional and ends the word.
        body = f"(?:{literal_alternation(words)})"
        return rf"(?P<w>{first_chars(words)}{NOT_BEFORE}{body}(?:{suffix_re})?{NOT_AFTER})"
    return f"(?P<w>{alternation(list(words))})"


def build_lexicon(lang: Lang) -> Lexicon:
    """Compile the language's number vocabulary into one pattern (see the module doc)."""
    prefixes = lower_map(lang.option("numbers.fraction_prefixes"))
    # A fraction prefix is found where a number word is, and may be one too (सवा: 1¼).
    words = {**dict.fromkeys(prefixes, 0.0), **lower_map(lang.option("numbers.words"))}
    abbreviations = lower_map(lang.option("numbers.scale_abbreviations"))
    duals = lower_map(lang.option("numbers.dual_scales"))
    scales = {**duals, **abbreviations, **lower_map(lang.option("numbers.scales"))}
    cased = dict(lang.option("numbers.scales_cased"))
    vague = lower_map(lang.option("numbers.vague"))
    mult = lower_map(lang.option("numbers.multipliers"))
    # A hedge glued to a scale ends its written word as a classifier does (শতাধিক).
    suffixes = [*lang.option("numbers.word_suffixes"), *lang.option("numbers.glued_hedges")]
    suffix_re = literal_alternation(suffixes)
    glue_values = lower_map(lang.option("numbers.glue_words"))
    glue = [fold(g) for g in lang.option("numbers.units_tens_connectors")] + list(glue_values)
    parts = []
    for name, terms in (("nn", lang.option("numbers.not_numbers")), ("v", vague), ("m", mult)):
        if terms:
            parts.append(f"(?P<{name}>{_terms(list(terms), lang, lang.prefix)})")
    pieces = None
    if lang.option("numbers.glued_numbers") and (words or scales):
        glued, piece = _glued_pattern(lang, [*words, *scales], glue)
        parts.append(glued)
        pieces = re.compile(piece, re.IGNORECASE)
    dec = re.escape(lang.option("numbers.decimal"))
    parts.append(f"(?P<d>(?=[\\d{dec}{_SIGNS}])(?:[{_SIGNS}]|{digits_pattern(lang)}))")
    articles = lang.option("numbers.articles_as_one")
    if articles and scales:
        parts.append(f"(?P<a>{alternation(articles)}(?=\\s+{alternation(list(scales))}))")
    if cased:
        alt = literal_alternation(cased)
        parts.append(rf"(?P<sc>(?-i:{alt})(?!{WORD_CLASS}))")
    if words:
        # Before the scales: a word may start with one ("vingt et un" is 21, not vingt).
        parts.append(_word_pattern(lang, words, suffix_re))
    parts += _scale_patterns(lang, scales, suffix_re)
    word_start = _word_start_parts(
        lang,
        {
            "nn": lang.option("numbers.not_numbers"),
            "v": vague,
            "m": mult,
            "a": articles,
            "w": words,
        },
    )
    ahead = _atom_ahead(
        lang, [lang.option("numbers.not_numbers"), vague, mult, words, scales, articles, cased]
    )
    return Lexicon(
        pattern=re.compile(ahead + _inside_or_not(parts, word_start), re.IGNORECASE),
        words=words,
        scales=scales,
        cased_scales=cased,
        abbreviations=set(abbreviations) - set(lower_map(lang.option("numbers.scales"))),
        weak={fold(w) for w in lang.option("numbers.weak_words")},
        unscaled={fold(w) for w in lang.option("numbers.unscaled_words")},
        unit_scales={fold(w) for w in lang.option("numbers.unit_scales")},
        prefixes=prefixes,
        duals=set(duals),
        construct=set(duals) & set(lower_map(lang.option("numbers.scales"))),
        connectors=tuple(lang.option("numbers.connectors")),
        not_construct=_terms_re(lang.option("numbers.dual_not_before")),
        vague=vague,
        multipliers=mult,
        pieces=pieces,
        glue_values=glue_values,
        suffix_re=suffix_re,
        suffix_at=re.compile(f"(?:{suffix_re})(?!{WORD_CLASS})" if suffix_re else _NEVER),
        masks=_masks(lang),
        designators=_designators(lang),
    )


def _terms_re(terms: list[str]) -> re.Pattern:
    return re.compile(alternation(terms) if terms else _NEVER, re.IGNORECASE)


# The position follows a character that continues a word: no word starts here.
_INSIDE_WORD = f"(?<={WORD_CLASS})(?<!{UNSPACED_CLASS})"
_GROUP_NAME = re.compile(r"\(\?P<(\w+)>")


def _word_start_parts(lang: Lang, groups: dict[str, Iterable[str]]) -> set[str]:
    """The names of the parts (of `groups`: name -> terms) that match only where a word starts:
    NOT_BEFORE before every term, as no term starts with `*` or with a character other than a
    letter or digit."""
    if lang.option("numbers.unspaced"):
        return set()
    return {name for name, terms in groups.items() if terms and all(map(_starts_word, terms))}


def _starts_word(term: str) -> bool:
    core = str(term).strip()
    return not core.startswith("*") and core.strip("*")[:1].isalnum()


def _group_name(part: str) -> str:
    """The name of the group a lexicon part opens with ("" when it opens with none)."""
    m = _GROUP_NAME.match(part)
    return m[1] if m else ""


def _inside_or_not(parts: list[str], word_start: set[str]) -> str:
    """The parts in order, where a word starts; inside a word only those that can match there.

    Inside a word every part that must start one fails at its own word-start test, one after
    the other (most positions of a text are inside words): one test for all of them, and the
    same parts in the same order decide everywhere, so the atoms are the same. The parts
    inside a word carry their group names with a trailing "_" (a name may appear only once).
    """
    inside = [p for p in parts if _group_name(p) not in word_start]
    if len(inside) == len(parts):
        return f"(?:{'|'.join(parts)})"
    renamed = "|".join(_GROUP_NAME.sub(r"(?P<\1_>", p) for p in inside) or _NEVER
    return f"(?:{_INSIDE_WORD}(?:{renamed})|{NOT_BEFORE}(?:{'|'.join(parts)}))"


def _masks(lang: Lang) -> list[re.Pattern]:
    patterns = (lang.base.get("date_patterns") or []) + lang.option("numbers.date_patterns")
    return [re.compile(lang.with_months(pat), re.IGNORECASE) for pat in patterns]


def _designators(lang: Lang) -> list[re.Pattern]:
    return [re.compile(pat) for pat in lang.base.get("designator_patterns") or []]


def lexicon(lang: Lang) -> Lexicon:
    """The language's compiled lexicon, built on first use."""
    return lang.memo("numbers_lexicon", lambda: build_lexicon(lang))


def mask_spans(text: str, lex: Lexicon) -> list[tuple[int, int]]:
    """Spans of dates, times and designators, sorted. Every such shape holds a digit, so only
    the neighbourhood of digits is searched (a whole-text scan per pattern is the slow part)."""
    windows: list[list[int]] = []
    for d in _DIGIT_RUN.finditer(text):
        a, b = max(0, d.start() - _MASK_REACH), min(len(text), d.end() + _MASK_REACH)
        if windows and a <= windows[-1][1]:
            windows[-1][1] = b
        else:
            windows.append([a, b])
    spans: set[tuple[int, int]] = set()
    for a, b in windows:
        for rx in lex.masks:
            spans.update(mt.span() for mt in rx.finditer(text, a, b))
        for rx in lex.designators:
            spans.update(mt.span() for mt in rx.finditer(text, a, b) if not _scale_joined(mt, lex))
    return sorted(spans)


def _scale_joined(mt: re.Match, lex: Lexicon) -> bool:
    """A designator's letters are a scale word that ends a figure before its hyphen ("10
    ribu-12 ribu", "10 mil-12 mil": a range), not a name ("KN-23", "Hwasong-19")."""
    text, hyphen = mt.string, mt.string.find("-", mt.start(), mt.end())
    start = hyphen
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    word = fold(text[start:hyphen])
    return len(word) >= 3 and word in lex.scales and word not in lex.abbreviations


class _Masks:
    """Overlap tests against sorted spans, in text order, in amortised constant time."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        # A span may contain later ones; the running maximum of ends makes the test exact.
        self.reach: list[int] = []
        top = -1
        for _, e in spans:
            top = max(top, e)
            self.reach.append(top)
        self.starts = [s for s, _ in spans]

    def hit(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end) - 1
        return i >= 0 and self.reach[i] > start


def lex(text: str, lang: Lang) -> list[Atom]:
    """Every number atom of the text, in order."""
    lx = lexicon(lang)
    masks = _Masks(mask_spans(text, lx))
    atoms: list[Atom] = []
    for mt in lx.pattern.finditer(text):
        kind = mt.lastgroup
        if kind and kind[-1] == "_":
            kind = kind[:-1]  # a part matched inside a word (see _inside_or_not)
        start, end = mt.span()
        if kind is None or kind == "nn" or (masks.spans and masks.hit(start, end)):
            continue
        _MAKERS[kind](mt, text, atoms, lx, lang)
    return atoms


def _digits(mt: re.Match, text: str, atoms: list[Atom], lx: Lexicon, lang: Lang) -> None:
    token, start = mt.group(), mt.start()
    if _fraction(token, start, mt.end(), text, atoms) or _POWER_AFTER.match(text, mt.end()):
        return
    try:
        readings = [(0, len(token), parse_digits(token, lang))]
        flags: tuple[str, ...] = ()
    except NumberFormatError:
        # "38.5'12", "22,24,26,31": read what can be read, never fail.
        readings, flags = split_unreadable(token, lang), ("split_token",)
    for a, b, (value, more, alt) in readings:
        piece = token[a:b]
        plain = to_ascii_digits(piece).isdigit()
        atoms.append(
            Atom("d", start + a, start + b, value, flags=more + flags, alt=alt, plain=plain)
        )


def _fraction(token: str, start: int, end: int, text: str, atoms: list[Atom]) -> bool:
    """A fraction sign or "a/b" (both parts of one or two digits) made into one fraction atom;
    True when the token was one (or the denominator of the one before)."""
    if atoms and atoms[-1].category == "fraction" and atoms[-1].start < start < atoms[-1].end:
        return True  # "2" of "1/2"
    if token in _VULGAR:
        value = _VULGAR[token]
    else:
        slash = _SLASHED.match(text, end) if len(token) <= 2 and token.isdigit() else None
        if slash is None or (start and text[start - 1] in "/.,"):
            return False
        bottom = int(slash[1])
        value, end = (int(token) / bottom if bottom else 0.0), slash.end()
    atoms.append(Atom("w", start, end, float(f"{value:.12g}"), category="fraction"))
    return True


def _article(mt: re.Match, text: str, atoms: list[Atom], lx: Lexicon, lang: Lang) -> None:
    atoms.append(Atom("w", mt.start(), mt.end(), 1.0, category="article"))


def strip_suffix(tok: str, lx: Lexicon) -> str:
    """The word without a classifier or particle glued after it (পাঁচটি -> পাঁচ)."""
    if tok in lx.words or tok in lx.scales or not lx.suffix_re:
        return tok
    mt = re.search(f"(?:{lx.suffix_re})$", tok)
    return tok[: mt.start()] if mt else tok


def _scale(mt: re.Match, text: str, atoms: list[Atom], lx: Lexicon, lang: Lang) -> None:
    start, end = mt.span()
    tok = norm_ws(fold(mt.group()))
    key = tok if tok in lx.scales else tok.rstrip(".")  # "tys." is listed with its dot
    val = lx.scales.get(key)
    if val is None:
        key = strip_suffix(key, lx)
        val = lx.scales.get(key, lx.scales.get(key.rstrip(".")))
    glued = start > 0 and _WORDCH.match(text[start - 1])
    attached = atoms and atoms[-1].kind in "dws" and atoms[-1].end >= start - 1
    if key in lx.abbreviations and not attached:
        return  # "k", "bn" alone are letters
    if val is not None and (attached or not glued or lang.option("numbers.unspaced")):
        # A scale inside a word ("শ" in "মিলিশিয়া") is not a number; one glued to the atom before
        # it belongs to that atom's written word ("다스만": 만 is a particle there).
        if (
            key in lx.duals
            and not attached
            and (key not in lx.construct or _noun_at(text, end, lx))
        ):
            atoms.append(_two(start, glued=bool(atoms) and atoms[-1].end == start))
        atom = Atom("s", start, end, float(val), glued=bool(atoms) and atoms[-1].end == start)
        atom.unscaled = key in lx.unscaled
        atom.whole = key in lx.unit_scales
        atoms.append(atom)


_NEXT_WORD = re.compile(r"[ \u00a0]+(\w)")


def _noun_at(text: str, end: int, lx: Lexicon) -> bool:
    """A word follows that is no number, nor a connector glued to one: the scale before it is
    in the construct state, the dual ("مليونا قذيفة"), not the scale alone ("مليونا و500 ألف")."""
    m = _NEXT_WORD.match(text, end)
    if not m or m[1].isdigit():
        return False
    at = m.start(1)
    if lx.pattern.match(text, at) or lx.not_construct.match(text, at):
        return False
    joined = next((c for c in lx.connectors if text.startswith(c, at)), "")
    return not (joined and (text[at + len(joined) : at + len(joined) + 1].isdigit()))


def _two(at: int, glued: bool = False) -> Atom:
    """The count a dual scale carries ("ألفان": two thousands), as an empty word before it."""
    return Atom("w", at, at, 2.0, glued=glued)


def _cased_scale(mt: re.Match, text: str, atoms: list[Atom], lx: Lexicon, lang: Lang) -> None:
    # Right after a figure's digits, glued or after one space ("10M", "1,674,200.5 M").
    gap = text[atoms[-1].end : mt.start()] if atoms else "\n"
    if atoms and atoms[-1].kind == "d" and gap in ("", " ", "\u00a0"):
        atoms.append(Atom("s", mt.start(), mt.end(), float(lx.cased_scales[mt.group()])))


def _word(mt: re.Match, text: str, atoms: list[Atom], lx: Lexicon, lang: Lang) -> None:
    key = strip_suffix(norm_ws(fold(mt.group())), lx)
    if key in lx.words:
        atoms.append(_word_atom(key, mt.start(), mt.end(), lx))


def _word_atom(key: str, start: int, end: int, lx: Lexicon, glued: bool = False) -> Atom:
    value = float(lx.words[key])
    atom = Atom("w", start, end, value, _category(key, lx), glued=glued)
    atom.unscaled = key in lx.unscaled
    atom.offset = lx.prefixes.get(key)
    return atom


def _category(key: str, lx: Lexicon) -> str:
    if key in lx.prefixes and not lx.words[key]:
        return "prefix"  # साढ़े: no number alone, nor inside a figure
    if 0 < lx.words[key] < 1:
        return "fraction"  # never a figure alone
    return "weak" if key in lx.weak else ""


def _glued(mt: re.Match, text: str, atoms: list[Atom], lx: Lexicon, lang: Lang) -> None:
    """A glued number word, split into its parts (glue parts such as "und" make no atom)."""
    assert lx.pieces is not None
    start, token = mt.start(), mt.group()
    made: list[Atom] = []
    pos = 0
    for piece in lx.pieces.finditer(token):
        if piece.start() != pos:
            return  # the parts do not spell the word: not a number
        pos = piece.end()
        key = fold(piece.group())
        a, b = start + piece.start(), start + piece.end()
        if key in lx.words:
            made.append(_word_atom(key, a, b, lx, glued=True))
        elif key in lx.glue_values:
            made.append(Atom("w", a, b, float(lx.glue_values[key]), glued=True))
        elif key in lx.scales:
            if key in lx.duals and not any(m.value for m in made):
                made.append(_two(a, glued=True))  # "بألفي", "ومئتان": no number before the dual
            made.append(Atom("s", a, b, float(lx.scales[key]), glued=True))
            made[-1].unscaled = key in lx.unscaled
            made[-1].whole = key in lx.unit_scales
    if not any(m.kind == "s" or m.value for m in made):
        return  # glue alone ("بل": but) spells no number
    if (
        pos == len(token)
        and made
        and _only_glue_before(made)
        and fold(token[made[-1].start - start :]) in lx.vague
    ):
        # "وآلاف", "بملايين": "and"/"with" glued to a plural scale that also says "thousands".
        _vague_at(made[-1].start, made[-1].end, text, atoms, lx, lang)
        return
    if pos == len(token) and made:
        if len(made) > 1 and _suffix_starts_at(text, made[-1].start, made[-1].end, lx):
            made.pop()  # "칠일이다": 이 starts the copula 이다, it is no digit
        made[0].glued = False
        atoms.extend(made)


def _suffix_starts_at(text: str, start: int, end: int, lx: Lexicon) -> bool:
    if not lx.suffix_re:
        return False
    mt = lx.suffix_at.match(text, start)
    return mt is not None and mt.end() > end


def _only_glue_before(made: list[Atom]) -> bool:
    """The glued parts before the last are glue alone ("و", "ب"), no number."""
    return made[-1].kind == "s" and all(m.kind == "w" and not m.value for m in made[:-1])


def _vague(mt: re.Match, text: str, atoms: list[Atom], lx: Lexicon, lang: Lang) -> None:
    _vague_at(mt.start(), mt.end(), text, atoms, lx, lang)


def _vague_at(start: int, end: int, text: str, atoms: list[Atom], lx: Lexicon, lang: Lang) -> None:
    """A magnitude word ("thousands"), or a scale where a number or a hedge comes before it."""
    key = norm_ws(fold(text[start:end]))
    scale = lx.scales.get(key)
    gap = text[atoms[-1].end : start] if atoms else ""
    # "10 с лишним тысяч": a hedge between the number and the scale keeps the scale a scale.
    after_number = atoms and atoms[-1].kind in "dws" and (not gap.strip() or infix_kind(gap, lang))
    if scale is not None and (after_number or hedge_before(text, start, lang)[1]):
        # "3 milhões", "مائة آلاف": a plural scale after a number or a scale is a scale, not
        # "millions of"; "около тысячи": after a hedge, a word that is both means one
        # thousand, not "thousands".
        atoms.append(Atom("s", start, end, float(scale)))
        return
    category = lx.vague.get(key) or lookup_prefix(lx.vague, key) or ""
    atoms.append(Atom("v", start, end, category=category))


def _multiplier(mt: re.Match, text: str, atoms: list[Atom], lx: Lexicon, lang: Lang) -> None:
    key = norm_ws(fold(mt.group()))
    value = lx.multipliers.get(key) or lookup_prefix(lx.multipliers, key) or 2
    atoms.append(Atom("m", mt.start(), mt.end(), float(value)))


_MAKERS: dict[str, Callable[[re.Match, str, list[Atom], Lexicon, Lang], None]] = {
    "d": _digits,
    "a": _article,
    "s": _scale,
    "sa": _scale,
    "sc": _cased_scale,
    "w": _word,
    "g": _glued,
    "v": _vague,
    "m": _multiplier,
}
