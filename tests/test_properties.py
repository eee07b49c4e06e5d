"""Property tests: the parser never crashes, and what a language writes it reads back."""

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dprkwatch import Document, claims_from_document
from dprkwatch.lang.packs import available_languages, get_lang
from dprkwatch.numbers import QUALIFIERS, find_quantities, format_number, parse_digits

LANGS = available_languages()
# Text mixing every script the suite meets, digits of several scripts, separators and cue words.
ALPHABET = st.sampled_from(
    list("0123456789,.-–~ '’\u00a0\u202f\n%$")
    + list("১২৩৪৫৬৭৮৯০।")
    + list("абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ")
    + list("가나다라마바사아자차카타파하만천억명개발여약")
    + list("abcdefghijklmnopqrstuvwxyzãçéíóúüßàè")
    + [
        "troops ",
        "soldados ",
        "সৈন্য ",
        "থেকে ",
        "million ",
        "mil ",
        "about ",
        "cerca de ",
        "NIS ",
        "killed ",
        "between ",
        " and ",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.lists(ALPHABET, max_size=120).map("".join), lang=st.sampled_from([*LANGS, "xx"]))
def test_extractor_never_raises(text, lang):
    rows = claims_from_document(Document(doc_id="p", path="", text=text, language=lang))
    for r in rows:
        assert text[r["char_start"] : r["char_end"]] == r["quote"]
        assert r["value_low"] <= r["value_high"]


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=200), lang=st.sampled_from(LANGS))
def test_number_finder_never_raises_on_any_unicode(text, lang):
    for q in find_quantities(text, lang):
        assert 0 <= q.start <= q.end <= len(text)
        assert q.low <= q.high


@settings(max_examples=400, deadline=None)
@given(
    value=st.one_of(
        st.integers(min_value=0, max_value=10**12),
        st.decimals(min_value=0, max_value=10**6, places=2).map(float),
    ),
    lang=st.sampled_from(LANGS),
)
def test_format_then_parse_round_trips(value, lang):
    text = format_number(value, lang)
    parsed, flags, alt = parse_digits(text, lang)
    # An ambiguous token ("1,500" in a comma-decimal language) is flagged; its other reading is the number.
    got = alt if "ambiguous_separator" in flags and not math.isclose(parsed, value) else parsed
    assert math.isclose(got, value, rel_tol=1e-9, abs_tol=1e-9), (text, parsed, flags, alt)


# What breaks number readers: separators of every script, signs of powers, invisible
# characters, full-width and Arabic signs, CJK and hangul numerals, hedges and range words.
HOSTILE = st.sampled_from(
    list("0123456789١٢٣٠٤٠١٢３.,'’٬٫，．、 \u00a0\u202f\u2009\u200b\u200d\ufeff\u00ad^eE+-–~")
    + list("⁰¹²³xX%$万萬千百十億亿兆一二三零两이백천만억조십")
    + [
        "million ",
        "mil ",
        "dozen ",
        "half a ",
        "between ",
        " and ",
        "about ",
        "more than ",
        "점 ",
        " point ",
        "quatre-vingt",
        "eintausend",
        "und",
        "e meio",
        "1e308",
        "12⁰⁰⁰",
    ]
)


def _sound(q, text: str) -> None:
    assert 0 <= q.start <= q.core_start <= q.core_end <= len(text), q
    assert q.start <= q.end <= len(text), q
    assert q.qualifier in QUALIFIERS, q
    assert math.isfinite(q.low) and math.isfinite(q.high) and q.low <= q.high, q
    if q.value is not None:
        assert q.low <= q.value <= q.high, q


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.lists(HOSTILE, max_size=80).map("".join), lang=st.sampled_from([*LANGS, "xx"]))
def test_number_finder_never_raises_on_hostile_figures(text, lang):
    for q in find_quantities(text, lang):
        _sound(q, text)


def _vocabulary(lang: str) -> list[str]:
    numbers = get_lang(lang).option("numbers")
    words = [*numbers["words"], *numbers["scales"], *numbers["scale_abbreviations"]]
    words += [t for terms in numbers["hedges"].values() for t in terms]
    words += [*numbers["vague"], *numbers["range_prefixes"], *numbers["range_infix"]]
    words += [*numbers["connectors"], *numbers["point_words"], *numbers["infix_hedges"]]
    return [*sorted({w.strip("*") for w in words if w.strip("*")}), "3", "12,000", "1.5", "40"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), lang=st.sampled_from(LANGS))
def test_every_pack_composes_its_own_words_soundly(data, lang):
    """Any sequence of a pack's own number words, scales and hedges reads without raising,
    and every value lies in its range."""
    parts = data.draw(st.lists(st.sampled_from(_vocabulary(lang)), max_size=12))
    glue = data.draw(st.sampled_from([" ", "", "-"]))
    text = glue.join(parts)
    for q in find_quantities(text, lang):
        _sound(q, text)


@settings(max_examples=400, deadline=None)
@given(
    value=st.one_of(
        st.integers(min_value=0, max_value=10**12),
        st.decimals(min_value=0, max_value=10**6, places=2).map(float),
    ),
    lang=st.sampled_from(LANGS),
)
def test_a_written_number_is_read_back_from_a_sentence(value, lang):
    """format_number's output, in a sentence, is one figure with that value (or, flagged
    ambiguous, that value as its other reading)."""
    text = f"{format_number(value, lang)} ."
    found = find_quantities(text, lang)
    assert len(found) == 1, (text, found)
    q = found[0]
    got = q.alt_value if "ambiguous_separator" in q.flags and q.value != value else q.value
    assert math.isclose(got, value, rel_tol=1e-9, abs_tol=1e-9), (text, q)
