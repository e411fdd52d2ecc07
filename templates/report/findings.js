// Findings view: filter, sort, group, expand. Search strings and sort keys are computed once;
// a filter pass is a loop over plain objects and only the first PAGE rows reach the DOM.

/** @type {FindingEntry[]} */
var findingIndex = [];

/** Adds findings to the index as their batches are inflated. @param {PageFinding[]} list */
function indexFindings(list) {
  list.forEach(function (f) {
    var r = f.resource || {};
    findingIndex.push({
      f: f,
      sev: sevRank(f.severity),
      st: statusRank(f.status),
      arn: str(r.arn),
      search: [
        f.checkId,
        f.title,
        f.message,
        r.arn,
        r.name,
        r.type,
        r.accountId,
        r.region,
        f.severity,
        f.status,
        f.suppression ? f.suppression.reason : '',
      ]
        .join('\n')
        .toLowerCase(),
    });
  });
}

var fControls = {
  form: $as('findings-controls', HTMLFormElement),
  check: $as('f-check', HTMLSelectElement),
  account: $as('f-account', HTMLSelectElement),
  region: $as('f-region', HTMLSelectElement),
  text: $as('f-text', HTMLInputElement),
  sort: $as('f-sort', HTMLSelectElement),
  group: $as('f-group', HTMLSelectElement),
};

function initFindingControls() {
  var ids = uniqueSorted(
    report.findings
      .map(function (f) {
        return f.checkId;
      })
      .concat(Object.keys(checks)),
  );
  /** @type {Record<string, string>} */
  var labels = {};
  ids.forEach(function (id) {
    labels[id] = id + ' (' + checkTitle(id) + ')';
  });
  fillSelect(fControls.check, ids, labels);
  // Deferred PASS findings have their accounts and regions in passSummary.
  fillSelect(
    fControls.account,
    uniqueSorted(
      report.findings
        .map(function (f) {
          return f.resource && f.resource.accountId;
        })
        .concat(
          passSummary.map(function (g) {
            return g.accountId;
          }),
        ),
    ),
    accountLabels(),
  );
  fillSelect(
    fControls.region,
    uniqueSorted(
      report.findings
        .map(function (f) {
          return f.resource && f.resource.region;
        })
        .concat(
          passSummary.map(function (g) {
            return g.region;
          }),
        ),
    ),
  );
  renderPassByCheck();
  fControls.form.addEventListener('submit', function (e) {
    e.preventDefault();
  });
  fControls.form.addEventListener('change', function (e) {
    if (e.target !== fControls.text) renderFindings();
  });
  fControls.text.addEventListener('input', debounce(renderFindings, 200));
  $('f-reset').addEventListener('click', function () {
    setFindingFilter({});
  });
}

/**
 * The filter form's checkboxes of one name (the template writes them as inputs).
 * @param {string} name
 * @returns {NodeListOf<HTMLInputElement>}
 */
function inputsNamed(name) {
  return fControls.form.querySelectorAll('input[name="' + name + '"]');
}

/** @param {string} name */
function checkedValues(name) {
  /** @type {Record<string, boolean>} */
  var out = {};
  var boxes = inputsNamed(name);
  for (var i = 0; i < boxes.length; i++) if (boxes[i].checked) out[boxes[i].value] = true;
  return out;
}

/** Sets the findings filters (missing keys go back to their defaults) and re-renders. */
/**
 * @param {{ statuses?: Record<string, boolean>, check?: string, text?: string, group?: string }} opts
 */
function setFindingFilter(opts) {
  var statuses = opts.statuses || { FAIL: true, ERROR: true, MANUAL: true };
  var boxes = inputsNamed('status');
  for (var i = 0; i < boxes.length; i++) boxes[i].checked = !!statuses[boxes[i].value];
  var sevs = inputsNamed('severity');
  for (var j = 0; j < sevs.length; j++) sevs[j].checked = true;
  fControls.check.value = opts.check || '';
  fControls.account.value = '';
  fControls.region.value = '';
  fControls.text.value = opts.text || '';
  if (opts.group) fControls.group.value = opts.group;
  renderFindings();
}

/** @returns {FindingQuery} */
function findingFilter() {
  return {
    severity: checkedValues('severity'),
    status: checkedValues('status'),
    check: fControls.check.value,
    account: fControls.account.value,
    region: fControls.region.value,
    text: fControls.text.value.trim().toLowerCase(),
  };
}

/**
 * @param {FindingEntry} m
 * @param {FindingQuery} q
 */
function matchesFinding(m, q) {
  var f = m.f;
  if (!q.severity[f.severity] || !q.status[f.status]) return false;
  if (q.check && f.checkId !== q.check) return false;
  if (q.account && f.resource.accountId !== q.account) return false;
  if (q.region && f.resource.region !== q.region) return false;
  return !q.text || m.search.indexOf(q.text) !== -1;
}

/**
 * @param {string} a
 * @param {string} b
 */
function cmpStr(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * @param {string} key
 * @returns {(a: FindingEntry, b: FindingEntry) => number}
 */
function findingComparator(key) {
  if (key === 'check') {
    return function (a, b) {
      return (
        cmpStr(a.f.checkId, b.f.checkId) || a.sev - b.sev || a.st - b.st || cmpStr(a.arn, b.arn)
      );
    };
  }
  if (key === 'resource') {
    return function (a, b) {
      return cmpStr(a.arn, b.arn) || a.sev - b.sev || cmpStr(a.f.checkId, b.f.checkId);
    };
  }
  return function (a, b) {
    return a.sev - b.sev || a.st - b.st || cmpStr(a.f.checkId, b.f.checkId) || cmpStr(a.arn, b.arn);
  };
}

function renderFindings() {
  var q = findingFilter();
  /** @type {FindingEntry[]} */
  var active = [];
  /** @type {FindingEntry[]} */
  var suppressed = [];
  for (var i = 0; i < findingIndex.length; i++) {
    var m = findingIndex[i];
    if (matchesFinding(m, q)) (m.f.suppressed ? suppressed : active).push(m);
  }
  var sortKey = fControls.sort.value;
  var cmp = findingComparator(sortKey);
  active.sort(cmp);
  suppressed.sort(cmp);

  // PASS results asked for and still compressed: show the rest now, all of them once inflated.
  var waiting = q.status.PASS && passState.status !== 'loaded';
  if (waiting) void loadPass();
  var unsuppressedTotal =
    report.findings.length + deferredPassCount() - (report.summary ? report.summary.suppressed : 0);
  $('findings-count').textContent =
    fmt(active.length) +
    ' of ' +
    fmt(unsuppressedTotal) +
    ' findings match' +
    (waiting
      ? ' (loading PASS results...)'
      : q.status.PASS
        ? ''
        : ' (PASS hidden: tick PASS to show)');
  var list = $('findings-list');
  clear(list);
  var group = fControls.group.value;
  if (active.length === 0) {
    list.appendChild(el('p', { class: 'empty', text: 'No finding matches these filters.' }));
  } else if (group === 'check' || group === 'resource' || group === 'family') {
    renderGroups(list, active, group, sortKey);
  } else {
    renderPaged(list, active, findingRow);
  }

  $('suppressed-count').textContent = fmt(suppressed.length) + ' suppressed findings match';
  var slist = $('suppressed-list');
  clear(slist);
  renderPaged(slist, suppressed, findingRow);
}

/**
 * PASS counts per check (from the summary, so they show before PASS results are inflated), each
 * with a button that lists that check's results, PASS included.
 */
function renderPassByCheck() {
  var byCheck = (report.summary && report.summary.byCheck) || {};
  var ids = Object.keys(byCheck)
    .filter(function (id) {
      return byCheck[id] && byCheck[id].PASS > 0;
    })
    .sort();
  var root = $('pass-by-check');
  clear(root);
  var total = 0;
  ids.forEach(function (id) {
    total += byCheck[id].PASS;
  });
  $('pass-summary-h').textContent =
    fmt(total) +
    ' passed results across ' +
    fmt(ids.length) +
    (ids.length === 1 ? ' check' : ' checks');
  $('pass-summary').hidden = ids.length === 0;
  ids.forEach(function (id) {
    root.appendChild(
      el('li', { 'data-check': id }, [
        el('span', { class: 'g-count', text: fmt(byCheck[id].PASS) + ' PASS' }),
        ' ',
        el('span', { text: checkTitle(id) }),
        ' ',
        el('code', { class: 'muted', text: id }),
        ' ',
        el('button', {
          type: 'button',
          class: 'link',
          text: 'Show',
          onclick: function () {
            setFindingFilter({
              check: id,
              statuses: { FAIL: true, ERROR: true, MANUAL: true, PASS: true },
            });
          },
        }),
      ]),
    );
  });
}

/**
 * @param {HTMLElement} container
 * @param {FindingEntry[]} items
 * @param {string} by check, resource or family
 * @param {string} sortKey
 */
function renderGroups(container, items, by, sortKey) {
  /** @type {FindingGroup[]} */
  var groups = [];
  /** @type {Record<string, FindingGroup>} */
  var byKey = Object.create(null);
  items.forEach(function (m) {
    var key = by === 'check' ? m.f.checkId : by === 'family' ? checkFamily(m.f.checkId) : m.arn;
    var g = byKey[key];
    if (!g) {
      g = byKey[key] = { key: key, items: [], sev: m.sev, first: m };
      groups.push(g);
    }
    g.items.push(m);
    if (m.sev < g.sev) g.sev = m.sev;
  });
  if (by === 'family') {
    // Families keep the catalog's order, so the list reads like the catalog.
    groups.sort(function (a, b) {
      return familyRank(a.key) - familyRank(b.key) || cmpStr(a.key, b.key);
    });
  } else if (sortKey === 'severity') {
    groups.sort(function (a, b) {
      return a.sev - b.sev || b.items.length - a.items.length || cmpStr(a.key, b.key);
    });
  } else {
    groups.sort(function (a, b) {
      return cmpStr(a.key, b.key);
    });
  }
  renderPaged(container, groups, function (g) {
    var r = g.first.f.resource || {};
    var title =
      by === 'check' ? checkTitle(g.key) : by === 'family' ? familyLabel(g.key) : r.name || g.key;
    var body = el('div', { class: 'group-body' });
    var d = el('details', { class: 'group', 'data-group': g.key }, [
      el('summary', null, [
        sevBadge(SEVERITIES[g.sev] || 'info'),
        el('span', { class: 'g-title', text: title }),
        el('code', { class: 'g-key muted', text: g.key }),
        el('span', {
          class: 'g-count',
          text: fmt(g.items.length) + (g.items.length === 1 ? ' finding' : ' findings'),
        }),
      ]),
      body,
    ]);
    var built = false;
    d.addEventListener('toggle', function () {
      if (d.open && !built) {
        built = true;
        renderPaged(body, g.items, findingRow);
      }
    });
    return d;
  });
}

/** @param {PageFinding} f */
function findingSummary(f) {
  var r = f.resource || {};
  return [
    sevBadge(f.severity),
    statusBadge(f.status),
    el('span', { class: 'f-check', text: f.checkId }),
    el('span', { class: 'f-resource' }, [
      el('span', { class: 'f-name', text: r.name || r.arn }),
      el('span', { class: 'f-where', text: str(r.accountId) + ' · ' + str(r.region) }),
    ]),
    el('span', { class: 'f-msg', text: f.message }),
    f.suppressed ? el('span', { class: 'supp-tag', text: 'suppressed' }) : null,
  ];
}

/** @param {FindingEntry} m */
function findingRow(m) {
  var f = m.f;
  var d = el('details', {
    class: 'finding' + (f.suppressed ? ' is-suppressed' : ''),
    'data-id': f.id,
    'data-severity': f.severity,
    'data-status': f.status,
  });
  d.appendChild(el('summary', null, findingSummary(f)));
  var built = false;
  d.addEventListener('toggle', function () {
    if (d.open && !built) {
      built = true;
      d.appendChild(findingBody(f));
    }
  });
  return d;
}

/** @param {string} text */
function copyButton(text) {
  var btn = el('button', { type: 'button', class: 'copy', text: 'Copy' });
  btn.addEventListener('click', function () {
    /** @param {string} label */
    function done(label) {
      btn.textContent = label;
      setTimeout(function () {
        btn.textContent = 'Copy';
      }, 1500);
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(
        function () {
          done('Copied');
        },
        function () {
          selectText(btn.previousSibling);
          done('Press Ctrl+C');
        },
      );
    } else {
      selectText(btn.previousSibling);
      done('Press Ctrl+C');
    }
  });
  return btn;
}

/** @param {Node | null} node */
function selectText(node) {
  if (!node) return;
  var range = document.createRange();
  range.selectNodeContents(node);
  var sel = window.getSelection();
  if (!sel) return;
  sel.removeAllRanges();
  sel.addRange(range);
}

/** @param {PageFinding} f */
function findingBody(f) {
  var r = f.resource || {};
  var info = checks[f.checkId] || {};
  var rem = f.remediation || info.remediation || {};
  var body = el('div', { class: 'finding-body' });
  append(body, [
    el('p', { class: 'f-message', text: f.message }),
    f.suppressed && f.suppression
      ? el('p', { class: 'suppression-note' }, [
          el('b', { text: 'Suppressed: ' }),
          f.suppression.reason,
          ' · expires ',
          f.suppression.expires || 'never',
          ' · rule #' + str(f.suppression.rule),
        ])
      : null,
    el('h4', { text: 'Resource' }),
    defs([
      ['ARN', code(r.arn)],
      ['Type', r.type],
      ['Name', r.name],
      ['Account', r.accountId],
      ['Region', r.region],
      ['Finding ID', code(f.id)],
    ]),
    info.risk ? el('h4', { text: 'Why it matters' }) : null,
    info.risk ? el('p', { text: info.risk }) : null,
    el('h4', { text: 'Evidence' }),
    el('pre', { class: 'evidence', text: JSON.stringify(f.evidence, null, 2) }),
    el('h4', { text: 'Remediation' }),
    rem.text ? el('p', { class: 'remediation', text: rem.text }) : null,
  ]);
  if (rem.cli) {
    var cli = el('code', { class: 'cli-command', text: rem.cli });
    body.appendChild(el('div', { class: 'cli' }, [el('pre', null, [cli]), copyButton(rem.cli)]));
  }
  var comp = f.compliance || info.compliance || {};
  var fws = Object.keys(comp);
  if (fws.length) {
    body.appendChild(el('h4', { text: 'Compliance' }));
    body.appendChild(
      el(
        'ul',
        { class: 'compliance-list' },
        fws.map(function (fw) {
          return el('li', null, [
            el('b', { text: frameworkName(fw) + ': ' }),
            (comp[fw] || []).join(', '),
          ]);
        }),
      ),
    );
  }
  var refs = info.references || [];
  if (refs.length) {
    body.appendChild(el('h4', { text: 'References' }));
    body.appendChild(
      el(
        'ul',
        { class: 'refs' },
        refs.map(function (ref) {
          var url = safeUrl(ref.url);
          return el('li', null, [
            url
              ? el('a', {
                  href: url,
                  target: '_blank',
                  rel: 'noopener noreferrer',
                  text: ref.title || url,
                })
              : el('span', { text: str(ref.title) + ' ' + str(ref.url) }),
          ]);
        }),
      ),
    );
  }
  return body;
}

/** Print: every unsuppressed non-PASS finding, expanded, most severe first. */
function buildPrintFindings() {
  var root = $('print-findings');
  clear(root);
  var rows = findingIndex.filter(function (m) {
    return !m.f.suppressed && m.f.status !== 'PASS';
  });
  rows.sort(findingComparator('severity'));
  root.appendChild(
    el('h2', { text: 'Findings (' + fmt(rows.length) + ', suppressed and passed omitted)' }),
  );
  var frag = document.createDocumentFragment();
  rows.forEach(function (m) {
    frag.appendChild(
      el('article', { class: 'print-finding' }, [
        el('div', { class: 'print-finding-head' }, findingSummary(m.f)),
        findingBody(m.f),
      ]),
    );
  });
  root.appendChild(frag);
}
