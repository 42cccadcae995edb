""":mod:`quotekit.cli.train_coref`: ``quotekit train-coref --gum DIR -o MODEL`` -- retrain the speaker ranker;
``quotekit train-coref --hybrid GOLD -o MODEL`` -- retrain the hybrid speaker model.

With ``--gum``, same as ``python -m quotekit.speakers.ranker.train`` (see :mod:`quotekit.speakers.ranker.train`):
reads the GUM CorefUD documents, cross-validates by document, trains on all but the held-out news and interview
documents, writes the model file and prints the figures (JSON). With ``--hybrid``, same as ``python -m
quotekit.speakers.ranker.train_hybrid`` (:mod:`quotekit.speakers.ranker.train_hybrid`): the rules-or-ranker choice
learned on the PolNeAR resolution gold folder, with its 5-fold cross-validation by document.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from ..errors import InputError
from ._util import app


@app.command("train-coref")
def train_coref(
    gum: Optional[Path] = typer.Option(None, "--gum", help="Folder of GUM_<genre>_<name>.conllu files (CorefUD)."),
    hybrid: Optional[Path] = typer.Option(None, "--hybrid", help="Train the hybrid model instead, on this "
                                          "resolution gold folder (corpora/resolution-gold)."),
    output: Path = typer.Option(..., "-o", "--output", help="Model file to write (.json)."),
    cache_dir: Optional[Path] = typer.Option(None, "--cache-dir", help="Cache of parsed documents."),
    figures: Optional[Path] = typer.Option(None, "--figures", help="Also write the figures (JSON) here."),
    algorithm: str = typer.Option("hgb", "--algorithm", help="hgb (gradient-boosted trees) or logreg."),
) -> None:
    """Train the mention-ranking speaker resolver on GUM (or, with --hybrid, the hybrid rules-or-ranker model on
    the resolution gold) and print held-out and cross-validated figures."""
    def log(*args, **_) -> None:
        typer.echo(" ".join(map(str, args)), err=True)

    if (gum is None) == (hybrid is None):
        raise InputError("pass either --gum (the ranker) or --hybrid (the hybrid model)")
    if hybrid is not None:
        from ..speakers.ranker.train_hybrid import run as run_hybrid

        if not hybrid.is_dir():
            raise InputError("not a folder; pass the resolution gold folder", path=hybrid)
        _emit(run_hybrid(hybrid, output, cache_dir, log=log), figures)
        return
    from ..speakers.ranker.train import run

    if not gum.is_dir():
        raise InputError("not a folder; pass the folder of GUM .conllu files", path=gum)
    if algorithm not in ("hgb", "logreg"):
        raise InputError(f"unknown algorithm {algorithm!r}; choose hgb or logreg")
    _emit(run(gum, output, cache_dir, algorithm, log=log), figures)


def _emit(result: dict, figures: Optional[Path]) -> None:
    text = json.dumps(result, indent=1)
    if figures is not None:
        figures.write_text(text + "\n", encoding="utf-8")
    typer.echo(text)
