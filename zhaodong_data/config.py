"""Where the store lives: --store PATH, else $ZHAODONG_STORE, else the user's data directory."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

STORE_ENV = "ZHAODONG_STORE"
STORE_FILE = "zhaodong.duckdb"


def store_path(explicit: str | os.PathLike | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser()
    if os.environ.get(STORE_ENV):
        return Path(os.environ[STORE_ENV]).expanduser()
    return Path(platformdirs.user_data_dir("zhaodong", appauthor=False)) / STORE_FILE
