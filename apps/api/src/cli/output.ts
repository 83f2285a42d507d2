/**
 * Where the CLI writes: results on stdout (so scripts can capture ids and tokens), progress,
 * warnings and errors on stderr. With `--json` stdout carries only the raw result as JSON.
 */
import type { MutationError, Problem } from './errors.js';

/** A line of progress or a warning, on stderr. */
export function progress(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** A line of the result, on stdout. */
export function result(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** The raw result, as indented JSON on stdout (`--json`). */
export function resultJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Prints `value` as JSON when `json` is set, else the human-readable lines `human` returns
 * (computed only when needed).
 */
export function emit(json: boolean, value: unknown, human: () => readonly string[]): void {
  if (json) resultJson(value);
  else for (const line of human()) result(line);
}

/** A mutation error with its field and every problem, one per line, for stderr. */
export function describeMutationError(error: MutationError): string[] {
  const lines = [`refused: ${error.code}: ${error.message}`];
  if (error.field !== null && error.field !== undefined && error.field !== '') lines.push(`  field: ${error.field}`);
  if (error.problems.length > 0) {
    lines.push(`  ${error.problems.length} problem${error.problems.length === 1 ? '' : 's'}:`);
    for (const problem of error.problems) lines.push(`  - ${problemPlace(problem)}: ${problem.message}`);
  }
  return lines;
}

/**
 * Where a problem is: "line 7, column 9 (participantsLeft)" in a CSV file, "line 3: body" in
 * another file, else its field alone.
 */
function problemPlace(problem: Problem): string {
  if (problem.line === null || problem.line === undefined) return problem.field;
  if (problem.column === null || problem.column === undefined) return `line ${problem.line}: ${problem.field}`;
  return `line ${problem.line}, column ${problem.column} (${problem.field})`;
}

/** An ISO instant for humans: unchanged, since it is unambiguous and sorts. */
export const instant = (value: string | null | undefined): string => value ?? '—';
