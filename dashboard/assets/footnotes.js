/* A chart's footnote (source, data kind, caveat) is wrapped on the server for a phone; on a chart
   wide enough it is re-wrapped to the chart's width (the two wrappings are in layout.meta.footnote),
   so that it reads as a line under the chart, not a narrow column beside it. */
(function () {
  const fit = function (chart) {
    const layout = chart.layout || {};
    const note = (layout.meta || {}).footnote;
    if (!note || !chart._fullLayout) { return; }
    const wanted = chart._fullLayout.width >= note.wide_from_px ? note.wide : note.narrow;
    const annotation = (layout.annotations || [])[note.index];
    if (!annotation || annotation.text === wanted.text) { return; }
    const update = {'margin.b': wanted.bottom};
    update['annotations[' + note.index + '].text'] = wanted.text;
    update['annotations[' + note.index + '].yshift'] = -wanted.bottom + 4;
    window.Plotly.relayout(chart, update);
  };
  const watch = function (chart) {
    chart.dataset.footnoteWatched = '1';
    chart.on('plotly_afterplot', function () { fit(chart); });
    fit(chart);
  };
  // Only charts not yet watched are looked at: the grids' scrolling mutates the page all the time.
  new MutationObserver(function () {
    document.querySelectorAll('.js-plotly-plot:not([data-footnote-watched])').forEach(function (chart) {
      if (chart.on) { watch(chart); }
    });
  }).observe(document.documentElement, {childList: true, subtree: true});
})();
