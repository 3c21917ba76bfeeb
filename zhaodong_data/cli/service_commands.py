"""export, dashboard, password: the data out, and the dashboard served (imported here, lazily: the package never depends on it)."""

from __future__ import annotations

import sys

from .common import UserError, existing_store, store_of


def cmd_export(args) -> int:
    from ..store import TABLES, StoreError, export_table

    if args.table not in TABLES:
        raise UserError(f"no table {args.table!r}; tables: {', '.join(TABLES)}")
    output = args.output or f"{args.table}.{args.format}"
    try:
        export_table(existing_store(args), args.table, args.format, output)
    except StoreError as error:
        raise UserError(str(error)) from None
    print(f"wrote {output}", file=sys.stderr)
    return 0


def cmd_dashboard(args) -> int:
    from dashboard.app import run

    from ..store import ensure_store

    path = ensure_store(store_of(args), announce=lambda sentence: print(sentence, file=sys.stderr))
    local = args.host in ("127.0.0.1", "localhost", "::1")
    allow_ingest = not args.no_ingest and (local or args.allow_ingest)
    print(f"zhaodong dashboard on http://{args.host}:{args.port}/ (store {path}); Ctrl-C stops it", file=sys.stderr)
    if not local and not args.no_ingest and not args.allow_ingest:
        print(
            "ledger loading from the Sources page is off: this server is reachable beyond this machine and has "
            "no login (--allow-ingest turns it on)",
            file=sys.stderr,
        )
    if args.dev and not local:
        raise UserError("--dev (Dash's debug mode, with its interactive debugger) only on 127.0.0.1")
    from dashboard.auth import UsersFileError

    try:
        run(host=args.host, port=args.port, store=path, debug=args.dev, allow_ingest=allow_ingest, users=args.users)
    except UsersFileError as error:
        raise UserError(str(error)) from None
    return 0


def cmd_password(args) -> int:
    import getpass

    from dashboard.auth import user_line

    if sys.stdin.isatty():
        password = getpass.getpass(f"password for {args.name}: ")
        if password != getpass.getpass("again: "):
            raise UserError("the two passwords differ")
    else:
        password = sys.stdin.readline().rstrip("\n")
    if len(password) < 8:
        raise UserError("a password needs at least 8 characters")
    try:
        print(user_line(args.name, password, args.ingest))
    except ValueError as error:
        raise UserError(str(error)) from None
    return 0


def add_commands(command, formats: list[str]) -> None:
    """export, dashboard, password: the store's tables for others, and the dashboard."""
    export = command(
        "export",
        help="write a table of the store",
        description="Write one table of the store as CSV (UTF-8 with BOM), Parquet or XLSX.",
    )
    export.add_argument("--table", required=True, help="outcomes, red_flags, villages, facts, ingests, quarantine, …")
    export.add_argument("--format", choices=["csv", "parquet", "xlsx"], default="csv")
    export.add_argument("--output", help="file to write (default: TABLE.FORMAT here)")
    export.set_defaults(run=cmd_export)

    dashboard = command(
        "dashboard",
        help="run the dashboard",
        description="Run the Dash dashboard on the store (built with the embedded "
        "default if there is none, and said so). For production, serve "
        "'dashboard.wsgi:server' with gunicorn.",
    )
    dashboard.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    dashboard.add_argument("--port", type=int, default=8050, help="port (default 8050)")
    dashboard.add_argument(
        "--dev", action="store_true", help="Dash debug mode (reloader, error overlay); off by default"
    )
    dashboard.add_argument(
        "--no-ingest",
        action="store_true",
        help="no ledger loading from the Sources page (on by default when bound to this "
        "machine only; off under gunicorn unless ZHAODONG_ALLOW_INGEST=1)",
    )
    dashboard.add_argument(
        "--allow-ingest",
        action="store_true",
        help="ledger loading on even when bound to another address (the dashboard has no "
        "login: put it behind the intranet's)",
    )
    dashboard.add_argument(
        "--users",
        metavar="FILE",
        help="ask for a login: users from FILE (lines `name:hash[:ingest]`, see `zhaodong "
        "password`); only users marked ingest may load ledgers (default $ZHAODONG_USERS)",
    )
    dashboard.set_defaults(run=cmd_dashboard)

    password = command(
        "password",
        help="write a users-file line for the dashboard's login",
        description="Print a line `name:password-hash[:ingest]` for the dashboard's users file "
        "(--users or $ZHAODONG_USERS). The password is asked for (or read from standard "
        "input) and only its hash is printed.",
    )
    password.add_argument("name")
    password.add_argument("--ingest", action="store_true", help="this user may load and revert ledgers")
    password.set_defaults(run=cmd_password)
