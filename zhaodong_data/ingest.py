"""Validate or ingest one ledger file: read and tidy it (ledgers), then write it (store)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .ledgers import limits, read_ledger
from .store import open_store, store_lock


@dataclass
class IngestOutcome:
    report: dict
    status: str  # ingested | unchanged
    ingest_id: int


def _reference(store) -> dict[str, list[float]]:
    """Values of the store's current ledgers by metric: the scale a new ledger is checked against."""
    frame = store.query(
        "SELECT metric, value FROM outcomes WHERE superseded_by IS NULL AND ingest_id IS NOT NULL AND value IS NOT NULL"
    )
    return {metric: group["value"].tolist() for metric, group in frame.groupby("metric")}


def validate_file(
    path,
    headers=None,
    label: str | None = None,
    store_path=None,
    accept_outliers: bool = False,
    recipe=None,
    whole_report: bool = False,
) -> dict:
    """The report for a ledger; writes nothing. With a store (if it exists), values are also
    checked against the scale of the ledgers already in it, and the recipes stored with earlier
    ingests whose header fits this file's are offered (`recipes_offered`). `whole_report`: list
    every quarantined cell (else at most EXAMPLES_PER_REASON of each reason). Raises UnreadableFile."""
    return check_file(
        path, headers, label, store_path, accept_outliers, preview=False, recipe=recipe, whole_report=whole_report
    )[0]


def check_file(
    path,
    headers=None,
    label: str | None = None,
    store_path=None,
    accept_outliers: bool = False,
    preview: bool = True,
    recipe=None,
    whole_report: bool = False,
) -> tuple[dict, dict | None]:
    """(report, changes) for a ledger, writing nothing: `changes` is what loading it into the
    store would change (see `preview_changes`), None without a store or without `preview`."""
    if store_path is None or not Path(store_path).exists():
        result = read_ledger(
            path,
            headers=headers,
            label=label,
            accept_outliers=accept_outliers,
            recipe=recipe,
            whole_report=whole_report,
        )
        return result.report, None
    with open_store(Path(store_path)) as store:
        result = read_ledger(
            path,
            headers=headers,
            label=label,
            reference=_reference(store),
            accept_outliers=accept_outliers,
            recipe=recipe,
            whole_report=whole_report,
        )
        if recipe is None:
            result.report["recipes_offered"] = recipes_offered(store, result.report)
        return result.report, preview_changes(store, result) if preview else None


def recipes_offered(store, report: dict) -> list[dict]:
    """Earlier ingests read with a recipe that has an entry for a header of this file."""
    signatures = {sheet.get("signature") for sheet in report.get("layout", [])} - {None, ""}
    offered = []
    for ingest_id, file_name, recipe in store.ingest_recipes():
        fits = sorted(s["sheet"] for s in recipe["content"]["sheets"] if s.get("signature") in signatures)
        if fits:
            offered.append({"ingest_id": ingest_id, "file": file_name, "sheets": fits, "digest": recipe["digest"]})
    return offered


def preview_changes(store, result) -> dict:
    """What ingesting `result` (a LedgerResult) into `store` would change, before it is done:
    the village-year-metrics that get real values, the current values it would supersede (and
    with what), the flags it would change, and what the dashboard shows afterwards."""
    if store.ingest_of(result.report["sha256"], (result.report.get("recipe") or {}).get("digest")) is not None:
        return {"already_ingested": True}
    records = result.records
    current = store.query("""SELECT village_code, year, metric, value, raw FROM outcomes
                             WHERE superseded_by IS NULL AND ingest_id IS NOT NULL""")
    keys = ["village_code", "year", "metric"]
    joined = (
        records[keys + ["value", "raw"]].merge(current, on=keys, how="left", suffixes=("", "_before"))
        if not records.empty
        else pd.DataFrame(columns=keys + ["value", "raw", "value_before", "raw_before"])
    )
    replaced = joined[joined["value_before"].notna()]
    changed = replaced[replaced["value"] != replaced["value_before"]]
    flags_before = store.query("""SELECT village_code, year, string_agg(aspect, ',' ORDER BY aspect) AS aspects
                                  FROM red_flags WHERE superseded_by IS NULL AND ingest_id IS NOT NULL GROUP BY ALL""")
    flags_after = (
        result.red_flags.sort_values("aspect")
        .groupby(["village_code", "year"])["aspect"]
        .agg(",".join)
        .rename("aspects")
        .reset_index()
        if not result.red_flags.empty
        else pd.DataFrame(columns=["village_code", "year", "aspects"])
    )
    coverage = result.flag_coverage.merge(flags_before, on=["village_code", "year"], how="left").merge(
        flags_after, on=["village_code", "year"], how="left", suffixes=("_before", "_after")
    )
    coverage = coverage.fillna({"aspects_before": "", "aspects_after": ""})
    flag_changes = coverage[coverage["aspects_before"] != coverage["aspects_after"]]
    real_villages_before = set(current["village_code"])
    real_villages_after = (
        real_villages_before | set(records["village_code"]) if not records.empty else real_villages_before
    )
    return {
        "already_ingested": False,
        "new_values": int(joined["value_before"].isna().sum()),
        "villages": int(records["village_code"].nunique()) if not records.empty else 0,
        "years": sorted(int(y) for y in records["year"].unique()) if not records.empty else [],
        "metrics": sorted(records["metric"].unique()) if not records.empty else [],
        "superseded": int(len(replaced)),
        "superseded_changed": changed[keys + ["raw_before", "raw"]].to_dict("records"),
        "flag_changes": flag_changes[["village_code", "year", "aspects_before", "aspects_after"]].to_dict("records"),
        "real_villages_before": len(real_villages_before),
        "real_villages_after": len(real_villages_after),
        "first_ledger": not real_villages_before,
    }


def ingest_file(
    store_path,
    path,
    headers=None,
    label: str | None = None,
    accept_outliers: bool = False,
    recipe=None,
    whole_report: bool = False,
) -> IngestOutcome:
    """Ingest a ledger in one transaction into an existing store. The same file read the same
    way (no recipe, or the same recipe) again changes nothing; the recipe is stored with the
    ingest, in its report. Raises UnreadableFile, or StoreError (no store, or it cannot be written)."""
    if not Path(store_path).exists():
        read_ledger(path, headers=headers, label=label, recipe=recipe)  # a bad file is said first
    with store_lock(store_path), open_store(Path(store_path), read_only=False) as store:
        result = read_ledger(
            path,
            headers=headers,
            label=label,
            reference=_reference(store),
            accept_outliers=accept_outliers,
            recipe=recipe,
            whole_report=whole_report,
        )
        existing = store.ingest_of(result.report["sha256"], recipe.digest if recipe is not None else None)
        if existing is not None:
            return IngestOutcome(result.report, "unchanged", existing)
        limits.check_budget("writing")  # the last moment a cancel stops it: then one transaction
        ingest_id = store.record_ingest(
            result.report, result.records, result.quarantine, result.red_flags, result.flag_coverage
        )
    return IngestOutcome(result.report, "ingested", ingest_id)
