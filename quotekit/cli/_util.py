""":mod:`quotekit.cli._util`: the one Typer app every command module registers on."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Optional, Sequence, TypeVar

import typer

from ..errors import InputError

Example = TypeVar("Example")

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


def only_targets(examples: Sequence[Example], targets: Optional[Iterable[str]], path: Path,
                 what: str = "rows") -> list[Example]:
    """The labelled examples whose ``target`` is one of ``targets`` (all when none given): the stance commands'
    ``--target`` filter, with one error when it keeps nothing."""
    if not targets:
        return list(examples)
    wanted = set(targets)
    kept = [e for e in examples if e.target in wanted]
    if not kept:
        raise InputError(f"no {what} for target(s) {', '.join(sorted(wanted))}", path=path)
    return kept
