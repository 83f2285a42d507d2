/**
 * What a consent-statistics submission may publish, against what is already published (issue
 * 14, "Consent statistics you can trust"). Published figures are never overwritten:
 *
 * - a RELEASE publishes figures for feature × segment × months that have none yet;
 * - a CORRECTION replaces figures that are published, each with a different figure, and the
 *   replaced figure stays on the record (the consent-releases chain and the API) beside its
 *   correction and the correction's reason.
 *
 * Both are checked when submitted and again when published, since another release may have
 * been published in between.
 */
import { CONSENT_COUNT_FIELDS } from './consent-counts.js';
import { DomainError, type ValidationProblem } from './errors.js';
import type { ConsentCounts } from './types.js';

export const CONSENT_RELEASE_KINDS = ['RELEASE', 'CORRECTION'] as const;
export type ConsentReleaseKind = (typeof CONSENT_RELEASE_KINDS)[number];

/** The identity of a published figure. */
export interface ConsentKey {
  feature: string;
  segment: string;
  period: string;
}

/** One key per feature × segment × month, for maps. */
export const consentKey = (row: ConsentKey): string => `${row.feature}\n${row.segment}\n${row.period}`;

const named = (row: ConsentKey) => `${row.feature} × ${row.segment} × ${row.period}`;

/**
 * Every row that the submission may not publish, with its line.
 *
 * @param published the current figure of each key already published (consentKey → counts).
 */
export function releaseConflicts(
  kind: ConsentReleaseKind,
  rows: readonly (ConsentKey & ConsentCounts & { line: number })[],
  published: ReadonlyMap<string, ConsentCounts>,
): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  for (const row of rows) {
    const current = published.get(consentKey(row));
    if (kind === 'RELEASE' && current !== undefined) {
      problems.push({
        field: 'period',
        line: row.line,
        message: `${named(row)} is already published; publish a correction (with its reason) to change it.`,
      });
    } else if (kind === 'CORRECTION' && current === undefined) {
      problems.push({
        field: 'period',
        line: row.line,
        message: `${named(row)} has never been published, so there is nothing to correct; submit it as a release.`,
      });
    } else if (kind === 'CORRECTION' && current !== undefined && sameCounts(current, row)) {
      problems.push({
        field: 'row',
        line: row.line,
        message: `${named(row)} repeats the published figure; leave out rows that do not change.`,
      });
    }
  }
  return problems;
}

export function sameCounts(a: ConsentCounts, b: ConsentCounts): boolean {
  return CONSENT_COUNT_FIELDS.every((field) => a[field] === b[field]);
}

/** A stored figure and the place of the release that published it in the chain (0 = first). */
export interface ChainedFigure<R extends ConsentKey> {
  row: R;
  releaseIndex: number;
}

/**
 * The figure in force for each feature × segment × month — the one published last — and the
 * ones it replaced, oldest first. Keys keep the order in which `figures` first names them.
 */
export function currentFigures<R extends ConsentKey>(
  figures: readonly ChainedFigure<R>[],
): { current: ChainedFigure<R>; replaced: ChainedFigure<R>[] }[] {
  const byKey = new Map<string, ChainedFigure<R>[]>();
  for (const figure of figures) {
    const key = consentKey(figure.row);
    const list = byKey.get(key);
    if (list === undefined) byKey.set(key, [figure]);
    else list.push(figure);
  }
  return [...byKey.values()].map((list) => {
    const ordered = [...list].sort((a, b) => a.releaseIndex - b.releaseIndex);
    return { current: ordered.at(-1) as ChainedFigure<R>, replaced: ordered.slice(0, -1) };
  });
}

/**
 * Who may approve or reject a statistics submission: a publisher or an admin who did not submit
 * it (the two-person rule, as for versions). Publishing an approved one is any publisher's.
 *
 * @throws DomainError FORBIDDEN for an editor, TWO_PERSON_RULE for the submitter.
 */
export function assertMayDecideSubmission(
  actor: { editorId: string; role: 'EDITOR' | 'PUBLISHER' | 'ADMIN' },
  submittedById: string,
  decision: 'approve' | 'reject',
): void {
  if (actor.role === 'EDITOR') {
    throw new DomainError('FORBIDDEN', `Only a publisher or an admin may ${decision} statistics; your role is editor.`);
  }
  if (actor.editorId === submittedById) {
    throw new DomainError(
      'TWO_PERSON_RULE',
      `Statistics must be ${decision === 'approve' ? 'approved' : 'rejected'} by someone other than who submitted them; ask another publisher.`,
    );
  }
}
