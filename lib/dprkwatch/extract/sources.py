"""Who says it, within one sentence: source names, people, a country with a head ("Seoul's spy agency").

The lexicon is pack data (section `sources` of lang/data/<code>.yaml), the canonical sources of
base.yaml and the people of lang/people.yaml (a person is credited to the institution they
spoke for on the document's date, and kept as its speaker). Of the sources a sentence names,
the originators are those of the highest kind (agencies and state media, then governments and
militaries, then lawmakers, think tanks and witnesses, then outlets); outlets and lawmakers
named beside a higher source relay it. extract/attribution.py carries sources across a document.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field

from dprkwatch.extract.cues import cues_of
from dprkwatch.extract.text import (
    NOT_IN_A_FIGURE,
    Lookup,
    last_match,
    lookup_table,
    resolve,
    term_as_written,
    words_between,
)
from dprkwatch.ingest.detect import script_of
from dprkwatch.lang.packs import (
    NOT_BEFORE,
    Lang,
    LanguagePackError,
    literal_alternation,
)
from dprkwatch.lang.packs import alternation as plain_alternation
from dprkwatch.lang.people import Person, people


def alternation(terms: Iterable[str], prefix: bool = False, bounded: bool = True) -> str:
    """A pack's terms as one regex, whose Arabic words may carry vowel marks and shadda ("وصرّح
    المشرّع" names the lawmaker the pack writes bare); resolve() drops them to find the key."""
    return plain_alternation(terms, prefix, bounded, marks=True)


# Kinds of source that pass a figure on when a source of a higher kind is named beside them.
RELAY_KINDS = ("media", "lawmakers")
# Heads that are a source only with their country beside them ("South Korean sources").
UNNAMED_HEADS = ("sources",)
# An army that acts as often as it speaks ("Ukrainian forces killed 50 ..."): a military source only
# with a word of saying after it in its clause (see _army_speaks).
ARMY = "army"
# Kinds of source that publish: they pass on what others say unless they report their own finding.
OUTLET_KINDS = ("media", "state_media")
# Heads that act as often as they speak ("North Korean authorities have sent 3,000 troops"), and
# names that say no more than a country and such a head ("władze Korei Północnej"): a source
# only in a sentence with a word of saying (the pack's speaker heads and `saying`).
SAYING_HEADS = ("government",)
# A quote mark that may open a name.
OPEN_QUOTE = "[\"'«“„‘]"
# A function giving the document's date, called only where it decides something.
DayOf = Callable[[], "dt.date | None"]
# What ends the clause a source speaks in: text.CLAUSE_BREAK (no comma between digits), but not
# the ideographic comma, which lists or sets off the source's own phrase from what it says
# ("米CNNは米政府当局者の話として、…と報じた": one source).
CLAUSE_BREAK = re.compile(rf"[,，;；،؛]{NOT_IN_A_FIGURE}")
# What ends a clause or a sentence, between a word of saying and the army it may name.
_SENTENCE_OR_CLAUSE_END = re.compile(r"[,;，；،؛.!?。！？\n]")


@dataclass(frozen=True)
class SourceLexicon:
    """A language's source names, heads and countries, compiled once."""

    names: re.Pattern
    name_lookup: Lookup
    heads: re.Pattern
    head_lookup: Lookup
    left_country: re.Pattern
    right_country: re.Pattern
    right_adjective: re.Pattern
    country_after_head: bool
    country_genitive: bool
    # A country right after a verb of saying ("জানিয়েছে সিউল", "قالت كوريا الجنوبية"), or None.
    country_after_verb: re.Pattern | None
    # A country and a word joining it to the next, ending the text ("Kyiv and "), or None.
    coordinated: re.Pattern | None
    # A country and a comma, ending the text ("South Korea, "): one listed before a joined one.
    listed: re.Pattern | None
    # "according to South Korea", "한국에 따르면": (a literal every match holds, its pattern).
    cited_country: tuple[tuple[str, re.Pattern], ...]
    country_lookup: Lookup
    anaphora: re.Pattern
    cataphora: re.Pattern
    unnamed: re.Pattern | None  # None for a pack that lists no such phrase
    place: re.Pattern | None  # a place word ending right before a country ("in"), if any
    declines: re.Pattern | None  # "declined to comment": who declines says nothing; None: none
    declines_subject_after: bool  # "نفى الكرملين ...": the one who declines follows the word
    citing: re.Pattern | None  # "citing", "인용해": witnesses an outlet cites are its source
    # A case ending glued to an outlet that makes it whom a source told ("বিবিসিকে"), or None.
    told_endings: re.Pattern | None
    telling: re.Pattern | None  # "he told": an outlet right after one is whom the source told
    saying: re.Pattern | None  # words of saying that SAYING_HEADS need; None: the pack lists none
    sending: re.Pattern | None  # words of sending (cues.stage): SAYING_HEADS before one act there
    reported: re.Pattern | None  # "hätten", "habe" right after a body: it is reported, not saying
    estimating: re.Pattern | None  # verbs of estimate_links: no part of a body's name as written
    generic: dict
    kind_of: dict
    priority: dict
    country_of: dict
    broad: frozenset[str]  # canonical names that say only a country and a kind ("US government")
    outlets: frozenset[str]  # canonical names of kind OUTLET_KINDS
    people: re.Pattern
    people_lookup: Lookup
    # Back-reference words that name a kind of source ("the newspaper", "la agencia"): kind ->
    # pattern; and each canonical source's kinds (its kind, the heads it stands for, "ministry").
    anaphora_kinds: tuple[tuple[str, re.Pattern], ...] = ()
    kinds_of: dict = field(default_factory=dict)
    kind_words: re.Pattern | None = None  # every such word, None when the pack lists none
    verb_final: bool = False  # the verb ends its clause: a sender's verb may stand far after it
    # Speakers of no institution ("experts", "analysts") and the words by which one speaks,
    # counts or judges ("say", "counted", "believe"): see _find_generic_speakers. None: none listed.
    generic_speakers: re.Pattern | None = None
    generic_verbs: re.Pattern | None = None
    counting: re.Pattern | None = None  # "counted", "tallied": see Attributor._counts_itself
    # What opens an entry line of an interview or a live blog ("Q:", "• 10:42", "- UPDATE:").
    entry: re.Pattern | None = None
    # "Interview with", "Entrevista con": a headline or lead naming whom an interview is with.
    interview: re.Pattern | None = None
    # The names written with a colon ("Seúl:", "कीव:"), opening a paragraph: a headline's
    # speaker, or past the headline a dateline that names a place, no one who says.
    dateline: re.Pattern | None = None
    # Times that may stand between a speaker and its verb ("Ukraine on Friday said", "우크라이나가
    # 14일 발표했다", "韩国周五表示"): blanked before sources are sought. None: the pack lists none.
    time_between: re.Pattern | None = None
    # A country opening the sentence as its subject ("ウクライナは", "우크라이나는") and a subject
    # so marked right before a verb ("報告書は"), or None.
    opening_subject: tuple[re.Pattern, re.Pattern] | None = None
    closing_verbs: re.Pattern | None = None  # active verbs of saying that close a sentence
    # "used by", "utilizados por": a passive's agent of using or firing, who acts, not who says.
    users: re.Pattern | None = None


def lexicon_of(lang: Lang) -> SourceLexicon:
    """The compiled source lexicon of `lang` (built on first use, kept with the pack)."""
    return lang.memo("sources", lambda: _build(lang))


def _build(lang: Lang) -> SourceLexicon:
    s = lang.option("sources")
    base = lang.base
    names = s["names"]
    heads = s["heads"]
    countries = s["countries"]
    country_terms = [t for v in countries.values() for t in v]
    country_alt = alternation(country_terms, lang.prefix)
    coord_alt = literal_alternation(s["coordinators"])
    linkers = s["linkers"]
    kind_terms = s["anaphora_kinds"]
    all_kind_terms = [t for ts in kind_terms.values() for t in ts or []]
    link_alt = literal_alternation(linkers) or "(?!x)x"
    gap = rf"(?:\s*(?:{link_alt})\s*|\s+)*"
    srcs = base.get("sources") or {}
    prio = base.get("source_kind_priority") or {}
    return SourceLexicon(
        names=re.compile(
            alternation([t for v in names.values() for t in v], lang.prefix), re.IGNORECASE
        ),
        name_lookup=lookup_table(names),
        heads=re.compile(
            alternation([t for v in heads.values() for t in v], lang.prefix), re.IGNORECASE
        ),
        head_lookup=lookup_table(heads),
        left_country=re.compile(rf"(?P<c>{country_alt}){gap}$", re.IGNORECASE),
        # One linker or two ("de Corée du Sud", "de la Corée du Sud", "de l'Ukraine").
        right_country=re.compile(
            rf"^(?:\s*(?:{link_alt})\s*|\s+){{1,2}}(?P<c>{country_alt})", re.IGNORECASE
        ),
        right_adjective=re.compile(rf"^{gap}(?P<c>{country_alt})", re.IGNORECASE),
        country_after_head=s["country_after_head"] or s["country_genitive"],
        country_genitive=s["country_genitive"],
        # A quote mark may open the country's name ('ذكرت "سيئول" أن'): still the subject.
        country_after_verb=re.compile(rf"\s+{OPEN_QUOTE}?(?P<c>{country_alt})", re.IGNORECASE)
        if s["speaker_before_country"]
        else None,
        coordinated=re.compile(rf"(?P<c>{country_alt})\s*(?:{coord_alt}){gap}$", re.IGNORECASE)
        if coord_alt
        else None,
        listed=re.compile(rf"(?P<c>{country_alt})\s*[,،、]\s*$", re.IGNORECASE)
        if coord_alt
        else None,
        cited_country=_cited_country_patterns(
            lang, s["according_to"], (country_terms, country_alt), coord_alt or "(?!x)x", gap
        ),
        country_lookup=lookup_table(countries),
        anaphora=re.compile(alternation(s["anaphora"], lang.prefix), re.IGNORECASE),
        cataphora=re.compile(alternation(s["cataphora"], lang.prefix), re.IGNORECASE),
        unnamed=_terms(lang, s["unnamed"]),
        declines=_terms(lang, s["declines"]),
        declines_subject_after=bool(s["declines_subject_after"]),
        citing=_terms(lang, s["citing"]),
        telling=_terms(lang, s["telling"]),
        told_endings=re.compile(literal_alternation(s["told_endings"]))
        if s["told_endings"]
        else None,
        verb_final=bool(lang.option("cues.verb_final")),
        place=re.compile(rf"(?:{alternation(s['place_words'], lang.prefix)})\s*$", re.IGNORECASE)
        if s["place_words"]
        else None,
        saying=_terms(lang, [*heads.get("speaker", []), *s["saying"]]),
        sending=_terms(lang, [t for ts in lang.option("cues.stage").values() for t in ts or []]),
        estimating=_terms(lang, (lang.option("cues.estimate_links") or {}).get("verbs") or []),
        reported=re.compile(rf"^\s*{alternation(s['reported_auxiliaries'])}", re.IGNORECASE)
        if s["reported_auxiliaries"]
        else None,
        generic=base.get("generic_sources") or {},
        kind_of={k: v.get("kind", "media") for k, v in srcs.items()},
        priority={k: prio.get(v.get("kind", "media"), 1) for k, v in srcs.items()},
        country_of={k: v.get("country") for k, v in srcs.items()},
        broad=frozenset(k for k, v in srcs.items() if _says_only_its_kind(k, v)),
        outlets=frozenset(k for k, v in srcs.items() if v.get("kind", "media") in OUTLET_KINDS),
        **_people_lexicon(lang),
        anaphora_kinds=tuple(
            (k, re.compile(alternation(ts, lang.prefix), re.IGNORECASE))
            for k, ts in kind_terms.items()
            if ts
        ),
        kinds_of=_kinds_of(srcs, base.get("generic_sources") or {}),
        kind_words=re.compile(alternation(all_kind_terms, lang.prefix), re.IGNORECASE)
        if all_kind_terms
        else None,
        generic_speakers=_terms(lang, s["generic_speakers"]),
        generic_verbs=_terms(lang, [*heads.get("speaker", []), *s["saying"], *s["counting"]]),
        counting=_terms(lang, s["counting"]),
        entry=_entry_pattern(lang, s["entry_words"]),
        interview=_terms(lang, s["interview_words"]),
        dateline=_terms(lang, [t for v in names.values() for t in v if t.endswith((":", "："))]),
        # Asides (a gloss in brackets) are skipped the way times are.
        time_between=_time_between(lang, [*s["time_between"], *s["asides"]]),
        opening_subject=_opening_subject(lang, s["opening_subject"], country_terms),
        closing_verbs=_terms(lang, s["closing_verbs"]),
        users=_terms(lang, s["user_agents"]),
    )


# Before a sentence's opening subject: quotes, brackets, and at most one word ("한편", "앞서").
_OPENING = r"^[\s\"“”'‘’«「『(（]*(?:[^\W\d]+[ \t]+)?"


def _opening_subject(
    lang: Lang, templates: list[str], countries: list[str]
) -> tuple[re.Pattern, re.Pattern] | None:
    """Pack option sources.opening_subject: a country written as one of the templates (its
    particle around `{}`: "{}は", "{}는"), opening the sentence; and any word so marked ending
    right before a verb (a subject of its own: "…と報告書は指摘した")."""
    if not templates:
        return None
    exact = literal_alternation(countries)  # the particle follows the name itself
    parts = [_around_a_country(lang, t, "sources.opening_subject") for t in templates]
    alts = [_words(b) + f"(?P<c{i}>{exact})" + _words(a) for i, (b, a) in enumerate(parts)]
    marks = literal_alternation({a.strip() for _, a in parts} - {""})
    again = re.compile(rf"[^\W\d](?:{marks or '(?!x)x'})\s*$", re.IGNORECASE)
    return re.compile(_OPENING + "(?:" + "|".join(alts) + ")", re.IGNORECASE), again


def _around_a_country(lang: Lang, template: str, key: str) -> tuple[str, str]:
    """A country template's words before and after its one `{}`; a template with no words or
    not one `{}` is an error naming the pack and `key`."""
    before, sep, after = template.partition("{}")
    if not sep or "{}" in after or not (before.strip() or after.strip()):
        raise LanguagePackError(f"{lang.code}.yaml", f"{template!r} needs words and one {{}}", key)
    return before, after


def _time_between(lang: Lang, patterns: list[str]) -> re.Pattern | None:
    """The pack's times between a speaker and its verb as one pattern; {months} stands for the
    month names of numbers.months."""
    if not patterns:
        return None
    alts = "|".join(f"(?:{lang.with_months(p)})" for p in patterns)
    return re.compile(alts, re.IGNORECASE)


# Full-width letters and digits as ASCII, one character for one, so offsets hold: "据ＮＩＳ称",
# "ＣＳＩＳは" name the NIS and CSIS as the packs write them (full-width signs stay: packs list
# "：" and "，" as they are written).
_FULL_WIDTH_RANGES = ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
HALF_WIDTH = {c: c - 0xFEE0 for lo, hi in _FULL_WIDTH_RANGES for c in range(lo, hi + 1)}
_FULL_WIDTH = re.compile(
    "[" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _FULL_WIDTH_RANGES) + "]"
)


def _without_times(text: str, s: SourceLexicon) -> str:
    """`text` with its times between a speaker and its verb blanked, every offset kept: "Ukraine
    on Friday said" is read as "Ukraine said", as a reader skips the day."""
    times = [m.span() for m in s.time_between.finditer(text)] if s.time_between else []
    if not times:
        return text
    # A time inside a source's name is the name's ("Welt am Sonntag", "The Sunday Times").
    names = [m.span() for m in s.names.finditer(text)]
    for a, b in times:
        if not any(x < b and a < y for x, y in names):
            a, b = _with_its_commas(text, a, b)
            text = text[:a] + " " * (b - a) + text[b:]
    return text


_COMMA_BEFORE = re.compile(r"[,،、，]\s*$")
_COMMA_AFTER = re.compile(r"\s*[,،、，]")


def _with_its_commas(text: str, a: int, b: int) -> tuple[int, int]:
    """The span of a time set off by commas on both sides, the commas with it ("Korea Selatan,
    Senin (14/10), mengatakan"); the time alone otherwise."""
    before = _COMMA_BEFORE.search(text, max(0, a - 3), a)
    after = _COMMA_AFTER.match(text, b)
    return (before.start(), after.end()) if before and after else (a, b)


def _cited_country_patterns(
    lang: Lang,
    templates: list[str],
    countries: tuple[list[str], str],
    coord: str,
    gap: str,
) -> tuple[tuple[str, re.Pattern], ...]:
    """Pack option sources.according_to: each template's words around `{}`, where a country
    stands (two joined by a coordinator: "according to Ukraine and South Korea"), with the
    template's longest literal piece, which a sentence must hold for the pattern to be tried.
    `countries`: the pack's country terms and their pattern, as _build made it."""
    terms, country_alt = countries
    loose = ""  # the countries with no word start before them, built once if a template needs it
    out = []
    for t in templates:
        before, after = _around_a_country(lang, t, "sources.according_to")
        glued_before = bool(before) and not before[-1].isspace()
        # Glued to the word before ("据韩国称"): no word start before the country.
        if glued_before and not loose:
            loose = alternation(terms, lang.prefix, bounded=False)
        first = loose if glued_before else country_alt
        lead = _words(before) + ("" if glued_before or not before.strip() else gap)
        tail = _words(after) if after.strip() else ""
        one = rf"(?P<c>{first})(?:\s*(?:{coord}){gap}(?P<c2>{country_alt}))?"
        pattern = rf"{NOT_BEFORE if before[:1].isalnum() else ''}{lead}{one}{tail}"
        key = max((before.strip(), after.strip()), key=len).lower()
        out.append((key, re.compile(pattern, re.IGNORECASE)))
    return tuple(out)


def _words(part: str) -> str:
    """A template's words as a pattern: spaces match any whitespace, a space at either end too."""
    lead = r"\s*" if part[:1].isspace() else ""
    trail = r"\s*" if part[-1:].isspace() else ""
    return lead + r"\s+".join(re.escape(w) for w in part.split()) + trail


# An entry line of a live blog or an interview opens with a bullet or dash, if any, then a time
# ("10:42", "10h42", "10.42") or one of the pack's entry words with a colon ("Q:", "UPDATE:").
_BULLET = r"[ \t]*(?:[•\-*–—·▪►][ \t]*)?"
_TIME = r"\d{1,2}[:h.]\d{2}(?![\d.,:])"


def _entry_pattern(lang: Lang, words: list[str]) -> re.Pattern:
    labels = rf"|(?:{alternation(words, lang.prefix)})[ \t]*[:：]" if words else ""
    return re.compile(rf"{_BULLET}(?:{_TIME}{labels})", re.IGNORECASE)


# A canonical name with one of these words is a ministry ("the ministry" points back to it).
_MINISTRY = re.compile(r"\b(?:ministry|department|defen[cs]e)\b", re.IGNORECASE)
_DEFENSE = re.compile(r"\bdefen[cs]e\b", re.IGNORECASE)


def _kinds_of(srcs: dict, generic: dict) -> dict[str, frozenset[str]]:
    """Each canonical source's kinds for back-references that name one: its own kind, the heads
    it stands for in generic_sources (South Korea NIS: intelligence), and 'ministry'."""
    out: dict[str, set[str]] = {k: {str(v.get("kind", "media"))} for k, v in srcs.items()}
    for heads in generic.values():
        for head, canon in (heads or {}).items():
            if head not in ("speaker", "sources"):
                out.setdefault(canon, set()).add(head)
    for canon, kinds in out.items():
        if _DEFENSE.search(canon):  # "Russia Defense Ministry", which Russia's heads do not name
            kinds.add("defense")
        if "defense" in kinds or _MINISTRY.search(canon):
            kinds.add("ministry")
    return {k: frozenset(v) for k, v in out.items()}


def _terms(lang: Lang, terms: list[str]) -> re.Pattern | None:
    """The pack's terms as one pattern, or None when it lists none (no search, no rule waits)."""
    return re.compile(alternation(terms, lang.prefix), re.IGNORECASE) if terms else None


def _scripts(terms: Iterable[str]) -> set[str]:
    """The scripts the letters of the terms are written in ("LATIN", "HANGUL", "CJK", ...)."""
    return {script_of(ch) for t in terms for ch in t if ch.isalpha()} - {""}


def _says_only_its_kind(name: str, entry: dict) -> bool:
    """'US government', 'Western governments': no more than a country and a kind of source."""
    kind = str(entry.get("kind", ""))
    return bool(kind) and name.split()[-1].lower() in (kind, kind + "s")


def _people_lexicon(lang: Lang) -> dict:
    """People's spellings in Latin and in the scripts the pack's own source names use: a
    Portuguese article never writes Shoigu in Hangul, and the search of every spelling in
    every script was a fifth of extraction time."""
    scripts = _scripts(t for v in lang.option("sources.names").values() for t in v) | {"LATIN"}
    spellings = {
        name: [n for n in p.names if _scripts([n]) <= scripts] for name, p in people().items()
    }
    return {
        "people": re.compile(
            alternation([t for v in spellings.values() for t in v], lang.prefix), re.IGNORECASE
        ),
        "people_lookup": lookup_table(spellings),
    }


@dataclass
class SentenceSources:
    """The sources one sentence names."""

    named: list[str] = field(default_factory=list)  # originators, canonical, in text order
    speakers: dict[str, str] = field(default_factory=dict)  # originator -> person speaking for it
    relays: list[str] = field(default_factory=list)  # outlets, lawmakers passing a figure on
    bare_heads: list[str] = field(default_factory=list)  # head kinds with no country beside them
    # Every source that speaks for itself (no outlet or lawmaker passing a word on), whatever
    # its rank -> where it is first named, and the people speaking for them: a sentence may
    # give one figure per clause, each with its own source.
    voices: dict[str, int] = field(default_factory=dict)
    voice_speakers: dict[str, str] = field(default_factory=dict)
    anaphora: bool = False
    unnamed: bool = False  # "reports said": the sentence says its source is nobody in particular
    kinds: frozenset[str] = frozenset()  # kinds the back-reference words name ("the newspaper")
    # Names written as no more than a head word, with no country ("국방부"): name -> head kind.
    head_names: dict[str, str] = field(default_factory=dict)
    # Outlets a back-reference told ("he told Bloomberg"): relays of the source it points to.
    addressed: list[str] = field(default_factory=list)


@dataclass
class _Found:
    mentions: list[tuple[int, str]] = field(default_factory=list)
    taken: list[tuple[int, int]] = field(default_factory=list)
    speakers: dict[str, str] = field(default_factory=dict)
    from_heads: set[str] = field(default_factory=set)  # built from a country and a head
    as_written: set[str] = field(default_factory=set)  # speakers that are a body as written
    heads: list[tuple[int, int]] = field(default_factory=list)  # spans of the heads found
    bodies: list[tuple[int, int]] = field(default_factory=list)  # heads with their country
    # Bodies that act as often as they speak (SAYING_HEADS): (mention position, name, end).
    acting: list[tuple[int, str, int]] = field(default_factory=list)
    # Clauses whose source declines to comment ("Seoul declined to comment"): no source there.
    declining: list[tuple[int, int]] = field(default_factory=list)
    head_names: dict[str, str] = field(default_factory=dict)  # see SentenceSources.head_names
    titles: set[str] = field(default_factory=set)  # kinds of the heads with no country beside

    def covers(self, pos: int) -> bool:
        return _within(self.taken, pos)


def sentence_sources(
    text: str, s: SourceLexicon, lang: Lang, day: DayOf | None = None
) -> SentenceSources:
    """The sources `text` names; `day` (the document's date) picks a person's institution.

    day: a function giving the date, called only when a person of several offices is named
    (an undated document's date is read from its text then, not for every document).
    """
    if _FULL_WIDTH.search(text):  # str.translate walks every character: only where needed
        text = text.translate(HALF_WIDTH)
    text = _without_times(text, s)
    out, found = SentenceSources(), _Found(declining=_declining(text, s))
    _find_names(text, s, lang, found)
    _find_heads(text, s, lang, found, out)
    _find_cited_countries(text, s, lang, found)
    _find_people(text, s, lang, day, found)
    _find_generic_speakers(text, s, found)
    _find_opening_subject(text, s, lang, found)
    _drop_acting(text, s, found)
    _drop_senders(text, s, found)
    _drop_users(text, s, found)
    found.mentions[:] = [(p, c) for p, c in found.mentions if not _within(found.declining, p)]
    addressed = _addressees(text, s, found)
    # "selon un rapport de l'agence Reuters": a back-reference word the name follows is that
    # name's own word, no pointer to the source named before.
    out.kinds = _kinds_referred_to(text, s, found)
    out.anaphora = bool(out.kinds) or any(
        not _names_a_source(text, m.span(), found, s) for m in s.anaphora.finditer(text)
    )
    out.unnamed = _says_unnamed(text, s, found)
    out.head_names = found.head_names
    if found.mentions:
        relaying = _state_outlets_relaying(found, s) | _outlets_informants(found, s, text)
        relaying |= _outlets_citing(found, s, text)
        best = max(s.priority.get(c, 1) for _, c in found.mentions if c not in relaying)
        ordered = [c for _, c in sorted(found.mentions)]
        top = list(
            dict.fromkeys(c for c in ordered if s.priority.get(c, 1) == best and c not in relaying)
        )
        out.named = most_specific(top, found.from_heads, s)
        out.relays = list(
            dict.fromkeys(
                c
                for c in ordered
                if c not in out.named
                # informants are no relays: they told the outlet, which passes nothing on
                and (s.kind_of.get(c) in RELAY_KINDS or (c in relaying and c in s.outlets))
            )
        )
        out.speakers = {c: p for c, p in found.speakers.items() if c in out.named}
        for pos, c in sorted(found.mentions, reverse=True):
            if c not in relaying and s.kind_of.get(c) not in RELAY_KINDS:
                out.voices[c] = pos
        out.voice_speakers = {c: p for c, p in found.speakers.items() if c in out.voices}
    out.addressed = addressed
    return out


def _addressees(text: str, s: SourceLexicon, f: _Found) -> list[str]:
    """'..., he told Bloomberg': an outlet right after a back-reference that tells (pack option
    sources.telling: "he told", "the official told") is whom the source named before told
    ("jak podała agencja Reutera" is no such phrase: there the outlet says), no source: it is
    taken out of the sentence's sources (the back-reference then points back; attribution
    keeps it as a relay). "Budanov told Bloomberg" needs no rule: the person outranks it."""
    out = _told_by_ending(text, s, f)
    if s.telling is None or not f.mentions:
        return out
    for m in s.telling.finditer(text):
        for p, c in list(f.mentions):
            # One word between at most: "he told the BBC".
            if (
                s.kind_of.get(c) in OUTLET_KINDS
                and p >= m.end()
                and words_between(text[m.end() : p]) <= 1
            ):
                f.mentions.remove((p, c))
                f.taken[:] = [span for span in f.taken if span[0] != p]
                out.append(c)
    return out


def _told_by_ending(text: str, s: SourceLexicon, f: _Found) -> list[str]:
    """'ব্রিটিশ সংবাদমাধ্যম বিবিসিকে জানিয়েছে': an outlet with a case ending of whom one tells
    glued to it (pack option sources.told_endings) is whom the source told, no source: taken out
    of the sentence's sources, as after a back-reference that tells."""
    if s.told_endings is None:
        return []
    ends = dict(f.taken)
    out = []
    for p, c in list(f.mentions):
        end = ends.get(p, p)
        told = _told_ending(text, p, end, s)
        if s.kind_of.get(c) not in OUTLET_KINDS or not told or _cites_it(text, end, s):
            continue  # "রয়টার্সকে উদ্ধৃত করে": quoting the outlet, which says it
        f.mentions.remove((p, c))
        f.taken[:] = [span for span in f.taken if span[0] != p]
        out.append(c)
    return out


def _told_ending(text: str, start: int, end: int, s: SourceLexicon) -> bool:
    """A told ending right after the name at start..end, or past the name's own term inside its
    match (names that run to their word's end take the ending in: "বিবিসিকে"; "ডেইলি এনকে" is
    the whole name, no ending)."""
    assert s.told_endings is not None
    after = s.told_endings.match(text, end)
    if after is not None and not _WORD_CHAR.match(text, after.end()):
        return True
    word = text[start:end]
    rest = word[len(term_as_written(word, s.name_lookup, True)) :]
    return bool(rest) and s.told_endings.fullmatch(rest) is not None


def _cites_it(text: str, pos: int, s: SourceLexicon) -> bool:
    """A word of citing (sources.citing) opens the text at `pos`, one word at most between."""
    m = s.citing.search(text, pos, pos + 40) if s.citing is not None else None
    return m is not None and words_between(text[pos : m.start()]) <= 1


def _says_unnamed(text: str, s: SourceLexicon, f: _Found) -> bool:
    """'according to the media', not 'according to the state media': an unnamed-reports phrase
    that a source name or head extends ("segundo a mídia" in "segundo a mídia estatal") is
    the start of that source, not unnamed reports."""
    if not s.unnamed:
        return False
    spans = f.taken + f.heads
    return any(not any(a < m.end() < b for a, b in spans) for m in s.unnamed.finditer(text))


# At most so many letters after the word of saying that closes a sentence ("밝혔습니다.",
# "発表した。", "पुष्टि की है।"): its endings and auxiliaries, no clause of its own.
CLOSING_SAYING_LETTERS = 6


def _find_opening_subject(text: str, s: SourceLexicon, lang: Lang, f: _Found) -> None:
    """'ウクライナは15日、…と発表した。', '우크라이나는 … 밝혔다.': in a verb-final sentence whose
    subject opens it (pack option sources.opening_subject) and one of its closing_verbs closes it,
    the subject says what the sentence states; a country so is its government. Only where the
    sentence names no other source: "러시아는 … 받았다고 우크라이나가 밝혔다" is Ukraine's."""
    if s.opening_subject is None or s.closing_verbs is None or f.mentions:
        return
    opening, again = s.opening_subject
    m = opening.match(text)
    # Active: "추정된다" (is estimated) has no speaker, its topic says nothing.
    closing = last_match(s.closing_verbs, text) if m is not None else None
    if m is None or closing is None or closing.start() < m.end():
        return
    if again.search(text, m.end(), closing.start()):
        return  # "…と報告書は指摘した": the report says
    if any(not closing.start() <= a < closing.end() for a, _ in f.heads):
        return  # "…보냈다고 관계자가 밝혔다": the officials say
    group = next(g for g, v in m.groupdict().items() if v is not None)
    start, end = m.span(group)
    if len(re.sub(r"[\W_]", "", text[closing.end() :])) > CLOSING_SAYING_LETTERS:
        return  # the word of saying is inside the sentence, not closing it
    country = resolve(m.group(group), s.country_lookup, lang.prefix)
    canon = (s.generic.get(country) or {}).get("speaker") if country else None
    if canon:
        f.mentions.append((start, canon))
        _keep_as_written(f, canon, text[start:end])


# Words allowed between a generic speaker and its verb after it ("military experts in Seoul say")
# and before it ("according to independent researchers", "said some Western analysts").
GENERIC_VERB_AFTER_WORDS = 3
GENERIC_VERB_BEFORE_WORDS = 2
# The canonical source (base.yaml) of speakers of no institution: experts, analysts, researchers.
GENERIC_SOURCE = "Experts"


def _find_generic_speakers(text: str, s: SourceLexicon, f: _Found) -> None:
    """'Experts say ...', 'Analysts believe ...', 'Researchers counted 120 containers': a
    speaker of no institution, with a word of saying, counting or judging beside it in its
    clause, is a source of its own kind (GENERIC_SOURCE, as written beside it): the figure is
    theirs, not a KCNA lead's before it nor the GUR's of the next sentence. Not a generic word
    in a clause that names a source ("groupe d'experts de l'ONU", "RAND researchers estimate":
    the body's people), nor one far from any such word
    ("sent 1,000 military experts to Russia": experts counted, not speaking), nor one beside
    a back-reference, which says whose the sentence's figures are."""
    if s.generic_speakers is None or s.generic_verbs is None or s.anaphora.search(text):
        return  # "The agency said 1,000 ..., and experts say more will follow": the agency's
    breaks = [b.start() for b in CLAUSE_BREAK.finditer(text)]
    for m in s.generic_speakers.finditer(text):
        a = max((b + 1 for b in breaks if b < m.start()), default=0)
        z = min((b for b in breaks if b >= m.end()), default=len(text))
        if any(a <= p < z for p, _ in f.taken):
            continue  # "RAND Corporation researchers", "analysts at 38 North": the body's own
        if any(_speaks_by(text, m.span(), v.span()) for v in s.generic_verbs.finditer(text, a, z)):
            f.mentions.append((m.start(), GENERIC_SOURCE))
            f.taken.append(m.span())
            _keep_as_written(f, GENERIC_SOURCE, m.group())
            return


def _speaks_by(text: str, who: tuple[int, int], verb: tuple[int, int]) -> bool:
    """The verb at `verb` is close enough to the generic speaker at `who` to be theirs."""
    if verb[0] >= who[1]:
        return words_between(text[who[1] : verb[0]]) <= GENERIC_VERB_AFTER_WORDS
    return verb[1] <= who[0] and words_between(text[verb[1] : who[0]]) <= GENERIC_VERB_BEFORE_WORDS


def _state_outlets_relaying(found: _Found, s: SourceLexicon) -> set[str]:
    """'TASS, citing the Russian Defence Ministry', 'RIA Novosti reported, quoting Shoigu': a
    state outlet named beside a body of its own state carries that body's word.

    State media rank with the agencies (KCNA's own claims beat the outlet repeating them), so
    without this the outlet would hide the ministry or the official it quotes. A body of
    another country beside it ("KCNA ... the NIS said") is another voice, not one it relays.
    """
    kinds = {c: s.kind_of.get(c) for _, c in found.mentions}
    states = {s.country_of.get(c) for c, k in kinds.items() if k not in OUTLET_KINDS} - {None}
    return {c for c, k in kinds.items() if k == "state_media" and s.country_of.get(c) in states}


def _outlets_informants(found: _Found, s: SourceLexicon, text: str) -> set[str]:
    """'a defector told Daily NK': witnesses an outlet interviewed are its own informants.

    The outlet found, questioned and vetted them, and analysts cite its report, as they do
    for "a source told Daily NK"; testimonies no outlet is named beside stay the witnesses'.
    Witnesses the outlet cites ("Radio Free Asia, citing North Korean defectors, said") are
    the source, the outlet its relay.
    """
    kinds = {s.kind_of.get(c) for _, c in found.mentions}
    if not kinds & set(OUTLET_KINDS):
        return set()
    witnesses = {(p, c) for p, c in found.mentions if s.kind_of.get(c) == "witnesses"}
    return {c for p, c in witnesses if not _cited(text, p, s)}


def _outlets_citing(found: _Found, s: SourceLexicon, text: str) -> set[str]:
    """'«Укринформ» со ссылкой на The Times', 'Reuters, citing the Financial Times': the
    outlets that cite another outlet relay it; the one cited reported the figure first.

    The outlet cited is the first one within CITED_WORDS words after a word of citing in its
    clause, else the last one as close before it ("NHK를 인용해"): an outlet both before and
    after ("Ukrinform, citing The Times") is the one after, which the word of citing governs.
    """
    outlets = [(p, c) for p, c in found.mentions if c in s.outlets]
    if s.citing is None or len({c for _, c in outlets}) < 2:
        return set()
    ends = dict(found.taken)
    cited: set[str] = set()
    for m in s.citing.finditer(text):
        after = [c for p, c in outlets if p >= m.end() and _close(text[m.end() : p])]
        before = [
            c for p, c in outlets if p < m.start() and _close(text[ends.get(p, p) : m.start()])
        ]
        cited.update(after[:1] or before[-1:])
    return {c for _, c in outlets} - cited if cited else set()


def _close(gap: str) -> bool:
    """A gap of at most CITED_WORDS words and no clause break."""
    return words_between(gap) <= CITED_WORDS and not CLAUSE_BREAK.search(gap)


# Words between a word of citing and the witnesses it cites, either way round ("citing North
# Korean defectors", "탈북 노동자들의 증언을 인용해").
CITED_WORDS = 3


def _cited(text: str, pos: int, s: SourceLexicon) -> bool:
    """A word of citing (sources.citing) a few words before or after the mention at `pos`, in
    its clause."""
    if s.citing is None:
        return False
    before, after = text[max(0, pos - 60) : pos], text[pos : pos + 60]
    spans = [before[m.end() :] for m in s.citing.finditer(before)][-1:]
    spans += [after[: m.start()] for m in s.citing.finditer(after)][:1]
    return any(words_between(g) <= CITED_WORDS and not CLAUSE_BREAK.search(g) for g in spans)


def most_specific(named: list[str], generic: Collection[str], s: SourceLexicon) -> list[str]:
    """'Ukrainian President Zelensky': the named office subsumes the generic 'Ukraine government'."""
    countries = {s.country_of.get(c) for c in named if c not in generic}
    return [c for c in named if c not in generic or s.country_of.get(c) not in countries]


def _find_cited_countries(text: str, s: SourceLexicon, lang: Lang, f: _Found) -> None:
    """'according to South Korea', 'Según Corea del Sur', '한국에 따르면': a country that a
    citing phrase (pack option sources.according_to) names is its government; not one a name
    or head already took, nor one whose own body follows ('according to South Korea's spy
    agency': the agency's)."""
    lowered = text.lower() if s.cited_country else ""
    for key, rx in s.cited_country:
        if key not in lowered:
            continue
        for m in rx.finditer(text):
            last = "c2" if m.group("c2") else "c"
            if m.end() > m.end(last) or _ends_the_phrase(text, m.span(last), s):
                for g in ("c", "c2"):
                    if m.group(g) and not f.covers(m.start(g)):
                        _credit_country(text, m.span(g), s, lang, f)


# What may follow a cited country that ends its phrase: a clause break, a figure, the end.
_PHRASE_END = re.compile(r"\s*(?:[,，、;；:：،؛.!?。！？—–\d]|$)")
# A word right after: a verb ("Laut Südkorea sind ..."), unless a body or generic speaker.
_NEXT_WORD = re.compile(r"\s+(\w)")
_WORD_START = re.compile(r"(?<!\w)\w")
_WORD_CHAR = re.compile(r"\w")
_DIGIT = re.compile(r"\d")
# Words after a cited country within which a body it qualifies would stand.
BODY_REACH_WORDS = 4


def _ends_the_phrase(text: str, span: tuple[int, int], s: SourceLexicon) -> bool:
    """The country cited is the whole source, not the adjective of one after it ('laut
    ukrainischen Medienberichten', 'según fuentes', 'nach Einschätzung südkoreanischer
    Experten'): a clause break or a figure follows, or a lower-case word after a country
    written with a capital (a verb: 'Laut Südkorea sind', 'Według Korei Południowej zginęło')
    with the figure a few words on."""
    if _PHRASE_END.match(text, span[1]):
        return True
    nxt = _NEXT_WORD.match(text, span[1])
    if nxt is None or not text[span[0]].isupper() or not nxt.group(1).islower():
        return False
    brk = CLAUSE_BREAK.search(text, nxt.start(1))
    stop = brk.start() if brk else len(text)
    words = list(_WORD_START.finditer(text, nxt.start(1), stop))
    if len(words) > BODY_REACH_WORDS:
        stop = words[BODY_REACH_WORDS].start()
    rest = text[nxt.start(1) : stop]
    # The figure follows within those words ("sind rund 3.000"), not a noun the country
    # qualifies ("according to Russian statistics, 15,000"); nor a body it qualifies a few
    # words on ("laut Südkoreas amtlicher Nachrichtenagentur Yonhap").
    speakers = (s.heads, s.names, s.generic_speakers)
    return _DIGIT.search(rest) is not None and not any(
        rx is not None and rx.search(rest) for rx in speakers
    )


def _credit_country(
    text: str, span: tuple[int, int], s: SourceLexicon, lang: Lang, f: _Found
) -> None:
    country = resolve(text[span[0] : span[1]], s.country_lookup, lang.prefix)
    canon = (s.generic.get(country) or {}).get("government") if country else None
    if canon:
        f.mentions.append((span[0], canon))
        f.taken.append(span)
        f.from_heads.add(canon)
        _keep_as_written(f, canon, text[span[0] : span[1]])


def _find_people(text: str, s: SourceLexicon, lang: Lang, day: DayOf | None, f: _Found) -> None:
    everyone: dict[str, Person] = people()
    for m in s.people.finditer(text):
        if f.covers(m.start()):
            continue
        name = resolve(m.group(), s.people_lookup, lang.prefix)
        if not name:
            continue
        person = everyone[name]
        # "the defence minister, Shin Won-sik": an office the sentence names, which the person
        # held, is the one they spoke for, whatever the date says.
        named_here = {c for _, c in f.mentions} | _titled(person, s, f.titles)
        institution = next(
            (r.institution for r in person.roles if r.institution in named_here),
            None,
        ) or person.institution(_day_for(person, day))
        f.mentions.append((m.start(), institution))
        f.taken.append(m.span())
        # A person named speaks for the body more precisely than "officials" did.
        if institution not in f.speakers or institution in f.as_written:
            f.speakers[institution] = name
            f.as_written.discard(institution)


def _day_for(person: Person, day: DayOf | None) -> dt.date | None:
    """The document's date where it decides the person's office (several offices), else None."""
    return day() if day is not None and len(person.roles) > 1 else None


def _titled(person: Person, s: SourceLexicon, titles: set[str]) -> set[str]:
    """The person's offices that a head of the sentence with no country names by its kind:
    "Defense Minister Shin Won-sik", "申国防相" is the ministry, whatever the date says."""
    out = set()
    for r in person.roles:
        bodies = s.generic.get(s.country_of.get(r.institution)) or {}
        if any(bodies.get(kind) == r.institution for kind in titles):
            out.add(r.institution)
    return out


def _name_matches(text: str, names: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """Names in text order; where a name ends inside a word ("According to Kyiv" of "According
    to Kyiv's military intelligence") and a longer one starts at one of its later words and runs
    past it, that reading wins: the GUR, not "according to Kyiv" and a head. A name that ends at
    a word's end stays ("미국 정부 관계자": the US government, not "정부 관계자")."""
    pos = 0
    while (m := names.search(text, pos)) is not None:
        inside = m.end() < len(text) and (text[m.end()].isalnum() or text[m.end()] in "'’")
        for i in range(m.start() + 1, m.end() if inside else m.start()):
            if text[i - 1].isspace() and not text[i].isspace():
                longer = names.match(text, i)
                if longer is not None and longer.end() > m.end() and _longer(longer, m):
                    m = longer
                    break
        yield m
        pos = max(m.end(), pos + 1)


def _longer(a: re.Match[str], b: re.Match[str]) -> bool:
    return a.end() - a.start() > b.end() - b.start()


def _find_names(text: str, s: SourceLexicon, lang: Lang, f: _Found) -> None:
    for m in _name_matches(text, s.names):
        canon = resolve(m.group(), s.name_lookup, lang.prefix)
        # "władze Korei Północnej wysłały": a country's government that acts says nothing.
        if canon in s.broad and _silent(s.kind_of.get(canon), text, s, m.end()):
            continue
        if canon and _another_countrys_head(text, m, canon, s, lang):
            continue  # "미국 군 소식통": the head with its country names the US military
        if canon:
            f.mentions.append((m.start(), canon))
            _head_as_a_name(text, m, canon, s, lang, f)
            if canon in s.broad and s.kind_of.get(canon) in SAYING_HEADS:
                f.acting.append((m.start(), canon, m.end()))
            f.taken.append(m.span())
            # Readers and keyword search find the body as the article names it ("South Korea
            # NIS (국가정보원)"); a name the canonical one already spells ("NIS") adds nothing.
            written = term_as_written(m.group(), s.name_lookup, lang.prefix)
            if s.saying is not None:  # "dijo Kiev", "sagte Kiew": the verb is no part of it
                written = s.saying.sub(" ", written)
            if s.estimating is not None:  # "Séoul chiffre à 11 000": nor is a verb of estimating
                written = s.estimating.sub(" ", written)
            if canon in s.broad or written.lower() not in canon.lower():
                _keep_as_written(f, canon, written)


def _another_countrys_head(
    text: str, m: re.Match[str], canon: str, s: SourceLexicon, lang: Lang
) -> bool:
    """A name that is also one of the pack's head words ("군 소식통", the home military by
    default) right after another country ("미국 군 소식통") is that country's body of the
    head's kind: left to the head, as "미국 정부" is. A country with no body of that kind
    ("미국 국회의원") leaves the name as it is."""
    kind = resolve(m.group(), s.head_lookup, lang.prefix)
    if not kind or kind == "speaker":
        return False
    countries = {c for _, _, c in adjacent_countries(text, m.start(), m.end(), s, lang)}
    if not countries or s.country_of.get(canon) in countries:
        return False
    body = "military" if kind == ARMY else kind  # as _find_heads reads an army that speaks
    return all((s.generic.get(c) or {}).get(body) for c in countries)


def _head_as_a_name(
    text: str, m: re.Match[str], canon: str, s: SourceLexicon, lang: Lang, f: _Found
) -> None:
    """'국방부는': a name that is also one of the pack's head words, with no country beside it,
    names the home country's body only by default (attribution reads it after another's)."""
    kind = resolve(m.group(), s.head_lookup, lang.prefix)
    if kind and kind != "speaker" and not adjacent_countries(text, m.start(), m.end(), s, lang):
        f.head_names[canon] = kind


_SPACE = re.compile(r"\s+")


def _describes_the_counted(text: str, head: re.Match[str], lang: Lang, s: SourceLexicon) -> bool:
    """'5,000 military construction workers', 'army engineers': a head that begins a counted
    noun, or stands right before one, says who is counted, not who speaks (a head right after
    it is the body's own name: 'ইউক্রেনের সেনাবাহিনীর জেনারেল স্টাফ', the army's general staff)."""
    cues = cues_of(lang)
    nouns = cues.nouns
    inside = nouns.any.match(text, head.start())
    if inside is not None and inside.end() > head.end():
        return True
    space = _SPACE.match(text, head.end())
    # Where nouns come first ("우크라이나 측은 북한군 1천여 명"), a noun after a head starts
    # the clause the head speaks.
    if space is None or cues.noun_before_first or s.heads.match(text, space.end()):
        return False
    return nouns.any.match(text, space.end()) is not None


def _glued_country(m: re.Match[str], s: SourceLexicon, lang: Lang) -> list[tuple[int, int, str]]:
    """'우크라이나군은': a country written glued before its head (a head listed with a leading
    '*', '*군은'), found at the start of the head's word."""
    word = m.group()
    if s.right_adjective.match(word) is None:
        return []
    # The longest country written as listed that the word starts with, short of the whole word.
    for k in range(len(word) - 1, 0, -1):
        country = resolve(word[:k], s.country_lookup, False)
        if country:
            return [(m.start(), m.start() + k, country)]
    return []


def _find_heads(text: str, s: SourceLexicon, lang: Lang, f: _Found, out: SentenceSources) -> None:
    for m in s.heads.finditer(text):
        if f.covers(m.start()) or _within(f.declining, m.start()) or _no_credit(text, m, s):
            continue
        kind = resolve(m.group(), s.head_lookup, lang.prefix)
        if kind == ARMY:
            kind = "military" if _army_speaks(text, s, lang, m) else None
        if not kind or _silent(kind, text, s, m.end()):
            continue
        if kind != "speaker" and _describes_the_counted(text, m, lang, s):
            continue  # a body's noun, not a verb of saying ("미국이 밝힌 컨테이너")
        f.heads.append(m.span())
        countries = adjacent_countries(text, m.start(), m.end(), s, lang, single=kind == "speaker")
        countries = countries or _glued_country(m, s, lang)
        # "южнокорейских военных" inside an agency's name already named that agency; a name
        # that says only a country ("Ukraina:") yields to the head beside it.
        countries = [
            (p, e, c) for p, e, c in countries if not f.covers(p) or _head_decides(f, s, p, kind)
        ]
        if not countries:
            f.titles.add(kind)  # "Defense Minister Shin Won-sik": the office of a person named
            # "sources said" alone names nobody: it neither is a source nor points back to one.
            if kind in SAYING_HEADS and _sender(text, s, f, m.span()):
                continue  # "Yonhap said the authorities had sent": they send, Yonhap says
            if _beside_a_name(text, m.span(), f, s):
                continue  # "По данным Yonhap", "the agency Yonhap": the name says who
            if kind == "government" and _in_back_reference(text, m.start(), s):
                continue  # "this official said": the one named before, no government of its own
            if kind not in UNNAMED_HEADS:
                out.bare_heads.append(kind)
            continue
        for pos, end, country in countries:
            if kind == "speaker" and _country_taken(text, pos, f):
                continue  # "Giới chức quân sự Hàn Quốc cho biết": the officials' country, taken
            canon = (s.generic.get(country) or {}).get(kind)
            if canon:
                f.mentions.append((pos, canon))
                f.bodies.append(m.span())
                f.from_heads.add(canon)
                if kind in SAYING_HEADS:
                    f.acting.append((pos, canon, m.end()))
                # "EE.UU. dijo": a verb of saying is no part of the body's name.
                span = (pos, end) if kind == "speaker" else m.span()
                _keep_as_written(f, canon, _as_written(text, (pos, end), span))


# At most so many words between an army and its own word of saying.
ARMY_SAYING_WORDS = 2
# The characters before an army searched for a word of saying that stands before it.
SAID_BEFORE_CHARS = 80


def _army_speaks(text: str, s: SourceLexicon, lang: Lang, m: re.Match[str]) -> bool:
    """'Ukrainian forces said they had killed 50', 'ウクライナ軍は…捕虜にしたと発表した': an army
    (heads' army) speaks where a word of saying follows it in its clause, no source named
    between them; one that only acts ('Ukrainian forces killed 50 North Korean soldiers, Kyiv
    said', 'Russian forces lost 1,100 men, the General Staff said') does not, nor North Korea's,
    whose soldiers are those counted ('North Korean forces are said to have lost 4,000')."""
    lead = text[max(0, m.start() - 30) : m.start()]
    lead = _SENTENCE_OR_CLAUSE_END.split(lead)[-1]  # not a headline's "nordcoreani" before it
    if s.saying is None or cues_of(lang).nk.search(lead + m.group()):
        return False
    if _said_right_before(text, m, s):
        return True  # "according to the Ukrainian army", "laut der ukrainischen Armee"
    stop = CLAUSE_BREAK.search(text, m.end())
    said = s.saying.search(text, m.end(), stop.start() if stop else len(text))
    if said is None or s.names.search(text, m.end(), said.start()) is not None:
        return False
    # Its own verb follows it closely ("forces said", "fuerzas ucranianas informaron", "forces
    # ukrainiennes ont annoncé"); a word of saying further on is another's ("Moskaus Armee hat
    # nach britischen Schätzungen ... verloren": British estimates). Verb-final clauses end in it.
    return s.verb_final or words_between(text[m.end() : said.start()]) <= ARMY_SAYING_WORDS


def _said_right_before(text: str, m: re.Match[str], s: SourceLexicon) -> bool:
    """A word of saying ends at most ARMY_SAYING_WORDS + 1 words (its article, its country)
    before the army, in its clause: whose word it is ("according to the Ukrainian army"). Not
    where the verb ends the clause: there one before the army is another's ("ウクライナ軍参謀本部
    によると、25日にロシア軍は": the General Staff's)."""
    # Wide enough for long words ("powołując się na przedstawiciela południowokoreańskiej armii"):
    # the words between still bound it.
    before = text[max(0, m.start() - SAID_BEFORE_CHARS) : m.start()]
    said = None
    if s.saying is not None and not s.verb_final:
        said = next(reversed(list(s.saying.finditer(before))), None)
    if said is None or _SENTENCE_OR_CLAUSE_END.search(before, said.end()):
        return False
    return words_between(before[said.end() :]) <= ARMY_SAYING_WORDS + 1


def _no_credit(text: str, m: re.Match[str], s: SourceLexicon) -> bool:
    """A colon taken for a credit ("НРС: ...") that is part of a time ("11:05") or ends the
    label of an entry line ("О:", "R :" of an interview; sources.entry) names nobody."""
    if m.group().strip(":："):
        return False
    if text[m.start() - 1 : m.start()].isdigit() and text[m.end() : m.end() + 1].isdigit():
        return True
    line = text.rfind("\n", 0, m.start()) + 1
    label = s.entry.match(text, line) if s.entry is not None else None
    return label is not None and label.end() == m.end()


def _head_decides(f: _Found, s: SourceLexicon, pos: int, kind: str) -> bool:
    """'Tình báo Ukraine:', 'Intelijen Ukraina:': a head beside a name that says no more than a
    country ('Ukraine:' as a headline's label, the country's government) says which of the
    country's bodies speaks; that name's mention gives way to it."""
    if kind == "speaker":
        return False
    spans = [(a, b) for a, b in f.taken if a <= pos < b]
    mine = [(p, c) for p, c in f.mentions if any(a == p for a, _ in spans)]
    if not mine or any(c not in s.broad for _, c in mine):
        return False
    for m in mine:
        f.mentions.remove(m)
    return True


# What may follow a source that ends its sentence as a credit ("..., so Seoul.", "派遣か 米政府").
_CREDIT_TAIL = " \t\n.。!?！？…\"'»”」』)）"


def _drop_acting(text: str, s: SourceLexicon, f: _Found) -> None:
    """'North Korean authorities have sent 3,000 troops, US officials said': a body that acts as
    often as it speaks, beside another source, speaks only with a word of saying in its own
    clause (or as a credit closing the sentence); alone, a word anywhere in the sentence will do
    (verb-final languages name the speaker first and the verb last: 北朝鮮当局は、...と発表した)."""
    if s.saying is None or not f.acting:
        return
    breaks = [m.start() for m in CLAUSE_BREAK.finditer(text)]
    for pos, canon, end in f.acting:
        if not any(c != canon for _, c in f.mentions) or not text[end:].strip(_CREDIT_TAIL):
            continue
        a = max((b + 1 for b in breaks if b < pos), default=0)
        z = min((b for b in breaks if b >= end), default=len(text))
        if s.saying.search(text[a:z]) is None and (pos, canon) in f.mentions:
            f.mentions.remove((pos, canon))


def _country_taken(text: str, pos: int, f: _Found) -> bool:
    """The country at `pos` already says whose another source is: a head named it ("Giới chức
    quân sự Hàn Quốc cho biết") or it follows a source's name ("RUSI Inggris menilai": the
    institute is British; Britain's government says nothing)."""
    if any(p == pos for p, _ in f.mentions):
        return True
    return any(b <= pos and not text[b:pos].strip(" ()") for _, b in f.taken)


# What may stand between a head and the name it belongs to: spaces and quotation marks.
_NAME_QUOTES = " \t\"'«»“”„‘’「」『』"


def _names_a_source(
    text: str, words: tuple[int, int], f: _Found, s: SourceLexicon | None = None
) -> bool:
    """Words that touch a source's name or are part of it ("l'agenzia" of "agenzia Reuters")."""
    return _beside_a_name(text, words, f, s) or any(
        a < words[1] and words[0] < b for a, b in f.taken
    )


def _kinds_referred_to(text: str, s: SourceLexicon, f: _Found) -> frozenset[str]:
    """The kinds of source the sentence's back-reference words name ("the newspaper said":
    media), leaving out those that are a name's own word ("the newspaper 'Asahi'") or part of
    a head with its country ("министерство" of "министерство обороны Южной Кореи")."""

    def refers(span: tuple[int, int]) -> bool:
        heads = any(a < span[1] and span[0] < b for a, b in f.bodies)
        return not heads and not _names_a_source(text, span, f, s)

    if s.kind_words is None or s.kind_words.search(text) is None:
        return frozenset()  # one search for most sentences, not one per kind
    return frozenset(
        kind for kind, rx in s.anaphora_kinds if any(refers(m.span()) for m in rx.finditer(text))
    )


def _beside_a_name(
    text: str, head: tuple[int, int], f: _Found, s: SourceLexicon | None = None
) -> bool:
    """A head with no country that touches a source's name, with only spaces or quotation marks
    between, is that source's own word ("По данным Yonhap", "По данным «Коммерсанта»": the data
    are the newspaper's, no intelligence service's); so are words of saying before a word of
    the name's kind ("Jak podał dziennik „Financial Times”": the newspaper said)."""
    return any(
        (a >= head[1] and _only_quotes(text[head[1] : a], s))
        or (b <= head[0] and _only_quotes(text[b : head[0]], s))
        for a, b in f.taken
    )


def _only_quotes(gap: str, s: SourceLexicon | None) -> bool:
    """Nothing but spaces, quotation marks and (with `s`) words naming a kind of source."""
    if s is not None and s.kind_words is not None:
        gap = s.kind_words.sub(" ", gap)
    return not gap.strip(_NAME_QUOTES)


# A clause, or a credit before a colon ("Seoul: Pyongyang has sent 3,000 more troops").
_CLAUSE_OR_CREDIT = re.compile(r"[,;，；،؛:：]")
# Words allowed between a body and the word of sending it is the subject of ("the authorities had
# sent", "Pjöngjang habe ... geschickt" is further: verb-final clauses keep their body).
SENDER_GAP_WORDS = 2


def _drop_senders(text: str, s: SourceLexicon, f: _Found) -> None:
    """'Yonhap said Pyongyang had sent 3,000 troops': a body that acts as often as it speaks and is
    the subject of a word of sending right after it sends, unless a word of saying before it
    is its own (no other body before that word: "according to Seoul", "قالت سيول")."""
    for pos, canon, end in list(f.acting):
        if (pos, canon) in f.mentions and _sender(text, s, f, (pos, end)):
            f.mentions.remove((pos, canon))


# Between a passive's word of agent and its body: spaces and one short word at most (an article).
_AGENT_GAP = re.compile(r"\s*(?:\w{1,3}\s+)?")


def _drop_users(text: str, s: SourceLexicon, f: _Found) -> None:
    """'cohetes que luego usó el ejército ruso', 'shells fired by Russian forces': the
    agent of a passive of using or firing (pack option sources.user_agents) is who used the
    arms; it says nothing, so the source carried from before (the report counting them) stays.
    """
    if s.users is None:
        return
    ends = [m.end() for m in s.users.finditer(text)]
    if ends:
        f.mentions[:] = [
            (p, c)
            for p, c in f.mentions
            if not any(e <= p and _AGENT_GAP.fullmatch(text, e, p) for e in ends)
        ]


def _sender(text: str, s: SourceLexicon, f: _Found, body: tuple[int, int]) -> bool:
    """The body at `body` (start, end) is the subject of a word of sending and says nothing:
    the word follows it closely in its clause (anywhere in it after an auxiliary of reported
    speech: "die Behörden hätten ... geschickt"), with no other body and no word of saying
    anywhere in the clause after it (verb-final clauses say last: 北朝鮮当局は兵士を派遣したと
    発表した speaks)."""
    if s.sending is None or s.saying is None:
        return False
    start, end = body
    if _CLAUSE_OR_CREDIT.search(text, start, end) or s.saying.search(text, start, end):
        return False  # "Seul:", "ロシア側によると": a credit as the pack writes it
    stop = _CLAUSE_OR_CREDIT.search(text, end)
    after = text[end : stop.start() if stop else len(text)]
    sent = s.sending.search(after)
    # "die Behörden hätten rund 3.000 Soldaten geschickt": reported speech whose verb ends it,
    # as every clause of a verb-final language ends ("북한 당국이 ... 보냈다고 연합뉴스가 전했다").
    reported = s.verb_final or (s.reported is not None and s.reported.match(after) is not None)
    if sent is None or (words_between(after[: sent.start()]) > SENDER_GAP_WORDS and not reported):
        return False
    bodies = sorted({*f.taken, *f.heads, body})
    if _says_after(after, sent, s, [b[0] - end for b in bodies]) or any(
        end < b[0] < end + sent.start() for b in bodies
    ):
        return False  # "Według Seulu Pjongjang przekazał": Pyongyang is the one that sends
    breaks = [b.end() for b in _CLAUSE_OR_CREDIT.finditer(text, 0, start)]
    lead = breaks[-1] if breaks else 0
    return not any(_owner(bodies, w.span()) == body for w in s.saying.finditer(text, lead, start))


def _says_after(after: str, sent: re.Match[str], s: SourceLexicon, bodies: list[int]) -> bool:
    """A word of saying after the body is its own: before its word of sending, or after it with
    no other body between ('北朝鮮当局が…を送ったと聯合ニュースが伝えた': the outlet says it,
    the authorities send). `bodies`: where the sentence's bodies start, relative to `after`."""
    assert s.saying is not None
    return any(
        w.start() < sent.start() or not any(sent.end() <= b < w.start() for b in bodies)
        for w in s.saying.finditer(after)
    )


def _owner(bodies: list[tuple[int, int]], word: tuple[int, int]) -> tuple[int, int] | None:
    """Whose word of saying it is: the last body before it, else the first after it."""
    before = [b for b in bodies if b[1] <= word[0]]
    if before:
        return before[-1]
    return next((b for b in bodies if b[0] >= word[1]), None)


def _declining(text: str, s: SourceLexicon) -> list[tuple[int, int]]:
    """'A government spokesman in Seoul declined to comment': who declines to comment says no
    figure, so names no source and does not replace the one carried from before. The spans of
    the clauses before each such phrase ("Yonhap reported 11,000; Seoul declined to comment")."""
    if s.declines is None:
        return []
    spans = []
    for m in s.declines.finditer(text):
        breaks = [b.start() for b in CLAUSE_BREAK.finditer(text, 0, m.start())]
        spans.append((breaks[-1] + 1 if breaks else 0, m.start()))
        spans += _denier_elsewhere(text, m, breaks, s)
    return spans


# What may follow a word that closes its sentence.
_SENTENCE_TAIL = " \t.!?\"'»”)"


def _denier_elsewhere(
    text: str, m: re.Match, breaks: list[int], s: SourceLexicon
) -> list[tuple[int, int]]:
    """Where the one who declines or denies stands outside the clause before the word: after
    it, to the clause's end, where the verb opens its clause ('نفى الكرملين إرسال 10 آلاف جندي':
    pack option declines_subject_after); at the sentence's start, set off by a comma, where the
    word closes a verb-final sentence ('Kremlin, ... 10 bin asker gönderdiği iddialarını
    yalanladı.')."""
    spans = []
    if s.declines_subject_after:
        nxt = CLAUSE_BREAK.search(text, m.end())
        spans.append((m.end(), nxt.start() if nxt else len(text)))
    if s.verb_final and breaks and not text[m.end() :].strip(_SENTENCE_TAIL):
        spans.append((0, breaks[0]))
    return spans


def _in_back_reference(text: str, pos: int, s: SourceLexicon) -> bool:
    """`pos` lies inside a back-reference ("this official", "Quan chức này")."""
    return _within([m.span() for m in s.anaphora.finditer(text)], pos)


def _within(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(a <= pos < b for a, b in spans)


def _silent(kind: str | None, text: str, s: SourceLexicon, end: int) -> bool:
    """A body of a kind that acts as often as it speaks, ending at `end`, only acts here: the
    sentence has no word of saying and the body does not close it as a credit (a pack that
    lists no word of saying lets every body speak)."""
    if kind not in SAYING_HEADS or s.saying is None or not text[end:].strip(_CREDIT_TAIL):
        return False
    return s.saying.search(text) is None


def _as_written(text: str, country: tuple[int, int], head: tuple[int, int]) -> str:
    """'US officials', 'funcionarios estadounidenses', '미국 관리': a body as the text names it.

    The country and the head in text order, with what joins them when they are side by side;
    a country further along a list ("South Korean, US and Ukrainian intelligence") keeps only
    its own word beside the head.
    """
    (a, b), (c, d) = sorted([country, head])
    between = text[b:c]
    return text[a:d] if len(between) <= 3 else f"{text[a:b]} {text[c:d]}"


_EDGE_MARKS = " :;,.!?\"'«»“”„‘’()[]-–—:،؛。、，：；"


def _keep_as_written(f: _Found, canon: str, written: str) -> None:
    # Readers (and keyword search) find the body as the article names it beside its canonical
    # name: "US government (US officials)", "South Korea military (군 당국)".
    written = " ".join(written.split()).strip(_EDGE_MARKS)
    if canon not in f.speakers and written and written.lower() != canon.lower():
        f.speakers[canon] = written
        f.as_written.add(canon)


# An aside set off by commas between a speaker and its verb of saying ("South Korea, citing
# intelligence, said"; "Seul, citando i servizi segreti, ha detto").
_ASIDE_BEFORE = re.compile(r",[^,;:.!?«»\"“”]{3,60},\s*$")


def _past_an_aside(text: str, start: int) -> int:
    """Where an aside set off by commas right before `start` opens, else `start`: the speaker
    stands before it, in a short clause of its own with no figure ("sent 13,000 containers to
    Russia, which could hold ..., reported Yonhap": Russia is no speaker)."""
    window = text[max(0, start - 62) : start]
    m = _ASIDE_BEFORE.search(window)
    if m is None:
        return start
    opens = start - len(window) + m.start()
    lead = re.split(r"[,;:.!?]", text[max(0, opens - 80) : opens])[-1]
    if re.search(r"\d", lead) or len(lead.split()) > SPEAKER_CLAUSE_WORDS:
        return start
    return opens


# At most so many words in the clause of a speaker set off from its verb by an aside.
SPEAKER_CLAUSE_WORDS = 7


def adjacent_countries(
    text: str, start: int, end: int, s: SourceLexicon, lang: Lang, single: bool = False
) -> list[tuple[int, int, str]]:
    """Countries chained to a head ("South Korean, US and Ukrainian intelligence"), each as
    (start, end, country).

    single: only the one country right before the head, with no list ("Seoul said", not
    "troops to Russia, Seoul said").
    """
    found: list[tuple[int, int, str]] = []
    pos = _past_an_aside(text, start) if single else start
    while True:
        window = text[max(0, pos - 60) : pos]
        m = s.left_country.search(window)
        if not m:
            break
        cstart = pos - len(window) + m.start("c")
        if single and (
            re.search(r"[,;]", m.group()[m.end("c") - m.start() :])
            or _after_a_place_word(text, cstart, s)
        ):
            break  # "troops to Russia, Seoul said"; "a source in North Korea told": no speaker
        country = resolve(m.group("c"), s.country_lookup, lang.prefix)
        if country:
            found.append((cstart, cstart + m.end("c") - m.start("c"), country))
        pos = cstart
        if single:
            return found + _joined_country(text, cstart, s, lang) if found else found
    if single and not found and s.country_after_verb is not None:
        return _country_after_its_verb(text, end, s, lang)
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
        gap = m.group()[: m.start("c")]
        if first and re.search(r"[,;:]", gap):
            break  # "Selon le ministère, Pyongyang prévoit": the next clause's subject
        linked = gap.strip() != ""
        # A script with no capitals ("الاستخبارات الأمريكية والأوكرانية") goes on as lower case does.
        if m.group("c")[:1].isupper() and not (first and (linked or s.country_genitive)):
            break  # a capitalised name right after the head is the next phrase, not its modifier
        country = resolve(m.group("c"), s.country_lookup, lang.prefix)
        if country:
            found.append((pos + m.start("c"), pos + m.end("c"), country))
        pos += m.end()
        first = False
    return found


def _joined_country(
    text: str, start: int, s: SourceLexicon, lang: Lang
) -> list[tuple[int, int, str]]:
    """'Kyiv and Seoul say', 'Kiev et Séoul estiment': the country joined to the speaking one
    by a coordinator (pack option sources.coordinators) speaks with it, and so do those listed
    before it with commas ('South Korea, Ukraine and the West told'); not one a place word puts
    where the troops go ('sent to Russia and Ukraine says': Ukraine alone)."""
    rx, found = s.coordinated, []
    while rx is not None:
        m = rx.search(text, max(0, start - 60), start)
        placed = m is not None and _after_a_place_word(text, m.start("c"), s)
        if m is None or (placed and not _heads_place(text, m.start("c"), s)):
            break
        country = resolve(m.group("c"), s.country_lookup, lang.prefix)
        if not country:
            break
        found.append((m.start("c"), m.end("c"), country))
        # the list the joined one ends: "South Korea, Ukraine and the West told"
        rx, start = (None if placed else s.listed), m.start("c")
    return found


def _heads_place(text: str, pos: int, s: SourceLexicon) -> bool:
    """The place word before `pos` follows a head: 'officials in Seoul and Kyiv said', 'sources
    from South Korea, Ukraine and the West told': the countries say whose they are, the list
    of speakers starts there."""
    assert s.place is not None
    lead = max(0, pos - 30)
    p = s.place.search(text, lead, pos)
    heads = list(s.heads.finditer(text, max(0, p.start() - 40), p.start())) if p else []
    return bool(p and heads and not text[heads[-1].end() : p.start()].strip())


def _after_a_place_word(text: str, pos: int, s: SourceLexicon) -> bool:
    """A place word ends right before `pos` ("sent to Russia", "a source in North Korea")."""
    return bool(s.place and s.place.search(text[max(0, pos - 30) : pos]))


def _country_after_its_verb(
    text: str, end: int, s: SourceLexicon, lang: Lang
) -> list[tuple[int, int, str]]:
    """'... সরবরাহ করেছে বলে জানিয়েছে সিউল।', 'وقالت كوريا الجنوبية إن': a country right after a
    verb of saying, only spaces between (pack option speaker_before_country), is its subject;
    not one that qualifies a head or name after it ('বলেছেন দক্ষিণ কোরিয়ার সংসদ সদস্য': the
    lawmaker says)."""
    rx = s.country_after_verb
    m = rx.match(text, end, end + 60) if rx is not None else None
    if m is None:
        return []
    rest = text[m.end() : m.end() + 60]
    if s.right_adjective.match(rest) or _starts_a_body(rest.lstrip(), s):
        return []
    country = resolve(m.group("c"), s.country_lookup, lang.prefix)
    return [(m.start("c"), m.end("c"), country)] if country else []


def _starts_a_body(rest: str, s: SourceLexicon) -> bool:
    """A head or a name opens `rest`."""
    return any(rx.match(rest) for rx in (s.heads, s.names))
