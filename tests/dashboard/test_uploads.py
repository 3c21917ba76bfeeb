"""Uploaded ledgers are staged on disk by token: any worker finds them, nothing is kept longer
than it must be, and a token cannot name another path."""

import base64
import os
import time

import pytest

from dashboard import uploads as uploads_module
from dashboard.uploads import Uploads, UploadTooLarge


def _data_url(data: bytes) -> str:
    return "data:text/csv;base64," + base64.b64encode(data).decode()


def test_a_file_saved_by_one_worker_is_found_by_another(tmp_path):
    token, path = Uploads(tmp_path).save(_data_url(b"a,b\n"), "台账 (2).csv")
    other_worker = Uploads(tmp_path)
    assert other_worker.path(token) == path and path.read_bytes() == b"a,b\n"
    assert path.name == "台账_2_.csv"
    other_worker.discard(token)
    assert Uploads(tmp_path).path(token) is None and not (tmp_path / token).exists()


@pytest.mark.parametrize("token", [None, 3, "../../etc", "short", "a" * 100, "abc/def" * 4])
def test_a_token_cannot_name_another_path(tmp_path, token):
    assert Uploads(tmp_path).path(token) is None
    Uploads(tmp_path).discard(token)  # nothing outside the folder is touched
    assert tmp_path.exists()


def test_stale_uploads_are_removed_and_large_ones_refused(tmp_path, monkeypatch):
    uploads = Uploads(tmp_path)
    token, path = uploads.save(_data_url(b"x"), "old.csv")
    old = time.time() - uploads_module.STALE_SECONDS - 10
    os.utime(path.parent, (old, old))
    uploads.save(_data_url(b"y"), "new.csv")
    assert uploads.path(token) is None
    monkeypatch.setattr(uploads_module, "MAX_BYTES", 10)
    with pytest.raises(UploadTooLarge):
        uploads.save(_data_url(b"z" * 100), "big.csv")
    with pytest.raises(UploadTooLarge, match="not a file upload"):
        uploads.save("data:text/csv;base64,***", "bad.csv")


def test_a_long_chinese_file_name_is_staged_shortened_with_its_extension(tmp_path):
    import base64 as b64

    from dashboard.uploads import MAX_NAME_BYTES, Uploads, staged_name

    long_name = "肇东市" + "村集体经济收益分配统计表" * 8 + ".xlsx"  # 99 characters, 291 bytes
    assert len(long_name.encode()) > 255
    name = staged_name(long_name)
    assert name.endswith(".xlsx") and len(name.encode()) <= MAX_NAME_BYTES and name.startswith("肇东市村集体")
    uploads = Uploads(tmp_path)
    token, path = uploads.save("data:;base64," + b64.b64encode(b"a,b\n1,2\n").decode(), long_name)
    assert path.read_bytes() == b"a,b\n1,2\n" and uploads.path(token) == path
    assert (
        staged_name("../../etc/passwd") == "passwd" and staged_name("...") == "ledger" and staged_name(None) == "ledger"
    )


def test_an_upload_of_the_wrong_shape_is_refused_and_leaves_nothing(tmp_path):
    from dashboard.uploads import Uploads, UploadTooLarge

    uploads = Uploads(tmp_path)
    for contents, name in ((["x"], "a.csv"), ({"a": 1}, "a.csv"), ("data:;base64,YQ==", ["a.csv"]), (None, "a.csv")):
        with pytest.raises(UploadTooLarge):
            uploads.save(contents, name)
    assert list(tmp_path.iterdir()) == []
