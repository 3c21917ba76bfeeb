"""Hostile ledgers: wall time and peak memory of `validate` on files built at the limits.

Run on demand (not in CI):  python benchmarks/bench_limits.py [--only NAME]

Each file is built here (nothing is shipped) as a hostile or careless user would make it, near
or past one of the limits in `zhaodong_data/ledgers/limits.py`, and validated in a fresh Python
process, so that its peak RSS (ru_maxrss) is its own. The baseline is the same process
validating a ten-row ledger: what the interpreter, pandas, DuckDB and the parser's tables cost
before any file. Target (issue: bounded work for every file): a hostile file costs at most a few
seconds (5 s here) and about 200 MiB over the baseline, whatever its shape.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import random
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 5.0
TARGET_MIB = 200.0

TASK = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
from zhaodong_data.ingest import validate_file
from zhaodong_data.ledgers import UnreadableFile
start = time.perf_counter()
try:
    report = validate_file(sys.argv[1])
    outcome = f"read: {{report['rows_read']:,}} rows, {{report['cells_quarantined']:,}} cells quarantined"
except UnreadableFile as refusal:
    outcome = "refused: " + str(refusal).split(": ", 1)[-1][:90]
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"seconds": elapsed, "peak_mib": peak, "outcome": outcome}}))
"""

HEADER = ["乡镇", "村名", "年度", "村集体经济收入（万元）", "冷库收入（万元）", "务工收入（万元）"]
YEARS = 60  # 1960-2019: each village of the gazetteer in each


def _villages() -> list[tuple[str, str]]:
    sys.path.insert(0, str(ROOT))
    from zhaodong_data.gazetteer.matching import load_gazetteer

    table = load_gazetteer().villages
    table = table[table["level"] == "village"]
    return list(zip(table["town_name"], table["name_zh"], strict=True))


def _write(path: Path, rows: Iterable[list]) -> Path:
    # rows are written as they are made: this process stays small, and a child's peak RSS (which
    # on Linux starts from its parent's at the fork) is the child's own
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def small(path: Path) -> Path:
    """The baseline: ten ordinary rows."""
    pairs = _villages()
    return _write(path, [HEADER] + [[*pairs[i], "2022", "45", "", "3000"] for i in range(10)])


def too_many_rows(path: Path) -> Path:
    """952,000 rows: 11,200 village-years repeated with other values."""
    pairs, rng = _villages(), random.Random(1)

    def rows() -> Iterator[list]:
        yield HEADER
        for i in range(952_000):
            town, village = pairs[i % len(pairs)]
            yield [town, village, str(1960 + (i // len(pairs)) % YEARS), str(rng.randint(1, 99)), "", ""]

    return _write(path, rows())


def too_many_cells(path: Path) -> Path:
    """40,000 rows × 500 columns of one-digit cells."""
    row = ["1"] * 500
    return _write(path, [["村名", "年度"] + [f"收入{i}" for i in range(498)], *([row] * 40_000)])


def wide_values(rows: int) -> Callable[[Path], Path]:
    def build(path: Path) -> Path:
        pairs = _villages()
        header = ["村名", "年度"] + [f"村集体经济收入{i}" for i in range(498)]
        body = (
            [pairs[i % len(pairs)][1], str(1990 + i // len(pairs))] + [str(j % 97 + 1) for j in range(498)]
            for i in range(rows)
        )
        return _write(path, itertools.chain([header], body))

    return build


def conflicts(rows: int, distinct_values: bool = False) -> Callable[[Path], Path]:
    """Rows of every village-year (the gazetteer's villages × YEARS) over and over with other values:
    every repeat a conflict (`distinct_values`: every value written once, 12.3456 and the like)."""

    def build(path: Path) -> Path:
        pairs, rng = _villages(), random.Random(2)
        distinct = len(pairs) * YEARS

        def body() -> Iterator[list]:
            yield HEADER
            for i in range(rows):
                k = i % distinct
                town, village = pairs[k % len(pairs)]
                year = str(1960 + k // len(pairs))
                if distinct_values:
                    yield [town, village, year, *(f"{rng.uniform(1, 99):.6f}" for _ in range(3))]
                else:
                    yield [town, village, year, *(str(rng.randint(1, 99)) for _ in range(3))]

        return _write(path, body())

    return build


FILES: dict[str, Callable[[Path], Path]] = {
    "952,000 rows, village-years repeated": too_many_rows,
    "40,000 rows x 500 columns": too_many_cells,
    "9,000 rows x 498 value columns": wide_values(9_000),
    "500 rows x 498 value columns": wide_values(500),
    "246,400 rows x 3 values, village-years repeated": conflicts(246_400),
    "83,000 rows x 3 values, village-years repeated": conflicts(83_000),
    "the same, every value written once": conflicts(83_000, distinct_values=True),
}


def run(path: Path) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", TASK.format(root=str(ROOT)), str(path)], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="run only the files whose name contains this")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        base = run(small(Path(folder) / "small.csv"))
        print(f"baseline (ten rows): {base['seconds']:.2f} s, peak {base['peak_mib']:.0f} MiB")
        print(f"target: at most {TARGET_SECONDS:.0f} s and {TARGET_MIB:.0f} MiB over the baseline per file\n")
        for name, build in FILES.items():
            if args.only and args.only not in name:
                continue
            path = build(Path(folder) / "hostile.csv")
            result = run(path)
            over = result["peak_mib"] - base["peak_mib"]
            print(
                f"{name:<48} {result['seconds']:6.2f} s ({TARGET_SECONDS / result['seconds']:5.2f}x)  "
                f"+{over:5.0f} MiB ({TARGET_MIB / max(over, 1):5.2f}x)  {result['outcome']}"
            )
            path.unlink()


if __name__ == "__main__":
    main()
