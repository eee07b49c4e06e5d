"""Attribution as analysts cite it: institutions, the people speaking for them, relays, dates.

Each case is a wire-style paragraph written for the test.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from dprkwatch import Document, claims_from_document
from dprkwatch.core.errors import LanguagePackError
from dprkwatch.lang import people as people_mod
from dprkwatch.ledger import originators

# Rows of data, as the language tables are (dateparser style).
COUNTRIES = yaml.safe_load(
    (Path(__file__).parent / "data" / "attribution" / "countries.yaml").read_text(encoding="utf-8")
)


def _claims(text: str, lang: str = "en", published: dt.date | None = None) -> list[dict]:
    doc = Document(doc_id="t", path="", text=text, language=lang, published=published)
    return claims_from_document(doc)


def _who(text: str, lang: str = "en", published: dt.date | None = None) -> list[tuple]:
    return [
        (r["indicator"], r["attributed_to"], r["speaker"], r["relayed_by"])
        for r in _claims(text, lang, published)
    ]


def test_a_person_speaks_for_their_institution():
    text = "North Korea has sent 11,000 troops to Russia, Kyrylo Budanov said on Tuesday."
    assert _who(text) == [("troops_deployed", "Ukraine GUR (Kyrylo Budanov)", "Kyrylo Budanov", "")]


@pytest.mark.parametrize(
    ("published", "institution"),
    [
        (dt.date(2024, 1, 10), "Russia Defense Ministry"),
        (dt.date(2025, 6, 17), "Russia Security Council"),
    ],
)
def test_the_institution_is_the_one_the_person_held_on_the_day(published, institution):
    text = "Pyongyang will send 1,000 deminers to the Kursk region, Sergei Shoigu said."
    ((_, attributed, speaker, _),) = _who(text, published=published)
    assert attributed == f"{institution} (Sergei Shoigu)" and speaker == "Sergei Shoigu"


@pytest.mark.parametrize(
    ("dateline", "institution"),
    [
        ("Moscow, 10 January 2024", "Russia Defense Ministry"),
        ("Moscow, 17 June 2025", "Russia Security Council"),
        ("Moscow", "Russia Security Council"),  # no date at all: the latest office
    ],
)
def test_an_undated_document_dates_the_person_by_its_own_text(dateline, institution):
    text = f"{dateline}. Pyongyang will send 1,000 deminers to Kursk, Sergei Shoigu said."
    ((_, attributed, _, _),) = _who(text)
    assert attributed == f"{institution} (Sergei Shoigu)"


def test_a_transliteration_of_the_press_names_the_person():
    text = "Pyongyang will send 1,000 deminers to Kursk, Sergey Shoygu said on Tuesday."
    ((_, attributed, _, _),) = _who(text, published=dt.date(2025, 6, 17))
    assert attributed == "Russia Security Council (Sergei Shoigu)"


def test_an_office_the_sentence_names_wins_over_the_date():
    text = (
        "North Korea has shipped more than 9,000 containers of arms to Russia, "
        "South Korea's Defense Ministry said, quoting minister Shin Won-sik."
    )
    ((_, attributed, _, _),) = _who(text, published=dt.date(2025, 1, 5))
    assert attributed == "South Korea Ministry of National Defense (Shin Won-sik)"


def test_the_same_person_in_other_scripts():
    ko = "부다노프 국장은 북한군 1만1000명이 쿠르스크에 배치됐다고 밝혔다."
    ru = "Буданов заявил, что КНДР перебросила в Россию 11 тысяч военных."
    for text, lang in ((ko, "ko"), (ru, "ru")):
        assert [w[1] for w in _who(text, lang)] == ["Ukraine GUR (Kyrylo Budanov)"]


def test_an_outlet_beside_an_agency_relays_it():
    text = "North Korea has sent about 15,000 troops to Russia, Yonhap reported, citing the NIS."
    assert _who(text) == [("troops_deployed", "South Korea NIS", "", "Yonhap")]


def test_lawmakers_relay_the_agency_that_briefed_them():
    text = (
        "The National Intelligence Service briefed lawmakers on Wednesday.\n\n"
        "About 600 North Korean soldiers have been killed in Russia, lawmaker Lee Seong-kweun said."
    )
    assert _who(text) == [
        ("killed", "South Korea NIS", "", "South Korea lawmakers (Lee Seong-kweun)")
    ]


def test_a_lawmaker_citing_intelligence_relays_his_own_countrys_agency():
    text = (
        "SEOUL, Nov 3 - Lawmakers were briefed behind closed doors on Wednesday.\n\n"
        "North Korea has sent about 3,000 more troops to Russia, lawmaker Lee Seong-kweun told "
        "reporters after the session, citing intelligence."
    )
    assert _who(text) == [
        ("troops_deployed", "South Korea NIS", "", "South Korea lawmakers (Lee Seong-kweun)")
    ]
    ko = "이성권 의원은 정보당국에 따르면 북한이 러시아에 3000명을 추가 파병했다고 말했다."
    assert [w[1] for w in _who(ko, "ko")] == ["South Korea NIS"]


def test_the_subject_of_reported_speech_sends_and_the_source_stays():
    text = (
        "SEOUL - Der südkoreanische Geheimdienst NIS informierte am Mittwoch die Abgeordneten "
        "des Geheimdienstausschusses. Die nordkoreanischen Behörden hätten rund 3.000 weitere "
        "Soldaten nach Russland geschickt, hieß es. Sie sollen im Gebiet Kursk eingesetzt werden."
    )
    assert [w[1] for w in _who(text, "de")] == ["South Korea NIS (Geheimdienst NIS)"]


def test_the_named_office_subsumes_the_generic_government():
    text = "About 3,000 North Korean soldiers were killed, Ukrainian President Volodymyr Zelensky said."
    ((_, attributed, _, _),) = _who(text)
    assert originators(attributed) == ["Ukraine Presidential Office"]


def test_originators_drop_the_speakers():
    assert originators("White House (John Kirby); South Korea NIS") == [
        "White House",
        "South Korea NIS",
    ]
    assert originators("") == [] and originators(None) == []


@pytest.mark.parametrize(
    ("roles", "message"),
    [
        # every role names an institution base.yaml knows
        (["{institution: Ministry of Nowhere}"], r"Jane Doe\.roles: .Ministry of Nowhere."),
        # the undated mark is a boolean, on one role at most
        (
            ["{institution: US Department of State, undated: yes please}"],
            r"Jane Doe\.roles: undated: 'yes please' is not true",
        ),
        (
            ["{institution: US Department of State, undated: true}"] * 2,
            r"Jane Doe\.roles: at most one role is marked undated",
        ),
    ],
)
def test_people_file_errors_name_the_person_and_key(monkeypatch, tmp_path, roles, message):
    bad = tmp_path / "people.yaml"
    lines = "".join(f"    - {r}\n" for r in roles)
    bad.write_text(f"Jane Doe:\n  names: [Doe]\n  roles:\n{lines}", encoding="utf-8")
    monkeypatch.setattr(people_mod, "PEOPLE_FILE", bad)
    people_mod.people.cache_clear()
    try:
        with pytest.raises(LanguagePackError, match=message):
            people_mod.people()
    finally:
        people_mod.people.cache_clear()


def test_an_undated_quote_takes_the_office_marked_undated_and_a_date_decides_otherwise():
    shin = people_mod.people()["Shin Won-sik"]
    assert shin.institution(None) == "South Korea Ministry of National Defense"
    assert shin.institution(dt.date(2024, 11, 1)) == "South Korea National Security Office"
    # Unmarked, the latest office stands: Shoigu undated speaks for the Security Council.
    assert people_mod.people()["Sergei Shoigu"].institution(None) == "Russia Security Council"


def test_every_person_of_the_shipped_file_loads():
    everyone = people_mod.people()
    assert "Kyrylo Budanov" in everyone and everyone["Sergei Shoigu"].roles


def test_the_headline_source_speaks_for_its_report():
    text = (
        "Seoul's spy agency: North Korea sends more troops\n\n"
        "The reclusive state has now deployed about 15,000 soldiers to the Kursk region.\n\n"
        "Another 3,000 are being trained near Pyongyang."
    )
    assert [r["attributed_to"] for r in _claims(text)] == ["South Korea NIS (Seoul's spy agency)"]


def test_a_mention_with_its_own_source_beats_the_headline_repeat():
    text = (
        "More than 15,000 troops sent to Russia\n\n"
        "According to the NIS, North Korea has sent about 15,000 troops to Russia."
    )
    ((row,),) = [_claims(text)]
    assert (row["qualifier"], row["attributed_to"]) == ("approx", "South Korea NIS")


def test_an_outlet_beside_a_back_reference_relays_the_source_referred_to():
    text = (
        "South Korea's defence minister Shin Won-sik spoke to lawmakers on Monday.\n\n"
        "North Korea has shipped about 6,700 containers of munitions to Russia, "
        "the minister said, as reported by Yonhap."
    )
    assert _who(text, published=dt.date(2024, 2, 28)) == [
        (
            "containers_shipped",
            "South Korea Ministry of National Defense (Shin Won-sik)",
            "Shin Won-sik",
            "Yonhap",
        )
    ]


def test_the_outlet_a_back_reference_told_relays_the_source_referred_to():
    text = (
        "Kyrylo Budanov, Ukraine's military intelligence chief, spoke about the war. In total, "
        "North Korea has sent some 12 million rounds, he told Bloomberg in an interview."
    )
    assert _who(text) == [
        ("shells_supplied", "Ukraine GUR (Kyrylo Budanov)", "Kyrylo Budanov", "Bloomberg")
    ]
    # Nobody named before: the outlet told is all the reader has.
    text = "About 1,000 North Korean soldiers have been killed, the official told CNN."
    assert _who(text) == [("killed", "CNN", "", "")]


@pytest.mark.parametrize(
    ("second", "attributed", "relayed"),
    [
        ("It cited two U.S. officials.", "US government (U.S. officials)", "Reuters"),
        (
            "Citing two U.S. officials, the agency said more could follow.",
            "US government (U.S. officials)",
            "Reuters",
        ),
        ("The report did not give its sources.", "Reuters", ""),
    ],
)
def test_an_outlet_citing_a_source_in_its_next_sentence_relays_it(second, attributed, relayed):
    text = f"North Korea has sent about 3,000 more troops to Russia, Reuters reported. {second}"
    ((_, who, _, relay),) = _who(text)
    assert (who, relay) == (attributed, relayed)


def test_a_source_named_two_sentences_after_the_figures_speaks_for_them():
    text = (
        "North Korea has shipped 7,000 containers of munitions to Russia. That is roughly "
        "twice what analysts expected a year ago. In a briefing on Monday, South Korea's "
        "defence ministry said the containers could hold more than 3 million shells."
    )
    assert [r["attributed_to"] for r in _claims(text)] == [
        "South Korea Ministry of National Defense (South Korea's defence ministry)",
    ] * 2


def test_a_sentence_pointing_back_covers_the_unsourced_run_before_it():
    text = (
        "उत्तर कोरिया ने रूस में 20 हजार सैनिकों को भेजने का फैसला किया है। "
        "उसके 9000 सैनिक पहले से ही कुर्स्क में हैं। यह फैसला कुछ हफ्ते पहले हुआ। "
        "इसका खुलासा यूक्रेन की खुफिया रिपोर्ट में हुआ है।"
    )
    assert [r["attributed_to"] for r in _claims(text, "hi")] == [
        "Ukraine GUR (यूक्रेन खुफिया रिपोर्ट)"
    ] * 2


def test_a_source_named_far_after_the_figure_without_pointing_back_does_not_reach_it():
    text = (
        "North Korea has sent 12,000 troops to Russia. The troops trained near Vladivostok. "
        "They moved west in October. The deployment surprised Kyiv. "
        "Ukraine's military intelligence said on Friday that the troops lack drones."
    )
    assert [r["attributed_to"] for r in _claims(text)] == [""]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "The NIS briefed lawmakers on the deployment on Tuesday. In the autumn, reports "
            "said North Korea had sent some 15,000 troops to Russia.",
            "en",
        ),
        (
            "Розвідка Південної Кореї поінформувала депутатів у вівторок. А восени "
            "з’явилися повідомлення, що КНДР перекинула до Росії близько 15 тисяч солдатів.",
            "uk",
        ),
        (
            "Разведка Южной Кореи проинформировала депутатов во вторник. Ранее сообщалось, "
            "что КНДР перебросила в Россию около 15 тысяч военных.",
            "ru",
        ),
        (
            "O serviço de inteligência sul-coreano informou os deputados na terça-feira. "
            "Segundo relatos, a Coreia do Norte enviou cerca de 15 mil soldados à Rússia.",
            "pt",
        ),
        (
            "Der südkoreanische Geheimdienst unterrichtete am Dienstag die Abgeordneten. "
            "Medienberichten zufolge hat Nordkorea rund 15.000 Soldaten nach Russland geschickt.",
            "de",
        ),
    ],
)
def test_unnamed_reports_take_no_source_from_nearby(text, lang):
    rows = _claims(text, lang)
    assert [(r["indicator"], r["value"], r["attributed_to"]) for r in rows] == [
        ("troops_deployed", 15000, "")
    ]


def test_unnamed_reports_end_a_forward_search_for_the_source():
    text = (
        "North Korea has sent about 15,000 troops to Russia. Media reports said the number "
        "could double. South Korea's Defense Ministry declined to comment on Monday."
    )
    rows = _claims(text)
    assert rows[0]["attributed_to"] == ""


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "North Korea has sent about 3,000 more troops to Russia, Yonhap reported, citing "
            "intelligence officials.",
            "en",
        ),
        (
            "ونقلت وكالة يونهاب عن وكالة الاستخبارات قولها إن كوريا الشمالية أرسلت نحو 3 آلاف "
            "جندي إضافي إلى روسيا.",
            "ar",
        ),
    ],
)
def test_an_outlet_citing_an_unnamed_body_of_its_country_relays_that_body(text, lang):
    ((_, attributed, _, relayed),) = _who(text, lang)
    # The outlet as the article names it, when its name is not the canonical one ("يونهاب").
    assert (attributed, originators(relayed)) == ("South Korea NIS", ["Yonhap"])


def test_an_outlet_with_no_home_country_keeps_the_figure():
    text = "North Korea has sent about 3,000 more troops to Russia, Reuters reported, citing officials."
    assert [w[1] for w in _who(text)] == ["Reuters"]


def test_the_soldiers_counted_are_no_body_an_outlet_cites():
    text = "Segundo a agência sul-coreana Yonhap, a Coreia do Norte perdeu quase 600 militares."
    assert [w[1] for w in _who(text, "pt")] == ["Yonhap"]


def test_a_back_reference_of_the_same_kind_keeps_the_office_already_named():
    text = (
        "North Korea has sent about 11,000 troops to Russia, the Pentagon said. "
        "A spokesperson added that about 3,000 had been killed or wounded."
    )
    assert [w[1] for w in _who(text)] == ["US Department of Defense (Pentagon)"] * 2


def test_a_back_reference_of_another_kind_names_that_body_of_the_country():
    text = (
        "North Korea has sent about 11,000 troops to Russia, the State Department said. "
        "Intelligence officials added that about 3,000 had been killed or wounded."
    )
    assert [w[1] for w in _who(text)] == [
        "US Department of State (State Department)",
        "US intelligence",
    ]


@pytest.mark.parametrize(
    ("lang", "text", "attributed_to", "speaker"),
    [
        # A body named by its country and role keeps the words the article used.
        (
            "en",
            "North Korea has sent about 12,000 troops to Russia, US officials said.",
            "US government (US officials)",
            "US officials",
        ),
        (
            "es",
            "Corea del Norte ha enviado unos 12.000 soldados a Rusia, según funcionarios estadounidenses.",
            "US government (funcionarios estadounidenses)",
            "funcionarios estadounidenses",
        ),
        # A person named speaks for the body more precisely than the body's name does.
        (
            "en",
            "US officials said 12,000 North Korean troops were in Russia, Lloyd Austin said.",
            "US Department of Defense (Lloyd Austin)",
            "Lloyd Austin",
        ),
        # A specific institution needs no gloss.
        (
            "en",
            "The NIS said 12,000 North Korean troops had been sent to Russia.",
            "South Korea NIS",
            "",
        ),
    ],
)
def test_a_broad_body_keeps_its_words_as_written(lang, text, attributed_to, speaker):
    (claim,) = _claims(text, lang)
    assert (claim["attributed_to"], claim["speaker"]) == (attributed_to, speaker)


# --- An outlet relays the official of its own country (issue 12, round 2) ---


def test_a_national_outlet_relays_the_official_its_paragraph_names():
    text = (
        "Sergei Shoigu arrived in Pyongyang on Tuesday for talks with Kim Jong Un.\n\n"
        "North Korea will send 1,000 deminers and 5,000 military builders to the Kursk region, "
        "RIA Novosti reported."
    )
    who = _who(text, published=dt.date(2025, 6, 17))
    assert [w[1:] for w in who] == [
        ("Russia Security Council (Sergei Shoigu)", "Sergei Shoigu", "RIA Novosti")
    ] * 2


def test_a_state_outlet_relays_a_body_of_its_own_state_in_the_same_sentence():
    text = (
        "North Korea will send 1,000 deminers to the Kursk region, TASS reported, "
        "citing the Russian Defence Ministry."
    )
    assert _who(text) == [
        (
            "sappers_deployed",
            "Russia Defense Ministry (Russian Defence Ministry)",
            "Russian Defence Ministry",
            "TASS",
        )
    ]


def test_a_state_outlet_of_another_country_stays_the_source_an_outlet_cites():
    text = "North Korea has sent 1,000 deminers to the Kursk region, Yonhap said, citing KCNA."
    assert _who(text) == [("sappers_deployed", "KCNA", "", "Yonhap")]


def test_an_outlet_after_the_officials_own_figures_is_a_second_voice():
    # Shoigu spoke for his 5,000; the agency's "thousands" later is its own report.
    text = (
        "Sergei Shoigu said North Korea would send 1,000 deminers and 5,000 military builders "
        "to Kursk. TASS later reported that thousands of military builders would be deployed."
    )
    who = _who(text, published=dt.date(2025, 6, 17))
    assert [w[1] for w in who] == [
        "Russia Security Council (Sergei Shoigu)",
        "Russia Security Council (Sergei Shoigu)",
        "TASS",
    ]


def test_an_outlet_reporting_its_own_source_stays_the_originator():
    # Daily NK has no home country whose officials it would be covering: its source is its own.
    text = (
        "North Korea has sent 3,000 more workers to Russia, Daily NK reported, citing a source "
        "in North Korea.\n\nKim Jong Un met Sergei Shoigu in Pyongyang on Tuesday."
    )
    assert [w[1] for w in _who(text, published=dt.date(2025, 6, 17))] == ["Daily NK"]


# --- Defectors are a source ---


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "en",
            "According to defector testimonies, thousands of North Korean workers were sent to Russia.",
        ),
        (
            "es",
            "Según testimonios de desertores, miles de trabajadores norcoreanos fueron enviados a Rusia.",
        ),
        (
            "pt",
            "Segundo desertores, milhares de trabalhadores norte-coreanos foram enviados para a Rússia.",
        ),
        (
            "fr",
            "Selon des transfuges, des milliers de travailleurs nord-coréens ont été envoyés en Russie.",
        ),
        (
            "de",
            "Nach Aussagen von Überläufern wurden Tausende nordkoreanische Arbeiter nach Russland geschickt.",
        ),
        ("ko", "탈북민들에 따르면 북한 노동자 수천 명이 러시아에 파견됐다."),
        ("ja", "脱北者によると、北朝鮮の労働者数千人がロシアに派遣された。"),
        ("zh", "据脱北者称，数千名朝鲜劳工被派往俄罗斯。"),
        ("ru", "По словам перебежчиков, тысячи северокорейских рабочих были отправлены в Россию."),
        (
            "uk",
            "За словами перебіжчиків, тисячі північнокорейських робітників були відправлені до Росії.",
        ),
        (
            "it",
            "Secondo i disertori, migliaia di lavoratori nordcoreani sono stati inviati in Russia.",
        ),
        (
            "pl",
            "Według uciekinierów z Korei Północnej tysiące północnokoreańskich robotników wysłano do Rosji.",
        ),
        ("tr", "Kuzey Koreli sığınmacılara göre binlerce Kuzey Koreli işçi Rusya'ya gönderildi."),
        ("hi", "दलबदलुओं के अनुसार हजारों उत्तर कोरियाई मजदूरों को रूस भेजा गया है।"),
        ("ar", "ووفقا للمنشقين، أرسلت كوريا الشمالية آلاف العمال إلى روسيا."),
        ("bn", "দলত্যাগীদের মতে, হাজার হাজার উত্তর কোরীয় শ্রমিককে রাশিয়ায় পাঠানো হয়েছে।"),
    ],
)
def test_defectors_testimonies_are_a_source(lang, text):
    ((indicator, attributed, speaker, _),) = _who(text, lang)
    assert (indicator, originators(attributed)) == ("workers_deployed", ["North Korean defectors"])
    assert not speaker or speaker in text  # the words the article names them with


def test_a_defector_who_told_an_outlet_is_its_informant():
    # As "a source told Daily NK": the outlet found and vetted the witness; analysts cite it.
    text = "North Korean workers in Russia earn about $150 a month, a defector told Daily NK."
    assert _who(text) == [("wage", "Daily NK", "", "")]


def test_defectors_speak_for_the_figures_of_their_sentence():
    text = (
        "North Korean workers in Russia toil up to 18 hours a day and earn about $150 a month, "
        "according to defectors."
    )
    assert {w[1] for w in _who(text)} == {"North Korean defectors"}


# --- State media, as the press writes it, are KCNA ---


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "en",
            "Nine North Korean soldiers were killed in Kursk, Pyongyang's state media reported.",
        ),
        ("en", "Nine North Korean soldiers were killed in Kursk, the official news agency said."),
        (
            "en",
            "Kim Jong Un honoured the dead.\n\nNine North Korean soldiers were killed in Kursk, state media said.",
        ),
        (
            "fr",
            "Neuf soldats nord-coréens ont été tués à Koursk, selon les médias d'Etat nord-coréens.",
        ),
        ("fr", "Neuf soldats nord-coréens ont été tués à Koursk, selon les médias de Pyongyang."),
        ("fr", "Neuf soldats nord-coréens ont été tués à Koursk, a rapporté l'agence officielle."),
        ("es", "Nueve soldados norcoreanos murieron en Kursk, según los medios de Pionyang."),
        (
            "pt",
            "Nove soldados norte-coreanos foram mortos em Kursk, segundo a imprensa norte-coreana.",
        ),
        (
            "de",
            "Neun nordkoreanische Soldaten wurden in Kursk getötet, meldete die staatliche Nachrichtenagentur.",
        ),
        ("ko", "북한 관영매체는 북한군 9명이 쿠르스크에서 숨졌다고 보도했다."),
        ("ja", "北朝鮮の国営メディアは、北朝鮮兵9人がクルスクで死亡したと報じた。"),
        ("zh", "朝鲜官方媒体报道，9名朝鲜士兵在库尔斯克死亡。"),
        (
            "ru",
            "Девять северокорейских военных погибли в Курске, сообщили государственные СМИ КНДР.",
        ),
        (
            "uk",
            "Дев'ять північнокорейських військових загинули в Курську, повідомили державні ЗМІ КНДР.",
        ),
    ],
)
def test_state_media_unnamed_or_of_pyongyang_are_kcna(lang, text):
    assert [originators(w[1]) for w in _who(text, lang)] == [["KCNA"]]


def test_state_media_after_a_russian_source_are_russian():
    text = (
        "TASS quoted the Defence Ministry on Tuesday.\n\n"
        "North Korea will send 1,000 deminers to Kursk, state media said."
    )
    assert [originators(w[1]) for w in _who(text)] == [["TASS"]]


# --- A country is a source when it speaks, not when it sends or receives ---


@pytest.mark.parametrize(("lang", "text", "source"), COUNTRIES["speaks_not_sends"])
def test_a_country_is_a_source_when_it_speaks_not_when_it_sends(lang, text, source):
    assert [", ".join(originators(w[1])) for w in _who(text, lang)] == [source]


def test_estimates_of_a_country_named_after_them_are_its_own():
    text = (
        "Theo Bộ Quốc phòng Nga, công binh Triều Tiên đã rà phá bom mìn. Khoảng 6.000 binh sĩ "
        "Triều Tiên đã thiệt mạng, theo ước tính của Hàn Quốc."
    )
    assert [originators(w[1]) for w in _who(text, "vi")] == [["South Korea NIS"]]


# --- One figure per clause, each with its own source ---


def test_sources_in_different_clauses_each_speak_for_their_own_figure():
    text = (
        "North Korean losses in Kursk: the NIS put the toll at about 600 North Korean soldiers "
        "killed, while Ukraine's GUR said 1,200 North Korean soldiers had been killed."
    )
    assert [(w[0], w[1]) for w in _who(text)] == [
        ("killed", "South Korea NIS"),
        ("killed", "Ukraine GUR"),
    ]


def test_a_country_that_reckons_speaks_for_its_clause_in_korean():
    text = (
        "북한이 러시아에 보낸 무기 컨테이너에 대해 정보본부의 추산량은 약 1만3000여 개, "
        "미국이 밝힌 컨테이너 숫자는 약 1만6400여 개였다."
    )
    assert [originators(w[1]) for w in _who(text, "ko")] == [["South Korea DIA"], ["US government"]]


def test_a_source_list_before_one_figure_is_not_split_into_clauses():
    # The first clause ("According to the NIS,") holds no figure: both sources say the figure.
    text = "According to the NIS, and to the Pentagon's own count, North Korea sent 11,000 troops."
    assert [originators(w[1]) for w in _who(text)] == [["South Korea NIS"]]


# --- A credit line is not the report's source ---


def test_a_credit_line_does_not_speak_for_the_headline():
    text = (
        "North Korea sent 6,700 containers of munitions to Russia\n\nVia Al Jazeera\n\n"
        "North Korea has sent 6,700 containers of munitions to Russia. That is ten times what "
        "Europe gave. At a briefing on Monday, South Korean Defense Minister Shin Won-sik said "
        "the containers could hold more than 3 million artillery shells."
    )
    who = _who(text, published=dt.date(2024, 2, 28))
    assert [originators(w[1]) for w in who] == [["South Korea Ministry of National Defense"]] * 2


def test_a_dek_saying_what_the_outlet_did_still_leads():
    text = (
        "North Korean workers in Russia toil 18 hours a day\n"
        "BBC interviews escaped workers\n"
        "The workers keep only $150 a month of their pay."
    )
    assert {w[1] for w in _who(text)} == {"BBC"}


# --- A country's unnamed sources ---


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "en",
            "About 6,000 North Korean soldiers have been killed, according to South Korean sources.",
        ),
        ("pt", "Cerca de 6 mil soldados norte-coreanos morreram, segundo fontes sul-coreanas."),
        ("es", "Unos 6.000 soldados norcoreanos han muerto, según fuentes surcoreanas."),
        ("fr", "Environ 6 000 soldats nord-coréens ont été tués, selon des sources sud-coréennes."),
        (
            "de",
            "Rund 6.000 nordkoreanische Soldaten wurden getötet, wie südkoreanische Quellen berichten.",
        ),
        ("it", "Circa 6.000 soldati nordcoreani sono stati uccisi, secondo fonti sudcoreane."),
        ("ko", "한국 소식통에 따르면 북한군 약 6000명이 사망했다."),
        ("ja", "韓国筋によると、北朝鮮兵約6000人が死亡した。"),
        (
            "pl",
            "Według źródeł południowokoreańskich zginęło około 6 tys. żołnierzy północnokoreańskich.",
        ),
        ("id", "Sekitar 6.000 tentara Korea Utara tewas, menurut sumber Korea Selatan."),
        ("tr", "Güney Koreli kaynaklara göre yaklaşık 6 bin Kuzey Kore askeri öldü."),
        ("vi", "Khoảng 6.000 binh sĩ Triều Tiên đã thiệt mạng, theo các nguồn tin Hàn Quốc."),
    ],
)
def test_a_countrys_unnamed_sources_speak_for_its_government(lang, text):
    assert [originators(w[1]) for w in _who(text, lang)] == [["South Korea government"]]


def test_unnamed_sources_alone_keep_the_source_already_named():
    text = "The NIS briefed lawmakers on Monday. About 600 North Korean soldiers have died, sources said."
    assert [w[1] for w in _who(text)] == ["South Korea NIS"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "North Korea sent 3,000 more workers to Russia, North Korean sources said."),
        ("ko", "북한 소식통에 따르면 북한 노동자 3000명이 러시아로 추가 파견됐다."),
    ],
)
def test_sources_inside_north_korea_are_no_government(lang, text):
    assert [w[1] for w in _who(text, lang)] == [""]


def test_a_country_after_a_place_word_is_no_speaker():
    text = "North Korea sent 3,000 more workers to Russia, a source in North Korea told Daily NK."
    assert [w[1] for w in _who(text)] == ["Daily NK"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "ru",
            "Шойгу прибыл в Пхеньян во вторник.\n\nКНДР направит в Курскую область 1000 саперов и 5000 военных строителей, сообщает РИА Новости.",
        ),
        (
            "uk",
            "Шойгу прибув до Пхеньяна у вівторок.\n\nКНДР направить на Курщину 1000 саперів і 5000 військових будівельників, повідомляє РІА Новини.",
        ),
        (
            "ko",
            "쇼이구 서기가 17일 평양을 방문했다.\n\n북한은 쿠르스크에 지뢰 제거 인력 1000명과 군사 건설 인력 5000명을 보낼 것이라고 리아노보스티가 전했다.",
        ),
        (
            "ja",
            "ショイグ氏が17日、平壌を訪問した。\n\n北朝鮮はクルスク州に工兵1000人と軍事建設要員5000人を派遣すると、リア・ノーボスチ通信が伝えた。",
        ),
        (
            "zh",
            "绍伊古17日抵达平壤。\n\n据俄新社报道，朝鲜将向库尔斯克派遣1000名工兵和5000名军事建筑人员。",
        ),
        (
            "de",
            "Schoigu traf am Dienstag in Pjöngjang ein.\n\nNordkorea werde 1000 Pioniere und 5000 Militärbauarbeiter in die Region Kursk schicken, meldete RIA Nowosti.",
        ),
        (
            "fr",
            "Sergueï Choïgou est arrivé mardi à Pyongyang.\n\nLa Corée du Nord enverra 1 000 démineurs et 5 000 ouvriers militaires dans la région de Koursk, a rapporté RIA Novosti.",
        ),
        (
            "es",
            "Serguéi Shoigú llegó el martes a Pyongyang.\n\nCorea del Norte enviará 1.000 zapadores y 5.000 constructores militares a Kursk, informó RIA Novosti.",
        ),
        (
            "pt",
            "Sergei Shoigu chegou a Pyongyang na terça-feira.\n\nA Coreia do Norte enviará 1.000 sapadores e 5.000 construtores militares para Kursk, informou a RIA Novosti.",
        ),
        (
            "it",
            "Sergei Shoigu è arrivato martedì a Pyongyang.\n\nLa Corea del Nord invierà 1.000 genieri e 5.000 costruttori militari a Kursk, ha riferito RIA Novosti.",
        ),
        (
            "pl",
            "Siergiej Szojgu przybył we wtorek do Pjongjangu.\n\nKorea Północna wyśle do obwodu kurskiego 1000 saperów i 5000 żołnierzy budowlanych, podała agencja RIA Nowosti.",
        ),
        (
            "tr",
            "Sergey Şoygu salı günü Pyongyang'a geldi.\n\nKuzey Kore, Kursk'a 1000 istihkamcı ve 5 bin askeri inşaat işçisi gönderecek, RIA Novosti bildirdi.",
        ),
        (
            "id",
            "Sergei Shoigu tiba di Pyongyang pada Selasa.\n\nKorea Utara akan mengirim 1.000 penjinak ranjau dan 5.000 pekerja konstruksi militer ke Kursk, lapor RIA Novosti.",
        ),
        (
            "vi",
            "Sergei Shoigu đã tới Bình Nhưỡng hôm thứ Ba.\n\nTriều Tiên sẽ gửi 1.000 công binh rà phá bom mìn và 5.000 công nhân xây dựng quân sự tới Kursk, hãng RIA Novosti đưa tin.",
        ),
        (
            "ar",
            "وصل سيرغي شويغو إلى بيونغ يانغ يوم الثلاثاء.\n\nسترسل كوريا الشمالية 1000 خبير ألغام و5000 عامل بناء عسكري إلى كورسك، حسبما ذكرت وكالة ريا نوفوستي.",
        ),
        (
            "bn",
            "সের্গেই শোইগু মঙ্গলবার পিয়ংইয়াং পৌঁছেছেন।\n\nউত্তর কোরিয়া কুর্স্কে ১০০০ মাইন অপসারণকারী ও ৫০০০ সামরিক নির্মাণকর্মী পাঠাবে, জানিয়েছে রিয়া নভোস্তি।",
        ),
    ],
)
def test_a_national_outlet_relays_the_official_in_every_language(lang, text):
    who = _who(text, lang, published=dt.date(2025, 6, 17))
    assert who and all(
        w[1] == "Russia Security Council (Sergei Shoigu)" and w[3] == "RIA Novosti" for w in who
    )


def test_a_countrys_figures_are_its_sources_in_vietnamese():
    text = "Khoảng 6.000 binh sĩ Triều Tiên đã thiệt mạng, theo số liệu của Hàn Quốc."
    assert [originators(w[1]) for w in _who(text, "vi")] == [["South Korea NIS"]]


@pytest.mark.parametrize(("lang", "text", "source"), COUNTRIES["confirms"])
def test_a_country_that_confirms_speaks(lang, text, source):
    assert [", ".join(originators(w[1])) for w in _who(text, lang)] == [source]


@pytest.mark.parametrize(("lang", "text", "source"), COUNTRIES["unnamed_reports"])
def test_unnamed_reports_are_not_the_start_of_a_named_source(lang, text, source):
    assert [", ".join(originators(w[1])) for w in _who(text, lang)] == [source]


@pytest.mark.parametrize(("lang", "text", "source"), COUNTRIES["acts_not_says"])
def test_authorities_that_act_are_no_source(lang, text, source):
    assert [", ".join(originators(w[1])) for w in _who(text, lang)] == [source]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "en",
            "The NIS briefed lawmakers on Monday.\n\nNorth Korea has sent 1,000 more troops, according to people familiar with the matter.",
        ),
        (
            "fr",
            "Le NIS a informé les députés lundi. Selon des sources proches du dossier, la Corée du Nord a envoyé 1 000 soldats supplémentaires.",
        ),
        (
            "ko",
            "국정원은 19일 국회에 보고했다. 사정에 밝은 소식통에 따르면 북한은 1000명을 추가 파병했다.",
        ),
    ],
)
def test_people_familiar_with_the_matter_are_no_source_and_carry_none(lang, text):
    assert [w[1] for w in _who(text, lang)] == [""]


def test_an_outlet_citing_people_familiar_with_the_matter_is_the_source():
    text = (
        "North Korea sent 1,000 more troops, the Wall Street Journal reported, citing people "
        "familiar with the matter."
    )
    assert [w[1] for w in _who(text)] == ["Wall Street Journal"]


def test_clauses_end_at_the_arabic_comma_too():
    text = (
        "قالت الاستخبارات الكورية الجنوبية إن نحو 600 جندي كوري شمالي قتلوا، "
        "بينما قال بودانوف إن 1200 جندي كوري شمالي قتلوا."
    )
    assert [originators(w[1]) for w in _who(text, "ar", dt.date(2025, 1, 10))] == [
        ["South Korea NIS"],
        ["Ukraine GUR"],
    ]


@pytest.mark.parametrize(
    ("lang", "text", "attributed", "speaker"),
    [
        # A body's own name in the article's words stands beside the canonical one.
        (
            "ru",
            "Минобороны России сообщило, что 3000 военных КНДР прибыли в Курскую область.",
            "Russia Defense Ministry (Минобороны России)",
            "Минобороны России",
        ),
        (
            "fr",
            "Selon le Pentagone, la Corée du Nord a envoyé 10 000 soldats en Russie.",
            "US Department of Defense (Pentagone)",
            "Pentagone",
        ),
        # A particle after the name is no part of it.
        (
            "ko",
            "국정원은 북한이 러시아에 1만1천여 명을 파병했다고 밝혔다.",
            "South Korea NIS (국정원)",
            "국정원",
        ),
        # A name the canonical one spells adds nothing; a person still speaks for the body.
        (
            "en",
            "North Korea has sent 11,000 troops to Russia, the NIS said.",
            "South Korea NIS",
            "",
        ),
        (
            "en",
            "North Korea has sent 11,000 troops to Russia, Ukraine's GUR chief Kyrylo Budanov said.",
            "Ukraine GUR (Kyrylo Budanov)",
            "Kyrylo Budanov",
        ),
    ],
)
def test_a_body_is_kept_as_the_article_names_it(lang, text, attributed, speaker):
    ((_, got, said, _),) = _who(text, lang)
    assert (got, said) == (attributed, speaker)


def test_a_back_reference_naming_a_kind_points_to_the_last_source_of_that_kind():
    text = (
        "SEOUL (Reuters) - Lawmaker Lee Seong-kweun said on Friday that North Korea had sent "
        "11,000 troops to Russia.\n\n"
        "The Pentagon said it was watching the deployment closely. The lawmaker said about 3,000 "
        "more soldiers had been sent in January."
    )
    assert [w[1] for w in _who(text)] == [
        "South Korea lawmakers (Lee Seong-kweun)",
        "South Korea lawmakers (Lee Seong-kweun)",
    ]


def test_a_kind_word_before_a_name_is_the_names_own():
    text = (
        "Według NIS Korea Północna wysłała do Rosji 11 tys. żołnierzy. Jak podał dziennik "
        "„Financial Times”, Pjongjang wysłał kolejne 3 tys. żołnierzy."
    )
    assert [w[1] for w in _who(text, "pl")] == ["South Korea NIS", "Financial Times"]


def test_a_head_in_a_headlines_label_says_which_body_speaks():
    text = (
        "Tình báo Ukraine: Triều Tiên gửi thêm 3.000 quân sang Nga\n"
        "Triều Tiên đã gửi thêm khoảng 3.000 binh sĩ sang Nga trong tháng này, theo các quan chức."
    )
    assert [w[1] for w in _who(text, "vi")] == ["Ukraine GUR (Tình báo Ukraine)"]


def test_authorities_that_send_are_no_source_of_the_outlet_that_says_it():
    text = "北朝鮮当局がロシアに兵士1万1000人を送ったと韓国の聯合ニュースが伝えた。"
    assert [w[1] for w in _who(text, "ja")] == ["Yonhap (聯合ニュース)"]
