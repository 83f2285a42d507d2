import type { DomainError } from '@candor/schema';
import type { MutationError, Problem } from './errors.js';

/** A domain refusal in the shape the API reports refusals, so the CLI prints both alike. */
export function fromDomainError(error: DomainError): MutationError {
  const problems = 'problems' in error && Array.isArray(error.problems) ? (error.problems as Problem[]) : [];
  return { code: error.code, message: error.message, field: error.field ?? null, problems };
}
