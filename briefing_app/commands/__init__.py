"""Subcommands of the command line, one module each; all thin layers over the core."""
