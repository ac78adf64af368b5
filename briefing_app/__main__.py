"""``python -m briefing_app`` runs the command line."""

from .cli import main

raise SystemExit(main())
