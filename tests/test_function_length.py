"""Functions one can read: none in the package or the dashboard runs over a screen.

The limit is a little above 60 lines (a docstring and a data literal or two); a function that
needs more is doing several things, each of which deserves a name."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 65


def long_functions(folder: Path) -> list[str]:
    """Each function over LIMIT lines below `folder`, as 'path:line name (n lines)'."""
    found = []
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > LIMIT:
                    found.append(f"{path.relative_to(folder.parent)}:{node.lineno} {node.name} ({length} lines)")
    return found


def test_no_function_runs_over_a_screen():
    found = long_functions(ROOT / "zhaodong_data") + long_functions(ROOT / "dashboard")
    assert not found, "split along its steps:\n" + "\n".join(found)


def test_the_check_sees_a_long_function(tmp_path):
    body = "\n".join(f"    x{i} = {i}" for i in range(LIMIT))
    (tmp_path / "package").mkdir()
    (tmp_path / "package" / "long.py").write_text(f"def long():\n{body}\n", encoding="utf-8")
    assert long_functions(tmp_path / "package") == [f"package/long.py:1 long ({LIMIT + 1} lines)"]
