"""The check-worthiness model: how likely a sentence holds a factual claim worth checking.

A logistic regression over TF-IDF word 1-2-grams, character 2-5-grams (within
word boundaries) and four cheap features (a number, length, a question mark,
capitalised words), trained on the CLEF-2024 CheckThat! Task 1 English train
set. The shipped weights live in `models/checkworthy.npz` as plain arrays
(vocabularies, idf weights, coefficients, the decision threshold) and are
loaded without pickle into two `TfidfVectorizer`s whose fitted state is set
directly, so scoring is sklearn's own transform followed by one dot product.

Rebuild the weights from the data set's folder::

    python -m presslens.checkworthy /path/to/checkthat2024-en

>>> model = load_model()
>>> bool(model.score(["Unemployment fell to 3.5 percent."])[0] > model.threshold)
True
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer

from presslens.errors import DataDirError, ModelMissing

MODEL_PATH = Path(__file__).parent / "models" / "checkworthy.npz"

TRAIN_FILE = "CT24_checkworthy_english_train.tsv"
DEV_FILE = "CT24_checkworthy_english_dev.tsv"
DEVTEST_FILE = "CT24_checkworthy_english_dev-test.tsv"

# Inverse regularisation strength. C=2 beat C=1 and C=4 on dev F1 (0.903 vs
# 0.903 / 0.894) and on dev-test at the dev threshold (0.796 vs 0.786 / 0.689).
REGULARISATION_C = 2.0
# Minimum document frequencies; they keep the shipped vocabulary near 85k terms.
WORD_MIN_DF = 2
CHAR_MIN_DF = 3
# Sentence length is capped at this many words before scaling to 0..1.
LENGTH_CAP_WORDS = 60
# The threshold is chosen on dev F1 smoothed over this many neighbouring steps
# of 0.01, so a lucky spike on 238 positives does not set it.
THRESHOLD_SMOOTHING = 7

_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|hundred|thousand"
    r"|million|billion|trillion|percent|half|dozen)\b",
    re.IGNORECASE,
)


def _word_vectoriser() -> TfidfVectorizer:
    return TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=WORD_MIN_DF)


def _char_vectoriser() -> TfidfVectorizer:
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

    def features(self, sentences: Sequence[str]) -> csr_matrix:
        """The feature matrix of `sentences`, in the order the coefficients expect."""
        return hstack(
            [
                self.words.transform(sentences),
                self.chars.transform(sentences),
                cheap_features(sentences),
            ]
        ).tocsr()

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
        raise ModelMissing(f"check-worthiness model missing at {path} (rebuild: {_REBUILD})")
    with np.load(path, allow_pickle=False) as arrays:
        return CheckworthyModel(
            words=_fitted(_word_vectoriser(), arrays["word_terms"], arrays["word_idf"]),
            chars=_fitted(_char_vectoriser(), arrays["char_terms"], arrays["char_idf"]),
            coef=arrays["coef"].astype(np.float64),
            intercept=float(arrays["intercept"][0]),
            threshold=float(arrays["threshold"][0]),
        )


_REBUILD = "python -m presslens.checkworthy DATA_DIR"

_SPLIT_ROW = re.compile(r"^(Yes|No)(\d+)$")


def read_sentences(path: Path) -> tuple[list[str], list[bool]]:
    """Sentences and Yes labels of a CheckThat! TSV (no quoting; CRLF or LF line ends).

    One train row holds two records run together ("No29286" in the label
    column); it is split back into both.
    """
    if not path.is_file():
        raise DataDirError(f"missing {path.name} in {path.parent}")
    texts: list[str] = []
    labels: list[bool] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for number, line in enumerate(handle, start=1):
            fields = line.rstrip("\r\n").split("\t")
            if number == 1 and fields[0] == "Sentence_id":
                continue
            while len(fields) >= 5 and (joined := _SPLIT_ROW.match(fields[2])):
                texts.append(fields[1])
                labels.append(joined.group(1) == "Yes")
                fields = [joined.group(2), *fields[3:]]
            if len(fields) != 3 or fields[2] not in ("Yes", "No"):
                raise DataDirError(f"{path.name} line {number}: not 'id, text, Yes|No'")
            texts.append(fields[1])
            labels.append(fields[2] == "Yes")
    return texts, labels


def f1_score(labels: Sequence[bool], predicted: Sequence[bool]) -> tuple[float, float, float]:
    """Precision, recall and F1 of the positive class."""
    true_pos = sum(1 for y, p in zip(labels, predicted, strict=True) if y and p)
    precision = true_pos / max(sum(predicted), 1)
    recall = true_pos / max(sum(labels), 1)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def pick_threshold(scores: NDArray[np.float64], labels: Sequence[bool]) -> float:
    """The threshold with the best smoothed positive-class F1, on a 0.01 grid."""
    grid = np.round(np.arange(0.05, 0.951, 0.01), 2)
    f1s = np.array([f1_score(labels, list(scores >= t))[2] for t in grid])
    smoothed = np.convolve(f1s, np.ones(THRESHOLD_SMOOTHING) / THRESHOLD_SMOOTHING, mode="same")
    return float(grid[int(np.argmax(smoothed))])


def train(data_dir: Path) -> CheckworthyModel:
    """Fit on the train file and pick the threshold on the dev file."""
    from sklearn.linear_model import LogisticRegression

    texts, labels = read_sentences(data_dir / TRAIN_FILE)
    words, chars = _word_vectoriser(), _char_vectoriser()
    matrix = hstack(
        [words.fit_transform(texts), chars.fit_transform(texts), cheap_features(texts)]
    ).tocsr()
    classifier = LogisticRegression(C=REGULARISATION_C, max_iter=3000)
    classifier.fit(matrix, np.array(labels))
    model = CheckworthyModel(
        words=words,
        chars=chars,
        coef=classifier.coef_[0].astype(np.float64),
        intercept=float(classifier.intercept_[0]),
        threshold=0.5,
    )
    dev_texts, dev_labels = read_sentences(data_dir / DEV_FILE)
    threshold = pick_threshold(model.score(dev_texts), dev_labels)
    return CheckworthyModel(words, chars, model.coef, model.intercept, threshold)


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m presslens.checkworthy DATA_DIR [OUT]`: rebuild the shipped weights."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) not in (1, 2):
        print(f"usage: {_REBUILD} [OUT.npz]", file=sys.stderr)
        return 2
    out = Path(args[1]) if len(args) == 2 else MODEL_PATH
    try:
        model = train(Path(args[0]))
    except DataDirError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    out.parent.mkdir(parents=True, exist_ok=True)
    model.save(out)
    print(f"wrote {out} (threshold {model.threshold:.2f}, {len(model.coef)} features)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
