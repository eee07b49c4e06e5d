"""`--explain`: every figure of a document with the rule that decided it and the deciding words."""

import inspect

from dprkwatch import Document
from dprkwatch.extract.explain import explain, explain_table
from dprkwatch.extract.rules import RULES

TEXT = (
    "North Korea has sent about 11,000 troops to Russia, the NIS said on Tuesday. "
    "Russia has lost 3,000 Ukrainian soldiers in a week. "
    "Washington sent 5,000 American troops to the region. "
    "In 2024, the two countries signed a treaty that runs for 20 years."
)


def _by_figure():
    doc = Document(doc_id="t", path="", text=TEXT, language="en")
    return {e.figure: e for e in explain(doc)}


def test_every_figure_is_explained_with_its_rule():
    got = _by_figure()
    assert got["about 11,000"].outcome == "claim"
    assert got["about 11,000"].indicator == "troops_deployed"
    assert (got["about 11,000"].rule, got["about 11,000"].words) == (
        "people_need_a_deployment",
        "sent",
    )
    assert got["3,000"].outcome == "rejected" and got["3,000"].rule == "excluded_noun"
    assert got["3,000"].words == "Ukrainian soldiers"
    assert (got["5,000"].rule, got["5,000"].words) == ("another_partys_people", "American")
    assert got["2024"].rule == "years_are_not_counts"
    assert got["20"].rule == "durations_and_measures_are_not_counts" and got["20"].words == "years"


def test_the_table_reads_as_prose():
    table = explain_table(explain(Document(doc_id="t", path="", text=TEXT, language="en")))
    assert "CLAIM troops_deployed" in table and "why: another_partys_people" in table
    assert "rejected" in table
    assert "why: excluded_noun: counts something the ledger does not track" in table
    assert "[3,000]" in table


def test_rules_are_small_named_and_documented():
    for name, fn in RULES:
        source, _ = inspect.getsourcelines(fn)
        assert fn.__doc__ and name == fn.__name__, name
        assert len(source) <= 31, f"{name} is {len(source) - 1} lines (the decorator aside)"


def test_the_command_line_explains_a_file(tmp_path, capsys):
    from dprkwatch.cli import main

    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    assert main(["extract", "--explain", str(tmp_path / "a.txt")]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"== {tmp_path / 'a.txt'} (en)")
    assert "CLAIM troops_deployed" in out and "why: years_are_not_counts: a year" in out


def test_what_is_produced_is_not_what_was_supplied():
    made = "North Korea's factories can produce about 3 million shells a year, the NIS said."
    sent = "North Korea has produced and shipped 3 million shells to Russia, the NIS said."
    (made_e,) = explain(Document(doc_id="t", path="", text=made, language="en"))
    assert (made_e.rule, made_e.words) == ("production_is_not_a_supply", "produce")
    (sent_e,) = explain(Document(doc_id="t", path="", text=sent, language="en"))
    assert sent_e.outcome == "claim" and sent_e.indicator == "shells_supplied"


def test_a_partys_genitive_and_a_firing_verb_are_named_as_reasons():
    text = (
        "North Korea has sent 12,000 troops to Kursk, where Russia's 1,200 soldiers hold the "
        "line. Russia fired 60 North Korean missiles at Kyiv, Ukrainian officials said."
    )
    got = {e.figure: e for e in explain(Document(doc_id="t", path="", text=text, language="en"))}
    assert got["12,000"].outcome == "claim"
    assert (got["1,200"].rule, got["1,200"].words) == ("another_partys_genitive", "Russia's")
    assert got["1,200"].reason == "another party's forces"
    assert (got["60"].rule, got["60"].words) == ("fired_is_not_a_supply", "fired")
