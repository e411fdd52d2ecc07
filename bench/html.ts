/**
 * report.html at volume in Chromium (through playwright-core): a benchmark, not a test. A
 * synthetic snapshot sized to yield about N findings with the whole catalog is evaluated, its
 * report.html written piece by piece (htmlChunks) and opened from disk with the network blocked.
 * Times are taken by the page's own clock: until it is ready, the findings view, a severity and
 * a text filter, loading the PASS results, and the same filters once they are in.
 *
 * Usage: npm run bench:html [-- N]   (default 200000; CHROMIUM_PATH overrides /usr/bin/chromium)
 */
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { ALL_CHECKS } from '../checks/index.js';
import { auditConfig } from '../src/config/load.js';
import { evaluateSnapshot } from '../src/engine/evaluate.js';
import { htmlChunks } from '../src/render/html.js';
import { syntheticSnapshot } from './evaluate.js';

const ms = (n: number) => Math.round(n);

/**
 * In the page, as source text (this program is compiled without the DOM's types). Records when
 * html[data-ready] and html[data-pass="loaded"] appear, by the page's clock.
 */
const MARKS = `(() => {
  const marks = (window.__marks = {});
  new MutationObserver(() => {
    const html = document.documentElement;
    if (html.hasAttribute('data-ready') && !marks.ready) marks.ready = performance.now();
    if (html.getAttribute('data-pass') === 'loaded' && !marks.pass) marks.pass = performance.now();
  }).observe(document, { attributes: true, subtree: true });
})()`;

/** Time a synchronous action in the page (a click, a hashchange): its handlers run inside. */
function timed(page: Page, body: string): Promise<number> {
  return page.evaluate<number>(
    `(() => { const t = performance.now(); ${body}; return performance.now() - t; })()`,
  );
}

/** Time from typing into the search box until the result count changes (200 ms debounce in). */
function textFilter(page: Page, text: string): Promise<number> {
  return page.evaluate<number>(`new Promise((resolve) => {
    const count = document.getElementById('findings-count');
    const input = document.getElementById('f-text');
    const t = performance.now();
    const seen = new MutationObserver(() => { seen.disconnect(); resolve(performance.now() - t); });
    seen.observe(count, { childList: true, characterData: true, subtree: true });
    input.value = ${JSON.stringify(text)};
    input.dispatchEvent(new Event('input'));
  })`);
}

const clickBox = (name: string, value: string) =>
  `document.querySelector('input[name="${name}"][value="${value}"]').click()`;

async function main(): Promise<void> {
  const target = Number(process.argv[2] ?? 200_000);
  if (!Number.isInteger(target) || target < 1) {
    console.error(
      `bench:html: the finding count must be a positive integer, not ${process.argv[2]}`,
    );
    process.exit(2);
  }
  const calibration = evaluateSnapshot(syntheticSnapshot(40), ALL_CHECKS, auditConfig());
  const perUnit = Math.max(1, calibration.findings.length / 40);
  const report = evaluateSnapshot(
    syntheticSnapshot(Math.max(1, Math.round(target / perUnit))),
    ALL_CHECKS,
    auditConfig(),
  );

  const dir = mkdtempSync(join(tmpdir(), 'apigw-audit-bench-html-'));
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const file = join(dir, 'report.html');
    const t0 = performance.now();
    let pieces = 0;
    let largestPiece = 0;
    const fd = openSync(file, 'w');
    try {
      for (const piece of htmlChunks(report)) {
        writeSync(fd, piece);
        pieces++;
        largestPiece = Math.max(largestPiece, piece.length);
      }
    } finally {
      closeSync(fd);
    }
    const renderMs = performance.now() - t0;

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.route('**/*', (route) =>
      route.request().url().startsWith('file:') ? route.continue() : route.abort(),
    );
    await context.addInitScript(MARKS);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const opened = performance.now();
    await page.goto(pathToFileURL(file).href, { timeout: 300_000 });
    await page.waitForSelector('html[data-ready]', { timeout: 300_000 });
    const openWallMs = performance.now() - opened;
    const pageReadyMs = await page.evaluate<number>('window.__marks.ready');
    const heapAtReadyMb = await page.evaluate<number>(
      'Math.round((performance.memory ? performance.memory.usedJSHeapSize : 0) / 1048576)',
    );

    const findingsViewMs = await timed(
      page,
      `location.hash = '#findings'; window.dispatchEvent(new HashChangeEvent('hashchange'))`,
    );
    const rowsShown = await page.locator('#findings-list details.finding').count();
    const severityFilterMs = await timed(page, clickBox('severity', 'info'));
    const textFilterMs = await textFilter(page, 'api-1234');
    await textFilter(page, '');

    const passClicked = await page.evaluate<number>(
      `(() => { const t = performance.now(); ${clickBox('status', 'PASS')}; return t; })()`,
    );
    await page.waitForSelector('html[data-pass="loaded"]', { timeout: 300_000 });
    const passLoadMs = (await page.evaluate<number>('window.__marks.pass')) - passClicked;
    const withPassCount = await page.locator('#findings-count').textContent();
    const severityFilterWithPassMs = await timed(page, clickBox('severity', 'low'));
    const textFilterWithPassMs = await textFilter(page, 'api-1234');
    const groupByResourceWithPassMs = await timed(
      page,
      `const g = document.getElementById('f-group'); g.value = 'resource';
       g.dispatchEvent(new Event('change', { bubbles: true }))`,
    );

    const pass = report.findings.filter((f) => f.status === 'PASS' && !f.suppressed).length;
    console.log(
      JSON.stringify(
        {
          findings: report.findings.length,
          deferredPass: pass,
          inventoryRows: report.inventory.length,
          fileMb: Math.round((statSync(file).size / 1048576) * 10) / 10,
          pieces,
          largestPieceKb: Math.round(largestPiece / 1024),
          renderHtmlMs: ms(renderMs),
          openWallMs: ms(openWallMs),
          pageReadyMs: ms(pageReadyMs),
          heapAtReadyMb,
          findingsViewMs: ms(findingsViewMs),
          rowsShown,
          severityFilterMs: ms(severityFilterMs),
          textFilterMsIncluding200msDebounce: ms(textFilterMs),
          passLoadMs: ms(passLoadMs),
          withPassCount,
          severityFilterWithPassMs: ms(severityFilterWithPassMs),
          textFilterWithPassMsIncluding200msDebounce: ms(textFilterWithPassMs),
          groupByResourceWithPassMs: ms(groupByResourceWithPassMs),
          pageErrors: errors,
        },
        null,
        2,
      ),
    );
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(`bench:html: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
