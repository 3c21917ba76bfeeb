"""What each figure frame shows for a selection: figure, table, caption. Used by the page
layouts (first paint) and by the callbacks (every change), so both show the same thing."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from dash import dcc, html

from zhaodong_data.analysis import CAVEAT, award_effect, award_event_study, award_panel, compare_groups
from zhaodong_data.analysis.cohorts import cohorts_of
from zhaodong_data.analysis.compare import MIN_GROUP
from zhaodong_data.analysis.sensitivity import pretrend_power, relative_magnitudes_breakdown, relative_magnitudes_set
from zhaodong_data.figures import (
    STRINGS,
    DashboardData,
    aspects_figure,
    award_years_of,
    bands_figure,
    city_summary,
    compare_figure,
    comparison_frame,
    event_study_figure,
    flag_counts,
    format_amount,
    format_reading,
    format_time,
    income_band_table,
    metric_name,
    program_figures,
    publisher_name,
    synthetic_share,
    text,
    town_summary,
    towns_figure,
    trend_frame,
    trends_figure,
    village_figure,
    village_profile,
    with_footnote,
)
from zhaodong_data.figures.headlines import compare_headline, towns_headline
from zhaodong_data.ledgers.reasons import localized, render, warning_sentence
from zhaodong_data.metrics import is_money, missing_means
from zhaodong_data.sources.corrections import correction_reason
from zhaodong_data.vocabulary import ASPECTS

from .components import graph_config, grid, table_of

QUALIFIERS = ("exact", "approx", "at_least", "at_most", "range")


def source_label(data: DashboardData, lang: str) -> str:
    return text({"ledgers": "source_ledgers", "with_demo": "source_with_demo"}.get(data.selection, "source_demo"), lang)


def flag_counts_note(data: DashboardData, lang: str) -> str:
    """What the flag counts beside it count: synthetic, real (and where from), or both."""
    placed = data.red_flags[data.red_flags["village_code"].notna()]
    synthetic = int(placed["is_synthetic"].astype(bool).sum())
    real = len(placed) - synthetic
    if synthetic and not real:
        return text("flag_counts_demo", lang)
    if synthetic:
        return text("flag_counts_mixed", lang, real=real, synthetic=synthetic)
    from_ledgers = int(placed["ingest_id"].notna().sum()) if "ingest_id" in placed else 0
    return text("flag_counts_real", lang, published=real - from_ledgers, ledger=from_ledgers)


def with_unit(label: str, lang: str, money: bool) -> str:
    """A column header with its unit, for amounts."""
    return f"{label}{text('unit_header_money', lang)}" if money else label


def number_labels(lang: str, money: bool) -> tuple[str, str, str]:
    """Headers of a selection's low, high and point value, with their unit."""
    return tuple(with_unit(text(key, lang), lang, money) for key in ("col_low", "col_high", "col_point"))


def selection_table(frame: pd.DataFrame, outcome: str, lang: str) -> pd.DataFrame:
    """The current selection as people read it (and download it): one row per village."""
    money = is_money(outcome)
    qualifier_text = {q: text(f"qualifier_{q}", lang) for q in QUALIFIERS}
    aspect_text = {a: text(a, lang) for a in ASPECTS}
    low, high, value = (frame[c].to_numpy(dtype=float) for c in ("low", "high", "value"))
    qualifiers = frame["qualifier"].to_numpy(dtype=object)
    synthetic = frame["is_synthetic"].to_numpy(dtype=object)
    absent = text("not_applicable", lang) if missing_means(outcome) == "not_applicable" else "—"
    return pd.DataFrame(
        {
            text("village", lang): frame["name_short"] if lang == "zh" else frame["name_pinyin"],
            text("town", lang): frame["town_name"] if lang == "zh" else frame["town_pinyin"],
            text("col_code", lang): frame["code"],
            text("flag_status", lang): [
                text("flagged" if f else "not_flagged", lang) for f in frame["flagged"].to_numpy()
            ],
            text("aspect", lang): [
                ", ".join(aspect_text[a] for a in aspects.split(",") if a)
                for aspects in frame["aspects"].to_numpy(dtype=object)
            ],
            text("year", lang): frame["year"],
            text("col_rank_city", lang): frame["rank_city"].astype("Float64"),
            text("col_rank_in_town", lang): frame["rank_in_town"].astype("Float64"),
            text("value", lang): [
                format_reading(lo, hi, q, lang, money) if v == v else absent
                for lo, hi, q, v in zip(low, high, qualifiers, value)
            ],
            **dict(zip(number_labels(lang, money), (low, high, value))),
            text("qualifier", lang): [qualifier_text.get(q, "") if isinstance(q, str) else "" for q in qualifiers],
            text("raw", lang): frame["raw"],
            text("data_kind", lang): [
                "" if s is None or s != s else text("synthetic" if s else "real", lang) for s in synthetic
            ],
        }
    )


def grid_table(table: pd.DataFrame, lang: str, money: bool, ranked=None) -> tuple[list[dict], list[dict]]:
    """A selection table on the page: the value column sorts on the point value (a bound on its
    bound, a range on its middle) and shows the reading with its qualifier; the ranks say among
    how many villages with a value (`ranked`: (in the city, in each row's town)), sorting on
    the rank."""
    label, (low, high, point) = text("value", lang), number_labels(lang, money)
    value = with_unit(label, lang, money)
    shown = {value: table[label].tolist()}
    if ranked is not None:
        for column, counts in zip((text("col_rank_city", lang), text("col_rank_in_town", lang)), ranked, strict=True):
            shown[column] = [
                "" if pd.isna(rank) else text("rank_of", lang, rank=int(rank), n=int(n))
                for rank, n in zip(table[column].tolist(), counts, strict=True)
            ]
    table = table.assign(**{label: table[point]}).drop(columns=[low, high, point]).rename(columns={label: value})
    return table_of(table, [(c, c) for c in table.columns], shown, verbatim=(text("raw", lang),))


def selection_sentence(
    data: DashboardData, outcome: str, aspect: str, towns, year, comparison_group: str, lang: str
) -> str:
    """What the Compare view was drawn for, in words: printed and exported with it (the controls
    themselves are not printed)."""
    names = data.towns.set_index("code")["name_zh" if lang == "zh" else "name_pinyin"].to_dict()
    parts = [
        metric_name(outcome, lang),
        text("any_flag" if not aspect or aspect == "any" else aspect, lang),
        ("、" if lang == "zh" else ", ").join(names.get(t, t) for t in towns) if towns else text("all_towns", lang),
        text("comparison_never" if comparison_group == "never" else "comparison_others", lang),
        f"{year}年" if lang == "zh" else str(year),
    ]
    return f"{text('selection_line', lang)}{' · '.join(parts)}"


def compare_view(
    data: DashboardData, outcome, aspect, towns, year, log, lang, comparison_group: str = "others"
) -> dict:
    frame = comparison_frame(data, outcome, aspect or "any", tuple(towns or ()), year, comparison_group)
    comparison = compare_groups(frame)
    money = is_money(outcome)
    ranked = (frame["ranked_city"].tolist(), frame["ranked_in_town"].tolist())  # among the whole city's, the town's
    rows, columns = grid_table(selection_table(frame, outcome, lang), lang, money, ranked)

    def amount(value):
        return format_amount(value, lang, money)

    colon, comma, (open_, close) = ("：", "，", "（）") if lang == "zh" else (": ", ", ", "()")
    stats = (
        f"{text('flagged', lang)}{colon}{text('median', lang)} {amount(comparison.median_flagged)}{comma}"
        f"{text('mean', lang)} {amount(comparison.mean_flagged)} · "
        f"{text('not_flagged', lang)}{colon}{text('median', lang)} {amount(comparison.median_other)}{comma}"
        f"{text('mean', lang)} {amount(comparison.mean_other)} · {text('difference', lang)} "
        f"{amount(comparison.difference)} {open_}{text('ci95', lang)} {amount(comparison.ci_low)} – "
        f"{amount(comparison.ci_high)}{close}"
    )
    if comparison.ci_refused == "too_few":
        stats = text(
            "no_ci_too_few", lang, n_flagged=comparison.n_flagged, n_other=comparison.n_other, minimum=MIN_GROUP
        )
    if aspect and aspect != "any":
        stats = (
            f"{stats} {text('compared_with_never' if comparison_group == 'never' else 'compared_with_others', lang)}"
        )
    key = "caption_not_applicable" if missing_means(outcome) == "not_applicable" else "caption"
    caption = text(
        key,
        lang,
        source=source_label(data, lang),
        n_flagged=comparison.n_flagged,
        n_other=comparison.n_other,
        n_missing=comparison.n_missing,
        n_not_exact=comparison.n_not_exact,
        updated=data.built_at,
    )
    year_shown = int(frame["year"].iloc[0]) if len(frame) and pd.notna(frame["year"].iloc[0]) else year
    selection = selection_sentence(data, outcome, aspect, tuple(towns or ()), year_shown, comparison_group, lang)
    figure = with_footnote(
        compare_figure(frame, comparison, outcome, lang, log=bool(log)),
        f"{selection} · "
        + footnote(
            data, lang, float(frame["is_synthetic"].fillna(False).astype(bool).mean()), text("caveat_short", lang)
        ),
    )
    return {
        "figure": figure,
        "rows": rows,
        "columns": columns,
        "caption": caption,
        "stats": stats,
        "caveat": CAVEAT[lang],
        "legend": text("compare_legend", lang),
        "selection": selection,
        "headline": compare_headline(comparison, outcome, year_shown, lang, comparison_group),
    }


def towns_table(summary: pd.DataFrame, outcome: str, lang: str, city: dict | None = None) -> pd.DataFrame:
    """Towns as ranked on the page, the whole city first (when given): n, flags, and the medians
    over all, red-flag and other villages with the number of villages each is taken over."""
    rows = summary
    if city is not None:
        rows = pd.concat(
            [
                pd.DataFrame(
                    [
                        {
                            **city,
                            "town_name": text("city_row", "zh"),
                            "town_pinyin": text("city_row", "en"),
                            "flags": int(summary["flags"].sum()),
                            "rank": pd.NA,
                            **{a: int(summary[a].sum()) for a in ASPECTS},
                        }
                    ]
                ),
                summary,
            ],
            ignore_index=True,
        )
    table = pd.DataFrame(
        {
            text("col_rank", lang): rows["rank"].astype("Float64"),
            text("town", lang): rows["town_name"] if lang == "zh" else rows["town_pinyin"],
            text("villages_count", lang): rows["villages"],
            text("flagged_villages_count", lang): rows["flagged_villages"],
            text("flags_count", lang): rows["flags"],
        }
    )
    for aspect in ASPECTS:
        table[text(aspect, lang)] = rows[aspect]
    for median_label, count_label, column, count in _median_columns(outcome, lang):
        table[median_label] = rows[column].astype(float)
        table[count_label] = rows[count]
    return table


def _median_columns(outcome: str, lang: str) -> list[tuple[str, str, str, str]]:
    """(median header, count header, median column, count column) for all, red-flag and other villages."""
    unit = text("unit_inline_money", lang) if is_money(outcome) else ""
    return [
        (
            text("median_header", lang, group=text(key, lang), outcome=metric_name(outcome, lang), unit=unit),
            f"{text('col_n', lang)} · {text(key, lang)}",
            column,
            count,
        )
        for key, column, count in (
            ("town_median_all", "median", "with_value"),
            ("flagged", "median_flagged", "with_value_flagged"),
            ("not_flagged", "median_other", "with_value_other"),
        )
    ]


def towns_shown(table: pd.DataFrame, outcome: str, lang: str) -> dict[str, list[str]]:
    """Median cells as read: a median of one village says that it is that village's value."""
    money = is_money(outcome)
    return {
        m: [
            format_amount(v, lang, money) + (text("one_village_mark", lang) if n == 1 else "")
            for v, n in zip(table[m], table[c])
        ]
        for m, c, _, _ in _median_columns(outcome, lang)
    }


def towns_view(data: DashboardData, outcome, year, lang) -> dict:
    summary = town_summary(data, outcome, year)
    city = city_summary(data, outcome, year)
    table = towns_table(summary, outcome, lang, city)
    rows, columns = table_of(table, [(c, c) for c in table.columns], towns_shown(table, outcome, lang))
    with_value = int(summary["with_value"].sum())
    caption = text(
        "towns_caption",
        lang,
        source=source_label(data, lang),
        n_with=with_value,
        n_missing=int(summary["villages"].sum()) - with_value,
        updated=data.built_at,
    )
    return {
        "figure": with_footnote(
            towns_figure(summary, outcome, lang, city), footnote(data, lang, caveat=text("caveat_short", lang))
        ),
        "rows": rows,
        "columns": columns,
        "caption": caption,
        "headline": towns_headline(summary, city, outcome, lang),
        "legend": text("towns_legend", lang),
        "summary": summary,
        "city": city,
    }


def overview_view(data: DashboardData, lang) -> dict:
    counts = flag_counts(data)["by_aspect"]
    table = pd.DataFrame(
        {text("aspect", lang): [text(a, lang) for a in counts.index], text("flags_count", lang): counts.values}
    )
    rows, columns = table_of(table, [(c, c) for c in table.columns])
    share = data.red_flags["is_synthetic"].mean()
    colon, semicolon = ("：", "；") if lang == "zh" else (": ", "; ")
    caption = (
        f"{text('source', lang)}{colon}{source_label(data, lang)}{semicolon}"
        f"{text('flags_synthetic_share', lang, share=f'{share:.0%}')}"  # flags, not values: named apart
    )
    figure = with_footnote(aspects_figure(counts, lang, synthetic=bool(share > 0)), footnote(data, lang, float(share)))
    return {"figure": figure, "rows": rows, "columns": columns, "caption": caption}


def program_table(data: DashboardData) -> pd.DataFrame:
    return program_figures(data).drop(columns=["money"])


def small_table(frame: pd.DataFrame, columns: list[tuple[str, str]], lang: str, grid_id: str):
    if frame.empty:
        return html.P(text("none_yet", lang))
    rows, labelled = table_of(frame, [(c, text(key, lang)) for c, key in columns])
    return grid(grid_id, rows, labelled, lang, page_size=15)


FACT_COLUMNS = [
    ("id", "col_id"),
    ("raw", "raw"),
    ("literal_low", "col_literal"),
    ("low", "col_low"),
    ("high", "col_high"),
    ("qualifier", "qualifier"),
    ("unit", "col_unit"),
    ("period", "col_period"),
    ("source_id", "source"),
    ("paragraph", "col_paragraph"),
    ("attribution", "col_attribution"),
    ("correction_rule", "col_rule"),
    ("correction_reason", "col_reason"),
]
INGEST_COLUMNS = [
    ("id", "col_id"),
    ("file_name", "col_file"),
    ("at", "col_at"),
    ("rows_read", "col_rows_read"),
    ("rows_clean", "col_rows_clean"),
    ("rows_quarantined", "col_rows_quarantined"),
    ("rows_skipped", "col_rows_skipped"),
    ("status", "col_status"),
]
QUARANTINE_COLUMNS = [
    ("ingest_id", "col_id"),
    ("sheet", "col_sheet"),
    ("row", "col_row"),
    ("column", "col_column"),
    ("value", "value"),
    ("reason", "col_reason_quarantine"),
]


def register_table(facts: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The facts registry as a reader reads it: words in the page's language, amounts formatted
    (万/亿 or k/M); ids, raw strings as published and source ids stay as they are."""

    def word(prefix: str, value) -> str:
        if not isinstance(value, str) or not value:
            return ""
        key = f"{prefix}_{value}"
        return text(key, lang) if key in STRINGS else value

    def amount(value, unit) -> str:
        if value is None or value != value:
            return ""
        return format_amount(value, lang, unit == "CNY") if unit == "CNY" else f"{value:,.6g}"

    out = facts.copy()
    for column in ("literal_low", "low", "high"):
        out[column] = [amount(v, u) for v, u in zip(facts[column], facts["unit"])]
    out["qualifier"] = [word("qualifier", q) for q in facts["qualifier"]]
    out["unit"] = [word("unit", u) for u in facts["unit"]]
    out["period"] = [word("period", p) for p in facts["period"]]
    out["attribution"] = [word("attribution", a) for a in facts["attribution"]]
    out["correction_rule"] = [
        "；".join(word("rule", r) for r in str(rules).split(";") if r) if isinstance(rules, str) else ""
        for rules in facts["correction_rule"]
    ]
    out["correction_reason"] = [correction_reason(fact, lang) for fact in facts.to_dict("records")]
    return out


def sources_view(data: DashboardData, lang) -> dict:
    readable = register_table(data.facts, lang)
    amounts = ("literal_low", "low", "high")  # sort as numbers, read as 万/亿
    facts = readable.assign(**{c: pd.to_numeric(data.facts[c], errors="coerce") for c in amounts})
    rows, columns = table_of(
        facts, [(c, text(key, lang)) for c, key in FACT_COLUMNS], {c: readable[c].tolist() for c in amounts}
    )
    caption = text("sources_caption", lang, n=len(data.facts), k=data.facts["source_id"].nunique())
    return {
        "rows": rows,
        "columns": columns,
        "caption": caption,
        "ingests": small_table(
            data.ingests.assign(
                at=[format_time(t, lang) for t in data.ingests["at"]],
                status=[text(f"ingest_status_{status}", lang) for status in data.ingests["status"]],
            ),
            INGEST_COLUMNS,
            lang,
            "ingests-table",
        ),
        "quarantine": small_table(localized(data.quarantine, lang), QUARANTINE_COLUMNS, lang, "quarantine-table"),
        "share": text("sources_synthetic_share", lang, share=f"{synthetic_share(data):.0%}"),
    }


def villages_with_published_figures(data: DashboardData, lang: str) -> list[tuple[str, str]]:
    """(code, name) of the villages that published figures speak of: where to start."""
    codes = set(data.facts["entity_code"].dropna())
    villages = data.villages[data.villages["code"].isin(codes)].sort_values("code")
    names = villages["name_short"] if lang == "zh" else villages["name_pinyin"]
    return list(zip(villages["code"], names))


def _flag_text(flags: pd.DataFrame, lang: str) -> str:
    """A village's red flags in a line: aspect and year, synthetic ones marked."""
    return ("、" if lang == "zh" else ", ").join(
        (f"{text(a, lang)}（{y}年）" if lang == "zh" else f"{text(a, lang)} ({y})")
        + (f" · {text('synthetic', lang)}" if s else "")
        for a, y, s in zip(flags["aspect"], flags["year"], flags["is_synthetic"])
    ) or text("village_no_flags", lang)


def _village_table(outcomes: pd.DataFrame, lang: str) -> tuple[list, list]:
    """A village's values as grid rows and columns: the reading shown, the raw string verbatim."""
    table = pd.DataFrame(
        {
            text("outcome", lang): [metric_name(m, lang) for m in outcomes["metric"]],
            text("year", lang): outcomes["year"],
            text("value", lang): pd.to_numeric(outcomes["value"] if "value" in outcomes else outcomes["low"]),
            text("raw", lang): outcomes["raw"],
            text("data_kind", lang): [text("synthetic" if s else "real", lang) for s in outcomes["is_synthetic"]],
        }
    )
    readings = [
        format_reading(lo, hi, q, lang, u == "CNY")
        for lo, hi, q, u in zip(outcomes["low"], outcomes["high"], outcomes["qualifier"], outcomes["unit"])
    ]
    return table_of(
        table, [(c, c) for c in table.columns], {text("value", lang): readings}, verbatim=(text("raw", lang),)
    )


def _fact_reading(fact, lang: str) -> str:
    """A published figure's reading with its year, unit, 'per' and period."""
    if fact.kind == "year":
        return f"{fact.low:.0f}"
    money = fact.unit == "CNY"
    suffix = text("unit_suffix_mu", lang) if fact.unit == "mu" else ""
    per = text(f"per_{fact.per}", lang) if fact.per in ("mu", "person", "household") else ""
    period = text(f"per_{fact.period}", lang) if fact.period in ("year", "month", "day") else ""
    return f"{fact.year}: {format_reading(fact.low, fact.high, fact.qualifier, lang, money)}{suffix}{per}{period}"


def _published_items(facts: pd.DataFrame, lang: str) -> list:
    """Each published figure about the village: its words as printed, its reading, who and when,
    and any correction with its reason."""
    return [
        html.Li(
            f"“{r.raw}” — {metric_name(r.metric, lang)} {_fact_reading(r, lang)} · "
            f"{publisher_name(r.publisher, lang)} {r.date}"
            + (f" · {text('correction', lang)}: {correction_reason(r._asdict(), lang)}" if r.correction_reason else "")
        )
        for r in facts.itertuples()
    ]


def village_view(data: DashboardData, code, lang):
    if not code:
        return None
    if code not in set(data.villages["code"]):  # a crafted or stale code: say so, not a 500
        return html.P(text("no_such_village", lang, code=str(code)[:40]), className="notice")
    profile = village_profile(data, code)
    village = profile["village"]
    name = village["name_short"] if lang == "zh" else village["name_pinyin"]
    flags, outcomes = profile["flags"], profile["outcomes"]
    rows, columns = _village_table(outcomes, lang)
    published = _published_items(profile["facts"], lang)
    figure = village_figure(
        outcomes,
        name,
        lang,
        benchmarks=profile["benchmarks"],
        award_years=sorted(set(flags["year"].dropna().astype(int))),
        published=profile["facts"][profile["facts"]["kind"] != "year"],
    )
    town = village["town_name"] if lang == "zh" else village["town_pinyin"]
    return html.Div(
        [
            html.H2(f"{name} · {town} · {village['code']}", id="village-name"),
            html.P(
                [html.Strong(f"{text('village_flags', lang)}{'：' if lang == 'zh' else ': '}"), _flag_text(flags, lang)]
            ),
            html.Div(
                dcc.Graph(id="village-graph", config=graph_config(lang, f"zhaodong-{code}"), figure=figure),
                role="figure",
                **{"aria-labelledby": "village-name"},
            ),
            grid("village-table", rows, columns, lang, page_size=20),
            html.H3(text("village_published", lang)),
            html.Ul(published, id="village-published", className="verbatim")
            if published
            else html.P(text("none_yet", lang)),
        ]
    )


IGNORED_COLUMNS = [("sheet", "col_sheet"), ("column", "col_column"), ("reason", "col_reason_quarantine")]


def _has_flag_column(report: dict) -> bool:
    """Whether any sheet of a checked ledger has a red-flag column (红旗类别)."""
    return any(
        column.get("field") == "red_flag" for sheet in report.get("layout") or [] for column in sheet.get("columns", [])
    )


def upload_report(report: dict, filename: str, lang: str) -> list:
    """What a ledger's check says, in the page's language: counts, quarantined cells, warnings,
    columns not read."""
    counts = {key: report[key] for key in ("rows_read", "rows_clean", "rows_quarantined", "rows_skipped")}
    parts = [html.P(text("upload_report", lang, file=filename, **counts), id="upload-summary")]
    if report["quarantine"]:
        parts.append(html.P(text("upload_cells", lang, cells=report["cells_quarantined"])))
        parts.append(
            small_table(localized(report["quarantine"], lang), QUARANTINE_COLUMNS[1:], lang, "upload-quarantine-table")
        )
    parts += [html.P(warning_sentence(warning, lang), className="caption") for warning in report["warning_codes"]]
    if report["rows_clean"] and not _has_flag_column(report):
        parts.append(html.P(text("upload_no_flag_column", lang), id="upload-no-flags", className="notice"))
    if report["ignored_columns"]:
        ignored = pd.DataFrame(report["ignored_columns"])
        ignored["reason"] = [
            render(entry["code"], entry.get("params") or {}, lang, fallback=entry["reason"])
            for entry in report["ignored_columns"]
        ]
        parts += [
            html.H3(text("upload_ignored", lang)),
            small_table(ignored, IGNORED_COLUMNS, lang, "upload-ignored-table"),
        ]
    return parts


_SUPERSEDED_COLUMNS = [
    ("village_code", "village"),
    ("year", "year"),
    ("metric", "outcome"),
    ("raw_before", "col_before"),
    ("raw", "col_after"),
]
_FLAG_CHANGE_COLUMNS = [
    ("village_code", "village"),
    ("year", "year"),
    ("aspects_before", "col_before"),
    ("aspects_after", "col_after"),
]


def _superseded_part(changes: dict, names: dict, lang: str) -> list:
    """How many stored values the ledger replaces, and those whose reading changes."""
    parts = [
        html.P(text("preview_superseded", lang, n=changes["superseded"], changed=len(changes["superseded_changed"])))
    ]
    rows = pd.DataFrame(changes["superseded_changed"])
    if not rows.empty:
        rows["village_code"] = rows["village_code"].map(names)
        rows["metric"] = rows["metric"].map(lambda m: metric_name(m, lang))
        parts.append(small_table(rows, _SUPERSEDED_COLUMNS, lang, "preview-superseded-table"))
    return parts


def _flag_changes_part(changes: dict, names: dict, lang: str) -> list:
    """The villages and years whose red flags the ledger changes, before and after."""
    rows = pd.DataFrame(changes["flag_changes"])
    rows["village_code"] = rows["village_code"].map(names)
    for column in ("aspects_before", "aspects_after"):
        rows[column] = rows[column].map(lambda a: "、".join(text(x, lang) for x in a.split(",") if x) or "—")
    return [
        html.P(text("preview_flags", lang, n=len(rows))),
        small_table(rows, _FLAG_CHANGE_COLUMNS, lang, "preview-flags-table"),
    ]


def preview_view(changes: dict | None, data: DashboardData, lang: str) -> list:
    """What loading a checked ledger would change, in words and small tables."""
    if not changes:
        return []
    if changes["already_ingested"]:
        return [html.P(text("preview_already", lang), id="upload-preview")]
    names = data.villages.set_index("code")["name_short" if lang == "zh" else "name_pinyin"].to_dict()
    new_values = text(
        "preview_new",
        lang,
        new=changes["new_values"],
        villages=changes["villages"],
        years=", ".join(map(str, changes["years"])) or "—",
        metrics=", ".join(metric_name(m, lang) for m in changes["metrics"]) or "—",
    )
    parts = [html.H3(text("preview_title", lang)), html.P(new_values)]
    if changes["superseded"]:
        parts += _superseded_part(changes, names, lang)
    if changes["flag_changes"]:
        parts += _flag_changes_part(changes, names, lang)
    key = "preview_first" if changes["first_ledger"] else "preview_after"
    counts = {"before": changes["real_villages_before"], "after": changes["real_villages_after"]}
    parts.append(html.P(text(key, lang, **counts), className="notice"))
    return [html.Div(parts, id="upload-preview")]


def trends_table(trends: pd.DataFrame, outcome: str, lang: str) -> pd.DataFrame:
    groups = {"flagged": text("flagged", lang), "never": text("never_flagged", lang)}
    return pd.DataFrame(
        {
            text("year", lang): trends["year"],
            text("col_group", lang): trends["group"].map(groups),
            text("col_n", lang): trends["n"],
            **{
                text(key, lang): trends[column]
                for key, column in (("col_mean", "mean"), ("col_ci_low", "ci_low"), ("col_ci_high", "ci_high"))
            },
        }
    )


def amounts_shown(table: pd.DataFrame, columns, lang: str, money: bool) -> dict[str, list[str]]:
    """How a table's amount columns read (万/亿 or k/M) while the grid sorts on the numbers."""
    return {c: [format_amount(v, lang, money) for v in table[c]] for c in columns}


_REASONS_ZH = [  # the estimators' refusals (zhaodong_data.analysis.did), in Chinese
    (
        re.compile(r"(\d+) period\(s\) before and (\d+) after the award: at least (\d+) are needed on each side"),
        "授旗前仅 {0} 年、授旗后仅 {1} 年的数据：前后各需至少 {2} 年",
    ),
    (re.compile(r"no comparison group.*"), "没有对照组：所有村或没有村获旗"),
    (re.compile(r"the fixed effects absorb the treatment.*"), "固定效应吸收了处理变量（设计奇异）"),
    (re.compile(r"no observations"), "没有观测值"),
    (re.compile(r"more parameters than observations"), "参数多于观测值"),
    (re.compile(r"(\d+) villages \(at least (\d+) are needed\)"), "仅 {0} 个村（至少需要 {1} 个）"),
    (re.compile(r"cluster by town: the panel has no town_code.*"), "无乡镇代码，村代码也不是统计用区划代码"),
    (re.compile(r"cluster by (\S+): a village lies in more than one .*"), "有村分属不止一个聚类（{0}）"),
]


def reason_text(reason: str, lang: str) -> str:
    if lang != "zh":
        return reason
    for pattern, chinese in _REASONS_ZH:
        match = pattern.fullmatch(reason)
        if match:
            return chinese.format(*match.groups())
    return reason


def p_text(p) -> str:
    """A p-value as a table reports it: "= 0.042", "< 0.001" (never "= 0.000")."""
    if p is None or p != p:
        return "= —"
    return "< 0.001" if p < 0.001 else f"= {p:.3f}"


def _method(estimate, lang: str) -> str:
    return text("method_imputation" if "imputation" in estimate.method else "method_twfe", lang)


def _interval(estimate) -> str:
    return f"[{estimate.ci_low:+.3f}, {estimate.ci_high:+.3f}]" if estimate.ci_low is not None else "—"


def estimate_sentence(estimate, lang: str) -> str:
    """The award effect in one sentence, naming its estimator, or why there is none."""
    if estimate.reason:
        return text("twfe_refused", lang, reason=reason_text(estimate.reason, lang))
    method = _method(estimate, lang)
    if estimate.std_error is None:
        return text(
            "effect_bootstrap",
            lang,
            method=method,
            estimate=estimate.estimate,
            p=p_text(estimate.p_value),
            ci=_interval(estimate),
        )
    return text(
        "effect_result",
        lang,
        method=method,
        estimate=estimate.estimate,
        percent=float(np.expm1(estimate.estimate)),
        low=estimate.ci_low,
        high=estimate.ci_high,
        p=p_text(estimate.p_value),
        n_villages=estimate.n_villages,
        n_treated=estimate.n_treated,
        n_obs=estimate.n_obs,
    )


def town_sentence(estimate, lang: str) -> str:
    """The same estimate with errors clustered by town (the joint committees are town-based)."""
    if estimate.reason:
        return text("by_town_refused", lang, reason=reason_text(estimate.reason, lang))
    how = text("by_town_bootstrap" if estimate.std_error is None else "by_town_crv", lang)
    return text(
        "by_town", lang, clusters=estimate.clusters, how=how, ci=_interval(estimate), p=p_text(estimate.p_value)
    )


def sensitivity_sentence(study: dict, lang: str) -> str:
    """The pre-trend test's power and the relative-magnitudes robust set and breakdown, or ""
    without consecutive leads and post-award terms."""
    slope = pretrend_power(study.get("pretrend"))
    coefficients = study.get("coefficients")
    breakdown = relative_magnitudes_breakdown(coefficients)
    robust = relative_magnitudes_set(coefficients, mbar=1.0)
    if slope is None or breakdown is None or robust is None:
        return ""
    mbar = "∞" if breakdown == float("inf") else f"{breakdown:.2f}"
    if robust["low"] is None:
        shown = "∅"
    else:
        shown = f"[{robust['low']:.3f}, {robust['high']:.3f}]" + ("…" if robust["open"] else "")
    return text("sensitivity", lang, slope=slope, mbar=mbar, robust=shown)


def trends_view(data: DashboardData, outcome: str, aspect: str, lang: str) -> dict:
    """Means by year for flagged and never-flagged villages, the event study and the TWFE
    estimate (or why there is none), with the caveat."""
    aspect = aspect or "any"
    trends = trend_frame(data, outcome, aspect)
    table = trends_table(trends, outcome, lang)
    rows, columns = table_of(
        table, [(c, c) for c in table.columns], amounts_shown(table, table.columns[3:], lang, is_money(outcome))
    )
    panel = award_panel(
        data.outcomes,
        data.red_flags,
        outcome,
        aspect=aspect,
        comparison="others" if aspect == "any" else "never_flagged",
    )
    estimate = award_effect(panel)
    by_town = award_effect(panel, cluster="town") if estimate.reason is None else None
    study = award_event_study(panel, leads=3, lags=2) if estimate.reason is None else {"reason": estimate.reason}
    cohorts = cohorts_of(panel)
    dropped = panel.attrs.get("not_positive_dropped", 0)
    event = event_study_figure(study["terms"], lang) if study.get("reason") is None else None
    pretrend = study.get("pretrend")
    return {
        "figure": with_footnote(
            trends_figure(trends, outcome, award_years_of(data, aspect), lang),
            footnote(data, lang, caveat=text("caveat_short", lang)),
        ),
        "rows": rows,
        "columns": columns,
        "caption": text("trends_caption", lang, source=source_label(data, lang), updated=data.built_at),
        "event": event,
        "estimate": estimate_sentence(estimate, lang),
        "by_town": town_sentence(by_town, lang) if by_town is not None else "",
        "sensitivity": sensitivity_sentence(study, lang) if estimate.reason is None else "",
        "cohorts": " ".join(
            part
            for part in (
                text("cohorts_warning", lang, n=len(cohorts), years=", ".join(map(str, cohorts)))
                if len(cohorts) > 1 and estimate.reason is None
                else "",
                text("zeros_dropped", lang, n=dropped) if dropped else "",
            )
            if part
        ),
        "pretrend": text(
            "pretrend_result",
            lang,
            df1=pretrend["df1"],
            df2=pretrend["df2"],
            F=pretrend["F"],
            p=p_text(pretrend["p_value"]),
        )
        if pretrend
        else "",
        "convention": text("imputation_convention" if "imputation" in estimate.method else "twfe_convention", lang),
        "caveat": text("trends_caveat", lang),
        "table": trends,
    }


def footnote(data: DashboardData, lang: str, share_synthetic: float | None = None, caveat: str = "") -> str:
    """The line under an exported chart: source, data kind, and the caveat where the page shows one."""
    share = (
        share_synthetic
        if share_synthetic is not None
        else (float(data.outcomes["is_synthetic"].mean()) if len(data.outcomes) else 0.0)
    )
    parts = [
        f"{text('note_source', lang)}{'：' if lang == 'zh' else ': '}{source_label(data, lang)}",
        data_kind(share, lang),
    ]
    if caveat:
        parts.append(caveat)
    return " · ".join(parts)


def data_kind(share_synthetic: float, lang: str) -> str:
    if share_synthetic >= 1:
        return text("kind_synthetic", lang)
    if share_synthetic <= 0:
        return text("kind_real", lang)
    return text("kind_mixed", lang, share=share_synthetic)


def export_notes(
    data: DashboardData, lang: str, title: str, selection: str, caveat: str = "", synthetic_share: float | None = None
) -> dict[str, str]:
    """What an exported file says about itself, with stable keys (the CSV's extra columns); see
    `notes_for_sheet` for the XLSX's notes sheet."""
    from datetime import datetime, timezone

    share = (
        synthetic_share
        if synthetic_share is not None
        else (float(data.outcomes["is_synthetic"].mean()) if len(data.outcomes) else 0.0)
    )
    notes = {
        "title": title,
        "selection": selection,
        "source": source_label(data, lang),
        "data_kind": data_kind(share, lang),
        "caveat": caveat,
        "exported": format_time(datetime.now(timezone.utc), lang),
    }
    return notes


def notes_for_sheet(notes: dict[str, str], lang: str) -> dict[str, str]:
    return {text(f"note_{key}", lang): value for key, value in notes.items() if value}


def selection_csv(frame: pd.DataFrame) -> pd.DataFrame:
    """The Compare selection with stable column names (the same in both languages; documented in
    the README) and numbers as numbers."""
    return pd.DataFrame(
        {
            "code": frame["code"],
            "village_zh": frame["name_short"],
            "village_pinyin": frame["name_pinyin"],
            "town_zh": frame["town_name"],
            "town_pinyin": frame["town_pinyin"],
            "flagged": frame["flagged"],
            "aspects": frame["aspects"],
            "year": frame["year"],
            "low": frame["low"],
            "high": frame["high"],
            "value": frame["value"],
            "qualifier": frame["qualifier"],
            "unit": frame["unit"],
            "period": frame["period"],
            "raw": frame["raw"],
            "is_synthetic": frame["is_synthetic"],
            "source_id": frame["source_id"],
            "rank_city": frame["rank_city"],
            "rank_in_town": frame["rank_in_town"],
            "villages_in_town": frame["villages_in_town"],
        }
    )


def bands_caption(data: DashboardData, table: pd.DataFrame, lang: str) -> str:
    from zhaodong_data.bands import income_bands

    edges = "、".join if lang == "zh" else ", ".join
    total = table[table["group"].isin(["all", "city"])].iloc[0]
    award_year = table["award_year"].iloc[0]
    change = (
        text("bands_change_note", lang, year=int(award_year))
        if award_year == award_year and award_year
        else text("bands_no_award", lang)
    )
    return text(
        "bands_caption",
        lang,
        source=source_label(data, lang),
        edges=edges(format_amount(v, lang) for v in income_bands()["high_yuan"].iloc[:-1]),
        uncertain=int(total["uncertain"]),
        missing=int(total["no_value"]),
        change=change,
    )


def bands_view(data: DashboardData, metric: str, year, lang: str) -> dict:
    """Villages by income band, red-flag villages against the others and all: the chart, and a
    table with one row per group and band (count, share, count in the award year, change)."""
    from zhaodong_data.bands import NO_VALUE, UNCERTAIN, band_names, income_bands

    table = income_band_table(data, metric, year, by="flag")
    names = {**band_names(lang), UNCERTAIN: text("band_uncertain", lang), NO_VALUE: text("band_no_value", lang)}
    groups = {
        "flagged": text("flagged", lang),
        "others": text("not_flagged", lang),
        "all": text("town_median_all", lang),
    }
    award_year = table["award_year"].iloc[0]
    has_award = bool(award_year == award_year and award_year)
    long = []
    for row in table.to_dict("records"):
        for band in list(income_bands()["band"]) + [UNCERTAIN, NO_VALUE]:
            record = {
                "group": groups[row["group"]],
                "band": names[band],
                "count": int(row[band]),
                "share": row.get(f"share_{band}"),
            }
            if has_award and band in set(income_bands()["band"]):
                record["award"] = int(row[f"{band}_award"])
                record["change"] = int(row[f"{band}_change"])
            long.append(record)
    frame = pd.DataFrame(long)
    frame["share"] = pd.to_numeric(frame["share"], errors="coerce")
    labels = [
        ("group", text("col_group", lang)),
        ("band", text("col_band", lang)),
        ("count", text("villages_count", lang)),
        ("share", text("col_share", lang)),
    ]
    if has_award:
        labels += [
            ("award", text("col_award_count", lang, year=int(award_year))),
            ("change", text("col_change", lang, year=int(award_year))),
        ]
    shown = {"share": [f"{v:.0%}" if v == v else "—" for v in frame["share"]]}
    if has_award:
        shown["change"] = [f"{int(v):+d}" if v == v else "—" for v in frame["change"]]
        shown["award"] = ["—" if v != v else str(int(v)) for v in frame["award"]]
    rows, columns = table_of(frame, labels, shown)
    return {
        "figure": with_footnote(
            bands_figure(table, metric, lang), footnote(data, lang, caveat=text("caveat_short", lang))
        ),
        "rows": rows,
        "columns": columns,
        "caption": bands_caption(data, table, lang),
        "table": frame,
        "labels": labels,
    }


def town_bands_view(data: DashboardData, metric: str, year, lang: str) -> dict:
    """Villages by income band in each town and the city: a cell shows the count and its change
    since the award year (12（+3）)."""
    from zhaodong_data.bands import NO_VALUE, UNCERTAIN, band_names, income_bands

    table = income_band_table(data, metric, year, by="town")
    names = {**band_names(lang), UNCERTAIN: text("band_uncertain", lang), NO_VALUE: text("band_no_value", lang)}
    towns = data.towns.set_index("code")["name_zh" if lang == "zh" else "name_pinyin"].to_dict()
    towns["city"] = text("city_row", lang)
    order = ["city"] + [t for t in table["group"] if t != "city"]
    table = table.set_index("group").loc[order].reset_index()
    bands = list(income_bands()["band"])
    frame = pd.DataFrame(
        {
            "town": table["group"].map(towns),
            "villages": table["villages"],
            **{band: table[band] for band in bands + [UNCERTAIN, NO_VALUE]},
        }
    )
    has_change = f"{bands[0]}_change" in table
    shown = (
        {
            band: [
                f"{int(c)}（{int(d):+d}）" if lang == "zh" else f"{int(c)} ({int(d):+d})"
                for c, d in zip(table[band], table[f"{band}_change"])
            ]
            for band in bands
        }
        if has_change
        else {}
    )
    labels = [("town", text("town", lang)), ("villages", text("villages_count", lang))] + [
        (band, names[band]) for band in bands + [UNCERTAIN, NO_VALUE]
    ]
    rows, columns = table_of(frame, labels, shown)
    return {"rows": rows, "columns": columns, "caption": bands_caption(data, table, lang), "frame": frame}
