/**
 * The one way to define a check (typescript-eslint's createRule pattern): metadata plus a pure
 * evaluate over the snapshot. The helper fills what can be derived (docs path) and turns a throw
 * into an ERROR result so one broken check never stops a run.
 */
import type { Reference, Severity } from '../../src/engine/types.js';
import type { Slice } from '../../src/snapshot/types.js';
import { CheckContext, type CheckResult } from './context.js';
import type { Snapshot } from '../../src/snapshot/types.js';
import type { CheckConfig } from '../../src/config/types.js';

export interface CheckDefinition {
  /** Stable public id; equals the file name. */
  id: string;
  /** The compliant state, e.g. "REST API stages log execution". */
  title: string;
  severity: Severity;
  /** CloudFormation-style type of the resources it gives results for. */
  resourceType: string;
  description: string;
  risk: string;
  remediation: { text: string; cli: string };
  references: Reference[];
  /** Snapshot slices it reads: a failed collection of any of them makes its result ERROR. */
  reads: Slice[];
  /** Which incumbent controls it corresponds to (FSBP ids, Config rules, ...). */
  anchors: string[];
  /** What it deliberately does not flag where incumbents do. */
  notFlagged?: string;
  evaluate(ctx: CheckContext): void;
}

export interface Check extends Omit<CheckDefinition, 'evaluate'> {
  docsPath: string;
  run(snapshot: Snapshot, config: CheckConfig, now: Date): CheckResult[];
}

export function defineCheck(def: CheckDefinition): Check {
  const { evaluate, ...meta } = def;
  return {
    ...meta,
    docsPath: `docs/checks/${def.id}.md`,
    run(snapshot, config, now) {
      const ctx = new CheckContext(def.id, def.severity, snapshot, config, now);
      try {
        evaluate(ctx);
      } catch (err) {
        ctx.crashed(err);
      }
      return ctx.results;
    },
  };
}
