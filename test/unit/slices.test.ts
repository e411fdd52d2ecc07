/**
 * The slice table is the one place a slice is declared: these tests hold the things derived
 * from it (docs, schema, empty region, the list of operations) to it, and the table to the
 * collectors' source.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatted } from '../../scripts/prettier-format.js';
import { permissionsDoc } from '../../src/docs/permissions-doc.js';
import { withRegionSlices } from '../../src/docs/snapshot-schema.js';
import { packageRoot } from '../../src/paths.js';
import { emptyRegion } from '../../src/snapshot/empty.js';
import {
  REGION_SLICES,
  SCAN_OPERATIONS,
  SLICE_NAMES,
  sliceRow,
} from '../../src/snapshot/slices.js';
import { commandsImported } from '../helpers/sdk-imports.js';

const read = (...p: string[]) => readFileSync(join(packageRoot, ...p), 'utf8');

describe('the slice table', () => {
  it('lists every Command imported under src/collect/, and nothing they do not import', () => {
    const dir = join(packageRoot, 'src', 'collect');
    const imported = new Set(
      readdirSync(dir)
        .filter((f) => f.endsWith('.ts'))
        .flatMap((f) => commandsImported(readFileSync(join(dir, f), 'utf8'))),
    );
    expect([...imported].sort()).toEqual([...SCAN_OPERATIONS].sort());
  });

  it('reads aliased and multi-line imports (the reader the test above relies on)', () => {
    const src = `import {\n  GetApiMappingsCommand,\n  GetDomainNamesCommand as GetV2DomainNamesCommand,\n} from '@aws-sdk/client-apigatewayv2';\nimport { GetAccountCommand, type X } from '@aws-sdk/client-api-gateway';`;
    expect(commandsImported(src)).toEqual([
      'apigatewayv2:GetApiMappings',
      'apigatewayv2:GetDomainNames',
      'apigateway:GetAccount',
    ]);
  });

  it('names only read operations (Get, List, Describe; STS identity and AssumeRole; ExportApi)', () => {
    expect(SCAN_OPERATIONS.length).toBeGreaterThan(0);
    // ExportApi reads an HTTP API's definition: an HTTP GET, allowed by apigateway:GET alone.
    const exportApi = SLICE_NAMES.flatMap((s) => sliceRow(s).operations).filter(
      (o) => o.call === 'apigatewayv2:ExportApi',
    );
    for (const o of exportApi) expect(o.iam).toBe('apigateway:GET');
    for (const op of SCAN_OPERATIONS) {
      const ok =
        /^[a-z0-9]+:(Get|List|Describe)[A-Z]\w*$/.test(op) ||
        op === 'sts:AssumeRole' ||
        op === 'sts:GetCallerIdentity' ||
        op === 'apigatewayv2:ExportApi';
      expect(ok, op).toBe(true);
    }
    expect(new Set(SCAN_OPERATIONS).size).toBe(SCAN_OPERATIONS.length);
  });

  it('gives each operation its IAM action: apigateway:GET with a path for API Gateway, else its own name', () => {
    for (const slice of SLICE_NAMES) {
      for (const op of sliceRow(slice).operations) {
        if (op.call.startsWith('apigateway:') || op.call.startsWith('apigatewayv2:')) {
          expect(op.iam, op.call).toBe('apigateway:GET');
          expect(op.path, op.call).toMatch(/^\/[a-z*/]+$/);
        } else {
          expect(op.iam, op.call).toBe(op.call);
          expect(op.path, op.call).toBeUndefined();
        }
      }
    }
  });

  it('makes every operation in exactly one row', () => {
    const rows = SLICE_NAMES.flatMap((s) => sliceRow(s).operations.map((o) => o.call));
    expect(rows.length).toBe(SCAN_OPERATIONS.length);
  });

  it('has region rows that depend only on region rows above them, and sub-slices under a region row', () => {
    for (const slice of SLICE_NAMES) {
      const row = sliceRow(slice);
      expect(row.operations.length, slice).toBeGreaterThan(0);
      if (row.scope === 'region') {
        expect(row.shape, slice).toBeDefined();
        expect(row.parent, slice).toBeUndefined();
        const above = REGION_SLICES.slice(0, REGION_SLICES.indexOf(slice as never));
        for (const d of row.dependsOn ?? []) expect(above, `${slice} -> ${d}`).toContain(d);
      } else {
        expect(row.dependsOn, slice).toBeUndefined();
        expect(row.shape, slice).toBeUndefined();
        if (row.parent !== undefined) {
          expect(REGION_SLICES as string[]).toContain(row.parent);
          expect(slice.split('.')[0] + 's', slice).toBe(row.parent);
        }
      }
    }
    // Sub-slices are exactly the dotted names; account-level slices have no parent.
    for (const slice of SLICE_NAMES) {
      expect(sliceRow(slice).parent !== undefined, slice).toBe(slice.includes('.'));
    }
  });
});

describe('derived from the slice table', () => {
  it('emptyRegion: every region slice present, in table order, and empty', () => {
    const r = emptyRegion('eu-west-1', '111122223333');
    expect(Object.keys(r)).toEqual(['region', ...REGION_SLICES]);
    for (const s of REGION_SLICES) {
      const shape = sliceRow(s).shape;
      if (shape === 'list') expect(r[s], s).toEqual([]);
      if (shape === 'map') expect(r[s], s).toEqual({});
    }
    // The one non-empty slice: settings a real region always has (a logging role, limits).
    expect(r.account?.cloudwatchRoleArn).toBe('arn:aws:iam::111122223333:role/apigw-logs');
  });

  it('schemas/snapshot.schema.json has one region property per region slice (npm run gen:docs)', async () => {
    const file = 'schemas/snapshot.schema.json';
    const schema = JSON.parse(read(file));
    const item = schema.properties.accounts.items.properties.regions.items;
    expect(Object.keys(item.properties)).toEqual(['region', ...REGION_SLICES]);
    const regenerated = await formatted(
      JSON.stringify(withRegionSlices(schema)),
      join(packageRoot, file),
    );
    expect(regenerated).toBe(read(file));
  });

  it('withRegionSlices adds a missing slice with its plain shape and drops an unknown one', () => {
    const schema = JSON.parse(read('schemas', 'snapshot.schema.json'));
    const props = schema.properties.accounts.items.properties.regions.items.properties;
    delete props.webAcls;
    delete props.lambdaPolicies;
    props.gone = { type: 'object' };
    const out = withRegionSlices(schema) as typeof schema;
    const again = out.properties.accounts.items.properties.regions.items.properties;
    expect(again.webAcls).toEqual({ $ref: '#/definitions/list' });
    expect(again.lambdaPolicies).toEqual({ type: 'object' });
    expect(again.gone).toBeUndefined();
    expect(again.restApis.items.required).toEqual(['id']); // hand-refined shapes stay
  });

  it('docs/permissions.md is generated from the table (npm run gen:docs)', async () => {
    const path = join(packageRoot, 'docs', 'permissions.md');
    expect(await formatted(permissionsDoc(), path)).toBe(read('docs', 'permissions.md'));
  });

  it('docs/permissions.md lists every operation once, and the policy grants every action', () => {
    // The scan's part: the opt-in writers (export, evidence) are documented after it, apart.
    const doc = read('docs', 'permissions.md').split('\n## Exporting')[0]!;
    const rows = doc.split('\n').filter((l) => /^\| [a-z0-9]+ +\| [A-Z]/.test(l));
    const listed = rows.map((l) => {
      const [service, operation] = l
        .split('|')
        .slice(1, 3)
        .map((c) => c.trim());
      return `${service}:${operation}`;
    });
    expect(listed).toEqual([...SCAN_OPERATIONS]);
    const policies = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]!));
    const [minimal, caller] = policies as Array<{
      Statement: Array<{ Action: string | string[] }>;
    }>;
    const granted = (p: typeof minimal) => p!.Statement.flatMap((s) => [s.Action].flat());
    for (const slice of SLICE_NAMES) {
      for (const op of sliceRow(slice).operations) {
        expect(granted(op.caller ? caller : minimal), op.call).toContain(op.iam);
      }
    }
  });
});
