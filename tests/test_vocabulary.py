"""One definition per word of the project's vocabulary: a second list of the aspects, a second
list of money words or a second table of metric names, anywhere in the code, fails here."""

import ast
from pathlib import Path

from zhaodong_data.i18n.strings import PUBLISHED_METRIC_NAMES, metric_name
from zhaodong_data.metrics import MONEY_WORDS, metric_definitions
from zhaodong_data.vocabulary import ASPECTS

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted(p for folder in ("zhaodong_data", "dashboard") for p in (ROOT / folder).rglob("*.py"))


def _literal_collections(path: Path, names_tables: bool = False):
    """Every tuple, list or set written as a literal of strings in a file; with `names_tables`,
    instead every dict whose values are {"zh": ..., "en": ...} names (its keys)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if names_tables:
            if (
                not isinstance(node, ast.Dict)
                or not node.values
                or not all(
                    isinstance(v, ast.Dict) and any(isinstance(k, ast.Constant) and k.value == "zh" for k in v.keys)
                    for v in node.values
                )
            ):
                continue
            items = node.keys
        elif isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            items = node.elts
        else:
            continue
        words = {item.value for item in items if isinstance(item, ast.Constant) and isinstance(item.value, str)}
        if words:
            yield node.lineno, words


def _second_definitions(words: set[str], at_least: int, home: str, names_tables: bool = False) -> list[str]:
    return [
        f"{path.relative_to(ROOT)}:{line}"
        for path in SOURCES
        if path.name != home
        for line, found in _literal_collections(path, names_tables)
        if len(found & words) >= at_least
    ]


def test_the_aspects_are_listed_once():
    assert _second_definitions(set(ASPECTS), 3, "vocabulary.py") == []


def test_the_comparison_groups_are_named_once():
    """The words for what flagged villages are compared with, and the rule of which an estimate
    uses, are vocabulary.py's: no other list of them, and no other place writes the rule."""
    from zhaodong_data.vocabulary import COMPARISONS

    assert _second_definitions(set(COMPARISONS), 2, "vocabulary.py") == []
    rule = [
        f"{path.relative_to(ROOT)}"
        for path in SOURCES
        if path.name != "vocabulary.py" and '"others" if' in path.read_text(encoding="utf-8")
    ]
    assert rule == []


def test_the_qualifiers_are_listed_once():
    """How sure a figure is (exact, approx, at_least, …) is parsing/amounts.py's list; pages take
    their names from i18n.strings.qualifier_names."""
    from zhaodong_data.parsing import QUALIFIERS

    assert _second_definitions(set(QUALIFIERS), 3, "amounts.py") == []


def test_money_words_are_listed_once():
    english = {w for w in MONEY_WORDS if w.isascii()}
    assert _second_definitions(english, 3, "metrics.py") == []


def test_outcome_metrics_are_named_in_metrics_csv_only():
    outcome_metrics = set(metric_definitions()["metric"])
    assert not outcome_metrics & set(PUBLISHED_METRIC_NAMES)
    assert _second_definitions(outcome_metrics, 1, "metrics.py", names_tables=True) == []
    definitions = metric_definitions().set_index("metric")
    assert metric_name("wage_income", "zh") == definitions.loc["wage_income", "name_zh"] == "务工收入（元/人·月）"
    assert metric_name("collective_income", "en") == "Collective income"
