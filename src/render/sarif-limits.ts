/**
 * GitHub code scanning's upload limits for one SARIF file (docs.github.com, "SARIF support for
 * code scanning", "Validating your SARIF file"): at most 25,000 results per run and at most 10 MB
 * gzip-compressed. An upload past either is refused outright, so past them the renderer keeps the
 * most severe results and records in run.properties what it left out.
 */
import { gzipSync } from 'node:zlib';
import type { Log, Result } from 'sarif';

export const GITHUB_MAX_RESULTS_PER_RUN = 25_000;
export const GITHUB_MAX_GZIP_BYTES = 10 * 1024 * 1024;

export interface SarifLimits {
  maxResults: number;
  maxGzipBytes: number;
}

export const GITHUB_LIMITS: SarifLimits = {
  maxResults: GITHUB_MAX_RESULTS_PER_RUN,
  maxGzipBytes: GITHUB_MAX_GZIP_BYTES,
};

export interface Omitted {
  reason: string;
  results: number;
  /** Left-out results by finding severity and status. */
  bySeverity: Record<string, number>;
  byStatus: Record<string, number>;
}

export function gzipBytes(log: Log): number {
  return gzipSync(JSON.stringify(log, null, 2) + '\n').length;
}

/** What the tally of left-out results reads of each. */
export interface RankedRest {
  severity: string;
  status: string;
}

const restOf = (r: Result): RankedRest => ({
  severity: String(r.properties?.['severity'] ?? 'unknown'),
  status: String(r.properties?.['status'] ?? 'unknown'),
});

function tally(dropped: Iterable<RankedRest>, count: number): Omit<Omitted, 'reason'> {
  const bySeverity: Record<string, number> = {};
  const byStatus: Record<string, number> = {};
  for (const { severity: sev, status } of dropped) {
    bySeverity[sev] = (bySeverity[sev] ?? 0) + 1;
    byStatus[status] = (byStatus[status] ?? 0) + 1;
  }
  return { results: count, bySeverity, byStatus };
}

/**
 * Cuts `ranked` (most important first) to what fits: first the result count, then, while the
 * compressed file is too big, by halving the excess (few gzip passes even for large logs).
 * `build(results)` makes the whole log for a candidate list. `beyond` are the results ranked
 * after all of `ranked` that the caller did not build (past the count limit), by severity and
 * status only.
 */
export function fitToLimits(
  ranked: Result[],
  build: (results: Result[], omitted?: Omitted) => Log,
  limits: SarifLimits = GITHUB_LIMITS,
  beyond: readonly RankedRest[] = [],
): Log {
  const total = ranked.length + beyond.length;
  let keep = Math.min(ranked.length, limits.maxResults);
  const reasons: string[] = [];
  if (keep < total) reasons.push(`more than ${limits.maxResults} results per run`);
  const omittedFor = (n: number): Omitted | undefined =>
    n < total
      ? {
          reason: reasons.join('; '),
          ...tally(
            (function* () {
              for (let i = n; i < ranked.length; i++) yield restOf(ranked[i]!);
              yield* beyond;
            })(),
            total - n,
          ),
        }
      : undefined;

  let log = build(ranked.slice(0, keep), omittedFor(keep));
  if (gzipBytes(log) <= limits.maxGzipBytes) return log;
  reasons.push(`more than ${limits.maxGzipBytes} bytes gzip-compressed`);
  // The largest count known to fit (0 always does: rules and notifications are small).
  let lo = 0;
  let hi = keep;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (gzipBytes(build(ranked.slice(0, mid), omittedFor(mid))) <= limits.maxGzipBytes) lo = mid;
    else hi = mid;
  }
  keep = lo;
  log = build(ranked.slice(0, keep), omittedFor(keep));
  return log;
}
