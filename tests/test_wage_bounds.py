"""A wage's plausible maximum is written in dollars and scales with the currency (ledger.yaml
units_per_usd): 2,000,000 won a month is a wage, 2,000,000 dollars a month is none."""

from __future__ import annotations

import pytest

from dprkwatch import Document
from dprkwatch.core.vocabulary import vocabulary
from dprkwatch.ledger import LedgerValidationError, claims_frame, document_claims, validate_claims


@pytest.mark.parametrize(
    ("lang", "text", "value", "unit"),
    [
        (
            "en",
            "North Korean workers in Russia earn 2,000,000 won a month, the NIS said.",
            2e6,
            "KRW/month",
        ),
        (
            "ru",
            "Северокорейские рабочие в России получают 200 000 рублей в месяц.",
            2e5,
            "RUB/month",
        ),
        ("ko", "러시아에 파견된 북한 노동자의 월급은 약 200만 원이다.", 2e6, "KRW/month"),
    ],
)
def test_a_wage_in_a_small_currency_is_kept_and_validates(
    lang: str, text: str, value: float, unit: str
) -> None:
    rows, problems = document_claims(Document(doc_id="t", path="", text=text, language=lang))
    assert problems == []
    wages = [(r["value"], r["unit"]) for r in rows if r["indicator"] == "wage"]
    assert wages == [(value, unit)]


def test_the_same_figure_in_dollars_is_no_wage() -> None:
    text = "North Korean workers in Russia earn $2,000,000 a month, the NIS said."
    rows, _ = document_claims(Document(doc_id="t", path="", text=text, language="en"))
    assert [r for r in rows if r["indicator"] == "wage"] == []


def test_the_ledger_bound_follows_the_currency() -> None:
    vocab = vocabulary()
    assert vocab.limit("wage", "KRW/month") == vocab.limit("wage", "USD/month") * 1500
    assert vocab.limit("wage", "XYZ/month") == vocab.limit("wage")  # unknown: dollars
    text = "North Korean workers in Russia earn 2,000,000 won a month, the NIS said."
    rows, _ = document_claims(Document(doc_id="t", path="", text=text, language="en"))
    frame = claims_frame(rows)
    validate_claims(frame)  # passes in won
    frame.loc[frame["indicator"] == "wage", "unit"] = "USD/month"
    with pytest.raises(LedgerValidationError):
        validate_claims(frame)


@pytest.mark.parametrize(
    ("lang", "text", "units"),
    [
        (
            "en",
            "The North Korean workers, who work up to 12 hours a day, earn about $800 a month.",
            ["USD/month"],
        ),
        ("en", "They earn $2 an hour, or about $300 a month.", ["USD/hour", "USD/month"]),
        (
            "es",
            "Los obreros norcoreanos, que trabajan hasta 12 horas al día, cobran unos 800 dólares al mes.",
            ["USD/month"],
        ),
        (
            "tr",
            "Kuzey Koreli işçiler ayda yaklaşık 1000 dolar alacak ve günde 12 saat çalışacak.",
            ["USD/month"],
        ),
        (
            "ru",
            "Рабочие трудятся по 12 часов в сутки, а их зарплата составляет около 500 долларов в месяц.",
            ["USD/month"],
        ),
        ("hi", "मजदूरों को हर महीने करीब 200 डॉलर मिलेंगे और वे रोजाना 12 घंटे तक काम करेंगे।", ["USD/month"]),
        ("ko", "북한 노동자들은 하루 12시간 일하고 월 800달러를 받는다.", ["USD/month"]),
    ],
)
def test_a_wage_takes_the_period_nearest_it(lang: str, text: str, units: list[str]) -> None:
    """A day of working hours before the sum is not the wage's period."""
    rows, _ = document_claims(Document(doc_id="t", path="", text=text, language=lang))
    assert [r["unit"] for r in rows if r["indicator"] == "wage"] == units
