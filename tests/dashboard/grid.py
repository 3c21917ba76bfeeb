"""Reading a grid's rows by their column headers, as a reader of the page sees them."""


def by_header(rows: list[dict], columns: list[dict], shown: bool = False) -> list[dict]:
    """Each row as {header: value}; `shown`: the text a numeric column displays instead of its number."""

    def cell(row, column):
        field = column["field"]
        return row.get(f"{field}_shown", row[field]) if shown else row[field]

    return [{column["headerName"]: cell(row, column) for column in columns} for row in rows]
