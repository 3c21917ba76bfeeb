"""Published sources: the facts registry, correction rules and figure extraction from reports."""

from .corrections import Context, Corrected, correct
from .extract import extract_figures, report_body
from .registry import fact, load_facts, read_awards, read_sources, shipped_facts

__all__ = [
    "Context",
    "Corrected",
    "correct",
    "extract_figures",
    "report_body",
    "fact",
    "load_facts",
    "read_awards",
    "read_sources",
    "shipped_facts",
]
