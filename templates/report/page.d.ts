/**
 * Types of the page script's inputs, taken from the code that writes them: the report as
 * src/render/html.ts embeds it and the CONTRACT constant it writes in front of the script.
 */
import type { Framework } from '../../src/engine/compliance.js';
import type { PackedReport } from '../../src/render/html.js';
import type { CheckWithFamily, PageContract } from '../../src/render/page-contract.js';

declare global {
  /** The embedded report; packed findings are restored as they are inflated, so each is whole. */
  type PageReport = Omit<PackedReport, 'checks' | 'findings'> & {
    checks: Record<string, CheckWithFamily>;
    findings: import('../../src/engine/types.js').Finding[];
  };
  type PageFinding = import('../../src/engine/types.js').Finding;
  type PageFindingBatch = import('../../src/render/html-data.js').FindingBatch;
  type PagePassGroup = import('../../src/render/html-data.js').PassGroup;
  type PageFramework = Framework;
  const CONTRACT: PageContract;

  type PageInventoryRow = import('../../src/engine/types.js').InventoryRow;
  /** What el() and append() accept as children; null, undefined and false are skipped. */
  type Child = Node | string | number | null | undefined | false;
  /** A finding with its search text and sort keys, computed once. */
  interface FindingEntry {
    f: PageFinding;
    sev: number;
    st: number;
    arn: string;
    search: string;
  }
  interface FindingQuery {
    severity: Record<string, boolean>;
    status: Record<string, boolean>;
    check: string;
    account: string;
    region: string;
    text: string;
  }
  interface FindingGroup {
    key: string;
    items: FindingEntry[];
    sev: number;
    first: FindingEntry;
  }
  /** One API of the inventory, for the per-API view. */
  interface PageApi {
    key: string;
    accountId: string;
    region: string;
    apiId: string;
    apiName: string;
    apiType: string;
    endpointType: string;
    stages: string[];
  }
  /** Results behind one compliance control. */
  interface ControlStats {
    FAIL: number;
    ERROR: number;
    MANUAL: number;
    PASS: number;
    accepted: number;
    checks: Record<string, boolean>;
  }
  type Attrs = Record<string, string | number | boolean | null | undefined | ((e: Event) => void)>;
}
