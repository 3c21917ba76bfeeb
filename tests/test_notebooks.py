"""Every notebook runs from a fresh clone as a researcher would run it (papermill, on the .ipynb),
each .ipynb is the same notebook as its jupytext .py pair, and each says what data it runs on."""

from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).parent.parent / "notebooks").glob("[0-9][0-9]-*.py"))
# Small enough for the test suite; the defaults are for researchers.
PARAMETERS = {"03-panel-did": {"monte_carlo_draws": 3}}


def test_there_are_the_four_notebooks():
    assert [n.stem for n in NOTEBOOKS] == [
        "01-sources-and-cleaning",
        "02-red-flag-comparison",
        "03-panel-did",
        "04-your-ledgers",
    ]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[n.stem for n in NOTEBOOKS])
def test_the_ipynb_is_the_same_notebook_as_its_script(notebook):
    jupytext = pytest.importorskip("jupytext")
    script, paired = jupytext.read(notebook), jupytext.read(notebook.with_suffix(".ipynb"))
    assert [(c.cell_type, c.source) for c in script.cells] == [(c.cell_type, c.source) for c in paired.cells]
    parameters = [c for c in script.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(parameters) == 1 and "store = None" in parameters[0].source


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[n.stem for n in NOTEBOOKS])
def test_notebook_runs_with_papermill(notebook, tmp_path, monkeypatch):
    papermill = pytest.importorskip("papermill")
    monkeypatch.delenv("ZHAODONG_STORE", raising=False)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    output = tmp_path / notebook.with_suffix(".ipynb").name
    papermill.execute_notebook(
        str(notebook.with_suffix(".ipynb")),
        str(output),
        cwd=str(tmp_path),
        parameters=PARAMETERS.get(notebook.stem, {}),
        progress_bar=False,
        kernel_name="python3",
    )
    text = output.read_text(encoding="utf-8")
    assert "SYNTHETIC" in text  # it says what the data are
    if notebook.stem == "03-panel-did":
        assert "planted effect on collective_income: 0.15: inside the 95% CI" in text
        assert text.count("Plotly.newPlot") >= 2  # both charts drawn in HTML too, for `make notebooks`
    if notebook.stem == "01-sources-and-cleaning":
        assert "wan_as_million" in text and "27,000,000" in text
    if notebook.stem == "04-your-ledgers":
        assert "ingested as ingest #1" in text


def _ledger(path, villages: int, years: range, awards: dict[int, int]):
    """A ledger as a county office writes it: 乡镇, 村名, 年度, 红旗类别 (filled from the award year
    on), income in 万元. `awards`: award year -> how many of the first villages get it."""
    import csv

    from zhaodong_data.gazetteer import load_gazetteer

    chosen = load_gazetteer().villages.query("level == 'village'").head(villages)
    award_of, start = {}, 0
    for year, count in awards.items():
        for code in chosen["code"].iloc[start : start + count]:
            award_of[code] = year
        start += count
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["乡镇", "村名", "年度", "红旗类别", "村集体经济收入（万元）"])
        for n, village in enumerate(chosen.itertuples()):
            for year in years:
                flagged = village.code in award_of and year >= award_of[village.code]
                income = 20 + n + 2 * (year - years.start) + (5 if flagged else 0)
                writer.writerow(
                    [village.town_name, village.name_short, year, "产业发展" if flagged else "", f"{income:.1f}"]
                )
    return path


@pytest.fixture(scope="module")
def researcher_stores(tmp_path_factory):
    """The stores a researcher can build with the CLI: published sources only; one small ledger
    (five villages, three years); a ledger with awards in two years."""
    from zhaodong_data.ingest import ingest_file
    from zhaodong_data.store import build_store

    folder = tmp_path_factory.mktemp("stores")
    stores = {"published": build_store(folder / "published.duckdb", demo=False)}
    for name, ledger in (
        ("small", _ledger(folder / "small.csv", 5, range(2021, 2024), {2022: 2})),
        ("two_awards", _ledger(folder / "two.csv", 40, range(2017, 2024), {2019: 8, 2021: 8})),
    ):
        stores[name] = build_store(folder / f"{name}.duckdb", demo=False)
        assert ingest_file(stores[name], ledger).status == "ingested"
    return stores


@pytest.mark.slow
@pytest.mark.parametrize("which", ["published", "small", "two_awards"])
@pytest.mark.parametrize("notebook", ["02-red-flag-comparison", "03-panel-did"])
def test_notebooks_run_on_any_store_a_researcher_builds(notebook, which, researcher_stores, tmp_path, monkeypatch):
    """Top to bottom on each store, saying why an estimate is missing instead of crashing."""
    papermill = pytest.importorskip("papermill")
    monkeypatch.setenv("MPLBACKEND", "Agg")
    path = Path(__file__).parent.parent / "notebooks" / f"{notebook}.ipynb"
    output = tmp_path / path.name
    parameters = {"store": str(researcher_stores[which]), **PARAMETERS.get(notebook, {})}
    papermill.execute_notebook(
        str(path), str(output), cwd=str(tmp_path), parameters=parameters, progress_bar=False, kernel_name="python3"
    )
    text = output.read_text(encoding="utf-8")
    if notebook == "03-panel-did" and which == "two_awards":
        assert "imputation (Borusyak" in text  # awards in two years: the robust estimator, named
    if notebook == "03-panel-did" and which == "published":
        assert "no estimate: no observations" in text or "no estimate: no comparison group" in text
    if notebook == "03-panel-did" and which == "small":  # 2021-2023, awards in 2022: one year before
        assert "no estimate: 1 period(s) before and 2 after the award" in text
    if notebook == "02-red-flag-comparison" and which != "two_awards":
        assert "no selection diagnostics" in text or "pre-award years" in text
