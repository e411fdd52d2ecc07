/**
 * --org: the accounts of an AWS Organization, from its management account or a delegated
 * administrator. ListAccounts is the list of record; a walk down the OU tree (one
 * ListOrganizationalUnitsForParent and one ListAccountsForParent per OU) places each account,
 * giving its OU path for the reports and the OU IDs that --accounts/--exclude-accounts may name.
 * The walk costs two calls per OU, where asking each account's parents would cost one per
 * account per level.
 */
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import {
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListRootsCommand,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { CredentialsError } from '../errors.js';
import { errorCode, errorMessage } from './context.js';

export interface OrgAccount {
  accountId: string;
  name?: string;
  /** OU names from the root down, "Root/Workloads/Prod". */
  ouPath?: string;
  /** OU IDs from the root down (the root's ID first). */
  ouIds: string[];
}

interface Placement {
  path: string;
  ids: string[];
}

async function all<T>(
  fetch: (token: string | undefined) => Promise<{ items?: T[]; next?: string }>,
): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const page = await fetch(token);
    out.push(...(page.items ?? []));
    token = page.next || undefined;
  } while (token);
  return out;
}

async function placements(org: OrganizationsClient): Promise<Map<string, Placement>> {
  const placed = new Map<string, Placement>();
  const roots = await all(async (NextToken) => {
    const r = await org.send(new ListRootsCommand({ NextToken }));
    return { items: r.Roots, next: r.NextToken };
  });
  const queue: Array<{ id: string; path: string; ids: string[] }> = roots.map((r) => ({
    id: r.Id!,
    path: r.Name ?? 'Root',
    ids: [r.Id!],
  }));
  while (queue.length) {
    const parent = queue.shift()!;
    const accounts = await all(async (NextToken) => {
      const r = await org.send(
        new ListAccountsForParentCommand({ ParentId: parent.id, NextToken }),
      );
      return { items: r.Accounts, next: r.NextToken };
    });
    for (const a of accounts) placed.set(a.Id!, { path: parent.path, ids: parent.ids });
    const ous = await all(async (NextToken) => {
      const r = await org.send(
        new ListOrganizationalUnitsForParentCommand({ ParentId: parent.id, NextToken }),
      );
      return { items: r.OrganizationalUnits, next: r.NextToken };
    });
    for (const ou of ous) {
      queue.push({
        id: ou.Id!,
        path: `${parent.path}/${ou.Name ?? ou.Id}`,
        ids: [...parent.ids, ou.Id!],
      });
    }
  }
  return placed;
}

/** The organization's active accounts, sorted by ID (so every run and every shard agree). */
export async function discoverOrgAccounts(org: OrganizationsClient): Promise<OrgAccount[]> {
  try {
    const listed = await all(async (NextToken) => {
      const r = await org.send(new ListAccountsCommand({ NextToken }));
      return { items: r.Accounts, next: r.NextToken };
    });
    const placed = await placements(org);
    return listed
      .filter((a) => (a.State ?? a.Status ?? 'ACTIVE') === 'ACTIVE')
      .map((a) => {
        const p = placed.get(a.Id!);
        return {
          accountId: a.Id!,
          ...(a.Name ? { name: a.Name } : {}),
          ...(p ? { ouPath: p.path } : {}),
          ouIds: p?.ids ?? [],
        };
      })
      .sort((a, b) => a.accountId.localeCompare(b.accountId));
  } catch (err) {
    throw new CredentialsError(
      `--org: cannot list the organization's accounts (${errorCode(err)}: ${errorMessage(err)}); ` +
        'run from the management account or a delegated administrator',
    );
  }
}

/** The account the credentials belong to (the organization's own, which has no member role). */
export async function callerAccountId(sts: STSClient): Promise<string | undefined> {
  return (await sts.send(new GetCallerIdentityCommand({}))).Account;
}
