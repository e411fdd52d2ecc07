/// <reference lib="dom" />
/**
 * report.html in a real browser (Debian's Chromium through playwright-core), opened from disk
 * with the network blocked: rendering, filters, grouping, expansion, suppressed findings,
 * coverage, hostile resource names, print layout, and a 50,000-finding volume run.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../checks/index.js';
import type { Report } from '../../src/engine/types.js';
import { packageRoot } from '../../src/paths.js';
import { renderHtml } from '../../src/render/html.js';
import { CHECK_FAMILIES } from '../../src/render/page-contract.js';
import { HOSTILE_STRINGS, hostileSnapshot } from '../helpers/hostile.js';
import { reportOf, volumeReport } from '../helpers/report.js';
import {
  ACCOUNT,
  collectionError,
  region,
  restApi,
  restStage,
  snapshot,
} from '../helpers/snapshot.js';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const ARTIFACTS = join(packageRoot, 'test-artifacts');

const HOSTILE = {
  script: '</script><img src=x onerror="window.__pwned=1;alert(1)">',
  attr: `"'><svg onload="window.__pwned=2;alert(2)">`,
  separators: 'line\u2028sep\u2029para',
  handlebars: "{{constructor.constructor('window.__pwned=3')()}}",
  comment: '<!--<script>window.__pwned=4</script>',
  long: 'x'.repeat(5000),
};

/** Two regions, hostile API and stage names, a suppression and a failed collection. */
function fixtureReport(): Report {
  const methods = {
    GET: {
      authorizationType: 'NONE',
      methodIntegration: { type: 'HTTP', uri: 'http://backend.internal/orders' },
    },
  };
  const snap = snapshot(
    [
      region({
        restApis: [
          restApi({
            id: 'orders1',
            name: 'orders',
            resources: [{ id: 'r1', path: '/orders', resourceMethods: methods }],
            stages: [
              restStage({ stageName: 'prod' }),
              restStage({ stageName: 'qa' }),
              restStage({ stageName: 'dev', methodSettings: { '*/*': { loggingLevel: 'INFO' } } }),
            ],
          }),
          restApi({
            id: 'evil1',
            name: HOSTILE.script,
            resources: [{ id: 'r2', path: '/x', resourceMethods: methods }],
            stages: [
              restStage({ stageName: HOSTILE.attr }),
              restStage({ stageName: HOSTILE.separators }),
              restStage({ stageName: HOSTILE.handlebars }),
              restStage({ stageName: HOSTILE.comment }),
              restStage({ stageName: HOSTILE.long }),
            ],
          }),
        ],
      }),
      region(
        {
          restApis: [
            restApi({
              id: 'pay1',
              name: 'payments',
              resources: [
                {
                  id: 'r3',
                  path: '/pay',
                  resourceMethods: { POST: { authorizationType: 'AWS_IAM' } },
                },
              ],
              stages: [restStage({ stageName: 'v1' })],
            }),
            restApi({ id: 'locked1', name: 'locked', stages: undefined }),
          ],
        },
        'us-east-1',
      ),
    ],
    [
      collectionError({
        slice: 'restApi.stages',
        region: 'us-east-1',
        resourceId: 'locked1',
        message: `Denied ${HOSTILE.script}`,
      }),
    ],
  );
  snap.scan.principal = `arn:aws:sts::${ACCOUNT}:assumed-role/Auditor/${HOSTILE.attr}`;
  return reportOf(snap, [
    {
      checkId: 'rest-execution-logging',
      resource: '*/restapis/orders1/stages/qa',
      reason: 'QA stage: accepted by the CISO',
      expires: '2030-01-01',
    },
  ]);
}

let browser: Browser;
let dir: string;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  dir = mkdtempSync(join(tmpdir(), 'apigw-audit-html-'));
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Opened {
  page: Page;
  url: string;
  problems: string[];
  requests: string[];
  dialogs: string[];
  close(): Promise<void>;
}

interface OpenOptions {
  /** A script run in the page before its own (playwright's init scripts bypass the CSP). */
  init?: string;
  /** Wait for html[data-ready]; off for pages that are expected never to get there. */
  ready?: boolean;
}

async function open(
  name: string,
  html: string,
  hash = '',
  opts: OpenOptions = {},
): Promise<Opened> {
  const file = join(dir, name);
  writeFileSync(file, html);
  const url = pathToFileURL(file).href;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const requests: string[] = [];
  const problems: string[] = [];
  const dialogs: string[] = [];
  await context.route('**/*', (route) =>
    route.request().url().startsWith('file:') ? route.continue() : route.abort(),
  );
  if (opts.init) await context.addInitScript(opts.init);
  const page = await context.newPage();
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(url + hash);
  if (opts.ready !== false) await page.waitForSelector('html[data-ready]');
  return { page, url, problems, requests, dialogs, close: () => context.close() };
}

/** PASS results are inflated on demand; views redraw with them as this attribute is set. */
const passLoaded = (page: Page) => page.waitForSelector('html[data-pass="loaded"]');

const rows = (page: Page, list = '#findings-list') =>
  page.locator(`${list} details.finding`).count();

describe('report.html', () => {
  const report = fixtureReport();
  const unsuppressedNonPass = report.findings.filter(
    (f) => !f.suppressed && f.status !== 'PASS',
  ).length;

  it('renders offline with no error, no request, and hostile names as text', async () => {
    const o = await open('report.html', renderHtml(report));
    const { page } = o;
    try {
      await expect(page.locator('#status-cards .card-FAIL b').textContent()).resolves.toBe(
        String(report.summary.byStatus.FAIL),
      );
      await expect(page.locator('#top-risks tbody tr').count()).resolves.toBe(1);
      await expect(page.locator('#coverage-banner').isVisible()).resolves.toBe(true);
      await expect(page.locator('#summary').textContent()).resolves.toContain(HOSTILE.attr);
      await page.screenshot({ path: join(ARTIFACTS, 'report-summary.png'), fullPage: true });

      // Every view, every finding expanded: nothing from the data may become markup.
      for (const view of ['findings', 'inventory', 'compliance', 'coverage']) {
        await page.evaluate((v) => (location.hash = v), `#${view}`);
        await page.waitForFunction((v) => document.body.dataset.view === v, view);
      }
      await page.evaluate(() => (location.hash = '#findings'));
      await page.check('input[name="status"][value="PASS"]');
      await passLoaded(page);
      await page.evaluate(() => {
        document.querySelectorAll('details.finding').forEach((d) => {
          (d as HTMLDetailsElement).open = true;
        });
      });
      await expect(page.locator('#findings').textContent()).resolves.toContain(HOSTILE.script);
      await expect(page.locator('#findings').textContent()).resolves.toContain(HOSTILE.handlebars);
      await expect(page.locator('#findings').textContent()).resolves.toContain(HOSTILE.separators);
      const injected = await page.evaluate(() => ({
        imgs: document.querySelectorAll('img').length,
        svgOnload: document.querySelectorAll('svg[onload], [onerror]').length,
        scripts: document.scripts.length,
        pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
      }));
      expect(injected).toEqual({ imgs: 0, svgOnload: 0, scripts: 3, pwned: null });
      expect(o.dialogs).toEqual([]);
      expect(o.problems).toEqual([]);
      expect(o.requests).toEqual([o.url]);
    } finally {
      await o.close();
    }
  });

  it('filters by severity, status and text, groups, expands, and shows suppressed apart', async () => {
    const o = await open('filters.html', renderHtml(report), '#findings');
    const { page } = o;
    try {
      const initial = await rows(page);
      expect(initial).toBe(unsuppressedNonPass);
      // PASS is hidden by default and available through the status filter.
      await page.check('input[name="status"][value="PASS"]');
      await passLoaded(page);
      const withPass = await rows(page);
      expect(withPass).toBe(report.findings.filter((f) => !f.suppressed).length);
      expect(withPass).toBeGreaterThan(initial);
      await page.uncheck('input[name="status"][value="PASS"]');
      // Every fixture finding is medium: unticking medium empties the list.
      await page.uncheck('input[name="severity"][value="medium"]');
      expect(await rows(page)).toBe(0);
      await expect(page.locator('#findings-list').textContent()).resolves.toContain(
        'No finding matches',
      );
      await page.check('input[name="severity"][value="medium"]');
      await page.fill('#f-text', 'payments');
      await expect.poll(() => rows(page)).toBe(1);
      await page.fill('#f-text', '');
      await expect.poll(() => rows(page)).toBe(initial);

      // Grouping by check: one group header, findings only once it is opened.
      await page.selectOption('#f-group', 'check');
      await expect(page.locator('#findings-list > details.group').count()).resolves.toBe(1);
      expect(await rows(page)).toBe(0);
      await page.click('#findings-list details.group > summary');
      await expect.poll(() => rows(page)).toBe(initial);
      await page.selectOption('#f-group', 'resource');
      await expect(page.locator('#findings-list > details.group').count()).resolves.toBe(initial);
      await page.selectOption('#f-group', 'none');

      // A finding expands to its evidence, remediation command, compliance and references.
      const first = page.locator('#findings-list details.finding').first();
      await first.locator('summary').click();
      await first.locator('pre.evidence').waitFor();
      await expect(first.locator('pre.evidence').textContent()).resolves.toContain(
        'methodSettings[\\"*/*\\"].loggingLevel',
      );
      await expect(first.locator('code.cli-command').textContent()).resolves.toContain(
        'aws apigateway update-stage',
      );
      await expect(first.locator('.compliance-list').textContent()).resolves.toContain(
        'APIGateway.1',
      );
      await expect(first.locator('.refs a').first().getAttribute('href')).resolves.toMatch(
        /^https:\/\//,
      );

      // Suppressed findings sit in their own list, with reason and expiry.
      expect(await rows(page, '#suppressed-list')).toBe(1);
      const supp = page.locator('#suppressed-list details.finding');
      await expect(supp.textContent()).resolves.toContain('orders/qa');
      await supp.locator('summary').click();
      await supp.locator('.suppression-note').waitFor();
      await expect(supp.locator('.suppression-note').textContent()).resolves.toMatch(
        /QA stage: accepted by the CISO.*2030-01-01/,
      );
      const active = await page.locator('#findings-list').textContent();
      expect(active).not.toContain('orders/qa');
      expect(o.problems).toEqual([]);
    } finally {
      await o.close();
    }
  });

  it('lists collection errors, the inventory with a per-API view, and compliance', async () => {
    const o = await open('views.html', renderHtml(report), '#coverage');
    const { page } = o;
    try {
      const errors = page.locator('#collection-errors tbody tr');
      await expect(errors.count()).resolves.toBe(1);
      await expect(errors.textContent()).resolves.toMatch(
        /us-east-1.*apigateway:GetStages.*locked1.*AccessDeniedException/,
      );
      await expect(errors.textContent()).resolves.toContain(HOSTILE.script);

      await page.click('nav a[data-view="inventory"]');
      const inv = page.locator('#inventory-table tbody tr');
      // The view renders on hashchange, which fires after the click returns.
      await expect.poll(() => inv.count()).toBe(report.inventory.length);
      await page.fill('#i-text', 'backend.internal/orders');
      await expect.poll(() => inv.count()).toBe(2);
      await page.fill('#i-text', '');
      await page.selectOption('#i-region', 'us-east-1');
      await expect
        .poll(() => inv.count())
        .toBe(report.inventory.filter((r) => r.region === 'us-east-1').length);
      await page.selectOption('#i-region', '');
      await page.selectOption('#i-auth', 'AWS_IAM');
      await expect.poll(() => inv.count()).toBe(1);
      await page.selectOption('#i-auth', '');
      await page.selectOption('#api-select', `${ACCOUNT}|eu-west-1|orders1`);
      // The API's findings include its PASS results, inflated when the API is chosen.
      await passLoaded(page);
      await expect(page.locator('#api-routes tbody tr').count()).resolves.toBe(1);
      const apiFindings = await page.locator('#api-findings details.finding').allTextContents();
      expect(apiFindings).toHaveLength(3);
      expect(apiFindings.every((t) => t.includes('orders/'))).toBe(true);

      await page.click('nav a[data-view="compliance"]');
      const control = page.locator('#compliance-view tr[data-control="APIGateway.1"]');
      await expect(control.getAttribute('data-status')).resolves.toBe('FAIL');
      const headings = await page.locator('#compliance-view h3').allTextContents();
      expect(headings.join('|')).toContain('AWS Foundational Security Best Practices');
      expect(headings.join('|')).toContain('NIST SP 800-53');
      expect(o.problems).toEqual([]);
    } finally {
      await o.close();
    }
  });

  it('inventory: what each stage and canary serves, when it differs from the draft', async () => {
    const served = snapshot([
      region({
        restApis: [
          restApi({
            id: 'lag1',
            name: 'lagging',
            resources: [
              {
                id: 'r1',
                path: '/orders',
                resourceMethods: { GET: { authorizationType: 'AWS_IAM' } },
              },
              { id: 'r2', path: '/new', resourceMethods: { GET: {} } },
            ],
            stages: [
              restStage({
                stageName: 'prod',
                deploymentId: 'old',
                canarySettings: { deploymentId: 'new', percentTraffic: 10 },
              }),
            ],
            deployments: [
              {
                id: 'old',
                apiSummary: { '/orders': { GET: { authorizationType: 'NONE' } } },
              },
              {
                id: 'new',
                apiSummary: { '/orders': { GET: { authorizationType: 'AWS_IAM' } } },
              },
            ],
          }),
        ],
      }),
    ]);
    const r = reportOf(served);
    const o = await open('served.html', renderHtml(r), '#inventory');
    const { page } = o;
    try {
      const rowOf = (route: string) =>
        page.locator('#inventory-table tbody tr', { hasText: route }).locator('td').nth(2);
      await expect.poll(() => page.locator('#inventory-table tbody tr').count()).toBe(2);
      const orders = await rowOf('GET /orders').innerText();
      expect(orders).toContain('prod (90%): NONE');
      expect(orders).toContain('prod canary (10%): AWS_IAM');
      expect(orders).toContain('draft: AWS_IAM (not deployed)');
      await expect(rowOf('GET /new').innerText()).resolves.toContain('not deployed on any stage');
      await page.fill('#i-text', 'canary');
      await expect.poll(() => page.locator('#inventory-table tbody tr').count()).toBe(1);
      expect(o.problems).toEqual([]);
    } finally {
      await o.close();
    }
  });

  it('prints the summary and every open finding expanded, without the controls', async () => {
    const o = await open('print.html', renderHtml(report), '#inventory');
    const { page } = o;
    try {
      await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
      await page.emulateMedia({ media: 'print' });
      await expect(page.locator('#print-findings article').count()).resolves.toBe(
        unsuppressedNonPass,
      );
      await expect(page.locator('#print-findings pre.evidence').count()).resolves.toBe(
        unsuppressedNonPass,
      );
      const shown = await page.evaluate(() =>
        ['summary', 'coverage', 'print-findings', 'inventory', 'findings'].map(
          (id) => getComputedStyle(document.getElementById(id)!).display !== 'none',
        ),
      );
      expect(shown).toEqual([true, true, true, false, false]);
      await expect(page.locator('nav.tabs').isVisible()).resolves.toBe(false);
      expect(o.problems).toEqual([]);
    } finally {
      await o.close();
    }
  });

  it('opens and filters 50,000 findings without freezing', async () => {
    const big = volumeReport(report, 50_000);
    const t0 = performance.now();
    const html = renderHtml(big);
    const renderMs = performance.now() - t0;
    const o = await open('volume.html', html);
    const { page } = o;
    try {
      const size = statSync(join(dir, 'volume.html')).size;
      const loadMs = await page.evaluate(() => performance.now());
      const findingsMs = await page.evaluate(() => {
        const t = performance.now();
        location.hash = '#findings';
        window.dispatchEvent(new HashChangeEvent('hashchange'));
        return performance.now() - t;
      });
      const shown = await rows(page);
      expect(shown).toBe(200);
      const severityFilterMs = await page.evaluate(() => {
        const t = performance.now();
        (document.querySelector('input[name="severity"][value="info"]') as HTMLElement).click();
        return performance.now() - t;
      });
      const textFilterMs = await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const count = document.getElementById('findings-count')!;
            const input = document.getElementById('f-text') as HTMLInputElement;
            const t = performance.now();
            new MutationObserver(() => resolve(performance.now() - t)).observe(count, {
              childList: true,
              characterData: true,
              subtree: true,
            });
            input.value = 'api1234/';
            input.dispatchEvent(new Event('input'));
          }),
      );
      await expect(page.locator('#findings-count').textContent()).resolves.toMatch(/^\d+ of /);
      const groupMs = await page.evaluate(() => {
        const t = performance.now();
        const input = document.getElementById('f-text') as HTMLInputElement;
        input.value = '';
        const group = document.getElementById('f-group') as HTMLSelectElement;
        group.value = 'resource';
        group.dispatchEvent(new Event('change', { bubbles: true }));
        return performance.now() - t;
      });
      const figures = {
        findings: big.findings.length,
        fileBytes: size,
        renderHtmlMs: Math.round(renderMs),
        pageReadyMs: Math.round(loadMs),
        findingsViewMs: Math.round(findingsMs),
        severityFilterMs: Math.round(severityFilterMs),
        textFilterMsIncluding200msDebounce: Math.round(textFilterMs),
        groupByResourceMs: Math.round(groupMs),
      };
      writeFileSync(join(ARTIFACTS, 'html-perf.json'), JSON.stringify(figures, null, 2) + '\n');
      // Loose sanity bounds only: timings vary by machine.
      expect(loadMs).toBeLessThan(20_000);
      expect(findingsMs).toBeLessThan(20_000);
      expect(severityFilterMs).toBeLessThan(20_000);
      expect(textFilterMs).toBeLessThan(20_000);
      expect(o.problems).toEqual([]);
      expect(o.requests).toEqual([o.url]);
    } finally {
      await o.close();
    }
  });
});

/**
 * The whole catalog on the fixture, with report.checks[id].family filled in the way the catalog
 * does it (each check in one of the six families); findings are then listed by family.
 */
function familyReport(): Report {
  const base = reportOf(fixtureReportSnapshot(), [], ALL_CHECKS);
  const ids = Object.keys(base.checks).sort();
  const checks = Object.fromEntries(
    ids.map((id, i) => [
      id,
      { ...base.checks[id]!, family: CHECK_FAMILIES[i % CHECK_FAMILIES.length]!.id },
    ]),
  );
  return { ...base, checks };
}

function fixtureReportSnapshot() {
  const open = {
    GET: {
      authorizationType: 'NONE',
      methodIntegration: { type: 'HTTP', uri: 'http://backend.internal/orders' },
    },
  };
  return snapshot([
    region({
      restApis: [
        restApi({
          id: 'orders1',
          name: 'orders',
          resources: [{ id: 'r1', path: '/orders', resourceMethods: open }],
          stages: [restStage({ stageName: 'prod' }), restStage({ stageName: 'qa' })],
        }),
      ],
    }),
  ]);
}

describe('report.html: check families', () => {
  const report = familyReport();
  const familyOf = (checkId: string) =>
    (report.checks[checkId] as { family?: string } | undefined)?.family;
  // What the findings view shows by default: unsuppressed FAIL, ERROR and MANUAL.
  const shown = report.findings.filter((f) => !f.suppressed && f.status !== 'PASS');
  const expected = CHECK_FAMILIES.map((fam) => ({
    ...fam,
    ids: shown.filter((f) => familyOf(f.checkId) === fam.id).map((f) => f.id),
  })).filter((g) => g.ids.length > 0);

  it('groups findings by family in catalog order, each group holding its checks’ findings', async () => {
    expect(expected.length).toBeGreaterThan(2);
    const o = await open('families.html', renderHtml(report), '#findings');
    const { page } = o;
    try {
      await page.selectOption('#f-group', 'family');
      const groups = page.locator('#findings-list > details.group');
      await expect(
        groups.evaluateAll((ds) => ds.map((d) => d.getAttribute('data-group'))),
      ).resolves.toEqual(expected.map((g) => g.id));
      await expect(
        page.locator('#findings-list > details.group .g-title').allTextContents(),
      ).resolves.toEqual(expected.map((g) => g.label));
      for (const g of expected) {
        const group = page.locator(`#findings-list > details.group[data-group="${g.id}"]`);
        await expect(group.locator('.g-count').textContent()).resolves.toBe(
          `${g.ids.length} ${g.ids.length === 1 ? 'finding' : 'findings'}`,
        );
        await group.locator('summary').first().click();
        // A group builds its rows on its toggle event, just after the click.
        await group.locator('details.finding').first().waitFor();
        const ids = await group
          .locator('details.finding')
          .evaluateAll((ds) => ds.map((d) => d.getAttribute('data-id')));
        expect(ids.sort()).toEqual([...g.ids].sort());
      }
      await page.screenshot({ path: join(ARTIFACTS, 'report-families.png'), fullPage: true });
      expect(o.problems).toEqual([]);
    } finally {
      await o.close();
    }
  });

  it('the summary counts failures per family and links to that family’s findings', async () => {
    const o = await open('families-summary.html', renderHtml(report));
    const { page } = o;
    try {
      const rowsShown = await page
        .locator('#family-summary tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) => [tr.getAttribute('data-family'), tr.children[2]!.textContent]),
        );
      const families = CHECK_FAMILIES.filter((f) =>
        Object.keys(report.checks).some((id) => familyOf(id) === f.id),
      );
      expect(rowsShown).toEqual(
        families.map((f) => [
          f.id,
          String(
            report.findings.filter(
              (x) => x.status === 'FAIL' && !x.suppressed && familyOf(x.checkId) === f.id,
            ).length,
          ),
        ]),
      );
      const target = expected[1]!;
      await page.click(`#family-summary a[data-family-link="${target.id}"]`);
      await page.waitForFunction(() => document.body.dataset.view === 'findings');
      await expect(page.locator('#f-group').inputValue()).resolves.toBe('family');
      const open = page.locator('#findings-list > details.group[open]');
      await expect(open.getAttribute('data-group')).resolves.toBe(target.id);
      await expect(open.locator('details.finding').count()).resolves.toBe(target.ids.length);
      expect(o.problems).toEqual([]);
    } finally {
      await o.close();
    }
  });

  it('a report whose checks carry no family renders without the family grouping', async () => {
    const report = fixtureReport();
    // A report written before 1.1.0: its checks have no family.
    for (const c of Object.values(report.checks)) delete (c as { family?: string }).family;
    const o = await open('no-families.html', renderHtml(report), '#findings');
    const { page } = o;
    try {
      await expect(page.locator('#f-group option[value="family"]').count()).resolves.toBe(0);
      await expect(page.locator('#family-summary').count()).resolves.toBe(0);
      await expect(rows(page)).resolves.toBeGreaterThan(0);
      expect(o.problems).toEqual([]);
    } finally {
      await o.close();
    }
  });
});

describe('report.html: hostile strings in every field, every check', () => {
  it('runs no script from the data, sends no request, follows no javascript: URL', async () => {
    const report = reportOf(hostileSnapshot(), [], ALL_CHECKS);
    // A report file can be edited before `render`: its catalog's links are data too.
    for (const info of Object.values(report.checks)) {
      info.references = [
        { title: HOSTILE_STRINGS.scriptEnd, url: HOSTILE_STRINGS.jsUrl },
        { title: 'data', url: 'data:text/html,<script>window.__pwned=21</script>' },
        { title: 'vbscript', url: ' javascript:window.__pwned=22' },
      ];
    }
    const o = await open('hostile-all.html', renderHtml(report));
    const { page } = o;
    try {
      for (const view of ['summary', 'findings', 'inventory', 'compliance', 'coverage']) {
        await page.evaluate((v) => (location.hash = v), `#${view}`);
        await page.waitForFunction((v) => document.body.dataset.view === v, view);
      }
      await page.evaluate(() => (location.hash = '#findings'));
      await page.check('input[name="status"][value="PASS"]');
      await passLoaded(page);
      await page.evaluate(() => {
        document.querySelectorAll('details').forEach((d) => {
          (d as HTMLDetailsElement).open = true;
        });
      });
      // Click every link the page shows: none may navigate or run anything.
      const links = await page
        .locator('a[href]')
        .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href') ?? ''));
      expect(links.length).toBeGreaterThan(0);
      for (const href of links) expect(href, href).toMatch(/^(#|https?:\/\/)/);
      await expect(page.locator('#findings').textContent()).resolves.toContain(
        HOSTILE_STRINGS.scriptEnd,
      );
      const injected = await page.evaluate(() => ({
        imgs: document.querySelectorAll('img').length,
        handlers: document.querySelectorAll('[onerror], [onload], [onclick]').length,
        scripts: document.scripts.length,
        iframes: document.querySelectorAll('iframe, object, embed').length,
        pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
        title: document.title,
      }));
      expect(injected).toMatchObject({ imgs: 0, handlers: 0, scripts: 3, iframes: 0, pwned: null });
      expect(injected.title).not.toContain('owned');
      expect(o.dialogs).toEqual([]);
      expect(o.problems).toEqual([]);
      expect(o.requests).toEqual([o.url]);
    } finally {
      await o.close();
    }
  }, 60_000);
});

describe('report.html: several accounts', () => {
  /** Two accounts with names and OU paths (one hostile), an open method in each. */
  function twoAccounts(): Report {
    const methods = {
      GET: {
        authorizationType: 'NONE',
        methodIntegration: { type: 'HTTP', uri: 'https://backend.example.com/' },
      },
    };
    const api = (id: string) =>
      region({
        restApis: [
          restApi({
            id,
            name: id,
            resources: [{ id: 'r1', path: '/', resourceMethods: methods }],
            stages: [restStage({ stageName: 'prod' })],
          }),
        ],
      });
    const snap = snapshot([api('payments')], [], '210000000001');
    const other = snapshot([api('web')], [], '210000000002').accounts[0]!;
    snap.accounts[0]!.accountName = 'payments';
    snap.accounts[0]!.ouPath = 'Root/Prod';
    snap.accounts.push({ ...other, accountName: HOSTILE.script, ouPath: 'Root/Prod/Web' });
    return reportOf(snap);
  }

  it('summarises each account and names accounts in the filters', async () => {
    const report = twoAccounts();
    const o = await open('accounts.html', renderHtml(report), '#findings');
    const { page } = o;
    try {
      const summary = await page
        .locator('#account-summary tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) => [...tr.children].map((td) => (td.textContent ?? '').trim())),
        );
      const by = report.summary.byAccount!;
      expect(summary).toEqual(
        ['210000000001', '210000000002'].map((id) => [
          id,
          id === '210000000001' ? 'payments' : HOSTILE.script,
          id === '210000000001' ? 'Root/Prod' : 'Root/Prod/Web',
          String(by[id]!.failBySeverity.critical),
          String(by[id]!.failBySeverity.high),
          String(by[id]!.failBySeverity.medium),
          String(by[id]!.failBySeverity.low),
          String(by[id]!.byStatus.PASS),
          String(by[id]!.byStatus.ERROR),
        ]),
      );
      expect(Object.values(by).every((a) => a.total > 0 && a.byStatus.FAIL > 0)).toBe(true);
      const options = await page
        .locator('#f-account option')
        .evaluateAll((os) => os.map((x) => x.textContent));
      expect(options).toEqual([
        'All accounts',
        '210000000001 (payments · Root/Prod)',
        `210000000002 (${HOSTILE.script} · Root/Prod/Web)`,
      ]);
      const inWeb = report.findings.filter(
        (f) => f.resource.accountId === '210000000002' && f.status !== 'PASS' && !f.suppressed,
      ).length;
      expect(inWeb).toBeGreaterThan(0);
      expect(await rows(page)).toBeGreaterThan(inWeb);
      await page.selectOption('#f-account', '210000000002');
      await expect.poll(() => rows(page)).toBe(inWeb);
      expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(o.problems).toEqual([]);
    } finally {
      await o.close();
    }
  });
});

describe('report.html: compressed data, PASS results on demand', () => {
  /** One check over many stages: FAILs, a suppressed FAIL, and PASSes with hostile names. */
  function compactReport(): Report {
    const logged = { '*/*': { loggingLevel: 'INFO' } };
    const snap = snapshot([
      region({
        restApis: [
          restApi({
            id: 'orders1',
            name: 'orders',
            stages: [
              restStage({ stageName: 'prod' }),
              restStage({ stageName: 'qa' }),
              restStage({ stageName: 'dev', methodSettings: logged }),
              restStage({ stageName: HOSTILE.script, methodSettings: logged }),
              restStage({ stageName: HOSTILE.comment, methodSettings: logged }),
              restStage({ stageName: HOSTILE.separators, methodSettings: logged }),
              restStage({ stageName: `${HOSTILE.separators}-off` }),
            ],
          }),
        ],
      }),
    ]);
    return reportOf(snap, [
      {
        checkId: 'rest-execution-logging',
        resource: '*/restapis/orders1/stages/qa',
        reason: 'accepted',
        expires: '2030-01-01',
      },
    ]);
  }
  const report = compactReport();
  const CHECK = 'rest-execution-logging';
  const pass = report.findings.filter((f) => f.status === 'PASS' && !f.suppressed);
  const open_ = report.findings.filter((f) => f.status !== 'PASS' && !f.suppressed);
  const statusOfRows = (page: Page) =>
    page
      .locator('#findings-list details.finding')
      .evaluateAll((ds) => ds.map((d) => d.getAttribute('data-status')));

  it('shows FAILs from the compressed data at once and PASS results only once asked for', async () => {
    expect(pass.length).toBeGreaterThanOrEqual(4);
    expect(open_.length).toBeGreaterThanOrEqual(2);
    const html = renderHtml(report);
    // Findings are not in the page as text: only compressed.
    for (const f of report.findings) expect(html).not.toContain(f.id);
    const o = await open('compact.html', html, '#findings');
    const { page } = o;
    try {
      expect(await statusOfRows(page)).toEqual(open_.map(() => 'FAIL'));
      await expect(page.locator('html').getAttribute('data-pass')).resolves.toBe('deferred');
      await expect(page.locator('template[data-report-batch="pass"]').count()).resolves.toBe(1);
      await expect(page.locator('#pass-summary-h').textContent()).resolves.toBe(
        `${report.summary.byStatus.PASS} passed results across 1 check`,
      );
      await expect(page.locator('#findings').textContent()).resolves.not.toContain(HOSTILE.comment);

      await page.check('input[name="status"][value="PASS"]');
      await passLoaded(page);
      const statuses = await statusOfRows(page);
      expect(statuses.filter((s) => s === 'PASS')).toHaveLength(pass.length);
      expect(statuses).toHaveLength(pass.length + open_.length);
      await expect(page.locator('template[data-report-batch]').count()).resolves.toBe(0);
      // Names from the PASS batch, shown as text.
      const text = await page.locator('#findings-list').textContent();
      for (const s of [HOSTILE.script, HOSTILE.comment, HOSTILE.separators]) {
        expect(text).toContain(s);
      }
      const injected = await page.evaluate(() => ({
        scripts: document.scripts.length,
        pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
      }));
      expect(injected).toEqual({ scripts: 3, pwned: null });

      // A filter over both kinds of batch.
      await page.fill('#f-text', `${HOSTILE.separators}-off`);
      await expect.poll(() => statusOfRows(page)).toEqual(['FAIL']);
      await page.fill('#f-text', 'dev');
      await expect.poll(() => statusOfRows(page)).toEqual(['PASS']);
      expect(o.problems).toEqual([]);
      expect(o.requests).toEqual([o.url]);
    } finally {
      await o.close();
    }
  });

  it('a check’s PASS link lists that check’s results, PASS included', async () => {
    const o = await open('compact-check.html', renderHtml(report), '#findings');
    const { page } = o;
    try {
      await page.click('#pass-summary > summary');
      const item = page.locator(`#pass-by-check li[data-check="${CHECK}"]`);
      await expect(item.locator('.g-count').textContent()).resolves.toBe(
        `${report.summary.byCheck[CHECK]!.PASS} PASS`,
      );
      await item.locator('button').click();
      await passLoaded(page);
      await expect(page.locator('#f-check').inputValue()).resolves.toBe(CHECK);
      expect((await statusOfRows(page)).sort()).toEqual(
        report.findings
          .filter((f) => f.checkId === CHECK && !f.suppressed)
          .map((f) => f.status)
          .sort(),
      );
      expect(o.problems).toEqual([]);
    } finally {
      await o.close();
    }
  });

  it('counts PASS results in compliance controls without inflating them', async () => {
    const o = await open('compact-compliance.html', renderHtml(report), '#compliance');
    const { page } = o;
    try {
      const row = page.locator('#compliance-view tr[data-control="APIGateway.1"]');
      const failing = open_.length;
      await expect(row.locator('td').nth(4).textContent()).resolves.toBe(
        `${failing} fail · 0 error · 0 manual · ${pass.length} pass · 1 suppressed`,
      );
      await expect(page.locator('html').getAttribute('data-pass')).resolves.toBe('deferred');
      expect(o.problems).toEqual([]);
    } finally {
      await o.close();
    }
  });

  it('opens a report with no finding', async () => {
    const empty = reportOf(snapshot([region({})]));
    expect(empty.findings).toEqual([]);
    const o = await open('compact-empty.html', renderHtml(empty), '#findings');
    const { page } = o;
    try {
      await expect(page.locator('#findings-count').textContent()).resolves.toMatch(/^0 of 0 /);
      await expect(page.locator('html').getAttribute('data-pass')).resolves.toBe('loaded');
      await expect(page.locator('#pass-summary').isVisible()).resolves.toBe(false);
      await page.check('input[name="status"][value="PASS"]');
      await expect(page.locator('#findings-list').textContent()).resolves.toContain(
        'No finding matches',
      );
      await page.click('nav a[data-view="inventory"]');
      await expect.poll(() => page.locator('#inventory-count').textContent()).toMatch(/^0 of 0/);
      expect(o.problems).toEqual([]);
    } finally {
      await o.close();
    }
  });

  it('says so in one line, and keeps the summary, where DecompressionStream is missing', async () => {
    const o = await open('compact-old.html', renderHtml(report), '#findings', {
      init: 'delete window.DecompressionStream;',
      ready: false,
    });
    const { page } = o;
    try {
      const banner = page.locator('#data-banner');
      await banner.waitFor();
      await expect(banner.textContent()).resolves.toMatch(
        /^This browser cannot .*DecompressionStream/,
      );
      await expect(page.locator('#summary').isVisible()).resolves.toBe(true);
      await expect(page.locator('#findings').isVisible()).resolves.toBe(false);
      await expect(page.locator('#status-cards .card-FAIL b').textContent()).resolves.toBe(
        String(report.summary.byStatus.FAIL),
      );
      await expect(page.locator('html').getAttribute('data-ready')).resolves.toBeNull();
      expect(o.problems).toEqual([]);
    } finally {
      await o.close();
    }
  });

  it('shows a one-line error, not a blank page, when the data is damaged', async () => {
    const html = renderHtml(report).replace(
      /(<template data-report-batch="open">)[A-Za-z0-9+/=]+/,
      '$1AAAAAAAA',
    );
    const o = await open('compact-damaged.html', html, '', { ready: false });
    const { page } = o;
    try {
      const banner = page.locator('#data-banner');
      await banner.waitFor();
      await expect(banner.textContent()).resolves.toMatch(/^The report data could not be read/);
      await expect(page.locator('#summary').isVisible()).resolves.toBe(true);
    } finally {
      await o.close();
    }
  });
});
