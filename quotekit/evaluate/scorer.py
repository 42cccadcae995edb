""":mod:`quotekit.evaluate.scorer`: score predicted attributions against gold ones.

Spans are compared by the Jaccard index of their **alphanumeric character positions** (punctuation, quote marks
and white space do not count), so "said that X" vs "X" or a quote with/without its marks agree. A content of
several pieces -- brat's discontinuous gold, or a record's ``content_parts`` (a statement split by its
attribution, ``"A," X said. "B."``) -- is the union of its pieces, so the attribution between them never counts.

- *Recall* is over gold **speech** attributions: the cue is a communication verb of the scorer's own frozen
  list (``quotekit/lexicons/gold_speech_cues.txt``, any inflection; not the attributor's ``speech_verbs.txt``, so
  a lexicon change never moves the denominator) or "according to" or a ":", or the content holds quotation
  marks. PolNeAR also annotates beliefs ("thinks", "wants"); those are not counted as missed.
- *Precision* is over every prediction, which is correct if it matches ANY gold attribution.
- Matching is one-to-one, greedy by Jaccard (ties: document order), at a threshold (0.5 and 0.8).
- *Speaker accuracy*, over matched pairs whose gold has a source: the predicted speaker's alnum-Jaccard with the
  gold source is >= 0.5, or the prediction contains the gold mention's head token: on the parse of the text
  (when the evaluation has one), the first nominal token of the mention whose syntactic head lies outside it;
  without a parse, the last word before any comma, relative pronoun, preposition or bracket ("Price" in
  "spokesperson Ned Price, who ...").
- *Cue accuracy*, over matched pairs whose gold has a cue: alnum-Jaccard >= 0.5, or one cue contains the other
  ("said" within "said in a statement").
- *Attribution* P/R/F1: as P/R/F1, but a matched pair counts only when its speaker is right as well (or the gold
  names no source), so a quote credited to the wrong speaker is a miss: what per-speaker tables feel.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Iterable, Optional, Sequence

from ..lexicons import is_gold_speech_cue
from .gold import GoldAttribution, Spans

QUOTE_MARKS = "\"“”«»„"
_HEAD_STOP = re.compile(
    r",|\(|\[| -- | — | who | whom | whose | which | that | of | for | at | in | on | from | with | to | and the ",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")


@dataclass
class PredSpans:
    """A prediction as character spans (from a :class:`~quotekit.types.Quote` or its JSONL record)."""

    content: Spans
    cue: Spans = ()
    speaker: Spans = ()
    kind: str = ""

    @classmethod
    def from_record(cls, record: dict) -> "PredSpans":
        """Spans of a JSONL record; a statement split by its attribution is scored as the union of its
        ``content_parts`` (the attribution between them is not content), else its ``content`` span."""
        def spans(key):
            s = record.get(key)
            return ((int(s["start"]), int(s["end"])),) if s else ()

        if not record.get("content"):
            raise KeyError("content")
        parts = record.get("content_parts")
        if parts is not None and not isinstance(parts, list):
            raise TypeError("content_parts must be a list of spans")
        content = tuple((int(p["start"]), int(p["end"])) for p in parts or ()) or spans("content")
        return cls(content, spans("cue"), spans("speaker"), record.get("kind", ""))


def alnum_positions(text: str, spans: Spans) -> frozenset[int]:
    return frozenset(i for s, e in spans for i in range(max(s, 0), min(e, len(text))) if text[i].isalnum())


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter) if inter else 0.0


def is_speech(text: str, gold: GoldAttribution) -> bool:
    """Whether a gold attribution reports speech (see the module docstring)."""
    cue = " ".join(text[s:e] for s, e in gold.cue).strip().lower()
    if cue.startswith(":") or cue.endswith(":") or "according to" in cue:
        return True
    if any(is_gold_speech_cue(w) for w in _WORD.findall(cue)):
        return True
    content = " ".join(text[s:e] for s, e in gold.content)
    return any(m in content for m in QUOTE_MARKS)


def head_span(text: str, spans: Spans) -> Optional[tuple[int, int]]:
    """Character span of the head word of a mention: the last word before a post-modifier starts."""
    if not spans:
        return None
    start, end = spans[0]
    chunk = text[start:end]
    m = _HEAD_STOP.search(chunk)
    if m and m.start() > 0:
        chunk = chunk[: m.start()]
    words = list(_WORD.finditer(chunk))
    if not words:
        return None
    last = words[-1]
    return start + last.start(), start + last.end()


def parsed_head_span(doc, spans: Spans) -> Optional[tuple[int, int]]:
    """Character span of the syntactic head of a mention on a parsed Doc: the first (nominal) token of the
    span whose head lies outside it."""
    if doc is None or not spans:
        return None
    start, end = spans[0]
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    roots = [t for t in span if t.head.i < span.start or t.head.i >= span.end or t.head.i == t.i]
    nominal = [t for t in roots if t.pos_ in ("NOUN", "PROPN", "PRON", "NUM")]
    tok = (nominal or roots or [span.root])[0]
    return tok.idx, tok.idx + len(tok.text)


def speaker_correct(text: str, gold: Spans, pred: Spans, doc=None) -> bool:
    """See the module docstring; ``doc`` (a parse of ``text``) gives the gold mention's syntactic head."""
    if not gold or not pred:
        return False
    if jaccard(alnum_positions(text, gold), alnum_positions(text, pred)) >= 0.5:
        return True
    head = parsed_head_span(doc, gold) or head_span(text, gold)
    return head is not None and any(s <= head[0] and head[1] <= e for s, e in pred)


def cue_correct(text: str, gold: Spans, pred: Spans) -> bool:
    if not gold or not pred:
        return False
    g, p = alnum_positions(text, gold), alnum_positions(text, pred)
    if not g and not p:  # ":" cues
        return any(ps < ge and gs < pe for gs, ge in gold for ps, pe in pred)
    return jaccard(g, p) >= 0.5 or (bool(p) and p <= g) or (bool(g) and g <= p)


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass
class Counts:
    """Counts for one threshold, summed over documents."""

    threshold: float
    n_pred: int = 0
    n_gold_speech: int = 0
    n_gold_all: int = 0
    pred_matched: int = 0
    gold_speech_matched: int = 0
    speaker_total: int = 0
    speaker_correct: int = 0
    cue_total: int = 0
    cue_correct: int = 0
    pred_attributed: int = 0
    gold_speech_attributed: int = 0

    def add(self, other: "Counts") -> None:
        for key, value in asdict(other).items():
            if key != "threshold":
                setattr(self, key, getattr(self, key) + value)

    @property
    def precision(self) -> float:
        return _ratio(self.pred_matched, self.n_pred)

    @property
    def recall(self) -> float:
        return _ratio(self.gold_speech_matched, self.n_gold_speech)

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    @property
    def attribution_precision(self) -> float:
        return _ratio(self.pred_attributed, self.n_pred)

    @property
    def attribution_recall(self) -> float:
        return _ratio(self.gold_speech_attributed, self.n_gold_speech)

    @property
    def attribution_f1(self) -> float:
        return _f1(self.attribution_precision, self.attribution_recall)

    @property
    def speaker_accuracy(self) -> float:
        return _ratio(self.speaker_correct, self.speaker_total)

    @property
    def cue_accuracy(self) -> float:
        return _ratio(self.cue_correct, self.cue_total)

    def summary(self) -> dict:
        return {
            "threshold": self.threshold, "precision": round(self.precision, 4), "recall": round(self.recall, 4),
            "f1": round(self.f1, 4), "speaker_accuracy": round(self.speaker_accuracy, 4),
            "cue_accuracy": round(self.cue_accuracy, 4),
            "attribution_precision": round(self.attribution_precision, 4),
            "attribution_recall": round(self.attribution_recall, 4),
            "attribution_f1": round(self.attribution_f1, 4), "n_pred": self.n_pred,
            "n_gold_speech": self.n_gold_speech, "n_gold_all": self.n_gold_all,
            "pred_matched": self.pred_matched, "gold_speech_matched": self.gold_speech_matched,
        }


def match(text: str, golds: Sequence[GoldAttribution], preds: Sequence[PredSpans],
          threshold: float) -> list[tuple[int, int, float]]:
    """One-to-one (pred index, gold index, jaccard) pairs with Jaccard >= ``threshold``, greedy by Jaccard."""
    gsets = [alnum_positions(text, g.content) for g in golds]
    candidates = []
    for pi, pred in enumerate(preds):
        pset = alnum_positions(text, pred.content)
        for gi, gset in enumerate(gsets):
            j = jaccard(pset, gset)
            if j >= threshold:
                candidates.append((-j, pi, gi))
    candidates.sort()
    used_p, used_g, pairs = set(), set(), []
    for negj, pi, gi in candidates:
        if pi in used_p or gi in used_g:
            continue
        used_p.add(pi)
        used_g.add(gi)
        pairs.append((pi, gi, -negj))
    return pairs


def score_document(text: str, golds: Sequence[GoldAttribution], preds: Sequence[PredSpans],
                   threshold: float, doc=None) -> Counts:
    """Counts for one document at one Jaccard threshold."""
    speech = [is_speech(text, g) for g in golds]
    counts = Counts(threshold, n_pred=len(preds), n_gold_speech=sum(speech), n_gold_all=len(golds))
    for pi, gi, _ in match(text, golds, preds, threshold):
        counts.pred_matched += 1
        counts.gold_speech_matched += speech[gi]
        gold, pred = golds[gi], preds[pi]
        attributed = True
        if gold.source:
            attributed = speaker_correct(text, gold.source, pred.speaker, doc)
            counts.speaker_total += 1
            counts.speaker_correct += attributed
        counts.pred_attributed += attributed
        counts.gold_speech_attributed += attributed and speech[gi]
        if gold.cue:
            counts.cue_total += 1
            counts.cue_correct += cue_correct(text, gold.cue, pred.cue)
    return counts


@dataclass
class Score:
    """Corpus-level counts per threshold."""

    name: str
    thresholds: tuple[float, ...] = (0.5, 0.8)
    counts: dict[float, Counts] = field(default_factory=dict)

    def __post_init__(self):
        self.counts = {t: Counts(t) for t in self.thresholds}

    def add_document(self, text: str, golds: Sequence[GoldAttribution], preds: Iterable[PredSpans],
                     doc=None) -> None:
        preds = list(preds)
        for t in self.thresholds:
            self.counts[t].add(score_document(text, golds, preds, t, doc))

    def summary(self) -> dict:
        return {"system": self.name, **{f"@{t}": c.summary() for t, c in self.counts.items()}}
