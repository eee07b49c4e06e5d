"""Properties: no file's bytes and no front matter raise out of load_corpus or extract_claims.

Hypothesis writes arbitrary bytes (and arbitrary YAML mappings as front matter) as one file
beside a good document; the run never raises, the good document's claims never change, and
the arbitrary file is either read or reported with its path and a stage. HOSTILE_EXAMPLES
sets the examples per property (30 in the suite; 400 each passed on 2026-11-26).
"""

from __future__ import annotations

import functools
import os
import tempfile
from pathlib import Path

import yaml
from hostile_cases import GOOD, claims_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import dprkwatch

SETTINGS = settings(
    max_examples=int(os.environ.get("HOSTILE_EXAMPLES", "30")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
GOOD_NAME, GOOD_TEXT = "good_en.txt", GOOD["good_en.txt"]


@functools.cache
def _good_claims() -> list[tuple]:
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / GOOD_NAME).write_text(GOOD_TEXT, encoding="utf-8")
        return claims_of(dprkwatch.extract_claims(dprkwatch.load_corpus(tmp)))


def _run_beside_good(name: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / GOOD_NAME).write_text(GOOD_TEXT, encoding="utf-8")
        path = folder / name
        path.write_bytes(data)
        corpus = dprkwatch.load_corpus(folder)
        claims = dprkwatch.extract_claims(corpus)
        read = {d.path for d in corpus}
        reported = {e.path: e for e in [*corpus.errors, *corpus.unsupported]}
        assert str(path) in read or str(path) in reported
        assert all(e.stage and e.reason for e in reported.values())
        assert claims_of(claims[claims["doc_id"] == "good_en"]) == _good_claims()


@SETTINGS
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".md", ".html"]))
def test_arbitrary_bytes_never_raise(data: bytes, suffix: str) -> None:
    _run_beside_good("any" + suffix, data)


@SETTINGS
@given(
    text=st.text(max_size=400),
    encoding=st.sampled_from(["utf-8", "utf-16", "cp1252", "cp1251", "shift_jis", "latin-1"]),
)
def test_arbitrary_text_in_any_encoding_never_raises(text: str, encoding: str) -> None:
    _run_beside_good("any.txt", text.encode(encoding, errors="replace"))


_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True)
    | st.text(max_size=30)
    | st.dates().map(str)
    | st.sampled_from(["9999-12-31", "2024-02-30", "3000", "zz", "en", "[en, pt]", "=1+1"])
)
_values = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
_keys = st.sampled_from(["title", "url", "outlet", "published", "language"]) | st.text(max_size=12)


@SETTINGS
@given(meta=st.dictionaries(_keys, _values, max_size=8))
def test_arbitrary_front_matter_never_raises(meta: dict) -> None:
    block = yaml.safe_dump(meta, allow_unicode=True)
    text = f"---\n{block}---\nNorth Korea sent 2,000 troops to Russia, the NIS said.\n"
    _run_beside_good("fm.md", text.encode("utf-8"))


@SETTINGS
@given(block=st.text(max_size=300))
def test_arbitrary_text_as_front_matter_never_raises(block: str) -> None:
    text = f"---\n{block}\n---\nNorth Korea sent 2,000 troops to Russia, the NIS said.\n"
    _run_beside_good("fm.md", text.encode("utf-8", errors="replace"))
