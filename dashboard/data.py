"""The dashboard's data: read from the store once per data selection, and again only when the
store changes (after an ingest or a revert, from this process or another worker).

A reload that meets a writer mid-commit does not fail the page: the data read before stay in
use and the reload is tried again on the next request.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

from zhaodong_data.store import SELECTIONS, StoreError
from zhaodong_data.study import DashboardData, load_dashboard_data, outcome_choices

from .state import Choices

log = logging.getLogger("zhaodong.dashboard")


def choices_of(data: DashboardData) -> Choices:
    years = sorted({int(y) for y in data.outcomes["year"].unique()})
    return Choices(
        outcomes=tuple(outcome_choices(data)),
        towns=tuple(data.towns["code"]),
        years=tuple(years),
        villages=frozenset(data.villages["code"]),
        selections=SELECTIONS if data.has_ledgers else (),
    )


class DataSource:
    def __init__(self, path):
        self.path = Path(path)
        self._lock = threading.Lock()
        self._stamp = None
        self._cache: dict[str, DashboardData] = {}  # per selection, for the current stamp
        self._last: dict[str, DashboardData] = {}  # per selection, the last read: served while a writer commits

    def stamp(self) -> tuple:
        """Changes whenever the store does: the file and its write-ahead log."""
        parts = []
        for file in (self.path, self.path.with_name(self.path.name + ".wal")):
            try:
                status = os.stat(file)
                parts += [status.st_mtime_ns, status.st_size]
            except FileNotFoundError:
                parts += [0, 0]
        return tuple(parts)

    @property
    def version(self) -> str:
        """The data version: a cache key that changes with the store."""
        return "-".join(map(str, self._stamp or self.stamp()))

    def get(self, which: str | None = None) -> DashboardData:
        """The data for a selection (ledgers, with_demo, demo; None or other: the store's default)."""
        key = which if which in SELECTIONS else "auto"
        stamp = self.stamp()
        with self._lock:
            if stamp != self._stamp:
                self._cache.clear()
                self._stamp = stamp
            if key not in self._cache:
                try:
                    self._cache[key] = load_dashboard_data(self.path, key)
                except StoreError as error:
                    stale = self._last.get(key)
                    if stale is None:
                        raise
                    log.warning("store busy, serving the data read before: %s", error)
                    self._stamp = None  # try again next time
                    return stale
                self._last[key] = self._cache[key]
            return self._cache[key]

    @property
    def choices(self) -> Choices:
        return choices_of(self.get())
