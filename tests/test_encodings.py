"""Encoding decisions: UTF-8 first (damage replaced and counted), then a code page that fits."""

import pytest

from dprkwatch.ingest.encoding import DecodeError, decode

# (language, encoding, text): sentences written for these tests.
LEGACY = [
    ("pt", "cp1252", "A Coreia do Norte enviou três mil soldados, disse a agência sul-coreana."),
    ("pt", "latin-1", "Três mil soldados foram enviados à Rússia, segundo a agência."),
    (
        "fr",
        "cp1252",
        "La Corée du Nord a envoyé près de 12 000 soldats, selon les services sud-coréens.",
    ),
    (
        "de",
        "cp1252",
        "Nordkorea hat rund 12.000 Soldaten geschickt, berichtet der südkoreanische Dienst.",
    ),
    ("es", "cp1252", "Corea del Norte envió más de 10.000 soldados a Rusia; ¿cuántos murieron?"),
    (
        "it",
        "cp1252",
        "La Corea del Nord ha inviato più di 10.000 soldati in Russia, città per città.",
    ),
    ("pl", "cp1250", "Korea Północna wysłała około 12 tysięcy żołnierzy do Rosji, podał wywiad."),
    ("pl", "cp1250", "Korea wysłała 12 tysięcy żołnierzy"),
    (
        "tr",
        "cp1254",
        "Kuzey Kore, Rusya'ya 11 bin asker gönderdi; Güney Kore istihbaratı açıkladı.",
    ),
    (
        "ru",
        "cp1251",
        "Северная Корея отправила в Россию около 12 тысяч военных, сообщила разведка.",
    ),
    (
        "ru",
        "koi8_r",
        "Северная Корея отправила в Россию около 12 тысяч военных, сообщила разведка.",
    ),
    (
        "uk",
        "koi8_u",
        "Північна Корея відправила до Росії близько 12 тисяч військових, повідомила розвідка.",
    ),
    ("ar", "cp1256", "أرسلت كوريا الشمالية نحو 11 ألف جندي إلى روسيا، بحسب الاستخبارات."),
    ("el", "cp1253", "Η Βόρεια Κορέα έστειλε περίπου 12.000 στρατιώτες στη Ρωσία."),
    (
        "ja",
        "cp932",
        "北朝鮮はロシアに約1万1000人の兵士を派遣したと韓国の国家情報院が明らかにした。",
    ),
    (
        "ja",
        "euc_jp",
        "北朝鮮はロシアに約1万1000人の兵士を派遣したと韓国の国家情報院が明らかにした。",
    ),
    ("zh", "gb18030", "朝鲜向俄罗斯派遣了约1.1万名士兵，韩国国家情报院表示。"),
    ("zh", "big5", "北韓向俄羅斯派遣了約1.1萬名士兵，南韓國情院表示。"),
    ("ko", "cp949", "북한이 러시아에 약 1만1천 명의 병력을 파병했다고 국가정보원이 밝혔다."),
]


@pytest.mark.parametrize(("lang", "encoding", "text"), LEGACY)
def test_legacy_page_is_read_right(lang, encoding, text):
    assert decode(text.encode(encoding)).text == text


@pytest.mark.parametrize(
    "text",
    [
        "북한이 러시아에 약 1만1천 명의 병력을 파병했다고 밝혔다.",
        "Северная Корея отправила около 12 тысяч военных.",
        "North Korea sent “about” 12,000 troops, officials’ said.",
    ],
)
def test_stray_byte_in_utf8_is_replaced_and_counted(text):
    raw = text.encode("utf-8")
    cut = raw.index(b" ", 12)
    decoded = decode(raw[:cut] + b"\xff" + raw[cut:])
    assert decoded.encoding == "utf-8" and decoded.replaced == 1
    assert decoded.text.replace("\ufffd", "") == text
    assert "1 invalid byte replaced" in decoded.note


def test_front_matter_language_narrows_the_guess():
    raw = b"---\nlanguage: pt\n---\n" + "Três mil soldados".encode("cp1252")
    assert decode(raw).text.endswith("Três mil soldados")


@pytest.mark.parametrize(
    ("data", "reason"), [(b"", "empty"), (b"  \n", "empty"), (b"ab\x00cd", "NUL")]
)
def test_not_text(data, reason):
    with pytest.raises(DecodeError, match=reason):
        decode(data)


@pytest.mark.parametrize("sep", ["\n", " "], ids=["lines", "one line"])
@pytest.mark.parametrize(("lang", "encoding", "text"), LEGACY)
def test_a_long_legacy_page_is_read_like_a_short_one(lang, encoding, text, sep):
    # The code page is chosen on a sample of GUESS_BYTES; the whole page must still come out.
    from dprkwatch.ingest.encoding import GUESS_BYTES

    long = sep.join([text] * (GUESS_BYTES // len(text.encode(encoding)) + 40))
    decoded = decode(long.encode(encoding))
    assert decoded.text == long and decoded.replaced == 0
