import type { ClauseInput } from '@candor/schema/domain';
import { paragraph, seededRandom } from './text.js';

/** `count` clauses of realistic text (about 4 sentences each, ~400 characters). */
export function syntheticClauses(count: number, seed = 1, sentencesPerClause = 4): ClauseInput[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, index) => ({
    key: `c${index + 1}`,
    number: String(index + 1),
    heading: `Clause ${index + 1}`,
    body: paragraph(random, sentencesPerClause),
  }));
}

/**
 * The next version of `clauses`, as an editor would write it: every `editEvery`-th clause
 * amended, one clause in `moveEvery` swapped with a neighbour, and a few clauses added at the end.
 */
export function reviseClauses(
  clauses: readonly ClauseInput[],
  options: { seed?: number; editEvery?: number; moveEvery?: number; added?: number } = {},
): ClauseInput[] {
  const { seed = 2, editEvery = 7, moveEvery = 50, added = 3 } = options;
  const random = seededRandom(seed);
  const revised = clauses.map((clause, index) =>
    index % editEvery === 0 ? { ...clause, body: `${clause.body} ${paragraph(random, 1)}` } : { ...clause },
  );
  for (let index = moveEvery; index < revised.length; index += moveEvery) {
    const previous = revised[index - 1] as ClauseInput;
    revised[index - 1] = revised[index] as ClauseInput;
    revised[index] = previous;
  }
  const start = clauses.length;
  for (let extra = 1; extra <= added; extra++) {
    revised.push({
      key: `c${start + extra}`,
      number: String(start + extra),
      heading: `Clause ${start + extra}`,
      body: paragraph(random, 4),
    });
  }
  return revised;
}
