"""Headlines: the sentence a chart leads with says what its numbers show, and no more."""

import pandas as pd

from zhaodong_data.study.headlines import towns_headline


def test_a_headline_with_one_town_says_so_instead_of_highest_and_lowest():
    one = pd.DataFrame(
        [
            {
                "town_name": "四站镇",
                "town_pinyin": "Sizhan",
                "with_value": 5,
                "median": 300_000.0,
                "with_value_flagged": 2,
                "with_value_other": 3,
                "median_flagged": 400_000.0,
                "median_other": 250_000.0,
            }
        ]
    )
    city = {"year": 2023, "with_value": 5, "median": 300_000.0}
    zh = towns_headline(one, city, "collective_income", "zh")
    assert "只有四站镇一个乡镇有数值" in zh and "最低" not in zh and "最高" not in zh
    two = pd.concat([one, one.assign(town_name="向阳乡", town_pinyin="Xiangyang", median=200_000.0)])
    assert "最低的是向阳乡" in towns_headline(two, city, "collective_income", "zh")
