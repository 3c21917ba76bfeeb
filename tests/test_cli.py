import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from zhaodong_data.cli import build_parser, main

COMMANDS = sorted(build_parser()._subparsers._group_actions[0].choices)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    assert "usage: zhaodong " + command in capsys.readouterr().out


def test_the_installed_zhaodong_command_runs():
    """The console script `pip install` puts beside the interpreter (not `python -m`)."""
    command = Path(sys.executable).parent / "zhaodong"
    result = subprocess.run([str(command), "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "facts" in result.stdout and "extract" in result.stdout


def _help(*words: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "zhaodong_data.cli", *words, "--help"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_readme_lists_every_command_with_options_that_exist():
    """The README's command listing and `zhaodong --help` cannot drift apart."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    listed = re.findall(r"^\$ \.venv/bin/zhaodong (\w+)([^#\n]*)", readme, flags=re.MULTILINE)
    commands = set(re.findall(r"^    (\w+)\s{2,}", _help(), flags=re.MULTILINE))
    assert {name for name, _ in listed} == commands
    for name, rest in listed:
        for option in re.findall(r"(--[a-z][a-z-]*)", rest):
            assert option in _help(name), f"README: zhaodong {name} {option} is not an option"


def test_facts_csv_and_json(capsys):
    assert main(["facts", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    investment = next(row for row in rows if row["id"] == "investment_projects")
    assert investment["raw"] == "2620 million yuan" and float(investment["low"]) == 26_200_000
    assert main(["facts", "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert {r["id"] for r in records} == {row["id"] for row in rows}
    assert next(r for r in records if r["id"] == "wage_income")["period"] == "month"


def test_facts_table(capsys):
    assert main(["facts"]) == 0
    out = capsys.readouterr().out
    assert "jc_farmer_income" in out and "wan_as_million" in out


def test_extract_file(tmp_path, capsys):
    report = tmp_path / "report.txt"
    report.write_text("村集体收入30余万元，冷库年收入约30万元。\n- END -\n广告5000元", encoding="gb18030")
    assert main(["extract", str(report), "--format", "json", "--kind", "money"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [r["raw"] for r in records] == ["30余万元", "约30万元"]
    assert records[0]["high"] == 400_000


def test_extract_missing_file_is_one_line_exit_2(capsys):
    assert main(["extract", "/no/such/report.txt"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "/no/such/report.txt" in err and "Traceback" not in err


def test_parse_arguments(capsys):
    assert main(["parse", "30余万元", "2620 million yuan", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows[0]["high"] == "400000.0" and rows[1]["flags"] == "wan_as_million"


def test_summary(capsys):
    assert main(["summary"]) == 0
    out = capsys.readouterr().out
    assert "186 villages" in out and "¥26,200,000" in out


@pytest.mark.parametrize("order", ["before", "after"])
def test_store_option_before_or_after_the_subcommand(order, tmp_path, capsys):
    store = str(tmp_path / f"{order}.duckdb")
    argv = ["--store", store, "build", "--no-demo"] if order == "before" else ["build", "--no-demo", "--store", store]
    assert main(argv) == 0
    assert (tmp_path / f"{order}.duckdb").exists()
    assert store in capsys.readouterr().out


def test_estimate_gives_the_award_effect_the_trends_page_gives(tmp_path, capsys):
    from zhaodong_data.analysis import award_effect, award_panel
    from zhaodong_data.store import build_store
    from zhaodong_data.study import load_dashboard_data

    store = build_store(tmp_path / "s.duckdb")
    assert main(["--store", str(store), "estimate", "--cluster", "town", "--format", "json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    data = load_dashboard_data(store)
    expected = award_effect(award_panel(data.outcomes, data.red_flags, "collective_income"), cluster="town")
    assert printed["estimate"] == expected.estimate and printed["clusters"] == expected.clusters == 21
    assert printed["synthetic"] is True
    assert main(["--store", str(store), "estimate", "--outcome", "cold_storage_revenue"]) == 0
    table = capsys.readouterr().out
    assert table.startswith("data: SYNTHETIC") and ("no estimate:" in table or "method:" in table)


def test_a_closed_pipe_ends_the_output_quietly(monkeypatch, capsys):
    """`zhaodong facts | head -1`: when the reader goes away, exit 0 and nothing on stderr (a
    closed pipe is an OSError, and was reported as an error, exit 2)."""

    class ClosedPipe(io.StringIO):
        def write(self, text):
            raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    assert main(["facts"]) == 0
    assert capsys.readouterr().err == ""


def test_a_formula_shaped_file_name_is_inert_in_the_csv_listing(tmp_path, capsys):
    from zhaodong_data.ingest import ingest_file
    from zhaodong_data.store import build_store

    store = build_store(tmp_path / "s.duckdb", demo=False)
    ledger = tmp_path / "ledger.csv"
    ledger.write_text("乡镇,村名,年度,村集体经济收入（万元）\n四站镇,永丰村,2022,30\n", encoding="utf-8")
    ingest_file(store, ledger, label="=HYPERLINK(x).csv")  # the name an upload came with
    assert main(["--store", str(store), "ingests", "--format", "csv"]) == 0
    listing = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert listing and all(not str(v).startswith("=") for row in listing for v in row.values())
    assert any(str(v).startswith("'=HYPERLINK") for row in listing for v in row.values())


def test_build_s_seed_is_the_generator_s_unless_given(tmp_path, capsys):
    from zhaodong_data.demo import DemoParameters

    assert main(["build", "--store", str(tmp_path / "a.duckdb")]) == 0
    assert f"SYNTHETIC demo panel (seed {DemoParameters().seed})" in capsys.readouterr().out
    assert main(["build", "--store", str(tmp_path / "b.duckdb"), "--seed", "7"]) == 0
    assert "SYNTHETIC demo panel (seed 7)" in capsys.readouterr().out
