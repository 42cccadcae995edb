""":mod:`quotekit.cli.report`: placeholder, replaced by the command's implementation."""
