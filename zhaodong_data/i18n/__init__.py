"""What a reader reads, written once for every part of the package: amounts, readings, changes,
times and publishers' names, in Chinese and English (`formatting.py`). It stands on nothing of the
package above it, so that the ledger reader's reasons and the dashboard's pages write a figure
the same way."""

from .formatting import format_amount, format_change, format_reading, format_time, publisher_name

__all__ = ["format_amount", "format_change", "format_reading", "format_time", "publisher_name"]
