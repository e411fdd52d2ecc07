// The report's findings and inventory: embedded as gzip batches, base64 in
// <template data-report-batch="..."> elements (src/render/html-data.ts), inflated here with the
// browser's DecompressionStream. Batches of unsuppressed PASS findings stay compressed until the
// user asks for PASS results; until then passSummary stands in for them.

var canInflate =
  typeof DecompressionStream === 'function' &&
  typeof Blob === 'function' &&
  typeof Blob.prototype.stream === 'function' &&
  typeof Response === 'function';

/** Unsuppressed PASS findings, counted by check, account and region, while they are deferred. */
/** @type {PagePassGroup[]} */
var passSummary = [];

/** deferred, loading or loaded; mirrored in html[data-pass] for tests and the benchmark. */
/** @type {{ status: string, promise: Promise<void> | null }} */
var passState = { status: 'deferred', promise: null };

/**
 * The base64 texts of one kind of batch, in document order. A batch is read once: its element
 * is removed so that the page does not keep the compressed copy next to the inflated one.
 * @param {string} kind
 * @returns {string[]}
 */
function takeBatches(kind) {
  var nodes = document.querySelectorAll('template[data-report-batch="' + kind + '"]');
  /** @type {string[]} */
  var out = [];
  for (var i = 0; i < nodes.length; i++) {
    var t = /** @type {HTMLTemplateElement} */ (nodes[i]);
    out.push(t.content.textContent || '');
    t.remove();
  }
  return out;
}

/**
 * One gzip member, base64-encoded, to the JSON value it holds.
 * @param {string} b64
 * @returns {Promise<unknown>}
 */
function inflate(b64) {
  var bin = atob(b64);
  var bytes = new Uint8Array(bin.length);
  for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  var gunzip = new DecompressionStream('gzip');
  var stream = new Blob([bytes]).stream().pipeThrough(gunzip);
  return new Response(stream).text().then(function (json) {
    return JSON.parse(json);
  });
}

/**
 * @param {string} kind
 * @returns {Promise<unknown[]>}
 */
function inflateAll(kind) {
  return Promise.all(takeBatches(kind).map(inflate));
}

/**
 * Findings are embedded without the fields that repeat their check's metadata (packFinding in
 * src/render/html-data.ts): restore them, sharing the check's objects.
 * @param {unknown[]} batches
 * @returns {PageFinding[]}
 */
function unpackBatches(batches) {
  /** @type {PageFinding[]} */
  var out = [];
  batches.forEach(function (b) {
    /** @type {PageFindingBatch} */ (b).findings.forEach(function (f) {
      var c = report.checks[f.checkId];
      if (c) {
        CONTRACT.packedFindingFields.forEach(function (field) {
          if (f[field] === undefined)
            /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (f))[field] = c[field];
        });
      }
      out.push(/** @type {PageFinding} */ (f));
    });
  });
  return out;
}

/** @param {PageFinding[]} list */
function addFindings(list) {
  for (var i = 0; i < list.length; i++) report.findings.push(list[i]);
  indexFindings(list);
}

/** Everything the page needs at open: every finding but deferred PASS, and the inventory. */
function loadOpenData() {
  return Promise.all([
    inflateAll('open'),
    inflateAll('inventory'),
    inflateAll('pass-summary'),
  ]).then(function (parts) {
    addFindings(unpackBatches(parts[0]));
    parts[1].forEach(function (rows) {
      /** @type {PageInventoryRow[]} */ (rows).forEach(function (r) {
        report.inventory.push(r);
      });
    });
    passSummary = /** @type {PagePassGroup[]} */ (parts[2][0] || []);
    if (!deferredPassCount()) setPassState('loaded');
    else setPassState('deferred');
  });
}

/** Findings still compressed: the total of passSummary until PASS results are loaded. */
function deferredPassCount() {
  if (passState.status === 'loaded') return 0;
  var n = 0;
  passSummary.forEach(function (g) {
    n += g.count;
  });
  return n;
}

/** @param {string} status */
function setPassState(status) {
  passState.status = status;
  document.documentElement.setAttribute('data-pass', status);
}

/**
 * Inflates the PASS batches, once; views that showed without them are then drawn again.
 * @returns {Promise<void>}
 */
function loadPass() {
  if (passState.promise) return passState.promise;
  if (passState.status === 'loaded') return (passState.promise = Promise.resolve());
  setPassState('loading');
  passState.promise = inflateAll('pass').then(
    function (batches) {
      addFindings(unpackBatches(batches));
      setPassState('loaded');
      onPassLoaded();
    },
    function (err) {
      showDataBanner('The PASS results could not be read: ' + str(err && err.message));
    },
  );
  return passState.promise;
}

/** @param {string} message */
function showDataBanner(message) {
  var banner = $('data-banner');
  banner.textContent = message;
  banner.hidden = false;
}
