"""environment.yml (conda users) agrees with pyproject.toml (the source of truth)."""

import re
import tomllib
from pathlib import Path

import yaml
from packaging.requirements import Requirement

ROOT = Path(__file__).parent.parent
# PyPI name -> conda-forge name where they differ.
CONDA_NAMES = {"duckdb": "python-duckdb"}


def _pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _lower_bounds(requirements):
    bounds = {}
    for text in requirements:
        requirement = Requirement(text)
        lower = [spec.version for spec in requirement.specifier if spec.operator == ">="]
        assert len(lower) == 1, f"{text}: give exactly one lower bound (>=)"
        bounds[CONDA_NAMES.get(requirement.name.lower(), requirement.name.lower())] = lower[0]
    return bounds


def _conda():
    environment = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda, pip = {}, None
    for entry in environment["dependencies"]:
        if isinstance(entry, dict):
            pip = entry["pip"]
            continue
        match = re.fullmatch(r"([A-Za-z0-9_.\-]+)\s*(?:>=\s*([\w.]+))?", entry)
        assert match, f"environment.yml: cannot read {entry!r}"
        conda[match.group(1).lower()] = match.group(2)
    return environment, conda, pip


def test_every_dependency_and_test_extra_is_in_environment_yml_with_the_same_lower_bound():
    project = _pyproject()["project"]
    wanted = _lower_bounds(project["dependencies"] + project["optional-dependencies"]["test"])
    _, conda, _ = _conda()
    for name, bound in wanted.items():
        assert name in conda, f"{name} is in pyproject.toml but not in environment.yml"
        assert conda[name] == bound, f"{name}: pyproject.toml says >={bound}, environment.yml >={conda[name]}"


def test_environment_yml_has_nothing_pyproject_lacks():
    project = _pyproject()["project"]
    wanted = _lower_bounds(project["dependencies"] + project["optional-dependencies"]["test"])
    _, conda, _ = _conda()
    extra = set(conda) - set(wanted) - {"python", "pip"}
    assert not extra, f"in environment.yml but not pyproject.toml: {sorted(extra)}"


def test_python_version_and_pip_section_agree():
    environment, conda, pip = _conda()
    requires = _pyproject()["project"]["requires-python"]
    assert requires == f">={conda['python']}"
    assert "pip" in conda
    assert pip == ["-e ."]
    assert environment["channels"] == ["conda-forge"]


def test_every_package_the_code_imports_is_declared():
    """A module imported by zhaodong_data or dashboard that only arrives as another package's
    dependency (scipy did, through statsmodels) breaks when that package changes: each is named
    in pyproject.toml's dependencies."""
    import ast
    import sys
    from importlib.metadata import packages_distributions

    declared = {Requirement(text).name.lower().replace("_", "-") for text in _pyproject()["project"]["dependencies"]}
    distributions = packages_distributions()
    missing = set()
    for folder in ("zhaodong_data", "dashboard"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    top = name.split(".")[0]
                    if top in sys.stdlib_module_names or top in ("zhaodong_data", "dashboard"):
                        continue
                    owners = {d.lower().replace("_", "-") for d in distributions.get(top, [top])}
                    if not owners & declared:
                        missing.add(f"{top} ({path.relative_to(ROOT)})")
    assert not missing, sorted(missing)
