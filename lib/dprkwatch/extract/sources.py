"""Who says it, within one sentence: source names, a country with a head ("Seoul's spy agency").

The lexicon is pack data (section `sources` of lang/data/<code>.yaml) plus the canonical
sources of base.yaml; extract/attribution.py carries sources across a document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dprkwatch.extract.text import Lookup, lookup_table, resolve
from dprkwatch.lang.packs import Lang, alternation


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
    country_lookup: Lookup
    anaphora: re.Pattern
    cataphora: re.Pattern
    generic: dict
    kind_of: dict
    priority: dict
    country_of: dict


def lexicon_of(lang: Lang) -> SourceLexicon:
    """The compiled source lexicon of `lang` (built on first use, kept with the pack)."""
    return lang.memo("sources", lambda: _build(lang))


def _build(lang: Lang) -> SourceLexicon:
    s = lang.option("sources")
    base = lang.base
    names = s["names"]
    heads = s["heads"]
    countries = s["countries"]
    country_alt = alternation([t for v in countries.values() for t in v], lang.prefix)
    linkers = s["linkers"]
    link_alt = "|".join(re.escape(x) for x in sorted(linkers, key=len, reverse=True)) or "(?!x)x"
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
        right_country=re.compile(
            rf"^(?:\s*(?:{link_alt})\s*|\s+)(?P<c>{country_alt})", re.IGNORECASE
        ),
        right_adjective=re.compile(rf"^{gap}(?P<c>{country_alt})", re.IGNORECASE),
        country_after_head=s["country_after_head"] or s["country_genitive"],
        country_genitive=s["country_genitive"],
        country_lookup=lookup_table(countries),
        anaphora=re.compile(alternation(s["anaphora"], lang.prefix), re.IGNORECASE),
        cataphora=re.compile(alternation(s["cataphora"], lang.prefix), re.IGNORECASE),
        generic=base.get("generic_sources") or {},
        kind_of={k: v.get("kind", "media") for k, v in srcs.items()},
        priority={k: prio.get(v.get("kind", "media"), 1) for k, v in srcs.items()},
        country_of={k: v.get("country") for k, v in srcs.items()},
    )


@dataclass
class SentenceSources:
    named: list = field(default_factory=list)  # canonical names, in text order
    bare_heads: list = field(default_factory=list)  # head kinds with no country beside them
    anaphora: bool = False


def sentence_sources(text: str, s: SourceLexicon, lang: Lang) -> SentenceSources:
    out = SentenceSources()
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for m in s.names.finditer(text):
        canon = resolve(m.group(), s.name_lookup, lang.prefix)
        if canon:
            found.append((m.start(), canon))
            taken.append(m.span())
    for m in s.heads.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        kind = resolve(m.group(), s.head_lookup, lang.prefix)
        if not kind:
            continue
        countries = adjacent_countries(text, m.start(), m.end(), s, lang, single=kind == "speaker")
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


def adjacent_countries(text: str, start: int, end: int, s: SourceLexicon, lang: Lang, single=False):
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
        country = resolve(m.group("c"), s.country_lookup, lang.prefix)
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
        country = resolve(m.group("c"), s.country_lookup, lang.prefix)
        if country:
            found.append((pos + m.start("c"), country))
        pos += m.end()
        first = False
    return found
