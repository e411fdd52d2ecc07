/**
 * GitHub code scanning's documented requirements for an upload ("SARIF support for code
 * scanning"), encoded: what `gh api .../code-scanning/sarifs` or upload-sarif would refuse or
 * mis-show. The OASIS schema test is in render-sarif.test.ts.
 */
import { gzipSync } from 'node:zlib';
import type { Log, Result } from 'sarif';
import { describe, expect, it } from 'vitest';
import type { Finding, Report } from '../../src/engine/types.js';
import { toSarif } from '../../src/render/sarif.js';
import { resourcePath } from '../../src/render/sarif-location.js';
import {
  GITHUB_MAX_GZIP_BYTES,
  GITHUB_MAX_RESULTS_PER_RUN,
  gzipBytes,
} from '../../src/render/sarif-limits.js';
import { consumerReports, engineReport, handReport } from '../helpers/reports.js';

/** GitHub's security-severity bands. */
function band(score: number): string {
  if (score > 9.0) return 'critical';
  if (score >= 7.0) return 'high';
  if (score >= 4.0) return 'medium';
  if (score >= 0.1) return 'low';
  return 'none';
}

describe('SARIF for GitHub code scanning', () => {
  it.each(consumerReports())('%s: every result is one GitHub can display', (_n, report) => {
    const log = toSarif(report);
    expect(log.$schema).toMatch(/^https:\/\//);
    expect(log.runs.length).toBeLessThanOrEqual(20);
    const run = log.runs[0]!;
    const rules = run.tool.driver.rules!;
    expect(run.tool.driver.informationUri).toMatch(/^https:\/\/\S+$/);
    for (const r of rules) {
      expect(r.shortDescription?.text).toBeTruthy();
      expect(r.help?.text ?? r.help?.markdown).toBeTruthy();
      expect((r.properties!.tags as string[]).length).toBeLessThanOrEqual(20);
    }
    expect(run.results!.length).toBeGreaterThan(0);
    for (const res of run.results!) {
      expect(rules[res.ruleIndex!]!.id).toBe(res.ruleId);
      expect(res.message.text).toBeTruthy();
      expect(res.locations!.length).toBeGreaterThanOrEqual(1);
      expect(res.locations!.length).toBeLessThanOrEqual(10);
      const phys = res.locations![0]!.physicalLocation!;
      const uri = phys.artifactLocation!.uri!;
      // Relative, no scheme, no "..", no empty segment: GitHub drops results it cannot place.
      expect(uri).not.toMatch(/^[a-z][a-z0-9+.-]*:|^\/|(^|\/)\.\.?(\/|$)|\/\//i);
      expect(uri).toMatch(/^aws\/\d{12}\/[a-z0-9-]+\/[a-z0-9-]+\//);
      expect(() => decodeURIComponent(uri)).not.toThrow();
      expect(phys.artifactLocation!.uriBaseId).toBe('AWS');
      expect(run.originalUriBaseIds!['AWS']).toBeDefined();
      expect(phys.region!.startLine).toBeGreaterThanOrEqual(1);
      expect(res.partialFingerprints!['primaryLocationLineHash']).toBeTruthy();
    }
    expect(gzipSync(JSON.stringify(log)).length).toBeLessThan(GITHUB_MAX_GZIP_BYTES);
  });

  it('security-severity sits in the band of the severity; info rules are notes without one', () => {
    const report = engineReport();
    const rules = toSarif(report).runs[0]!.tool.driver.rules!;
    let info = 0;
    for (const r of rules) {
      const sev = report.checks[r.id]!.severity;
      const score = r.properties!['security-severity'] as string | undefined;
      if (sev === 'info') {
        info++;
        expect(score).toBeUndefined();
        expect(r.defaultConfiguration!.level).toBe('note');
        continue;
      }
      expect(score).toMatch(/^\d+\.\d$/);
      expect(band(Number(score))).toBe(sev);
    }
    expect(info).toBeGreaterThan(0);
  });

  it('rule help is Markdown with the remediation command', () => {
    const report = handReport();
    const rule = toSarif(report).runs[0]!.tool.driver.rules![0]!;
    expect(rule.help!.markdown).toContain('**Remediation.** Fix it.');
    expect(rule.help!.markdown).toContain(
      '```sh\naws apigateway update-stage --rest-api-id x\n```',
    );
  });

  it('locations and fingerprints are the same on another run of the same account', () => {
    const at = (log: Log) =>
      log.runs[0]!.results!.map((r) => [
        r.locations![0]!.physicalLocation!.artifactLocation!.uri,
        r.partialFingerprints,
      ]);
    const first = engineReport();
    const second = {
      ...engineReport(),
      scan: { ...first.scan, evaluatedAt: '2027-01-01T00:00:00Z' },
    };
    expect(at(toSarif(second))).toEqual(at(toSarif(first)));
  });

  it('one pseudo-path per resource, hostile names encoded into one segment', () => {
    const base = { type: 'AWS::ApiGateway::Stage', name: 'x', accountId: '111122223333' };
    expect(
      resourcePath({
        ...base,
        region: 'eu-west-1',
        arn: 'arn:aws:apigateway:eu-west-1::/restapis/a1/stages/prod',
      }),
    ).toBe('aws/111122223333/eu-west-1/apigateway/restapis/a1/stages/prod');
    expect(
      resourcePath({
        ...base,
        region: 'eu-west-1',
        arn: 'arn:aws:apigateway:eu-west-1::/restapis/a1/stages/../x y?#',
      }),
    ).toBe(
      'aws/111122223333/eu-west-1/apigateway/restapis/a1/stages/..%2F..'.slice(0, 0) +
        'aws/111122223333/eu-west-1/apigateway/restapis/a1/stages/%2E%2E/x%20y%3F%23',
    );
    expect(
      resourcePath({
        ...base,
        region: 'us-east-1',
        arn: 'arn:aws:lambda:us-east-1:111122223333:function:fn',
      }),
    ).toBe('aws/111122223333/us-east-1/lambda/function/fn');
  });

  it('past the results limit keeps the most severe and says what it left out', () => {
    const report = handReport();
    const template = report.findings.find((f) => f.status === 'FAIL' && f.severity === 'low')!;
    const many: Finding[] = Array.from({ length: GITHUB_MAX_RESULTS_PER_RUN + 50 }, (_, i) => ({
      ...template,
      id: `low${i}`,
    }));
    const big: Report = { ...report, findings: [...many, ...report.findings] };
    const run = toSarif(big).runs[0]!;
    expect(run.results).toHaveLength(GITHUB_MAX_RESULTS_PER_RUN);
    const kept = new Set(run.results!.map((r: Result) => r.properties!['findingId']));
    for (const f of report.findings) {
      if (f.status === 'FAIL' && !f.suppressed && f.severity !== 'low' && f.severity !== 'info')
        expect(kept.has(f.id)).toBe(true);
    }
    const omitted = run.properties!['omitted'] as {
      results: number;
      bySeverity: Record<string, number>;
      reason: string;
    };
    const candidates = big.findings.filter((f) => f.status !== 'PASS').length;
    expect(omitted.results).toBe(candidates - GITHUB_MAX_RESULTS_PER_RUN);
    expect(Object.values(omitted.bySeverity).reduce((a, b) => a + b, 0)).toBe(omitted.results);
    expect(omitted.reason).toContain('25000 results');
  });

  it('past the size limit keeps the most severe that fit', () => {
    const report = handReport();
    // Just under the full log's size: some results must go, most still fit.
    const limits = { maxResults: 1000, maxGzipBytes: gzipBytes(toSarif(report)) - 100 };
    const run = toSarif(report, limits).runs[0]!;
    const all = report.findings.filter((f) => f.status !== 'PASS').length;
    expect(run.results!.length).toBeLessThan(all);
    expect(
      gzipSync(JSON.stringify(toSarif(report, limits), null, 2) + '\n').length,
    ).toBeLessThanOrEqual(limits.maxGzipBytes);
    // The critical FAIL is first in priority, so it stays.
    expect(run.results!.some((r) => r.properties!['severity'] === 'critical')).toBe(true);
    expect((run.properties!['omitted'] as { reason: string }).reason).toContain('gzip');
    // Nothing is said to be left out when everything fits.
    expect(toSarif(report).runs[0]!.properties!['omitted']).toBeUndefined();
  });
});
