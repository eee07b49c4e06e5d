"""Turn documents into claims: one row per quantitative claim, traceable to its sentence.

For every figure the numbers module finds, the extractor looks at the words around it (all
from the language pack): the noun it counts ("troops", "containers"), an event ("killed",
"wounded"), a unit ("hours a day", "$ per hour"), and the context the claim needs
(a deployment verb for people, a production word for "doubled", a visit for factories).
Attribution is the originating source named in the sentence, or carried over from the
sentence before it when the text refers back ("the same sources", "the agency").
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field

from dprkwatch.core import fmt
from dprkwatch.core.vocabulary import vocabulary
from dprkwatch.ingest.corpus import Document
from dprkwatch.lang.packs import Lang, alternation, get_lang
from dprkwatch.lang.segment import SentenceIndex, split_sentences
from dprkwatch.numbers import Quantity, find_quantities

PERSON_NOUNS = ("troops", "workers", "construction_workers", "sappers", "people")
EVENTS = ("killed_or_wounded", "killed", "wounded", "captured")
FALLBACK_NOUNS = ("people",)
# How far a counted noun may stand from its figure, in words between them.
NOUN_GAP_WORDS = 4

CARRY_BACK_SENTENCES = 2
# "the number of North Korean troops in Russia has reached 15,000": words allowed between.
COUNT_LINK_WORDS = 8
# The title and lead say what an article is about.
DOC_LEAD_CHARS = 400

_WORD = re.compile(r"[^\s,;:()\"“”«»]+")
_NEVER = re.compile("(?!x)x")
_TOUCHING = re.compile(rf"[^\s{re.escape(',.;:()')}]+\s*$")


@dataclass
class _Cues:
    """A language's cue lexicon, compiled once."""

    nouns: dict
    exclude: re.Pattern
    events: dict
    deploy: re.Pattern
    receive: re.Pattern
    production: re.Pattern
    visit: re.Pattern
    pay: re.Pattern
    per: dict
    per_day_hours: re.Pattern
    other_parties: re.Pattern
    nk: re.Pattern
    planned: re.Pattern
    done: re.Pattern
    time_unit: re.Pattern
    hours_unit: re.Pattern
    measure_unit: re.Pattern
    ellipsis: re.Pattern
    binds_following: re.Pattern
    destroyed: re.Pattern
    back_reference: re.Pattern
    count_link: re.Pattern
    event_gap_words: int
    event_before_words: int
    adjectives_follow: bool
    totals: re.Pattern
    partitive: re.Pattern
    possession: re.Pattern
    linking_hedge: re.Pattern
    noun_before_first: bool
    noun_before_words: int
    sources: _Sources


@dataclass
class _Sources:
    names: re.Pattern
    name_lookup: dict
    name_wild: list
    heads: re.Pattern
    head_lookup: dict
    head_wild: list
    left_country: re.Pattern
    right_country: re.Pattern
    right_adjective: re.Pattern
    country_after_head: bool
    country_genitive: bool
    country_lookup: dict
    country_wild: list
    anaphora: re.Pattern
    cataphora: re.Pattern
    generic: dict
    kind_of: dict
    priority: dict
    country_of: dict


def _norm(s: str) -> str:
    return " ".join(s.lower().split())


def _lookup_table(mapping: dict[str, list[str]]):
    """surface -> key for plain terms, and (regex, key) pairs for wildcard terms."""
    plain, wild = {}, []
    for key, terms in mapping.items():
        for t in terms or []:
            if "*" in t:
                wild.append((re.compile(alternation([t]), re.IGNORECASE), key))
            else:
                plain[_norm(t)] = key
    return plain, wild


def _resolve(surface: str, plain: dict, wild: list, prefix_lang: bool):
    key = plain.get(_norm(surface))
    if key is not None:
        return key
    for rx, k in wild:
        if rx.fullmatch(surface):
            return k
    if prefix_lang:
        # Pack matched as a word beginning: find the longest plain term the surface starts with.
        s = _norm(surface)
        best = max((t for t in plain if s.startswith(t)), key=len, default=None)
        if best is not None:
            return plain[best]
    return None


def _cues(lang: Lang) -> _Cues:
    return lang.memo("cues", lambda: _build_cues(lang))


def _build_cues(lang: Lang) -> _Cues:
    c = lang.option("cues")
    units = lang.option("numbers.units")

    def rx(terms, prefix=None):
        return re.compile(
            alternation(terms or [], lang.prefix if prefix is None else prefix), re.IGNORECASE
        )

    def ending(key):
        # A phrase that ends right before the figure ("another", "a total of", "reached").
        terms = c.get(key)
        return re.compile(rf"{alternation(terms)}\s*$", re.IGNORECASE) if terms else _NEVER

    def after(terms):
        return (
            re.compile(rf"^\s*-?\s*{alternation(terms or [], False)}", re.IGNORECASE)
            if terms
            else re.compile("(?!x)x")
        )

    return _Cues(
        nouns={k: rx(v) for k, v in c["nouns"].items() if v},
        exclude=rx(c["exclude_nouns"]),
        events={k: rx(c["events"].get(k)) for k in EVENTS},
        deploy=rx(c["deploy"]),
        receive=rx(c["receive_objects"]),
        production=rx(c["production"]),
        visit=rx(c["visit"]),
        pay=rx(c["pay"]),
        per={k: rx(v) for k, v in c["per"].items()},
        per_day_hours=rx(c["per_day_hours"]),
        other_parties=rx(c["other_parties"]),
        nk=rx(c["nk_context"]),
        planned=rx(c["stage"].get("planned")),
        done=rx(c["stage"].get("done")),
        time_unit=after(units.get("time")),
        hours_unit=after(units.get("hours")),
        measure_unit=after(units.get("measure")),
        destroyed=rx(c["destroyed"]) if c["destroyed"] else _NEVER,
        binds_following=re.compile(
            r"^\s*(?:" + "|".join(map(re.escape, c["binds_following"])) + ")"
        )
        if c["binds_following"]
        else _NEVER,
        back_reference=ending("back_references"),
        event_gap_words=c["event_gap_words"],
        event_before_words=c["event_before_words"],
        adjectives_follow=c["adjectives_follow_noun"],
        totals=ending("totals"),
        partitive=ending("partitive"),
        # "has some": the verb may stand before a hedge that is part of the figure's span.
        possession=ending("possession"),
        linking_hedge=re.compile(rf"\s*{alternation(c['linking_hedges'])}", re.IGNORECASE)
        if c["linking_hedges"]
        else _NEVER,
        noun_before_first=c["noun_before_first"],
        count_link=ending("count_links"),
        ellipsis=ending("ellipsis"),
        noun_before_words=c["noun_before_words"],
        sources=_build_sources(lang),
    )


def _build_sources(lang: Lang) -> _Sources:
    s = lang.option("sources")
    base = lang.base
    names = s["names"]
    heads = s["heads"]
    countries = s["countries"]
    name_plain, name_wild = _lookup_table(names)
    head_plain, head_wild = _lookup_table(heads)
    country_plain, country_wild = _lookup_table(countries)
    country_alt = alternation([t for v in countries.values() for t in v], lang.prefix)
    linkers = s["linkers"]
    link_alt = "|".join(re.escape(x) for x in sorted(linkers, key=len, reverse=True)) or "(?!x)x"
    gap = rf"(?:\s*(?:{link_alt})\s*|\s+)*"
    srcs = base.get("sources") or {}
    prio = base.get("source_kind_priority") or {}
    return _Sources(
        names=re.compile(
            alternation([t for v in names.values() for t in v], lang.prefix), re.IGNORECASE
        ),
        name_lookup=name_plain,
        name_wild=name_wild,
        heads=re.compile(
            alternation([t for v in heads.values() for t in v], lang.prefix), re.IGNORECASE
        ),
        head_lookup=head_plain,
        head_wild=head_wild,
        left_country=re.compile(rf"(?P<c>{country_alt}){gap}$", re.IGNORECASE),
        right_country=re.compile(
            rf"^(?:\s*(?:{link_alt})\s*|\s+)(?P<c>{country_alt})", re.IGNORECASE
        ),
        right_adjective=re.compile(rf"^{gap}(?P<c>{country_alt})", re.IGNORECASE),
        country_after_head=s["country_after_head"] or s["country_genitive"],
        country_genitive=s["country_genitive"],
        country_lookup=country_plain,
        country_wild=country_wild,
        anaphora=re.compile(alternation(s["anaphora"], lang.prefix), re.IGNORECASE),
        cataphora=re.compile(alternation(s["cataphora"], lang.prefix), re.IGNORECASE),
        generic=base.get("generic_sources") or {},
        kind_of={k: v.get("kind", "media") for k, v in srcs.items()},
        priority={k: prio.get(v.get("kind", "media"), 1) for k, v in srcs.items()},
        country_of={k: v.get("country") for k, v in srcs.items()},
    )


# ---------------------------------------------------------------------------------------
# Attribution
# ---------------------------------------------------------------------------------------


@dataclass
class _SentenceSources:
    named: list = field(default_factory=list)  # canonical names, in text order
    bare_heads: list = field(default_factory=list)  # head kinds with no country beside them
    anaphora: bool = False


def _sentence_sources(text: str, s: _Sources, lang: Lang) -> _SentenceSources:
    out = _SentenceSources()
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for m in s.names.finditer(text):
        canon = _resolve(m.group(), s.name_lookup, s.name_wild, lang.prefix)
        if canon:
            found.append((m.start(), canon))
            taken.append(m.span())
    for m in s.heads.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        kind = _resolve(m.group(), s.head_lookup, s.head_wild, lang.prefix)
        if not kind:
            continue
        countries = _adjacent_countries(text, m.start(), m.end(), s, lang, single=kind == "speaker")
        # "южнокорейских военных" inside an agency's name already named that agency.
        countries = [(p, c) for p, c in countries if not any(a <= p < b for a, b in taken)]
        if not countries:
            out.bare_heads.append(kind)
            continue
        for pos, country in countries:
            canon = (s.generic.get(country) or {}).get(kind)
            if canon:
                found.append((pos, canon))
    if s.anaphora.search(text):
        out.anaphora = True
    if found:
        best = max(s.priority.get(c, 1) for _, c in found)
        out.named = list(dict.fromkeys(c for _, c in sorted(found) if s.priority.get(c, 1) == best))
    return out


def _adjacent_countries(text: str, start: int, end: int, s: _Sources, lang: Lang, single=False):
    """Countries chained to a head ("South Korean, US and Ukrainian intelligence").

    single: only the one country right before the head, with no list ("Seoul said", not
    "troops to Russia, Seoul said").
    """
    found = []
    pos = start
    while True:
        window = text[max(0, pos - 60) : pos]
        m = s.left_country.search(window)
        if not m:
            break
        cstart = pos - len(window) + m.start("c")
        if single and re.search(r"[,;]", m.group()[m.end("c") - m.start() :]):
            break
        country = _resolve(m.group("c"), s.country_lookup, s.country_wild, lang.prefix)
        if country:
            found.append((cstart, country))
        pos = cstart
        if single:
            return found
    if single or not s.country_after_head:
        return found
    # Languages whose nationality adjectives follow the noun ("avaliações sul-coreanas,
    # americanas e ucranianas"): after the first, only lower-case adjectives continue the
    # list, so "..., Moscou prepara" is not read as a source.
    pos, first = end, True
    while True:
        m = (s.right_country if first else s.right_adjective).match(text[pos : pos + 60])
        if not m:
            break
        linked = m.group()[: m.start("c")].strip() != ""
        if not m.group("c")[:1].islower() and not (first and (linked or s.country_genitive)):
            break  # a capitalised name right after the head is the next phrase, not its modifier
        country = _resolve(m.group("c"), s.country_lookup, s.country_wild, lang.prefix)
        if country:
            found.append((pos + m.start("c"), country))
        pos += m.end()
        first = False
    return found


class _Attributor:
    """Sources per sentence, with carry-over from earlier sentences of the same document."""

    def __init__(self, text: str, sents: SentenceIndex, lang: Lang, s: _Sources):
        self.text, self.sents, self.lang, self.s = text, sents, lang, s
        self._cache: dict[int, _SentenceSources] = {}

    def _at(self, i: int) -> _SentenceSources:
        if i not in self._cache:
            a, b = self.sents[i]
            self._cache[i] = _sentence_sources(self.text[a:b], self.s, self.lang)
        return self._cache[i]

    def _last_named(self, i: int) -> list[str]:
        for j in range(i - 1, -1, -1):
            named = self._resolved(j, carry=False)
            if named:
                return named
        return []

    def _resolved(self, i: int, carry: bool = True) -> list[str]:
        here = self._at(i)
        if here.named:
            return here.named
        if here.anaphora or here.bare_heads:
            last = self._last_named(i)
            heads = [h for h in here.bare_heads if h != "speaker"]
            if heads and last:
                # "The intelligence services claim ..." after "Ukrainian GUR": same country's agency.
                # A bare "he said" keeps the source as it is.
                country = self.s.country_of.get(last[0])
                canon = (self.s.generic.get(country) or {}).get(heads[0]) if country else None
                return [canon] if canon else last
            return last
        if carry:
            for j in range(i - 1, max(-1, i - 1 - CARRY_BACK_SENTENCES), -1):
                if self._paragraph_break(j, i):
                    break
                named = self._resolved(j, carry=False)
                if named:
                    return named
            # "C'est ce qu'a affirmé X", "Das berichtete X": a later sentence of the paragraph
            # that points back at what was said names its source.
            for j in range(i + 1, min(len(self.sents), i + 1 + CARRY_BACK_SENTENCES)):
                if self._paragraph_break(i, j):
                    break
                a, b = self.sents[j]
                if self.s.cataphora.search(self.text[a:b]) and self._at(j).named:
                    return self._at(j).named
            # Wire leads often state the figure first and name the source in the next sentence
            # of the same paragraph ("..., the minister said in a briefing").
            j = i + 1
            if j < len(self.sents) and not self._paragraph_break(i, j):
                return self._at(j).named
        return []

    def _paragraph_break(self, j: int, i: int) -> bool:
        return "\n" in self.text[self.sents[j][1] : self.sents[i][0]]

    def sources(self, i: int) -> list[str]:
        found = self._resolved(i)
        if found and all(self.s.kind_of.get(c) == "lawmakers" for c in found):
            # Lawmakers relay the briefing they received: the agency that briefed them, named
            # elsewhere in the article, is the originator.
            countries = {self.s.country_of.get(c) for c in found}
            agency = next(
                (
                    c
                    for c in self._document_sources()
                    if self.s.kind_of.get(c) == "intelligence"
                    and self.s.country_of.get(c) in countries
                ),
                None,
            )
            if agency:
                return [agency]
        return found

    def _document_sources(self) -> list[str]:
        out: list[str] = []
        for j in range(len(self.sents)):
            out.extend(c for c in self._at(j).named if c not in out)
        return out


# ---------------------------------------------------------------------------------------
# Classification of one figure
# ---------------------------------------------------------------------------------------


@dataclass
class _Candidate:
    indicator: str
    unit: str
    q: Quantity
    sentence: int
    stage: str = ""
    flags: tuple = ()
    value: float | None = None
    low: float = 0.0
    high: float = 0.0
    sources: tuple = ()


def _words_between(text: str) -> int:
    return len(_WORD.findall(text))


def _nearest(patterns: dict, window: str, max_words: int, from_end: bool = False):
    """The cue nearest to the figure in `window`: (concept, match) or (None, None)."""
    best = None
    for concept, rx in patterns.items():
        for m in rx.finditer(window):
            gap = window[m.end() :] if from_end else window[: m.start()]
            if _words_between(gap) > max_words:
                if not from_end:
                    break
                continue
            dist = len(gap)
            key = (dist, -(m.end() - m.start()))
            if best is None or key < best[0]:
                best = (key, concept, m)
            if not from_end:
                break
    if best and best[1] in FALLBACK_NOUNS and len(patterns) > 1:
        # "soldados norte-coreanos": the specific noun beats the generic "North Koreans".
        rest = {k: v for k, v in patterns.items() if k not in FALLBACK_NOUNS}
        better = _nearest(rest, window, max_words, from_end)
        if better[0] is not None:
            return better
    return (best[1], best[2]) if best else (None, None)


def _classify(
    doc_text: str,
    q: Quantity,
    prev_end: int,
    next_start: int,
    sent: tuple[int, int],
    prev_sent: str,
    lang: Lang,
    cues: _Cues,
    doc_nk: bool,
    prior: tuple[str, str] | None,
    prior_any: tuple[str, str] | None = None,
):
    s_start, s_end = sent
    sentence = doc_text[s_start:s_end]
    after = doc_text[q.end : min(s_end, next_start, q.end + 120)]
    before = doc_text[max(s_start, prev_end, q.start - 80) : q.start]

    if q.kind == "multiplier":
        if cues.production.search(sentence):
            return "production_change", "x"
        return None

    if q.currency:
        if not (cues.pay.search(sentence) or cues.nouns.get("workers", _NEVER).search(sentence)):
            return None
        for period in ("hour", "day", "month", "year"):
            rx = cues.per.get(period)
            if rx and (rx.search(after[:30]) or rx.search(before[-40:])):
                return "wage", f"{q.currency}/{period}"
        return None

    # Units follow the number itself; a hedge may come after the unit ("12시간 이상").
    unit_text = doc_text[q.core_end : min(s_end, q.core_end + 40)]
    if cues.hours_unit.match(unit_text):
        near = doc_text[max(s_start, q.start - 30) : min(s_end, q.end + 40)]
        if cues.per_day_hours.search(near):
            return "work_hours", "hours/day"
        return None
    if cues.time_unit.match(unit_text) or cues.measure_unit.match(unit_text):
        return None
    if "year" in q.flags:
        return None

    if (
        cues.noun_before_words
        and q.end + len(after) == next_start
        and next_start < s_end
        and not cues.binds_following.match(after)
    ):
        # In languages that put the noun before its figure ("사상자가 4700명"), a cue with
        # only spaces between it and the next figure belongs to that figure, not this one,
        # unless a genitive ties this figure to what follows ("6천 명의 건설 인력과").
        tail = _TOUCHING.search(after)
        if tail:
            after = after[: tail.start()]
    noun, nm = _nearest(cues.nouns, after, NOUN_GAP_WORDS)
    if cues.noun_before_first and not cues.binds_following.match(after):
        # "컨테이너 2만8천여 개": where the noun comes first, the one just before the figure
        # is what it counts; a genitive ("2만 명의 병력") points the other way.
        first, _ = _nearest(cues.nouns, before, cues.noun_before_words, from_end=True)
        if first is not None:
            noun, nm = first, None
    excl = cues.exclude.search(after)
    if (
        excl
        and _words_between(after[: excl.start()]) <= NOUN_GAP_WORDS
        and (
            nm is None
            or excl.start() < nm.start()
            # "soldados ucranianos", "soldats russes": the longer excluded phrase wins.
            or (excl.start() == nm.start() and excl.end() > nm.end())
        )
    ):
        return None
    if noun is None and cues.noun_before_words:
        noun, nm = _nearest(cues.nouns, before, cues.noun_before_words, from_end=True)
        if nm is not None:
            nm = None  # position in `before` is not comparable with `after`
    if cues.partitive.search(before[-20:]):
        return None  # "one of 20 facilities that produce shells": not a count of what was done
    if noun in (None, "people"):
        link = cues.count_link.search(before)
        phrase = before[: link.start()] if link else None
        if (
            phrase is None
            and q.start < q.core_start
            and cues.linking_hedge.match(doc_text[q.start : q.core_start])
        ):
            # "casualties top 4,000", "supera los 12 millones": the hedge verb is the link.
            phrase = before
        if phrase is not None:
            # "the number of North Korean troops in Russia has reached 15,000": the noun stands
            # before the figure, joined to it by a counting phrase.
            if _other_party_subject(doc_text[s_start : q.start - len(before)] + phrase, cues):
                return None  # "Russian losses have reached 1,000 a day"
            linked_noun, _ = _nearest(cues.nouns, phrase, COUNT_LINK_WORDS, from_end=True)
            linked_event, _ = _nearest(cues.events, phrase, COUNT_LINK_WORDS, from_end=True)
            if linked_event is not None and linked_noun in (None, "troops", "people"):
                return linked_event, "persons"  # "losses of the contingent amount to 5,000"
            if linked_noun is not None:
                noun, nm = linked_noun, None
    if noun is not None and nm is not None and cues.other_parties.search(after[: nm.start()]):
        return None  # "3,000 Ukrainian soldiers": not North Korea's
    if noun in ("troops", "workers") and _party_has(
        before, after[: (nm.end() if nm else 0) + 16], cues
    ):
        return None  # "Russia has some 600,000 troops in Ukraine": another party's own forces
    if noun not in (None, "factories") and nm is not None:
        # "two missile factories": the last noun of a compound is what is counted.
        factories = cues.nouns.get("factories", _NEVER)
        if factories.match(after, nm.end()) or factories.match(after, nm.end() + 1):
            noun = "factories"
    if q.year_like and noun is None:
        return None

    event, em = _nearest(cues.events, after, cues.event_gap_words)
    lead_in = cues.totals.sub("", before)  # "captured a total of six": the total is no barrier
    before_event, _ = _nearest(cues.events, lead_in, cues.event_before_words, from_end=True)
    if event is not None and nm is not None and em.start() < nm.start():
        # "two wounded North Korean soldiers were captured": the event that describes the noun
        # gives way to one after the noun or just before the figure.
        later, _ = _nearest(cues.events, after[nm.end() :], cues.event_gap_words)
        if later is not None or before_event is not None:
            event = later or before_event
    elif (
        event is not None and nm is not None and before_event is not None and cues.adjectives_follow
    ):
        if _words_between(after[nm.end() : em.start()]) <= 1:
            # "capturó a dos soldados norcoreanos heridos": an adjective after the noun.
            event = before_event
    if event is None:
        event = before_event
    troops_rx = cues.nouns.get("troops", _NEVER)
    troop_ctx = bool(troops_rx.search(sentence) or troops_rx.search(prev_sent))
    if event is not None and (noun is None or noun in PERSON_NOUNS):
        # "600 dead" needs the soldiers in view; "three people were killed" in a sentence
        # about a missile strike is not a North Korean casualty figure.
        nk_ctx = doc_nk or bool(cues.nk.search(sentence) or cues.nk.search(prev_sent))
        nk_noun = noun == "people" and nm is not None and bool(cues.nk.search(nm.group()))
        if _other_party_subject(doc_text[s_start : q.start], cues) and not (
            nk_noun or (nm is not None and cues.nk.search(after[: nm.end() + 40]))
        ):
            return None  # "Russia lost 1,500 soldiers": not North Korea's losses
        if noun == "troops" or nk_noun or troop_ctx or (noun is None and nk_ctx):
            return event, "persons"
        return None

    if noun is None:
        # "11,000 troops in October and another 3,000 in January": the second figure counts
        # what the figure before it in the sentence counted.
        if prior and cues.ellipsis.search(before[-25:]):
            return prior
        # "Seoul puts this figure at about 1,100": the figure the text has just given.
        if prior_any and cues.back_reference.search(before[-40:]):
            return prior_any
        return None
    # An article about North Korea keeps that subject throughout; elsewhere the sentence
    # or the one before it must name it.
    nk_here = doc_nk or bool(cues.nk.search(sentence) or cues.nk.search(prev_sent))
    if noun in PERSON_NOUNS:
        if noun == "people" or not cues.deploy.search(sentence) or not nk_here:
            return None
        return vocabulary().nouns[noun][0], "persons"
    if noun not in PERSON_NOUNS and cues.destroyed.search(sentence):
        return None  # "30 artillery systems destroyed": losses, not supplies
    if noun == "factories":
        return ("factories_visited", "factories") if cues.visit.search(sentence) else None
    if not nk_here:
        return None
    lead = doc_text[s_start : q.start]
    if any(cues.nk.search(lead[: r.start()]) for r in cues.receive.finditer(lead)):
        return None  # "North Korea received 9,000 containers": objects flowing to it, not from it
    return vocabulary().nouns[noun]


def _party_has(before: str, noun_phrase: str, cues: _Cues) -> bool:
    """Another party owns the figure: "Russia has 600,000 troops", "Ukraine's army has 3,000"."""
    m = cues.possession.search(before)
    if not m or cues.nk.search(noun_phrase):
        return False
    lead = before[max(0, m.start() - 40) : m.start()]
    parties = list(cues.other_parties.finditer(lead))
    return bool(parties) and _words_between(lead[parties[-1].end() :]) <= 1


def _other_party_subject(text: str, cues: _Cues) -> bool:
    """Whether another party's losses are the subject: "Russian losses", "Rusia perdió", "Потери ВС РФ".

    Only a loss word right next to the party counts, so "South Korean intelligence reports the
    deaths of ..." (a source) and "casualties in Russia" (a place) do not.
    """
    for m in cues.other_parties.finditer(text):
        rest = text[m.end() :]
        if cues.nk.search(rest):
            continue  # "... in Russia's Kursk region, North Korean troops ..."
        ahead, _ = _nearest(cues.events, text[max(0, m.start() - 40) : m.start()], 0, from_end=True)
        behind, _ = _nearest(cues.events, rest[:60], 1)
        if ahead is not None or behind is not None:
            return True
    return False


def _stage(doc_text: str, q: Quantity, sent: tuple[int, int], cues: _Cues) -> str:
    sentence = doc_text[sent[0] : sent[1]]
    pos = q.start - sent[0]
    best = ("", 10**9)
    for name, rx in (("planned", cues.planned), ("done", cues.done)):
        for m in rx.finditer(sentence):
            d = abs(m.start() - pos)
            if d < best[1] or (d == best[1] and name == "planned"):
                best = (name, d)
    return best[0]


# ---------------------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------------------


def render_claim_en(
    indicator: str, value, low, high, qualifier: str, unit: str, sources, stage: str = ""
) -> str:
    """One English line for readers: '≈15,000 troops deployed — South Korea NIS'."""
    label = vocabulary().label(indicator)
    fig = fmt.figure(value, low, high, qualifier, millions=True)
    if indicator == "wage":
        cur, _, per = unit.partition("/")
        fig = (
            ("$" if cur == "USD" else cur + " ") + fig.lstrip("≈≥≤")
            if qualifier in ("exact", "range")
            else fig[0] + ("$" if cur == "USD" else cur + " ") + fig[1:]
        )
        text = f"wage {fig} per {per}"
    elif indicator == "work_hours":
        text = f"{fig} working hours a day"
    elif indicator == "production_change":
        text = f"production ×{fmt.number(value, millions=True)}"
    else:
        text = f"{fig} {label}"
    if stage == "planned":
        text += " (planned)"
    if sources:
        text += " — " + ("; ".join(sources) if not isinstance(sources, str) else sources)
    return text


# ---------------------------------------------------------------------------------------
# Documents -> claims
# ---------------------------------------------------------------------------------------


@functools.cache
def _limits() -> dict[str, float]:
    # The ledger rejects values above 1.5 x an indicator's plausible maximum.
    vocab = vocabulary()
    return {k: vocab.limit(k) for k in vocab.indicators}


def claims_from_document(doc: Document) -> list[dict]:
    """The claims of one document as row dicts (a pure function of the document)."""
    lang = get_lang(doc.language or "und")
    text = doc.text
    quantities = find_quantities(text, lang)
    if not quantities:
        return []
    cues = _cues(lang)
    sents = SentenceIndex(split_sentences(text, lang))
    if not len(sents):
        return []
    attributor = _Attributor(text, sents, lang, cues.sources)
    limits = _limits()
    doc_nk = bool(cues.nk.search(doc.title or "") or cues.nk.search(text[:DOC_LEAD_CHARS]))
    cands: list[_Candidate] = []
    for k, q in enumerate(quantities):
        prev_end = quantities[k - 1].end if k else 0
        next_start = quantities[k + 1].start if k + 1 < len(quantities) else len(text)
        si = sents.index_of(q.core_start)
        sent = sents[si]
        prev_sent = text[sents[si - 1][0] : sents[si - 1][1]] if si > 0 else ""
        prior = (
            (cands[-1].indicator, cands[-1].unit) if cands and cands[-1].sentence == si else None
        )
        prior_any = (cands[-1].indicator, cands[-1].unit) if cands else None
        res = _classify(
            text, q, prev_end, next_start, sent, prev_sent, lang, cues, doc_nk, prior, prior_any
        )
        if res is None:
            continue
        indicator, unit = res
        value, low, high, flags = q.value, q.low, q.high, q.flags
        if (
            "ambiguous_separator" in flags
            and q.alt_value is not None
            and unit not in ("x",)
            and not indicator == "wage"
        ):
            # A count of people or objects is whole: "1.000 soldiers" in English is 1,000.
            scale = q.alt_value / q.value if q.value else 1
            value, low, high = q.alt_value, low * scale, high * scale
        if value is not None and not (value > 0):
            continue
        if high > limits.get(indicator, math.inf):
            # "$500 million a year" is not a wage: implausible for the indicator, so not a claim.
            continue
        srcs = tuple(attributor.sources(si))
        cands.append(
            _Candidate(
                indicator, unit, q, si, _stage(text, q, sent, cues), flags, value, low, high, srcs
            )
        )
    vocab = vocabulary()
    rows = []
    for c in _dedupe(cands):
        srcs = c.sources
        a, b = sents[c.sentence]
        rows.append(
            {
                "doc_id": doc.doc_id,
                "language": lang.code,
                "indicator": c.indicator,
                "value": c.value if c.q.qualifier != "vague" else None,
                "value_low": float(c.low),
                "value_high": float(c.high),
                "unit": c.unit,
                "qualifier": c.q.qualifier,
                "attributed_to": "; ".join(srcs),
                "quote": text[a:b],
                "char_start": a,
                "char_end": b,
                "claim_en": render_claim_en(
                    c.indicator, c.value, c.low, c.high, c.q.qualifier, c.unit, srcs, c.stage
                ),
                "published": doc.published,
                "stage": c.stage if vocab.indicators[c.indicator].staged else "",
                "measure": "total",
                "as_of": doc.published,
                "speaker": "",
                "relayed_by": "",
                "outlet": doc.outlet,
                "url": doc.url,
                "title": doc.title,
                "flags": ",".join(c.flags),
                "figure_start": c.q.start,
                "figure_end": c.q.end,
            }
        )
    return rows


def _dedupe(cands: list[_Candidate]) -> list[_Candidate]:
    """One claim per figure per document: a title repeated in the body is one claim."""
    by_key: dict = {}
    order = []
    for c in cands:
        key = (
            c.indicator,
            c.unit,
            round(c.value, 6)
            if c.value is not None and c.q.qualifier != "vague"
            else ("v", c.low, c.high),
        )
        if key not in by_key:
            by_key[key] = [c]
            order.append(key)
        else:
            by_key[key].append(c)
    kept = []
    for key in order:
        group = by_key[key]
        kept.append(group[0] if len(group) == 1 else _pick(group))
    precise = [c for c in kept if c.q.qualifier != "vague"]
    out = []
    for c in kept:
        if c.q.qualifier == "vague" and any(
            p.indicator == c.indicator and p.value is not None and c.low <= p.value <= c.high
            for p in precise
        ):
            continue  # "thousands of workers" beside "12,000 workers" repeats the figure
        out.append(c)
    return sorted(out, key=lambda c: c.q.start)


def _pick(group: list[_Candidate]) -> _Candidate:
    # Keep the mention that says most: one naming its source, then one with a hedge or a
    # stage, else the first (a headline usually repeats a body sentence without its source).
    return max(
        group, key=lambda c: (bool(c.sources), c.q.qualifier != "exact", c.stage != "", -c.q.start)
    )
