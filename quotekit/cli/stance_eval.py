""":mod:`quotekit.cli.stance_eval`: placeholder, replaced by the command's implementation."""
