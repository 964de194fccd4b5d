"""The check-worthiness model: how likely a sentence holds a factual claim worth checking.

A logistic regression over TF-IDF word 1-2-grams, character 2-5-grams (within
word boundaries) and four cheap features (a number, length, a question mark,
capitalised words), trained on the CLEF-2024 CheckThat! Task 1 English train
set. The shipped weights live in `presslens/models/weights/checkworthy.npz` as plain arrays
(vocabularies, idf weights, coefficients, the decision threshold) and are
loaded without pickle into two `TfidfVectorizer`s whose fitted state is set
directly, so scoring is sklearn's own transform followed by one dot product.

Scores are calibrated on CheckThat! dev into `confidence`, the probability that a
sentence is check-worthy; a sentence is flagged check-worthy by default when its
confidence clears the display threshold picked there for 8 in 10 right
(`load_calibration`, `weights/checkworthy_calibration.json`).

Rebuild the weights and calibration from the data set's folder (`presslens.models.checkworthy`)::

    python -m presslens.models.checkworthy /path/to/checkthat2024-en

>>> model = load_model()
>>> bool(model.score(["Unemployment fell to 3.5 percent."])[0] > model.threshold)
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer, TfidfVectorizer
from sklearn.utils.sparsefuncs_fast import inplace_csr_row_normalize_l2

from presslens.errors import ModelMissing
from presslens.models import weights_folder
from presslens.models.calibration import Calibration
from presslens.models.encoder import DEPTH
from presslens.settings import ProfileName

MODEL_PATH = weights_folder() / "checkworthy.npz"
#: The command that rebuilds the shipped weights (`presslens.models.checkworthy`).
REBUILD = "python -m presslens.models.checkworthy DATA_DIR"
#: The names the calibrations ship under, per profile whose scores they calibrate.
CALIBRATION = "checkworthy"
CALIBRATIONS: dict[ProfileName, str] = {"fast": CALIBRATION, "accurate": "checkworthy_accurate"}

# Minimum document frequencies; they keep the shipped vocabulary near 85k terms.
WORD_MIN_DF = 2
CHAR_MIN_DF = 3
# Sentence length is capped at this many words before scaling to 0..1.
LENGTH_CAP_WORDS = 60
#: Distinct words whose n-gram columns are kept (the 200 news-sample articles hold
#: about 25k distinct lowercased words; the cap bounds a long-running server).
WORD_GRAMS_KEPT = 200_000

_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|hundred|thousand"
    r"|million|billion|trillion|percent|half|dozen)\b",
    re.IGNORECASE,
)


def word_vectoriser() -> TfidfVectorizer:
    return TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=WORD_MIN_DF)


def char_vectoriser() -> TfidfVectorizer:
    return TfidfVectorizer(
        analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=CHAR_MIN_DF
    )


def cheap_features(sentences: Sequence[str]) -> csr_matrix:
    """Has a number, length (0..1), ends with "?", share of capitalised words after the first."""
    rows = []
    for sentence in sentences:
        words = sentence.split()
        capitalised = sum(1 for word in words[1:] if word[:1].isupper())
        rows.append(
            (
                float(bool(_NUMBER.search(sentence))),
                min(len(words), LENGTH_CAP_WORDS) / LENGTH_CAP_WORDS,
                float(sentence.rstrip().endswith("?")),
                capitalised / max(len(words), 1),
            )
        )
    return csr_matrix(np.array(rows, dtype=np.float64).reshape(len(rows), 4))


@dataclass(frozen=True)
class CheckworthyModel:
    """Fitted vectorisers, coefficients and the decision threshold picked on dev."""

    words: TfidfVectorizer
    chars: TfidfVectorizer
    coef: NDArray[np.float64]
    intercept: float
    threshold: float
    #: Each word's character n-grams as vocabulary columns, filled as words are met.
    word_grams: dict[str, NDArray[np.int32]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def features(self, sentences: Sequence[str]) -> csr_matrix:
        """The feature matrix of `sentences`, in the order the coefficients expect."""
        return hstack(
            [
                _weighted(CountVectorizer.transform(self.words, sentences), self.words._tfidf),
                _weighted(self.char_counts(sentences), self.chars._tfidf),
                cheap_features(sentences),
            ]
        ).tocsr()

    def char_counts(self, sentences: Sequence[str]) -> csr_matrix:
        """The character n-gram counts `self.chars` would count, matrix for matrix.

        A `char_wb` n-gram never crosses a word, so a sentence's counts are the sum of
        its words' and each distinct word is cut into n-grams once per process (news
        repeats its words; sklearn cuts every occurrence). Same lowercasing, same split
        on whitespace, same n-grams, same sorted columns: the TF-IDF rows are identical.
        """
        vocabulary = self.chars.vocabulary_
        low, high = self.chars.ngram_range
        per_word: list[NDArray[np.int32]] = []
        words_in: list[int] = []
        for sentence in sentences:
            words = sentence.lower().split()
            for word in words:
                grams = self.word_grams.get(word)
                if grams is None:
                    grams = _word_columns(word, vocabulary, low, high)
                    if len(self.word_grams) < WORD_GRAMS_KEPT:
                        self.word_grams[word] = grams
                per_word.append(grams)
            words_in.append(len(words))
        columns = np.concatenate(per_word) if per_word else np.zeros(0, dtype=np.int32)
        sizes = np.array([len(grams) for grams in per_word], dtype=np.intp)
        of_word = np.repeat(np.arange(len(sentences)), words_in)
        rows = np.repeat(of_word, sizes)
        shape = (len(sentences), len(vocabulary))
        counts = csr_matrix((np.ones(len(columns), dtype=np.float64), (rows, columns)), shape=shape)
        counts.sum_duplicates()  # also sorts each row's columns, as sklearn does
        return counts

    def score(self, sentences: Sequence[str]) -> NDArray[np.float64]:
        """The probability, 0..1, that each sentence is check-worthy (one transform for all)."""
        if not sentences:
            return np.zeros(0)
        logits = self.features(sentences) @ self.coef + self.intercept
        return np.asarray(1.0 / (1.0 + np.exp(-logits)), dtype=np.float64)

    def save(self, path: Path) -> None:
        """Write the model as plain arrays (no pickle)."""
        np.savez_compressed(
            path,
            word_terms=_terms(self.words),
            word_idf=self.words.idf_.astype(np.float32),
            char_terms=_terms(self.chars),
            char_idf=self.chars.idf_.astype(np.float32),
            coef=self.coef.astype(np.float32),
            intercept=np.array([self.intercept]),
            threshold=np.array([self.threshold]),
        )


def _weighted(counts: csr_matrix, tfidf: TfidfTransformer) -> csr_matrix:
    """`tfidf.transform(counts, copy=False)`, its steps in its order (log tf + 1, times the
    idf, rows to length 1), without its input checks and `normalize`'s: on 40 news-sample
    articles those checks cost the fast profile more than the arithmetic (scikit-learn
    1.9.1, pinned; `tests/test_claims.py` compares the two)."""
    if not (tfidf.sublinear_tf and tfidf.norm == "l2" and counts.dtype == np.float64):
        return tfidf.transform(counts, copy=False)
    np.log(counts.data, counts.data)
    counts.data += 1.0
    counts.data *= tfidf.idf_[counts.indices]
    inplace_csr_row_normalize_l2(counts)
    return counts


def _word_columns(word: str, vocabulary: dict[str, int], low: int, high: int) -> NDArray[np.int32]:
    """The vocabulary columns of one word's n-grams, as sklearn's `_char_wb_ngrams` cuts
    them (the word padded with a space each side; a word shorter than n counted once)."""
    padded = f" {word} "
    size = len(padded)
    grams: list[str] = []
    for n in range(low, high + 1):
        # sklearn's loop, as slices: offsets 0 .. size - n, or the whole word once (then stop).
        grams += [padded[offset : offset + n] for offset in range(max(size - n, 0) + 1)]
        if size <= n:
            break
    columns = [column for column in map(vocabulary.get, grams) if column is not None]
    return np.array(columns, dtype=np.int32)


def _terms(vectoriser: TfidfVectorizer) -> NDArray[np.str_]:
    return np.asarray(vectoriser.get_feature_names_out(), dtype=np.str_)


def _fitted(
    vectoriser: TfidfVectorizer, terms: NDArray[np.str_], idf: NDArray[np.float32]
) -> TfidfVectorizer:
    vectoriser.vocabulary_ = {str(term): index for index, term in enumerate(terms)}
    vectoriser.idf_ = idf.astype(np.float64)
    return vectoriser


@lru_cache(maxsize=2)
def load_model(path: Path = MODEL_PATH) -> CheckworthyModel:
    """The shipped model (loaded once per process)."""
    if not path.is_file():
        raise ModelMissing(f"check-worthiness model missing at {path} (rebuild: {REBUILD})")
    with np.load(path, allow_pickle=False) as arrays:
        return CheckworthyModel(
            words=_fitted(word_vectoriser(), arrays["word_terms"], arrays["word_idf"]),
            chars=_fitted(char_vectoriser(), arrays["char_terms"], arrays["char_idf"]),
            coef=arrays["coef"].astype(np.float64),
            intercept=float(arrays["intercept"][0]),
            threshold=float(arrays["threshold"][0]),
        )


#: The accurate profile's model: the encoder with its layers fine-tuned and a head
#: over its sentence vector (`presslens.models.checkworthy_encoder`).
ENCODER_MODEL = weights_folder() / "checkworthy_encoder.npz"
ENCODER_REBUILD = "python -m presslens.models.checkworthy_encoder DATA_DIR"


@dataclass(frozen=True)
class EncoderCheckworthy:
    """A logistic head over the sentence vector of the encoder whose layers from
    `first_tuned` on were fine-tuned on CheckThat! train (their shipped differences in
    `tuned`; none when `first_tuned` is the encoder's depth), mixed with the n-gram model:
    `mix * head + (1 - mix) * ngram`, decided at `threshold` (chosen on dev F1). The
    encoder reads only sentences whose n-gram score is at least `encode_from`; for the
    others the head counts as 0 (it is the costly part of the brief)."""

    coef: NDArray[np.float32]
    intercept: float
    mix: float
    threshold: float
    first_tuned: int = DEPTH
    tuned: dict[str, NDArray[Any]] = field(default_factory=dict, compare=False, repr=False)
    encode_from: float = 0.0

    def head(self, vectors: NDArray[np.float32]) -> NDArray[np.float64]:
        """The head's probability for sentences given their encoder vectors."""
        logits = vectors.astype(np.float64) @ self.coef.astype(np.float64) + self.intercept
        return np.asarray(1.0 / (1.0 + np.exp(-logits)), dtype=np.float64)

    @cached_property
    def layers(self) -> Any:
        """The fine-tuned layers (torch modules), or None when nothing was tuned."""
        from presslens.models.tuned_layers import rebuilt

        return rebuilt(self.tuned, self.first_tuned) if self.tuned else None

    def vectors(self, sentences: Sequence[str]) -> NDArray[np.float32]:
        """The sentence vectors the head reads (encodes them: needs torch)."""
        from presslens.models import encoder

        return encoder.sentence_vectors(sentences, tuned=self.layers)

    def score(self, sentences: Sequence[str]) -> NDArray[np.float64]:
        """The mixed score of each sentence (the encoder reads those `encode_from` lets in)."""
        ngram = load_model().score(sentences)
        head = np.zeros(len(sentences))
        wanted = np.flatnonzero(ngram >= self.encode_from)
        if len(wanted):
            head[wanted] = self.head(self.vectors([sentences[int(n)] for n in wanted]))
        result: NDArray[np.float64] = self.mix * head + (1 - self.mix) * ngram
        return result

    def save(self, path: Path) -> None:
        arrays: dict[str, NDArray[Any]] = {
            "coef": self.coef.astype(np.float16),
            "intercept": np.array([self.intercept]),
            "mix": np.array([self.mix]),
            "threshold": np.array([self.threshold]),
            "first_tuned": np.array([self.first_tuned]),
            "encode_from": np.array([self.encode_from]),
        }
        np.savez_compressed(path, **arrays, **self.tuned)  # type: ignore[arg-type]


@lru_cache(maxsize=1)
def load_encoder_model(path: Path = ENCODER_MODEL) -> EncoderCheckworthy:
    """The accurate profile's check-worthiness model (loaded once per process)."""
    if not path.is_file():
        raise ModelMissing(f"check-worthiness head missing at {path} (rebuild: {ENCODER_REBUILD})")
    with np.load(path, allow_pickle=False) as arrays:
        return EncoderCheckworthy(
            coef=arrays["coef"].astype(np.float32),
            intercept=float(arrays["intercept"][0]),
            mix=float(arrays["mix"][0]),
            threshold=float(arrays["threshold"][0]),
            first_tuned=int(arrays["first_tuned"][0]) if "first_tuned" in arrays else DEPTH,
            tuned={key: arrays[key] for key in arrays.files if key.startswith("tuned.")},
            encode_from=float(arrays["encode_from"][0]) if "encode_from" in arrays else 0.0,
        )


@lru_cache(maxsize=2)
def load_calibration(profile: ProfileName) -> Calibration:
    """The calibration of the scores the `profile`'s check-worthiness model gives."""
    return Calibration.load(CALIBRATIONS[profile])
