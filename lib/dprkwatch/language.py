"""Offline language detection: the script decides where it can, lingua (shipped models) otherwise.

Only languages of the same script compete, which keeps short texts right (Russian vs
Ukrainian, Portuguese vs Spanish) and detection fast.
"""

from __future__ import annotations

import functools
import unicodedata
from collections import Counter

from dprkwatch.langdata import available_languages

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
def _detector(script: str):
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = []
    for code in dict.fromkeys(
        SCRIPT_CANDIDATES[script]
        + [c for c in available_languages() if c in SCRIPT_CANDIDATES[script]]
    ):
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
    lang = _detector(script).detect_language_of(text[:SAMPLE_CHARS])
    if lang is None:
        return "und"
    return lang.iso_code_639_1.name.lower()
