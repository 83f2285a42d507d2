import type { PrismaClient } from '../db/client.js';
import type { SampleSegmentKey } from '../sample/segment-keys.js';
import type { SampleWithdrawal } from '../sample/types.js';

/** The seed's one transaction. */
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/** Ids of what the seed wrote before, by sample key. */
export interface SeedIds {
  segments: Map<SampleSegmentKey, string>;
  /** By editor email. */
  editors: Map<string, string>;
}

/**
 * A withdrawal to append once every version and revision is published: the withdrawals chain is
 * one chain across documents and features, in withdrawnAt order.
 */
export interface PendingWithdrawal extends SampleWithdrawal {
  kind: 'version' | 'revision';
  /** The withdrawn version's or revision's id. */
  id: string;
  /** For messages: "terms-of-service 2024-10". */
  label: string;
}

export function required<K, V>(map: Map<K, V>, key: K, what: string): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`sample data refers to an unknown ${what}: ${String(key)}`);
  return value;
}

/**
 * Records of one document or feature must be listed in publication order: the hash chain links
 * each one to the one published before it.
 */
export function assertPublicationOrder(records: readonly { publishedAt: string }[], subject: string): void {
  for (let i = 1; i < records.length; i += 1) {
    const previous = records[i - 1];
    const current = records[i];
    if (previous && current && Date.parse(current.publishedAt) < Date.parse(previous.publishedAt)) {
      throw new Error(`sample data: ${subject} lists its records out of publication order (record ${i + 1})`);
    }
  }
}

/** Whether a record is withdrawn by `at` (its withdrawal happened at or before that instant). */
export const withdrawnBy = (withdrawal: SampleWithdrawal | undefined, at: Date): boolean =>
  withdrawal !== undefined && Date.parse(withdrawal.withdrawnAt) <= at.getTime();

/** Runs the workflow's domain checks on a sample record, naming it in the error. */
export function validated(where: string, check: () => void): void {
  try {
    check();
  } catch (error) {
    throw new Error(`${where}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
