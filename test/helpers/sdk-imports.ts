/** What the sources import from the AWS SDK, read from their text (no build needed). */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { packageRoot } from '../../src/paths.js';

/** `service:Operation` of every `...Command` imported from an AWS SDK client in `source`. */
export function commandsImported(source: string): string[] {
  const out: string[] = [];
  const imports = /import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'@aws-sdk\/client-([a-z0-9-]+)'/g;
  for (const [, names, pkg] of source.matchAll(imports)) {
    const service = pkg!.replace(/-/g, '');
    for (const spec of names!.split(',')) {
      const original = spec.trim().split(/\s+as\s+/)[0]!;
      const m = /^(\w+)Command$/.exec(original);
      if (m) out.push(`${service}:${m[1]}`);
    }
  }
  return out;
}

/**
 * Every module specifier a source names: static imports and re-exports (without `import type`,
 * which the compiler erases) and dynamic import().
 */
export function moduleSpecifiers(source: string): { static: string[]; dynamic: string[] } {
  const stat = [
    ...source.matchAll(/(?:^|\n)\s*(?:import|export)(\s+type\b)?[^'"]*?from\s*'([^']+)'/g),
  ]
    .filter((m) => !m[1])
    .map((m) => m[2]!);
  const bare = [...source.matchAll(/(?:^|\n)\s*import\s*'([^']+)'/g)].map((m) => m[1]!);
  const dynamic = [...source.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)].map((m) => m[1]!);
  return { static: [...stat, ...bare], dynamic };
}

/** The shipped TypeScript sources (what `files` in package.json publishes, compiled). */
export function shippedSources(): string[] {
  return ['src', 'checks'].flatMap((dir) =>
    readdirSync(join(packageRoot, dir), { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
      .map((e) => relative(packageRoot, join(e.parentPath, e.name)).split(sep).join('/')),
  );
}

export const readSource = (file: string): string => readFileSync(join(packageRoot, file), 'utf8');
