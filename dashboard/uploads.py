"""Ledger files uploaded to the dashboard, staged on disk beside the store under a random token:
every worker of a server reads the same folder, the browser holds only the token (never a path
it could change), and a file is deleted once loaded, once refused, or after STALE_SECONDS."""

from __future__ import annotations

import base64
import binascii
import re
import secrets
import shutil
import time
from pathlib import Path

MAX_BYTES = 50 * 1024 * 1024
STALE_SECONDS = 3600
MAX_NAME_BYTES = 200  # of the staged file's name: file systems allow 255 bytes (a 90-character Chinese name has 270)
_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")


class UploadTooLarge(ValueError):
    pass


def staged_name(filename: str | None) -> str:
    """A safe file name for an upload: letters, digits, CJK, dots and dashes; at most
    MAX_NAME_BYTES bytes in UTF-8, the extension kept."""
    name = re.sub(r"[^\w.\-\u4e00-\u9fff]+", "_", Path(filename or "ledger").name).strip(".") or "ledger"
    stem, dot, extension = name.rpartition(".")
    if not dot or len(extension.encode()) > 16:
        stem, extension = name, ""
    room = MAX_NAME_BYTES - len(extension.encode()) - (1 if extension else 0)
    stem = stem.encode()[:room].decode("utf-8", errors="ignore") or "ledger"
    return f"{stem}.{extension}" if extension else stem


class Uploads:
    def __init__(self, folder):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)

    def save(self, contents: str, filename: str) -> tuple[str, Path]:
        """contents: a data URL as dcc.Upload gives it. The staged file keeps the name's
        extension and as much of the rest as fits; the name shown stays the caller's."""
        self.remove_stale()
        if not isinstance(contents, str) or not isinstance(filename, (str, type(None))):
            raise UploadTooLarge("not a file upload")
        _, _, encoded = contents.partition(",")
        if len(encoded) > MAX_BYTES * 4 // 3 + 4:
            raise UploadTooLarge(f"{filename}: larger than {MAX_BYTES // 2**20} MiB")
        try:
            data = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            raise UploadTooLarge(f"{filename}: not a file upload") from None
        token = secrets.token_urlsafe(16)
        path = self.folder / token / staged_name(filename)
        path.parent.mkdir(parents=True)
        try:
            path.write_bytes(data)
        except OSError:
            shutil.rmtree(path.parent, ignore_errors=True)  # no empty staging folder left behind
            raise
        return token, path

    def path(self, token) -> Path | None:
        """The staged file of a token, from any worker; None for an unknown or malformed token."""
        if not isinstance(token, str) or not _TOKEN.fullmatch(token):
            return None
        files = list((self.folder / token).glob("*")) if (self.folder / token).is_dir() else []
        return files[0] if len(files) == 1 else None

    def discard(self, token) -> None:
        if isinstance(token, str) and _TOKEN.fullmatch(token):
            shutil.rmtree(self.folder / token, ignore_errors=True)

    def remove_stale(self) -> None:
        """Uploads checked but neither loaded nor cancelled within STALE_SECONDS."""
        cutoff = time.time() - STALE_SECONDS
        for folder in self.folder.iterdir():
            try:
                if folder.is_dir() and folder.stat().st_mtime < cutoff:
                    shutil.rmtree(folder, ignore_errors=True)
            except FileNotFoundError:
                continue
