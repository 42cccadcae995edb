""":mod:`quotekit.speakers.ranker.hybrid`: the ``hybrid`` speaker model: the resolver's rules, overridden by the
trained ranker's best candidate where a small learned model says the ranker is the better bet.

For each pronoun or nominal speaker mention ("he said", "the spokeswoman said") the rules answer first (a preview
resolution of the document's speaker mentions, without any ranker); the ranker (:mod:`quotekit.speakers.ranker`)
ranks the earlier markables. Where the ranker's best readable candidate names someone other than the rules'
answer, a logistic model over features of both (the rules' reason and calibrated confidence, the ranker's
probabilities and the rank it gives the rules' answer, sentence distance, whether either is the last speaker,
the mention's kind and definiteness) gives the probability that taking the ranker's candidate is right; at or
above the model's threshold the ranker's candidate is the answer, otherwise the rules' stands. Trained and
cross-validated by document on the PolNeAR resolution gold (:mod:`.train_hybrid`; figures in
``quotekit/speakers/models/HYBRID_MODEL_CARD.md``).

Cost: nothing for documents without a speaker mention the model may decide (the packaged model decides
pronouns only); otherwise one extra rules pass over the speaker mentions, and one ranker call per document only
when some mention's best-case probability reaches the threshold (:meth:`HybridModel.upper_bound`).
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional, Sequence, Union

from spacy.tokens import Doc, Span

from ...errors import InputError

FORMAT = "quotekit-speaker-hybrid/1"
HYBRID_FILE = Path(__file__).resolve().parent.parent / "models" / "speaker_hybrid.json"

EVIDENCE_GROUPS = {"pronoun": "pronoun", "nominal_role": "nominal_role", "nominal_focus": "nominal_focus",
                   "org_anaphor": "org", "media_anaphor": "org", "cataphora": "cataphora", "none": "none"}
"""The rules' reasons the model tells apart (any other reason is ``other``)."""

FEATURES = (
    "is_pronoun", "indefinite", "rules_has_entity", "rules_anonymous", "rules_confidence",
    "ev_pronoun", "ev_nominal_role", "ev_nominal_focus", "ev_org", "ev_cataphora", "ev_none", "ev_other",
    "rules_margin", "rules_distance", "rules_gender_unknown",
    "ranker_confidence", "top_probability", "top_minus_rules", "rules_ranked", "rules_best_probability",
    "rules_rank", "top_distance", "top_is_name", "top_is_speaker", "top_entity_known",
    "top_is_last_speaker", "rules_is_last_speaker",
)
"""Feature names, in the model's column order."""

CAP_DISTANCE = 10.0

RANKER_RANGES = {
    "ranker_confidence": (0.0, 1.0), "top_probability": (0.0, 1.0), "top_minus_rules": (-1.0, 1.0),
    "rules_ranked": (0.0, 1.0), "rules_best_probability": (0.0, 1.0), "rules_rank": (0.0, math.log1p(CAP_DISTANCE)),
    "top_distance": (0.0, CAP_DISTANCE), "top_is_name": (0.0, 1.0), "top_is_speaker": (0.0, 1.0),
    "top_entity_known": (0.0, 1.0), "top_is_last_speaker": (0.0, 1.0),
}
"""The range of each feature that comes from the ranker: before running it, a mention's probability of being
overridden is bounded by the best value of each (:meth:`HybridModel.upper_bound`)."""


@dataclass
class HybridModel:
    """Standardised logistic regression over :data:`FEATURES`: the probability that the ranker's candidate is
    right where it and the rules disagree and exactly one of them is right. Override at or above ``threshold``,
    for mentions of ``kinds`` only."""

    features: tuple[str, ...]
    mean: list[float]
    scale: list[float]
    coef: list[float]
    intercept: float
    threshold: float = 0.5
    kinds: tuple[str, ...] = ("pronoun",)
    """Mention kinds the model may override (the rules keep the others)."""
    meta: dict[str, Any] = field(default_factory=dict)

    def overrides(self, features: dict[str, float]) -> bool:
        """Whether a mention of this kind is the model's to decide."""
        return ("pronoun" if features.get("is_pronoun") else "nominal") in self.kinds

    def probability(self, row: dict[str, float]) -> float:
        z = self.intercept + sum(c * (row.get(name, 0.0) - m) / s
                                 for name, c, m, s in zip(self.features, self.coef, self.mean, self.scale))
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def upper_bound(self, known: dict[str, float]) -> float:
        """The highest :meth:`probability` any ranker answer could give a mention whose rules-side features are
        ``known`` (the others take the end of their :data:`RANKER_RANGES` range that raises it most)."""
        z = self.intercept
        for name, c, m, s in zip(self.features, self.coef, self.mean, self.scale):
            if name in known:
                z += c * (known[name] - m) / s
            else:
                low, high = RANKER_RANGES.get(name, (0.0, 1.0))
                z += max(c * (low - m) / s, c * (high - m) / s)
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def to_json(self) -> dict[str, Any]:
        return {"format": FORMAT, "features": list(self.features), "mean": self.mean, "scale": self.scale,
                "coef": self.coef, "intercept": self.intercept, "threshold": self.threshold, "kinds": list(self.kinds),
                "meta": self.meta}

    def save(self, path: Union[str, Path]) -> None:
        Path(path).write_text(json.dumps(self.to_json(), indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Union[str, Path]) -> "HybridModel":
        path = Path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise InputError(f"cannot read the speaker hybrid model ({error})", path=path) from error
        if data.get("format") != FORMAT:
            raise InputError(f"not a {FORMAT} model file", path=path)
        return cls(tuple(data["features"]), [float(v) for v in data["mean"]], [float(v) for v in data["scale"]],
                   [float(v) for v in data["coef"]], float(data["intercept"]), float(data["threshold"]),
                   tuple(data.get("kinds", ("pronoun",))), dict(data.get("meta", {})))


@lru_cache(maxsize=4)
def load_hybrid(path: Optional[Union[str, Path]] = None) -> HybridModel:
    """The hybrid model (the packaged one by default), loaded once per path."""
    return HybridModel.load(Path(path) if path is not None else HYBRID_FILE)


@dataclass
class Candidate:
    """One mention's hybrid decision input: the ranker's best readable candidate and the features."""

    span: Span
    antecedent: Optional[Span]
    features: dict[str, float]
    disagrees: bool


def _strip_det(text: str) -> str:
    words = text.split()
    while words and words[0].lower() in ("the", "a", "an"):
        words.pop(0)
    return " ".join(words)


def _same(a: Optional[str], b: Optional[str]) -> bool:
    from ...evaluate.resolution import same_entity

    return bool(a) and bool(b) and same_entity(a, b)


def _is_hybrid_mention(mention) -> bool:
    """Pronoun and nominal speaker mentions the resolver lets a ranker answer (not "they"/"it")."""
    from .. import NEUTER_PRONOUNS, PLURAL_PRONOUNS

    return mention.kind in ("pronoun", "nominal") and mention.head is not None and \
        mention.head.lower_ not in PLURAL_PRONOUNS | NEUTER_PRONOUNS


def _single_pronoun(span: Span) -> bool:
    """A one-word speaker mention that is a pronoun (cheap: no analysis of the Doc)."""
    words = [t for t in span if not t.is_punct and not t.is_space]
    return len(words) == 1 and words[0].pos_ == "PRON"


def _indefinite(span: Span) -> bool:
    first = next((t for t in span if not t.is_punct), None)
    return first is not None and first.lower_ in ("a", "an", "some", "one", "another", "several", "many", "two",
                                                   "three", "other", "others")


def plan_document(doc: Doc, speaker_spans: Sequence[Span], *, calibration=None,
                  model: Optional[HybridModel] = None) -> dict[tuple[int, int], Candidate]:
    """The hybrid's inputs for the pronoun/nominal speaker mentions of ``doc`` (keyed by ``(start, end)`` token
    offsets): a rules preview of all ``speaker_spans`` (in document order, as the pipeline resolves them) and
    one ranker call. With a ``model``, only mentions it could override (its kinds, and a probability bound over
    every possible ranker answer that reaches its threshold) are planned, and the ranker runs only when one is
    left: documents where the rules are sure cost one rules pass. Empty when no mention is planned."""
    from ...analysis import analysis_of
    from ...types import Attribution
    from .. import finish, resolve_details
    from ..confidence import load_calibration
    from ..mentions import classify
    from . import analyse, resolve_many

    spans = [s for s in speaker_spans if s is not None and len(s)]
    if model is not None and "nominal" not in model.kinds and not any(map(_single_pronoun, spans)):
        return {}  # nothing the model may decide: no analysis at all
    analysis = analysis_of(doc)
    mentions = [classify(s, analysis) for s in spans]
    targets = [n for n, m in enumerate(mentions) if _is_hybrid_mention(m)
               and (model is None or ("pronoun" if m.kind == "pronoun" else "nominal") in model.kinds)]
    if not targets:
        return {}
    calibration = calibration or load_calibration()
    preview = resolve_details(analysis, [Attribution(kind="indirect", content=s, speaker=s) for s in spans],
                              calibration=calibration)
    entity_at: dict[int, Optional[str]] = {}
    speaker_tokens = set()
    for span, res in zip(spans, preview):
        for tok in span:
            entity_at.setdefault(tok.i, res.info.entity)
            speaker_tokens.add(tok.i)
    order = sorted(range(len(spans)), key=lambda n: spans[n].start)
    known = {}
    for n in targets:
        last = next((entity_at.get(spans[m].root.i) for m in reversed(order)
                     if spans[m].start < spans[n].start and m != n), None)
        known[n] = (_rules_features(spans[n], mentions[n], preview[n], finish(preview[n], calibration), last), last)
    if model is not None:
        targets = [n for n in targets if model.upper_bound(known[n][0]) >= model.threshold]
        if not targets:
            return {}
    ranked = resolve_many(analyse(doc), [spans[n] for n in targets], threshold=1.1)
    sent_index = _sentence_index(doc)
    out = {}
    for n, res in zip(targets, ranked):
        span, (feats, last) = spans[n], known[n]
        rules_entity = preview[n].info.entity

        def entity_of(cand: Span) -> Optional[str]:
            if cand.root.i in speaker_tokens:
                return entity_at.get(cand.root.i)
            if any(t.pos_ == "PROPN" for t in cand):
                return _strip_det(cand.text)
            return None

        readable = [(c, p) for c, p in res.ranked
                    if c.root.pos_ != "PRON" or c.root.i in speaker_tokens]
        top, top_p = readable[0] if readable else (None, 0.0)
        top_entity = entity_of(top) if top is not None else None
        match = next(((r, p) for r, (c, p) in enumerate(readable) if _same(entity_of(c), rules_entity)), None)
        rules_best = match[1] if match else 0.0
        feats = {
            **feats,
            "ranker_confidence": float(res.confidence),
            "top_probability": float(top_p),
            "top_minus_rules": float(top_p - rules_best),
            "rules_ranked": float(match is not None),
            "rules_best_probability": float(rules_best),
            "rules_rank": math.log1p(match[0] if match else CAP_DISTANCE),
            "top_distance": min(float(sent_index[span.root.i] - sent_index[top.root.i]), CAP_DISTANCE)
            if top is not None else CAP_DISTANCE,
            "top_is_name": float(top is not None and any(t.pos_ == "PROPN" for t in top)),
            "top_is_speaker": float(top is not None and top.root.i in speaker_tokens),
            "top_entity_known": float(top_entity is not None),
            "top_is_last_speaker": float(_same(top_entity, last)),
        }
        # an earlier speaker mention resolved to nobody is no answer to take
        answerable = top is not None and (top_entity is not None or top.root.i not in speaker_tokens)
        disagrees = answerable and not _same(top_entity, rules_entity)
        out[(span.start, span.end)] = Candidate(span, top, feats, disagrees)
    return out


def _rules_features(span: Span, mention, rules, info, last: Optional[str]) -> dict[str, float]:
    """The features known before the ranker runs: the mention and the rules' answer."""
    from ..confidence import CAP

    group = EVIDENCE_GROUPS.get(rules.evidence, "other") if rules.info.entities or rules.evidence != "none" \
        else "none"
    return {
        "is_pronoun": float(mention.kind == "pronoun"),
        "indefinite": float(_indefinite(span)),
        "rules_has_entity": float(bool(rules.info.entity)),
        "rules_anonymous": float(rules.info.type == "anonymous"),
        "rules_confidence": float(info.confidence or 0.0),
        **{f"ev_{g}": float(group == g) for g in ("pronoun", "nominal_role", "nominal_focus", "org", "cataphora",
                                                    "none", "other")},
        "rules_margin": min(float(rules.margin), float(CAP)),
        "rules_distance": min(abs(float(rules.distance)), CAP_DISTANCE),
        "rules_gender_unknown": float(rules.gender_unknown),
        "rules_is_last_speaker": float(_same(rules.info.entity, last)),
    }


def _sentence_index(doc: Doc) -> list[int]:
    index = [0] * len(doc)
    for k, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            index[i] = k
    return index


def hybrid_ranker(doc: Doc, speaker_spans: Sequence[Span], *, model: Optional[HybridModel] = None):
    """An :data:`~quotekit.speakers.AntecedentRanker` that overrides the rules for a pronoun/nominal speaker
    mention with the ranker's best candidate where the hybrid model says so (returns that candidate and the
    model's probability), and leaves every other mention to the rules (None). The plan is made on the first
    call, once per Doc."""
    plans: list[dict] = []

    def ranker(span: Span):
        if not plans:
            plans.append(plan_document(doc, speaker_spans, model=model or load_hybrid()))
        candidate = plans[0].get((span.start, span.end))
        if candidate is None or not candidate.disagrees or candidate.antecedent is None:
            return None
        hybrid = model or load_hybrid()
        if not hybrid.overrides(candidate.features):
            return None
        p = hybrid.probability(candidate.features)
        return (candidate.antecedent, p) if p >= hybrid.threshold else None

    return ranker
