"""Read published figure strings (Chinese, English, machine translations) into amounts."""

from .amounts import QUALIFIERS, READ_QUALIFIERS, Amount, parse_amount, parse_in_text, takes_column_unit
from .batch import COLUMNS, parse_amounts, point_values

__all__ = [
    "QUALIFIERS",
    "READ_QUALIFIERS",
    "COLUMNS",
    "Amount",
    "parse_amount",
    "parse_amounts",
    "parse_in_text",
    "point_values",
    "takes_column_unit",
]
