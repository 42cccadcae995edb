""":mod:`quotekit.cli`: ``quotekit`` command line. One module per command; all share :data:`_util.app`.

Every failure prints exactly one line on stderr -- what went wrong and how to fix it -- and exits non-zero:
2 for usage errors and :class:`~quotekit.errors.QuotekitError`/``OSError`` (bad input, missing model,
unwritable output), 3 for internal errors (a bug), 130 when interrupted. ``--debug`` anywhere on the command
line (before a ``--``) also prints the traceback.
"""
from __future__ import annotations

import os
import sys
import traceback
from typing import Optional, Sequence

import click
import typer

from ..errors import QuotekitError
from ._util import app
from . import evaluate, extract, report, stance_eval, stance_train  # noqa: F401  (register commands)
from . import train  # noqa: F401,E402  (registers `quotekit train`)
from . import train_coref  # noqa: F401,E402  (registers `quotekit train-coref`)

# typer >= 0.20 vendors its own click (``typer._click``); commands may raise either family of exceptions.
try:
    from typer._click import exceptions as _typer_click
except ImportError:  # pragma: no cover - older typer uses click itself
    _typer_click = click.exceptions

_CLICK_ERRORS = tuple({click.ClickException, _typer_click.ClickException})
_USAGE_ERRORS = tuple({click.UsageError, _typer_click.UsageError})
_NO_ARGS = tuple({getattr(click.exceptions, "NoArgsIsHelpError", click.UsageError),
                  getattr(_typer_click, "NoArgsIsHelpError", _typer_click.UsageError)})
_EXITS = tuple({click.exceptions.Exit, getattr(_typer_click, "Exit", typer.Exit), typer.Exit})
_ABORTS = tuple({click.exceptions.Abort, getattr(_typer_click, "Abort", typer.Abort), typer.Abort})

DEBUG_FLAG = "--debug"


def one_line(message: object) -> str:
    """``message`` on a single line (messages of spaCy, stanza and OSError can span several)."""
    return " ".join(str(message).split())


def split_debug(argv: Sequence[str]) -> tuple[list[str], bool]:
    """Remove ``--debug`` from anywhere before ``--``; return ``(args, debug)``."""
    args: list[str] = []
    debug = False
    for n, arg in enumerate(argv):
        if arg == "--":
            args.extend(argv[n:])
            break
        if arg == DEBUG_FLAG:
            debug = True
        else:
            args.append(arg)
    return args, debug


def describe_os_error(exc: OSError) -> str:
    """One line for an ``OSError`` that escaped a command: what failed, on which path, and what to check."""
    what = exc.strerror or one_line(exc) or type(exc).__name__
    paths = [str(p) for p in (exc.filename, exc.filename2) if p is not None]
    if not paths:
        return one_line(what)
    return (f"{one_line(what)}: {' -> '.join(paths)} (check that the path exists, that its parent is a folder, "
            "and that you may read or write there; choose another path with -o/--manifest)")


def _usage_hint(exc: Exception) -> str:
    ctx = getattr(exc, "ctx", None)
    command = getattr(ctx, "command_path", None) or "quotekit"
    return f"see `{command} --help`"


def _fail(message: str, debug: bool, code: int) -> int:
    if debug:
        traceback.print_exc()
    print(f"quotekit: {message}", file=sys.stderr)
    return code


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the ``quotekit`` command line; return the exit status (errors: one line on stderr)."""
    args, debug = split_debug(list(sys.argv[1:] if argv is None else argv))
    try:
        result = app(args=args, prog_name="quotekit", standalone_mode=False)
        return int(result or 0)
    except _EXITS as exc:
        return int(getattr(exc, "exit_code", 0) or 0)
    except _ABORTS:
        return _fail("aborted", debug, 130)
    except _NO_ARGS:  # the help text was printed: it says what to do
        return 2
    except _USAGE_ERRORS as exc:
        return _fail(f"error: {one_line(exc.format_message())} ({_usage_hint(exc)})", debug, 2)
    except _CLICK_ERRORS as exc:
        return _fail(f"error: {one_line(exc.format_message())}", debug, getattr(exc, "exit_code", 1) or 1)
    except BrokenPipeError:  # `quotekit extract ... | head`: the reader left, nothing to report
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return 141
    except QuotekitError as exc:
        return _fail(f"error: {one_line(exc)}", debug, 2)
    except OSError as exc:
        return _fail(f"error: {describe_os_error(exc)}", debug, 2)
    except KeyboardInterrupt:
        return _fail("interrupted", debug, 130)
    except Exception as exc:  # an internal bug: still one line unless --debug
        return _fail(f"internal error: {type(exc).__name__}: {one_line(exc)} (rerun with --debug for the "
                     "traceback and report it)", debug, 3)
