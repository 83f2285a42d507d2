import { GraphQLError, Kind, type ValueNode } from 'graphql';
import { DomainError } from '../domain/errors.js';
import { formatMonth, parseDateOnly, parseMonth } from '../domain/period.js';
import { builder } from './builder.js';

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Scalar parse errors must carry a code too; graphql-js reports a thrown GraphQLError as is. */
function parsing<T>(scalar: string, parse: (value: string) => T) {
  const fromString = (value: unknown): T => {
    if (typeof value !== 'string')
      throw new GraphQLError(`${scalar} must be a string`, { extensions: { code: 'BAD_USER_INPUT' } });
    try {
      return parse(value);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
    }
  };
  return {
    parseValue: fromString,
    parseLiteral: (node: ValueNode) => fromString(node.kind === Kind.STRING ? node.value : undefined),
  };
}

builder.scalarType('Date', {
  description: 'A calendar date, YYYY-MM-DD (UTC). "The terms on date D" include versions effective at any time on D.',
  serialize: (value) => value.toISOString().slice(0, 10),
  ...parsing('Date', (value) => parseDateOnly(value, 'date')),
});

builder.scalarType('DateTime', {
  description: 'An instant, ISO 8601 with a time zone, e.g. 2023-08-07T00:00:00.000Z.',
  serialize: (value) => value.toISOString(),
  ...parsing('DateTime', (value) => {
    const date = new Date(value);
    if (!ISO_DATE_TIME.test(value) || Number.isNaN(date.getTime())) {
      throw new DomainError('BAD_USER_INPUT', `DateTime must be ISO 8601 with a time zone, got "${value}"`);
    }
    return date;
  }),
});

builder.scalarType('Month', {
  description: 'A calendar month, YYYY-MM.',
  serialize: (value) => value,
  ...parsing('Month', (value) => formatMonth(parseMonth(value, 'month'))),
});
