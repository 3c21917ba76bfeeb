"""The page registry: each page one module with its path, layout, views and callbacks, and every
part a page's callback writes present in its view."""

import ast
from dataclasses import replace
from pathlib import Path

import pytest

from dashboard import pages
from dashboard.data import DataSource
from dashboard.pages import compare, overview, town, towns, trends, village
from dashboard.state import ViewState
from zhaodong_data.store import build_store

PAGES_DIR = Path(pages.__file__).parent


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return DataSource(build_store(tmp_path_factory.mktemp("pages") / "store.duckdb")).get()


def test_every_page_module_is_registered_once_with_its_own_path():
    modules = {path.stem for path in PAGES_DIR.glob("*.py") if path.stem != "__init__"}
    assert modules == {module.NAME for module in pages.MODULES}  # no page module left out of the registry
    assert len(pages.PAGES) == len(pages.MODULES)  # no two pages on one path
    for module in pages.MODULES:
        assert module.__name__.endswith(f".{module.NAME}") and module.PATH.startswith("/")
        assert callable(module.layout) and callable(module.register)


def test_page_modules_register_callbacks_only_through_register():
    """No callback is registered at import: a page's callbacks are what its `register` adds."""
    for path in PAGES_DIR.glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in tree.body:
            decorators = getattr(node, "decorator_list", [])
            assert not any("callback" in ast.unparse(d) for d in decorators), (path.name, node.name)


@pytest.mark.parametrize(
    ("view", "outputs"),
    [
        (compare.view, compare.OUTPUTS),
        (trends.view, trends.OUTPUTS),
        (towns.view, towns.OUTPUTS),
        (village.view, village.OUTPUTS),
        (town.view, town.OUTPUTS),
        (overview.bands_of, overview.BANDS_OUTPUTS),
    ],
)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_part_a_callback_writes_is_in_its_view(data, view, outputs, lang):
    state = replace(ViewState(lang=lang), year=2022, village="231282106202")
    shown = view(data, state)
    assert [key for _, _, key in outputs if key not in shown] == []
    ids = [(component, prop) for component, prop, _ in outputs]
    assert len(ids) == len(set(ids))  # one writer per property


def test_the_layout_draws_what_the_callback_would(data):
    """First paint and update agree: the Compare layout holds the view's headline for its state."""
    state = ViewState(lang="en", outcome="collective_income", year=2022)
    drawn = str(pages.layout("compare", data, state).to_plotly_json())
    assert compare.view(data, state)["headline"] in drawn


def test_export_names_carry_the_page_outcome_year_and_towns(data):
    from dashboard.downloads import file_name

    assert file_name("compare", "wage_income", 2022, towns=("a", "b")) == "zhaodong-compare-wage_income-2022-a-b"
    assert file_name("compare", "x", None, towns=tuple("abcd")) == "zhaodong-compare-x-a-b-c-more"
    state = ViewState(outcome="collective_income", year=2021)
    shown = towns.view(data, state)
    assert towns.export(data, state, shown).name == "zhaodong-towns-collective_income-2021"
    bands = overview.bands_of(data, replace(state, outcome="operating_income"))
    made = overview.bands_export(data, replace(state, outcome="operating_income"), bands)
    assert made.name == "zhaodong-bands-operating_income-2021"
    assert trends.export(data, state, trends.view(data, state)).name == "zhaodong-trends-collective_income"
