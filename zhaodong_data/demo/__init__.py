"""The labelled synthetic demo panel, calibrated to the published totals."""

from .generator import ASPECT_NAMES_ZH, ASPECTS, DEMO_SOURCE, DemoPanel, DemoParameters, generate_demo

__all__ = ["ASPECTS", "ASPECT_NAMES_ZH", "DEMO_SOURCE", "DemoPanel", "DemoParameters", "generate_demo"]
