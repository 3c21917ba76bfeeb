"""Optional HTTP basic auth for the dashboard, with users from a file.

The file has one user a line, `name:password-hash[:ingest]` (`zhaodong password NAME` writes such
a line; `#` starts a comment). With a users file, every page asks for a name and password, and
only users marked `ingest` may load or revert ledgers. Without one, the dashboard is open (put
it behind the intranet's own login) and ledger loading follows `allow_ingest` alone.
Basic auth sends the password with every request: serve it over HTTPS (a reverse proxy).

The password hash (scrypt) is slow by design, and basic auth would pay it on every request: each
worker remembers the answers it has checked (keyed by an HMAC of name and password under a key
made at start, so the memory holds no password), a bounded number of them. An unknown name is
checked against a dummy hash, so it takes as long as a known one (names cannot be found by
timing). An address that fails MAX_FAILURES times within FAILURE_WINDOW seconds is answered 429
without a check until the window has passed (guessing costs a hash each, and would slow every
user's worker); a name and password this worker already knows to be right still pass, so that
people behind one proxy address are not locked out by someone else's guessing.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections import OrderedDict, deque
from dataclasses import dataclass
from pathlib import Path

import flask
from werkzeug.security import check_password_hash, generate_password_hash

REALM = "zhaodong"
OPEN_PATHS = ("/healthz",)  # for monitoring: says nothing about the data
REMEMBERED = 1024  # checked (name, password) answers a worker keeps
MAX_FAILURES, FAILURE_WINDOW = 10, 60.0  # failed logins an address may make per window (seconds)
ADDRESSES_TRACKED = 10_000  # addresses whose recent failures a worker remembers
_DUMMY_HASH = generate_password_hash(secrets.token_hex(16))  # what an unknown name is checked against


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


class CheckedPasswords:
    """The answers of password checks already made, by an HMAC of name and password."""

    def __init__(self, users: dict[str, User], size: int = REMEMBERED):
        self.users, self.size = users, size
        self.key = secrets.token_bytes(32)
        self.answers: OrderedDict[bytes, bool] = OrderedDict()

    def known_right(self, name: str, password: str) -> User | None:
        """The user if this pair was checked and found right (no hash is run)."""
        digest = self._digest(name, password)
        return self.users[name] if self.answers.get(digest) else None

    def _digest(self, name: str, password: str) -> bytes:
        return hmac.new(self.key, f"{name}\0{password}".encode(), hashlib.sha256).digest()

    def check(self, name: str, password: str) -> User | None:
        """The user when the password is theirs, else None; the slow hash at most once per pair."""
        digest = self._digest(name, password)
        if digest in self.answers:
            self.answers.move_to_end(digest)
            return self.users[name] if self.answers[digest] else None
        user = self.users.get(name)
        right = check_password_hash(user.password_hash if user else _DUMMY_HASH, password) and user is not None
        self.answers[digest] = right
        if len(self.answers) > self.size:
            self.answers.popitem(last=False)
        return user if right else None


class FailedLogins:
    """Recent failed logins by address, a bounded number of addresses (the oldest forgotten)."""

    def __init__(self, limit: int = MAX_FAILURES, window: float = FAILURE_WINDOW, clock=time.monotonic):
        self.limit, self.window, self.clock = limit, window, clock
        self.failures: OrderedDict[str, deque] = OrderedDict()

    def _recent(self, address: str) -> deque:
        times = self.failures.get(address, deque())
        while times and self.clock() - times[0] > self.window:
            times.popleft()
        return times

    def wait(self, address: str) -> int:
        """Seconds until the address may try again (0: it may now)."""
        times = self._recent(address)
        return int(self.window - (self.clock() - times[0])) + 1 if len(times) >= self.limit else 0

    def fail(self, address: str) -> None:
        times = self._recent(address)
        times.append(self.clock())
        self.failures[address] = times
        self.failures.move_to_end(address)
        if len(self.failures) > ADDRESSES_TRACKED:
            self.failures.popitem(last=False)


def install(server: flask.Flask, users: dict[str, User]) -> None:
    """Ask every request (but OPEN_PATHS) for a known user's name and password."""
    checked, failed = CheckedPasswords(users), FailedLogins()

    @server.before_request
    def require_login():
        if flask.request.path in OPEN_PATHS:
            return None
        credentials = flask.request.authorization
        name, password = (credentials.username or "", credentials.password or "") if credentials else ("", "")
        address = flask.request.remote_addr or ""
        user = checked.known_right(name, password) if credentials else None
        if user is None and credentials:
            wait = failed.wait(address)
            if wait:
                return flask.Response(
                    "Too many failed logins from this address; try again later.\n", 429, {"Retry-After": str(wait)}
                )
            user = checked.check(name, password)
            if user is None:
                failed.fail(address)
        if user is None:
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
