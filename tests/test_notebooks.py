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
    if notebook.stem == "01-sources-and-cleaning":
        assert "wan_as_million" in text and "27,000,000" in text
    if notebook.stem == "04-your-ledgers":
        assert "ingested as ingest #1" in text
