"""Reading a ledger builds hundreds of thousands of small lists and dicts that all live until
the read ends. Python's cyclic garbage collector, triggered by every 700 new containers,
walks all of them again each time it reaches the oldest generation: on 100,000 rows that
walking took half of the read. The read creates no reference cycles worth collecting, so the
collector is paused while it runs and resumed after."""

from __future__ import annotations

import functools
import gc


def collector_paused(function):
    """`function` run with the cyclic collector paused (reference counting still frees memory).
    Safe across threads: the collector ends enabled if it was enabled when the first of
    several overlapping calls began."""

    @functools.wraps(function)
    def run(*args, **kwargs):
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()

    return run
