"""Ukrainian language pack (langdata/uk.yaml), table-driven, dateparser-style.

Rows are written from phrasings common in Ukrainian-language wires and papers (Ukrinform,
UNIAN, Ukrainska Pravda, Espreso, Zaxid): numerals in every case, "тис."/"млн", hedges before
the figure (близько, понад, щонайменше, майже, до), inflected cue nouns, both apostrophes
(п'ять, п’ять) and sources such as ГУР, СБУ, Генштаб ЗСУ, ЦТАК; and Ukrainian told from
Russian on short texts.
"""

import pytest

from dprkwatch.language import detect_language
from dprkwatch.numbers import find_quantities, parse_quantity
from langtables import assert_claims, assert_number, claims_brief

LANG = "uk"

# (text, (value, low, high, qualifier)); value None for magnitude words; None: no figure.
NUMBER_ROWS = [
    ("10 тис. морських контейнерів", (10000, 10000, 10000, "exact")),
    ("15тис. солдатів", (15000, 15000, 15000, "exact")),
    ("50 000 робітників", (50000, 50000, 50000, "exact")),
    ("4,8 млн артилерійських снарядів", (4.8e6, 4.8e6, 4.8e6, "exact")),
    ("2 млрд доларів", (2e9, 2e9, 2e9, "exact")),
    ("півтора мільйона снарядів", (1.5e6, 1.5e6, 1.5e6, "exact")),
    ("п'ять тисяч", (5000, 5000, 5000, "exact")),
    ("п’ять тисяч", (5000, 5000, 5000, "exact")),
    ("двох тисяч військових", (2000, 2000, 2000, "exact")),
    ("трьох тисяч", (3000, 3000, 3000, "exact")),
    ("тисяча саперів", (1000, 1000, 1000, "exact")),
    ("двоє військовослужбовців", (2, 2, 2, "exact")),
    ("близько 6 тисяч військовослужбовців", (6000, 5400, 6600, "approx")),
    ("приблизно 13 тисяч бійців", (13000, 11700, 14300, "approx")),
    ("приблизно 4,7 тисячі осіб", (4700, 4230, 5170, "approx")),
    ("майже двох тисяч", (2000, 1800, 2000, "approx")),
    ("орієнтовно 300", (300, 270, 330, "approx")),
    ("понад 10 тис. військових", (10000, 10000, 15000, "at_least")),
    ("щонайменше 10 тис. контейнерів", (10000, 10000, 15000, "at_least")),
    ("не менше ніж 3 тисячі", (3000, 3000, 4500, "at_least")),
    ("більше 500", (500, 500, 750, "at_least")),
    ("принаймні 200", (200, 200, 300, "at_least")),
    ("перевищили 4 тис. осіб", (4000, 4000, 6000, "at_least")),
    ("11 тисяч з гаком", (11000, 11000, 16500, "at_least")),
    ("до 12 тисяч", (12000, 6000, 12000, "at_most")),
    ("не більше ніж 500", (500, 250, 500, "at_most")),
    ("від 10 до 12 тисяч", (11000, 10000, 12000, "range")),
    ("10–12 тис. військових", (11000, 10000, 12000, "range")),
    ("тисячі північнокорейських військових", (None, 2000, 9999, "vague")),
    ("кілька тисяч", (None, 2000, 9999, "vague")),
    ("десятки тисяч робітників", (None, 20000, 99999, "vague")),
    ("десятки балістичних ракет", (None, 24, 99, "vague")),
    ("сотні загиблих", (None, 200, 999, "vague")),
    ("мільйони артснарядів", (None, 2e6, 9999999, "vague")),
    ("12:31, 14 червня 2024", None),
    ("24 лютого", None),
    ("за 2 тижні", None),
]


@pytest.mark.parametrize("text,expected", NUMBER_ROWS)
def test_number_reading(text, expected):
    assert_number(LANG, text, expected)


@pytest.mark.parametrize(
    "text", ["вдвічі", "удвічі", "у два рази", "в 2 рази", "подвоїла виробництво"]
)
def test_doubling(text):
    q = parse_quantity(text, LANG)
    assert (q.kind, q.value) == ("multiplier", 2)


def test_years_and_currency():
    for text in ("Влітку 2024 року", "у 2024 році", "2024 р."):
        assert "year" in parse_quantity(text, LANG).flags
    q = parse_quantity("близько 800 доларів на місяць", LANG)
    assert (q.value, q.qualifier, q.currency) == (800, "approx", "USD")
    assert [
        q.value for q in find_quantities("12:31, 14 червня 2024. Прибули 300 військових", LANG)
    ] == [300]


def _claims(text):
    return claims_brief(LANG, text)


NIS, GUR, UA, US = "South Korea NIS", "Ukraine GUR", "Ukraine government", "US government"

# (sentence, expected claims as (indicator, value, qualifier, attributed_to)).
CLAIM_ROWS = [
    (
        "За даними ГУР, КНДР відправила до Росії близько 11 тисяч військовослужбовців.",
        [("troops_deployed", 11000, "approx", GUR)],
    ),
    (
        "За даними української розвідки, у Росії перебувають понад 12 тис. військових КНДР.",
        [("troops_deployed", 12000, "at_least", GUR)],
    ),
    (
        "Як повідомляє Yonhap з посиланням на NIS, КНДР відправила до Росії додатково 3 тисячі військових.",
        [("troops_deployed", 3000, "exact", NIS)],
    ),
    (
        "КНДР може відправити ще до 6 тисяч військових, вважають у Національній службі розвідки.",
        [("troops_deployed", 6000, "at_most", NIS)],
    ),
    (
        "За інформацією Пентагону, Пхеньян направив до Курської області від 10 до 12 тисяч військових.",
        [("troops_deployed", 11000, "range", US)],
    ),
    (
        "У Курській області воюють близько 11 тис. північнокорейських військових, повідомляє ISW.",
        [("troops_deployed", 11000, "approx", "ISW")],
    ),
    (
        "Південнокорейська розвідка повідомляє про загибель майже двох тисяч військовослужбовців Північної Кореї.",
        [("killed", 2000, "approx", NIS)],
    ),
    (
        "Південнокорейська розвідка повідомила, що в боях на Курщині загинули щонайменше 300 військових КНДР, ще 2700 отримали поранення.",
        [("killed", 300, "at_least", NIS), ("wounded", 2700, "exact", NIS)],
    ),
    (
        "На Курщині загинуло до 600 північнокорейських солдатів, ще близько 4 тисяч було поранено, повідомляє Yonhap.",
        [("killed", 600, "at_most", "Yonhap"), ("wounded", 4000, "approx", "Yonhap")],
    ),
    (
        "Зеленський заявив, що втрати північнокорейських військ становлять понад 4 тисячі вбитими та пораненими.",
        [("killed_or_wounded", 4000, "at_least", UA)],
    ),
    (
        "Втрати армії КНДР перевищили 4 тис. осіб, з них близько 1 тис. загинули.",
        [("killed_or_wounded", 4000, "at_least", ""), ("killed", 1000, "approx", "")],
    ),
    (
        "Генштаб ЗСУ повідомив, що за добу ліквідовано 200 військових КНДР.",
        [("killed", 200, "exact", UA)],
    ),
    (
        "Сеул вважає, що КНДР втратила близько 2 тисяч військових убитими.",
        [("killed", 2000, "approx", "")],
    ),
    (
        "Сили оборони взяли в полон двох північнокорейських солдатів, повідомила СБУ.",
        [("captured", 2, "exact", "Ukraine SBU")],
    ),
    ("У полон потрапили двоє військовослужбовців КНДР.", [("captured", 2, "exact", "")]),
    (
        "За словами Шойгу, КНДР направить на Курщину 1000 саперів і 5000 військових будівельників, повідомляє ТАСС.",
        [
            ("sappers_deployed", 1000, "exact", "TASS"),
            ("construction_workers_deployed", 5000, "exact", "TASS"),
        ],
    ),
    (
        "Північна Корея відправила до Росії 6 тисяч військових будівельників і тисячу саперів.",
        [
            ("construction_workers_deployed", 6000, "exact", ""),
            ("sappers_deployed", 1000, "exact", ""),
        ],
    ),
    (
        "Буданов заявив, що Північна Корея передала Росії понад 4 млн артилерійських снарядів.",
        [("shells_supplied", 4e6, "at_least", GUR)],
    ),
    (
        "Міністр оборони Південної Кореї заявив, що КНДР відправила до Росії понад 10 тис. контейнерів із боєприпасами.",
        [("containers_shipped", 10000, "at_least", "South Korea Defense Ministry")],
    ),
    (
        "КНДР передала Росії близько 250 балістичних ракет KN-23, заявили в Міноборони Південної Кореї.",
        [("missiles_supplied", 250, "approx", "South Korea Defense Ministry")],
    ),
    (
        "Пхеньян передав Москві 120 самохідних гармат «Коксан» і 120 РСЗВ, повідомили в ГУР.",
        [
            ("artillery_supplied", 120, "exact", GUR),
            ("rocket_launchers_supplied", 120, "exact", GUR),
        ],
    ),
    (
        "КНДР передала Росії мільйони снарядів і десятки ракет.",
        [("shells_supplied", None, "vague", ""), ("missiles_supplied", None, "vague", "")],
    ),
    (
        "Кім Чен Ин відвідав п'ять оборонних підприємств, повідомило ЦТАК.",
        [("factories_visited", 5, "exact", "KCNA")],
    ),
    (
        "Виробництво снарядів у КНДР зросло вдвічі, стверджує воєнна розвідка.",
        [("production_change", 2, "exact", GUR)],
    ),
    (
        "Північнокорейські робітники працюють по 12 годин на день і отримують близько 800 доларів на місяць, пише NK News.",
        [("work_hours", 12, "exact", "NK News"), ("wage", 800, "approx", "NK News")],
    ),
    (
        "Тисячі північнокорейських робітників працюють на будівництвах у Росії, повідомляє BBC.",
        [("workers_deployed", None, "vague", "BBC")],
    ),
    (
        "Північна Корея планує відправити до Росії десятки тисяч робітників, повідомляє Reuters.",
        [("workers_deployed", None, "vague", "Reuters")],
    ),
    (
        "Кількість північнокорейських військових у Курській області сягнула 11 тисяч, повідомили в ГУР.",
        [("troops_deployed", 11000, "exact", GUR)],
    ),
    (
        "У Курській області загинули понад 200 військових КНДР. Про це заявив Буданов.",
        [("killed", 200, "at_least", GUR)],
    ),
    ("Сили оборони взяли в полон 30 військовослужбовців ЗСУ.", []),
    # Distractors: dates, distances, Russia's own losses, population, entries of citizens.
    ("Росія розпочала повномасштабне вторгнення 24 лютого 2022 року.", []),
    ("Сили оборони знищили понад 1000 російських окупантів за добу.", []),
    ("Протяжність кордону з Курською областю становить 245 км.", []),
    ("Населення КНДР становить близько 26 млн осіб.", []),
    ("У 2024 році до Росії в'їхали понад 13 тисяч громадян КНДР.", []),
    (
        "Водночас, за оцінкою Генштабу ЗСУ, втрати північнокорейського контингенту з початку бойових "
        "дій становлять понад 5 тисяч осіб.",
        [("killed_or_wounded", 5000, "at_least", UA)],
    ),
    (
        "За оцінкою Сеула, КНДР відправила до Росії понад 10 тисяч військових.",
        [("troops_deployed", 10000, "at_least", NIS)],
    ),
]


@pytest.mark.parametrize("text,expected", CLAIM_ROWS)
def test_claims(text, expected):
    assert_claims(LANG, text, expected)


def test_object_case_of_a_leader_is_not_a_source():
    # "з Кремлем": the Kremlin as a partner, not as the one speaking.
    text = (
        "Пхеньян поглиблює співпрацю з Кремлем. КНДР перекинула до Росії близько 15 тисяч солдатів."
    )
    assert _claims(text) == [("troops_deployed", 15000, "approx", "")]


# Short texts: Ukrainian vs Russian (and the neighbours lingua confuses them with).
DETECT_ROWS = [
    ("Понад 10 тисяч військових КНДР", "uk"),
    ("близько 15 тис. солдатів", "uk"),
    ("КНДР надіслала 12 тисяч", "uk"),
    ("За даними ГУР", "uk"),
    ("Буданов заявив", "uk"),
    ("Ракети KN-23", "uk"),
    ("Путін і Кім", "uk"),
    ("Про це пише Yonhap", "uk"),
    ("Генштаб ЗСУ", "uk"),
    ("сотні загиблих", "uk"),
    ("в Росії", "uk"),
    ("Более 10 тысяч военных КНДР", "ru"),
    ("КНДР направила 12 тысяч", "ru"),
    ("сотни погибших", "ru"),
    ("в России", "ru"),
    ("Ракеты KN-23", "ru"),
]


@pytest.mark.parametrize("text,lang", DETECT_ROWS)
def test_detect_ukrainian_vs_russian(text, lang):
    assert detect_language(text) == lang
