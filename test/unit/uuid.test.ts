import { describe, expect, it } from 'vitest';
import { uuidV5 } from '../../src/util/uuid.js';

describe('uuidV5', () => {
  it('matches RFC 9562 Appendix A.4 (DNS namespace, www.example.com)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('differs by name and by namespace', () => {
    const ns = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';
    expect(uuidV5('a', ns)).not.toBe(uuidV5('b', ns));
    expect(uuidV5('a', ns)).not.toBe(uuidV5('a', '6ba7b811-9dad-11d1-80b4-00c04fd430c8'));
  });
});
