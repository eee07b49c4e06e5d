"""Russian language pack (langdata/ru.yaml), table-driven, dateparser-style.

Rows are written from phrasings common in Russian-language wires and papers (TASS, RIA
Novosti, Interfax, Meduza, Vedomosti): numerals in every case, "тыс."/"млн", hedges before
the figure (около, более, свыше, не менее, до), inflected cue nouns and sources such as
ГУР, НИС, ТАСС, ФСБ; and Russian told from Ukrainian on short texts.
"""

import pytest

from dprkwatch.language import detect_language
from dprkwatch.numbers import find_quantities, parse_quantity
from langtables import assert_claims, assert_number, claims_brief

LANG = "ru"

# (text, (value, low, high, qualifier)); value None for magnitude words; None: no figure.
NUMBER_ROWS = [
    ("15 тыс. солдат", (15000, 15000, 15000, "exact")),
    ("15тыс. солдат", (15000, 15000, 15000, "exact")),
    ("50 000 граждан КНДР", (50000, 50000, 50000, "exact")),
    ("50\u00a0000 рабочих", (50000, 50000, 50000, "exact")),
    ("4,8 млн снарядов", (4.8e6, 4.8e6, 4.8e6, "exact")),
    ("3 млрд долларов", (3e9, 3e9, 3e9, "exact")),
    ("полтора миллиона снарядов", (1.5e6, 1.5e6, 1.5e6, "exact")),
    ("двух тысяч военных", (2000, 2000, 2000, "exact")),
    ("трёх тысяч", (3000, 3000, 3000, "exact")),
    ("пяти тысячами", (5000, 5000, 5000, "exact")),
    ("сто двадцать тысяч", (120000, 120000, 120000, "exact")),
    ("тысяча саперов", (1000, 1000, 1000, "exact")),
    ("двое военнослужащих", (2, 2, 2, "exact")),
    ("около 15 тыс. солдат", (15000, 13500, 16500, "approx")),
    ("примерно 11 тысяч", (11000, 9900, 12100, "approx")),
    ("порядка 1,5 млн", (1.5e6, 1.35e6, 1.65e6, "approx")),
    ("почти двух тысяч", (2000, 1800, 2000, "approx")),
    ("более 10 тысяч военных", (10000, 10000, 15000, "at_least")),
    ("свыше 3 тыс. человек", (3000, 3000, 4500, "at_least")),
    ("не менее 11 тысяч", (11000, 11000, 16500, "at_least")),
    ("по меньшей мере 300", (300, 300, 450, "at_least")),
    ("как минимум 500", (500, 500, 750, "at_least")),
    ("10 тысяч с лишним", (10000, 10000, 15000, "at_least")),
    ("превысили 4 тыс.", (4000, 4000, 6000, "at_least")),
    ("до 50 000 граждан КНДР", (50000, 25000, 50000, "at_most")),
    ("не более 500", (500, 250, 500, "at_most")),
    ("от 10 до 12 тысяч военнослужащих", (11000, 10000, 12000, "range")),
    ("10-12 тыс. военных", (11000, 10000, 12000, "range")),
    ("12–14 часов", (13, 12, 14, "range")),
    ("тысячи северокорейских солдат", (None, 2000, 9999, "vague")),
    ("несколько тысяч", (None, 2000, 9999, "vague")),
    ("десятки тысяч рабочих", (None, 20000, 99999, "vague")),
    ("сотни погибших", (None, 200, 999, "vague")),
    ("миллионы снарядов", (None, 2e6, 9999999, "vague")),
    ("14 июня 2024 года", None),
    ("30 апр", None),
    ("за 2 недели", None),
]


@pytest.mark.parametrize("text,expected", NUMBER_ROWS)
def test_number_reading(text, expected):
    assert_number(LANG, text, expected)


@pytest.mark.parametrize("text", ["вдвое", "в два раза", "в 2 раза", "удвоила выпуск", "удвоение"])
def test_doubling(text):
    q = parse_quantity(text, LANG)
    assert (q.kind, q.value) == ("multiplier", 2)


def test_years_and_currency():
    for text in ("в 2024 году", "за 2024 год", "2024 г.", "с 2024-го"):
        assert "year" in parse_quantity(text, LANG).flags
    assert "year" not in parse_quantity("2000 гаубиц", LANG).flags
    q = parse_quantity("около 800 долларов в месяц", LANG)
    assert (q.value, q.qualifier, q.currency) == (800, "approx", "USD")
    # A full date (day, month, year) is masked whole.
    assert [q.value for q in find_quantities("14 июня 2024 года прибыли 300 военных", LANG)] == [
        300
    ]


def _claims(text):
    return claims_brief(LANG, text)


NIS, GUR, UA, US = "South Korea NIS", "Ukraine GUR", "Ukraine government", "US government"
RU = "Russia government"

# (sentence, expected claims as (indicator, value, qualifier, attributed_to)).
CLAIM_ROWS = [
    (
        "По данным южнокорейской разведки, КНДР направила в Россию около 11 тысяч военнослужащих.",
        [("troops_deployed", 11000, "approx", NIS)],
    ),
    (
        "Национальная служба разведки Южной Кореи сообщила, что Пхеньян отправил в Россию более 10 тыс. солдат.",
        [("troops_deployed", 10000, "at_least", NIS)],
    ),
    (
        "Как сообщает Yonhap со ссылкой на НИС, КНДР направила в Россию дополнительно 3 тысячи военных.",
        [("troops_deployed", 3000, "exact", NIS)],
    ),
    (
        "Разведка Южной Кореи считает, что КНДР может отправить в Россию еще около 6 тысяч военных.",
        [("troops_deployed", 6000, "approx", NIS)],
    ),
    (
        "В ГУР заявили, что в Курской области находятся до 12 тысяч северокорейских военных.",
        [("troops_deployed", 12000, "at_most", GUR)],
    ),
    (
        "По данным Пентагона, КНДР отправила в Россию от 10 до 12 тысяч военнослужащих.",
        [("troops_deployed", 11000, "range", US)],
    ),
    (
        "В Курской области воюют около 11 тыс. северокорейских солдат, сообщает ISW.",
        [("troops_deployed", 11000, "approx", "ISW")],
    ),
    (
        "Зеленский сообщил, что в боях в Курской области погибли около 3 тысяч северокорейских военных.",
        [("killed", 3000, "approx", UA)],
    ),
    (
        "По словам Зеленского, ранения получили еще 2700 солдат КНДР.",
        [("wounded", 2700, "exact", UA)],
    ),
    (
        "Генштаб ВСУ сообщил, что за сутки ликвидированы 200 военных КНДР.",
        [("killed", 200, "exact", UA)],
    ),
    (
        "Потери северокорейского контингента составили около 4 тысяч человек убитыми и ранеными, заявил Пентагон.",
        [("killed_or_wounded", 4000, "approx", US)],
    ),
    (
        "Около 4,7 тысячи военных КНДР погибли или получили ранения, сообщила Национальная служба разведки.",
        [("killed_or_wounded", 4700, "approx", NIS)],
    ),
    (
        "Потери армии КНДР превысили 4 тыс. человек, из них около 1 тыс. погибли.",
        [("killed_or_wounded", 4000, "at_least", ""), ("killed", 1000, "approx", "")],
    ),
    (
        "ВСУ взяли в плен двух северокорейских военнослужащих, сообщила СБУ.",
        [("captured", 2, "exact", "Ukraine SBU")],
    ),
    ("В плен попали двое военнослужащих КНДР.", [("captured", 2, "exact", "")]),
    (
        "Шойгу сообщил, что КНДР направит в Курскую область 1000 саперов и 5000 военных строителей, передает ТАСС.",
        [
            ("sappers_deployed", 1000, "exact", "TASS"),
            ("construction_workers_deployed", 5000, "exact", "TASS"),
        ],
    ),
    (
        "Северная Корея отправила в Россию 6 тысяч военных строителей и тысячу саперов.",
        [
            ("construction_workers_deployed", 6000, "exact", ""),
            ("sappers_deployed", 1000, "exact", ""),
        ],
    ),
    (
        "Буданов заявил, что КНДР передала России более 6 млн артиллерийских снарядов.",
        [("shells_supplied", 6e6, "at_least", GUR)],
    ),
    (
        "Северная Корея поставила России около 250 баллистических ракет KN-23, заявили в Минобороны Южной Кореи.",
        [("missiles_supplied", 250, "approx", "South Korea Defense Ministry")],
    ),
    (
        "Пхеньян передал Москве 120 самоходных артиллерийских установок «Коксан» и 120 РСЗО, сообщила украинская разведка.",
        [
            ("artillery_supplied", 120, "exact", GUR),
            ("rocket_launchers_supplied", 120, "exact", GUR),
        ],
    ),
    (
        "КНДР поставила России миллионы снарядов и десятки ракет.",
        [("shells_supplied", None, "vague", ""), ("missiles_supplied", None, "vague", "")],
    ),
    (
        "Ким Чен Ын посетил шесть оборонных предприятий, сообщило ЦТАК.",
        [("factories_visited", 6, "exact", "KCNA")],
    ),
    (
        "Производство снарядов на заводе выросло вдвое, сообщили северокорейские госСМИ.",
        [("production_change", 2, "exact", "KCNA")],
    ),
    (
        "Северокорейские рабочие трудятся по 12 часов в день и получают около 800 долларов в месяц, пишет NK News.",
        [("work_hours", 12, "exact", "NK News"), ("wage", 800, "approx", "NK News")],
    ),
    (
        "Тысячи северокорейских рабочих направлены на стройки в России, сообщает Би-би-си.",
        [("workers_deployed", None, "vague", "BBC")],
    ),
    (
        "КНДР планирует направить в Россию десятки тысяч рабочих, сообщает Reuters.",
        [("workers_deployed", None, "vague", "Reuters")],
    ),
    (
        "Путин поблагодарил Ким Чен Ына, а Кремль подтвердил участие 11 тысяч военных КНДР в боях.",
        [("troops_deployed", 11000, "exact", RU)],
    ),
    (
        "КНДР направила в Россию еще 3 тысячи военных. Об этом сообщила южнокорейская разведка.",
        [("troops_deployed", 3000, "exact", NIS)],
    ),
    ("Российские войска ликвидировали до 200 военнослужащих ВСУ в Курской области.", []),
    # Distractors: dates, distances, Ukraine's own losses, population, entries of citizens.
    ("Россия начала специальную военную операцию 24 февраля 2022 года.", []),
    ("Курская область граничит с Украиной на протяжении 245 км.", []),
    (
        "ВСУ потеряли в Курской области более 50 тысяч военнослужащих, заявило Минобороны России.",
        [],
    ),
    ("Численность населения КНДР составляет около 26 млн человек.", []),
    ("Товарооборот России и КНДР в 2024 году вырос на 20%.", []),
    ("По информации Интерфакса, в Россию прибыли 1,5 тыс. граждан КНДР.", []),
    ("В 2024 году в Россию въехали более 13 тысяч граждан КНДР, следует из данных ФСБ.", []),
    (
        "По оценке Сеула, Северная Корея поставила России свыше 20 тысяч контейнеров с боеприпасами.",
        [("containers_shipped", 20000, "at_least", NIS)],
    ),
    (
        "Северокорейских военных в Курской области насчитывается до 12 тыс.",
        [("troops_deployed", 12000, "at_most", "")],
    ),
    (
        "Число северокорейских военных в Курской области достигло 11 тысяч, сообщили в ГУР.",
        [("troops_deployed", 11000, "exact", GUR)],
    ),
]


@pytest.mark.parametrize("text,expected", CLAIM_ROWS)
def test_claims(text, expected):
    assert_claims(LANG, text, expected)


def test_object_case_of_a_leader_is_not_a_source():
    # "с Кремлем", "Путину": the Kremlin and Putin as objects, not as the ones speaking.
    text = "КНДР углубляет сотрудничество с Кремлем. Пхеньян отправил в Россию 11 тысяч военных."
    assert _claims(text) == [("troops_deployed", 11000, "exact", "")]


# Short texts: Russian vs Ukrainian (and the neighbours lingua confuses them with).
DETECT_ROWS = [
    ("Более 10 тысяч военных КНДР", "ru"),
    ("около 15 тыс. солдат", "ru"),
    ("По данным ГУР", "ru"),
    ("Буданов заявил", "ru"),
    ("Ракеты KN-23", "ru"),
    ("На фронте", "ru"),
    ("Мобилизация", "ru"),
    ("Все они погибли", "ru"),
    ("Путин и Ким", "ru"),
    ("Северная Корея", "ru"),
    ("Понад 10 тисяч військових КНДР", "uk"),
    ("близько 15 тис. солдатів", "uk"),
    ("За даними ГУР", "uk"),
    ("Буданов заявив", "uk"),
    ("Ракети KN-23", "uk"),
    ("Путін і Кім", "uk"),
    ("Про це пише Yonhap", "uk"),
    ("Північна Корея", "uk"),
]


@pytest.mark.parametrize("text,lang", DETECT_ROWS)
def test_detect_russian_vs_ukrainian(text, lang):
    assert detect_language(text) == lang
