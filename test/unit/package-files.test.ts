/**
 * What `npm pack` ships: only what a user runs (the built CLI, checks, templates, schemas,
 * compliance data, the demo), and enough of it that the shipped code resolves every import.
 * Needs a build (dist/), like the CLI tests.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';

interface PackageJson {
  bin: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}

const pkg = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as PackageJson;

// --ignore-scripts: pack would otherwise run `prepare`, a full build, inside the test.
const packed = JSON.parse(
  execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: packageRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }),
) as Array<{ files: Array<{ path: string }> }>;
const files = packed[0]!.files.map((f) => f.path).sort();
const shipped = new Set(files);

const ALLOWED = [
  /^dist\/(src|checks)\/.+\.js(\.map)?$/,
  /^templates\/.+/,
  /^schemas\/[^/]+\.schema\.json$/,
  /^compliance\/[^/]+\.json$/,
  /^examples\/demo-[^/]+\.json$/,
  /^(README\.md|LICENSE|package\.json)$/,
];

const shippedJs = files.filter((f) => f.endsWith('.js'));
const importsOf = (file: string): string[] =>
  [
    ...readFileSync(join(packageRoot, file), 'utf8').matchAll(
      /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm,
    ),
  ].map((m) => (m[1] ?? m[2] ?? m[3])!);

describe('npm pack', () => {
  it('ships only files a user runs', () => {
    expect(files.filter((f) => !ALLOWED.some((re) => re.test(f)))).toEqual([]);
    expect(files.filter((f) => /^dist\/(bench|scripts|test)\/|\.d\.ts$|\.ts$/.test(f))).toEqual([]);
  });

  it('ships the CLI and the data it loads at run time', () => {
    for (const bin of Object.values(pkg.bin))
      expect(shipped.has(bin.replace(/^\.\//, ''))).toBe(true);
    for (const f of [
      'package.json',
      'README.md',
      'dist/src/cli/main.js',
      'dist/checks/index.js',
      'schemas/report.schema.json',
      'schemas/snapshot.schema.json',
      'schemas/config.schema.json',
      'templates/report.hbs',
      'compliance/fsbp.json',
      'examples/demo-snapshot.json',
      'examples/demo-config.json',
    ]) {
      expect(shipped.has(f), f).toBe(true);
    }
  });

  it('resolves every relative import of the shipped code inside the package', () => {
    const missing: string[] = [];
    for (const file of shippedJs) {
      for (const spec of importsOf(file).filter((s) => s.startsWith('.'))) {
        const target = join(file, '..', spec);
        if (!shipped.has(target)) missing.push(`${file} -> ${target}`);
      }
    }
    expect(shippedJs.length).toBeGreaterThan(100);
    expect(missing).toEqual([]);
  });

  it('declares every package the shipped code imports as a runtime dependency', () => {
    const builtins = new Set(builtinModules);
    const packages = new Set<string>();
    for (const file of shippedJs) {
      for (const spec of importsOf(file)) {
        if (spec.startsWith('.') || spec.startsWith('node:') || builtins.has(spec)) continue;
        const parts = spec.split('/');
        packages.add(spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!);
      }
    }
    expect([...packages].filter((p) => !(p in pkg.dependencies)).sort()).toEqual([]);
    // @smithy packages are declared only where the code itself imports them.
    const smithy = Object.keys(pkg.dependencies).filter((d) => d.startsWith('@smithy/'));
    expect(smithy.filter((d) => !packages.has(d))).toEqual([]);
  });
});

describe('AWS SDK versions', () => {
  // Clients are published only when they change: one that has had no release since gets its
  // newest one, which still resolves to the same shared core (checked on the lockfile below).
  const NOT_RELEASED_SINCE: Record<string, string> = {
    '@aws-sdk/client-securityhub': '3.1108.0',
  };

  it('pins every @aws-sdk package to one exact release', () => {
    const sdk = Object.entries({ ...pkg.dependencies, ...pkg.devDependencies }).filter(([n]) =>
      n.startsWith('@aws-sdk/'),
    );
    expect(sdk.length).toBeGreaterThan(5);
    expect(sdk.every(([, v]) => /^\d+\.\d+\.\d+$/.test(v))).toBe(true);
    const line = sdk.filter(([n]) => !(n in NOT_RELEASED_SINCE));
    expect(new Set(line.map(([, v]) => v)).size).toBe(1);
    for (const [name, version] of Object.entries(NOT_RELEASED_SINCE)) {
      expect(pkg.dependencies[name] ?? pkg.devDependencies[name]).toBe(version);
    }
  });

  it('installs one copy of each shared @aws-sdk and @smithy package', () => {
    const lock = JSON.parse(readFileSync(join(packageRoot, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, unknown>;
    };
    const nested = Object.keys(lock.packages).filter((p) =>
      /node_modules\/.+\/node_modules\/@(aws-sdk|smithy)\//.test(p),
    );
    expect(nested).toEqual([]);
  });
});
