""":mod:`quotekit.cli.report`: ``quotekit report INPUT -o report.html``: the corpus report as one HTML file."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ._util import app


@app.command("report")
def report_cli(
    input_path: Path = typer.Argument(..., metavar="INPUT",
                                      help="A corpus folder of .txt files (metadata.csv adds outlet/date/title), or a "
                                           "quotes file written by `extract` (.jsonl, .csv, .parquet)."),
    output: Path = typer.Option(Path("report.html"), "--output", "-o", help="The HTML file to write."),
    corpus: Optional[Path] = typer.Option(None, "--corpus", help="With a quotes file: the corpus folder whose "
                                                                   "texts are highlighted in document sections."),
    title: str = typer.Option("quotekit corpus report", "--title", help="Page title."),
    top: int = typer.Option(15, "--top", min=1, help="Speakers shown in the charts."),
    max_docs: int = typer.Option(500, "--max-docs", min=0, help="Documents shown in full (highlighted)."),
    backend: str = typer.Option("spacy", "--backend", help="Parser backend when INPUT is a corpus."),
    model: Optional[str] = typer.Option(None, "--model", help="Parser model when INPUT is a corpus."),
    min_n: int = typer.Option(2, "--min-n", min=1, help="Fewest quotes of a speaker about a target for the "
                                                        "speaker x target cell to be shown."),
) -> None:
    """Write a self-contained HTML report (opens offline): speakers, kinds, anonymity, stance, documents."""
    from ..errors import InputError
    from ..report import build_report, is_quotes_file, read_corpus, report_from_path, write_report

    options = {"title": title, "top": top, "max_docs": max_docs, "min_n": min_n}
    if not input_path.exists():
        raise InputError("no such corpus or quotes file; check the path", path=input_path)
    if is_quotes_file(input_path):
        page = report_from_path(input_path, corpus=corpus, **options)
    else:  # a corpus: extract its quotes first
        from ..run import extract_records

        docs = read_corpus(input_path)
        records, failures = extract_records(docs, backend=backend, model=model, progress=True)
        page = build_report(records, docs, failures=failures, **options)
    path = write_report(page, output)
    typer.echo(f"wrote {path} ({len(page.encode('utf-8')) // 1024} KiB)")
