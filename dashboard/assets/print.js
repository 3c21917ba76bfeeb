/* One click to print (or save as PDF) the current view: every table unpaged and as tall as its
   rows, every chart at the width of an A4 page; the screen layout comes back after printing. */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  zhaodong: Object.assign({}, (window.dash_clientside || {}).zhaodong, {
    printView: function (clicks) {
      if (!clicks) { return window.dash_clientside.no_update; }
      const grids = [...document.querySelectorAll('.grid[id]')].map(function (element) {
        try { return window.dash_ag_grid.getApi(element.id); } catch (error) { return null; }
      }).filter(Boolean);
      const paged = grids.map(function (api) { return api.getGridOption('pagination'); });
      grids.forEach(function (api) { api.setGridOption('pagination', false); api.setGridOption('domLayout', 'print'); });
      const charts = [...document.querySelectorAll('.js-plotly-plot')].filter(function (chart) {
        return chart.offsetParent !== null || chart.closest('[id$="-chart-wrap"]');
      });
      charts.forEach(function (chart) { window.Plotly.relayout(chart, {width: 700}); });
      const restore = function () {
        grids.forEach(function (api, index) {
          api.setGridOption('domLayout', 'autoHeight'); api.setGridOption('pagination', paged[index]);
        });
        charts.forEach(function (chart) { window.Plotly.relayout(chart, {width: null, autosize: true}); });
        window.removeEventListener('afterprint', restore);
      };
      window.addEventListener('afterprint', restore);
      setTimeout(function () { window.print(); }, 400);
      return clicks;
    }
  })
});
