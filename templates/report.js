(function () {
  'use strict';
  var report = JSON.parse(document.getElementById('report-data').textContent);
  var app = document.getElementById('app');

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return node;
  }

  function section(title, body) {
    var s = el('section', {}, [el('h2', {}, [title])]);
    body.forEach(function (b) {
      s.appendChild(b);
    });
    app.appendChild(s);
  }

  var counts = el('div', { class: 'counts' }, []);
  ['FAIL', 'PASS', 'MANUAL', 'ERROR'].forEach(function (s) {
    counts.appendChild(
      el('div', { class: 'count', 'data-status': s }, [
        el('b', {}, [String(report.summary.byStatus[s])]),
        s,
      ]),
    );
  });
  section('Summary', [
    el('p', {}, [
      'Accounts: ' +
        report.scan.accounts.join(', ') +
        ' · Regions: ' +
        report.scan.regions.join(', '),
    ]),
    counts,
  ]);

  var rows = report.findings.filter(function (f) {
    return f.status !== 'PASS';
  });
  var table = el('table', { id: 'findings' }, [
    el('thead', {}, [
      el(
        'tr',
        {},
        ['Severity', 'Status', 'Check', 'Resource', 'Message'].map(function (h) {
          return el('th', {}, [h]);
        }),
      ),
    ]),
  ]);
  var tbody = el('tbody', {}, []);
  rows.forEach(function (f) {
    tbody.appendChild(
      el('tr', { 'data-status': f.status }, [
        el('td', { class: 'sev sev-' + f.severity }, [f.severity]),
        el('td', {}, [f.status + (f.suppressed ? ' (suppressed)' : '')]),
        el('td', {}, [f.checkId]),
        el('td', {}, [el('code', {}, [f.resource.arn])]),
        el('td', {}, [f.message]),
      ]),
    );
  });
  table.appendChild(tbody);
  section('Findings', [table]);

  if (report.collectionErrors.length) {
    var errs = el('table', { id: 'collection-errors' }, []);
    report.collectionErrors.forEach(function (e) {
      errs.appendChild(
        el(
          'tr',
          {},
          [
            e.accountId,
            e.region,
            e.service + ':' + e.operation,
            e.resourceId || '',
            e.errorCode,
            e.message,
          ].map(function (v) {
            return el('td', {}, [v]);
          }),
        ),
      );
    });
    section('Not collected', [
      el('p', {}, [
        'Coverage: ' +
          report.coverage.percent +
          '%. These calls failed; the checks that needed them report ERROR.',
      ]),
      errs,
    ]);
  }
})();
