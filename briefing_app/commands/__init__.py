"""The CLI's subcommands: one module each, declaring its own arguments.

Every module here has ``HELP`` (one line for ``--help``), ``add_arguments(parser)``
and ``run(args) -> int``. ``cli.py`` imports only the module of the command
that runs, so ``validate`` never loads Qt and ``--version`` loads nothing.
"""

from __future__ import annotations

# name on the command line -> module in this package
COMMANDS: dict[str, str] = {
    "validate": "validate",
    "schema": "schema",
    "render": "render",
    "quiz": "quiz",
    "stats": "stats",
    "export": "export",
    "new": "new",
    "import": "import_table",
    "draft": "draft",
    "check": "check",
    "install-desktop": "install_desktop",
}
