/** Stable codes the GraphQL layer maps onto `extensions.code`; expected failures only. */
export type DomainErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN';

/**
 * An expected, user-facing failure raised by a pure domain function. The API edge turns it into
 * a typed GraphQL error instead of masking it, so the message must be safe to show to clients.
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** The input field at fault, when there is one, so forms can point at it. */
    readonly field?: string,
  ) {
    super(message);
  }
}
