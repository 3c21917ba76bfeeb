"""The error conventions: each estimator's `convention` a coded sentence (its English as before,
rendered in Chinese from its parameters), so that a page never picks a sentence by the method's words."""

import copy
import pickle
import re

import numpy as np
import pandas as pd

from zhaodong_data.analysis import award_effect, twfe
from zhaodong_data.analysis.conventions import CATALOG, Convention, convention
from zhaodong_data.analysis.poisson import ppml
from zhaodong_data.analysis.ssc import FIXEST_DEFAULT, SmallSampleCorrection
from zhaodong_data.i18n.coded import template_fields, text_in


def test_every_convention_has_both_languages_from_the_parameters_it_is_given():
    given = set(convention().params)
    for code, entry in CATALOG.items():
        assert set(entry) == {"en", "zh"}, code
        assert template_fields(entry["en"]) | template_fields(entry["zh"]) <= given, code


def _panel(villages: int = 40, seed: int = 4) -> pd.DataFrame:
    """Half the villages awarded, a quarter in 2019 and a quarter in 2021 (staggered: the
    imputation estimator's case), the others never."""
    rng = np.random.default_rng(seed)
    rows = [(f"v{v:03d}", year) for v in range(villages) for year in range(2016, 2024)]
    panel = pd.DataFrame(rows, columns=["village_code", "year"])
    number = panel["village_code"].str[1:].astype(int)
    panel["treated"] = number < villages // 2
    panel["award_year"] = np.where(panel["treated"], np.where(number < villages // 4, 2019.0, 2021.0), np.nan)
    panel["post"] = panel["year"] >= panel["award_year"]
    panel["treated_post"] = (panel["treated"] & panel["post"]).astype(float)
    panel["y"] = np.exp(rng.normal(size=len(panel)))
    return panel


def test_each_estimator_states_its_convention_as_a_coded_sentence():
    panel = _panel()
    described = FIXEST_DEFAULT.describe()
    expected = {
        "twfe": (twfe(panel), f"CRV1 by village; {described}; t(G-1)", "crv1"),
        "imputation": (
            award_effect(panel),
            "GMM two-stage clustered by village variance as did2s (no small-sample factor); t(G-1)",
            "gmm",
        ),
        "ppml": (ppml(panel, y="y"), f"CRV1 by village on the PPML score; {described}; t(G-1)", "crv1_ppml"),
    }
    for name, (estimate, english, code) in expected.items():
        assert isinstance(estimate.convention, Convention) and estimate.convention.code == code, name
        assert estimate.convention == english, name
        chinese = text_in(estimate.convention, "zh")
        assert chinese.startswith("按村") and not re.search(r"\b(?:by|clustered|village)\b", chinese), name
        for copied in (
            copy.deepcopy(estimate.convention),
            pickle.loads(pickle.dumps(estimate.as_dict()))["convention"],
        ):
            assert isinstance(copied, Convention) and copied.render("zh") == chinese, name


def test_clusters_and_the_small_sample_correction_are_named_in_both_languages():
    by_town = convention("crv1", "town_code")
    assert by_town.startswith("CRV1 by town_code;") and by_town.render("zh").startswith("按乡镇聚类")
    bare = convention("crv1", ssc=SmallSampleCorrection(adj=False, cluster_adj=False))
    assert "small-sample correction none (fixef.K = nested)" in bare
    assert "小样本校正 无（fixef.K = nested）" in bare.render("zh")


def test_the_default_estimate_says_which_estimator_made_it():
    """Awards in several years: the imputation estimator; in one year: TWFE (the page names it
    from `is_imputation`, never from the method's words)."""
    from zhaodong_data.analysis.award_effect import is_imputation

    staggered = _panel()
    one_year = staggered.assign(award_year=np.where(staggered["treated"], 2020.0, np.nan))
    one_year["post"] = one_year["year"] >= one_year["award_year"]
    one_year["treated_post"] = (one_year["treated"] & one_year["post"]).astype(float)
    assert is_imputation(award_effect(staggered)) and not is_imputation(award_effect(one_year))
    assert not is_imputation(twfe(staggered))
