/**
 * The folder-level import graph of the tool, built from its sources. Areas depend on each other
 * in one direction only (the CLI wires the catalog into the engine; the engine does not know
 * the checks), so any cycle between areas is a layering mistake.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * File-to-file imports tolerated for now, each with the branch that removes it. Only these
 * exact edges are skipped; any other import between the same areas still counts.
 */
const KNOWN_EDGES = new Set<string>([]);

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)).split(sep).join('/'));
}

/** "checks", or "src/<folder>"; files directly under src/ (errors.ts, paths.ts, ...) are "src". */
function areaOf(file: string): string {
  const parts = file.split('/');
  if (parts[0] !== 'src') return parts[0]!;
  return parts.length > 2 ? `src/${parts[1]}` : 'src';
}

function fileEdges(): Array<{ from: string; to: string }> {
  const edges: Array<{ from: string; to: string }> = [];
  for (const file of [...sources('src'), ...sources('checks')]) {
    const info = ts.preProcessFile(readFileSync(join(ROOT, file), 'utf8'), true, true);
    for (const { fileName } of info.importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const target = relative(ROOT, resolve(dirname(join(ROOT, file)), fileName))
        .split(sep)
        .join('/')
        .replace(/\.js$/, '.ts');
      edges.push({ from: file, to: target });
    }
  }
  return edges;
}

/** Cycles of a directed graph as strongly connected components of two or more nodes. */
function cyclesOf(edges: Iterable<[string, string]>): string[][] {
  const next = new Map<string, Set<string>>();
  for (const [a, b] of edges) {
    if (!next.has(a)) next.set(a, new Set());
    if (!next.has(b)) next.set(b, new Set());
    next.get(a)!.add(b);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  let counter = 0;
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v)!) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) out.push(component.sort());
    }
  };
  for (const v of [...next.keys()].sort()) if (!index.has(v)) visit(v);
  return out;
}

function areaEdges(): Map<string, string[]> {
  const byArea = new Map<string, string[]>();
  for (const { from, to } of fileEdges()) {
    if (KNOWN_EDGES.has(`${from} -> ${to}`)) continue;
    const a = areaOf(from);
    const b = areaOf(to);
    if (a === b) continue;
    const key = `${a} -> ${b}`;
    byArea.set(key, [...(byArea.get(key) ?? []), `${from} -> ${to}`]);
  }
  return byArea;
}

describe('folder-level import graph', () => {
  it('finds cycles, and only cycles', () => {
    expect(
      cyclesOf([
        ['a', 'b'],
        ['b', 'c'],
        ['c', 'a'],
        ['c', 'd'],
      ]),
    ).toEqual([['a', 'b', 'c']]);
    expect(
      cyclesOf([
        ['a', 'b'],
        ['b', 'c'],
        ['a', 'c'],
      ]),
    ).toEqual([]);
    expect(areaOf('src/engine/evaluate.ts')).toBe('src/engine');
    expect(areaOf('src/errors.ts')).toBe('src');
    expect(areaOf('checks/lib/define.ts')).toBe('checks');
  });

  it('reads real imports, type-only ones included', () => {
    const edges = areaEdges();
    expect(edges.get('src/engine -> src/snapshot')).toBeDefined();
    expect(edges.get('src/cli -> checks')).toBeDefined();
    expect(edges.get('checks -> src/snapshot')).toBeDefined();
  });

  it('has no cycle between areas', () => {
    const edges = areaEdges();
    const cycles = cyclesOf([...edges.keys()].map((k) => k.split(' -> ') as [string, string]));
    // On failure, name the file imports that close each cycle.
    const explain = cycles.map((c) =>
      [...edges.entries()]
        .filter(([k]) => c.includes(k.split(' -> ')[0]!) && c.includes(k.split(' -> ')[1]!))
        .flatMap(([, files]) => files),
    );
    expect(explain).toEqual([]);
  });

  it('keeps the engine, renderers and collectors away from the catalog', () => {
    const edges = areaEdges();
    for (const area of ['src/engine', 'src/render', 'src/collect', 'src/snapshot', 'src/config']) {
      expect(edges.get(`${area} -> checks`) ?? [], area).toEqual([]);
    }
    expect(edges.get('checks -> src/collect') ?? []).toEqual([]);
  });
});
