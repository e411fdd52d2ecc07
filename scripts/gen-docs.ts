/**
 * Writes everything generated from the code: the `checks` part of schemas/report.schema.json
 * (from the CheckInfo field description), docs/checks/<id>.md, docs/checks.md and
 * docs/report-schema.md. test/unit/generated-files.test.ts fails when any of them is stale.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { ALL_CHECKS } from '../checks/index.js';
import { catalogIndex, checkDoc, reportSchemaDoc } from '../src/docs/check-docs.js';
import { checksSchema } from '../src/engine/check-info-schema.js';
import { loadFrameworks } from '../src/engine/compliance.js';
import { packageRoot } from '../src/paths.js';

const schemaPath = join(packageRoot, 'schemas', 'report.schema.json');
const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
schema.properties.checks = checksSchema();
writeFileSync(
  schemaPath,
  await format(JSON.stringify(schema, null, 2), {
    ...(await resolveConfig(schemaPath)),
    filepath: schemaPath,
  }),
);

const dir = join(packageRoot, 'docs', 'checks');
mkdirSync(dir, { recursive: true });
const frameworks = loadFrameworks();
const wanted = new Set(ALL_CHECKS.map((c) => `${c.meta.id}.md`));
for (const f of readdirSync(dir)) if (!wanted.has(f)) rmSync(join(dir, f));
for (const check of ALL_CHECKS)
  writeFileSync(join(dir, `${check.meta.id}.md`), checkDoc(check, frameworks));
writeFileSync(join(packageRoot, 'docs', 'checks.md'), catalogIndex(ALL_CHECKS));
writeFileSync(join(packageRoot, 'docs', 'report-schema.md'), reportSchemaDoc(schema));
console.log(
  `wrote the report schema's checks part, ${ALL_CHECKS.length} check pages and the index`,
);
