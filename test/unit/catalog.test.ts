/** The meta-test: the catalog is complete, consistent and documented. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../checks/index.js';
import { catalogIndex, checkDoc, reportSchemaDoc } from '../../src/docs/check-docs.js';
import { loadFrameworks } from '../../src/engine/compliance.js';
import { packageRoot } from '../../src/paths.js';

const frameworks = loadFrameworks();

describe('check catalog', () => {
  it('has unique ids', () => {
    const ids = ALL_CHECKS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  for (const check of ALL_CHECKS) {
    describe(check.id, () => {
      it('lives in checks/<id>.ts and has a table test in test/checks/<id>.test.ts', () => {
        expect(existsSync(join(packageRoot, 'checks', `${check.id}.ts`))).toBe(true);
        expect(existsSync(join(packageRoot, 'test', 'checks', `${check.id}.test.ts`))).toBe(true);
      });

      it('has complete metadata within length limits', () => {
        expect(check.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        expect(check.title.length).toBeGreaterThan(10);
        expect(check.title.length).toBeLessThanOrEqual(90);
        expect(check.title).not.toMatch(/^(Check|Ensure)\b/);
        expect(check.description.length).toBeGreaterThan(40);
        expect(check.risk.length).toBeGreaterThan(40);
        expect(check.remediation.text.length).toBeGreaterThan(20);
        expect(check.remediation.cli).toMatch(/^aws /);
        expect(check.references.length).toBeGreaterThan(0);
        for (const r of check.references) expect(r.url).toMatch(/^https:\/\//);
        expect(check.reads.length).toBeGreaterThan(0);
        expect(check.resourceType).toMatch(/^AWS::/);
        expect(`${check.title} ${check.description}`).not.toMatch(/<[a-z]/i);
      });

      it('has a generated doc page that matches its metadata', () => {
        const path = join(packageRoot, 'docs', 'checks', `${check.id}.md`);
        expect(existsSync(path), `${path} missing: run npm run gen:docs`).toBe(true);
        expect(readFileSync(path, 'utf8'), 'docs drifted: run npm run gen:docs').toBe(
          checkDoc(check, frameworks),
        );
      });
    });
  }

  it('has a generated index that matches', () => {
    expect(readFileSync(join(packageRoot, 'docs', 'checks.md'), 'utf8')).toBe(
      catalogIndex(ALL_CHECKS),
    );
  });

  it('has a generated report schema page that matches the schema', () => {
    const schema = JSON.parse(
      readFileSync(join(packageRoot, 'schemas', 'report.schema.json'), 'utf8'),
    );
    expect(readFileSync(join(packageRoot, 'docs', 'report-schema.md'), 'utf8')).toBe(
      reportSchemaDoc(schema),
    );
  });

  it('maps compliance controls only to checks that exist', () => {
    const ids = new Set(ALL_CHECKS.map((c) => c.id));
    for (const fw of frameworks) {
      for (const control of fw.controls) {
        for (const id of control.checks)
          expect(ids.has(id), `${fw.framework} ${control.id} -> ${id}`).toBe(true);
      }
    }
  });
});
