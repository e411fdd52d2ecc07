import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../checks/index.js';
import { auditConfig } from '../../src/config/load.js';
import { evaluateSnapshot } from '../../src/engine/evaluate.js';
import { SEVERITIES, type Report } from '../../src/engine/types.js';
import {
  displayTime,
  familySummary,
  packReport,
  renderHtml,
  reportFromHtml,
  topRisks,
} from '../../src/render/html.js';
import { rendererFor } from '../../src/render/index.js';
import { inlineJson } from '../../src/render/inline-json.js';
import {
  CHECK_FAMILIES,
  PACKED_FINDING_FIELDS,
  PAGE_CONTRACT,
} from '../../src/render/page-contract.js';
import { collectionError, region, restApi, restStage, snapshot } from '../helpers/snapshot.js';

const HOSTILE = [
  '</script><script>alert(1)</script>',
  '</SCRIPT ><img src=x onerror=alert(1)>',
  '<!--',
  `"'><svg onload=alert(1)>`,
  'a\u2028b\u2029c',
  '{{constructor.constructor("alert(1)")()}}',
  '&lt;&amp;',
];

function hostileReport(): Report {
  const snap = snapshot(
    [
      region({
        restApis: HOSTILE.map((name, i) =>
          restApi({ id: `api${i}`, name, stages: [restStage({ stageName: name })] }),
        ),
      }),
    ],
    [collectionError({ slice: 'restApi.stages', resourceId: 'x', message: HOSTILE[0]! })],
  );
  snap.scan.principal = HOSTILE[3];
  return evaluateSnapshot(snap, ALL_CHECKS, auditConfig(), { now: new Date('2026-11-01') });
}

const scriptBodies = (html: string) =>
  [...html.matchAll(/<script(?: [^>]*)?>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);

describe('renderHtml', () => {
  const report = hostileReport();
  const html = renderHtml(report);

  it('is registered as the html format', () => {
    expect(rendererFor('html')!.file).toBe('report.html');
  });

  it('carries a CSP that forbids remote loads and allows only its own script and style', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    expect(csp).toBeDefined();
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'none'");
    expect(csp).not.toMatch(/https?:|\*|'unsafe-inline'|'unsafe-eval'/);
    const inline = scriptBodies(html).at(-1)!;
    const hash = createHash('sha256').update(inline).digest('base64');
    expect(csp).toContain(`script-src 'sha256-${hash}'`);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    expect(csp).toContain(
      `style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'`,
    );
  });

  it('loads nothing from the network', () => {
    expect(html).not.toMatch(/\b(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    expect(html).not.toMatch(/<link\b/i);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    expect(style).not.toMatch(/@import|url\(/i);
    expect(html).not.toMatch(/<(?:img|iframe|object|embed|audio|video|source)\b/i);
  });

  it('has exactly three script elements whatever the data holds', () => {
    expect(html.match(/<script\b/gi)).toHaveLength(3);
    expect(html.match(/<\/script/gi)).toHaveLength(3);
    expect(html).not.toContain('<!--');
    expect(html).not.toMatch(/[\u2028\u2029]/);
  });

  it('escapes strings from AWS in the server-rendered summary', () => {
    expect(html).not.toContain(HOSTILE[3]);
    expect(html).toContain('&quot;&#x27;&gt;&lt;svg onload&#x3D;alert(1)&gt;');
  });

  it('embeds the report so that it round-trips', () => {
    expect(reportFromHtml(html)).toEqual(report);
    expect(JSON.parse(JSON.stringify(reportFromHtml(html)))).toEqual(
      JSON.parse(JSON.stringify(report)),
    );
  });

  it('leaves out per-finding copies of check metadata, and keeps values that differ', () => {
    const packed = packReport(report);
    expect(packed.findings.every((f) => f.remediation === undefined)).toBe(true);
    const changed: Report = {
      ...report,
      findings: report.findings.map((f, i) =>
        i === 0 ? { ...f, title: 'custom', remediation: { text: 't', cli: 'c' } } : f,
      ),
    };
    const again = renderHtml(changed);
    expect(reportFromHtml(again)).toEqual(changed);
    expect(inlineJson(packReport(changed)).length).toBeLessThan(inlineJson(changed).length);
  });

  it('ranks top risks by severity, then count', () => {
    const risks = topRisks(report);
    expect(risks.length).toBeGreaterThan(1);
    const rank = (r: (typeof risks)[number]) =>
      ['critical', 'high', 'medium', 'low', 'info'].indexOf(r.severity);
    for (let i = 1; i < risks.length; i++) {
      const [a, b] = [risks[i - 1]!, risks[i]!];
      expect(rank(a) < rank(b) || (rank(a) === rank(b) && a.count >= b.count)).toBe(true);
    }
    expect(risks.find((r) => r.checkId === 'rest-execution-logging')).toMatchObject({
      severity: 'medium',
      count: HOSTILE.length,
      accounts: 1,
    });
  });

  it('formats ISO times for people and leaves anything else alone', () => {
    expect(displayTime('2026-11-01T00:01:12.000Z')).toBe('2026-11-01 00:01:12 UTC');
    expect(displayTime('yesterday')).toBe('yesterday');
  });
});

describe('the renderer and the page script share one contract', () => {
  const report = hostileReport();

  it('writes PAGE_CONTRACT into the page script as CONTRACT', () => {
    const html = renderHtml(report);
    const m = /<script>\(function \(\) \{\n {2}"use strict";\nvar CONTRACT = (.*);\n/.exec(html);
    expect(m, 'CONTRACT at the top of the page script').not.toBeNull();
    expect(JSON.parse(m![1]!)).toEqual(JSON.parse(JSON.stringify(PAGE_CONTRACT)));
  });

  it('packs exactly the fields the contract names', () => {
    const packed = packReport(report);
    report.findings.forEach((f, i) => {
      const kept = Object.keys(packed.findings[i]!).sort();
      const expected = Object.keys(f)
        .filter((k) => !(PACKED_FINDING_FIELDS as readonly string[]).includes(k))
        .sort();
      expect(kept).toEqual(expected);
    });
  });
});

describe('familySummary', () => {
  const base = evaluateSnapshot(
    snapshot([
      region({
        restApis: [
          restApi({
            id: 'a1',
            name: 'orders',
            stages: [restStage({ stageName: 'prod' }), restStage({ stageName: 'qa' })],
          }),
        ],
      }),
    ]),
    ALL_CHECKS,
    auditConfig(),
  );

  it('is empty for a report whose checks carry no family (reports before 1.1.0)', () => {
    const older = {
      ...base,
      checks: Object.fromEntries(
        Object.entries(base.checks).map(([id, { family: _family, ...rest }]) => [id, rest]),
      ),
    } as unknown as Report;
    expect(familySummary(older)).toEqual([]);
  });

  it('counts checks and unsuppressed failures per family, in the catalog order', () => {
    const ids = Object.keys(base.checks).sort();
    // Reverse order, so the sort cannot come from the order checks appear in.
    const families = [...CHECK_FAMILIES].reverse();
    const familyOf = (id: string) => families[ids.indexOf(id) % families.length]!.id;
    const report: Report = {
      ...base,
      checks: Object.fromEntries(
        ids.map((id) => [id, { ...base.checks[id]!, family: familyOf(id) }]),
      ),
    };
    const rows = familySummary(report);
    expect(rows.map((r) => r.id)).toEqual(CHECK_FAMILIES.map((f) => f.id));
    expect(rows.map((r) => r.label)).toEqual(CHECK_FAMILIES.map((f) => f.label));
    for (const row of rows) {
      expect(row.checks).toBe(ids.filter((id) => familyOf(id) === row.id).length);
      const fails = report.findings.filter(
        (f) => f.status === 'FAIL' && !f.suppressed && familyOf(f.checkId) === row.id,
      );
      expect(row.fails).toBe(fails.length);
      expect(row.severity).toBe(
        fails.length ? SEVERITIES.find((s) => fails.some((f) => f.severity === s)) : '',
      );
    }
    expect(rows.some((r) => r.fails > 0)).toBe(true);
  });
});
