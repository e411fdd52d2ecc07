// Coverage view: what could not be collected and why. A gap is never shown as a pass.

function renderCoverage() {
  var root = $('coverage-view');
  clear(root);
  var cov = report.coverage || {};
  var errors = report.collectionErrors || [];
  append(root, [
    el('div', { class: 'coverage-box ' + (cov.complete ? 'ok' : 'incomplete') }, [
      el('b', { class: 'coverage-percent', text: str(cov.percent) + '%' }),
      el('span', {
        text: cov.complete
          ? 'Complete: every call succeeded and every check could decide.'
          : 'Incomplete: ' +
            fmt(cov.collectionErrors || errors.length) +
            ' call(s) failed and ' +
            fmt(cov.errorResults || 0) +
            ' result(s) are ERROR. The resources and checks below were not assessed; do not read their absence as a pass.',
      }),
    ]),
  ]);

  var gaps = cov.gaps || [];
  if (gaps.length) {
    root.appendChild(el('h3', { text: 'Gaps by account and region' }));
    root.appendChild(
      table(
        ['Account', 'Region', 'Data not collected'],
        gaps.map(function (g) {
          return [g.accountId, g.region, (g.slices || []).join(', ')];
        }),
        'coverage-gaps',
      ),
    );
  }

  var byCheck = (report.summary && report.summary.byCheck) || {};
  var undecided = Object.keys(byCheck)
    .filter(function (id) {
      return byCheck[id].ERROR > 0;
    })
    .sort();
  if (undecided.length) {
    root.appendChild(el('h3', { text: 'Checks with ERROR results' }));
    root.appendChild(
      table(
        ['Check', 'Title', 'ERROR results'],
        undecided.map(function (id) {
          return [checkFilterLink(id), checkTitle(id), fmt(byCheck[id].ERROR)];
        }),
        'error-checks',
      ),
    );
  }

  root.appendChild(el('h3', { text: 'Collection errors (' + fmt(errors.length) + ')' }));
  if (!errors.length) {
    root.appendChild(el('p', { class: 'empty', text: 'None: every API call succeeded.' }));
    return;
  }
  var t = table(
    ['Account', 'Region', 'Call', 'Resource', 'Error code', 'Message'],
    [],
    'collection-errors',
  );
  var more = el('div');
  root.appendChild(el('div', { class: 'table-wrap' }, [t]));
  root.appendChild(more);
  renderPaged(
    more,
    errors,
    function (e) {
      return el('tr', null, [
        el('td', { text: e.accountId }),
        el('td', { text: e.region }),
        el('td', null, [code(str(e.service) + ':' + str(e.operation))]),
        el('td', null, [
          e.resourceId ? code(e.resourceId) : el('span', { class: 'muted', text: '-' }),
        ]),
        el('td', null, [code(e.errorCode)]),
        el('td', { text: e.message }),
      ]);
    },
    PAGE,
    t.tBodies[0],
  );
}

/**
 * @param {string[]} headers
 * @param {Child[][]} rows
 * @param {string} id
 */
function table(headers, rows, id) {
  return el('table', { id: id }, [
    el('thead', null, [
      el(
        'tr',
        null,
        headers.map(function (h) {
          return el('th', { text: h });
        }),
      ),
    ]),
    el(
      'tbody',
      null,
      rows.map(function (cells) {
        return el(
          'tr',
          null,
          cells.map(function (c) {
            return el('td', null, [c]);
          }),
        );
      }),
    ),
  ]);
}
