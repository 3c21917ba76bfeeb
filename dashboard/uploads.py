"""Ledger files uploaded to the dashboard: kept on the server under a random token, so that the
browser holds only the token (never a path it could change)."""

from __future__ import annotations

import base64
import re
import secrets
import tempfile
from pathlib import Path

MAX_BYTES = 50 * 1024 * 1024


class UploadTooLarge(ValueError):
    pass


class Uploads:
    def __init__(self, folder=None):
        self.folder = Path(folder or tempfile.mkdtemp(prefix="zhaodong-uploads-"))
        self._paths: dict[str, Path] = {}

    def save(self, contents: str, filename: str) -> tuple[str, Path]:
        """contents: a data URL as dcc.Upload gives it."""
        _, _, encoded = contents.partition(",")
        data = base64.b64decode(encoded)
        if len(data) > MAX_BYTES:
            raise UploadTooLarge(f"{filename}: larger than {MAX_BYTES // 2**20} MiB")
        token = secrets.token_urlsafe(16)
        name = re.sub(r"[^\w.\-\u4e00-\u9fff]+", "_", Path(filename or "ledger").name) or "ledger"
        path = self.folder / token / name
        path.parent.mkdir(parents=True)
        path.write_bytes(data)
        self._paths[token] = path
        return token, path

    def path(self, token) -> Path | None:
        return self._paths.get(token) if isinstance(token, str) else None
