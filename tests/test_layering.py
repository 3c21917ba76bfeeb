"""The package's layers, read from its imports: zhaodong_data never imports the dashboard when it is
imported (the CLI's `dashboard` command imports it when run), its parts import each other without
a cycle, and the figure parser, the gazetteer and the formatter (i18n) stand on nothing that opens
a store."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "zhaodong_data"


def _imported(path: Path, node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if not node.level:
        return [node.module or ""]
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    base = parts[: len(parts) - node.level]  # a module's package, a package's parent for each dot more
    return [".".join(base + ([node.module] if node.module else []))]


def _imports() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """(part -> parts and packages it imports at module level, part -> what it imports inside functions).
    A part is a subpackage or top-level module of zhaodong_data."""
    at_import, when_run = defaultdict(set), defaultdict(set)
    for path in PACKAGE.rglob("*.py"):
        part = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top = {
            name
            for node in tree.body
            if isinstance(node, ast.Import | ast.ImportFrom)
            for name in _imported(path, node)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                for name in _imported(path, node):
                    (at_import if name in top else when_run)[part].add(_part_of(name))
    return at_import, when_run


def _part_of(name: str) -> str:
    pieces = name.split(".")
    if pieces[0] == "zhaodong_data":
        return pieces[1] if len(pieces) > 1 else "zhaodong_data"
    return pieces[0] if pieces[0] == "dashboard" else "(outside)"


def test_the_package_imports_the_dashboard_only_in_the_command_that_runs_it():
    at_import, when_run = _imports()
    assert not [part for part, names in at_import.items() if "dashboard" in names]
    assert {part for part, names in when_run.items() if "dashboard" in names} == {"cli"}


def test_the_package_s_parts_import_each_other_without_a_cycle():
    at_import, _ = _imports()
    graph = {part: names - {part, "(outside)", "dashboard", "zhaodong_data"} for part, names in at_import.items()}
    done: set[str] = set()

    def visit(part: str, path: tuple[str, ...]) -> None:
        assert part not in path, " -> ".join(path + (part,))
        if part in done:
            return
        for other in graph.get(part, ()):
            visit(other, path + (part,))
        done.add(part)

    for part in graph:
        visit(part, ())
    assert {"parsing", "ledgers", "store", "study"} <= set(graph)  # the walk saw the package


def test_the_parser_the_gazetteer_and_the_formatter_stand_on_nothing_that_opens_a_store():
    at_import, when_run = _imports()
    below = {"parsing", "gazetteer", "i18n"}
    for part in below:
        reached = at_import[part] | when_run[part]
        assert not reached & {"store", "study", "ingest", "ledgers", "dashboard", "research"}, (part, reached)


def test_the_old_name_of_the_study_package_still_imports_with_a_warning():
    """`zhaodong_data.figures` (the study package's old name) gives the same names, and says where they are now."""
    import importlib
    import sys

    import pytest

    sys.modules.pop("zhaodong_data.figures", None)
    with pytest.warns(DeprecationWarning, match="zhaodong_data.study"):
        old = importlib.import_module("zhaodong_data.figures")
    import zhaodong_data.study as study

    assert old.__all__ == study.__all__ and all(getattr(old, name) is getattr(study, name) for name in study.__all__)
