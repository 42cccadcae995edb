""":mod:`quotekit.speakers.ranker.train`: train and measure the mention-ranking resolver on GUM.

    python -m quotekit.speakers.ranker.train --gum <GUM>/docs -o quotekit/speakers/models/coref_ranker.json \
        [--cache-dir DIR] [--figures FIGURES.json]

Steps: read each document's gold chains (:mod:`.gum`), parse its rebuilt text with quotekit's spaCy parser,
align gold mentions to markables by the character offset of their head word, build (mention, candidate) pairs
(:mod:`.features`), hold out half of the news and interview documents (a seeded shuffle of the file names),
cross-validate on the rest by document (5 folds), fit the calibration of the top candidate's score on the
out-of-fold scores, train the final model on all training documents, and score the held-out documents. Every
step is seeded; the same data gives the same model file.
"""
from __future__ import annotations

import argparse
import json
import math
import random
import sys
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional, Sequence

import numpy

from .features import FEATURE_INDEX, FEATURES, THIRD_PERSON, DocFeatures, anaphoric, pair_features
from .gum import GoldDocument, read_corpus, read_document
from .model import RankerModel, calibration_inputs, trees_from_sklearn

SEED = 20170701
HELD_OUT_GENRES = ("news", "interview")
FOLDS = 5
THRESHOLD = 0.5
HGB_PARAMS = dict(max_iter=80, learning_rate=0.1, max_leaf_nodes=15, min_samples_leaf=40, l2_regularization=1.0)


@dataclass
class Example:
    """One mention the ranker resolves, with its candidates' feature rows and gold answers."""

    doc: str
    genre: str
    kind: str
    speaker: bool
    status: str  # "anaphoric" (gold antecedent exists) | "new" (first of its chain) | "unaligned"
    name_chain: bool  # its gold chain has a proper-name mention
    rows: numpy.ndarray = field(default_factory=lambda: numpy.zeros((0, len(FEATURES)), dtype=numpy.float32))
    labels: list[int] = field(default_factory=list)
    detail: Optional[dict] = None


def held_out_documents(names: Iterable[str], seed: int = SEED) -> list[str]:
    """Half (rounded up) of the news and of the interview documents, by a seeded shuffle of sorted names."""
    out = []
    names = sorted(names)
    for genre in HELD_OUT_GENRES:
        docs = [n for n in names if n.split("_")[1:2] == [genre]]
        random.Random(f"{seed}-{genre}").shuffle(docs)
        out.extend(sorted(docs[: math.ceil(len(docs) / 2)]))
    return sorted(out)


def folds_of(names: Iterable[str], folds: int = FOLDS, seed: int = SEED) -> dict[str, int]:
    """Document -> cross-validation fold (a seeded shuffle of the sorted names, dealt round-robin)."""
    names = sorted(names)
    random.Random(seed).shuffle(names)
    return {name: n % folds for n, name in enumerate(names)}


def _token_at(starts: list[int], char: int) -> int:
    return bisect_right(starts, char) - 1


def build_examples(gold: GoldDocument, doc, speaker_spans: Sequence) -> tuple[list[Example], dict[str, int]]:
    """Examples of one document (all anaphoric-kind markables) and alignment counts."""
    feats = DocFeatures(doc)
    starts = [t.idx for t in doc]
    chain_at: dict[int, str] = {}
    first_head: dict[str, int] = {}
    named: set[str] = set()
    for g in sorted(gold.mentions, key=lambda g: -(g.end - g.start)):
        tok = _token_at(starts, g.head_start)
        chain_at.setdefault(tok, g.chain)
    for g in gold.mentions:
        first_head[g.chain] = min(first_head.get(g.chain, 1 << 60), g.head_start)
        if g.head_upos == "PROPN":
            named.add(g.chain)
    heads = set(feats.heads)
    nominal = [g for g in gold.mentions if g.head_upos in ("NOUN", "PROPN")
               or (g.head_upos == "PRON" and gold.text[g.head_start:g.head_end].lower() in THIRD_PERSON)]
    stats = {"gold": len(gold.mentions), "aligned": sum(1 for g in gold.mentions
                                                          if _token_at(starts, g.head_start) in heads),
             "gold_noun_pron3": len(nominal),
             "aligned_noun_pron3": sum(1 for g in nominal if _token_at(starts, g.head_start) in heads)}
    speakers = {feats.markable_for(span) for span in speaker_spans} - {None}
    stats["speaker_spans"] = len(speaker_spans)
    stats["speaker_markables"] = len(speakers)
    examples = []
    for k, m in enumerate(feats.markables):
        if not anaphoric(m):
            continue
        chain = chain_at.get(m.head)
        if chain is None:
            status = "unaligned"
        else:
            status = "anaphoric" if first_head[chain] < doc[m.head].idx else "new"
        candidates = feats.candidates(k)
        rows = numpy.asarray(pair_features(feats, k, candidates), dtype=numpy.float32).reshape(-1, len(FEATURES))
        labels = [int(chain is not None and chain_at.get(feats.markables[j].head) == chain) for j in candidates]
        example = Example(gold.name, gold.genre, m.kind, k in speakers, status, chain in named, rows, labels)
        if example.speaker:  # kept for error analysis: the sentence, the mention and the candidates' texts
            example.detail = {"mention": doc[m.start:m.end].text, "sentence": doc[m.head].sent.text,
                              "candidates": [doc[feats.markables[j].start:feats.markables[j].end].text
                                             for j in candidates]}
        examples.append(example)
    return examples, stats


# -- scoring ------------------------------------------------------------------------------------------------
def baseline_pick(rows: Sequence[Sequence[float]], kind: str) -> Optional[int]:
    """Most recent compatible antecedent: for a nominal the nearest with the same head or text, else (and for
    pronouns) the nearest agreeing in gender, number and class."""
    f = FEATURE_INDEX
    if kind == "nominal":
        for n, row in enumerate(rows):
            if row[f["exact_match"]] or row[f["head_match"]]:
                return n
    for n, row in enumerate(rows):
        if row[f["compatible"]] and row[f["class_agree"]] > 0:
            return n
    return None


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson interval of a proportion k/n (small samples: the held-out speaker sets are small)."""
    if n == 0:
        return 0.0, 1.0
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def score_set(examples: Sequence[Example], picks: Sequence[Optional[int]], confidences: Sequence[float],
              threshold: float) -> dict[str, float]:
    """Accuracy (abstention counts as wrong), abstention rate and accuracy on the non-abstained."""
    n = len(examples)
    correct = answered = answered_correct = 0
    for ex, pick, conf in zip(examples, picks, confidences):
        if pick is None or conf < threshold:
            continue
        answered += 1
        if ex.labels[pick]:
            correct += 1
            answered_correct += 1
    low, high = wilson(correct, n)
    return {
        "n": n, "accuracy": round(correct / n, 3) if n else None, "ci95": [round(low, 3), round(high, 3)],
        "abstained": round(1 - answered / n, 3) if n else None,
        "accuracy_answered": round(answered_correct / answered, 3) if answered else None,
    }


def _speech_subject(e: Example) -> bool:
    """The mention is the subject of a verb of the speech-verb lexicon (whether or not a quote was found)."""
    return len(e.rows) > 0 and bool(e.rows[0][FEATURE_INDEX["m_role_speech_subj"]])


SETS = {
    "speaker_pron_nominal": lambda e: e.speaker and e.status == "anaphoric" and e.name_chain,
    "speaker_pronoun": lambda e: e.speaker and e.status == "anaphoric" and e.name_chain and e.kind != "nominal",
    "speaker_nominal": lambda e: e.speaker and e.status == "anaphoric" and e.name_chain and e.kind == "nominal",
    "speaker_chain_without_name": lambda e: e.speaker and e.status == "anaphoric" and not e.name_chain,
    "speech_subject_pron_nominal": lambda e: _speech_subject(e) and e.status == "anaphoric" and e.name_chain,
    "anaphoric_all": lambda e: e.status == "anaphoric",
    "anaphoric_pronoun": lambda e: e.status == "anaphoric" and e.kind != "nominal",
}


def report(examples: Sequence[Example], picks, confidences, threshold: float) -> dict[str, dict]:
    out = {}
    for name, keep in SETS.items():
        idx = [n for n, e in enumerate(examples) if keep(e)]
        out[name] = score_set([examples[n] for n in idx], [picks[n] for n in idx], [confidences[n] for n in idx],
                              threshold)
    new = [n for n, e in enumerate(examples) if e.speaker and e.status != "anaphoric"]
    out["speaker_without_antecedent"] = {
        "n": len(new),
        "abstained": round(sum(1 for n in new if picks[n] is None or confidences[n] < threshold) / len(new), 3)
        if new else None,
    }
    return out


# -- training -----------------------------------------------------------------------------------------------
SPEAKER_CLASSES = ("person", "org", "media", "group", "plural")
TRAIN_NEAREST = 40  # pairs beyond a mention's 40 nearest candidates are left out of training (rare answers, many)


def _speaker_like(ex: Example) -> bool:
    """Pronouns, and nominals that can name a speaker (people, organisations, outlets, groups): what the ranker
    is trained on (nominals for things and places are left out of training; they are still scored)."""
    if ex.kind == "pronoun":
        return True
    row = ex.rows[0] if len(ex.rows) else None
    return row is not None and any(row[FEATURE_INDEX[f"m_cls_{c}"]] for c in SPEAKER_CLASSES)


def _training_matrix(examples: Sequence[Example]) -> tuple[numpy.ndarray, numpy.ndarray]:
    keep = [ex for ex in examples if ex.status == "anaphoric" and any(ex.labels) and _speaker_like(ex)]
    if not keep:
        return numpy.zeros((0, len(FEATURES))), numpy.zeros(0, dtype=int)
    rows = numpy.concatenate([ex.rows for ex in keep]).astype(float)
    labels = numpy.asarray([label for ex in keep for label in ex.labels], dtype=int)
    near = rows[:, FEATURE_INDEX["recency_rank"]] < TRAIN_NEAREST  # whatever the label: no bias by distance
    return rows[near], labels[near]


def fit_scorer(examples: Sequence[Example], algorithm: str = "hgb") -> RankerModel:
    """Fit the pair scorer on the examples' pairs (mentions with a gold antecedent among their candidates)."""
    x, y = _training_matrix(examples)
    if algorithm == "hgb":
        from sklearn.ensemble import HistGradientBoostingClassifier

        clf = HistGradientBoostingClassifier(random_state=SEED, early_stopping=False, **HGB_PARAMS).fit(x, y)
        baseline, trees = trees_from_sklearn(clf)
        return RankerModel(list(FEATURES), baseline=baseline, trees=trees)
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(x)
    clf = LogisticRegression(C=1.0, max_iter=2000).fit(scaler.transform(x), y)
    coef = clf.coef_[0] / scaler.scale_
    intercept = float(clf.intercept_[0] - numpy.sum(clf.coef_[0] * scaler.mean_ / scaler.scale_))
    return RankerModel(list(FEATURES), coef=coef.tolist(), intercept=intercept)


def predict(model: RankerModel, examples: Sequence[Example]) -> tuple[list[Optional[int]], list[list[float]]]:
    """Top candidate index (None without candidates) and all pair scores, per example (one batch)."""
    blocks = [ex.rows for ex in examples if len(ex.rows)]
    flat = model.scores(numpy.concatenate(blocks).astype(float)) if blocks else numpy.zeros(0)
    picks, scores, at = [], [], 0
    for ex in examples:
        s = flat[at:at + len(ex.rows)].tolist()
        at += len(ex.rows)
        scores.append(s)
        picks.append(int(numpy.argmax(s)) if s else None)
    return picks, scores


def fit_calibration(examples: Sequence[Example], picks, scores) -> list[float]:
    """Logistic calibration of the top score into P(top candidate right), over out-of-fold predictions."""
    from sklearn.linear_model import LogisticRegression

    z, y = [], []
    for ex, pick, s in zip(examples, picks, scores):
        if pick is None:
            continue
        top = sorted(s, reverse=True)
        z.append(calibration_inputs(top[0], top[1] if len(top) > 1 else None, ex.kind))
        y.append(int(bool(ex.labels[pick])))
    clf = LogisticRegression(C=1.0, max_iter=2000).fit(numpy.asarray(z), numpy.asarray(y))
    return [float(c) for c in clf.coef_[0]] + [float(clf.intercept_[0])]


def confidences_of(model: RankerModel, examples: Sequence[Example], scores) -> list[float]:
    return [model.confidence(s, ex.kind) for ex, s in zip(examples, scores)]


# -- data ---------------------------------------------------------------------------------------------------
def load_examples(gum_dir: Path, cache_dir: Optional[Path], log=print) -> tuple[list[Example], dict[str, int]]:
    """Examples of every GUM document (parsed docs cached as spaCy DocBins under ``cache_dir``)."""
    from spacy.tokens import DocBin

    from ...attribute import find_attributions
    from ...parse import load_parser

    parser = load_parser("spacy")
    examples: list[Example] = []
    totals: dict[str, int] = {}
    files = read_corpus(gum_dir)
    for n, path in enumerate(files):
        gold = read_document(path)
        doc = None
        cached = cache_dir / f"{path.stem}.spacy" if cache_dir else None
        if cached is not None and cached.exists():
            doc = next(DocBin().from_disk(cached).get_docs(parser.nlp.vocab))
            if doc.text != gold.text:
                doc = None
        if doc is None:
            doc = parser.parse(gold.text)
            if cached is not None:
                cache_dir.mkdir(parents=True, exist_ok=True)
                bin_ = DocBin(store_user_data=True)
                bin_.add(doc)
                bin_.to_disk(cached)
        speakers = [a.speaker for a in find_attributions(doc) if a.speaker is not None]
        doc_examples, stats = build_examples(gold, doc, speakers)
        examples.extend(doc_examples)
        for key, value in stats.items():
            totals[key] = totals.get(key, 0) + value
        if (n + 1) % 20 == 0:
            log(f"  {n + 1}/{len(files)} documents", file=sys.stderr)
    return examples, totals


def run(gum_dir: Path, output: Path, cache_dir: Optional[Path] = None, algorithm: str = "hgb",
        threshold: float = THRESHOLD, log=print) -> dict:
    """Cross-validate, calibrate, train, save the model and return the figures."""
    examples, align = load_examples(gum_dir, cache_dir, log)
    return train_and_measure(examples, align, output, algorithm, threshold, log)


def train_and_measure(examples: list[Example], align: dict[str, int], output: Optional[Path],
                      algorithm: str = "hgb", threshold: float = THRESHOLD, log=print) -> dict:
    docs = sorted({e.doc for e in examples})
    held = set(held_out_documents(docs))
    train = [e for e in examples if e.doc not in held]
    test = [e for e in examples if e.doc in held]
    folds = folds_of(sorted({e.doc for e in train}))
    oof_picks: list[Optional[int]] = [None] * len(train)
    oof_scores: list[list[float]] = [[] for _ in train]
    for fold in range(FOLDS):
        fit = [e for e in train if folds[e.doc] != fold]
        idx = [n for n, e in enumerate(train) if folds[e.doc] == fold]
        model = fit_scorer(fit, algorithm)
        picks, scores = predict(model, [train[n] for n in idx])
        for n, p, s in zip(idx, picks, scores):
            oof_picks[n], oof_scores[n] = p, s
        log(f"  fold {fold + 1}/{FOLDS} done", file=sys.stderr)
    calibration = fit_calibration(train, oof_picks, oof_scores)
    final = fit_scorer(train, algorithm)
    final.calibration = calibration
    final.threshold = threshold
    cv_conf = confidences_of(final, train, oof_scores)
    picks, scores = predict(final, test)
    conf = confidences_of(final, test, scores)
    base_train = [baseline_pick(e.rows, e.kind) for e in train]
    base_test = [baseline_pick(e.rows, e.kind) for e in test]
    figures = {
        "alignment": {**align, "rate": round(align["aligned"] / align["gold"], 3),
                      "rate_noun_pron3": round(align.get("aligned_noun_pron3", 0) / max(1, align.get("gold_noun_pron3", 0)), 3)},
        "documents": {"train": len({e.doc for e in train}), "held_out": sorted(held)},
        "held_out": report(test, picks, conf, threshold),
        "held_out_no_abstention": report(test, picks, [1.0] * len(test), 0.0),
        "held_out_baseline": report(test, base_test, [1.0] * len(test), 0.0),
        "cv": report(train, oof_picks, cv_conf, threshold),
        "cv_no_abstention": report(train, oof_picks, [1.0] * len(train), 0.0),
        "cv_baseline": report(train, base_train, [1.0] * len(train), 0.0),
        "held_out_thresholds": {
            str(t): report(test, picks, conf, t)["speaker_pron_nominal"] for t in (0.3, 0.4, 0.5, 0.6, 0.7)
        },
        "algorithm": algorithm, "threshold": threshold, "seed": SEED, "hgb_params": HGB_PARAMS,
        "pairs_trained": int(_training_matrix(train)[1].size),
    }
    final.meta = {"trained_on": "GUM (Zeldes 2017), CC BY-NC-SA 4.0; see MODEL_CARD.md",
                  "held_out": sorted(held), "algorithm": algorithm, "seed": SEED}
    if output is not None:
        final.save(output)
    return figures


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m quotekit.speakers.ranker.train", description=__doc__.split("\n")[0])
    parser.add_argument("--gum", type=Path, required=True, help="folder of GUM_<genre>_<name>.conllu files")
    parser.add_argument("-o", "--output", type=Path, required=True, help="model file to write (.json)")
    parser.add_argument("--cache-dir", type=Path, default=None, help="cache of parsed documents (spaCy DocBins)")
    parser.add_argument("--figures", type=Path, default=None, help="write the figures (JSON) here")
    parser.add_argument("--algorithm", choices=("hgb", "logreg"), default="hgb")
    parser.add_argument("--threshold", type=float, default=THRESHOLD)
    args = parser.parse_args(argv)
    figures = run(args.gum, args.output, args.cache_dir, args.algorithm, args.threshold,
                  log=lambda *a, **k: print(*a, file=sys.stderr))
    text = json.dumps(figures, indent=1)
    if args.figures:
        args.figures.write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
