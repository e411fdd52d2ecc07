/**
 * Collector defaults that the CLI also shows: kept in a module without the AWS SDK, so the CLI
 * can declare its options without loading it.
 */

/** Regions collected at once across all accounts: the quotas are per region, so this is safe. */
export const DEFAULT_REGION_CONCURRENCY = 4;
