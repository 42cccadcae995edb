""":mod:`quotekit.cli.extract`: placeholder, replaced by the command's implementation."""
