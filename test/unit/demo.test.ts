/** The bundled demo: what the README's first command shows a new user. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';
import { schemaValidator } from '../../src/util/json-file.js';
import { runCli } from '../helpers/cli.js';

describe('demo (npm run demo)', () => {
  it('evaluates the bundled snapshot into a complete report of every API type', async () => {
    const out = mkdtempSync(join(tmpdir(), 'apigw-audit-demo-'));
    const r = await runCli([
      'evaluate',
      join(packageRoot, 'examples', 'demo-snapshot.json'),
      '--config',
      join(packageRoot, 'examples', 'demo-config.json'),
      '--format',
      'json,html',
      '--out',
      out,
      '--fail-on',
      'none',
    ]);
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(schemaValidator('report')(report)).toBe(true);
    expect(report.coverage.complete).toBe(true);
    expect(report.collectionErrors).toEqual([]);
    expect(report.scan.regions).toEqual(['ap-southeast-2', 'eu-west-1', 'us-east-1']);
    expect(new Set(report.inventory.map((i: { apiType: string }) => i.apiType))).toEqual(
      new Set(['REST', 'HTTP', 'WEBSOCKET']),
    );
    const statuses = new Set(report.findings.map((f: { status: string }) => f.status));
    expect(statuses).toEqual(new Set(['PASS', 'FAIL', 'MANUAL']));
    // A mix of good and bad configuration: most checks apply, and the suppression is shown.
    expect(report.summary.notApplicable.length).toBeLessThan(5);
    expect(report.summary.suppressed).toBeGreaterThan(0);
    expect(report.summary.failBySeverity.high).toBeGreaterThan(0);
    // The secret stage variable is reported by name, never by value, and the snapshot
    // (redacted at collection) does not hold it either.
    expect(readFileSync(join(packageRoot, 'examples', 'demo-snapshot.json'), 'utf8')).not.toContain(
      'Sup3r',
    );
    expect(readFileSync(join(out, 'report.json'), 'utf8')).not.toContain('Sup3r-S3cret');
    expect(readFileSync(join(out, 'report.html'), 'utf8')).not.toContain('Sup3r-S3cret');
  });
});
