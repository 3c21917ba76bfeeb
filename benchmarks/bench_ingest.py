"""Ledger ingest: wall time and peak memory of validate, ingest and build at 100,000 rows.

Run on demand (not in CI):  python benchmarks/bench_ingest.py [--rows 100000]

A long-layout ledger (town, village, year and three metric columns, 万元 in a title
row, some blanks, 余/约 forms and unknown villages) is written as CSV (GBK) and XLSX.
Zhaodong has 186 villages, so a ledger of 100,000 distinct village-years is a province's: the
ledger's villages come from a generated gazetteer of 2,000 villages in 20 towns (given to the
reader in place of the shipped one), over 50 years.
Each task runs in a fresh Python process, so its peak RSS (ru_maxrss) is its own.
Baselines: the targets for 100,000 rows: validate a CSV in 1.5 s and an XLSX in 2.5 s (the
reader's own speed, with the records built by column), ingest a CSV in 10 s.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 10.0  # ingest of a CSV
VALIDATE_TARGETS = {"CSV (GBK)": 1.5, "XLSX": 2.5}

TASK = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
import pandas as pd
from zhaodong_data.gazetteer import Gazetteer
from zhaodong_data.ledgers import tidy
gazetteer = Gazetteer(pd.read_csv(sys.argv[4], dtype=str, keep_default_na=False))
tidy.load_gazetteer = lambda: gazetteer  # the province-scale villages of this ledger
start = time.perf_counter()
kind, path, store = sys.argv[1], sys.argv[2], sys.argv[3]
if kind == "validate":
    from zhaodong_data.ingest import validate_file
    report = validate_file(path)
    rows = report["rows_read"]
elif kind == "ingest":
    from zhaodong_data.ingest import ingest_file
    rows = ingest_file(store, path).report["rows_read"]
else:
    from zhaodong_data.store import build_store
    build_store(store)
    rows = 0
elapsed = time.perf_counter() - start
print(json.dumps({{"seconds": elapsed, "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "rows": rows}}))
"""


TOWNS, VILLAGES_PER_TOWN, YEARS = 20, 100, 50


def make_gazetteer(path: Path) -> list[tuple[str, str]]:
    """A divisions CSV of 20 towns with 100 villages each; returns (town, village) names."""
    rows, pairs = [], []
    for t in range(TOWNS):
        town_code, town = f"99{t + 1:04d}000000", f"测试{t + 1}镇"
        rows.append(
            {
                "code": town_code,
                "name_zh": town,
                "name_short": town,
                "name_pinyin": f"Ceshi {t + 1} Zhen",
                "level": "town",
                "parent_code": "990000000000",
            }
        )
        for v in range(VILLAGES_PER_TOWN):
            name = f"试{t + 1}-{v + 1}村"
            rows.append(
                {
                    "code": f"99{t + 1:04d}{v + 201:03d}000"[:12],
                    "name_zh": name + "委会",
                    "name_short": name,
                    "name_pinyin": f"Shi {t + 1}-{v + 1} Cun",
                    "level": "village",
                    "parent_code": town_code,
                }
            )
            pairs.append((town, name))
    import pandas as pd

    pd.DataFrame(rows).to_csv(path, index=False)
    return pairs


def make_rows(n: int, pairs: list[tuple[str, str]], seed: int = 7) -> list[list]:
    rng = random.Random(seed)
    rows = [
        ["肇东市村集体经济收入台账"],
        ["单位：万元"],
        ["乡镇", "村名", "年度", "村集体经济收入", "冷库收入", "务工收入（元/月）"],
    ]
    for i in range(n):
        town, village = pairs[i % len(pairs)]
        year = 1975 + (i // len(pairs)) % YEARS  # every village-year once
        if i % 997 == 0:
            village = "不存在村"
        income = rng.choice([f"{rng.uniform(5, 120):.2f}", f"{rng.randint(5, 99)}余", f"约{rng.randint(5, 99)}", ""])
        cold = rng.choice(["", "", "", f"{rng.uniform(10, 40):.1f}"])
        wage = str(rng.randint(2000, 5000))
        rows.append([town, village, str(year), income, cold, wage])
    return rows


def run(kind: str, path: Path, store: Path) -> dict:
    divisions = path.parent / "divisions.csv"
    out = subprocess.run(
        [sys.executable, "-c", TASK.format(root=str(ROOT)), kind, str(path), str(store), str(divisions)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def make_files(rows: int, folder: Path) -> None:
    """The gazetteer and the ledger as CSV (GBK) and XLSX in `folder`. Run in a process of its
    own (`--make`): a task's peak RSS on Linux starts from its parent's at the fork, and the rows
    and the workbook held here would be counted in every task's peak."""
    table = make_rows(rows, make_gazetteer(folder / "divisions.csv"))
    with (folder / "ledger.csv").open("w", encoding="gbk", newline="") as handle:
        csv.writer(handle).writerows(table)
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in table:
        sheet.append(row)
    workbook.save(folder / "ledger.xlsx")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--make", metavar="FOLDER", help=argparse.SUPPRESS)  # the files only, into FOLDER
    args = parser.parse_args()
    if args.make:
        make_files(args.rows, Path(args.make))
        return
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        subprocess.run([sys.executable, __file__, "--rows", str(args.rows), "--make", str(folder)], check=True)
        csv_path, xlsx_path = folder / "ledger.csv", folder / "ledger.xlsx"

        print(f"ingest benchmark: {args.rows:,} data rows; fresh process per task")
        results = {"build (embedded default)": run("build", csv_path, folder / "build.duckdb")}
        for label, path in (("CSV (GBK)", csv_path), ("XLSX", xlsx_path)):
            store = folder / f"{path.suffix}.duckdb"
            run("build", path, store)
            results[f"validate {label}"] = run("validate", path, store)
            results[f"ingest {label}"] = run("ingest", path, store)
        for label, result in results.items():
            print(f"  {label:<26} {result['seconds']:7.2f} s   peak {result['peak_mib']:7.0f} MiB")
        scale = args.rows / 100_000
        print()
        for label, target in VALIDATE_TARGETS.items():
            seconds = results[f"validate {label}"]["seconds"]
            print(
                f"target: validate {args.rows:,} {label} rows in {target * scale:.2f} s: {seconds:.2f} s "
                f"({target * scale / seconds:.2f}x the target's speed)"
            )
        csv_seconds = results["ingest CSV (GBK)"]["seconds"]
        print(
            f"target: {args.rows:,} CSV rows ingested in under {TARGET_SECONDS * scale:.1f} s: "
            f"{csv_seconds:.2f} s ({TARGET_SECONDS * scale / csv_seconds:.1f}x the target's speed)"
        )


if __name__ == "__main__":
    main()
