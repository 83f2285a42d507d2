import { GraphQLError, Lexer, Source, TokenKind } from 'graphql';

/**
 * The document's token count as graphql-js's own `parse(…, { maxTokens })` counts it: every
 * token but comments and the end of the file. Counted before parsing, so an oversized document
 * is refused without building its syntax tree. A syntax error stops the count: parsing reports it.
 */
export function tokenCount(source: string): number {
  const lexer = new Lexer(new Source(source));
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) count++;
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
  }
  return count;
}
