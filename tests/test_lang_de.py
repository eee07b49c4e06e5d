"""German language pack (langdata/de.yaml), table-driven, dateparser-style.

Rows are written from phrasings common in German-language wires (dpa, AFP, APA, Keystone-SDA):
number reading (incl. Swiss 12'000 and ordinal dates), claims read from one sentence, and
language detection.
"""

import pytest

from dprkwatch.ingest.detect import detect_language
from dprkwatch.lang.segment import split_sentences
from dprkwatch.numbers import find_quantities, parse_quantity
from langtables import assert_claims, assert_number, claims_brief

LANG = "de"

# (text, (value, low, high, qualifier)); value None for magnitude words; None: no figure.
NUMBER_ROWS = [
    ("15.000 Soldaten", (15000, 15000, 15000, "exact")),
    ("12 000 Soldaten", (12000, 12000, 12000, "exact")),
    ("12\u202f000 Soldaten", (12000, 12000, 12000, "exact")),
    ("12'000 Soldaten", (12000, 12000, 12000, "exact")),  # Swiss
    ("zwölftausend Soldaten", (12000, 12000, 12000, "exact")),
    ("fünfzehn Raketen", (15, 15, 15, "exact")),
    ("zwei Dutzend Raketen", (24, 24, 24, "exact")),
    ("etwa 600 Tote", (600, 540, 660, "approx")),
    ("rund 4.700 Opfer", (4700, 4230, 5170, "approx")),
    ("ca. 3.000 Soldaten", (3000, 2700, 3300, "approx")),
    ("schätzungsweise 10.000 Arbeiter", (10000, 9000, 11000, "approx")),
    ("knapp 3.000 Soldaten", (3000, 2700, 3000, "approx")),
    ("fast 3000 Verwundete", (3000, 2700, 3000, "approx")),
    ("mehr als 4.000 verletzt", (4000, 4000, 6000, "at_least")),
    ("über 4.000 Soldaten", (4000, 4000, 6000, "at_least")),
    ("mindestens 300 getötet", (300, 300, 450, "at_least")),
    ("gut 10.000 Soldaten", (10000, 10000, 15000, "at_least")),
    ("bis zu 12 000 Soldaten", (12000, 6000, 12000, "at_most")),
    ("weniger als 500 Soldaten", (500, 250, 500, "at_most")),
    ("2,3 Millionen Granaten", (2.3e6, 2.3e6, 2.3e6, "exact")),
    ("1,5 Mio. Schuss Artilleriemunition", (1.5e6, 1.5e6, 1.5e6, "exact")),
    ("1,2 Mrd. Dollar", (1.2e9, 1.2e9, 1.2e9, "exact")),
    ("eine Million Granaten", (1e6, 1e6, 1e6, "exact")),
    ("mehr als eine Million Granaten", (1e6, 1e6, 1.5e6, "at_least")),
    ("eine halbe Million Granaten", (5e5, 5e5, 5e5, "exact")),
    ("zwischen 10.000 und 12.000 Soldaten", (11000, 10000, 12000, "range")),
    ("3 bis 4 Millionen Granaten", (3.5e6, 3e6, 4e6, "range")),
    ("zwischen vier und sechs Millionen Granaten", (5e6, 4e6, 6e6, "range")),
    ("10.000-12.000 Soldaten", (11000, 10000, 12000, "range")),
    ("20 und 26 Jahre alt", (23, 20, 26, "range")),
    ("Tausende Soldaten", (None, 2000, 9999, "vague")),
    ("mehrere tausend Soldaten", (None, 2000, 9999, "vague")),
    ("Zehntausende Arbeiter", (None, 20000, 99999, "vague")),
    ("Hunderte Tote", (None, 200, 999, "vague")),
    ("von mehreren Hundert Toten", (None, 200, 999, "vague")),
    ("Millionen Granaten", (None, 2e6, 9999999, "vague")),
    ("am 9. Januar", None),
    ("am 9. und 10. Januar", None),
    ("am 23.12.", None),
    ("die Spezialeinheit Nr. 84", None),
    ("Raketen vom Typ KN-23", None),
]


@pytest.mark.parametrize("text,expected", NUMBER_ROWS)
def test_number_reading(text, expected):
    assert_number(LANG, text, expected)


def test_dates_and_years_are_not_counts():
    qs = find_quantities("Am 9. Januar 2025 wurden 300 Soldaten verlegt.", LANG)
    assert [q.value for q in qs] == [300]
    assert "year" in parse_quantity("seit 2022", LANG).flags


def test_ordinal_dates_do_not_end_sentences():
    text = "Am 9. Januar nahm die Einheit Nr. 84 z. B. zwei Soldaten gefangen. Das meldete der SBU."
    assert len(split_sentences(text, LANG)) == 2


def test_wage_currency():
    q = parse_quantity("etwa 200 Dollar im Monat", LANG)
    assert (q.value, q.qualifier, q.currency) == (200, "approx", "USD")


def _claims(text):
    return claims_brief(LANG, text)


NIS, GUR, UA, US = "South Korea NIS", "Ukraine GUR", "Ukraine government", "US government"

# (sentence, expected claims as (indicator, value, qualifier, attributed_to)).
CLAIM_ROWS = [
    ("Russland hat rund 600.000 Soldaten in der Ukraine.", []),
    (
        "Nordkorea hat nach Angaben des südkoreanischen Geheimdienstes rund 11.000 Soldaten nach Russland geschickt.",
        [("troops_deployed", 11000, "approx", NIS)],
    ),
    (
        "Laut dem NIS hat Pjöngjang 1500 Angehörige seiner Spezialkräfte nach Russland verlegt.",
        [("troops_deployed", 1500, "exact", NIS)],
    ),
    (
        "Nach Schätzungen des ukrainischen Militärgeheimdienstes hat Pjöngjang etwa 12.000 Soldaten nach Russland entsandt.",
        [("troops_deployed", 12000, "approx", GUR)],
    ),
    (
        "Nordkorea hat bis zu 12.000 Mann nach Russland geschickt, so das Pentagon.",
        [("troops_deployed", 12000, "at_most", US)],
    ),
    (
        "Das Pentagon geht davon aus, dass sich zwischen 11.000 und 12.000 nordkoreanische Soldaten in der Region Kursk befinden.",
        [("troops_deployed", 11500, "range", US)],
    ),
    (
        "Laut US-Geheimdiensten sind rund 10.000 nordkoreanische Soldaten in Russland stationiert.",
        [("troops_deployed", 10000, "approx", "US intelligence")],
    ),
    (
        "Nach Einschätzung westlicher Geheimdienste hat Nordkorea rund 14.000 Soldaten entsandt.",
        [("troops_deployed", 14000, "approx", "Western intelligence")],
    ),
    (
        "Tausende nordkoreanische Soldaten kämpfen an der Seite russischer Truppen in Kursk, so Washington.",
        [("troops_deployed", None, "vague", US)],
    ),
    (
        "Nordkorea hat im Oktober zwischen 10.000 und 12.000 Soldaten nach Russland geschickt, hieß es aus Seoul.",
        [("troops_deployed", 11000, "range", "South Korea government")],
    ),
    (
        "Nordkorea hat 11.000 Soldaten nach Russland geschickt und im Januar weitere 3000, so der NIS.",
        [("troops_deployed", 11000, "exact", NIS), ("troops_deployed", 3000, "exact", NIS)],
    ),
    (
        "Der ukrainische Präsident Wolodymyr Selenskyj sagte, 3000 nordkoreanische Soldaten seien getötet oder verletzt worden.",
        [("killed_or_wounded", 3000, "exact", UA)],
    ),
    (
        "Kiew zufolge wurden mehr als 4000 nordkoreanische Soldaten in Kursk getötet.",
        [("killed", 4000, "at_least", UA)],
    ),
    (
        "Laut Kiew hat Nordkorea fast 4000 Mann verloren.",
        [("killed_or_wounded", 4000, "approx", UA)],
    ),
    (
        "Nordkorea hat in Kursk rund 1200 Soldaten verloren, teilte der Vereinigte Generalstab in Seoul mit.",
        [("killed_or_wounded", 1200, "approx", "South Korea JCS")],
    ),
    (
        "Insgesamt seien 2000 nordkoreanische Soldaten getötet worden, so der NIS, der die Zahl der Verluste auf 4700 beziffert.",
        [("killed", 2000, "exact", NIS), ("killed_or_wounded", 4700, "exact", NIS)],
    ),
    (
        "Mindestens 300 nordkoreanische Soldaten seien getötet und 2700 verletzt worden, sagte ein Abgeordneter nach einem Briefing des NIS.",
        [("killed", 300, "at_least", NIS), ("wounded", 2700, "exact", NIS)],
    ),
    (
        "Wie die Nachrichtenagentur Yonhap unter Berufung auf den NIS berichtete, wurden etwa 1100 nordkoreanische Soldaten getötet oder verletzt.",
        [("killed_or_wounded", 1100, "approx", NIS)],
    ),
    (
        "Rund 600 nordkoreanische Soldaten sind ums Leben gekommen, sagte der Abgeordnete Lee Seong-kweun nach einer Sitzung mit dem NIS.",
        [("killed", 600, "approx", NIS)],
    ),
    (
        "Das Weiße Haus geht von etwa 1000 Toten und Verletzten unter den nordkoreanischen Soldaten aus.",
        [("killed_or_wounded", 1000, "approx", US)],
    ),
    (
        "Der ukrainische Generalstab meldete, im Dezember seien mehr als 1000 nordkoreanische Soldaten gefallen.",
        [("killed", 1000, "at_least", "Ukraine military")],
    ),
    (
        "Im Januar nahmen ukrainische Fallschirmjäger zwei nordkoreanische Soldaten gefangen, wie der Geheimdienst SBU mitteilte.",
        [("captured", 2, "exact", "Ukraine SBU")],
    ),
    (
        "Nordkorea könnte nach Angaben der russischen Nachrichtenagentur Tass weitere 6000 Pioniere nach Kursk schicken.",
        [("sappers_deployed", 6000, "exact", "TASS")],
    ),
    (
        "Nach Angaben der russischen Staatsmedien sollen 5000 Militärbauarbeiter aus Nordkorea nach Kursk geschickt werden.",
        [("construction_workers_deployed", 5000, "exact", "TASS")],
    ),
    (
        "Rund 15.000 nordkoreanische Arbeiter sind im vergangenen Jahr nach Russland eingereist, so der NIS.",
        [("workers_deployed", 15000, "approx", NIS)],
    ),
    (
        "Nordkorea hat 2024 mehr als 10.000 Arbeiter nach Russland geschickt, teilte das südkoreanische Vereinigungsministerium mit.",
        [("workers_deployed", 10000, "at_least", "South Korea government")],
    ),
    (
        "Die nordkoreanischen Arbeiter müssen bis zu 18 Stunden täglich arbeiten und erhalten weniger als 100 Dollar pro Monat, berichtete die BBC.",
        [("work_hours", 18, "at_most", "BBC"), ("wage", 100, "at_most", "BBC")],
    ),
    (
        "Nordkorea soll Russland bereits rund fünf Millionen Artilleriegranaten geliefert haben, berichtete die südkoreanische Nachrichtenagentur Yonhap.",
        [("shells_supplied", 5e6, "approx", "Yonhap")],
    ),
    (
        "Nordkorea hat Russland nach Angaben des südkoreanischen Geheimdienstes 1,5 Millionen Artilleriegeschosse geliefert.",
        [("shells_supplied", 1.5e6, "exact", NIS)],
    ),
    (
        "Der ukrainische Militärgeheimdienst schätzt, dass Nordkorea 148 ballistische Raketen vom Typ KN-23 und KN-24 geliefert hat.",
        [("missiles_supplied", 148, "exact", GUR)],
    ),
    (
        "Pjöngjang hat mehr als 9000 Container mit Waffen nach Russland verschifft, sagte der südkoreanische Verteidigungsminister Shin Won Sik.",
        [("containers_shipped", 9000, "at_least", "South Korea Defense Ministry")],
    ),
    (
        "Nordkorea soll Russland 170 Koksan-Haubitzen und 240 Mehrfachraketenwerfer geliefert haben, so der südkoreanische Geheimdienst.",
        [
            ("artillery_supplied", 170, "exact", NIS),
            ("rocket_launchers_supplied", 240, "exact", NIS),
        ],
    ),
    (
        "Kim Jong Un besuchte drei Munitionsfabriken, meldete die Staatsagentur KCNA.",
        [("factories_visited", 3, "exact", "KCNA")],
    ),
    (
        "Nordkorea hat seine Granatenproduktion verdoppelt, so der südkoreanische Geheimdienst.",
        [("production_change", 2, "exact", NIS)],
    ),
    # Distractors: other parties, durations, percentages, calibres and ages are not claims.
    (
        "Nordkorea hat Truppen nach Russland geschickt. Mehr als 3000 ukrainische Soldaten wurden getötet.",
        [],
    ),
    (
        "Der Krieg gegen die Ukraine dauert seit dem 24. Februar 2022 bereits mehr als 1000 Tage.",
        [],
    ),
    ("Nordkorea liefert inzwischen bis zu 40 Prozent der von Russland benötigten Munition.", []),
    ("Die nordkoreanische Rakete KN-23 hat eine Reichweite von 690 Kilometern.", []),
    ("Nordkorea hat in zwei Phasen Truppen nach Russland geschickt.", []),
    ("Die beiden gefangenen nordkoreanischen Soldaten sind 20 und 26 Jahre alt.", []),
    (
        "Nach Angaben des NIS sind bislang rund 300 nordkoreanische Soldaten bei Kämpfen in der "
        "russischen Grenzregion Kursk getötet worden.",
        [("killed", 300, "approx", NIS)],
    ),
    # Generalization probe: new wire phrasings (hedges, headlines, attribution placement, distractors).
    (
        "Nordkorea hat nach Einschätzung des südkoreanischen Geheimdienstes rund 12.000 Soldaten nach Russland geschickt.",
        [("troops_deployed", 12000, "approx", NIS)],
    ),
    (
        "Rund 3000 weitere nordkoreanische Soldaten sind nach Angaben des Vereinigten Generalstabs in Seoul in Russland eingetroffen.",
        [("troops_deployed", 3000, "approx", "South Korea JCS")],
    ),
    (
        "Pjöngjang hat in Kursk nach ukrainischen Angaben bereits etwa 4000 Mann verloren.",
        [("killed_or_wounded", 4000, "approx", UA)],
    ),
    (
        "Mindestens 1000 nordkoreanische Soldaten seien bei Kämpfen getötet worden, sagte ein ranghoher US-Beamter.",
        [("killed", 1000, "at_least", US)],
    ),
    (
        "Nordkorea hat nach Angaben Seouls seit August 2023 mehr als 20.000 Container mit Munition nach Russland verschifft.",
        [("containers_shipped", 20000, "at_least", "South Korea government")],
    ),
    (
        "Nach Schätzungen des ukrainischen Militärgeheimdienstes HUR hat Nordkorea Russland bis zu zwölf Millionen Artilleriegranaten geliefert.",
        [("shells_supplied", 12000000, "at_most", GUR)],
    ),
    (
        "Die nordkoreanischen Arbeiter verdienen laut Daily NK rund 200 Dollar im Monat.",
        [("wage", 200, "approx", "Daily NK")],
    ),
    (
        "Die nordkoreanischen Arbeiter müssen bis zu 18 Stunden am Tag arbeiten.",
        [("work_hours", 18, "at_most", "")],
    ),
    (
        "Die nordkoreanische Produktion von Artilleriegranaten habe sich versechsfacht, sagte ein ukrainischer Beamter.",
        [("production_change", 6, "exact", UA)],
    ),
    (
        "Kim Jong Un besichtigte nach Angaben der staatlichen Nachrichtenagentur KCNA fünf Rüstungsbetriebe.",
        [("factories_visited", 5, "exact", "KCNA")],
    ),
    ("Die nordkoreanische KN-23 hat eine Reichweite von 690 Kilometern.", []),
    ("Russland verlor nach ukrainischen Angaben am Vortag 1.200 Soldaten.", []),
    (
        "Der Abgeordnete Lee Seong-kweun sagte nach einer Unterrichtung durch den Geheimdienst NIS, rund 300 nordkoreanische Soldaten seien getötet und 2700 verwundet worden.",
        [
            ("killed", 300, "approx", NIS),
            ("wounded", 2700, "exact", NIS),
        ],
    ),
    (
        "Nordkorea schickt weitere 1000 Bauarbeiter nach Russland",
        [("construction_workers_deployed", 1000, "exact", "")],
    ),
    (
        "Laut Schoigu will Pjöngjang 1000 Minenräumer und 5000 Militärbauarbeiter nach Kursk entsenden.",
        [
            ("sappers_deployed", 1000, "exact", "Russia government"),
            ("construction_workers_deployed", 5000, "exact", "Russia government"),
        ],
    ),
    (
        "Das rund 11.000 Mann starke nordkoreanische Kontingent kämpft in Kursk.",
        [("troops_deployed", 11000, "approx", "")],
    ),
]


@pytest.mark.parametrize("text,expected", CLAIM_ROWS)
def test_claims(text, expected):
    assert_claims(LANG, text, expected)


DETECT_ROWS = [
    ("Etwa 600 wurden getötet", "de"),
    ("Nordkorea hat Truppen nach Russland geschickt.", "de"),
    ("laut dem südkoreanischen Geheimdienst", "de"),
    ("mehr als 10.000 Container mit Munition", "de"),
]


@pytest.mark.parametrize("text,lang", DETECT_ROWS)
def test_detect_german(text, lang):
    assert detect_language(text) == lang
