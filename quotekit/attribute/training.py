""":mod:`quotekit.attribute.training`: train the acceptance model (:mod:`quotekit.attribute.model`) on gold.

A candidate of the rules is a positive example when the scorer's one-to-one matching
(:func:`quotekit.evaluate.scorer.match`, content alnum-Jaccard >= 0.5) pairs it with a gold *speech* attribution
(:func:`quotekit.evaluate.scorer.is_speech`), what the recall of the evaluation counts. Figures are always
measured on documents the model did not see: K-fold cross-validation split by document, with the decision
threshold chosen inside each training part (nested), and optionally a separate dev gold. Needs scikit-learn
(``pip install quotekit[train]``).
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any, Callable, Optional, Sequence

from spacy.tokens import Doc

from ..errors import InputError, MissingDependencyError
from ..types import Attribution
from .model import MODEL_FORMAT, AcceptanceModel, Features, candidate_features, resolve_conflicts

THRESHOLDS = tuple(round(0.05 + 0.025 * i, 3) for i in range(37))
"""Decision thresholds tried when choosing one by cross-validation (0.05 ... 0.95)."""
TREE_PARAMS = {"max_iter": 200, "learning_rate": 0.06, "max_leaf_nodes": 15, "min_samples_leaf": 20,
               "l2_regularization": 1.0}
MIN_FEATURE_COUNT = 3
EDGE_MIN_JACCARD = 0.1
"""A candidate teaches the edge model when its content overlaps a gold content at least this much (alnum
Jaccard); below it, it is another statement, not the gold's with wrong edges."""
EDGE_THRESHOLD = 0.5
"""An edge option replaces the proposed edge when the edge model's probability that it is better reaches this."""
EDGE_GAIN = 0.02
"""An edge option is a positive example when it raises the content Jaccard with the gold by at least this much."""
"""A named feature (``cue_lemma=vow``) enters the model when at least this many training candidates have it."""
DUPLICATE_OVERLAP = 0.5
"""Conflict resolution of a trained model (:func:`quotekit.attribute.model.resolve_conflicts`): of two kept
candidates whose contents overlap this much (token Jaccard), only the more probable one stays."""


@dataclass
class DocSamples:
    """One gold document with its parse, the rules' candidates, their features and labels."""

    doc_id: str
    text: str
    golds: list
    doc: Doc
    candidates: list[Attribution]
    features: list[Features]
    labels: list[int]
    edge_options: list[list] = field(default_factory=list)
    """Per candidate, its content-edge options (:func:`quotekit.attribute.boundaries.edge_options`)."""
    edge_rows: list[list[Features]] = field(default_factory=list)
    """Per candidate, the named values of each of its edge options."""
    edge_labels: list[list[int]] = field(default_factory=list)
    """Per candidate, 1 for each option giving the best content Jaccard with its gold on that side; empty when
    the candidate overlaps no gold content (it teaches nothing about edges)."""


def _require_sklearn():
    try:
        import sklearn  # noqa: F401
    except ImportError:
        raise MissingDependencyError("scikit-learn", "training the acceptance model",
                                     "pip install 'quotekit[train]'") from None


def pred_spans(att: Attribution):
    """A candidate as the scorer's prediction spans (its content parts, when it has several)."""
    from ..evaluate.scorer import PredSpans

    def spans(span):
        return () if span is None else ((span.start_char, span.end_char),)

    parts = getattr(att, "content_parts", None)
    content = tuple((p.start_char, p.end_char) for p in parts) if parts else spans(att.content)
    return PredSpans(content, spans(att.cue), spans(att.speaker), att.kind)


def label_candidates(text: str, golds: Sequence, candidates: Sequence[Attribution],
                     threshold: float = 0.5) -> list[int]:
    """1 for each candidate the scorer pairs with a gold *speech* attribution at ``threshold``, else 0.

    Pairs are the scorer's (one-to-one, greedy by Jaccard, over all gold attributions), so a candidate paired
    with a belief ("thinks", "wants") is a negative: beliefs are not what the recall of the evaluation counts.
    (On PolNeAR train, 5-fold CV, these labels gave F1 0.774 against 0.773 for "paired with any gold".)
    A refusal ("The company declined to comment.", speech act ``refusal``) paired with a gold is a positive
    although the scorer's speech cues leave out "declined": the gold annotates it as an attribution, and a
    model taught to reject it would drop every such record the rules find."""
    from ..evaluate.scorer import is_speech, match
    from .acts import attribution_act

    labels = [0] * len(candidates)
    for pi, gi, _j in match(text, golds, [pred_spans(a) for a in candidates], threshold):
        labels[pi] = int(is_speech(text, golds[gi]) or attribution_act(candidates[pi]) == "refusal")
    return labels


def edge_labels(text: str, golds: Sequence, att: Attribution, options: Sequence,
                min_jaccard: float = EDGE_MIN_JACCARD, gain: float = EDGE_GAIN) -> list[int]:
    """1 for each edge option of ``att`` (other than the proposed ones) whose content -- the other edge as
    proposed -- has an alnum Jaccard with the gold content ``att`` overlaps most at least ``gain`` above the
    proposed content's; [] when that gold overlaps ``att`` less than ``min_jaccard``."""
    from ..evaluate.scorer import alnum_positions, jaccard
    from .boundaries import with_edges

    proposed = alnum_positions(text, pred_spans(att).content)
    gsets = [alnum_positions(text, g.content) for g in golds]
    scored = [(jaccard(proposed, g), k) for k, g in enumerate(gsets)]
    if not scored or max(scored)[0] < min_jaccard:
        return []
    base, gold = max(scored)[0], gsets[max(scored)[1]]
    labels = []
    for option in options:
        start, end = ((option.position, att.content.end) if option.side == "start"
                      else (att.content.start, option.position))
        if option.op == "proposed" or start >= end:
            labels.append(0)
            continue
        value = jaccard(alnum_positions(text, pred_spans(with_edges(att, start, end)).content), gold)
        labels.append(int(value >= base + gain))
    return labels


def build_samples(golds: Sequence, docs: Sequence[Doc],
                  find: Optional[Callable[[Doc], list[Attribution]]] = None, edges: bool = True) -> list[DocSamples]:
    """Candidates, features and labels of every gold document (and their edge options, unless ``edges`` is
    False). ``find`` is the candidate generator: by default the rules alone (:func:`quotekit.attribute.rules.find`),
    never a pipeline already filtered by a model."""
    from .boundaries import option_rows
    from .model import doc_facts

    if find is None:
        from .rules import find
    out = []
    for gold, doc in zip(golds, docs):
        candidates = list(find(doc))
        sample = DocSamples(gold.doc_id, gold.text, list(gold.attributions), doc, candidates,
                            candidate_features(doc, candidates),
                            label_candidates(gold.text, gold.attributions, candidates))
        if edges:
            facts = doc_facts(doc, candidates)
            for att in candidates:
                options, rows = option_rows(att, facts)
                sample.edge_options.append(options)
                sample.edge_rows.append(rows)
                sample.edge_labels.append(edge_labels(gold.text, sample.golds, att, options))
        out.append(sample)
    return out


def fit_edges(samples: Sequence[DocSamples], *, version: str = "edges", seed: int = 0,
              params: Optional[dict] = None) -> Optional[AcceptanceModel]:
    """The edge model: trees scoring how likely an edge option is the gold's edge, fitted on the options of the
    candidates that overlap a gold content (None when the samples carry no edge options)."""
    rows, labels = [], []
    for s in samples:
        for options, group, marks in zip(s.edge_options, s.edge_rows, s.edge_labels):
            for option, row, y in zip(options, group, marks):
                if option.op != "proposed":
                    rows.append(row)
                    labels.append(y)
    if not rows or len(set(labels)) < 2:
        return None
    return fit(rows, labels, version=version, threshold=EDGE_THRESHOLD, seed=seed, params=params)


def apply_edges(samples: Sequence[DocSamples], model: Optional[AcceptanceModel],
                featurize: bool = True) -> list[DocSamples]:
    """The samples with each candidate's edges chosen by ``model`` and its features and labels recomputed (the
    samples themselves when there is no model)."""
    from dataclasses import replace

    from .boundaries import pick_edges

    if model is None:
        return list(samples)
    out = []
    for s in samples:
        flat = model.probabilities([r for group in s.edge_rows for r in group])
        scores, k = [], 0
        for group in s.edge_rows:
            scores.append(flat[k:k + len(group)])
            k += len(group)
        candidates = pick_edges(s.candidates, s.edge_options, scores, model.threshold)
        if not featurize:
            out.append(replace(s, candidates=candidates))
            continue
        out.append(replace(s, candidates=candidates, features=candidate_features(s.doc, candidates),
                           labels=label_candidates(s.text, s.golds, candidates)))
    return out


def feature_names(rows: Sequence[Features], min_count: int = MIN_FEATURE_COUNT) -> list[str]:
    """Names non-zero in at least ``min_count`` rows, sorted (the model's columns)."""
    counts: dict[str, int] = {}
    for row in rows:
        for name, value in row.items():
            if value:
                counts[name] = counts.get(name, 0) + 1
    return sorted(n for n, c in counts.items() if c >= min_count)


def _matrix(rows: Sequence[Features], names: list[str]):
    import numpy as np

    index = {n: i for i, n in enumerate(names)}
    x = np.zeros((len(rows), len(names)), dtype=np.float64)
    for r, row in enumerate(rows):
        for name, value in row.items():
            i = index.get(name)
            if i is not None:
                x[r, i] = value
    return x


def _export_trees(clf) -> tuple[float, list[dict[str, list]]]:
    """The fitted HistGradientBoostingClassifier's trees as plain lists (see :class:`AcceptanceModel`)."""
    import numpy as np

    bias = float(np.ravel(clf._baseline_prediction)[0])
    trees = []
    for (predictor,) in clf._predictors:
        nodes = predictor.nodes
        if nodes["is_categorical"].any():
            raise RuntimeError("categorical splits cannot be exported")
        leaf = nodes["is_leaf"].astype(bool)
        trees.append({
            "feature": [-1 if leaf[i] else int(nodes["feature_idx"][i]) for i in range(len(nodes))],
            "threshold": [0.0 if leaf[i] else float(nodes["num_threshold"][i]) for i in range(len(nodes))],
            "left": [int(v) for v in nodes["left"]],
            "right": [int(v) for v in nodes["right"]],
            "value": [round(float(v), 8) for v in nodes["value"]],
        })
    return bias, trees


def fit(rows: Sequence[Features], labels: Sequence[int], *, version: str, threshold: float = 0.5,
        min_count: int = MIN_FEATURE_COUNT, seed: int = 0, params: Optional[dict] = None) -> AcceptanceModel:
    """A gradient-boosted tree model over the named features of ``rows``."""
    _require_sklearn()
    import numpy as np
    from sklearn.ensemble import HistGradientBoostingClassifier

    if len(set(labels)) < 2:
        raise InputError("the gold gives only " + ("positive" if labels and labels[0] else "negative") +
                         " examples: the candidates of the rules must include both attributions the gold has and "
                         "ones it lacks (give more, or more fully annotated, gold documents)")
    names = feature_names(rows, min_count) or feature_names(rows, 1)
    x = _matrix(rows, names)
    clf = HistGradientBoostingClassifier(random_state=seed, early_stopping=False, **{**TREE_PARAMS, **(params or {})})
    clf.fit(x, np.asarray(labels))
    bias, trees = _export_trees(clf)
    model = AcceptanceModel(version, names, threshold, bias, trees)
    check = x[: min(len(x), 200)]
    ours = np.array([model.log_odds(row) for row in check.tolist()])
    if not np.allclose(ours, clf.decision_function(check), atol=1e-5):
        raise RuntimeError("exported trees disagree with scikit-learn's predictions")
    return model


def _folds(n_docs: int, k: int, seed: int) -> list[list[int]]:
    order = list(range(n_docs))
    random.Random(seed).shuffle(order)
    return [sorted(order[f::k]) for f in range(k)]


def _resolved(samples: Sequence[DocSamples], probs: Sequence[Sequence[float]],
              overlap: Optional[float]) -> list[list[float]]:
    """Each document's probabilities after conflict resolution (:func:`resolve_conflicts`)."""
    return [resolve_conflicts(s.candidates, p, overlap) for s, p in zip(samples, probs)]


def _oof_probabilities(samples: Sequence[DocSamples], k: int, seed: int, params: Optional[dict],
                       overlap: Optional[float] = None) -> list[list[float]]:
    """Out-of-fold probability of every candidate (document-level folds), conflicts resolved at ``overlap``."""
    probs: list[list[float]] = [[] for _ in samples]
    for held in _folds(len(samples), k, seed):
        held_set = set(held)
        train = [s for i, s in enumerate(samples) if i not in held_set]
        rows = [f for s in train for f in s.features]
        labels = [y for s in train for y in s.labels]
        if len(set(labels)) < 2:  # a tiny gold: this part has one class only, which is then the prediction
            for i in held:
                probs[i] = [float(bool(labels and labels[0]))] * len(samples[i].features)
            continue
        model = fit(rows, labels, version="cv", seed=seed, params=params)
        for i in held:
            probs[i] = resolve_conflicts(samples[i].candidates, model.probabilities(samples[i].features), overlap)
    return probs


def pipeline_score(samples: Sequence[DocSamples], probs: Optional[Sequence[Sequence[float]]] = None,
                   threshold: float = 0.0, thresholds=(0.5, 0.8), name: str = "quotekit"):
    """The whole pipeline's :class:`~quotekit.evaluate.scorer.Score` keeping candidates with probability
    >= ``threshold`` (``probs`` None: every candidate, the rules alone)."""
    from ..evaluate.scorer import Score

    score = Score(name, tuple(thresholds))
    for i, s in enumerate(samples):
        kept = [a for j, a in enumerate(s.candidates) if probs is None or probs[i][j] >= threshold]
        score.add_document(s.text, s.golds, [pred_spans(a) for a in kept], s.doc)
    return score


def _f1_by_threshold(samples: Sequence[DocSamples], probs: Sequence[Sequence[float]],
                     thresholds: Sequence[float]) -> list[float]:
    """Pipeline F1 at Jaccard 0.5 for each threshold: the scorer's greedy one-to-one matching, with the
    candidate-gold Jaccard pairs computed once per document instead of once per threshold."""
    from ..evaluate.scorer import alnum_positions, is_speech, jaccard

    docs = []
    n_speech = 0
    for s in samples:
        gsets = [alnum_positions(s.text, g.content) for g in s.golds]
        speech = [is_speech(s.text, g) for g in s.golds]
        n_speech += sum(speech)
        pairs = []
        for pi, att in enumerate(s.candidates):
            pset = alnum_positions(s.text, pred_spans(att).content)
            for gi, gset in enumerate(gsets):
                j = jaccard(pset, gset)
                if j >= 0.5:
                    pairs.append((-j, pi, gi))
        docs.append((sorted(pairs), speech))
    out = []
    for t in thresholds:
        n_pred = matched = speech_matched = 0
        for (pairs, speech), p in zip(docs, probs):
            kept = [x >= t for x in p]
            n_pred += sum(kept)
            used_p, used_g = set(), set()
            for _negj, pi, gi in pairs:
                if kept[pi] and pi not in used_p and gi not in used_g:
                    used_p.add(pi)
                    used_g.add(gi)
                    matched += 1
                    speech_matched += speech[gi]
        precision = matched / n_pred if n_pred else 0.0
        recall = speech_matched / n_speech if n_speech else 0.0
        out.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return out


def best_threshold(samples: Sequence[DocSamples], probs: Sequence[Sequence[float]]) -> float:
    """The threshold of :data:`THRESHOLDS` with the best pipeline F1 at Jaccard 0.5 (ties: the lower one)."""
    scores = _f1_by_threshold(samples, probs, THRESHOLDS)
    best = max(range(len(THRESHOLDS)), key=lambda i: (scores[i], -i))
    return THRESHOLDS[best]


@dataclass
class TrainingReport:
    """What :func:`train_model` measured (never on the documents a model was fitted to)."""

    threshold: float
    cv: dict[str, Any] = field(default_factory=dict)
    dev: dict[str, Any] = field(default_factory=dict)
    n_documents: int = 0
    n_candidates: int = 0
    n_positive: int = 0


def _summary(score) -> dict[str, Any]:
    return {f"@{t}": {k: v for k, v in c.summary().items() if k != "threshold"} for t, c in score.counts.items()}


def cross_validate(samples: Sequence[DocSamples], k: int = 5, seed: int = 0,
                   params: Optional[dict] = None, edges: bool = True,
                   duplicate_overlap: Optional[float] = DUPLICATE_OVERLAP) -> tuple[float, dict[str, Any]]:
    """(threshold chosen on all out-of-fold predictions, figures): the pipeline with and without the model.

    The "with model" figure is nested: each outer fold's threshold is chosen by an inner cross-validation on the
    other folds only, so no held-out document influences the decision applied to it. With ``edges`` (and samples
    carrying edge options), each outer fold first fits the edge model on the other folds; the held-out fold's
    candidates take the edges it chooses, and the acceptance model of that fold (and its inner threshold choice)
    learns from the other folds with the edges that model chooses for them. Conflicts between kept candidates
    are resolved at ``duplicate_overlap`` (:func:`resolve_conflicts`; None: never) in every fold, as the trained
    model will.
    """
    k = min(k, len(samples))
    if k < 2:
        return 0.5, {}
    edges = edges and any(s.edge_rows for s in samples)
    oof: list[list[float]] = [[] for _ in samples]
    held_view: list[DocSamples] = list(samples)
    nested: list[list[float]] = [[] for _ in samples]
    thresholds = []
    for held in _folds(len(samples), k, seed):
        held_set = set(held)
        inner_idx = [i for i in range(len(samples)) if i not in held_set]
        view = list(samples)
        if edges:
            edge_model = fit_edges([samples[i] for i in inner_idx], seed=seed, params=params)
            for i, adjusted in zip(inner_idx + held, apply_edges([samples[i] for i in inner_idx + held], edge_model)):
                view[i] = adjusted
        inner = [view[i] for i in inner_idx]
        rows = [f for s in inner for f in s.features]
        labels = [y for s in inner for y in s.labels]
        if len(set(labels)) < 2:  # a tiny gold: this part has one class only, which is then the prediction
            for i in held:
                oof[i] = [float(bool(labels and labels[0]))] * len(view[i].features)
        else:
            model = fit(rows, labels, version="cv", seed=seed, params=params)
            for i in held:
                oof[i] = resolve_conflicts(view[i].candidates, model.probabilities(view[i].features),
                                           duplicate_overlap)
        inner_probs = _oof_probabilities(inner, min(k - 1, len(inner)), seed + 1, params, duplicate_overlap) \
            if len(inner) >= 2 \
            else [[1.0] * len(s.candidates) for s in inner]
        t = best_threshold(inner, inner_probs)
        thresholds.append(t)
        for i in held:
            held_view[i] = view[i]
            nested[i] = [1.0 if p >= t else 0.0 for p in oof[i]]
    threshold = best_threshold(held_view, oof)
    figures = {
        "folds": k,
        "rules_only": _summary(pipeline_score(samples)),
        "with_model": _summary(pipeline_score(held_view, nested, 0.5)),
        "with_model_threshold_on_all_folds": _summary(pipeline_score(held_view, oof, threshold)),
        "fold_thresholds": thresholds,
    }
    if edges:
        figures["rules_with_edges"] = _summary(pipeline_score(held_view))
        figures["edges_changed"] = sum(1 for i, s in enumerate(samples) for a, b in
                                       zip(s.candidates, held_view[i].candidates) if a is not b)
    return threshold, figures


def train_model(train: Sequence[DocSamples], dev: Sequence[DocSamples] = (), *, version: str, folds: int = 5,
                seed: int = 0, params: Optional[dict] = None, edges: bool = True,
                duplicate_overlap: Optional[float] = DUPLICATE_OVERLAP) -> tuple[AcceptanceModel, TrainingReport]:
    """Cross-validate on ``train``, fit on all of it with the chosen threshold, score on ``dev`` if given. With
    ``edges`` (and samples carrying edge options, see :func:`build_samples`) the model carries an edge model,
    fitted first, and the acceptance model learns from the candidates with the edges it chooses."""
    _require_sklearn()
    if not train:
        raise InputError("no training documents: the gold folder holds no document with annotations")
    threshold, cv = cross_validate(train, folds, seed, params, edges, duplicate_overlap)
    edge_model = fit_edges(train, version=f"{version}-edges", seed=seed, params=params) if edges else None
    train = apply_edges(train, edge_model)
    rows = [f for s in train for f in s.features]
    labels = [y for s in train for y in s.labels]
    model = fit(rows, labels, version=version, threshold=threshold, seed=seed, params=params)
    model.edges = edge_model
    model.duplicate_overlap = duplicate_overlap
    report = TrainingReport(threshold, cv, n_documents=len(train), n_candidates=len(rows),
                            n_positive=sum(labels))
    if dev:
        dev_adjusted = apply_edges(dev, edge_model)
        probs = _resolved(dev_adjusted, [model.probabilities(s.features) for s in dev_adjusted], duplicate_overlap)
        report.dev = {"documents": len(dev), "rules_only": _summary(pipeline_score(dev)),
                      "with_model": _summary(pipeline_score(dev_adjusted, probs, threshold))}
        if edge_model is not None:
            report.dev["rules_with_edges"] = _summary(pipeline_score(dev_adjusted))
    model.card = {"format": MODEL_FORMAT, "threshold": threshold, "documents": report.n_documents,
                  "candidates": report.n_candidates, "positive": report.n_positive, "cv": cv, "dev": report.dev,
                  "params": {**TREE_PARAMS, **(params or {})}, "min_feature_count": MIN_FEATURE_COUNT,
                  "seed": seed, "edges": edge_model is not None, "duplicate_overlap": duplicate_overlap}
    if edge_model is not None:
        edge_model.card = {"threshold": EDGE_THRESHOLD, "gain": EDGE_GAIN, "min_jaccard": EDGE_MIN_JACCARD}
    return model, report
