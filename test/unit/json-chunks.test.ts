import { describe, expect, it } from 'vitest';
import { compactJsonChunks, jsonChunks, streamedArray } from '../../src/render/json-chunks.js';
import { HOSTILE, sampleReports } from '../helpers/reports.js';

const join = (chunks: Iterable<string>) => [...chunks].join('');

const awkward = {
  a: 1,
  skipped: undefined,
  fn: () => 1,
  nested: { deep: { deeper: [1, [2, [3, {}]], []] }, empty: {}, list: [] },
  holes: [undefined, () => 1, null, 'x'],
  date: new Date('2026-11-01T00:00:00.000Z'),
  text: `${HOSTILE.script} ${HOSTILE.newlines} ${HOSTILE.controls} ${HOSTILE.cdata} \u2028\u2029 "quoted" \\ back`,
  unicode: '\ud83d\ude00 \u0000 \u001f',
  numbers: [0, -0, 1.5e300, NaN, Infinity],
};

describe('jsonChunks', () => {
  it.each([0, 1, 2, 3, 6])('writes what JSON.stringify(v, null, 2) writes, depth %i', (depth) => {
    expect(join(jsonChunks(awkward, depth))).toBe(JSON.stringify(awkward, null, 2) + '\n');
    expect(join(compactJsonChunks(awkward, depth))).toBe(JSON.stringify(awkward));
    for (const v of [[], {}, 'a', 3, null, [{}], [[]], { x: [] }])
      expect(join(jsonChunks(v, depth))).toBe(JSON.stringify(v, null, 2) + '\n');
  });

  it('writes a generator as the array it yields, empty or not', () => {
    function* items(n: number) {
      for (let i = 0; i < n; i++) yield { i, name: `n${i}`, tags: [i] };
    }
    for (const n of [0, 1, 3]) {
      const expected = { head: 'h', items: [...items(n)], tail: [] };
      // A generator is read once: each writing gets its own.
      const streamed = () => ({ head: 'h', items: streamedArray(items(n)), tail: [] });
      expect(join(jsonChunks(streamed()))).toBe(JSON.stringify(expected, null, 2) + '\n');
      expect(join(compactJsonChunks(streamed(), 1))).toBe(JSON.stringify(expected));
    }
    // Inside a member written whole it cannot be written: an error, not a silent `{}`.
    expect(() => join(jsonChunks({ a: { b: { c: streamedArray(items(2)) } } }, 1))).toThrow(
      /streamedArray/,
    );
  });

  it.each(sampleReports())('%s: report.json, each finding a piece of its own', (_n, report) => {
    const pieces = [...jsonChunks(report)];
    expect(pieces.join('')).toBe(JSON.stringify(report, null, 2) + '\n');
    // No piece is the whole list: the findings are written one at a time.
    const longest = Math.max(...pieces.map((p) => p.length));
    const largestFinding = Math.max(
      0,
      ...report.findings.map((f) => JSON.stringify(f, null, 2).length * 2),
    );
    if (report.findings.length > 2) expect(longest).toBeLessThanOrEqual(largestFinding);
  });
});
