""":mod:`quotekit.evaluate.resolution`: speaker-resolution accuracy on gold pronoun/nominal speaker mentions.

The gold set (``corpora/resolution-gold/``, see its README) is JSONL, one speaker mention a line::

    {"doc": "<file>.txt", "source": {"start": 525, "end": 527, "text": "He"}, "cue": "said",
     "mention": "pronoun", "entity": "Marco Rubio", "type": "person"}

with the article texts in ``texts/`` next to it. Gold *source spans* are handed to the resolver (as one
:class:`~quotekit.types.Attribution` each), so the score isolates resolution from attribution.

A resolution is correct when its type equals the gold type and, where the gold names an entity, the predicted
entity names the same one: equal after normalisation, or one name's words contained in the other's with the same
last word ("Trump" / "Donald Trump").
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any, Iterable, Optional, Union

from ..errors import InputError

GOLD_FILE = "gold.jsonl"
TEXT_DIR = "texts"


def _norm_words(name: Optional[str]) -> list[str]:
    if not name:
        return []
    text = unicodedata.normalize("NFKC", name).replace("’", "'").lower()
    text = re.sub(r"^(the)\s+", "", text.strip())
    text = re.sub(r"'s\b", "", text)
    # a possessive apostrophe alone ("Bernie Sanders' campaign") is no part of the word, as "'s" is not
    return [w.strip("'") for w in re.split(r"[^\w']+", text) if w.strip("'")]


def same_entity(predicted: Optional[str], gold: Optional[str]) -> bool:
    """True when two entity names denote the same entity within one document."""
    p, g = _norm_words(predicted), _norm_words(gold)
    if not p or not g:
        return False
    if p == g:
        return True
    return p[-1] == g[-1] and (set(p) <= set(g) or set(g) <= set(p))


def read_resolution_gold(path: Union[str, Path]) -> tuple[list[dict[str, Any]], Path]:
    """The gold rows and the folder holding their texts (``path`` is the gold folder or its JSONL file)."""
    path = Path(path)
    gold_file = path / GOLD_FILE if path.is_dir() else path
    if not gold_file.is_file():
        raise InputError(f"no resolution gold file here; pass the folder holding {GOLD_FILE} or the file itself",
                         path=path)
    rows = []
    with gold_file.open(encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                row["source"]["start"], row["source"]["end"]
                row["doc"], row["type"]
            except (ValueError, KeyError, TypeError) as error:
                raise InputError(f"bad resolution gold row ({error}); each line needs doc, source{{start,end,text}}, "
                                 "entity, type", path=gold_file, line=line_no) from error
            rows.append(row)
    return rows, gold_file.parent / TEXT_DIR


def resolve_gold(gold_dir_or_file: Union[str, Path], parser=None, *, exclude_docs: Iterable[str] = (),
                 speaker_model: str = "rules") -> list[dict[str, Any]]:
    """Resolve every gold mention in context (no abstention yet): one dict per row with the gold row, the
    :class:`~quotekit.speakers.Resolution` and whether its answer is right. ``speaker_model``: ``rules``,
    ``ranker`` or ``hybrid`` (:mod:`quotekit.speakers.ranker.plug`)."""
    from ..parse import load_parser
    from ..speakers import resolve_details
    from ..speakers.ranker.plug import check_speaker_model, speaker_ranker
    from ..types import Attribution

    speaker_model = check_speaker_model(speaker_model)
    rows, text_dir = read_resolution_gold(gold_dir_or_file)
    excluded = set(exclude_docs)
    parser = parser or load_parser("spacy")
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        if row["doc"] not in excluded:
            by_doc[row["doc"]].append(row)
    out = []
    for doc_name in sorted(by_doc):
        text_path = text_dir / doc_name
        try:
            with text_path.open(encoding="utf-8", newline="") as handle:
                text = handle.read()
        except FileNotFoundError as error:
            raise InputError("article text of the resolution gold is missing; copy it next to the gold file",
                             path=text_path) from error
        doc = parser.parse(text)
        items = by_doc[doc_name]
        attributions = []
        for row in items:
            span = doc.char_span(row["source"]["start"], row["source"]["end"], alignment_mode="expand")
            if span is None:
                raise InputError(f"gold span {row['source']} does not fit the text", path=text_path)
            attributions.append(Attribution(kind="indirect", content=span, speaker=span))
        ranker = speaker_ranker(speaker_model, doc, [a.speaker for a in attributions])
        for row, resolution in zip(items, resolve_details(doc, attributions, ranker=ranker)):
            out.append({"row": row, "resolution": resolution, "raw_correct": is_correct(row, resolution.info)})
    return out


def is_correct(row: dict[str, Any], info) -> bool:
    """The gold's type, and where the gold names an entity (or a group's ``entities``), the same one(s)."""
    if info.type != row["type"]:
        return False
    if row.get("entities"):
        return len(row["entities"]) == len(info.entities) and all(
            any(same_entity(p, g) for p in info.entities) for g in row["entities"])
    return row.get("entity") is None or same_entity(info.entity, row["entity"])


def score_resolved(resolved: list[dict[str, Any]], calibration=None) -> dict[str, Any]:
    """Accuracy of resolved gold rows after abstention: ``accuracy`` counts an abstention as wrong; ``coverage``
    is the share of rows not abstained on; ``answered_accuracy`` the accuracy on those; ``raw_accuracy`` what
    the resolver's best guesses would score without abstaining."""
    from ..speakers import finish
    from ..speakers.confidence import load_calibration

    calibration = calibration or load_calibration()
    per_article: dict[str, dict[str, Any]] = {}
    by_mention: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # n, correct, answered, answered right
    correct = typed = abstained = raw = answered_right = 0
    errors = []
    for item in resolved:
        row, resolution = item["row"], item["resolution"]
        info = finish(resolution, calibration)
        # an answer dropped below the threshold, or a plugged-in ranker's abstention (it returns no entity)
        abstain = not info.entities and (bool(resolution.info.entities) or resolution.evidence == "ranker")
        ok = is_correct(row, info)
        correct += ok
        typed += info.type == row["type"]
        abstained += abstain
        answered_right += ok and not abstain
        raw += item["raw_correct"]
        stats = by_mention[row.get("mention", "other")]
        stats[0] += 1
        stats[1] += ok
        stats[2] += not abstain
        stats[3] += ok and not abstain
        art = per_article.setdefault(row["doc"], {"n": 0, "correct": 0})
        art["n"] += 1
        art["correct"] += ok
        if not ok:
            errors.append({"doc": row["doc"], "source": row["source"]["text"], "start": row["source"]["start"],
                           "gold": [row.get("entity") or row.get("entities"), row["type"]],
                           "predicted": [info.entity or list(info.entities) or None, info.type],
                           "evidence": resolution.evidence, "confidence": info.confidence,
                           "abstained": abstain})
    for art in per_article.values():
        art["accuracy"] = art["correct"] / art["n"]
    n = len(resolved)
    answered = n - abstained
    return {
        "accuracy": correct / n if n else 0.0,
        "n": n,
        "correct": correct,
        "type_accuracy": typed / n if n else 0.0,
        "abstained": abstained,
        "coverage": answered / n if n else 0.0,
        "answered_correct": answered_right,
        "answered_accuracy": answered_right / answered if answered else 0.0,
        "raw_accuracy": raw / n if n else 0.0,
        "threshold": calibration.threshold,
        "by_mention": {k: {"n": v[0], "correct": v[1], "accuracy": v[1] / v[0], "answered": v[2],
                           "answered_accuracy": v[3] / v[2] if v[2] else 0.0} for k, v in sorted(by_mention.items())},
        "per_article": per_article,
        "errors": errors,
    }


def evaluate_resolution(gold_dir_or_file: Union[str, Path], parser=None, *, calibration=None,
                        speaker_model: str = "rules") -> dict[str, Any]:
    """Resolve every gold speaker mention in context (with ``speaker_model``, see :func:`resolve_gold`) and
    score it, abstentions apart.

    Returns ``{"accuracy", "n", "correct", "type_accuracy", "abstained", "coverage", "answered_accuracy",
    "raw_accuracy", "threshold", "by_mention": {pronoun|nominal: {...}}, "per_article": {doc: {"n", "correct",
    "accuracy"}}, "errors": [...]}`` (see :func:`score_resolved`).
    """
    return score_resolved(resolve_gold(gold_dir_or_file, parser, speaker_model=speaker_model), calibration)


def score_records(gold_dir_or_file: Union[str, Path], records: Iterable[dict[str, Any]],
                  parser=None) -> dict[str, Any]:
    """End-to-end speaker resolution: quote records (JSONL dicts of ``quotekit extract`` on the gold texts) scored
    against the gold mentions, attribution and resolution together.

    A gold mention is *found* when a record of its document (``doc_id`` = the text's file stem) has a speaker
    span covering the mention's head token (:func:`~quotekit.evaluate.scorer.parsed_head_span`), and *correct*
    when that record's ``speaker_entity``/``speaker_entities``/``speaker_type`` match the gold
    (:func:`is_correct`). Returns ``{"n", "found", "correct", "found_share", "accuracy", "found_accuracy",
    "by_mention", "errors"}``; ``accuracy`` counts a mention not found as wrong."""
    from ..parse import load_parser
    from ..types import SpeakerInfo
    from .scorer import parsed_head_span

    rows, text_dir = read_resolution_gold(gold_dir_or_file)
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        if record.get("speaker"):
            by_doc[str(record.get("doc_id"))].append(record)
    parser = parser or load_parser("spacy")
    docs: dict[str, Any] = {}
    by_mention: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # n, found, correct
    errors = []
    for row in rows:
        name = row["doc"]
        if name not in docs:
            with (text_dir / name).open(encoding="utf-8", newline="") as handle:
                docs[name] = parser.parse(handle.read())
        start, end = row["source"]["start"], row["source"]["end"]
        head = parsed_head_span(docs[name], ((start, end),)) or (start, end)
        record = next((r for r in by_doc[Path(name).stem]
                       if r["speaker"]["start"] <= head[0] and head[1] <= r["speaker"]["end"]), None)
        info = None if record is None else SpeakerInfo(
            entity=record.get("speaker_entity"), type=record.get("speaker_type") or "unknown",
            entities=tuple(record.get("speaker_entities") or ()))
        ok = info is not None and is_correct(row, info)
        stats = by_mention[row.get("mention", "other")]
        stats[0] += 1
        stats[1] += record is not None
        stats[2] += ok
        if not ok:
            errors.append({"doc": name, "source": row["source"]["text"], "start": start,
                           "gold": [row.get("entity") or row.get("entities"), row["type"]],
                           "predicted": None if info is None else [info.entity or list(info.entities) or None,
                                                                    info.type],
                           "speaker": None if record is None else record["speaker"]["text"]})
    n, found, correct = (sum(v[i] for v in by_mention.values()) for i in range(3))
    return {"n": n, "found": found, "correct": correct, "found_share": found / n if n else 0.0,
            "accuracy": correct / n if n else 0.0, "found_accuracy": correct / found if found else 0.0,
            "by_mention": {k: {"n": v[0], "found": v[1], "correct": v[2], "accuracy": v[2] / v[0],
                               "found_accuracy": v[2] / v[1] if v[1] else 0.0}
                           for k, v in sorted(by_mention.items())},
            "errors": errors}


def calibration_rows(resolved: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows a confidence model learns from: answers of calibrated rules, with their features."""
    from ..speakers.confidence import CERTAIN

    return [{"doc": item["row"]["doc"], "evidence": item["resolution"].evidence,
             "margin": item["resolution"].margin, "distance": item["resolution"].distance,
             "gender_unknown": item["resolution"].gender_unknown,
             "correct": item["raw_correct"]}
            for item in resolved
            if item["resolution"].info.entities and item["resolution"].evidence not in CERTAIN
            and item["resolution"].probability is None]


def training_part(gold_dir: Union[str, Path]) -> list[str]:
    """Documents of a resolution gold folder that calibration must not see: those listed in its
    ``second_batch.list`` (the blind test part), if any."""
    listed = Path(gold_dir) / "second_batch.list"
    return listed.read_text(encoding="utf-8").split() if listed.is_file() else []


def cross_validate(resolved: list[dict[str, Any]], *, folds: int = 5, seed: int = 0,
                   curve: tuple[float, ...] = (0.6, 0.7, 0.8, 0.9)) -> dict[str, Any]:
    """Document-wise k-fold cross-validation of the confidence model: each fold is scored with a calibration
    fitted on the other folds only; ``curve`` adds the pooled figures at other thresholds (coverage against
    accuracy when answering), for choosing one."""
    import random

    from ..speakers.confidence import Calibration, fit

    docs = sorted({item["row"]["doc"] for item in resolved})
    random.Random(seed).shuffle(docs)
    fold_of = {doc: n % folds for n, doc in enumerate(docs)}
    scored = []
    by_threshold: dict[float, list[int]] = {}
    for k in range(folds):
        train = [item for item in resolved if fold_of[item["row"]["doc"]] != k]
        test = [item for item in resolved if fold_of[item["row"]["doc"]] == k]
        calibration = fit(calibration_rows(train))
        result = score_resolved(test, calibration)
        scored.append(result)
        for t in curve:
            at = score_resolved(test, Calibration(calibration.coef, calibration.intercept, t))
            pooled = by_threshold.setdefault(t, [0, 0, 0])
            pooled[0] += at["n"]
            pooled[1] += at["n"] - at["abstained"]
            pooled[2] += at["answered_correct"]
    n = sum(r["n"] for r in scored)
    correct = sum(r["correct"] for r in scored)
    abstained = sum(r["abstained"] for r in scored)
    answered = n - abstained
    answered_right = sum(r["answered_correct"] for r in scored)
    return {"folds": folds, "n": n, "accuracy": correct / n if n else 0.0, "abstained": abstained,
            "coverage": answered / n if n else 0.0,
            "answered_accuracy": answered_right / answered if answered else 0.0,
            "raw_accuracy": sum(item["raw_correct"] for item in resolved) / n if n else 0.0,
            "by_mention": {kind: _pool([r["by_mention"].get(kind) for r in scored]) for kind in ("pronoun", "nominal")},
            "curve": [{"threshold": t, "coverage": v[1] / v[0] if v[0] else 0.0,
                       "answered_accuracy": v[2] / v[1] if v[1] else 0.0} for t, v in sorted(by_threshold.items())]}


def _pool(parts: list[Optional[dict[str, Any]]]) -> dict[str, Any]:
    parts = [p for p in parts if p]
    n, correct = sum(p["n"] for p in parts), sum(p["correct"] for p in parts)
    answered = sum(p["answered"] for p in parts)
    right = sum(round(p["answered_accuracy"] * p["answered"]) for p in parts)
    return {"n": n, "accuracy": correct / n if n else 0.0, "coverage": answered / n if n else 0.0,
            "answered_accuracy": right / answered if answered else 0.0}


def calibrate(gold_dir: Union[str, Path], parser=None, *, include_test: bool = False) -> tuple[Any, dict[str, Any]]:
    """Fit the speaker-confidence model (:mod:`quotekit.speakers.confidence`) on a resolution gold folder: its
    rows and those of its ``heldout/`` folder, without the documents of ``second_batch.list`` unless
    ``include_test``. Returns the :class:`~quotekit.speakers.confidence.Calibration` (its ``meta`` says what it
    was fitted on) and the 5-fold document-wise cross-validation of the same procedure on the same rows."""
    from ..speakers.confidence import Calibration, fit

    gold_dir = Path(gold_dir)
    excluded = [] if include_test else training_part(gold_dir)
    resolved = resolve_gold(gold_dir, parser, exclude_docs=excluded)
    if (gold_dir / "heldout" / GOLD_FILE).is_file():
        resolved += resolve_gold(gold_dir / "heldout", parser)
    rows = calibration_rows(resolved)
    fitted = fit(rows)
    meta = {"fitted_on": f"{gold_dir.name}{'' if include_test else ' without second_batch.list'} + heldout",
            "documents": len({item['row']['doc'] for item in resolved}), "mentions": len(resolved),
            "calibration_rows": len(rows), "right": sum(bool(r["correct"]) for r in rows),
            "command": "quotekit evaluate --resolution corpora/resolution-gold --calibrate FILE"
                       + (" --calibrate-on-all" if include_test else "")}
    return Calibration(fitted.coef, fitted.intercept, fitted.threshold, meta), cross_validate(resolved)
