/**
 * The guarantee "no verdict on data that was not read", tested for the whole catalog at once.
 * Every check runs over the rich snapshot, then again with each slice it reads marked as failed
 * to collect at one place (one region for a region slice, one API, domain, web ACL or trail for
 * a sub-slice), and a third time with that data collected but empty. Then:
 * - results outside the blanked region are untouched;
 * - in the region, a result other than ERROR must be one the clean run gave (same status and
 *   severity) and one the emptied run gives too: a verdict that changes with the data cannot
 *   stand when the data is missing;
 * - an ERROR names the failed collection;
 * - for an API's sub-slice, results on other APIs are untouched;
 * - a clean result that disappears has an ERROR in its place (on it or on what contains it).
 * Pairs (check, slice) that never give an ERROR anywhere are listed and must be explained.
 */
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../checks/index.js';
import { defineCheck } from '../../checks/lib/define.js';
import { ref } from '../../checks/lib/resources.js';
import template from '../../checks/rest-execution-logging.js';
import type { Check, CheckResult } from '../../src/engine/check.js';
import { sliceRow, type Slice } from '../../src/snapshot/slices.js';
import type { RegionSnapshot, Snapshot } from '../../src/snapshot/types.js';
import { NOW } from '../helpers/check-table.js';
import { RICH_CONFIG, richSnapshot } from '../helpers/rich-snapshot.js';
import { watchSlices } from '../helpers/slice-guard.js';
import { resultKey, standsInFor, verdictOf } from '../helpers/verdicts.js';

interface Site {
  slice: Slice;
  accountId: string;
  region: string;
  /** Sub-slices: the item of the parent listing whose field is blanked. */
  item?: { id: string; apiArnPart?: string };
  /** Sets the data at the site: undefined (failed) or the empty value (collected, none). */
  set(snap: Snapshot, value: 'failed' | 'empty'): void;
}

const ITEM_ID: Record<string, (item: Record<string, unknown>) => string> = {
  restApis: (i) => String(i.id),
  v2Apis: (i) => String(i.ApiId),
  domainNames: (i) => String(i.domainName),
  v2DomainNames: (i) => String(i.DomainName),
  webAcls: (i) => String(i.arn),
  trails: (i) => String(i.TrailARN ?? i.Name),
};
const API_ARN_PART: Record<string, string> = { restApis: '/restapis/', v2Apis: '/apis/' };

function emptyOf(slice: Slice): unknown {
  const row = sliceRow(slice);
  if (!row.parent) return row.shape === 'list' ? [] : {};
  if (slice === 'webAcl.loggingConfiguration') return null;
  if (slice.startsWith('trail.')) return {};
  return [];
}

/**
 * Region slices whose collector makes one call per item: a call that failed leaves the slice
 * defined and only that item's part missing (a Lambda function's policy, a certificate, a usage
 * plan's keys, a web ACL's body), with a collection error naming the item.
 */
interface ItemPart {
  ids(region: RegionSnapshot): string[];
  set(region: RegionSnapshot, id: string, value: 'failed' | 'empty'): void;
}
const ITEM_PARTS: Partial<Record<Slice, ItemPart>> = {
  lambdaPolicies: {
    ids: (r) => Object.keys(r.lambdaPolicies ?? {}),
    set(r, id, value) {
      if (value === 'failed') delete r.lambdaPolicies![id];
      else r.lambdaPolicies![id] = { functionArn: id, policy: null };
    },
  },
  certificates: {
    ids: (r) => Object.keys(r.certificates ?? {}),
    set(r, id, value) {
      if (value === 'failed') delete r.certificates![id];
      else r.certificates![id] = { CertificateArn: id };
    },
  },
  usagePlans: {
    ids: (r) => (r.usagePlans ?? []).map((p) => p.id),
    set(r, id, value) {
      const plan = r.usagePlans!.find((p) => p.id === id)!;
      if (value === 'failed') delete plan.keyIds;
      else plan.keyIds = [];
    },
  },
  webAcls: {
    ids: (r) => (r.webAcls ?? []).map((a) => a.arn),
    set(r, id, value) {
      const acl = r.webAcls!.find((a) => a.arn === id)!;
      if (value === 'failed') delete acl.webAcl;
      else acl.webAcl = {};
    },
  },
};

function regionOf(snap: Snapshot, accountId: string, region: string): RegionSnapshot {
  const r = snap.accounts
    .find((a) => a.accountId === accountId)
    ?.regions.find((x) => x.region === region);
  if (!r) throw new Error(`no region ${region}`);
  return r;
}

function sitesOf(snap: Snapshot, slice: Slice): Site[] {
  const row = sliceRow(slice);
  const sites: Site[] = [];
  for (const account of snap.accounts) {
    for (const region of account.regions) {
      const base = { slice, accountId: account.accountId, region: region.region };
      if (row.scope === 'region') {
        sites.push({
          ...base,
          set(s, value) {
            const r = regionOf(s, base.accountId, base.region) as unknown as Record<
              string,
              unknown
            >;
            r[slice] = value === 'failed' ? undefined : emptyOf(slice);
          },
        });
        const part = ITEM_PARTS[slice];
        for (const id of part?.ids(region) ?? []) {
          sites.push({
            ...base,
            item: { id },
            set(s, value) {
              part!.set(regionOf(s, base.accountId, base.region), id, value);
            },
          });
        }
        continue;
      }
      if (!row.parent) continue;
      const parent = row.parent as keyof RegionSnapshot;
      const field = slice.slice(slice.indexOf('.') + 1);
      const items = (region[parent] ?? []) as Array<Record<string, unknown>>;
      for (const item of items) {
        const id = ITEM_ID[row.parent]!(item);
        const apiArnPart = API_ARN_PART[row.parent];
        sites.push({
          ...base,
          item: { id, ...(apiArnPart ? { apiArnPart: `${apiArnPart}${id}` } : {}) },
          set(s, value) {
            const r = regionOf(s, base.accountId, base.region);
            const list = r[parent] as Array<Record<string, unknown>>;
            const target = list.find((x) => ITEM_ID[row.parent!]!(x) === id)!;
            target[field] = value === 'failed' ? undefined : emptyOf(slice);
          },
        });
      }
    }
  }
  return sites;
}

function failedAt(site: Site): Snapshot {
  const snap = richSnapshot();
  site.set(snap, 'failed');
  const op = sliceRow(site.slice).operations[0]!;
  const [service, operation] = op.call.split(':') as [string, string];
  snap.collectionErrors.push({
    slice: site.slice,
    service,
    operation,
    accountId: site.accountId,
    region: site.region,
    ...(site.item ? { resourceId: site.item.id } : {}),
    errorCode: 'AccessDeniedException',
    message: 'injected by the slice-failure meta-test',
  });
  return snap;
}

function emptiedAt(site: Site): Snapshot {
  const snap = richSnapshot();
  site.set(snap, 'empty');
  return snap;
}

const run = (check: Check, snap: Snapshot) => check.run(snap, RICH_CONFIG, NOW);
const keyOf = (r: CheckResult) => resultKey(r);
const verdict = (r: CheckResult) => verdictOf(r);
const inRegion = (site: Site) => (r: CheckResult) =>
  r.resource.accountId === site.accountId && r.resource.region === site.region;
/** A resource of another API than the one whose sub-slice was blanked. */
const onOtherApi = (site: Site) => (r: CheckResult) => {
  const part = site.item?.apiArnPart;
  if (!part) return false;
  const kind = part.slice(0, part.lastIndexOf('/') + 1);
  const arnPath = r.resource.arn.split('::')[1] ?? '';
  return arnPath.startsWith(kind) && !(arnPath === part || arnPath.startsWith(`${part}/`));
};

function citesSite(r: CheckResult, site: Site): boolean {
  const missing = r.evidence.missing;
  const cause = r.evidence.collectionError as { slice?: string } | undefined;
  return missing === site.slice && (!cause || cause.slice === site.slice);
}

interface Violation {
  check: string;
  site: string;
  problem: string;
}

function examine(
  check: Check,
  clean: CheckResult[],
  site: Site,
): { violations: string[]; errored: boolean } {
  // Paths taken only when data is missing are held to the declared reads too.
  const undeclared = new Set<Slice>();
  const faulted = run(
    check,
    watchSlices(failedAt(site), (s) => {
      if (!check.meta.reads.includes(s)) undeclared.add(s);
    }),
  );
  const emptied = run(check, emptiedAt(site));
  const violations: string[] = [...undeclared].map((s) => `read undeclared ${s}`);
  const outside = (rs: CheckResult[]) =>
    rs
      .filter((r) => !inRegion(site)(r))
      .map(verdict)
      .sort();
  if (JSON.stringify(outside(faulted)) !== JSON.stringify(outside(clean))) {
    violations.push('results outside the region changed');
  }
  const otherApis = (rs: CheckResult[]) => rs.filter(onOtherApi(site)).map(verdict).sort();
  if (JSON.stringify(otherApis(faulted)) !== JSON.stringify(otherApis(clean))) {
    violations.push('results on other APIs changed');
  }
  const cleanVerdicts = new Set(clean.map(verdict));
  const emptiedVerdicts = new Set(emptied.map(verdict));
  let errored = false;
  for (const r of faulted.filter(inRegion(site))) {
    if (r.status === 'ERROR') {
      if (!citesSite(r, site)) violations.push(`${verdict(r)} does not name ${site.slice}`);
      else errored = true;
      continue;
    }
    if (!cleanVerdicts.has(verdict(r))) violations.push(`new verdict ${verdict(r)}`);
    else if (!emptiedVerdicts.has(verdict(r)))
      violations.push(`verdict ${verdict(r)} depends on ${site.slice} yet stands without it`);
  }
  const faultedKeys = new Set(faulted.map(keyOf));
  const errors = faulted.filter((r) => r.status === 'ERROR');
  for (const lost of clean.filter((r) => !faultedKeys.has(keyOf(r)))) {
    if (!errors.some((e) => citesSite(e, site) && standsInFor(e, lost)))
      violations.push(`lost ${verdict(lost)} with no ERROR`);
  }
  return { violations, errored };
}

const clean = richSnapshot();
const everySlice = [...new Set(ALL_CHECKS.flatMap((c) => c.meta.reads))];

/**
 * Declared slices that blanking never turns into an ERROR on this snapshot, each with why that
 * is right. Empty: the rich snapshot gives every declared slice something to decide. A pair
 * that shows up here is a check that ignores missing data or declares a slice it does not need.
 */
const NO_ERROR_EXPECTED: Record<string, string> = {};

describe('every check, with each slice it reads failed at one place', () => {
  it('the snapshot offers a site for every slice the catalog reads', () => {
    expect(everySlice.filter((s) => sitesOf(clean, s).length === 0)).toEqual([]);
    // And one item of every per-item collection (a function's policy, a plan's keys...).
    const perItem = Object.keys(ITEM_PARTS) as Slice[];
    expect(perItem.filter((s) => !sitesOf(clean, s).some((site) => site.item))).toEqual([]);
  });

  const neverErrored: string[] = [];
  for (const check of ALL_CHECKS) {
    it(check.meta.id, () => {
      const base = run(check, clean);
      expect(
        base.filter((r) => r.status === 'ERROR'),
        'ERROR in the clean run',
      ).toEqual([]);
      const violations: Violation[] = [];
      for (const slice of check.meta.reads) {
        let errored = false;
        for (const site of sitesOf(clean, slice)) {
          const out = examine(check, base, site);
          errored ||= out.errored;
          const where = `${slice} @ ${site.region}${site.item ? ` ${site.item.id}` : ''}`;
          for (const problem of out.violations)
            violations.push({ check: check.meta.id, site: where, problem });
        }
        if (!errored) neverErrored.push(`${check.meta.id} ${slice}`);
      }
      expect(violations).toEqual([]);
    });
  }

  it('catches a check that takes missing stages for no stages', () => {
    const careless = defineCheck({
      meta: { ...template.meta, id: 'careless', reads: ['restApis', 'restApi.stages'] },
      evaluate(ctx) {
        for (const a of ctx.restApis()) {
          if ((a.api.stages ?? []).length) ctx.fail(ref.restApi(a), 'has stages', {});
          else ctx.pass(ref.restApi(a), 'no stages');
        }
      },
    });
    const cleanRun = run(careless, clean);
    const site = sitesOf(clean, 'restApi.stages')[0]!;
    const out = examine(careless, cleanRun, site);
    expect(out.errored).toBe(false);
    expect(out.violations.some((v) => v.startsWith('new verdict'))).toBe(true);
  });

  it('pairs that never give an ERROR are the explained ones', () => {
    expect(neverErrored.sort()).toEqual(Object.keys(NO_ERROR_EXPECTED).sort());
  });
});
