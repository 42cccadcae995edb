""":mod:`quotekit.cli.train`: ``quotekit train --gold DIR [--dev DIR] -o MODEL`` -- fit the acceptance model.

The rules propose candidate attributions; the model trained here decides which to keep
(:mod:`quotekit.attribute.model`). Train it on your own gold to follow your own annotation guidelines.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from ..errors import InputError, OutputError
from ._util import app


def _read(path: Path, what: str) -> list:
    from ..evaluate import read_gold

    if not path.exists():
        raise InputError(f"the {what} gold path does not exist; give a PolNeAR-layout folder (text/, "
                         "attributions/), a folder of *.gold.json files, or one gold JSON", path=path)
    golds = [g for g in read_gold(path) if g.text.strip()]
    if not golds:
        raise InputError(f"the {what} gold holds no document with text", path=path)
    return golds


def _samples(golds: list, backend: str, model: Optional[str], cache_dir: Optional[Path], edges: bool = True) -> list:
    from ..attribute.training import build_samples
    from ..evaluate import parse_cached

    return build_samples(golds, parse_cached([g.text for g in golds], backend=backend, model=model,
                                             cache_dir=cache_dir), edges=edges)


def format_report(report, version: str) -> str:
    """The cross-validated (and dev) figures of a training run as a plain-text table."""
    rows = [f"model {version}: {report.n_documents} documents, {report.n_candidates} candidates "
            f"({report.n_positive} matching the gold), threshold {report.threshold}",
            f"{'figures':<38} {'jacc':>5} {'P':>6} {'R':>6} {'F1':>6} {'spk':>6}"]
    blocks = []
    if report.cv:
        blocks += [(f"{report.cv['folds']}-fold CV, rules only", report.cv["rules_only"])]
        if "rules_with_edges" in report.cv:
            blocks.append((f"{report.cv['folds']}-fold CV, rules + edge model", report.cv["rules_with_edges"]))
        blocks.append((f"{report.cv['folds']}-fold CV, with model", report.cv["with_model"]))
    if report.dev:
        blocks += [("dev, rules only", report.dev["rules_only"])]
        if "rules_with_edges" in report.dev:
            blocks.append(("dev, rules + edge model", report.dev["rules_with_edges"]))
        blocks.append(("dev, with model", report.dev["with_model"]))
    for name, figures in blocks:
        for key, c in figures.items():
            rows.append(f"{name:<38} {key[1:]:>5} {c['precision']:>6.3f} {c['recall']:>6.3f} {c['f1']:>6.3f} "
                        f"{c['speaker_accuracy']:>6.3f}")
    if not report.cv:
        rows.append("(too few documents for cross-validation: the threshold is 0.5)")
    return "\n".join(rows)


@app.command("train")
def train_cli(
    gold: Path = typer.Option(..., "--gold", "-g", help="Training gold: a PolNeAR-layout folder (text/, "
                              "attributions/), a folder of *.gold.json files, or one gold JSON."),
    output: Path = typer.Option(..., "--output", "-o", help="Where to write the model (JSON)."),
    dev: Optional[Path] = typer.Option(None, "--dev", help="Held-out gold to report figures on (never trained on)."),
    version: Optional[str] = typer.Option(None, "--version", help="Version string of the model, written into "
                                          "each record's provenance (default: the output file's name)."),
    folds: int = typer.Option(5, "--folds", help="Cross-validation folds (split by document)."),
    seed: int = typer.Option(0, "--seed", help="Seed of the fold split and of the trees."),
    backend: str = typer.Option("spacy", "--backend", "-b", help="Parser: spacy, stanza or conllu."),
    model: Optional[str] = typer.Option(None, "--model", "-m", help="Parser model (default: the backend's)."),
    cache_dir: Optional[Path] = typer.Option(None, "--cache-dir", help="Parse cache folder (default: "
                                             "$QUOTEKIT_CACHE_DIR or .quotekit-cache)."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON instead of a table."),
    edges: bool = typer.Option(True, "--edges/--no-edges", help="Also train the edge model, which moves a "
                               "candidate's content start and end (quotekit.attribute.boundaries)."),
) -> None:
    """Train the acceptance model on gold attributions; report cross-validated (and dev) figures."""
    from ..attribute.training import train_model

    if folds < 2:
        raise InputError("--folds must be at least 2")
    if output.is_dir():
        raise OutputError(f"{output}: is a folder; give the model's file name, e.g. -o {output / 'model.json'}")
    if not output.parent.exists():
        raise OutputError(f"{output}: the folder {output.parent} does not exist; create it or choose another -o")
    train_golds = _read(gold, "training")
    dev_golds = _read(dev, "dev") if dev is not None else []
    version = version or output.stem
    train = _samples(train_golds, backend, model, cache_dir, edges)
    held = _samples(dev_golds, backend, model, cache_dir, edges) if dev_golds else []
    trained, report = train_model(train, held, version=version, folds=folds, seed=seed, edges=edges)
    from ..parse import load_parser

    trained.card.update({"gold": gold.name, "dev": dev.name if dev is not None else None,
                         "parser": load_parser(backend, model).name})
    try:
        trained.save(output)
    except OSError as exc:
        raise OutputError(f"{output}: cannot write the model ({exc.strerror or exc})") from None
    if as_json:
        typer.echo(json.dumps({"model": str(output), "version": version, "threshold": report.threshold,
                               "cv": report.cv, "dev": report.dev}, indent=1))
    else:
        typer.echo(format_report(report, version))
        typer.echo(f"wrote {output}")
