import { DomainError } from './errors.js';
import type { ClauseInput } from './types.js';

/**
 * Position of each clause by its key. Keys are how a clause is followed across versions, so a
 * duplicate would make comparisons and hashes ambiguous: it is rejected, naming `field`.
 */
export function indexClausesByKey(clauses: readonly ClauseInput[], field: string): Map<string, number> {
  const index = new Map<string, number>();
  clauses.forEach((clause, position) => {
    if (index.has(clause.key)) {
      throw new DomainError('BAD_USER_INPUT', `Clause key "${clause.key}" appears more than once.`, field);
    }
    index.set(clause.key, position);
  });
  return index;
}
