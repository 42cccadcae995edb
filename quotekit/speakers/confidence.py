""":mod:`quotekit.speakers.confidence`: how likely a resolved speaker entity is right, and when to abstain.

Certain rules (the mention names the speaker, an apposition, "X, who", a coordination of names, a first person
inside a quote whose speaker is known, the document's stated author) have confidence 1 (or their source's).
The others -- a pronoun's antecedent, a role noun's holder, "the group" -> the organisation named before, a
group "they" -- get a probability from a small logistic model over three features:

* the rule (``evidence``) that chose the entity;
* the *margin*: how far the chosen candidate's salience score is ahead of the best other entity (capped at
  :data:`CAP`; a rule with a single candidate has the full margin);
* the *distance* in sentences from the mention back (or forward) to the chosen entity's mention (capped);
* whether the chosen person's gender is *unknown* to the document (no title, pronoun-free first name): a "he"
  that agrees with such a name only by default is weaker evidence ("Clarkston" mistaken for a person).

The coefficients and the abstention threshold are data (``confidence.json`` beside this module, with their
provenance); :func:`fit` refits them from labelled rows (``quotekit evaluate --resolution DIR --calibrate FILE``
does so on a resolution gold). Below the threshold a record's entity is left empty and marked ``unresolved``.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping, Optional, Sequence, Union

CALIBRATION_FILE = Path(__file__).resolve().parent / "confidence.json"
CAP = 6.0
CERTAIN = frozenset({"name", "coordination", "relative", "apposition", "author", "possessor_name", "quote_speaker",
                     "interviewee", "cataphora", "kin_name"})
"""Rules whose answer is read off the text: confidence 1 (a first person in a quote takes its speaker's)."""
CALIBRATED = ("pronoun", "nominal_role", "nominal_focus", "org_anaphor", "media_anaphor", "possessor_pronoun",
              "group_they", "group_number", "ranker")
"""Rules that choose among candidates: their confidence comes from the calibration model."""
DEFAULT_THRESHOLD = 0.5
"""Abstain below an even chance: a wrong credit skews a speaker table as much as a right one informs it, an
abstention (counted apart) skews nothing; with calibrated probabilities keeping an answer pays only above 0.5.
Not tuned on data: with a few dozen labelled errors a tuned threshold would fit their noise."""


@dataclass(frozen=True)
class Calibration:
    """Logistic-model coefficients per feature name and the abstention threshold."""

    coef: Mapping[str, float]
    intercept: float
    threshold: float = DEFAULT_THRESHOLD
    meta: Optional[Mapping[str, Any]] = None

    def probability(self, evidence: str, margin: float, distance: float, gender_unknown: bool = False) -> float:
        """P(the entity chosen by ``evidence`` is right)."""
        if evidence in CERTAIN:
            return 1.0
        row = feature_row(evidence, margin, distance, gender_unknown)
        z = self.intercept + sum(self.coef.get(k, 0.0) * v for k, v in row.items())
        return 1.0 / (1.0 + math.exp(-z))

    def to_dict(self) -> dict[str, Any]:
        return {"coef": dict(self.coef), "intercept": self.intercept, "threshold": self.threshold,
                **({"meta": dict(self.meta)} if self.meta else {})}


def feature_row(evidence: str, margin: float, distance: float, gender_unknown: bool = False) -> dict[str, float]:
    """The model's features: one indicator per calibrated rule, margin and distance scaled to [0, 1], and the
    unknown-gender indicator."""
    row = {f"rule:{rule}": float(evidence == rule) for rule in CALIBRATED}
    row["margin"] = min(max(margin, 0.0), CAP) / CAP
    row["distance"] = min(abs(distance), CAP) / CAP
    row["gender_unknown"] = float(bool(gender_unknown))
    return row


@lru_cache(maxsize=4)
def load_calibration(path: Optional[Union[str, Path]] = None) -> Calibration:
    """The packaged calibration (or the one at ``path``)."""
    data = json.loads(Path(path or CALIBRATION_FILE).read_text(encoding="utf-8"))
    return Calibration(data["coef"], float(data["intercept"]), float(data.get("threshold", DEFAULT_THRESHOLD)),
                       data.get("meta"))


def fit(rows: Sequence[Mapping[str, Any]], *, c: float = 1.0) -> Calibration:
    """Fit the logistic model on rows ``{"evidence", "margin", "distance", "gender_unknown", "correct"}``
    (calibrated rules only;
    the threshold stays :data:`DEFAULT_THRESHOLD`)."""
    from sklearn.linear_model import LogisticRegression  # training only: the runtime reads the JSON

    rows = [r for r in rows if r["evidence"] not in CERTAIN]
    if not rows or len({bool(r["correct"]) for r in rows}) < 2:
        rate = sum(bool(r["correct"]) for r in rows) / len(rows) if rows else 0.5
        rate = min(max(rate, 0.02), 0.98)
        return Calibration({}, math.log(rate / (1 - rate)))
    names = list(feature_row("pronoun", 0, 0))
    x = [[feature_row(r["evidence"], r["margin"], r["distance"], r.get("gender_unknown", False))[k] for k in names]
         for r in rows]
    y = [int(bool(r["correct"])) for r in rows]
    model = LogisticRegression(C=c, max_iter=1000).fit(x, y)
    return Calibration({k: float(v) for k, v in zip(names, model.coef_[0])}, float(model.intercept_[0]))
