"""The dashboard's (and notebooks') questions of the data.

`load_dashboard_data` reads the store once; everything else takes the frames it returns (a
`DashboardData`), so that it can be tested and reused without a database. Two exceptions, said
where they are: derived frames are memoised on the `DashboardData` (`_derived`), and
`find_villages` looks names up in the shipped gazetteer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

import numpy as np
import pandas as pd

from ..analysis.panel import flagged_codes
from ..gazetteer import load_gazetteer
from ..store import open_store
from ..vocabulary import ASPECTS

# quarantined cells a page lists (the store keeps them all; `zhaodong export --table quarantine`)
QUARANTINE_SHOWN = 500


@dataclass
class DashboardData:
    villages: pd.DataFrame  # village-level units only
    towns: pd.DataFrame  # towns that have villages
    red_flags: pd.DataFrame
    outcomes: pd.DataFrame  # the default view: ingested ledgers, else the synthetic demo
    facts: pd.DataFrame
    sources: pd.DataFrame
    ingests: pd.DataFrame
    quarantine: pd.DataFrame  # the latest QUARANTINE_SHOWN quarantined cells (Store.quarantine_latest)
    metrics: pd.DataFrame
    built_at: str
    quarantine_total: int = 0  # the quarantined cells the store holds, all of them
    selection: str = "demo"  # ledgers | with_demo | demo (zhaodong_data.store.SELECTIONS)
    has_ledgers: bool = False  # whether the store holds ingested ledgers (so a choice exists)
    _derived: dict = field(default_factory=dict, repr=False)

    @property
    def uses_ledgers(self) -> bool:
        return self.selection != "demo"

    @property
    def village_kinds(self) -> dict[str, int]:
        """Villages whose values shown are real (ledgers, published), synthetic, or missing."""
        if "kinds" not in self._derived:
            by_village = (
                self.outcomes.groupby("village_code")["is_synthetic"].all()
                if len(self.outcomes)
                else pd.Series(dtype=bool)
            )
            real = int((~by_village.astype(bool)).sum())
            synthetic = int(by_village.astype(bool).sum())
            self._derived["kinds"] = {
                "real": real,
                "synthetic": synthetic,
                "none": len(self.villages) - real - synthetic,
            }
        return self._derived["kinds"]

    @property
    def flag_table(self) -> pd.DataFrame:
        """flags_by_village, computed once: the flags do not change while the data are loaded."""
        if "flags" not in self._derived:
            self._derived["flags"] = flags_by_village(self.red_flags)
        return self._derived["flags"]

    @property
    def shows_synthetic(self) -> bool:
        """Whether any value or flag in use is synthetic (the dashboard then says so on every page)."""
        outcomes = bool(self.outcomes["is_synthetic"].any()) if not self.outcomes.empty else False
        return outcomes or bool(self.red_flags["is_synthetic"].astype(bool).any())


def load_dashboard_data(store_path, which: str = "auto") -> DashboardData:
    """The frames a page needs, for a data selection (`ledgers`, `with_demo`, `demo`; `auto`:
    the ledgers once there are any, else the demo)."""
    with open_store(store_path) as store:
        tables = {
            name: store.table(name)
            for name in (
                "villages",
                "towns",
                "facts",
                "sources",
                "metrics",
                "meta",
            )
        }
        selection = store.selection(which)
        outcomes = store.outcomes(selection)
        # Real outcomes are compared with real awards only, never with the demo's synthetic flags.
        red_flags = store.red_flags(selection)
        has_ledgers = store.has_real_ledgers()
        # The ingests' counts, never their stored reports, and the latest quarantined cells, not
        # every one: a worker reads only what a page shows.
        tables["ingests"] = store.ingests()
        tables["quarantine"], quarantine_total = store.quarantine_latest(QUARANTINE_SHOWN)
    # Python strings, not Arrow-backed ones: the pages take many small slices, where Arrow's
    # per-call cost dominates (a compare view is about twice as fast this way).
    tables = {name: _plain_strings(frame) for name, frame in tables.items()}
    outcomes, red_flags = _plain_strings(outcomes), _plain_strings(red_flags)
    villages = tables["villages"][tables["villages"]["level"] == "village"].reset_index(drop=True)
    towns = tables["towns"][tables["towns"]["code"].isin(villages["town_code"])].reset_index(drop=True)
    # English readers see towns by pinyin: "Limudian Zhen" beside 里木店镇.
    villages["town_pinyin"] = villages["town_code"].map(dict(zip(towns["code"], towns["name_pinyin"])))
    meta = dict(zip(tables["meta"]["key"], tables["meta"]["value"]))
    built_at = meta.get("built_at", "")[:10]
    if not tables["ingests"].empty:
        built_at = max(built_at, str(tables["ingests"]["at"].max())[:10])
    return DashboardData(
        villages=villages,
        towns=towns,
        red_flags=red_flags,
        outcomes=outcomes,
        facts=tables["facts"],
        sources=tables["sources"],
        ingests=tables["ingests"],
        quarantine=tables["quarantine"],
        quarantine_total=quarantine_total,
        metrics=tables["metrics"],
        built_at=built_at,
        selection=selection,
        has_ledgers=has_ledgers,
    )


def _plain_strings(frame: pd.DataFrame) -> pd.DataFrame:
    strings = [c for c in frame.columns if pd.api.types.is_string_dtype(frame[c]) and frame[c].dtype != object]
    return frame.astype({c: object for c in strings}) if strings else frame


def outcome_choices(data: DashboardData) -> list[str]:
    """Metrics that have village values, the main three first."""
    present = set(data.outcomes["metric"])
    main = [m for m in ("collective_income", "cold_storage_revenue", "wage_income") if m in present]
    return main + sorted(present - set(main))


def years_for(data: DashboardData, outcome: str) -> list[int]:
    """The years with values of `outcome`, computed once per load for every outcome (a page asks
    for them several times a view; at a province's 300,000 rows each scan took 13 ms)."""
    key = ("years_by_metric",)
    if key not in data._derived:
        pairs = data.outcomes[["metric", "year"]].drop_duplicates()
        data._derived[key] = {
            str(metric): sorted(int(y) for y in years) for metric, years in pairs.groupby("metric")["year"]
        }
    return list(data._derived[key].get(outcome, []))


def flags_by_village(red_flags: pd.DataFrame) -> pd.DataFrame:
    """One row per village with a flag: its aspects and whether any flag is synthetic."""
    placed = red_flags[red_flags["village_code"].notna()].sort_values(["village_code", "aspect"])
    placed = placed.drop_duplicates(["village_code", "aspect"])
    return (
        placed.groupby("village_code")
        .agg(
            aspects=("aspect", ",".join),
            flag_synthetic=("is_synthetic", "all"),
        )
        .reset_index()
    )


def comparison_frame(
    data: DashboardData,
    outcome: str,
    aspect: str = "any",
    towns=(),
    year=None,
    comparison: str = "others",
    base_year=None,
) -> pd.DataFrame:
    """One row per village of the selected towns: its flag status and its value of `outcome` in
    `year` (latest year with data if None; NaN where the village has no value). `comparison`:
    `others` (every village without the aspect's flag) or `never` (never-flagged villages only:
    villages holding another aspect's flag are left out). With `base_year`, also the village's
    reading then (base_low, base_high, base_value, base_qualifier) and the change since
    (`change.CHANGE_COLUMNS`, intervals carried through)."""
    if year is None:
        values = data.outcomes[data.outcomes["metric"] == outcome]
        year = int(values["year"].max()) if not values.empty else None
    frame = _village_values(data, outcome, year)
    if base_year is not None:
        frame = _with_change(data, frame, outcome, base_year)
    if towns:
        frame = frame[frame["town_code"].isin(towns)].reset_index(drop=True)
    else:
        frame = frame.copy()
    frame["flagged"] = _is_flagged(data, aspect, frame["code"])
    if comparison == "never_flagged" and aspect != "any":
        frame = frame[frame["flagged"] | ~_is_flagged(data, "any", frame["code"])].reset_index(drop=True)
    return frame


def _village_values(data: DashboardData, outcome: str, year) -> pd.DataFrame:
    """Every village with its value of `outcome` in `year` and its flags, sorted; computed once per
    (outcome, year) while the data are loaded (pages and downloads ask for it again and again)."""
    key = ("values", outcome, year)
    if key not in data._derived:
        values = data.outcomes[(data.outcomes["metric"] == outcome) & (data.outcomes["year"] == year)]
        columns = [
            "village_code",
            "low",
            "high",
            "value",
            "qualifier",
            "unit",
            "period",
            "raw",
            "source_id",
            "is_synthetic",
        ]
        frame = (
            data.villages[["code", "name_short", "name_pinyin", "town_code", "town_name", "town_pinyin"]]
            .merge(
                values[columns].drop_duplicates("village_code"),
                left_on="code",
                right_on="village_code",
                how="left",
            )
            .drop(columns="village_code")
        )
        frame = frame.merge(data.flag_table, left_on="code", right_on="village_code", how="left").drop(
            columns="village_code"
        )
        frame["aspects"] = frame["aspects"].fillna("")
        frame["year"] = year
        # The village's place among all villages of the city and of its town (1 = highest point
        # value; ties share the better rank; no value, no rank), whatever towns are selected.
        frame["rank_city"] = frame["value"].rank(ascending=False, method="min").astype("Int64")
        frame["rank_in_town"] = frame.groupby("town_code")["value"].rank(ascending=False, method="min").astype("Int64")
        frame["villages_in_town"] = frame.groupby("town_code")["code"].transform("count")
        frame["ranked_city"] = int(frame["value"].notna().sum())  # how many the ranks are among
        frame["ranked_in_town"] = frame.groupby("town_code")["value"].transform("count")
        data._derived[key] = frame.sort_values(["town_code", "code"]).reset_index(drop=True)
    return data._derived[key]


def _with_change(data: DashboardData, frame: pd.DataFrame, outcome: str, base_year) -> pd.DataFrame:
    from ..change import change_between

    key = ("change", outcome, int(frame["year"].iloc[0]) if len(frame) else None, base_year)
    if key not in data._derived:
        base = _village_values(data, outcome, base_year).set_index("code").reindex(frame["code"])
        base = base[["low", "high", "value", "qualifier"]].set_axis(frame.index)
        changed = frame.assign(**{f"base_{column}": base[column] for column in base.columns}, base_year=base_year)
        data._derived[key] = pd.concat([changed, change_between(base, frame)], axis=1)
    return data._derived[key]


def years_before(data: DashboardData, outcome: str, year) -> list[int]:
    """The years with values of `outcome` before `year`, latest first: what a change can be measured from."""
    return sorted((y for y in years_for(data, outcome) if year is not None and y < year), reverse=True)


def before_after(data: DashboardData, outcome: str, aspect: str = "any") -> pd.DataFrame:
    """Mean and median of `outcome` in the year before the first award and in the latest year,
    for flagged and never-flagged villages, with the change of each (one row per group and
    statistic; empty without an award year that has values the year before)."""
    awards = award_years_of(data, aspect)
    years = years_for(data, outcome)
    if not awards or awards[0] - 1 not in years or years[-1] <= awards[0] - 1:
        return pd.DataFrame(columns=["group", "statistic", "before_year", "before", "after_year", "after", "change"])
    before_year, after_year = awards[0] - 1, years[-1]
    rows = []
    for group, flagged in (("flagged", True), ("never_flagged", False)):
        values = {}
        for year in (before_year, after_year):
            frame = comparison_frame(data, outcome, aspect, (), year, "never_flagged")
            values[year] = frame.loc[frame["flagged"] == flagged, "value"].dropna()
        for statistic in ("mean", "median"):
            before, after = (float(getattr(values[y], statistic)()) for y in (before_year, after_year))
            rows.append(
                {
                    "group": group,
                    "statistic": statistic,
                    "before_year": before_year,
                    "before": before,
                    "after_year": after_year,
                    "after": after,
                    "change": after - before,
                    "villages_before": len(values[before_year]),
                    "villages_after": len(values[after_year]),
                }
            )
    return pd.DataFrame(rows)


def _flagged(data: DashboardData, aspect: str) -> set:
    key = ("flagged", aspect)
    if key not in data._derived:
        data._derived[key] = set(flagged_codes(data.red_flags, aspect))
    return data._derived[key]


def _is_flagged(data: DashboardData, aspect: str, codes: pd.Series) -> np.ndarray:
    """Whether each village code holds the aspect's flag: looked up in a table made once per
    aspect (a set given to `isin` is converted value by value on every call, 10 ms at 10,000
    villages, paid again for every year a page reads)."""
    key = ("flag_lookup", aspect)
    if key not in data._derived:
        every = data.villages["code"].astype(object).to_numpy()
        data._derived[key] = pd.Series(np.isin(every, list(_flagged(data, aspect))), index=every)
    lookup = data._derived[key]
    return lookup.reindex(codes.astype(object).to_numpy(), fill_value=False).to_numpy(dtype=bool)


def town_summary(data: DashboardData, outcome: str, year=None) -> pd.DataFrame:
    """Per town, ranked by its median of `outcome` (highest first, towns without a value last):
    villages, flags by aspect, flagged villages, the median over all its villages and over its
    flagged and its other villages, each with the number of villages it is taken over
    (`with_value`, `with_value_flagged`, `with_value_other`): a median of one village is that
    village's value, and says so."""
    key = ("town_summary", outcome, year)
    if key not in data._derived:
        data._derived[key] = _town_summary(data, outcome, year)
    return data._derived[key].copy()


def _town_summary(data: DashboardData, outcome: str, year) -> pd.DataFrame:
    frame = comparison_frame(data, outcome, "any", (), year)
    placed = data.red_flags[data.red_flags["village_code"].notna()].merge(
        data.villages[["code", "town_code"]], left_on="village_code", right_on="code"
    )
    by_aspect = (
        placed.pivot_table(index="town_code", columns="aspect", values="village_code", aggfunc="count")
        .reindex(columns=list(ASPECTS))
        .fillna(0)
        .astype(int)
    )
    frame = frame.assign(
        value_flagged=frame["value"].where(frame["flagged"]),
        value_other=frame["value"].where(~frame["flagged"].astype(bool)),
    )
    summary = (
        frame.groupby(["town_code", "town_name", "town_pinyin"])
        .agg(
            villages=("code", "count"),
            flagged_villages=("flagged", "sum"),
            median=("value", "median"),
            with_value=("value", "count"),
            median_flagged=("value_flagged", "median"),
            with_value_flagged=("value_flagged", "count"),
            median_other=("value_other", "median"),
            with_value_other=("value_other", "count"),
        )
        .reset_index()
    )
    summary = summary.merge(by_aspect, left_on="town_code", right_index=True, how="left")
    summary[list(ASPECTS)] = summary[list(ASPECTS)].fillna(0).astype(int)
    summary["flags"] = summary[list(ASPECTS)].sum(axis=1)
    summary["year"] = frame["year"].iloc[0] if len(frame) else year
    summary = summary.sort_values(["median", "town_code"], ascending=[False, True], na_position="last")
    summary["rank"] = summary["median"].rank(ascending=False, method="min").astype("Int64")
    return summary.reset_index(drop=True)


def city_summary(data: DashboardData, outcome: str, year=None) -> dict:
    """The whole city's row beside the towns: the same medians and counts over every village."""
    frame = comparison_frame(data, outcome, "any", (), year)
    flagged = frame["flagged"].astype(bool)
    values = frame["value"]
    return {
        "villages": len(frame),
        "flagged_villages": int(flagged.sum()),
        "median": float(values.median()),
        "with_value": int(values.count()),
        "median_flagged": float(values[flagged].median()),
        "with_value_flagged": int(values[flagged].count()),
        "median_other": float(values[~flagged].median()),
        "with_value_other": int(values[~flagged].count()),
        "year": frame["year"].iloc[0] if len(frame) else year,
    }


def _medians_by_town(data: DashboardData) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Medians of each metric by (town, year) and by year over the whole city, computed once per load."""
    key = ("medians_by_town",)
    if key not in data._derived:
        values = data.outcomes[["village_code", "metric", "year", "value"]].merge(
            data.villages[["code", "town_code"]], left_on="village_code", right_on="code"
        )
        town = values.groupby(["town_code", "metric", "year"], as_index=False)["value"].agg(
            town_median="median", town_n="count"
        )
        city = values.groupby(["metric", "year"], as_index=False)["value"].agg(city_median="median", city_n="count")
        data._derived[key] = (town, city)
    return data._derived[key]


def village_benchmarks(data: DashboardData, code: str) -> pd.DataFrame:
    """For each metric and year of the village's town: the town's median (with its n) and the
    city's median (with its n), to draw beside the village."""
    town = data.villages.loc[data.villages["code"] == code, "town_code"]
    if town.empty:
        raise KeyError(f"no village {code!r}")
    towns, city = _medians_by_town(data)
    mine: pd.DataFrame = towns[towns["town_code"] == town.iloc[0]].drop(columns="town_code")
    merged = city.merge(mine, on=["metric", "year"], how="left")
    merged["town_n"] = merged["town_n"].fillna(0).astype(int)
    return merged[["metric", "year", "town_median", "town_n", "city_median", "city_n"]]


def village_profile(data: DashboardData, code: str) -> dict:
    """A village: its names and town, its flags, its outcomes over the years and the published
    figures about it (with their sources)."""
    village = data.villages[data.villages["code"] == code]
    if village.empty:
        raise KeyError(f"no village {code!r}")
    flags = data.red_flags[data.red_flags["village_code"] == code]
    outcomes = data.outcomes[data.outcomes["village_code"] == code].sort_values(["metric", "year"])
    facts = data.facts[data.facts["entity_code"] == code].merge(
        data.sources[["id", "publisher", "date", "url"]].rename(columns={"id": "source_id"}), on="source_id", how="left"
    )
    return {
        "village": village.iloc[0].to_dict(),
        "flags": flags.reset_index(drop=True),
        "outcomes": outcomes.reset_index(drop=True),
        "facts": facts.reset_index(drop=True),
        "benchmarks": village_benchmarks(data, code),
    }


def village_choices(data: DashboardData, lang: str) -> list[dict]:
    """Every village as a searchable choice: labelled in the page's language (name and town), found
    by its Chinese name, its pinyin (with or without spaces) or an English rendering (Yongfeng
    Village), or its code."""
    villages = data.villages.sort_values(["town_code", "code"])
    choices = []
    for v in villages.itertuples():
        pinyin = str(v.name_pinyin)
        english = pinyin.removesuffix(" Cun") + " Village" if pinyin.endswith(" Cun") else pinyin
        label = f"{v.name_short}（{v.town_name}）" if lang == "zh" else f"{pinyin} ({v.town_pinyin})"
        words = [v.name_short, v.name_zh, v.town_name, pinyin, pinyin.replace(" ", ""), english, v.town_pinyin, v.code]
        search = " ".join(map(str, words))
        choices.append({"label": label, "value": v.code, "search": search})
    return choices


OPTIONS_SENT = 50  # villages a search of a province's list sends (a person reads the first few)


def village_options(data: DashboardData, lang: str, typed, chosen=None) -> list[dict]:
    """The choices of `village_choices` whose words hold what was typed (case and spaces
    ignored, as the dropdown's own search), at most OPTIONS_SENT, the chosen village first: a
    province's 10,000 villages are searched on the server, not sent with the page (3 MB)."""
    key = ("village_choices", lang)
    if key not in data._derived:
        every = village_choices(data, lang)
        data._derived[key] = (every, [choice["search"].lower().replace(" ", "") for choice in every])
    every, words = data._derived[key]
    needle = typed.lower().replace(" ", "") if isinstance(typed, str) else ""
    kept = [choice for choice in every if choice["value"] == chosen]
    if needle:
        found = (choice for choice, text in zip(every, words) if needle in text and choice["value"] != chosen)
        kept += [choice for _, choice in zip(range(OPTIONS_SENT), found)]
    return kept


def find_villages(data: DashboardData, query: str, town: str | None = None) -> dict:
    """Look a village up by Chinese, pinyin or English name. Returns {'status', 'codes', 'message'}:
    matched (one code), ambiguous (the candidates, one per town), or unknown."""
    query = (query or "").strip()
    if not query:
        return {"status": "empty", "codes": [], "message": ""}
    match = load_gazetteer().match_village(query, town=town)
    codes = [c for c in match.candidates if c in set(data.villages["code"])] if match.candidates else []
    if match.ok:
        return {"status": "matched", "codes": [match.code], "message": match.message}
    if match.status in ("ambiguous", "town_mismatch") and codes:
        return {"status": "ambiguous", "codes": codes, "message": match.message}
    # A part of a name: 永 finds 永丰村 and others, for a person typing.
    needle = query.lower()
    partial = data.villages[
        data.villages["name_short"].str.contains(query, regex=False)
        | data.villages["name_pinyin"]
        .str.lower()
        .str.replace(r"[\s']", "", regex=True)
        .str.contains(needle.replace(" ", "").replace("'", ""), regex=False)
    ]["code"].tolist()
    if len(partial) == 1:
        return {"status": "matched", "codes": partial, "message": ""}
    if partial:
        return {"status": "ambiguous", "codes": partial[:20], "message": ""}
    return {"status": "unknown", "codes": [], "message": match.message}


PROGRAM_FIGURES = (
    ("program_flags", "red_flags_total", False),
    ("program_orgs", "orgs_selected", False),
    ("program_investment", "investment_projects", True),
    ("program_entities", "new_business_entities", False),
    ("program_committees", "joint_committees", False),
    ("program_jc_collective", "jc_collective_income", True),
    ("program_jc_farmers", "jc_farmer_income", True),
)


def program_figures(data: DashboardData) -> pd.DataFrame:
    """The program's published totals with their provenance: raw string, source, date, correction."""
    facts = data.facts.set_index("id")
    sources = data.sources.set_index("id")
    rows = []
    for label, fact_id, money in PROGRAM_FIGURES:
        fact = facts.loc[fact_id]
        source = sources.loc[fact["source_id"]]
        rows.append(
            {
                "label": label,
                "fact_id": fact_id,
                "money": money,
                "low": fact["low"],
                "high": fact["high"],
                "qualifier": fact["qualifier"],
                "raw": fact["raw"],
                "literal_low": fact["literal_low"],
                "paragraph": fact["paragraph"],
                "publisher": source["publisher"],
                "date": source["date"],
                "url": source["url"],
                "language": source["language"],
                "correction_rule": fact["correction_rule"],
                "correction_reason": fact["correction_reason"],
                "entity_type": fact["entity_type"],
                "entity_name": fact["entity_name"],
                "period": fact["period"],
            }
        )
    return pd.DataFrame(rows)


def flag_counts(data: DashboardData) -> dict:
    """Flags by aspect and villages with and without a flag."""
    placed = data.red_flags[data.red_flags["village_code"].notna()]
    by_aspect = placed["aspect"].value_counts().reindex(list(ASPECTS)).fillna(0).astype(int)
    flagged = placed["village_code"].nunique()
    return {
        "by_aspect": by_aspect,
        "flagged_villages": flagged,
        "unflagged_villages": len(data.villages) - flagged,
        "unplaced_awards": int(data.red_flags["village_code"].isna().sum()),
    }


def synthetic_share(data: DashboardData) -> float:
    return float(data.outcomes["is_synthetic"].mean()) if len(data.outcomes) else 0.0


def trend_frame(data: DashboardData, outcome: str, aspect: str = "any") -> pd.DataFrame:
    """Per year and group (flagged with the aspect, never flagged): n, mean and its 95% CI of the
    outcome's point values. Villages flagged only with another aspect are in neither group."""
    from scipy import stats

    values = data.outcomes[data.outcomes["metric"] == outcome][["village_code", "year", "value"]].dropna()
    flagged = _flagged(data, aspect)
    ever = _flagged(data, "any")
    values = values.assign(
        group=np.where(
            values["village_code"].isin(flagged),
            "flagged",
            np.where(values["village_code"].isin(ever), "other_flag", "never_flagged"),
        )
    )
    values = values[values["group"] != "other_flag"]
    rows = []
    for (year, group), part in values.groupby(["year", "group"]):
        n, mean = len(part), float(part["value"].mean())
        half = float(stats.t.ppf(0.975, n - 1) * part["value"].std(ddof=1) / np.sqrt(n)) if n >= 2 else np.nan
        rows.append(
            {
                "year": int(cast(float, year)),
                "group": group,
                "n": n,
                "mean": mean,
                "ci_low": mean - half,
                "ci_high": mean + half,
            }
        )
    return pd.DataFrame(rows, columns=["year", "group", "n", "mean", "ci_low", "ci_high"])


def award_years_of(data: DashboardData, aspect: str = "any") -> list[int]:
    from ..analysis import award_years

    return sorted({int(y) for y in award_years(data.red_flags, aspect)})


def income_band_table(
    data: DashboardData, metric: str = "collective_income", year=None, by: str = "flag"
) -> pd.DataFrame:
    """Villages per income band in `year` (latest if None) — by flag status (`by="flag"`: rows
    flagged, others, all) or by town (`by="town"`: one row per town, then the city) — with the
    counts in the first award year and the change since (None when that year has no figures).
    Columns: group, every band, uncertain, no_value, villages, share_<band>, <band>_award,
    <band>_change, year, award_year."""
    key = ("income_bands", metric, year, by)
    if key not in data._derived:
        data._derived[key] = _income_band_table(data, metric, year, by)
    return data._derived[key].copy()


def band_villages(data: DashboardData, metric: str, year) -> pd.DataFrame:
    """Each village's band in a year (one row per village: code, names, town, flagged, band),
    by the rule `income_band_table` counts with: the names behind its counts."""
    from ..bands import band_of

    frame = comparison_frame(data, metric, "any", (), year)
    return pd.DataFrame(
        {
            "code": frame["code"],
            "name_short": frame["name_short"],
            "name_pinyin": frame["name_pinyin"],
            "town_code": frame["town_code"],
            "flagged": frame["flagged"].astype(bool),
            "band": band_of(frame["low"], frame["high"], frame["qualifier"]),
        }
    )


def _income_band_table(data: DashboardData, metric: str, year, by: str) -> pd.DataFrame:
    from ..bands import band_counts, income_bands

    frame = comparison_frame(data, metric, "any", (), year)
    year = int(frame["year"].iloc[0]) if len(frame) and pd.notna(frame["year"].iloc[0]) else year
    awards = award_years_of(data, "any")
    award_year = awards[0] if awards else None

    def grouped(rows: pd.DataFrame) -> pd.DataFrame:
        if by == "town":
            rows = rows.assign(group=rows["town_code"])
            towns = band_counts(rows, "group")
            city = band_counts(rows.assign(group="city"), "group")
            return pd.concat([towns, city])
        rows = rows.assign(group=np.where(rows["flagged"].astype(bool), "flagged", "others"))
        return pd.concat(
            [
                band_counts(rows, "group").reindex(["flagged", "others"], fill_value=0),
                band_counts(rows.assign(group="all"), "group"),
            ]
        )

    table = grouped(frame)
    bands = list(income_bands()["band"])
    has_award_figures = award_year is not None and years_for(data, metric).count(award_year) > 0
    if has_award_figures:
        before = grouped(comparison_frame(data, metric, "any", (), award_year)).reindex(table.index, fill_value=0)
        for band in bands:
            table[f"{band}_award"] = before[band]
            table[f"{band}_change"] = table[band] - before[band]
    table["year"], table["award_year"] = year, award_year if has_award_figures else None
    table.index.name = "group"
    return table.reset_index()
