/**
 * report.html at volume in Chromium (Debian's, through playwright-core), a benchmark and not a
 * test: a synthetic report of about N findings is written by the streaming HTML renderer and
 * opened from disk; the page's own clock gives the time until it is ready, the findings view,
 * a severity filter and a text filter. Usage: node dist/bench/html.js [N] (default 200000).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { ALL_CHECKS } from '../checks/index.js';
import { auditConfig } from '../src/config/load.js';
import { evaluateSnapshot } from '../src/engine/evaluate.js';
import { htmlChunks } from '../src/render/html.js';
import { evaluateSpooled } from '../src/report-io/spooled-report.js';
import { writeChunks } from '../src/report-io/write-chunks.js';
import { syntheticSnapshot } from './evaluate.js';

async function main(): Promise<void> {
  const target = Number(process.argv[2] ?? 200_000);
  const perUnit =
    evaluateSnapshot(syntheticSnapshot(40), ALL_CHECKS, auditConfig()).findings.length / 40;
  const dir = mkdtempSync(join(tmpdir(), 'apigw-audit-bench-html-'));
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const spooled = evaluateSpooled(
      syntheticSnapshot(Math.round(target / perUnit)),
      ALL_CHECKS,
      auditConfig(),
    );
    const file = join(dir, 'report.html');
    const t0 = performance.now();
    try {
      writeChunks(file, htmlChunks(spooled.report));
    } finally {
      spooled.dispose();
    }
    const renderMs = performance.now() - t0;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.route('**/*', (route) =>
      route.request().url().startsWith('file:') ? route.continue() : route.abort(),
    );
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const opened = performance.now();
    await page.goto(pathToFileURL(file).href, { timeout: 300_000 });
    await page.waitForSelector('html[data-ready]', { timeout: 300_000 });
    const openWallMs = performance.now() - opened;
    // The page's clock starts at navigation: now is when it was ready.
    const pageReadyMs = await page.evaluate<number>('performance.now()');
    // In the page, as source text: this program is compiled without the DOM's types.
    const findingsViewMs = await page.evaluate<number>(`(() => {
      const t = performance.now();
      location.hash = '#findings';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
      return performance.now() - t;
    })()`);
    const severityFilterMs = await page.evaluate<number>(`(() => {
      const t = performance.now();
      document.querySelector('input[name="severity"][value="info"]').click();
      return performance.now() - t;
    })()`);
    const textFilterMs = await page.evaluate<number>(`new Promise((resolve) => {
      const count = document.getElementById('findings-count');
      const input = document.getElementById('f-text');
      const t = performance.now();
      new MutationObserver(() => resolve(performance.now() - t)).observe(count, {
        childList: true,
        characterData: true,
        subtree: true,
      });
      input.value = 'api1234/';
      input.dispatchEvent(new Event('input'));
    })`);
    const r = (n: number) => Math.round(n);
    console.log(
      JSON.stringify({
        findings: spooled.report.summary.total,
        fileMb: Math.round((statSync(file).size / 1024 / 1024) * 10) / 10,
        renderHtmlMs: r(renderMs),
        openWallMs: r(openWallMs),
        pageReadyMs: r(pageReadyMs),
        findingsViewMs: r(findingsViewMs),
        severityFilterMs: r(severityFilterMs),
        textFilterMsIncluding200msDebounce: r(textFilterMs),
        pageErrors: errors,
      }),
    );
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
