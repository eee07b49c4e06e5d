"""Compiled pack patterns kept on disk (lang.programs): the same patterns, from any file."""

import marshal
import re

import pytest

from dprkwatch.lang import programs
from dprkwatch.lang.packs import alternation

# A pattern of the kind the packs compile: word-boundary classes, groups, IGNORECASE.
PATTERN = rf"(?P<c>{alternation(['North Korea', 'KCNA', '*군은'])})\s+(said|says)"
TEXT = "Earlier, North Korea said 500; 북한군은 said so"


@pytest.fixture(autouse=True)
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(programs, "CACHE_DIR", tmp_path)
    if not programs._check():
        pytest.skip("this interpreter's sre builds patterns differently: nothing is stored")
    return tmp_path


def _compiled(pattern: str, name: str = "xx-test") -> re.Pattern:
    re.purge()  # as in a new process: re's own cache holds nothing
    with programs.stored_programs(name):
        return re.compile(pattern, re.IGNORECASE)


def _store() -> dict:
    (path,) = programs._folder().glob("xx-test.marshal")
    return marshal.loads(path.read_bytes())


def test_a_stored_program_makes_the_same_pattern():
    fresh = re.compile(PATTERN, re.IGNORECASE)
    first = _compiled(PATTERN)
    assert (PATTERN, int(re.IGNORECASE)) in _store()
    again = _compiled(PATTERN)  # from the file now
    assert first == fresh and again == fresh  # equality compares sre's programs
    assert [m.groupdict() for m in again.finditer(TEXT)] == [
        m.groupdict() for m in fresh.finditer(TEXT)
    ]


def test_the_store_holds_what_the_build_used():
    _compiled(PATTERN)
    _compiled(PATTERN + "x")  # the pack changed: its old pattern is gone from the store
    assert list(_store()) == [(PATTERN + "x", int(re.IGNORECASE))]


@pytest.mark.parametrize("damage", [b"not marshal", marshal.dumps([1, 2]), None])
def test_a_damaged_store_is_compiled_again(damage):
    _compiled(PATTERN)
    (path,) = programs._folder().glob("xx-test.marshal")
    if damage is None:  # a valid file whose program sre refuses
        key = (PATTERN, int(re.IGNORECASE))
        flags, _, groups, index, names = _store()[key]
        damage = marshal.dumps({key: (flags, b"\xff" * 8, groups, index, names)})
    path.write_bytes(damage)
    assert _compiled(PATTERN) == re.compile(PATTERN, re.IGNORECASE)
    assert (PATTERN, int(re.IGNORECASE)) in _store()  # rewritten


def test_a_build_inside_another_has_its_own_store():
    re.purge()
    with programs.stored_programs("xx-outer"):
        re.compile("outer+", re.IGNORECASE)
        with programs.stored_programs("xx-test"):
            re.compile("inner+")
    assert list(_store()) == [("inner+", 0)]
    assert re.compile("plain+").match("plainnn")  # outside every block sre compiles as before


def test_an_unwritable_cache_compiles_all_the_same(monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setattr(programs, "CACHE_DIR", blocker / "sub")  # a folder under a file
    assert _compiled(PATTERN) == re.compile(PATTERN, re.IGNORECASE)
