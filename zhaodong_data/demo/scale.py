"""A province or the nation on one machine: Zhaodong's gazetteer with synthetic villages added,
for building stores at the scale the dashboard must serve (`zhaodong build --synthetic-scale`).

Every added town and village is labelled synthetic in its name (合成, "Synthetic"), and has a
code of the real pattern (county 4 digits, town 3, village 3) under the prefix 99, which no real
division has: ten villages to a town and twenty towns to a county, near Zhaodong's own 8.6
villages to a town. The real 186 villages stay, with their published facts. The synthetic panel
is drawn for all of them by the demo generator, with the awards scaled by the number of villages
(Zhaodong: 100 flags among 186 villages) and ten years (2015-2024).
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from ..gazetteer import Gazetteer
from .generator import DemoParameters

SCALES = {"province": 10_000, "nation": 490_000}  # villages
VILLAGES_PER_TOWN, TOWNS_PER_COUNTY = 10, 20
SYNTHETIC_PREFIX = "99"
FIRST_YEAR = 2015  # ten years to 2024


def village_count(gazetteer: Gazetteer) -> int:
    """Villages proper (not communities): those the demo panel is drawn for."""
    return int((gazetteer.villages["level"] == "village").sum())


def scaled_gazetteer(real: Gazetteer, villages: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(towns, villages) of `real` with synthetic ones added up to `villages` villages in all, as
    the store's tables hold them."""
    added = max(0, villages - village_count(real))
    numbers = pd.RangeIndex(added)
    town_numbers = numbers // VILLAGES_PER_TOWN
    county, town = town_numbers // TOWNS_PER_COUNTY, town_numbers % TOWNS_PER_COUNTY + 1
    town_codes = [f"{SYNTHETIC_PREFIX}{c:04d}{t:03d}000" for c, t in zip(county, town)]
    codes = [f"{prefix[:9]}{n % VILLAGES_PER_TOWN + 201:03d}" for prefix, n in zip(town_codes, numbers)]
    town_names = {code: f"合成{int(code[2:6])}县{int(code[6:9])}镇" for code in dict.fromkeys(town_codes)}
    synthetic_villages = pd.DataFrame(
        {
            "code": codes,
            "name_zh": [f"合成{n + 1}村委会" for n in numbers],
            "name_short": [f"合成{n + 1}村" for n in numbers],
            "name_pinyin": [f"Synthetic village {n + 1}" for n in numbers],
            "town_code": town_codes,
            "town_name": [town_names[code] for code in town_codes],
            "level": "village",
        }
    )
    synthetic_towns = pd.DataFrame(
        {
            "code": list(town_names),
            "name_zh": list(town_names.values()),
            "name_pinyin": [f"Synthetic county {int(c[2:6])} town {int(c[6:9])}" for c in town_names],
            "level": "town",
        }
    )
    return (
        pd.concat([real.towns, synthetic_towns[real.towns.columns]], ignore_index=True),
        pd.concat([real.villages, synthetic_villages[real.villages.columns]], ignore_index=True),
    )


def scaled_parameters(parameters: DemoParameters, villages: int, real_villages: int) -> DemoParameters:
    """The demo's parameters for `villages` villages over ten years: as many flags per village as
    among Zhaodong's `real_villages` (each aspect's share kept), all awarded in the published year, and the development
    programme's totals in proportion to its flags. The six joint committees stay Zhaodong's."""
    total = min(villages, round(parameters.flags_total * villages / real_villages))
    counts = [round(count * total / parameters.flags_total) for _, count in parameters.flags_by_aspect]
    counts[counts.index(max(counts))] += total - sum(counts)  # the rounding, to the largest aspect
    by_aspect = tuple((aspect, count) for (aspect, _), count in zip(parameters.flags_by_aspect, counts))
    # the development flags' programme totals (investment, new entities) grow with their number
    growth = dict(by_aspect)["development"] / dict(parameters.flags_by_aspect)["development"]
    return replace(
        parameters,
        development_investment_yuan=parameters.development_investment_yuan * growth,
        development_new_entities=round(parameters.development_new_entities * growth),
        first_year=FIRST_YEAR,
        flags_total=total,
        flags_by_aspect=by_aspect,
        award_waves=((parameters.award_year, total),),
    )
