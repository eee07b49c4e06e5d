"""What one figure states: a total, an increment or a rate (``measure``), and its date (``as_of``).

Both read the figure's own sentence with the language pack's ``timing`` words
(lang/schema.yaml); no language is named in code.

- measure: the measure cue nearest the figure (before it or after it, at most
  ``timing.measure_gap_words`` words away, no ``measure_gap_breakers`` word between) decides:
  "an additional 3,000" is an increment, "5,000 shells a day" a rate, "a total of 14,000" a
  total; a figure with no cue is a total. A figure whose unit is already per period (USD/hour,
  hours/day) states a level, so it is a total.
- as_of: the stated date nearest the figure in its sentence ("as of April", "in January",
  "by the end of 2024"), resolved against the publication date: a month without a year is the
  latest such month not after publication; a month or a year stands for its last day; no date
  after publication (a source cannot speak of a later state). A date that starts a period
  ("since October", "10월 이후") is skipped: the running total stands as of publication. No
  stated date: the publication date; neither: None (undated). A date counted back from
  publication (``timing.relative_dates``: "last year" ends the year before, "a year earlier" is
  a year before publication) is a stated date too, and no rate ("15,000 a year earlier").
  A date past a comparison ("1 million this year, up from 500,000 in 2023") is the compared
  figure's, not the figure's before it (``barriers``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from dprkwatch.extract.text import CLAUSE_OR_COLON
from dprkwatch.lang.packs import Lang, alternation, get_lang, whole_pattern

MEASURES = ("total", "increment", "rate")
# On a tie of distance, an explicit total beats an increment, which beats a rate.
_RANK = {m: i for i, m in enumerate(MEASURES)}
# How far around a figure its cues and dates are looked for, in characters.
_WINDOW = 160
_NEVER = re.compile("(?!x)x")
_GAP_WORD = r"[^\s,;:.!?()\"“”«»]+"
_DATE_PARTS = ("year", "month", "day")
_YEARS = range(1900, 2101)


@dataclass(frozen=True)
class _Timing:
    """A language's timing words, compiled once."""

    before: dict[str, re.Pattern]
    after: dict[str, re.Pattern]
    breakers: re.Pattern
    dates: tuple[re.Pattern, ...]
    month_plain: dict[str, int]
    month_wild: tuple[tuple[re.Pattern, int], ...]
    since_before: re.Pattern
    since_after: re.Pattern
    rate_opener: re.Pattern  # a rate word opening a clause (timing.rate_opens_clause)
    relative: tuple[tuple[str, re.Pattern], ...] = ()  # timing.relative_dates: kind, pattern


@dataclass(frozen=True)
class StatedDate:
    """A date written in a sentence: offsets of its core, its parts, and whether it starts a period."""

    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None
    since: bool
    back: str = ""  # counted back from publication: previous_year | year_ago (relative_dates)


def _timing(lang: Lang) -> _Timing:
    return lang.memo("timing", lambda: _build(lang))


def _build(lang: Lang) -> _Timing:
    t = lang.option("timing")
    gap = t["measure_gap_words"]

    def alt(terms: list[str]) -> str:
        return alternation(terms, lang.prefix)

    def ending(terms: list[str]) -> re.Pattern:
        words = rf"(?P<gap>(?:\s+{_GAP_WORD}){{0,{gap}}})"
        return re.compile(rf"{alt(terms)}{words}\s*$", re.IGNORECASE) if terms else _NEVER

    def starting(terms: list[str]) -> re.Pattern:
        words = rf"(?P<gap>(?:{_GAP_WORD}\s+){{0,{gap}}})"
        return re.compile(rf"^\s*{words}{alt(terms)}", re.IGNORECASE) if terms else _NEVER

    def anywhere(terms: list[str]) -> re.Pattern:
        return re.compile(alt(terms), re.IGNORECASE) if terms else _NEVER

    months = t["months"]
    plain = {_norm(k): int(v) for k, v in months.items() if "*" not in k}
    wild = tuple(
        (re.compile(whole_pattern(k), re.IGNORECASE), int(v))  # only ever fullmatched
        for k, v in months.items()
        if "*" in k
    )
    month_alt = alternation(list(months), False) if months else "(?!x)x"
    since = t["period_start"]
    return _Timing(
        before={m: ending(t["measure_before"].get(m, [])) for m in MEASURES},
        after={m: starting(t["measure_after"].get(m, [])) for m in MEASURES},
        breakers=anywhere(t["measure_gap_breakers"]),
        dates=tuple(
            re.compile(p.replace("{months}", month_alt), re.IGNORECASE) for p in t["date_patterns"]
        ),
        month_plain=plain,
        month_wild=wild,
        since_before=re.compile(rf"{alt(since['before'])}\s*$", re.IGNORECASE)
        if since.get("before")
        else _NEVER,
        since_after=re.compile(rf"^\s*{alt(since['after'])}", re.IGNORECASE)
        if since.get("after")
        else _NEVER,
        rate_opener=re.compile(
            rf"^[\s\"“”«»„'‘(]*{alt(t['measure_before']['rate'])}(?P<rest>.*)$",
            re.IGNORECASE | re.DOTALL,
        )
        if t["rate_opens_clause"] and t["measure_before"].get("rate")
        else _NEVER,
        relative=tuple(
            (kind, re.compile(alt(terms), re.IGNORECASE))
            for kind, terms in t["relative_dates"].items()
            if terms
        ),
    )


def _norm(s: str) -> str:
    return " ".join(s.lower().split())


# --------------------------------------------------------------------------- measure


def measure_of(
    text: str, sentence: tuple[int, int], figure: tuple[int, int], lang: Lang | str, unit: str = ""
) -> str:
    """``total``, ``increment`` or ``rate`` for the figure at ``figure`` (start, end) of ``text``.

    sentence: the (start, end) of the figure's sentence; cues never cross it.
    unit: the claim's unit; a per-period unit (USD/hour, hours/day) makes the figure a level.
    """
    if "/" in unit:
        return "total"
    t = _timing(_lang(lang))
    start, end = figure
    left = _without_relative(text[max(sentence[0], start - _WINDOW) : start], t)
    right = _without_relative(text[end : min(sentence[1], end + _WINDOW)], t)
    best = ("total", _WINDOW)
    for measure in MEASURES:
        for rx, side in ((t.before[measure], left), (t.after[measure], right)):
            m = rx.search(side)
            if m is None or t.breakers.search(m.group("gap")):
                continue
            words = len(m.group("gap").split())
            if (words, _RANK[measure]) < (best[1], _RANK[best[0]]):
                best = (measure, words)
    if best == ("total", _WINDOW) and _rate_opens_clause(left, start - len(left) == sentence[0], t):
        return "rate"
    return best[0]


def _without_relative(window: str, t: _Timing) -> str:
    """The window with dates counted back from publication blanked: "a year earlier", "l'an
    dernier" say when, not how often ("15,000 a year earlier" is no rate)."""
    for _, rx in t.relative:
        window = rx.sub(lambda m: " " * len(m.group()), window)
    return window


def _rate_opens_clause(left: str, at_sentence_start: bool, t: _Timing) -> bool:
    """A rate word opens the figure's clause, alone or as a clause of its own before it.

    "Ogni mese la Corea del Nord invia 500.000 proiettili", "Every month, North Korea ships
    500,000 shells": the rate holds for the whole clause, however far its figure stands.
    """
    if t.rate_opener is _NEVER:
        return False
    parts = CLAUSE_OR_COLON.split(left)
    if len(parts) == 1 and not at_sentence_start:
        return False  # the window does not reach back to where the clause starts
    if t.rate_opener.match(parts[-1]):
        return True
    if len(parts) < 2 or (len(parts) == 2 and not at_sentence_start):
        return False
    m = t.rate_opener.match(parts[-2])  # "Every month, North Korea ships ..."
    return m is not None and not m.group("rest").strip(" \"”»'’)")


def adds_to_total(quote: str, lang: Lang | str) -> str:
    """How a sentence adds an increment to a total: ``result`` ("bringing the total to"),
    ``base`` ("in addition to the 11,000") or "" (it does not say)."""
    pack = _lang(lang)
    # Only these few patterns are needed here: compiled apart from the rest of the timing words.
    adds_to = pack.memo("timing.adds_to", lambda: _adds_to(pack))
    for kind in ("result", "base"):
        rx = adds_to.get(kind)
        if rx is not None and rx.search(quote):
            return kind
    return ""


def _adds_to(lang: Lang) -> dict[str, re.Pattern]:
    groups = lang.option("timing.adds_to")
    return {
        k: re.compile(alternation(v, lang.prefix), re.IGNORECASE) for k, v in groups.items() if v
    }


# --------------------------------------------------------------------------- as_of


def as_of(
    text: str,
    sentence: tuple[int, int],
    figure: tuple[int, int],
    published: dt.date | None,
    lang: Lang | str,
    dates: list[StatedDate] | None = None,
    barriers: tuple[int, ...] = (),
    others: tuple[int, ...] = (),
) -> dt.date | None:
    """The date the figure at ``figure`` refers to (see the module docstring); None: undated.

    dates: the sentence's ``stated_dates``, when the caller has them (one search per sentence,
    not per figure). barriers: where comparisons start in the text ("up from", "contre"): a
    date with one between it and the figure belongs to the other side of the comparison.
    others: where the sentence's other figures start: a date counted back from publication
    ("15,000 a year earlier") is only the figure's it stands nearest, with no figure between.
    """
    pub = _day(published)
    a, b = sentence
    start, end = figure[0] - a, figure[1] - a
    walls = [p - a for p in barriers]
    best: tuple[int, dt.date] | None = None
    for d in dates if dates is not None else stated_dates(text[a:b], lang):
        if d.since or any(end <= w < d.start or d.end <= w < start for w in walls):
            continue
        if d.back and any(end <= o - a < d.start or d.end <= o - a < start for o in others):
            continue
        when = resolve(d, pub)
        if when is None:
            continue
        distance = max(d.start - end, start - d.end, 0)
        if best is None or distance < best[0]:
            best = (distance, when)
    return best[1] if best is not None else pub


def stated_dates(sentence: str, lang: Lang | str) -> list[StatedDate]:
    """Every date written in ``sentence`` by the pack's patterns, longest first where they overlap."""
    t = _timing(_lang(lang))
    found = []
    for rx in t.dates:
        for m in rx.finditer(sentence):
            parts = {k: m.group(k) for k in _DATE_PARTS if k in rx.groupindex and m.group(k)}
            if parts:
                found.append((m, parts))
    found.sort(key=lambda x: (x[0].start(), -(x[0].end() - x[0].start())))
    out: list[StatedDate] = []
    taken_until = -1
    for m, parts in found:
        if m.start() < taken_until:
            continue
        taken_until = m.end()
        date = _stated(sentence, m, parts, t)
        if date is not None:
            out.append(date)
    for kind, rx in t.relative:
        out.extend(
            StatedDate(m.start(), m.end(), None, None, None, _since(sentence, *m.span(), t), kind)
            for m in rx.finditer(sentence)
            if not any(d.start < m.end() and m.start() <= d.end + _JOINED for d in out)
        )
    return out


# A date counted back this close after a stated date is part of it ("October of last year").
_JOINED = 4


def _since(sentence: str, start: int, end: int, t: _Timing) -> bool:
    """The date from `start` to `end` starts a period (timing.period_start before or after it)."""
    return bool(
        t.since_before.search(sentence[max(0, start - 40) : start])
        or t.since_after.search(sentence[end : end + 40])
    )


def _stated(sentence: str, m: re.Match, parts: dict[str, str], t: _Timing) -> StatedDate | None:
    core_start = min(m.start(k) for k in parts)
    core_end = max(m.end(k) for k in parts)
    year = _digits(parts.get("year"))
    month = _month(parts.get("month"), t)
    day = _digits(parts.get("day"))
    if "month" in parts and month is None:
        return None
    if year is not None and year not in _YEARS:
        return None
    since = _since(sentence, core_start, m.end(), t)
    return StatedDate(core_start, core_end, year, month, day, since)


def _digits(text: str | None) -> int | None:
    if not text:
        return None
    digits = "".join(ch for ch in text if ch.isdigit())
    return int(digits) if digits else None


def _month(text: str | None, t: _Timing) -> int | None:
    if not text:
        return None
    number = _digits(text)
    if number is not None:
        return number if 1 <= number <= 12 else None
    key = _norm(text)
    if key in t.month_plain:
        return t.month_plain[key]
    for rx, value in t.month_wild:
        if rx.fullmatch(text):
            return value
    return None


def document_day(text: str, lang: Lang | str) -> dt.date | None:
    """The latest full date (year, month and day) the text states: when an undated document
    was written, near enough to tell which office a person then held."""
    full = (d for d in stated_dates(text, lang) if d.year and d.month and d.day and not d.back)
    return max(filter(None, (resolve(d, None) for d in full)), default=None)


def resolve(date: StatedDate, published: dt.date | None) -> dt.date | None:
    """The calendar day a stated date stands for, given the publication day (see module doc)."""
    if date.back:
        return _counted_back(date.back, published)
    year, month, day = date.year, date.month, date.day
    if month is None:
        if year is None:
            return None
        when = dt.date(year, 12, 31)
    else:
        if year is None:
            if published is None:
                return None
            # The latest such month (or day) not after publication.
            later = (month, day or 1) > (published.month, published.day)
            year = published.year - 1 if later else published.year
        last = calendar.monthrange(year, month)[1]
        if day is not None and not 1 <= day <= last:
            return None
        when = dt.date(year, month, day or last)
    return min(when, published) if published is not None else when


def _counted_back(kind: str, published: dt.date | None) -> dt.date | None:
    """'last year': the last day of the year before publication; 'a year earlier': a year
    before publication (28 February for a 29th). None with no publication date."""
    if published is None:
        return None
    if kind == "previous_year":
        return dt.date(published.year - 1, 12, 31)
    day = min(published.day, calendar.monthrange(published.year - 1, published.month)[1])
    return dt.date(published.year - 1, published.month, day)


def _day(value: object) -> dt.date | None:
    """A publication date as a plain date (None for missing values of any kind)."""
    if value is None or value != value:  # None, NaN, NaT
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None


def _lang(lang: Lang | str) -> Lang:
    return lang if isinstance(lang, Lang) else get_lang(lang or "und")
