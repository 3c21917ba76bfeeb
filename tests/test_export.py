import io

import pandas as pd

from zhaodong_data.export import neutralise, to_csv_bytes, to_xlsx_bytes

HOSTILE = pd.DataFrame(
    {
        "name": ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "\tx", "永丰村", None],
        "value": [1.0, -2.0, 3.0, 4.0, 5.0, 6.0, 7.0],
    }
)


def test_formula_cells_are_neutralised_numbers_kept():
    safe = neutralise(HOSTILE)
    assert safe["name"].tolist()[:5] == ['\'=HYPERLINK("http://x")', "'+1", "'-2", "'@SUM(A1)", "'\tx"]
    assert safe["name"].tolist()[5] == "永丰村" and pd.isna(safe["name"].tolist()[6])
    assert safe["value"].tolist() == HOSTILE["value"].tolist()  # negative numbers stay numbers
    assert HOSTILE["name"].iloc[0].startswith("=")  # the input is not changed


def test_csv_has_bom_and_safe_cells():
    data = to_csv_bytes(HOSTILE)
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert not back["name"].dropna().str.match(r"^[=+\-@]").any()


def test_xlsx_cells_are_text_not_formulas():
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(HOSTILE)))
    cells = [row[0] for row in workbook.active.iter_rows(min_row=2, values_only=True)]
    assert all(not (isinstance(c, str) and c.startswith("=")) for c in cells)
    assert cells[0] == '\'=HYPERLINK("http://x")'


def test_years_ranks_and_codes_are_written_as_plain_integers_amounts_with_separators():
    from openpyxl import load_workbook

    frame = pd.DataFrame(
        {
            "年份": [2020, 2021],
            "全市排名": pd.array([90.0, None], dtype="Float64"),  # a rank as the pages hold it: nullable float
            "award_year": [2022.0, 2022.0],
            "value": [300000.0, 12345.0],
            "share": [0.25, 0.5],
        }
    )
    sheet = load_workbook(io.BytesIO(to_xlsx_bytes(frame))).active
    formats = {sheet.cell(1, i).value: sheet.cell(2, i).number_format for i in range(1, 6)}
    assert formats == {"年份": "0", "全市排名": "0", "award_year": "0", "value": "#,##0", "share": "#,##0.00"}
