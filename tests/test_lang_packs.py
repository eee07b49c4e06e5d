"""Language packs are data validated against lib/dprkwatch/lang/schema.yaml, strictly."""

from __future__ import annotations

import copy

import pytest
import yaml

from dprkwatch.core.errors import LanguagePackError
from dprkwatch.core.paths import LANGDATA_DIR
from dprkwatch.lang.packs import _read_yaml, available_languages, get_lang
from dprkwatch.lang.schema import documented_defaults, schema, validate_pack


def _raw(code: str) -> dict:
    return _read_yaml(LANGDATA_DIR / f"{code}.yaml")  # YAML 1.2 booleans: "no" is a word


@pytest.mark.parametrize("code", available_languages())
def test_every_pack_loads_strictly(code):
    lang = get_lang(code)
    assert lang.code == code and lang.name
    # every switch is present after loading, with the pack's value or the documented default
    for path, default in documented_defaults().items():
        value = lang.option(path)
        assert value is not None or default is None, path


@pytest.mark.parametrize(
    ("edit", "key"),
    [
        (lambda r: r["cues"].update(noun_before_wrods=2), "cues.noun_before_wrods"),
        (lambda r: r.update(numbrs={}), "numbrs"),
        (lambda r: r["numbers"].update(myriad="yes"), "numbers.myriad"),
        (lambda r: r["cues"].update(event_gap_words=2.5), "cues.event_gap_words"),
        (lambda r: r["cues"]["nouns"].update(tanks=["tanks"]), "cues.nouns.tanks"),
        (lambda r: r["numbers"].update(words={"one": "1"}), "numbers.words"),
        (lambda r: r["numbers"].update(date_patterns=["(unclosed"]), "numbers.date_patterns"),
        (lambda r: r["cues"].update(deploy=["sent", "  "]), "cues.deploy"),
        (lambda r: r.pop("sentences"), "sentences"),
    ],
)
def test_a_wrong_key_is_an_error_naming_pack_and_key(edit, key):
    raw = copy.deepcopy(_raw("en"))
    edit(raw)
    with pytest.raises(LanguagePackError) as info:
        validate_pack(raw, "en.yaml")
    assert info.value.pack == "en.yaml" and info.value.key == key
    assert str(info.value).startswith(f"en.yaml: {key}: ")


@pytest.mark.parametrize(
    "text",
    [
        "numbers:\n  myriad: false\nnumbers:\n  unspaced: true\n",  # a section twice
        "cues:\n  deploy: [sent]\n  deploy: [dispatched]\n",  # a list twice: "sent" lost
    ],
)
def test_a_key_given_twice_is_an_error_naming_the_pack(tmp_path, text):
    path = tmp_path / "xx.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LanguagePackError, match=r"^xx\.yaml: invalid YAML: key '\w+' given twice"):
        _read_yaml(path)


def test_a_source_name_must_be_a_canonical_source(tmp_path, monkeypatch):
    raw = copy.deepcopy(_raw("en"))
    raw["sources"]["names"]["South Korea NSI"] = ["NSI"]
    (tmp_path / "en.yaml").write_text(yaml.dump(raw, allow_unicode=True), encoding="utf-8")
    (tmp_path / "base.yaml").write_text((LANGDATA_DIR / "base.yaml").read_text(encoding="utf-8"))
    from dprkwatch.lang import packs

    monkeypatch.setattr(packs, "LANGDATA_DIR", tmp_path)
    packs.get_lang.cache_clear()
    try:
        with pytest.raises(LanguagePackError, match="South Korea NSI"):
            packs.get_lang("en")
    finally:
        packs.get_lang.cache_clear()


def test_every_key_of_the_schema_is_documented():
    def walk(keys, where=""):
        for key, spec in keys.items():
            path = f"{where}.{key}" if where else key
            assert spec.get("doc"), f"{path} has no doc"
            assert spec.get("required") or "default" in spec or spec["type"] == "section", path
            if spec["type"] == "section":
                walk(spec["keys"], path)

    walk(schema())


def test_a_language_without_a_pack_reads_digits_only():
    lang = get_lang("zz")
    assert lang.option("cues.nouns") == {} and lang.option("numbers.decimal") == "."


@pytest.mark.parametrize(
    ("key", "templates"),
    [
        ("according_to", ["according to"]),  # no {} where the country stands
        ("opening_subject", ["{} and {}"]),  # two places for one country
    ],
)
def test_a_country_template_without_its_one_place_is_an_error_naming_pack_and_key(
    tmp_path, monkeypatch, key, templates
):
    raw = copy.deepcopy(_raw("en"))
    raw["sources"][key] = templates
    (tmp_path / "en.yaml").write_text(yaml.dump(raw, allow_unicode=True), encoding="utf-8")
    (tmp_path / "base.yaml").write_text((LANGDATA_DIR / "base.yaml").read_text(encoding="utf-8"))
    from dprkwatch.extract.sources import lexicon_of
    from dprkwatch.lang import packs

    monkeypatch.setattr(packs, "LANGDATA_DIR", tmp_path)
    packs.get_lang.cache_clear()
    try:
        with pytest.raises(LanguagePackError) as info:
            lexicon_of(packs.get_lang("en"))
        assert info.value.pack == "en.yaml" and info.value.key == f"sources.{key}"
    finally:
        packs.get_lang.cache_clear()
