"""Stage: the `claims` layer. Sentences stated as facts or predictions that could be checked.

Each sentence of the article (spaCy's sentences, cut again at line breaks) is
a candidate unless it is a heading or caption (a whole line with no closing
punctuation), a question, verbless, or part of the title, byline, disclaimer
or a boilerplate artifact; every dropped candidate keeps its reason.

A candidate becomes a claim when any of these holds, and `Claim.evidence`
lists which:

- the check-worthiness model (`presslens.layers.claims.checkworthy`) finds it check-worthy:
  its calibrated `confidence` clears the display threshold picked on CheckThat! dev for
  8 in 10 right ("check-worthy: likely"; `brief.layers["claims"].threshold`). A sentence
  the model's own F1 threshold takes but the display threshold does not is withheld and
  counted (`layers["claims"].withheld`), kept only with `Settings.show_withheld`. The
  accurate profile scores with the encoder whose six layers were fine-tuned on CheckThat!
  (`EncoderCheckworthy`; its share against the n-gram model, chosen on dev, is 1.0, and
  it reads only the sentences the n-gram model scores 0.05 or more), and
  `brief.layers["claims"].profile` says which ran;
- it carries an amount ("has amount");
- it is attributed to a source ("attributed: quote", "attributed: in sentence",
  "attributed: colon");
- it carries a hedge, speculation or booster cue ("hedged", "speculative",
  "boosted"), since an analyst wants to see what is pressed or softened.

Attribution (`attributed.py`), strongest first: the speaker of the quote the claim lies
in, then a reporting verb's subject or an "according to X" in the sentence; otherwise a
source from the sentence before, when that sentence ends with a colon ("X explained:"):
it carries to the next paragraph when the colon ends a line, to the next sentence
otherwise. An attributed claim's certainty is "attributed"; the others take theirs from
their cues (`presslens.layers.claims.certainty`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from spacy.tokens import Doc
from spacy.tokens import Span as TokenSpan

from presslens.article import Article
from presslens.brief import Amount, Brief, Certainty, Claim, LayerStatus, Span
from presslens.layers.claims.amounts import find_amounts
from presslens.layers.claims.attributed import (
    Attribution,
    quote_attribution,
    sentence_attribution,
)
from presslens.layers.claims.certainty import (
    Cue,
    booster_spans,
    certainty_of,
    find_cues,
    hedge_spans,
)
from presslens.layers.claims.checkworthy import (
    CheckworthyModel,
    EncoderCheckworthy,
    load_calibration,
    load_encoder_model,
    load_model,
)
from presslens.layers.claims.number_words import AmountGate
from presslens.models import encoder
from presslens.settings import ProfileName

# A line this short with no closing punctuation is a heading or caption. The
# motivating article's headings and captions are all under 25 words (news-sample
# bodies are single lines, so they do not test this); chosen by hand.
HEADING_MAX_WORDS = 25
_CLOSING = ".!?:;\"'”’)…»"
_QUOTE_CHARS = "\"'“”‘’«»"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A sentence (or line) considered for the claims layer, and why it was dropped if it was."""

    start: int
    end: int
    tokens: TokenSpan | None
    dropped: str | None = None


def find_claims(article: Article, brief: Brief) -> Brief:
    """Add the claims of the article, each scored, classed by certainty and attributed."""
    candidates = [c for c in claim_candidates(article.doc, brief) if c.dropped is None]
    text = article.text
    model: CheckworthyModel | EncoderCheckworthy = load_model()
    profile: ProfileName = "fast"
    # The accurate profile's model runs only when it earns a share of the score on
    # CheckThat! dev (`presslens.models.checkworthy_encoder`); a share of 0 would leave the
    # n-gram model alone and the encoder not run for nothing.
    if encoder.runnable(article.settings.profile) == "accurate" and load_encoder_model().mix > 0:
        model, profile = load_encoder_model(), "accurate"
    scores = model.score([text[c.start : c.end] for c in candidates])
    calibration = load_calibration(profile)
    withheld = 0
    claims: list[Claim] = []
    carried: list[tuple[Attribution, int]] = []  # a source and the offset it carries to
    gate = AmountGate(article.doc, text)
    for index, (candidate, score) in enumerate(zip(candidates, scores, strict=True)):
        sentence = candidate.tokens
        assert sentence is not None
        cues = find_cues(text[candidate.start : candidate.end], candidate.start)
        found = (
            find_amounts(sentence, text[sentence.start_char : sentence.end_char])
            if gate.may_hold(sentence)
            else []
        )
        amounts = tuple(a for a in found if candidate.start <= a.start < candidate.end)
        attribution = quote_attribution(
            brief, candidate.start, candidate.end
        ) or sentence_attribution(brief, sentence)
        carried = [(a, until) for a, until in carried if candidate.end <= until]
        if attribution is None and carried:
            attribution = carried[0][0]
        if attribution is not None and attribution.how != "colon":
            next_end = candidates[index + 1].end if index + 1 < len(candidates) else len(text)
            reach = _colon_reach(text, candidate.end, next_end)
            if reach is not None:
                carried = [(replace(attribution, how="colon"), reach)]
        certainty = certainty_of(cues)
        reasons = _rule_reasons(amounts, attribution, certainty, cues)
        confidence = calibration.confidence(score)
        if calibration.clears(confidence):
            reasons.insert(0, f"check-worthy: {calibration.in_words(confidence)}")
        elif score >= model.threshold and not reasons:
            # The model alone would take it, below the display threshold: withheld.
            withheld += 1
            if not article.settings.show_withheld:
                continue
            reasons.append("check-worthy, below the display threshold")
        if not reasons:
            continue
        reasons.insert(0, f"model {score:.2f}")
        claims.append(
            Claim(
                start=candidate.start,
                end=candidate.end,
                checkworthy=round(float(score), 4),
                confidence=round(confidence, 4),
                certainty="attributed" if attribution is not None else certainty,
                hedges=hedge_spans(cues),
                source=attribution.source if attribution is not None else None,
                amounts=amounts,
                evidence="; ".join(reasons),
                boosters=booster_spans(cues),
            )
        )
    status = LayerStatus(
        computed=True,
        profile=profile,
        threshold=calibration.threshold if calibration.shown else None,
        withheld=withheld,
        reason=encoder.FALLBACK
        if article.settings.profile == "accurate" and not encoder.available()
        else None,
    )
    return replace(brief, claims=tuple(claims), layers={**brief.layers, "claims": status})


def _rule_reasons(
    amounts: tuple[Amount, ...],
    attribution: Attribution | None,
    certainty: Certainty,
    cues: list[Cue],
) -> list[str]:
    """What, besides the model, makes a sentence a claim: amounts, a source, its cues."""
    reasons = []
    if amounts:
        reasons.append("has amount")
    if attribution is not None:
        reasons.append(f"attributed: {attribution.how}")
    if certainty != "asserted":
        reasons.append(certainty)
    if any(cue.kind == "booster" for cue in cues):
        reasons.append("boosted")
    return reasons


def claim_candidates(doc: Doc, brief: Brief) -> list[Candidate]:
    """Every sentence piece of the text, with the reason it was dropped (or None)."""
    text = brief.text  # the same characters; Doc.text would rebuild them
    excluded = _excluded_spans(brief)
    labels = _turn_labels(brief)
    candidates = []
    for sentence in doc.sents:
        for line_start, line_end in _lines(text, sentence.start_char, sentence.end_char):
            for start, end in _without_labels(text, line_start, line_end, labels):
                tokens = doc.char_span(start, end, alignment_mode="expand")
                reason = _drop_reason(text, start, end, tokens, excluded)
                candidates.append(Candidate(start, end, tokens, reason))
    return candidates


def _turn_labels(brief: Brief) -> list[tuple[int, int]]:
    """Where each transcript turn's label starts, and where its words start."""
    labels = []
    for quote in brief.quotes:
        if not quote.evidence.startswith("transcript-turn") or quote.cue is None:
            continue
        speaker = quote.speaker
        start = speaker.start if speaker is not None and speaker.start is not None else None
        labels.append((quote.cue.start if start is None else start, quote.start))
    return labels


def _without_labels(
    text: str, start: int, end: int, labels: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """A sentence piece cut around the turn labels in it: "Vladimir Putin: Good afternoon."
    gives "Good afternoon."; the label is no claim's words."""
    pieces = []
    for label, words in sorted(labels):
        if words <= start or label >= end:
            continue
        if label > start:
            pieces.append((start, label))
        start = max(start, words)
    pieces.append((start, end))
    out = []
    for piece_start, piece_end in pieces:
        stripped = text[piece_start:piece_end]
        piece_start += len(stripped) - len(stripped.lstrip())
        piece_end -= len(stripped) - len(stripped.rstrip())
        if piece_end > piece_start:
            out.append((piece_start, piece_end))
    return out


def dropped_reasons(candidates: list[Candidate]) -> Counter[str]:
    """How many candidates were dropped for each reason."""
    return Counter(c.dropped for c in candidates if c.dropped is not None)


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces = []
    position = start
    for line in text[start:end].split("\n"):
        line_start = position + len(line) - len(line.lstrip())
        line_end = position + len(line.rstrip())
        if line_end > line_start:
            pieces.append((line_start, line_end))
        position += len(line) + 1
    return pieces


def _excluded_spans(brief: Brief) -> list[tuple[Span, str]]:
    document = brief.document
    spans = [
        (document.title_span, "title"),
        (document.author_span, "byline"),
        (document.disclaimer, "disclaimer"),
    ]
    excluded = [(span, why) for span, why in spans if span is not None]
    excluded += [
        (Span(a.start, a.end), "boilerplate") for a in brief.artifacts if a.kind == "boilerplate"
    ]
    return excluded


def _drop_reason(
    text: str, start: int, end: int, tokens: TokenSpan | None, excluded: list[tuple[Span, str]]
) -> str | None:
    for span, why in excluded:
        if span.start < end and start < span.end:
            return why
    if tokens is None:
        return "no tokens"
    piece = text[start:end]
    if piece.rstrip(_QUOTE_CHARS + " ").endswith("?"):
        return "question"
    if not any(token.pos_ in ("VERB", "AUX") for token in tokens):
        return "no verb"
    whole_line = (start == 0 or text[start - 1] == "\n") and (end == len(text) or text[end] == "\n")
    if whole_line and piece[-1] not in _CLOSING and len(piece.split()) <= HEADING_MAX_WORDS:
        return "heading"
    return None


def _colon_reach(text: str, end: int, next_end: int) -> int | None:
    """Where a source carries to when the claim ending at `end` closes with a colon.

    To the end of the next paragraph when the colon ends its line, else to the
    end of the next sentence (`next_end`).
    """
    if not text[:end].endswith(":"):
        return None
    rest = text[end:]
    if rest.lstrip(" \t").startswith("\n"):
        paragraph_start = end + len(rest) - len(rest.lstrip())
        stop = text.find("\n", paragraph_start)
        return len(text) if stop == -1 else stop
    return next_end


#: The signals a claim found by a language's rules alone (Russian, Chinese) can carry; its
#: `checkworthy` is the share of them it carries, and it has no `confidence`.
RULE_SIGNALS = ("amount", "source", "certainty cue")


def rule_signals(amounts: object, source: object, cues: object) -> list[str]:
    """The names of the signals present (each argument is present when truthy)."""
    present = (amounts, source, cues)
    return [name for name, value in zip(RULE_SIGNALS, present, strict=True) if value]


def rule_score(signals: list[str]) -> float:
    """A rule-found claim's `checkworthy`: the share of the signals it carries."""
    return round(len(signals) / len(RULE_SIGNALS), 4)


def rule_notice(language: str) -> str:
    """What a rule-found claim's score means, said once per brief."""
    return (
        f"{language} claims are found by rules (an amount, a source, a certainty cue), not by "
        f"a check-worthiness model: presslens has no {language} training data, so a claim's "
        "checkworthy score is the share of those three signals it carries, not a probability."
    )


def with_rule_claims(brief: Brief, claims: list[Claim], language: str) -> Brief:
    """The brief with claims a language's rules found, no model behind them: the layer
    runs no profile, and a notice tells the reader what their score means."""
    notice = rule_notice(language)
    document = replace(brief.document, notices=(*brief.document.notices, notice))
    layers = {**brief.layers, "claims": LayerStatus(computed=True, profile=None)}
    return replace(brief, claims=tuple(claims), document=document, layers=layers)
