"""docs/data-model.md describes the store schema.sql creates: every table, every column."""

import re
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[2]


def _documented() -> dict[str, str]:
    rows = re.findall(
        r"^\| `(\w+)` \| [^|]+ \| (.+) \|$",
        (ROOT / "docs" / "data-model.md").read_text(encoding="utf-8"),
        flags=re.MULTILINE,
    )
    return dict(rows)


def _names_in(row: str) -> set[str]:
    """Column names a row mentions: `name`, `a_low/high/qualifier` (a_low, a_high, a_qualifier), `prefix_*`."""
    names = set()
    for word in re.findall(r"`([\w/*]+)`", row):
        if "/" in word:
            first, *rest = word.split("/")
            stem = first.rsplit("_", 1)[0]
            names |= {first} | {f"{stem}_{part}" for part in rest}
        else:
            names.add(word)
    return names


def test_every_table_and_column_of_the_schema_is_documented():
    connection = duckdb.connect()
    connection.execute((ROOT / "zhaodong_data" / "store" / "schema.sql").read_text(encoding="utf-8"))
    columns = connection.execute("SELECT table_name, column_name FROM information_schema.columns").fetchall()
    schema: dict[str, set[str]] = {}
    for table, column in columns:
        schema.setdefault(table, set()).add(column)
    documented = _documented()
    assert set(documented) == set(schema)
    for table, names in schema.items():
        mentioned = _names_in(documented[table])
        wildcards = [m[:-1] for m in mentioned if m.endswith("*")]
        missing = {c for c in names if c not in mentioned and not any(c.startswith(w) for w in wildcards)}
        assert not missing, f"docs/data-model.md: {table} does not mention {sorted(missing)}"
