"""Loading a ledger as a job: started, polled from the state file any worker reads, cancelled
while it reads, failed with a reason, lost when its worker dies."""

import json
import time

import pytest

from dashboard import ingest_jobs
from dashboard.ingest_jobs import IngestJobs
from zhaodong_data.store import build_store, open_store

from ..ledgers.make import write_csv

ROWS = [["村名", "年度", "村集体经济收入（万元）"], ["东安村", "2022", "45"], ["向阳村", "2022", "12"]]


def _wait(jobs, job_id, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        state = jobs.status(job_id)
        if state["state"] != "running":
            return state
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} still running")


@pytest.fixture
def store(tmp_path):
    return build_store(tmp_path / "s.duckdb")


def test_a_job_loads_the_ledger_and_says_which_ingest_it_made(store, tmp_path):
    jobs, ended = IngestJobs(tmp_path / "jobs"), []
    job_id = jobs.start(store, write_csv(tmp_path / "l.csv", ROWS), "我的台账.csv", on_end=lambda: ended.append(1))
    state = _wait(jobs, job_id)
    assert state["state"] == "done" and state["status"] == "ingested" and ended == [1]
    with open_store(store) as opened:
        assert opened.ingests()["id"].tolist() == [state["ingest_id"]]
    assert IngestJobs(tmp_path / "jobs").status(job_id)["ingest_id"] == state["ingest_id"]  # another worker reads it
    assert jobs.cancel(job_id) is False  # nothing left to cancel


def test_a_cancelled_job_writes_nothing(store, tmp_path, monkeypatch):
    jobs = IngestJobs(tmp_path / "jobs")
    started = []

    def slow_watch(real):  # the reader's checks, each a little slow, so the cancel lands while it reads
        def watch(*progress):
            started.append(1)
            time.sleep(0.2)
            real(*progress)

        return watch

    original = ingest_jobs.limits.watch_reading
    monkeypatch.setattr(ingest_jobs.limits, "watch_reading", lambda watcher: original(slow_watch(watcher)))
    job_id = jobs.start(store, write_csv(tmp_path / "l.csv", ROWS), "l.csv")
    while not started:
        time.sleep(0.01)
    assert jobs.cancel(job_id) is True
    assert _wait(jobs, job_id)["state"] == "cancelled"
    with open_store(store) as opened:
        assert opened.ingests().empty


def test_a_job_on_an_unreadable_file_fails_with_its_reason_and_no_server_path(store, tmp_path):
    jobs = IngestJobs(tmp_path / "jobs")
    bad = tmp_path / "staged" / "photo.xlsx"
    bad.parent.mkdir()
    bad.write_bytes(b"PK\x03\x04 not a workbook")
    state = _wait(jobs, jobs.start(store, bad, "照片.xlsx"))
    assert state["state"] == "failed" and state["reason"].startswith("照片.xlsx")
    assert str(tmp_path) not in state["reason"]


def test_a_job_whose_worker_died_is_reported_lost_and_ids_cannot_name_files(tmp_path, monkeypatch):
    jobs = IngestJobs(tmp_path / "jobs")
    job_id = "a" * 22
    (tmp_path / "jobs" / f"{job_id}.json").write_text(
        json.dumps({"state": "running", "started": 0, "heartbeat": time.time() - ingest_jobs.LOST_AFTER - 1})
    )
    assert jobs.status(job_id)["state"] == "lost"
    assert jobs.status("../../etc/passwd") is None and jobs.status(["x"]) is None
    assert jobs.cancel("../x") is False


def test_a_running_job_says_its_stage_and_how_far_it_is(store, tmp_path, monkeypatch):
    """A ledger of 28,000 rows (by village code, one row per village and year): the reader
    reports every 16,384 lines of the file and rows checked, then writing; each report is held a
    moment so that the polls see it. The percents seen are those the counts give."""
    from zhaodong_data.gazetteer import load_gazetteer

    codes = load_gazetteer().villages["code"].tolist()
    years = range(1949, 1949 + -(-28_000 // len(codes)))
    rows = [["村代码", "年度", "村集体经济收入（万元）"]]
    rows += [[code, str(year), "12"] for year in years for code in codes][:28_000]
    lines = len(rows) + 1  # the last line break ends an empty line
    expected = (
        {("file", 100 * n // lines) for n in (16_384,)}
        | {("rows", 100 * p // 28_000) for p in (0, 16_384)}
        | {("writing", None)}
    )

    def held(real):
        def watch(*progress):
            real(*progress)
            time.sleep(0.3)

        return watch

    original = ingest_jobs.limits.watch_reading
    monkeypatch.setattr(ingest_jobs.limits, "watch_reading", lambda watcher: original(held(watcher)))
    jobs = IngestJobs(tmp_path / "jobs")
    job_id = jobs.start(store, write_csv(tmp_path / "l.csv", rows), "l.csv")
    seen = []
    while (state := jobs.status(job_id))["state"] == "running":
        if state["stage"] != "file" or state["percent"] is not None:  # before the first report: no count yet
            seen.append((state["stage"], state["percent"]))
        time.sleep(0.02)
    assert state["state"] == "done", state
    order = [stage for stage, _ in dict.fromkeys(seen)]
    assert sorted(set(order), key=order.index) == ["file", "rows", "writing"]
    assert set(seen) <= expected and {("rows", 0), ("writing", None)} <= set(seen)


def test_the_progress_is_said_in_both_languages_for_every_stage():
    from dashboard.ledger_upload import progress_text

    states = [
        {"seconds": 3.2, "stage": "file", "done": 100, "total": 400, "percent": 25},
        {"seconds": 3.2, "stage": "rows", "done": 16_384, "total": 28_000, "percent": 58},
        {"seconds": 3.2, "stage": "writing", "done": 0, "total": 0, "percent": None},
        {"seconds": 3.2, "stage": "file", "percent": None},
    ]
    said = {lang: [progress_text(state, lang) for state in states] for lang in ("zh", "en")}
    assert said["zh"][0].startswith("正在读取文件：25%") and "16,384 of 28,000 (58%" in said["en"][1]
    assert "第 16,384 行，共 28,000 行（58%" in said["zh"][1] and "写入" in said["zh"][2]
    assert said["en"][3].startswith("Loading (3 s so far)")
    assert all(len(set(texts)) == len(texts) for texts in said.values())  # each stage its own words
