"""The header of every page: the navigation (in the order of `pages.MODULES`), the data
selection once ledgers are in, and the language toggle."""

from __future__ import annotations

from dash import dcc, html
from dash.development.base_component import Component

from zhaodong_data.store import SELECTIONS
from zhaodong_data.study import text

from .components import aria
from .state import ViewState


def header(state: ViewState, pathname: str, data) -> list:
    from . import pages  # imported here: the Sources page imports this module, and pages imports it

    lang = state.lang
    keep = f"&data={state.data}" if state.data else ""
    links = [
        dcc.Link(
            text(f"nav_{name}", lang),
            href=f"{path}?lang={lang}{keep}",
            id=f"nav-{name}",
            className="nav-link active" if path == pathname else "nav-link",
        )
        for path, name in pages.PAGES.items()
    ]
    parts = [
        html.A(text("skip_link", lang), href="#page", className="skip-link", id="skip-link"),
        html.Div(text("app_title", lang), className="app-title", id="app-title"),
        html.Nav(links, className="nav", **aria(label=text("nav_label", lang))),
    ]
    if data.has_ledgers:
        # A visible choice of what the pages show; plain links, so the whole page reloads with it.
        choices: list[Component] = [
            html.A(
                text(f"selection_{name}", lang),
                href=f"{pathname}?lang={lang}&data={name}",
                id=f"selection-{name}",
                className="selection active" if name == data.selection else "selection",
                **(aria(current="true") if name == data.selection else {}),
            )
            for name in SELECTIONS
        ]
        parts.append(
            html.Div(
                [html.Span(text("selection_label", lang), className="control-label"), *choices],
                className="selections",
                role="group",
                id="selections",
                **aria(label=text("selection_label", lang)),
            )
        )
    parts.append(
        html.Button(
            text("switch_language", lang),
            id="lang-toggle",
            className="button lang-toggle",
            n_clicks=0,
            title=text("switch_language_label", lang),
            lang="en" if lang == "zh" else "zh",
        )
    )
    return parts
