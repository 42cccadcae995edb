""":mod:`quotekit.cli.evaluate`: placeholder, replaced by the command's implementation."""
