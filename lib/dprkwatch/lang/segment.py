"""Sentence splitting driven by each language's terminators and abbreviations.

A line break always ends a sentence (titles, paragraphs). A terminator ends one when it is
followed by white space, or, in languages written without a space after the period
(`split_without_space`), by any letter. Abbreviations ("Dec.", "U.S.") and initials do not.
"""

from __future__ import annotations

import bisect
import re
import unicodedata

from dprkwatch.lang.packs import Lang, get_lang

_CLOSERS = "\"'”’»)]」』"


def _script_stops(terms: str) -> str:
    """The terminators that are a script's own full stop (。 ． । ॥), never a decimal point."""
    return "".join(
        c
        for c in terms
        if c != "." and any(k in unicodedata.name(c, "") for k in ("FULL STOP", "DANDA"))
    )


def _splitter(lang: Lang):
    def build():
        s = lang.option("sentences")
        terms = s["terminators"]
        abbrevs = {a.lower().rstrip(".") for a in s["abbreviations"]}
        no_space = s["split_without_space"]
        cls = "[" + re.escape(terms) + "]+"
        closers = "[" + re.escape(_CLOSERS) + "]*"
        # A script's own full stop ends a sentence whatever follows, a digit included: only
        # the ASCII period doubles as a decimal point ("1.5万").
        stops = _script_stops(terms)
        own = rf"[{re.escape(stops)}]+{closers}(?=\S)|" if stops else ""
        # A period glued to the capitalised word after it, read below ("Nga-Ukraine.Vào").
        glued = r"|\.(?=[^\W\d_])" if s["split_glued_capital"] and not no_space else ""
        if no_space:
            rx = re.compile(rf"{own}{cls}{closers}(?=\s|[^\d\s.,)]|$)|\n+")
        else:
            rx = re.compile(rf"{own}{cls}{closers}(?=\s|$){glued}|\n+")
        nums = lang.option("numbers")
        scales = {a.lower().rstrip(".") for a in (*nums["scale_abbreviations"], *nums["scales"])}
        figure_words = {w.lower() for w in (*nums["words"], *nums["scales"])}
        ordinal_re = None
        months = lang.option("numbers.months")
        if s["ordinal_dates"] and months:
            from dprkwatch.lang.packs import alternation

            ordinal_re = re.compile(rf"\s*{alternation(months)}", re.IGNORECASE)
        # Hedges written with a period ("ок.", "ca.", "approx.", "aprox."): before a figure they
        # are no sentence's end, whether or not the pack lists them as abbreviations.
        hedges = {
            t.lower().rstrip(".")
            for terms in nums["hedges"].values()
            for t in terms
            if t.endswith(".") and " " not in t
        }
        short = {a.lower().rstrip(".") for a in nums["scale_abbreviations"]}
        return rx, abbrevs, ordinal_re, (scales, figure_words, hedges, short), bool(glued)

    return lang.memo("sentence_splitter", build)


def split_sentences(text: str, lang: Lang | str) -> list[tuple[int, int]]:
    """Spans (start, end) of the sentences of `text`, stripped of surrounding white space."""
    lang = get_lang(lang) if isinstance(lang, str) else lang
    rx, abbrevs, ordinal_re, figures, glued = _splitter(lang)
    spans: list[tuple[int, int]] = []
    start = 0
    for m in rx.finditer(text):
        end = m.end()
        tok = m.group()
        if glued and tok == "." and end < len(text) and not text[end].isspace():
            if not _glued_end(text, start, m.start(), end):
                continue
        elif tok[0] == "." and "\n" not in tok and len(tok.rstrip(_CLOSERS)) == 1:
            # The word before the period: an abbreviation or an initial does not end a sentence.
            ws = text.rfind(" ", start, m.start()) + 1
            ws = max(ws, text.rfind("\n", start, m.start()) + 1, start)
            word = text[ws : m.start()].strip("\"'“(«").lower()
            if (
                (word in abbrevs or _abbreviated_figure(word, text, ws, end, figures))
                and not _figure_ends(word, text, end, figures)
            ) or (len(word) == 1 and word.isalpha()):
                continue
            if ordinal_re and word.isdigit() and len(word) <= 2 and ordinal_re.match(text, end):
                continue  # "am 9. Januar": an ordinal date, not the end of a sentence
            nxt = text[end : end + 3].lstrip()
            if nxt[:1].islower() and nxt[:1].isascii():
                continue
        elif _trailing_off(tok, text, end):
            continue
        _add(text, start, end, spans)
        start = end
    _add(text, start, len(text), spans)
    return spans


def _glued_end(text: str, start: int, dot: int, end: int) -> bool:
    """A period with no space after it ends a sentence (pack option split_glued_capital) where
    a word of three letters or more in lower case stands before it and a capitalised word after
    it ("đã tới vùng biên giới.Hồi tháng 3": text whose line breaks were lost); not in a name
    or an address ("vietnamnet.vn", "St.Petersburg", "U.S.")."""
    word = text[max(start, dot - 3) : dot]
    nxt = text[end : end + 2]
    return (
        len(word) == 3
        and word.isalpha()
        and word[-1].islower()
        and len(nxt) == 2
        and nxt[0].isupper()
        and nxt[1].islower()
    )


def _trailing_off(tok: str, text: str, end: int) -> bool:
    """An ellipsis before a word in lower case goes on with the same sentence ("sent 11,000
    troops... and more could follow")."""
    if "\n" in tok or not set(tok.rstrip(_CLOSERS)) <= {".", "…"}:
        return False
    nxt = text[end : end + 3].lstrip(" ")
    return nxt[:1].islower()


def _abbreviated_figure(word: str, text: str, start: int, end: int, figures: tuple) -> bool:
    """A period that belongs to a figure, where the pack does not list the word as an
    abbreviation: a scale abbreviation right after a number ("11 rb. Tentara", "1,5 mln. Obus":
    the figure goes on; a scale written out, "1,5 million.", may end a sentence), or a hedge
    written with a period right before one ("ок. 11 тыс.", "approx. 11,000")."""
    _, _, hedges, short = figures
    if word in short and text[:start].rstrip()[-1:].isdigit():
        return True
    return word in hedges and text[end : end + 3].lstrip()[:1].isdigit()


def _figure_ends(word: str, text: str, end: int, figures: tuple) -> bool:
    """A scale abbreviation before a capitalised number word ends its sentence ("około
    10 tys. Jeden pocisk..."): a figure never goes on with a capitalised word."""
    scales, figure_words, _, _ = figures
    if word not in scales:
        return False
    nxt = text[end : end + 40].split(maxsplit=1)
    return bool(nxt) and nxt[0][:1].isupper() and nxt[0].lower() in figure_words


def _add(text: str, start: int, end: int, spans: list) -> None:
    seg = text[start:end]
    lead = len(seg) - len(seg.lstrip())
    trail = len(seg) - len(seg.rstrip())
    s, e = start + lead, end - trail
    if e > s:
        spans.append((s, e))


class SentenceIndex:
    """Find the sentence that holds a character offset (binary search over spans)."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = spans
        self._starts = [s for s, _ in spans]

    def index_of(self, pos: int) -> int:
        i = bisect.bisect_right(self._starts, pos) - 1
        return max(i, 0)

    def __len__(self) -> int:
        return len(self.spans)

    def __getitem__(self, i: int) -> tuple[int, int]:
        return self.spans[i]
