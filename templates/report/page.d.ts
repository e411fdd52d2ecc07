/**
 * Types of the page script's inputs, taken from the code that writes them: the report as
 * src/render/html.ts embeds it and the CONTRACT constant it writes in front of the script.
 */
import type { Framework } from '../../src/engine/compliance.js';
import type { PackedReport } from '../../src/render/html.js';
import type { CheckWithFamily, PageContract } from '../../src/render/page-contract.js';

declare global {
  /** The embedded report; packed findings are restored on load, so each is whole. */
  type PageReport = Omit<PackedReport, 'checks' | 'findings'> & {
    checks: Record<string, CheckWithFamily>;
    findings: import('../../src/engine/types.js').Finding[];
  };
  type PageFinding = import('../../src/engine/types.js').Finding;
  type PageFramework = Framework;
  const CONTRACT: PageContract;
}
