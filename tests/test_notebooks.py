"""Every notebook runs from a fresh store, as a researcher would rerun it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).parent.parent / "notebooks").glob("[0-9][0-9]-*.py"))


def test_there_are_notebooks():
    assert NOTEBOOKS


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[n.stem for n in NOTEBOOKS])
def test_notebook_runs(notebook, tmp_path):
    environment = {key: value for key, value in os.environ.items() if key != "ZHAODONG_STORE"}
    environment["MPLBACKEND"] = "Agg"
    result = subprocess.run([sys.executable, str(notebook)], capture_output=True, text=True, env=environment,
                            cwd=tmp_path, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "SYNTHETIC" in result.stdout  # it says what the data are
    assert "built the embedded default" in result.stdout  # and where they came from
    if notebook.stem == "01-red-flags":
        assert "inside the 95% CI" in result.stdout
        assert "wan_as_million" in result.stdout
