""":mod:`quotekit.cli.extract`: ``quotekit extract PATH...`` -- quote records for a corpus (thin over :mod:`quotekit.run`)."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import List, Optional

import typer

from ..errors import QuotekitError
from ._util import app

#: Default parse-cache folder of the command line (relative to the working directory); ``--no-cache`` disables it.
DEFAULT_CACHE_DIR = ".quotekit-cache"


@app.command("extract")
def extract_cli(
    paths: List[Path] = typer.Argument(..., help="Files or directories (read recursively); .jsonl/.csv/.parquet "
                                                 "files are tables with one document per row.", show_default=False),
    format: Optional[str] = typer.Option(None, "--format", "-f", help="Output format: jsonl, csv or parquet "
                                         "(default: the one OUT's suffix names, .jsonl/.csv/.parquet; JSONL for "
                                         "stdout or a name without a suffix; a contradicting -f is an error)."),
    out: Optional[Path] = typer.Option(None, "--output", "-o", help="Output file (default: JSONL on stdout)."),
    backend: str = typer.Option("spacy", "--backend", "-b", help="Parser: spacy, stanza or conllu."),
    model: Optional[str] = typer.Option(None, "--model", "-m", help="Parser model (default: the backend's)."),
    stanza_dir: Optional[Path] = typer.Option(None, "--stanza-dir", help="stanza resources folder (models "
                                              "fetched elsewhere with stanza.download); default $STANZA_RESOURCES_DIR."),
    manifest: Optional[Path] = typer.Option(None, "--manifest", help="Write one JSON line per input document "
                                                                     "(doc_id, status, n_quotes, error)."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", help="Worker processes (default: number of cores)."),
    cache_dir: Optional[Path] = typer.Option(None, "--cache-dir", help="Parse cache folder (default: "
                                             f"$QUOTEKIT_CACHE_DIR or {DEFAULT_CACHE_DIR})."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Do not read or write the parse cache."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Run on a Dask cluster: scheduler address "
                                            "(tcp://host:8786) or scheduler file (*.json)."),
    text_column: str = typer.Option("text", "--text-column", help="Text column of table inputs."),
    id_column: Optional[str] = typer.Option(None, "--id-column", help="Id column of table inputs (default: "
                                                                      "doc_id or id when present)."),
    date_column: str = typer.Option("date", "--date-column", help="Date column of table inputs."),
    outlet_column: str = typer.Option("outlet", "--outlet-column", help="Outlet column of table inputs."),
    url_column: str = typer.Option("url", "--url-column", help="URL column of table inputs."),
    batch_size: int = typer.Option(16, "--batch-size", help="Documents per task (and per parse-cache shard)."),
    resume: bool = typer.Option(True, "--resume/--no-resume", help="Continue an interrupted run writing the "
                                                                  "same output (kept in OUT.parts/)."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Progress bar on stderr."),
    acts: Optional[str] = typer.Option(None, "--acts", help="Keep only statements of these speech-act classes, "
                                       "comma-separated (statement, claim, question, directive, commissive, "
                                       "refusal, ...; docs/QUOTE_SCHEMA.md)."),
    measures: bool = typer.Option(False, "--measures", help="Add the research measures (source gender, "
                                  "prominence, anonymity reasons, quote reuse; docs/measures.md) in a pass over "
                                  "all records and texts after extraction (holds both in memory)."),
    targets: Optional[Path] = typer.Option(None, "--targets", help="Your stance targets with their aliases: JSON "
                                           '{"Hillary Clinton": ["Clinton", "HRC"]} or CSV rows target,alias; '
                                           "looked for in every quote besides its entities and topics."),
    stance_model: Optional[Path] = typer.Option(None, "--stance-model", help="Score stance with a trained model "
                                                "file (quotekit stance-train; docs/stance-model.md) instead of "
                                                "the lexicon scorer."),
    speaker_model: str = typer.Option("rules", "--speaker-model", help="Speaker resolution: rules (default), "
                                      "ranker (a trained ranker resolves pronoun speakers) or hybrid "
                                      "(quotekit/speakers/models/)."),
) -> None:
    """Extract quote records from documents: JSONL (default), CSV or Parquet, plus an optional manifest."""
    from ..run import run_corpus
    from ..run.writers import output_format

    format = output_format(out, format)
    if format == "parquet" and out is None:
        raise QuotekitError("Parquet is a binary format: give an output file with -o OUT.parquet")
    if stanza_dir is not None and backend != "stanza":
        raise QuotekitError("--stanza-dir only applies to --backend stanza")
    if not no_cache and cache_dir is None:
        cache_dir = Path(os.environ.get("QUOTEKIT_CACHE_DIR") or DEFAULT_CACHE_DIR)
    staged = None
    if measures:  # extract to a JSONL staging file, then one corpus-wide pass writes OUT (quotekit.measures.files)
        from ..measures.files import staging_path

        if backend == "conllu":
            raise QuotekitError("--measures needs the original texts; it is not available with --backend conllu")
        staged, final_out, final_format = staging_path(out), out, format
        out, format = staged, "jsonl"
    client = None
    if scheduler:
        from ..run.dask import connect

        client = connect(scheduler)
    try:
        summary = run_corpus(
            list(paths), out=out, format=format, manifest=manifest, backend=backend, model=model,
            jobs=jobs, cache_dir=None if no_cache else cache_dir, client=client, resume=resume,
            progress=progress and sys.stderr.isatty(), batch_size=batch_size, text_column=text_column,
            id_column=id_column, date_column=date_column, outlet_column=outlet_column, url_column=url_column,
            parser_options={"dir": str(stanza_dir)} if stanza_dir is not None else None,
            acts=None if acts is None else [a.strip() for a in acts.split(",") if a.strip()],
            targets=targets, stance_model=stance_model, speaker_model=speaker_model,
        )
    finally:
        if client is not None:
            client.close()
    for doc_id, message in summary.errors[:5]:
        print(f"quotekit: {doc_id}: {message}", file=sys.stderr)
    if summary.n_errors > 5:
        print(f"quotekit: ... {summary.n_errors - 5} more errors" + (f" (see {manifest})" if manifest else ""),
              file=sys.stderr)
    if staged is not None:
        from ..measures.files import measure_quotes_file, remove_staging

        measure_quotes_file(staged, list(paths), final_out, format=final_format, backend=backend,
                            text_column=text_column, id_column=id_column, date_column=date_column,
                            outlet_column=outlet_column, url_column=url_column)
        remove_staging(staged)
        summary.out = None if final_out is None else str(final_out)
    print(summary.line(), file=sys.stderr)
