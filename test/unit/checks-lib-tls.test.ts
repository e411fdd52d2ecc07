import { describe, expect, it } from 'vitest';
import { classifyPolicy, ENHANCED_POLICIES, expiryState } from '../../checks/lib/tls.js';

describe('checks/lib/tls', () => {
  it('classifies legacy, enhanced and unknown policies', () => {
    expect(classifyPolicy('TLS_1_0')).toBe('TLS_1_0');
    expect(classifyPolicy('TLS_1_2')).toBe('TLS_1_2');
    for (const p of ENHANCED_POLICIES) expect(classifyPolicy(p)).toBe('enhanced');
    expect(classifyPolicy('SecurityPolicy_TLS13_2030_FUTURE')).toBe('enhanced');
    expect(classifyPolicy('tls_1_0')).toBe('unknown');
    expect(classifyPolicy('')).toBe('unknown');
  });

  const now = new Date('2026-11-25T12:00:00Z');
  it('reads expiry relative to now and the threshold', () => {
    expect(expiryState('2026-11-25T11:59:59Z', now, 30)).toEqual({
      state: 'expired',
      daysLeft: -1,
    });
    expect(expiryState('2026-11-25T12:00:00Z', now, 30)).toEqual({ state: 'expired', daysLeft: 0 });
    expect(expiryState('2026-12-05T12:00:00Z', now, 30)).toEqual({
      state: 'expiring',
      daysLeft: 10,
    });
    expect(expiryState('2026-12-25T12:00:00Z', now, 30)).toEqual({
      state: 'expiring',
      daysLeft: 30,
    });
    expect(expiryState('2026-12-25T12:00:01Z', now, 30)).toEqual({ state: 'valid', daysLeft: 30 });
    expect(expiryState('2027-11-25T12:00:00Z', now, 30)).toEqual({ state: 'valid', daysLeft: 365 });
  });

  it('is unknown without a parseable date', () => {
    expect(expiryState(undefined, now, 30)).toEqual({ state: 'unknown' });
    expect(expiryState('not a date', now, 30)).toEqual({ state: 'unknown' });
  });
});
