// Inventory view: the attack-surface table, its filters, and a per-API view with the API's
// routes and the findings on its resources.

// Filled by data.js once the inventory batches are inflated.
var inventory = report.inventory;

/** @param {PageInventoryRow} r */
function apiKeyOf(r) {
  return r.accountId + '|' + r.region + '|' + r.apiId;
}

/** @param {PageInventoryRow} r */
function routeText(r) {
  return r.apiType === 'REST' ? str(r.method) + ' ' + str(r.path) : str(r.routeKey);
}

/** @param {PageInventoryRow} r */
function authText(r) {
  var extra = [r.authorizerType, r.authorizerId].filter(Boolean).join(' ');
  return str(r.authorizationType) + (extra ? ' (' + extra + ')' : '');
}

/**
 * What each stage and canary serves, when that tells more than the row: a canary, a stage that
 * lags its draft, a method deleted from the draft but still deployed, or one nobody serves.
 * @param {PageInventoryRow} r
 */
function servedText(r) {
  var served = r.served;
  if (!served) return '';
  if (!served.length) return 'not deployed on any stage';
  var canary = served.some(function (x) {
    return x.canary;
  });
  if (!canary && !r.draft && r.inDraft !== false) return '';
  var out = served.map(function (x) {
    return (
      x.stage +
      (x.canary ? ' canary' : '') +
      ' (' +
      x.percentTraffic +
      '%): ' +
      x.authorizationType +
      (x.apiKeyRequired ? ', API key' : '')
    );
  });
  if (r.draft) out.push('draft: ' + r.draft.authorizationType + ' (not deployed)');
  if (r.inDraft === false) out.push('deleted from the draft, still deployed');
  return out.join('\n');
}

/** @param {PageInventoryRow} r */
function throttleText(r) {
  var t = r.throttling || [];
  if (!t.length) return 'none';
  return t
    .map(function (x) {
      return (
        x.stage +
        ': ' +
        (x.rateLimit === undefined ? '-' : x.rateLimit) +
        ' rps / ' +
        (x.burstLimit === undefined ? '-' : x.burstLimit) +
        ' burst (' +
        x.source +
        ')'
      );
    })
    .join('\n');
}

/** @param {PageInventoryRow} r */
function cacheText(r) {
  var on = (r.caching || []).filter(function (c) {
    return c.enabled;
  });
  if (!on.length) return 'off';
  return on
    .map(function (c) {
      return (
        c.stage +
        ': ' +
        (c.ttlInSeconds === undefined ? '' : 'TTL ' + c.ttlInSeconds + ' s, ') +
        (c.encrypted ? 'encrypted' : 'not encrypted')
      );
    })
    .join('\n');
}

/** @type {{ r: PageInventoryRow, api: string, search: string }[]} */
var invIndex = [];
/** @type {PageApi[]} */
var apis = [];
/** @type {Record<string, PageApi>} */
var apiByKey = Object.create(null);

/** Search text per row and the list of APIs, once the inventory is inflated. */
function indexInventory() {
  invIndex = inventory.map(function (r) {
    return {
      r: r,
      api: apiKeyOf(r),
      search: [
        r.apiName,
        r.apiId,
        r.apiType,
        r.endpointType,
        routeText(r),
        authText(r),
        servedText(r),
        r.integrationType,
        r.integrationTarget,
        (r.invokeUrls || []).join(' '),
        (r.webAclArns || []).join(' '),
        r.accountId,
        r.region,
      ]
        .join('\n')
        .toLowerCase(),
    };
  });
  /** @type {Record<string, boolean>} */
  var seen = Object.create(null);
  inventory.forEach(function (r) {
    var k = apiKeyOf(r);
    if (seen[k]) return;
    seen[k] = true;
    apis.push({
      key: k,
      accountId: r.accountId,
      region: r.region,
      apiId: r.apiId,
      apiName: r.apiName,
      apiType: r.apiType,
      endpointType: r.endpointType,
      stages: r.stages || [],
    });
  });
  apis.sort(function (a, b) {
    return cmpStr(a.apiName + a.key, b.apiName + b.key);
  });
  apis.forEach(function (a) {
    apiByKey[a.key] = a;
  });
}

/**
 * @param {string[]} values
 * @param {string} empty
 */
function lines(values, empty) {
  if (!values || !values.length) return el('span', { class: 'muted', text: empty });
  return el(
    'div',
    { class: 'lines' },
    values.map(function (v) {
      return el('code', { text: v });
    }),
  );
}

/** A web ACL by name (its full ARN on hover): ARNs are too long for a table cell. */
/** @param {string[]} arns */
function webAcls(arns) {
  if (!arns || !arns.length) return el('span', { class: 'muted', text: 'none' });
  return el(
    'div',
    { class: 'lines' },
    arns.map(function (arn) {
      var v2 = /:regional\/webacl\/([^/]+)\//.exec(arn);
      var classic = /^arn:[^:]+:waf-regional:/.test(arn);
      var name = v2 ? v2[1] : classic ? 'WAF Classic ' + arn.split('/').pop() : arn;
      return el('code', { text: name, title: arn });
    }),
  );
}

/** @param {{ r: PageInventoryRow, api: string }} m */
function inventoryRow(m) {
  var r = m.r;
  var noAuth = r.authorizationType === 'NONE' && r.method !== 'OPTIONS';
  return el('tr', { 'data-api': m.api, 'data-type': r.apiType }, [
    el('td', null, [
      el('button', {
        type: 'button',
        class: 'link api-link',
        text: r.apiName,
        onclick: function () {
          selectApi(m.api);
        },
      }),
      el('div', {
        class: 'muted small',
        text: r.apiType + ' · ' + r.apiId + ' · ' + str(r.endpointType),
      }),
    ]),
    el('td', null, [code(routeText(r))]),
    el('td', { class: noAuth ? 'warn-text' : null }, [
      el('div', { text: authText(r) }),
      servedText(r) ? el('div', { class: 'pre-line small muted', text: servedText(r) }) : null,
    ]),
    el('td', { text: r.apiKeyRequired ? 'required' : 'no' }),
    el('td', null, [
      el('div', { text: str(r.integrationType) || 'none' }),
      r.integrationTarget ? code(r.integrationTarget) : null,
    ]),
    el('td', null, [lines(r.invokeUrls, 'none')]),
    el('td', null, [
      r.apiType === 'REST' ? webAcls(r.webAclArns) : el('span', { class: 'muted', text: 'n/a' }),
    ]),
    el('td', { class: 'pre-line small', text: throttleText(r) }),
    el('td', { class: 'pre-line small', text: r.apiType === 'REST' ? cacheText(r) : 'n/a' }),
    el('td', { class: 'small', text: r.accountId + ' · ' + r.region }),
  ]);
}

var iControls = {
  form: $as('inventory-controls', HTMLFormElement),
  text: $as('i-text', HTMLInputElement),
  account: $as('i-account', HTMLSelectElement),
  region: $as('i-region', HTMLSelectElement),
  type: $as('i-type', HTMLSelectElement),
  auth: $as('i-auth', HTMLSelectElement),
  api: $as('api-select', HTMLSelectElement),
};

function initInventory() {
  /** @param {'accountId' | 'region' | 'apiType' | 'authorizationType'} key */
  function col(key) {
    return uniqueSorted(
      inventory.map(function (r) {
        return r[key];
      }),
    );
  }
  fillSelect(iControls.account, col('accountId'), accountLabels());
  fillSelect(iControls.region, col('region'));
  fillSelect(iControls.type, col('apiType'));
  fillSelect(iControls.auth, col('authorizationType'));
  /** @type {Record<string, string>} */
  var labels = {};
  apis.forEach(function (a) {
    labels[a.key] =
      a.apiName + ' (' + a.apiType + ' ' + a.apiId + ') · ' + a.accountId + ' · ' + a.region;
  });
  fillSelect(
    iControls.api,
    apis.map(function (a) {
      return a.key;
    }),
    labels,
  );
  iControls.form.addEventListener('submit', function (e) {
    e.preventDefault();
  });
  iControls.form.addEventListener('change', function (e) {
    if (e.target !== iControls.text) renderInventory();
  });
  iControls.text.addEventListener('input', debounce(renderInventory, 200));
  iControls.api.addEventListener('change', function () {
    selectApi(iControls.api.value);
  });
}

function renderInventory() {
  var q = {
    text: iControls.text.value.trim().toLowerCase(),
    account: iControls.account.value,
    region: iControls.region.value,
    type: iControls.type.value,
    auth: iControls.auth.value,
  };
  var rows = invIndex.filter(function (m) {
    var r = m.r;
    if (q.account && r.accountId !== q.account) return false;
    if (q.region && r.region !== q.region) return false;
    if (q.type && r.apiType !== q.type) return false;
    if (q.auth && r.authorizationType !== q.auth) return false;
    return !q.text || m.search.indexOf(q.text) !== -1;
  });
  $('inventory-count').textContent =
    fmt(rows.length) + ' of ' + fmt(invIndex.length) + ' methods and routes';
  var tbody = $as('inventory-table', HTMLTableElement).tBodies[0];
  var more = $('inventory-more');
  clear(tbody);
  clear(more);
  if (!rows.length) {
    tbody.appendChild(
      el('tr', null, [
        el('td', {
          colspan: 10,
          class: 'empty',
          text: invIndex.length ? 'No method or route matches these filters.' : 'No API was found.',
        }),
      ]),
    );
    return;
  }
  renderPaged(more, rows, inventoryRow, PAGE, tbody);
}

/** Findings whose resource ARN lies under the API: .../restapis/ID or .../apis/ID. */
/** @param {PageApi} api */
function findingsOnApi(api) {
  var needle =
    ':apigateway:' +
    api.region +
    '::' +
    (api.apiType === 'REST' ? '/restapis/' : '/apis/') +
    api.apiId;
  return findingIndex.filter(function (m) {
    var a = m.arn;
    var i = a.indexOf(needle);
    if (i < 0 || a.slice(0, 4) !== 'arn:' || a.indexOf(':', 4) !== i) return false;
    var next = a.charAt(i + needle.length);
    return (next === '' || next === '/') && m.f.resource.accountId === api.accountId;
  });
}

/** @param {string} key */
function selectApi(key) {
  var api = key ? apiByKey[key] : null;
  var detail = $('api-detail');
  clear(detail);
  iControls.api.value = api ? key : '';
  var tableParts = [
    iControls.form,
    $('inventory-count'),
    $('inventory-table-wrap'),
    $('inventory-more'),
  ];
  tableParts.forEach(function (n) {
    n.hidden = !!api;
  });
  detail.hidden = !api;
  if (!api) return;
  var routes = invIndex.filter(function (m) {
    return m.api === key;
  });
  // The API's findings include its PASS results: asking for an API asks for them.
  var passPending = passState.status !== 'loaded';
  if (passPending) void loadPass();
  var found = findingsOnApi(api);
  found.sort(findingComparator('severity'));
  var open = found.filter(function (m) {
    return !m.f.suppressed && m.f.status !== 'PASS';
  }).length;
  append(detail, [
    el('div', { class: 'api-head' }, [
      el('h3', { text: api.apiName }),
      el('button', {
        type: 'button',
        class: 'link',
        text: 'Back to all APIs',
        onclick: function () {
          selectApi('');
        },
      }),
    ]),
    defs([
      ['Type', api.apiType],
      ['API id', code(api.apiId)],
      ['Endpoint', api.endpointType],
      ['Account', api.accountId],
      ['Region', api.region],
      ['Stages', api.stages.join(', ') || 'none'],
    ]),
    el('h4', { text: fmt(routes.length) + ' methods and routes' }),
  ]);
  var wrap = el('div', { class: 'table-wrap' });
  var head = $as('inventory-table', HTMLTableElement).tHead;
  var table = el('table', { class: 'inventory', id: 'api-routes' }, [
    head ? head.cloneNode(true) : null,
    el('tbody'),
  ]);
  wrap.appendChild(table);
  detail.appendChild(wrap);
  var moreRoutes = el('div');
  detail.appendChild(moreRoutes);
  renderPaged(moreRoutes, routes, inventoryRow, PAGE, table.tBodies[0]);
  detail.appendChild(
    el('h4', {
      text:
        'Findings on this API: ' +
        fmt(found.length) +
        ' (' +
        fmt(open) +
        ' open, not PASS or suppressed)' +
        (passPending ? ' · loading PASS results...' : ''),
    }),
  );
  var list = el('div', { class: 'list', id: 'api-findings' });
  detail.appendChild(list);
  if (found.length) renderPaged(list, found, findingRow);
  else list.appendChild(el('p', { class: 'empty', text: 'No finding on this API.' }));
}
