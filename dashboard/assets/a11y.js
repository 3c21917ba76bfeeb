/* Dash's dropdown button is named by its value alone ("村集体经济收入"); a screen reader should
   also hear what it is for ("指标"). Each labelled control's label id is put first in its
   button's aria-labelledby, whenever dropdowns are (re)drawn. */
(function () {
  function nameDropdowns(root) {
    root.querySelectorAll('.control[aria-labelledby]').forEach(function (control) {
      const label = control.getAttribute('aria-labelledby');
      control.querySelectorAll('button.dash-dropdown').forEach(function (button) {
        const names = (button.getAttribute('aria-labelledby') || '').split(' ').filter(Boolean);
        if (names[0] !== label) {
          button.setAttribute('aria-labelledby', [label].concat(names.filter(function (n) { return n !== label; })).join(' '));
        }
      });
    });
  }
  new MutationObserver(function () { nameDropdowns(document); })
    .observe(document.documentElement, {childList: true, subtree: true, attributes: true,
                                        attributeFilter: ['aria-labelledby']});
})();
