""":mod:`quotekit.speakers.ranker.train_hybrid`: train and cross-validate the ``hybrid`` speaker model
(:mod:`.hybrid`) on the PolNeAR resolution gold.

    python -m quotekit.speakers.ranker.train_hybrid corpora/resolution-gold -o quotekit/speakers/models/speaker_hybrid.json
    quotekit train-coref --hybrid corpora/resolution-gold -o quotekit/speakers/models/speaker_hybrid.json

Data: the gold folder's ``gold.jsonl`` (its first 20 articles and the ``second_batch.list`` articles) and its
``heldout/`` and ``batch3/`` folders, pooled; never any other gold folder. Gold source spans are the speaker
mentions (as :func:`quotekit.evaluate.resolution.resolve_gold` does). A training row is a pronoun/nominal mention
whose ranker candidate disagrees with the rules; its label is whether the resolver's answer when forced to take
the ranker's candidate is right. Figures: 5-fold cross-validation by document (documents shuffled with a fixed
seed), each fold scored end to end (the real resolver with the fold's model plugged in) against the rules alone
on the same mentions. Deterministic: same gold and code -> same file.
"""
from __future__ import annotations

import argparse
import json
import random
from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from typing import Any, Optional

from .hybrid import FEATURES, HybridModel

PARTS = ("first", "second", "heldout", "batch3")
SEED = 20261201
FOLDS = 5
C = 0.3
KINDS = ("pronoun",)
"""Mention kinds the shipped model may override: pronouns. For nominals the ranker's own cross-validation on GUM
already lost to the rules' role and head matching (``MODEL_CARD.md``), a choice made before this model's figures."""


def gold_parts(gold_dir: Path) -> list[tuple[str, Path, dict[str, Any]]]:
    """(part, texts folder, row) for every row of the pooled train gold."""
    from ...evaluate.resolution import read_resolution_gold, training_part

    second = set(training_part(gold_dir))
    out = []
    rows, texts = read_resolution_gold(gold_dir)
    out += [("second" if r["doc"] in second else "first", texts, r) for r in rows]
    for part in ("heldout", "batch3"):
        if (gold_dir / part).is_dir():
            rows, texts = read_resolution_gold(gold_dir / part)
            out += [(part, texts, r) for r in rows]
    return out


def _parse(parser, path: Path, cache_dir: Optional[Path]):
    from spacy.tokens import DocBin

    cached = cache_dir / f"{path.stem}.spacy" if cache_dir else None
    if cached is not None and cached.exists():
        return next(DocBin().from_disk(cached).get_docs(parser.nlp.vocab))
    with path.open(encoding="utf-8", newline="") as handle:
        doc = parser.parse(handle.read())
    if cached is not None:
        cache_dir.mkdir(parents=True, exist_ok=True)
        DocBin(store_user_data=True, docs=[doc]).to_disk(cached)
    return doc


def collect(gold_dir: Path, parser=None, cache_dir: Optional[Path] = None, log=print) -> list[dict[str, Any]]:
    """One dict per document: its Doc, attributions, gold rows, parts, the rules' resolutions, the hybrid plan
    and, per planned mention that disagrees, whether the forced override is right."""
    from ...evaluate.resolution import is_correct
    from ...parse import load_parser
    from ...types import Attribution
    from .. import finish, resolve_details
    from ..confidence import load_calibration
    from .hybrid import plan_document

    calibration = load_calibration()
    parser = parser or load_parser("spacy")
    by_doc: dict[tuple[str, str], list] = defaultdict(list)
    texts_of = {}
    for part, texts, row in gold_parts(gold_dir):
        by_doc[(part, row["doc"])].append(row)
        texts_of[(part, row["doc"])] = texts
    docs = []
    for key in sorted(by_doc):
        part, name = key
        rows = by_doc[key]
        doc = _parse(parser, texts_of[key] / name, cache_dir)
        atts = []
        for row in rows:
            span = doc.char_span(row["source"]["start"], row["source"]["end"], alignment_mode="expand")
            atts.append(Attribution(kind="indirect", content=span, speaker=span))
        rules = resolve_details(doc, atts, calibration=calibration)
        plan = plan_document(doc, [a.speaker for a in atts], calibration=calibration)
        items = []
        for n, (row, att) in enumerate(zip(rows, atts)):
            cand = plan.get((att.speaker.start, att.speaker.end))
            item = {"row": row, "part": part, "rules_correct": is_correct(row, finish(rules[n], calibration)),
                    "features": cand.features if cand else None, "disagrees": bool(cand and cand.disagrees)}
            if item["disagrees"]:
                forced = _forced(att.speaker, cand.antecedent)
                res = resolve_details(doc, atts, ranker=forced, calibration=calibration)[n]
                item["forced_correct"] = is_correct(row, finish(replace(res, probability=1.0), calibration))
            items.append(item)
        docs.append({"doc": name, "part": part, "parsed": doc, "atts": atts, "items": items})
        log(f"{part}/{name}: {len(rows)} mentions, {sum(i['disagrees'] for i in items)} disagreements")
    return docs


def _forced(span, antecedent):
    def ranker(s):
        return (antecedent, 1.0) if (s.start, s.end) == (span.start, span.end) else None
    return ranker


def fit(items: list[dict[str, Any]], c: float = C, kinds: tuple[str, ...] = KINDS) -> HybridModel:
    """Logistic regression on the rows of ``items`` where the override decides something: the ranker's candidate
    disagrees with the rules and exactly one of the two answers is right (label: the ranker's); only mentions of
    ``kinds``. Features are standardised (mean and scale stored in the model)."""
    import numpy
    from sklearn.linear_model import LogisticRegression

    rows = [i for i in items if i["disagrees"] and ("pronoun" if i["features"]["is_pronoun"] else "nominal") in kinds
            and i["rules_correct"] != i["forced_correct"]]
    x = numpy.array([[i["features"][f] for f in FEATURES] for i in rows], dtype=float).reshape(len(rows), len(FEATURES))
    y = numpy.array([int(i["forced_correct"]) for i in rows], dtype=int)
    mean = x.mean(axis=0) if rows else numpy.zeros(len(FEATURES))
    scale = x.std(axis=0) if rows else numpy.ones(len(FEATURES))
    scale[scale == 0] = 1.0
    meta = {"rows": len(rows), "positive": int(y.sum()), "C": c}
    if len(set(y.tolist())) < 2:  # nothing to learn: never override
        return HybridModel(FEATURES, mean.tolist(), scale.tolist(), [0.0] * len(FEATURES), -10.0, kinds=kinds,
                           meta=meta)
    clf = LogisticRegression(C=c, max_iter=2000).fit((x - mean) / scale, y)
    return HybridModel(FEATURES, [round(v, 6) for v in mean.tolist()], [round(v, 6) for v in scale.tolist()],
                       [round(v, 6) for v in clf.coef_[0].tolist()], round(float(clf.intercept_[0]), 6),
                       kinds=kinds, meta=meta)


def folds_of(docs: list[dict[str, Any]], folds: int = FOLDS, seed: int = SEED) -> dict[tuple[str, str], int]:
    keys = sorted((d["part"], d["doc"]) for d in docs)
    random.Random(seed).shuffle(keys)
    return {key: n % folds for n, key in enumerate(keys)}


def _score(docs: list[dict[str, Any]], model: Optional[HybridModel]) -> list[dict[str, Any]]:
    """End-to-end answers on ``docs``: the real resolver, with the hybrid plugged in (None: the rules alone)."""
    from ...evaluate.resolution import is_correct
    from .. import finish, resolve_details
    from ..confidence import load_calibration
    from .hybrid import hybrid_ranker

    calibration = load_calibration()
    out = []
    for d in docs:
        spans = [a.speaker for a in d["atts"]]
        plug = hybrid_ranker(d["parsed"], spans, model=model) if model is not None else None
        for item, res in zip(d["items"], resolve_details(d["parsed"], d["atts"], ranker=plug,
                                                         calibration=calibration)):
            out.append({"part": d["part"], "mention": item["row"].get("mention", "other"),
                        "correct": is_correct(item["row"], finish(res, calibration)),
                        "overridden": res.evidence == "ranker"})
    return out


def summarise(scored: list[dict[str, Any]]) -> dict[str, Any]:
    def acc(rows):
        return {"n": len(rows), "correct": sum(r["correct"] for r in rows),
                "accuracy": round(sum(r["correct"] for r in rows) / len(rows), 3) if rows else None}

    out = {"all": acc(scored), "overridden": sum(r["overridden"] for r in scored)}
    for kind in ("pronoun", "nominal"):
        out[kind] = acc([r for r in scored if r["mention"] == kind])
    for part in PARTS:
        rows = [r for r in scored if r["part"] == part]
        out[f"part:{part}"] = {"all": acc(rows), **{k: acc([r for r in rows if r["mention"] == k])
                                                     for k in ("pronoun", "nominal")}}
    return out


def cross_validate(docs: list[dict[str, Any]], folds: int = FOLDS, seed: int = SEED, c: float = C,
                   kinds: tuple[str, ...] = KINDS) -> dict[str, Any]:
    """Rules alone vs hybrid, each document scored by a model fitted on the other folds only."""
    fold_of = folds_of(docs, folds, seed)
    rules, hybrid = [], []
    for k in range(folds):
        train = [i for d in docs if fold_of[(d["part"], d["doc"])] != k for i in d["items"]]
        test = [d for d in docs if fold_of[(d["part"], d["doc"])] == k]
        model = fit(train, c, kinds)
        rules += _score(test, None)
        hybrid += _score(test, model)
    return {"folds": folds, "seed": seed, "C": c, "kinds": list(kinds), "rules": summarise(rules),
            "hybrid": summarise(hybrid)}


def run(gold_dir: Path, output: Optional[Path], cache_dir: Optional[Path] = None, log=print) -> dict[str, Any]:
    """Collect, cross-validate, fit on everything, write ``output`` (when given); returns the figures."""
    docs = collect(Path(gold_dir), cache_dir=cache_dir, log=log)
    figures = cross_validate(docs)
    items = [i for d in docs for i in d["items"]]
    model = fit(items)
    model.meta.update({"trained_on": "PolNeAR resolution gold (train split): gold.jsonl + heldout/ + batch3/",
                       "documents": len(docs), "mentions": len(items),
                       "command": "quotekit train-coref --hybrid corpora/resolution-gold -o "
                                  "quotekit/speakers/models/speaker_hybrid.json",
                       "cv": {"rules": figures["rules"]["all"], "hybrid": figures["hybrid"]["all"]}})
    if output is not None:
        model.save(output)
    figures["model"] = model.meta
    return figures


def _stderr(*args) -> None:
    import sys

    print(*args, file=sys.stderr)


def main(argv: Optional[list[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", type=Path, help="the resolution gold folder (corpora/resolution-gold)")
    parser.add_argument("-o", "--output", type=Path, default=None, help="model file to write (.json)")
    parser.add_argument("--cache-dir", type=Path, default=None, help="cache of parsed documents (spaCy DocBins)")
    args = parser.parse_args(argv)
    print(json.dumps(run(args.gold, args.output, args.cache_dir, log=_stderr), indent=1))


if __name__ == "__main__":
    main()
