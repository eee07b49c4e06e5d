"""Korean language pack (langdata/ko.yaml), table-driven, dateparser-style.

Rows are written from phrasings common in Korean wires and papers (Yonhap, KBS, NIS briefings
relayed by lawmakers, Chosun, Kukmin): myriad numbers glued to counters, suffix hedges,
particles on every noun, sources such as 국정원, 합참, 국방정보본부 and 조선중앙통신.
"""

import pytest

from dprkwatch.ingest.detect import detect_language
from dprkwatch.lang.segment import split_sentences
from dprkwatch.numbers import find_quantities, parse_quantity
from langtables import assert_claims, assert_number, claims_brief

LANG = "ko"

# (text, (value, low, high, qualifier)); value None for magnitude words; None: no figure.
NUMBER_ROWS = [
    ("1만5천명", (15000, 15000, 15000, "exact")),
    ("1만 5000명이", (15000, 15000, 15000, "exact")),
    ("1만 2천 명", (12000, 12000, 12000, "exact")),
    ("4천700명", (4700, 4700, 4700, "exact")),
    ("1만2000명 규모의 병력", (12000, 12000, 12000, "exact")),
    ("12,000명", (12000, 12000, 12000, "exact")),
    ("1천200만 발", (1.2e7, 1.2e7, 1.2e7, "exact")),
    ("2천3백 명", (2300, 2300, 2300, "exact")),
    ("3천만 발", (3e7, 3e7, 3e7, "exact")),
    ("1억2천만", (1.2e8, 1.2e8, 1.2e8, "exact")),
    ("480만 발", (4.8e6, 4.8e6, 4.8e6, "exact")),
    ("천 명", (1000, 1000, 1000, "exact")),
    ("만 명이", (10000, 10000, 10000, "exact")),
    ("600여 명", (600, 540, 660, "approx")),
    ("1만여명을 파견", (10000, 9000, 11000, "approx")),
    ("940여만 발에 달한다", (9.4e6, 8.46e6, 1.034e7, "approx")),
    ("100여기를 넘겼다", (100, 90, 110, "approx")),
    ("약 1만2000명", (12000, 10800, 13200, "approx")),
    ("1만명 가량의 병력", (10000, 9000, 11000, "approx")),
    ("2만 명 안팎으로", (20000, 18000, 22000, "approx")),
    ("월 100달러 안팎", (100, 90, 110, "approx")),
    ("800달러가량을", (800, 720, 880, "approx")),
    ("거의 3천 명", (3000, 2700, 3000, "approx")),
    ("2만여 개 이상", (20000, 20000, 30000, "at_least")),
    ("약 2만여 개 이상으로 평가", (20000, 20000, 30000, "at_least")),
    ("5만명을 넘어설 것", (50000, 50000, 75000, "at_least")),
    ("1만명이 넘는", (10000, 10000, 15000, "at_least")),
    ("최소 1만명", (10000, 10000, 15000, "at_least")),
    ("최대 4만1000 명을", (41000, 20500, 41000, "at_most")),
    ("3천 명 미만", (3000, 1500, 3000, "at_most")),
    ("1만∼1만2000명", (11000, 10000, 12000, "range")),
    ("100~200달러", (150, 100, 200, "range")),
    ("12∼16시간", (14, 12, 16, "range")),
    ("수천 명의 병력", (None, 2000, 9999, "vague")),
    ("수만 명", (None, 20000, 99999, "vague")),
    ("수백만 발의 포탄", (None, 2e6, 9999999, "vague")),
    ("수십 발의 미사일", (None, 24, 99, "vague")),
    ("세 곳", (3, 3, 3, "exact")),
    ("10월 23일", None),
    ("2024.10.23", None),
    ("오전 6시부터", None),
]


@pytest.mark.parametrize("text,expected", NUMBER_ROWS)
def test_number_reading(text, expected):
    assert_number(LANG, text, expected)


def test_multipliers():
    for text in ("포탄 생산량을 두 배로 늘렸다", "생산량이 2배 늘었다"):
        q = parse_quantity(text, LANG)
        assert (q.kind, q.value) == ("multiplier", 2)


def test_dates_years_and_currency():
    qs = find_quantities("2024년 10월 23일 북한군 1만1천명이 이동했다.", LANG)
    assert [q.value for q in qs if "year" not in q.flags] == [11000]
    q = parse_quantity("13만~26만원", LANG)
    assert (q.value, q.qualifier, q.currency) == (195000, "range", "KRW")
    assert parse_quantity("월 100~200달러", LANG).currency == "USD"


def test_sentences_without_space_after_period():
    text = "북한은 병력을 보냈다.국정원은 이같이 밝혔다. 규모는 1.5배다."
    spans = split_sentences(text, LANG)
    assert [text[a:b] for a, b in spans] == [
        "북한은 병력을 보냈다.",
        "국정원은 이같이 밝혔다.",
        "규모는 1.5배다.",
    ]


def _claims(text):
    return claims_brief(LANG, text)


NIS, JCS, DIA = "South Korea NIS", "South Korea JCS", "South Korea DIA"
GUR, UA, US = "Ukraine GUR", "Ukraine government", "US government"

# (sentence, expected claims as (indicator, value, qualifier, attributed_to)).
CLAIM_ROWS = [
    (
        "국가정보원은 북한이 러시아에 특수부대 등 1만2000명 규모의 병력을 파병하기로 결정했다고 밝혔다.",
        [("troops_deployed", 12000, "exact", NIS)],
    ),
    (
        "국정원에 따르면 북한은 러시아에 1만 5000명 규모의 병력을 보냈다.",
        [("troops_deployed", 15000, "exact", NIS)],
    ),
    (
        "합참은 북한이 최근 러시아에 약 3000명의 병력을 추가로 파병한 것으로 파악됐다고 밝혔다.",
        [("troops_deployed", 3000, "approx", JCS)],
    ),
    (
        "합참에 따르면 북한은 러시아에 약 1만1천 명을 파병했고, 이 중 약 4천 명이 사상한 것으로 추정된다.",
        [("troops_deployed", 11000, "approx", JCS), ("killed_or_wounded", 4000, "approx", JCS)],
    ),
    (
        "북한군 약 1만1천명이 쿠르스크 전선에 배치됐다고 미 정보당국이 밝혔다.",
        [("troops_deployed", 11000, "approx", "US intelligence")],
    ),
    (
        "백악관은 북한이 러시아에 1만∼1만2000명의 병력을 보냈다고 평가했다.",
        [("troops_deployed", 11000, "range", US)],
    ),
    (
        "북한이 러시아에 병력 1만 명 이상을 보냈다고 로이터통신이 보도했다.",
        [("troops_deployed", 10000, "at_least", "Reuters")],
    ),
    (
        "미 국방부는 북한군 수천 명이 쿠르스크에서 전투에 참여하고 있다고 밝혔다.",
        [("troops_deployed", None, "vague", US)],
    ),
    (
        "국정원은 북한이 러시아에 1만여 명을 추가 파병할 가능성이 있다고 내다봤다.",
        [("troops_deployed", 10000, "approx", NIS)],
    ),
    (
        '북한군 사상자 3천명 넘어…국정원 "전사자 300여명"',
        [("killed_or_wounded", 3000, "at_least", NIS), ("killed", 300, "approx", NIS)],
    ),
    (
        "국정원은 북한군이 쿠르스크 전투에 투입돼 최소 수백 명의 사상자가 발생한 것으로 파악했다.",
        [("killed_or_wounded", None, "vague", NIS)],
    ),
    (
        "미 국무부는 북한군 1000명 이상이 지난 1주일 동안 사망하거나 다쳤다고 밝혔다.",
        [("killed_or_wounded", 1000, "at_least", US)],
    ),
    (
        "젤렌스키 대통령은 쿠르스크에서 북한군 포로 2명을 생포했다고 밝혔다.",
        [("captured", 2, "exact", UA)],
    ),
    (
        "북한군 포로 2명이 한국행을 희망하고 있다고 국정원이 밝혔다.",
        [("captured", 2, "exact", NIS)],
    ),
    (
        "북한은 지금까지 러시아에 포탄 1200만 발 이상을 제공한 것으로 추정된다고 합참은 밝혔다.",
        [("shells_supplied", 1.2e7, "at_least", JCS)],
    ),
    (
        "국방정보본부는 북한이 보낸 포탄이 최소 900만 발에 달한다고 밝혔다.",
        [("shells_supplied", 9e6, "at_least", DIA)],
    ),
    (
        "국방정보본부는 북한이 컨테이너 2만8000여 개 분량의 무기를 러시아에 보냈다고 평가했다.",
        [("containers_shipped", 28000, "approx", DIA)],
    ),
    (
        "북한이 러시아에 보낸 KN-23 탄도미사일은 100여 발에 이르는 것으로 파악됐다.",
        [("missiles_supplied", 100, "approx", "")],
    ),
    (
        "우크라이나 국방정보국은 북한이 러시아에 170㎜ 자주포 120문과 240㎜ 방사포 120문을 보냈다고 밝혔다.",
        [
            ("artillery_supplied", 120, "exact", GUR),
            ("rocket_launchers_supplied", 120, "exact", GUR),
        ],
    ),
    (
        "북한은 러시아에 6천 명의 군사 건설 인력과 1천 명의 공병을 보내기로 했다고 조선중앙통신이 보도했다.",
        [
            ("construction_workers_deployed", 6000, "exact", "KCNA"),
            ("sappers_deployed", 1000, "exact", "KCNA"),
        ],
    ),
    (
        "타스통신에 따르면 쇼이구는 북한이 지뢰 제거 인력 1000명을 쿠르스크에 파견할 것이라고 말했다.",
        [("sappers_deployed", 1000, "exact", "TASS")],
    ),
    (
        "우크라이나 정보총국은 북한이 러시아에 1만2천 명의 근로자를 보낼 것이라고 밝혔다.",
        [("workers_deployed", 12000, "exact", GUR)],
    ),
    (
        "북한 노동자 수천 명이 러시아 건설 현장에 투입되고 있다고 연합뉴스가 보도했다.",
        [("workers_deployed", None, "vague", "Yonhap")],
    ),
    (
        "러시아에 입국한 북한 노동자는 지난해 1만3000명을 넘어섰다고 NK뉴스가 보도했다.",
        [("workers_deployed", 13000, "at_least", "NK News")],
    ),
    (
        "러시아에 체류하는 북한 노동자 수는 2만 명 안팎으로 추정된다.",
        [("workers_deployed", 20000, "approx", "")],
    ),
    (
        "러시아 내 북한 노동자는 하루 평균 16시간을 일한다고 BBC가 전했다.",
        [("work_hours", 16, "exact", "BBC")],
    ),
    (
        "북한 노동자들은 월 800달러가량을 받는다고 소식통은 전했다.",
        [("wage", 800, "approx", "")],
    ),
    (
        "북한의 포탄 생산량이 두 배로 늘었다고 국정원은 분석했다.",
        [("production_change", 2, "exact", NIS)],
    ),
    (
        "김 위원장은 포탄 생산 공장 세 곳을 시찰했다고 조선중앙통신이 전했다.",
        [("factories_visited", 3, "exact", "KCNA")],
    ),
    (
        "러시아에 파병된 북한군 규모는 1만2000명으로 늘었다.",
        [("troops_deployed", 12000, "exact", "")],
    ),
    (
        "북한군 사상자는 4천700명에 달한다. 국정원은 4일 국회 정보위원회에서 이같이 보고했다.",
        [("killed_or_wounded", 4700, "exact", NIS)],
    ),
    ("우크라이나군은 러시아군 1천350명을 사살했다고 밝혔다.", []),
    # Distractors: launches, dates, distances, population, percentages are not claims.
    ("북한은 지난 3일 동해상으로 단거리 탄도미사일 2발을 발사했다고 합참이 밝혔다.", []),
    ("러시아는 2022년 2월 24일 우크라이나를 침공했다.", []),
    ("이 공장은 모스크바에서 동쪽으로 약 900㎞ 떨어져 있다.", []),
    ("북한 인구는 약 2천600만 명이다.", []),
    ("올해 3분기 북한의 대중 무역액은 전년 대비 20% 증가했다.", []),
    (
        "러시아에서 탈출한 북한 노동자 6명의 증언에 따르면 이들은 공항에 도착하자마자 현장으로 향했다.",
        [],
    ),
    (
        "국정원은 러시아에 파병된 북한군 1만1000여명 중 사상자가 4700명에 달한다고 보고했다.",
        [("troops_deployed", 11000, "approx", NIS), ("killed_or_wounded", 4700, "exact", NIS)],
    ),
    (
        "북한이 러시아에 공병 1000명과 군사 건설인력 5000명을 보내기로 했다고 쇼이구 서기가 밝혔다.",
        [
            ("sappers_deployed", 1000, "exact", "Russia government"),
            ("construction_workers_deployed", 5000, "exact", "Russia government"),
        ],
    ),
    (
        "북한 노동자들은 하루 12시간 이상 일한다.",
        [("work_hours", 12, "at_least", "")],
    ),
    # Generalization probe: new phrasings written for this test (not from the development
    # articles), with the expected claims decided before running them.
    (
        "국회 정보위원회 여당 간사인 이성권 의원은 국정원이 북한군 사상자가 약 4천700명에 이른다고 보고했다고 전했다.",
        [("killed_or_wounded", 4700, "approx", NIS)],
    ),
    (
        "박선원 의원에 따르면 북한은 러시아에 3천여 명을 추가로 파병했다.",
        [("troops_deployed", 3000, "approx", "South Korea lawmakers")],
    ),
    (
        "북한군 전사자는 최소 600명, 부상자는 4천 명가량으로 집계됐다고 합참이 밝혔다.",
        [("killed", 600, "at_least", JCS), ("wounded", 4000, "approx", JCS)],
    ),
    (
        "국정원은 북한이 러시아에 10,000명 이상의 병력을 보낸 것으로 파악했다.",
        [("troops_deployed", 10000, "at_least", NIS)],
    ),
    (
        "우크라이나군이 생포한 북한군 포로는 모두 3명으로 늘었다고 젤렌스키 대통령이 밝혔다.",
        [("captured", 3, "exact", UA)],
    ),
    (
        "북한이 지난해 8월 이후 러시아에 보낸 컨테이너는 1만3천 개가 넘는다고 국방부가 밝혔다.",
        [("containers_shipped", 13000, "at_least", "South Korea Defense Ministry")],
    ),
    (
        "신원식 국방부 장관은 북한이 포탄 약 480만 발을 러시아에 넘겼다고 말했다.",
        [("shells_supplied", 4.8e6, "approx", "South Korea Defense Ministry")],
    ),
    (
        "러시아 건설 현장의 북한 노동자들은 한 달에 평균 1천 달러 안팎을 받지만 대부분을 당국에 상납한다고 데일리NK가 보도했다.",
        [("wage", 1000, "approx", "Daily NK")],
    ),
    (
        "북한 노동자들은 하루 최대 18시간까지 일하고 있다고 NK뉴스가 전했다.",
        [("work_hours", 18, "at_most", "NK News")],
    ),
    ("포로로 잡힌 북한군 병사는 26세로, 2021년 입대했다고 진술했다.", []),
    ("러시아의 미사일 공격으로 키이우에서 민간인 12명이 숨지고 40여 명이 다쳤다.", []),
    ("북한은 무기 수출로 최대 200억 달러를 벌어들였을 수 있다고 한 연구소가 추산했다.", []),
    (
        "북한군은 쿠르스크에서 약 30㎞ 떨어진 지역에 주둔하고 있으며 152㎜ 포탄의 절반가량은 불발탄으로 드러났다.",
        [],
    ),
    (
        "우크라이나 정보총국은 북한이 지금까지 KN-23·KN-24 탄도미사일 148기를 러시아에 제공했다고 밝혔다.",
        [("missiles_supplied", 148, "exact", GUR)],
    ),
    (
        "북한은 작년 10월 병력 1만1천 명을 보낸 데 이어 올해 초 3천 명을 추가 파병했다고 국정원이 밝혔다.",
        [("troops_deployed", 11000, "exact", NIS), ("troops_deployed", 3000, "exact", NIS)],
    ),
    (
        "북한군 사망자는 약 2천 명, 부상자는 약 2천700 명으로 추정된다고 국정원은 밝혔다.",
        [("killed", 2000, "approx", NIS), ("wounded", 2700, "approx", NIS)],
    ),
    (
        "국가정보원은 북한이 러시아에 최대 1만5천 명의 노동자를 추가로 보낼 계획이라고 밝혔다.",
        [("workers_deployed", 15000, "at_most", NIS)],
    ),
    (
        "지뢰 제거를 위해 북한군 공병 수백 명이 투입됐다고 러시아 국방부가 밝혔다.",
        [("sappers_deployed", None, "vague", "Russia government")],
    ),
    (
        "미국 국무부는 북한이 러시아에 병력 1만 명을 추가로 보낼 수 있다고 경고했다.",
        [("troops_deployed", 10000, "exact", US)],
    ),
    (
        "우크라이나 보안국(SBU)은 북한군 병사 1명을 생포했다고 밝혔다.",
        [("captured", 1, "exact", "Ukraine SBU")],
    ),
    (
        "북한군 사상자가 3천 명을 넘어섰다. 국정원은 13일 국회 정보위원회 비공개 회의에서 이 같은 내용을 보고했다.",
        [("killed_or_wounded", 3000, "at_least", NIS)],
    ),
    ("포로가 된 북한군 병사는 2005년생으로 2021년 입대했다고 진술했다.", []),
    (
        "국정원은 북한이 러시아에 추가로 파견한 병력이 1천∼3천 명 수준이라고 밝혔다.",
        [("troops_deployed", 2000, "range", NIS)],
    ),
    (
        "러시아에 파견된 북한 노동자는 만 명을 웃도는 것으로 알려졌다.",
        [("workers_deployed", 10000, "at_least", "")],
    ),
    (
        "북한은 러시아에 152㎜ 포탄 등 포탄류 약 1천200만 발을 지원했다고 국방정보본부가 밝혔다.",
        [("shells_supplied", 1.2e7, "approx", DIA)],
    ),
    ('국정원 "북한, 러시아에 근로자 1만5천명 파견"', [("workers_deployed", 15000, "exact", NIS)]),
    (
        "국회 국방위원회 소속 유용원 의원은 북한군 전사자가 최소 2천 명에 달할 것으로 추정했다.",
        [("killed", 2000, "at_least", "South Korea lawmakers")],
    ),
    ("북한 노동자의 월급은 미화 100~200달러 수준인 것으로 전해졌다.", [("wage", 150, "range", "")]),
    ("北 근로자, 러 공장서 하루 12시간씩 근무", [("work_hours", 12, "exact", "")]),
    (
        "북한이 보낸 170㎜ 자주포는 모두 200여 문에 이른다고 우크라이나 국방정보국이 밝혔다.",
        [("artillery_supplied", 200, "approx", GUR)],
    ),
    (
        "우크라이나 측은 북한군 1천여 명이 쿠르스크 전선에서 전사하거나 다쳤다고 주장했다.",
        [("killed_or_wounded", 1000, "approx", UA)],
    ),
    ("러시아 파병 북한군은 대부분 10대 후반에서 20대 초반의 젊은 병사들이다.", []),
    ("국정원은 북한군 사상자 가운데 약 30%가 사망자라고 분석했다.", []),
    ("북한은 2024년 10월부터 러시아 쿠르스크 지역에 병력을 보냈다.", []),
    (
        "북한이 러시아에 보낸 병력 1만1천 명 가운데 사상자는 4천 명가량으로 추정된다.",
        [("troops_deployed", 11000, "exact", ""), ("killed_or_wounded", 4000, "approx", "")],
    ),
    ("러시아 당국 통계에 따르면 지난해 북한 주민 1만3천여 명이 러시아에 입국했다.", []),
    (
        "북한은 러시아에 122㎜ 방사포 탄약을 포함해 포탄 수백만 발을 넘긴 것으로 파악됐다.",
        [("shells_supplied", None, "vague", "")],
    ),
    (
        "김정은 국무위원장이 미사일 공장 등 군수공업 기업소 다섯 곳을 현지지도했다고 조선중앙통신이 보도했다.",
        [("factories_visited", 5, "exact", "KCNA")],
    ),
    (
        '정보위 야당 간사인 박선원 의원은 "북한군 사망자가 최소 300명, 부상자는 2천700명에 이른다"고 말했다. 이는 국정원 보고 내용을 인용한 것이다.',
        [("killed", 300, "at_least", NIS), ("wounded", 2700, "exact", NIS)],
    ),
    ("소식통에 따르면 북한 노동자들의 시급은 3달러 수준이다.", [("wage", 3, "exact", "")]),
    (
        "북한이 러시아에 제공한 탄약 컨테이너는 누적 2만 개를 넘어섰다고 합참 관계자가 전했다.",
        [("containers_shipped", 20000, "at_least", JCS)],
    ),
    (
        "우크라이나 국방정보국(HUR)에 따르면 북한은 러시아에 1천만 발 이상의 포탄을 넘겼다.",
        [("shells_supplied", 1e7, "at_least", GUR)],
    ),
    ("러시아군은 하루 평균 1천500명의 병력을 잃고 있다고 영국 국방부가 밝혔다.", []),
    ("올해 북한의 대러 수출액은 전년 대비 3배 늘었다.", []),
    (
        "쿠르스크 지역에서 북한군 40여 명이 숨진 채 발견됐다고 우크라이나 특수작전군이 밝혔다.",
        [("killed", 40, "approx", "Ukraine military")],
    ),
    ("북한군 포로 한 명은 한국으로 가고 싶다는 뜻을 밝혔다.", []),
    (
        "자유아시아방송(RFA)은 러시아 극동 지역에 파견된 북한 노동자가 1만 명을 넘는다고 보도했다.",
        [("workers_deployed", 10000, "at_least", "Radio Free Asia")],
    ),
]


@pytest.mark.parametrize("text,expected", CLAIM_ROWS)
def test_claims(text, expected):
    assert_claims(LANG, text, expected)


def test_claims_across_sentences():
    text = (
        "국정원에 따르면 북한군 1만1천여 명이 쿠르스크에 배치됐다. "
        "이 가운데 사망자는 600여 명으로 파악됐다."
    )
    assert _claims(text) == [
        ("troops_deployed", 11000, "approx", NIS),
        ("killed", 600, "approx", NIS),
    ]


DETECT_ROWS = [
    ("북한군 1만1천명 파병", "ko"),
    ('국정원 "사상자 4천700명"', "ko"),
    ("北, 러시아에 병력 파견", "ko"),
]


@pytest.mark.parametrize("text,lang", DETECT_ROWS)
def test_detect_korean(text, lang):
    assert detect_language(text) == lang
