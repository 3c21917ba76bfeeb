"""Charts a report can use, at a phone's width and a laptop's: the title, subtitle, legend, axis
titles and footnote never cover each other, nothing is cut at the chart's edge, labels inside
bars are 10 px or larger, and on a wide chart the title and footnote run across it."""

import pytest

pytestmark = pytest.mark.browser

CHARTS = [
    ("/", "#overview-graph"),
    ("/", "#bands-graph"),
    ("/compare", "#compare-graph"),
    ("/trends", "#trends-graph"),
    ("/trends", "#trends-event"),
    ("/towns", "#towns-graph"),
    ("/village?village=231282106202", "#village-graph"),
]

# Each part's box (client pixels) and what it says: titles, legend, axis titles, annotations.
PARTS = """graph => {
    const shown = e => { const b = e.getBoundingClientRect(); return b.width > 0 && b.height > 0; };
    const parts = [];
    const add = (kind, selector) => document.querySelectorAll(
        selector.split(',').map(s => graph + ' ' + s.trim()).join(', ')).forEach(e => {
        if (shown(e)) { const b = e.getBoundingClientRect();
            parts.push({kind: kind, text: (e.textContent || '').slice(0, 30),
                        box: [b.left, b.top, b.right, b.bottom]}); } });
    add('title', '.infolayer .gtitle');
    add('subtitle', '.infolayer .gtitle-subtitle');
    add('legend', '.infolayer .legend');
    add('axis title', '.infolayer .g-xtitle, .infolayer [class^="g-x"][class$="title"]');
    add('axis title', '.infolayer .g-ytitle, .infolayer [class^="g-y"][class$="title"]');
    add('note', '.annotation');
    const svg = document.querySelector(graph + ' .main-svg').getBoundingClientRect();
    const plot = document.querySelector(graph + ' .js-plotly-plot') || document.querySelector(graph);
    const note = ((plot.layout || {}).meta || {}).footnote;
    const footnote = note ? document.querySelectorAll(graph + ' .annotation')[note.index] : null;
    const footnoteBox = footnote ? footnote.getBoundingClientRect() : null;
    const plotHeight = plot._fullLayout ? plot._fullLayout._size.h : 0;
    const labels = [...document.querySelectorAll(graph + ' .bartext')].filter(shown)
        .map(t => parseFloat(getComputedStyle(t).fontSize) * (t.getCTM ? t.getCTM().a : 1));
    return {parts: parts, chart: [svg.left, svg.top, svg.right, svg.bottom], labels: labels, plot_height: plotHeight,
            footnote: footnoteBox ? [footnoteBox.left, footnoteBox.top, footnoteBox.right, footnoteBox.bottom] : null}; }"""


def _crossing(parts: list[dict]) -> list[tuple[str, str]]:
    hits = []
    for i, a in enumerate(parts):
        for b in parts[i + 1 :]:
            (al, at, ar, ab), (bl, bt, br, bb) = a["box"], b["box"]
            if al < br - 1 and bl < ar - 1 and at < bb - 1 and bt < ab - 1:
                hits.append((f"{a['kind']}: {a['text']}", f"{b['kind']}: {b['text']}"))
    return hits


def _outside(parts: list[dict], chart: list[float]) -> list[str]:
    left, top, right, bottom = chart
    return [p["text"] for p in parts if p["box"][0] < left - 1 or p["box"][2] > right + 1 or p["box"][3] > bottom + 1]


@pytest.mark.parametrize("width", [390, 1366])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_part_of_a_chart_covers_another_at_a_phones_width_or_a_laptops(page, width, lang):
    page.page.set_viewport_size({"width": width, "height": 900})
    opened = None
    for path, graph in CHARTS:
        if path != opened:
            page.open(path + ("&" if "?" in path else "?") + f"lang={lang}", f"{graph} .main-svg")
            opened = path
        page.page.wait_for_selector(f"{graph} .main-svg")
        page.page.wait_for_timeout(900)  # the fitting (assets/chart_fit.js) relayouts after the first draw
        seen = page.page.evaluate(PARTS, graph)
        kinds = {p["kind"] for p in seen["parts"]}
        assert {"title", "note"} <= kinds, (graph, kinds)  # the parts were found, so the check can fail
        assert _crossing(seen["parts"]) == [], (graph, width, lang)
        assert _outside(seen["parts"], seen["chart"]) == [], (graph, width, lang)
        assert all(size >= 10 for size in seen["labels"]), (graph, seen["labels"])
        assert seen["plot_height"] >= 60, (graph, seen["plot_height"])  # the plot is not squeezed away
        assert seen["footnote"] is not None, graph  # every chart says its source and data kind
        if width == 1366:  # the footnote across the chart, not a phone's column: one or two lines
            left, top, right, bottom = seen["footnote"]
            assert bottom - top < 40 or right - left > 0.45 * (seen["chart"][2] - seen["chart"][0]), graph
    page.screenshot(f"layout-{width}-{lang}")
    assert page.errors == []
