""":mod:`quotekit.cli.train_coref`: ``quotekit train-coref --gum DIR -o MODEL`` -- retrain the speaker ranker.

Same as ``python -m quotekit.speakers.ranker.train`` (see :mod:`quotekit.speakers.ranker.train`): reads the GUM
CorefUD documents, cross-validates by document, trains on all but the held-out news and interview documents,
writes the model file and prints the figures (JSON).
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
    gum: Path = typer.Option(..., "--gum", help="Folder of GUM_<genre>_<name>.conllu files (CorefUD)."),
    output: Path = typer.Option(..., "-o", "--output", help="Model file to write (.json)."),
    cache_dir: Optional[Path] = typer.Option(None, "--cache-dir", help="Cache of parsed documents."),
    figures: Optional[Path] = typer.Option(None, "--figures", help="Also write the figures (JSON) here."),
    algorithm: str = typer.Option("hgb", "--algorithm", help="hgb (gradient-boosted trees) or logreg."),
) -> None:
    """Train the mention-ranking speaker resolver on GUM and print held-out and cross-validated figures."""
    from ..speakers.ranker.train import run

    if not gum.is_dir():
        raise InputError("not a folder; pass the folder of GUM .conllu files", path=gum)
    if algorithm not in ("hgb", "logreg"):
        raise InputError(f"unknown algorithm {algorithm!r}; choose hgb or logreg")
    result = run(gum, output, cache_dir, algorithm, log=lambda *a, **k: typer.echo(" ".join(map(str, a)), err=True))
    text = json.dumps(result, indent=1)
    if figures is not None:
        figures.write_text(text + "\n", encoding="utf-8")
    typer.echo(text)
