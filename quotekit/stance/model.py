""":mod:`quotekit.stance.model`: a trainable stance model, (text, target) -> FAVOR / AGAINST / NONE.

The lexicon scorers know only the words VADER knows and the target lexicons someone wrote by hand; a model trained
on a few hundred labelled quotes learns the words that signal a side *for the user's own targets*. The design is
the organisers' strong baseline of SemEval-2016 task 6 (Mohammad et al. 2016: a linear model on word and character
n-grams), with these additions:

* **target-conditioned features**: every feature appears twice, once shared by all targets and once copied into a
  block of its own target (Daume III 2007, "Frustratingly easy domain adaptation"). A word can thus mean FAVOR for
  one target and AGAINST for another while the shared block still carries what is common; a target never seen in
  training gets the shared block only (the model still answers, from what all targets share);
* **lexicon polarity**: VADER's compound, positive and negative scores of the text (the project's VADER scorer);
* optionally (``mention=True``) **target-mention features**: how many of the target's own words (and the target
  name written as one hashtag-like word) occur in the text, computed from the target name. Off by default: they
  did not change the cross-validated SemEval figure (docs/stance-model.md).

The design (this one against one model per target, a target-blind model, a linear SVM, other C values, without
class weights or lexicon features) was chosen on the folds of seed :data:`TUNING_SEED`; the figures reported are
on the folds of seed :data:`REPORT_SEED`.

:func:`read_labelled` reads the training table, :func:`train` fits a :class:`StanceClassifier`,
:func:`cross_validate` measures it (folds stratified by target and label, the same normalised text never on both
sides), :func:`save_model`/:func:`load_model` write and read the model file, and :class:`TrainedStanceScorer` is
the scorer used by the pipeline.

The model file is a zip archive of plain data: ``meta.json`` (model version, library versions, training data
fingerprint, labels, targets, cross-validated figures; readable with any unzip tool), ``vocabulary.json`` and
``arrays.npz`` (idf and linear weights, read with ``allow_pickle=False``). Nothing is unpickled, so a model file
cannot run code, and scoring uses no fitted scikit-learn object (only ``TfidfVectorizer`` to count n-grams).
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import re
import statistics
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional, Sequence, Union

import numpy as np
import sklearn
from sklearn.base import BaseEstimator, ClassifierMixin

from ..errors import InputError, QuotekitError
from . import lexicon

MODEL_VERSION = "quotekit.stance_model.v1"
FORMAT = "quotekit-stance-model"
FORMAT_VERSION = 1
LABELS = ("FAVOR", "AGAINST", "NONE")
MIN_PER_LABEL = 5
DEFAULT_FOLDS = 5
TUNING_SEED = 0  # the seed whose folds chose the design (see docs/stance-model.md)
REPORT_SEED = 1  # the seed whose folds are reported
DEFAULT_MODEL = "semeval2016-task6.qkm"  # in quotekit/stance/models/, see MODEL_CARD.md there
_META = "meta.json"
_VOCABULARY = "vocabulary.json"
_ARRAYS = "arrays.npz"

# column names accepted for each field (case-insensitive); the SemEval-2016 layout is ID, Target, Tweet, Stance
_COLUMNS = {
    "text": ("text", "tweet", "quote", "content", "sentence"),
    "target": ("target", "topic"),
    "label": ("label", "stance"),
}
_SEMEVAL_MARKER = re.compile(r"#semst\b", re.IGNORECASE)
_WORD = re.compile(r"\w+", re.UNICODE)
_TARGET_STOPWORDS = frozenset({"a", "an", "the", "of", "is", "are", "in", "on", "to", "and", "or", "for", "be"})


class ModelVersionError(QuotekitError):
    """A model file is of another file-format version than the one this quotekit reads."""


@dataclass(frozen=True)
class LabelledExample:
    """One labelled text: what was said, what about, and the stance toward it."""

    text: str
    target: str
    label: str


# ---------------------------------------------------------------------------------------------------- reading


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _read_frame(path: Path):
    import pandas as pd

    suffix = path.suffix.lower()
    try:
        if suffix in (".parquet", ".pq"):
            return pd.read_parquet(path)
        if suffix in (".jsonl", ".ndjson"):
            return pd.read_json(io.StringIO(_decode(path.read_bytes())), lines=True, dtype=False)
        if suffix in (".tsv", ".tab", ".txt"):
            # SemEval ships tweets with bare quotation marks: tab-separated, no quoting
            return pd.read_csv(io.StringIO(_decode(path.read_bytes())), sep="\t", quoting=csv.QUOTE_NONE,
                               dtype=str, keep_default_na=False)
        if suffix == ".csv":
            return pd.read_csv(io.StringIO(_decode(path.read_bytes())), dtype=str, keep_default_na=False)
    except (ValueError, ImportError, pd.errors.ParserError) as exc:
        raise InputError(f"cannot read the table ({type(exc).__name__}: {' '.join(str(exc).split())})",
                         path=path) from exc
    raise InputError(f"unknown table format {suffix!r}; use .csv, .tsv, .jsonl or .parquet", path=path)


def _find_columns(columns: Sequence[str], path: Path) -> dict[str, str]:
    lower = {str(c).strip().lower(): c for c in columns}
    found, missing = {}, []
    for field, names in _COLUMNS.items():
        hit = next((lower[n] for n in names if n in lower), None)
        if hit is None:
            missing.append(f"{field} (one of: {', '.join(names)})")
        else:
            found[field] = hit
    if missing:
        raise InputError(f"missing column(s) {'; '.join(missing)}; found: {', '.join(map(str, columns)) or 'none'}. "
                         "Expected text,target,label or the SemEval-2016 layout ID, Target, Tweet, Stance",
                         path=path)
    return found


def read_labelled(path: Union[str, Path]) -> list[LabelledExample]:
    """Read a labelled table (CSV, TSV, JSONL or Parquet) of text, target and label.

    Columns are matched case-insensitively: ``text``/``tweet``/``quote``/``content``, ``target``/``topic`` and
    ``label``/``stance``; other columns are ignored. Labels are FAVOR, AGAINST or NONE (any case).

    Raises:
        InputError: unreadable file, a missing column, an empty cell or an unknown label (every bad row is listed,
            up to ten).
    """
    path = Path(path)
    if not path.is_file():
        raise InputError("no such file; pass a table with text, target and label columns", path=path)
    frame = _read_frame(path)
    cols = _find_columns(list(frame.columns), path)
    examples, problems = [], []
    for n, (text, target, label) in enumerate(zip(frame[cols["text"]], frame[cols["target"]],
                                                  frame[cols["label"]]), start=1):
        text = "" if text is None or (isinstance(text, float) and math.isnan(text)) else str(text)
        target = "" if target is None or (isinstance(target, float) and math.isnan(target)) else str(target).strip()
        label = "" if label is None or (isinstance(label, float) and math.isnan(label)) else str(label).strip()
        if not text.strip() and not target and not label:
            continue  # a blank row
        if label.upper() not in LABELS:
            problems.append(f"row {n}: unknown label {label!r}")
        elif not text.strip():
            problems.append(f"row {n}: empty text")
        elif not target:
            problems.append(f"row {n}: empty target")
        else:
            examples.append(LabelledExample(text, target, label.upper()))
    if problems:
        more = f" (and {len(problems) - 10} more)" if len(problems) > 10 else ""
        raise InputError(f"{'; '.join(problems[:10])}{more} (rows counted from 1 after the header); labels must be "
                         f"one of {', '.join(LABELS)} and every row needs a text and a target", path=path)
    if not examples:
        raise InputError("the table has no labelled rows", path=path)
    return examples


def check_trainable(examples: Sequence[LabelledExample], *, folds: int = 0) -> None:
    """Raise :class:`InputError` unless FAVOR and AGAINST (and NONE, if used) have enough examples to learn from
    (:data:`MIN_PER_LABEL`, or ``folds`` when cross-validating)."""
    counts = {label: sum(e.label == label for e in examples) for label in LABELS}
    need = max(MIN_PER_LABEL, folds)
    short = [f"{label}: {counts[label]}" for label in LABELS
             if (counts[label] or label != "NONE") and counts[label] < need]
    if short:
        raise InputError(f"too few examples per label ({', '.join(short)}); label at least {need} texts each as "
                         "FAVOR and AGAINST (and NONE, if you use it)")


# ---------------------------------------------------------------------------------------------- fingerprint


def normalise_text(text: str) -> str:
    """NFC, whitespace collapsed: the form that is hashed and compared for duplicates."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def row_key(example: LabelledExample) -> str:
    return f"{normalise_text(example.target)}\t{normalise_text(example.text)}\t{example.label}"


def fingerprint(examples: Iterable[LabelledExample]) -> str:
    """sha256 of the sorted normalised rows: the same data in any order or file format gives the same value."""
    digest = hashlib.sha256()
    for key in sorted(row_key(e) for e in examples):
        digest.update(key.encode("utf-8") + b"\n")
    return digest.hexdigest()


def _pair_hash(text: str, target: str) -> str:
    key = f"{normalise_text(target)}\t{normalise_text(text)}".lower()
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


# -------------------------------------------------------------------------------------------------- features


def stance_text(text: str) -> str:
    """Text the model reads: the SemEval ``#SemST`` marker removed, whitespace collapsed."""
    return normalise_text(_SEMEVAL_MARKER.sub(" ", text))


def target_words(target: str) -> list[str]:
    """Content words of a target name, lower-cased ("Legalization of Abortion" -> legalization, abortion)."""
    return [w for w in _WORD.findall(target.lower()) if w not in _TARGET_STOPWORDS and len(w) > 1]


def mention_features(text: str, target: str) -> list[float]:
    """Share of the target's words that begin a word of the text, and whether the name occurs as one word
    (#HillaryClinton, hillaryclinton)."""
    words = [w for w in _WORD.findall(text.lower())]
    name_words = target_words(target)
    if not name_words:
        return [0.0, 0.0]
    hits = sum(any(w.startswith(n) for w in words) for n in name_words)
    joined = "".join(name_words)
    return [hits / len(name_words), float(len(name_words) > 1 and joined in text.lower().replace(" ", ""))]


def lexicon_features(text: str) -> list[float]:
    """VADER's compound, positive and negative scores (the project's VADER analyzer)."""
    scores = lexicon.vader_analyzer().polarity_scores(text)
    return [scores["compound"], scores["pos"], scores["neg"]]


def _pairs(X) -> tuple[list[str], list[str]]:
    """``X`` as two lists: a sequence of (text, target) pairs, or a mapping/frame with text and target columns."""
    if hasattr(X, "keys") or hasattr(X, "columns"):
        return [str(t) for t in X["text"]], [str(t) for t in X["target"]]
    texts, targets = [], []
    for text, target in X:
        texts.append(str(text))
        targets.append("" if target is None else str(target))
    return texts, targets


class StanceClassifier(BaseEstimator, ClassifierMixin):
    """Linear stance classifier over (text, target) pairs; labels FAVOR / AGAINST / NONE.

    Args:
        word_ngrams, char_ngrams: n-gram ranges of the word and character TF-IDF blocks (sublinear tf).
        min_df: minimum document frequency of an n-gram (keeps the model file small).
        lexicon: add VADER compound/pos/neg features.
        mention: add target-mention features (off by default: no gain measured on SemEval).
        design: ``"crossed"`` (shared + per-target copy of every feature, one model), ``"per_target"`` (one model
            per target, a shared model for targets with too few examples or unseen ones) or ``"shared"`` (target
            ignored except through the mention features).
        classifier: ``"logreg"`` (multinomial logistic regression), ``"logreg_ovr"`` (one-vs-rest, liblinear) or
            ``"svm"`` (linear SVM; its "probabilities" are a softmax of decision values).
        C: inverse regularisation strength.
        class_weight: ``"balanced"`` weights classes inversely to their frequency; ``None`` does not.
        min_target_examples: a target with fewer training examples gets no block (``crossed``) or model
            (``per_target``) of its own.
    """

    def __init__(self, *, word_ngrams=(1, 3), char_ngrams=(2, 5), min_df=2, lexicon=True, mention=False,
                 design="crossed", classifier="logreg", C=10.0, class_weight="balanced",
                 min_target_examples=20):
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.min_df = min_df
        self.lexicon = lexicon
        self.mention = mention
        self.design = design
        self.classifier = classifier
        self.C = C
        self.class_weight = class_weight
        self.min_target_examples = min_target_examples

    # -- features
    def _vectorizers(self):
        from sklearn.feature_extraction.text import TfidfVectorizer

        word = TfidfVectorizer(ngram_range=tuple(self.word_ngrams), sublinear_tf=True, min_df=self.min_df,
                               dtype=np.float32)
        char = TfidfVectorizer(analyzer="char_wb", ngram_range=tuple(self.char_ngrams), sublinear_tf=True,
                               min_df=self.min_df, dtype=np.float32)
        return word, char

    def _features(self, texts: list[str], targets: list[str]):
        from scipy import sparse

        cleaned = [stance_text(t) for t in texts]
        # each distinct text once: a quote is scored alone and with each of its targets (rows are independent)
        unique = list(dict.fromkeys(cleaned))
        blocks = [self.word_vectorizer_.transform(unique), self.char_vectorizer_.transform(unique)]
        if self.lexicon:
            blocks.append(sparse.csr_matrix(np.array([lexicon_features(t) for t in unique], dtype=np.float32)
                                            .reshape(len(unique), 3)))
        if len(unique) < len(cleaned):
            row = {text: n for n, text in enumerate(unique)}
            blocks = [sparse.hstack(blocks, format="csr")[[row[t] for t in cleaned]]]
        if self.mention:
            blocks.append(sparse.csr_matrix(np.array([mention_features(t, g) for t, g in zip(cleaned, targets)],
                                                     dtype=np.float32).reshape(len(cleaned), 2)))
        return sparse.hstack(blocks, format="csr")

    def _crossed(self, features, targets: list[str]):
        """[shared | block of target 1 | ... ]: a row's own target block is a copy of its features, others zero."""
        from scipy import sparse

        blocks = [features]
        for name in self.block_targets_:
            mask = np.array([t == name for t in targets], dtype=np.float32)
            blocks.append(sparse.diags(mask) @ features)
        return sparse.hstack(blocks, format="csr")

    def _classifier(self):
        if self.classifier == "svm":
            from sklearn.svm import LinearSVC

            return LinearSVC(C=self.C, class_weight=self.class_weight, max_iter=5000)
        from sklearn.linear_model import LogisticRegression

        if self.classifier == "logreg_ovr":  # liblinear, one-vs-rest: several times faster than lbfgs here
            from sklearn.multiclass import OneVsRestClassifier

            return OneVsRestClassifier(LogisticRegression(C=self.C, class_weight=self.class_weight,
                                                          solver="liblinear"))
        return LogisticRegression(C=self.C, class_weight=self.class_weight, max_iter=3000)

    # -- sklearn API
    def fit(self, X, y):
        from threadpoolctl import threadpool_limits

        with threadpool_limits(limits=1, user_api="blas"):  # BLAS threads only spin on problems this small
            return self._fit(X, y)

    def _fit(self, X, y):
        texts, targets = _pairs(X)
        y = np.asarray([str(label).upper() for label in y])
        if self.design not in ("crossed", "per_target", "shared"):
            raise ValueError(f"design must be crossed, per_target or shared, not {self.design!r}")
        self.word_vectorizer_, self.char_vectorizer_ = self._vectorizers()
        cleaned = [stance_text(t) for t in texts]
        self.word_vectorizer_.fit(cleaned)
        self.char_vectorizer_.fit(cleaned)
        features = self._features(texts, targets)
        counts: dict[str, int] = {}
        for t in targets:
            counts[t] = counts.get(t, 0) + 1
        own = sorted(t for t, n in counts.items()
                     if n >= self.min_target_examples and len(set(y[[g == t for g in targets]])) > 1)
        self.classes_ = np.array(sorted(set(y), key=LABELS.index))
        self.targets_ = sorted(counts)
        self.block_targets_ = own if self.design == "crossed" else []
        fitted = {}
        if self.design == "crossed":
            fitted[None] = self._classifier().fit(self._crossed(features, targets), y)
        else:
            fitted[None] = self._classifier().fit(features, y)
            if self.design == "per_target":
                for name in own:
                    rows = np.array([t == name for t in targets])
                    fitted[name] = self._classifier().fit(features[rows], y[rows])
        self.layers_ = {key: LinearLayer.from_sklearn(model) for key, model in fitted.items()}
        return self

    def predict_proba(self, X) -> np.ndarray:
        texts, targets = _pairs(X)
        out = np.zeros((len(texts), len(self.classes_)))
        if not texts:
            return out
        features = self._features(texts, targets)
        if self.design == "crossed":
            features = self._crossed(features, targets)
        groups: dict = {}
        for i, t in enumerate(targets):
            groups.setdefault(t if t in self.layers_ else None, []).append(i)
        for key, rows in groups.items():
            layer = self.layers_[key]
            proba = layer.proba(features[rows])
            for j, label in enumerate(layer.classes):
                out[rows, list(self.classes_).index(label)] = proba[:, j]
        return out

    def predict(self, X) -> np.ndarray:
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]


@dataclass(frozen=True)
class LinearLayer:
    """A fitted linear classifier as plain arrays: what is saved, and what scores (no scikit-learn object).

    ``kind``: ``softmax`` (multinomial logistic regression), ``logistic`` (two classes: the second class's
    probability is the sigmoid of the score), ``ovr_logistic`` (one-vs-rest: sigmoids normalised to sum to 1) or
    ``svm`` (a softmax of the decision values: a monotone score, not a calibrated probability).
    """

    classes: tuple
    coef: np.ndarray
    intercept: np.ndarray
    kind: str

    @classmethod
    def from_sklearn(cls, model) -> "LinearLayer":
        """Arrays of a fitted ``LogisticRegression``, ``OneVsRestClassifier(LogisticRegression)`` or ``LinearSVC``
        (weights as float32: half the file, probabilities agree to about 1e-6)."""
        parts = getattr(model, "estimators_", [model])
        coef = np.vstack([p.coef_ for p in parts]).astype(np.float32)
        intercept = np.concatenate([np.ravel(p.intercept_) for p in parts]).astype(np.float64)
        if type(model).__name__ == "LinearSVC":
            kind = "svm"
        elif len(model.classes_) == 2:
            kind = "logistic"
        else:
            kind = "ovr_logistic" if len(parts) > 1 else "softmax"
        return cls(tuple(str(c) for c in model.classes_), coef, intercept, kind)

    def proba(self, features) -> np.ndarray:
        scores = np.asarray(features @ self.coef.T, dtype=np.float64) + self.intercept
        if scores.shape[1] == 1:  # two classes, one weight vector for the second
            scores = np.column_stack([np.zeros(len(scores)), scores[:, 0]]) if self.kind == "logistic" \
                else np.column_stack([-scores[:, 0], scores[:, 0]])
        if self.kind == "ovr_logistic":
            sig = 1.0 / (1.0 + np.exp(-scores))
            return sig / sig.sum(axis=1, keepdims=True)
        scores = np.exp(scores - scores.max(axis=1, keepdims=True))
        return scores / scores.sum(axis=1, keepdims=True)


def polarity_from_proba(proba: Sequence[float], classes: Sequence[str]) -> float:
    """P(FAVOR) - P(AGAINST): +1 sure FAVOR, -1 sure AGAINST, near 0 for NONE or undecided."""
    p = dict(zip(classes, proba))
    return float(p.get("FAVOR", 0.0) - p.get("AGAINST", 0.0))


# --------------------------------------------------------------------------------------------- evaluation


def f_scores(gold: Sequence[str], pred: Sequence[str]):
    """F1 of FAVOR and AGAINST and F_avg (the SemEval measure), as :class:`quotekit.stance.semeval.Scores`."""
    from .semeval import f_scores as semeval_f_scores

    return semeval_f_scores(gold, pred)


def make_folds(examples: Sequence[LabelledExample], *, folds: int = DEFAULT_FOLDS, seed: int = REPORT_SEED
               ) -> list[np.ndarray]:
    """Test indices of ``folds`` folds, stratified by target and label; the same normalised text (retweets,
    duplicates) always falls in one fold, so no text is on both sides."""
    from sklearn.model_selection import StratifiedGroupKFold

    if folds < 2:
        raise InputError(f"cross-validation needs at least 2 folds, not {folds}")
    strata = [f"{e.target}\t{e.label}" for e in examples]
    groups = [normalise_text(e.text).lower() for e in examples]
    splitter = StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=seed)
    with warnings.catch_warnings():  # a (target, label) stratum smaller than the folds cannot be in every fold
        warnings.filterwarnings("ignore", message="The least populated class", category=UserWarning)
        return [test for _, test in splitter.split(np.zeros(len(examples)), strata, groups)]


def score_table(examples: Sequence[LabelledExample], pred: Sequence[str],
                test_folds: Optional[Sequence[np.ndarray]] = None) -> dict:
    """F_avg per target, pooled (``overall``, the task's micro average) and mean of targets (``macro``); with
    ``test_folds``, also the overall F_avg of each fold and their mean and standard deviation."""
    gold = [e.label for e in examples]
    targets = sorted({e.target for e in examples})
    table: dict = {"overall": f_scores(gold, pred).to_dict()}
    for target in targets:
        idx = [i for i, e in enumerate(examples) if e.target == target]
        table[target] = f_scores([gold[i] for i in idx], [pred[i] for i in idx]).to_dict()
    table["macro"] = {"f_avg": round(sum(table[t]["f_avg"] for t in targets) / len(targets), 4)}
    if test_folds is not None:
        per_fold = [f_scores([gold[i] for i in idx], [pred[i] for i in idx]).f_avg for idx in test_folds]
        table["folds"] = {"f_avg": [round(f, 4) for f in per_fold], "mean": round(statistics.fmean(per_fold), 4),
                          "sd": round(statistics.stdev(per_fold), 4) if len(per_fold) > 1 else 0.0}
    return table


def cross_validate(examples: Sequence[LabelledExample], *, folds: int = DEFAULT_FOLDS, seed: int = REPORT_SEED,
                   params: Optional[dict] = None) -> dict:
    """Out-of-fold predictions of a :class:`StanceClassifier` (built with ``params``) scored by :func:`score_table`.

    Returns the table plus ``"predictions"`` (out-of-fold labels, in input order), ``"folds"`` settings and
    ``"seed"``.
    """
    examples = list(examples)
    check_trainable(examples, folds=folds)
    test_folds = make_folds(examples, folds=folds, seed=seed)
    pred = np.empty(len(examples), dtype=object)
    pairs = [(e.text, e.target) for e in examples]
    labels = np.array([e.label for e in examples])
    for test in test_folds:
        train_idx = np.setdiff1d(np.arange(len(examples)), test)
        model = StanceClassifier(**(params or {})).fit([pairs[i] for i in train_idx], labels[train_idx])
        pred[test] = model.predict([pairs[i] for i in test])
    table = score_table(examples, list(pred), test_folds)
    return {"table": table, "predictions": list(pred), "n_folds": folds, "seed": seed,
            "test_folds": [t.tolist() for t in test_folds]}


# ------------------------------------------------------------------------------------------ train/save/load


@dataclass
class StanceModel:
    """A fitted :class:`StanceClassifier` and what is known about it (``meta``: see :func:`train`)."""

    estimator: StanceClassifier
    meta: dict

    @property
    def fingerprint(self) -> str:
        return self.meta["fingerprint"]

    def __post_init__(self) -> None:
        self._training_pairs = frozenset(self.meta.get("training_pairs", ()))

    def seen(self, text: str, target: str) -> bool:
        """Whether this (text, target) pair was in the training data (normalised, case-insensitive)."""
        return _pair_hash(text, target) in self._training_pairs


def _versions() -> dict:
    import scipy

    from .. import __version__ as quotekit_version

    return {"sklearn": sklearn.__version__, "numpy": np.__version__, "scipy": scipy.__version__,
            "quotekit": quotekit_version}


def train(examples: Sequence[LabelledExample], *, folds: int = DEFAULT_FOLDS, seed: int = REPORT_SEED,
          params: Optional[dict] = None, source: Optional[str] = None) -> StanceModel:
    """Cross-validate (unless ``folds`` is 0), then fit on every example.

    ``meta`` records the model version, library versions, the training data's :func:`fingerprint`, label counts,
    targets seen, the parameters, the cross-validated table and hashes of the training (text, target) pairs (so
    that :func:`evaluate_model` can say when test rows were trained on).
    """
    examples = list(examples)
    check_trainable(examples, folds=folds)
    params = dict(params or {})
    cv = None
    if folds:
        result = cross_validate(examples, folds=folds, seed=seed, params=params)
        cv = {"folds": folds, "seed": seed, "table": result["table"],
              "protocol": "stratified by target and label; the same normalised text never in two folds; "
                          "out-of-fold predictions pooled"}
    estimator = StanceClassifier(**params).fit([(e.text, e.target) for e in examples], [e.label for e in examples])
    meta = {
        "format": FORMAT, "format_version": FORMAT_VERSION, "model_version": MODEL_VERSION,
        "versions": _versions(), "fingerprint": fingerprint(examples), "n_examples": len(examples),
        "labels": [label for label in LABELS if label in set(estimator.classes_)],
        "label_counts": {label: sum(e.label == label for e in examples) for label in LABELS},
        "targets": {t: sum(e.target == t for e in examples) for t in estimator.targets_},
        "params": estimator.get_params(), "cv": cv, "source": source,
        "training_pairs": sorted({_pair_hash(e.text, e.target) for e in examples}),
    }
    return StanceModel(estimator, meta)


def save_model(model: StanceModel, path: Union[str, Path]) -> Path:
    """Write the model file: a zip of ``meta.json``, ``vocabulary.json`` (the n-grams in column order) and
    ``arrays.npz`` (idf weights, and the weights of each linear layer). Plain data only: loading runs no code."""
    est = model.estimator
    layers, arrays = [], {"word_idf": est.word_vectorizer_.idf_, "char_idf": est.char_vectorizer_.idf_}
    for n, (key, layer) in enumerate(sorted(est.layers_.items(), key=lambda kv: (kv[0] is not None, kv[0] or ""))):
        layers.append({"target": key, "classes": list(layer.classes), "kind": layer.kind})
        arrays[f"coef_{n}"], arrays[f"intercept_{n}"] = layer.coef, layer.intercept
    fitted = {"classes": list(est.classes_), "targets": list(est.targets_), "block_targets": list(est.block_targets_),
              "layers": layers}
    vocabulary = {name: [term for term, _ in sorted(vec.vocabulary_.items(), key=lambda kv: kv[1])]
                  for name, vec in (("word", est.word_vectorizer_), ("char", est.char_vectorizer_))}
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    path = Path(path)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(_META, json.dumps(_jsonable({**model.meta, "fitted": fitted}), indent=1, sort_keys=True))
        archive.writestr(_VOCABULARY, json.dumps(vocabulary, ensure_ascii=False))
        archive.writestr(_ARRAYS, buffer.getvalue())
    return path


def _jsonable(value):
    if isinstance(value, dict):
        return {str(k) if k is not None else None: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    return value


def read_meta(path: Union[str, Path]) -> dict:
    """The model file's ``meta.json``."""
    path = Path(path)
    if not path.is_file():
        raise InputError("no such model file; train one with `quotekit stance-train LABELLED -o MODEL`", path=path)
    try:
        with zipfile.ZipFile(path) as archive:
            meta = json.loads(archive.read(_META).decode("utf-8"))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(f"not a quotekit stance model ({type(exc).__name__}); train one with "
                         "`quotekit stance-train LABELLED -o MODEL`", path=path) from exc
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise InputError("not a quotekit stance model (meta.json has no quotekit format)", path=path)
    return meta


def _minor(version: str) -> tuple:
    """``"1.9.1"`` -> ``("1", "9")``."""
    return tuple(version.split(".")[:2])


def load_model(path: Union[str, Path]) -> StanceModel:
    """Read a model file written by :func:`save_model` (plain JSON and numpy arrays, no pickle).

    The n-grams are counted by scikit-learn's ``TfidfVectorizer`` rebuilt from the saved vocabulary; its
    tokenisation has been stable for years, but a model saved under another scikit-learn minor version gets a
    warning that says how to retrain it.

    Raises:
        ModelVersionError: the file is of another model format version.
        InputError: not a model file, or a damaged one.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: F401  (used through _vectorizers)

    path = Path(path)
    meta = read_meta(path)
    retrain = meta.get("retrain") or "quotekit stance-train LABELLED -o MODEL"
    if meta.get("format_version") != FORMAT_VERSION:
        raise ModelVersionError(f"{path}: model format {meta.get('format_version')} is not the one this quotekit "
                                f"reads ({FORMAT_VERSION}); retrain the model: {retrain}")
    wanted, installed = str(meta.get("versions", {}).get("sklearn")), sklearn.__version__
    if _minor(wanted) != _minor(installed):
        warnings.warn(f"{path}: saved with scikit-learn {wanted}, scoring with {installed}; the model is plain "
                      "arrays, but if its scores differ from its cross-validated figures, retrain it here: "
                      f"{retrain} (or pip install scikit-learn=={wanted})", stacklevel=2)
    try:
        with zipfile.ZipFile(path) as archive:
            vocabulary = json.loads(archive.read(_VOCABULARY).decode("utf-8"))
            arrays = np.load(io.BytesIO(archive.read(_ARRAYS)), allow_pickle=False)
            arrays = {name: arrays[name] for name in arrays.files}
        fitted = meta["fitted"]
        est = StanceClassifier(**{k: tuple(v) if isinstance(v, list) else v for k, v in meta["params"].items()})
        est.word_vectorizer_, est.char_vectorizer_ = est._vectorizers()
        for vec, name in ((est.word_vectorizer_, "word"), (est.char_vectorizer_, "char")):
            vec.set_params(vocabulary={term: n for n, term in enumerate(vocabulary[name])})
            vec.idf_ = arrays[f"{name}_idf"]
        est.classes_ = np.array(fitted["classes"])
        est.targets_ = list(fitted["targets"])
        est.block_targets_ = list(fitted["block_targets"])
        est.layers_ = {layer["target"]: LinearLayer(tuple(layer["classes"]), arrays[f"coef_{n}"],
                                                    arrays[f"intercept_{n}"], layer["kind"])
                       for n, layer in enumerate(fitted["layers"])}
    except (KeyError, ValueError, TypeError, zipfile.BadZipFile) as exc:
        raise InputError(f"damaged stance model ({type(exc).__name__}: {exc}); retrain it: {retrain}",
                         path=path) from exc
    return StanceModel(est, meta)


def default_model_path() -> Path:
    """The shipped model, trained on SemEval-2016 task 6 tweets (five targets; see ``models/MODEL_CARD.md``)."""
    from importlib import resources

    return Path(str(resources.files("quotekit.stance").joinpath("models", DEFAULT_MODEL)))


def evaluate_model(model: StanceModel, examples: Sequence[LabelledExample]) -> dict:
    """Predictions of a saved model on ``examples``, scored by :func:`score_table`, with the number of rows that
    were in the model's training data (``seen``): figures on seen rows are not held-out figures."""
    pred = list(model.estimator.predict([(e.text, e.target) for e in examples]))
    seen = sum(model.seen(e.text, e.target) for e in examples)
    return {"table": score_table(examples, pred), "predictions": pred, "seen": seen}


# --------------------------------------------------------------------------------------------------- scorer


@dataclass(frozen=True)
class StancePrediction:
    """A trained model's answer for one (text, target): label, its probability and P(FAVOR) - P(AGAINST)."""

    label: str
    probability: float
    polarity: float


class TrainedStanceScorer:
    """A pluggable stance scorer backed by a trained model file.

    As a :class:`~quotekit.stance.scorers.TextScorer` (``scorer(text) -> float``) it scores the text with no target
    (the shared part of the model); :meth:`score_target` and :meth:`predict` take the target too, which is what the
    model was trained for. Polarity is P(FAVOR) - P(AGAINST), in [-1, 1].
    """

    def __init__(self, model_path: Union[str, Path, StanceModel]):
        self.model = model_path if isinstance(model_path, StanceModel) else load_model(model_path)
        self.name = f"{MODEL_VERSION}:{self.model.fingerprint[:12]}"

    def predict(self, texts: Sequence[str], targets: Sequence[Optional[str]]) -> list[StancePrediction]:
        if len(texts) != len(targets):
            raise ValueError(f"{len(texts)} texts but {len(targets)} targets")
        estimator = self.model.estimator
        proba = estimator.predict_proba([(t, g or "") for t, g in zip(texts, targets)])
        classes = [str(c) for c in estimator.classes_]
        out = []
        for row in proba:
            best = int(np.argmax(row))
            out.append(StancePrediction(classes[best], round(float(row[best]), 4),
                                        round(polarity_from_proba(row, classes), 4)))
        return out

    def score_target(self, text: str, target: Optional[str]) -> float:
        return self.predict([text], [target])[0].polarity

    def score_batch(self, texts: Sequence[str], targets: Optional[Sequence[Optional[str]]] = None) -> list[float]:
        texts = list(texts)
        return [p.polarity for p in self.predict(texts, list(targets) if targets is not None else [None] * len(texts))]

    def __call__(self, text: str) -> float:
        return self.score_target(text, None)


def trained_scorer(model_path: Union[str, Path]) -> TrainedStanceScorer:
    """The :class:`TrainedStanceScorer` of a model file, loaded once per process and file version (loading reads
    the whole vocabulary): what a corpus run's workers call with the ``--stance-model`` path."""
    path = Path(model_path).resolve()
    stat = path.stat() if path.is_file() else None
    if stat is None:
        raise InputError("no such model file; train one with `quotekit stance-train LABELLED -o MODEL`",
                         path=model_path)
    return _scorer_of(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def _scorer_of(path: str, mtime_ns: int, size: int) -> TrainedStanceScorer:  # noqa: ARG001 - cache key
    return TrainedStanceScorer(path)
