"""summary, facts, estimate, extract, parse: what the shipped sources and the store say, each command's parser beside it."""

from __future__ import annotations

import json
import sys

import pandas as pd

from .common import existing_store, read_text, write_table


def cmd_summary(args) -> int:
    from ..gazetteer import load_gazetteer
    from ..sources import shipped_facts

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
    for row in money.to_dict("records"):
        bound = {"at_least": "≥ ", "approx": "≈ ", "at_most": "≤ "}.get(row["qualifier"], "")
        period = f" per {row['period']}" if isinstance(row["period"], str) else ""
        print(
            f"  {row['id']:<22} {row['raw']!r:<34} -> {bound}¥{row['low']:,.0f}{period}"
            + (f"  [{row['correction_rule']}]" if row["correction_rule"] else "")
        )
    return 0


def cmd_facts(args) -> int:
    from ..sources import load_facts

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
    write_table(facts, args.format)
    return 0


def cmd_extract(args) -> int:
    from ..sources import extract_figures

    figures = extract_figures(read_text(args.file))
    if args.kind:
        figures = figures[figures["kind"].isin(args.kind)]
    if args.format == "table":
        figures = figures[["paragraph", "raw", "kind", "low", "high", "qualifier", "unit", "period", "metric_words"]]
    write_table(figures, args.format)
    return 0


def cmd_parse(args) -> int:
    from ..parsing import parse_amounts

    values = args.text if args.text else [line.rstrip("\n") for line in sys.stdin]
    frame = parse_amounts(pd.Series(values, dtype=object))
    frame.insert(0, "raw", values)
    write_table(frame, args.format)
    return 0


def cmd_estimate(args) -> int:
    """The award effect as the Trends page and the notebooks give it, from the store's data."""
    from ..analysis import award_effect, award_panel
    from ..study import load_dashboard_data
    from ..vocabulary import default_comparison

    data = load_dashboard_data(existing_store(args), args.data)
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


def add_commands(command, formats: list[str]) -> None:
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
