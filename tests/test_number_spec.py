"""The figure reader against a peer's number spec (Microsoft Recognizers-Text's NumberModel).

The spec is read from a fetched copy of the peer's repository ($DPRKWATCH_RECOGNIZERS_SPEC,
default ../.mirror/microsoft+Recognizers-Text/repo), never from this project: the test skips
when the copy is absent (CI has none; tests/data/lang/*.yaml holds this project's own rows for
the same grammar). Which cases are in scope is dprkwatch.numbers.peer_spec.out_of_scope. Every
language with both a pack and a spec must read >= 90 % of its in-scope cases exactly and never
read a number the spec does not have.
"""

from __future__ import annotations

import pytest

from dprkwatch.lang.packs import available_languages
from dprkwatch.numbers.peer_spec import SPEC_LANGUAGES, score_language, spec_available, spec_dir

TARGET = 0.90
pytestmark = pytest.mark.skipif(
    not spec_available(), reason=f"no fetched copy of the peer spec at {spec_dir()}"
)


@pytest.mark.parametrize("code", sorted(SPEC_LANGUAGES))
def test_reader_meets_the_peer_spec(code: str) -> None:
    if code not in available_languages():
        pytest.skip(f"no dprkwatch pack for {code!r} yet")
    tally = score_language(code)
    if tally is None:
        pytest.skip(f"the fetched copy has no number spec for {SPEC_LANGUAGES[code]}")
    assert tally.in_scope > 0
    wrong = "\n".join(f"{t!r}: spec {want}, read {got}" for t, want, got in tally.wrong_cases)
    assert tally.wrong == 0, f"{code}: numbers read that the spec does not have:\n{wrong}"
    missed = "\n".join(f"{t!r}: spec {want}, read {got}" for t, want, got in tally.missed_cases)
    assert tally.rate >= TARGET, (
        f"{code}: {tally.exact}/{tally.in_scope} exact ({tally.rate:.0%} < {TARGET:.0%}); "
        f"missed:\n{missed}"
    )
