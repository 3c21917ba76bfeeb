"""How much a ledger file may hold, in one place: every reader refuses a file past one of these
with its own reason, before or as soon as it is crossed, so that a hostile file costs seconds
and a bounded amount of memory, whatever its shape. A county ledger is far inside them (a few
hundred villages, a few dozen columns)."""

import time as _time
from contextvars import ContextVar

MAX_ENTRIES = 10_000  # files inside an XLSX
MAX_UNCOMPRESSED = 512 * 2**20  # bytes in all of an XLSX's entries together
MAX_RATIO = 200  # uncompressed / compressed, for an XLSX entry over 1 MiB (a zip bomb)
# rows of a sheet: a province's ledger (10,000 villages x 20 years) fits; a sheet at the limit costs
# about 20 s and 1 GB here (docs/benchmarks.md), a million rows cost 5 GB before they were refused
MAX_ROWS = 250_000
MAX_COLUMNS = 500  # columns of a sheet
# rows × columns of a sheet once padded: a province's ledger (10,000 villages x 20 years x 25
# columns) fits; 20,000,000 cells cost 12 GB before they were refused
MAX_CELLS = 5_000_000
# values (cells not empty in the value columns): each is parsed and becomes a record or a
# quarantined cell, under 1 KB while the sheet is checked, so that a file at this limit costs
# under 200 MB and a few seconds, whatever its values (benchmarks/bench_limits.py). A county's
# ledger is far inside (186 villages x 20 years x 10 outcomes = 37,200); a province's (10,000
# villages x 10 years x 5 outcomes) is read a county or a few years at a time. Past this a
# file is refused before any value is parsed.
MAX_VALUE_CELLS = 250_000
MAX_MERGED_RANGES = 10_000  # merged ranges of a sheet (a form has a few dozen)
MAX_MERGED_CELLS = 1_000_000  # cells those ranges cover together
MAX_CELL_PARTS = 1_000  # XML elements inside one XLSX cell (a rich-text cell has a few dozen)
MAX_XML_ELEMENTS = 30_000_000  # elements of one XLSX part (a sheet at MAX_CELLS has ~11M)
MAX_SHARED_STRINGS = 5_000_000  # an XLSX's shared strings (at most one per cell)
MAX_STYLES = 100_000  # an XLSX's cell styles (Excel itself allows 64,000)
MAX_TEXT_BYTES = 128 * 2**20  # a CSV's bytes (a sheet at MAX_ROWS of a wide county form is ~40 MB)
MAX_SECONDS = 120.0  # wall-clock budget of reading one file, its checks included


# How far a reading is, as check_budget says: the file's lines (a CSV) or bytes (an XLSX sheet),
# then the data rows checked, then the ledger written (no count: one transaction).
PROGRESS_STAGES = ("file", "rows", "writing")

_deadline: ContextVar[tuple[float, str] | None] = ContextVar("ledger_deadline", default=None)
_watcher: ContextVar = ContextVar("ledger_watcher", default=None)


class OverBudget(Exception):
    """Reading a file took longer than MAX_SECONDS: refused (read.UnreadableFile says so)."""


def start_budget(label: str, seconds: float | None = None):
    """Start the clock for reading one file; returns the token to `end_budget` with."""
    return _deadline.set((_time.monotonic() + (MAX_SECONDS if seconds is None else seconds), label))


def end_budget(token) -> None:
    _deadline.reset(token)


def watch_reading(watcher):
    """Have `watcher(stage, done, total)` called wherever the budget is checked (a job's
    heartbeat, progress and cancel: it may raise to stop the reading); returns the token to
    `end_watch` with. `stage` is None where a check does not say how far the reading is."""
    return _watcher.set(watcher)


def end_watch(token) -> None:
    _watcher.reset(token)


def check_budget(stage: str | None = None, done: int = 0, total: int = 0) -> None:
    """Called in the readers' loops: raises OverBudget once the file's time is spent, and lets a
    watcher (`watch_reading`) see the reading go on and how far it is: `done` of `total` in
    `stage` (one of PROGRESS_STAGES)."""
    watcher = _watcher.get()
    if watcher is not None:
        watcher(stage, done, total)
    deadline = _deadline.get()
    if deadline is not None and _time.monotonic() > deadline[0]:
        raise OverBudget(f"{deadline[1]}: reading took longer than {MAX_SECONDS:.0f} s (the limit for one file)")
