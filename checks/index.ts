/** The catalog, in ID order. A check is added here and in its own file named after its ID. */
import type { Check } from './lib/define.js';
import restExecutionLogging from './rest-execution-logging.js';

export const ALL_CHECKS: readonly Check[] = [restExecutionLogging].sort((a, b) =>
  a.id.localeCompare(b.id),
);
