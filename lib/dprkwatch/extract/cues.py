"""A language's cue lexicon, compiled once: the words around a figure that say what it counts.

Everything here is pack data (lang/data/<code>.yaml, section `cues`) turned into regular
expressions; the rules in extract/rules.py read them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dprkwatch.extract.sentence import FAR, Sentence
from dprkwatch.extract.text import (
    CLAUSE_OR_COLON,
    NEVER,
    Concepts,
    last_match,
    nearest,
    words_between,
)
from dprkwatch.lang.packs import Lang, alternation, literal_alternation
from dprkwatch.numbers.quantity import change_head
from dprkwatch.numbers.terms import fold

PERSON_NOUNS = ("troops", "workers", "construction_workers", "sappers", "people")
EVENTS = ("killed_or_wounded", "killed", "wounded", "captured")
Pattern = re.Pattern[str]


@dataclass(frozen=True)
class Cues:
    """A language's cue lexicon, compiled once."""

    nouns: Concepts
    exclude: Pattern
    events: Concepts
    deploy: Pattern
    receive: Pattern
    production: Pattern
    visit: Pattern
    pay: Pattern
    per: dict[str, Pattern]
    per_day_hours: Pattern
    other_parties: Pattern
    nk: Pattern
    planned: Pattern
    done: Pattern
    time_unit: Pattern
    hours_unit: Pattern
    measure_unit: Pattern
    ellipsis: Pattern
    ellipsis_after: Pattern
    follows: Pattern  # "could follow", "pourraient suivre": more people following those sent
    binds_following: Pattern
    noun_list_joiner: Pattern  # 과, 와, 및 after a noun before a figure: it ends the item before
    destroyed: Pattern
    fired: Pattern
    back_reference: Pattern
    comparison: Pattern  # the back_references anywhere: where a comparison starts (timing.as_of)
    total_of_those: Pattern  # "bringing the total to" (timing.adds_to.result) before a figure
    # "in addition to (the)" (timing.adds_to.base) before a figure, one word between at most.
    base_of_those: Pattern
    loss_adjective_before: Pattern  # "heavy", "schwere" ending right before a casualty word
    loss_adjective_after: Pattern  # "importantes", "pesanti" right after one
    count_link: Pattern
    estimate_link: Pattern  # "puts ... at", "szacuje ... na" right before a figure: its object
    estimate_verb: Pattern  # the verbs of estimate_links alone ("оценивает", "chiffre")
    loss_owner: Pattern  # "among", "среди" right after a casualty word: whose losses follow
    arrivals: dict[str, Pattern]  # verbs, places, not_workers: North Koreans arriving in Russia
    share: Pattern  # "half", "半数": a share of the figure's whole, with its own casualties
    pay_contrast: Pattern  # clause_openers and pay_contrasts: where a compared sum's clause starts
    home_pay: Pattern  # "at home", "in North Korea": pay there is no wage of the workers sent
    pay_statistic: Pattern  # "average", "minimum": a statistic of pay, not the workers' wage
    other_war: Pattern  # "Gaza", "Hamas": another war's place or side, whose dead are its own
    both_sides: Pattern  # "on both sides": losses of the two warring armies together
    other_recipient: Pattern  # "to Ukraine", "Ukraine has received": arms for another recipient
    count_head: Pattern  # "the number of", "die Zahl der": names what a figure far after counts
    question: Pattern  # "how many", "сколько", "몇": a question asking for a count
    count_anaphora: Pattern  # "their number", "jumlahnya": the number of what was counted before
    growth_after: Pattern  # "늘어날", "増える" after a bare figure: the count before grows to it
    saying: Pattern  # the pack's words of saying (sources.saying): "she added that 3,000 ..."
    event_gap_words: int  # scaled by word_syllables, as every gap counted in words
    event_before_words: int
    syllables: int  # spaced units that make one word (word_syllables: vi writes a word as 2)
    noun_gap_words: int  # words allowed between a figure and its counted noun after it
    adjectives_follow: bool
    totals: Pattern
    inclusion: Pattern
    loss_verbs: Pattern
    partitive: Pattern
    partitive_here: Pattern  # the partitive whose "one" is the figure itself ("uno dei")
    possession: Pattern
    possession_after: Pattern  # 持ち, 보유, sahip after the troops' noun: an army had, not sent
    party_genitive: Pattern
    army_after: Pattern  # "der ukrainischen Armee" right after the counted noun: that army's
    genitive_link: Pattern  # "of", "der" opening a text: a genitive after a noun follows
    per_head: Pattern  # "인당", "人当たり" right after a figure of one: per head, no count
    clause_opener: Pattern  # while, während, tandis que: another clause starts, its own subject
    source_before_party: Pattern  # "nach Angaben" right before a party: its word, not its own
    linking_hedge: Pattern
    noun_before_first: bool
    verb_final: bool  # the verb ends the clause, after the figure (ja, ko, tr, hi, bn)
    noun_before_words: int
    against: Pattern  # "against", "contre" (and two words at most) ending where North Korea starts
    against_party: Pattern  # "gegen das ukrainische": whom they fight, against another party
    hedge_after_noun: Pattern  # group "h": a hedge right after the counted noun
    hedge_after_noun_kind: dict[str, str]  # its words, folded -> qualifier
    person_counter: Pattern  # a counter of people right after a figure (人, 名, 명)
    other_counter: Pattern  # a counter of trains, ships, buildings or sites (列, 艘, 座, 家)
    object_counter: Pattern  # a classifier right after a figure (枚, 发, 门): a noun may precede
    increment_hedge: Pattern  # "daha fazla" right after a bare figure: so many more, no hedge
    conversion_joiner: Pattern  # "atau setara" between two sums: the second converts the first
    work_as: Pattern  # employed as, zatrudnionych jako: the noun after it is what people are
    demining: Pattern  # clearing mines, desminado: people at this work are sappers
    rebuilding: Pattern  # rebuilding, 復興, 재건: engineers or people at this work are builders
    work_at: Pattern  # work, работают, 働いて: people counted who work in a factory are workers
    combat: Pattern  # fighting, at the front, walczy: North Korea's people with it are troops
    military: Pattern  # deployed, stationed, schierati: North Korea's people with it are troops
    side: Pattern  # on the Ukrainian side, da parte ucraina: another party's side phrase
    place_before: Pattern  # do, в, to, in ending right before a party: it is a place there
    place_opening: Pattern  # to, in, в opening a text: a place phrase follows
    event_frame: Pattern  # "are believed to have been": a hedge of the event, no word between
    event_joiner: Pattern  # and, or, e, ou, o: events joined in a list, no predicate of the first
    fled: Pattern  # fled, escaped, 逃离, 탈출: people who fled are no people sent
    place_suffix: Pattern  # 'da, 'daki glued right after a party: it is a place there
    strike: Pattern  # strike, shelling, удар, обстрел: a sentence of victims of an attack
    exchange: Pattern  # exchange, swap, обмен: a sentence of prisoners swapped
    dual_nouns: Pattern  # جنديين, عاملين: a noun whose form says two
    place_after: Pattern  # to, nach, à, в right after a figure: where it went
    subset_before: Pattern  # "davon", "其中" ending right before a figure: a part of the one before
    subset_after: Pattern  # "of them" right after a figure: a part of the one before
    subset_opening: Pattern  # "Of them, " opening a sentence: a part of the figure before
    subset_clause: Pattern  # "of whom", "из которых" opening a clause: its event is the part's
    part_opening: Pattern  # "Of the" opening a sentence: the whole of a part after it
    restating: (
        Pattern  # "il s'agit de", "es geht um" opening a clause: it restates the sentence before
    )
    noun_pronoun: Pattern  # d'en, ne: a pronoun for a noun counted before, just before a figure
    gap_joiner: Pattern  # "and", "und", a comma ending right before a figure whose verb is left out
    presence: Pattern  # "there", "y sont": being present, as a word of sending for a bare figure
    change_opening: Pattern  # "grew from" ending right before the first figure of a change
    change_first: Pattern  # "grew from 11,000" ending right before the words to the second
    change_infix: Pattern  # "to", "à", "до": all that stands between a change's two figures
    revision: Pattern  # ", inzwischen sogar" all between two figures: the second revises the first
    group_of: Pattern  # "in groups of", "Gruppen von" right before a figure: a group's size
    part_of: Pattern  # "of the", "von den": all that stands between a part and its whole
    # "out of a total of", "su un totale di": a part_of word and a totals word, ending right
    # before the whole, after the part's own words ("600 dead out of a total of 11,000").
    part_of_total: Pattern
    part_of_a: Pattern  # "part of a", "parte di un": the whole that people named before belong to
    age_before: Pattern  # "aged", "w wieku" before a figure or a list of them: an age
    age_aside: Pattern  # "aged 20 and 26" anywhere: an aside between a figure and its event
    restating_aside: Pattern  # ", czyli jedna trzecia wysłanych," an aside that restates a figure
    capacity: Pattern  # "can hold", "可装载" ending two words at most before a figure: what fits
    capacity_after: Pattern  # "積める" two words at most after a figure (verb-final): what fits
    capacity_unit: Pattern  # "a", "each", "每个": one unit whose capacity the figure gives
    sufficiency: Pattern  # "enough to carry", "de quoi" ending two words at most before a figure
    reflexive: Pattern  # "its own", "свои": a possessive that refers back to its clause's subject
    suffer: Pattern  # suffer, sustain, erleiden, subissent: its subject owns the losses after it
    lang: Lang


def cues_of(lang: Lang) -> Cues:
    """The compiled cues of `lang` (built on first use, kept with the pack)."""
    return lang.memo("cues", lambda: _build(lang))


def _terms(lang: Lang, terms: list[str], prefix: bool | None = None) -> Pattern:
    return re.compile(alternation(terms, lang.prefix if prefix is None else prefix), re.IGNORECASE)


def _concepts(lang: Lang, groups: dict[str, list[str] | None]) -> Concepts:
    """Each concept's pattern, and one of all their terms (see text.Concepts)."""
    every = [t for terms in groups.values() for t in terms or []]
    patterns = {k: _terms(lang, v or []) for k, v in groups.items()}
    return Concepts(patterns, _terms(lang, every), {k: v or [] for k, v in groups.items()})


def _with_loss_verbs(c: dict) -> dict[str, list[str] | None]:
    """The events, verbs of losing people among the killed-or-wounded ("has lost 4,000")."""
    groups = {k: c["events"].get(k) for k in EVENTS}
    if c["loss_verbs"]:
        groups["killed_or_wounded"] = [*(groups.get("killed_or_wounded") or []), *c["loss_verbs"]]
    return groups


def _around(terms: list[str], before: str = "", after: str = "") -> Pattern:
    """The terms as one case-blind pattern between `before` and `after`; NEVER when none."""
    return re.compile(f"{before}{alternation(terms)}{after}", re.IGNORECASE) if terms else NEVER


# A back-reference may name what it refers back to before the figure: "up from its April
# estimate of 600", "down from an earlier figure of 3,000" (up to four spaced words, no break).
BACK_REFERENCE_TAIL = r"(?:\s+[^\s,;:.!?،؛。，、]+){0,4}\s*$"


def _revision(terms: list[str]) -> Pattern:
    """A comma and revision words, all that stands between two figures (", inzwischen sogar ")."""
    if not terms:
        return NEVER
    words = f"(?:{alternation(terms)})"
    return re.compile(rf"^\s*[,，]\s*{words}(?:\s+{words})*\s*$", re.IGNORECASE)


def _change(lang: Lang) -> tuple[Pattern, Pattern, Pattern]:
    """The patterns of a change between two figures ("grew from 11,000 to 14,000", "с 11 тысяч до
    14 тысяч"): a change's head (numbers.change_head) before the first, a range word
    (numbers.range_infix, range_connectors) alone between them."""
    infix = [
        *lang.option("numbers.range_infix"),
        *lang.option("numbers.range_connectors"),
        *lang.option("numbers.change_infix"),
    ]
    head = change_head(lang)
    if not head or not infix:
        return NEVER, NEVER, NEVER
    head += r"\s*"
    return (
        re.compile(rf"{head}$", re.IGNORECASE),
        re.compile(rf"{head}\S+(?:\s+\S+)?\s*$", re.IGNORECASE),
        re.compile(rf"^\s*(?:{literal_alternation(infix)})\s*$", re.IGNORECASE),
    )


def _part_of(parts: list[str], totals: list[str]) -> Pattern:
    """All between a part and its whole: a part_of word, a totals word after it if any ("der
    insgesamt 11.000", "out of a total of")."""
    if not parts:
        return NEVER
    total = rf"(?:\s*{alternation(totals)})?" if totals else ""
    return re.compile(rf"^\s*{alternation(parts)}{total}\s*$", re.IGNORECASE)


def _part_of_total(parts: list[str], totals: list[str]) -> Pattern:
    """A part_of word and a totals word ending the text (see Cues.part_of_total)."""
    if not parts or not totals:
        return NEVER
    return re.compile(rf"{alternation(parts)}\s*{alternation(totals)}\s*$", re.IGNORECASE)


def _ending(terms: list[str]) -> Pattern:
    """A phrase that ends right before the figure ("another", "a total of", "reached")."""
    return _around(terms, after=r"\s*$")


def _estimate_link(groups: dict[str, list[str]]) -> Pattern:
    """A verb of estimating, its object (group obj: eight words at most, no break) and the
    preposition that ends right before the figure ("puts North Korean losses at")."""
    verbs, preps = groups.get("verbs") or [], groups.get("prepositions") or []
    if not verbs or not preps:
        return NEVER
    obj = r"(?P<obj>(?:\s+[^\s,;:.!?،؛。，、]+){1,8}?)"
    return re.compile(rf"{alternation(verbs)}{obj}\s+{alternation(preps)}\s*$", re.IGNORECASE)


def _following(terms: list[str]) -> Pattern:
    """A unit right after the figure ("years", "km", "hours")."""
    return re.compile(rf"^\s*-?\s*{alternation(terms, False)}", re.IGNORECASE) if terms else NEVER


def _build(lang: Lang) -> Cues:
    c = lang.option("cues")
    units = lang.option("numbers.units")

    def rx(terms: list[str] | None) -> Pattern:
        return _terms(lang, terms or [])

    binds = c["binds_following"]
    return Cues(
        nouns=_concepts(lang, {k: v for k, v in c["nouns"].items() if v}),
        exclude=rx(c["exclude_nouns"]),
        events=_concepts(lang, _with_loss_verbs(c)),
        deploy=rx(c["deploy"]),
        receive=rx(c["receive_objects"]),
        production=rx(c["production"]),
        visit=rx(c["visit"]),
        pay=rx(c["pay"]),
        per={k: rx(v) for k, v in c["per"].items()},
        per_day_hours=rx(c["per_day_hours"]),
        other_parties=rx(c["other_parties"]),
        nk=rx(c["nk_context"]),
        planned=rx(c["stage"].get("planned")),
        done=rx(c["stage"].get("done")),
        time_unit=_following(units.get("time", [])),
        hours_unit=_following(units.get("hours", [])),
        measure_unit=_following(units.get("measure", [])),
        destroyed=rx(c["destroyed"]) if c["destroyed"] else NEVER,
        fired=rx(c["fired"]) if c["fired"] else NEVER,
        binds_following=re.compile(r"^\s*(?:" + "|".join(map(re.escape, binds)) + ")")
        if binds
        else NEVER,
        noun_list_joiner=re.compile(rf"(?:{literal_alternation(c['noun_list_joiners'])})\s*$")
        if c["noun_list_joiners"]
        else NEVER,
        back_reference=_around(c["back_references"], after=BACK_REFERENCE_TAIL),
        comparison=rx(c["back_references"]),
        total_of_those=_ending((lang.option("timing.adds_to") or {}).get("result") or []),
        base_of_those=_around(
            (lang.option("timing.adds_to") or {}).get("base") or [], after=r"(?:\s+\w+)?\s*$"
        ),
        loss_adjective_before=_around(c["loss_adjectives"], after=r"\s+$"),
        loss_adjective_after=_around(c["loss_adjectives"], before=r"\s+"),
        event_gap_words=c["event_gap_words"] * c["word_syllables"],
        event_before_words=c["event_before_words"] * c["word_syllables"],
        syllables=c["word_syllables"],
        noun_gap_words=c["noun_gap_words"],
        adjectives_follow=c["adjectives_follow_noun"],
        totals=_ending(c["totals"]),
        inclusion=rx(c["inclusion"]) if c["inclusion"] else NEVER,
        loss_verbs=_around(c["loss_verbs"], "^", "$"),
        partitive=_ending(c["partitive"]),
        partitive_here=_around(c["partitive"], "", r"\b"),
        # "has some": the verb may stand before a hedge that is part of the figure's span.
        possession=_ending(c["possession"]),
        possession_after=rx(c["possession_after"]) if c["possession_after"] else NEVER,
        party_genitive=_party_genitive(
            c["other_parties"],
            c["party_genitive"],
            not lang.option("numbers.unspaced"),
            c["army_nouns"],
        ),
        army_after=_army_after(c["other_parties"], c["army_nouns"], c["genitive_after"]),
        genitive_link=_around(c["genitive_after"], r"^\s*", r"\s"),
        per_head=re.compile(rf"^\s*(?:{literal_alternation(c['per_head'])})")
        if c["per_head"]
        else NEVER,
        clause_opener=rx(c["clause_openers"]) if c["clause_openers"] else NEVER,
        source_before_party=_ending(c["source_before_party"]),
        linking_hedge=_around(c["linking_hedges"], r"\s*"),
        noun_before_first=c["noun_before_first"],
        verb_final=bool(c["verb_final"]),
        count_link=_ending(c["count_links"]),
        estimate_link=_estimate_link(c["estimate_links"]),
        estimate_verb=rx(c["estimate_links"]["verbs"])
        if (c["estimate_links"] or {}).get("verbs")
        else NEVER,
        loss_owner=_around(c["loss_owner_links"], r"\s*"),
        arrivals={k: rx(v) if v else NEVER for k, v in c["arrivals"].items()},
        share=rx(c["share_words"]) if c["share_words"] else NEVER,
        pay_contrast=rx(c["clause_openers"] + c["pay_contrasts"])
        if c["clause_openers"] or c["pay_contrasts"]
        else NEVER,
        home_pay=rx(c["home_places"]) if c["home_places"] else NEVER,
        pay_statistic=rx(c["pay_statistics"]) if c["pay_statistics"] else NEVER,
        other_war=rx(c["other_wars"]) if c["other_wars"] else NEVER,
        both_sides=rx(c["both_sides"]) if c["both_sides"] else NEVER,
        other_recipient=rx(c["other_recipients"]) if c["other_recipients"] else NEVER,
        count_head=rx(c["count_heads"]) if c["count_heads"] else NEVER,
        question=rx(c["question_words"]) if c["question_words"] else NEVER,
        saying=rx(lang.option("sources.saying")) if lang.option("sources.saying") else NEVER,
        count_anaphora=rx(c["count_anaphora"]) if c["count_anaphora"] else NEVER,
        # Its counter and particle may stand between ("3만명으로 늘어날"): a few letters, no digit.
        growth_after=_around(c["growth_after"], r"^[^\W\d_]{0,3}\s*"),
        ellipsis=_ending(c["ellipsis"]),
        ellipsis_after=_around(c["ellipsis_after"], r"\s*"),
        follows=rx(c["follow_words"]) if c["follow_words"] else NEVER,
        noun_before_words=c["noun_before_words"],
        # Glued to the digits ("3000명"): no word boundary before a counter.
        person_counter=_counter(c["person_counters"]),
        other_counter=_counter(c["other_counters"]),
        object_counter=_counter(c["noun_before_counters"]),
        increment_hedge=re.compile(rf"\s+(?:{literal_alternation(c['increment_hedges'])})")
        if c["increment_hedges"]
        else NEVER,
        # The second sum's currency sign may stand before it, outside the figure ("atau Rp").
        conversion_joiner=_around(c["conversion_joiners"], r"\s*", r"\s*[^\s\d]{0,4}\s*$"),
        work_as=rx(c["work_as"]) if c["work_as"] else NEVER,
        demining=rx(c["demining_words"]) if c["demining_words"] else NEVER,
        rebuilding=rx(c["rebuilding_words"]) if c["rebuilding_words"] else NEVER,
        work_at=rx(c["work_at"]) if c["work_at"] else NEVER,
        combat=rx(c["combat"]) if c["combat"] else NEVER,
        military=rx(c["deploy_military"]) if c["deploy_military"] else NEVER,
        side=_side(c["other_parties"], c["side_words"], c["place_prepositions"]),
        place_before=_ending(c["place_prepositions"]),
        place_opening=_around(c["place_prepositions"], r"^\s*"),
        event_frame=rx(c["event_frames"]) if c["event_frames"] else NEVER,
        event_joiner=rx(c["event_joiners"] or c["gapping_joiners"]),
        fled=rx(c["fled_words"]) if c["fled_words"] else NEVER,
        strike=rx(c["strike_words"]) if c["strike_words"] else NEVER,
        exchange=rx(c["exchange_words"]) if c["exchange_words"] else NEVER,
        dual_nouns=rx(c["dual_nouns"]) if c["dual_nouns"] else NEVER,
        place_suffix=re.compile(rf"(?:{literal_alternation(c['place_suffixes'])})(?!\w)")
        if c["place_suffixes"]
        else NEVER,
        # A dash stands for the verb left out in Russian and Ukrainian ("и 100 — во Владивосток").
        place_after=_around(c["place_prepositions"], r"^\s*(?:[—–-]\s*)?", r"\s"),
        subset_before=_ending(c["subset_words"]),
        subset_after=_around(c["subset_after"], r"^\s*"),
        # "Of them, about", "Davon seien rund": a comma and one word (a verb) at most before it.
        subset_opening=_around(c["subset_words"], r"^\s*", r"\s*[,，]?(?:\s*[^\s,;:.，]+)?\s*$"),
        subset_clause=_around(c["subset_words"], r"\s*"),  # matched at a clause break
        part_opening=_around(c["part_of_whole"], r"^\s*", r"\s"),
        restating=_around(c["restating"]),
        noun_pronoun=_around(c["noun_pronouns"], after=r"(?:\s+[^\s,;:.]+){0,2}\s*$"),
        gap_joiner=_around([",", ";", *c["gapping_joiners"]], after=r"\s*$")
        if c["gapping_joiners"]
        else NEVER,
        presence=rx(c["presence_words"]) if c["presence_words"] else NEVER,
        revision=_revision(c["revision_words"]),
        change_opening=_change(lang)[0],
        change_first=_change(lang)[1],
        change_infix=_change(lang)[2],
        group_of=_ending(c["group_of"]),
        part_of=_part_of(c["part_of_whole"], c["totals"]),
        part_of_total=_part_of_total(c["part_of_whole"], c["totals"]),
        part_of_a=rx(c["part_of_a"]),
        # "aged 20 and 26": the age word before the first figure of a short list is the 26's.
        age_before=_around(c["age_words"], after=r"(?:[\s,]+(?:\d+|\w{1,3}))*\s*$"),
        age_aside=_around(c["age_words"], after=r"(?:[\s,]+\d+)(?:[\s,]+(?:\d+|\w{1,3}\b))*"),
        # The opener after a comma, up to the comma that closes it (no other break between).
        restating_aside=_around(
            c["aside_openers"], r"[,，]\s*", r"(?![^\W\d_])[^,，;；:.!?]{0,80}[,，]"
        ),
        capacity=_around(c["capacity_words"], after=r"(?:\s+[^\s,;:.]+){0,2}\s*$"),
        capacity_after=_around(c["capacity_after"], r"^\s*(?:[^\s,;:.，、。]+\s*){0,2}"),
        capacity_unit=rx(c["capacity_units"]),
        reflexive=rx(c["reflexive_possessives"]),
        suffer=rx(c["suffer_verbs"]) if c["suffer_verbs"] else NEVER,
        sufficiency=_around(c["sufficiency_words"], after=r"(?:\s+[^\s,;:.]+){0,2}\s*$"),
        against=_around(c["against"], "", r"(?:\s+\S+){0,2}\s*$"),
        against_party=_against_party(c["against"], c["other_parties"]),
        **_hedges_after_noun(c),
        lang=lang,
    )


def _counter(terms: list[str]) -> Pattern:
    """Counters glued to the digits ("3000명", "5家"): no word boundary before them."""
    if not terms:
        return NEVER
    return re.compile(rf"\s*(?:{literal_alternation(terms)})")


def _hedges_after_noun(c: dict) -> dict:
    """The hedges a pack writes right after the counted noun, and the qualifier of each."""
    kinds = {
        fold(term): kind
        for kind in ("approx", "at_least", "at_most")
        for term in c[f"{kind}_after_noun"]
    }
    if not kinds:
        return {"hedge_after_noun": NEVER, "hedge_after_noun_kind": {}}
    pattern = rf"\s+(?P<h>{literal_alternation(kinds)})(?!\w)"
    return {
        "hedge_after_noun": re.compile(pattern, re.IGNORECASE),
        "hedge_after_noun_kind": kinds,
    }


def _party_genitive(
    parties: list[str], markers: list[str], run_on: bool = True, armies: tuple = ()
) -> Pattern:
    """Another party, or its army, in the genitive ending right before a figure ("Russia's",
    "रूस के", "the Ukrainian army's", "ইউক্রেনীয় বাহিনীর").

    run_on: parties match as word beginnings; not in unspaced scripts, where the run of letters
    after one would reach the figure across words ("向俄方提供超过2万": 俄方 is no owner there)."""
    if not parties or not markers:
        return NEVER
    gen = literal_alternation(markers)
    army = rf"(?:\s*{alternation(armies, True)})?" if armies else ""
    # A marker is glued ("Rusya'nın", "Russlands") or its own word ("रूस के"): parties match as
    # word beginnings, and the marker must then reach the figure.
    return re.compile(rf"{alternation(parties, run_on)}{army}\s*(?:{gen})\s*$", re.IGNORECASE)


def _army_after(parties: list[str], armies: list[str], linkers: list[str]) -> Pattern:
    """Another party's army in the genitive right after a counted noun: a linker (of the, der,
    de l'; none where the case says it) then the army with the party before or after it ("of the
    Ukrainian army", "der Armee der Ukraine", "del ejército ucraniano", "украинской армии"), or
    an army that is a party by its name ("ВСУ"). Group "p": the party, where one is named."""
    if not parties or not armies:
        return NEVER
    p, a = alternation(parties, True), alternation(armies, True)
    link = rf"(?:(?:{literal_alternation(linkers)})\s*)?" if linkers else ""
    return re.compile(
        rf"\s*{link}(?:(?P<p>{p})\S*\s+)?(?P<a>{a})\S*(?:\s+{link}(?P<q>{p}))?", re.IGNORECASE
    )


def _side(parties: list[str], sides: list[str], preps: list[str]) -> Pattern:
    """Another party and a word of side, either way round, a word or two apart: "on the Ukrainian
    side", "auf ukrainischer Seite", "da parte ucraina", "del lado ucraniano". A preposition
    between a party and the side word after it opens the side's own phrase: the party is a place
    before it ("в Украине на стороне России": Russia's side, not Ukraine's)."""
    if not parties or not sides:
        return NEVER
    p, s = alternation(parties, True), alternation(sides)
    mid = rf"(?!(?:{alternation(preps)})\s)" if preps else ""
    return re.compile(rf"{p}(?:\s+{mid}\S+)?\s+{s}|{s}(?:\s+\S+){{0,2}}?\s+{p}", re.IGNORECASE)


def _against_party(against: list[str], parties: list[str]) -> Pattern:
    """A word of against, three words at most, then another party: "gegen das ukrainische",
    "contro le forze armate ucraine", "против украинских"."""
    if not against or not parties:
        return NEVER
    a, p = alternation(against), alternation(parties, True)
    return re.compile(rf"{a}(?:\s+\S+){{0,3}}?\s+{p}", re.IGNORECASE)


def fighting_sides(c: Cues, text: str) -> list[tuple[int, int]]:
    """Side phrases two words or less from a word of fighting: they say whom North Korea fights
    for ("troops fighting on Russia's side", "walczących po stronie Rosji", "die auf russischer
    Seite kämpfen"), not another party's own clause or losses."""
    spans = []
    for m in c.side.finditer(text):
        before, after = text[max(0, m.start() - 40) : m.start()], text[m.end() : m.end() + 40]
        fb, fa = last_match(c.combat, before), c.combat.search(after)
        gaps = [before[fb.end() :]] if fb else []
        gaps += [after[: fa.start()]] if fa else []
        if any(words_between(g) <= 2 and not CLAUSE_OR_COLON.search(g) for g in gaps):
            spans.append(m.span())
    return spans


def party_has(before: str, noun_phrase: str, cues: Cues) -> bool:
    """Another party owns the figure: "Russia has 600,000 troops", "Ukraine's army has 3,000"."""
    if cues.nk.search(noun_phrase):
        return False
    return owned_by(before, cues, cues.other_parties, 1) is not None


def owned_by(before: str, cues: Cues, owners: Pattern, gap: int) -> re.Match[str] | None:
    """The verb of having that ends right before a figure, where one of `owners` stands at most
    `gap` words before it ("Russia has", "North Korea, which has"); else None."""
    m = cues.possession.search(before)
    if m is None:
        return None
    lead = before[max(0, m.start() - 40) : m.start()]
    found = list(owners.finditer(lead))
    return m if found and words_between(lead[found[-1].end() :]) <= gap else None


def other_party_subject(text: str, cues: Cues) -> bool:
    """Another party's losses are the subject: "Russian losses", "Rusia perdió", "Потери ВС РФ".

    Only a loss word right next to the party counts, so "South Korean intelligence reports the
    deaths of ..." (a source) and "casualties in Russia" (a place) do not.
    """
    for m in cues.other_parties.finditer(text):
        rest = text[m.end() :]
        if cues.nk.search(rest):
            continue  # "... in Russia's Kursk region, North Korean troops ..."
        if cues.place_suffix.match(text, m.end()):
            continue  # "Kuzey Kore'nin Rusya'daki kayıpları": losses in Russia, not Russia's
        if cues.place_before.search(text, 0, m.start()) or _of_a_place(text, m.start(), cues):
            continue  # "أرسلت ... إلى روسيا، وقتل": where they were sent, not who lost
        if any(a <= m.start() < b for a, b in fighting_sides(cues, text)):
            continue  # "troops fighting on Russia's side": whom they fight for, not who lost
        ahead, _ = nearest(cues.events, text[max(0, m.start() - 40) : m.start()], 0, from_end=True)
        behind, _ = nearest(cues.events, rest[:60], 1)
        if ahead is not None or behind is not None or _its_own_losses(rest, cues):
            return True
        if _suffers(text[: m.start()], rest, cues):
            return True
    return False


# Words between a place phrase and the party it belongs to ("in the Sudzha area of Russia").
PLACE_OF_PARTY_WORDS = 1


def _of_a_place(text: str, start: int, cues: Cues) -> bool:
    """The party starting at `start` names the country of a place right before it, where North
    Korea's troops, named before the place in its clause, are ("North Korean troops in the Kursk
    region of Russia have lost", "війська КНДР в Курській області Росії втратили"): not who
    lost. Not "게라시모프는 쿠르스크에서 우크라이나군 손실이": no North Korea before the place."""
    clause = CLAUSE_OR_COLON.split(text[:start])[-1]
    place = last_match(cues.deploy, clause)
    if place is None or not cues.nk.search(clause, 0, place.start()):
        return False
    return words_between(clause[place.end() :]) <= PLACE_OF_PARTY_WORDS


# Words a party's noun phrase may hold before its verb of suffering ("Russian troops in Kursk
# are"), and words between that verb and the figure ("sufren a diario unas").
SUFFERER_WORDS = 5
SUFFERED_WORDS = 3


def _suffers(before: str, rest: str, cues: Cues) -> bool:
    """'Russian troops suffer about 1,500 casualties a day', 'Die russischen Truppen erleiden
    täglich rund 1500 Verluste': another party as the subject of a verb of suffering, sustaining
    or taking (pack option suffer_verbs), all in the figure's clause before it, owns the losses
    the figure counts; not where North Korea shares the clause before the party ("North Korean
    and Russian troops suffer ...")."""
    if CLAUSE_OR_COLON.search(rest) or cues.nk.search(CLAUSE_OR_COLON.split(before)[-1]):
        return False
    m = cues.suffer.search(rest)
    syl = cues.syllables
    return (
        m is not None
        and words_between(rest[: m.start()]) <= SUFFERER_WORDS * syl
        and words_between(rest[m.end() :]) <= SUFFERED_WORDS * syl
    )


# How far after a party its own losses may be named ("Russia has not disclosed its own losses").
OWN_LOSSES_CHARS = 60


def _its_own_losses(rest: str, cues: Cues) -> bool:
    """'Russia has not disclosed its own losses', 'La Russie ne publie pas ses propres pertes':
    a reflexive possessive (pack option reflexive_possessives) refers back to the party that is
    its clause's subject, so the loss word right after it is that party's."""
    clause = re.split(r"[,;，；،؛]", rest[:OWN_LOSSES_CHARS], maxsplit=1)[0]
    own = cues.reflexive.search(clause)
    return own is not None and nearest(cues.events, clause[own.end() :], 1)[0] is not None


def stage_of(sentence: Sentence, pos: int, cues: Cues) -> str:
    """planned | done | "": the stage word nearest to the figure at `pos` in the sentence.

    On a tie, planned wins.
    """
    planned, done = sentence.distance(cues.planned, pos), sentence.distance(cues.done, pos)
    if planned == done == FAR:
        return ""
    return "planned" if planned <= done else "done"
