// Navigation between views (#summary, #findings, ...), lazy first render of each view, links
// from the summary into filtered findings, and the print layout.

var VIEWS = ['summary', 'findings', 'inventory', 'compliance', 'coverage'];
/** @type {Record<string, boolean>} */
var rendered = {};

/** @param {string} view */
function ensureRendered(view) {
  if (rendered[view]) return;
  rendered[view] = true;
  if (view === 'findings') {
    initFindingControls();
    renderFindings();
  } else if (view === 'inventory') {
    initInventory();
    renderInventory();
  } else if (view === 'compliance') renderCompliance();
  else if (view === 'coverage') renderCoverage();
}

/** @param {string} hash */
function viewFor(hash) {
  var id = (hash || '').replace(/^#/, '');
  if (VIEWS.indexOf(id) !== -1) return id;
  var target = id ? document.getElementById(id) : null;
  var section = target && target.closest ? target.closest('section.view') : null;
  return section ? section.id : 'summary';
}

function showView() {
  var view = viewFor(location.hash);
  ensureRendered(view);
  VIEWS.forEach(function (v) {
    $(v).hidden = v !== view;
  });
  var tabs = document.querySelectorAll('.tabs a');
  for (var i = 0; i < tabs.length; i++) {
    if (tabs[i].getAttribute('data-view') === view) tabs[i].setAttribute('aria-current', 'page');
    else tabs[i].removeAttribute('aria-current');
  }
  document.body.setAttribute('data-view', view);
}

/** Summary links that open the findings view with a filter. */
function wireSummaryLinks() {
  document.addEventListener('click', function (e) {
    var a = e.target instanceof Element ? e.target.closest('a') : null;
    if (!a) return;
    var check = a.getAttribute('data-check-link');
    var status = a.getAttribute('data-status-card');
    var family = a.getAttribute('data-family-link');
    if (check === null && status === null && family === null) return;
    ensureRendered('findings');
    if (family !== null) showFamily(family);
    else if (check !== null) setFindingFilter({ check: check });
    else if (status === 'SUPPRESSED') {
      setFindingFilter({});
      setTimeout(function () {
        $('suppressed-h').scrollIntoView();
      }, 0);
    } else {
      /** @type {Record<string, boolean>} */
      var only = {};
      only[/** @type {string} */ (status)] = true;
      setFindingFilter({ statuses: only });
    }
  });
}

/** Findings grouped by family, with this family's group open. @param {string} family */
function showFamily(family) {
  setFindingFilter({ group: 'family' });
  var groups = $('findings-list').querySelectorAll('details.group');
  for (var i = 0; i < groups.length; i++) {
    var g = /** @type {HTMLDetailsElement} */ (groups[i]);
    if (g.getAttribute('data-group') !== family) continue;
    g.open = true;
    g.scrollIntoView();
    break;
  }
}

/** Views drawn before the PASS results were inflated are drawn again with them. */
function onPassLoaded() {
  if (rendered.findings) renderFindings();
  if (rendered.inventory && iControls.api.value) selectApi(iControls.api.value);
}

/** Only the server-rendered summary: what the page can show without its data. */
function summaryOnly() {
  VIEWS.forEach(function (v) {
    $(v).hidden = v !== 'summary';
  });
}

window.addEventListener('beforeprint', function () {
  ensureRendered('coverage');
  buildPrintFindings();
});
window.addEventListener('afterprint', function () {
  clear($('print-findings'));
});
summaryOnly();
if (!canInflate) {
  showDataBanner(
    'This browser cannot decompress the report data (no DecompressionStream): only the summary is shown. Open the report in a current browser, or read report.json.',
  );
} else {
  // Views and their links start once the data is in: before that, only the summary shows.
  loadOpenData().then(
    function () {
      indexInventory();
      window.addEventListener('hashchange', showView);
      wireSummaryLinks();
      showView();
      document.documentElement.setAttribute('data-ready', 'true');
    },
    function (err) {
      showDataBanner(
        'The report data could not be read (' +
          str(err && err.message) +
          '): only the summary is shown.',
      );
    },
  );
}
