/**
 * The CSV that `candor stats import --file stats.csv` reads: one row of aggregate consent
 * counts per feature × segment × month.
 *
 *     feature,segment,period,accountsEligible,ownersEnabled,ownersDisabled,ownersUndecided,participantsJoined,participantsLeft
 *     meeting-summary,consumer,2024-05,1200,300,500,400,9100,310
 *     team-chat-compose,education,2024-05,40,0,12,28,,
 *
 * - The header names exactly these nine columns, in any order, spelled as shown (case matters).
 * - RFC 4180: fields separated by commas, records by CRLF or LF; a field in double quotes may
 *   hold commas, line breaks and doubled quotes (`"a ""b"", c"`). A leading byte order mark
 *   (as spreadsheet programs write) is ignored; blank lines are only allowed at the end.
 * - Values are taken as written, without trimming: counts are whole numbers of zero or more
 *   (digits only); participantsJoined and participantsLeft may be empty (unknown); period is a
 *   month YYYY-MM; feature and segment must exist.
 * - Owner decisions must add up to accountsEligible, and a feature × segment × period may
 *   appear only once per file.
 * - The plausibility rules of consent-counts.ts (plausibilityProblems): no month after the
 *   current one or before 2000-01, no count above a billion, participantsJoined and
 *   participantsLeft both given or both empty, and no more participants leaving than joining.
 * - At most 100,000 rows.
 *
 * Every problem of every row is reported at once, with its line (the header is line 1; a row
 * holding a quoted line break is reported at the line where it starts) and, when one cell is at
 * fault, its column (1 for the file's first column) and the column's name.
 */
import { plausibilityProblems, validateConsentCounts } from './consent-counts.js';
import { DomainError, DomainValidationError, type ValidationProblem } from './errors.js';
import { parseMonth } from './period.js';
import type { ConsentCounts } from './types.js';

/** One imported row, shaped like the consent rows of the sample data. */
export interface ConsentCsvRow extends ConsentCounts {
  feature: string;
  segment: string;
  /** "YYYY-MM". */
  period: string;
  /** The line the row starts on (the header is line 1). */
  line: number;
}

export const CONSENT_CSV_COLUMNS = [
  'feature',
  'segment',
  'period',
  'accountsEligible',
  'ownersEnabled',
  'ownersDisabled',
  'ownersUndecided',
  'participantsJoined',
  'participantsLeft',
] as const;
type Column = (typeof CONSENT_CSV_COLUMNS)[number];

export const CONSENT_CSV_MAX_ROWS = 100_000;

const REQUIRED_COUNTS = ['accountsEligible', 'ownersEnabled', 'ownersDisabled', 'ownersUndecided'] as const;
const OPTIONAL_COUNTS = ['participantsJoined', 'participantsLeft'] as const;
const DIGITS = /^\d+$/;

/**
 * Reads and checks a consent statistics CSV (format at the top of this file).
 *
 * @throws DomainValidationError listing every problem with its line and column.
 */
export function parseConsentCsv(
  text: string,
  known: {
    segments: readonly string[];
    features: readonly string[];
    /** "YYYY-MM": the latest month statistics may be for (currentMonthAt(now)). */
    currentMonth: string;
  },
): ConsentCsvRow[] {
  const fail = (problems: ValidationProblem[]): never => {
    throw new DomainValidationError(problems, 'The CSV file');
  };
  // Header, the most rows allowed, and one more to notice that there are too many.
  const { records, problems } = readRecords(text.replace(/^\uFEFF/, ''), CONSENT_CSV_MAX_ROWS + 2);
  const header = records[0];
  if (header === undefined) return fail([{ field: 'header', line: 1, message: 'The file is empty.' }]);
  if (header.broken) return fail(problems.filter((p) => p.line === 1));
  const index = readHeader(header.fields);
  if (!(index instanceof Map)) return fail(index);
  const rows = records.slice(1);
  if (rows.length === 0) fail([{ field: 'row', line: 2, message: 'The file has a header but no rows.' }]);
  if (rows.length > CONSENT_CSV_MAX_ROWS) {
    fail([
      { field: 'row', message: `The file has more than ${CONSENT_CSV_MAX_ROWS} rows; split it into several imports.` },
    ]);
  }

  const features = new Set(known.features);
  const segments = new Set(known.segments);
  const firstLineOf = new Map<string, number>();
  const result: ConsentCsvRow[] = [];
  for (const { fields, line, broken } of rows) {
    // A record that could not be split was reported by readRecords already.
    if (broken) continue;
    const problem = (field: string, message: string): void => {
      const at = index.get(field as Column);
      problems.push(at === undefined ? { field, line, message } : { field, line, column: at + 1, message });
    };
    if (fields.length !== CONSENT_CSV_COLUMNS.length) {
      const count = fields.length === 1 ? '1 field' : `${fields.length} fields`;
      problem('row', `The row has ${count}; the header has ${CONSENT_CSV_COLUMNS.length}.`);
      continue;
    }
    const cell = (column: Column): string => fields[index.get(column) as number] as string;
    const before = problems.length;

    const feature = cell('feature');
    if (!features.has(feature)) problem('feature', `Unknown feature "${feature}".`);
    const segment = cell('segment');
    if (!segments.has(segment)) problem('segment', `Unknown segment "${segment}".`);
    const period = cell('period');
    try {
      parseMonth(period, 'period');
    } catch (error) {
      problem('period', (error as Error).message);
    }
    const counts: Record<string, number | null> = {};
    for (const column of [...REQUIRED_COUNTS, ...OPTIONAL_COUNTS]) {
      const value = cell(column);
      const optional = (OPTIONAL_COUNTS as readonly string[]).includes(column);
      if (value === '' && optional) counts[column] = null;
      else if (DIGITS.test(value) && Number.isSafeInteger(Number(value))) counts[column] = Number(value);
      else
        problem(
          column,
          `${column} must be a whole number of zero or more${optional ? ', or empty' : ''}, got "${value}".`,
        );
    }
    if (problems.length === before) {
      try {
        validateConsentCounts(counts as unknown as ConsentCounts);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        problem(error.field ?? 'row', error.message);
      }
      for (const { field, message } of plausibilityProblems(
        { period, ...(counts as unknown as ConsentCounts) },
        known.currentMonth,
      )) {
        problem(field, message);
      }
    }
    const id = JSON.stringify([feature, segment, period]);
    const earlier = firstLineOf.get(id);
    if (earlier !== undefined) problem('period', `${feature} × ${segment} × ${period} is already on line ${earlier}.`);
    else firstLineOf.set(id, line);

    if (problems.length === before) {
      result.push({ feature, segment, period, ...(counts as unknown as ConsentCounts), line });
    }
  }
  if (problems.length > 0)
    fail(problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)));
  return result;
}

/** Column positions by name, or the problems with the header. */
function readHeader(names: readonly string[]): Map<Column, number> | ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const index = new Map<Column, number>();
  names.forEach((name, i) => {
    if (!(CONSENT_CSV_COLUMNS as readonly string[]).includes(name)) {
      problems.push({ field: 'header', line: 1, column: i + 1, message: `Unknown column "${name}".` });
    } else if (index.has(name as Column)) {
      problems.push({ field: name, line: 1, column: i + 1, message: `Column "${name}" appears twice.` });
    } else index.set(name as Column, i);
  });
  for (const column of CONSENT_CSV_COLUMNS) {
    if (!index.has(column)) {
      problems.push({ field: column, line: 1, message: `Column "${column}" is missing.` });
    }
  }
  if (problems.length > 0) {
    problems.push({
      field: 'header',
      line: 1,
      message: `The header must name exactly these columns, in any order: ${CONSENT_CSV_COLUMNS.join(',')}.`,
    });
    return problems;
  }
  return index;
}

interface CsvRecord {
  fields: string[];
  /** 1-based line where the record starts. */
  line: number;
  /** The record could not be split into fields; a problem says why. */
  broken: boolean;
}

/**
 * Splits RFC 4180 text into records. Stops after `limit` records (the caller only needs to know
 * there are too many). A malformed record is kept, marked broken, so that record positions stay
 * true and the header is still the first. Trailing blank lines are dropped; a blank line elsewhere is a record with
 * one empty field, which the caller reports as a wrong field count.
 */
function readRecords(text: string, limit: number): { records: CsvRecord[]; problems: ValidationProblem[] } {
  const records: CsvRecord[] = [];
  const problems: ValidationProblem[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length && records.length < limit) {
    const start = line;
    const fields: string[] = [];
    let broken = false;
    for (;;) {
      let value = '';
      if (text[i] === '"') {
        i++;
        let closed = false;
        while (i < text.length) {
          const c = text[i] as string;
          if (c === '"') {
            if (text[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (c === '\n') line++;
          value += c;
          i++;
        }
        if (!closed) {
          problems.push({ field: 'row', line: start, message: 'A quoted field is never closed.' });
          broken = true;
        } else if (
          i < text.length &&
          text[i] !== ',' &&
          text[i] !== '\n' &&
          !(text[i] === '\r' && text[i + 1] === '\n')
        ) {
          problems.push({
            field: 'row',
            line,
            message: 'A closing quote must be followed by a comma or the end of the line.',
          });
          broken = true;
        }
      } else {
        while (i < text.length && text[i] !== ',' && text[i] !== '\n' && !(text[i] === '\r' && text[i + 1] === '\n')) {
          if (text[i] === '"' && !broken) {
            problems.push({ field: 'row', line, message: 'A field containing a quote must be enclosed in quotes.' });
            broken = true;
          }
          value += text[i];
          i++;
        }
      }
      if (broken) {
        // Resynchronise at the next line break; the rest of this record cannot be trusted.
        while (i < text.length && text[i] !== '\n') i++;
      }
      fields.push(value);
      if (!broken && text[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') {
      i++;
      line++;
    }
    records.push({ fields, line: start, broken });
  }
  // Blank trailing lines are records holding one empty field; drop them.
  while (records.length > 0 && isBlank(records.at(-1) as CsvRecord)) records.pop();
  return { records, problems };
}

function isBlank(record: CsvRecord): boolean {
  return !record.broken && record.fields.length === 1 && record.fields[0] === '';
}
