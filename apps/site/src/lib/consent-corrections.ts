/**
 * How a corrected consent figure reads (pure, unit-tested in consent-corrections.test.ts). A row's
 * cells are the figures in force; each published correction carries the figures it replaced, as
 * they were published. A cell is marked only where a correction changed what the public could read
 * (a count, or whether it was suppressed): the figure it replaced then stays beside the new one,
 * and the note under the table says when, why and for which month.
 */

import { CONSENT_COUNT_FIELDS, type ConsentCountField } from '@candor/schema/domain';
import { FIELD_LABELS } from './consent-view';
import type { Cell, ConsentCorrection, ConsentFigures, ConsentRow } from './entry-types';
import { cellInWords, formatMonth } from './format';

const sameCell = (a: Cell, b: Cell): boolean => a.value === b.value && a.suppressed === b.suppressed;

/** Each correction of a row with the figures it replaced and the ones it published, oldest first. */
function steps(row: ConsentRow): { correction: ConsentCorrection; before: ConsentFigures; after: ConsentFigures }[] {
  return row.corrections.map((correction, index) => ({
    correction,
    before: correction.previous,
    after: row.corrections[index + 1]?.previous ?? row,
  }));
}

/**
 * The words beside a corrected cell, e.g. "corrected; was 1,243" (or "…, before that 1,250" after
 * several corrections, newest first); null when no correction changed this cell.
 */
export function correctionMark(row: ConsentRow, field: ConsentCountField): string | null {
  const replaced = steps(row)
    .reverse()
    .filter(({ before, after }) => !sameCell(before[field], after[field]))
    .map(({ before }) => cellInWords(before[field]));
  if (replaced.length === 0) return null;
  const [latest, ...earlier] = replaced;
  return `corrected; was ${latest}${earlier.map((figure) => `, before that ${figure}`).join('')}`;
}

/** One correction as the note under a table lists it. */
export interface CorrectionNote {
  /** The month corrected, "YYYY-MM". */
  period: string;
  /** "September 2024, consumer accounts". */
  where: string;
  correctedAt: Date;
  reason: string;
  /** The correction's hash in the consent-releases chain. */
  contentHash: string;
  /**
   * What changed among the table's columns, in column order ("Eligible accounts from 1,243 to
   * 1,234; …"), or why nothing visible did.
   */
  changes: string;
}

export interface CorrectionNoteOptions {
  /** The segment's short name ("Consumer"), for `where`. */
  segmentName: string;
  /**
   * null: list the corrections that changed one of the table's columns. The columns the page's
   * other tables show: this table also lists every correction that changed none of them, so that
   * no published correction goes unsaid (one that changed only a hidden count, say).
   */
  elsewhere: readonly ConsentCountField[] | null;
}

const NOTHING_VISIBLE = 'No published figure changed: the counts it corrected are suppressed.';

/** "Eligible accounts from 1,243 to 1,234; owners who turned it on from 300 to 291." */
function changesInWords(fields: readonly ConsentCountField[], before: ConsentFigures, after: ConsentFigures): string {
  const parts = fields.map(
    (field, index) =>
      `${index === 0 ? FIELD_LABELS[field] : FIELD_LABELS[field].toLowerCase()} from ${cellInWords(before[field])} to ${cellInWords(after[field])}`,
  );
  return `${parts.join('; ')}.`;
}

/**
 * The corrections of `rows` for one table with these columns (`fields`), by month, then in the
 * order they were published.
 */
export function correctionNotes(
  rows: readonly ConsentRow[],
  fields: readonly ConsentCountField[],
  { segmentName, elsewhere }: CorrectionNoteOptions,
): CorrectionNote[] {
  return [...rows]
    .sort((a, b) => a.period.localeCompare(b.period))
    .flatMap((row) =>
      steps(row).flatMap(({ correction, before, after }) => {
        const changed = (among: readonly ConsentCountField[]) =>
          among.filter((field) => !sameCell(before[field], after[field]));
        const here = changed(fields);
        const listed = here.length > 0 || (elsewhere !== null && changed(elsewhere).length === 0);
        if (!listed) return [];
        // A correction this table lists without a change of its own: say what did change, if anything.
        const shown = here.length > 0 ? here : changed(CONSENT_COUNT_FIELDS);
        return [
          {
            period: row.period,
            where: `${formatMonth(row.period)}, ${segmentName.toLowerCase()} accounts`,
            correctedAt: correction.correctedAt,
            reason: correction.reason,
            contentHash: correction.contentHash,
            changes: shown.length === 0 ? NOTHING_VISIBLE : changesInWords(shown, before, after),
          },
        ];
      }),
    );
}
