"""The `zhaodong` command.

Every subcommand has --help. Errors are one line naming the file and the cause,
with exit status 2; --debug shows the traceback instead.

The one place where the data package reaches the app: `dashboard` and `password` import the
`dashboard` package lazily, inside the command, so that `zhaodong_data` never depends on it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import pandas as pd


class UserError(Exception):
    """A problem the user can fix: printed as one line, exit status 2."""


def _write_table(frame: pd.DataFrame, fmt: str, out=None) -> None:
    out = out or sys.stdout
    if fmt == "csv":  # a spreadsheet opens it: formula-shaped text (a file named =HYPERLINK(…)) is made inert
        from .export import neutralise

        neutralise(frame).to_csv(out, index=False)
    elif fmt == "json":
        records = json.loads(frame.to_json(orient="records", force_ascii=False))
        json.dump(records, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        with pd.option_context(
            "display.max_rows", None, "display.max_columns", None, "display.width", 200, "display.max_colwidth", 48
        ):
            out.write(frame.to_string(index=False) + "\n")


def _read_text(path: str) -> str:
    file = Path(path)
    if not file.exists():
        raise UserError(f"{path}: no such file")
    from .ledgers.read import UnreadableFile, decode_text

    try:
        return decode_text(file.read_bytes(), path)[0]
    except UnreadableFile as error:
        raise UserError(str(error)) from None


# --- commands ----------------------------------------------------------------------------


def cmd_summary(args) -> int:
    from .gazetteer import load_gazetteer
    from .sources import shipped_facts

    gazetteer = load_gazetteer()
    facts = shipped_facts()
    villages = gazetteer.villages
    print("zhaodong: embedded default data")
    print(
        f"  gazetteer: {(villages['level'] == 'village').sum()} villages, "
        f"{(villages['level'] == 'community').sum()} communities in {len(gazetteer.towns)} township-level units"
    )
    print(
        f"  published facts: {len(facts)} figures from {facts['source_id'].nunique()} sources, "
        f"{(facts['correction_rule'] != '').sum()} with a correction"
    )
    money = facts[(facts["kind"] == "money") & facts["source_id"].eq("hljrb-2022-08-02")]
    for row in money.itertuples():
        bound = {"at_least": "≥ ", "approx": "≈ ", "at_most": "≤ "}.get(row.qualifier, "")
        period = f" per {row.period}" if isinstance(row.period, str) else ""
        print(
            f"  {row.id:<22} {row.raw!r:<34} -> {bound}¥{row.low:,.0f}{period}"
            + (f"  [{row.correction_rule}]" if row.correction_rule else "")
        )
    return 0


def cmd_facts(args) -> int:
    from .sources import load_facts

    facts = load_facts(args.facts, args.sources)
    if args.format == "table":
        facts = facts[
            [
                "id",
                "raw",
                "low",
                "high",
                "qualifier",
                "unit",
                "period",
                "metric",
                "entity_name",
                "correction_rule",
                "source_id",
            ]
        ]
    _write_table(facts, args.format)
    return 0


def cmd_extract(args) -> int:
    from .sources import extract_figures

    figures = extract_figures(_read_text(args.file))
    if args.kind:
        figures = figures[figures["kind"].isin(args.kind)]
    if args.format == "table":
        figures = figures[["paragraph", "raw", "kind", "low", "high", "qualifier", "unit", "period", "metric_words"]]
    _write_table(figures, args.format)
    return 0


def cmd_parse(args) -> int:
    from .parsing import parse_amounts

    values = args.text if args.text else [line.rstrip("\n") for line in sys.stdin]
    frame = parse_amounts(pd.Series(values, dtype=object))
    frame.insert(0, "raw", values)
    _write_table(frame, args.format)
    return 0


def _store(args):
    from .config import store_path

    return store_path(args.store)


def _existing_store(args):
    """The store for a command that never creates one: a missing store is an error (a typo in
    --store must not build a new, empty store)."""
    path = _store(args)
    if not path.exists():
        raise UserError(f"{path}: no store here; `zhaodong build` creates one (check --store or $ZHAODONG_STORE)")
    return path


def _print_report(report: dict, out=None) -> None:
    out = out or sys.stdout
    cells = report.get("cells_quarantined", 0)
    print(
        f"{report['file']}: {report['rows_read']} rows read: {report['rows_clean']} clean, "
        f"{report['rows_quarantined']} quarantined ({cells} value{'' if cells == 1 else 's'} not loaded), "
        f"{report['rows_skipped']} skipped",
        file=out,
    )
    for entry in report["quarantine"]:
        column = f" column {entry['column']!r}" if entry["column"] else ""
        value = f" value {entry['value']!r}" if entry["value"] else ""
        print(f"  quarantined: sheet {entry['sheet']!r} row {entry['row']}{column}{value}: {entry['reason']}", file=out)
    for entry in report["skipped"]:
        print(f"  skipped: sheet {entry['sheet']!r} row {entry['row']}: {entry['reason']}", file=out)
    for warning in report["warnings"]:
        print(f"  warning: {warning}", file=out)
    for entry in report.get("ignored_columns", []):
        print(f"  column not read: sheet {entry['sheet']!r} column {entry['column']!r}: {entry['reason']}", file=out)
    if report.get("recipe"):
        recipe = report["recipe"]
        sheets = ", ".join(recipe["sheets"]) or "none"
        print(f"  read with the recipe {recipe['source']} (sheets: {sheets})", file=out)
    for offer in report.get("recipes_offered", []):
        print(
            f"  a reading recipe fits this file's header: ingest #{offer['ingest_id']} ({offer['file']}, sheets "
            f"{', '.join(offer['sheets'])}); use it with --recipe ingest:{offer['ingest_id']}",
            file=out,
        )


def cmd_build(args) -> int:
    from .demo import DemoParameters
    from .demo.scale import SCALES
    from .store import build

    if args.synthetic_scale and args.no_demo:
        raise UserError("--synthetic-scale adds SYNTHETIC villages to the demo panel: it cannot go with --no-demo")
    villages = SCALES[args.synthetic_scale] if args.synthetic_scale else None
    parameters = DemoParameters() if args.seed is None else DemoParameters(seed=args.seed)
    outcome = build(
        _store(args),
        demo=not args.no_demo,
        parameters=parameters,
        replace_unreadable=args.replace,
        synthetic_villages=villages,
    )
    kind = (
        "published sources only"
        if args.no_demo
        else f"published sources and the SYNTHETIC demo panel (seed {parameters.seed})"
    )
    if villages:
        kind += f", at {args.synthetic_scale} scale: {villages:,} villages, all but Zhaodong's 186 SYNTHETIC"
    print(f"built {outcome.path}: {kind}")
    if outcome.kept_ingests:
        print(f"kept the {outcome.kept_ingests} ingested ledger(s) of the store it replaced, with their history")
    if outcome.backup:
        print(f"the replaced store is copied to {outcome.backup}")
    return 0


def cmd_upgrade(args) -> int:
    from .store import SCHEMA_VERSION, upgrade_store

    path = _existing_store(args)
    backup = upgrade_store(path)
    if backup == path:
        print(f"{path}: schema {SCHEMA_VERSION} already; nothing to do")
    else:
        print(f"upgraded {path} to schema {SCHEMA_VERSION}; the store as it was is copied to {backup}")
    return 0


def cmd_backup(args) -> int:
    from .store import backup_store

    print(f"backed up {_existing_store(args)} to {backup_store(_existing_store(args), args.destination)}")
    return 0


def cmd_ingests(args) -> int:
    from .store import open_store

    with open_store(_existing_store(args)) as store:
        _write_table(store.ingests(), args.format)
    return 0


def cmd_revert(args) -> int:
    from .store import revert_ingest

    result = revert_ingest(_existing_store(args), args.ingest_id)
    print(
        f"reverted ingest #{result['ingest_id']}: {result['values_withdrawn']} value(s) withdrawn, and what they "
        "had replaced is current again (nothing is deleted; `zhaodong ingests` shows the history)"
    )
    return 0


def cmd_validate(args) -> int:
    from .ingest import validate_file
    from .ledgers import UnreadableFile

    recipe = _recipe(args)
    try:
        report = validate_file(
            args.file,
            headers=args.headers,
            store_path=_store(args),
            accept_outliers=args.accept_outliers,
            recipe=recipe,
            whole_report=bool(args.report_file),
        )
    except UnreadableFile as error:
        raise UserError(str(error)) from None
    if args.write_recipe:
        _write_recipe(report, args.write_recipe)
    _show_report(report, args)
    return 0


def _show_report(report: dict, args) -> None:
    """The report as text or JSON: every count, at most EXAMPLES_PER_REASON entries of each reason
    (a large file's report would otherwise be larger than the file); `--report-file` writes the
    whole report as JSON."""
    from .ledgers.report_summary import summarised

    if args.report_file:
        with open(args.report_file, "w", encoding="utf-8") as handle:
            json.dump(report, handle, ensure_ascii=False, indent=1)
        print(f"wrote the whole report to {args.report_file}", file=sys.stderr)
    shown = summarised(report)
    if args.json:
        json.dump(shown, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        _print_report(shown)
    cut = shown.get("summarised", {}).get("lists", {})
    if cut:
        left = sum(part["entries"] - part["kept"] for part in cut.values())
        hint = "" if args.report_file else "; --report-file FILE writes them all"
        print(
            f"{left:,} more entries not shown (at most {shown['summarised']['examples_per_reason']} per reason){hint}",
            file=sys.stderr,
        )


def _recipe(args):
    """The --recipe given: a file, or `ingest:N` for the recipe stored with ingest N."""
    from .ledgers.recipe import RecipeError, load_recipe, parse_recipe

    if not getattr(args, "recipe", None):
        return None
    try:
        if args.recipe.startswith("ingest:"):
            from .store import open_store

            number = args.recipe.removeprefix("ingest:")
            with open_store(_existing_store(args)) as store:
                stored = {i: r for i, _, r in store.ingest_recipes()}
            if not number.isdigit() or int(number) not in stored:
                raise UserError(f"--recipe {args.recipe}: no standing ingest #{number} read with a recipe")
            return parse_recipe(stored[int(number)]["content"], args.recipe)
        return load_recipe(args.recipe)
    except RecipeError as error:
        raise UserError(str(error)) from None


def _write_recipe(report: dict, path: str) -> None:
    from .ledgers.recipe import recipe_from_report

    recipe = recipe_from_report(report)
    try:
        Path(path).write_text(json.dumps(recipe, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    except OSError as error:
        raise UserError(f"{path}: cannot write the recipe ({error.strerror})") from None
    print(f"wrote the reading recipe of {len(recipe['sheets'])} sheet(s) to {path}", file=sys.stderr)


def cmd_ingest(args) -> int:
    from .ingest import ingest_file
    from .ledgers import UnreadableFile
    from .store import StoreError

    recipe = _recipe(args)
    try:
        outcome = ingest_file(
            _store(args),
            args.file,
            headers=args.headers,
            accept_outliers=args.accept_outliers,
            recipe=recipe,
            whole_report=bool(args.report_file),
        )
    except (UnreadableFile, StoreError) as error:
        raise UserError(str(error)) from None
    _show_report(outcome.report, args)
    if outcome.status == "unchanged":
        print(f"already ingested as #{outcome.ingest_id} (same sha256); nothing changed", file=sys.stderr)
    else:
        print(f"ingested as #{outcome.ingest_id} into {_store(args)}", file=sys.stderr)
    return 0


def cmd_export(args) -> int:
    from .store import TABLES, StoreError, export_table

    if args.table not in TABLES:
        raise UserError(f"no table {args.table!r}; tables: {', '.join(TABLES)}")
    output = args.output or f"{args.table}.{args.format}"
    try:
        export_table(_existing_store(args), args.table, args.format, output)
    except StoreError as error:
        raise UserError(str(error)) from None
    print(f"wrote {output}", file=sys.stderr)
    return 0


def cmd_estimate(args) -> int:
    """The award effect as the Trends page and the notebooks give it, from the store's data."""
    from .analysis import award_effect, award_panel
    from .study import load_dashboard_data
    from .vocabulary import default_comparison

    data = load_dashboard_data(_existing_store(args), args.data)
    comparison = default_comparison(args.aspect)
    panel = award_panel(data.outcomes, data.red_flags, args.outcome, aspect=args.aspect, comparison=comparison)
    cluster = "town" if args.cluster == "town" else "village_code"
    estimate = award_effect(panel, cluster=cluster)
    synthetic = bool(len(panel)) and bool(panel["is_synthetic"].any())
    result = {**estimate.as_dict(), "outcome": args.outcome, "aspect": args.aspect, "synthetic": synthetic}
    if args.format == "json":
        print(json.dumps(result, ensure_ascii=False, default=list))
        return 0
    if synthetic:
        print("data: SYNTHETIC (the demo panel); load ledgers for real estimates")
    if estimate.reason:
        print(f"no estimate: {estimate.reason}")
        return 0
    interval = f"[{estimate.ci_low:+.4f}, {estimate.ci_high:+.4f}]" if estimate.ci_low is not None else "none"
    print(
        f"{args.outcome} ({args.aspect}): {estimate.estimate:+.4f} log points, 95% CI {interval}, p {estimate.p_value:.4g}"
    )
    print(f"  method: {estimate.method}")
    print(f"  errors: {estimate.convention}")
    print(
        f"  {estimate.n_villages} villages ({estimate.n_treated} flagged), {estimate.n_obs} village-years, {estimate.clusters} clusters"
    )
    for warning in estimate.warnings:
        print(f"  warning: {warning}")
    return 0


def cmd_dashboard(args) -> int:
    from dashboard.app import run

    from .store import ensure_store

    path = ensure_store(_store(args), announce=lambda sentence: print(sentence, file=sys.stderr))
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

    for add_commands in (_store_commands, _ledger_commands, _service_commands, _reading_commands):
        add_commands(command, formats)
    return parser


def _store_commands(command, formats: list[str]) -> None:
    """build, upgrade, backup, ingests, revert: the store and its ledgers."""
    build = command(
        "build",
        help="create the store from the shipped sources",
        description="Create the store from the shipped sources: gazetteer, published "
        "facts and red flags, and (unless --no-demo) the labelled SYNTHETIC "
        "demo panel. Replaces an existing store only when the build succeeds.",
    )
    build.add_argument("--no-demo", action="store_true", help="without the synthetic demo panel")
    build.add_argument(
        "--seed", type=int, default=None, help="seed of the demo panel (default: the generator's, DemoParameters.seed)"
    )
    build.add_argument(
        "--synthetic-scale",
        choices=["province", "nation"],
        help="add SYNTHETIC villages (labelled 合成) up to a province's 10,000 or the nation's 490,000, "
        "ten years each, to test and measure the dashboard at that scale",
    )
    build.add_argument(
        "--replace",
        action="store_true",
        help="replace a store that cannot be read (damaged, or another program's), after copying "
        "it beside itself; a readable store's ledgers are always kept",
    )
    build.set_defaults(run=cmd_build)

    upgrade = command(
        "upgrade",
        help="upgrade an older store to this version's schema",
        description="Upgrade a store written by an older zhaodong, keeping every row, after copying "
        "it beside itself. Other commands and the dashboard do this by themselves.",
    )
    upgrade.set_defaults(run=cmd_upgrade)

    backup = command(
        "backup",
        help="copy the store, consistently, to a file or folder",
        description="Copy the store to DESTINATION (a file, or a folder where a dated name is "
        "chosen), with no write under way, and check that the copy opens.",
    )
    backup.add_argument("destination")
    backup.set_defaults(run=cmd_backup)

    ingests = command(
        "ingests",
        help="list the ingested ledgers",
        description="List every ingested ledger, newest first: file, time, counts and status.",
    )
    ingests.add_argument("--format", choices=formats, default="table", help="output format (default: table)")
    ingests.set_defaults(run=cmd_ingests)

    revert = command(
        "revert",
        help="take one ingested ledger back",
        description="Withdraw the values and flags of one ingest; what they had replaced is current "
        "again. Nothing is deleted: the ingest is marked reverted.",
    )
    revert.add_argument("ingest_id", type=int, metavar="INGEST_ID", help="its number (see `zhaodong ingests`)")
    revert.set_defaults(run=cmd_revert)


def _ledger_commands(command, formats: list[str]) -> None:
    """validate and ingest: a ledger file."""
    ledger_commands = {
        "validate": (
            "check a ledger file; writes nothing",
            cmd_validate,
            "Read a ledger (CSV in UTF-8/GBK, XLSX, XLS) and report what ingest would do: clean, "
            "quarantined and skipped rows. Exit 2 if the file cannot be read at all.",
        ),
        "ingest": (
            "load a ledger file into the store",
            cmd_ingest,
            "Load a ledger into the store in one transaction. The same file again changes nothing; a "
            "corrected file supersedes earlier values, which stay queryable with their ingest.",
        ),
    }
    for name, (summary, run, description) in ledger_commands.items():
        ledger = command(name, help=summary, description=description)
        ledger.add_argument("file")
        ledger.add_argument("--json", action="store_true", help="print the report as JSON")
        ledger.add_argument(
            "--report-file",
            metavar="FILE",
            help="write the whole report as JSON to FILE (what is printed keeps every count and at most "
            "50 entries of each reason)",
        )
        ledger.add_argument(
            "--headers", metavar="CSV", help="your own header mapping (columns header, field), added to the shipped one"
        )
        ledger.add_argument(
            "--accept-outliers",
            action="store_true",
            help="keep values more than 1,000 times their column's median (a likely unit slip) "
            "instead of quarantining them; each kept one is named in a warning",
        )
        ledger.add_argument(
            "--recipe",
            metavar="R.json",
            help="read the file as this reading recipe says (written by --write-recipe and edited), "
            "or ingest:N for the recipe stored with ingest N",
        )
        if name == "validate":
            ledger.add_argument(
                "--write-recipe",
                metavar="R.json",
                help="write the layout the reader inferred as a reading recipe, to edit and give back with --recipe",
            )
        ledger.set_defaults(run=run)


def _service_commands(command, formats: list[str]) -> None:
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


def _reading_commands(command, formats: list[str]) -> None:
    """summary, facts, extract, parse: the published figures and the figure parser."""
    summary = command(
        "summary",
        help="summarise the embedded default data",
        description="Summarise the embedded default data: gazetteer and published facts.",
    )
    summary.set_defaults(run=cmd_summary)

    facts = command(
        "facts",
        help="print the published-facts registry",
        description="Print every published figure: raw string, cleaned reading, correction and source.",
    )
    facts.add_argument("--format", choices=formats, default="table", help="output format (default: table)")
    facts.add_argument("--facts", help="a facts CSV of your own instead of the shipped registry")
    facts.add_argument("--sources", help="a sources CSV of your own instead of the shipped one")
    facts.set_defaults(run=cmd_facts)

    estimate = command(
        "estimate",
        help="the award effect on an outcome, from the store",
        description="The award effect, as the Trends page gives it: two-way fixed effects with awards in "
        "one year, the imputation estimator with awards in several; errors clustered by village or town.",
    )
    estimate.add_argument("--outcome", default="collective_income", help="metric (default: collective_income)")
    estimate.add_argument("--aspect", default="any", help="red-flag aspect, or any (default)")
    estimate.add_argument(
        "--cluster", choices=["village", "town"], default="village", help="clusters (default: village)"
    )
    estimate.add_argument(
        "--data",
        choices=["auto", "ledgers", "with_demo", "demo"],
        default="auto",
        help="data selection (default auto: the ledgers once there are any, else the demo)",
    )
    estimate.add_argument("--format", choices=["table", "json"], default="table", help="output format")
    estimate.set_defaults(run=cmd_estimate)

    extract = command(
        "extract",
        help="list every figure in a report's text",
        description="List every figure in a report (Chinese or English): sentence, "
        "raw string, reading and the metric words near it. Text after "
        "a '- END -' line is not read.",
    )
    extract.add_argument("file", help="a text file (UTF-8 or GB18030)")
    extract.add_argument("--format", choices=formats, default="table", help="output format (default: table)")
    extract.add_argument(
        "--kind",
        action="append",
        choices=["money", "count", "area", "year", "number"],
        help="only figures of this kind (repeatable)",
    )
    extract.set_defaults(run=cmd_extract)

    parse = command(
        "parse",
        help="read figure strings",
        description="Read figure strings given as arguments (or one per line on "
        "standard input) and print their readings.",
    )
    parse.add_argument("text", nargs="*", help="figure strings, e.g. 30余万元 '2620 million yuan'")
    parse.add_argument("--format", choices=formats, default="table", help="output format (default: table)")
    parse.set_defaults(run=cmd_parse)


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
    from .store import StoreError

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


if __name__ == "__main__":
    sys.exit(main())
