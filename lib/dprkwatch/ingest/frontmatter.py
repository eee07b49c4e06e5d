"""Front matter: YAML between `---` lines at the top of a document, checked field by field.

A field with a bad value (a date that does not exist or lies outside 1900–2100, a list where
text is wanted, a language the suite has no pack for) is dropped with a warning naming the
field and the value; the document and its other fields are kept. YAML dates stay strings while
the block is read, so one impossible date (`2024-02-30`) cannot fail the whole block.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

FIELDS = ("title", "url", "outlet", "published", "language")
EARLIEST, LATEST = dt.date(1900, 1, 1), dt.date(2100, 12, 31)
# Longer than this, a `published` value is not a date (and dateparser is not asked).
DATE_CHARS = 80
# An extra field is kept when it is a value or a short flat list of values.
EXTRA_ITEMS = 100
_BLOCK = re.compile(r"---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|$)", re.DOTALL)
_CODE = re.compile(r"^([a-z]{2,3})(?:[-_][a-z0-9]{2,8})*$")


# libyaml's parser when PyYAML was built with it: the pure-Python one took a tenth of the CPU of
# a store update on real-size articles. The constructor stays the safe one either way.
try:
    from yaml import CSafeLoader as _SafeBase
except ImportError:  # PyYAML built without libyaml
    from yaml import SafeLoader as _SafeBase  # type: ignore[assignment]


class _Loader(_SafeBase):
    """SafeLoader that leaves dates as text (they are checked field by field here)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_constructor(
    "tag:yaml.org,2002:timestamp",
    lambda loader, node: loader.construct_scalar(node),  # type: ignore[arg-type]  # a scalar tag
)


@dataclass
class FrontMatter:
    """The checked fields, the other keys, the text after the block, and what was dropped."""

    fields: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    body: str = ""
    warnings: list[str] = field(default_factory=list)


def read_front_matter(text: str, languages: frozenset[str] | None = None) -> FrontMatter:
    """Split `text` into checked front matter and body (never raises for a bad block).

    languages: the codes a `language` field may take (default: those with a language pack).
    """
    m = _BLOCK.match(text) if text.startswith("---") else None
    if not m:
        return FrontMatter(body=text)
    out = FrontMatter(body=text[m.end() :])
    try:
        meta = yaml.load(m.group(1), Loader=_Loader)  # a SafeLoader: no code from data
    except Exception as exc:  # YAMLError, or RecursionError on absurd nesting
        out.warnings.append(f"front matter is not valid YAML ({exc.__class__.__name__}); ignored")
        return out
    if meta is None:
        return out
    if not isinstance(meta, dict):
        out.warnings.append(f"front matter is {_shape(meta)}, not a mapping of fields; ignored")
        return out
    check_fields(meta, out, "front matter", languages)
    return out


def check_fields(
    meta: dict, out: FrontMatter, label: str, languages: frozenset[str] | None = None
) -> None:
    """Check each field of `meta` into `out` (fields kept, the rest warned about as `label`)."""
    for key, value in meta.items():
        _take(out, str(key), value, label, languages)


def _take(
    out: FrontMatter, key: str, value: Any, label: str, languages: frozenset[str] | None
) -> None:
    name = key.strip().lower()
    check = _CHECKS.get(name)
    if check is None:
        if _plain(value):
            out.extra[key] = value
        else:
            out.warnings.append(f"{label} field {key!r}: {_shape(value)}: dropped")
        return
    try:
        value, problem = check(value, languages)
    except Exception as exc:  # a checker never takes the document down with it
        value, problem = None, f"{_shape(value)} could not be read ({exc.__class__.__name__})"
    if problem:
        out.warnings.append(f"{label} field {name!r}: {problem}")
    elif value not in (None, ""):
        out.fields[name] = value


def _text(value: Any, _languages: frozenset[str] | None = None) -> tuple[str | None, str]:
    if value is None or isinstance(value, bool):
        return None, "" if value is None else f"{_shape(value)} where text is wanted: dropped"
    if isinstance(value, (str, int, float)):
        return " ".join(str(value).split()), ""
    return None, f"{_shape(value)} where text is wanted: dropped"


def _published(value: Any, _languages: frozenset[str] | None = None) -> tuple[Any, str]:
    if value is None or value == "":
        return None, ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        day: dt.date | None = value
    elif isinstance(value, (str, int)) and not isinstance(value, bool):
        day = parse_date(str(value))
        if day is None:
            return None, f"{_shape(value)} is not a date: dropped"
    else:
        return None, f"{_shape(value)} where a date is wanted: dropped"
    if day is None or not EARLIEST <= day <= LATEST:
        return None, f"{_shape(value)} is outside {EARLIEST.year}–{LATEST.year}: dropped"
    return day, ""


def parse_date(text: str) -> dt.date | None:
    """A calendar date from ISO text or words in any language ("17 de junho de 2025"), or None."""
    text = text.strip()
    if not text or len(text) > DATE_CHARS:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text[:10]):
        return None  # ISO form, impossible day (2024-02-30): no guessing
    # dateparser ships its language data (installed with trafilatura): offline.
    import dateparser

    try:
        parsed = dateparser.parse(
            text, settings={"PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": False}
        )
    except (ValueError, OverflowError):
        return None
    return parsed.date() if parsed else None


def _language(value: Any, languages: frozenset[str] | None) -> tuple[str | None, str]:
    if not isinstance(value, str):
        return None, f"{_shape(value)} where one language code is wanted: dropped, detected instead"
    m = _CODE.match(value.strip().lower())
    if not m:
        return None, f"{_shape(value)} is not a language code like 'en': dropped, detected instead"
    code = m.group(1)
    if languages is None:
        from dprkwatch.ingest.detect import available_languages

        languages = available_languages()
    if code not in languages:
        packs = ", ".join(sorted(languages))
        return (
            None,
            f"no language pack for {_shape(value)} (packs: {packs}): dropped, detected instead",
        )
    return code, ""


_CHECKS: dict[str, Callable[[Any, frozenset[str] | None], tuple[Any, str]]] = {
    "title": _text,
    "url": _text,
    "outlet": _text,
    "published": _published,
    "language": _language,
}


def _plain(value: Any) -> bool:
    """A value, or a short flat list of values (kept as document metadata)."""
    scalar = (str, int, float, bool, type(None))
    if isinstance(value, scalar):
        return True
    return (
        isinstance(value, list)
        and len(value) <= EXTRA_ITEMS
        and all(isinstance(v, scalar) for v in value)
    )


def _shape(value: Any) -> str:
    """A short description of a value for a warning (never walks a nested structure)."""
    if isinstance(value, dict):
        return f"a mapping of {len(value)} keys"
    if isinstance(value, (list, tuple, set)):
        return f"a list of {len(value)} items"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
