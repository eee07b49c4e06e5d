"""A document's sentences, each sliced and searched once for all the figures it holds.

A sentence listing thousands of figures used to be sliced and searched once per figure, which
made extraction quadratic in the sentence's length (a 119 KB sentence took minutes). Every
figure of a sentence shares one `Sentence`: its text, whether a cue occurs in it, where the
cues start, and any value computed from the sentence alone (its stated dates).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from typing import Any

# How far before a figure its subject is looked for ("Russian losses have reached ...",
# "North Korea received ..."), in characters: beyond a normal sentence, yet bounded, so a
# sentence of thousands of figures costs each figure the same.
SUBJECT_WINDOW_CHARS = 600
FAR = 10**9


class Sentence:
    """One sentence: its text and the searches every figure in it shares."""

    __slots__ = ("_found", "_index", "_memo", "_owner", "_starts", "end", "start", "text")

    def __init__(self, owner: Sentences, index: int) -> None:
        self._owner, self._index = owner, index
        self.start, self.end = owner.spans[index]
        self.text = owner.text[self.start : self.end]
        # Keyed by id(pattern): hashing a compiled pattern hashes its whole program.
        self._found: dict[int, tuple[bool, str]] = {}
        self._starts: dict[int, list[int]] = {}
        self._memo: dict[str, Any] = {}

    def _search(self, rx: re.Pattern[str]) -> tuple[bool, str]:
        key = id(rx)
        if key not in self._found:
            m = rx.search(self.text)
            self._found[key] = (m is not None, m.group() if m else "")
        return self._found[key]

    def has(self, rx: re.Pattern[str]) -> bool:
        """Whether `rx` occurs in the sentence."""
        return self._search(rx)[0]

    def found(self, rx: re.Pattern[str]) -> str:
        """The first words `rx` finds in the sentence, "" when none."""
        return self._search(rx)[1]

    @property
    def prev(self) -> Sentence | None:
        """The sentence before this one (None for the first)."""
        return self._owner[self._index - 1] if self._index else None

    def has_before(self, rx: re.Pattern[str]) -> bool:
        """Whether `rx` occurs in the sentence before this one (False for the first)."""
        prev = self.prev
        return prev is not None and prev.has(rx)

    def distance(self, rx: re.Pattern[str], pos: int) -> int:
        """Characters from `pos` (in the sentence) to the nearest start of `rx`; FAR when none."""
        key = id(rx)
        if key not in self._starts:
            self._starts[key] = [m.start() for m in rx.finditer(self.text)]
        starts = self._starts[key]
        i = bisect.bisect_left(starts, pos)
        near = [abs(starts[k] - pos) for k in (i - 1, i) if 0 <= k < len(starts)]
        return min(near, default=FAR)

    def memo(self, key: str, compute: Callable[[str], Any]) -> Any:
        """`compute(text)`, computed once per sentence."""
        if key not in self._memo:
            self._memo[key] = compute(self.text)
        return self._memo[key]


class Sentences:
    """The sentences of one text, built when a figure first needs them."""

    def __init__(self, text: str, spans: list[tuple[int, int]]) -> None:
        self.text, self.spans = text, spans
        self._built: dict[int, Sentence] = {}

    def __getitem__(self, i: int) -> Sentence:
        if i not in self._built:
            self._built[i] = Sentence(self, i)
        return self._built[i]


def lead(text: str, start: int, end: int) -> str:
    """text[start:end], at most SUBJECT_WINDOW_CHARS long, cut after a space when shortened."""
    cut = max(start, end - SUBJECT_WINDOW_CHARS)
    if cut > start:
        space = text.find(" ", cut, min(end, cut + 40))
        cut = space + 1 if space >= 0 else cut
    return text[cut:end]
