import { readFileSync } from 'node:fs';
import { packageRoot } from './paths.js';
import { join } from 'node:path';

const pkg = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  homepage?: string;
};

export const TOOL = { name: pkg.name, version: pkg.version } as const;

/** Where the tool is documented (SARIF's tool.driver.informationUri). */
export const TOOL_HOMEPAGE: string | undefined = pkg.homepage;
