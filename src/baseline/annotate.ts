/** --baseline: the report marked against the previous one (schema additions only). */
import type { BaselineMark, Report } from '../engine/types.js';
import { compareReports } from './compare.js';

export function withBaseline(report: Report, baseline: Report, file: string): Report {
  const c = compareReports(baseline, report);
  const marks = new Map<string, BaselineMark>([
    ...c.new.map((f) => [f.id, 'new'] as const),
    ...c.unchanged.map((f) => [f.id, 'unchanged'] as const),
    ...c.changed.filter((f) => f.after).map((f) => [f.id, 'changed'] as const),
  ]);
  return {
    ...report,
    findings: report.findings.map((f) => {
      const mark = marks.get(f.id);
      return mark ? { ...f, baseline: mark } : f;
    }),
    baseline: {
      file,
      generatedAt: baseline.scan.evaluatedAt,
      counts: {
        new: c.new.length,
        changed: marks.size - c.new.length - c.unchanged.length,
        unchanged: c.unchanged.length,
        resolved: c.resolved.length,
      },
      notAssessed: c.changed
        .filter((f) => !f.after)
        .map((f) => ({
          id: f.id,
          checkId: f.checkId,
          status: f.before.status,
          severity: f.before.severity,
          title: f.title,
          resource: f.resource,
        })),
    },
    resolved: c.resolved,
  };
}
