"""The labelled synthetic demo panel, calibrated to the published totals (see generator.py)."""

from ..vocabulary import ASPECTS
from .generator import DEMO_SOURCE, EFFECTS, DemoPanel, DemoParameters, generate_demo

__all__ = ["ASPECTS", "DEMO_SOURCE", "EFFECTS", "DemoPanel", "DemoParameters", "generate_demo"]
