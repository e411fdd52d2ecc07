import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createClientFactory } from '../../src/collect/clients.js';

describe('client factory', () => {
  it('shares clients per region and credentials, never across credential providers', () => {
    const f = createClientFactory();
    const a = async () => ({ accessKeyId: 'A', secretAccessKey: 'a' });
    const b = async () => ({ accessKeyId: 'B', secretAccessKey: 'b' });
    expect(f('eu-west-1', a)).toBe(f('eu-west-1', a));
    expect(f('eu-west-1', a)).not.toBe(f('eu-west-1', b));
    expect(f('eu-west-1', a)).not.toBe(f('us-east-1', a));
    const creds = { accessKeyId: 'C', secretAccessKey: 'c' };
    expect(f('eu-west-1', creds)).toBe(f('eu-west-1', creds));
    expect(f('eu-west-1', creds)).not.toBe(f('eu-west-1', { ...creds }));
  });
});

describe('configuredRegion', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('reads AWS_REGION, then the profile region in the shared config, else nothing', async () => {
    const { configuredRegion } = await import('../../src/collect/clients.js');
    const dir = mkdtempSync(join(tmpdir(), 'apigw-audit-cfg-'));
    const config = join(dir, 'config');
    writeFileSync(config, '[profile china]\nregion = cn-north-1\n[default]\n');
    process.env.AWS_CONFIG_FILE = config;
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'none');
    delete process.env.AWS_REGION;
    delete process.env.AWS_DEFAULT_REGION;
    delete process.env.AWS_PROFILE;
    expect(await configuredRegion('china')).toBe('cn-north-1');
    expect(await configuredRegion()).toBeUndefined();
    process.env.AWS_REGION = 'us-gov-west-1';
    expect(await configuredRegion()).toBe('us-gov-west-1');
  });
});
