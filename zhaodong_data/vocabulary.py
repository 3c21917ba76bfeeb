"""The project's words, defined once: the red-flag aspects. Metric names, units and kinds live in
`metrics.csv` (read by `metrics.py`), and whether words speak of money in `metrics.says_money`;
a test fails when a second definition of any of them appears in the package."""

from __future__ import annotations

# The five aspects of a red flag (百面红旗): 党建, 发展, 服务, 文明, 和谐, in this order everywhere.
ASPECTS = ("party_building", "development", "service", "civilization", "harmony")
ASPECT_CHOICES = ("any", *ASPECTS)  # a view's aspect: any flag, or one aspect

# What red-flag villages are compared with: every other village (`others`: not flagged with the
# aspect), or the villages never flagged with any aspect (`never_flagged`). Against one aspect,
# villages flagged with another are partly treated: the estimates compare with never-flagged ones.
COMPARISONS = ("others", "never_flagged")


def default_comparison(aspect: str) -> str:
    """The comparison an estimate of `aspect`'s flags is made against (any flag: the others)."""
    return "others" if aspect == "any" else "never_flagged"
