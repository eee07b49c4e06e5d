"""Number-word grammar: which atoms make one figure, and its value.

One rule set for every language, switched by pack options (lang/schema.yaml, `numbers`):

* A scale multiplies everything before it that is smaller than itself: "dos mil quinientos
  millones" = (2,000 + 500) x 10^6, "1천200만" = (1,000 + 200) x 10^4, "three lakh crore" =
  3 x 10^5 x 10^7, "two dozen" = 2 x 12, "quatre-vingt" = 4 x 20 (`vingt` is a scale in French).
  A `unit_scales` scale is a unit of count, not a place: it multiplies the whole figure before
  it ("üç yüz iki düzine" = 302 x 12).
  Scales after that step down ("million ... thousand ... hundred"); a scale that does not
  ("two hundred and three hundred") ends the figure before the words it would multiply.
* Words add when tens precede units ("vinte e sete", "fifty-two", "soixante-quinze", "스물여섯"),
  a zero fills a place ("一千零五"), a fraction follows a whole ("two and a half million"), and a
  `units_tens_connectors` word joins a unit to the tens after it ("einundzwanzig"); two units in
  a row are two figures ("일이" is not 3). A word listed as several joiners is tried as each in
  turn (Arabic "و": "خمسة وعشرون" = 5 + 20, "ألف و500" = 1,000 + 500).
* Digits follow a scale when `compound_digit_scales` is on ("1만5000", "2 mil 500", "4 thousand
  3 hundred"), or after a connector ("3 hundred and 21"), and must be smaller than that scale.
* `connectors` ("and", "e") join words inside a figure; `list_connectors` ("와", "과") join a
  following figure only when it is smaller than the last scale ("이십일조와 삼백" is one figure,
  "이백과 이천" two); a `point_words` word reads the words after it as decimals ("two hundred
  point zero three" = 200.03, "one-point-six million" = 1.6 x 10^6).
* A `fraction_prefixes` word adds its fraction to the whole right after it, which the scale then
  multiplies ("साढ़े तीन हजार" = 3.5 x 1,000, "पौने दो लाख" = 1.75 x 10^5); one that takes no whole
  ("साढ़े हजार") leaves the figure it touches unread. A `dual_scales` word is two of its scale
  (lexer.py gives it an empty word "2"): "مئتا ألف" = 2 x 100 x 1,000.
* Alone, weak words and articles ("one", "a", "한") are not figures, nor is a scale word when
  `lone_scales` is off (unless a hedge precedes it: "rund tausend"), nor a part of a glued word
  whose start made no figure ("사이").
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from dprkwatch.lang.packs import Lang, literal_alternation
from dprkwatch.numbers.hedges import glued_kind, hedge_before, infix_kind
from dprkwatch.numbers.lexer import Atom

_NEVER = re.compile("(?!x)x")
_PLAIN = " \u00a0\u202f\u2009-‐‑"
# Arabic vowel signs that end a number word ("وواحدُ وستون"): part of the word, not of the gap.
_MARKS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652"


@dataclass(slots=True)
class Phrase:
    """Atoms that make one figure (or one magnitude or multiplier word), and its value."""

    atoms: list[Atom]
    value: float | None = None  # None: not a figure alone ("one", "a")
    has_scale: bool = False
    total: float = 0.0  # what the atoms add up to, figure or not

    @property
    def start(self) -> int:
        """Offset of the first atom."""
        return self.atoms[0].start

    @property
    def end(self) -> int:
        """Offset after the last atom."""
        return self.atoms[-1].end

    @property
    def kind(self) -> str:
        """The first atom's kind: d, w or s (a figure), v (magnitude) or m (multiplier)."""
        return self.atoms[0].kind


@dataclass
class Grammar:
    """A language's joining words and grammar switches, compiled once."""

    connector: re.Pattern
    list_connector: re.Pattern
    units_tens: re.Pattern
    point: re.Pattern
    compound_digits: bool
    lone_scales: bool
    myriad: bool
    abbreviated_places: bool
    lang: Lang
    terminators: str = "."


def _gap_re(terms: list[str], dashes: bool = False) -> re.Pattern:
    if not terms:
        return _NEVER
    alt = literal_alternation(terms)
    dash = r"-?\s*" if dashes else ""
    return re.compile(rf"^\s*{dash}(?:{alt})\s*{dash}$", re.IGNORECASE)


def build_grammar(lang: Lang) -> Grammar:
    """Compile the language's grammar switches (see the module doc)."""
    return Grammar(
        connector=_gap_re(lang.option("numbers.connectors")),
        list_connector=_gap_re(lang.option("numbers.list_connectors")),
        units_tens=_gap_re(lang.option("numbers.units_tens_connectors")),
        point=_gap_re(lang.option("numbers.point_words"), dashes=True),
        compound_digits=lang.option("numbers.compound_digit_scales"),
        lone_scales=lang.option("numbers.lone_scales"),
        myriad=lang.option("numbers.myriad"),
        abbreviated_places=lang.option("numbers.abbreviated_places"),
        lang=lang,
        terminators=lang.option("sentences")["terminators"],
    )


def grammar(lang: Lang) -> Grammar:
    """The language's compiled grammar, built on first use."""
    return lang.memo("numbers_grammar", lambda: build_grammar(lang))


def gap_kind(gap: str, g: Grammar) -> str | None:
    """How the text between two atoms joins them: plain, infix, point, units_tens,
    connector or list (None: it does not)."""
    kinds = gap_kinds(gap, g)
    return kinds[0] if kinds else None


def gap_kinds(gap: str, g: Grammar) -> tuple[str, ...]:
    """Every way the gap may join two atoms, first the one tried first.

    One word may be listed as several joiners: Arabic "و" joins a unit to the tens after it
    ("خمسة وعشرون" = 25) and digits to a scale before them ("ألف و500" = 1,500).
    """
    if not gap.strip(_PLAIN):
        return ("plain",) if "\n" not in gap else ()
    if "\n" in gap:
        return ()
    if infix_kind(gap, g.lang):
        return ("infix",)
    joiners = (
        ("point", g.point),
        ("units_tens", g.units_tens),
        ("connector", g.connector),
        ("list", g.list_connector),
    )
    return tuple(kind for kind, rx in joiners if rx.match(gap))


@dataclass(slots=True)
class _State:
    """The figure built so far: groups (scale, value) with falling scales, and the current
    multiplier `cur` that the next scale will take."""

    last: Atom  # the atom pushed last (the first one when the state is made)
    groups: list[tuple[float, float]] = field(default_factory=list)
    cur: float = 0.0
    run_start: int = -1  # index of the atom that started `cur`
    has_scale: bool = False
    point: bool = False
    # A fraction right after a scale ("un milione e mezzo"): of that scale if the figure ends
    # there, multiplied by the next scale if one follows ("e mezzo milione").
    fraction_of: float = 0.0

    def smallest(self) -> float:
        return self.groups[-1][0] if self.groups else math.inf

    def total(self) -> float:
        cur = self.cur * self.fraction_of if self.fraction_of else self.cur
        return sum(v for _, v in self.groups) + cur

    def doubles(self, scale: float) -> bool:
        """ "万万", "thousand thousand": a scale written twice in a row multiplies itself."""
        last = self.last
        return (
            bool(self.groups and not self.cur and last.kind == "s" and last.value == scale)
            and self.groups[-1][0] == scale
        )

    def collapse(
        self, scale: float, whole: bool = False
    ) -> tuple[float, list[tuple[float, float]]]:
        """What a scale multiplies (everything smaller than it; all of it for a unit of count)
        and the groups that remain."""
        if whole:
            return self.total(), []
        below = self.cur + sum(v for s, v in self.groups if s < scale)
        return below, [g for g in self.groups if g[0] >= scale]

    def push(self, a: Atom, index: int) -> None:
        if a.kind == "s":
            if self.doubles(a.value):
                scale, value = self.groups.pop()
                self.groups.append((scale * a.value, value * a.value))
            else:
                below, keep = self.collapse(a.value, a.whole)
                self.groups = [*keep, (a.value, (below or 1.0) * a.value)]
            self.cur, self.has_scale, self.fraction_of = 0.0, True, 0.0
        else:
            if a.category == "fraction" and self.cur == 0 and self.last.kind == "s":
                self.fraction_of = self.last.value
            elif self.cur == 0 and a.category != "fraction":
                self.run_start = index
            self.cur += a.value
        self.last = a


def _accept_digits(st: _State, a: Atom, gap: str, g: Grammar) -> bool:
    if st.point or st.cur or gap not in ("plain", "connector") or not st.groups:
        return False
    # After a scale, or after a zero that fills a place ("2千零30万").
    if st.last.kind != "s" and not (st.last.kind == "w" and st.last.value == 0):
        return False
    return a.value < st.smallest() and (g.compound_digits or gap == "connector")


def _accept_word(st: _State, a: Atom, gap: str, g: Grammar) -> bool:
    v, last = a.value, st.last
    if st.point or a.category in ("article", "prefix") or v >= st.smallest():
        return False
    if a.category == "fraction":
        if st.cur == 0 and last.kind == "s" and gap in ("plain", "connector"):
            return not st.fraction_of  # "a million and a half", "tres millones y medio"
        return gap in ("plain", "connector", "units_tens") and 0 < st.cur == int(st.cur)
    if gap == "units_tens":
        return last.kind == "w" and 0 < st.cur < 10 and v % 10 == 0 and 20 <= v < 100
    if gap not in ("plain", "connector", "list"):
        return False
    if st.cur == 0:
        return True
    if last.kind != "w":
        return False
    return last.value == 0 or _tens_then_units(last.value, v)


def _tens_then_units(tens: float, v: float) -> bool:
    """ "fifty-two", "trezentos e quarenta", "soixante-quinze": a round number, then a
    smaller one that fits in its last place (a teen fits after any tens)."""
    if tens < 10 or tens != int(tens) or v != int(v) or v >= tens:
        return False
    place = 10 ** (len(str(int(tens))) - len(str(int(tens)).rstrip("0")))
    return place >= 10 and (v < place or (place == 10 and v < 20))


def _accept_scale(st: _State, a: Atom, gap: str, g: Grammar) -> bool:
    if gap not in ("plain", "infix") or (st.last.unscaled and st.last.end == a.start):
        return False
    if st.doubles(a.value):
        return gap == "plain" and st.last.end == a.start
    below, keep = st.collapse(a.value, a.whole)
    if g.myriad and not a.whole and a.value < 10_000 and below >= 10:
        return False  # 十, 百, 千 take one digit: 五十千 is no 50,000 (a dozen takes all: 五十打)
    return not keep or keep[-1][0] > a.value


_ACCEPT: dict[str, Callable[[_State, Atom, str, Grammar], bool]] = {
    "d": _accept_digits,
    "w": _accept_word,
    "s": _accept_scale,
}


def phrases(text: str, atoms: list[Atom], lang: Lang) -> list[Phrase]:
    """The figures (and magnitude and multiplier words) that the atoms make, in order."""
    g = grammar(lang)
    out: list[Phrase] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        if a.kind in "vm":
            out.append(Phrase([a]))
            i += 1
            continue
        if a.glued:  # the rest of a written word whose start made no figure
            i += 1
            continue
        ph, i = _grow(text, atoms, i, g)
        if _keep(text, ph, atoms, i, g):
            out.append(ph)
    return out


def _grow(
    text: str, atoms: list[Atom], i: int, g: Grammar, stop: int | None = None, lists: bool = True
) -> tuple[Phrase, int]:
    """The longest figure starting at atoms[i], and the index after it."""
    stop = len(atoms) if stop is None else stop
    first, offset = i, 0.0
    if atoms[i].offset is not None:
        if _prefixes(text, atoms, i, stop):
            offset, i = atoms[i].offset or 0.0, i + 1
        elif atoms[i].category == "prefix":
            return _unread(text, atoms, i, g, stop)
    st = _State(atoms[i])
    st.push(atoms[i], i)
    st.cur += offset
    j = i + 1
    while j < stop:
        b = atoms[j]
        if _new_sentence(text, b, g) or _opens_a_compound(text, b):
            break
        gap = text[atoms[j - 1].end : b.start].lstrip(_MARKS)
        kinds = gap_kinds(gap, g) if b.kind in _ACCEPT else ()
        k, kind = j, kinds[0] if kinds else None
        for kind in kinds:
            k = _join(text, atoms, j, st, g, kind, lists)
            if k != j:
                break
        if k == j:
            if b.kind == "s" and kind in ("plain", "infix") and i < st.run_start < j and st.cur:
                # "two hundred and three hundred": the clash ends the figure before "three".
                return _grow(text, atoms, first, g, st.run_start, lists)
            break
        j = k
    return _finish(atoms[first:j], st, g), j


def _new_sentence(text: str, b: Atom, g: Grammar) -> bool:
    """A capitalised number word after a terminator starts the next sentence ("około 10 tys.
    Jeden pocisk"): within a figure, number words are never capitalised."""
    before = text[: b.start].rstrip()
    return bool(before) and before[-1] in g.terminators and text[b.start : b.start + 1].isupper()


def _opens_a_compound(text: str, b: Atom) -> bool:
    """Digits joined by a hyphen to the letters after them make a word of their own ("14 tys.
    41-letni Kim", "14 thousand 41-year-old"): an age or a name, never the end of a figure."""
    return (
        b.kind == "d" and text[b.end : b.end + 1] == "-" and text[b.end + 1 : b.end + 2].isalpha()
    )


def _unread(text: str, atoms: list[Atom], i: int, g: Grammar, stop: int) -> tuple[Phrase, int]:
    """A fraction prefix that takes no whole ("साढ़े हजार", "साढ़े 3000"): the figure it
    touches is not read, as what the prefix adds to it is unknown."""
    j = i + 1
    if j < stop and not text[atoms[i].end : atoms[j].start].strip(_PLAIN):
        j = _grow(text, atoms, j, g, stop)[1]
    return Phrase(atoms[i:j]), j


def _prefixes(text: str, atoms: list[Atom], i: int, stop: int) -> bool:
    """A fraction prefix takes the whole right after it: a unit or tens word or plain digits
    below a hundred ("साढ़े तीन हजार" = 3½ thousand, "पौने 2 लाख" = 1¾ lakh)."""
    if i + 1 >= stop:
        return False
    b = atoms[i + 1]
    gap = text[atoms[i].end : b.start]
    return (
        b.kind in "dw"
        and b.category == ""
        and (b.kind == "w" or b.plain)
        and 1 <= b.value < 100
        and b.value == int(b.value)
        and not gap.strip(_PLAIN)
        and "\n" not in gap
    )


def _join(
    text: str, atoms: list[Atom], j: int, st: _State, g: Grammar, kind: str, lists: bool
) -> int:
    """The index after atoms[j] joined to the figure through a gap of `kind` (j: not joined)."""
    if kind == "point":
        return _fraction(text, atoms, j, st, g)
    if kind == "list":
        return _join_smaller(text, atoms, j, st, g) if lists else j
    if _ACCEPT[atoms[j].kind](st, atoms[j], kind, g):
        st.push(atoms[j], j)
        return j + 1
    return j


def _finish(atoms: list[Atom], st: _State, g: Grammar) -> Phrase:
    total = st.total()
    if g.abbreviated_places and _abbreviated(atoms, st):
        # "二百五" is 250, "一万三" 13,000: a last digit after a scale counts a place lower.
        total += st.cur * (st.smallest() / 10 - 1)
    weak = all(a.kind == "w" and a.category in ("weak", "article", "fraction") for a in atoms)
    value = None if weak or not math.isfinite(total) else float(f"{total:.15g}")
    return Phrase(atoms, value, st.has_scale, total)


def _abbreviated(atoms: list[Atom], st: _State) -> bool:
    if len(atoms) < 2 or st.point or st.fraction_of:
        return False
    last, before = atoms[-1], atoms[-2]
    return (
        last.kind == "w"
        and 0 < last.value < 10
        and before.kind == "s"
        and before.value >= 100
        and st.cur == last.value
    )


def _keep(text: str, ph: Phrase, atoms: list[Atom], nxt: int, g: Grammar) -> bool:
    if ph.value is None:
        return False
    if len(ph.atoms) == 1 and ph.kind == "s" and not g.lone_scales:
        return hedge_before(text, ph.start, g.lang)[1] is not None  # "rund tausend"
    # A figure cut off inside a written word is no figure when it is one part only ("천|천히").
    return not (len(ph.atoms) == 1 and nxt < len(atoms) and atoms[nxt].glued)


def _join_smaller(text: str, atoms: list[Atom], j: int, st: _State, g: Grammar) -> int:
    """After a list connector, join the next figure when it is smaller than the last scale."""
    if not st.groups or st.cur or st.point:
        return j
    sub, k = _grow(text, atoms, j, g, lists=False)
    if sub.value is None or sub.value >= st.smallest():
        return j
    if any(a.whole for a in sub.atoms):
        # "三百と二ダース" = 324: a unit of count multiplies its own figure (two dozen), not
        # the figure before the connector.
        st.groups.append((1.0, sub.value))
        st.last = sub.atoms[-1]
        return k
    for n, a in enumerate(sub.atoms):
        gap = "list" if n == 0 else gap_kind(text[sub.atoms[n - 1].end : a.start], g) or ""
        if not _ACCEPT[a.kind](st, a, gap, g):
            return j
        st.push(a, j + n)
    return k


def _fraction(text: str, atoms: list[Atom], j: int, st: _State, g: Grammar) -> int:
    """Words after a spoken decimal point, read as digits: "point zero three" = .03,
    "vírgula vinte e oito" = .28, "점 칠일" = .71. A scale after them scales the whole."""
    if st.point or st.last.kind == "d":
        return j
    digits, k = "", j
    while k < len(atoms) and atoms[k].kind in "ws" and atoms[k].category in ("", "weak"):
        if k > j and gap_kind(text[atoms[k - 1].end : atoms[k].start], g) not in (
            "plain",
            "connector",
        ):
            break
        if atoms[k].value == 0:
            digits, k = digits + "0", k + 1
            continue
        sub, end = _grow(text, atoms, k, g, lists=False)
        while end > k + 1 and atoms[end - 1].kind == "s":
            end -= 1  # "point six million": the scale is the whole figure's
        if atoms[end - 1].kind == "s":
            break  # a scale alone after the point scales the figure, it is no decimal
        sub, end = _grow(text, atoms, k, g, end, lists=False)
        digits, k = digits + str(int(sub.total)), end
    if not digits:
        return j
    whole = st.total() + float("0." + digits)
    st.groups, st.cur, st.point, st.last = [], whole, True, atoms[k - 1]
    return k


def infix_qualifier(text: str, ph: Phrase, lang: Lang) -> str:
    """The qualifier a hedge inside the figure gives ("940여만": approx, "৩ সহস্রাধিক":
    at_least), or exact."""
    for a, b in zip(ph.atoms, ph.atoms[1:], strict=False):
        kind = infix_kind(text[a.end : b.start], lang)
        if kind:
            return kind
    # Glued to any of its words: "৩ সহস্রাধিক" (the scale), "পাঁচেক হাজার" (the number before it).
    kinds = (glued_kind(text[a.start : a.end], lang) for a in reversed(ph.atoms))
    return next((k for k in kinds if k), "exact")
