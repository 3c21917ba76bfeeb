"""Shared test settings.

Hypothesis: no per-example deadline anywhere (a loaded 2-core CI machine makes a 200 ms deadline
flaky, and timing is what benchmarks are for); the `ci` profile (CI=true) also prints statistics
of what was generated. HYPOTHESIS_PROFILE=thorough (`make test-all`) runs ten times the examples, of
the tests that write their own count too (`tests/examples.py`). Fifty consecutive runs of every property
test passed on a 2-core machine with the full CI running beside them (2026-11-28); so did fifty of the
standard-numeral and vectorised-reading tests added on 2026-11-29, part of them beside a full CI run.

ZHAODONG_STRICT_PARSE=1: the figure parser re-raises what its never-raise contract would turn
into an `invalid` reading, so that the property tests see a crash as the bug it is.
"""

import os
import subprocess
from pathlib import Path

import pytest

os.environ.setdefault("ZHAODONG_STRICT_PARSE", "1")

from hypothesis import settings

settings.register_profile("default", deadline=None)
settings.register_profile("ci", deadline=None, print_blob=True)
settings.register_profile("thorough", deadline=None, max_examples=1_000)  # ten times the default 100
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") == "true" else "default"))


# A test that writes into the project tree (an export to the working directory, say) leaves files
# that end up committed: the run fails if the tree has new untracked files when it ends.
ROOT = Path(__file__).resolve().parent.parent


def _untracked() -> set[str] | None:
    try:
        listing = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=all"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None  # not a git checkout (an unpacked sdist): nothing to compare
    return {line[3:] for line in listing.splitlines() if line.startswith("??")}


def pytest_sessionstart(session):
    session.config.stash[_UNTRACKED_AT_START] = _untracked()


def pytest_sessionfinish(session, exitstatus):
    before = session.config.stash.get(_UNTRACKED_AT_START, None)
    after = _untracked()
    if before is None or after is None:
        return
    left = sorted(after - before)
    if left:
        session.config.get_terminal_writer().line(f"tests left files in the project tree: {', '.join(left)}", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


_UNTRACKED_AT_START = pytest.StashKey[set[str] | None]()
