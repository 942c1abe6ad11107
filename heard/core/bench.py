"""For benchmarks (`make bench`), which time Heard on a database of their own."""

from __future__ import annotations

import os
from pathlib import Path


def start_on_throwaway_database(database: Path) -> None:
    """Point Django at a new SQLite file (never var/), start it and build the tables. Call it
    before importing anything that needs Django's settings."""
    os.environ["HEARD_SQLITE_PATH"] = str(database)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heard.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
