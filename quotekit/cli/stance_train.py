""":mod:`quotekit.cli.stance_train`: ``quotekit stance-train LABELLED -o MODEL`` and the trained-model part of
``quotekit stance-eval`` (``--model MODEL`` or ``--cv K``).

Training cross-validates first (the figures go into the model file and are printed), then fits on every row.
Evaluation puts the trained model beside the project's lexicon scorers, measured on the same rows with the same
F_avg (see :mod:`quotekit.stance.model`).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional, Sequence

import typer

from ..errors import InputError
from ._util import app, only_targets

_SYSTEM_NAMES = {"trained": "trained model", "targeted": "lexicon (targeted)", "baseline": "VADER (whole text)"}


@app.command("stance-train")
def stance_train(
    labelled: Path = typer.Argument(..., help="Table of text, target, label (FAVOR/AGAINST/NONE): .csv, .tsv, "
                                              ".jsonl or .parquet; the SemEval-2016 TSV works as is."),
    output: Path = typer.Option(..., "-o", "--output", help="Model file to write (e.g. stance.qkm)."),
    folds: int = typer.Option(5, "--cv", help="Cross-validation folds whose figures are stored in the model "
                                              "(0: skip, faster)."),
    seed: int = typer.Option(1, "--seed", help="Seed of the cross-validation folds."),
    as_json: bool = typer.Option(False, "--json", help="Print the model's metadata as JSON."),
) -> None:
    """Train a stance model (word and character n-grams, target-conditioned, with VADER features)."""
    from ..stance.model import read_labelled, save_model, train

    if folds < 0 or folds == 1:
        raise InputError(f"--cv must be 0 (no cross-validation) or at least 2, not {folds}")
    if output.exists() and output.is_dir():
        raise InputError("is a folder; pass the model file to write", path=output)
    if not output.parent.is_dir():  # said before training, not after
        raise InputError("the folder of the model file does not exist; create it or choose another -o path",
                         path=output)
    examples = read_labelled(labelled)
    model = train(examples, folds=folds, seed=seed, source=labelled.name)
    model.meta["retrain"] = f"quotekit stance-train {labelled.name} -o {output.name} --cv {folds} --seed {seed}"
    save_model(model, output)
    if as_json:
        meta = {k: v for k, v in model.meta.items() if k != "training_pairs"}
        typer.echo(json.dumps(meta, indent=2, default=str))
        return
    meta = model.meta
    typer.echo(f"trained on {meta['n_examples']} rows ({', '.join(f'{k} {v}' for k, v in meta['label_counts'].items())}),"
               f" {len(meta['targets'])} target(s); data fingerprint {meta['fingerprint'][:16]}")
    if meta["cv"]:
        cv = meta["cv"]
        typer.echo(f"{cv['folds']}-fold cross-validation (seed {cv['seed']}), F_avg:")
        typer.echo(format_systems({"trained": cv["table"]}, sorted(meta["targets"])))
    typer.echo(f"wrote {output} ({output.stat().st_size / 1e6:.1f} MB)")


def format_systems(systems: dict, targets: Sequence[str]) -> str:
    """Plain-text table: F_avg of each system per target, pooled (overall) and mean of targets (macro), and the
    per-fold mean and standard deviation where the system was cross-validated."""
    names = list(systems)
    rows = [("target", "n", *[_SYSTEM_NAMES.get(s, s) for s in names])]
    first = systems[names[0]]
    for name in list(targets) + ["overall"]:
        rows.append((name, str(first[name]["n"]), *[f"{systems[s][name]['f_avg']:.4f}" for s in names]))
    rows.append(("macro (mean of targets)", "", *[f"{systems[s]['macro']['f_avg']:.4f}" for s in names]))
    if any("folds" in systems[s] for s in names):
        rows.append(("per-fold mean ± sd", "", *[f"{systems[s]['folds']['mean']:.4f} ± {systems[s]['folds']['sd']:.4f}"
                                                 if "folds" in systems[s] else "" for s in names]))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths)))
                     for r in rows)


def trained_eval(path: Path, *, model_path: Optional[Path], folds: int, targets: Optional[Sequence[str]],
                 cache_dir: Optional[Path], seed: int = 1) -> dict:
    """``stance-eval`` with a trained model: the model (``model_path``) or ``folds``-fold cross-validation of a new
    one, beside the VADER baseline and, where every target has a SemEval target lexicon, the lexicon scorer.

    The lexicon scorers are not trained, so their out-of-fold predictions are their predictions: their pooled
    figures are comparable with the trained model's pooled out-of-fold figures as they are.
    """
    from ..stance import semeval
    from ..stance.model import cross_validate, evaluate_model, load_model, read_labelled, score_table, stance_text
    from ..stance.scorers import VaderScorer

    if (model_path is None) == (not folds):
        raise InputError("pass either --model MODEL (evaluate a trained model) or --cv K (cross-validate one), "
                         "not both")
    if folds and folds < 2:
        raise InputError(f"--cv needs at least 2 folds, not {folds}")
    examples = only_targets(read_labelled(path), targets, path)
    result: dict = {"file": path.name, "n": len(examples), "targets": sorted({e.target for e in examples}),
                    "systems": {}}
    if model_path is not None:
        model = load_model(model_path)
        scored = evaluate_model(model, examples)
        result["systems"]["trained"] = scored["table"]
        result["model"] = {"file": model_path.name, "fingerprint": model.fingerprint,
                           "rows_seen_in_training": scored["seen"]}
        test_folds = None
    else:
        scored = cross_validate(examples, folds=folds, seed=seed)
        result["systems"]["trained"] = scored["table"]
        result["cv"] = {"folds": folds, "seed": seed}
        test_folds = scored["test_folds"]
    lexicons = semeval.target_lexicons()
    if all(t in lexicons for t in result["targets"]):
        semeval_examples = [semeval.Example(str(n), e.target, e.text, e.label) for n, e in enumerate(examples)]
        lexicon_result = semeval.evaluate(semeval_examples, cache_dir=cache_dir)
        for system in ("targeted", "baseline"):
            result["systems"][system] = lexicon_result["systems"][system]
    else:
        vader = VaderScorer()
        pred = [semeval.to_label(vader(stance_text(e.text))) for e in examples]
        result["systems"]["baseline"] = score_table(examples, pred, test_folds)
    return result


def print_trained_eval(result: dict, *, as_json: bool) -> None:
    """What ``stance-eval --model/--cv`` prints."""
    seen = result.get("model", {}).get("rows_seen_in_training", 0)
    if seen:
        typer.echo(f"warning: {seen} of {result['n']} rows were in the model's training data; figures on them "
                   "are not held-out figures", err=True)
    if as_json:
        typer.echo(json.dumps(result, indent=2))
        return
    if "cv" in result:
        typer.echo(f"trained model: {result['cv']['folds']}-fold cross-validation on {result['file']} (seed "
                   f"{result['cv']['seed']}; stratified by target and label, no text in two folds), F_avg:")
    else:
        typer.echo(f"trained model {result['model']['file']} on {result['file']}, F_avg:")
    typer.echo(format_systems(result["systems"], result["targets"]))
