/**
 * Accounts and regions side by side (src/collect/scan.ts): every (account, region) pair waits
 * for one slot of `concurrency`, whichever account it belongs to; each pair is paced by its own
 * buckets; progress counts accounts done out of the total.
 */
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../src/collect/context.js';
import { Pacer, type Clock } from '../../src/collect/pacing.js';
import { collectSnapshot } from '../../src/collect/scan.js';
import { terminalProgress } from '../../src/cli/progress.js';
import { useMockAws } from '../helpers/mock-aws.js';

const aws = useMockAws();
const ROLES = ['210000000001', '210000000002', '210000000003'].map(
  (id) => `arn:aws:iam::${id}:role/Audit`,
);
const REGIONS = ['eu-west-1', 'us-east-1'];

async function scan(concurrency: number, pacer?: Pacer) {
  aws.m.sts.on(AssumeRoleCommand).resolves({
    Credentials: {
      AccessKeyId: 'ASIA',
      SecretAccessKey: 's',
      SessionToken: 't',
      Expiration: new Date(Date.now() + 3600_000),
    },
  });
  // A listing that takes a while, so that pairs in flight together overlap.
  aws.m.apigateway.on(GetRestApisCommand).callsFake(async () => {
    await new Promise((r) => setTimeout(r, 30));
    return { items: [] };
  });
  const events: ProgressEvent[] = [];
  let active = 0;
  let peak = 0;
  const activeAccounts = new Set<string>();
  let peakAccounts = 0;
  const snap = await collectSnapshot({
    clients: aws.clients,
    regions: REGIONS,
    roleArns: ROLES,
    concurrency,
    homeRegion: 'eu-west-1',
    ...(pacer ? { pacer } : {}),
    onProgress: (e) => {
      events.push(e);
      if (e.kind === 'region-start') {
        peak = Math.max(peak, ++active);
        activeAccounts.add(e.accountId);
        peakAccounts = Math.max(peakAccounts, activeAccounts.size);
      }
      if (e.kind === 'region-done') active--;
      if (e.kind === 'account-done') activeAccounts.delete(e.accountId);
    },
  });
  return { snap, events, peak, peakAccounts };
}

describe('accounts x regions under one bound', () => {
  it('collects pairs of different accounts at once, never more than the bound', async () => {
    const wide = await scan(6);
    expect(wide.peak).toBe(6);
    expect(wide.peakAccounts).toBe(3);
    const narrow = await scan(2);
    expect(narrow.peak).toBe(2);
    for (const r of [wide, narrow]) {
      expect(r.snap.accounts.map((a) => a.accountId)).toEqual(ROLES.map((a) => a.split(':')[4]));
      expect(
        r.snap.accounts.every((a) => a.regions.map((x) => x.region).join() === REGIONS.join()),
      ).toBe(true);
    }
  });

  it('reports the account total first, then each account done', async () => {
    const { events } = await scan(4);
    expect(events[0]).toMatchObject({ kind: 'accounts', count: 3 });
    const done = events.filter((e) => e.kind === 'account-done');
    expect(done.map((e) => e.count)).toEqual([1, 2, 3]);
    expect(done.map((e) => e.accountId).sort()).toEqual(ROLES.map((a) => a.split(':')[4]));
  });

  it('paces each account-region pair with its own buckets', async () => {
    // A clock that never moves: with a burst of 1, a second call in the same bucket would wait.
    const waits: number[] = [];
    const clock: Clock = { now: () => 0, sleep: async (ms) => void waits.push(ms) };
    const pacer = new Pacer({ 'apigateway:GetRestApis': { rate: 1, burst: 1 } }, clock);
    await scan(6, pacer);
    // One GetRestApis per pair, six pairs: six buckets, no wait.
    expect(waits).toEqual([]);
    expect(pacer.waitedMs).toEqual({});
  });

  it('the progress line shows accounts done out of the total', () => {
    const written: string[] = [];
    const stream = {
      isTTY: true,
      columns: 200,
      write: (s: string) => written.push(s),
    } as unknown as NodeJS.WriteStream;
    const hook = terminalProgress(stream)!;
    hook({ kind: 'accounts', accountId: '', region: '', count: 20 });
    hook({ kind: 'region-start', accountId: '210000000001', region: 'eu-west-1' });
    hook({ kind: 'account-done', accountId: '210000000001', region: '', count: 1 });
    expect(written.join('')).toContain('accounts 0/20');
    expect(written.at(-1)).toContain('accounts 1/20');
  });
});
