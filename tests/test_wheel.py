"""The wheel a user would install holds everything the package and the dashboard need: built,
installed into a fresh virtualenv, and serving a page that uses the assets (CSS, the Plotly zh-CN
locale), from outside the source tree."""

import subprocess
import sys
import sysconfig
import textwrap
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_the_wheel_serves_the_dashboard_with_its_assets(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("zhaodong_data-*.whl")
    import zipfile

    shipped = set(zipfile.ZipFile(wheel).namelist())
    for data_file in (
        "dashboard/assets/style.css",
        "dashboard/assets/print.js",
        "dashboard/assets/a11y.js",
        "dashboard/assets/view.js",
        "dashboard/assets/plotly-locale-zh-cn.js",
        "zhaodong_data/py.typed",
        "zhaodong_data/income_bands.csv",
        "zhaodong_data/metrics.csv",
        "zhaodong_data/store/schema.sql",
    ):
        assert data_file in shipped, f"the wheel leaves out {data_file}"
    environment = tmp_path / "env"
    venv.create(environment, with_pip=True)
    python = environment / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--no-deps", "-q", str(wheel)], check=True, capture_output=True
    )
    # Dependencies come from this environment's site-packages (PYTHONPATH does not run its .pth files,
    # so the editable install of the source tree stays out); the package itself from the wheel.
    dependencies = sysconfig.get_paths()["purelib"]
    script = textwrap.dedent("""
        import dashboard, zhaodong_data
        from pathlib import Path
        assert "env" in dashboard.__file__ and "env" in zhaodong_data.__file__, (dashboard.__file__, zhaodong_data.__file__)
        from dashboard.app import create_app
        from zhaodong_data.store import build_store
        client = create_app(build_store(Path("store.duckdb"))).server.test_client()
        page = client.get("/compare").get_data(as_text=True)
        assert "plotly-locale-zh-cn" in page and "style.css" in page, page[:500]
        for asset in ("/assets/style.css", "/assets/plotly-locale-zh-cn.js", "/assets/print.js"):
            assert client.get(asset).status_code == 200, asset
        print("served", zhaodong_data.__version__)
    """)
    result = subprocess.run(
        [str(python), "-c", script],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": dependencies, "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    import zhaodong_data

    assert f"served {zhaodong_data.__version__}" in result.stdout
