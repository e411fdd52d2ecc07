import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/engine/types.js';
import { InputFileError } from '../../src/errors.js';
import { asffBatchFiles } from '../../src/render/asff.js';
import { RENDERERS, reportJsonChunks, rendererFor } from '../../src/render/index.js';
import { renderJunit } from '../../src/render/junit.js';
import { openReport } from '../../src/report-io/read-report.js';
import { writeChunks } from '../../src/report-io/write-chunks.js';
import { readValidated } from '../../src/util/json-file.js';
import { sampleReports } from '../helpers/reports.js';

const dir = mkdtempSync(join(tmpdir(), 'apigw-audit-report-io-'));
let n = 0;
function written(report: Report): string {
  const path = join(dir, `report-${n++}.json`);
  writeChunks(path, reportJsonChunks(report));
  return path;
}

function joined(report: Parameters<(typeof RENDERERS)[number]['outputs']>[0], format: string) {
  return [...rendererFor(format)!.outputs(report, {})]
    .sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
    .map((o) => ({ path: o.path, content: [...o.chunks].join('') }));
}

describe('report.json written in pieces and read back one finding at a time', () => {
  it.each(sampleReports())('%s: the file is JSON.stringify(report, null, 2)', (_n, report) => {
    expect(readFileSync(written(report), 'utf8')).toBe(JSON.stringify(report, null, 2) + '\n');
  });

  it.each(sampleReports())('%s: openReport gives the same report, as often as asked', (_n, r) => {
    const view = openReport(written(r));
    const { findings, inventory, ...head } = r;
    const { findings: f, inventory: i, ...viewHead } = view;
    expect(viewHead).toEqual(head);
    expect(Object.keys(view)).toEqual(Object.keys(r));
    expect([...f]).toEqual(findings);
    expect([...f]).toEqual(findings);
    expect([...i]).toEqual(inventory);
    expect(view.counts).toEqual({ findings: findings.length, inventory: inventory.length });
  });

  it.each(sampleReports())('%s: every format renders the same from the file', (_n, report) => {
    const view = openReport(written(report));
    for (const { format } of RENDERERS) {
      expect(joined(view, format), format).toEqual(rendererFor(format)!.files(report, {}));
    }
  });

  it('elements that cross read blocks, and one larger than a block, come back whole', () => {
    const [, base] = sampleReports()[0]!;
    const f0 = base.findings[0]!;
    const findings = Array.from({ length: 4000 }, (_, i) => ({
      ...f0,
      id: i.toString(16).padStart(24, '0'),
      message: `finding ${i} ${'\u00e9\u4e2d\ud83d\ude00'.repeat(i % 50)}`,
      // One finding far larger than the reader's 4 MiB block.
      evidence: i === 1234 ? { big: 'x'.repeat(6 << 20) } : f0.evidence,
    }));
    const report = { ...base, findings };
    const view = openReport(written(report));
    let i = 0;
    for (const f of view.findings) expect(f).toEqual(findings[i++]);
    expect(i).toBe(findings.length);
  });

  it('empty lists (written on one line) read back empty', () => {
    const [, base] = sampleReports()[0]!;
    const report = { ...base, findings: [], inventory: [] };
    const view = openReport(written(report));
    expect([...view.findings]).toEqual([]);
    expect([...view.inventory]).toEqual([]);
    expect(joined(view, 'json')[0]!.content).toBe(JSON.stringify(report, null, 2) + '\n');
  });

  it('a report in another layout (one line) is read whole, to the same result', () => {
    const [, report] = sampleReports()[0]!;
    const path = join(dir, 'minified.json');
    writeFileSync(path, JSON.stringify(report));
    const view = openReport(path);
    expect([...view.findings]).toEqual(report.findings);
    expect(joined(view, 'csv')).toEqual(rendererFor('csv')!.files(report, {}));
  });

  it('a bad finding deep in the list: one line naming it, as the whole-file check words it', () => {
    const [, report] = sampleReports()[0]!;
    const bad = structuredClone(report);
    const last = bad.findings.length - 1;
    (bad.findings[last] as unknown as Record<string, unknown>)['status'] = 'MAYBE';
    const path = written(bad);
    const err = (() => {
      try {
        openReport(path);
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(InputFileError);
    expect(err!.message).toMatch(new RegExp(`/findings/${last}/status`));
    expect(() => readValidated(path, 'report')).toThrow(err!.message);
    expect(err!.message).not.toContain('\n');
  });

  it('a bad head member, a cut file and a missing file are one-line input errors', () => {
    const [, report] = sampleReports()[0]!;
    const noCoverage = { ...report, coverage: undefined };
    const p1 = written(noCoverage as unknown as Report);
    expect(() => openReport(p1)).toThrow(InputFileError);
    expect(() => openReport(p1)).toThrow(/report-\d+\.json: \/coverage: expected to be present$/);
    const text = readFileSync(written(report), 'utf8');
    const cut = join(dir, 'cut.json');
    writeFileSync(cut, text.slice(0, Math.floor(text.length / 2)));
    expect(() => openReport(cut)).toThrow(InputFileError);
    expect(() => openReport(join(dir, 'absent.json'))).toThrow(/no such file/);
    expect(() => openReport(dir)).toThrow(/is a directory/);
  });
});

describe('formats that look at findings more than once, from a stream', () => {
  it('JUnit: findings of several checks interleaved make the same suites', () => {
    const [, report] = sampleReports()[0]!;
    // Round-robin over the checks, each check's findings in their order.
    const byCheck = new Map<string, Report['findings']>();
    for (const f of report.findings) byCheck.set(f.checkId, [...(byCheck.get(f.checkId) ?? []), f]);
    const lists = [...byCheck.values()];
    const interleaved: Report['findings'] = [];
    for (let i = 0; lists.some((l) => l.length > i); i++)
      for (const l of lists) if (l[i]) interleaved.push(l[i]!);
    expect(interleaved).not.toEqual(report.findings);
    expect(renderJunit({ ...report, findings: interleaved })).toBe(renderJunit(report));
  });

  it('ASFF: the batches as asffBatchFiles makes them, in the same order', () => {
    const [, base] = sampleReports()[0]!;
    // Several full batches per account and region, the groups interleaved.
    const many = {
      ...base,
      findings: Array.from({ length: 530 }, (_, i) => {
        const f = base.findings[i % base.findings.length]!;
        const region = ['eu-west-1', 'us-east-1', 'ap-south-1'][i % 3]!;
        return { ...f, id: i.toString(16).padStart(24, '0'), resource: { ...f.resource, region } };
      }),
    };
    for (const report of [...sampleReports().map(([, r]) => r), many]) {
      const files = rendererFor('asff')!.files(report, {});
      expect(files).toEqual(asffBatchFiles(report));
      if (report === many) expect(files.length).toBe(6 + 3);
    }
  });
});
