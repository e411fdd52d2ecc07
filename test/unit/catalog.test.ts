/** The meta-test: the catalog is complete, consistent and documented. */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../checks/index.js';
import { catalogIndex, checkDoc, reportSchemaDoc } from '../../src/docs/check-docs.js';
import { checksSchema } from '../../src/engine/check-info-schema.js';
import { loadFrameworks } from '../../src/engine/compliance.js';
import { FAMILIES, FAMILY_IDS, familyTitle } from '../../src/engine/families.js';
import { packageRoot } from '../../src/paths.js';
import { CHECKS_MD_SECTIONS } from './catalog-spec.js';

const frameworks = loadFrameworks();
const REGENERATE = 'run npm run gen:docs';

describe('check catalog', () => {
  it('has unique ids', () => {
    const ids = ALL_CHECKS.map((c) => c.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('holds exactly the checks/<id>.ts files', () => {
    const files = readdirSync(join(packageRoot, 'checks'))
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(ALL_CHECKS.map((c) => c.meta.id).sort()).toEqual(files);
  });

  it('has the families of CHECKS.md, in its order', () => {
    expect(FAMILIES.map((f) => f.title)).toEqual(Object.keys(CHECKS_MD_SECTIONS));
  });

  for (const check of ALL_CHECKS) {
    const m = check.meta;
    describe(m.id, () => {
      it('lives in checks/<id>.ts and has a table test in test/checks/<id>.test.ts', () => {
        expect(existsSync(join(packageRoot, 'checks', `${m.id}.ts`))).toBe(true);
        expect(existsSync(join(packageRoot, 'test', 'checks', `${m.id}.test.ts`))).toBe(true);
      });

      it('has complete metadata within length limits', () => {
        expect(m.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        expect(m.title.length).toBeGreaterThan(10);
        expect(m.title.length).toBeLessThanOrEqual(90);
        expect(m.title).not.toMatch(/^(Check|Ensure)\b/);
        expect(m.description.length).toBeGreaterThan(40);
        expect(m.risk.length).toBeGreaterThan(40);
        expect(m.remediation.text.length).toBeGreaterThan(20);
        expect(m.remediation.cli).toMatch(/^aws /);
        expect(m.references.length).toBeGreaterThan(0);
        for (const r of m.references) expect(r.url).toMatch(/^https:\/\//);
        expect(m.reads.length).toBeGreaterThan(0);
        expect(m.resourceType).toMatch(/^AWS::/);
        expect(`${m.title} ${m.description}`).not.toMatch(/<[a-z]/i);
        if ('notFlagged' in m) expect(m.notFlagged!.length).toBeGreaterThan(10);
      });

      it('belongs to the family of the CHECKS.md section that lists it', () => {
        expect(FAMILY_IDS).toContain(m.family);
        const section = Object.entries(CHECKS_MD_SECTIONS).find(([, ids]) => ids.includes(m.id));
        expect(section, `${m.id} is not in CHECKS.md`).toBeDefined();
        expect(familyTitle(m.family)).toBe(section![0]);
      });

      it('names FSBP controls only in compliance/fsbp.json, not in its anchors', () => {
        expect(m.anchors.filter((a) => /\bFSBP\b|APIGateway\.\d/.test(a))).toEqual([]);
      });

      it('has a generated doc page that matches its metadata', () => {
        const path = join(packageRoot, 'docs', 'checks', `${m.id}.md`);
        expect(existsSync(path), `${path} missing: ${REGENERATE}`).toBe(true);
        expect(readFileSync(path, 'utf8'), `docs drifted: ${REGENERATE}`).toBe(
          checkDoc(check, frameworks),
        );
      });
    });
  }

  it('maps compliance controls only to checks that exist', () => {
    const ids = new Set(ALL_CHECKS.map((c) => c.meta.id));
    for (const fw of frameworks) {
      for (const control of fw.controls) {
        for (const id of control.checks)
          expect(ids.has(id), `${fw.framework} ${control.id} -> ${id}`).toBe(true);
      }
    }
  });
});

/** Every file a generator writes, compared with what it would write now. */
describe('generated files are current', () => {
  const read = (...p: string[]) => readFileSync(join(packageRoot, ...p), 'utf8');
  const reportSchema = () => JSON.parse(read('schemas', 'report.schema.json'));

  it('checks/index.ts lists the files in checks/ (npm run build regenerates it)', () => {
    const expected = execFileSync(
      process.execPath,
      [join(packageRoot, 'scripts', 'gen-check-index.mjs'), '--stdout'],
      { encoding: 'utf8' },
    );
    expect(read('checks', 'index.ts'), 'stale: run npm run build').toBe(expected);
  });

  // CI installs with `npm ci`, whose build has just rewritten the index: a difference from the
  // commit there means the committed index was stale.
  it.runIf(process.env.CI && existsSync(join(packageRoot, '.git')))(
    'checks/index.ts as committed is the one the build writes (CI only)',
    () => {
      const diff = execFileSync('git', ['diff', '--no-ext-diff', '--', 'checks/index.ts'], {
        cwd: packageRoot,
        encoding: 'utf8',
      });
      expect(diff, 'commit the regenerated checks/index.ts').toBe('');
    },
  );

  it('the report schema describes report.checks as the CheckInfo field table does', () => {
    expect(reportSchema().properties.checks, `stale: ${REGENERATE}`).toEqual(checksSchema());
  });

  it('docs/checks/ holds a page for each check and nothing else', () => {
    expect(readdirSync(join(packageRoot, 'docs', 'checks')).sort()).toEqual(
      ALL_CHECKS.map((c) => `${c.meta.id}.md`).sort(),
    );
  });

  it('docs/checks.md', () => {
    expect(read('docs', 'checks.md'), `stale: ${REGENERATE}`).toBe(catalogIndex(ALL_CHECKS));
  });

  it('docs/report-schema.md', () => {
    expect(read('docs', 'report-schema.md'), `stale: ${REGENERATE}`).toBe(
      reportSchemaDoc(reportSchema()),
    );
  });
});
