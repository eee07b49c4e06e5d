"""The classifier: an ordered list of small named rules, each looking at one figure in context.

A rule returns a Decision (accept with an indicator and unit, or reject with a reason and the
words that decided) or None to pass the figure on. Some rules only read the context for the
rules after them (the counted noun, the event) and always pass. The first decision wins; a
figure no rule accepts is rejected by the last one. `dprkwatch extract --explain` prints, for
every figure, the rule that decided and why.

All words come from the language pack (cues.py); no rule branches on a language.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace

from dprkwatch.core.vocabulary import vocabulary
from dprkwatch.extract.cues import (
    EVENTS,
    PERSON_NOUNS,
    Cues,
    fighting_sides,
    other_party_subject,
    owned_by,
    party_has,
)
from dprkwatch.extract.sentence import FAR, Sentence, lead
from dprkwatch.extract.sources import lexicon_of
from dprkwatch.extract.text import (
    CLAUSE_BREAK,
    NEVER,
    TOUCHING,
    last_match,
    nearest,
    resolve,
    words_between,
)
from dprkwatch.lang.packs import UNSPACED_CLASS, Lang, literal_alternation
from dprkwatch.numbers import Quantity, currency_of_sum
from dprkwatch.numbers.hedges import hedges, qualified
from dprkwatch.numbers.terms import fold

# How far a counted noun may stand from its figure, in words between them.
NOUN_GAP_WORDS = 4
# "the number of North Korean troops in Russia has reached 15,000": words allowed between.
COUNT_LINK_WORDS = 8
# "les pertes nord-coréennes s'élèvent à 4 700 hommes": a figure that names its soldiers takes a
# casualty event joined to it only from this close (further back it is another clause's).
EVENT_LINK_WORDS = 2
# How close an event after a figure stands to be the figure's own over one joined before it.
OWN_EVENT_WORDS = 1
# A production word this close to a shell or missile figure makes it an output, not a supply.
PRODUCTION_NEAR_CHARS = 40
# A firing word this close to a shell or missile figure makes it what was used, not supplied.
FIRED_NEAR_CHARS = 60
# Where adjectives follow the noun, how far past it North Korea may be named in its phrase.
GENITIVE_NK_CHARS = 20
# How far apart "killed" and "wounded" may stand to be read as one figure of both.
EVENT_PAIR_CHARS = 24
# Words after the last comma before a figure that make a clause of its own (subject and verb).
OWN_CLAUSE_WORDS = 2
# The words a rule sees on each side of a figure, in characters.
BEFORE_CHARS, AFTER_CHARS = 80, 120


Prior = tuple[str, str] | None  # (indicator, unit) an earlier figure counted


@dataclass
class Figure:
    """One figure and what surrounds it; the context rules fill in `noun` and `event`."""

    text: str
    q: Quantity
    sent: Sentence  # shared by every figure of the sentence: searched once, not per figure
    cues: Cues
    doc_nk: bool  # the title or lead names North Korea
    prior: Prior  # what the previous figure of the sentence counted
    prior_any: Prior  # what the previous figure of the document counted
    prior_before: Prior  # what the last figure of the sentences before counted
    prior_sending: Prior  # the last people sent in the sentences before
    before: str
    after: str
    next_start: int  # where the next figure starts (or the end of the text)
    prev_end: int = 0  # where the previous figure ends (or 0)
    next_end: int = 0  # where the next figure ends (or the end of the text)
    noun: str | None = None
    noun_match: re.Match[str] | None = None
    event: str | None = None
    event_word: str = ""  # the words of the event, as written
    # The figure before it in its sentence counted something and is no claim ("fired 10,000
    # shells a day"): a back-reference to it ("down from 20,000") restates no claim either.
    after_no_claim: bool = False
    counts_other: bool = False  # it counts what the ledger does not track ("14 civilians")

    @property
    def lead(self) -> str:
        """The sentence up to the figure (its last SUBJECT_WINDOW_CHARS)."""
        return lead(self.text, self.sent.start, self.q.start)

    def in_view(self, rx: re.Pattern[str]) -> bool:
        """`rx` occurs in the figure's sentence or the one before it."""
        return self.sent.has(rx) or self.sent.has_before(rx)

    def nk_in_view(self) -> bool:
        """North Korea is the subject: of the article, the sentence or the one before it."""
        return self.doc_nk or self.in_view(self.cues.nk)


def figure_context(
    text: str,
    q: Quantity,
    bounds: tuple[int, int, int],
    sent: Sentence,
    cues: Cues,
    doc_nk: bool,
    priors: tuple[Prior, Prior, Prior, Prior],
) -> Figure:
    """The Figure the rules see; `bounds` are the end of the previous figure and the next's start
    and end, `priors` what the previous figure of the sentence, of the document and of the sentences
    before counted, and the last people sent in those sentences."""
    prev_end, next_start, next_end = bounds
    after = text[q.end : min(sent.end, next_start, q.end + AFTER_CHARS)]
    before = text[max(sent.start, prev_end, q.start - BEFORE_CHARS) : q.start]
    return Figure(
        text, q, sent, cues, doc_nk, *priors, before, after, next_start, prev_end, next_end
    )


@dataclass(frozen=True)
class Decision:
    """What a rule decided about a figure: accepted as (indicator, unit), or rejected."""

    rule: str
    indicator: str | None
    unit: str
    reason: str
    evidence: str = ""

    @property
    def accepted(self) -> bool:
        return self.indicator is not None


Rule = Callable[[Figure], Decision | None]
RULES: list[tuple[str, Rule]] = []


def rule(fn: Rule) -> Rule:
    """Register `fn` as the next rule, named after the function."""
    RULES.append((fn.__name__, fn))
    return fn


def _accept(name: str, indicator: str, unit: str, reason: str, evidence: str = "") -> Decision:
    return Decision(name, indicator, unit, reason, evidence)


def _reject(name: str, reason: str, evidence: str = "") -> Decision:
    return Decision(name, None, "", reason, evidence)


def _found(rx: re.Pattern[str], text: str) -> str:
    m = rx.search(text)
    return m.group() if m else ""


def classify(fig: Figure) -> Decision:
    """Run the rules in order; the first decision wins."""
    for _name, fn in RULES:
        decision = fn(fig)
        if decision is not None:
            return decision
    raise AssertionError("the last rule always decides")  # pragma: no cover


# --- what the figure is made of -------------------------------------------------------


@rule
def multiplier_needs_production(f: Figure) -> Decision | None:
    """'doubled' is a production change only where the sentence speaks of production."""
    if f.q.kind != "multiplier":
        return None
    word = f.sent.found(f.cues.production)
    party = _found(f.cues.other_parties, f.lead)
    if word and party and not (f.cues.nk.search(f.lead) or f.cues.saying.search(f.lead)):
        # "Russia plans to triple the output of its drone plant": another party's production
        # ("Ukrainian intelligence says the plants doubled it": a source, no party of its own).
        return _reject("multiplier_needs_production", "another party's production", party)
    if word:
        return _accept("multiplier_needs_production", "production_change", "x", "production", word)
    return _reject("multiplier_needs_production", "a multiplier with no production word")


# "$2,000 (about 290,000 yen)", "2000ドル（約29万円）": a sum in brackets right after a wage,
# its currency's sign or code glued before it ("3 dolar AS (Rp49 ribu)", "$3 (₩4,000)", "(US$ 3").
CONVERSION = re.compile(r"[(（［\[]\s*(?:[A-Z]{0,2}[^\w\s(（［\[]|[A-Z][A-Za-z]{0,2})?\s?$")
# Spaced words may stand between, the currency's name: "3 dollars (2,60 euros) de l'heure"
# (not "4600ドル(約81万円)のボーナスと月給2000ドル": the month there is the next sum's).
_BRACKETED = re.compile(r"(?P<pre>(?:\s+[^\W\d]+\.?){0,2})\s*[(（［\[][^)）］\]]{0,60}[)）］\]]")


def _past_a_conversion(f: Figure) -> str:
    """The 30 characters after a sum, past the conversion in brackets that may follow it, its
    currency's name between ("$2,000 (about 2.8 million won) a month", "200 Dollar (rund 185
    Euro) im Monat": the period is the first sum's), or past one a joiner brings in ("US$700
    atau setara Rp11 juta sebulan")."""
    m = _BRACKETED.match(f.text, f.q.end)
    if m:
        return m.group("pre") + f.text[m.end() : m.end() + 30]
    if _joins_a_conversion(f):
        return f.text[f.next_end : f.next_end + 30]
    return f.after[:30]


def _joins_a_conversion(f: Figure) -> bool:
    """Only a joiner of conversions (cues.conversion_joiners) stands between this sum and the
    next figure, a sum in another currency: that figure is this sum converted."""
    if f.next_start >= f.sent.end or not f.q.currency:
        return False
    if f.cues.conversion_joiner.match(f.text, f.q.end, f.next_start) is None:
        return False
    nxt = currency_of_sum(f.text, f.next_start, f.next_end, f.cues.lang)
    return nxt is not None and nxt != f.q.currency


def _converts_the_one_before(f: Figure) -> bool:
    """The sum converts the wage before it: in brackets right after it, or brought in by a joiner
    of conversions alone ("US$1.500 atau Rp24 juta sebulan")."""
    if CONVERSION.search(f.before):
        return True
    joiner = f.cues.conversion_joiner
    other = f.prior is not None and not f.prior[1].startswith(f"{f.q.currency}/")
    return other and joiner.match(f.text, f.prev_end, f.q.start) is not None


# How far before a sum a word of its period may stand ("an annual $2,000", "월 800달러").
PERIOD_BEFORE_CHARS = 40


@rule
def money_is_a_wage(f: Figure) -> Decision | None:
    """Money is a wage when pay or workers are in the sentence and a period follows or leads."""
    if not f.q.currency:
        return None
    name = "money_is_a_wage"
    if f.prior is not None and f.prior[0] == "wage" and _converts_the_one_before(f):
        return _reject(name, "the sum before it in another currency (a conversion)", f.q.currency)
    if not (f.sent.has(f.cues.pay) or f.sent.has(f.cues.nouns.get("workers", NEVER))):
        return _reject(name, "money, but no pay or workers in the sentence", f.q.currency)
    party = _paid_to_another_party(f)
    if party:
        return _reject(name, "the pay of another party's people", party)
    elsewhere = _paid_elsewhere(f)
    if elsewhere:
        return _reject(name, "a compared sum: pay at home or another party's pay", elsewhere)
    # "연간 1인당 약 2천 달러", "年間1人当たり約2000ドル": a period before a figure that is no claim
    # (one per person) is this one's; past a claim it is that claim's ("$800 a month and $2,000").
    lead_in = (f.lead if f.prior is None else _past_its_period(f))[-PERIOD_BEFORE_CHARS:]
    found = _nearest_period(f.cues, _past_a_conversion(f), lead_in)
    if found:
        period, word = found
        return _accept(name, "wage", f"{f.q.currency}/{period}", "pay per period", word)
    return _reject(name, "money with no period (a total, not a wage)", f.q.currency)


def _nearest_period(c: Cues, after: str, lead_in: str) -> tuple[str, str] | None:
    """The period word nearest the sum, in words, after it or before it: in "workers who work 12
    hours a day earn about $800 a month" the month is the $800's, not the day before it. At
    equal distance the one after wins ("cobran unos 800 dólares al mes": its currency word
    stands between)."""
    best: tuple[int, int, str, str] | None = None
    for period in ("hour", "day", "month", "year"):
        rx = c.per.get(period)
        if rx is None:
            continue
        m, last = rx.search(after), last_match(rx, lead_in)
        for found in (
            (words_between(after[: m.start()]), 0, period, m.group()) if m else None,
            (words_between(lead_in[last.end() :]), 1, period, last.group()) if last else None,
        ):
            if found is not None and (best is None or found[:2] < best[:2]):
                best = found
    return (best[2], best[3]) if best else None


def _past_its_period(f: Figure) -> str:
    """The text since the figure before, past a period word right after that figure where it is
    a wage: that wage's ("$800 a month and a one-off $2,000 bonus": the bonus has no period)."""
    text = f.before
    if f.prior is None or f.prior[0] != "wage":
        return text  # "労働者は4000人余りいるとされ、月給は約826ドル": the period is this sum's
    for rx in f.cues.per.values():
        m = rx.search(text)
        lead = text[: m.start()] if m else ""
        # Its currency word between at most ("800 Dollar im Monat"), no clause break ("时薪约为3
        # 美元，每月收入不到1000美元": the month is the 1,000's).
        if m and words_between(lead) <= 1 and not CLAUSE_BREAK.search(lead):
            return text[m.end() :]
    return text


# How far from a party its people may be named: "Russian contract soldiers", "soldados rusos".
PARTY_PEOPLE_CHARS = 25
# How far after a sum its clause is read for whose pay it is ("the $1,500 that Russians earn").
PAY_CLAUSE_AFTER_CHARS = 80


def _pay_clause(f: Figure) -> tuple[str, str]:
    """The sum's clause before and after it, cut at clause breaks and words of contrast or
    comparison ("while", "compared with")."""
    before = f.lead
    cuts = [m.end() for rx in (CLAUSE_BREAK, f.cues.pay_contrast) for m in rx.finditer(before)]
    before = before[max(cuts, default=0) :]
    after = f.text[f.q.end : min(f.sent.end, f.q.end + PAY_CLAUSE_AFTER_CHARS)]
    stops = [
        m.start() for m in (CLAUSE_BREAK.search(after), f.cues.pay_contrast.search(after)) if m
    ]
    return before, after[: min(stops, default=len(after))]


def _paid_elsewhere(f: Figure) -> str:
    """'compared with less than $10 a month at home', 'the $1,500 a month that Russian workers
    earn', 'the average monthly wage in Russia is 80,000 rubles': a sum whose own clause names
    pay at home, or another party's people or pay statistic with North Korea named nowhere in
    it, is compared with the workers' wage, not their wage."""
    c = f.cues
    before, after = _pay_clause(f)
    home = c.home_pay.search(before) or c.home_pay.search(after)
    if home:
        return home.group()
    if c.nk.search(before) or c.nk.search(after):
        return ""
    for part in (before, after):
        party = _party_paid(part, c)
        if party:
            return party
    return ""


def _party_paid(part: str, c: Cues) -> str:
    """Another party with its people ("Russian workers") or with a statistic of pay ("the
    average wage in Russia") in one clause."""
    people = [c.nouns.get(k, NEVER) for k in ("troops", "workers")]
    statistic = c.pay_statistic.search(part) is not None and c.pay.search(part) is not None
    for m in c.other_parties.finditer(part):
        if not statistic and c.place_before.search(part, 0, m.start()):
            continue  # "workers sent to Russia earn $100": where they are, not whose
        near = (max(0, m.start() - PARTY_PEOPLE_CHARS), m.end() + PARTY_PEOPLE_CHARS)
        if statistic or any(rx.search(part, *near) for rx in people):
            return m.group()
    return ""


def _paid_to_another_party(f: Figure) -> str:
    """'Russian soldiers earn about $2,000 a month', 'Les soldats russes touchent 2 000 dollars':
    soldiers or workers of another party named before the figure, with North Korea named
    nowhere before it in its sentence, are who is paid; their pay is no North Korean wage."""
    c, lead_text = f.cues, f.lead
    if c.nk.search(lead_text):
        return ""  # "Russia pays North Korean soldiers", "North Korean workers in Russia earn"
    people = [c.nouns.get(k, NEVER) for k in ("troops", "workers")]
    for m in c.other_parties.finditer(lead_text):
        if c.place_before.search(lead_text, 0, m.start()):
            continue  # "workers sent to Russia earn $100": where they are, not whose
        near = (max(0, m.start() - PARTY_PEOPLE_CHARS), m.end() + PARTY_PEOPLE_CHARS)
        if any(rx.search(lead_text, *near) for rx in people):
            return m.group()
    return ""


@rule
def hours_are_working_hours(f: Figure) -> Decision | None:
    """Hours count only as working hours a day or per shift."""
    unit_text = f.text[f.q.core_end : min(f.sent.end, f.q.core_end + 40)]
    m = f.cues.hours_unit.match(unit_text)
    if not m:
        return None
    near = f.text[max(f.sent.start, f.q.start - 30) : min(f.sent.end, f.q.end + 40)]
    day = _found(f.cues.per_day_hours, near)
    if day:
        return _accept("hours_are_working_hours", "work_hours", "hours/day", "hours a day", day)
    return _reject("hours_are_working_hours", "hours, not per day or shift", m.group().strip())


@rule
def durations_and_measures_are_not_counts(f: Figure) -> Decision | None:
    """'3 years', '240 km', '40 %': a unit right after the figure makes it no count."""
    unit_text = f.text[f.q.core_end : min(f.sent.end, f.q.core_end + 40)]
    m = f.cues.time_unit.match(unit_text) or f.cues.measure_unit.match(unit_text)
    if m:
        return _reject(
            "durations_and_measures_are_not_counts", "a duration or a measure", m.group().strip()
        )
    return None


@rule
def group_size_is_not_a_count(f: Figure) -> Decision | None:
    """'sent in small groups of 20-30 soldiers': the size of each group, not how many were sent."""
    m = f.cues.group_of.search(f.before)
    if m:
        return _reject("group_size_is_not_a_count", "the size of a group", m.group().strip())
    return None


# How far back an age word may stand before a figure, past the figures listed with it.
AGE_REACH_CHARS = 30


@rule
def ages_are_not_counts(f: Figure) -> Decision | None:
    """'two soldiers, aged 20 and 26': an age word before the figure (or its list) makes an age."""
    lead_in = f.text[max(f.sent.start, f.q.start - AGE_REACH_CHARS) : f.q.start]
    m = f.cues.age_before.search(lead_in)
    if m:
        return _reject("ages_are_not_counts", "an age", m.group().strip())
    return None


@rule
def one_per_head(f: Figure) -> Decision | None:
    """'월 1인당 평균 800달러', '1人当たり約2000ドル': one with a word of 'per head' right after it
    (pack option per_head) is what a rate is counted by, never a count of people sent."""
    if f.q.value != 1 or f.cues.per_head is NEVER or not f.cues.per_head.match(f.after):
        return None
    return _reject("one_per_head", "one per head: a rate's unit, not a count", f.after.split()[0])


@rule
def years_are_not_counts(f: Figure) -> Decision | None:
    """A year ('in 2024') is a date."""
    if "year" in f.q.flags:
        return _reject("years_are_not_counts", "a year")
    return None


@rule
def counts_are_whole(f: Figure) -> Decision | None:
    """'14.11' (a date written 14 November), '2.5' on its own: no count of soldiers, shells or
    containers has a fraction. Money, hours and multipliers were decided before this rule."""
    q = f.q
    if "ambiguous_separator" in q.flags and q.alt_value is not None and _whole(q.alt_value):
        return None  # "1.500 soldiers" in English: the other reading, 1,500, is the count
    # A range's ends are what it states; other hedges widen the value by a share ("about 15").
    stated = (
        (q.low, q.high) if q.qualifier == "range" else (q.value,) if q.value is not None else ()
    )
    if any(not _whole(v) for v in stated):
        return _reject("counts_are_whole", "a fraction, which no count has", f"{f.q.value:g}")
    return None


def _whole(v: float) -> bool:
    # Relative: "4.1 Mil" reads as 4099999.9999999995, a whole number in binary rounding.
    return abs(v - round(v)) <= 1e-9 * max(1.0, abs(v))


# --- what the figure counts -----------------------------------------------------------


@rule
def part_of_a_whole(f: Figure) -> Decision | None:
    """'About 4,000 of the 11,000 troops deployed have been killed or wounded' (pack option
    part_of_whole): a part of people reads past its whole to count the whole's noun and the
    event of their clause; the whole keeps only its noun phrase (the clause's event is the
    part's)."""
    c = f.cues
    if c.part_of is NEVER:
        return None
    whole_next = f.next_start < f.sent.end and f.q.end + len(f.after) == f.next_start
    if whole_next and c.part_of.match(f.after):
        past = _past_the_whole(f)
        # People only: "two of the five missiles fired at Kharkiv" were no part sent.
        if nearest(c.nouns, past, NOUN_GAP_WORDS)[0] in PERSON_NOUNS:
            f.after = past
    elif whole_next and (comma := _whole_set_off(f.after, c)) is not None:
        past = _past_the_whole(f)
        closing = CLAUSE_BREAK.search(past)  # the aside's close: the part's event follows it
        if closing is not None:
            f.after = f.after[:comma] + " " + past[closing.end() :]
    elif (part := _noun_of_its_part(f, c)) or _is_a_whole(f):
        em = c.events.any.search(f.after)
        if em is not None:
            f.after = part + f.after[: em.start()]
    return None


def _past_the_whole(f: Figure) -> str:
    """The words after the next figure, the whole of this one, in its sentence."""
    return f.text[f.next_end : min(f.sent.end, f.next_end + AFTER_CHARS)]


# Words of a part's noun phrase before the comma that sets its whole off.
PART_NOUN_WORDS = 4


def _whole_set_off(between: str, c: Cues) -> int | None:
    """Where the comma stands that sets a whole off after its part's people ("About 600 North
    Korean soldiers, of the roughly 15,000 who were sent, have died": a part_of_whole word
    after the comma, the part's noun before it); else None."""
    comma = max(between.rfind(mark) for mark in ",，،")  # the last comma
    if comma < 0 or c.part_of.match(between[comma + 1 :]) is None:
        return None
    noun_phrase = between[:comma]
    if words_between(noun_phrase) > PART_NOUN_WORDS * c.syllables:
        return None
    noun = nearest(c.nouns, noun_phrase, NOUN_GAP_WORDS)[0]
    return comma if noun in PERSON_NOUNS else None


def _noun_of_its_part(f: Figure, c: Cues) -> str:
    """The part's noun phrase, for a whole set off after it with none of its own ("600 soldiers,
    of the 15,000 who were sent": 15,000 soldiers); "" for any other figure."""
    if f.prev_end <= f.sent.start:
        return ""  # the part stands in the figure's own sentence
    between = f.text[f.prev_end : f.q.start]
    comma = _whole_set_off(between, c)
    return "" if comma is None else between[:comma] + " "


def _opens_as_a_whole(f: Figure) -> bool:
    """A part_of_whole word opens the sentence right before the figure and another figure, the
    part, follows in it ("Of the 11,000 ...", "Из 11 тысяч ...", "Spośród 11 tys. ...")."""
    opening, c = f.text[f.sent.start : f.q.start], f.cues
    return (
        f.next_start < f.sent.end
        and c.part_opening.match(opening) is not None
        and c.subset_opening.search(opening) is None  # "Из них 600 ...": a part, not a whole
        and words_between(opening) <= 2 * c.syllables
    )


def _whole_before_its_part(f: Figure) -> bool:
    """'Of the 11,000 troops sent, about 4,000 have been killed or wounded' (a part_of_whole word
    opens the sentence), '11,000 troops were sent; of them, 4,000 were killed' (a subset word
    right before the next figure, or 'of them' right after it): the figure is the whole of a
    part in a later clause of its sentence, whose event is the part's alone."""
    c, text = f.cues, f.text
    gap = text[f.q.end : f.next_start]
    if f.next_start >= f.sent.end or CLAUSE_BREAK.search(gap) is None:
        return False
    if _opens_as_a_whole(f):
        return True
    return bool(c.subset_before.search(gap) or c.subset_after.match(text[f.next_end :]))


def _is_a_whole(f: Figure) -> bool:
    """The figure is the whole of a part just before it ("4,000 of the 11,000", "600 dead out
    of a total of 11,000 soldiers": a totals word says the part's own words are no barrier)."""
    between = f.text[f.prev_end : f.q.start]
    unit = f.cues.measure_unit.match(between)  # "40 per cent of the 11,000 troops"
    if unit is not None:
        between = between[unit.end() :]
    c = f.cues
    return f.prev_end > f.sent.start and (
        c.part_of.match(between) is not None or c.part_of_total.search(between) is not None
    )


def _binds_following(after: str, c: Cues) -> bool:
    """The words after the figure bind it to what follows (pack option binds_following), read
    also past a person counter ("約200名が死亡" as "約200人が死亡": one list for every counter)."""
    if c.binds_following.match(after):
        return True
    counter = c.person_counter.match(after)
    return counter is not None and c.binds_following.match(after[counter.end() :]) is not None


@rule
def stop_at_the_next_figure(f: Figure) -> Decision | None:
    """Where nouns stand before figures, a cue touching the next figure belongs to it.

    "사상자가 4700명": unless a genitive ties this figure to what follows ("6천 명의 건설 인력과").
    """
    c = f.cues
    cut_by_next = f.q.end + len(f.after) == f.next_start < f.sent.end
    # "Из 11 тысяч северокорейских военных около 4 тысяч погибли": the whole's noun phrase.
    if _opens_as_a_whole(f):
        return None
    if c.noun_before_words and cut_by_next and not _binds_following(f.after, c):
        tail = TOUCHING.search(f.after)
        if tail:
            f.after = f.after[: tail.start()]
    return None


@rule
def more_of_them_is_no_hedge(f: Figure) -> Decision | None:
    """tr '3 bin daha fazla asker': 'more' right after a bare figure, with no case ending, adds
    so many to those before (pack option increment_hedges): the figure is exact and the word
    is left after it, where timing reads an increment; '3 binden fazla' stays at least."""
    q = f.q
    if q.qualifier != "at_least" or q.value is None or f.cues.increment_hedge is NEVER:
        return None
    tail = f.text[q.core_end : q.end]
    if f.cues.increment_hedge.fullmatch(tail) is None:
        return None
    f.q = replace(q, end=q.core_end, low=q.value, high=q.value, qualifier="exact")
    f.after = tail + f.after
    return None


@rule
def find_counted_noun(f: Figure) -> Decision | None:
    """The counted noun after the figure; where nouns come first, the one just before it."""
    c = f.cues
    f.noun, f.noun_match = nearest(c.nouns, _past_a_model(f.after), _noun_gap(f))
    nm = f.noun_match
    if (
        nm is not None
        and f.noun not in PERSON_NOUNS
        and c.events.any.search(f.after, 0, nm.start())
    ):
        # "90 autres blessés par des missiles": what killed or wounded them, not what is counted.
        f.noun, f.noun_match = None, None
    if _closed_by_its_counter(f, nm):
        # "货柜累计超过1万3000个,如果换算成炮弹": the counter closes the figure's phrase; a noun
        # past the clause break after it is another clause's.
        f.noun, f.noun_match = None, None
    if c.noun_before_first:
        # "컨테이너 2만8천여 개": the noun just before the figure is what it counts; a genitive
        # ("2만 명의 병력") points the other way, unless that noun touches the figure with its
        # own counter ("コンテナ1万個超の弾薬": containers of ammunition).
        glued = c.binds_following.match(f.after) is not None
        reach = 0 if glued else c.noun_before_words
        before = _past_a_model(_past_a_gloss(_past_a_year(f), c))
        first, fm = nearest(c.nouns, before, reach, from_end=True)
        ends_an_item = f.noun is not None and fm is not None and _ends_a_list_item(before, fm, c)
        if first is not None and not (glued and f.before[-1:].isspace()) and not ends_an_item:
            f.noun, f.noun_match = first, None
    return None


def _ends_a_list_item(before: str, noun: re.Match[str], c: Cues) -> bool:
    """'포탄 수백만 발과 50여 기의 미사일': the noun before the figure, joined on by 'and'
    (pack option noun_list_joiners), is the last item of the figure before; this figure has a
    noun of its own after it."""
    word = before[noun.start() :]  # the joiner may be glued to the noun's word ("포탄과")
    return len(word.strip()) > 1 and c.noun_list_joiner.search(word) is not None


# A counter glued to the figure (one or two letters), then a clause break.
_COUNTER_THEN_BREAK = re.compile(r"[^\W\d_]{1,2}\s*[,，、;；]")


def _closed_by_its_counter(f: Figure, nm: re.Match[str] | None) -> bool:
    """A counter and a clause break stand between the figure and the noun found after it. Not a
    classifier of things (noun_before_counters): noun_against_its_counter reads the noun before
    those ("弹道导弹50余枚，用于袭击平民")."""
    if nm is None or f.cues.object_counter.match(f.after):
        return False
    return _COUNTER_THEN_BREAK.match(f.after, 0, nm.start()) is not None


# A year's digits ending a text ("근로자는 2023"), where the figure before is a year.
_YEAR_DIGITS = re.compile(r"(?<!\d)(?:1[89]|20)\d\d$")
# Digits: where the text before a year is cut, so that no figure before the year is read.
_DIGITS = re.compile(r"\d")


def _past_a_year(f: Figure) -> str:
    """The text before the figure, run on past a year that is the figure just before it ("러시아에
    파견된 북한 근로자는 2023년에 1만 명이었다"): a date between noun and figure does not part them,
    as the year, no count, stands for a word (its unit right after it: pack units.time)."""
    year = _YEAR_DIGITS.search(f.text, max(f.sent.start, f.prev_end - 4), f.prev_end)
    if year is None or not f.cues.time_unit.match(f.before):
        return f.before
    lead_in = f.text[max(f.sent.start, f.q.start - BEFORE_CHARS) : year.start()]
    digits = last_match(_DIGITS, lead_in)
    return (lead_in[digits.end() :] if digits else lead_in) + f.text[year.start() : f.q.start]


# A model designator glued to the noun after it ("50門170毫米M1989自走砲"): Latin letters, digits;
# or a calibre in Latin millimetres, between a counter and its noun ("940万发152mm炮弹").
# No look-behind first: a pattern that opens with a letter class is searched at C speed.
_GLUED_MODEL = re.compile(r"(?:[A-Za-z]{1,4}-?\d{1,5}|\d{2,3}\s?mm)(?=[^\W\d_])")


def _past_a_model(after: str) -> str:
    """`after` with a model designator glued to the noun after it blanked out (same length): its
    digits would keep the noun from starting a word ("M1989自走砲" is a self-propelled gun)."""
    return _GLUED_MODEL.sub(_blank_model, after)


def _blank_model(m: re.Match[str]) -> str:
    """A designator blanked, unless a letter or digit runs on before it (part of a longer word)."""
    start = m.start()
    if start and m.string[start - 1] in _ASCII_ALNUM:
        return m.group()
    return " " * len(m.group())


_ASCII_ALNUM = frozenset(string.ascii_letters + string.digits)


# A gloss in brackets that closes right before the figure ("공병(지뢰 제거 등을 맡는 병사) 800명").
_GLOSS = re.compile(r"[(（][^()（）]{1,60}[)）]\s*$")


def _past_a_gloss(before: str, c: Cues) -> str:
    """`before` up to a gloss in brackets closing right before the figure, when a counted noun
    stands right before the gloss: the noun the gloss explains is what the figure counts, not
    a noun inside it ("공병(지뢰 제거 등을 맡는 병사) 800명": sappers, not soldiers)."""
    m = _GLOSS.search(before)
    if m is None or nearest(c.nouns, before[: m.start()], 0, from_end=True)[0] is None:
        return before
    return before[: m.start()]


@rule
def noun_of_its_revision(f: Figure) -> Decision | None:
    """'11.000, inzwischen sogar 14.000 Soldaten', '11,000, now 14,000 soldiers': a figure with no
    noun that the next figure revises, a comma and revision words (pack option revision_words)
    all between them, counts the noun after the next figure."""
    c = f.cues
    if f.noun is not None or c.revision is NEVER or f.next_start >= f.sent.end:
        return None
    if c.revision.match(f.text[f.q.end : f.next_start]) is None:
        return None
    tail = f.text[f.next_end : f.sent.end]
    noun, m = nearest(c.nouns, tail, _noun_gap(f))
    if noun is not None and m is not None:
        f.noun, f.noun_match = noun, None
    return None


# A few words and a year closing the text before a figure: the date of the figure before them.
TRAILING_YEAR_PHRASE = re.compile(r"(?:\s+[^\s\d,;]+){1,4}\s+(?:19|20)\d\d\s*$")


@rule
def change_shares_the_noun(f: Figure) -> Decision | None:
    """'grew from 11,000 to 14,000 troops', 'The number of North Korean troops rose from 11,000 to
    14,000', 'est passé de 11 000 à 14 000 soldats': the two figures of a change (a word of
    change, numbers.change_words, and a range prefix before the first, a range word alone
    between them) count one noun: the first, with none of its own, the noun after the second
    (else one between the word of change and the prefix: 'raised troops from');
    the second, with none, what the first counted. Both are claims, the first an earlier one."""
    c, text = f.cues, f.text
    if f.noun is not None or c.change_opening is NEVER:
        return None
    opening = c.change_opening.search(f.before)
    if c.change_infix.match(text[f.q.end : f.next_start]) and opening:
        noun, _ = nearest(c.nouns, text[f.next_end : f.sent.end], _noun_gap(f))
        # "увеличила контингент с 11 до 14 тысяч", "raised troops from": the noun in the head.
        noun = noun or nearest(c.nouns, opening.group(), FAR)[0]
    elif f.prior is not None and c.change_infix.match(text[f.prev_end : f.q.start]):
        lead_in = text[max(f.sent.start, f.prev_end - AFTER_CHARS) : f.prev_end]
        # "dropped from 20,400 in mid-2019 to 9,800": the first figure's date between.
        lead_in = TRAILING_YEAR_PHRASE.sub("", lead_in)
        noun = _noun_of(f.prior[0]) if c.change_first.search(lead_in) else None
    else:
        return None
    if noun is not None:
        f.noun, f.noun_match = noun, None
    return None


def _noun_gap(f: Figure) -> int:
    """Words allowed before the counted noun: the pack's noun_gap_words where a phrase opens
    after the figure ("15.000 aus Nordkorea nach Russland entsandte Soldaten"), the default where
    a capitalised word follows it, a noun of its own ("In 15 Dörfern der Region Kursk ...")."""
    first = f.after.split(maxsplit=1)[:1]
    if f.cues.noun_gap_words > NOUN_GAP_WORDS and first and first[0][:1].isupper():
        return NOUN_GAP_WORDS
    return f.cues.noun_gap_words


@rule
def hedge_after_the_noun(f: Figure) -> Decision | None:
    """'3.000 soldati circa', '5,000 troops or more': a hedge right after the counted noun
    qualifies the figure as one before it would (pack options *_after_noun)."""
    nm, q = f.noun_match, f.q
    if nm is None or q.qualifier != "exact" or q.value is None:
        return None
    _hedge_at(f, nm.end())
    return None


def _hedge_at(f: Figure, end: int) -> None:
    """Qualify the figure by a hedge written at `end` in the text after it (pack options
    *_after_noun)."""
    q = f.q
    m = f.cues.hedge_after_noun.match(f.after, end)
    if m is None or q.value is None:
        return
    kind = f.cues.hedge_after_noun_kind.get(fold(m.group("h")), "approx")
    low, high, qualifier = qualified(q.value, kind, f.cues.lang)
    f.q = replace(q, low=low, high=high, qualifier=qualifier)


@rule
def subset_takes_the_noun_of_its_whole(f: Figure) -> Decision | None:
    """'100,000 workers abroad, 30,000 of them in Russia', '其中约3000在工地': a part of what the
    figure before it in its sentence counted, with no noun of its own, counts the same noun (pack
    option subset_words); not 'dont 2 000 femmes' (a noun of its own) nor '600 of them killed'."""
    if f.prior is None:
        return None
    before = f.cues.subset_before.search(f.before[-30:])
    m = before or f.cues.subset_after.match(f.after)
    # A noun before the figure, where nouns come first, is across the subset word: the whole's.
    own = f.noun is not None and (f.noun_match is not None or before is None)
    clause = _first_clause(f.after)
    excl = f.cues.exclude.search(clause)
    if m is None or own or (excl and words_between(clause[: excl.start()]) <= 1):
        return None
    noun = _noun_of(f.prior[0])
    if noun is not None and not nearest(f.cues.events, clause, NOUN_GAP_WORDS)[0]:
        f.noun, f.noun_match = noun, None
    return None


# Words that may stand between a part and North Korea naming it ("are from North Korea").
PART_NAME_WORDS = 3


@rule
def part_named_north_korean(f: Figure) -> Decision | None:
    """'Russia has deployed 600,000 troops. Of them, about 11,000 are North Koreans', 'Of the
    50,000 troops Russia has massed in Kursk, about 11,000 are from North Korea': a part of a
    whole of troops (a sentence opening with a subset word, pack option subset_words, or with
    the whole after a part_of_whole word), named North Korean right after it, counts troops;
    the whole, which North Korea does not name, is not North Korea's."""
    c = f.cues
    if f.noun in (None, "people") and _north_korean(c, f.after) and _whole_of_troops(f):
        f.noun = "troops"
        return None
    if _whole_of_a_north_korean_part(f):
        return _reject("part_named_north_korean", "a whole whose part is North Korea's")
    return None


def _whole_of_a_north_korean_part(f: Figure) -> bool:
    """The figure is a whole, not named North Korean, whose part, named North Korean, follows:
    in its sentence after a part_of_whole opening, or opening the next with a subset word."""
    c, text = f.cues, f.text
    if f.next_start >= len(text) or not _north_korean(c, text[f.next_end : f.next_end + 60]):
        return False
    if f.next_start >= f.sent.end:  # "... 600,000 troops. Of them, about 11,000 are ..."
        own = _last_clause(f.before) + _first_clause(text[f.q.end : f.sent.end])
        part = c.subset_opening.search(text[f.sent.end : f.next_start])
        return part is not None and not c.nk.search(own)  # not "North Korea sent 12,000 ..."
    gap = text[f.q.end : f.next_start]
    return _opens_as_a_whole(f) and CLAUSE_BREAK.search(gap) is not None and not c.nk.search(gap)


def _north_korean(c: Cues, after: str) -> bool:
    """North Korea named in the first words after a figure, in its clause ("are North Koreans")."""
    m = c.nk.search(_first_clause(after))
    return m is not None and words_between(after[: m.start()]) <= PART_NAME_WORDS * c.syllables


def _whole_of_troops(f: Figure) -> bool:
    """The figure is a part ("Of them, about 11,000", "Of the 50,000 troops ..., about 11,000")
    of the figure before it, which counts troops."""
    c, text = f.cues, f.text
    whole = text[f.prev_end : f.prev_end + AFTER_CHARS]
    if f.prev_end == 0 or nearest(c.nouns, whole, NOUN_GAP_WORDS)[0] != "troops":
        return False
    prev = f.sent.prev
    if f.prev_end <= f.sent.start:  # the whole in the sentence before, the part opening this one
        opening = c.subset_opening.search(text[f.sent.start : f.q.start])
        return prev is not None and f.prev_end > prev.start and opening is not None
    # The whole in the first clause after the part_of_whole word, the part opening a later one.
    head = text[f.sent.start : f.prev_end]
    return (
        c.part_opening.match(head) is not None
        and not re.search(r"[,;،؛，；、](?!\d)", head)  # not the comma of "50,000"
        and CLAUSE_BREAK.search(text[f.prev_end : f.q.start]) is not None
        and words_between(_last_clause(f.before)) <= 1
    )


def _noun_of(indicator: str) -> str | None:
    """The counted noun whose figures are `indicator`'s, if one is."""
    return next((n for n, (ind, _) in vocabulary().nouns.items() if ind == indicator), None)


@rule
def excluded_noun(f: Figure) -> Decision | None:
    """'3,000 civilians', 'soldados ucranianos': an excluded noun nearer than the counted one."""
    excl = f.cues.exclude.search(f.after)
    if not excl or words_between(f.after[: excl.start()]) > f.cues.noun_gap_words:
        return None
    verb = f.cues.deploy.search(f.after, 0, excl.start())
    if verb is not None and words_between(f.after[: verb.start()]) == 0:
        return None  # "3.000 đã đến vào tháng Một": past its verb, no noun of the figure's
    if _counts_its_event_first(f, excl):
        return None  # "quelque 900 blessés en se battant avec l'armée russe"
    if _thing_against_its_counter(f):
        return None  # "弾道ミサイル50発以上を提供し、民間人を標的に": the missiles were supplied
    nm = f.noun_match
    longer = nm is not None and excl.start() == nm.start() and excl.end() > nm.end()
    if nm is None or excl.start() < nm.start() or longer:
        f.counts_other = True
        return _reject("excluded_noun", "counts something the ledger does not track", excl.group())
    return None


# Words between a casualty word touching the figure and an excluded noun beyond it that is not
# that word's own ("300 dead civilians", "300 killed, mostly civilians" stay excluded).
EVENT_THEN_EXCLUDED_WORDS = 2


def _counts_its_event_first(f: Figure, excl: re.Match[str]) -> bool:
    """A casualty word right after the figure, the excluded noun well past it, fighting or sending
    between: the figure counts the casualties ("900 blessés en se battant avec l'armée
    russe": not the sides)."""
    ev = f.cues.events.any.search(f.after, 0, excl.start())
    if ev is None or words_between(f.after[: ev.start()]) > 0:
        return False
    if f.noun_match is not None and f.noun_match.start() <= excl.start():
        return False  # "14 injured in a missile strike": a noun between names the strike
    # Fighting or sending between them says where the casualties were taken; "120 morts parmi
    # les civils", "Hai tù binh ... 21 và 26 tuổi" keep their excluded noun.
    gap = f.after[ev.end() : excl.start()]
    if not (f.cues.combat.search(gap) or f.cues.deploy.search(gap)):
        return False
    return words_between(gap) >= EVENT_THEN_EXCLUDED_WORDS


@rule
def another_partys_genitive(f: Figure) -> Decision | None:
    """'Russia's 1,200 soldiers', 'रूस के 400': a party in the genitive owns the figure; not
    after words naming a source (source_before_party: 'nach Angaben Kiews rund 1000 Verluste')."""
    if f.cues.party_genitive is NEVER:
        return None  # most packs mark no genitive: no search per figure
    m = f.cues.party_genitive.search(f.before)
    if not m:
        return None
    if _names_north_korea(f):
        return None
    if f.cues.source_before_party.search(f.before[: m.start()]):
        return None  # "nach Angaben Kiews rund 1000": whose word it is, not whose forces
    return _reject("another_partys_genitive", "another party's forces", m.group().strip())


def _names_north_korea(f: Figure) -> bool:
    """North Korea is named in the figure's noun phrase: "Ukraine's 2 North Korean prisoners".

    Up to the counted noun (and as far again where adjectives follow it); with no noun after the
    figure, only right after it ("우크라이나군 400명이 북한군의 공격으로": the attacker, not the dead).
    """
    if f.noun_match is None:
        return f.cues.nk.match(f.after, len(f.after) - len(f.after.lstrip())) is not None
    end = f.noun_match.end() + (GENITIVE_NK_CHARS if f.cues.adjectives_follow else 0)
    return f.cues.nk.search(f.after[:end]) is not None or _north_korea_owns(f, end)


def _north_korea_owns(f: Figure, end: int) -> bool:
    """North Korea in the genitive right after the counted noun, by its case or a linker
    (genitive_after): "шесть тысяч военных Северной Кореи", "6,000 soldiers of North Korea"."""
    if f.cues.verb_final:
        return False  # the owner stands before what it owns: "Ukrayna'nın 400 askeri Kuzey Kore..."
    rest = f.after[end:]
    link = f.cues.genitive_link.match(rest)
    start = link.end() if link else len(rest) - len(rest.lstrip())
    return f.cues.nk.match(rest, start) is not None


@rule
def noun_before_the_figure(f: Figure) -> Decision | None:
    """In languages that put the noun first, a noun within a few words before the figure."""
    if f.noun is None and f.cues.noun_before_words:
        f.noun, nm = nearest(f.cues.nouns, f.before, f.cues.noun_before_words, from_end=True)
        f.noun_match = None  # a position in `before` is not comparable with `after`
        del nm
    return None


@rule
def noun_against_its_counter(f: Figure) -> Decision | None:
    """'弹道导弹100余枚', '炮弹300万发': where nouns follow figures, a noun written right against
    the figure before it counts it when a classifier follows the figure and no noun does in its
    clause (pack option noun_before_counters)."""
    c = f.cues
    if c.object_counter is NEVER or not c.object_counter.match(f.after):
        return None
    nm = f.noun_match  # a noun after a clause break is another clause's ("，用于袭击平民")
    if f.noun is not None and (nm is None or not CLAUSE_BREAK.search(f.after, 0, nm.start())):
        return None
    noun = _noun_ending(c, f.before)
    if noun is not None:
        f.noun, f.noun_match = noun, None
    return None


def _noun_ending(c: Cues, text: str) -> str | None:
    """The counted noun that ends `text`, no word nor space after it ("提供了弹道导弹")."""
    noun, m = nearest(c.nouns, text, 0, from_end=True)
    return noun if m is not None and m.end() == len(text) else None


def _thing_against_its_counter(f: Figure) -> bool:
    """Where nouns come first, a noun of things written right against a figure that a counter
    follows ("弾道ミサイル50発", "自走砲80両", "탄도미사일 100여 발"): it, not a noun after, is what
    the figure counts. Not people: "북한군이 1천 명의 우크라이나군을" names the subject."""
    c = f.cues
    if not c.noun_before_words or not f.before:
        return False
    counters = (c.object_counter, c.person_counter, c.other_counter)
    glued = f.q.end > f.q.core_end  # a counter the figure's reading took in: "50発以上"
    if not glued and not any(_counter_after(f, rx) for rx in counters if rx is not NEVER):
        return False
    return _noun_ending(c, f.before.rstrip()) not in (None, *PERSON_NOUNS)


# How far a deployment word may stand from a figure counted in people with no noun: right
# before it ("派遣3000人") or just after its counter ("3000명을 추가로 보낼"), in characters.
SENT_BEFORE_CHARS, SENT_AFTER_CHARS, SENT_GAP_CHARS = 8, 14, 1
# Who else a figure of people may count: where one of these is named, the counter alone says
# nothing of troops.
OTHER_PEOPLE = ("workers", "construction_workers", "sappers")
# The flag of a figure whose troops only its counter says: a mention naming them says more.
COUNTER_FLAG = "noun_from_counter"


@rule
def person_counter_sent(f: Figure) -> Decision | None:
    """'朝鲜向俄罗斯派遣3000人', '3000명을 추가로 보낼': a counter of people and a deployment
    word beside it, with no noun, count troops (workers, builders and sappers are named)."""
    c = f.cues
    if f.noun is not None or not _counted_in_people(f):
        return None
    if any(f.sent.has(c.nouns[k]) for k in OTHER_PEOPLE if k in c.nouns):
        return None
    lead_in = f.before[-SENT_BEFORE_CHARS:]
    # Before the figure, only a verb right against it ("派遣3000人", "派出了逾千人").
    touching = any(len(lead_in) - m.end() <= SENT_GAP_CHARS for m in c.deploy.finditer(lead_in))
    if touching or c.deploy.search(_clause(f.after, 0, SENT_AFTER_CHARS)):
        f.noun = "troops"
        f.q = replace(f.q, flags=(*f.q.flags, COUNTER_FLAG))
    return None


def _counted_in_people(f: Figure) -> bool:
    """A counter of people after the digits ('3000人以上') or after the hedge ('1만여 명')."""
    return _counter_after(f, f.cues.person_counter) is not None


def _counter_after(f: Figure, rx: re.Pattern[str]) -> re.Match[str] | None:
    """A counter of `rx` after the digits or after the hedge that follows them."""
    return rx.match(f.text, f.q.core_end) or rx.match(f.text, f.q.end)


@rule
def counted_in_other_things(f: Figure) -> Decision | None:
    """'200列火车', '300棟の兵舎', '5所军营': a counter of trains, ships, buildings or sites
    counts no troops or shells; only factories where the figure names them ('5家军工厂')."""
    m = _counter_after(f, f.cues.other_counter)
    factories = f.cues.nouns.get("factories", NEVER)
    if m is None or f.noun == "factories" or nearest({"f": factories}, f.after, NOUN_GAP_WORDS)[0]:
        return None  # "5家导弹工厂": the compound's last noun is the factories
    if _thing_against_its_counter(f):
        return None  # "自走砲80両": the guns, counted as vehicles are ("列車10両" stays trains)
    return _reject("counted_in_other_things", "counted in trains, ships or buildings", m.group())


# Workers named after "employed as": words allowed between (an adjective: "as factory workers").
WORK_AS_GAP_WORDS = 1


@rule
def people_working_as(f: Figure) -> Decision | None:
    """'5,000 people sent to Russia, employed as labourers', 'osób zatrudnionych jako
    robotnicy', '約1000人を派遣し、労働者として働かせている': people that work as workers or
    builders are those workers."""
    nm = f.noun_match
    # "約1000人を派遣し": a word of sending the pack lists as a noun says troops only as a default.
    sending = nm is not None and f.cues.deploy.fullmatch(nm.group()) is not None
    if f.noun not in (None, "people") and not sending:
        return None
    m = f.cues.work_as.search(f.after)
    if m is None:
        return None
    kinds: dict[str, re.Pattern[str]] = {
        k: f.cues.nouns[k] for k in ("workers", "construction_workers") if k in f.cues.nouns
    }
    kind, _ = nearest(kinds, f.after[m.end() :], WORK_AS_GAP_WORDS)
    # Where nouns come first the marker follows them: "労働者として働かせている".
    kind = kind or nearest(kinds, f.after[: m.start()], 0, from_end=True)[0]
    if kind is not None:
        f.noun, f.noun_match = kind, None
    return None


# Words allowed between a figure and the word of clearing mines that makes its people sappers.
DEMINING_WORDS = 8
# ... and before it, as a purpose that opens the figure's phrase ("地雷除去のために1000人").
DEMINING_BEFORE_WORDS = 2


@rule
def people_clearing_mines(f: Figure) -> Decision | None:
    """'unos mil más trabajan en el desminado de la zona', 'About 1,000 soldiers
    were clearing mines': people, soldiers or a figure with no noun at the work of clearing mines
    (pack option demining_words), in the figure's own clause, are sappers; so are those the
    work stands right before as their purpose ('地雷除去のために1000人': 1,000 for demining)."""
    if f.noun not in (None, "people", "troops") or "sappers" not in f.cues.nouns:
        return None
    clause = _first_clause(f.after)
    m = f.cues.demining.search(clause)
    if m is not None and words_between(clause[: m.start()]) <= DEMINING_WORDS:
        f.noun, f.noun_match = "sappers", None
    elif _purpose_before(f.cues.demining, _last_clause(f.before)):
        f.noun, f.noun_match = "sappers", None
    return None


@rule
def people_rebuilding(f: Figure) -> Decision | None:
    """'インフラ復興に5000人の工兵', 'engineers to rebuild the region': engineers, people or a
    figure with no noun whose work is rebuilding (pack option rebuilding_words), after the figure
    in its clause or right before it as its purpose, are builders; not where the clause clears
    mines ('1,000 sappers to clear mines and rebuild roads' stay sappers), nor engineers beside
    builders named in the sentence (the press then counts them apart)."""
    c = f.cues
    if f.noun not in (None, "people", "sappers") or "construction_workers" not in c.nouns:
        return None
    if f.noun == "sappers" and f.sent.has(c.nouns["construction_workers"]):
        return None  # "재건을 위해 공병 1천명과 건설인력 5천명": builders named beside them
    clause, lead = _first_clause(f.after), _last_clause(f.before)
    # A purpose opens the figure's phrase only where no figure stands before it in the clause
    # ("1,000 sappers to clear mines and 5,000 to rebuild": the mines are the 1,000's).
    lead = "" if f.sent.start < f.prev_end >= f.q.start - len(lead) else lead
    if _purpose_before(c.demining, lead):
        return None  # "地雷除去のために1000人": their work is the mines
    m = c.rebuilding.search(clause)
    # After the figure, not the next figure's purpose ("... 1,000 for mines and for rebuilding 5,000").
    after = (
        m is not None
        and words_between(clause[: m.start()]) <= DEMINING_WORDS
        and not c.demining.search(clause, 0, m.start())
        and (f.next_start >= f.sent.end or words_between(clause[m.end() :]) > DEMINING_BEFORE_WORDS)
    )
    if after or _purpose_before(c.rebuilding, lead):
        f.noun, f.noun_match = "construction_workers", None
    return None


def _purpose_before(rx: re.Pattern[str], lead: str) -> bool:
    """A match of `rx` ends at most DEMINING_BEFORE_WORDS words before the figure."""
    m = last_match(rx, lead)
    return m is not None and words_between(lead[m.end() :]) <= DEMINING_BEFORE_WORDS


@rule
def people_at_work_in_a_factory(f: Figure) -> Decision | None:
    """'5,000 of them work at a drone factory', '5000人はドローン工場で働いている', 'Davon arbeiten
    5.000 in einer Drohnenfabrik': people counted who work (pack option work_at) in a factory,
    after people were sent, are workers sent (not the factories the figure seemed to count)."""
    c = f.cues
    if f.noun not in ("factories", None, "people") or not f.sent.has(c.work_at):
        return None  # the sentence's search is shared by its figures: no search per figure
    clause = _clause_around(f)
    factories = c.nouns.get("factories", NEVER)
    factory = f.noun == "factories" or (f.noun in (None, "people") and factories.search(clause))
    if not factory or not f.nk_in_view() or not _people_counted(f):
        return None
    verb = c.work_at.search(clause)
    sent = f.prior or f.prior_sending or _people_sent_before(f) or f.prior_before
    abroad = sent is None and _factories_abroad(clause, factories, c.other_parties)
    if verb is None or not (abroad or (sent is not None and sent[0].endswith("_deployed"))):
        return None
    indicator, unit = vocabulary().nouns["workers"]
    return _accept(
        "people_at_work_in_a_factory", indicator, unit, "people sent, at work", verb.group()
    )


# Characters around a factory noun within which the country whose factories they are is named.
FACTORY_OWNER_CHARS = 30


def _factories_abroad(clause: str, factories: re.Pattern[str], parties: re.Pattern[str]) -> bool:
    """'were working in Russian weapons factories', 'work at factories in Russia': another
    country named right by the factory noun says the people were sent there, with no sending
    before."""
    m = factories.search(clause)
    if m is None:
        return False
    near = clause[max(0, m.start() - FACTORY_OWNER_CHARS) : m.end() + FACTORY_OWNER_CHARS]
    return parties.search(near) is not None


def _people_counted(f: Figure) -> bool:
    """The figure counts people: North Koreans by name, a person counter ('5000人'), or a part
    of those before ('of them', 'из них', 'Davon arbeiten 5.000', '其中5000')."""
    c = f.cues
    if f.noun == "people":
        return _people_of_north_korea(f) or _names_north_korea(f)
    opening = f.text[f.sent.start : f.q.start]
    part = c.subset_after.match(f.after) or c.subset_opening.search(opening)
    return bool(part or _counted_in_people(f) or c.subset_before.search(f.before[-30:]))


@rule
def partitive_is_not_a_count(f: Figure) -> Decision | None:
    """'one of 20 facilities that produce shells' is not a count of what was done, nor is the
    'one' of "uno dei prigionieri" (one of the prisoners)."""
    m = f.cues.partitive.search(f.before[-20:]) or f.cues.partitive_here.match(f.text, f.q.start)
    # "1,000 out of 11,000 soldiers", "Spośród 11 tys. żołnierzy około 4 tys.": wholes count too
    if m and not (_is_a_whole(f) or _opens_as_a_whole(f)):
        return _reject("partitive_is_not_a_count", "one of a number", m.group().strip())
    return None


@rule
def count_link(f: Figure) -> Decision | None:
    """'the number of North Korean troops has reached 15,000': the noun joined before the figure;
    a figure counted in soldiers takes only an event right before the link ("les pertes
    s'élèvent à 4 700 hommes": the losses are what the soldiers count)."""
    if f.noun not in (None, "people", "troops"):
        return None
    c, phrase = f.cues, _link_phrase(f)
    if phrase is None or _is_a_whole(f):
        return None  # "600 were killed out of a total of 11,000": the link is the part's
    # "Ukraine has captured a total of six North Korean soldiers": the captor is no owner.
    own = f.noun == "troops" and _names_north_korea(f)
    if not own and other_party_subject(
        lead(f.text, f.sent.start, f.q.start - len(f.before)) + phrase, c
    ):
        return _reject("count_link", "another party's losses", _found(c.other_parties, phrase))
    if not own and (party := _head_names_another_party(phrase, c)) is not None:
        return _reject("count_link", "another party's count", party.group())
    linked_noun, _ = nearest(c.nouns, phrase, COUNT_LINK_WORDS * c.syllables, from_end=True)
    linked_event, em = _linked_event(f, phrase)
    if linked_event is not None and linked_noun in (None, "troops", "people"):
        if not _no_event_of_its_own(f, linked_event):
            return None
        if (war := _names_another_war(f)) is not None:  # "Gaza's death toll passed 50,000"
            return _reject("count_link", "another war's casualties", war.group())
        event = _with_its_pair(f, linked_event, em)
        return _accept("count_link", event, "persons", "a casualty count", em.group() if em else "")
    if linked_noun is not None and f.noun != "troops":
        f.noun, f.noun_match = linked_noun, None
    return None


def _with_its_pair(f: Figure, event: str, em: re.Match[str] | None) -> str:
    """The event the link joins, or both where the dead and the wounded are named together
    ("Die Zahl der Getöteten und Verwundeten stieg auf 4.000": killed or wounded)."""
    f.event = event
    return "killed_or_wounded" if em is not None and _joined_with_its_pair(f, em) else event


def _head_names_another_party(phrase: str, c: Cues) -> re.Match[str] | None:
    """'Jumlah korban pasukan Rusia mencapai 45.000', 'Thương vong của quân đội Ukraine đã lên
    tới 400.000', 'Số người chết ở Dải Gaza đã vượt 60.000': another party, or another war's
    place the pack lists with them (other_parties), in a count head that names losses, from its
    word of number ("the number of") or else its first loss word on, with North Korea nowhere in
    its clause, makes the count that party's. Not a party before the head (a source: "Ukraine's
    intelligence said the number of casualties ..."), nor one a place preposition or suffix
    makes a place ("killed in Russia") or after a word of sending ("điều động tới Nga")."""
    clause = _last_clause(_without_closing_asides(phrase, c))
    start = last_match(c.count_head, clause) or c.events.any.search(clause)
    if start is None or c.nk.search(clause) or nearest(c.events, clause, FAR)[0] is None:
        return None
    for m in c.other_parties.finditer(clause, start.start()):
        place = c.place_suffix.match(clause, m.end()) or c.place_before.search(clause, 0, m.start())
        if not place and c.deploy.search(clause, 0, m.start()) is None:
            return m
    return None


@rule
def number_of_those_before(f: Figure) -> Decision | None:
    """'North Korea has sent soldiers to Russia. Their number has reached 12,000', 'Jumlahnya
    mencapai 12.000', 'その規模は1万2000人に上る', '其人数达1.2万': a word for the number of what
    the sentence before counted (pack option count_anaphora), in the figure's clause, makes the
    figure count that noun."""
    if f.noun not in (None, "people") or f.sent.prev is None:
        return None
    if _count_anaphora(f) is None and not _grows_to(f):
        return None
    noun = _counted_before(f) or nearest(f.cues.nouns, f.sent.prev.text, FAR, from_end=True)[0]
    if noun is not None:
        f.noun, f.noun_match = noun, None
    return None


def _counted_before(f: Figure) -> str | None:
    """The noun the last figure of the sentence before counted, when it is the one just before
    this sentence ("労働者6000人がロシアに派遣された": workers, not the troops' word 派遣 after it)."""
    prev = f.sent.prev
    if f.prior_before is None or prev is None or not prev.start <= f.prev_end <= prev.end:
        return None
    return next((n for n, iu in vocabulary().nouns.items() if iu == f.prior_before), None)


# Words a clause may hold before a figure the count before grows to: a time ("올해는"), no subject.
GROWTH_LEAD_WORDS = 1


def _grows_to(f: Figure) -> bool:
    """'지난해 노동자 6천명이 파견됐다. 올해는 3만명 이상으로 늘어날 전망이다': a word of growing
    right after the figure (pack option growth_after), in a sentence with no subject of its
    own before it (a time at most: "올해는", not "올해 관광객은"), makes it the next value of the
    count the sentence before gave."""
    if f.cues.growth_after.match(f.after) is None:
        return False
    opening = f.text[f.sent.start : f.q.start]
    return words_between(opening) <= GROWTH_LEAD_WORDS * f.cues.syllables


def _count_anaphora(f: Figure) -> re.Match[str] | None:
    """A word for the number of what was counted before (pack option count_anaphora) in the
    figure's clause, a few words before it at most ("Their number has reached"), past a source
    set off by commas ("The number, according to Kyiv, could grow to"); else None. The head of a
    count of its own ("the number of the dead") is none."""
    clause = _last_clause(_past_a_source_aside(f.before, f.cues))
    m = last_match(f.cues.count_anaphora, clause)
    if m is None or words_between(clause[m.end() :]) > COUNT_LINK_WORDS:
        return None
    head = f.cues.count_head.search(clause, m.start())
    return None if head is not None and head.start() < m.end() < head.end() else m


# The last aside set off by commas in a text, and the words after it.
_LAST_ASIDE = re.compile(r"[,，、](?P<aside>[^,，、;；]{0,60})[,，、][^,，、;；]*$")


def _past_a_source_aside(before: str, c: Cues) -> str:
    """`before` without its last aside set off by commas when the aside names who says it (pack
    option sources.saying): "O número, segundo o embaixador, pode crescer para": whose word it
    is does not part the number from its figure."""
    m = _LAST_ASIDE.search(before)
    if m is None or not c.saying.search(m.group("aside")):
        return before
    return before[: m.start()] + " " + before[m.end("aside") + 1 :]


def _linked_event(f: Figure, phrase: str) -> tuple[str | None, re.Match[str] | None]:
    """The event joined to the figure by the link. A figure in soldiers takes losses right
    before the link, or further back past their side and place ("Le perdite nordcoreane nella
    regione di Kursk hanno raggiunto 4.000 uomini") when they start the link's clause and no
    counted noun stands in it ("Dopo pesanti perdite, le truppe ... hanno raggiunto": troops)."""
    c = f.cues
    reach = COUNT_LINK_WORDS * c.syllables
    if f.noun != "troops":
        found = nearest(c.events, phrase, reach, from_end=True)
        if found[1] is not None and _sends_in_a_later_clause(c, phrase, found[1].end()):
            return None, None  # "..., and the total deployed has reached about 12,000"
        found = found if found[0] is not None else _event_past_asides(f, phrase)
        return found if found[0] is not None else _losses_of(f, phrase)
    found = nearest(c.events, phrase, EVENT_LINK_WORDS * c.syllables, from_end=True)
    if found[1] is not None and _sends_in_a_later_clause(c, phrase, found[1].end()):
        return None, None  # "士兵伤亡，朝鲜又增派了约1000人": those sent, not the losses
    clause = _last_clause(phrase)
    side = _without_owning_army(c, c.nk.sub(" ", clause))  # the losses' side: no other people
    if found[0] is not None or any(rx.search(side) for rx in c.nouns.values()):
        return found if found[0] is not None else _losses_of(f, phrase)
    return nearest(c.events, clause, reach, from_end=True)


def _sends_in_a_later_clause(c: Cues, phrase: str, start: int) -> bool:
    """A clause after `start` in the link's phrase, the last, speaks of those sent ("About 600
    ... have been killed, the NIS said, and the total deployed has reached")."""
    clause = _last_clause(phrase)
    return len(phrase) - len(clause) >= start and c.deploy.search(clause) is not None


def _with_its_lead(f: Figure, phrase: str) -> str:
    """The link's phrase with the sentence before the window it was cut from (the lead up to
    where f.before starts): a casualty word may stand further back than the window reaches."""
    return lead(f.text, f.sent.start, f.q.start - len(f.before)) + phrase


# Asides set off by commas that close right before a count link ("..., по данным ГУР, достигли").
_CLOSING_ASIDE = re.compile(r"[,，、][^,，、;；]{0,60}[,，、]\s*$")
# What follows the last comma of a text (an aside's closing comma, then a verb at most).
_AFTER_LAST_COMMA = re.compile(r"(?<=[,，、])[^,，、]*$")


def _event_past_asides(f: Figure, phrase: str) -> tuple[str | None, re.Match[str] | None]:
    """The casualty word before asides set off by commas that close right before the link:
    'Потери северокорейских войск, воюющих на стороне России, по данным ГУР, достигли 4 тыс.'
    (a side phrase and a source do not part the losses from their figure); else (None, None)."""
    text = _with_its_lead(f, phrase)
    if _CLOSING_ASIDE.search(text) is None:
        return None, None
    reach = COUNT_LINK_WORDS * f.cues.syllables
    clause = _last_clause(_without_closing_asides(text, f.cues))
    return nearest(f.cues.events, clause, reach, from_end=True)


def _without_closing_asides(text: str, c: Cues) -> str:
    """`text` without the asides set off by commas that close at its end, one word (a verb)
    after them at most ("Losses of the Russian army, according to Kyiv, have": "Losses of the
    Russian army have"); a part that names a count, a noun or an event is no aside."""
    tail = _AFTER_LAST_COMMA.search(text)
    if tail is None or words_between(tail.group()) > 1:
        return text
    head = text[: tail.start()]
    while (m := _CLOSING_ASIDE.search(head)) is not None:
        if any(
            rx.search(m.group())
            for rx in (c.nouns.any, c.count_head, c.count_anaphora, c.events.any)
        ):
            break
        head = head[: m.start()] + ", "  # its opening comma closes the aside before it, if any
    return head.rstrip(" ,，、") + " " + tail.group()


def _losses_of(f: Figure, phrase: str) -> tuple[str | None, re.Match[str] | None]:
    """A casualty word opening the link's clause (one word before it at most), joined by a word
    of whose losses (pack option loss_owner_links) to the people after it: "Casualties among
    North Korean troops fighting on Russia's side have reached 4,000"; else (None, None)."""
    c = f.cues
    clause = _last_clause(_with_its_lead(f, phrase))
    event, em = nearest(c.events, clause, 1)
    if em is None or not c.loss_owner.match(clause, em.end()):
        return None, None
    return event, em


def _without_owning_army(c: Cues, side: str) -> str:
    """`side` without the army in the genitive right after its losses ("Die Verluste der
    nordkoreanischen Truppen belaufen sich auf rund 4.000 Soldaten": whose losses, no counted
    noun of the link's clause; pack options army_nouns, genitive_after)."""
    em = last_match(c.events.any, side)
    m = c.army_after.match(side, em.end()) if em is not None else None
    if m is None:
        return side
    return side[: m.start()] + " " * (m.end() - m.start()) + side[m.end() :]


def _no_event_of_its_own(f: Figure, linked: str) -> bool:
    """No other event right after the figure: in "逾千人死傷，其中約200人陣亡" the 200 are the
    killed after them, not the casualties joined before. Only in the figure's clause: in
    "死亡人数约为300人，受伤人数约为2700人" the wounded after the comma are the 2,700's."""
    own, _ = nearest(f.cues.events, _first_clause(f.after), OWN_EVENT_WORDS)
    return own in (None, linked)


def _link_phrase(f: Figure) -> str | None:
    """What stands before the word that joins it to the figure ("the number of"), if any."""
    link = f.cues.count_link.search(f.before)
    if link:
        return f.before[: link.start()]
    est = f.cues.estimate_link.search(f.before)
    if est and not f.cues.events.any.search(_first_clause(f.after)):
        # "puts North Korean losses in Kursk at 4,000"; "at 600 soldiers killed" keeps its own
        return f.before[: est.end("obj")]
    if f.q.start < f.q.core_start and f.cues.linking_hedge.match(
        f.text[f.q.start : f.q.core_start]
    ):
        return f.before  # "casualties top 4,000": the hedge verb is the link
    return _head_phrase(f)


# "Die Zahl der nordkoreanischen Soldaten in Russland liegt nach Angaben des Geheimdienstes bei
# rund 15.000": words the head's phrase may take after the head (its counted noun and what
# describes it), and words allowed between that phrase and the figure.
HEAD_PHRASE_WORDS, HEAD_REACH_WORDS = 4, 14


@functools.cache
def _head_phrase_words(syllables: int, noun_gap: int) -> re.Pattern[str]:
    """The words a head's phrase may take, in spaced units (word_syllables per word): as many as
    may stand between a figure and its noun where the pack allows more (a German participle
    phrase: 'die Zahl der in Russland eingesetzten nordkoreanischen Bauarbeiter')."""
    most = max(HEAD_PHRASE_WORDS, noun_gap) * syllables
    return re.compile(rf"(?:\s*[^\s,;:.]+){{1,{most}}}")


# An aside set off by commas between the head and the figure ("Число ..., по данным разведки,").
_ASIDE = re.compile(r"[,，、][^,，、;；]{0,60}[,，、]")


def _head_phrase(f: Figure) -> str | None:
    """A count head far before the figure ('the number of North Korean troops ... is now about
    15,000'): the head and the words after it, when only a verb, adverbs or an aside set off by
    commas stand between them and the figure, in its clause and with no other figure between."""
    span = f.text[max(f.sent.start, f.prev_end) : f.q.start]
    heads = list(f.cues.count_head.finditer(span))
    if not heads:
        return None
    head = heads[-1]
    words = _head_phrase_words(f.cues.syllables, f.cues.noun_gap_words).match(span, head.end())
    end = words.end() if words else head.end()
    gap = _ASIDE.sub(" ", span[end:])
    if CLAUSE_BREAK.search(gap) or words_between(gap) > HEAD_REACH_WORDS * f.cues.syllables:
        return None
    return span[head.start() : end]


@rule
def more_of_what_is_no_claim(f: Figure) -> Decision | None:
    """'The strike killed 18 Russian soldiers and wounded 33 others', 'et blessé 33 autres': a
    figure with no noun of its own, only a word of more (pack ellipsis, ellipsis_after), counts
    more of what the figure before it in its sentence counted; when that figure is no claim
    (another party's soldiers, civilians), neither is this one. Not where its clause sends
    people ("...; Pyongyang will send another 5,000": soldiers, _more_of), nor after a word of
    a total ("四个旅的兵力共12000人": the brigades' strength, all told, is people)."""
    if f.noun is not None or not f.after_no_claim:
        return None
    m = _more(f)
    if m is None or _sending_in_its_clause(f) or f.cues.totals.search(f.before):
        return None
    return _reject("more_of_what_is_no_claim", "more of a figure that is no claim", m.group())


@rule
def another_partys_people(f: Figure) -> Decision | None:
    """'3,000 Ukrainian soldiers': a party named between figure and noun is not North Korea."""
    nm = f.noun_match
    if f.noun is None or nm is None:
        return None
    window = f.after[: nm.start()]
    # "11.000 nach Russland entsandte Soldaten": a party after "to", "nach" is a place.
    m = next(
        (
            p
            for p in f.cues.other_parties.finditer(window)
            if not f.cues.place_before.search(window[: p.start()])
        ),
        None,
    )
    if m is None:
        return None
    if _event_stands_for_people(f, m.start()):
        f.noun, f.noun_match = None, None
        return None
    return _reject("another_partys_people", "another party's people", m.group())


@rule
def another_partys_army_after(f: Figure) -> Decision | None:
    """'500 soldiers of the Ukrainian army', '500 Soldaten der ukrainischen Armee', '500 военных
    украинской армии': another party's army in the genitive right after the counted noun owns
    the figure (pack options army_nouns, genitive_after); not where North Korea is named there,
    nor where North Korea, named before the figure in its clause, sends them ('Nordkorea hat
    11.000 Soldaten der russischen Armee überstellt': a dative that reads as a genitive)."""
    c, nm = f.cues, f.noun_match
    if c.army_after is NEVER or f.noun is None or nm is None:
        return None
    m = c.army_after.match(f.after, nm.end())
    if m is None or c.nk.search(f.after, nm.end(), m.end() + GENITIVE_NK_CHARS):
        return None
    party = m.group("p") or m.group("q") or _found(c.other_parties, m.group("a"))
    if not party:
        return None
    clause = _last_clause(f.lead)
    nk = last_match(c.nk, clause)
    if nk and c.deploy.search(clause[nk.end() :] + " " + _first_clause(f.after[m.end() :])):
        return None  # North Korea sends them: "der russischen Armee" is whom they serve
    return _reject("another_partys_army_after", "another party's army", m.group().strip())


def _event_stands_for_people(f: Figure, party_at: int) -> bool:
    """'and 2,700 wounded fighting alongside Russian forces': a casualty word right after the
    figure is whom it counts; a party named further on, past other words, is not theirs (but
    '2,700 wounded Russian soldiers' are Russia's)."""
    em = f.cues.events.any.match(f.after, len(f.after) - len(f.after.lstrip()))
    return em is not None and words_between(f.after[em.end() : party_at]) > 0


@rule
def another_partys_own_forces(f: Figure) -> Decision | None:
    """'Russia has some 600,000 troops in Ukraine': another party's own forces."""
    if f.noun not in ("troops", "workers"):
        return None
    end = (f.noun_match.end() if f.noun_match else 0) + 16
    if party_has(f.before, f.after[:end], f.cues):
        return _reject(
            "another_partys_own_forces",
            "another party's own forces",
            _found(f.cues.possession, f.before),
        )
    return None


# Words allowed between the troops' noun and a verb of having after it (a particle: を, 을).
HAVING_GAP_WORDS = 1


@rule
def army_had_not_sent(f: Figure) -> Decision | None:
    """'ロシアは約60万人の兵力を保有', '북한은 약 120만 명의 병력을 보유하고': where the verb ends
    the clause, a verb of having right after the troops (pack option possession_after) makes them
    the army their owner has: another party's when it is the topic, else North Korea's own; not
    where a word of sending or a casualty stands between ('러시아에 1만 명의 병력을 보유')."""
    c, nm = f.cues, f.noun_match
    if f.noun != "troops" or c.possession_after is NEVER:
        return None
    clause = _first_clause(f.after)
    start = nm.end() if nm else 0
    m = c.possession_after.search(clause, start)
    lead_in = _last_clause(f.before)
    if m is None or words_between(clause[start : m.start()]) > HAVING_GAP_WORDS:
        return None
    if c.deploy.search(lead_in + clause[: m.start()]) or c.events.any.search(clause[: m.start()]):
        return None
    party, nk = last_match(c.other_parties, lead_in), last_match(c.nk, lead_in)
    if party is not None and (nk is None or nk.start() < party.start()):
        return _reject("army_had_not_sent", "another party's own forces", party.group())
    return _reject("army_had_not_sent", "North Korea's own forces, not a deployment", m.group())


@rule
def another_party_deploying(f: Figure) -> Decision | None:
    """'Ukraine has deployed about 50,000 soldiers in the region', 'Russia has sent 50,000
    soldiers to Kursk': troops that another party, the subject of their clause, deploys or sends
    (a word of the done stage) are its own, unless North Korea is named with them."""
    c = f.cues
    if f.noun != "troops" or c.military is NEVER:
        return None
    clause, rest = _last_clause(f.before), _first_clause(f.after)
    verb = last_match(c.military, clause) or _party_sending(c, clause)
    after = c.military.search(rest) if verb is None and c.verb_final else None
    if after is not None:
        # "रूस ने 50,000 सैनिक तैनात किए": the verb ends the clause; North Korea named anywhere
        # before the figure is the subject ("उत्तर कोरिया ने रूस के समर्थन में 30 हजार सैनिकों को").
        clause_end, rest = (-1 if c.nk.search(clause) else len(clause)), rest[: after.start()]
    else:
        clause_end = verb.start() if verb else -1
    party = last_match(c.other_parties, clause[:clause_end]) if clause_end >= 0 else None
    if party is None or c.nk.search(clause[party.end() :]) or c.nk.search(rest):
        return None  # "Russia deployed 11,000 North Korean troops", "troops from North Korea"
    if c.place_suffix.match(clause, party.end()):
        return None  # "Rusya'da 50 bin asker": a place, not who deploys
    return _reject("another_party_deploying", "another party deploys its own", party.group())


# Words allowed between another party and a word of sending that it is the subject of, and
# before the party in its clause where the word is no verb of the done stage ("L'Ukraine a").
SENDER_WORDS, OPENING_WORDS = 2, 1


def _party_sending(c: Cues, clause: str) -> re.Match[str] | None:
    """A word of the done stage or of sending that another party, right before it, is the subject
    of ('Russia has sent', 'La Russie a envoyé', 'Ukraine has mobilized', 'Die Ukraine hat ...
    mobilisiert' where the verb ends the clause is verb_final's); not one of receiving, nor a
    party that is a place ('do Rosji wysłano')."""
    done, sending = last_match(c.done, clause), last_match(c.deploy, clause)
    verb = sending if sending and (done is None or sending.start() > done.start()) else done
    if verb is None or c.receive.match(clause, verb.start()):
        return None
    party = last_match(c.other_parties, clause[: verb.start()])
    if party is None or words_between(clause[party.end() : verb.start()]) > SENDER_WORDS:
        return None
    if verb is not done and words_between(clause[: party.start()]) > OPENING_WORDS:
        return None  # a word of sending only with the party opening the clause: its subject
    return None if c.place_before.search(clause[: party.start()]) else verb


@rule
def north_koreas_own_forces(f: Figure) -> Decision | None:
    """'North Korea, which has about 1.2 million active troops, sent 11,000': the army North
    Korea has at home, where nothing in the figure's clause sends it or places it in Russia."""
    if f.noun != "troops":
        return None
    m = owned_by(f.before, f.cues, f.cues.nk, 2)
    if m is None or f.cues.deploy.search(m.group()):
        return None  # "mengerahkan", massing them, is sending them
    clause = _first_clause(f.after)
    if f.cues.deploy.search(clause) or nearest(f.cues.events, clause, FAR)[0]:
        return None  # "has 11,000 troops in Russia": they are there; "hat 300 Soldaten verloren"
    return _reject(
        "north_koreas_own_forces", "North Korea's own forces, not a deployment", m.group()
    )


@rule
def compound_ends_in_factories(f: Figure) -> Decision | None:
    """'two missile factories': the last noun of a compound is what is counted."""
    nm = f.noun_match
    if f.noun in (None, "factories") or nm is None:
        return None
    factories = f.cues.nouns.get("factories", NEVER)
    if factories.match(f.after, nm.end()) or factories.match(f.after, nm.end() + 1):
        f.noun = "factories"
    return None


@rule
def lone_year_like_figure(f: Figure) -> Decision | None:
    """A four-digit figure like a year, with no counted noun, is taken for a year; not one said
    to be more ('another 2000', '另有2000', '2000 daha'): no year is another; nor one counted in
    people ('2000명', '2000人以上') or wounded, killed ('and 2000 wounded'): no year is; nor one
    hedged and then a part of those counted before ('rund 2000 von ihnen', 'some 2000 of them',
    'около 2000 из них'): no year is about or of them."""
    if f.q.year_like and f.noun is None and not (_more(f) or _counts_people(f) or _hedged_part(f)):
        return _reject("lone_year_like_figure", "looks like a year and counts nothing")
    return None


def _hedged_part(f: Figure) -> bool:
    """A hedge before the figure's digits and a subset word right after it (subset_after)."""
    return f.q.start < f.q.core_start and f.cues.subset_after.match(f.after) is not None


def _counts_people(f: Figure) -> bool:
    """A counter of people right after the figure's digits, or a casualty word right after it;
    the counter may follow a hedge written inside the figure ('2000여명': more than 2,000)."""
    c = f.cues
    if c.person_counter.match(f.text, f.q.core_end):
        return True
    if f.q.core_end < f.q.end and c.person_counter.search(f.text, f.q.core_end, f.q.end):
        return True
    return nearest(c.events, f.after, 0)[0] is not None


# --- casualties -----------------------------------------------------------------------


# A casualty event found in a window and where its word stands: ("killed", match) or (None, None).
_Found = tuple[str | None, re.Match[str] | None]


@rule
def find_event(f: Figure) -> Decision | None:
    """The casualty event of the figure: after it, or just before it."""
    c = f.cues
    # "4 700 hommes, y compris les morts": the dead after an inclusion word are inside the
    # figure, not what it counts.
    after = _event_window(f)
    event, em = nearest(c.events, after, c.event_gap_words)
    lead_in = _without_included(c.totals.sub("", f.before), f)  # "a total of" is no barrier
    lead_in = _past_an_empty_aside(_own_clause(_without_source_aside(lead_in, c)), c)
    # "600 dead out of a total of 11,000": the dead are the part's, not the whole's.
    before = (None, None) if _is_a_whole(f) else _event_before(c, lead_in)
    chosen = _past_the_noun(f, after, (event, em), before)
    if em is not None and chosen[1] is em and _is_the_next_figures(f, em, before):
        chosen = before  # "killed 9 soldiers and wounded 30": "wounded" is the 30's
    elif em is not None and chosen[1] is em and _next_clauses_event(f, em):
        chosen = before  # "sent 11,000 soldiers to Russia, and about 1,000 were killed"
    elif em is not None and chosen[1] is em and _another_noun_first(f, after, em):
        chosen = before  # "sent 2,000 more soldiers to replace troops lost in Kursk"
    elif em is not None and chosen[1] is em and _sent_then_another_clause(f, em):
        chosen = before  # "sent 11,000 soldiers to Russia, where Ukrainian strikes killed many"
    f.event, match = chosen if chosen[0] is not None else before
    f.event_word = match.group() if match is not None else ""
    if match is not None and _joined_with_its_pair(f, match):
        f.event = "killed_or_wounded"  # "поранених і загиблих", "feridos ou mortos"
    return None


def _event_window(f: Figure) -> str:
    """The text after the figure its event is sought in: past asides (_past_asides) and a source
    phrase (_without_source_phrase), without an inclusion clause or a part's clause."""
    after = _past_asides(f)
    if f.sent.has(f.cues.saying):
        after = _without_source_phrase(f, after)
    return _before_a_part_clause(_without_inclusion(after, f.cues), f.cues)


def _without_source_phrase(f: Figure, after: str) -> str:
    """`after` with a source phrase blanked (offsets still hold): a word of saying and the
    source it names ("sind nach Angaben des ukrainischen Staatschefs Wolodymyr Selenskyj nahe
    Sudscha als Kriegsgefangene genommen worden"): whose word it is does not part the figure
    from its event (pack option sources.saying), nor takes room from the words after it."""
    m = f.cues.saying.search(after)
    if m is None:
        return after
    run_on = after is f.after  # else already run on past an aside (_past_asides)
    if run_on:
        after = f.text[f.q.end : min(f.sent.end, f.next_start, f.q.end + AFTER_CHARS + ASIDE_CHARS)]
    end = _source_phrase_end(f.cues, after, m.end())
    if end is None:
        return f.after if run_on else after
    blanked = after[: m.start()] + " " * (end - m.start()) + after[end:]
    return blanked[: AFTER_CHARS + end - m.start()] if run_on else blanked


def _source_phrase_end(c: Cues, text: str, start: int) -> int | None:
    """Where the source named after a word of saying ends: its name or head standing within
    ASIDE_WORDS of `start`, and any that follows it with no word between ("Geheimdienst NIS");
    None where none does, or where the words up to it hold an event or a counted noun (no
    source phrase, but the figure's own words)."""
    lex = lexicon_of(c.lang)
    found = sorted(
        (m.start(), m.end())
        for rx in (lex.names, lex.heads, lex.people)
        for m in rx.finditer(text, start, start + ASIDE_CHARS)
    )
    end = None
    for s, e in found:
        if words_between(text[start if end is None else end : s]) > (
            ASIDE_WORDS if end is None else 0
        ):
            break
        end = e if end is None else max(end, e)
    if end is None or c.events.any.search(text, start, end) or c.nouns.any.search(text, start, end):
        return None
    return end


# An aside set off by commas that closes right before the figure ("captured, in fighting near
# Sudzha, two soldiers"), or before the one short word that leads the figure's object ("capturó,
# durante los combates, a dos soldados": Spanish 'a' before a person); not one of enumeration
# commas, which list.
_ASIDE_BEFORE = re.compile(r"[,，](?P<aside>[^,，;；]{1,60})[,，]\s*(?:[^\W\d_]{1,2}\s+)?$")


def _past_an_empty_aside(lead_in: str, c: Cues) -> str:
    """`lead_in` without an aside that closes right before the figure and holds no counted noun
    nor event (no figure either: the lead-in stops at the one before): 'a capturé, lors de
    combats près de Soudja, trois militaires' - where the fighting was does not part the event
    from its figure; a clause after a comma ('le village de X, où 2 000 soldats') is no aside."""
    m = _ASIDE_BEFORE.search(lead_in)
    if m is None:
        return lead_in
    aside = m.group("aside")
    if c.nouns.any.search(aside) or c.events.any.search(aside):
        return lead_in
    return lead_in[: m.start()] + " "


def _event_before(c: Cues, lead_in: str) -> _Found:
    """The event just before the figure, in reach (pack option event_before_words); not one of
    a clause before the figure's own, which sends it (_sent_in_a_later_clause)."""
    found = nearest(c.events, lead_in, c.event_before_words, from_end=True)
    if found[1] is not None and _sent_in_a_later_clause(lead_in, found[1], c):
        return None, None  # "已有2000名朝鲜士兵伤亡;今年3月朝方又增派了1500人"
    return found


def _sent_in_a_later_clause(lead_in: str, em: re.Match[str], c: Cues) -> bool:
    """A clause break past the event word before the figure, then a word of sending in the
    figure's own clause: 'aveva 2000 morti; poi inviò altri 1500', '伤亡;今年3月朝方又增派了1500人' -
    the event is the clause before's, the figure what its own clause sends (where words are
    not spaced, the clause after the break may look too short to be one of its own)."""
    brk = last_match(CLAUSE_BREAK, lead_in[em.end() :])
    return brk is not None and c.deploy.search(lead_in, em.end() + brk.end()) is not None


def _sent_then_another_clause(f: Figure, em: re.Match[str]) -> bool:
    """The figure is what its own clause sends ("North Korea sent 11,000 soldiers"), and the
    event word stands past a clause break, in a clause with words of its own before the event:
    that clause's event, not the figure's."""
    brk = CLAUSE_BREAK.search(f.after, 0, em.start())
    if brk is None or not _sent_by_its_clause(f):
        return False
    return words_between(f.after[brk.end() : em.start()]) > CLOSING_EVENT_WORDS


# Words between the figure's noun and another counted noun that an event after both describes.
OTHER_NOUN_WORDS = 2


def _another_noun_first(f: Figure, after: str, em: re.Match[str]) -> bool:
    """Another counted noun stands between the figure's own noun and the event word after it:
    the event is that noun's ("2,000 more soldiers ... to replace troops lost in Kursk")."""
    nm = f.noun_match
    if nm is None:
        return False
    other = f.cues.nouns.any.search(after, nm.end(), em.start())
    # Not the figure's own noun phrase ("soldats nord-coréens avaient été tués"): words between;
    # nor another party's agent ("hai binh sĩ ... bị quân Ukraine bắt giữ": captured by them).
    if other is None or f.cues.other_parties.search(after, other.start(), em.start()):
        return False
    # Only past where they go ("soldiers to Russia to replace troops lost"), not "300 soldiers
    # of the North Korean forces died", where the two nouns are one.
    between = after[nm.end() : other.start()]
    return words_between(between) >= OTHER_NOUN_WORDS and f.cues.deploy.search(between) is not None


def _before_a_part_clause(after: str, c: Cues) -> str:
    """`after` up to a clause that opens with a subset word: its event is what happened to a
    part ("11,000 soldiers, of whom some 2,000 have been killed", "из которых погибли уже",
    "z których zginęło", "dont", "di cui": pack option subset_words), not to all the figure
    counts."""
    if c.subset_clause is NEVER:
        return after
    for brk in CLAUSE_BREAK.finditer(after):
        if c.subset_clause.match(after, brk.end()):
            return after[: brk.start()]
    return after


def _past_the_noun(f: Figure, after: str, found: _Found, before: _Found) -> _Found:
    """The event after the figure, unless it only describes the counted noun: "two wounded
    North Korean soldiers were captured" (before the noun), "capturó a dos soldados norcoreanos
    heridos" (right after it, where adjectives follow); then the one after the noun, or the
    one just before the figure."""
    c, nm = f.cues, f.noun_match
    event, em = found
    if event is None or nm is None or em is None:
        return found
    if _describes_the_noun(c, after, em, nm):
        later = nearest(c.events, after[nm.end() :], c.event_gap_words)
        if later[0] is not None or before[0] is not None:
            return later if later[0] is not None else before
    elif c.adjectives_follow and em.start() >= nm.end():
        if words_between(f.after[nm.end() : em.start()]) > 1:
            return found
        if before[0] is not None and not _before_the_part(c, before):
            return before
        return _predicate_past_the_adjective(c, after, found)
    return found


# Words between a casualty adjective after the noun and the predicate's event ("foram", "ont
# été faits", "sono stati").
PREDICATE_WORDS = 3


def _predicate_past_the_adjective(c: Cues, after: str, found: _Found) -> _Found:
    """Where adjectives follow, an event right after the noun describes it and the clause's own
    event follows a few words on: "Três militares norte-coreanos feridos acabaram capturados"
    (captured, not wounded). Not the pair of the dead and the wounded ("feridos e mortos"), nor
    a second description after a comma, nor a list (pack option event_joiners)."""
    event, em = found
    if em is None:
        return found
    rest = after[em.end() :]
    later, lm = nearest(c.events, rest, PREDICATE_WORDS)
    if lm is None or later == event or _PAIRED.get(event or "") == later:
        return found
    # "capturados, visiblemente heridos": a second description set off by a comma; "feriti o
    # catturati": a list of events, joined
    listed = CLAUSE_BREAK.search(rest, 0, lm.start()) or c.event_joiner.search(rest, 0, lm.start())
    return found if listed else (later, lm)


def _before_the_part(c: Cues, before: _Found) -> bool:
    """The event before the figure stands before a clause opening with a subset word: it is the
    whole's ("3 100 pertes, dont 450 soldats morts au front": the 450 are the killed)."""
    bm = before[1]
    if bm is None:
        return False
    return any(
        c.subset_clause.match(bm.string, b.end())
        for b in CLAUSE_BREAK.finditer(bm.string, bm.end())
    )


def _describes_the_noun(c: Cues, after: str, em: re.Match[str], nm: re.Match[str]) -> bool:
    """A casualty word after the figure and before its noun describes the noun ("two wounded
    North Korean soldiers"), unless a word of whose losses joins them: in "300 dead and 2,700
    wounded among North Korean troops" (loss_owner_links) the 2,700 are the wounded."""
    if em.start() >= nm.start():
        return False
    return c.loss_owner.match(after, em.end()) is None


@rule
def subset_of_the_casualties_before(f: Figure) -> Decision | None:
    """'Свыше 5 тысяч ранены. Из них примерно тысяча отправлена домой': a part opening
    its sentence with a subset word (pack option subset_words), with no noun or event of its
    own, of casualties the sentence before counted last counts those casualties (wounded 1,000:
    wounded soldiers sent home are still a figure of the wounded)."""
    if f.noun is not None or f.event is not None or f.prior is not None:
        return None
    if f.prior_before is None or f.prior_before[0] not in EVENTS:
        return None
    if f.cues.subset_opening.search(f.text[f.sent.start : f.q.start]) is not None:
        f.event = f.prior_before[0]
    return None


@rule
def answer_takes_the_question(f: Figure) -> Decision | None:
    """'Q: How many North Korean soldiers are in Russia? — Budanov: About 11,000', '— Сколько из
    них погибли? — Около 600': a figure with no noun or event of its own that opens the answer
    counts what the question right before asked for (pack option question_words)."""
    if f.noun is not None or f.event is not None:
        return None
    asked = _question_answered(f)
    if asked is None:
        return None
    f.noun = nearest(f.cues.nouns, asked, FAR)[0]
    f.event, m = nearest(f.cues.events, asked, FAR)
    f.event_word = m.group() if m else ""
    return None


# Words an answer may open with before its figure, past a speaker's label ("A NIS official:"):
# a dash, a word ("— Около 11 тысяч", "Well, about 11,000").
ANSWER_LEAD_WORDS = 2
QUESTION_MARKS = ("?", "？", "؟")


def _question_answered(f: Figure) -> str | None:
    """The question right before the figure's sentence, if it asks for a count and the figure
    opens the answer; else None."""
    prev = f.sent.prev
    if prev is None or f.cues.question is NEVER or not prev.text.rstrip().endswith(QUESTION_MARKS):
        return None
    opening = re.split(r"[:：]", f.text[f.sent.start : f.q.start])[-1]  # past a speaker's label
    if words_between(opening) > ANSWER_LEAD_WORDS:
        return None
    return prev.text if prev.has(f.cues.question) else None


@rule
def part_of_other_things(f: Figure) -> Decision | None:
    """'Russia launched 120 drones, of which 95 were shot down', '120 ड्रोन दागे, जिनमें से 95
    मार गिराए गए': a part (a subset word right before it, pack option subset_words) of a figure
    before it in its sentence that counted no one, with no person named between, is a part of
    those things; a casualty word there is theirs ('shot down'), no loss of people."""
    c = f.cues
    if f.event is None or f.noun is not None or f.prior is not None or f.prev_end <= f.sent.start:
        return None
    between = f.text[f.prev_end : f.q.start]
    if not c.subset_before.search(between[-30:]):
        return None
    if any(c.nouns.get(n, NEVER).search(between) for n in PERSON_NOUNS) or c.nk.search(between):
        return None
    return _reject("part_of_other_things", "a part of things counted before it", between.strip())


@rule
def hedge_after_the_casualty_noun(f: Figure) -> Decision | None:
    """'بينهم 1000 قتيل على الأقل', '600 dead or more': where a casualty word right after the
    figure is what it counts, a hedge right after that word qualifies the figure as one after a
    counted noun does (pack options *_after_noun)."""
    word, q = f.event_word, f.q
    if not word or f.noun_match is not None or q.qualifier != "exact":
        return None
    at = f.after.find(word)
    if at >= 0 and words_between(f.after[:at]) == 0:
        _hedge_at(f, at + len(word))
    return None


# Words between a bound hedge standing before the verb and the figure ("最多可能向俄罗斯派遣10万").
HEDGE_VERB_WORDS = 2
# Scripts written without spaces (lang.packs.UNSPACED: kana, CJK; not Hangul, which is spaced):
# a hedge there may touch the word before.
UNSPACED_START = re.compile(UNSPACED_CLASS)


@rule
def hedge_before_the_verb(f: Figure) -> Decision | None:
    """'最多可能向俄罗斯派遣10万名士兵': a hedge of at most or at least (the pack's number
    hedges) glued before the verb of sending whose object the figure is, a few words and that
    verb between, bounds the figure as it would right before it; not across a clause break."""
    q, c = f.q, f.cues
    if q.qualifier != "exact" or q.value is None:
        return None
    clause = _last_clause(f.before)
    kinds = c.lang.memo("bound_hedges", lambda: _bound_hedges(c.lang))
    m = last_match(kinds[0], clause) if kinds[0] is not NEVER else None
    between = clause[m.end() :] if m else ""
    # Glued to what follows, as scripts without spaces write it: a spaced 'до', 'do' before a
    # verb is a preposition of place ('до Росії відправили').
    if m is None or between[:1].isspace() or words_between(between) > HEDGE_VERB_WORDS:
        return None
    if clause[m.start() - 1 : m.start()].isalpha() and not UNSPACED_START.match(m.group()):
        return None  # inside a word of a spaced script ('до' in 'дронов')
    if not c.deploy.search(between):
        return None
    low, high, qualifier = qualified(q.value, kinds[1][fold(m.group())], c.lang)
    f.q = replace(q, low=low, high=high, qualifier=qualifier)
    return None


def _bound_hedges(lang: Lang) -> tuple[re.Pattern[str], dict[str, str]]:
    """The pack's hedges of at least and at most before a figure (numbers.hedges' kind_before,
    where a term of two kinds has its first), as one pattern, and the kind of each."""
    bounds = ("at_least", "at_most")
    kinds = {t: k for t, k in hedges(lang).kind_before.items() if k in bounds}
    if not kinds:
        return NEVER, {}
    return re.compile(literal_alternation(list(kinds)), re.IGNORECASE), kinds


# Words allowed between the last word of sending or place after the soldiers and the casualty
# event closing their clause ("deployed in Kursk were killed": were; "sent to Kursk have been").
CLOSING_EVENT_WORDS = 2
# Words from the first word of sending to the casualty event: the soldiers' description may run
# on ("mandados a apoyar a las unidades rusas cerca de Sudzha fallecieron"); the event
# must still stand right after the last word of sending or place (CLOSING_EVENT_WORDS).
CLOSING_REACH_WORDS = 16
# The characters past the figure the clause it closes is read in (the rules' window is shorter).
CLOSING_CLAUSE_CHARS = 200


@rule
def casualty_closing_the_clause(f: Figure) -> Decision | None:
    """'About 4,000 North Korean soldiers deployed in Kursk were killed or wounded': where the
    soldiers are the subject, a casualty event closing their clause past the word of sending
    that describes them is what the figure counts (not where they are sent: 'sent 4,000')."""
    c, nm = f.cues, f.noun_match
    if f.event is not None or f.noun not in ("troops", "people") or nm is None:
        return None
    if _sent_by_its_clause(f):
        return None  # "North Korea sent 4,000 soldiers ...": the figure is what was sent
    after = _after_past_the_window(f)
    clause, ends = _clause_and_its_sendings(after, nm.end(), c)
    if not ends:
        return None
    start = min(e for e, _ in ends)
    event, em = nearest(c.events, clause[start:], CLOSING_REACH_WORDS)
    if event is None or em is None or _subset_after(f, clause[start + em.end() :]):
        return None  # "15 ألف جندي أرسلوا إلى روسيا قتل منهم نحو 600": the part's event
    # Only right after the words of sending, fighting and place, or the aside that holds them:
    # "contingent in Kursk has suffered heavy losses" speaks of the contingent, not of losses
    # the figure counts; "envoyés avec les Russes ont péri": the side they were
    # sent to is no word between them and their event.
    at = start + em.start()
    if any(_closes(c, clause[e:at], place) for e, place in ends if e <= at):
        f.event, f.event_word = event, em.group()
        # The clause may stop mid-pair ("getötet oder verwu"): the pair is read on in the text.
        tail = f.text[f.q.end : min(f.sent.end, f.next_start)]  # up to the next figure, as after
        whole = c.events[event].match(tail, at) if after.startswith(clause) else None
        if _joined_with_its_pair(f, whole or em):
            f.event = "killed_or_wounded"
    return None


def _clause_and_its_sendings(after: str, start: int, c: Cues) -> tuple[str, list[tuple[int, bool]]]:
    """The clause after the soldiers' noun at `start`, with where each word of sending, fighting
    or place in it ends and whether it opens a place phrase that may go on ("im russischen"),
    and the end of a sending aside."""
    clause, aside_end = _clause_past_a_sending_aside(after, start, c, CLOSING_CLAUSE_CHARS)
    ends = [(m.end(), _opens_a_place(c, m.group())) for m in _sendings(c, clause, start)]
    return clause, ends + ([(aside_end, False)] if aside_end else [])


def _after_past_the_window(f: Figure) -> str:
    """The text after the figure, read on where the rules' window cut it: a long description
    may stand before the event closing the clause ("mandati a combattere al fianco dei russi
    contro l'esercito ucraino nella zona di Kursk sono rimasti feriti"); the words of reach still bound
    it. A window a rule narrowed (to a whole's noun phrase) stays as it is."""
    if len(f.after) < AFTER_CHARS or not f.text.startswith(f.after, f.q.end):
        return f.after
    return f.text[f.q.end : min(f.sent.end, f.next_start, f.q.end + CLOSING_CLAUSE_CHARS)]


# Words between the soldiers' noun and an aside that opens after it ("z tego kraju - ..."), and
# words the aside may hold ("some 70 North Korean soldiers, who had been sent to Kursk, died").
ASIDE_OPEN_WORDS, SENDING_ASIDE_WORDS = 3, 8


# Words a place phrase may hold past the word of sending ("sent to the Belgorod region have died").
PLACE_PHRASE_WORDS = 3


def _closes(c: Cues, gap: str, place: bool = False) -> bool:
    """Only a few words, and a place phrase where they were sent, stand between the words of
    sending and the event ("sent to the Belgorod region have died"); a hedge of the event adds
    none ("deployed to Kursk are believed to have been killed"), nor whom they fought ("die mit
    den russischen Truppen gegen die ukrainische Armee kämpften und getötet wurden": pack option against).
    Where the words of sending open a place phrase themselves ("im russischen"), it goes on."""
    gap = c.event_frame.sub(" ", c.other_parties.sub(" ", c.against_party.sub(" ", gap)))
    more = PLACE_PHRASE_WORDS if place else _place_words(c, gap)
    return words_between(gap) <= CLOSING_EVENT_WORDS + more


def _opens_a_place(c: Cues, words: str) -> bool:
    """The words of sending or fighting open a place phrase: "im russischen", "nella regione"."""
    return c.place_opening.match(words) is not None


def _place_words(c: Cues, gap: str) -> int:
    """The words a place phrase opening `gap` may add to it: where they were sent."""
    m = c.place_opening.match(gap)
    return words_between(m.group()) + PLACE_PHRASE_WORDS if m else 0


def _sendings(c: Cues, clause: str, pos: int) -> list[re.Match[str]]:
    """Words of sending, place and fighting in `clause` from `pos`, in text order."""
    found = [*c.deploy.finditer(clause, pos), *c.combat.finditer(clause, pos)]
    return sorted(found, key=lambda m: m.start())


# A dash insert: "40 żołnierzy z Korei Północnej – wysłanych na pomoc Rosji – zostało rannych".
# Polish and Ukrainian copy often writes the dash as a spaced hyphen ("z tego kraju - wysłanych ... -").
_DASH_ASIDE = re.compile(r"\s[—–-]\s[^—–]{1,120}?\s[—–-]\s")


def _clause_past_a_sending_aside(
    after: str, start: int, c: Cues, reach: int = AFTER_CHARS
) -> tuple[str, int | None]:
    """The clause after the soldiers' noun, and past an aside between commas or dashes that
    says where they were sent or fight: "soldiers, who had been sent to Kursk, died",
    "солдатів із КНДР, що билися за Росію, загинуло"; with the
    aside's end (else None). The aside opens right after the noun, or after a description that
    itself sends or fights ("se battant avec les Russes, près de Soudja, ont")."""
    clause = _clause(after, start, reach)
    dash = _DASH_ASIDE.search(clause, start)
    if dash and _opens_near(clause[start : dash.start()], c) and _sendings(c, dash.group(), 0):
        return clause, dash.end()
    rest = after[len(clause) :]
    if not rest or not _opens_near(clause[start:], c):
        return clause, None
    aside = _clause(rest, 1, reach)
    # Whom they were sent to help or fight adds no words ("die Moskau gegen Kiew beistehen
    # sollen"), as between the sending and the event (_closes).
    said = c.other_parties.sub(" ", c.against_party.sub(" ", aside))
    if words_between(said) > SENDING_ASIDE_WORDS or not _sendings(c, aside, 0):
        return clause, None
    end = len(clause) + len(aside) + 1
    return clause + aside + _clause(rest, len(aside) + 1, reach)[len(aside) :], end


def _opens_near(lead: str, c: Cues) -> bool:
    """An aside may open after `lead`: a few words, where they come from ("z Korei Północnej"),
    or a description that sends or fights."""
    if words_between(lead) <= ASIDE_OPEN_WORDS or c.nk.search(lead):
        return True
    return bool(_sendings(c, lead, 0))


# Words a listed figure may carry with its joiner ("30 North Korean soldiers and"), and
# the words of the list's first figure an event before the list may stand behind ("circa 200").
LIST_WORDS, LIST_FIGURE_WORDS = 4, 2


@rule
def event_of_the_list(f: Figure) -> Decision | None:
    """'sono morti 200 russi e circa 300 nordcoreani', '30 North Korean soldiers and 120 Russian
    soldiers were killed': a figure with no event of its own, joined to the figure before or after
    it by a comma or a gapping joiner with a few words of its own, shares the event before the
    figure before it or after the figure after it (one verb for the whole list)."""
    c = f.cues
    own = _first_clause(f.after)
    if f.event is not None or c.gap_joiner is NEVER or not (f.noun or c.nk.search(own)):
        return None  # "Au cours des trois derniers jours, plus de 100 soldats": no one counted
    if c.other_parties.search(own) or c.deploy.search(f.lead) or _whole_before_its_part(f):
        # "120 Russian, 30 North Korean ... were killed": the 120 are Russia's; "sent 11,000
        # soldiers, and about 1,000 were killed": the 11,000 are those sent; "Of the 11,000
        # troops sent, about 4,000 were killed": the whole of a part.
        return None
    before = f.text[f.prev_end : f.q.start]
    if f.prev_end > f.sent.start and _listed(c, before):
        lead_in = _own_clause(f.text[f.sent.start : f.prev_end])
        reach = c.event_before_words + LIST_FIGURE_WORDS
        f.event, m = nearest(c.events, lead_in, reach, from_end=True)
        f.event_word = m.group() if m else ""
    if f.event is None and f.next_start < f.sent.end and _listed(c, f.text[f.q.end : f.next_start]):
        tail = _first_clause(f.text[f.next_end : f.sent.end])
        f.event, m = nearest(c.events, tail, c.event_gap_words)
        f.event_word = m.group() if m else ""
    return None


def _listed(c: Cues, between: str) -> bool:
    """Two figures joined as a list: a few words and a joiner between them, no clause break but
    the list's comma."""
    return words_between(between) <= LIST_WORDS and c.gap_joiner.search(between) is not None


@rule
def described_losses(f: Figure) -> Decision | None:
    """'The first 11,000 troops suffered heavy losses': a casualty word after the figure that an
    adjective of size describes (pack option loss_adjectives) counts nothing; the figure counts
    its own noun."""
    c, word = f.cues, f.event_word
    at = f.after.find(word) if word else -1
    if at < 0 or c.loss_adjective_before is NEVER:
        return None
    end = at + len(word)
    if c.loss_adjective_before.search(f.after[:at]) or c.loss_adjective_after.match(f.after, end):
        f.event, f.event_word = None, ""
    return None


@rule
def share_has_the_casualties(f: Figure) -> Decision | None:
    """'sent about 11,000 troops, more than half of whom have been killed', '約1万1000人を派遣し
    ており、半数以上が死傷した': a share word (pack option share_words) between the figure and
    its casualty word after it, or right before the figure ('a third of the 11,000 soldiers
    ... were killed'), has the casualties; the figure counts its own noun."""
    c, word = f.cues, f.event_word
    # Not a share inside an aside restating the figure ("3000 żołnierzy, czyli jedna trzecia").
    after = _past_asides(f) if word else f.after  # find_event's reading: only where it found one
    at = after.find(word) if word else -1
    past_noun = f.noun_match is not None and at >= f.noun_match.end()  # "the 600 killed soldiers"
    if at > 0 and (c.share.search(after[:at]) or (past_noun and _share_of_the_figure(f))):
        f.event, f.event_word = None, ""
    return None


# Words between a share word and the figure it is a share of ("a third of the roughly").
SHARE_OF_WORDS = 3


def _share_of_the_figure(f: Figure) -> bool:
    """A share word right before the figure, a few words and no clause break between ("nearly a
    third of the roughly 11,000 soldiers", "un tiers des quelque 11 000"): the share is the
    subject of the casualty word after it, the figure is the whole it is a share of."""
    m = last_match(f.cues.share, f.before) if f.cues.share is not NEVER else None
    gap = f.before[m.end() :] if m is not None else ""
    return m is not None and words_between(gap) <= SHARE_OF_WORDS and not CLAUSE_BREAK.search(gap)


@rule
def wounded_including_the_dead(f: Figure) -> Decision | None:
    """'4700 إصابة بينهم قتلى', '4,700 wounded, including the dead': the dead inside a figure of
    wounded make it one of killed and wounded, as ANNOTATION.md counts casualties with the dead."""
    c = f.cues
    if f.event != "wounded":
        return None
    inc = c.inclusion.search(f.after)
    if inc is None or words_between(f.after[: inc.start()]) == 0:
        return None  # right after the figure it is a partitive: "4.000 di antaranya terluka"
    stop = CLAUSE_BREAK.search(f.after, inc.end())
    included = f.after[inc.end() : stop.start() if stop else len(f.after)]
    if nearest({"killed": c.events.get("killed", NEVER)}, included, 1)[0] is not None:
        f.event = "killed_or_wounded"
    return None


def _is_the_next_figures(f: Figure, em: re.Match[str], before: tuple) -> bool:
    """An event word after the figure that stands right before the next figure, when an event
    word also stands before this one: each figure has its own verb ("killed 9 and wounded 30")."""
    if before[0] is None or f.q.end + len(f.after) != f.next_start or f.next_start >= f.sent.end:
        return False
    if _touches_next_figure(f, f.after, em.end()):
        return True
    # "killed 40 North Korean soldiers and wounded another 30": a word of more may stand between,
    # where the word is not this figure's own ("300 Tote und 2700 Verwundete").
    return words_between(f.after[: em.start()]) > 0 and _one_word_at_most(f.after[em.end() :])


def _subset_after(f: Figure, rest: str) -> re.Match[str] | None:
    """A subset word opening `rest` ("منهم", "of them"): what stands before it is the part's."""
    return f.cues.subset_after.match(rest) or f.cues.subset_opening.match(rest)


# Words between the next clause's event word and the next figure it leads to ("the number of
# wounded is close to 1,000").
NEXT_FIGURE_WORDS = 3


def _next_clauses_event(f: Figure, em: re.Match[str]) -> bool:
    """An event word after a clause break that only the next figure follows is that figure's
    ("أرسلت 11 ألف جندي إلى روسيا، وقتل نحو 1000 منهم": the killed are the 1,000), also past a
    subset word between them ("أرسلت 11 ألف جندي، قتل منهم 300", "قُتل من بينهم 300": pack
    options subset_after, subset_words)."""
    subset = _subset_after(f, f.after[em.end() :])
    if subset is None and not (CLAUSE_BREAK.search(f.after, 0, em.start()) or _joined(f, em)):
        return False  # with a subset word after it, no comma: "أرسلوا إلى روسيا قتل منهم نحو 600"
    end = em.end() + (subset.end() if subset else 0)
    if _touches_next_figure(f, f.after, end):
        return True
    # "убито свыше 80 человек, а раненых уже почти 700": a few words of its
    # own clause lead from the word to the next figure, none of them an event of its own.
    gap = f.text[f.q.end + end : f.next_start]
    return (
        subset is None
        and f.next_start < f.sent.end
        and words_between(gap) <= NEXT_FIGURE_WORDS
        and not CLAUSE_BREAK.search(gap)
        and not f.cues.events.any.search(gap)
    )


def _joined(f: Figure, em: re.Match[str]) -> bool:
    """A joiner ('dan', 'and': pack option event_joiners) between the figure and the event word
    after it, the figure being what its clause sends: 'mengirim 12.000 prajurit ke Rusia dan
    menderita korban sekitar 3.000 orang' - the joiner opens a clause of its own, as a comma
    does, whose event the next figure takes."""
    return f.cues.event_joiner.search(f.after, 0, em.start()) is not None and _sent_by_its_clause(f)


_PAIRED = {"killed": "wounded", "wounded": "killed"}


def _joined_with_its_pair(f: Figure, match: re.Match[str]) -> bool:
    """The dead and the wounded named together, one word at most between them and no comma, in
    either order: one figure of both ("6 тисяч поранених і загиблих"), whatever pairs the pack
    spells out."""
    pair = _PAIRED.get(f.event or "")
    other = f.cues.events.get(pair) if pair else None
    if other is None:
        return False
    s = match.string
    ahead = other.search(s, match.end(), match.end() + EVENT_PAIR_CHARS)
    if ahead and _pair_gap(s, match.start(), match.end(), ahead.start()):
        return not _touches_next_figure(f, s, ahead.end())
    if f.prior is not None and f.prior[0] == pair:
        return False  # "قتلوا وأصيب 2700" after "300 ... killed": that word was the 300's
    behind = [m for m in other.finditer(s, max(0, match.start() - EVENT_PAIR_CHARS), match.start())]
    return bool(behind) and _pair_gap(s, behind[-1].start(), behind[-1].end(), match.start())


def _pair_gap(s: str, first: int, gap_start: int, gap_end: int) -> bool:
    """One word at most between the two of a pair, or a word and the one that stands before the
    first again ("de tués et de blessés", "dei morti e dei feriti")."""
    gap = s[gap_start:gap_end]
    if _one_word_at_most(gap):
        return True
    words, before = gap.lower().split(), s[:first].lower().split()[-1:]
    return len(words) == 2 and words[1:] == before and not CLAUSE_BREAK.search(gap)


def _touches_next_figure(f: Figure, window: str, end: int) -> bool:
    """Nothing but the next figure follows `end` in the window after the figure: a word there
    is that figure's ("300 جندي قتلوا وأصيب 2700": the wounded are the 2,700)."""
    return f.q.end + len(f.after) == f.next_start and not window[end:].strip()


def _one_word_at_most(gap: str) -> bool:
    return words_between(gap) <= 1 and not CLAUSE_BREAK.search(gap)


# The words a source aside may hold after its word of saying ("according to South Korea's NIS").
ASIDE_WORDS, ASIDE_CHARS = 3, 60


def _without_source_aside(before: str, c: Cues) -> str:
    """`before` without a source named right before the figure ("verloren nach Angaben Seouls
    etwa 4.000 Mann", "have lost, according to Seoul, about 4,000 men"): whose word it is
    stands aside, it does not part the event from its figure (pack option sources.saying)."""
    tail = before[-ASIDE_CHARS:]
    m = last_match(c.saying, tail) if c.saying is not NEVER else None
    if m is None or words_between(tail[m.end() :]) > ASIDE_WORDS:
        return before
    if c.events.any.search(tail, m.end()) or not _names_a_source(tail[m.end() :], c):
        return before  # "повідомляє про загибель майже двох тисяч": the event is the figure's
    return before[: len(before) - len(tail) + m.start()]


def _names_a_source(aside: str, c: Cues) -> bool:
    """Nothing but a source's name, head or country follows the word of saying ("Seouls", "the
    NIS", "le renseignement ukrainien"; nothing at all in "nach südkoreanischen Angaben"), not
    other words ("told interrogators they were 20")."""
    words = aside.strip(" ,;:")
    lex = lexicon_of(c.lang)
    return not words or any(rx.search(words) for rx in (lex.names, lex.heads, lex.left_country))


def _own_clause(before: str) -> str:
    """The figure's own clause of `before`, when one with a subject and verb of its own starts
    after the last comma ("Russland habe 45.000 Soldaten verloren, Nordkorea habe 11.000
    geschickt"); a lone word after the comma ("死傷者は、約") stays with what precedes it."""
    breaks = list(CLAUSE_BREAK.finditer(before))
    if breaks and words_between(before[breaks[-1].end() :]) >= OWN_CLAUSE_WORDS:
        return before[breaks[-1].end() :]
    return before


def _past_asides(f: Figure) -> str:
    """The text after the figure past an age aside (_past_ages) or else past an aside that
    restates it (pack option aside_openers): 'Trzy tysiące żołnierzy KRLD, czyli jedna trzecia
    wysłanych do Rosji, zostało zabitych lub rannych', set off by commas in the figure's first
    clause, is blanked (offsets still hold): the event after it is the figure's."""
    after, c = _past_ages(f), f.cues
    if after is not f.after or c.restating_aside is NEVER:
        return after
    m = c.restating_aside.search(f.text, f.q.end, min(f.sent.end, f.q.end + AFTER_CHARS))
    if m is None or CLAUSE_BREAK.search(f.text, f.q.end, m.start()):
        return after
    tail = f.text[f.q.end : min(f.sent.end, m.end() + AFTER_CHARS)]
    start, end = m.start() - f.q.end, m.end() - f.q.end
    return tail[:start] + " " * (end - start) + tail[end:]


def _past_ages(f: Figure) -> str:
    """'Two soldiers aged 20 and 26 were captured': where an age aside follows the figure (its
    ages are figures, which end the text after it), the text after it runs on past the aside,
    blanked (offsets still hold), so that the event after the ages is the figure's."""
    c = f.cues
    if c.age_aside is NEVER:
        return f.after
    # The aside starts where the text after the figure stops and holds the next figure (the
    # ages; "w wieku" may be read with them): searched up to that figure's end only, as this
    # runs for every figure. It takes no room from the words after it.
    first = c.age_aside.search(f.text, f.q.end, min(f.sent.end, f.next_end))
    if first is None or first.start() - f.q.end > len(f.after.rstrip()) + 1:
        return f.after
    tail = f.text[f.q.end : min(f.sent.end, f.q.end + 2 * AFTER_CHARS)]
    asides = sum(len(m.group()) for m in c.age_aside.finditer(tail))
    return c.age_aside.sub(lambda m: " " * len(m.group()), tail)[: AFTER_CHARS + asides]


def _without_inclusion(after: str, c: Cues) -> str:
    """The text after a figure without its inclusion clause ("y compris les morts"), blanked
    so that offsets into it still hold.

    Only past the counted noun: right after the figure the same words are a partitive whose
    event is what the figure counts ("4.000 di antaranya tewas", "ألف منهم لقوا حتفهم").
    """
    inc = c.inclusion.search(after)
    if not inc or words_between(after[: inc.start()]) == 0:
        return after
    stop = CLAUSE_BREAK.search(after, inc.end())
    end = stop.start() if stop else len(after)
    return after[: inc.start()] + " " * (end - inc.start()) + after[end:]


def _without_included(before: str, f: Figure) -> str:
    """'사상자가 사망자를 포함해 4700명': the dead are included in the figure, not what it counts;
    but where the word is a subset word right before the figure, the figure a part of the one
    before it ('أرسلت 11 ألف جندي، قتل منهم 300': of them, 300 killed), the event is the part's."""
    c = f.cues
    found = list(c.inclusion.finditer(before))
    if not found or (f.prior is not None and c.subset_before.search(f.before[-30:])):
        return before
    inc = found[-1]
    _, em = nearest(c.events, before[: inc.start()], 1, from_end=True)
    return before[: em.start()] + before[inc.end() :] if em else before


@rule
def another_partys_side(f: Figure) -> Decision | None:
    """'On the Ukrainian side, 8 soldiers were wounded', 'auf ukrainischer Seite': a clause opened
    by another party's side phrase owns its casualties, unless North Korea is named after it."""
    if f.event is None or f.cues.side is NEVER:
        return None
    opener = " ".join(CLAUSE_BREAK.split(f.lead)[-2:])  # the figure's clause and the one before
    m = f.cues.side.search(opener)
    if m is None or f.cues.nk.search(opener, m.end()) or _names_north_korea(f):
        return None
    if fighting_sides(f.cues, f.lead):
        return None
    return _reject("another_partys_side", "another party's side", m.group())


@rule
def capacity_is_not_a_count(f: Figure) -> Decision | None:
    """'a container holds 300 shells', '每个集装箱可装载300枚炮弹', '砲弾300発を積める': a word of
    holding or loading beside the figure in its clause, with one unit holding, says what fits,
    not what was sent (pack options capacity_words, capacity_after, capacity_units)."""
    if f.event is not None:
        return None
    clause = _last_clause(f.lead)
    m = f.cues.capacity.search(clause)
    holder = clause[: m.start()] if m else clause  # who holds: the subject before the verb
    m = m or f.cues.capacity_after.match(_first_clause(f.after))
    # "the containers can carry 3 million shells": what the shipped containers held, a claim.
    if m is None or not f.cues.capacity_unit.search(holder):
        return None
    return _reject("capacity_is_not_a_count", "what fits in one, not a count", m.group().strip())


@rule
def enough_for_is_not_a_count(f: Figure) -> Decision | None:
    """'13,000 containers, enough to carry 9 million shells', 'de quoi transporter 9 millions
    d'obus', 'genug für 9 Millionen Granaten': what a shipment would be enough for, ending at
    most two words before the figure in its clause (pack option sufficiency_words), is what
    would fit, not what was sent, whoever holds it (capacity_is_not_a_count needs one unit)."""
    m = f.cues.sufficiency.search(_last_clause(f.lead))
    if m is None:
        return None
    return _reject(
        "enough_for_is_not_a_count", "what it would be enough for, not a count", m.group().strip()
    )


@rule
def casualties_of_a_strike(f: Figure) -> Decision | None:
    """'В результате удара по городу ранены 25 человек', 'a strike on the city wounded 25': the
    dead and wounded of a strike or shelling whose sentence names neither North Korea nor
    soldiers are its victims, not North Korea's losses (pack option strike_words)."""
    c = f.cues
    if f.event is None or f.noun not in (None, "people"):
        return None
    word = f.sent.found(c.strike)
    if not word or f.sent.has(c.nouns.get("troops", NEVER)):
        return None
    if f.sent.has(c.nk) and not _north_korea_only_as_weapons(f):
        return None
    return _reject("casualties_of_a_strike", "the victims of a strike, no soldiers named", word)


WEAPON_NOUNS = ("shells", "missiles", "rocket_launchers", "artillery")
# How far from a weapon noun North Korea's name qualifies it ("missiles nord-coréens").
WEAPON_REACH_CHARS = 30


def _north_korea_only_as_weapons(f: Figure) -> bool:
    """Every North Korea the sentence names qualifies a weapon beside it ('wounded by North Korean
    missiles', 'KN-23 nordcoreani'): whose weapons, not whose losses."""
    text, c = f.sent.text, f.cues
    weapons = [c.nouns[k] for k in WEAPON_NOUNS if k in c.nouns]
    for m in c.nk.finditer(text):
        around = text[max(0, m.start() - WEAPON_REACH_CHARS) : m.end() + WEAPON_REACH_CHARS]
        if not any(rx.search(around) for rx in weapons):
            return False
    return True


@rule
def prisoners_of_an_exchange(f: Figure) -> Decision | None:
    """'On Friday, the two sides handed over 150 prisoners each', 'Стороны обменялись 150
    пленными': prisoners swapped or handed over in a sentence that does not name North Korea
    are the warring sides' own, not North Koreans captured (pack option exchange_words)."""
    c = f.cues
    if f.event != "captured" or c.exchange is NEVER or f.sent.has(c.nk):
        return None
    word = f.sent.found(c.exchange)
    return _reject("prisoners_of_an_exchange", "prisoners of an exchange", word) if word else None


# Words allowed between the casualty word after a figure and a verb of suffering after it
# ("Verluste erleiden", "死傷者を出している", "kayıp verdiğini").
SUFFERED_AFTER_WORDS = 2


@rule
def losses_another_party_suffers(f: Figure) -> Decision | None:
    """'dass die russischen Truppen täglich rund 1500 Verluste erleiden', 'ロシア軍は1日におよそ
    1500人の死傷者を出している', 'Rus birliklerinin günde yaklaşık 1.500 kayıp verdiğini': a verb of
    suffering (pack option suffer_verbs) right after the casualty word, in the figure's clause,
    makes the party that is the subject before the figure in that clause own the losses; not
    where North Korea is named in that clause (cues.other_party_subject takes the verb before)."""
    c = f.cues
    if f.event is None or c.suffer is NEVER:
        return None
    after = _first_clause(f.after)
    em = c.events.any.search(after)
    verb = c.suffer.search(after, em.end()) if em else None
    if em is None or verb is None:
        return None
    if words_between(after[em.end() : verb.start()]) > SUFFERED_AFTER_WORDS * c.syllables:
        return None
    clause = _last_clause(f.lead)
    party = last_match(c.other_parties, clause)
    if party is None or c.nk.search(clause) or c.nk.search(after[: verb.start()]):
        return None
    if c.place_suffix.match(clause, party.end()) or c.place_before.search(clause[: party.start()]):
        return None  # "Rusya'da", "in Russia": a place, not who suffers
    return _reject("losses_another_party_suffers", "another party's losses", party.group())


@rule
def casualties_of_another_war(f: Figure) -> Decision | None:
    """'In Gaza, more than 40,000 people have been killed', 'Gaza health officials: the death
    toll has passed 50,000': a casualty figure whose sentence names another war's place or side
    (pack option other_wars) before it, or its clause after it, with North Korea named nowhere
    between, counts that war's dead, whatever North Korea the article is about."""
    m = _names_another_war(f) if f.event is not None else None
    if m is None:
        return None
    return _reject("casualties_of_another_war", "another war's casualties", m.group())


@rule
def casualties_of_both_sides(f: Figure) -> Decision | None:
    """'Hundreds were killed on both sides': a casualty figure whose clause says the losses are
    both warring sides' (pack option both_sides), North Korea named nowhere in that clause,
    counts two armies together, not North Korea's losses."""
    c = f.cues
    if f.event is None or not f.sent.has(c.both_sides):  # one search per sentence, memoised
        return None
    # Past the next figure: "des deux côtés" holds a figure of its own.
    rest = _first_clause(f.text[f.q.end : f.sent.end])
    clause = _last_clause(f.lead) + f.text[f.q.start : f.q.end] + rest
    m = c.both_sides.search(clause)
    if m is None or c.nk.search(clause):
        return None
    return _reject("casualties_of_both_sides", "both warring sides' losses", m.group())


def _names_another_war(f: Figure) -> re.Match[str] | None:
    """Another war's place or side before the figure in its sentence, or in its clause after
    it, with North Korea named nowhere between (pack option other_wars); else None."""
    c = f.cues
    if not f.sent.has(c.other_war):  # one search per sentence, memoised
        return None
    lead_in = f.text[f.sent.start : f.q.start]
    m = last_match(c.other_war, lead_in)
    between = lead_in[m.end() :] if m is not None else ""
    if m is None:
        clause = _first_clause(f.after)
        m = c.other_war.search(clause)
        between = clause[: m.start()] if m is not None else ""
    return None if m is None or c.nk.search(between) else m


@rule
def casualty_needs_soldiers_in_view(f: Figure) -> Decision | None:
    """'600 dead' is a North Korean casualty figure only with its soldiers in view."""
    if f.event is None or not (f.noun is None or f.noun in PERSON_NOUNS):
        return None
    c, nm, name = f.cues, f.noun_match, "casualty_needs_soldiers_in_view"
    nk_noun = f.noun == "people" and (_people_of_north_korea(f) or _lost_by_north_korea(f))
    nk_after = nm is not None and _nk_owns(c, _clause(f.after, nm.end(), 40))
    if other_party_subject(f.lead, c) and not (nk_noun or nk_after):
        return _reject(name, "another party's losses", _found(c.other_parties, f.lead))
    if c.loss_verbs.match(f.event_word) and not (nk_noun or nk_after or _nk_subject(f)):
        return _reject(name, "losses of a side other than North Korea", f.event_word)
    troops = c.nouns.get("troops", NEVER)
    troop_ctx = f.in_view(troops) or _part_of_the_losses_before(f)
    if f.noun == "troops" or nk_noun or troop_ctx or (f.noun is None and f.nk_in_view()):
        return _accept(
            name, f.event, "persons", "a casualty event of North Korean soldiers", f.event
        )
    if _north_korean_workers(f) or (f.noun in WORKING_NOUNS and nk_after) or _nk_sappers(f):
        return _accept(
            name, f.event, "persons", "a casualty event of North Korea's people", f.event
        )
    return _reject(name, "a casualty event with no North Korean soldiers in view", f.event)


def _part_of_the_losses_before(f: Figure) -> bool:
    """'straciła 5 100 ludzi, w tym 700 zabitych': a figure right after a word
    of inclusion or a subset word (pack options inclusion, subset_words) is a part of the
    casualties the figure before it in its sentence counted, whose soldiers are in view."""
    if f.prior is None or f.prior[0] not in EVENTS:
        return False
    lead_in = f.before[-30:]
    found = [*f.cues.inclusion.finditer(lead_in), *f.cues.subset_before.finditer(lead_in)]
    return any(not lead_in[m.end() :].strip() for m in found)


def _lost_by_north_korea(f: Figure) -> bool:
    """'North Korea has lost 4,700 men': the men or people North Korea, named before the figure in
    its sentence, loses (pack option loss_verbs) are its soldiers; 'La brigade 92 a perdu 40
    hommes', with no North Korea named, are nobody's here."""
    c = f.cues
    return bool(c.loss_verbs.match(f.event_word)) and c.nk.search(f.lead) is not None


# People North Korea sends who are not soldiers: their dead and wounded count too.
WORKING_NOUNS = ("sappers", "construction_workers", "workers")


def _north_korean_workers(f: Figure) -> bool:
    """'Nine North Korean deminers were killed', '북한 공병 9명이 숨졌다': sappers, builders or
    workers whom North Korea's name qualifies, between the figure and the noun or, where the
    noun comes first, just before it (not 'nine Ukrainian deminers')."""
    if f.noun not in WORKING_NOUNS:
        return False
    nm = f.noun_match
    if nm is not None:
        return f.cues.nk.search(f.after[: nm.start()]) is not None
    return _north_korea_just_before(f)


def _nk_sappers(f: Figure) -> bool:
    """'Neun bei der Minenräumung gefallene Militärpioniere ehrte die Führung der DVRK': sappers
    are soldiers sent, not a side's own people at large; where their sentence names North Korea
    and no other party, they are its sappers (not 'ukrainische Pioniere': another_partys_people)."""
    c = f.cues
    return f.noun == "sappers" and f.sent.has(c.nk) and not f.sent.has(c.other_parties)


def _nk_owns(c: Cues, clause: str) -> bool:
    """North Korea named after the noun as the soldiers' side, not as the enemy they fought
    ("lost 40 men in battles against North Korean troops")."""
    opener = c.clause_opener.search(clause)
    if opener is not None:
        clause = clause[: opener.start()]  # "lost 500 soldiers while North Korea sent": another's
    m = c.nk.search(clause)
    return m is not None and not c.against.search(clause[: m.start()])


def _nk_subject(f: Figure) -> bool:
    """Who lost: North Korea named before the figure in its sentence ("Kyiv says Pyongyang has
    lost"), or no party there and North Korea in view ("« Ils ont perdu 4 000 hommes »" after a
    sentence on North Korea's troops); not "Ukraine said it had lost" nor "ВСУ потеряли"."""
    if f.cues.nk.search(f.lead):
        return True
    return not f.cues.other_parties.search(f.lead) and f.nk_in_view()


def _prior_sentence(f: Figure) -> tuple[str, str] | None:
    """What the last figure of the sentences before counted, if this sentence can count it too:
    people sent only where it sends them too or says they follow, and then the last people sent
    ("North Korea sent 11,000 troops and 300 were killed. Another 500 could follow": troops)."""
    sends = _sends(f)
    if sends and f.prior_sending is not None:
        return f.prior_sending
    prior = f.prior_before
    if prior is None or (prior[0].endswith("_deployed") and not sends):
        return None
    if sends and prior[0] in EVENTS:
        return None  # "300 were killed. At least 1,000 more may be sent": the dead are not sent
    return prior


# Words between a figure with no noun and the verb of sending whose subject it is: auxiliaries
# only ("around 3,000 had been sent", "3 000 ont été envoyés", "3 тысячи были отправлены").
SUBJECT_VERB_WORDS = 2


def _sent_as_subject(f: Figure) -> str:
    """The word of sending or presence (pack option presence_words: 'About 11,000 are already
    there') after a figure with no noun, in its clause, with no casualty word between ("300 were
    killed after being sent": the dead); or ""."""
    if f.cues.verb_final:
        return ""  # there a figure before the verb is its object as often, nouns between
    found = [m for m in (f.cues.deploy.search(f.after), f.cues.presence.search(f.after)) if m]
    m = min(found, key=lambda m: m.start(), default=None)
    if m is None or not _opens_its_clause(f):
        return ""
    gap = f.after[: m.start()]
    if words_between(gap) > SUBJECT_VERB_WORDS or any(ch in gap for ch in ",;:.!?()"):
        return ""
    return "" if f.cues.events.any.search(gap) else m.group()


def _opens_its_clause(f: Figure) -> bool:
    """Nothing but a word of saying and one word after it stands before the figure in its
    clause ("Around 3,000 ...", "She added that around 3,000 ...")."""
    clause = _last_clause(f.before)
    if not clause.strip():
        return True
    # "il était prévu qu'environ 10 000 y soient envoyés": a word of planning opens it as one
    # of saying does.
    said = last_match(f.cues.saying, clause) or last_match(f.cues.planned, clause)
    if said is None or not any(ch.isalpha() for ch in said.group()):
        return False  # "tirocinanti: 8.000 ...": a colon goes on about what came before
    rest = clause[said.end() :]
    # "के अनुसार कर्मी दो समूहों में": a counted noun there is what the figure's phrase is about.
    return words_between(rest) <= 1 and not f.cues.nouns.any.search(rest)


def _sends(f: Figure) -> str:
    """The sentence's word of sending, or of following those sent ("could follow"), or ""."""
    return f.sent.found(f.cues.deploy) or f.sent.found(f.cues.follows)


def _clause(after: str, start: int, reach: int) -> str:
    """`after` up to `reach` characters past `start`, stopping at the clause's end: "lost
    45,000 soldiers in Kursk, while North Korea sent ..." does not name the dead's side."""
    stop = CLAUSE_BREAK.search(after, start, start + reach)
    return after[: stop.start() if stop else start + reach]


def _clause_around(f: Figure) -> str:
    """The figure's clause: its text before it back to a clause break, and after it up to one."""
    return _last_clause(f.before) + " " + _first_clause(f.after)


def _first_clause(text: str) -> str:
    """`text` up to its first clause break."""
    return _clause(text, 0, len(text))


def _last_clause(text: str) -> str:
    """`text` after its last clause break."""
    breaks = [m.end() for m in CLAUSE_BREAK.finditer(text)]
    return text[breaks[-1] :] if breaks else text


def _more(f: Figure) -> re.Match[str] | None:
    """'another', 'weitere' right before the figure or 'more' right after it."""
    return f.cues.ellipsis.search(f.before[-25:]) or f.cues.ellipsis_after.match(f.after)


@rule
def gapped_figure(f: Figure) -> Decision | None:
    """'About 350 workers were sent to Moscow and nearly 100 to Vladivostok': a figure with no
    noun, joined to the figure before it in its sentence and followed by a place, counts what
    that figure counted; the verb and the noun it shares are left out."""
    if f.noun is not None or f.event is not None or f.prior is None:
        return None
    joiner = f.cues.gap_joiner.search(f.before)
    if joiner is None or not f.cues.place_after.match(f.after):
        return None
    return _accept(
        "gapped_figure",
        *f.prior,
        "shares the verb and noun of the figure before it",
        joiner.group().strip(),
    )


@rule
def pronoun_for_the_noun_before(f: Figure) -> Decision | None:
    """'Pyongyang had supplied 2.3 million shells and kept sending about 150,000 of them a month'
    as French writes it ('continuait d'en livrer environ 150 000'), Italian with 'ne': the
    pronoun before the figure stands for what the figure before it counted."""
    if f.noun is not None or f.event is not None:
        return None
    m = f.cues.noun_pronoun.search(f.before)
    prior = f.prior or _prior_sentence(f)
    if m is None or prior is None:
        return None
    indicator, unit, why = _more_of(prior, f.cues.deploy.search(m.group()) is not None)
    why = "a pronoun for what was counted" if (indicator, unit) == prior else why
    return _accept("pronoun_for_the_noun_before", indicator, unit, why, m.group().strip())


# What a figure may leave out when the sentence before named it: objects, never people or losses.
OBJECT_INDICATORS = (
    "shells_supplied",
    "missiles_supplied",
    "containers_shipped",
    "rocket_launchers_supplied",
    "artillery_supplied",
)


@rule
def objects_left_unsaid(f: Figure) -> Decision | None:
    """'North Korea has shipped millions of artillery shells to Russia. It has sent 3 million so
    far, the NIS said': a figure with nothing after it (or only where it went), in a sentence
    that sends or supplies, counts the objects the sentence before named and counted. A figure
    of its own sentence comes first ("направил около 12 тысяч военных, а в начале этого года -
    еще около 4 тысяч": troops, whatever the sentence before shipped)."""
    if f.noun is not None or f.event is not None or f.prior is not None or f.prior_before is None:
        return None
    indicator, unit = f.prior_before
    noun = _noun_of(indicator)
    if indicator not in OBJECT_INDICATORS or noun is None:
        return None
    if not f.sent.has_before(f.cues.nouns.get(noun, NEVER)):
        return None
    # Nothing after it in its clause but the verb ("Bislang wurden rund 3 Millionen geliefert").
    left = f.cues.done.sub(" ", f.cues.deploy.sub(" ", _first_clause(f.after)))
    if words_between(left.rstrip(".!?。")) > 0 and not _to_a_party(f):
        return None
    word = f.sent.found(f.cues.deploy) or f.sent.found(f.cues.done)
    if not word:
        return None
    return _accept("objects_left_unsaid", indicator, unit, "the objects named before", word)


def _to_a_party(f: Figure) -> bool:
    """A place preposition and a party right after the figure: where it went ("3 million to
    Russia"), not what it counts ("hundreds of millions of dollars")."""
    m = f.cues.place_after.match(f.after)
    return m is not None and f.cues.other_parties.match(f.after, m.end()) is not None


@rule
def another_voice_for_the_figure_before(f: Figure) -> Decision | None:
    """'The NIS puts the number at 11,000, while Kyiv says 12,000': a figure with no noun right
    after a word of saying (one word at most between), in a clause after that of the claim
    before it in its sentence, is another source's count of the same."""
    if f.noun is not None or f.event is not None or f.prior is None:
        return None
    clause = _last_clause(f.before)
    said = last_match(f.cues.saying, clause) if f.cues.saying is not NEVER else None
    if clause == f.before or said is None or words_between(clause[said.end() :]) > 1:
        return None
    return _accept(
        "another_voice_for_the_figure_before",
        *f.prior,
        "another source's count of what the figure before counted",
        said.group(),
    )


@rule
def people_of_an_estimate(f: Figure) -> Decision | None:
    """'北朝鮮はロシアに兵士を派遣した。国家情報院は1万1000人…と推定している', '국정원은 1만1000명,
    우크라이나 국방부는 1만2000명으로 추정했다': a figure counted only by a person counter, with no
    event, in a sentence that says or estimates, after sentences that sent people, is an estimate
    of those people (the last people sent)."""
    c = f.cues
    if (
        f.noun is not None
        or f.event is not None
        or not c.person_counter.match(f.text, f.q.core_end)
    ):
        return None
    if not f.sent.has(c.saying) or f.sent.has(c.nouns.any) or f.sent.has(c.other_parties):
        return None  # a noun says what it counts; another party's ("ロシア軍は…約5万人を集結")
    if not f.lead.strip():
        return None  # "2人はそれぞれ20歳と26歳で": the figure opening its sentence is its subject
    sent = f.prior_sending or _people_sent_before(f)
    if sent is None:
        return None
    return _accept("people_of_an_estimate", *sent, "an estimate of the people sent before", "")


def _people_sent_before(f: Figure) -> Prior:
    """The people the sentence before sends with no figure ("北朝鮮はロシアに兵士を派遣した"):
    troops or workers named there beside a word of sending."""
    prev = f.sent.prev
    if prev is None or not prev.has(f.cues.deploy):
        return None
    return _people_sent_in(prev.text, f.cues)  # a word of sending there (memoised above)


def _sent_with_no_figure(f: Figure) -> Prior:
    """People sent with no figure, in the figure's sentence before it or in the sentence before
    ("sent its troops in two rounds, with the second wave of about 3,000"), where this sentence
    sends too ("Another 3,000 are being trained": no)."""
    if not _sends(f):
        return None
    lead_in = f.text[f.sent.start : f.q.start]
    here = _people_sent_in(lead_in, f.cues) if f.cues.deploy.search(lead_in) else None
    return here or _people_sent_before(f)


def _people_sent_in(text: str, c: Cues) -> Prior:
    """Troops or workers (one kind only) named in `text`, which holds a word of sending."""
    kinds = []
    for kind in ("troops", "workers"):
        m = c.nouns.get(kind, NEVER).search(text)
        # "派遣" is a word of sending before it is a noun of troops
        if m is not None and not c.deploy.match(text, m.start()):
            kinds.append(kind)
    return (f"{kinds[0]}_deployed", "persons") if len(kinds) == 1 else None


@rule
def no_noun_counts_as_the_figure_before(f: Figure) -> Decision | None:
    """With no noun, 'another 3,000' or 'puts this figure at' counts what came before."""
    if f.noun is not None:
        return None
    name = "no_noun_counts_as_the_figure_before"
    m = _more(f)
    # "Another 3,000 will be sent": also after a sentence before, for people only where sent.
    prior = _fitting(f.prior or _prior_sentence(f) or (_sent_with_no_figure(f) if m else None), f)
    if prior and m:
        return _accept(name, *_more_of(prior, _sending_in_its_clause(f)), m.group())
    # "She added that around 3,000 had been sent": the subject of a verb of sending, after
    # sentences that sent people, is more of them ("Seoul believes 15,000 have been deployed").
    prior = _fitting(f.prior or f.prior_sending or prior or _people_sent_before(f), f)
    sent = _sent_as_subject(f) if prior else ""
    if prior and sent:
        return _accept(name, *prior, "the subject of sending, as the figure before", sent)
    if f.prior and (word := _sent_right_after(f)):
        return _accept(name, *f.prior, "sent as the figure before, its noun left out", word)
    m = f.cues.back_reference.search(f.before[-60:])
    if m and f.after_no_claim:  # "fired 10,000 shells a day, down from 20,000": no claim
        return _reject(name, "restates a figure that is no claim", m.group())
    # "Nordkorea hat Truppen geschickt. Seoul beziffert die Zahl auf 11.000": those sent before.
    earlier = _fitting(f.prior_any or f.prior_sending or (_people_sent_before(f) if m else None), f)
    if earlier and m:
        return _accept(name, *earlier, "restates the figure just given", m.group())
    # "sent another 3,000 troops, bringing the total to around 14,000": the total of the same.
    m = f.cues.total_of_those.search(f.before[-40:])
    if earlier and m:
        return _accept(name, *earlier, "the total the figure before adds to", m.group())
    return _reject(name, "no counted noun")


CASUALTY_INDICATORS = ("killed", "wounded", "killed_or_wounded", "captured")
# Words between a figure whose noun is left out and the word of sending after it.
ELIDED_SENDING_WORDS = 2


def _sent_right_after(f: Figure) -> str:
    """'90 more missiles, in addition to the 60 already delivered', 'en plus des 11 000 envoyés
    en octobre': a figure with no noun after a phrase of what more adds to (pack timing.adds_to
    base), with a word of sending or supplying a word or two after it in its clause (or right
    past a comma), sends what the figure before it in the sentence counted; the word, or ""."""
    if f.prior is None or f.prior[0] in CASUALTY_INDICATORS:
        return ""
    if not f.cues.base_of_those.search(f.before[-60:]):
        return ""
    # A participle set off by a comma describes the figure too ("к 11 тысячам, отправленным").
    clause = _first_clause(re.sub(r"^\s*,", "", f.after))
    for rx in (f.cues.deploy, f.cues.done):
        m = rx.search(clause)
        if m is not None and words_between(clause[: m.start()]) <= ELIDED_SENDING_WORDS:
            return m.group()
    return ""


def _more_of(prior: tuple[str, str], sending: bool) -> tuple[str, str, str]:
    """What more of the figure before counts: its own, or soldiers where a word of sending
    governs them after a casualty figure ("2,000 ... killed, and Pyongyang plans to send another
    5,000", "veut en envoyer 5 000 de plus")."""
    if sending and prior[0] in CASUALTY_INDICATORS:
        return (*vocabulary().nouns["troops"], "more soldiers sent")
    return (*prior, "counts what the figure before it counted")


def _sending_in_its_clause(f: Figure) -> bool:
    """A word of sending in the figure's own clause, before it or after it ("plans to send
    another 5,000", "will weitere 5.000 schicken")."""
    return f.cues.deploy.search(_clause_around(f)) is not None


def _sent_by_its_clause(f: Figure) -> bool:
    """A word of sending in the figure's clause before it: the figure is what was sent ("North
    Korea sent 11,000 soldiers")."""
    return f.cues.deploy.search(_last_clause(f.before)) is not None


def _fitting(prior: Prior, f: Figure) -> Prior:
    """What a figure before counted, if this figure can count it: a wage only with a currency
    ("paid $150 a month. North Korea could send up to 50,000 more": no wage of 50,000)."""
    if prior is not None and prior[0] == "wage" and not f.q.currency:
        return None
    return prior


# --- people, objects, factories -------------------------------------------------------


@rule
def north_koreans_at_war(f: Figure) -> Decision | None:
    """'About 11,000 North Koreans are fighting in Kursk' or 'have been deployed to Russia': North
    Korea's people by name with a word of combat or of military deployment count troops, as
    with a word of sending where troops are in view ('50,000
    troops in Kursk, including 11,000 North Koreans'); not where workers, builders, sappers or
    pay are named (those are what the people are)."""
    c = f.cues
    if f.noun != "people" or not (_people_of_north_korea(f) or _names_north_korea(f)):
        return None
    if any(f.sent.has(c.nouns[k]) for k in OTHER_PEOPLE if k in c.nouns):
        return None
    if f.sent.has(c.work_as) or f.sent.has(c.pay):
        return None
    troops = c.nouns.get("troops", NEVER)
    if (
        f.sent.has(c.combat)
        or f.sent.has(c.military)
        or (f.sent.has(c.deploy) and f.in_view(troops))
    ):
        f.noun = "troops"
    return None


@rule
def north_koreans_arriving(f: Figure) -> Decision | None:
    """'More than 13,000 North Koreans arrived in Russia last year', 'в России работали около 30
    тыс. граждан КНДР': North Korea's people by name who arrive, enter or work in Russia (pack
    option arrivals) are workers sent, where no word of combat or military deployment nor troops
    in view make them troops and no tourists or students (arrivals.not_workers) are named."""
    c, arr = f.cues, f.cues.arrivals
    if f.noun != "people" or f.event is not None:
        return None
    if not (_people_of_north_korea(f) or _names_north_korea(f) or _north_korea_after_noun(f)):
        return None
    if f.sent.has(c.combat) or f.sent.has(c.military) or f.sent.has(arr.get("not_workers", NEVER)):
        return None
    if f.in_view(c.nouns.get("troops", NEVER)):
        return None  # "North Korea has sent troops. About 11,000 North Koreans arrived ...": troops
    clause = _clause_around(f)
    verb = arr.get("verbs", NEVER).search(clause)
    if verb is None or not arr.get("places", NEVER).search(clause):
        return None
    indicator, unit = vocabulary().nouns["workers"]
    return _accept(
        "north_koreans_arriving", indicator, unit, "North Koreans in Russia", verb.group()
    )


def _north_korea_after_noun(f: Figure) -> bool:
    """North Korea named right after the counted noun ("граждан КНДР", "obywateli KRLD")."""
    if f.noun_match is None:
        return False
    rest = f.after[f.noun_match.end() :]
    return f.cues.nk.match(rest, len(rest) - len(rest.lstrip())) is not None


def _people_of_north_korea(f: Figure) -> bool:
    """The counted people are North Korea's by name: "North Koreans", "Koreańczyków z Północy",
    "громадян КНДР" (North Korea in the genitive right after them); where nouns come first, North
    Korea named in the words just before the figure ("북한인 약 1만1000명")."""
    nm = f.noun_match
    if nm is None:
        return _north_korea_just_before(f)
    if f.cues.nk.search(nm.group()) or f.cues.nk.match(f.after, nm.start()):
        return True
    return _north_korea_owns(f, nm.end())


def _north_korea_just_before(f: Figure) -> bool:
    """Where nouns come first, North Korea named in the words just before the figure."""
    near = list(f.cues.nk.finditer(f.before)) if f.cues.noun_before_words else []
    return bool(near) and words_between(f.before[near[-1].end() :]) <= f.cues.noun_before_words


@rule
def more_people_are_those_sent(f: Figure) -> Decision | None:
    """'500 kişi daha gönderilecek', '3,000 more people will follow': more people, where the
    sentence sends them or says they follow, are more of the people sent before."""
    if f.noun != "people" or f.event is not None:
        return None
    nm = f.noun_match
    more = _more(f) or (f.cues.ellipsis_after.match(f.after, nm.end()) if nm else None)
    prior = f.prior or _prior_sentence(f)
    if more is None or prior is None or not prior[0].endswith("_deployed") or not _sends(f):
        return None
    return _accept(
        "more_people_are_those_sent", *prior, "more of the people sent before", more.group()
    )


@rule
def one_is_a_unit(f: Figure) -> Decision | None:
    """'ще один контингент', 'un altro contingente', 'one more group': a figure of one written as
    a word, exactly, of people with no casualty event is a unit sent (a contingent, a group, a
    wave), never a count of the people in it; one soldier killed or captured stays a casualty."""
    if f.noun not in PERSON_NOUNS or f.event is not None:
        return None
    written = f.text[f.q.core_start : f.q.core_end]
    if f.q.value != 1 or f.q.qualifier != "exact" or any(ch.isdigit() for ch in written):
        return None  # "1,000 soldados" read as 1 with a decimal comma is the 1,000 it may be
    return _reject("one_is_a_unit", "one unit, not a count of people", f.noun)


@rule
def casualties_restated(f: Figure) -> Decision | None:
    """'...死傷者が約4700人に上る。昨年12月時点では約3000人だった', 'In December, their number
    stood at 3,000 soldiers': soldiers or people with no event of their own, in a clause that
    refers back to the number just given (pack options count_anaphora, back_references), after
    a sentence that counted casualties and sent no one, restate those casualties."""
    if f.noun not in ("troops", "people") or f.event is not None or f.prior_before is None:
        return None
    if f.prior_before[0] not in EVENTS or f.sent.found(f.cues.deploy) or _restated_sending(f):
        return None
    m = _count_anaphora(f) or _opening_back_reference(f.cues, _last_clause(f.before))
    if m is None:
        return None
    return _accept("casualties_restated", *f.prior_before, "restates the casualties", m.group())


# Words between a part_of_a phrase and the whole's figure ("parte di un corpo d'élite di").
PART_OF_A_WORDS = 5


@rule
def whole_a_part_belongs_to(f: Figure) -> Decision | None:
    """'Pyongyang ha schierato 8.000 soldati, parte di un corpo d'élite di 40.000 uomini' (pack
    option part_of_a): a figure of people in the phrase after 'part of a', after a figure
    of people its clause sends, counts the whole they belong to, not people sent; not where a
    word of sending stands between or after it in its clause ('part of a force of 40,000 sent
    to Kursk'), nor after people their clause does not send before them ('confirming that
    1,500 troops began training as part of a planned force of 10,000': the force is sent)."""
    if f.noun not in PERSON_NOUNS or f.event is not None or f.prev_end <= f.sent.start:
        return None
    c, lead_in = f.cues, f.text[f.prev_end : f.q.start]
    m = last_match(c.part_of_a, lead_in)
    # The part's own clause sends it before its figure (places count: "в Курській області
    # перебувають 12 тисяч") or after it, where the verb ends the clause ("hat 9.000 Soldaten
    # nach Russland entsandt, die Teil einer"); one that names only where they train is not.
    if m is None or not _part_sent(c, f.text[f.sent.start : f.prev_end], lead_in[: m.start()]):
        return None
    gap = lead_in[m.end() :]
    if CLAUSE_BREAK.search(gap) or words_between(gap) > PART_OF_A_WORDS * c.syllables:
        return None
    if c.deploy.search(gap) or c.deploy.search(_first_clause(f.after)):
        return None
    return _reject("whole_a_part_belongs_to", "the whole that people sent belong to", m.group())


def _part_sent(c: Cues, before_part: str, after_part: str) -> bool:
    """A word of sending in the part's own clause before its figure, or a verb of the done
    stage after it up to the clause's end ("8.000 Soldaten an die Front verlegt, die"); not a
    place alone after it ("1.500 tropas treinam agora numa base da Rússia")."""
    if c.deploy.search(_last_clause(before_part)):
        return True
    return c.done.search(_first_clause(after_part)) is not None


@rule
def people_who_fled(f: Figure) -> Decision | None:
    """'5名逃离俄罗斯的朝鲜工人', 'five North Korean workers who fled Russia': people whose
    clause says they fled or escaped (pack option fled_words) are no people sent, whatever
    place in Russia their clause names."""
    c = f.cues
    if f.noun not in PERSON_NOUNS or f.event is not None or not f.sent.has(c.fled):
        return None  # the sentence's search is shared by its figures: no search per figure
    m = c.fled.search(_clause_around(f))
    return None if m is None else _reject("people_who_fled", "people who fled", m.group())


@rule
def people_need_a_deployment(f: Figure) -> Decision | None:
    """Troops, workers, builders and sappers are claims where North Korea sends them."""
    if f.noun not in PERSON_NOUNS:
        return None
    name = "people_need_a_deployment"
    if f.noun == "people":
        return _reject(name, "people in general, with no casualty event")
    # "Another 500 troops could follow": more people follow those sent.
    word = f.sent.found(f.cues.deploy) or (f.sent.found(f.cues.follows) if _more(f) else "")
    word = word or _restated_sending(f) or _estimated_troops(f) or _asked_sending(f)
    word = word or _whole_of_the_fallen(f)
    if not word:
        return _reject(name, "no deployment word in the sentence", f.noun)
    if not f.nk_in_view():
        return _reject(name, "North Korea is not in view")
    indicator, unit = vocabulary().nouns[f.noun]
    return _accept(name, indicator, unit, f"{f.noun} sent", word)


def _whole_of_the_fallen(f: Figure) -> str:
    """'About 600 of the 11,000 North Korean soldiers have died', '700 caduti su un totale di
    13.000 soldati': the whole whose part fell counts the soldiers who were there
    (no more than the ledger holds plausible: not a whole army at home); the event word, or ""."""
    if f.noun != "troops" or not _is_a_whole(f) or not f.nk_in_view() or _an_army(f):
        return ""
    found = f.cues.events.any.search(f.text, f.sent.start, f.sent.end)
    return found.group() if found else ""


def _an_army(f: Figure) -> bool:
    """More troops than the ledger holds plausible as sent: an army at home (1.2 million)."""
    return (f.q.value or 0) > vocabulary().indicators["troops_deployed"].max


def _asked_sending(f: Figure) -> str:
    """The word of sending or place of the question the figure answers ("How many soldiers are
    in Russia? — About 11,000"), or ""."""
    asked = _question_answered(f)
    m = f.cues.deploy.search(asked) if asked else None
    return m.group() if m else ""


def _estimated_troops(f: Figure) -> str:
    """The verb of a source's estimate of the number of North Korea's troops, whose figure counts
    those it sent ('ГУР оценивает численность северокорейских военных в 11 тыс.', 'Séoul chiffre
    à 11 000 le nombre de soldats nord-coréens'; pack options estimate_links, count_heads), or "".
    Not beyond the most troops the ledger holds plausible: 1.2 million is the army at home."""
    if f.noun != "troops" or not f.sent.has(f.cues.estimate_verb) or _an_army(f):
        return ""
    c, lead_in = f.cues, _last_clause(f.before)
    verb = c.estimate_verb.search(lead_in)
    clause = lead_in + " " + _first_clause(f.after)
    head = c.count_head.search(clause)
    return verb.group() if verb and head and c.nk.search(clause, head.end()) else ""


# Words that may stand between the sentence's start and a restating phrase ("Au total, il s'agit de").
RESTATING_LEAD_WORDS = 3


def _opening_back_reference(c: Cues, clause: str) -> re.Match[str] | None:
    """A back-reference in the clause before a figure ("In August, that figure was"), not a word
    of comparison that a party follows ("la guerre menée par la Russie contre l'Ukraine")."""
    m = c.back_reference.search(clause)  # its pattern ends right before the figure
    if m is None or c.other_parties.search(m.group()) or c.nk.search(m.group()):
        return None
    return m


def _after_people_sent(f: Figure) -> bool:
    """The last figure of the sentences before counted people sent (a claim)."""
    return f.prior_before is not None and f.prior_before[0].endswith("_deployed")


def _restated_sending(f: Figure) -> str:
    """The word of sending of the sentence before, where this one opens by restating it ('...
    nach Russland geschickt. Es handelt sich um rund 11.000 Soldaten'), or ""."""
    opening = f.text[f.sent.start : f.q.start]
    m = f.cues.restating.search(opening)
    restates = m is not None and words_between(opening[: m.start()]) <= RESTATING_LEAD_WORDS
    # "By the end of the year their number should reach 5,000": those the sentence before sent
    # ("The number, according to Kyiv, could grow to 14,000": a source aside between).
    anaphora = f.cues.count_anaphora.search(_last_clause(_past_a_source_aside(opening, f.cues)))
    restates = restates or anaphora is not None or _grows_to(f)
    # "In August, that figure was 10,000 soldiers": the figure just given, at an earlier date.
    restates = restates or _opening_back_reference(f.cues, _last_clause(opening)) is not None
    # "Of them, about 11,000 are North Koreans": a part of those the sentence before sent; and
    # "Із них близько 2 тисяч – інженерні війська": sappers or builders among people it sent.
    restates = restates or (
        f.cues.subset_opening.search(opening) is not None
        and (f.noun == "troops" or (f.noun in WORKING_NOUNS and _after_people_sent(f)))
    )
    prev = f.sent.prev
    return prev.found(f.cues.deploy) if restates and prev is not None else ""


@rule
def destroyed_is_not_a_supply(f: Figure) -> Decision | None:
    """'30 artillery systems destroyed', 'lost 400 men, three tanks and twelve guns': losses,
    not supplies; but not a supply whose later clause tells what the weapons then destroyed."""
    word = f.sent.found(f.cues.destroyed)
    if word and not _destroying_later(f):
        return _reject("destroyed_is_not_a_supply", "destroyed, not supplied", word)
    return None


def _destroying_later(f: Figure) -> bool:
    """'sent 80 missiles, which were later used to destroy bridges': every word of destroying
    stands past a clause break after the figure, and a word of sending before that break."""
    c, text = f.cues, f.text
    if c.destroyed.search(text, f.sent.start, f.q.end) is not None:
        return False
    first = c.destroyed.search(text, f.q.end, f.sent.end)
    brk = CLAUSE_BREAK.search(text, f.q.end, first.start()) if first is not None else None
    if brk is None:
        return False
    return any(rx.search(text, f.sent.start, brk.start()) for rx in (c.deploy, c.done))


@rule
def production_is_not_a_supply(f: Figure) -> Decision | None:
    """'plants that can produce 3 million shells a year': what is made is not what was shipped.

    Only when a production word stands nearer the figure than any word of sending.
    """
    if f.noun not in ("shells", "missiles"):
        return None
    pos = f.q.start - f.sent.start
    made = f.sent.distance(f.cues.production, pos)
    if made > PRODUCTION_NEAR_CHARS:
        return None
    sent = min(f.sent.distance(f.cues.done, pos), f.sent.distance(f.cues.deploy, pos))
    if made < sent:
        word = f.sent.found(f.cues.production)
        return _reject(
            "production_is_not_a_supply", "what is produced, not what was supplied", word
        )
    return None


@rule
def fired_is_not_a_supply(f: Figure) -> Decision | None:
    """'Russia fired dozens of North Korean missiles': what is used is not what was supplied.

    Only when a firing word in the figure's own clause stands nearer the figure than any word of
    sending or supplying; stage.done may list the firing words too ("fired"): a tie is the same
    word, and fired wins.
    """
    if f.noun not in ("shells", "missiles") or f.cues.fired is NEVER:
        return None
    # "bệ phóng tên lửa" (a missile launcher): a word of firing inside a counted noun is no verb
    fired, word = _nearest_in_clause(f, f.cues.fired, FIRED_NEAR_CHARS, f.cues.nouns)
    if not word:
        fired, word = _closing_word(f, f.cues.fired)
    if not word:
        return None
    pos = f.q.start - f.sent.start
    supplied = min(f.sent.distance(f.cues.done, pos), f.sent.distance(f.cues.deploy, pos))
    if fired <= supplied:
        return _reject("fired_is_not_a_supply", "what was fired, not what was supplied", word)
    return None


# What may follow the word that closes a clause: spaces, quotes, brackets, sentence marks.
_CLAUSE_TAIL = re.compile(r"[\s\"'»”’)\]]*[.!?。！？]?[\s\"'»”’)\]]*$")


def _closing_word(f: Figure, rx: re.Pattern[str]) -> tuple[int, str]:
    """The match of `rx` that closes the figure's clause after it, however far (the verb last:
    "hat seit Januar rund 40 Raketen ... auf zwei Städte abgefeuert"), as (distance, word)."""
    clause = INSERT_DASH.split(_first_clause(f.text[f.q.end : f.sent.end]))[0]
    last = last_match(rx, clause)
    if last is None or not _CLAUSE_TAIL.match(clause, last.end()):
        return FAR, ""
    return last.start() + f.q.end - f.q.start, last.group()


# An em or en dash (a hyphen joins words and figures: "25-30,000", "North-Korean").
INSERT_DASH = re.compile(r"[—–]")


def _nearest_in_clause(
    f: Figure, rx: re.Pattern[str], reach: int, nouns: Mapping[str, re.Pattern[str]] | None = None
) -> tuple[int, str]:
    """The match of `rx` nearest the figure within `reach` characters and its clause; none
    inside a match of `nouns` (a counted noun that holds the word, "bệ phóng": a launcher).

    Distance is from the figure's start, as Sentence.distance measures it. A clause ends at a
    comma or semicolon: "supplied 100 missiles to Russia, which fired many" keeps the supply.
    The clause after the figure is taken from its end: the comma of "10,000" ends no clause.
    """
    lo, hi = max(f.sent.start, f.q.start - reach), min(f.sent.end, f.q.start + reach)
    # A dash insert is a clause of its own: "sent millions of shells to Moscow—half of what Russia
    # fires daily—and over 100 missiles" keeps the missiles supplied.
    before = INSERT_DASH.split(_last_clause(f.text[lo : f.q.start]))[-1]
    after = INSERT_DASH.split(_first_clause(f.text[f.q.end : max(hi, f.q.end)]))[0]
    found = [(len(before) - m.start(), m.group()) for m in _outside(rx, before, nouns)]
    m = next(_outside(rx, after, nouns), None)
    if m:
        found.append((m.start() + f.q.end - f.q.start, m.group()))
    return min(found, default=(FAR, ""))


def _outside(
    rx: re.Pattern[str], text: str, nouns: Mapping[str, re.Pattern[str]] | None
) -> Iterator[re.Match[str]]:
    """The matches of `rx` in `text` that no match of `nouns` covers (the nouns are sought only
    once `rx` matches: most clauses hold no word of firing)."""
    held: list[tuple[int, int]] | None = None
    for m in rx.finditer(text):
        if held is None:
            held = [n.span() for p in (nouns or {}).values() for n in p.finditer(text)]
        if not any(a <= m.start() and m.end() <= b for a, b in held):
            yield m


@rule
def factories_need_a_visit(f: Figure) -> Decision | None:
    """A count of factories is a claim when they were visited or inspected."""
    if f.noun != "factories":
        return None
    word = f.sent.found(f.cues.visit)
    if word:
        return _accept("factories_need_a_visit", "factories_visited", "factories", "visited", word)
    return _reject("factories_need_a_visit", "factories, not visited")


@rule
def north_korea_in_view(f: Figure) -> Decision | None:
    """Shells, missiles and containers count where North Korea is the subject."""
    if not f.nk_in_view():
        return _reject("north_korea_in_view", "North Korea is not in view", f.noun or "")
    return None


@rule
def north_korea_receiving(f: Figure) -> Decision | None:
    """'North Korea received 9,000 containers': objects flowing to it, not from it."""
    c, lead = f.cues, f.lead
    for r in c.receive.finditer(lead):
        if c.nk.search(lead[: r.start()]):
            return _reject("north_korea_receiving", "North Korea receiving", r.group())
    return None


@rule
def another_party_receiving(f: Figure) -> Decision | None:
    """'Ukraine has received 1 million shells from the EU': what a party other than Russia
    receives, North Korea not named with it, is no supply to Russia."""
    c, lead = f.cues, f.lead
    r = last_match(c.receive, lead)
    party = last_match(c.other_parties, lead[: r.start()]) if r else None
    if r is None or party is None or c.nk.search(lead[party.end() :]):
        return None
    if c.nk.search(_first_clause(f.after)) or _country(party.group(), c.lang) in (None, "Russia"):
        return None  # "Russia has received 1 million shells from North Korea": a supply
    return _reject("another_party_receiving", "another party receiving", party.group())


def _country(words: str, lang: Lang) -> str | None:
    """The country `words` name ("Ukraine", "L'Ukraine", "Ukrainian"), or None."""
    lookup, prefix = lexicon_of(lang).country_lookup, lang.prefix
    return resolve(words, lookup, prefix) or resolve(re.split(r"['’]", words)[-1], lookup, prefix)


@rule
def supplied_to_another_party(f: Figure) -> Decision | None:
    """'The EU has pledged to deliver 2 million shells to Ukraine', 'Die Ukraine hat von ihren
    Verbündeten rund 1,5 Millionen Granaten erhalten': arms whose clause names another recipient
    (pack option other_recipients), North Korea named nowhere in it, are no supply to Russia.
    A recipient as the subject of a receiving verb before the figure ("Ukraine has received")
    is another_party_receiving's already; this rule adds the recipient after a verb of giving
    and the receiving verb after the figure."""
    c = f.cues
    if not f.sent.has(c.other_recipient):  # one search per sentence, memoised
        return None
    clause = _last_clause(f.lead) + f.text[f.q.start : f.q.end] + _first_clause(f.after)
    m = c.other_recipient.search(clause)
    if m is None or c.nk.search(clause):
        return None
    return _reject("supplied_to_another_party", "arms for another recipient", m.group())


@rule
def another_party_supplying(f: Figure) -> Decision | None:
    """'Russia supplied Pyongyang with 20 air-defense missiles': another party as the subject of a
    word of supplying in the figure's clause supplies North Korea, not Russia from it."""
    c = f.cues
    clause = _last_clause(f.lead)
    supplied = [m for m in c.done.finditer(clause) if not c.receive.match(clause, m.start())]
    if not supplied:
        return None
    subject = clause[: supplied[-1].start()]
    # "Do Rosji trafiło 120 wyrzutni", "Rusya'ya sevk edilen 33 bin konteyner": a party after a
    # preposition of place or with a place ending glued to it is where they went.
    parties = [
        m
        for m in c.other_parties.finditer(subject)
        if not c.place_before.search(subject[: m.start()])
        and not c.place_suffix.match(subject, m.end())
    ]
    party = parties[0] if parties else None
    if party is None or c.nk.search(subject):
        return None
    return _reject("another_party_supplying", "another party supplying", party.group())


@rule
def counted_noun(f: Figure) -> Decision | None:
    """What is left: the counted noun's indicator."""
    noun = f.noun or ""
    indicator, unit = vocabulary().nouns[noun]
    evidence = f.noun_match.group() if f.noun_match else noun
    return _accept("counted_noun", indicator, unit, f"{noun} supplied or shipped", evidence)
