"""The `zhaodong` command: `main` and its parser; each group of commands, with each command's
parser beside its handler, in a module of its own (store_commands, ledger_commands,
service_commands, reading_commands).

Every subcommand has --help. Errors are one line naming the file and the cause,
with exit status 2; --debug shows the traceback instead.

The one place where the data package reaches the app: `dashboard` and `password` import the
`dashboard` package lazily, inside the command, so that `zhaodong_data` never depends on it.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from . import ledger_commands, reading_commands, service_commands, store_commands
from .common import UserError


def build_parser() -> argparse.ArgumentParser:
    def options(suppress: bool) -> argparse.ArgumentParser:
        # On subcommands the defaults are suppressed, so that `zhaodong --store X build` keeps X.
        default: dict[str, Any] = {"default": argparse.SUPPRESS} if suppress else {}
        common = argparse.ArgumentParser(add_help=False)
        common.add_argument(
            "--store",
            metavar="PATH",
            **default,
            help="the store (DuckDB file); default $ZHAODONG_STORE, else the user data directory",
        )
        common.add_argument(
            "--debug", action="store_true", **default, help="show tracebacks instead of one-line errors"
        )
        return common

    common = options(suppress=True)
    parser = argparse.ArgumentParser(
        prog="zhaodong",
        parents=[options(suppress=False)],
        description="Village collective economy of Zhaodong City (肇东市): published figures, villages, ledgers.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    formats = ["table", "csv", "json"]

    def command(name, **kwargs):
        """A subcommand that also takes --store and --debug."""
        return subparsers.add_parser(name, parents=[common], **kwargs)

    for group in (store_commands, ledger_commands, service_commands, reading_commands):
        group.add_commands(command, formats)
    return parser


def duckdb_error() -> type[Exception]:
    import duckdb

    return duckdb.Error


def _one_line(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        where = f"{error.filename}: " if error.filename else ""
        return f"{where}{error.strerror}"
    return (str(error).splitlines() or [type(error).__name__])[0]


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from ..store import StoreError

    try:
        return args.run(args)
    except BrokenPipeError:  # `zhaodong ingests | head`: the reader has what it wanted
        _quiet_stdout()
        return 0
    except (UserError, StoreError) as error:
        if args.debug:
            raise
        print(f"zhaodong: error: {error}", file=sys.stderr)
        return 2
    except (OSError, duckdb_error()) as error:
        # a full disk, an unwritable folder, a damaged file: one line, never a traceback
        if args.debug:
            raise
        print(f"zhaodong: error: {_one_line(error)}", file=sys.stderr)
        return 2


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush does not fail on the closed pipe."""
    import os

    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):  # stdout is not a file (a test's, an IDE's)
        pass


__all__ = ["UserError", "build_parser", "main"]
