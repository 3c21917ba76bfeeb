"""Optional HTTP basic auth for the dashboard, with users from a file.

The file has one user a line, `name:password-hash[:ingest]` (`zhaodong password NAME` writes such
a line; `#` starts a comment). With a users file, every page asks for a name and password, and
only users marked `ingest` may load or revert ledgers. Without one, the dashboard is open (put
it behind the intranet's own login) and ledger loading follows `allow_ingest` alone.
Basic auth sends the password with every request: serve it over HTTPS (a reverse proxy).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import flask
from werkzeug.security import check_password_hash, generate_password_hash

REALM = "zhaodong"
OPEN_PATHS = ("/healthz",)  # for monitoring: says nothing about the data


@dataclass(frozen=True)
class User:
    name: str
    password_hash: str
    may_ingest: bool


class UsersFileError(ValueError):
    """The users file cannot be read; the message names the file and line."""


def read_users(path) -> dict[str, User]:
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise UsersFileError(f"{path}: cannot read the users file ({error.strerror})") from None
    users = {}
    for number, line in enumerate(lines, 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, _, rest = line.partition(":")
        password_hash, _, flags = rest.rpartition(":") if rest.endswith(":ingest") else (rest, "", "")
        if not name or not password_hash or "$" not in password_hash:
            raise UsersFileError(
                f"{path}, line {number}: not `name:password-hash[:ingest]` (`zhaodong password NAME` writes a line)"
            )
        users[name] = User(name, password_hash, flags == "ingest")
    if not users:
        raise UsersFileError(f"{path}: no users in the file")
    return users


def user_line(name: str, password: str, may_ingest: bool) -> str:
    if not name or ":" in name:
        raise ValueError("a user name cannot be empty or hold ':'")
    return f"{name}:{generate_password_hash(password)}" + (":ingest" if may_ingest else "")


def install(server: flask.Flask, users: dict[str, User]) -> None:
    """Ask every request (but OPEN_PATHS) for a known user's name and password."""

    @server.before_request
    def require_login():
        if flask.request.path in OPEN_PATHS:
            return None
        credentials = flask.request.authorization
        user = users.get(credentials.username) if credentials and credentials.username else None
        if user is None or not check_password_hash(user.password_hash, credentials.password or ""):
            return flask.Response(
                "Login required.\n", 401, {"WWW-Authenticate": f'Basic realm="{REALM}", charset="UTF-8"'}
            )
        flask.g.zhaodong_user = user
        return None


def may_ingest(users: dict[str, User] | None) -> bool:
    """Whether the current request's user may load or revert ledgers (anyone, without users)."""
    if not users:
        return True
    user = getattr(flask.g, "zhaodong_user", None)
    return bool(user and user.may_ingest)
