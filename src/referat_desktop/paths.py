"""Which database file to open: --db, then REFERAT_DB, then the user data folder."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "Referat"
DB_FILE_NAME = "referat.sqlite"


def user_folder() -> Path:
    """The user's data folder: the default database, the personal word list."""
    # Imported here: `referat ... --db FILE` never needs it (~4 ms of a start).
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def default_db_path() -> Path:
    return user_folder() / DB_FILE_NAME


def resolve_db_path(cli_value: str | None) -> Path:
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get("REFERAT_DB", "").strip()
    if env:
        return Path(env).expanduser()
    return default_db_path()
