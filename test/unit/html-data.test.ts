import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/engine/types.js';
import {
  BATCH_MAX_ITEMS,
  BATCH_MAX_JSON_CHARS,
  htmlDataChunks,
  isDeferred,
  readHtmlData,
  type FindingBatch,
  type PassGroup,
} from '../../src/render/html-data.js';
import { htmlChunks, packReport, renderHtml, reportFromHtml } from '../../src/render/html.js';
import { hostileSnapshot } from '../helpers/hostile.js';
import { reportOf, volumeReport } from '../helpers/report.js';
import { region, restApi, restStage, snapshot } from '../helpers/snapshot.js';

const base = reportOf(
  snapshot([
    region({
      restApis: [
        restApi({
          id: 'a1',
          name: 'orders',
          stages: [
            restStage({ stageName: 'prod' }),
            restStage({ stageName: 'dev', methodSettings: { '*/*': { loggingLevel: 'INFO' } } }),
          ],
        }),
      ],
    }),
  ]),
);

function chunksOf(report: Report): string[] {
  const { findings, inventory, ...head } = report;
  return [...htmlDataChunks(head, findings, inventory)];
}

/** The decoded batches of one kind, in the order they were yielded. */
function batches(pieces: string[], kind: string): unknown[] {
  return pieces.flatMap((p) => {
    const m = /^<template data-report-batch="([a-z-]+)">([A-Za-z0-9+/=]*)<\/template>\n$/.exec(p);
    if (!m || m[1] !== kind) return [];
    return [JSON.parse(gunzipSync(Buffer.from(m[2]!, 'base64')).toString('utf8')) as unknown];
  });
}

describe('htmlDataChunks', () => {
  const report = volumeReport(base, 12_345);
  const pieces = chunksOf(report);

  it('starts with the head as JSON, without findings or inventory', () => {
    const m = /^<script type="application\/json" id="report-data">([^<]*)<\/script>\n$/.exec(
      pieces[0]!,
    );
    expect(m).not.toBeNull();
    const head = JSON.parse(m![1]!) as Record<string, unknown>;
    expect(head).not.toHaveProperty('findings');
    expect(head).not.toHaveProperty('inventory');
    expect(head['summary']).toEqual(report.summary);
    expect(head['checks']).toEqual(report.checks);
  });

  it('round-trips: gunzip and parse give the packed findings, deferred PASS apart', () => {
    const packed = packReport(report).findings;
    const open = batches(pieces, 'open') as FindingBatch[];
    const pass = batches(pieces, 'pass') as FindingBatch[];
    expect(open.flatMap((b) => b.findings)).toEqual(
      packed.filter((_, i) => !isDeferred(report.findings[i]!)),
    );
    expect(pass.flatMap((b) => b.findings)).toEqual(
      packed.filter((_, i) => isDeferred(report.findings[i]!)),
    );
    expect(pass.flatMap((b) => b.findings).every((f) => f.status === 'PASS' && !f.suppressed)).toBe(
      true,
    );
    // Suppressed findings load at open, whatever their status.
    expect(open.flatMap((b) => b.findings).some((f) => f.suppressed)).toBe(true);
    expect(batches(pieces, 'inventory').flat()).toEqual(report.inventory);
    expect(readHtmlData(pieces.join('')).findings).toEqual(packed);
  });

  it('loads a suppressed PASS at open: only unsuppressed PASS results are deferred', () => {
    const i = report.findings.findIndex(isDeferred);
    const f = report.findings[i]!;
    const changed: Report = {
      ...report,
      findings: report.findings.map((x, j) =>
        j === i ? { ...x, suppressed: true, suppression: { reason: 'r', rule: 0 } } : x,
      ),
    };
    const ps = chunksOf(changed);
    const ids = (kind: string) =>
      (batches(ps, kind) as FindingBatch[]).flatMap((b) => b.findings.map((x) => x.id));
    expect(ids('open')).toContain(f.id);
    expect(ids('pass')).not.toContain(f.id);
    expect(reportFromHtml(renderHtml(changed)).findings).toEqual(changed.findings);
  });

  it('summarises deferred PASS findings per check, account and region', () => {
    const [groups] = batches(pieces, 'pass-summary') as PassGroup[][];
    const expected = new Map<string, number>();
    for (const f of report.findings.filter(isDeferred)) {
      const k = `${f.checkId}|${f.resource.accountId}|${f.resource.region}`;
      expected.set(k, (expected.get(k) ?? 0) + 1);
    }
    expect(
      new Map(groups!.map((g) => [`${g.checkId}|${g.accountId}|${g.region}`, g.count])),
    ).toEqual(expected);
    expect(groups!.every((g) => g.compliance === undefined)).toBe(true);
  });

  it('keeps a PASS finding’s own compliance mapping in the summary', () => {
    const i = report.findings.findIndex(isDeferred);
    const own = { 'nist-800-53': ['AC-3'] };
    const changed = {
      ...report,
      findings: report.findings.map((f, j) => (j === i ? { ...f, compliance: own } : f)),
    };
    const [groups] = batches(chunksOf(changed), 'pass-summary') as PassGroup[][];
    const f = report.findings[i]!;
    expect(groups!.filter((g) => g.compliance)).toEqual([
      {
        checkId: f.checkId,
        accountId: f.resource.accountId,
        region: f.resource.region,
        count: 1,
        compliance: own,
      },
    ]);
  });

  it('never yields a piece larger than one batch, however many findings', () => {
    const small = chunksOf(volumeReport(base, 2_000));
    const large = chunksOf(volumeReport(base, 60_000));
    const longest = (ps: string[]) => Math.max(...ps.map((p) => p.length));
    expect(batches(large, 'open').length).toBeGreaterThan(batches(small, 'open').length * 10);
    // base64 of gzip of at most one batch of JSON: a bound that does not grow with the count.
    const bound = Math.ceil(((BATCH_MAX_JSON_CHARS + 10_000) * 4) / 3) + 100;
    expect(longest(large)).toBeLessThan(bound);
    // In practice a batch holds BATCH_MAX_ITEMS findings and compresses well below that.
    expect(longest(large)).toBeLessThan(longest(small) * 2);
    expect(
      batches(large, 'open').every((b) => (b as FindingBatch).findings.length <= BATCH_MAX_ITEMS),
    ).toBe(true);
    // The whole page, not just its data part: the same holds for htmlChunks.
    expect(
      Math.max(...[...htmlChunks(volumeReport(base, 60_000))].map((p) => p.length)),
    ).toBeLessThan(bound);
  });

  it('closes a batch early when its findings are large', () => {
    const bulky: Report = {
      ...base,
      findings: Array.from({ length: 40 }, (_, i) => ({
        ...base.findings[0]!,
        id: `f${i}`,
        status: 'FAIL' as const,
        suppressed: false,
        evidence: { blob: 'x'.repeat(100_000 + i) },
      })),
    };
    const open = batches(chunksOf(bulky), 'open') as FindingBatch[];
    expect(open.length).toBeGreaterThan(1);
    expect(open.flatMap((b) => b.findings.map((f) => f.id))).toEqual(
      bulky.findings.map((f) => f.id),
    );
  });

  it('writes a report with no finding and no inventory', () => {
    const empty: Report = { ...base, findings: [], inventory: [] };
    const ps = chunksOf(empty);
    expect(batches(ps, 'open')).toEqual([]);
    expect(batches(ps, 'pass')).toEqual([]);
    expect(batches(ps, 'pass-summary')).toEqual([[]]);
    expect(reportFromHtml(renderHtml(empty))).toEqual(empty);
  });

  it('keeps hostile strings intact and out of the markup', () => {
    const hostile = reportOf(hostileSnapshot());
    const html = renderHtml(hostile);
    expect(reportFromHtml(html)).toEqual(hostile);
    // Only the server-rendered summary and the head JSON (escaped) carry text from AWS.
    const data = chunksOf(hostile).slice(1).join('');
    expect(data).toMatch(
      /^(<template data-report-batch="[a-z-]+">[A-Za-z0-9+/=]*<\/template>\n)+$/,
    );
    const text = JSON.stringify(hostile.findings);
    for (const part of ['</script>', '<!--', '\u2028']) expect(text).toContain(part);
    expect(html).not.toContain('</script><script>window.__pwned');
  });
});
