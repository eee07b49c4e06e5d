"""Per-language data: one human-edited YAML file per language plus a shared base, loaded lazily.

Adding a language means adding `langdata/xx.yaml` (copy en.yaml) and test rows; no code changes.
Terms are case-insensitive. A trailing `*` matches any word ending, a leading `*` any word
beginning; `match_prefix: true` in a file makes every term match as a word beginning
(for languages whose endings attach to the noun).
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from dprkwatch.core.errors import LanguagePackError
from dprkwatch.core.paths import LANGDATA_DIR
from dprkwatch.lang.charsets import reused_charsets
from dprkwatch.lang.programs import stored_programs
from dprkwatch.lang.schema import validate_pack

# Characters that continue a word. Python's \w misses the combining vowel signs of Indic
# scripts, so they are added explicitly; otherwise "সৈন্যকে" would end after "স". Not the
# danda and double danda (U+0964-0965) of those blocks: Hindi's and Bengali's full stops end a
# word ("800 डॉलर।").
WORD_CHARS = (
    r"\w\u0300-\u036f\u0900-\u0963\u0966-\u0dff\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"
    r"\u200c\u200d"
)
# Han characters and kana are written without spaces between words: next to them every position
# is a word boundary ("北朝鮮兵士が" holds the term "兵士"), whatever the language, and after them
# too ("國情院4日表示": a term ending in a Han character may touch the digits after it). Digits
# before a Han character are not cut from it: they are its number ("8月", "19日", "100人").
UNSPACED = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"


def _extra_word_ranges(bridge: int = 256) -> str:
    """Class ranges covering the characters of WORD_CHARS that \\w misses.

    A range may also cover characters \\w matches (which leaves the set unchanged): gaps of
    up to `bridge` of them are bridged, since parsing one more range costs more than sre's
    loop over a few hundred characters.
    """
    word, extra = re.compile(r"\w"), re.compile(f"[{WORD_CHARS}]")
    runs: list[list[int]] = []
    for c in range(0x10000):  # WORD_CHARS lists BMP characters only
        if not extra.match(chr(c)) or word.match(chr(c)):
            continue
        gap = range(runs[-1][1] + 1, c) if runs else range(0)
        if runs and len(gap) <= bridge and all(word.match(chr(g)) for g in gap):
            runs[-1][1] = c
        else:
            runs.append([c, c])
    return "".join(chr(a) + (f"-{chr(b)}" if b > a else "") for a, b in runs)


# The same sets as [WORD_CHARS] and [UNSPACED], cheaper to compile. sre builds a class's
# bitmap one character at a time, lowercasing each under IGNORECASE: the 40,000 characters of
# the two classes cost 4-7 ms per term pattern, 25 CPU-seconds to load 18 packs. Written as
# \w plus the few characters \w misses, outside IGNORECASE (no character of them has another
# case, so the sets do not change), they cost a third of that.
# Their ranges hold the characters themselves, not \uXXXX escapes (UNSPACED is no raw string):
# sre's parser reads an escape in Python a hex digit at a time, in each of the ~4,500 patterns
# compiled per process; plain characters parse about 25 % faster into the same program.
WORD_CLASS = rf"(?-i:[\w{_extra_word_ranges()}])"
UNSPACED_CLASS = rf"(?-i:[{UNSPACED}])"
NOT_BEFORE = rf"(?:(?<!{WORD_CLASS})|(?<={UNSPACED_CLASS}))"
NOT_AFTER = rf"(?:(?!{WORD_CLASS})|(?={UNSPACED_CLASS})|(?<={UNSPACED_CLASS}))"


LanguageDataError = LanguagePackError  # the name earlier versions raised


def _nfc(obj: Any) -> Any:
    if isinstance(obj, str):
        return unicodedata.normalize("NFC", obj)
    if isinstance(obj, list):
        return [_nfc(x) for x in obj]
    if isinstance(obj, dict):
        return {_nfc(k): _nfc(v) for k, v in obj.items()}
    return obj


# libyaml's parser reads a pack about 8x faster than pure Python (same data: the resolvers and
# constructors are the same Python classes).
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _PackLoader(_SafeLoader):  # type: ignore[valid-type,misc]
    """YAML 1.2 booleans only: in a lexicon "no", "on" and "off" are words, not booleans. A key
    given twice in one mapping is an error: YAML keeps the last, and the first's terms vanish."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: set = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, str) and key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"key {key!r} given twice", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


_PackLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:bool"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_PackLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _read_yaml(path: Path) -> dict:
    try:
        with path.open(encoding="utf-8") as fh:
            data = yaml.load(fh, Loader=_PackLoader) or {}
    except yaml.YAMLError as exc:
        raise LanguagePackError(path.name, f"invalid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise LanguagePackError(path.name, "the top level must be a mapping")
    return _nfc(data)


def term_pattern(term: str, prefix: bool = False) -> str:
    """Regex for one lexicon term: spaces match any whitespace, `*` any word ending."""
    term = term.strip()
    lead = term.startswith("*")
    trail = term.endswith("*") or prefix
    core = term.strip("*")
    body = r"\s+".join(re.escape(part) for part in core.split())
    if not body:
        raise LanguagePackError("a language pack", f"empty lexicon term {term!r}")
    start = _WILD if lead else (NOT_BEFORE if core[0].isalnum() else "")
    if trail:
        end = _WILD
    else:
        end = NOT_AFTER if core[-1].isalnum() or unicodedata.category(core[-1])[0] == "M" else ""
    return start + body + end


_WILD = rf"{WORD_CLASS}*"


def _end_of(term: str, prefix: bool) -> str:
    core = term.strip("*")
    if term.endswith("*") or prefix:
        return _WILD
    return NOT_AFTER if core[-1].isalnum() or unicodedata.category(core[-1])[0] == "M" else ""


# re.escape of one character, looked up: the packs' 60,000 terms have 600,000 characters.
_ESCAPED = {c: re.escape(c) for c in map(chr, range(128)) if re.escape(c) != c}
_SPACES = re.compile(r"\s+")


# Arabic vowel marks and shadda (tanwin to sukun, the dagger alif), which copy writes where it
# likes ("المشرّع", "قُتلوا") while packs write words bare: in an alternation built with marks=True
# every Arabic letter may carry them and a mark a term writes is dropped, so either spelling
# matches; a surface so matched drops them to find its key (extract.text.norm).
AR_MARKS = dict.fromkeys([*range(0x064B, 0x0653), 0x0670])  # str.translate table: drops them
_AR_MARKS = "[" + "".join(map(chr, AR_MARKS)) + "]*"


def _atoms(core: str, marks: bool = False) -> list[str]:
    """The trie atoms of a term: its characters escaped, a run of spaces one atom."""
    atoms: list[str] = []
    for i, word in enumerate(_SPACES.split(core.lower())):
        if i:
            atoms.append(r"\s+")
        if marks:
            atoms += [
                ch + _AR_MARKS if "\u0621" <= ch <= "\u064a" else _ESCAPED.get(ch, ch)
                for ch in word.translate(AR_MARKS)
            ]
        else:
            atoms += [_ESCAPED.get(ch, ch) for ch in word]
    return atoms


# A trie of terms is kept as their atom sequences, sorted and unique: the terms below a node are
# a run of the list, its children the runs that share their next atom, and a run's common prefix
# is that of its first and last sequence. Built so, with no dict per character, the packs'
# alternations cost 2.3x less (the same strings): they were most of loading stored programs.
Trie = list[tuple[str, ...]]


def _trie(cores: Iterable[str], marks: bool = False) -> Trie:
    """The trie of the terms `cores` (no `*`)."""
    return sorted({tuple(_atoms(core, marks)) for core in cores})


def _emit(trie: Trie, lo: int, hi: int, depth: int) -> str:
    """The regex of the terms trie[lo:hi] past the `depth` atoms they share."""
    first, last = trie[lo], trie[hi - 1]
    k = depth
    while k < len(first) and k < len(last) and first[k] == last[k]:
        k += 1  # a run with no branch: one chain of atoms
    chain = "".join(first[depth:k])
    ends = len(first) == k  # a term ending here sorts first in its run
    alts = []
    i = lo + 1 if ends else lo
    while i < hi:
        j = i + 1
        while j < hi and trie[j][k] == trie[i][k]:
            j += 1
        alts.append(trie[i][k] + _emit(trie, i, j, k + 1))
        i = j
    # Longer continuations first, stopping here last: the longest term wins.
    if ends:
        alts.append("")
    if len(alts) == 1:
        return chain + alts[0]
    return chain + "(?:" + "|".join(alts) + ")"


# A trie's first branches are tried in runs of this many, each behind a lookahead for its
# first characters.
_ROOT_RUN = 12


def _emit_root(trie: Trie) -> str:
    """_emit for a whole trie: the same branches in the same order (so the same matches), in
    runs of _ROOT_RUN, each behind a lookahead for its first characters.

    Under IGNORECASE sre enters every branch to test its first character; the people of all
    scripts in one pattern have some 60 first letters, and a run whose letters cannot start
    here is skipped with one class test: people's pattern searches about 1.3x faster.
    """
    if not trie[0]:  # "*" alone: the empty term, a trie that ends at its root
        return _emit(trie, 0, len(trie), 0)
    branches = [i for i in range(len(trie)) if i == 0 or trie[i][0] != trie[i - 1][0]]
    if len(branches) <= _ROOT_RUN:
        return _emit(trie, 0, len(trie), 0)
    cuts = [*branches[::_ROOT_RUN], len(trie)]
    runs = [trie[a:b] for a, b in itertools.pairwise(cuts)]
    return "(?:" + "|".join(_guard([run]) + _emit(run, 0, len(run), 0) for run in runs) + ")"


def literal_alternation(terms: Iterable[str]) -> str:
    """The terms exactly as written (escaped), longest first so none loses to its own prefix;
    "" for none. For what `alternation`'s word boundaries do not fit: counters and suffixes
    glued to digits, currency signs, stems that run on."""
    return "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))


def alternation(terms, prefix: bool = False, bounded: bool = True, marks: bool = False) -> str:
    """One regex for many terms, built as tries so matching costs one branch per character.

    The longest term wins ('killed or wounded' over 'killed'). Terms starting with a letter or
    digit must start a word; `*` at either end matches any further word characters. Terms are
    grouped by how they end, so each word-boundary test appears once per group (compiling a
    Unicode class per term made the packs slow to load). marks: Arabic letters may carry
    vowel marks (see _AR_MARKS).
    """
    uniq = {t.strip() for t in terms if t and t.strip()}
    if not uniq:
        return "(?!x)x"
    lead = sorted((t for t in uniq if t.startswith("*")), key=lambda t: (-len(t), t))
    groups: dict[tuple[bool, str], list[str]] = {}
    for t in uniq:
        if t.startswith("*"):
            continue
        core = t.strip("*")
        if not core:
            raise LanguagePackError("a language pack", f"empty lexicon term {t!r}")
        groups.setdefault((core[0].isalnum(), _end_of(t, prefix)), []).append(core)
    tries = {key: _trie(cores, marks) for key, cores in groups.items()}
    order = {NOT_AFTER: 0, _WILD: 1, "": 2}
    parts = []
    for (word_start, end), trie in sorted(
        tries.items(), key=lambda kv: (not kv[0][0], order[kv[0][1]])
    ):
        start = NOT_BEFORE if word_start and bounded else ""
        parts.append((_guard([trie]) if lead else "") + start + _emit_root(trie) + end)
    if not lead:
        # One test of the first character for all the groups: most positions fail it at once.
        return "(?:" + _guard(list(tries.values())) + "(?:" + "|".join(parts) + "))"
    parts += _lead_parts(lead, prefix, order, marks)
    return "(?:" + "|".join(parts) + ")"


def _lead_parts(
    lead: list[str], prefix: bool, order: dict[str, int], marks: bool = False
) -> list[str]:
    """Terms after any word start ('*الاستخبارات' for 'والاستخبارات', 'بالاستخبارات'), as tries
    tried only where a word starts.

    One pattern per term made every position of a text run each term's word-character run to the end of
    its word and back (Arabic lists most of its source names so): 0.09 M chars/s. A match
    starting inside a word also starts at that word's start, so testing only word starts finds
    the same matches.
    """
    groups: dict[str, list[str]] = {}
    for t in lead:
        groups.setdefault(_end_of(t, prefix), []).append(t.strip("*"))
    tries = {end: _trie(cores, marks) for end, cores in groups.items()}
    # The word's start is tried first (a lazy run before the term): at a later start a shorter
    # term ending the same way would win ("*تقديرات" inside "التقديرات الاستخباراتية" over
    # "*التقديرات الاستخباراتية"), where the longest term should.
    return [
        NOT_BEFORE + _WILD + "?" + _emit_root(trie) + end
        for end, trie in sorted(tries.items(), key=lambda kv: order[kv[0]])
    ]


def whole_pattern(term: str) -> str:
    """The pattern of `alternation([term])` for `fullmatch` on a surface alone.

    Its word-boundary tests are left out: a fullmatch starts where nothing is before and ends
    where nothing is after, so they always hold there; the pattern matches the same surfaces
    and compiles without their large Unicode classes.
    """
    return alternation([term]).replace(NOT_BEFORE, "").replace(NOT_AFTER, "")


def _guard(tries: list[Trie]) -> str:
    """A lookahead for the first characters the tries can match.

    Without it every position of a text pays the word-start test (two Unicode lookbehinds) and
    then a branch per first letter, which under IGNORECASE sre cannot skip by peeking: the
    search cost grew with the number of terms (all people of every script: 4 M chars/s). The
    class holds each trie's own first atom, so under any flags it admits every position where a
    term can start: the matches are the same.
    """
    firsts = {
        r"\s" if t[0] == r"\s+" else t[0].removesuffix(_AR_MARKS)
        for trie in tries
        for t in trie
        if t
    }
    return "(?=[" + "".join(sorted(firsts)) + "])"


def compile_terms(terms, prefix: bool = False) -> re.Pattern:
    with reused_charsets():
        return re.compile(alternation(terms, prefix), re.IGNORECASE)


@dataclass
class Lang:
    """Everything the parser needs for one language, compiled once."""

    code: str
    name: str
    raw: dict
    base: dict
    prefix: bool = False
    _cache: dict = field(default_factory=dict, repr=False)

    # -- plain accessors -------------------------------------------------------------
    def get(self, *keys, default=None):
        node: Any = self.raw
        for k in keys:
            if not isinstance(node, dict) or k not in node:
                return default
            node = node[k]
        return node

    @property
    def numbers(self) -> dict:
        return self.raw.get("numbers", {})

    def regex(self, name: str, terms, prefix: bool | None = None) -> re.Pattern:
        """A compiled, cached alternation of `terms` under `name`."""
        key = ("re", name)
        if key not in self._cache:
            self._cache[key] = compile_terms(terms or [], self.prefix if prefix is None else prefix)
        return self._cache[key]

    def option(self, path: str) -> Any:
        """A pack value by its schema path ("cues.noun_before_words"); defaults are filled in."""
        node: Any = self.raw
        for key in path.split("."):
            node = node[key]
        return node

    def with_months(self, pattern: str) -> str:
        """``pattern`` with {months} standing for the month names of numbers.months."""
        if "{months}" not in pattern:
            return pattern
        months = self.option("numbers.months")
        return pattern.replace("{months}", alternation(months) if months else "(?!x)x")

    def memo(self, name: str, build):
        if name not in self._cache:
            # What the build compiles shares its large classes, and its programs come from disk.
            with reused_charsets(), stored_programs(f"{self.code}-{name}"):
                self._cache[name] = build()
        return self._cache[name]


def available_languages() -> list[str]:
    """Codes of every language pack shipped in langdata/."""
    return sorted(p.stem for p in LANGDATA_DIR.glob("*.yaml") if p.stem != "base")


@functools.cache
def base_data() -> dict:
    return _read_yaml(LANGDATA_DIR / "base.yaml")


@functools.cache
def get_lang(code: str) -> Lang:
    """Load (once) the pack for `code`, validated; unknown codes get a digits-only fallback pack."""
    path = LANGDATA_DIR / f"{code}.yaml"
    if not path.exists():
        return _make(code, validate_pack(_fallback(code), f"(no pack for {code!r})"))
    raw = validate_pack(_read_yaml(path), path.name)
    if raw["code"] != code:
        raise LanguagePackError(path.name, f"is {raw['code']!r}, expected {code!r}", "code")
    _check_sources(raw, path.name)
    return _make(code, raw)


def _make(code: str, raw: dict) -> Lang:
    return Lang(code=code, name=raw["name"], raw=raw, base=base_data(), prefix=raw["match_prefix"])


def _check_sources(raw: dict, pack: str) -> None:
    """Source names must point at canonical sources and countries that base.yaml defines."""
    base = base_data()
    for key, known in (("names", base["sources"]), ("countries", base["generic_sources"])):
        for canon in raw["sources"][key]:
            if canon not in known:
                raise LanguagePackError(pack, f"{canon!r} is not in base.yaml", f"sources.{key}")


def _fallback(code: str) -> dict:
    """A language with no pack: read digits only, no cue words (so no claims)."""
    return {
        "code": code,
        "name": code,
        "numbers": {"decimal": ".", "group": [",", " ", "\u00a0", "\u202f", "\u2009"]},
        "sentences": {"terminators": ".!?।。！？"},
        "cues": {},
        "sources": {},
    }
