"""People who speak for institutions (lang/people.yaml): their names in every script and roles.

"Sergei Shoigu said" is a claim of the institution he spoke for on that day: the Russian Defence
Ministry until May 2024, the Security Council after. The file is validated on load: an unknown
key, an institution base.yaml does not define or a date that is not one is an error naming the
person and the key.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

import yaml

from dprkwatch.core.errors import LanguagePackError
from dprkwatch.core.paths import LANGDATA_DIR

PEOPLE_FILE = LANGDATA_DIR.parent / "people.yaml"
_PERSON_KEYS = {"names", "roles"}
_ROLE_KEYS = {"institution", "from", "until", "note", "undated"}


@dataclass(frozen=True)
class Role:
    institution: str
    start: dt.date | None
    end: dt.date | None
    note: str
    undated: bool = False  # the office taken where nothing dates the claim

    def holds(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Person:
    name: str
    names: tuple[str, ...]
    roles: tuple[Role, ...]

    def institution(self, day: dt.date | None) -> str:
        """The institution the person spoke for on `day`; undated: the role marked `undated`
        (the office the press quotes them in most), else the latest."""
        if day is not None:
            for role in self.roles:
                if role.holds(day):
                    return role.institution
        marked = [r for r in self.roles if r.undated]
        latest = max(self.roles, key=lambda r: r.start or dt.date.min)
        return (marked[0] if marked else latest).institution


@functools.cache
def people() -> dict[str, Person]:
    """Every person of people.yaml, validated against base.yaml's canonical sources."""
    from dprkwatch.lang.packs import base_data  # the base data lives with the packs

    with PEOPLE_FILE.open(encoding="utf-8") as fh:
        # libyaml's parser when present: the same data, several times faster.
        raw = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    known = set(base_data()["sources"])
    return {name: _person(name, spec, known) for name, spec in raw.items()}


def _person(name: str, spec: Any, known: set[str]) -> Person:
    if not isinstance(spec, dict) or set(spec) - _PERSON_KEYS or not spec.get("roles"):
        raise LanguagePackError("people.yaml", "needs names and roles, nothing else", name)
    names = spec.get("names") or []
    if not all(isinstance(n, str) and n.strip("* ") for n in names):
        raise LanguagePackError("people.yaml", "names must be non-empty strings", f"{name}.names")
    roles = tuple(_role(name, r, known) for r in spec["roles"])
    if sum(r.undated for r in roles) > 1:
        raise LanguagePackError(
            "people.yaml", "at most one role is marked undated", f"{name}.roles"
        )
    return Person(name, tuple(names), roles)


def _role(name: str, spec: Any, known: set[str]) -> Role:
    where = f"{name}.roles"
    if not isinstance(spec, dict) or set(spec) - _ROLE_KEYS:
        raise LanguagePackError("people.yaml", f"a role has only {sorted(_ROLE_KEYS)}", where)
    if spec.get("institution") not in known:
        raise LanguagePackError(
            "people.yaml", f"{spec.get('institution')!r} is not a source in base.yaml", where
        )
    return Role(
        spec["institution"],
        _day(spec.get("from"), where),
        _day(spec.get("until"), where),
        str(spec.get("note", "")),
        _flag(spec.get("undated", False), where),
    )


def _flag(value: Any, where: str) -> bool:
    if isinstance(value, bool):
        return value
    raise LanguagePackError("people.yaml", f"undated: {value!r} is not true or false", where)


def _day(value: Any, where: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    raise LanguagePackError("people.yaml", f"{value!r} is not a date (YYYY-MM-DD)", where)
