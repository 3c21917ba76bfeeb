"""Panel estimators: TWFE with village-clustered errors at 186×7, 10,000×10 and 500,000×10
(villages × years), wall time and peak memory, side by side with pyfixest in one run; and the
Monte Carlo of the demo generator's scenarios in full; and the award effect with awards in three
years (the imputation estimator) against pyfixest's did2s at the same sizes.

Run on demand (not in CI):  python benchmarks/bench_analysis.py [--monte-carlo 1000]

Each estimate runs in a fresh process (peak RSS is its own, data included). Village codes are a
pandas categorical, as a panel read from the store or Parquet would be. Targets: >= 2.5x faster
than pyfixest and under 600 MiB at 500,000×10; the award effect >= 2.5x faster than did2s and
under 1 GiB at 500,000×10.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

TASK = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
import numpy as np, pandas as pd
villages, years, which = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rng = np.random.default_rng(1)
codes = pd.Categorical.from_codes(np.repeat(np.arange(villages), years), [f"v{{i:07d}}" for i in range(villages)])
year = np.tile(np.arange(2015, 2015 + years), villages)
treated = np.repeat(rng.random(villages) < 0.5, years)
treated_post = (treated & (year >= 2015 + years // 2)).astype(float)
y = np.repeat(rng.normal(13, 0.6, villages), years) + 0.02 * (year - 2015) + 0.15 * treated_post \\
    + rng.normal(0, 0.1, villages * years)
panel = pd.DataFrame({{"village_code": codes, "year": year, "y": y, "treated_post": treated_post}})
if which in ("imputation", "did2s"):  # awards in three years, effects growing with time since award
    cohort = np.repeat(2015 + years // 2 + rng.integers(-1, 2, villages), years).astype(float)
    panel["award_year"] = np.where(treated, cohort, np.nan)
    since = panel["year"] - panel["award_year"]
    panel["is_treated"] = since >= 0
    panel["y"] = y + np.where(panel["is_treated"], 0.1 + 0.05 * since.fillna(0), 0) - 0.15 * treated_post
del codes, year, treated, treated_post, y
if which == "zhaodong":
    from zhaodong_data.analysis import twfe
elif which == "imputation":
    from zhaodong_data.analysis import award_effect
else:
    import pyfixest
start = time.perf_counter()
if which == "zhaodong":
    estimate = twfe(panel, post=None, treated=None)
    coefficient, se = estimate.estimate, estimate.std_error
elif which == "imputation":
    estimate = award_effect(panel)
    coefficient, se = estimate.estimate, estimate.std_error
elif which == "did2s":
    fit = pyfixest.did2s(panel, yname="y", first_stage="~0|village_code+year", second_stage="~is_treated",
                         treatment="is_treated", cluster="village_code")
    coefficient, se = float(fit.coef().iloc[0]), float(fit.se().iloc[0])
else:
    fit = pyfixest.feols("y ~ treated_post | village_code + year", data=panel, vcov={{"CRV1": "village_code"}})
    coefficient, se = float(fit.coef().iloc[0]), float(fit.se().iloc[0])
elapsed = time.perf_counter() - start
print(json.dumps({{"seconds": elapsed, "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "coefficient": coefficient, "se": se}}))
"""

SIZES = [(186, 7), (10_000, 10), (500_000, 10)]


def run(villages: int, years: int, which: str) -> dict:
    """One estimate in a fresh process; {"failed": why} if it could not finish (did2s builds dense
    dummy matrices, which do not fit in memory at large sizes)."""
    try:
        out = subprocess.run(
            [sys.executable, "-c", TASK.format(root=str(ROOT)), str(villages), str(years), which],
            capture_output=True,
            text=True,
            check=True,
            timeout=900,
        )
    except subprocess.TimeoutExpired:
        return {"failed": "over 900 s"}
    except subprocess.CalledProcessError as error:
        return {"failed": (error.stderr.strip().splitlines() or ["exit " + str(error.returncode)])[-1][:120]}
    return json.loads(out.stdout.strip().splitlines()[-1])


SCENARIOS = ("default", "no_effect", "transitory", "trend", "waves", "waves_no_effect", "cohorts", "dynamic")
SCENARIOS += ("cohorts_dynamic",)


def monte_carlo(n: int) -> None:
    sys.path.insert(0, str(ROOT))
    from zhaodong_data.demo.montecarlo import draws, summary

    print(f"\nMonte Carlo of the demo scenarios ({n} draws each), TWFE and the default award effect side by side:")
    for name in SCENARIOS:
        table = draws(name, n)
        for estimator in ("twfe", "award_effect"):
            result = summary(name, table, estimator)
            pretrend = result["pretrend_rejects"]
            print(
                f"  {name:<15} {estimator:<12} truth {result['truth']:.4f} mean {result['mean']:.4f} "
                f"(bias {result['bias']:+.4f}), 95% CI coverage {result['coverage']:.3f}, "
                f"rejects zero {result['rejects_zero']:.3f}, pre-trend test rejects "
                + (f"{pretrend:.3f}" if pretrend is not None else "—")
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--monte-carlo", type=int, default=0, help="draws per scenario (0: skip)")
    args = parser.parse_args()
    print("TWFE with village-clustered errors; fresh process per estimate (data included in the peak)")
    for villages, years in SIZES:
        ours, theirs = run(villages, years, "zhaodong"), run(villages, years, "pyfixest")
        agree = abs(ours["coefficient"] - theirs["coefficient"]) < 1e-8 and abs(ours["se"] - theirs["se"]) < 1e-8
        print(
            f"  {villages:>7,} x {years:<3} zhaodong {ours['seconds']:7.3f} s {ours['peak_mib']:7.0f} MiB   "
            f"pyfixest {theirs['seconds']:7.3f} s {theirs['peak_mib']:7.0f} MiB   "
            f"{theirs['seconds'] / ours['seconds']:5.1f}x faster; estimates agree to 1e-8: {agree}"
        )
    print("\nThe award effect with awards in three years (imputation) against pyfixest's did2s:")
    for villages, years in SIZES:
        ours, theirs = run(villages, years, "imputation"), run(villages, years, "did2s")
        mine = f"zhaodong {ours['seconds']:7.3f} s {ours['peak_mib']:7.0f} MiB"
        if "failed" in theirs:
            print(f"  {villages:>7,} x {years:<3} {mine}   did2s failed: {theirs['failed']}")
            continue
        # did2s's first stage stops at fixest's 1e-8 tolerance: agreement is to about 1e-6
        agree = abs(ours["coefficient"] - theirs["coefficient"]) < 1e-6
        print(
            f"  {villages:>7,} x {years:<3} {mine}   did2s {theirs['seconds']:7.3f} s {theirs['peak_mib']:7.0f} MiB   "
            f"{theirs['seconds'] / ours['seconds']:5.1f}x faster; coefficients agree to 1e-6: {agree}"
        )
    if args.monte_carlo:
        monte_carlo(args.monte_carlo)


if __name__ == "__main__":
    main()
