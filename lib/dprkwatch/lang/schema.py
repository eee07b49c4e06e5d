"""Validate a language pack against lang/schema.yaml and fill in the documented defaults.

A pack is data; the schema says which keys exist, their types and their defaults. An unknown or
misspelt key is an error naming the pack and the key, so a typo can never silently turn a rule
off. After validation every key of the schema is present in the pack, with its default where the
pack left it out: code reads `lang.option("cues.noun_before_words")`, never `.get(key, default)`.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Callable
from typing import Any

import yaml

from dprkwatch.core.errors import LanguagePackError
from dprkwatch.core.paths import LANGDATA_DIR

SCHEMA_FILE = LANGDATA_DIR.parent / "schema.yaml"
_NUMBER = (int, float)


@functools.cache
def schema() -> dict[str, Any]:
    """The pack schema (lang/schema.yaml), loaded once."""
    with SCHEMA_FILE.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def validate_pack(raw: dict[str, Any], pack: str) -> dict[str, Any]:
    """The pack with defaults filled in; LanguagePackError naming pack and key when it is wrong."""
    return _section(raw, schema(), pack, "")


def _section(raw: Any, keys: dict[str, Any], pack: str, where: str) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise LanguagePackError(pack, "must be a mapping", where or "(top level)")
    for key in raw:
        if key not in keys:
            known = ", ".join(sorted(keys))
            raise LanguagePackError(pack, f"unknown key (known here: {known})", _join(where, key))
    out: dict[str, Any] = {}
    for key, spec in keys.items():
        path = _join(where, key)
        if key in raw:
            out[key] = _value(raw[key], spec, pack, path)
        elif spec.get("required"):
            raise LanguagePackError(pack, "required key is missing", path)
        elif spec["type"] == "section":
            out[key] = _section({}, spec["keys"], pack, path)
        else:
            out[key] = copy.deepcopy(spec.get("default"))
    return out


def _join(where: str, key: Any) -> str:
    return f"{where}.{key}" if where else str(key)


def _value(value: Any, spec: dict[str, Any], pack: str, path: str) -> Any:
    kind = spec["type"]
    if kind == "section":
        return _section(value if value is not None else {}, spec["keys"], pack, path)
    check = _CHECKS.get(kind)
    if check is None:
        raise LanguagePackError("schema", f"unknown type {kind!r}", path)
    return check(value, spec, pack, path)


def _fail(pack: str, path: str, wanted: str, value: Any) -> LanguagePackError:
    return LanguagePackError(pack, f"must be {wanted}, not {type(value).__name__} {value!r}", path)


def _str(value: Any, spec: dict, pack: str, path: str) -> str:
    if not isinstance(value, str):
        raise _fail(pack, path, "a string", value)
    return value


def _bool(value: Any, spec: dict, pack: str, path: str) -> bool:
    if not isinstance(value, bool):
        raise _fail(pack, path, "true or false", value)
    return value


def _int(value: Any, spec: dict, pack: str, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _fail(pack, path, "a whole number", value)
    return value


def _float(value: Any, spec: dict, pack: str, path: str) -> float:
    if isinstance(value, bool) or not isinstance(value, _NUMBER):
        raise _fail(pack, path, "a number", value)
    return float(value)


def _strings(value: Any, spec: dict, pack: str, path: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(pack, path, "a list of strings", value)
    return value


def _terms(value: Any, spec: dict, pack: str, path: str) -> list[str]:
    terms = _strings(value, spec, pack, path)
    for term in terms:
        if not term.strip("* "):
            raise LanguagePackError(pack, f"empty lexicon term {term!r}", path)
    return terms


def _term_map(value: Any, path: str, pack: str, ok: Callable[[Any], bool], wanted: str) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _fail(pack, path, "a mapping", value)
    for term, v in value.items():
        if not isinstance(term, str) or not ok(v):
            raise LanguagePackError(pack, f"{term!r} must map to {wanted}, not {v!r}", path)
    return value


def _term_values(value: Any, spec: dict, pack: str, path: str) -> dict[str, float]:
    def ok(v: Any) -> bool:
        return isinstance(v, _NUMBER) and not isinstance(v, bool)

    return _term_map(value, path, pack, ok, "a number")


def _term_names(value: Any, spec: dict, pack: str, path: str) -> dict[str, str]:
    return _term_map(value, path, pack, lambda v: isinstance(v, str), "a string")


def _groups(value: Any, spec: dict, pack: str, path: str) -> dict[str, list[str]]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _fail(pack, path, "a mapping of group -> list of terms", value)
    allowed: list[str] = spec.get("groups") or []
    out = {}
    for group, terms in value.items():
        if not spec.get("open") and group not in allowed:
            raise LanguagePackError(
                pack, f"unknown group (known: {', '.join(allowed)})", _join(path, group)
            )
        out[group] = _terms(terms, spec, pack, _join(path, group))
    return out


def _regexes(value: Any, spec: dict, pack: str, path: str) -> list[str]:
    patterns = _strings(value, spec, pack, path)
    for pat in patterns:
        try:
            re.compile(pat.replace("{months}", "x"))
        except re.error as exc:
            raise LanguagePackError(pack, f"bad regular expression {pat!r}: {exc}", path) from exc
    return patterns


_CHECKS: dict[str, Callable[[Any, dict, str, str], Any]] = {
    "str": _str,
    "bool": _bool,
    "int": _int,
    "float": _float,
    "strings": _strings,
    "terms": _terms,
    "term_values": _term_values,
    "term_names": _term_names,
    "groups": _groups,
    "regexes": _regexes,
}


def documented_defaults() -> dict[str, Any]:
    """Every key path of the schema -> its default (for docs and tests)."""
    out: dict[str, Any] = {}

    def walk(keys: dict[str, Any], where: str) -> None:
        for key, spec in keys.items():
            path = _join(where, key)
            if spec["type"] == "section":
                walk(spec["keys"], path)
            elif not spec.get("required"):
                out[path] = spec.get("default")

    walk(schema(), "")
    return out
