/** `iam-policy [--json]`: the least-privilege policy of a scan, and how the managed ones compare. */
import {
  callerActions,
  managedPolicyComparison,
  missingFrom,
  scanPolicy,
} from '../iam/least-privilege.js';
import { MANAGED_POLICIES } from '../iam/managed-policies.js';
import type { ParsedOptions } from './options.js';
import type { RunResult } from './run.js';

const yesNo = (b: boolean) => (b ? 'yes' : 'no');

/** The text the command prints without --json (the README's sample is checked against it). */
export function iamPolicyText(): string {
  const rows = managedPolicyComparison();
  const names = MANAGED_POLICIES.map((p) => p.name);
  const w = Math.max(...rows.map((r) => r.permission.length), 'PERMISSION'.length);
  const table = [
    ['PERMISSION'.padEnd(w), ...names.map((n) => n.padEnd(n.length))].join('  '),
    ...rows.map((r) =>
      r.alwaysAllowed
        ? `${r.permission.padEnd(w)}  (needs no permission: every principal may call it)`
        : [r.permission.padEnd(w), ...names.map((n) => yesNo(r.granted[n]).padEnd(n.length))].join(
            '  ',
          ),
    ),
  ].map((l) => l.trimEnd());
  const lacks = missingFrom('SecurityAudit');
  const versions = MANAGED_POLICIES.map((p) => `${p.name} ${p.version} of ${p.date}`).join(', ');
  return [
    'Least-privilege IAM policy for `apigw-audit scan`, generated from the slice table',
    '(src/snapshot/slices.ts). Attach it to the principal the scan runs as, or to the audit role',
    'in each account when you use --role-arn. `apigw-audit iam-policy --json` prints it alone.',
    '',
    JSON.stringify(scanPolicy(), null, 2),
    '',
    `With --role-arn or --org, the principal that starts the scan also needs ${callerActions().join(', ')}`,
    '(sts:AssumeRole on each audit role; the organizations: reads with --org only). In the China and',
    'GovCloud partitions, write arn:aws-cn: or arn:aws-us-gov:.',
    '',
    `Compared with the AWS managed policies (${versions}):`,
    '',
    ...table,
    '',
    lacks.length
      ? `SecurityAudit alone lacks ${lacks.length}: ${lacks.join(', ')}. Use this policy, or SecurityAudit plus an inline policy granting those.`
      : 'SecurityAudit grants everything a scan needs.',
    'A denied call is not fatal: its slice is reported as not collected (the checks reading it say',
    'ERROR, coverage drops below 100%); account:ListRegions falls back to ec2:DescribeRegions.',
    'ReadOnlyAccess grants everything a scan needs, and far more: it also reads data (s3:Get*, dynamodb:Scan, ...).',
    'apigateway:GET on /apikeys and /usageplans/*/keys could also return API key values (the scan',
    'never asks for them): docs/permissions.md shows how to deny those two paths.',
    '',
  ].join('\n');
}

export function runIamPolicy(opts: ParsedOptions): RunResult {
  const stdout = opts.json ? JSON.stringify(scanPolicy(), null, 2) + '\n' : iamPolicyText();
  return { exitCode: 0, stdout, notes: [], written: [] };
}
