""":mod:`quotekit.cli`: ``quotekit`` command line. One module per command; all share :data:`_util.app`.

Errors print one line (what went wrong and how to fix it) and exit 2; ``--debug`` shows the traceback.
"""
from __future__ import annotations

import sys
import traceback
from typing import Optional, Sequence

import click

from ..errors import QuotekitError
from ._util import app
from . import evaluate, extract, report, stance_eval  # noqa: F401  (register commands)


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    try:
        result = app(args=args, prog_name="quotekit", standalone_mode=False)
        return int(result or 0)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.exceptions.Abort:
        print("quotekit: aborted", file=sys.stderr)
        return 130
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except (QuotekitError, OSError) as exc:
        if debug:
            traceback.print_exc()
        print(f"quotekit: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("quotekit: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # an internal bug: still one line unless --debug
        if debug:
            traceback.print_exc()
        print(f"quotekit: internal error: {type(exc).__name__}: {exc} (rerun with --debug for the traceback)",
              file=sys.stderr)
        return 3
