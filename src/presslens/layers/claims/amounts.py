"""Numbers in a sentence, normalised: "over 14,000 soldiers" -> 14000, at-least, "soldiers".

Works on spaCy tokens. A number is a run of digit tokens ("14,000", "3.5") and
cardinal words ("twenty", "-", "three", "million"), parsed by the small parser
of `number_words.py`; spaCy's `like_num` is not used because it also accepts ordinals
("first"). The words before a number set `approx` ("over", "at least", "up to",
"about"); the noun it modifies is its `unit` ("%" and "percent" give
"percent", "$" gives "dollars").

Not amounts: years (a four-digit 1800-2100 number with no unit noun), day
numbers beside a month name ("June 19", "19 June"), ordinals ("27th", "first"),
clock times ("15:00", "3 p.m."), references ("Article 12", "No. 5") and a
bare "one" ("one of them", "one party").

Not amounts either: a small count after a definite determiner, which names the
subject rather than states a quantity ("the two presidents", "their two countries").

"two or three people", "5 to 7 days", "between 10 and 20" are ranges: approx
"range", `value` the lower and `upper` the upper bound. Vague quantities stay vague:
"a few hours", "a couple of days", "dozens of", "hundreds of", "thousands of" have
approx "vague" and as `value` only the least the words allow (2 for "a few", 24 for
"dozens"), never a guessed number. "a dozen" is 12, approx "about". A vague word before a
scale is vague at that scale: "several thousand" at least 3,000, "a few hundred" 200, "tens
of thousands" 20,000.

Scales written the way English news writes money: "£6bn" 6e9, "$100m" 1e8, "$250k" 250000,
"1.2tn", "4.67 lakh" 467000 and "5 crore" 5e7 (Indian English), the currency kept as unit.
"""

from __future__ import annotations

import re

from spacy.tokens import Span as TokenSpan
from spacy.tokens import Token

from presslens.brief import Amount, Approx
from presslens.layers.claims.number_words import (
    DIGITS,
    SCALES,
    VAGUE,
    VAGUE_PLURALS,
    is_number_token,
    number_word,
    parse_number,
)
from presslens.layers.claims.scores import RESULT_NOUNS, score_at

# Scale abbreviations after a number ("6bn", "6 bn"). "m", "k" and "b" also mean metres,
# kilo- and bytes, so they count only after a currency sign ("$100m", "$250k").
_SHORT_SCALES = {"bn": 1e9, "mn": 1e6, "tn": 1e12, "trn": 1e12}
_CURRENCY_SCALES = {"m": 1e6, "k": 1e3, "b": 1e9}
_SHORT_AND_CURRENCY_SCALES = {**_SHORT_SCALES, **_CURRENCY_SCALES}
_SUFFIXED = re.compile(r"^(\d+(?:\.\d+)?)([a-z]+)$")
# "several" is more than two (Merriam-Webster: "more than two but fewer than many").
_SEVERAL = 3.0
_UNIT_POS = frozenset({"NOUN", "ADJ"})
_PLURAL_SCALES = {"thousands": 1_000.0, "millions": 1e6, "billions": 1e9}
# Words joining the two ends of a range: "two or three", "5 to 7", "10-20".
_RANGE_JOINERS = frozenset({"or", "to", "-", "–", "—"})
# "the two presidents", "their two countries": a count of what the sentence is about. A
# definite determiner before a number under this is no stated amount (kremlin_67315's
# readout gave five such "amounts" on twelve claims).
SUBJECT_COUNT_MAX = 100
_DEFINITE = frozenset(
    {"the", "these", "those", "both", "their", "our", "its", "his", "her", "my", "your"}
)

_APPROX_BEFORE: tuple[tuple[tuple[str, ...], Approx], ...] = (
    (("no", "fewer", "than"), "at-least"),
    (("no", "less", "than"), "at-least"),
    (("no", "more", "than"), "at-most"),
    (("more", "than"), "at-least"),
    (("at", "least"), "at-least"),
    (("upwards", "of"), "at-least"),
    (("in", "excess", "of"), "at-least"),  # "a profit in excess of a trillion rubles"
    (("exceeding",), "at-least"),
    (("as", "many", "as"), "at-most"),  # "as many as 100 people": up to 100
    (("as", "much", "as"), "at-most"),
    (("up", "to"), "at-most"),
    (("at", "most"), "at-most"),
    (("less", "than"), "at-most"),
    (("fewer", "than"), "at-most"),
    (("close", "to"), "about"),
    (("an", "estimated"), "about"),
    (("over",), "at-least"),
    (("under",), "at-most"),
    (("about",), "about"),
    (("around",), "about"),
    (("approximately",), "about"),
    (("roughly",), "about"),
    (("nearly",), "about"),
    (("almost",), "about"),
    (("some",), "about"),
    (("estimated",), "about"),
)
_APPROX_AFTER: dict[tuple[str, ...], Approx] = {
    ("or", "so"): "about",
    ("or", "more"): "at-least",
    ("or", "less"): "at-most",
}
_QUOTE_CHARS = {'"', "'", "“", "”", "‘", "’", "«", "»"}
_REFERENCE_WORDS = {
    "article", "articles", "section", "clause", "chapter", "paragraph", "resolution", "no",
    "no.", "number", "page", "item", "point", "rule", "amendment", "#", "room", "flight",
    "route", "line", "platform", "version", "grade", "level", "phase", "stage", "part",
}  # fmt: skip
_MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
}  # fmt: skip
_CLOCK_AFTER = {"a.m.", "p.m.", "am", "pm", "o'clock", "gmt", "utc"}
_CURRENCY = {
    "$": "dollars", "us$": "dollars", "usd": "dollars", "€": "euros", "eur": "euros",
    "£": "pounds", "gbp": "pounds", "¥": "yuan", "₽": "rubles", "₹": "rupees", "rs": "rupees",
    "rs.": "rupees", "inr": "rupees",
}  # fmt: skip
_PERCENT = {"%", "percent", "per cent", "pct"}
_YEAR_RANGE = range(1800, 2101)


def sentence_text(tokens: list[Token]) -> str:
    """The text the tokens cover (through a Span: `Doc.text` would rebuild the whole text)."""
    return tokens[0].doc[tokens[0].i : tokens[-1].i + 1].text


def find_amounts(sentence: TokenSpan, text: str | None = None) -> list[Amount]:
    """The amounts in one sentence (a spaCy span), offsets into the Doc's text. `text` is
    the sentence's text when the caller has it (`Span.text` joins its tokens again)."""
    amounts: list[Amount] = []
    tokens = list(sentence)
    if text is None:
        text = sentence.text
    i = 0
    while i < len(tokens):
        token = tokens[i]
        value: float | None
        amount: Amount | None
        lower = token.lower_
        if lower in ("a", "an") and i + 1 < len(tokens) and tokens[i + 1].lower_ in VAGUE:
            amount = _vague_amount(tokens, i, 2, VAGUE[tokens[i + 1].lower_])
        elif lower == "several" and i + 1 < len(tokens) and tokens[i + 1].lower_ in SCALES:
            amount = _vague_amount(tokens, i, 1, _SEVERAL)
        elif lower in VAGUE_PLURALS and i + 1 < len(tokens) and tokens[i + 1].lower_ == "of":
            run, value = tokens[i : i + 2], VAGUE_PLURALS[lower]
            # "tens of thousands of": the least of the first word at the scale of the second.
            if i + 2 < len(tokens) and tokens[i + 2].lower_ in _PLURAL_SCALES:
                value *= _PLURAL_SCALES[tokens[i + 2].lower_]
                run = tokens[i : i + 4 if _next_is(tokens, i + 3, "of") else i + 3]
            amount = _amount(tokens, i, run, value, vague=True)
        elif (scaled := _scaled(tokens, i)) is not None:
            value, length = scaled
            amount = _amount(tokens, i, tokens[i : i + length], value, vague=False)
        elif lower in ("a", "an") and i + 1 < len(tokens) and tokens[i + 1].lower_ in SCALES:
            run = _number_run(tokens, i + 1)
            value = parse_number([t.text for t in run])
            dozen = [t.lower_ for t in run] == ["dozen"]
            amount = _amount(tokens, i, [token, *run], value, vague=dozen) if value else None
        elif (score := _score_end(tokens, i, text, sentence.start_char)) is not None:
            while i < len(tokens) and tokens[i].idx < score:
                i += 1
            continue
        elif is_number_token(token):
            run = _number_run(tokens, i)
            value = parse_number([t.text for t in run])
            keep = value is not None and not _not_an_amount(tokens, i, run)
            amount = (
                _amount(tokens, i, run, value, vague=False) if keep and value is not None else None
            )
            # "from 5 to 10 percent" is a change between two amounts, not a range.
            if amount is not None and (i == 0 or tokens[i - 1].lower_ != "from"):
                amount = _as_range(tokens, i + len(run), amount) or amount
        else:
            i += 1
            continue
        if amount is None:
            i += 1
            continue
        amounts.append(amount)
        while i < len(tokens) and tokens[i].idx < amount.end:
            i += 1
    return amounts


def _score_end(tokens: list[Token], i: int, text: str, offset: int) -> int | None:
    """Where a sports score starting at token `i` ends ("won 2-1", "a 2-1 win"; `scores.py`),
    or None: a pair followed by a counted noun is a range ("3-4 weeks"). `text` is the
    sentence's, starting at `offset` in the Doc."""
    if not tokens[i].text[:1].isdigit():
        return None
    found = score_at(text, tokens[i].idx - offset)
    if found is None:
        return None
    end, downwards = found[0] + offset, found[1]
    after = next((t for t in tokens[i:] if t.idx >= end), None)
    counted = after is not None and after.pos_ == "NOUN" and after.lower_ not in RESULT_NOUNS
    return end if downwards or not counted else None


def _next_is(tokens: list[Token], i: int, word: str) -> bool:
    return i < len(tokens) and tokens[i].lower_ == word


def _vague_amount(tokens: list[Token], i: int, words: int, least: float) -> Amount:
    """ "a few hours", "a few hundred patients", "several thousand people": vague, at the least."""
    run = tokens[i : i + words]
    j = i + words
    scale = 1.0
    while j < len(tokens) and tokens[j].lower_ in SCALES:
        scale *= SCALES[tokens[j].lower_]
        run.append(tokens[j])
        j += 1
    # "a few of the people" keeps "of" only when a unit noun follows ("several thousand of
    # our people" ends at "thousand").
    if _next_is(tokens, j, "of") and j + 1 < len(tokens) and tokens[j + 1].pos_ in _UNIT_POS:
        run.append(tokens[j])
    return _amount(tokens, i, run, least * scale, vague=True)


def _scaled(tokens: list[Token], i: int) -> tuple[float, int] | None:
    """ "6bn" / "6 bn" (and "$100m", "$250k" after a currency): the value and tokens used."""
    token = tokens[i]
    # Both forms start with a digit (`_SUFFIXED`, `DIGITS`; `isdigit` takes every `\d`):
    # most tokens stop here, before the scales are put together.
    if not token.text[:1].isdigit():
        return None
    scales = _SHORT_SCALES
    if i > 0 and tokens[i - 1].lower_ in _CURRENCY:
        scales = _SHORT_AND_CURRENCY_SCALES
    if match := _SUFFIXED.match(token.lower_):
        number, suffix = match.groups()
        return (float(number) * scales[suffix], 1) if suffix in scales else None
    if not DIGITS.match(token.text) or i + 1 >= len(tokens):
        return None
    suffix = tokens[i + 1].lower_
    glued = tokens[i + 1].idx == token.idx + len(token.text)
    value = parse_number([token.text])
    # "$5 m" written apart is too loose to read as millions; "5 bn" apart is still a scale.
    if value is None or suffix not in scales or not (glued or suffix in _SHORT_SCALES):
        return None
    return value * scales[suffix], 2


def _number_run(tokens: list[Token], i: int) -> list[Token]:
    run = [tokens[i]]
    j = i + 1
    while j < len(tokens):
        nxt = tokens[j]
        # "twenty-three", and "one hundred and five" (but not "5 million and 20 thousand").
        joiner = (nxt.text == "-" and number_word(run[-1])) or (
            nxt.lower_ == "and" and run[-1].lower_ == "hundred"
        )
        if number_word(nxt) or (joiner and j + 1 < len(tokens) and number_word(tokens[j + 1])):
            run.append(nxt)
            j += 1
        else:
            break
    while run[-1].text in ("-", "and"):
        run.pop()
    return run


#: Entity labels of names: a number inside one is part of the name, not an amount.
_NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "NORP"}
)


def _not_an_amount(tokens: list[Token], i: int, run: list[Token]) -> bool:
    first, last = run[0], run[-1]
    before = tokens[i - 1].lower_ if i > 0 else ""
    after_index = i + len(run)
    after = tokens[after_index].lower_ if after_index < len(tokens) else ""
    if len(run) == 1 and first.lower_ == "one":
        return True
    if first.ent_type_ in _NAME_LABELS:
        return True  # part of a name: "Nord Stream 2", "Apollo 11", "Article 5"
    value = parse_number([t.text for t in run])
    if before in _DEFINITE and value is not None and value < SUBJECT_COUNT_MAX:
        return True
    if before == "." and i > 1:
        before = tokens[i - 2].lower_ + "."  # "Hospital No. 1": the "No." split in two
    if before in _REFERENCE_WORDS or before in _MONTHS or after in _MONTHS:
        return True
    if after in _CLOCK_AFTER:
        return True
    if after == ":" and after_index + 1 < len(tokens) and tokens[after_index + 1].text.isdigit():
        return True
    if len(run) == 1 and re.fullmatch(r"\d{4}", first.text) and int(first.text) in _YEAR_RANGE:
        return _unit_head(last) is None or last.ent_type_ == "DATE"
    return False


def _as_range(tokens: list[Token], after: int, low: Amount) -> Amount | None:
    """ "two or three people": the amount `low` (ending before `after`) widened to a range."""
    if after + 1 >= len(tokens) or tokens[after].lower_ not in _RANGE_JOINERS:
        return None
    if not is_number_token(tokens[after + 1]):
        return None
    run = _number_run(tokens, after + 1)
    upper = parse_number([t.text for t in run])
    if upper is None or upper <= low.value:
        return None
    high = _amount(tokens, after + 1, run, upper, vague=False)
    unit = high.unit or low.unit
    end = max(high.end, run[-1].idx + len(run[-1].text))
    return Amount(low.start, end, low.value, unit, "range", upper)


def _unit_head(last: Token) -> Token | None:
    head = last.head
    if (
        last.dep_ in ("nummod", "quantmod", "compound")
        and head.i > last.i
        and head.pos_
        in (
            "NOUN",
            "PROPN",
        )
    ):
        return head
    return None


def _amount(tokens: list[Token], i: int, run: list[Token], value: float, *, vague: bool) -> Amount:
    start_token, end_token = run[0], run[-1]
    approx: Approx = "vague" if vague else "exact"
    if vague and [t.lower_ for t in run] in (["a", "dozen"], ["an", "dozen"]):
        approx = "about"
    # Approximation words before the number, possibly wrapped in quotes ('"at least" 100').
    j = i
    while j > 0 and tokens[j - 1].text in _QUOTE_CHARS:
        j -= 1
    for phrase, kind in _APPROX_BEFORE:
        k = j - len(phrase)
        if k >= 0 and tuple(t.lower_ for t in tokens[k:j]) == phrase:
            approx = kind
            start_token = tokens[k]
            if j < i and k > 0 and tokens[k - 1].text in _QUOTE_CHARS:
                start_token = tokens[k - 1]
            break
    unit: str | None = None
    before = tokens[i - 1] if i > 0 else None
    if before is not None and before.lower_ == "minus" and start_token is run[0]:
        value, start_token = -value, before  # "minus 17 degrees" is -17
    if before is not None and before.lower_ in _CURRENCY:
        unit = _CURRENCY[before.lower_]
        if start_token is run[0]:
            start_token = before
    after_index = i + len(run)
    after = tokens[after_index] if after_index < len(tokens) else None
    if after is not None and (after.lower_ in _PERCENT):
        unit, end_token = "percent", after
    elif after is not None and after.lower_ == "per" and after_index + 1 < len(tokens):
        if tokens[after_index + 1].lower_ == "cent":
            unit, end_token = "percent", tokens[after_index + 1]
    elif unit is None:
        # "tens of thousands of people": after a closing "of" the unit is the noun that follows.
        head = None if run[-1].lower_ == "of" else _unit_head(run[-1] if not vague else run[1])
        if head is None and after is not None and after.pos_ == "NOUN":
            head = after
        if head is not None and head.i - end_token.i <= 3:
            unit, end_token = head.text, head
    # "six years or so", "300 tonnes or more": words after the amount bound it too.
    at = end_token.i - tokens[0].i
    tail = tuple(t.lower_ for t in tokens[at + 1 : at + 3])
    if approx == "exact" and tail in _APPROX_AFTER:
        approx, end_token = _APPROX_AFTER[tail], tokens[at + 2]
    end = end_token.idx + len(end_token.text)
    # Close a quote opened inside the amount: four "new regions" -> four "new regions".
    inside = sentence_text(tokens)[start_token.idx - tokens[0].idx : end - tokens[0].idx]
    if sum(inside.count(q) for q in _QUOTE_CHARS) % 2 and after_index < len(tokens):
        closing = end_token.nbor() if end_token.i + 1 < len(end_token.doc) else None
        if closing is not None and closing.text in _QUOTE_CHARS:
            end_token = closing
    return Amount(
        start=start_token.idx,
        end=end_token.idx + len(end_token.text),
        value=value,
        unit=unit,
        approx=approx,
    )
