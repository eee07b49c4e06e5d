"""Who says it, across a document: a sentence's sources, or those it carries from nearby.

A sentence that names no source takes the one a reader would: the previous sentences of its
paragraph, a back-reference ("the agency", "he said") to the last named source, or the next
sentence of a wire lead that names it after the figure. Lawmakers relaying a briefing are
credited to the agency that briefed them when the article names it, and kept as its relays;
so is a national outlet (RIA Novosti, Yonhap) the official of its own country it covers. A
sentence that gives one figure per clause credits each to the source of its clause; a credit
line ("Via Al Jazeera") is no source of the report; unqualified "state media" are KCNA.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from dataclasses import dataclass, replace

from dprkwatch.extract.sources import (
    CLAUSE_BREAK,
    OUTLET_KINDS,
    RELAY_KINDS,
    SentenceSources,
    SourceLexicon,
    most_specific,
    sentence_sources,
)
from dprkwatch.extract.text import words_between
from dprkwatch.extract.timing import document_day
from dprkwatch.lang.packs import Lang
from dprkwatch.lang.people import people
from dprkwatch.lang.segment import SentenceIndex

# How many sentences back (within a paragraph) a source carries.
CARRY_BACK_SENTENCES = 2
# What parts the clauses of two voices in one sentence: a clause break, or the CJK enumeration
# comma between topics ("国家情報院は1万1000人、ウクライナ国防省は1万2000人と推定"); a list of
# countries before one head ("韓国、米国、ウクライナの情報機関") leaves a clause with no figure,
# and then all of them say it.
VOICE_BREAK = re.compile(r"[,;，；،؛、]")
# The headline and the lead: the sentences whose source speaks for the whole report.
LEAD_SENTENCES = 2
# How many sentences ahead (within a paragraph) a source named after its figures reaches: the
# next NEXT_SENTENCES plainly, further only when it points back ("this was reported by").
NEXT_SENTENCES = 2
CARRY_FORWARD_SENTENCES = 6
# How many sentences back "the newspaper", "the agency" look for a source of their kind.
KIND_BACK_SENTENCES = 10
# How many words may open a sentence before the word of citing that makes it a credit of the
# sentence before ("The newspaper cited", "It quoted"): the outlet's, not a claim of its own.
CITED_AFTER_WORDS = 3
# Bodies an outlet cites without naming their country ("Yonhap, citing intelligence officials",
# "citing the military"). The soldiers counted are no such body: "600 militares" is a counted
# noun, and a head that begins or precedes one is dropped (sources._describes_the_counted).
CITED_HEADS = ("intelligence", "government", "defense", "military", "lawmakers")
# Whose state media "state media" means when no country is named beside it or before it: the
# suite reads news of North Korea's cooperation, where unqualified state media are Pyongyang's
# (KCNA); Russian outlets are named (TASS, RIA Novosti) or called "Russian state media".
STATE_MEDIA_HOME = "North Korea"
# Words allowed between a word of counting and the figure it counts ("counted about 120").
COUNTED_WORDS = 2
# A document with at least this many entry lines (sources.SourceLexicon.entry: "Q:", "• 10:42",
# "- UPDATE:") is a live blog or an interview: each entry is a context of its own.
ENTRIES_MIN = 2
# A line naming only outlets, with at most this many other words, credits the copy ("Via Al
# Jazeera", "Source: AFP").
CREDIT_LINE_WORDS = 1


@dataclass(frozen=True)
class Attribution:
    """Who says a figure: originating institutions, the people speaking for them, relays."""

    named: tuple[str, ...] = ()
    speakers: tuple[tuple[str, str], ...] = ()  # (institution, person)
    relays: tuple[str, ...] = ()
    own: bool = False  # named in the figure's own sentence (not carried from elsewhere)

    @classmethod
    def of(cls, here: SentenceSources, own: bool = False) -> Attribution:
        return cls(tuple(here.named), tuple(here.speakers.items()), tuple(here.relays), own)

    def __bool__(self) -> bool:
        return bool(self.named)

    @property
    def attributed_to(self) -> str:
        """'White House (John Kirby); South Korea NIS': institutions, each with its speaker."""
        return "; ".join(_credited(self.named, dict(self.speakers)))

    @property
    def in_english(self) -> str:
        """'Ukraine GUR (Kyrylo Budanov); South Korea NIS': institutions and the people known to
        speak for them, without the article's own words for a body (claim_en is English)."""
        known = people()
        return "; ".join(_credited(self.named, {n: p for n, p in self.speakers if p in known}))

    @property
    def speaker(self) -> str:
        return "; ".join(person for _, person in self.speakers)

    @property
    def relayed_by(self) -> str:
        return "; ".join(self.relays)


class Attributor:
    """Sources per sentence, with carry-over from earlier sentences of the same document."""

    def __init__(
        self,
        text: str,
        sents: SentenceIndex,
        lang: Lang,
        s: SourceLexicon,
        day: dt.date | None,
        figures: tuple[int, ...] = (),
    ):
        """figures: where the document's figures start, in text order."""
        self.text, self.sents, self.lang, self.s, self.published = text, sents, lang, s, day
        self.figure_starts = tuple(sorted(figures))
        self.figures = frozenset(sents.index_of(p) for p in figures)
        self.entries = self._entry_starts()
        self._cache: dict[int, SentenceSources] = {}
        self._citing: dict[int, bool] = {}  # sentence -> it opens with a word of citing
        self._last: dict[int, Attribution] = {0: Attribution()}
        self._everyone: list[str] | None = None

    def _at(self, i: int) -> SentenceSources:
        if i not in self._cache:
            a, b = self.sents[i]
            a += self._dateline(i, a, b)
            self._cache[i] = sentence_sources(self.text[a:b], self.s, self.lang, self.day)
        return self._cache[i]

    def day(self) -> dt.date | None:
        """The document's date: published, else the latest full date its text states (read once,
        when a person of several offices is named)."""
        return self._date

    @functools.cached_property
    def _date(self) -> dt.date | None:
        return self.published or document_day(self.text, self.lang)

    def _dateline(self, i: int, a: int, b: int) -> int:
        """The length of a dateline opening sentence `i` ("कीव: ...", "Seúl: ..." past the
        headline, where the pack's names written with a colon name a place), or 0."""
        if i == 0 or self.s.dateline is None or self.text[a - 1 : a] not in ("\n", ""):
            return 0
        m = self.s.dateline.match(self.text, a, b)
        return m.end() - a if m else 0

    def _own(self, i: int) -> Attribution:
        return Attribution.of(self._at(i))

    def _last_named(self, i: int) -> Attribution:
        """The sources of the nearest earlier sentence that names or refers back to one.

        Filled forward and remembered: searched backward, a run of back-references ("the
        agency said") with no source named before it re-read every earlier sentence from each
        one, doubling the work per sentence (24 such sentences took over a minute).
        """
        k = i
        while k not in self._last:
            k -= 1
        for j in range(k, i):
            # _resolved(j) may ask for _last_named(j), which is known by now.
            found = self._resolved(j, carry=False)
            if self._credits_before(j, found):
                found = self._last[j] or found  # "he said" after "BBC reported this": not the BBC
            self._last[j + 1] = found or self._last[j]
        return self._last[i]

    def _credits_before(self, j: int, found: Attribution) -> bool:
        """Sentence `j` only credits the report before it to outlets ("BBC reported this",
        "এ খবর জানিয়েছে বিবিসি": a cataphora naming outlets alone)."""
        return self._outlets_only(found) and self._points_back(j)

    def _resolved(self, i: int, carry: bool = True) -> Attribution:
        here = self._at(i)
        if here.named:
            return (
                self._outlet_relaying(i, here)
                or self._outlet_citing(here)
                or self._outlet_of_a_head(i, here)
                or Attribution.of(here)
            )
        if here.unnamed:  # "according to media reports": a bare head, yet no source
            return Attribution()
        short = self._short_name(i)  # "Lee said": the person named in full before
        if short:
            return short
        if here.anaphora or here.bare_heads:
            return _told(self._back_reference(i, here), here)
        if carry:
            return self._carried(i)
        return Attribution()

    def _short_name(self, i: int) -> Attribution:
        """'ली सियोंग-क्वेन ने ... बताया। ली ने कहा, ...': a person named in full before, then by
        one part of the name (the family name, the surname) with a word of saying right after
        it, still speaks for their institution; the nearest such person before counts."""
        a, b = self.sents[i]
        text = self.text[a:b]
        # No word of saying, no short name speaking: the sentences before are not read for it.
        if self.s.saying is None or self.s.saying.search(text) is None:
            return Attribution()
        for j in range(i - 1, max(-1, i - 1 - KIND_BACK_SENTENCES), -1):
            here = self._at(j)
            for inst, person in {**here.voice_speakers, **here.speakers}.items():
                names = _names_of(person)
                if names and _says_by_short_name(text, names, self.s):
                    return Attribution((inst,), ((inst, person),))
        return Attribution()

    def _back_reference(self, i: int, here: SentenceSources) -> Attribution:
        """The source a back-reference points to; words that name a kind of source ("the
        newspaper added", "dijo el diputado") point past a source of another kind."""
        found = self._referred(i, here)
        # Lawmakers relaying an agency's briefing: "the agency" is the one they relay.
        if here.kinds and not any(
            self._of_kinds(f, here.kinds) for f in (found, self._relayed_agency(found))
        ):
            return self._last_of_kind(i, here.kinds) or self._past_outlets(i, found, here) or found
        return found

    def _past_outlets(self, i: int, found: Attribution, here: SentenceSources) -> Attribution:
        """'ওই আইনপ্রণেতা বলেছেন' (the lawmaker said) after '... রয়টার্স এ খবর জানিয়েছে'
        (Reuters reported it), with no lawmaker named before: a back-reference to a kind no
        outlet is points past the outlets that only passed the report on, to the last source
        before them (within KIND_BACK_SENTENCES); nothing where there is none."""
        if here.kinds & set(OUTLET_KINDS) or not self._outlets_only(found):
            return Attribution()
        for j in range(i - 1, max(-1, i - 1 - KIND_BACK_SENTENCES), -1):
            earlier = self._resolved(j, carry=False)
            if earlier and not self._outlets_only(earlier):
                return earlier
        return Attribution()

    def _outlets_only(self, found: Attribution) -> bool:
        """`found` names sources, all of them outlets."""
        return bool(found.named) and all(self.s.kind_of.get(c) in OUTLET_KINDS for c in found.named)

    def _of_kinds(self, found: Attribution, kinds: frozenset[str]) -> bool:
        """A source or a relay of `found` (relays written with their speaker) is of `kinds`."""
        names = (*found.named, *(r.split(" (")[0] for r in found.relays))
        return any(self.s.kinds_of.get(c, frozenset()) & kinds for c in names)

    def _referred(self, i: int, here: SentenceSources) -> Attribution:
        """'The intelligence services claim ...' after 'Ukrainian GUR': that country's agency.

        A bare 'he said' keeps the source as it is.
        """
        last = self._last_named(i)
        heads = [h for h in here.bare_heads if h != "speaker"]
        if heads and last:
            country = self.s.country_of.get(last.named[0])
            canon = (self.s.generic.get(country) or {}).get(heads[0]) if country else None
            # "a spokesperson added" after "the Pentagon said": the office already named is
            # the one the head refers to, not the country's generic government.
            if canon and self.s.kind_of.get(canon) != self.s.kind_of.get(last.named[0]):
                return Attribution((canon,), (), last.relays)
            if canon:
                return last
        if heads and heads[0] == "media":
            # "state media said", "the official news agency reported" with no state media of
            # the country last named: in news of North Korea's dealings, Pyongyang's.
            home = (self.s.generic.get(STATE_MEDIA_HOME) or {}).get("media")
            if home:
                return Attribution((home,), (), last.relays)
        return last

    def _last_of_kind(self, i: int, kinds: frozenset[str]) -> Attribution:
        """'The newspaper said', 'la agencia añadió': the last source of the kind the words name
        (within KIND_BACK_SENTENCES), as its sentence credits it (an outlet relaying the NIS
        keeps relaying it); a source of that kind that only spoke beside a higher one is
        credited alone. Nothing when no earlier source is of that kind."""
        for j in range(i - 1, max(-1, i - 1 - KIND_BACK_SENTENCES), -1):
            here = self._at(j)
            mine = [
                c
                for c in (*here.named, *here.relays, *here.voices)
                if self.s.kinds_of.get(c, frozenset()) & kinds
            ]
            if not mine:
                continue
            if mine[0] in here.named or mine[0] in here.relays:
                return self._resolved(j, carry=False)
            speakers = tuple((c, p) for c, p in here.voice_speakers.items() if c == mine[0])
            return Attribution((mine[0],), speakers)
        return Attribution()

    def _carried(self, i: int) -> Attribution:
        credit = self._credit_after(i)
        if credit:
            return credit
        found = self._carried_back(i)
        if found:
            return found
        if self._counts_itself(i):  # "Drone crews counted 120 bodies. The GUR said ...": theirs
            return self._lead(i, before=True)
        return self._named_after(i) or self._lead(i)

    def _carried_back(self, i: int) -> Attribution:
        """The source of the nearest of the CARRY_BACK_SENTENCES before `i` in its paragraph that
        names one. A sentence that only credits the report before it to an outlet ("BBC reported
        this", "এ খবর জানিয়েছে বিবিসি": a cataphora naming outlets alone) is looked past, one
        sentence further back, to the source it relays; the outlet stays its relay."""
        lo = i - 1 - CARRY_BACK_SENTENCES
        relays: tuple[str, ...] = ()
        j = i - 1
        while j > max(-1, lo):
            if self._paragraph_break(j, i) or self._at(j).unnamed:
                break
            found = self._resolved(j, carry=False)
            if found and self._credits_before(j, found):
                lo, relays = lo - 1, (*relays, *found.named)
            elif found:
                return replace(found, relays=tuple(dict.fromkeys((*found.relays, *relays))))
            j -= 1
        return Attribution()

    def _counts_itself(self, i: int) -> bool:
        """The sentence has a counting subject of its own: a word of counting (sources.counting)
        with words of its clause before it and a figure at most COUNTED_WORDS words after it
        ("Open-source researchers counted 120 containers", "Ukrainian drone crews tallied about
        300"); a figure counted in the passive ("120 containers were counted") names no counter."""
        if self.s.counting is None:
            return False
        a, b = self.sents[i]
        for m in self.s.counting.finditer(self.text, a, b):
            clause = CLAUSE_BREAK.split(self.text[a : m.start()])[-1]
            k = bisect.bisect_left(self.figure_starts, m.end())
            if not clause.strip() or k == len(self.figure_starts) or self.figure_starts[k] >= b:
                continue
            if words_between(self.text[m.end() : self.figure_starts[k]]) <= COUNTED_WORDS:
                return True
        return False

    def _named_after(self, i: int) -> Attribution:
        """The first later sentence of the paragraph that names a source, if it speaks for `i`.

        Wire leads often state the figures first and name their source a sentence or two later
        ("..., the minister said in a briefing"); a sentence that points back at what was said
        ("C'est ce qu'a affirmé X", "इसका खुलासा X में हुआ") covers the whole unsourced run before
        it. Sentences that name nobody in between do not stop the search; the first one that
        names a source, refers back to one or says the reports are unnamed ends it.
        """
        for j in range(i + 1, min(len(self.sents), i + 1 + CARRY_FORWARD_SENTENCES)):
            if self._paragraph_break(i, j):
                # The next paragraph's first sentence may point back ("...около 6000
                # военнослужащих.\n\nОб этом сказал начальник ГУР"): it speaks for this one.
                return self._own(j) if self._at(j).named and self._points_back(j) else Attribution()
            here = self._at(j)
            if not here.named:
                if here.unnamed or here.anaphora or here.bare_heads:
                    break  # it says its own figures come from nobody, or from an earlier source
                continue
            if j - i <= NEXT_SENTENCES or self._points_back(j):
                return self._own(j)
            break
        return Attribution()

    def _credit_after(self, i: int) -> Attribution:
        """The next sentence, in the paragraph or opening the next one, names a source and points
        back at what was said ("韓国の国家情報院が明らかにした", "This was announced by the NIS",
        "Об этом сказал начальник ГУР" after a paragraph break): it speaks for `i`,
        over a source carried from a sentence before (a spokeswoman quoted on something else).
        It credits that sentence as its own would: a headline repeating the figure with the
        lead's source gives way to it."""
        j = i + 1
        if j >= len(self.sents) or not self._at(j).named:
            return Attribution()
        return Attribution.of(self._at(j), own=True) if self._points_back(j) else Attribution()

    def _points_back(self, j: int) -> bool:
        a, b = self.sents[j]
        return bool(self.s.cataphora.search(self.text[a:b]))

    def _lead(self, i: int | None = None, before: bool = False) -> Attribution:
        """The source the headline or the lead names speaks for the report it heads.

        A credit line ("Via Al Jazeera", "Source: AFP", "(Kyodo)") is not a lead: it names the
        outlet the copy comes from, which repeats the sources the body names; taken as the
        report's source it would beat, on a headline, the minister the body quotes. In a live
        blog or an interview (self.entries) the lead speaks only within its own entry (i: the
        sentence asking).
        """
        for j in range(min(LEAD_SENTENCES, len(self.sents))):
            if i is not None and ((before and j >= i) or self._outside_entry(j, i)):
                continue
            found = self._resolved(j, carry=False)
            if found and not self._credit_line(j, found):
                return found
        return Attribution()

    def _entry_starts(self) -> tuple[int, ...]:
        """Sentences that open an entry line ("Q: ...", "A: ...", "• 10:42 ...", "- UPDATE: ..."),
        when the document has ENTRIES_MIN of them; else none (a dateline's "12:31" alone is
        no live blog)."""
        if self.s.entry is None:
            return ()
        starts = []
        for i in range(len(self.sents)):
            a = self.sents[i][0]
            line = self.text.rfind("\n", 0, a) + 1
            first = i == 0 or self.sents[i - 1][1] <= line
            if first and self.s.entry.match(self.text, line, self.sents[i][1]):
                starts.append(i)
        return tuple(starts) if len(starts) >= ENTRIES_MIN else ()

    def _outside_entry(self, j: int, i: int) -> bool:
        """Lead sentence `j` lies in another entry than sentence `i` and does not say whom the
        whole interview is with ("Interview with Budanov": every answer is his; pack option
        sources.interview_words)."""
        if self._entry_of(j) == self._entry_of(i):
            return False
        a, b = self.sents[j]
        return self.s.interview is None or self.s.interview.search(self.text, a, b) is None

    def _entry_of(self, i: int) -> int:
        """The entry sentence `i` lies in (-1: before the first entry, or no entries)."""
        return bisect.bisect_right(self.entries, i) - 1

    def _credit_line(self, j: int, found: Attribution) -> bool:
        """Only outlets, and at most a word beside their names ("Via", "Source:"): not a
        dek that says what the outlet did ("BBC, 탈주 노동자들 인터뷰": it interviewed them)."""
        if j in self.figures or any(self.s.kind_of.get(c) not in OUTLET_KINDS for c in found.named):
            return False
        a, b = self.sents[j]
        return len(self.s.names.sub(" ", self.text[a:b]).split()) <= CREDIT_LINE_WORDS

    def _paragraph_break(self, j: int, i: int) -> bool:
        return "\n" in self.text[self.sents[j][1] : self.sents[i][0]]

    def _outlet_relaying(self, i: int, here: SentenceSources) -> Attribution:
        """'..., the minister said, as reported by Yonhap': an outlet named beside a
        back-reference relays the source referred to; it does not originate the figure."""
        if not here.anaphora:  # a bare head ("по данным NK News") introduces the outlet itself
            return Attribution()
        if any(self.s.kind_of.get(c) != "media" for c in here.named):
            return Attribution()
        earlier = self._back_reference(i, here)
        if not earlier or all(self.s.kind_of.get(c) == "media" for c in earlier.named):
            return Attribution()
        relays = tuple(dict.fromkeys((*here.named, *earlier.relays)))
        return Attribution(earlier.named, earlier.speakers, relays)

    def _outlet_of_a_head(self, i: int, here: SentenceSources, own: bool = False) -> Attribution:
        """'وصرّح المشرّع ... وفقاً لوكالة الصحافة الفرنسية' (the lawmaker said, according to AFP):
        an outlet named beside a body's head with no country of its own (the lawmaker, the
        official) passes on what that body, named before, said; the outlet is its relay. A head
        that refers to nobody earlier leaves the outlet the source."""
        heads = set(here.bare_heads) & set(CITED_HEADS)
        if not heads or not self._outlets_only(Attribution.of(here)):
            return Attribution()
        earlier = self._back_reference(i, here)
        if not earlier or self._outlets_only(earlier):
            return Attribution()
        relays = tuple(dict.fromkeys((*earlier.relays, *here.named)))
        return Attribution(earlier.named, earlier.speakers, relays, own)

    def _outlet_citing(self, here: SentenceSources, own: bool = False) -> Attribution:
        """'Yonhap, citing the spy agency', 'lawmaker Lee Seong-kweun said, citing intelligence':
        an outlet or a lawmaker with a home country that cites a body without naming its country
        cites its own country's body, and relays it."""
        kinds = {self.s.kind_of.get(c) for c in here.named}
        if not here.bare_heads or not kinds <= set(RELAY_KINDS):
            return Attribution()
        country = self.s.country_of.get(here.named[0])
        bodies = self.s.generic.get(country) or {}
        canon = next(
            (
                bodies[h]
                for h in here.bare_heads
                if h in CITED_HEADS and h in bodies and h not in kinds
            ),
            None,
        )
        if not canon:
            return Attribution()
        return Attribution((canon,), (), _with_speakers(Attribution.of(here)), own)

    def sources(self, i: int, at: int | None = None) -> Attribution:
        """Who says the figures of sentence `i` (the figure starting at `at`, when given)."""
        here = self._at(i)
        if here.named:
            relayed = (
                self._outlet_relaying(i, here)
                or self._outlet_citing(here, own=True)
                or self._outlet_of_a_head(i, here, own=True)
            )
            found = relayed or self._clause_source(i, here, at) or Attribution.of(here, own=True)
            found = self._office_before(i, here, found)
        else:
            found = self._resolved(i)
        found = self._cited_after(i, found)
        return self._relayed_agency(self._outlet_of_its_state(i, found))

    def _cited_after(self, i: int, found: Attribution) -> Attribution:
        """'..., Reuters reported. It cited two U.S. officials.': an outlet credited alone whose
        next sentence of the paragraph opens with a word of citing (within CITED_AFTER_WORDS
        words: "The newspaper cited", "It quoted") and names a source that is no outlet relays
        that source; the reader's originator is the one cited."""
        outlets = [c for c in found.named if self.s.kind_of.get(c) in OUTLET_KINDS]
        j = i + 1
        if not found or len(outlets) < len(found.named) or self.s.citing is None:
            return found
        if j >= len(self.sents) or self._paragraph_break(i, j):
            return found
        if not self._opens_citing(j):
            return found
        nxt = self._at(j)
        cited = tuple(c for c in nxt.named if self.s.kind_of.get(c) not in OUTLET_KINDS)
        if not cited:
            return found
        relays = tuple(dict.fromkeys((*found.named, *found.relays)))
        return Attribution(cited, tuple(nxt.speakers.items()), relays, found.own)

    def _opens_citing(self, j: int) -> bool:
        """Sentence `j` opens with a word of citing (within CITED_AFTER_WORDS words)."""
        if j not in self._citing:
            a, b = self.sents[j]
            m = self.s.citing.search(self.text, a, b) if self.s.citing is not None else None
            self._citing[j] = (
                m is not None and words_between(self.text[a : m.start()]) <= CITED_AFTER_WORDS
            )
        return self._citing[j]

    def _office_before(self, i: int, here: SentenceSources, found: Attribution) -> Attribution:
        """'영국 국방부는 ... 밝혔다. 국방부는 ...': a name written as no more than a head word, with
        no country, right after a sentence of its paragraph that names another country's body
        of that kind, is that body again, not the home country's the pack means by default."""
        if len(found.named) != 1 or found.named[0] not in here.head_names or i == 0:
            return found
        kind = here.head_names[found.named[0]]
        if self._paragraph_break(i - 1, i):
            return found
        before = self._resolved(i - 1, carry=False).named
        other = [
            c
            for c in before
            if kind in self.s.kinds_of.get(c, frozenset())
            and self.s.country_of.get(c) != self.s.country_of.get(found.named[0])
        ]
        if len(other) != 1:
            return found
        return Attribution((other[0],), (), found.relays, found.own)

    def _clause_source(self, i: int, here: SentenceSources, at: int | None) -> Attribution:
        """'the DIA's count was about 13,000, the number the US gave about 16,400': sources
        named in different clauses, each beside figures of its own, speak each for its clause.

        Only when every source's clause holds a figure: in "South Korean, US and Ukrainian
        intelligence estimate 15,000" the first country's clause has none, and all three say it.
        """
        if at is None or len(here.voices) < 2:
            return Attribution()
        a = self.sents[i][0]
        clauses = {c: self._voice_span(a + pos) for c, pos in here.voices.items()}
        if len(set(clauses.values())) < 2 or not all(map(self._holds_figure, clauses.values())):
            return Attribution()
        # "Ukraine's President Volodymyr Zelensky": the office subsumes its title's government.
        voices = most_specific(
            [c for c, (start, end) in clauses.items() if start <= at < end], self.s.broad, self.s
        )
        if not voices:
            return Attribution()
        # Within the clause, the highest kind originates, as in a whole sentence.
        best = max(self.s.priority.get(c, 1) for c in voices)
        named = tuple(
            sorted(
                (c for c in voices if self.s.priority.get(c, 1) == best),
                key=lambda c: here.voices[c],
            )
        )
        who = tuple((c, p) for c, p in here.voice_speakers.items() if c in named)
        return Attribution(named, who, tuple(here.relays), own=True)

    def _voice_span(self, pos: int) -> tuple[int, int]:
        """The clause a source named at `pos` speaks for: its own, or with the next one where its
        own holds no figure ("According to the GUR, about 1,000 ... were killed, while Seoul
        estimates 300 dead": the aside speaks for the clause it opens)."""
        span = self._clause(pos)
        if self._holds_figure(span) or span[1] >= self.sents[self.sents.index_of(pos)][1]:
            return span
        return span[0], self._clause(span[1])[1]

    def _clause(self, pos: int) -> tuple[int, int]:
        """The span of the clause around `pos`, cut at commas and semicolons within its sentence."""
        a, b = self.sents[self.sents.index_of(pos)]
        seps = [m.end() for m in VOICE_BREAK.finditer(self.text, a, b)]
        k = bisect.bisect_right(seps, pos)
        return (seps[k - 1] if k else a, seps[k] if k < len(seps) else b)

    def _holds_figure(self, span: tuple[int, int]) -> bool:
        k = bisect.bisect_left(self.figure_starts, span[0])
        return k < len(self.figure_starts) and self.figure_starts[k] < span[1]

    def _outlet_of_its_state(self, i: int, found: Attribution) -> Attribution:
        """'Shoigu arrived in Pyongyang ... RIA Novosti reported that 1,000 deminers ...': an
        outlet of one country whose report is the figure's only source relays the person or
        body of that same country its paragraph, headline or lead names.

        A reader takes a national outlet covering its own officials (RIA Novosti and Shoigu,
        TASS and the Defence Ministry, Yonhap and a Seoul lawmaker) as passing on what they
        said. An outlet with no home country (Reuters, WSJ, Daily NK) or one whose country
        has nobody speaking nearby reports its own finding and stays the originator.
        """
        if not found or any(self.s.kind_of.get(c) not in OUTLET_KINDS for c in found.named):
            return found
        countries = {self.s.country_of.get(c) for c in found.named}
        country = countries.pop() if len(countries) == 1 else None
        if not country:
            return found
        body = self._body_of(str(country), i)
        if not body:
            return found
        relays = tuple(dict.fromkeys((*found.named, *found.relays)))
        return Attribution(body.named, body.speakers, relays, found.own)

    def _body_of(self, country: str, i: int) -> Attribution:
        """The nearest source of `country` that is no outlet, in the paragraph of `i` (within
        CARRY_FORWARD_SENTENCES either way), else in the headline and lead.

        A body the paragraph quotes with figures of its own has spoken for those: the outlet's
        further report beside it is a second voice ("Shoigu announced 5,000 builders; TASS then
        reported thousands"), so none is returned.
        """
        near = sorted(self._paragraph_around(i), key=lambda j: abs(j - i))
        for j in near:
            named = self._bodies_at(j, country)
            if named:
                return Attribution() if j in self.figures else named
        for j in range(min(LEAD_SENTENCES, len(self.sents))):
            named = self._bodies_at(j, country)
            if named:
                return named
        return Attribution()

    def _bodies_at(self, j: int, country: str) -> Attribution:
        here = self._at(j)
        named = tuple(
            c
            for c in here.named
            if self.s.country_of.get(c) == country and self.s.kind_of.get(c) not in OUTLET_KINDS
        )
        return Attribution(named, tuple((c, p) for c, p in here.speakers.items() if c in named))

    def _paragraph_around(self, i: int) -> list[int]:
        """Sentence indexes of i's paragraph, at most CARRY_FORWARD_SENTENCES from it."""
        lo = i
        while lo > max(0, i - CARRY_FORWARD_SENTENCES) and not self._paragraph_break(lo - 1, lo):
            lo -= 1
        hi = i
        top = min(len(self.sents) - 1, i + CARRY_FORWARD_SENTENCES)
        while hi < top and not self._paragraph_break(hi, hi + 1):
            hi += 1
        return [j for j in range(lo, hi + 1) if j != i]

    def _relayed_agency(self, found: Attribution) -> Attribution:
        if found and all(self.s.kind_of.get(c) == "lawmakers" for c in found.named):
            # Lawmakers relay the briefing they received: the agency that briefed them, named
            # elsewhere in the article, is the originator.
            countries = {self.s.country_of.get(c) for c in found.named}
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
                relays = tuple(dict.fromkeys(_with_speakers(found) + found.relays))
                return Attribution((agency,), (), relays, found.own)
        return found

    def _document_sources(self) -> list[str]:
        if self._everyone is None:
            out: list[str] = []
            for j in range(len(self.sents)):
                out.extend(c for c in self._at(j).named if c not in out)
            self._everyone = out
        return self._everyone


# A part of a name that may stand for the whole: two letters at least (not Korean 이, a word too).
SHORT_NAME_CHARS = 2
# Words allowed between such a part and its word of saying ("ली ने कहा": the case ending).
SHORT_NAME_SAYING_WORDS = 2
_NAME_PARTS = re.compile(r"[\s・·]+")


@functools.cache
def _names_of(person: str) -> tuple[str, ...]:
    """Every spelling of the person of people.yaml written `person` (canonical or as written)."""
    for name, p in people().items():
        if person == name or person in p.names:
            return p.names
    return ()


def _says_by_short_name(text: str, names: tuple[str, ...], s: SourceLexicon) -> bool:
    """`text` names the person by the first or last part of one of `names` (as written), a word
    of saying at most SHORT_NAME_SAYING_WORDS words after it."""
    parts = _short_parts(names)
    if s.saying is None or parts is None:
        return False
    for m in parts.finditer(text):
        said = s.saying.search(text, m.end())
        if said and words_between(text[m.end() : said.start()]) <= SHORT_NAME_SAYING_WORDS:
            return True
    return False


@functools.cache
def _short_parts(names: tuple[str, ...]) -> re.Pattern[str] | None:
    """The first and last parts of the person's spellings of two parts or more, as one pattern
    (longest first), or None; compiled once per person."""
    found: set[str] = set()
    for name in names:
        parts = [p for p in _NAME_PARTS.split(name.strip("* ")) if p]
        if len(parts) < 2 or "*" in name:
            continue
        found.update(p for p in (parts[0], parts[-1]) if len(p) >= SHORT_NAME_CHARS)
    if not found:
        return None
    alternation = "|".join(re.escape(p) for p in sorted(found, key=lambda p: (-len(p), p)))
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)")


def _with_speakers(found: Attribution) -> tuple[str, ...]:
    return _credited(found.named, dict(found.speakers))


def _credited(named: tuple[str, ...], who: dict[str, str]) -> tuple[str, ...]:
    """Each institution with its speaker in brackets, where it has one."""
    return tuple(f"{n} ({who[n]})" if n in who else n for n in named)


def _told(found: Attribution, here: SentenceSources) -> Attribution:
    """The source a back-reference points to, with the outlet it told as its relay ("he told
    Bloomberg"); that outlet itself where the back-reference points to nobody."""
    if not here.addressed:
        return found
    if not found:
        return Attribution(tuple(here.addressed[:1]))
    return replace(found, relays=tuple(dict.fromkeys((*found.relays, *here.addressed))))
