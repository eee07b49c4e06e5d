"""Reading documents: encodings, front matter, HTML, bad files, language, sentences."""

import datetime as dt

import pytest

import dprkwatch
from dprkwatch.core.errors import NothingToReadError
from dprkwatch.core.paths import SEEDS_DIR
from dprkwatch.ingest.corpus import corpus_fingerprint, load_corpus
from dprkwatch.ingest.detect import detect_language
from dprkwatch.lang.segment import split_sentences

PT = "A Coreia do Norte enviou cerca de 15.000 soldados para a Rússia, disse a agência de espionagem."


def test_seeds_load_with_languages():
    corpus = load_corpus(SEEDS_DIR)
    assert len(corpus) == 5 and corpus.errors == []
    assert {d.doc_id: d.language for d in corpus} == {
        "000_186aaea34d1124b6": "bn",
        "001_999ff44b601b89fc": "bn",
        "002_592271ab48976aad": "en",
        "003_3dfbc825b8f7b8cb": "en",
        "004_4c6361a3f450cd33": "pt",
    }


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16", b""),
        ("cp1252", b""),
        ("latin-1", b""),
    ],
)
def test_encodings(tmp_path, encoding, prefix):
    (tmp_path / "doc.txt").write_bytes(prefix + PT.encode(encoding))
    (doc,) = load_corpus(tmp_path)
    assert doc.text == PT
    assert doc.language == "pt"


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r"])
def test_cyrillic_legacy_encodings(tmp_path, encoding):
    text = "Северная Корея отправила в Россию около 12 тысяч военных, сообщила разведка."
    (tmp_path / "ru.txt").write_bytes(text.encode(encoding))
    (doc,) = load_corpus(tmp_path)
    assert doc.text == text


def test_text_is_nfc(tmp_path):
    (tmp_path / "d.txt").write_text(
        "Coreia do Norte: tropas enviadas a Rússia pela segunda vez.", encoding="utf-8"
    )
    (tmp_path / "e.txt").write_text(
        "Coreia do Norte: tropas enviadas a Ru\u0301ssia.", encoding="utf-8"
    )
    docs = {d.doc_id: d for d in load_corpus(tmp_path)}
    assert "Rússia" in docs["e"].text and "\u0301" not in docs["e"].text


def test_front_matter_is_metadata_not_text(tmp_path):
    (tmp_path / "a.md").write_text(
        "---\ntitle: Tropas\nurl: https://www.example.com/x\npublished: 2025-06-17\nlanguage: pt\n---\n"
        + PT,
        encoding="utf-8",
    )
    (doc,) = load_corpus(tmp_path)
    assert doc.text == PT and doc.title == "Tropas" and doc.outlet == "example.com"
    assert (
        doc.published == dt.date(2025, 6, 17)
        and doc.language == "pt"
        and doc.language_source == "front matter"
    )


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2025-06-17", dt.date(2025, 6, 17)),
        ("2025-06-17T10:33:00Z", dt.date(2025, 6, 17)),
        ("14 June 2024", dt.date(2024, 6, 14)),
        ("17 de junho de 2025", dt.date(2025, 6, 17)),
        ("not a date", None),
    ],
)
def test_published_dates_in_many_forms(tmp_path, published, expected):
    (tmp_path / "a.txt").write_text(f"---\npublished: {published}\n---\n" + PT, encoding="utf-8")
    (doc,) = load_corpus(tmp_path)
    assert doc.published == expected


def test_bad_front_matter_is_a_warning_and_the_text_is_kept(tmp_path):
    (tmp_path / "a.txt").write_text("---\ntitle: [unclosed\n---\n" + PT, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert len(corpus) == 1 and corpus[0].text == PT
    assert "front matter" in corpus.warnings[0].reason


def test_html_page_text_is_extracted(tmp_path):
    body = "".join(
        f"<p>{PT} Paragraph {i} adds context about the deployment and its reporting.</p>"
        for i in range(4)
    )
    page = f"<html><head><title>T</title><script>var x=1;</script></head><body><nav>Menu Home About</nav><article>{body}</article></body></html>"
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    (doc,) = load_corpus(tmp_path)
    assert "15.000 soldados" in doc.text and "<p>" not in doc.text and "var x" not in doc.text


def test_html_fragment_in_a_txt_file(tmp_path):
    (tmp_path / "f.txt").write_text(
        '<p style="a">Primeiro parágrafo.</p> <p>' + PT + "</p>", encoding="utf-8"
    )
    (doc,) = load_corpus(tmp_path)
    assert "<p" not in doc.text and PT in doc.text


def test_broken_files_are_reported_and_skipped(tmp_path):
    (tmp_path / "good.txt").write_text(PT, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "good.md").write_text(PT, encoding="utf-8")  # same doc_id as good.txt
    corpus = load_corpus(tmp_path)
    assert [d.doc_id for d in corpus] == ["good"]
    reasons = {e.path.split("/")[-1]: e.reason for e in corpus.errors}
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "clashes" in reasons["good.md"]
    claims = dprkwatch.extract_claims(corpus)
    assert len(claims) == 1


def test_missing_path_is_a_clear_error(tmp_path):
    with pytest.raises(NothingToReadError, match="nope"):
        load_corpus(tmp_path / "nope")


def test_fingerprint_changes_with_content(tmp_path):
    (tmp_path / "a.txt").write_text(PT, encoding="utf-8")
    f1 = corpus_fingerprint(tmp_path)
    assert f1 == corpus_fingerprint(tmp_path)
    (tmp_path / "a.txt").write_text(PT + " Mais.", encoding="utf-8")
    assert corpus_fingerprint(tmp_path) != f1


LANG_CASES = [
    ("Северная Корея отправила в Россию около 12 тысяч военных.", "ru"),
    ("Північна Корея відправила до Росії близько 12 тисяч військових.", "uk"),
    ("A Coreia do Norte enviou milhares de soldados à Rússia.", "pt"),
    ("Corea del Norte envió miles de soldados a Rusia.", "es"),
    ("North Korea sent thousands of troops to Russia.", "en"),
    ("উত্তর কোরিয়া রাশিয়ায় সৈন্য পাঠিয়েছে।", "bn"),
    ("북한이 러시아에 병력을 파견했다.", "ko"),
    ("Nordkorea hat Tausende Soldaten nach Russland geschickt.", "de"),
    ("La Corée du Nord a envoyé des milliers de soldats en Russie.", "fr"),
]


@pytest.mark.parametrize(("text", "lang"), LANG_CASES)
def test_language_detection(text, lang):
    assert detect_language(text) == lang


SENTENCE_CASES = [
    ("bn", "প্রথম বাক্য। দ্বিতীয় বাক্য। তৃতীয়?", 3),
    ("en", "Mr. Kim visited on Dec. 30. The U.S. said 12.5 million. Then more.", 3),
    ("pt", "O Sr. Shoigu disse 1.000 sapadores. A TASS confirmou.", 2),
    ("en", "Title line\nBody sentence one. Body two.", 3),
]


@pytest.mark.parametrize(("lang", "text", "n"), SENTENCE_CASES)
def test_sentence_splitting(lang, text, n):
    spans = split_sentences(text, lang)
    assert len(spans) == n, [text[a:b] for a, b in spans]


def test_the_size_limit_is_the_callers(tmp_path):
    (tmp_path / "a.txt").write_text(PT, encoding="utf-8")
    assert len(load_corpus(tmp_path)) == 1
    corpus = load_corpus(tmp_path, max_bytes=20)
    assert corpus == [] and "limit per document" in corpus.errors[0].reason
    assert corpus.errors[0].stage == "read"


@pytest.mark.parametrize(("written", "code"), [("pt-BR", "pt"), ("PT", "pt"), ("pt_br", "pt")])
def test_language_with_a_region_is_its_language(tmp_path, written, code):
    (tmp_path / "a.md").write_text(f"---\nlanguage: {written}\n---\n" + PT, encoding="utf-8")
    (doc,) = load_corpus(tmp_path)
    assert doc.language == code and doc.language_source == "front matter"


def test_html_metadata_is_checked_like_front_matter():
    from dprkwatch.ingest.frontmatter import FrontMatter, check_fields

    out = FrontMatter()
    check_fields({"published": "9999-12-31", "title": "T", "outlet": ["a"]}, out, "HTML metadata")
    assert out.fields == {"title": "T"}
    assert [w.split(":")[0] for w in out.warnings] == [
        "HTML metadata field 'published'",
        "HTML metadata field 'outlet'",
    ]
