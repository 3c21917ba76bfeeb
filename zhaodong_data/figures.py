"""Moved: the study's data, queries, headlines and charts are `zhaodong_data.study` (this name
said figures of the article, and held the dashboard's data and URL state besides). Importing it
still works, with a warning, so that a researcher's notebook keeps running while it is updated."""

import warnings

from .study import *  # noqa: F403
from .study import __all__  # noqa: F401

warnings.warn("zhaodong_data.figures is now zhaodong_data.study (the same names)", DeprecationWarning, stacklevel=2)
