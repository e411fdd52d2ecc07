/**
 * --accounts and --exclude-accounts: each entry an account ID, or (with --org) an OU ID, which
 * stands for every account beneath that OU at any depth.
 */
export interface AccountFilter {
  include?: string[];
  exclude?: string[];
}

export interface FilterableAccount {
  accountId: string;
  /** IDs of the OUs above the account, root first (empty without --org). */
  ouIds?: string[];
}

const matches = (a: FilterableAccount, entry: string) =>
  entry === a.accountId || (a.ouIds ?? []).includes(entry);

export function accountSelected(a: FilterableAccount, filter: AccountFilter): boolean {
  if (filter.include?.length && !filter.include.some((e) => matches(a, e))) return false;
  return !filter.exclude?.some((e) => matches(a, e));
}
