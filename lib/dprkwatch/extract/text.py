"""Small text helpers the extractor's modules share: word counts, nearest cue, term lookup."""

from __future__ import annotations

import re
from collections import deque
from typing import Any

from dprkwatch.lang.packs import AR_MARKS, whole_pattern

# Words end at spaces and punctuation, the ideographic kind too (、，。；：「」 in CJK text).
WORD = re.compile(r"[^\s,;:()\"“”«»、，。；：（）「」『』]+")
NEVER = re.compile("(?!x)x")
# What ends a clause. A comma between two digits groups them ("10,000", "１２，０００"): no
# clause ends inside a figure, wherever a window of text cuts it. The character class comes
# first and the digit test after it: the search then skips ahead as fast as for a plain class
# (an alternation with a look-behind first was 7x slower, on every clause the rules cut).
NOT_IN_A_FIGURE = r"(?!(?<=\d[,，])\d)"
CLAUSE_BREAK = re.compile(rf"[,，;；،؛、]{NOT_IN_A_FIGURE}")
# The same, a colon included: where a colon opens what follows ("Seoul: 11,000 sent") and a
# cue or date before it is not the figure's own.
CLAUSE_OR_COLON = re.compile(rf"[,，;；:،؛、]{NOT_IN_A_FIGURE}")
# The last word of a window and the spaces after it (a cue touching the next figure).
TOUCHING = re.compile(rf"[^\s{re.escape(',.;:()')}]+\s*$")
# Generic nouns that give way to a specific one nearby ("soldados norte-coreanos").
FALLBACK_NOUNS = ("people",)

Match = re.Match[str]


def words_between(text: str) -> int:
    """How many words `text` holds."""
    return len(WORD.findall(text))


class Concepts(dict[str, re.Pattern[str]]):
    """Concept -> pattern of its terms, and `any`: one pattern of all their terms.

    A window where `any` finds nothing holds no term of any concept, so nearest() answers
    with one search instead of one per concept (most windows hold no casualty word).
    """

    def __init__(
        self,
        patterns: dict[str, re.Pattern[str]],
        any_term: re.Pattern[str],
        terms: dict[str, list[str]] | None = None,
    ) -> None:
        super().__init__(patterns)
        self.any = any_term
        # Each concept's terms as written, lowercased, without their wildcards: where terms match
        # as word beginnings two concepts may match the same word ("탄약" and "탄약공장").
        self.stems = {
            k: sorted({t.strip("*").lower() for t in v if t.strip("*")}, key=len, reverse=True)
            for k, v in (terms or {}).items()
        }

    def stem(self, concept: str, surface: str) -> int:
        """How long the longest term of `concept` that begins `surface` is (0 for none)."""
        low = surface.lower()
        return next((len(t) for t in self.stems.get(concept, ()) if low.startswith(t)), 0)


def nearest(
    patterns: dict[str, re.Pattern[str]], window: str, max_words: int, from_end: bool = False
) -> tuple[str | None, Match | None]:
    """The cue nearest to the figure in `window`: (concept, match) or (None, None).

    from_end: the figure follows the window (look back from its end); otherwise it precedes it.
    """
    best: tuple[tuple[int, int], str, Match] | None = None
    for concept, m in _candidates(patterns, window, from_end):
        gap = window[m.end() :] if from_end else window[: m.start()]
        if words_between(gap) > max_words:
            continue
        key = (len(gap), -(m.end() - m.start()))
        if (
            best is None
            or key < best[0]
            or (key == best[0] and _longer_term(patterns, concept, best))
        ):
            best = (key, concept, m)
    if best and best[1] in FALLBACK_NOUNS and len(patterns) > 1:
        rest = {k: v for k, v in patterns.items() if k not in FALLBACK_NOUNS}
        better = nearest(rest, window, max_words, from_end)
        if better[0] is not None:
            return better
    return (best[1], best[2]) if best else (None, None)


def _longer_term(patterns: dict[str, re.Pattern[str]], concept: str, best: tuple) -> bool:
    """On a tie for the same words, whether `concept` wrote more of them than the best so far:
    "탄약공장" is the factories' term, not the munitions' "탄약" run on to the word's end."""
    if not isinstance(patterns, Concepts):
        return False
    surface = best[2].group()
    return patterns.stem(concept, surface) > patterns.stem(best[1], surface)


def _candidates(
    patterns: dict[str, re.Pattern[str]], window: str, from_end: bool
) -> list[tuple[str, Match]]:
    """Each concept's match nearest the figure: its first one, or looking back its last one
    (the fewest words and characters to the end of the window); no other can win."""
    if isinstance(patterns, Concepts):
        first = patterns.any.search(window)
        if first is None:
            return []
        if not from_end:
            # The first match of any concept starts where the first of all their terms does;
            # a concept that starts later is farther from the figure.
            at = first.start()
            return [(c, m) for c, rx in patterns.items() if (m := rx.match(window, at))]
    found = (
        (c, last_match(rx, window) if from_end else rx.search(window)) for c, rx in patterns.items()
    )
    return [(c, m) for c, m in found if m is not None]


def last_match(rx: re.Pattern[str], window: str) -> Match | None:
    """The last match of `rx` in `window`, or None."""
    tail = deque(rx.finditer(window), maxlen=1)
    return tail[0] if tail else None


def norm(s: str) -> str:
    """A surface or term as a lookup key: lower case, spaces as one, Arabic marks dropped (a
    term's pattern lets its word carry them, lang.packs._atoms; terms are written bare)."""
    return " ".join(s.lower().translate(AR_MARKS).split())


Lookup = tuple[dict[str, str], list[tuple[re.Pattern[str], str]]]


def lookup_table(mapping: dict[str, list[str]]) -> Lookup:
    """surface -> key for plain terms, and (regex, key) pairs for wildcard terms."""
    plain: dict[str, str] = {}
    wild: list[tuple[re.Pattern[str], str]] = []
    for key, terms in mapping.items():
        for t in terms or []:
            if "*" in t:
                wild.append((re.compile(whole_pattern(t), re.IGNORECASE), key))
            else:
                plain[norm(t)] = key
    return plain, wild


def resolve(surface: str, table: Lookup, prefix_lang: bool) -> Any:
    """The key a matched surface form stands for (None when no term matches it whole)."""
    plain, wild = table
    key = plain.get(norm(surface))
    if key is not None:
        return key
    bare = surface.translate(AR_MARKS)
    for rx, k in wild:
        if rx.fullmatch(bare):
            return k
    if prefix_lang:
        # Pack matched as a word beginning: the longest plain term the surface starts with.
        best = _longest_prefix(norm(surface), plain)
        if best is not None:
            return plain[best]
    return None


def _longest_prefix(s: str, plain: dict[str, str]) -> str | None:
    """The longest plain term `s` starts with (a pack matching word beginnings), or None."""
    # The surface's own beginnings, longest first: a few lookups for a short surface, where
    # testing every term of a table (hundreds of source names) was most of a name's lookup.
    return next((s[:k] for k in range(len(s), -1, -1) if s[:k] in plain), None)


def term_as_written(surface: str, table: Lookup, prefix_lang: bool) -> str:
    """The term a matched surface form spells, as the text writes it: an ending a pack that
    matches word beginnings let through is cut ("국정원은" -> "국정원", "Pentagonu" -> "Pentagon")."""
    s = norm(surface)
    if not prefix_lang or s in table[0] or any(rx.fullmatch(surface) for rx, _ in table[1]):
        return surface
    best = _longest_prefix(s, table[0]) or ""
    cut = next((k for k in range(1, len(surface) + 1) if norm(surface[:k]) == best), None)
    return surface[:cut] if cut else surface
