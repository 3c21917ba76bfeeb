/* A chart fitted to its width, after Plotly draws it (Plotly neither wraps text nor keeps a wrapped
   legend off the axis titles and the footnote):
   - the title, subtitle and footnote are wrapped on the server for each width (layout.meta.heading
     and layout.meta.footnote.wraps, a phone's first); the widest wrapping that fits is applied, so
     that they read as lines across the chart, not a narrow column beside it;
   - a legend that its rows push over the axis titles is moved below them, and the footnote below
     the legend;
   - a label that Plotly would shrink under 10 px to fit its bar is hidden instead (the hover and
     the table carry the number). */
(function () {
  const wrapFor = function (wraps, width) {
    return wraps.filter(function (w) { return w.from_px <= width; }).pop() || wraps[0];
  };

  const rewrap = function (chart) {
    const layout = chart.layout || {};
    const meta = layout.meta || {};
    const width = chart._fullLayout.width;
    const update = {};
    const drawn = meta.drawn || {};
    let grown = 0;  // what the wrappings chosen add to (or take from) the drawn height
    if (meta.heading && layout.title) {
      const heading = wrapFor(meta.heading, width);
      const subtitle = (layout.title.subtitle || {}).text || '';
      if (layout.title.text !== heading.text || subtitle !== heading.subtitle) {
        update['title.text'] = heading.text;
        if (heading.subtitle) { update['title.subtitle.text'] = heading.subtitle; }
        update['margin.t'] = heading.top;
      }
      grown += heading.top - meta.heading[0].top;
    }
    const note = meta.footnote;
    const annotation = note ? (layout.annotations || [])[note.index] : null;
    if (annotation) {
      const wanted = wrapFor(note.wraps, width);
      grown += wanted.bottom - note.wraps[0].bottom;
      if (annotation.text !== wanted.text) {
        update['margin.b'] = wanted.bottom;
        // the legend as the server drew it (layout.meta.drawn): separate() fits it again
        update['legend.y'] = drawn.legend_y === undefined ? null : drawn.legend_y;
        update['annotations[' + note.index + '].text'] = wanted.text;
        update['annotations[' + note.index + '].yshift'] = -wanted.bottom + 4;
      }
    }
    if (Object.keys(update).length && drawn.height) { update.height = drawn.height + grown; }
    return update;
  };

  const box = function (element) { return element ? element.getBoundingClientRect() : null; };
  const overlaps = function (a, b) {
    return a && b && a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  };

  // A legend under the plot that its rows push over an axis title goes below the titles; the
  // footnote then goes below the legend. The chart grows by what they need, so that the plot keeps
  // its height (a fixed-height chart would squeeze it to nothing on a phone).
  const separate = function (chart) {
    const full = chart._fullLayout;
    const size = full._size;
    const legend = box(chart.querySelector('.infolayer .legend'));
    if (!legend || !legend.height) { return {}; }
    const svg = chart.querySelector('.main-svg').getBoundingClientRect();
    const plotBottom = svg.top + size.t + size.h;
    if (legend.top < plotBottom - 1) { return {}; }  // a legend beside or above the plot is left alone
    const update = {};
    const titles = [...chart.querySelectorAll('.infolayer .g-xtitle, .infolayer [class^="g-x"][class$="title"]')]
      .map(box).filter(function (b) { return b && b.height && overlaps(b, legend); });
    let shift = 0;
    if (titles.length) {
      const below = Math.max.apply(null, titles.map(function (b) { return b.bottom; })) + 6;
      shift = below - legend.top;
      update['legend.y'] = -(below - plotBottom) / size.h;
      update['legend.yanchor'] = 'top';
    }
    const legendBottom = legend.bottom + shift;
    const note = (full.meta || {}).footnote;
    const footnote = note ? box(chart.querySelectorAll('.annotation')[note.index]) : null;
    let extra = Math.max(0, legendBottom + 4 - svg.bottom);
    if (footnote) { extra = Math.max(extra, legendBottom + 8 - footnote.top); }
    if (extra > 0) {
      const bottom = Math.ceil(full.margin.b + extra);
      update['margin.b'] = bottom;
      update.height = Math.ceil(full.height + extra);
      if (note) { update['annotations[' + note.index + '].yshift'] = -bottom + 4; }
    }
    return update;
  };

  const MIN_LABEL_PX = 10;
  const hideSmallLabels = function (chart) {
    chart.querySelectorAll('.bartext').forEach(function (label) {
      const size = parseFloat(window.getComputedStyle(label).fontSize) * (label.getCTM() || {a: 1}).a;
      if (size < MIN_LABEL_PX - 0.05) { label.style.display = 'none'; }
    });
  };

  const fit = function (chart) {
    if (!chart._fullLayout || chart.dataset.fitting === '1') { return; }
    let update = rewrap(chart);
    if (!Object.keys(update).length) { update = separate(chart); }
    if (!Object.keys(update).length) { hideSmallLabels(chart); return; }
    const rounds = Number(chart.dataset.fitRounds || 0);
    if (rounds > 6) { hideSmallLabels(chart); return; }  // a chart that cannot be fitted is left as drawn, not redrawn forever
    chart.dataset.fitRounds = String(rounds + 1);
    chart.dataset.fitting = '1';
    window.Plotly.relayout(chart, update).then(function () {
      chart.dataset.fitting = '';
      fit(chart);
    });
  };

  const watch = function (chart) {
    chart.dataset.fitWatched = '1';
    chart.on('plotly_afterplot', function () {
      if (chart.dataset.fitting !== '1') { chart.dataset.fitRounds = '0'; }
      fit(chart);
    });
    fit(chart);
  };
  // Only charts not yet watched are looked at: the grids' scrolling mutates the page all the time.
  new MutationObserver(function () {
    document.querySelectorAll('.js-plotly-plot:not([data-fit-watched])').forEach(function (chart) {
      if (chart.on) { watch(chart); }
    });
  }).observe(document.documentElement, {childList: true, subtree: true});
})();
