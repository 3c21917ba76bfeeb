"""What an ingest's stored report keeps: every count, and at most EXAMPLES_PER_REASON examples of
each reason in its long lists (quarantined cells, skipped rows, warnings), with how many there
were. A large ledger would otherwise store a copy of itself (a report of hundreds of megabytes)
in the store. `zhaodong validate` and `ingest` print this summary too; `--report-file FILE`
writes the whole report, and the quarantine table keeps every quarantined cell."""

from __future__ import annotations

EXAMPLES_PER_REASON = 50
LONG_LISTS = ("quarantine", "skipped", "warnings", "warning_codes")


def _reason(entry) -> str:
    if isinstance(entry, dict):
        return str(entry.get("code") or entry.get("reason") or "")
    return ""


def examples_of(reasons, examples: int = EXAMPLES_PER_REASON) -> tuple[list[int], dict[str, int]]:
    """Which entries a summary keeps, given each entry's reason in order: the indices of the
    first `examples` of each reason, and how many entries each reason has."""
    seen: dict[str, int] = {}
    kept = []
    for i, reason in enumerate(reasons):
        seen[reason] = seen.get(reason, 0) + 1
        if seen[reason] <= examples:
            kept.append(i)
    return kept, seen


def summarised(report: dict, examples: int = EXAMPLES_PER_REASON) -> dict:
    """The report with its long lists cut to `examples` entries per reason, and `summarised`
    saying, per list, how many entries it had and how many are kept. A list the report already
    holds as a summary (a ledger's quarantine, `ledgers/report.py`) is kept as it is."""
    summary = dict(report)
    cut = dict(report.get("summarised", {}).get("lists", {}))
    for key in LONG_LISTS:
        entries = report.get(key)
        if not isinstance(entries, list) or key in cut:
            continue
        kept, seen = examples_of((_reason(entry) for entry in entries), examples)
        if len(kept) < len(entries):
            cut[key] = {"entries": len(entries), "kept": len(kept), "per_reason": seen}
        summary[key] = [entries[i] for i in kept]
    if cut:
        summary["summarised"] = {"examples_per_reason": examples, "lists": cut}
    return summary
