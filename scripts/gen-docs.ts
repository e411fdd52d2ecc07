/**
 * Writes everything generated from the code: the `checks` part of schemas/report.schema.json
 * (from the CheckInfo field description), docs/checks/<id>.md, docs/checks.md,
 * docs/report-schema.md, docs/permissions.md and the region part of schemas/snapshot.schema.json
 * (from the slice table), and README.md's option table. test/unit/generated-files.test.ts and
 * test/unit/slices.test.ts fail when any of them is stale.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ALL_CHECKS } from '../checks/index.js';
import { catalogIndex, checkDoc, reportSchemaDoc } from '../src/docs/check-docs.js';
import { optionTable, withOptionTable } from '../src/docs/option-table.js';
import { permissionsDoc } from '../src/docs/permissions-doc.js';
import { withReadmeBlocks } from '../src/docs/readme-blocks.js';
import { withRegionSlices } from '../src/docs/snapshot-schema.js';
import { auditStackTemplate, memberRoleTemplate } from '../src/deploy/templates.js';
import { formatted } from './prettier-format.js';
import { checksSchema } from '../src/engine/check-info-schema.js';
import { loadFrameworks } from '../src/engine/compliance.js';
import { packageRoot } from '../src/paths.js';

const schemaPath = join(packageRoot, 'schemas', 'report.schema.json');
const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
schema.properties.checks = checksSchema();
writeFileSync(schemaPath, await formatted(JSON.stringify(schema, null, 2), schemaPath));

const dir = join(packageRoot, 'docs', 'checks');
mkdirSync(dir, { recursive: true });
const frameworks = loadFrameworks();
const wanted = new Set(ALL_CHECKS.map((c) => `${c.meta.id}.md`));
for (const f of readdirSync(dir)) if (!wanted.has(f)) rmSync(join(dir, f));
for (const check of ALL_CHECKS)
  writeFileSync(join(dir, `${check.meta.id}.md`), checkDoc(check, frameworks));
writeFileSync(join(packageRoot, 'docs', 'checks.md'), catalogIndex(ALL_CHECKS));
writeFileSync(join(packageRoot, 'docs', 'report-schema.md'), reportSchemaDoc(schema));
const snapshotSchema = join(packageRoot, 'schemas', 'snapshot.schema.json');
writeFileSync(
  snapshotSchema,
  await formatted(
    JSON.stringify(withRegionSlices(JSON.parse(readFileSync(snapshotSchema, 'utf8')))),
    snapshotSchema,
  ),
);
const permissions = join(packageRoot, 'docs', 'permissions.md');
writeFileSync(permissions, await formatted(permissionsDoc(), permissions));
for (const [file, template] of [
  ['audit-stack.json', auditStackTemplate()],
  ['member-role.json', memberRoleTemplate()],
] as const) {
  const path = join(packageRoot, 'deploy', file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, await formatted(JSON.stringify(template), path));
}
const readme = join(packageRoot, 'README.md');
writeFileSync(
  readme,
  await formatted(
    withReadmeBlocks(withOptionTable(readFileSync(readme, 'utf8'), optionTable())),
    readme,
  ),
);
console.log(
  `wrote ${ALL_CHECKS.length} check pages, docs/checks.md, docs/permissions.md, the snapshot schema's slices, the report schema's checks part, README.md's option table and generated blocks, and deploy/*.json`,
);
