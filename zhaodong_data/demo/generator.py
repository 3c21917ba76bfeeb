"""A seeded, labelled synthetic village-year panel calibrated to the published totals.

Village-level outcomes of Zhaodong are not public. So that the dashboard and the
notebooks have something honest to show, this generator makes a panel for the
186 real villages, 2018-2024, that reproduces every published total exactly and
carries a known truth an analysis can be checked against. Every row it makes is
marked `is_synthetic`.

What it reproduces (2022, the award year):
- 100 red flags over the five aspects, one per village; 26 of them development
  flags, including the one published award (永丰村, 里木店镇), whose 2022 project
  investment sums to exactly ¥26.2M with exactly 59 new business entities;
- six rural industry joint party committees (one based in 向阳乡, as published),
  whose member villages' 2022 figures sum to exactly ¥4.2M collective income
  driven and ¥22.8M farmer income increase;
- a cold storage at 永丰村 from 2020 earning about ¥300,000 a year (exactly the
  published ¥300,000 in 2022), and a few other cold storages;
- collective incomes in the range the other published figures show (59万元 for
  永丰村 in 2015, 71.9万元 new income for 长富村).

The known truth (parameters, stored in the `demo_parameters` table with a note for each):
- `red_flag_effect`: flagged villages' log collective income rises by this from
  their award year on (0.15: about +16%); `wage_effect`: the same for log wage income;
- `selection`: what the awards go by. `level` (the default): a village's permanent
  level, so strong villages are flagged, which village fixed effects absorb and a
  cross-section comparison does not; `transitory`: the realised 2018-2021 mean, AR(1)
  shocks included, so flagged villages drift back afterwards (regression to the mean,
  which fixed effects do not absorb: a biased estimate); `trend`: village-specific
  growth (pre-trends, which an event study shows); `none`: at random.
  `selection_strength` is the award log-odds per SD of what selection goes by;
- `award_waves`: (year, flags) pairs; several waves stagger the awards.
  `effect_growth` adds to the collective-income effect for each year since award and
  `first_wave_extra` to the first wave's: effects that differ by cohort and over time,
  under which TWFE is biased and the imputation estimator is not.
Every assumption that is not published is a parameter: one flag per village, the
flags per aspect, all 26 organizations counted as development flags, the award year
as the first treated year (`DemoParameters.notes`). `DemoParameters.scenario(name)`
gives the documented scenarios: default, transitory, trend, no_effect, waves, waves_no_effect,
cohorts, dynamic, cohorts_dynamic.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from ..parsing import parse_amounts, point_values

DEMO_SOURCE = "demo-synthetic"
YONGFENG = "231282106202"
XIANGYANG_TOWN = "231282204000"


NOTES = {
    "seed": "random seed: the same seed gives the same panel",
    "first_year": "first year of the panel",
    "last_year": "last year of the panel",
    "award_year": "the published award year (2022): development investment, joint committees and cold storage "
    "are published for it",
    "flags_total": "red flags awarded (published: 100)",
    "flags_by_aspect": "flags per aspect: ASSUMED (only the 26 development organizations are published; the other "
    "74 flags are split about evenly)",
    "development_investment_yuan": "published: 2620万元 of project investment by the 26 development organizations",
    "development_new_entities": "published: 59 new business entities",
    "joint_committees": "published: six rural industry joint party committees",
    "joint_committee_collective_yuan": "published: 420万元 collective income driven by the joint committees",
    "joint_committee_farmer_yuan": "published: 2280万元 farmer income increase driven by the joint committees",
    "cold_storage_yuan": "published: about 30万元 a year from 永丰村's cold storage",
    "other_cold_storages": "ASSUMED: other villages with a cold storage (none published)",
    "income_median_yuan": "ASSUMED: median collective income in the first year, near published village figures",
    "income_sd_log": "ASSUMED: spread of villages' permanent log income level",
    "income_growth": "ASSUMED: common yearly growth of log income",
    "trend_sd": "ASSUMED: spread of village-specific yearly growth (0: parallel trends hold)",
    "noise_sd_log": "ASSUMED: SD of the yearly AR(1) shock to log income",
    "noise_ar1": "ASSUMED: persistence of the yearly shock",
    "wage_median_yuan": "ASSUMED: median wage per worker per month in the first year",
    "wage_growth": "ASSUMED: common yearly growth of log wages",
    "red_flag_effect": "TRUTH: log points added to flagged villages' collective income from their award year on",
    "wage_effect": "TRUTH: log points added to flagged villages' wage income from their award year on",
    "effect_growth": "TRUTH: log points added to the collective-income effect for each year since the award "
    "(0: the effect is the same every year)",
    "first_wave_extra": "TRUTH: log points added to the collective-income effect of the villages of the first "
    "award wave (0: every cohort has the same effect)",
    "selection": "TRUTH: what awards go by: level (permanent level, the default), transitory (realised pre-award "
    "mean, shocks included), trend (village-specific growth) or none (random)",
    "selection_strength": "TRUTH: award log-odds per SD of what selection goes by",
    "award_waves": "ASSUMED: (year, flags) of each award wave; published: one wave of 100 in 2022",
    "one_flag_per_village": "ASSUMED: no village holds two flags (the article does not say)",
    "award_year_is_post": "ASSUMED: the effect starts in the award year itself",
    "loose_share": "ASSUMED: share of collective incomes written loosely (余 / 约), read by the figure parser",
    "operating_share_mean": "ASSUMED: mean share of operating income (经营性收入) in total collective income (the rest "
    "fiscal subsidy; none published); each village draws its own share, never above 1",
}
EFFECTS = {"collective_income": "red_flag_effect", "wage_income": "wage_effect"}  # the planted truth per outcome


@dataclass(frozen=True)
class DemoParameters:
    seed: int = 20220802
    first_year: int = 2018
    last_year: int = 2024
    award_year: int = 2022
    flags_total: int = 100
    flags_by_aspect: tuple[tuple[str, int], ...] = (
        ("party_building", 19),
        ("development", 26),
        ("service", 19),
        ("civilization", 18),
        ("harmony", 18),
    )
    development_investment_yuan: float = 26_200_000
    development_new_entities: int = 59
    joint_committees: int = 6
    joint_committee_collective_yuan: float = 4_200_000
    joint_committee_farmer_yuan: float = 22_800_000
    cold_storage_yuan: float = 300_000
    other_cold_storages: int = 3
    income_median_yuan: float = 380_000  # 2018 median collective income
    income_sd_log: float = 0.55
    income_growth: float = 0.05  # per year, all villages
    trend_sd: float = 0.0
    noise_sd_log: float = 0.12
    noise_ar1: float = 0.5
    wage_median_yuan: float = 2_800  # per worker per month, 2018
    wage_growth: float = 0.04
    red_flag_effect: float = 0.15
    wage_effect: float = 0.05
    effect_growth: float = 0.0
    first_wave_extra: float = 0.0
    selection: str = "level"
    selection_strength: float = 1.0
    award_waves: tuple[tuple[int, int], ...] = ((2022, 100),)
    one_flag_per_village: bool = True
    award_year_is_post: bool = True
    loose_share: float = 0.08  # share of collective incomes reported as 余 or 约 figures
    operating_share_mean: float = 0.55  # operating income (经营性收入) as a share of total collective income

    @property
    def years(self) -> range:
        return range(self.first_year, self.last_year + 1)

    @property
    def notes(self) -> dict[str, str]:
        return NOTES

    def truth(self, outcome: str) -> float | None:
        """The planted effect on an outcome (log points), None for an outcome with none planted."""
        name = EFFECTS.get(outcome)
        return getattr(self, name) if name else None

    def effect_of(self, outcome: str, award_year: np.ndarray, year: np.ndarray) -> np.ndarray:
        """The planted effect on each village-year (log points): zero before a village's award
        (NaN award year: never), else the base effect, plus the growth by years since award and
        the first wave's extra for collective income."""
        base = self.truth(outcome) or 0.0
        since = year - award_year
        effect = np.full(len(since), base, dtype=float)
        if outcome == "collective_income":
            first_wave = min(year for year, _ in self.award_waves)
            effect = effect + self.effect_growth * since + self.first_wave_extra * (award_year == first_wave)
        start = 0 if self.award_year_is_post else 1
        return np.where(np.isfinite(since) & (since >= start), effect, 0.0)

    def average_effect(self, outcome: str, award_year: np.ndarray, year: np.ndarray) -> float | None:
        """The estimand of the award effect: the planted effect averaged over the treated
        village-years given (equal to `truth` when the effect is the same everywhere)."""
        if self.truth(outcome) is None:
            return None
        start = 0 if self.award_year_is_post else 1
        treated = np.isfinite(award_year) & (year - award_year >= start)
        if not treated.any():
            return None
        effects = self.effect_of(outcome, award_year, year)[treated]
        return float(effects[0]) if (effects == effects[0]).all() else float(effects.mean())

    @staticmethod
    def truth_from_rows(rows: pd.Series, outcome: str) -> float | None:
        """The planted effect on an outcome from a store's `demo_parameters` (name -> value)."""
        name = EFFECTS.get(outcome)
        return float(rows[name]) if name and name in rows else None

    @classmethod
    def scenario(cls, name: str, **overrides) -> "DemoParameters":
        """The documented scenarios: default (selection on the permanent level), transitory
        (selection on the realised pre-award mean: regression to the mean), trend (selection on
        village-specific growth), no_effect, waves (two award waves, 2020 and 2022), waves_no_effect
        (the same with no effect, for the size of the test); cohorts (two
        waves, the first with a larger effect), dynamic (two waves, the effect growing with time
        since award), cohorts_dynamic (both)."""
        settings: dict[str, dict[str, object]] = {
            "default": {},
            "level": {},
            "transitory": {"selection": "transitory"},
            "trend": {"selection": "trend", "trend_sd": 0.03, "selection_strength": 1.5},
            "no_effect": {"red_flag_effect": 0.0, "wage_effect": 0.0},
            "waves": {"award_waves": ((2020, 40), (2022, 60))},
            "waves_no_effect": {"award_waves": ((2020, 40), (2022, 60)), "red_flag_effect": 0.0, "wage_effect": 0.0},
            "cohorts": {"award_waves": ((2020, 40), (2022, 60)), "first_wave_extra": 0.15},
            "dynamic": {"award_waves": ((2020, 40), (2022, 60)), "effect_growth": 0.05},
            "cohorts_dynamic": {
                "award_waves": ((2020, 40), (2022, 60)),
                "first_wave_extra": 0.1,
                "effect_growth": 0.05,
            },
        }
        if name not in settings:
            raise ValueError(f"scenario {name!r}: one of {', '.join(settings)}")
        return cls(**{**settings[name], **overrides})

    def as_rows(self) -> pd.DataFrame:
        values = asdict(self)
        missing = set(values) - set(NOTES)
        assert not missing, f"parameters without a note: {missing}"
        return pd.DataFrame([{"name": k, "value": str(v), "note": NOTES[k]} for k, v in values.items()])


@dataclass
class DemoPanel:
    red_flags: pd.DataFrame
    outcomes: pd.DataFrame
    joint_committees: pd.DataFrame
    joint_committee_members: pd.DataFrame
    parameters: DemoParameters


def _exact_shares(rng: np.random.Generator, total: float, n: int, concentration: float = 2.0) -> np.ndarray:
    """n positive whole-yuan amounts that sum to exactly `total`."""
    shares = rng.dirichlet(np.full(n, concentration))
    amounts = np.floor(shares * total)
    amounts[np.argmax(amounts)] += total - amounts.sum()
    return amounts


def _exact_counts(rng: np.random.Generator, total: int, n: int) -> np.ndarray:
    """n counts of at least 1 that sum to exactly `total`."""
    return 1 + rng.multinomial(total - n, np.full(n, 1 / n))


def _outcome_rows(codes, years, metric, values, raw_format, unit, period) -> pd.DataFrame:
    values = np.asarray(values, dtype=float)
    return pd.DataFrame(
        {
            "village_code": list(codes),
            "year": list(years),
            "metric": metric,
            "low": values,
            "high": values,
            "value": values,
            "qualifier": "exact",
            "unit": unit,
            "period": period,
            "source_id": DEMO_SOURCE,
            "raw": [raw_format(v) for v in values],
            "is_synthetic": True,
        }
    )


def _wan(value: float) -> str:
    return f"{value / 1e4:.2f}万元"


def _operating_income(income_rows: pd.DataFrame, p: "DemoParameters") -> pd.DataFrame:
    """Operating income (经营性收入): a village's own share of its total collective income (the
    rest is fiscal subsidy), never above the total. Drawn from a stream of its own, so that adding
    it left every other synthetic value as it was."""
    rng = np.random.default_rng([p.seed, 2])
    codes = income_rows["village_code"].to_numpy()
    villages, index = np.unique(codes, return_inverse=True)
    concentration = 8.0
    share = rng.beta(
        p.operating_share_mean * concentration, (1 - p.operating_share_mean) * concentration, len(villages)
    )[index]
    share = np.clip(share * np.exp(rng.normal(0, 0.05, len(codes))), 0.0, 1.0)
    operating = np.round(income_rows["value"].to_numpy() * share, -2)
    return _outcome_rows(codes, income_rows["year"].to_numpy(), "operating_income", operating, _wan, "CNY", "year")


def generate_demo(villages: pd.DataFrame, parameters: DemoParameters = DemoParameters()) -> DemoPanel:
    """The synthetic panel for the given villages (the gazetteer's village-level rows). Each step
    draws from the one seeded generator, in this order (the order is part of the seed's meaning)."""
    p = parameters
    rng = np.random.default_rng(p.seed)
    villages = villages[villages["level"] == "village"].sort_values("code").reset_index(drop=True)
    codes = villages["code"].to_numpy()
    years = np.array(list(p.years))
    level, trend, log_income = _log_incomes(rng, p, len(codes), years)
    aspect_of, year_of, treated = _awards(rng, p, codes, years, level, trend, log_income)
    award = np.array([year_of.get(code, np.nan) for code in codes], dtype=float)
    effect = p.effect_of("collective_income", np.repeat(award, len(years)), np.tile(years, len(codes)).astype(float))
    income = np.round(np.exp(log_income + effect.reshape(len(codes), len(years))), -2)
    income_rows = _income_rows(rng, p, codes, years, income)
    frames = [
        income_rows,
        _wage_rows(rng, p, codes, years, treated),
        *_development_rows(rng, p, aspect_of),
        *_cold_storage_rows(rng, p, codes, years),
    ]
    committees, members, committee_rows = _joint_committees(rng, p, villages)
    frames += [*committee_rows, _operating_income(income_rows, p)]
    outcomes = pd.concat(frames, ignore_index=True)
    outcomes["year"] = outcomes["year"].astype(int)
    return DemoPanel(_flag_rows(aspect_of, year_of), outcomes, committees, members, p)


def _log_incomes(rng: np.random.Generator, p: DemoParameters, n: int, years: np.ndarray):
    """Log collective income before any award effect: (level, village trend, log income by year)."""
    # Collective income: village level, common growth, AR(1) noise.
    level = np.log(p.income_median_yuan) + rng.normal(0, p.income_sd_log, n)
    noise = np.zeros((n, len(years)))
    noise[:, 0] = rng.normal(0, p.noise_sd_log, n)
    for t in range(1, len(years)):
        noise[:, t] = p.noise_ar1 * noise[:, t - 1] + rng.normal(0, p.noise_sd_log * np.sqrt(1 - p.noise_ar1**2), n)
    trend = rng.normal(0, p.trend_sd, n) if p.trend_sd > 0 else np.zeros(n)
    elapsed = (years - p.first_year)[None, :]
    log_income = level[:, None] + (p.income_growth + trend[:, None]) * elapsed + noise

    return level, trend, log_income


def _awards(
    rng: np.random.Generator, p: DemoParameters, codes: np.ndarray, years: np.ndarray, level, trend, log_income
):
    """Who is flagged, for which aspect, in which year: (aspect by village, year by village,
    treated village-years)."""
    n = len(codes)
    # Awards: 100 villages, chosen with log-odds rising in what selection goes by (Gumbel top-k).
    first_award = min(year for year, _ in p.award_waves)
    basis = {
        "level": level,
        "transitory": log_income[:, years < first_award].mean(axis=1),
        "trend": trend,
        "none": np.zeros(n),
    }
    if p.selection not in basis:
        raise ValueError(f"selection {p.selection!r}: one of {', '.join(basis)}")
    chosen = basis[p.selection]
    strength = (chosen - chosen.mean()) / chosen.std() if chosen.std() > 0 else np.zeros(n)
    gumbel = -np.log(-np.log(rng.uniform(size=n)))
    scores = p.selection_strength * strength + gumbel
    scores[codes == YONGFENG] = np.inf  # the published award
    if sum(count for _, count in p.award_waves) != p.flags_total:
        raise ValueError("award_waves must add up to flags_total")
    awarded = np.argsort(-scores)[: p.flags_total]
    aspects = np.concatenate([[aspect] * count for aspect, count in p.flags_by_aspect])
    assert len(aspects) == p.flags_total
    order = rng.permutation(p.flags_total - 1)
    others = np.delete(aspects, np.flatnonzero(aspects == "development")[0])[order]
    aspect_of = {codes[awarded[0]]: "development"}
    aspect_of.update({codes[i]: a for i, a in zip(awarded[1:], others)})

    # Award waves: 永丰村 in the published year, the others at random among the waves.
    wave_years = np.concatenate([[year] * count for year, count in p.award_waves])
    published = np.flatnonzero(wave_years == p.award_year)
    first = published[0] if len(published) else 0
    rest = rng.permutation(np.delete(wave_years, first))
    year_of = {codes[awarded[0]]: int(wave_years[first])}
    year_of.update({codes[i]: int(y) for i, y in zip(awarded[1:], rest)})
    village_award = np.array([year_of.get(code, 10_000) for code in codes])
    treated = (
        years[None, :] >= village_award[:, None] if p.award_year_is_post else years[None, :] > village_award[:, None]
    )

    return aspect_of, year_of, treated


def _flag_rows(aspect_of: dict, year_of: dict) -> pd.DataFrame:
    """The synthetic awards as red-flag rows (永丰村's real one comes from the sources)."""
    red_flags = pd.DataFrame(
        {
            "village_code": list(aspect_of),
            "aspect": list(aspect_of.values()),
            "year": [year_of[code] for code in aspect_of],
            "source_id": DEMO_SOURCE,
            "confidence": "synthetic",
            "is_synthetic": True,
            "name_as_published": None,
            "candidates": None,
            "note": "synthetic award (demo panel)",
        }
    )
    return red_flags[red_flags["village_code"] != YONGFENG].reset_index(drop=True)


def _income_rows(
    rng: np.random.Generator, p: DemoParameters, codes: np.ndarray, years: np.ndarray, income: np.ndarray
) -> pd.DataFrame:
    """Collective income rows, a few written loosely, read back by the figure parser."""
    n = len(codes)
    # As ledgers report them, a few incomes are given loosely (45余万元, 约45万元): their
    # bounds come from reading those strings with the one parser.
    income_rows = _outcome_rows(
        np.repeat(codes, len(years)), np.tile(years, n), "collective_income", income.ravel(), _wan, "CNY", "year"
    )
    loose = rng.uniform(size=len(income_rows))
    income_rows.loc[loose < p.loose_share / 2, "raw"] = [
        f"{int(v // 1e4)}余万元" for v in income_rows.loc[loose < p.loose_share / 2, "value"]
    ]
    approximate = (loose >= p.loose_share / 2) & (loose < p.loose_share)
    income_rows.loc[approximate, "raw"] = [f"约{round(v / 1e4)}万元" for v in income_rows.loc[approximate, "value"]]
    readings = parse_amounts(income_rows["raw"])
    income_rows["low"], income_rows["high"], income_rows["qualifier"] = (
        readings["low"],
        readings["high"],
        readings["qualifier"],
    )
    income_rows["value"] = point_values(readings["low"], readings["high"])
    return income_rows


def _wage_rows(
    rng: np.random.Generator, p: DemoParameters, codes: np.ndarray, years: np.ndarray, treated: np.ndarray
) -> pd.DataFrame:
    n = len(codes)
    # Wage income per worker per month.
    wage_level = np.log(p.wage_median_yuan) + rng.normal(0, 0.12, n)
    log_wage = (
        wage_level[:, None]
        + p.wage_growth * (years - p.first_year)[None, :]
        + rng.normal(0, 0.05, (n, len(years)))
        + p.wage_effect * treated
    )
    wage = np.round(np.exp(log_wage), 0)
    return _outcome_rows(
        np.repeat(codes, len(years)),
        np.tile(years, n),
        "wage_income",
        wage.ravel(),
        lambda v: f"{v:.0f}元/月",
        "CNY",
        "month",
    )


def _development_rows(rng: np.random.Generator, p: DemoParameters, aspect_of: dict) -> list[pd.DataFrame]:
    # Development flags in 2022: investment and new business entities, exact totals.
    development = sorted(code for code, aspect in aspect_of.items() if aspect == "development")
    investment = _outcome_rows(
        development,
        [p.award_year] * len(development),
        "investment",
        _exact_shares(rng, p.development_investment_yuan, len(development)),
        _wan,
        "CNY",
        None,
    )
    entities = _exact_counts(rng, p.development_new_entities, len(development))
    return [
        investment,
        _outcome_rows(
            development,
            [p.award_year] * len(development),
            "new_business_entities",
            entities,
            lambda v: f"{v:.0f}个",
            None,
            None,
        ),
    ]


def _cold_storage_rows(
    rng: np.random.Generator, p: DemoParameters, codes: np.ndarray, years: np.ndarray
) -> list[pd.DataFrame]:
    # Cold storages: 永丰村 from 2020 at about ¥300,000 a year (exactly that in the award year).
    storage_years = years[years >= 2020]
    cold = p.cold_storage_yuan * (1 + rng.uniform(-0.05, 0.05, len(storage_years)))
    cold[storage_years == p.award_year] = p.cold_storage_yuan
    frames = [
        _outcome_rows(
            [YONGFENG] * len(storage_years),
            storage_years,
            "cold_storage_revenue",
            np.round(cold, -2),
            _wan,
            "CNY",
            "year",
        )
    ]
    candidates = codes[(codes != YONGFENG)]
    for code in rng.choice(candidates, p.other_cold_storages, replace=False):
        start = int(rng.integers(2020, 2024))
        span = years[years >= start]
        revenue = rng.uniform(150_000, 400_000) * (1 + rng.uniform(-0.08, 0.08, len(span)))
        frames.append(
            _outcome_rows([code] * len(span), span, "cold_storage_revenue", np.round(revenue, -2), _wan, "CNY", "year")
        )

    return frames


def _joint_committees(rng: np.random.Generator, p: DemoParameters, villages: pd.DataFrame):
    """(committees, their member villages, the members' driven-income rows)."""
    # Six joint committees, one based in 向阳乡; members are villages of their base town.
    towns = villages.groupby("town_code")["code"].apply(list)
    eligible = [t for t in towns.index if len(towns[t]) >= 5 and t != XIANGYANG_TOWN]
    bases = [XIANGYANG_TOWN] + list(rng.choice(eligible, p.joint_committees - 1, replace=False))
    committees, chosen_members = [], []
    for number, town in enumerate(bases, start=1):
        pool = towns[town]
        chosen = sorted(rng.choice(pool, min(len(pool), int(rng.integers(4, 7))), replace=False))
        committee_id = f"jc{number}"
        town_name = villages.loc[villages["town_code"] == town, "town_name"].iloc[0]
        # The 向阳乡 committee is published (Suihua Daily, 2023-06-13); its members here are not.
        committees.append(
            {
                "id": committee_id,
                "name": f"{town_name}农村产业联合党委",
                "town_code": town,
                "is_synthetic": town != XIANGYANG_TOWN,
            }
        )
        chosen_members += [
            {"committee_id": committee_id, "village_code": code, "is_synthetic": True} for code in chosen
        ]
    members = pd.DataFrame(chosen_members).drop_duplicates("village_code")
    member_codes = members["village_code"].tolist()
    year_list = [p.award_year] * len(member_codes)
    rows = [
        _outcome_rows(
            member_codes,
            year_list,
            "jc_collective_income",
            _exact_shares(rng, p.joint_committee_collective_yuan, len(member_codes)),
            _wan,
            "CNY",
            "year",
        ),
        _outcome_rows(
            member_codes,
            year_list,
            "farmer_income_increase",
            _exact_shares(rng, p.joint_committee_farmer_yuan, len(member_codes)),
            _wan,
            "CNY",
            "year",
        ),
    ]
    return pd.DataFrame(committees), members, rows
