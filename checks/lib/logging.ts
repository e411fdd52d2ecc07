/**
 * Derived facts about logging: execution log levels, access log destinations and formats, and
 * CloudTrail coverage of a region.
 */
import {
  allMethodSettings,
  describeSetting,
  v2RouteSettingEntries,
} from '../../src/snapshot/method-settings.js';
import type { RestStage, TrailSnapshot, V2Stage } from '../../src/snapshot/types.js';

/** ERROR and INFO write execution logs; OFF or nothing does not. */
export function isLoggingLevelOn(level: string | undefined): boolean {
  const l = level?.toUpperCase();
  return l === 'ERROR' || l === 'INFO';
}

/** REST method settings entries that turn execution logging on ("*" or "GET /pets"). */
export function restExecutionLoggingEntries(stage: RestStage): string[] {
  return allMethodSettings(stage)
    .filter((o) => isLoggingLevelOn(o.setting.loggingLevel))
    .map(describeSetting);
}

export function v2ExecutionLoggingEntries(stage: V2Stage): string[] {
  return v2RouteSettingEntries(stage)
    .filter(([, s]) => isLoggingLevelOn(s.LoggingLevel))
    .map(([k]) => k);
}

export const nonEmpty = (s: string | undefined | null): s is string =>
  typeof s === 'string' && s.trim() !== '';

/**
 * True for a CloudWatch Logs destination. Access logs sent to Kinesis Data Firehose are
 * delivered by a service-linked role and do not need the account's CloudWatch role.
 */
export function isCloudWatchLogsArn(arn: string | undefined | null): boolean {
  return nonEmpty(arn) && /^arn:[^:]+:logs:/.test(arn);
}

// ------------------------------------------------------------------ access log format

export type AccessLogProtocol = 'REST' | 'HTTP' | 'WEBSOCKET';

export interface AccessLogFormatReport {
  isJson: boolean;
  /** The required variables that the format lacks, as "$context.x" (alternatives joined by " or "). */
  missing: string[];
}

/** Variables each protocol's access log must carry; an inner array lists alternatives. */
const REQUIRED: Record<AccessLogProtocol, string[][]> = {
  REST: [
    ['$context.requestId'],
    ['$context.identity.sourceIp'],
    ['$context.httpMethod'],
    ['$context.status'],
  ],
  HTTP: [
    ['$context.requestId'],
    ['$context.identity.sourceIp'],
    ['$context.routeKey', '$context.httpMethod'],
    ['$context.status'],
  ],
  WEBSOCKET: [
    ['$context.requestId'],
    ['$context.identity.sourceIp'],
    ['$context.routeKey'],
    ['$context.status'],
  ],
};

const VARIABLE = /\$(?:context|stageVariables)(?:\.[A-Za-z0-9_-]+)+/g;

function mentions(format: string, variable: string): boolean {
  const escaped = variable.replace(/[.$]/g, (c) => `\\${c}`);
  return new RegExp(`${escaped}(?![A-Za-z0-9_.-])`).test(format);
}

/**
 * Whether an access log format is JSON and carries the fields an investigation needs. The
 * format is JSON when it parses as a JSON object once every $context / $stageVariables
 * variable is replaced by a literal (variables may stand quoted or bare, e.g. "status": $context.status).
 */
export function analyzeAccessLogFormat(
  format: string | undefined | null,
  protocol: AccessLogProtocol,
): AccessLogFormatReport {
  const text = format ?? '';
  let isJson = false;
  try {
    const parsed: unknown = JSON.parse(text.replace(VARIABLE, '0'));
    isJson = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed);
  } catch {
    isJson = false;
  }
  const missing = REQUIRED[protocol]
    .filter((alternatives) => !alternatives.some((v) => mentions(text, v)))
    .map((alternatives) => alternatives.join(' or '));
  return { isJson, missing };
}

// ------------------------------------------------------------------ CloudTrail

export type TrailVerdict =
  | { covers: true; reason: string }
  | { covers: false; reason: string }
  /** The trail could cover the region but part of what decides it was not collected. */
  | { covers: 'unknown'; missing: 'trail.status' | 'trail.eventSelectors'; reason: string };

/** A multi-region trail, or one whose home region is this region. */
function trailSpansRegion(trail: TrailSnapshot, region: string): boolean {
  return trail.IsMultiRegionTrail === true || trail.HomeRegion === region;
}

/**
 * Whether the trail records management write events: a classic selector with
 * IncludeManagementEvents and ReadWriteType All or WriteOnly, or an advanced selector on
 * eventCategory = Management that does not keep only read-only events.
 */
export function recordsManagementEvents(
  selectors: NonNullable<TrailSnapshot['eventSelectors']>,
): boolean {
  const classic = (selectors.EventSelectors ?? []).some(
    (s) =>
      s.IncludeManagementEvents !== false &&
      ['ALL', 'WRITEONLY'].includes((s.ReadWriteType ?? 'All').toUpperCase()),
  );
  const advanced = (selectors.AdvancedEventSelectors ?? []).some((s) => {
    const fields = s.FieldSelectors ?? [];
    const management = fields.some(
      (f) => f.Field === 'eventCategory' && (f.Equals ?? []).includes('Management'),
    );
    const readOnlyOnly = fields.some(
      (f) =>
        f.Field === 'readOnly' &&
        ((f.Equals ?? []).includes('true') || (f.NotEquals ?? []).includes('false')),
    );
    return management && !readOnlyOnly;
  });
  return classic || advanced;
}

export function trailVerdict(trail: TrailSnapshot, region: string): TrailVerdict {
  if (!trailSpansRegion(trail, region)) {
    return { covers: false, reason: `single-region trail of ${trail.HomeRegion ?? 'unknown'}` };
  }
  if (trail.status && trail.status.IsLogging !== true) {
    return { covers: false, reason: 'not logging (IsLogging false)' };
  }
  if (trail.eventSelectors && !recordsManagementEvents(trail.eventSelectors)) {
    return { covers: false, reason: 'does not record management write events' };
  }
  if (!trail.status) {
    return { covers: 'unknown', missing: 'trail.status', reason: 'GetTrailStatus not collected' };
  }
  if (!trail.eventSelectors) {
    return {
      covers: 'unknown',
      missing: 'trail.eventSelectors',
      reason: 'GetEventSelectors not collected',
    };
  }
  return { covers: true, reason: 'logging management events in this region' };
}
