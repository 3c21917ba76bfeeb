/* Printing (the button, or the browser's own Ctrl+P / 存为 PDF) gives the page as a report: each
   table as a plain table of every row and every column, as the page shows them (the grid scrolls
   sideways and pages; paper does neither), its header repeated on every sheet; every chart at the
   width of an A4 page. The screen layout comes back after printing. */
(function () {
  const grids = function () {
    return [...document.querySelectorAll('.grid[id]')].map(function (element) {
      try { return {element: element, api: window.dash_ag_grid.getApi(element.id)}; } catch (error) { return null; }
    }).filter(function (grid) { return grid && grid.api; });
  };

  const cellText = function (row, field) {
    const shown = row[field + '_shown'];
    const value = shown !== undefined && shown !== null ? shown : row[field];
    return value === undefined || value === null ? '' : String(value);
  };

  const printTable = function (api) {
    const columns = (api.getColumnDefs() || []).filter(function (column) { return column.field && !column.hide; });
    const table = document.createElement('table');
    table.className = 'print-table';
    const head = table.createTHead().insertRow();
    columns.forEach(function (column) {
      const cell = document.createElement('th');
      cell.textContent = column.headerName || column.field;
      head.appendChild(cell);
    });
    const body = table.createTBody();
    const addRow = function (node) {
      const row = body.insertRow();
      columns.forEach(function (column) { row.insertCell().textContent = cellText(node.data || {}, column.field); });
    };
    if (api.getGridOption('rowModelType') === 'infinite') {
      // a province's table is fetched a page at a time: the rows on the page are printed, and
      // the caption says which of how many (the CSV and Excel downloads hold every row)
      const shown = [];
      api.forEachNode(function (node) { if (node.data && node.displayed !== false) { shown.push(node); } });
      const first = api.paginationGetCurrentPage() * api.paginationGetPageSize();
      const onPage = shown.filter(function (node) { return node.rowIndex >= first && node.rowIndex < first + api.paginationGetPageSize(); });
      onPage.forEach(addRow);
      const caption = table.createCaption();
      const lang = document.documentElement.lang || 'zh';
      const total = api.getDisplayedRowCount();
      caption.textContent = lang.startsWith('zh')
        ? '第 ' + (first + 1) + '–' + (first + onPage.length) + ' 行，共 ' + total + ' 行（下载 CSV / Excel 可得全部）'
        : 'Rows ' + (first + 1) + '–' + (first + onPage.length) + ' of ' + total + ' (the CSV / Excel download holds every row)';
      return table;
    }
    api.forEachNodeAfterFilterAndSort(addRow);
    return table;
  };

  const buildPrintTables = function () {
    removePrintTables();
    grids().forEach(function (grid) {
      grid.element.classList.add('printed-as-table');
      grid.element.insertAdjacentElement('afterend', printTable(grid.api));
    });
    document.querySelectorAll('.js-plotly-plot').forEach(function (chart) {
      if (chart.offsetParent !== null || chart.closest('[id$="-chart-wrap"]')) {
        window.Plotly.relayout(chart, {width: 700});
        chart.dataset.printed = '1';
      }
    });
  };

  const removePrintTables = function () {
    document.querySelectorAll('.print-table').forEach(function (table) { table.remove(); });
    document.querySelectorAll('.printed-as-table').forEach(function (grid) { grid.classList.remove('printed-as-table'); });
    document.querySelectorAll('.js-plotly-plot[data-printed]').forEach(function (chart) {
      delete chart.dataset.printed;
      window.Plotly.relayout(chart, {width: null, autosize: true});
    });
  };

  window.addEventListener('beforeprint', buildPrintTables);
  window.addEventListener('afterprint', removePrintTables);
  window.zhaodongPrint = {build: buildPrintTables, remove: removePrintTables};

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    zhaodong: Object.assign({}, (window.dash_clientside || {}).zhaodong, {
      printView: function (clicks) {
        if (!clicks) { return window.dash_clientside.no_update; }
        buildPrintTables();
        setTimeout(function () { window.print(); }, 400);
        return clicks;
      }
    })
  });
})();
