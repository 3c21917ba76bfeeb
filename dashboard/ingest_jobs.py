"""Loading a ledger off the request thread: the Sources page starts a job and polls it, so no
request waits out a large ledger, and the planner sees how long it has run and may cancel it.

A job is a thread in the worker that was asked; its state is a small JSON file beside the store
(`.zhaodong-jobs/<id>.json`), so whichever worker the browser's next poll reaches can answer.
The state says how far the job is: the file's lines (or an XLSX sheet's bytes) read, then the
rows checked, then writing. Cancelling writes `<id>.cancel`: the reader stops at its next check
(`limits.check_budget`, every few thousand rows) and nothing is written. Once the reading is done the ledger is written
in one transaction, which cannot be stopped half-way: a cancel then comes too late, and says so
(the ingest can be reverted). A job whose worker died stops updating its heartbeat and is
reported lost after LOST_AFTER seconds.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import threading
import time
from pathlib import Path

from zhaodong_data.ingest import ingest_file
from zhaodong_data.ledgers import UnreadableFile, limits
from zhaodong_data.store import StoreError

from .security import without_paths

HEARTBEAT_SECONDS = 1.0  # how often a running job says it is alive
LOST_AFTER = 30.0  # seconds without a heartbeat after which a running job is reported lost
_JOB_ID = re.compile(r"[A-Za-z0-9_-]{16,64}")


class Cancelled(Exception):
    """The planner cancelled the job while its ledger was being read."""


class IngestJobs:
    def __init__(self, folder):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)

    def _file(self, job_id, suffix: str = ".json") -> Path | None:
        """The job's file, or None for an id that is not one a job was given (a crafted request)."""
        if not isinstance(job_id, str) or not _JOB_ID.fullmatch(job_id):
            return None
        return self.folder / f"{job_id}{suffix}"

    def _own_file(self, job_id: str, suffix: str = ".json") -> Path:
        """The file of a job this store started (its id made here, never a request's)."""
        path = self._file(job_id, suffix)
        if path is None:
            raise ValueError(f"not a job id: {job_id!r}")
        return path

    def _write(self, job_id: str, state: dict) -> None:
        path = self._own_file(job_id)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, path)  # a poll never reads half a file

    def start(self, store_path, path, label, accept_outliers: bool = False, recipe=None, on_end=None) -> str:
        """Start loading `path` into the store; returns the job's id. `on_end()` runs when it ends
        (the staged upload is dropped then), whatever the end."""
        job_id = secrets.token_urlsafe(16)
        started = time.time()
        self._write(job_id, {"state": "running", "stage": "file", "started": started, "heartbeat": started})
        thread = threading.Thread(
            target=self._run,
            args=(job_id, started, store_path, path, label, accept_outliers, recipe, on_end),
            daemon=True,
            name=f"ingest-{job_id[:8]}",
        )
        thread.start()
        return job_id

    def _run(self, job_id, started, store_path, path, label, accept_outliers, recipe, on_end) -> None:
        last_beat = [0.0]
        cancel_file = self._own_file(job_id, ".cancel")
        progress = {"stage": "file", "done": 0, "total": 0}

        def watch(stage=None, done=0, total=0) -> None:  # called from the reader's loops (limits.check_budget)
            if cancel_file.exists():
                raise Cancelled()
            moved_on = stage is not None and stage != progress["stage"]
            if stage is not None:
                progress.update(stage=stage, done=done, total=total)
            now = time.time()
            if moved_on or now - last_beat[0] >= HEARTBEAT_SECONDS:
                last_beat[0] = now
                self._write(job_id, {"state": "running", **progress, "started": started, "heartbeat": now})

        token = limits.watch_reading(watch)
        try:
            outcome = ingest_file(store_path, path, label=label, accept_outliers=accept_outliers, recipe=recipe)
            end = {"state": "done", "status": outcome.status, "ingest_id": outcome.ingest_id}
            if cancel_file.exists():
                end["cancel_too_late"] = True
        except Cancelled:
            end = {"state": "cancelled"}
        except (UnreadableFile, StoreError) as error:
            said = str(error).replace(str(path), label or Path(path).name)  # the planner's name for the file
            end = {"state": "failed", "reason": without_paths(said, store_path)}
        except Exception as error:  # noqa: BLE001 - a job must end with a state, never a silent thread
            end = {"state": "failed", "reason": type(error).__name__}
        finally:
            limits.end_watch(token)
        self._write(job_id, {**end, "started": started, "ended": time.time()})
        cancel_file.unlink(missing_ok=True)
        if on_end is not None:
            on_end()

    def status(self, job_id) -> dict | None:
        """The job's state (running, done, failed, cancelled or lost), with `seconds` it has run
        and, while it runs, its `stage` (limits.PROGRESS_STAGES) with `done` of `total` and the
        `percent` that is; None for an unknown id."""
        path = self._file(job_id)
        if path is None or not path.exists():
            return None
        try:
            state = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        now = time.time()
        if state.get("state") == "running" and now - state.get("heartbeat", 0) > LOST_AFTER:
            state["state"] = "lost"
        state["seconds"] = round((state.get("ended") or now) - state.get("started", now), 1)
        total = state.get("total") or 0
        state["percent"] = min(100, int(100 * state.get("done", 0) / total)) if total else None
        return state

    def cancel(self, job_id) -> bool:
        """Ask a running job to stop; False if there is no such job running."""
        state = self.status(job_id)
        if state is None or state["state"] != "running":
            return False
        self._own_file(job_id, ".cancel").touch()
        return True
