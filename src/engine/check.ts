/**
 * What a check is, seen from the engine: its metadata and a run over a snapshot. The catalog
 * itself (checks/) is handed in by the caller, so the engine never depends on it.
 */
import type { CheckConfig } from '../config/types.js';
import type { Slice, Snapshot } from '../snapshot/types.js';
import type { Family } from './families.js';
import type { Reference, ResourceRef, Severity, Status } from './types.js';

/** Everything a check states about itself, written once in its `meta` object. */
export interface CheckMeta {
  /** Stable public id; equals the file name. */
  id: string;
  /** The compliant state, e.g. "REST API stages log execution". */
  title: string;
  family: Family;
  severity: Severity;
  /** CloudFormation-style type of the resources it gives results for. */
  resourceType: string;
  description: string;
  risk: string;
  /** The resources it gives results for, when the resource type alone does not say (CHECKS.md's "applies to"). */
  appliesTo?: string;
  /** When a result is FAIL, when the description does not say it in one line (CHECKS.md's "FAIL when"). */
  failWhen?: string;
  /** What it deliberately does not flag where incumbents do. */
  notFlagged?: string;
  remediation: { text: string; cli: string };
  references: Reference[];
  /** Snapshot slices it reads: a failed collection of any of them makes its result ERROR. */
  reads: Slice[];
  /**
   * Incumbent tools' rules it corresponds to, other than FSBP controls (Config rules, Prowler,
   * Checkov, ...). FSBP controls come from compliance/fsbp.json, never from here.
   */
  anchors: string[];
}

export interface CheckResult {
  status: Status;
  severity: Severity;
  resource: ResourceRef;
  message: string;
  evidence: Record<string, unknown>;
}

export interface Check {
  readonly meta: CheckMeta;
  readonly docsPath: string;
  run(snapshot: Snapshot, config: CheckConfig, now: Date): CheckResult[];
}
