"""Figure parsing: throughput of parse_amounts against named baselines, and accuracy.

Run on demand (not in CI):  python benchmarks/bench_parsing.py [--rows 1000000] [--seed 7]

Two workloads of --rows strings each, in the same mix of forms as a county ledger:
  realistic   drawn with repeats from a pool of 20,000 distinct strings (Zipf-like weights),
  all-unique  every string distinct.
Baselines, side by side in one run:
  pandas.to_numeric  on the plain-number subset only: the ceiling for "just numbers";
  cn2an.cn2an(smart) on the forms it handles (Chinese numerals, digits with 万/亿);
  jionlp.parse_money on the money strings it handles (a 50,000-string sample: it is slow);
  price_parser.Price.fromstring on every string with an Arabic digit (the fastest peer).
Every contender is timed once per round, --repeats rounds: a rate is the best round, a ratio
the median of the rounds' ratios (a shared machine is noisy; a slow minute slows all alike).
Accuracy is measured on the labelled corpus (tests/data/figures_corpus.csv): a reading is
right when its bounds (low and high) equal the label; a peer that raises or answers
something else is wrong on that string.
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from zhaodong_data.parsing import parse_amount, parse_amounts  # noqa: E402
from zhaodong_data.parsing.amounts import _parse_cached  # noqa: E402

CN_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """A Chinese numeral for 1 <= n < 1e8 (for generating test strings)."""

    def below_wan(k: int) -> str:
        out, zero = "", False
        for unit, size in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
            digit = k // size % 10
            if digit:
                if zero and out:
                    out += "零"
                out += CN_DIGITS[digit] + unit
                zero = False
            else:
                zero = True
        return out

    wan, rest = divmod(n, 10_000)
    text = (below_wan(wan) + "万" if wan else "") + (
        ("零" if wan and rest < 1000 and rest else "") + below_wan(rest) if rest else ""
    )
    return text


# (share of the mix, maker of a string from a running number, kind)
MIX = [
    (0.40, lambda n, r: str(n), "plain"),
    (0.15, lambda n, r: f"{n / 100:.2f}", "plain"),
    (0.08, lambda n, r: f"{n:,}", "plain"),
    (0.08, lambda n, r: f"{n / 100:.2f}万元", "wan"),
    (0.04, lambda n, r: f"{n}元", "yuan"),
    (0.02, lambda n, r: f"{n / 1000:.1f}万", "wan"),
    (0.03, lambda n, r: r.choice(["", "-", "—", "/", "不详", "0", "无", "--"]) if n % 7 else "暂无", "missing"),
    (0.02, lambda n, r: f"约{n}元", "qualifier"),
    (0.02, lambda n, r: f"{n // 10 * 10}余万元", "qualifier"),
    (0.01, lambda n, r: f"{n}万元以上", "qualifier"),
    (0.02, lambda n, r: f"{n}元/月", "period"),
    (0.01, lambda n, r: f"{n:,} yuan", "english"),
    (0.01, lambda n, r: f"more than {n:,} yuan", "english"),
    (0.01, lambda n, r: f"{n} million yuan", "english"),
    (0.03, lambda n, r: chinese_numeral(n % 99_999_999 + 1) + "元", "chinese"),
    (0.03, lambda n, r: f"{n % 1000}-{n % 1000 + 5}万元", "range"),
    (0.02, lambda n, r: r.choice(["见附表", "待核实", "#REF!", "合计", "2023年5月"]), "invalid"),
]


def make_strings(rows: int, seed: int, unique: bool) -> list[str]:
    rng = random.Random(seed)
    weights = [share for share, _, _ in MIX]
    makers = [maker for _, maker, _ in MIX]
    if unique:
        out, seen, n = [], set(), 10_000
        while len(out) < rows:
            n += rng.randint(1, 17)
            text = makers[rng.choices(range(len(MIX)), weights)[0]](n, rng)
            if text not in seen:
                seen.add(text)
                out.append(text)
        return out
    pool = [makers[i](rng.randint(1, 5_000_000), rng) for i in rng.choices(range(len(MIX)), weights, k=20_000)]
    zipf = 1 / np.arange(1, len(pool) + 1) ** 0.8
    picks = np.random.default_rng(seed).choice(len(pool), size=rows, p=zipf / zipf.sum())
    return [pool[i] for i in picks]


def timed(fn, values) -> float:
    _parse_cached.cache_clear()
    start = time.perf_counter()
    fn(values)
    return time.perf_counter() - start


def rates_in_rounds(contenders: dict, repeat: int) -> dict[str, list[float]]:
    """Strings per second of each contender, (fn, values), in each of `repeat` rounds; every
    round times each contender once, so that a slow minute on a shared machine slows all alike."""
    rates: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(repeat):
        for name, (fn, values) in contenders.items():
            rates[name].append(len(values) / timed(fn, values))
    return rates


def cn2an_handles(text: str) -> bool:
    import re

    return bool(re.fullmatch(r"[零一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟元]+|[0-9.]+[万亿]", text))


def corpus_accuracy() -> dict[str, float]:
    rows = list(csv.DictReader((ROOT / "tests" / "data" / "figures_corpus.csv").open(encoding="utf-8")))
    figures = [r for r in rows if r["qualifier"] not in ("missing", "invalid")]

    def right(low, high, row):
        def same(a, b):
            return (a is None and b == "") or (a is not None and b != "" and math.isclose(a, float(b), rel_tol=1e-9))

        return same(low, row["low"]) and same(high, row["high"])

    scores = {"parse_amount": sum(right(parse_amount(r["raw"]).low, parse_amount(r["raw"]).high, r) for r in figures)}
    try:
        import cn2an

        def read_cn2an(text):
            try:
                value = float(cn2an.cn2an(text, "smart"))
                return value, value
            except Exception:
                return math.nan, math.nan

        scores["cn2an"] = sum(right(*read_cn2an(r["raw"]), r) for r in figures)
    except ImportError:
        pass
    try:
        import jionlp

        def read_jionlp(text):
            try:
                number = jionlp.parse_money(text)["num"]
                low, high = (number, number) if isinstance(number, str) else number
                return float(low), float(high)
            except Exception:
                return math.nan, math.nan

        scores["jionlp"] = sum(right(*read_jionlp(r["raw"]), r) for r in figures)
    except ImportError:
        pass
    try:
        from price_parser import Price

        def read_price_parser(text):
            amount = Price.fromstring(text).amount_float
            return (amount, amount) if amount is not None else (math.nan, math.nan)

        scores["price-parser"] = sum(right(*read_price_parser(r["raw"]), r) for r in figures)
    except ImportError:
        pass
    return {name: score / len(figures) for name, score in scores.items()} | {"n": len(figures)}


def peers(strings: list[str]) -> dict:
    """The installed peers, each with the strings it claims to handle."""
    found = {}
    try:
        import cn2an

        def run_cn2an(values):
            for value in values:
                cn2an.cn2an(value, "smart")

        found["cn2an (smart)"] = (run_cn2an, [s for s in strings if cn2an_handles(s)])
    except ImportError:
        print("  cn2an not installed: pip install -e '.[bench]'")
    try:
        import jionlp

        def run_jionlp(values):
            for value in values:
                try:
                    jionlp.parse_money(value)
                except Exception:
                    pass

        money = [s for s in strings if ("元" in s or "万" in s) and not s.startswith("more")]
        found["jionlp.parse_money"] = (run_jionlp, money[:50_000])  # a sample: it is slow
    except ImportError:
        print("  jionlp not installed: pip install -e '.[bench]'")
    try:
        from price_parser import Price

        def run_price_parser(values):
            for value in values:
                Price.fromstring(value)

        found["price-parser"] = (run_price_parser, [s for s in strings if any(ch.isdigit() for ch in s)])
    except ImportError:
        print("  price-parser not installed: pip install -e '.[bench]'")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeats", type=int, default=3, help="rounds: each contender is timed once per round")
    args = parser.parse_args()

    print(f"figure parsing benchmark: {args.rows:,} strings per workload, seed {args.seed}")
    results = {}
    for workload, unique in (("realistic (with repeats)", False), ("all-unique", True)):
        strings = make_strings(args.rows, args.seed, unique)
        series = pd.Series(strings, dtype=object)
        plain = series[series.str.fullmatch(r"-?[0-9]+(?:\.[0-9]+)?")]
        contenders = {"parse_amounts": (parse_amounts, series), "pandas.to_numeric": (pd.to_numeric, plain)}
        if unique:
            contenders.update(peers(strings))
        rates = rates_in_rounds(contenders, args.repeats)
        ours = max(rates["parse_amounts"])
        results[workload] = ours
        print(f"\n{workload}: {series.nunique():,} distinct strings (each rate the best of {args.repeats} rounds)")
        print(f"  parse_amounts           {ours:>12,.0f} strings/s")
        ceiling = max(rates["pandas.to_numeric"])
        print(
            f"  pandas.to_numeric       {ceiling:>12,.0f} strings/s  (plain-number subset, {len(plain):,}; "
            f"parse_amounts = {ours / ceiling:.2f}x of this ceiling)"
        )
        if not unique:
            continue
        ratios = {}
        for name in contenders:
            if name in ("parse_amounts", "pandas.to_numeric"):
                continue
            # The ratio of each round (ours and the peer timed minutes apart at most), the median.
            each_round = [a / b for a, b in zip(rates["parse_amounts"], rates[name])]
            ratios[name] = statistics.median(each_round)
            print(
                f"  {name:<23} {max(rates[name]):>12,.0f} strings/s  (on {len(contenders[name][1]):,} strings it "
                f"handles; parse_amounts = {ratios[name]:.1f}x, median of rounds, "
                f"{min(each_round):.1f}x to {max(each_round):.1f}x)"
            )
        if ratios:
            fastest = max(ratios, key=lambda name: max(rates[name]))
            print(f"  target >= 5x the fastest peer ({fastest}): {ratios[fastest]:.1f}x")
    print(f"\ntarget >= 1,000,000 strings/s on the realistic mix: {results['realistic (with repeats)']:,.0f}")

    accuracy = corpus_accuracy()
    print(f"\naccuracy on the labelled corpus ({accuracy.pop('n')} figure strings; bounds must match):")
    for name, share in accuracy.items():
        print(f"  {name:<15} {share:6.1%}")


if __name__ == "__main__":
    main()
