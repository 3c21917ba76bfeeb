/* The chart / table toggle of a figure frame: which of the two is shown. */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  zhaodong: Object.assign({}, (window.dash_clientside || {}).zhaodong, {
    showView: function (view) {
      const show = {display: 'block'}, hide = {display: 'none'};
      return view === 'table' ? [hide, show] : [show, hide];
    },
    // A paged table (rows fetched a page at a time) drops its pages when the view changes.
    refetchPages: function (_caption, gridId) {
      const api = window.dash_ag_grid && window.dash_ag_grid.getApi && window.dash_ag_grid.getApi(gridId);
      if (api && api.getGridOption('rowModelType') === 'infinite') {
        api.purgeInfiniteCache();
      }
      return window.dash_clientside.no_update;
    }
  })
});
