"""What the commands share: one-line errors, tables in three formats, the store they work on, a reading report."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd


class UserError(Exception):
    """A problem the user can fix: printed as one line, exit status 2."""


def write_table(frame: pd.DataFrame, fmt: str, out=None) -> None:
    out = out or sys.stdout
    if fmt == "csv":  # a spreadsheet opens it: formula-shaped text (a file named =HYPERLINK(…)) is made inert
        from ..export import neutralise

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


def read_text(path: str) -> str:
    file = Path(path)
    if not file.exists():
        raise UserError(f"{path}: no such file")
    from ..ledgers.read import UnreadableFile, decode_text

    try:
        return decode_text(file.read_bytes(), path)[0]
    except UnreadableFile as error:
        raise UserError(str(error)) from None


def store_of(args):
    from ..config import store_path

    return store_path(args.store)


def existing_store(args):
    """The store for a command that never creates one: a missing store is an error (a typo in
    --store must not build a new, empty store)."""
    path = store_of(args)
    if not path.exists():
        raise UserError(f"{path}: no store here; `zhaodong build` creates one (check --store or $ZHAODONG_STORE)")
    return path


def print_report(report: dict, out=None) -> None:
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
