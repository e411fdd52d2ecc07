// Shared state and DOM helpers. This file and the others in templates/report/ are concatenated,
// in the order html.ts lists them, inside one function scope. Every string from the report is
// put in the page with textContent or setAttribute, never parsed as HTML.

// CONTRACT (src/render/page-contract.ts) is written in front of these files by html.ts.

// The report's head; its findings and inventory are inflated into these arrays by data.js.
/** @type {PageReport} */
var report = JSON.parse(text('report-data'));
report.findings = [];
report.inventory = [];
/** @type {PageFramework[]} */
var frameworks = JSON.parse(text('framework-data'));

/** @type {readonly string[]} */
var SEVERITIES = CONTRACT.severities;
/** @type {readonly string[]} */
var STATUS_ORDER = CONTRACT.statusOrder;
var PAGE = 200;

/** 0 = most severe. @param {string} s */
function sevRank(s) {
  var i = SEVERITIES.indexOf(s);
  return i < 0 ? SEVERITIES.length : i;
}

/** @param {string} s */
function statusRank(s) {
  var i = STATUS_ORDER.indexOf(s);
  return i < 0 ? STATUS_ORDER.length : i;
}

/**
 * Creates an element. attrs: "class", "text" (textContent), "on<event>" handlers, anything
 * else through setAttribute. children: nodes or strings (as text); null/undefined/false skipped.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Attrs | null} [attrs]
 * @param {Child[]} [children]
 * @returns {HTMLElementTagNameMap[K]}
 */
function el(tag, attrs, children) {
  var node = document.createElement(tag);
  if (attrs) {
    for (var k in attrs) {
      if (!Object.prototype.hasOwnProperty.call(attrs, k)) continue;
      var v = attrs[k];
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') node.className = String(v);
      else if (k === 'text') node.textContent = String(v);
      else if (k.slice(0, 2) === 'on' && typeof v === 'function') {
        node.addEventListener(k.slice(2), /** @type {EventListener} */ (v));
      } else node.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(node, children);
  return node;
}

/**
 * @template {Node} N
 * @param {N} node
 * @param {Child[]} [children]
 * @returns {N}
 */
function append(node, children) {
  if (!children) return node;
  for (var i = 0; i < children.length; i++) {
    var c = children[i];
    if (c === null || c === undefined || c === false) continue;
    node.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
  }
  return node;
}

/** @param {Node} node */
function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

/**
 * An element the template always has: a missing one is a template bug, reported at once.
 * @param {string} id
 * @returns {HTMLElement}
 */
function $(id) {
  var node = document.getElementById(id);
  if (!node) throw new Error('report.html: no element #' + id);
  return node;
}

/**
 * @template {HTMLElement} T
 * @param {string} id
 * @param {{ new (): T; prototype: T }} type
 * @returns {T}
 */
function $as(id, type) {
  var node = $(id);
  if (!(node instanceof type)) throw new Error('report.html: #' + id + ' is not a ' + type.name);
  return node;
}

/** @param {string} id */
function text(id) {
  return $(id).textContent || '';
}

/** @param {unknown} v */
function str(v) {
  return v === null || v === undefined ? '' : String(v);
}

/** @param {number | string} n */
function fmt(n) {
  return Number(n).toLocaleString('en-US');
}

/**
 * @param {() => void} fn
 * @param {number} ms
 */
function debounce(fn, ms) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  var t;
  return function () {
    clearTimeout(t);
    t = setTimeout(fn, ms);
  };
}

/** Only http(s) links are made clickable; anything else (javascript:, data:) stays text. */
/** @param {unknown} u @returns {string | null} */
function safeUrl(u) {
  return typeof u === 'string' && /^https?:\/\//i.test(u) ? u : null;
}

/** @param {string} s */
function sevBadge(s) {
  return el('span', { class: 'sev sev-' + (sevRank(s) < SEVERITIES.length ? s : 'info'), text: s });
}

/** @param {string} s */
function statusBadge(s) {
  return el('span', { class: 'status status-' + (statusRank(s) < 4 ? s : 'ERROR'), text: s });
}

/**
 * @param {(string | null | undefined)[]} values
 * @returns {string[]}
 */
function uniqueSorted(values) {
  var seen = Object.create(null);
  var out = [];
  for (var i = 0; i < values.length; i++) {
    var v = values[i];
    if (v === undefined || v === null || v === '' || seen[v]) continue;
    seen[v] = true;
    out.push(v);
  }
  return out.sort();
}

/**
 * Labels for the account filters: "111122223333 (payments · Root/Prod)" where the scan read a
 * name or an OU path.
 * @returns {Record<string, string>}
 */
function accountLabels() {
  /** @type {Record<string, string>} */
  var labels = {};
  var names = report.scan.accountNames || {};
  var ous = report.scan.ouPaths || {};
  report.scan.accounts.forEach(function (id) {
    var about = [names[id], ous[id]].filter(Boolean).join(' · ');
    if (about) labels[id] = id + ' (' + about + ')';
  });
  return labels;
}

/** Adds options to a select that already holds its "all" option. labels: optional map. */
/**
 * @param {HTMLSelectElement} select
 * @param {string[]} values
 * @param {Record<string, string>} [labels]
 */
function fillSelect(select, values, labels) {
  var frag = document.createDocumentFragment();
  values.forEach(function (v) {
    frag.appendChild(el('option', { value: v, text: labels && labels[v] ? labels[v] : v }));
  });
  select.appendChild(frag);
}

/**
 * Renders items into container PAGE at a time, with a "Show more" button for the rest, so that
 * tens of thousands of rows never reach the DOM at once.
 * @template T
 * @param {HTMLElement} container
 * @param {T[]} items
 * @param {(item: T, index: number) => Node} renderItem
 * @param {number} [pageSize]
 * @param {HTMLElement} [wrapper]
 */
function renderPaged(container, items, renderItem, pageSize, wrapper) {
  var size = pageSize || PAGE;
  var shown = 0;
  var target = wrapper || container;
  /** @type {HTMLButtonElement | null} */
  var more = null;
  function next() {
    var frag = document.createDocumentFragment();
    var end = Math.min(items.length, shown + size);
    for (var i = shown; i < end; i++) frag.appendChild(renderItem(items[i], i));
    shown = end;
    target.appendChild(frag);
    if (more) more.remove();
    more = null;
    if (shown < items.length) {
      more = el('button', {
        type: 'button',
        class: 'more',
        text:
          'Show ' +
          fmt(Math.min(size, items.length - shown)) +
          ' more (' +
          fmt(items.length - shown) +
          ' remaining)',
        onclick: next,
      });
      container.appendChild(more);
    }
  }
  next();
}

/**
 * Definition list from [label, value-node-or-string] pairs, skipping empty values.
 * @param {[string, Child][]} pairs
 */
function defs(pairs) {
  var dl = el('dl', { class: 'defs' });
  pairs.forEach(function (p) {
    if (p[1] === undefined || p[1] === null || p[1] === '') return;
    dl.appendChild(el('dt', { text: p[0] }));
    dl.appendChild(el('dd', null, [p[1]]));
  });
  return dl;
}

/** @param {unknown} text */
function code(text) {
  return el('code', { text: str(text) });
}

var checks = report.checks || {};

/** @param {string} id */
function checkTitle(id) {
  return checks[id] && checks[id].title ? checks[id].title : id;
}

/** @type {Record<string, string>} */
var familyLabels = Object.create(null);
CONTRACT.families.forEach(function (f) {
  familyLabels[f.id] = f.label;
});

/**
 * The check's family id, or '' (reports written before checks carried one).
 * @param {string} id
 * @returns {string}
 */
function checkFamily(id) {
  var c = checks[id];
  return c && typeof c.family === 'string' ? c.family : '';
}

/** @param {string} id */
function familyLabel(id) {
  return familyLabels[id] || id || 'No family';
}

/** Position in the catalog's family order; unknown families last. @param {string} id */
function familyRank(id) {
  for (var i = 0; i < CONTRACT.families.length; i++) if (CONTRACT.families[i].id === id) return i;
  return CONTRACT.families.length;
}

/** @type {Record<string, PageFramework>} */
var frameworkById = Object.create(null);
frameworks.forEach(function (fw) {
  frameworkById[fw.framework] = fw;
});

/** @param {string} id */
function frameworkName(id) {
  return frameworkById[id] ? frameworkById[id].name : id;
}
