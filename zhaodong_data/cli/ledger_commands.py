"""validate and ingest: a ledger file read, checked and (ingest) loaded, each command's parser beside it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .common import UserError, existing_store, print_report, store_of


def cmd_validate(args) -> int:
    from ..ingest import validate_file
    from ..ledgers import UnreadableFile

    recipe = _recipe(args)
    try:
        report = validate_file(
            args.file,
            headers=args.headers,
            store_path=store_of(args),
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
    from ..ledgers.report_summary import summarised

    if args.report_file:
        with open(args.report_file, "w", encoding="utf-8") as handle:
            json.dump(report, handle, ensure_ascii=False, indent=1)
        print(f"wrote the whole report to {args.report_file}", file=sys.stderr)
    shown = summarised(report)
    if args.json:
        json.dump(shown, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print_report(shown)
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
    from ..ledgers.recipe import RecipeError, load_recipe, parse_recipe

    if not getattr(args, "recipe", None):
        return None
    try:
        if args.recipe.startswith("ingest:"):
            from ..store import open_store

            number = args.recipe.removeprefix("ingest:")
            with open_store(existing_store(args)) as store:
                stored = {i: r for i, _, r in store.ingest_recipes()}
            if not number.isdigit() or int(number) not in stored:
                raise UserError(f"--recipe {args.recipe}: no standing ingest #{number} read with a recipe")
            return parse_recipe(stored[int(number)]["content"], args.recipe)
        return load_recipe(args.recipe)
    except RecipeError as error:
        raise UserError(str(error)) from None


def _write_recipe(report: dict, path: str) -> None:
    from ..ledgers.recipe import recipe_from_report

    recipe = recipe_from_report(report)
    try:
        Path(path).write_text(json.dumps(recipe, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    except OSError as error:
        raise UserError(f"{path}: cannot write the recipe ({error.strerror})") from None
    print(f"wrote the reading recipe of {len(recipe['sheets'])} sheet(s) to {path}", file=sys.stderr)


def cmd_ingest(args) -> int:
    from ..ingest import ingest_file
    from ..ledgers import UnreadableFile
    from ..store import StoreError

    recipe = _recipe(args)
    try:
        outcome = ingest_file(
            store_of(args),
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
        print(f"ingested as #{outcome.ingest_id} into {store_of(args)}", file=sys.stderr)
    return 0


def add_commands(command, formats: list[str]) -> None:
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
