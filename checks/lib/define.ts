/**
 * The one way to define a check (typescript-eslint's createRule pattern): one `meta` object plus
 * a pure evaluate over the snapshot. The helper fills what can be derived (docs path) and turns a
 * throw into an ERROR result so one broken check never stops a run.
 */
import type { Check, CheckMeta } from '../../src/engine/check.js';
import { CheckContext } from './context.js';

export interface CheckDefinition {
  meta: CheckMeta;
  evaluate(ctx: CheckContext): void;
}

export function defineCheck({ meta, evaluate }: CheckDefinition): Check {
  return {
    meta,
    docsPath: `docs/checks/${meta.id}.md`,
    run(snapshot, config, now) {
      const ctx = new CheckContext(meta.id, meta.severity, snapshot, config, now);
      try {
        evaluate(ctx);
      } catch (err) {
        ctx.crashed(err);
      }
      return ctx.results;
    },
  };
}
