""":mod:`quotekit.cli.evaluate`: ``quotekit evaluate --gold DIR [PRED]`` -- attribution scores against gold."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from ..errors import InputError
from ._util import app


def read_predictions(path: Path) -> dict[str, list]:
    """Quote records (JSONL) grouped by ``doc_id``, as :class:`~quotekit.evaluate.PredSpans`."""
    from ..evaluate import PredSpans

    out: dict[str, list] = {}
    with open(path, encoding="utf-8") as handle:
        for n, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                out.setdefault(record["doc_id"], []).append(PredSpans.from_record(record))
            except (ValueError, KeyError, TypeError) as exc:
                raise InputError(f"not a quote record ({exc}); expected the JSONL written by `quotekit extract`",
                                 path=path, line=n) from None
    return out


def format_table(summaries: list[dict]) -> str:
    """The scores as a plain-text table: one row per system and Jaccard threshold."""
    head = f"{'system':<40} {'jacc':>5} {'P':>6} {'R':>6} {'F1':>6} {'attrF1':>6} {'spk':>6} {'cue':>6} {'pred':>6} {'gold':>6}"
    rows = [head, "-" * len(head)]
    for s in summaries:
        for key, c in s.items():
            if not key.startswith("@"):
                continue
            rows.append(f"{s['system'][:40]:<40} {c['threshold']:>5.2f} {c['precision']:>6.3f} {c['recall']:>6.3f} "
                        f"{c['f1']:>6.3f} {c['attribution_f1']:>6.3f} {c['speaker_accuracy']:>6.3f} {c['cue_accuracy']:>6.3f} "
                        f"{c['n_pred']:>6} {c['n_gold_speech']:>6}")
    rows.append("P: predictions matching any gold attribution; R: gold speech attributions found; attrF1: F1 counting "
                "a match only with its speaker right; spk/cue: accuracy on matched pairs.")
    return "\n".join(rows)


@app.command("evaluate")
def evaluate_cli(
    pred: Optional[Path] = typer.Argument(None, help="Quote records (JSONL) to score; without it, quotekit "
                                                     "extracts from the gold texts."),
    gold: Optional[Path] = typer.Option(None, "--gold", "-g", help="PolNeAR-layout folder (text/, attributions/), "
                                        "a folder of *.gold.json files, or one gold JSON."),
    resolution: Optional[Path] = typer.Option(None, "--resolution", help="Speaker-resolution gold: a folder with "
                                              "gold.jsonl + texts/ (e.g. corpora/resolution-gold)."),
    calibrate: Optional[Path] = typer.Option(None, "--calibrate", help="With --resolution: fit the speaker "
                                             "confidence model on the gold (without its second_batch.list "
                                             "documents) and write it to this JSON file; prints its 5-fold "
                                             "document-wise cross-validation."),
    calibrate_on_all: bool = typer.Option(False, "--calibrate-on-all", help="With --calibrate: fit on every "
                                          "document of the gold, second batch included."),
    backend: str = typer.Option("spacy", "--backend", "-b", help="Parser: spacy, stanza or conllu."),
    model: Optional[str] = typer.Option(None, "--model", "-m", help="Parser model (default: the backend's)."),
    gum: Optional[Path] = typer.Option(None, "--gum", help="End-to-end speaker resolution on GUM's gold "
                                       "coreference: the folder of GUM_<genre>_<name>.conllu files (CorefUD)."),
    gum_documents: str = typer.Option("held-out", "--documents", help="With --gum: held-out (the ranker's "
                                      "held-out news and interviews), training (the others) or all."),
    gum_genres: str = typer.Option("news,interview", "--genres", help="With --gum: comma-separated genres, or "
                                   "'all'."),
    speaker_model: str = typer.Option("rules", "--speaker-model", help="With --resolution or --gum: rules "
                                      "(default), ranker (the trained ranker resolves pronoun speakers) or hybrid."),
    as_json: bool = typer.Option(False, "--json", help="Print machine-readable JSON instead of a table."),
    baseline: bool = typer.Option(True, "--baseline/--no-baseline", help="Add textacy's direct_quotations row "
                                                                         "(spaCy backend)."),
    cache_dir: Optional[Path] = typer.Option(None, "--cache-dir", help="Parse cache folder (default: "
                                             "$QUOTEKIT_CACHE_DIR or .quotekit-cache)."),
) -> None:
    """Score attributions (P/R/F1 at Jaccard 0.5 and 0.8, speaker and cue accuracy) and speaker resolution."""
    from ..evaluate import evaluate, read_gold

    if gold is None and resolution is None and gum is None:
        raise InputError("nothing to evaluate: give --gold DIR (attributions), --resolution DIR and/or --gum DIR "
                         "(speakers)")
    report: dict = {}
    if gum is not None:
        from ..evaluate.gum import evaluate_gum, format_scores

        genres = None if gum_genres.strip() == "all" else gum_genres.split(",")
        res_gum = evaluate_gum(gum, documents=gum_documents, genres=genres, backend=backend, model=model,
                               cache_dir=cache_dir, speaker_model=speaker_model)
        report["gum"] = res_gum
        if not as_json:
            typer.echo(format_scores(res_gum))
    if resolution is not None:
        from ..evaluate.resolution import evaluate_resolution
        from ..parse import load_parser

        from ..speakers.ranker.plug import check_speaker_model

        check_speaker_model(speaker_model)  # a bad value fails before anything is parsed
        if not resolution.exists():
            raise InputError("the resolution gold path does not exist; try corpora/resolution-gold", path=resolution)
        if calibrate is not None:
            from ..evaluate.resolution import calibrate as fit_calibration

            calibration, cv = fit_calibration(resolution, load_parser(backend, model), include_test=calibrate_on_all)
            calibrate.write_text(json.dumps(calibration.to_dict(), indent=1) + "\n", encoding="utf-8")
            from ..speakers.confidence import load_calibration

            load_calibration.cache_clear()  # the file may be the packaged one
            report["calibration"] = {"file": str(calibrate), **calibration.to_dict(), "cross_validation": cv}
            if not as_json:
                typer.echo(f"calibration written to {calibrate}; 5-fold CV by document: accuracy {cv['accuracy']:.3f}, "
                           f"coverage {cv['coverage']:.3f}, accuracy when answering {cv['answered_accuracy']:.3f} "
                           f"(n={cv['n']})")
        res = evaluate_resolution(resolution, parser=load_parser(backend, model), speaker_model=speaker_model)
        report["resolution"] = {k: v for k, v in res.items() if k != "errors"}
        if not as_json:
            typer.echo(f"speaker resolution ({resolution}): accuracy {res['accuracy']:.3f} "
                       f"({res['correct']}/{res['n']}), type accuracy {res['type_accuracy']:.3f}; "
                       f"abstained on {res['abstained']} (coverage {res['coverage']:.3f}), accuracy when answering "
                       f"{res['answered_accuracy']:.3f} at threshold {res['threshold']:.2f}")
    if gold is None:
        if as_json:
            typer.echo(json.dumps(report, indent=1))
        return
    if not gold.exists():
        raise InputError("the gold path does not exist; give a PolNeAR folder or a *.gold.json", path=gold)
    golds = read_gold(gold)
    predictions = read_predictions(pred) if pred is not None else None
    scores = evaluate(golds, backend=backend, model=model, predictions=predictions, baseline=baseline,
                      cache_dir=cache_dir)
    summaries = [s.summary() for s in scores]
    if as_json:
        report.update({"gold": str(gold), "documents": len(golds), "scores": summaries})
        typer.echo(json.dumps(report, indent=1))
    else:
        typer.echo(f"{len(golds)} gold documents, {sum(len(g.attributions) for g in golds)} attributions")
        typer.echo(format_table(summaries))
