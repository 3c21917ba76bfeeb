"""The dashboard's data: read from the store once, and again only when the store file changes
(after an ingest, from this process or another worker)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from zhaodong_data.figures import Choices, DashboardData, load_dashboard_data, outcome_choices


def choices_of(data: DashboardData) -> Choices:
    years = sorted({int(y) for y in data.outcomes["year"].unique()})
    return Choices(outcomes=tuple(outcome_choices(data)), towns=tuple(data.towns["code"]), years=tuple(years),
                   villages=frozenset(data.villages["code"]))


class DataSource:
    def __init__(self, path):
        self.path = Path(path)
        self._lock = threading.Lock()
        self._stamp = None
        self._data: DashboardData | None = None
        self._choices: Choices | None = None

    def _stamp_now(self):
        status = os.stat(self.path)
        return status.st_mtime_ns, status.st_size

    def get(self) -> DashboardData:
        stamp = self._stamp_now()
        if stamp != self._stamp:
            with self._lock:
                if stamp != self._stamp:
                    data = load_dashboard_data(self.path)
                    self._data, self._choices, self._stamp = data, choices_of(data), stamp
        return self._data

    @property
    def choices(self) -> Choices:
        self.get()
        return self._choices
