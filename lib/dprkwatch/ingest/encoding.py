"""Decode a document's bytes: byte-order marks, then UTF-8, then a guess you can trust.

The order matters more than the guesser. UTF-8 is tried strictly, then with a few bad bytes
replaced (a stray 0xFF in a Korean article is one bad byte, not a Korean article in cp1252).
Only then is a legacy code page guessed, among the pages plausible for the text's script, by
whether the letters it produces belong to one alphabet (`assets/encodings.yaml`). When pages
fit equally well the more common one wins, so Portuguese cp1252 is never read as cp1250.
"""

from __future__ import annotations

import codecs
import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

import yaml

from dprkwatch.core.errors import DprkwatchError
from dprkwatch.core.paths import ENCODINGS_FILE

# When at least this share of the bytes above 0x7F form valid UTF-8, the file is UTF-8 with
# damage, not another encoding.
UTF8_VALID_SHARE = 0.8
# A legacy code page is chosen on at most this many bytes of lines that need one (the guess
# reads every character once per candidate page: unbounded, a 2 MB page took minutes).
GUESS_BYTES = 64_000
_HIGH = bytes(range(0x80, 0x100))

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_LANG_HINT = re.compile(rb"^language:\s*['\"]?([A-Za-z]{2,3})\b", re.MULTILINE)


class DecodeError(DprkwatchError):
    """The bytes are not text in any encoding the suite reads."""


@dataclass(frozen=True)
class Decoded:
    """Text and how it was decoded: the encoding and the number of bytes replaced."""

    text: str
    encoding: str
    replaced: int = 0

    @property
    def note(self) -> str:
        """A line for the run's report, empty when nothing needs saying."""
        if self.replaced:
            n = self.replaced
            return f"{n} invalid byte{'s' if n != 1 else ''} replaced ({self.encoding})"
        return ""


@dataclass(frozen=True)
class _Alphabet:
    name: str
    letters: frozenset[str]
    scripts: tuple[str, ...]
    languages: tuple[str, ...]

    def has(self, ch: str) -> bool:
        if ch in self.letters or ch.lower() in self.letters:
            return True
        return bool(self.scripts) and _script(ch) in self.scripts


@dataclass(frozen=True)
class _Config:
    single_byte: tuple[str, ...]
    multi_byte: tuple[str, ...]
    alphabets: tuple[_Alphabet, ...]


def _expand(letters: str) -> frozenset[str]:
    """Letters of an alphabet; "Ạ-ỹ" stands for the whole range."""
    out: set[str] = set()
    letters = unicodedata.normalize("NFC", letters)
    for m in re.finditer(r"(.)-(.)|(.)", letters):
        if m.group(1):
            out.update(chr(c).lower() for c in range(ord(m.group(1)), ord(m.group(2)) + 1))
        else:
            out.add(m.group(3))
    return frozenset(out)


@functools.cache
def _config() -> _Config:
    with ENCODINGS_FILE.open(encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)
    alphabets = tuple(
        _Alphabet(
            name,
            _expand(spec.get("letters", "")),
            tuple(spec.get("scripts", ())),
            tuple(spec.get("languages", ())),
        )
        for name, spec in raw["alphabets"].items()
    )
    return _Config(tuple(raw["single_byte"]), tuple(raw["multi_byte"]), alphabets)


def _script(ch: str) -> str:
    try:
        return unicodedata.name(ch).split(" ", 1)[0]
    except ValueError:
        return ""


def decode(data: bytes) -> Decoded:
    """Bytes -> Decoded; raises DecodeError naming the problem when the bytes are not text."""
    if not data.strip():
        raise DecodeError("empty file")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(enc), enc)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"not valid {enc} despite its byte-order mark: {exc}") from exc
    if b"\x00" in data[:4096]:
        raise DecodeError("binary file (NUL bytes), not text")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    damaged = _damaged_utf8(data)
    if damaged is not None:
        return damaged
    sample = _sample(data)
    found = _legacy(sample, _language_hint(data))
    if found is None or _looks_binary(found.text):
        raise DecodeError("undecodable: not UTF-8 and no known encoding fits")
    return found if sample is data else _whole(data, found.encoding)


def _sample(data: bytes, budget: int = GUESS_BYTES) -> bytes:
    """The lines of `data` that hold bytes above 0x7F, up to `budget` bytes (data if small).

    A line longer than what is left is cut after a byte below 0x80: in every code page read
    here such a byte ends a character (an ASCII one, or the second byte of a double one).
    """
    if len(data) <= budget:
        return data
    parts: list[bytes] = []
    size = 0
    for line in data.split(b"\n"):
        if size >= budget:
            break
        if len(line) == len(line.translate(None, _HIGH)):
            continue  # ASCII only: says nothing about the code page
        if size + len(line) > budget:
            line = line[: _cut(line, budget - size)]
        if line:
            parts.append(line)
            size += len(line) + 1
    return b"\n".join(parts) if parts else data[: _cut(data, budget) or budget]


def _cut(line: bytes, limit: int) -> int:
    """Where to cut `line` at or before `limit` without splitting a character (0: nowhere near)."""
    for i in range(limit - 1, max(limit - 4096, 0) - 1, -1):
        if line[i] < 0x80:
            return i + 1
    return 0


def _whole(data: bytes, encoding: str) -> Decoded:
    """All of `data` in the encoding its sample chose (a byte it does not define is replaced)."""
    try:
        return Decoded(unicodedata.normalize("NFC", data.decode(encoding)), encoding)
    except UnicodeDecodeError:
        text = data.decode(encoding, errors="replace")
        return Decoded(unicodedata.normalize("NFC", text), encoding, text.count("\ufffd"))


def _damaged_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few bad bytes: the text with U+FFFD in their place, or None.

    Legacy pages almost never form valid UTF-8 sequences by chance, so when most bytes above
    0x7F do, the file is UTF-8 and the rest is damage.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    high = len(data) - len(data.translate(None, _HIGH))
    valid = high - bad
    if valid <= 0 or valid < UTF8_VALID_SHARE * high:
        return None
    return Decoded(text, "utf-8", replaced=bad)


def _language_hint(data: bytes) -> str:
    """The front matter's `language:` (ASCII in every encoding we read), or ""."""
    if not data.startswith(b"---"):
        return ""
    m = _LANG_HINT.search(data[:2000])
    return m.group(1).decode("ascii").lower() if m else ""


def _legacy(data: bytes, hint: str) -> Decoded | None:
    """The code page that reads `data` best: script from the detector, page from the letters."""
    cfg = _config()
    hinted = [a for a in cfg.alphabets if hint in a.languages]
    alphabets = hinted or list(cfg.alphabets)
    guess = None
    if hinted:
        family = hinted[0].scripts[0] if hinted[0].scripts else "LATIN"
    elif _isolated_high_bytes(data):
        family = "LATIN"  # accents between ASCII letters, not the byte runs of CJK or Cyrillic
    else:
        guess = _detector_guess(data, cfg)
        family = _family(guess.text) if guess else ""
    if guess is not None and family not in ("LATIN", "CYRILLIC", "GREEK", "ARABIC", "HEBREW"):
        return guess  # East Asian and other scripts: the detector's coherence models decide
    best: tuple[float, int, str, str] | None = None
    for rank, enc in enumerate(cfg.single_byte):
        text = _strict(data, enc)
        if text is None or (family and _family(text) != family):
            continue
        fit = _fit(text, alphabets)
        if best is None or (fit, -rank) > (best[0], best[1]):
            best = (fit, -rank, enc, text)
    if best is None:
        return guess
    return Decoded(best[3], best[2])


def _isolated_high_bytes(data: bytes) -> bool:
    """Whether most bytes above 0x7F stand alone between ASCII bytes."""
    high = isolated = 0
    for i, b in enumerate(data):
        if b > 0x7F:
            high += 1
            prev = data[i - 1] if i else 0
            nxt = data[i + 1] if i + 1 < len(data) else 0
            isolated += prev <= 0x7F and nxt <= 0x7F
    return high > 0 and isolated / high > 0.5


def _detector_guess(data: bytes, cfg: _Config) -> Decoded | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=[*cfg.single_byte, *cfg.multi_byte]).best()
    if best is None:
        return None
    return Decoded(unicodedata.normalize("NFC", str(best)), best.encoding)


def _family(text: str) -> str:
    """The script most non-ASCII letters of `text` are written in."""
    counts: dict[str, int] = {}
    # Distinct letters first: the script of each is looked up once, not once per occurrence.
    for c, n in Counter(c for c in text if ord(c) > 0x7F and c.isalpha()).items():
        s = _script(c)
        counts[s] = counts.get(s, 0) + n
    return max(counts, key=counts.__getitem__) if counts else "LATIN"


def _strict(data: bytes, encoding: str) -> str | None:
    """The text in `encoding`, or None when a byte is undefined or a control character."""
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    if any(unicodedata.category(c) == "Cc" and c not in "\n\r\t\f" for c in text):
        return None
    return unicodedata.normalize("NFC", text)


def _fit(text: str, alphabets: list[_Alphabet]) -> float:
    """How plausible a decoding is: 1.0 when its non-ASCII letters are one alphabet's, in case."""
    letters, misfits = [], 0
    for token in text.split():
        core = token.strip(_EDGE_PUNCT)
        for c in core:
            if ord(c) <= 0x7F:
                continue
            if c.isalpha() or unicodedata.category(c) == "Mn":
                letters.append(c)
            elif unicodedata.category(c)[0] in "SN" and not c.isdecimal():
                misfits += 1  # a symbol where a letter should be ("o³nierzy", "³ód")
    if not letters and not misfits:
        return 1.0
    distinct = Counter(letters)
    best = max(sum(n for c, n in distinct.items() if a.has(c)) for a in alphabets) if letters else 0
    return best / (len(letters) + misfits) * (0.5 + 0.5 * _case_fit(text))


# Punctuation that may open or close a word without being part of it.
_EDGE_PUNCT = "\"'“”‘’«»„‚()[]{}.,;:!?¡¿…-–—"


def _case_fit(text: str) -> float:
    """Share of word-internal cased letters in lower case (KOI8 read as cp1251 inverts case)."""
    lower = upper = 0
    for word in re.findall(r"\w{3,}", text):
        for c in word[1:]:
            if c.islower():
                lower += 1
            elif c.isupper():
                upper += 1
    return lower / (lower + upper) if lower + upper else 1.0


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    bad = sum(
        1 for c in sample if unicodedata.category(c) in ("Cc", "Co", "Cn") and c not in "\n\r\t\f"
    )
    return bad > max(8, len(sample) // 50)
