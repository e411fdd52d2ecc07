/** Writes docs/checks/<id>.md and docs/checks.md from the check metadata. */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_CHECKS } from '../checks/index.js';
import { format } from 'prettier';
import { catalogIndex, checkDoc, reportSchemaDoc } from '../src/docs/check-docs.js';
import { optionTable, withOptionTable } from '../src/docs/option-table.js';
import { loadFrameworks } from '../src/engine/compliance.js';
import { packageRoot } from '../src/paths.js';

const dir = join(packageRoot, 'docs', 'checks');
mkdirSync(dir, { recursive: true });
const frameworks = loadFrameworks();
const wanted = new Set(ALL_CHECKS.map((c) => `${c.id}.md`));
for (const f of readdirSync(dir)) if (!wanted.has(f)) rmSync(join(dir, f));
for (const check of ALL_CHECKS)
  writeFileSync(join(dir, `${check.id}.md`), checkDoc(check, frameworks));
writeFileSync(join(packageRoot, 'docs', 'checks.md'), catalogIndex(ALL_CHECKS));
writeFileSync(
  join(packageRoot, 'docs', 'report-schema.md'),
  reportSchemaDoc(
    JSON.parse(readFileSync(join(packageRoot, 'schemas', 'report.schema.json'), 'utf8')),
  ),
);
const readme = join(packageRoot, 'README.md');
// Formatted as `npm run lint` expects, so regenerating leaves prettier nothing to change.
writeFileSync(
  readme,
  await format(withOptionTable(readFileSync(readme, 'utf8'), optionTable()), {
    parser: 'markdown',
    filepath: readme,
  }),
);
console.log(`wrote ${ALL_CHECKS.length} check pages, docs/checks.md and README.md's option table`);
