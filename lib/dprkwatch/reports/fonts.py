"""Embed subset fonts for non-Latin scripts so a mailed report renders without tofu boxes.

A script's font is embedded (base64 WOFF, @font-face with a unicode-range) only when the page
uses that script and a font file covering it is found on this machine (Debian: fonts-noto-core,
fonts-noto-cjk). Without one the CSS font stack still names the usual system fonts.
"""

from __future__ import annotations

import base64
import contextlib
import io
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_FONT_DIRS = [
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".local/share/fonts",
    Path("/Library/Fonts"),
    Path("C:/Windows/Fonts"),
]


@dataclass(frozen=True)
class ScriptFont:
    """A script, the code points it covers, and font files that cover it (first found wins)."""

    family: str
    ranges: tuple[tuple[int, int], ...]
    files: tuple[str, ...]
    font_number: int = 0
    # Small scripts are embedded whole (robust for text typed into a table search box);
    # CJK fonts are far too large and are cut down to the characters the page uses.
    whole: bool = True
    extra: tuple[int, ...] = (0x200C, 0x200D, 0x25CC)


SCRIPTS = (
    ScriptFont(
        family="Noto Sans Bengali",
        ranges=((0x0980, 0x09FF), (0x0964, 0x0965)),
        files=("NotoSansBengali-Regular.ttf", "NotoSansBengali-Regular.otf"),
    ),
    ScriptFont(
        family="Noto Sans KR",
        ranges=((0xAC00, 0xD7A3), (0x1100, 0x11FF), (0x3130, 0x318F)),
        files=("NotoSansCJK-Regular.ttc", "NotoSansKR-Regular.otf", "NotoSansKR-Regular.ttf"),
        # In Noto Sans CJK collections the Korean face is number 1 (JP, KR, SC, TC, HK).
        font_number=1,
        whole=False,
    ),
    ScriptFont(
        family="Noto Sans Devanagari",
        ranges=((0x0900, 0x097F), (0xA8E0, 0xA8FF)),
        files=("NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Regular.otf"),
    ),
    ScriptFont(
        family="Noto Sans Arabic",
        ranges=(
            (0x0600, 0x06FF),
            (0x0750, 0x077F),
            (0x08A0, 0x08FF),
            (0xFB50, 0xFDFF),
            (0xFE70, 0xFEFF),
        ),
        files=("NotoSansArabic-Regular.ttf", "NotoNaskhArabic-Regular.ttf"),
    ),
    ScriptFont(
        family="Noto Sans JP",
        # Han (Japanese and Chinese), kana, CJK punctuation and full-width forms.
        ranges=((0x3000, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xFF00, 0xFFEF)),
        files=("NotoSansCJK-Regular.ttc", "NotoSansJP-Regular.otf", "NotoSansSC-Regular.otf"),
        whole=False,  # face 0 of the Noto Sans CJK collection is the Japanese one
    ),
)

# The fallback stack of the report CSS: the embedded script faces first (their unicode-range
# keeps them to their own scripts, and a Latin system font that also covers Arabic or
# Devanagari must not stand in for them: every reader sees the same shapes), then Latin and
# system fonts.
FONT_STACK = (
    ", ".join(f'"{s.family}"' for s in SCRIPTS)
    + ', system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", Arial, '
    '"Noto Sans CJK KR", "Apple SD Gothic Neo", "Malgun Gothic", "Nirmala UI", '
    '"Vrinda", sans-serif'
)

_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
_SUBSET_FORMAT = 2  # part of the cache key: bump when _make_subset makes other bytes
_BASE64 = re.compile(r"[A-Za-z0-9+/]+={0,2}")


def used_codepoints(text: str) -> set[int]:
    """Code points in text, including those hidden in JSON \\uXXXX escapes (itables data)."""
    points = {ord(c) for c in text if ord(c) > 0x7F}
    points.update(int(m, 16) for m in _ESCAPE.findall(text))
    return points


def find_font_file(names: tuple[str, ...]) -> Path | None:
    """The first font file with one of these names under the usual font folders."""
    return _find_font_file(names)


@cache
def _find_font_file(names: tuple[str, ...]) -> Path | None:
    for folder in _FONT_DIRS:
        if not folder.is_dir():
            continue
        for name in names:
            hits = sorted(folder.rglob(name))
            if hits:
                return hits[0]
    return None


def font_face_css(text: str) -> str:
    """@font-face rules (base64 WOFF subsets) for the scripts text uses; "" when none apply."""
    points = used_codepoints(text)
    rules = []
    for script in SCRIPTS:
        mine = {p for p in points if any(lo <= p <= hi for lo, hi in script.ranges)}
        if not mine:
            continue
        path = find_font_file(script.files)
        if path is None:
            continue
        if script.whole:
            wanted = frozenset(p for lo, hi in script.ranges for p in range(lo, hi + 1))
        else:
            wanted = frozenset(mine)
        data = _subset(str(path), script.font_number, wanted | frozenset(script.extra))
        ranges = ", ".join(f"U+{lo:04X}-{hi:04X}" for lo, hi in script.ranges)
        extra = ", ".join(f"U+{p:04X}" for p in script.extra)
        rules.append(
            "@font-face {"
            f' font-family: "{script.family}"; font-style: normal; font-weight: 400;'
            f" font-display: block; unicode-range: {ranges}, {extra};"
            f' src: url(data:font/woff;base64,{data}) format("woff"); }}'
        )
    return "\n".join(rules)


def _cache_dir() -> Path:
    import os

    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(os.environ.get("DPRKWATCH_FONT_CACHE") or Path(base) / "dprkwatch" / "fonts")


@cache
def _subset(path: str, font_number: int, codepoints: frozenset[int]) -> str:
    """The base64 WOFF subset, kept on disk: subsetting takes ~0.5 s and every report needs it.

    The cached copy is a trusted cache entry (cache.py): the page embeds it as it is, so a file
    planted in the cache folder must never reach a report.
    """
    import hashlib
    import os

    from dprkwatch.reports import cache as trusted

    stat = os.stat(path)
    key = hashlib.sha256(
        f"{_SUBSET_FORMAT}|{path}|{stat.st_size}|{stat.st_mtime_ns}|{font_number}|"
        f"{sorted(codepoints)}".encode()
    ).hexdigest()[:24]
    entry = _cache_dir() / f"{key}.json"
    cached = trusted.read_entry(entry)
    if isinstance(cached, dict) and _BASE64.fullmatch(str(cached.get("woff_base64", ""))):
        return cached["woff_base64"]
    data = _make_subset(path, font_number, codepoints)
    with contextlib.suppress(OSError):  # a read-only home only costs time
        trusted.write_entry(entry, {"font": Path(path).name, "woff_base64": data})
    return data


def _make_subset(path: str, font_number: int, codepoints: frozenset[int]) -> str:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.flavor = "woff"
    options.layout_features = ["*"]  # keep conjuncts and vowel-sign shaping
    options.name_IDs = ["*"]
    options.hinting = False
    options.notdef_outline = True
    # No "modified" timestamp of today: the same text must embed the same bytes.
    font = TTFont(path, fontNumber=font_number, lazy=False, recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(codepoints))
    subsetter.subset(font)
    buf = io.BytesIO()
    font.flavor = "woff"
    font.save(buf)
    return base64.b64encode(buf.getvalue()).decode("ascii")
