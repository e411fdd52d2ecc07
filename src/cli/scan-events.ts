/**
 * The scan's progress as log events (--log-format json, or text without a terminal is silent):
 * a start and an end line per account and region, the end line with its call and resource
 * counts, so a log pipeline can see which region is slow or empty.
 */
import type { ProgressHook } from '../collect/context.js';
import { info, type Logger } from './log.js';

export function regionEvents(logger: Logger): ProgressHook {
  const perRegion = new Map<string, { calls: number; found: Record<string, number> }>();
  return (e) => {
    const key = `${e.accountId}/${e.region}`;
    const where = { account: e.accountId, region: e.region };
    if (e.kind === 'region-start') {
      perRegion.set(key, { calls: 0, found: {} });
      logger.log(info('region.start', `scanning ${key}`, where));
      return;
    }
    const state = perRegion.get(key);
    if (e.kind === 'call') {
      if (state) state.calls++;
    } else if (e.kind === 'found' && e.resource) {
      if (state) state.found[e.resource] = (state.found[e.resource] ?? 0) + (e.count ?? 0);
    } else if (e.kind === 'region-done') {
      const counts = { calls: state?.calls ?? 0, ...state?.found };
      perRegion.delete(key);
      logger.log(
        info('region.done', `scanned ${key}: ${counts.calls} calls`, { ...where, counts }),
      );
    }
  };
}
