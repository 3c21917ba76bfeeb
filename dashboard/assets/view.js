/* The chart / table toggle of a figure frame: which of the two is shown. */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  zhaodong: Object.assign({}, (window.dash_clientside || {}).zhaodong, {
    showView: function (view) {
      const show = {display: 'block'}, hide = {display: 'none'};
      return view === 'table' ? [hide, show] : [show, hide];
    }
  })
});
