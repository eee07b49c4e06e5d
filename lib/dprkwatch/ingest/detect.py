"""Offline language detection: the script decides where it can, lingua (shipped models) otherwise.

Only languages of the same script compete, which keeps short texts right (Russian vs
Ukrainian, Portuguese vs Spanish) and detection fast.
"""

from __future__ import annotations

import functools
import unicodedata
from collections import Counter

from dprkwatch.core.paths import LANGDATA_DIR


@functools.cache
def available_languages() -> frozenset[str]:
    """Languages with a pack (the file names; ingest reads no pack, the lang layer does)."""
    return frozenset(p.stem for p in LANGDATA_DIR.glob("*.yaml") if p.stem != "base")


# Scripts whose language is settled by the script alone (when we have a pack for it).
SCRIPT_LANG = {
    "BENGALI": "bn",
    "HANGUL": "ko",
    "DEVANAGARI": "hi",
    "THAI": "th",
    "GEORGIAN": "ka",
    "ARMENIAN": "hy",
    "HEBREW": "he",
    "GREEK": "el",
}
# Candidate languages per script family for lingua (packs we ship plus common neighbours,
# so an unsupported language is named as itself rather than forced into a supported one).
SCRIPT_CANDIDATES = {
    "LATIN": ["en", "pt", "es", "fr", "de", "it", "nl", "pl", "tr", "id", "vi", "ro", "sv", "cs"],
    "CYRILLIC": ["ru", "uk", "bg", "sr", "be", "kk", "mk"],
    "ARABIC": ["ar", "fa", "ur"],
    "CJK": ["zh", "ja"],
}
SAMPLE_CHARS = 3000
# Letters that only one Cyrillic language among the candidates writes: in a short text one of
# them settles the question ("Путін і Кім" is Ukrainian, not Kazakh).
CYRILLIC_MARKERS = {"uk": "їєґ", "be": "ў", "kk": "әғқңөұүһ", "sr": "ђћ", "mk": "ѓќѕ"}
# Ukrainian writes і and never ы/э/ё; Russian the other way round.
CYRILLIC_PAIRS = {"uk": ("і", "ыэё"), "ru": ("ыэё", "і")}
# Below this many letters lingua's statistics are thin: in these scripts only languages we have
# a pack for compete ("На фронте" is Russian, not Bulgarian).
SHORT_TEXT_LETTERS = 120
SHORT_TEXT_SCRIPTS = {"CYRILLIC"}


def _script(ch: str) -> str:
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return ""
    first = name.split(" ", 1)[0]
    if first in ("CJK", "HIRAGANA", "KATAKANA"):
        return "CJK"
    return first


def dominant_script(text: str) -> str:
    counts = Counter(_script(c) for c in text[:SAMPLE_CHARS] if c.isalpha())
    return counts.most_common(1)[0][0] if counts else ""


@functools.cache
def _detector(script: str, packs_only: bool = False):
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = []
    candidates = SCRIPT_CANDIDATES[script]
    packs = [c for c in candidates if c in available_languages()]
    if packs_only and len(packs) >= 2:
        candidates = packs
    for code in dict.fromkeys(candidates):
        iso = getattr(IsoCode639_1, code.upper(), None)
        if iso is not None:
            codes.append(iso)
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language, or "und" when it cannot be told."""
    script = dominant_script(text)
    if script in SCRIPT_LANG:
        return SCRIPT_LANG[script]
    if script not in SCRIPT_CANDIDATES:
        return "und"
    sample = text[:SAMPLE_CHARS]
    # Short texts only: in a long Russian article one quoted Ukrainian name ("Євген") must not
    # outvote the rest, and there lingua is reliable anyway.
    short = script in SHORT_TEXT_SCRIPTS and sum(c.isalpha() for c in sample) < SHORT_TEXT_LETTERS
    if short and script == "CYRILLIC":
        by_letters = _cyrillic_by_letters(sample)
        if by_letters:
            return by_letters
        short = not _foreign_marks(sample)
    lang = _detector(script, short).detect_language_of(sample)
    if lang is None:
        return "und"
    return lang.iso_code_639_1.name.lower()


def _foreign_marks(text: str) -> bool:
    """Letters of a language we have no pack for (then every candidate competes)."""
    letters = set(text.lower())
    return any(
        letters & set(m) for c, m in CYRILLIC_MARKERS.items() if c not in available_languages()
    )


def _cyrillic_by_letters(text: str) -> str | None:
    """The language that letters alone settle (None when they do not)."""
    letters = set(text.lower())
    found = [code for code, marks in CYRILLIC_MARKERS.items() if letters & set(marks)]
    if len(found) == 1:
        return found[0]
    if found:
        return None
    for code, (has, lacks) in CYRILLIC_PAIRS.items():
        if letters & set(has) and not letters & set(lacks) and code in available_languages():
            return code
    return None
