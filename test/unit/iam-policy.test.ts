/**
 * `apigw-audit iam-policy`: the least-privilege policy comes from the slice table, names only
 * reads, and its comparison with the AWS managed policies rests on the recorded grants.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readmeBlock, readmeBlocks } from '../../src/docs/readme-blocks.js';
import {
  apiGatewayPaths,
  managedPolicyComparison,
  missingFrom,
  readActions,
  scanPolicy,
  securityAuditSupplement,
} from '../../src/iam/least-privilege.js';
import {
  READ_ONLY_ACCESS,
  SECURITY_AUDIT,
  allowsApiGatewayGet,
  iamWildcardMatch,
} from '../../src/iam/managed-policies.js';
import { packageRoot } from '../../src/paths.js';
import { SLICE_NAMES, sliceRow } from '../../src/snapshot/slices.js';
import { runCli } from '../helpers/cli.js';

const tableOps = SLICE_NAMES.flatMap((s) => sliceRow(s).operations).filter((o) => !o.caller);

describe('the least-privilege policy', () => {
  it('is generated from the slice table: every path and action it reads, nothing else', () => {
    expect(apiGatewayPaths()).toEqual(
      [...new Set(tableOps.filter((o) => o.path).map((o) => o.path!))].sort(),
    );
    expect(readActions()).toEqual(
      [...new Set(tableOps.filter((o) => !o.path).map((o) => o.iam))].sort(),
    );
    const [gw, others] = scanPolicy().Statement;
    expect(gw!.Action).toBe('apigateway:GET');
    expect(gw!.Resource).toEqual(apiGatewayPaths().map((p) => `arn:aws:apigateway:*::${p}`));
    expect(others!.Action).toEqual(readActions());
  });

  it('grants only reads, by name, and apigateway:GET on no wildcard path', () => {
    for (const action of readActions()) {
      expect(action, action).toMatch(/^[a-z0-9]+:(Get|List|Describe)[A-Z]\w*$/);
      expect(action).not.toContain('*');
    }
    for (const p of apiGatewayPaths()) expect(p, p).toMatch(/^\/[a-z]+(\/(\*|[a-z]+))*$/);
    expect(apiGatewayPaths()).not.toContain('/*');
    for (const path of ['/restapis/*/resources', '/apis/*/routes', '/usageplans/*/keys'])
      expect(apiGatewayPaths()).toContain(path);
  });

  it('--json prints the document alone; the text adds the comparison (built CLI)', async () => {
    const json = await runCli(['iam-policy', '--json']);
    expect(json.code).toBe(0);
    expect(json.stderr).toBe('');
    expect(JSON.parse(json.stdout)).toEqual(scanPolicy());
    const text = await runCli(['iam-policy']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(JSON.stringify(scanPolicy(), null, 2));
    expect(text.stdout).toMatch(/^PERMISSION +SecurityAudit +ReadOnlyAccess$/m);
    expect(text.stdout).toMatch(/^apigateway:GET \/usageplans +no +yes$/m);
  });

  it('is shown in the README as the command prints it (npm run gen:docs)', () => {
    const readme = readFileSync(join(packageRoot, 'README.md'), 'utf8');
    expect(readmeBlock(readme, 'iam-policy')).toBe(readmeBlocks()['iam-policy']);
  });
});

describe('the managed-policy comparison', () => {
  it('matches IAM wildcards as IAM does', () => {
    expect(iamWildcardMatch('acm:Describe*', 'acm:DescribeCertificate', true)).toBe(true);
    expect(iamWildcardMatch('acm:describe*', 'acm:DescribeCertificate', true)).toBe(true);
    expect(iamWildcardMatch('acm:List*', 'acm:DescribeCertificate', true)).toBe(false);
    expect(iamWildcardMatch('/restapis/*/stages', '/restapis/x/stages')).toBe(true);
    expect(iamWildcardMatch('/restapis', '/restapis/x')).toBe(false);
    expect(iamWildcardMatch('a.b', 'aXb')).toBe(false);
    expect(allowsApiGatewayGet(SECURITY_AUDIT, '/restapis/*/resources')).toBe(true);
    expect(allowsApiGatewayGet(SECURITY_AUDIT, '/domainnames/*/basepathmappings')).toBe(false);
    expect(allowsApiGatewayGet(READ_ONLY_ACCESS, '/anything/*')).toBe(true);
  });

  it('SecurityAudit lacks exactly the usage plans, API keys, base path mappings, private-domain access associations, GetAccount and ListRegions', () => {
    expect(missingFrom('SecurityAudit').sort()).toEqual(
      [
        'account:ListRegions',
        'apigateway:GET /account',
        'apigateway:GET /apikeys',
        'apigateway:GET /domainnameaccessassociations',
        'apigateway:GET /domainnames/*/basepathmappings',
        'apigateway:GET /usageplans',
        'apigateway:GET /usageplans/*/keys',
      ].sort(),
    );
    const supplement = securityAuditSupplement().Statement;
    expect(supplement[0]!.Resource).toContain('arn:aws:apigateway:*::/usageplans');
    expect(supplement[1]!.Action).toEqual(['account:ListRegions']);
  });

  it('ReadOnlyAccess grants everything; sts:GetCallerIdentity needs no grant', () => {
    expect(missingFrom('ReadOnlyAccess')).toEqual([]);
    const rows = managedPolicyComparison();
    expect(rows).toHaveLength(apiGatewayPaths().length + readActions().length);
    expect(rows.find((r) => r.permission === 'sts:GetCallerIdentity')!.alwaysAllowed).toBe(true);
  });
});
