"""How much a ledger file may hold, in one place: every reader refuses a file past one of these
with its own reason, before or as soon as it is crossed, so that a hostile file costs seconds
and a bounded amount of memory, whatever its shape. A county ledger is far inside them (a few
hundred villages, a few dozen columns)."""

MAX_ENTRIES = 10_000  # files inside an XLSX
MAX_UNCOMPRESSED = 512 * 2**20  # bytes in all of an XLSX's entries together
MAX_RATIO = 200  # uncompressed / compressed, for an XLSX entry over 1 MiB (a zip bomb)
MAX_ROWS = 1_000_000  # rows of a sheet
MAX_COLUMNS = 500  # columns of a sheet
MAX_CELLS = 20_000_000  # rows × columns of a sheet once padded
MAX_MERGED_RANGES = 10_000  # merged ranges of a sheet (a form has a few dozen)
MAX_MERGED_CELLS = 1_000_000  # cells those ranges cover together
MAX_CELL_PARTS = 1_000  # XML elements inside one XLSX cell (a rich-text cell has a few dozen)
