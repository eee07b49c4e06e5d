"""Who says it, across a document: a sentence's sources, or those it carries from nearby.

A sentence that names no source takes the one a reader would: the previous sentences of its
paragraph, a back-reference ("the agency", "he said") to the last named source, or the next
sentence of a wire lead that names it after the figure. Lawmakers relaying a briefing are
credited to the agency that briefed them when the article names it.
"""

from __future__ import annotations

from dprkwatch.extract.sources import SentenceSources, SourceLexicon, sentence_sources
from dprkwatch.lang.packs import Lang
from dprkwatch.lang.segment import SentenceIndex

# How many sentences back (within a paragraph) a source carries.
CARRY_BACK_SENTENCES = 2


class Attributor:
    """Sources per sentence, with carry-over from earlier sentences of the same document."""

    def __init__(self, text: str, sents: SentenceIndex, lang: Lang, s: SourceLexicon):
        self.text, self.sents, self.lang, self.s = text, sents, lang, s
        self._cache: dict[int, SentenceSources] = {}

    def _at(self, i: int) -> SentenceSources:
        if i not in self._cache:
            a, b = self.sents[i]
            self._cache[i] = sentence_sources(self.text[a:b], self.s, self.lang)
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
