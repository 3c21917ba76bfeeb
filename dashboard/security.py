"""Response headers that keep the dashboard from being framed, sniffed or leaking its URLs.

The policy is narrow on purpose: Dash's renderer runs an inline script and Plotly builds some
functions at run time, so a script policy would break the page; what is set here breaks nothing
it serves (the browser tests load every page with it).
"""

from __future__ import annotations

import re

# An absolute path (POSIX or Windows), as error texts of the store and of DuckDB carry them.
_PATH = re.compile(r"(?:[A-Za-z]:\\|/)[^\s'\"`,;:()]*[^\s'\"`,;:().]")

HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'",
    "Referrer-Policy": "same-origin",
}


def install(server) -> None:
    """Every response carries HEADERS (an explicit header of a view wins)."""

    @server.after_request
    def _headers(response):
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        return response


def without_paths(message: str, store_path=None) -> str:
    """An error text fit to show a visitor: the store's path as "the store", any other absolute
    path as "…" (where a server keeps its files is not a visitor's business)."""
    if store_path is not None:
        message = message.replace(str(store_path), "the store")
    return _PATH.sub("…", message)
