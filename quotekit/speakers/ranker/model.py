""":mod:`quotekit.speakers.ranker.model`: the trained pair scorer and confidence calibration, as plain JSON.

The model file holds a gradient-boosted tree ensemble (trained with scikit-learn's
``HistGradientBoostingClassifier``, exported node by node) or a logistic regression, plus a logistic calibration
of the top candidate's score into the probability that it is right. Prediction is a few numpy operations per
tree over all pairs of a mention at once, needs no scikit-learn at run time, and gives the same scores whatever
scikit-learn version trained it (JSON, not a pickle).
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Sequence

import numpy

from ...errors import InputError

FORMAT = "quotekit-coref-ranker/1"


@dataclass
class Tree:
    """One regression tree: per node a feature, threshold, children and value (leaves flagged)."""

    feature: numpy.ndarray
    threshold: numpy.ndarray
    left: numpy.ndarray
    right: numpy.ndarray
    missing_left: numpy.ndarray
    value: numpy.ndarray
    is_leaf: numpy.ndarray

    def to_json(self) -> dict[str, list]:
        return {key: getattr(self, key).tolist() for key in
                ("feature", "threshold", "left", "right", "missing_left", "value", "is_leaf")}

    @classmethod
    def from_json(cls, data: dict[str, list]) -> "Tree":
        return cls(
            numpy.asarray(data["feature"], dtype=numpy.int64), numpy.asarray(data["threshold"], dtype=float),
            numpy.asarray(data["left"], dtype=numpy.int64), numpy.asarray(data["right"], dtype=numpy.int64),
            numpy.asarray(data["missing_left"], dtype=bool), numpy.asarray(data["value"], dtype=float),
            numpy.asarray(data["is_leaf"], dtype=bool),
        )


class Forest:
    """All trees' nodes in flat arrays, walked level by level for every (row, tree) at once (leaves loop on
    themselves), so the cost is a few numpy operations per level, not per tree."""

    def __init__(self, trees: Sequence[Tree]):
        offsets = numpy.cumsum([0] + [len(t.feature) for t in trees])
        index = [numpy.arange(len(t.feature)) + o for t, o in zip(trees, offsets)]
        leaf = numpy.concatenate([t.is_leaf for t in trees])
        own = numpy.concatenate(index)
        self.roots = offsets[:-1]
        self.feature = numpy.where(leaf, 0, numpy.concatenate([t.feature for t in trees]))
        self.threshold = numpy.concatenate([t.threshold for t in trees])
        self.left = numpy.where(leaf, own, numpy.concatenate([t.left + o for t, o in zip(trees, offsets)]))
        self.right = numpy.where(leaf, own, numpy.concatenate([t.right + o for t, o in zip(trees, offsets)]))
        self.missing_left = numpy.concatenate([t.missing_left for t in trees])
        self.value = numpy.concatenate([t.value for t in trees])
        self.depth = max((_depth(t) for t in trees), default=0)

    def predict(self, x: numpy.ndarray) -> numpy.ndarray:
        """Sum of the trees' values for each row of ``x``."""
        node = numpy.broadcast_to(self.roots, (len(x), len(self.roots))).copy()
        rows = numpy.arange(len(x))[:, None]
        for _ in range(self.depth):
            values = x[rows, self.feature[node]]
            go_left = numpy.where(numpy.isnan(values), self.missing_left[node], values <= self.threshold[node])
            node = numpy.where(go_left, self.left[node], self.right[node])
        return self.value[node].sum(axis=1)


def _depth(tree: Tree) -> int:
    depth, level = 0, [0]
    while level:
        level = [child for n in level if not tree.is_leaf[n] for child in (tree.left[n], tree.right[n])]
        depth += 1 if level else 0
    return depth


@dataclass
class RankerModel:
    """Pair scorer (``trees`` + ``baseline``, or ``coef`` + ``intercept``) and top-candidate calibration.

    ``calibration`` maps ``[top score, margin over the second, mention is pronoun, relative, nominal]`` to the
    probability that the top candidate is right (logistic: weights then bias); ``threshold`` is the default
    abstention threshold on that probability.
    """

    features: list[str]
    baseline: float = 0.0
    trees: list[Tree] = field(default_factory=list)
    coef: list[float] = field(default_factory=list)
    intercept: float = 0.0
    calibration: list[float] = field(default_factory=list)
    threshold: float = 0.5
    meta: dict[str, Any] = field(default_factory=dict)
    _forest: Optional["Forest"] = field(default=None, repr=False, compare=False)

    def scores(self, rows: Sequence[Sequence[float]]) -> numpy.ndarray:
        """Raw pair scores (log-odds that the candidate is an antecedent), one per row."""
        x = numpy.asarray(rows, dtype=float).reshape(-1, len(self.features))
        if self.trees:
            if self._forest is None:
                self._forest = Forest(self.trees)
            return self.baseline + self._forest.predict(x)
        return x @ numpy.asarray(self.coef) + self.intercept

    def confidence(self, scores: Sequence[float], kind: str) -> float:
        """Calibrated probability that the best of ``scores`` (one mention's candidates) is right."""
        if len(scores) == 0:
            return 0.0
        top = sorted(scores, reverse=True)
        z = calibration_inputs(top[0], top[1] if len(top) > 1 else None, kind)
        w = self.calibration
        if not w:
            return 1.0 / (1.0 + math.exp(-top[0]))
        logit = sum(a * b for a, b in zip(w[:-1], z)) + w[-1]
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, logit))))

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT, "features": self.features, "baseline": self.baseline,
            "trees": [t.to_json() for t in self.trees], "coef": self.coef, "intercept": self.intercept,
            "calibration": self.calibration, "threshold": self.threshold, "meta": self.meta,
        }

    def save(self, path: Path | str) -> None:
        Path(path).write_text(json.dumps(self.to_json(), separators=(",", ":"), sort_keys=True) + "\n",
                              encoding="utf-8")

    @classmethod
    def load(cls, path: Path | str) -> "RankerModel":
        path = Path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise InputError(f"cannot read coreference ranker model: {error}", path=path) from error
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise InputError(f"not a {FORMAT} model file (retrain it: python -m quotekit.speakers.ranker.train)",
                             path=path)
        return cls(
            features=list(data["features"]), baseline=float(data["baseline"]),
            trees=[Tree.from_json(t) for t in data["trees"]], coef=[float(c) for c in data["coef"]],
            intercept=float(data["intercept"]), calibration=[float(c) for c in data["calibration"]],
            threshold=float(data["threshold"]), meta=dict(data.get("meta", {})),
        )


def calibration_inputs(top: float, second: float | None, kind: str) -> list[float]:
    """Inputs of the confidence calibration for one mention (its best and second-best pair scores)."""
    margin = top - second if second is not None else 10.0
    return [top, min(margin, 10.0), float(kind == "pronoun"), float(kind == "relative"), float(kind == "nominal")]


def trees_from_sklearn(estimator: Any) -> tuple[float, list[Tree]]:
    """Export a fitted binary ``HistGradientBoostingClassifier`` (numeric features only)."""
    baseline = float(numpy.ravel(estimator._baseline_prediction)[0])
    trees = []
    for (predictor,) in estimator._predictors:
        nodes = predictor.nodes
        trees.append(Tree(
            nodes["feature_idx"].astype(numpy.int64), nodes["num_threshold"].astype(float),
            nodes["left"].astype(numpy.int64), nodes["right"].astype(numpy.int64),
            nodes["missing_go_to_left"].astype(bool), nodes["value"].astype(float), nodes["is_leaf"].astype(bool),
        ))
    return baseline, trees
