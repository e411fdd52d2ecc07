/**
 * --shard K/N: which accounts one of N machines scans. The shard of an account depends on its ID
 * alone (a hash, not its position in a list), so N shards never overlap, never miss an account,
 * and an account that joins or leaves the organization moves no other account between shards.
 */
import { createHash } from 'node:crypto';

export interface Shard {
  /** 1-based, as typed. */
  index: number;
  count: number;
}

export function shardOf(accountId: string, count: number): number {
  const digest = createHash('sha256').update(accountId).digest();
  return (digest.readUInt32BE(0) % count) + 1;
}

export function inShard(accountId: string, shard: Shard | undefined): boolean {
  return !shard || shardOf(accountId, shard.count) === shard.index;
}
