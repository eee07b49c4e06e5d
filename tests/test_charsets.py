"""The memo of large character classes compiles the same patterns, only once per class."""

from __future__ import annotations

import re

import pytest

from dprkwatch.lang import charsets
from dprkwatch.lang.packs import NOT_AFTER, NOT_BEFORE, alternation

pytestmark = pytest.mark.skipif(
    charsets._ORIGINAL is None, reason="this Python's sre has no _optimize_charset"
)

TERMS = ["troops", "兵士", "北朝鮮軍", "सैनिकों", "군인", "NIS", "ГУР", "killed or wounded"]
TEXTS = [
    "North Korea sent 11,000 troops; NIS said 1,000 were killed or wounded.",
    "北朝鮮兵士が1万人、北朝鮮軍の兵士",
    "11,000 सैनिकों को भेजा",
    "군인 1만 명; 북한군인",
    "ГУР: 12 000 військових; ГУРу",
    "trooper troopsx NISX 兵士たち",
]


def _matches(pattern: re.Pattern) -> list[list[tuple[int, int]]]:
    return [[m.span() for m in pattern.finditer(t)] for t in TEXTS]


def test_patterns_compiled_with_the_memo_match_the_same():
    source = alternation(TERMS)
    plain = re.compile(source, re.IGNORECASE)
    re.purge()  # or re's own cache would hand back the pattern compiled above
    with charsets.reused_charsets():
        fast = re.compile(source, re.IGNORECASE)
        re.purge()
        again = re.compile(source, re.IGNORECASE)  # served from the memo this time
    assert fast is not plain and again is not fast
    assert _matches(fast) == _matches(plain) == _matches(again)
    assert any(spans for spans in _matches(plain))


def test_large_classes_are_optimised_once():
    charsets._memo.clear()
    calls = []
    original = charsets._ORIGINAL

    def counting(*args):
        calls.append(args[0])
        return original(*args)

    charsets._ORIGINAL = counting
    try:
        with charsets.reused_charsets():
            for i in range(3):
                re.compile(f"{NOT_BEFORE}x{i}{NOT_AFTER}")
    finally:
        charsets._ORIGINAL = original
    large = [
        c for c in calls if sum(b - a + 1 for op, (a, b) in _ranges(c)) >= charsets.LARGE_CLASS
    ]
    assert len(large) == 2  # the word class and the unspaced class, once each for 3 patterns


def _ranges(charset):
    return [(op, av) for op, av in charset if op is charsets._RANGE]


def test_sre_is_left_as_it_was_after_the_block_even_nested():
    import re._compiler as sre

    before = sre._optimize_charset
    with charsets.reused_charsets():
        with charsets.reused_charsets():
            assert sre._optimize_charset is charsets._memoised
        assert sre._optimize_charset is charsets._memoised
    assert sre._optimize_charset is before is charsets._ORIGINAL
