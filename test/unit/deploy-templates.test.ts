/**
 * deploy/: the committed templates are the generated ones, cfn-lint accepts them, and the state
 * machine definition passes a States Language validator too (asl-validator): cfn-lint checks the
 * definition's schema but, as the broken definitions below show, not enum values such as the
 * Map's processor mode, nor that every Next names a state.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import aslValidator from 'asl-validator';
import { describe, expect, it } from 'vitest';
import {
  auditStackTemplate,
  HANDLERS,
  LAMBDA_RUNTIME,
  memberRoleTemplate,
  stateMachineDefinition,
} from '../../src/deploy/templates.js';
import { scanPolicy } from '../../src/iam/least-privilege.js';
import { packageRoot } from '../../src/paths.js';

/** A template or definition walked by key (they are plain JSON). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Tree = Record<string, any>;

const CFN_LINT = join(packageRoot, '.venv', 'bin', 'cfn-lint');
const read = (file: string) => JSON.parse(readFileSync(join(packageRoot, 'deploy', file), 'utf8'));

function cfnLint(path: string): { code: number | null; out: string } {
  const r = spawnSync(CFN_LINT, [path], { encoding: 'utf8' });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

/** The audit stack with its definition changed by `edit`, written to a temporary file. */
function withDefinition(edit: (d: Tree) => void): string {
  const t = auditStackTemplate() as Tree;
  edit(t.Resources.StateMachine.Properties.Definition);
  const path = join(mkdtempSync(join(tmpdir(), 'apigw-audit-cfn-')), 'stack.json');
  writeFileSync(path, JSON.stringify(t));
  return path;
}

const asl = (d: object) => aslValidator(d as never);

describe('deploy/ templates', () => {
  it('are the generated ones (npm run gen:docs)', () => {
    expect(read('audit-stack.json')).toEqual(auditStackTemplate());
    expect(read('member-role.json')).toEqual(memberRoleTemplate());
  });

  it.each(['audit-stack.json', 'member-role.json'])('%s passes cfn-lint', (file) => {
    const r = cfnLint(join(packageRoot, 'deploy', file));
    expect(r.out).toBe('');
    expect(r.code).toBe(0);
  });

  it('cfn-lint refuses a definition that breaks the States Language schema', () => {
    const r = cfnLint(withDefinition((d) => delete d.States.ScanAccounts.ItemProcessor.StartAt));
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/E3601 'StartAt' is a required property/);
  });

  it('the definition passes asl-validator, which catches what cfn-lint lets through', () => {
    const good = asl(stateMachineDefinition());
    expect(good.errorsText()).toBe('');
    expect(good.isValid).toBe(true);
    // Each error alone: the validator reports schema errors before it follows transitions.
    const edits: Array<[(d: Tree) => void, RegExp]> = [
      [(d) => (d.States.ScanAccounts.ItemProcessor.ProcessorConfig.Mode = 'SIDEWAYS'), /Mode/],
      [(d) => (d.States.Merge.Next = 'NoSuchState'), /NoSuchState/],
    ];
    for (const [edit, message] of edits) {
      expect(cfnLint(withDefinition(edit)).code).toBe(0);
      const bad = stateMachineDefinition() as Tree;
      edit(bad);
      const r = asl(bad);
      expect(r.isValid).toBe(false);
      expect(r.errorsText()).toMatch(message);
    }
  });

  it('fans out with a Distributed Map, bounded and failure-tolerant, then merges and alerts', () => {
    const d = stateMachineDefinition() as Tree;
    const map = d.States.ScanAccounts;
    expect(map.Type).toBe('Map');
    expect(map.ItemProcessor.ProcessorConfig.Mode).toBe('DISTRIBUTED');
    expect(map.MaxConcurrencyPath).toBe('$.maxConcurrency');
    expect(map.ToleratedFailureCountPath).toBe('$.toleratedFailureCount');
    expect(map.Next).toBe('Merge');
    expect(d.States.Merge.Next).toBe('AnyNewHighOrCritical');
    expect(d.States.Notify.Resource).toBe('arn:aws:states:::sns:publish');
    const t = auditStackTemplate() as Tree;
    const input = t.Resources.Schedule.Properties.Target.Input['Fn::Sub'];
    expect(input).toContain('"maxConcurrency": ${MaxConcurrency}');
    expect(input).toContain('"toleratedFailureCount": ${ToleratedFailureCount}');
    expect(t.Resources.Schedule.Properties.Target.Arn).toEqual({ Ref: 'StateMachine' });
  });

  it('keeps the evidence in a versioned, locked, KMS-encrypted, private, TLS-only bucket', () => {
    const r = (auditStackTemplate() as Tree).Resources;
    const b = r.EvidenceBucket.Properties;
    expect(b.VersioningConfiguration.Status).toBe('Enabled');
    expect(b.ObjectLockEnabled).toBe(true);
    expect(b.ObjectLockConfiguration.Rule.DefaultRetention.Mode).toBe('GOVERNANCE');
    const sse =
      b.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault;
    expect(sse.SSEAlgorithm).toBe('aws:kms');
    expect(Object.values(b.PublicAccessBlockConfiguration)).toEqual([true, true, true, true]);
    const [tls] = r.EvidenceBucketPolicy.Properties.PolicyDocument.Statement;
    expect(tls).toMatchObject({
      Effect: 'Deny',
      Action: 's3:*',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
  });

  it('runs the handlers the package builds, on a supported Node.js runtime', async () => {
    const r = (auditStackTemplate() as Tree).Resources;
    expect(LAMBDA_RUNTIME).toMatch(/^nodejs(22|24)\.x$/);
    const handlers = await import('../../src/lambda/handlers.js');
    for (const [name, handler] of Object.entries(HANDLERS)) {
      const fnName = `${name[0]!.toUpperCase()}${name.slice(1)}Function`;
      expect(r[fnName].Properties.Handler).toBe(handler);
      expect(r[fnName].Properties.Runtime).toBe(LAMBDA_RUNTIME);
      const [file, exported] = [
        handler.slice(0, handler.lastIndexOf('.')),
        handler.split('.').pop()!,
      ];
      expect(file).toBe('dist/src/lambda/handlers');
      expect(typeof (handlers as Record<string, unknown>)[exported]).toBe('function');
    }
  });

  it('member role: the read-only policy, trusting only the audit role with an external ID', () => {
    const role = (memberRoleTemplate() as Tree).Resources.MemberRole.Properties;
    expect(role.Policies).toEqual([
      { PolicyName: 'apigw-audit-read-only', PolicyDocument: scanPolicy() },
    ]);
    expect(role.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { AWS: { Ref: 'AuditRoleArn' } },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'sts:ExternalId': { Ref: 'ExternalId' } } },
      },
    ]);
  });
});
