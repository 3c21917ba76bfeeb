"""Header bands as county offices build them, made in code with what each column must read as.

A band is a tree of labels over the value columns: groups (总收入) over parts (合计 / 经营收入 /
…), perhaps a year over the groups, keys (序号, 乡镇, 村名) beside them. It is written in one of
the ways offices write it:

- merges: `xlsx` (keys merged down the band, groups merged across their parts), or `csv` (no
  merges: a key in the top row with blanks under it, a group in its first column only);
- units: `leaf` (（万元） in each part's label), `group` (in the group's label only), `unit_row`
  (a row of 万元 under the names), `title` (a 单位：万元 row above the band).

`BandCase.expected` says what each value cell must become, from the tree alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from .make import write_csv, write_xlsx

VILLAGES = (("五站镇", "东安村"), ("五站镇", "高卜村"), ("向阳乡", "向阳村"), ("里木店镇", "永丰村"))
KEYS = ("序号", "乡镇", "村名")


@dataclass(frozen=True)
class Leaf:
    path: tuple[str, ...]  # labels from the top of the band down (a year may be one of them)
    metric: str
    year: int


# Trees of value columns: (name, leaves). Labels repeat under different groups (合计).
def _income_statement(year_level: int | None) -> list[Leaf]:
    income = [
        ("合计", "collective_income"),
        ("经营收入", "business_income"),
        ("发包及上交收入", "contracting_income"),
        ("投资收益", "investment_income"),
        ("补助收入", "subsidy_income"),
        ("其他收入", "other_income"),
    ]
    spending = [
        ("合计", "total_expenditure"),
        ("经营支出", "operating_expenditure"),
        ("管理费用", "management_expenses"),
    ]
    years = (2021, 2022) if year_level is not None else (2022,)
    leaves = []
    for year in years:
        prefix = (f"{year}年",) if year_level is not None else ()
        leaves += [Leaf(prefix + ("总收入", part), metric, year) for part, metric in income]
        leaves += [Leaf(prefix + ("总支出", part), metric, year) for part, metric in spending]
        leaves.append(Leaf(prefix + ("本年收益",), "net_income", year))
    return leaves


def _flat() -> list[Leaf]:
    return [
        Leaf(("村集体经济收入",), "collective_income", 2022),
        Leaf(("村集体经营性收入",), "operating_income", 2022),
        Leaf(("冷库收入",), "cold_storage_revenue", 2022),
    ]


def _wide_years() -> list[Leaf]:
    return [Leaf(("村集体经济收入", f"{year}年"), "collective_income", year) for year in (2020, 2021, 2022)]


TREES = {
    "flat": _flat,
    "wide_years": _wide_years,
    "income_statement": lambda: _income_statement(None),
    "income_statement_by_year": lambda: _income_statement(0),
}
MERGES = ("xlsx", "csv")
UNITS = ("leaf", "group", "unit_row", "title")


def _value(village: int, leaf_index: int) -> float:
    """A figure in 万元 that no two cells share (so a column read in the wrong place shows)."""
    return round(1 + village * 10 + leaf_index * 0.37, 2)


def _consistent(leaves: list[Leaf], village: int) -> dict[int, float]:
    """Values per leaf, with 合计 the sum of its parts and 本年收益 income less spending, as a form has them."""
    values = {i: _value(village, i) for i in range(len(leaves))}
    for i, leaf in enumerate(leaves):
        group = leaf.path[:-1]
        if leaf.path[-1] == "合计":
            parts = [j for j, other in enumerate(leaves) if other.path[:-1] == group and other.path[-1] != "合计"]
            values[i] = round(sum(values[j] for j in parts), 2)
    for i, leaf in enumerate(leaves):
        if leaf.metric == "operating_income":  # a part of total income, so below it
            whole = next(j for j, other in enumerate(leaves) if other.metric == "collective_income")
            values[i] = round(values[whole] / 2, 2)
        if leaf.metric == "net_income":
            same = [j for j, other in enumerate(leaves) if other.year == leaf.year]
            income = next(j for j in same if leaves[j].metric == "collective_income")
            spending = next(j for j in same if leaves[j].metric == "total_expenditure")
            values[i] = round(values[income] - values[spending], 2)
    return values


@dataclass(frozen=True)
class BandCase:
    tree: str
    merges: str
    units: str

    @property
    def name(self) -> str:
        return f"{self.tree}-{self.merges}-{self.units}"

    def leaves(self) -> list[Leaf]:
        return TREES[self.tree]()

    def depth(self) -> int:
        return max(len(leaf.path) for leaf in self.leaves())

    def _label_rows(self) -> list[list[str]]:
        """The band's name rows (without merges or units yet): a leaf shorter than the band sits
        in the top rows and is repeated down (as a vertical merge fills it)."""
        depth, leaves = self.depth(), self.leaves()
        rows = [list(KEYS) for _ in range(depth)]
        for leaf in leaves:
            path = list(leaf.path) + [leaf.path[-1]] * (depth - len(leaf.path))
            for level in range(depth):
                rows[level].append(path[level])
        return rows

    def _with_units(self, rows: list[list[str]]) -> list[list[str]]:
        depth = len(rows)
        if self.units == "leaf":
            for level in range(depth):
                for c in range(len(KEYS), len(rows[level])):
                    is_leaf_level = level == depth - 1 or rows[level][c] == rows[-1][c]
                    if is_leaf_level and (level == 0 or rows[level - 1][c] != rows[level][c]):
                        rows[level][c] += "（万元）"
        elif self.units == "group":
            for c in range(len(KEYS), len(rows[0])):
                # the top label that is not a year carries the unit
                level = next(lv for lv in range(depth) if not rows[lv][c].endswith("年"))
                label = rows[level][c]
                for lv in range(level, depth):
                    if rows[lv][c] == label:
                        rows[lv][c] = label + "（万元）"
        return rows

    def rows(self) -> tuple[list[list], list[str]]:
        """(rows of the sheet, merged ranges for xlsx)."""
        band = self._with_units(self._label_rows())
        depth = len(band)
        title = [["肇东市2022年村级集体经济统计表"]] + ([["单位：万元"]] if self.units == "title" else [])
        top = len(title)
        merged = []
        written = [list(row) for row in band]
        width = len(band[0])
        if self.merges == "xlsx":
            for c in range(width):
                level = 0
                while level < depth:
                    end = level
                    while end + 1 < depth and band[end + 1][c] == band[level][c]:
                        end += 1
                    if end > level:
                        merged.append(f"{_col(c)}{top + level + 1}:{_col(c)}{top + end + 1}")
                    level = end + 1
            for level in range(depth - 1):
                c = len(KEYS)
                while c < width:
                    end = c
                    while (
                        end + 1 < width
                        and band[level][end + 1] == band[level][c]
                        and _same_above(band, level, c, end + 1)
                    ):
                        end += 1
                    if end > c and not any(band[level + 1][k] == band[level][k] for k in range(c, end + 1)):
                        merged.append(f"{_col(c)}{top + level + 1}:{_col(end)}{top + level + 1}")
                    c = end + 1
        else:
            for level in range(depth):
                for c in range(width):
                    above = band[level - 1][c] if level else None
                    left = band[level][c - 1] if c else None
                    vertical = level > 0 and band[level][c] == above
                    horizontal = (
                        c > len(KEYS)
                        and band[level][c] == left
                        and level < depth - 1
                        and band[level + 1][c] != band[level][c]
                        and _same_above(band, level, c - 1, c)
                    )
                    if vertical or horizontal:
                        written[level][c] = ""
        if self.units == "unit_row":
            written.append(["", "", ""] + ["万元"] * (width - len(KEYS)))
        data = []
        for v, (town, village) in enumerate(VILLAGES):
            values = _consistent(self.leaves(), v)
            data.append([str(v + 1), town, village] + [values[i] for i in range(len(values))])
        return title + written + data, merged

    def write(self, folder):
        rows, merged = self.rows()
        if self.merges == "xlsx":
            return write_xlsx(folder / f"{self.name}.xlsx", {"2022": rows}, {"2022": merged})
        text_rows = [["" if cell is None else str(cell) for cell in row] for row in rows]
        return write_csv(folder / f"{self.name}.csv", text_rows)

    def expected(self, codes: dict[str, str]) -> dict[tuple, float]:
        """(village code, year, metric) -> yuan, and operating income where its three lines are."""
        leaves, out = self.leaves(), {}
        for v, (_, village) in enumerate(VILLAGES):
            values = _consistent(leaves, v)
            for i, leaf in enumerate(leaves):
                out[(codes[village], leaf.year, leaf.metric)] = values[i] * 1e4
            for year in {leaf.year for leaf in leaves}:
                parts = [
                    values[i]
                    for i, leaf in enumerate(leaves)
                    if leaf.year == year
                    and leaf.metric in ("business_income", "contracting_income", "investment_income")
                ]
                if len(parts) == 3:
                    out[(codes[village], year, "operating_income")] = sum(parts) * 1e4
        return out


def _same_above(band, level: int, a: int, b: int) -> bool:
    return all(band[lv][a] == band[lv][b] for lv in range(level))


def _col(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


CASES = [BandCase(tree, merges, units) for tree in TREES for merges in MERGES for units in UNITS]
