import { describe, expect, it } from 'vitest';
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
