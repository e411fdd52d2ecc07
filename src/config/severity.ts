/**
 * The severity scale. It lives with the configuration, which the engine reads, so that
 * `failOn` and severity overrides can name it without the configuration importing the engine.
 */

/** Most severe first. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function severityRank(s: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(s);
}
