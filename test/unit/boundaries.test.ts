/**
 * The import boundaries eslint.config.js enforces, checked on sample sources at the paths they
 * govern: a rule that silently stopped matching would let the layering decay.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const sdk = "import { STSClient } from '@aws-sdk/client-sts';\nexport const c = STSClient;\n";
const smithyType =
  "import type { Provider } from '@smithy/types';\nexport type P = Provider<string>;\n";

describe('AWS SDK imports', () => {
  it.each([
    'src/engine/sample.ts',
    'src/render/sample.ts',
    'src/report-io/sample.ts',
    'src/cli/sample.ts',
    'src/snapshot/sample.ts',
    'checks/sample.ts',
    'checks/lib/sample.ts',
  ])('are refused in %s', async (file) => {
    expect(await restricted(file, sdk)).toEqual([expect.stringContaining('src/collect')]);
    expect(await restricted(file, smithyType)).toHaveLength(1);
  });

  it.each([
    'src/collect/sample.ts',
    'src/export/sample.ts',
    'bench/sample.ts',
    'scripts/sample.ts',
    'test/helpers/sample.ts',
  ])('are allowed in %s', async (file) => {
    expect(await restricted(file, sdk)).toEqual([]);
  });
});

describe('checks and the collectors', () => {
  it.each([
    ['checks/sample.ts', "import { lambdaArnsOf } from '../src/collect/lambda.js';"],
    ['checks/lib/sample.ts', "import type { RegionContext } from '../../src/collect/context.js';"],
  ])('%s may not import src/collect', async (file, line) => {
    expect(await restricted(file, `${line}\nexport const x = 1;\n`)).toEqual([
      expect.stringContaining('never the collectors'),
    ]);
  });

  it('checks may import the shared helpers in src/snapshot', async () => {
    expect(
      await restricted(
        'checks/sample.ts',
        "import { lambdaFunctionArn } from '../src/snapshot/lambda-arn.js';\nexport const f = lambdaFunctionArn;\n",
      ),
    ).toEqual([]);
  });
});
