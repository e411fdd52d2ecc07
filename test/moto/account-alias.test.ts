/**
 * The account's name for the renderers: iam:ListAccountAliases, collected once per account, on
 * moto; its failure (aws-sdk-client-mock: moto cannot deny) is a collection error, and the
 * renderers fall back to the account ID.
 */
import { CreateAccountAliasCommand, ListAccountAliasesCommand } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../checks/index.js';
import { collectSnapshot } from '../../src/collect/scan.js';
import { auditConfig } from '../../src/config/load.js';
import { evaluateSnapshot } from '../../src/engine/evaluate.js';
import { toAsff } from '../../src/render/asff.js';
import { toOcsf } from '../../src/render/ocsf.js';
import { schemaValidator } from '../../src/util/json-file.js';
import { ACCOUNT, useMockAws } from '../helpers/mock-aws.js';
import { useMoto } from '../helpers/moto.js';
import { seedMethod, seedRestApi, seedStage } from '../helpers/seed.js';

describe('account alias (moto)', () => {
  const moto = useMoto();

  it('is collected into the snapshot, named in the report, OCSF and ASFF', async () => {
    const c = moto.clients('eu-west-1');
    await c.iam.send(new CreateAccountAliasCommand({ AccountAlias: 'acme-payments-prod' }));
    const api = await seedRestApi(c, 'orders');
    await seedMethod(c, api, api.rootId, null, 'GET');
    await seedStage(c, api, 'prod');
    const snap = await collectSnapshot({ clients: moto.clients, regions: ['eu-west-1'] });
    expect(schemaValidator('snapshot')(snap)).toBe(true);
    expect(snap.accounts[0]!.accountAlias).toBe('acme-payments-prod');
    expect(snap.collectionErrors.filter((e) => e.slice === 'accountAlias')).toEqual([]);
    const report = evaluateSnapshot(snap, ALL_CHECKS, auditConfig());
    expect(schemaValidator('report')(report)).toBe(true);
    const id = snap.accounts[0]!.accountId;
    expect(report.scan.accountNames).toEqual({ [id]: 'acme-payments-prod' });
    const ocsf = toOcsf(report);
    expect(ocsf.length).toBeGreaterThan(0);
    for (const e of ocsf) expect(e.cloud.account.name).toBe('acme-payments-prod');
    expect(toAsff(report)[0]!.AwsAccountName).toBe('acme-payments-prod');
  });

  it('an account without an alias: no name, the account ID in OCSF', async () => {
    const c = moto.clients('eu-west-1');
    const api = await seedRestApi(c, 'orders');
    await seedMethod(c, api, api.rootId, null, 'GET');
    await seedStage(c, api, 'prod');
    const snap = await collectSnapshot({ clients: moto.clients, regions: ['eu-west-1'] });
    expect(snap.accounts[0]!.accountAlias).toBeUndefined();
    const report = evaluateSnapshot(snap, ALL_CHECKS, auditConfig());
    expect(report.scan.accountNames).toBeUndefined();
    const id = snap.accounts[0]!.accountId;
    for (const e of toOcsf(report)) expect(e.cloud.account.name).toBe(id);
  });
});

describe('account alias denied (aws-sdk-client-mock)', () => {
  const aws = useMockAws();

  it('is a collection error, and the scan goes on', async () => {
    aws.m.iam.on(ListAccountAliasesCommand).rejects(
      Object.assign(new Error('not authorized to perform: iam:ListAccountAliases'), {
        name: 'AccessDenied',
        $metadata: { httpStatusCode: 403 },
      }),
    );
    const snap = await aws.scan(['eu-west-1']);
    expect(snap.accounts[0]!.accountAlias).toBeUndefined();
    expect(snap.accounts[0]!.regions).toHaveLength(1);
    expect(snap.collectionErrors).toContainEqual(
      expect.objectContaining({
        slice: 'accountAlias',
        service: 'iam',
        operation: 'ListAccountAliases',
        accountId: ACCOUNT,
        errorCode: 'AccessDenied',
      }),
    );
  });
});
