""":mod:`quotekit.cli.stance_eval`: ``quotekit stance-eval PATH`` -- F_avg on SemEval-2016 task 6 stance data.

Prints per-target and overall F_avg (mean F1 of FAVOR and AGAINST) of quotekit's targeted stance scorer beside a
baseline that labels the whole tweet by its VADER compound score (see :mod:`quotekit.stance.semeval`).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from ..errors import InputError
from ._util import app, only_targets


@app.command("stance-eval")
def stance_eval(
    path: Path = typer.Argument(..., help="SemEval-2016 task 6 TSV (ID, Target, Tweet, Stance)."),
    as_json: bool = typer.Option(False, "--json", help="Print the full result as JSON."),
    cache_dir: Optional[Path] = typer.Option(Path(".quotekit-cache"), "--cache-dir",
                                             help="Where parsed tweets are cached between runs."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Parse again and write no cache."),
    target: Optional[list[str]] = typer.Option(None, "--target", help="Evaluate only these targets (repeatable)."),
    model: Optional[Path] = typer.Option(None, "--model", help="Also score this trained stance model "
                                         "(quotekit stance-train); PATH may then be any labelled table."),
    cv: int = typer.Option(0, "--cv", help="Also cross-validate a trained stance model on PATH with this many "
                                           "folds (e.g. 5)."),
) -> None:
    """F_avg per target and overall: targeted stance vs. a whole-tweet VADER baseline (and a trained model)."""
    if model is not None or cv:
        from .stance_train import print_trained_eval, trained_eval

        print_trained_eval(trained_eval(path, model_path=model, folds=cv, targets=target,
                                        cache_dir=None if no_cache else cache_dir), as_json=as_json)
        return
    from ..stance.semeval import evaluate, format_table, read_semeval

    if not path.is_file():
        raise InputError("no such file; pass the path of trainingdata.tsv (SemEval-2016 task 6)", path=path)
    examples = only_targets(read_semeval(path), target, path, "tweets")
    result = evaluate(examples, cache_dir=None if no_cache else cache_dir)
    result["file"] = path.name
    if as_json:
        typer.echo(json.dumps(result, indent=2))
    else:
        typer.echo(format_table(result))
