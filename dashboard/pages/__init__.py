"""The dashboard's pages, one module each. A page module holds its `PATH`, its `NAME`, its
`layout(data, state, lang, allow_ingest)` (drawn with its first content: one round trip to the
first chart), its views (pure functions of the data and the view state) and `register(wiring)`,
which registers its callbacks. A new page is one module and one line in `MODULES`."""

from __future__ import annotations

from . import compare, overview, report, sources, town, towns, trends, village

MODULES = (overview, compare, trends, towns, town, report, village, sources)  # in the order of the navigation
PAGES = {module.PATH: module.NAME for module in MODULES}
BY_NAME = {module.NAME: module for module in MODULES}


def layout(name: str, data, state, allow_ingest: bool = False):
    """The page `name` for a view state, in its language."""
    return BY_NAME[name].layout(data, state, state.lang, allow_ingest=allow_ingest)
