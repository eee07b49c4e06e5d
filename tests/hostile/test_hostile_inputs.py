"""Hostile inputs: each one is reported with its path and reason, and nothing else changes.

Every test builds its input on the fly beside the good documents (hostile_cases.GOOD) and
checks that the run completes, the hostile thing is named with its path, stage and reason,
and the good documents' claims are exactly what they are without it.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from hostile_cases import CASES, GOOD, claims_of, good_claims, write_good

import dprkwatch
import dprkwatch.ledger as ledger
from dprkwatch.core.errors import NothingToReadError
from dprkwatch.ingest.corpus import load_corpus

GOOD_IDS = sorted(Path(n).stem for n in GOOD)
AS_ROOT = os.geteuid() == 0


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> list[tuple]:
    return good_claims(tmp_path_factory.mktemp("baseline"))


def _run(folder: Path):
    corpus = load_corpus(folder)
    return corpus, claims_of(dprkwatch.extract_claims(corpus))


def _reported(items, path: Path | str):
    by_path = {str(e.path): e for e in items}
    assert str(path) in by_path, f"{path} not reported; reported: {sorted(by_path)}"
    return by_path[str(path)]


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_file_is_reported_and_the_others_unchanged(
    tmp_path: Path, baseline: list[tuple], name: str
) -> None:
    folder = tmp_path / "corpus"
    write_good(folder)
    case = CASES[name]
    bad = case.build(folder)
    corpus, claims = _run(folder)
    problem = _reported(getattr(corpus, case.where), bad)
    assert case.says in problem.reason and problem.stage
    assert sorted(d.doc_id for d in corpus) == GOOD_IDS
    assert claims == baseline


def test_a_url_is_not_fetched(tmp_path: Path, baseline: list[tuple]) -> None:
    write_good(tmp_path)
    url = "https://example.com/north-korea-troops.html"
    corpus = load_corpus([tmp_path, url])
    assert "URLs are not fetched" in _reported(corpus.errors, url).reason
    assert claims_of(dprkwatch.extract_claims(corpus)) == baseline


def test_a_missing_path_among_others_is_reported(tmp_path: Path, baseline: list[tuple]) -> None:
    write_good(tmp_path / "here")
    corpus = load_corpus([tmp_path / "here", tmp_path / "not-mounted"])
    assert "no such file" in _reported(corpus.errors, tmp_path / "not-mounted").reason
    assert claims_of(dprkwatch.extract_claims(corpus)) == baseline


def test_only_unsupported_files_say_so(tmp_path: Path) -> None:
    for name in ("report.pdf", "memo.docx", "photo.jpg"):
        (tmp_path / name).write_bytes(b"%PDF-1.4\n")
    (tmp_path / "scan.txt").write_bytes(b"%PDF-1.4\n")
    with pytest.raises(NothingToReadError, match=r"formats the suite does not read.*PDF.*Word"):
        load_corpus(tmp_path)


def test_dev_zero_and_a_fifo_given_by_name_are_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    for path in ("/dev/zero", tmp_path / "pipe.txt"):
        with pytest.raises(NothingToReadError, match="not a regular file"):
            load_corpus(path)


def test_a_thousand_nested_folders(tmp_path: Path, baseline: list[tuple]) -> None:
    write_good(tmp_path)
    deep = tmp_path
    for _ in range(1000):  # one by one: Path.mkdir(parents=True) itself recurses
        deep = deep / "d"
        deep.mkdir()
    (deep / "deep.txt").write_text(
        "North Korea sent 7,000 workers to Russia, Ukraine's GUR said.", encoding="utf-8"
    )
    try:
        corpus, claims = _run(tmp_path)
    finally:
        _remove_bottom_up(deep, tmp_path)
    assert corpus.errors == [] and "deep" in {d.doc_id for d in corpus}
    assert [c for c in claims if c[0] != "deep"] == baseline
    assert [c[1:3] for c in claims if c[0] == "deep"] == [("workers_deployed", "7000.0")]


def _remove_bottom_up(deep: Path, top: Path) -> None:
    """Remove the nested folders one by one (shutil.rmtree, as pytest's cleanup, recurses)."""
    (deep / "deep.txt").unlink()
    while deep != top:
        deep.rmdir()
        deep = deep.parent


def test_a_sentence_listing_thousands_of_figures(tmp_path: Path, baseline: list[tuple]) -> None:
    write_good(tmp_path)
    figures = ", ".join(f"{1000 + i:,} troops" for i in range(2500))
    (tmp_path / "long.txt").write_text(
        f"North Korea sent Russia {figures}, the NIS said.", encoding="utf-8"
    )
    corpus, claims = _run(tmp_path)
    assert corpus.errors == []
    assert [c for c in claims if c[0] != "long"] == baseline
    assert sum(c[0] == "long" for c in claims) == 2500


def test_back_references_with_no_source_named(tmp_path: Path, baseline: list[tuple]) -> None:
    # Each sentence refers back to a source never named: once exponential in their number.
    write_good(tmp_path)
    text = " ".join(f"North Korea sent {1000 + i:,} troops, the agency said." for i in range(60))
    (tmp_path / "agency.txt").write_text(text, encoding="utf-8")
    _, claims = _run(tmp_path)
    assert [c for c in claims if c[0] != "agency"] == baseline
    assert sum(c[0] == "agency" for c in claims) == 60


FRONT_MATTER = [
    ("published: 9999-12-31", "published", "outside 1900–2100"),
    ("published: 3000", "published", "outside 1900–2100"),
    ("published: 2024-02-30", "published", "not a date"),
    ("published: [2024, 2025]", "published", "where a date is wanted"),
    ("title: [a, b]", "title", "where text is wanted"),
    ("outlet: {name: x}", "outlet", "where text is wanted"),
    ("language: zz", "language", "no language pack for 'zz'"),
    ("language: [en, pt]", "language", "one language code"),
    ("language: 'English please'", "language", "not a language code"),
]


@pytest.mark.parametrize(("line", "field", "says"), FRONT_MATTER)
def test_a_bad_front_matter_field_is_dropped_not_the_document(
    tmp_path: Path, baseline: list[tuple], line: str, field: str, says: str
) -> None:
    write_good(tmp_path)
    doc = tmp_path / "fm.md"
    doc.write_text(
        f"---\n{line}\nurl: https://example.com/a\n---\n"
        "North Korea sent 2,000 troops to Russia, the NIS said.",
        encoding="utf-8",
    )
    corpus, claims = _run(tmp_path)
    read = {d.doc_id: d for d in corpus}
    assert "fm" in read and read["fm"].url == "https://example.com/a"  # the other field stays
    warning = _reported(corpus.warnings, doc)
    assert f"field {field!r}" in warning.reason and says in warning.reason
    if field == "language":
        assert read["fm"].language == "en" and read["fm"].language_source == "detected"
    if field == "published":
        assert read["fm"].published is None
    assert [c for c in claims if c[0] != "fm"] == baseline
    assert [c[1:3] for c in claims if c[0] == "fm"] == [("troops_deployed", "2000.0")]


@pytest.mark.parametrize(
    "block",
    [
        "title: [unclosed",
        "- just\n- a list",
        "a: &a [1, 1, 1]\nb: &b [*a, *a, *a]\nc: &c [*b, *b, *b]\nd: [*c, *c, *c, *c]",
        "deep: " + "[" * 1200 + "]" * 1200,
        "? [complex, key]\n: value",
        "published: !!timestamp 2024-02-30",
    ],
    ids=["unclosed", "a list", "aliases", "deep nesting", "complex key", "tagged bad date"],
)
def test_front_matter_that_is_no_mapping_is_ignored(
    tmp_path: Path, baseline: list[tuple], block: str
) -> None:
    write_good(tmp_path)
    (tmp_path / "odd.md").write_text(
        f"---\n{block}\n---\nNorth Korea sent 2,000 troops to Russia, the NIS said.",
        encoding="utf-8",
    )
    corpus, claims = _run(tmp_path)
    assert "odd" in {d.doc_id for d in corpus}
    assert [c for c in claims if c[0] != "odd"] == baseline


# Figures the number reader may not know; whatever it makes of them, the run goes on.
ODD_FIGURES = [
    ("en", "North Korea sent 38.5'12 troops to Russia, the NIS said."),
    ("en", "North Korea sent 5.9'1 troops to Russia, the NIS said."),
    ("pt", "A Coreia do Norte enviou 4.1 Mil soldados para a Rússia, disse a agência."),
    ("fr", "La Corée du Nord a envoyé 8,2 millions d'obus à la Russie, selon Séoul."),
    ("en", "North Korea sent 1e308 troops to Russia, the NIS said."),
    ("en", "North Korea sent 12⁰⁰⁰ troops to Russia, the NIS said."),
    ("en", "North Korea sent between 20,000 and 10,000 troops to Russia, the NIS said."),
    ("en", "North Korea sent 12٬000 troops to Russia, the NIS said."),
    ("en", "North Korea sent 12，000 troops to Russia, the NIS said."),
    ("en", "North Korea sent 12\u200b000 troops to Russia, the NIS said."),
    ("en", "North Korea sent 9" * 400 + " troops to Russia."),
]


@pytest.mark.parametrize(("lang", "sentence"), ODD_FIGURES)
def test_odd_figures_never_stop_the_run(
    tmp_path: Path, baseline: list[tuple], lang: str, sentence: str
) -> None:
    write_good(tmp_path)
    doc = tmp_path / "odd.md"
    doc.write_text(f"---\nlanguage: {lang}\n---\n{sentence}", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    claims = dprkwatch.extract_claims(corpus)
    assert "odd" in {d.doc_id for d in corpus}  # its text and front matter are fine
    for problem in corpus.errors:  # if its claims were dropped, it is named with the stage
        assert problem.path == str(doc) and problem.stage in ("extract", "validate")
    assert claims_of(claims[claims["doc_id"] != "odd"]) == baseline
    assert ((claims["value_low"] <= claims["value_high"]) & (claims["value_high"] > 0)).all()


def test_an_extraction_error_costs_one_document(
    tmp_path: Path, baseline: list[tuple], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_good(tmp_path)
    (tmp_path / "boom.txt").write_text("North Korea sent 1,000 troops.", encoding="utf-8")
    real = ledger.claims_from_document

    def flaky(doc):
        if doc.doc_id == "boom":
            raise ValueError("could not convert string to float: '38.5'12'")
        return real(doc)

    monkeypatch.setattr(ledger, "claims_from_document", flaky)
    corpus, claims = _run(tmp_path)
    problem = _reported(corpus.errors, tmp_path / "boom.txt")
    assert problem.stage == "extract" and "ValueError" in problem.reason
    assert claims == baseline


def test_claims_that_break_the_contract_cost_their_document(
    tmp_path: Path, baseline: list[tuple], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_good(tmp_path)
    (tmp_path / "bad.txt").write_text("North Korea sent 1,000 troops.", encoding="utf-8")
    real = ledger.claims_from_document

    def wrong(doc):
        rows = real(doc)
        if doc.doc_id == "bad":
            rows = real(dprkwatch.Document("bad", doc.path, GOOD["good_en.txt"], "en"))
            rows[0] |= {"unit": "bananas", "value_high": 1e12}
        return rows

    monkeypatch.setattr(ledger, "claims_from_document", wrong)
    corpus, claims = _run(tmp_path)
    problem = _reported(corpus.errors, tmp_path / "bad.txt")
    assert problem.stage == "validate"
    assert "row 1" in problem.reason and "unit='bananas'" in problem.reason
    assert "value_high=1000000000000.0" in problem.reason
    assert claims == baseline


def test_float_noise_is_clamped_not_a_skip() -> None:
    row = {"value": 4099999.9999999995, "value_low": 4100000.0, "value_high": 4100000.0}
    row |= {"char_start": 0, "char_end": 5, "figure_start": 0, "figure_end": 3}
    row |= {"published": dt.date(9999, 12, 31), "as_of": dt.date(2024, 6, 1)}
    (out,), bad = ledger.normalise_rows([row])
    assert bad == [] and out["value"] == out["value_low"] == 4100000.0
    assert out["published"] is None and out["as_of"] == dt.date(2024, 6, 1)
    _, bad = ledger.normalise_rows([row | {"value_high": float("inf")}])
    assert bad and "not a finite number" in bad[0]


# One sentence per script, written for these tests; the stray byte sits between paragraphs.
SCRIPTS = {
    "en": GOOD["good_en.txt"],
    "pt": "A Coreia do Norte enviou cerca de 12 mil soldados para a Rússia, disse a agência.",
    "ru": GOOD["good_ru.txt"],
    "uk": "Північна Корея відправила до Росії близько 12 тисяч військових, повідомила розвідка.",
    "ko": "북한이 러시아에 약 1만2천 명의 병력을 파병했다고 국가정보원이 밝혔다.",
    "bn": "উত্তর কোরিয়া প্রায় ১২,০০০ সৈন্য রাশিয়ায় পাঠিয়েছে, দক্ষিণ কোরিয়ার গোয়েন্দা সংস্থা জানিয়েছে।",
    "ja": "北朝鮮はロシアに約1万2000人の兵士を派遣したと韓国の国家情報院が明らかにした。",
    "zh": "朝鲜向俄罗斯派遣了约1.2万名士兵，韩国国家情报院表示。",
    "ar": "أرسلت كوريا الشمالية نحو 12 ألف جندي إلى روسيا، بحسب الاستخبارات.",
    "el": "Η Βόρεια Κορέα έστειλε περίπου 12.000 στρατιώτες στη Ρωσία.",
    "hi": "उत्तर कोरिया ने रूस में लगभग 12,000 सैनिक भेजे।",
    "he": "צפון קוריאה שלחה כ-12,000 חיילים לרוסיה.",
}


STRAYS = [(lang, b"\xff") for lang in sorted(SCRIPTS)]  # every script: a byte UTF-8 never uses
STRAYS += [(lang, stray) for lang in ("en", "ko", "ru") for stray in (b"\xc3", b"\x80\x80")]


@pytest.mark.parametrize(("lang", "stray"), STRAYS)
def test_a_stray_byte_in_any_script_is_replaced_and_counted(
    tmp_path: Path, lang: str, stray: bytes
) -> None:
    sentence = SCRIPTS[lang].encode("utf-8")
    (tmp_path / "clean").mkdir()
    (tmp_path / "clean" / "doc.txt").write_bytes(sentence + b"\n\n" + sentence)
    (tmp_path / "damaged").mkdir()
    (tmp_path / "damaged" / "doc.txt").write_bytes(sentence + b"\n\n" + stray + b"\n\n" + sentence)
    clean, damaged = load_corpus(tmp_path / "clean"), load_corpus(tmp_path / "damaged")
    (doc,) = damaged
    assert doc.meta["encoding"] == "utf-8" and doc.meta["replaced_bytes"] == len(stray)
    assert doc.language == clean[0].language
    assert "invalid byte" in _reported(damaged.warnings, tmp_path / "damaged" / "doc.txt").reason
    assert claims_of(dprkwatch.extract_claims(damaged)) == claims_of(
        dprkwatch.extract_claims(clean)
    )


# --- unreadable files and folders -------------------------------------------------------
# chmod cannot make anything unreadable for root, so each case also runs with the refusal
# injected at the system call the reader makes (os.open for a file, os.scandir for a folder).


@pytest.mark.skipif(AS_ROOT, reason="root reads files whatever their mode")
def test_an_unreadable_file_by_its_mode(tmp_path: Path, baseline: list[tuple]) -> None:
    write_good(tmp_path)
    locked = tmp_path / "locked.txt"
    locked.write_text("North Korea sent 1,000 troops.", encoding="utf-8")
    locked.chmod(0)
    corpus, claims = _run(tmp_path)
    assert "Permission denied" in _reported(corpus.errors, locked).reason
    assert claims == baseline


@pytest.mark.skipif(AS_ROOT, reason="root lists folders whatever their mode")
def test_an_unreadable_folder_by_its_mode(tmp_path: Path, baseline: list[tuple]) -> None:
    write_good(tmp_path)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text("North Korea sent 1,000 troops.", encoding="utf-8")
    locked.chmod(0)
    try:
        corpus, claims = _run(tmp_path)
    finally:
        locked.chmod(0o755)
    assert "cannot list the folder" in _reported(corpus.errors, locked).reason
    assert claims == baseline


def test_an_unreadable_file_refused_by_the_system(
    tmp_path: Path, baseline: list[tuple], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_good(tmp_path)
    locked = tmp_path / "locked.txt"
    locked.write_text("North Korea sent 1,000 troops.", encoding="utf-8")
    real = os.open

    def refuse(path, *args, **kwargs):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    corpus, claims = _run(tmp_path)
    problem = _reported(corpus.errors, locked)
    assert problem.stage == "read" and "Permission denied" in problem.reason
    assert claims == baseline


def test_an_unreadable_folder_refused_by_the_system(
    tmp_path: Path, baseline: list[tuple], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_good(tmp_path)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text("North Korea sent 1,000 troops.", encoding="utf-8")
    real = os.scandir

    def refuse(path="."):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", refuse)
    corpus, claims = _run(tmp_path)
    assert "cannot list the folder: Permission denied" in _reported(corpus.errors, locked).reason
    assert claims == baseline
