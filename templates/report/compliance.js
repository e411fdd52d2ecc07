// Compliance view: per framework used by any finding, each control with the aggregate status of
// the checks behind it.

var CONTROL_STATUS_ORDER = ['FAIL', 'ERROR', 'MANUAL', 'ACCEPTED', 'PASS', 'NOT APPLICABLE'];

/** @returns {ControlStats} */
function emptyControlStats() {
  return { FAIL: 0, ERROR: 0, MANUAL: 0, PASS: 0, accepted: 0, checks: Object.create(null) };
}

/**
 * FAIL if any unsuppressed FAIL; else ERROR, else MANUAL; else ACCEPTED when the only failures
 * are suppressed (accepted risk is not a pass); else PASS; else not applicable.
 */
/** @param {ControlStats} s */
function controlStatus(s) {
  if (s.FAIL) return 'FAIL';
  if (s.ERROR) return 'ERROR';
  if (s.MANUAL) return 'MANUAL';
  if (s.accepted) return 'ACCEPTED';
  if (s.PASS) return 'PASS';
  return 'NOT APPLICABLE';
}

function complianceModel() {
  /** @type {Record<string, Record<string, ControlStats>>} */
  var stats = Object.create(null);
  /**
   * @param {Record<string, string[]>} comp
   * @param {string} checkId
   * @param {(s: ControlStats) => void} count
   */
  function tally(comp, checkId, count) {
    Object.keys(comp).forEach(function (fw) {
      var byControl = stats[fw] || (stats[fw] = Object.create(null));
      (comp[fw] || []).forEach(function (ctl) {
        var s = byControl[ctl] || (byControl[ctl] = emptyControlStats());
        s.checks[checkId] = true;
        count(s);
      });
    });
  }
  report.findings.forEach(function (f) {
    // Unsuppressed PASS results are counted from passSummary, whether inflated or not.
    if (f.status === 'PASS' && !f.suppressed) return;
    tally(f.compliance || {}, f.checkId, function (s) {
      if (f.suppressed) {
        if (f.status === 'FAIL') s.accepted++;
        else s[f.status]++;
      } else if (s[f.status] !== undefined) s[f.status]++;
    });
  });
  passSummary.forEach(function (g) {
    var check = checks[g.checkId];
    tally(g.compliance || (check && check.compliance) || {}, g.checkId, function (s) {
      s.PASS += g.count;
    });
  });
  return Object.keys(stats)
    .sort()
    .map(function (fw) {
      var meta = frameworkById[fw];
      /** @type {{ id: string, title: string, stats: ControlStats, status: string }[]} */
      var controls = [];
      /** @type {Record<string, boolean>} */
      var listed = Object.create(null);
      (meta ? meta.controls : []).forEach(function (c) {
        listed[c.id] = true;
        var s = stats[fw][c.id] || emptyControlStats();
        (c.checks || []).forEach(function (id) {
          s.checks[id] = true;
        });
        controls.push({ id: c.id, title: c.title, stats: s, status: '' });
      });
      Object.keys(stats[fw])
        .sort()
        .forEach(function (id) {
          if (!listed[id]) controls.push({ id: id, title: '', stats: stats[fw][id], status: '' });
        });
      controls.forEach(function (c) {
        c.status = controlStatus(c.stats);
      });
      return { id: fw, meta: meta, controls: controls };
    });
}

/** @param {string} id */
function checkFilterLink(id) {
  return el('a', {
    href: '#findings',
    class: 'check-link',
    text: id,
    title: checkTitle(id),
    onclick: function () {
      setFindingFilter({
        check: id,
        statuses: { FAIL: true, ERROR: true, MANUAL: true, PASS: true },
      });
    },
  });
}

function renderCompliance() {
  var root = $('compliance-view');
  clear(root);
  var model = complianceModel();
  if (!model.length) {
    root.appendChild(
      el('p', { class: 'empty', text: 'No finding is mapped to a compliance framework.' }),
    );
    return;
  }
  model.forEach(function (fw) {
    /** @type {Record<string, number>} */
    var tally = {};
    fw.controls.forEach(function (c) {
      tally[c.status] = (tally[c.status] || 0) + 1;
    });
    var section = el('section', { class: 'framework', 'data-framework': fw.id });
    append(section, [
      el('h3', null, [
        fw.meta ? fw.meta.name : fw.id,
        ' ',
        el('span', {
          class: 'muted',
          text: '(' + fw.id + (fw.meta && fw.meta.version ? ' ' + fw.meta.version : '') + ')',
        }),
      ]),
      el(
        'p',
        { class: 'control-tally' },
        CONTROL_STATUS_ORDER.filter(function (s) {
          return tally[s];
        }).map(function (s) {
          return el('span', {
            class: 'ctl ctl-' + s.replace(' ', '-'),
            text: tally[s] + ' ' + s.toLowerCase(),
          });
        }),
      ),
    ]);
    var sources = (fw.meta && fw.meta.source) || [];
    if (sources.length) {
      section.appendChild(
        el(
          'p',
          { class: 'muted small' },
          /** @type {Child[]} */ (['Mapping source: ']).concat(
            sources.map(function (src) {
              var url = safeUrl(src.url);
              return url
                ? el('a', {
                    href: url,
                    target: '_blank',
                    rel: 'noopener noreferrer',
                    text: src.title || url,
                  })
                : el('span', { text: str(src.title) });
            }),
          ),
        ),
      );
    }
    var tbody = el('tbody');
    fw.controls.forEach(function (c) {
      var s = c.stats;
      var ids = Object.keys(s.checks).sort();
      tbody.appendChild(
        el('tr', { 'data-control': c.id, 'data-status': c.status }, [
          el('td', null, [code(c.id)]),
          el('td', { text: c.title }),
          el('td', null, [
            el('span', { class: 'ctl ctl-' + c.status.replace(' ', '-'), text: c.status }),
          ]),
          el(
            'td',
            null,
            ids.map(function (id) {
              return el('div', null, [
                checks[id]
                  ? checkFilterLink(id)
                  : el('span', { class: 'muted', text: id + ' (not run)' }),
              ]);
            }),
          ),
          el('td', {
            class: 'small',
            text:
              s.FAIL +
              ' fail · ' +
              s.ERROR +
              ' error · ' +
              s.MANUAL +
              ' manual · ' +
              s.PASS +
              ' pass' +
              (s.accepted ? ' · ' + s.accepted + ' suppressed' : ''),
          }),
        ]),
      );
    });
    section.appendChild(
      el('table', { class: 'controls-table' }, [
        el('thead', null, [
          el(
            'tr',
            null,
            ['Control', 'Title', 'Status', 'Checks', 'Results'].map(function (h) {
              return el('th', { text: h });
            }),
          ),
        ]),
        tbody,
      ]),
    );
    root.appendChild(section);
  });
}
