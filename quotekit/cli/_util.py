""":mod:`quotekit.cli._util`: the one Typer app every command module registers on."""
from __future__ import annotations

import typer

app = typer.Typer(
    name="quotekit",
    help="Quote and attribution analysis for news text.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root(debug: bool = typer.Option(False, "--debug", help="Show full tracebacks on errors.")) -> None:
    """quotekit: who said what, in what role, with what stance."""
